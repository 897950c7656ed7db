"""Integrity check and consistent backups of an office's data file.

`check` reports what SQLite's `integrity_check` and `foreign_key_check` find, the schema
version, and the evidence files: rows whose file is missing from the evidence folder or whose
SHA-256 no longer matches the one recorded when it was copied in.

What `check` cannot see: edits lost with a `-wal` file deleted or cut after a crash, when the
main file is still sound by itself (see the README's "The data file"); a change made to the
file by another program that keeps its structure sound.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from parcdesk.db.connection import os_reason
from parcdesk.db.files import copy_database, sweep_temp_files
from parcdesk.db.migrate import schema_version
from parcdesk.db.schema import CURRENT_VERSION
from parcdesk.db.store import Store, ensure_sound
from parcdesk.errors import UserError


@dataclass
class CheckReport:
    schema_version: int
    expected_version: int
    integrity: list[str] = field(default_factory=list)
    foreign_key_problems: list[dict] = field(default_factory=list)
    # evidence rows whose file is gone ("missing") or no longer the one copied in ("changed")
    evidence_problems: list[dict] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        return (
            self.schema_version == self.expected_version
            and self.integrity == ["ok"]
            and not self.foreign_key_problems
            and not self.evidence_problems
        )

    def sentence(self, path) -> str:
        """What is wrong, as one Vietnamese sentence (for a report that is not sound)."""
        problems = []
        if self.schema_version != self.expected_version:
            problems.append(f"lược đồ phiên bản {self.schema_version}, cần {self.expected_version}")
        if self.integrity != ["ok"]:
            problems.append(f"{len(self.integrity)} lỗi cấu trúc (tệp bị hỏng: hãy khôi phục bản sao lưu mới nhất)")
        if self.foreign_key_problems:
            problems.append(f"{len(self.foreign_key_problems)} liên kết hỏng")
        missing = [p for p in self.evidence_problems if p["problem"] == "missing"]
        changed = [p for p in self.evidence_problems if p["problem"] == "changed"]
        if missing:
            problems.append(f"{len(missing)} tài liệu kiểm chứng mất tệp ({_names(missing)})")
        if changed:
            problems.append(f"{len(changed)} tài liệu kiểm chứng có tệp đã bị sửa khác với lúc đính kèm ({_names(changed)})")
        return f"Tệp dữ liệu {path} có lỗi: {'; '.join(problems)}."

    def to_dict(self) -> dict:
        return {
            "ok": self.sound,
            "schema_version": self.schema_version,
            "expected_version": self.expected_version,
            "integrity": self.integrity,
            "foreign_key_problems": self.foreign_key_problems,
            "evidence_problems": self.evidence_problems,
        }


def check_store(store: Store) -> CheckReport:
    """Everything `check` reports; a file too damaged to be read at all raises StoreError."""
    db = store.db
    integrity = [row[0] for row in db.execute("PRAGMA integrity_check")]
    problems = [
        {"table": row[0], "rowid": row[1], "parent": row[2]}
        for row in db.execute("PRAGMA foreign_key_check")
    ]
    evidence = check_evidence_files(store) if integrity == ["ok"] else []
    return CheckReport(schema_version(db), CURRENT_VERSION, integrity, problems, evidence)


def check_evidence_files(store: Store) -> list[dict]:
    """Evidence rows whose stored file is missing or whose SHA-256 differs from the recorded one."""
    from parcdesk.db.evidence import sha256_of

    found = []
    rows = store.db.execute(
        "SELECT id, item_id, period, file_name, stored_path, sha256 FROM evidence "
        "WHERE stored_path IS NOT NULL ORDER BY id"
    ).fetchall()
    digests: dict[str, str | None] = {}  # one file may serve several rows
    for evidence_id, item_id, period, file_name, stored_path, sha in rows:
        if stored_path not in digests:
            path = store.evidence_dir / stored_path
            try:
                digests[stored_path] = sha256_of(path) if path.is_file() else None
            except OSError:
                digests[stored_path] = None
        actual = digests[stored_path]
        if actual is None or (sha and actual != sha):
            found.append({"evidence_id": evidence_id, "item_id": item_id, "period": period,
                          "file_name": file_name, "stored_path": stored_path,
                          "problem": "missing" if actual is None else "changed"})
    return found


def backup_store(store: Store, folder: str | Path, progress=None) -> Path:
    """A consistent, checked copy while the file is in use (SQLite's online backup), named by date
    and time. A damaged data file is refused, not copied as if sound; the copy is written under a
    temporary name, `integrity_check`ed, flushed and renamed (db/files.py).

    `progress(done_pages, total_pages)` is called as the copy goes, for a progress bar.
    """
    folder = Path(folder).expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Không tạo được thư mục sao lưu {folder}: {os_reason(exc)}.") from exc
    sweep_temp_files(folder, store.path.stem)
    ensure_sound(store, full=True)
    stamp = datetime.now().strftime("%Y-%m-%d_%H%M%S")
    target = folder / f"{store.path.stem}_sao-luu_{stamp}.sqlite"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{store.path.stem}_sao-luu_{stamp}_{counter}.sqlite"
    return copy_database(store.db.conn, target, progress, what="bản sao lưu")


def _names(problems: list[dict], shown: int = 3) -> str:
    names = [p["file_name"] or p["stored_path"] for p in problems[:shown]]
    more = f" và {len(problems) - shown} tệp khác" if len(problems) > shown else ""
    return ", ".join(f"“{name}”" for name in names) + more
