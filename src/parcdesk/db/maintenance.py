"""Integrity check and consistent backups of an office's data file."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from parcdesk.db.connection import describe_sqlite_error
from parcdesk.db.migrate import schema_version
from parcdesk.db.schema import CURRENT_VERSION
from parcdesk.db.store import Store
from parcdesk.errors import UserError


@dataclass
class CheckReport:
    schema_version: int
    expected_version: int
    integrity: list[str] = field(default_factory=list)
    foreign_key_problems: list[dict] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        return (
            self.schema_version == self.expected_version
            and self.integrity == ["ok"]
            and not self.foreign_key_problems
        )

    def to_dict(self) -> dict:
        return {
            "ok": self.sound,
            "schema_version": self.schema_version,
            "expected_version": self.expected_version,
            "integrity": self.integrity,
            "foreign_key_problems": self.foreign_key_problems,
        }


def check_store(store: Store) -> CheckReport:
    db = store.db
    try:
        integrity = [row[0] for row in db.execute("PRAGMA integrity_check")]
        problems = [
            {"table": row[0], "rowid": row[1], "parent": row[2]}
            for row in db.execute("PRAGMA foreign_key_check")
        ]
    except sqlite3.DatabaseError as exc:
        raise UserError(f"Không kiểm tra được tệp dữ liệu {store.path}: {describe_sqlite_error(exc)}") from exc
    return CheckReport(schema_version(db), CURRENT_VERSION, integrity, problems)


def backup_store(store: Store, folder: str | Path, progress=None) -> Path:
    """A consistent copy while the file is in use (SQLite's online backup), named by date and time.

    `progress(done_pages, total_pages)` is called as the copy goes, for a progress bar.
    """
    folder = Path(folder).expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Không tạo được thư mục sao lưu {folder}: {exc.strerror or exc}.") from exc
    stamp = datetime.now().strftime("%Y-%m-%d_%H%M%S")
    target = folder / f"{store.path.stem}_sao-luu_{stamp}.sqlite"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{store.path.stem}_sao-luu_{stamp}_{counter}.sqlite"
    partial = target.with_suffix(".sqlite.tmp")
    try:
        dest = sqlite3.connect(str(partial))
        try:
            def report(status, remaining, total):
                if progress:
                    progress(total - remaining, total)

            store.db.conn.backup(dest, pages=256, progress=report)
        finally:
            dest.close()
        partial.replace(target)  # a half-written copy never carries the final name
    except BaseException as exc:
        partial.unlink(missing_ok=True)
        if not isinstance(exc, (sqlite3.Error, OSError)):
            raise  # a cancellation, or a bug: nothing half-written is left behind either way
        reason = describe_sqlite_error(exc) if isinstance(exc, sqlite3.Error) else (exc.strerror or str(exc))
        raise UserError(f"Không sao lưu được vào {folder}: {reason}") from exc
    return target
