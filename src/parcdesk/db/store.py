"""One office's data file, opened, checked and brought to the current schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from parcdesk.db.connection import APPLICATION_ID, connect, read_header
from parcdesk.db.migrate import refuse_newer, upgrade
from parcdesk.errors import UserError


@dataclass
class Store:
    db: sqlite_utils.Database
    path: Path
    # the copy kept when this opening migrated an older file
    migration_backup: Path | None = field(default=None)

    @property
    def evidence_dir(self) -> Path:
        """Evidence files live beside the database, so one folder holds the whole office."""
        return self.path.with_name(f"{self.path.stem}-tai-lieu")

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def check_file(path: Path) -> None:
    """Refuse, without changing a byte, a file that is not ours or is from a newer version."""
    header = read_header(path)
    if header is None:
        return  # an empty file: SQLite treats it as a new database
    if Path(f"{path}-wal").exists():
        # Open elsewhere, or not checkpointed after a crash: the newest header may be in the WAL.
        header = _header_through_sqlite(path) or header
    version, application_id = header
    if application_id != APPLICATION_ID and not (version == 0 and application_id == 0 and _is_blank(path)):
        raise UserError(f"Tệp {path} không phải là tệp dữ liệu của ParcDesk.")
    refuse_newer(path, version)


def _header_through_sqlite(path: Path) -> tuple[int, int] | None:
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return (conn.execute("PRAGMA user_version").fetchone()[0],
                    conn.execute("PRAGMA application_id").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def _is_blank(path: Path) -> bool:
    """A SQLite file with no tables at all (a freshly created one) may become ours."""
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    finally:
        conn.close()


def open_store(path: str | Path, *, create: bool = False) -> Store:
    path = Path(path).expanduser()
    if path.is_dir():
        raise UserError(f"{path} là một thư mục, không phải tệp dữ liệu.")
    if path.exists():
        check_file(path)
    elif not create:
        raise UserError(
            f"Chưa có tệp dữ liệu {path}; hãy tạo bằng lệnh “parcdesk --db {path} init …”."
        )
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"Không tạo được thư mục {path.parent}: {exc.strerror or exc}.") from exc
    db = connect(path)
    try:
        backup = upgrade(db, path)
    except BaseException:
        db.conn.close()
        raise
    return Store(db=db, path=path, migration_backup=backup)


def open_memory() -> Store:
    """A throwaway store for tests and benchmarks."""
    db = connect(Path(":memory:"))
    upgrade(db, None)
    return Store(db=db, path=Path(":memory:"))
