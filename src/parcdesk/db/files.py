"""Files the store writes beside the data: written whole or not at all.

Every copy (the one made before a migration, a backup, an evidence file, a new office's data
file) is written under a temporary name of our own, flushed to the disk (fsync), checked where
it is a database, and only then renamed to its final name: a run killed half-way leaves a
temporary file, never a partial copy under a name that looks whole. The temporary name carries
the writer's process id, so that the next start sweeps the temporary files of dead runs and
leaves alone those of a run still going (the window's backup while a command runs).
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from pathlib import Path
from typing import Callable

from parcdesk.db.connection import (
    APPLICATION_ID, NEARLY_FULL_BYTES, StoreError, error_kind, os_reason, store_error,
)
from parcdesk.errors import UserError

TEMP_MARK = "parcdesk-tam"
# <final name>.<pid>.parcdesk-tam, plus the side files SQLite may leave beside a temporary database
_TEMP_NAME = re.compile(rf"^(?P<final>.+)\.(?P<pid>\d+)\.{TEMP_MARK}(-journal|-wal|-shm)?$")
BACKUP_INFIX = "_sao-luu_"
MIGRATION_INFIX = ".truoc-nang-cap-v"


def temp_path(final: Path) -> Path:
    return final.with_name(f"{final.name}.{os.getpid()}.{TEMP_MARK}")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process on Windows
        import ctypes

        kernel = ctypes.windll.kernel32
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _legacy_temp(name: str, stem: str) -> bool:
    """Temporary names of earlier versions: `<stem>_sao-luu_<stamp>.sqlite.tmp`, `<sha12>_<name>.tmp`."""
    if name.startswith(stem + BACKUP_INFIX) and name.endswith(".sqlite.tmp"):
        return True
    return re.match(r"^[0-9a-f]{12}_[A-Za-z0-9._-]*\.tmp$", name) is not None


def sweep_temp_files(folder: Path, stem: str = "") -> list[Path]:
    """Delete the temporary files dead runs left in `folder`; returns what was removed."""
    removed: list[Path] = []
    try:
        entries = [(entry.name, entry.is_dir(follow_symlinks=False)) for entry in os.scandir(folder)]
    except OSError:
        return removed
    for name, is_dir in entries:
        match = _TEMP_NAME.match(name)
        dead = match is not None and not _alive(int(match["pid"]))
        if is_dir and dead:  # a backup's evidence folder still being filled when its run died
            import shutil

            shutil.rmtree(folder / name, ignore_errors=True)
            removed.append(folder / name)
        elif not is_dir and (dead or (stem and _legacy_temp(name, stem))):
            try:
                (folder / name).unlink()
                removed.append(folder / name)
            except OSError:
                pass  # in use or not ours to delete: the next start tries again
    return removed


def fsync_path(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def fsync_folder(folder: Path) -> None:
    """The rename itself reaches the disk only when the folder is flushed (POSIX; NTFS journals it)."""
    if sys.platform == "win32":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def publish(partial: Path, final: Path) -> None:
    """Flush `partial`, rename it to `final`, flush the folder."""
    fsync_path(partial)
    os.replace(partial, final)
    fsync_folder(final.parent)


def copy_file(source: Path, final: Path) -> str:
    """A plain file copied whole or not at all (evidence); returns the SHA-256 of the bytes
    copied (read once, hashed as they are written); OSError as it comes."""
    import hashlib

    partial = temp_path(final)
    digest = hashlib.sha256()
    try:
        with open(source, "rb") as reader, open(partial, "wb") as writer:
            for block in iter(lambda: reader.read(1 << 20), b""):
                digest.update(block)
                writer.write(block)
        publish(partial, final)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return digest.hexdigest()


def copy_database(conn: sqlite3.Connection, final: Path, progress: Callable | None = None,
                  *, what: str, before_publish: Callable[[sqlite3.Connection], None] | None = None) -> Path:
    """A consistent copy of `conn`'s database (SQLite's online backup) at `final`, checked.

    The copy is made under a temporary name, `integrity_check`ed, flushed and renamed; a copy
    that is not sound is deleted and refused. `what` names the copy in the sentence
    ("bản sao lưu", "bản sao trước khi nâng cấp"). `before_publish(copy)` is called with the
    checked copy's connection before it takes its final name (a backup copies its evidence files then, so that
    a backup under its final name always has them beside it).
    """
    partial = temp_path(final)
    try:
        dest = sqlite3.connect(str(partial), isolation_level=None)
        try:
            def report(status, remaining, total):
                if progress:
                    progress(total - remaining, total)

            conn.backup(dest, pages=256, progress=report)
            verdict, marked = _verdict(dest)
            if verdict != ["ok"] or not marked:
                raise UserError(f"Không tạo được {what} tại {final}: bản sao vừa chép không nguyên vẹn nên "
                                "đã bị xóa; hãy kiểm tra ổ đĩa rồi thử lại.")
            if before_publish is not None:
                before_publish(dest)
        finally:
            dest.close()
        publish(partial, final)
    except BaseException as exc:
        for side in ("", "-journal", "-wal", "-shm"):
            Path(f"{partial}{side}").unlink(missing_ok=True)
        # the copy's own faults (its disk full, its folder read-only) are said of the copy
        sorted_error = store_error(exc, final)
        if sorted_error is not None and sorted_error.kind != "damaged":
            raise StoreError(f"Không tạo được {what} tại {final}: {copy_fault(sorted_error.kind, final.parent)}.",
                             sorted_error.kind) from exc
        if isinstance(exc, UserError):
            raise
        if isinstance(exc, OSError):
            raise UserError(f"Không tạo được {what} tại {final}: {os_reason(exc)}.") from exc
        raise
    return final


def _verdict(copy: sqlite3.Connection) -> tuple[list[str], bool]:
    """integrity_check of a fresh copy, and whether it carries our mark; a copy too damaged to be
    checked at all is not sound either."""
    try:
        verdict = [row[0] for row in copy.execute("PRAGMA integrity_check")]
        return verdict, copy.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    except sqlite3.DatabaseError as exc:
        if error_kind(exc) != "damaged":
            raise
        return [str(exc)], False


def copy_fault(kind: str, folder: Path) -> str:
    """Why a copy could not be written into `folder`, and what to do (a phrase)."""
    if kind == "io" and _nearly_full(folder):
        kind = "full"
    if kind == "full":
        return f"ổ đĩa chứa thư mục {folder} đã đầy; hãy giải phóng dung lượng hoặc chọn ổ đĩa khác rồi thử lại"
    if kind in ("readonly", "cantopen", "perm"):
        return (f"thư mục {folder} không ghi được (chỉ cho phép đọc hoặc không có quyền); "
                "hãy chọn thư mục khác rồi thử lại")
    if kind == "busy":
        return "tệp đang bị một chương trình khác khóa; hãy thử lại sau"
    return "ổ đĩa báo lỗi đọc ghi; hãy kiểm tra ổ đĩa rồi thử lại"


def _nearly_full(folder: Path) -> bool:
    import shutil

    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def latest_backup(path: Path) -> Path | None:
    """The newest backup or pre-migration copy we can find beside the data file (or in a
    `sao-luu` folder beside it), for the damaged-file sentence; None when there is none."""
    found = []
    for folder in (path.parent, path.parent / "sao-luu"):
        try:
            for entry in os.scandir(folder):
                name = entry.name
                if (name.startswith(path.stem + BACKUP_INFIX) or name.startswith(path.stem + MIGRATION_INFIX)) \
                        and name.endswith(path.suffix or ".sqlite") and entry.is_file():
                    found.append((entry.stat().st_mtime, Path(entry.path)))
        except OSError:
            continue
    return max(found)[1] if found else None
