"""A backup of an office: its data file and the evidence files the copy's rows point to.

The `.sqlite` alone is not the whole office: the scans of the evidence documents live in the
`<tên>-tai-lieu` folder beside it. A backup `<tên>_sao-luu_<ngày giờ>.sqlite` therefore gets its
own folder `<tên>_sao-luu_<ngày giờ>-tai-lieu` beside it, holding every file its evidence rows
point to, each checked against the SHA-256 recorded when it was attached. Restoring is copying
the two side by side (the restore sentence in db/connection.py says how).

Order, so that a backup under its final name is never without its files: the database is
copied and checked under a temporary name; the evidence files are copied into a folder under a
temporary name (each file itself written under a temporary name, flushed, renamed); the folder
is renamed; only then does the `.sqlite` take its final name. A run killed on the way leaves
temporary names only, which the next backup into that folder sweeps (db/files.py).

Each backup is self-contained: files are copied, never hard-linked to the office's own folder
nor shared with an earlier backup. A hard link is the same file, so a scan altered or damaged in
place in the office folder (a viewer saving over it, a disk fault) would be altered in every
backup too; and a backup usually goes to another drive (a USB stick), where links cannot go.
The cost, measured in bench/bench_backup.py: see the README.

A file that is missing, or no longer the one recorded, does not stop the backup: the officer's
data is saved, and the sentence names what could not be included (missing) or was copied as it
now is (altered, so that nothing the office holds is lost: `check` on the backup says the same).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from parcdesk.db.connection import os_reason
from parcdesk.db.files import copy_database, copy_file, fsync_folder, sweep_temp_files, temp_path
from parcdesk.db.store import Store, ensure_sound, evidence_dir_of
from parcdesk.errors import UserError


@dataclass
class Backup:
    path: Path
    evidence_dir: Path | None = None  # None when the office has no evidence files
    copied: int = 0
    # file names (as attached) whose stored file was gone, or differs from its recorded SHA-256
    missing: list[str] = field(default_factory=list)
    altered: list[str] = field(default_factory=list)

    @property
    def whole(self) -> bool:
        return not self.missing and not self.altered

    def sentence(self) -> str:
        """What was saved, as one Vietnamese sentence; what could not be included, if anything."""
        files = (f" cùng {self.copied} tệp tài liệu kiểm chứng trong thư mục {self.evidence_dir}"
                 if self.evidence_dir is not None else "")
        said = f"Đã sao lưu vào {self.path}{files}"
        if self.missing:
            said += (f"; không đưa được vào bản sao {len(self.missing)} tệp tài liệu kiểm chứng vì tệp không "
                     f"còn trong thư mục tài liệu của đơn vị ({quoted_names(self.missing)})")
        if self.altered:
            said += (f"; {len(self.altered)} tệp tài liệu kiểm chứng đã bị sửa khác với lúc đính kèm và được "
                     f"chép nguyên như hiện có ({quoted_names(self.altered)})")
        if not self.whole:
            said += "; hãy đính kèm lại các tệp này từ bản gốc rồi sao lưu lại"
        return said + "."

    def to_dict(self) -> dict:
        return {"backup": str(self.path), "evidence_dir": str(self.evidence_dir) if self.evidence_dir else None,
                "evidence_copied": self.copied, "evidence_missing": self.missing,
                "evidence_altered": self.altered, "whole": self.whole}


def backup_store(store: Store, folder: str | Path, progress=None) -> Backup:
    """A consistent, checked copy while the file is in use (SQLite's online backup), named by date
    and time, with its evidence files. A damaged data file is refused, not copied as if sound.

    `progress(done_pages, total_pages)` is called as the database copy goes, for a progress bar.
    """
    folder = Path(folder).expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Không tạo được thư mục sao lưu {folder}: {os_reason(exc)}.") from exc
    sweep_temp_files(folder, store.path.stem)
    ensure_sound(store, full=True)
    target = _free_name(folder, store.path.stem)
    result = Backup(target)

    def with_evidence(copy: sqlite3.Connection) -> None:
        _copy_evidence(copy, store.evidence_dir, evidence_dir_of(target), result)

    try:
        copy_database(store.db.conn, target, progress, what="bản sao lưu", before_publish=with_evidence)
    except BaseException:
        if result.evidence_dir is not None:  # the folder of a copy that never took its name
            shutil.rmtree(result.evidence_dir, ignore_errors=True)
        raise
    return result


def _free_name(folder: Path, stem: str) -> Path:
    stamp = datetime.now().strftime("%Y-%m-%d_%H%M%S")
    target = folder / f"{stem}_sao-luu_{stamp}.sqlite"
    counter = 1
    while target.exists() or evidence_dir_of(target).exists():
        counter += 1
        target = folder / f"{stem}_sao-luu_{stamp}_{counter}.sqlite"
    return target


def evidence_files_of(copy: sqlite3.Connection) -> dict[str, tuple[str | None, list[str]]]:
    """stored name → (recorded SHA-256, the names the files were attached under), for the rows
    of a database copy (one stored file may serve several rows)."""
    found: dict[str, tuple[str | None, list[str]]] = {}
    for stored, sha, file_name in copy.execute(
        "SELECT stored_path, sha256, file_name FROM evidence WHERE stored_path IS NOT NULL ORDER BY id"
    ):
        _, names = found.setdefault(stored, (sha, []))
        names.append(file_name or stored)
    return found


def _copy_evidence(copy: sqlite3.Connection, source_dir: Path, final_dir: Path, result: Backup) -> None:
    files = evidence_files_of(copy)
    if not files:
        return
    partial_dir = temp_path(final_dir)
    try:
        partial_dir.mkdir()
        for stored, (sha, names) in files.items():
            source = source_dir / stored
            if Path(stored).name != stored or not source.is_file():  # a bare name, as evidence.py writes
                result.missing.extend(names)
                continue
            if copy_file(source, partial_dir / stored) != sha and sha:
                result.altered.extend(names)
            result.copied += 1
        fsync_folder(partial_dir)
        os.replace(partial_dir, final_dir)
        fsync_folder(final_dir.parent)
    except BaseException as exc:
        shutil.rmtree(partial_dir, ignore_errors=True)
        if isinstance(exc, OSError):
            raise UserError(f"Không chép được tài liệu kiểm chứng vào bản sao lưu {final_dir}: "
                            f"{os_reason(exc)}.") from exc
        raise
    result.evidence_dir = final_dir


def quoted_names(names: list[str], shown: int = 3) -> str:
    """“a”, “b”, “c” và 2 tệp khác: the files a sentence names."""
    more = f" và {len(names) - shown} tệp khác" if len(names) > shown else ""
    return ", ".join(f"“{name}”" for name in names[:shown]) + more
