"""Opening an office's data file: checks before touching it, pragmas, transactions.

A file is looked at byte by byte before SQLite opens it, so that a file that is not
ours, or one written by a newer ParcDesk, is refused without a single byte changing
(opening it in WAL mode would already create side files).
"""

from __future__ import annotations

import sqlite3
import struct
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import sqlite_utils

from parcdesk.errors import UserError

SQLITE_MAGIC = b"SQLite format 3\x00"
# PRAGMA application_id marks the file as ParcDesk's ("PARC").
APPLICATION_ID = 0x50415243


def read_header(path: Path) -> tuple[int, int] | None:
    """(user_version, application_id) from the file header; None for an empty file."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except PermissionError as exc:
        raise UserError(f"Không đọc được tệp dữ liệu {path}: không có quyền truy cập.") from exc
    except OSError as exc:
        raise UserError(f"Không đọc được tệp dữ liệu {path}: {exc.strerror or exc}.") from exc
    if not header:
        return None
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise UserError(f"Tệp {path} không phải là tệp dữ liệu của ParcDesk.")
    user_version, application_id = struct.unpack(">ii", header[60:64] + header[68:72])
    return user_version, application_id


class ParcConnection(sqlite3.Connection):
    """A connection whose `with conn:` does nothing inside our own transaction.

    sqlite-utils wraps each write in `with conn:`, which commits on exit; inside a
    `transaction()` that would commit half of a multi-step change. Here the outermost
    `transaction()` alone decides when to commit.
    """

    managed_depth = 0

    def __enter__(self):
        if self.managed_depth:
            return self
        return super().__enter__()

    def __exit__(self, exc_type, exc, tb):
        if self.managed_depth:
            return False
        return super().__exit__(exc_type, exc, tb)


def connect(path: Path) -> sqlite_utils.Database:
    """Open with autocommit (we issue BEGIN ourselves), WAL and foreign keys."""
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=5.0, factory=ParcConnection)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as exc:
        raise UserError(f"Không mở được tệp dữ liệu {path}: {describe_sqlite_error(exc)}") from exc
    return sqlite_utils.Database(conn)


def describe_sqlite_error(exc: sqlite3.Error) -> str:
    """One Vietnamese phrase for the environment errors an office PC meets."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return "tệp đang bị một chương trình khác khóa, hãy đóng chương trình đó rồi thử lại."
    if "readonly" in text or "read-only" in text:
        return "tệp hoặc thư mục chỉ cho phép đọc, không ghi được."
    if "disk is full" in text or "full" in text:
        return "ổ đĩa đã đầy, hãy giải phóng dung lượng rồi thử lại."
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return "tệp bị hỏng hoặc không phải là tệp dữ liệu."
    if "unable to open" in text:
        return "không mở được tệp (kiểm tra đường dẫn và quyền ghi vào thư mục)."
    return f"lỗi cơ sở dữ liệu ({exc})."


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """All-or-nothing: nested uses become savepoints, so an inner failure undoes only itself."""
    conn = db.conn
    if conn.managed_depth or conn.in_transaction:
        name = f"sp_{id(object())}"
        conn.execute(f"SAVEPOINT {name}")
        conn.managed_depth += 1
        try:
            yield db
        except BaseException:
            conn.execute(f"ROLLBACK TO {name}")
            conn.execute(f"RELEASE {name}")
            raise
        finally:
            conn.managed_depth -= 1
        conn.execute(f"RELEASE {name}")
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise UserError(f"Không ghi được dữ liệu: {describe_sqlite_error(exc)}") from exc
    conn.managed_depth += 1
    try:
        yield db
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        conn.managed_depth -= 1
    try:
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise UserError(f"Không ghi được dữ liệu: {describe_sqlite_error(exc)}") from exc
