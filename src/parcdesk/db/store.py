"""One office's data file, opened, checked and brought to the current schema.

- A new office is created only where no file was: a file that exists, even empty (0 bytes) or
  a blank SQLite file, is never initialised. The new file is built under a temporary name and
  renamed when whole, so a run killed while creating leaves no half-made office behind.
- Opening runs SQLite's `quick_check` (about 10 ms on a 5,050-item plan with progress, see the
  README); a damaged file is refused with the sentence that says how to bring back the latest
  backup. Only `check` opens a damaged file (`allow_damaged=True`), read-only.
- `ensure_sound(store)` runs the full `integrity_check`: before a migration, a backup and a
  sign-off.
- Temporary files that killed runs left beside the data file and in its evidence folder are
  swept at every opening.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from parcdesk.db.connection import APPLICATION_ID, StoreError, connect, damaged_sentence, read_header, store_error
from parcdesk.db.files import fsync_folder, sweep_temp_files, temp_path
from parcdesk.db.migrate import refuse_newer, upgrade
from parcdesk.errors import UserError


@dataclass
class Store:
    db: sqlite_utils.Database
    path: Path
    # the copy kept when this opening migrated an older file
    migration_backup: Path | None = field(default=None)
    # quick_check's findings when a damaged file was opened for `check` (read-only); else empty
    damage: list[str] = field(default_factory=list)

    @property
    def evidence_dir(self) -> Path:
        """Evidence files live beside the database, so one folder holds the whole office."""
        return evidence_dir_of(self.path)

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def evidence_dir_of(path: Path) -> Path:
    return path.with_name(f"{path.stem}-tai-lieu")


def check_file(path: Path) -> None:
    """Refuse, without changing a byte, a file that is not ours or is from a newer version."""
    header = read_header(path)
    if header is None:
        raise UserError(
            f"Tệp dữ liệu {path} rỗng (0 byte), không phải dữ liệu của ParcDesk, và được giữ nguyên; nếu đây "
            "là dữ liệu của đơn vị, hãy khôi phục bản sao lưu mới nhất, còn muốn bắt đầu dữ liệu mới thì "
            "hãy chọn một tên tệp khác."
        )
    if Path(f"{path}-wal").exists():
        # Open elsewhere, or not checkpointed after a crash: the newest header may be in the WAL.
        header = _header_through_sqlite(path) or header
    version, application_id = header
    if application_id != APPLICATION_ID:
        raise UserError(f"Tệp {path} không phải là tệp dữ liệu của ParcDesk.")
    refuse_newer(path, version)


def _header_through_sqlite(path: Path) -> tuple[int, int] | None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return (conn.execute("PRAGMA user_version").fetchone()[0],
                    conn.execute("PRAGMA application_id").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def quick_check(db: sqlite_utils.Database) -> list[str]:
    """SQLite's quick check: ["ok"] or what it found (a damaged file may raise StoreError instead)."""
    return [row[0] for row in db.execute("PRAGMA quick_check")]


def full_check(db: sqlite_utils.Database) -> list[str]:
    return [row[0] for row in db.execute("PRAGMA integrity_check")]


def ensure_sound(store: Store, full: bool = True) -> None:
    """Refuse (StoreError "damaged") to go on with a damaged file: call before a migration, a
    backup, a sign-off. `full` runs `integrity_check` (every index against its table), else
    `quick_check`."""
    found = full_check(store.db) if full else quick_check(store.db)
    if found != ["ok"]:
        raise StoreError(damaged_sentence(store.path), "damaged")


def _create(path: Path) -> None:
    """A new office's file: built under a temporary name, checkpointed, flushed, renamed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from parcdesk.db.connection import os_reason

        raise UserError(f"Không tạo được thư mục {path.parent}: {os_reason(exc)}.") from exc
    partial = temp_path(path)
    try:
        db = connect(partial, shown_as=path)
        try:
            upgrade(db, None)
            db.execute("PRAGMA journal_mode = DELETE")  # everything into the one file before the rename
        finally:
            db.conn.close()
        from parcdesk.db.files import publish

        if path.exists():  # created meanwhile by another process: theirs stands
            raise UserError(f"Tệp dữ liệu {path} vừa được tạo bởi một chương trình khác; hãy mở lại.")
        publish(partial, path)
    except OSError as exc:
        from parcdesk.db.connection import os_reason

        raise UserError(f"Không tạo được tệp dữ liệu {path}: {os_reason(exc)}.") from exc
    finally:
        for side in ("", "-journal", "-wal", "-shm"):
            Path(f"{partial}{side}").unlink(missing_ok=True)
    fsync_folder(path.parent)


def open_store(path: str | Path, *, create: bool = False, allow_damaged: bool = False) -> Store:
    """Open an office's data file; `create` makes a new one only where no file is.

    `allow_damaged` is for `check` alone: a damaged file is then opened read-only
    (`Store.damage` says what quick_check found) instead of refused.
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise UserError(f"{path} là một thư mục, không phải tệp dữ liệu.")
    sweep_temp_files(path.parent, path.stem)
    sweep_temp_files(evidence_dir_of(path), path.stem)
    if not path.exists():
        if not create:
            raise UserError(
                f"Chưa có tệp dữ liệu {path}; hãy tạo bằng lệnh “parcdesk --db {path} init …”."
            )
        _create(path)
    check_file(path)
    db = connect(path)
    try:
        damage = _damage(db, path)
        if damage and not allow_damaged:
            raise StoreError(damaged_sentence(path), "damaged")
        if damage:
            db.execute("PRAGMA query_only = ON")
            return Store(db=db, path=path, damage=damage)
        backup = upgrade(db, path)
    except BaseException:
        db.conn.close()
        raise
    return Store(db=db, path=path, migration_backup=backup)


def _damage(db: sqlite_utils.Database, path: Path) -> list[str]:
    """quick_check's findings; a file so damaged that the check itself fails is damaged too."""
    try:
        found = quick_check(db)
    except StoreError as error:
        if error.kind != "damaged":
            raise
        return [str(error.__cause__ or error)]
    return [] if found == ["ok"] else found


def open_memory() -> Store:
    """A throwaway store for tests and benchmarks."""
    db = connect(Path(":memory:"))
    upgrade(db, None)
    return Store(db=db, path=Path(":memory:"))


__all__ = ["Store", "StoreError", "check_file", "ensure_sound", "open_memory", "open_store", "store_error"]
