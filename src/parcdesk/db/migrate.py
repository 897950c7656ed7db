"""Bringing a data file to the current schema, with a copy of it kept first."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import sqlite_utils

from parcdesk.db.connection import APPLICATION_ID, StoreError, damaged_sentence, transaction
from parcdesk.db.schema import CURRENT_VERSION, MIGRATIONS
from parcdesk.errors import UserError


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def refuse_newer(path: Path, version: int) -> None:
    if version > CURRENT_VERSION:
        raise UserError(
            f"Tệp dữ liệu {path} được tạo bởi phiên bản ParcDesk mới hơn "
            f"(lược đồ {version}, phiên bản này đọc được đến {CURRENT_VERSION}); "
            "hãy cập nhật ParcDesk, tệp được giữ nguyên."
        )


def copy_before_migration(db: sqlite_utils.Database, path: Path, version: int) -> Path:
    """A consistent, checked copy through SQLite's backup API, named after the version it holds;
    written under a temporary name and renamed when whole (see db/files.py)."""
    from parcdesk.db.files import copy_database

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.truoc-nang-cap-v{version}-{stamp}{path.suffix or '.sqlite'}")
    return copy_database(db.conn, target, what="bản sao trước khi nâng cấp")


def ensure_sound_before_migration(db: sqlite_utils.Database, path: Path) -> None:
    """The full check first: a damaged file is neither copied as if sound nor migrated."""
    found = [row[0] for row in db.execute("PRAGMA integrity_check")]
    if found != ["ok"]:
        raise StoreError(damaged_sentence(path), "damaged")


def upgrade(db: sqlite_utils.Database, path: Path | None) -> Path | None:
    """Run the missing migrations; returns the copy made before, if any."""
    version = schema_version(db)
    if path is not None:
        refuse_newer(path, version)
    if version == CURRENT_VERSION:
        return None
    backup = None
    if version > 0 and path is not None:
        ensure_sound_before_migration(db, path)
        backup = copy_before_migration(db, path, version)
    for number in range(version, CURRENT_VERSION):
        with transaction(db):
            for statement in MIGRATIONS[number]:
                db.execute(statement)
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {number + 1}")
    # Put the new header in the main file now, so that the version and the ParcDesk mark can be
    # read from the file's first bytes without opening it (see store.check_file).
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return backup
