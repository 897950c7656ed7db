"""Opening an office's data file: checks before touching it, pragmas, transactions, and the one
place where SQLite's errors are sorted into the environment's fault and bugs.

A file is looked at byte by byte before SQLite opens it, so that a file that is not
ours, or one written by a newer ParcDesk, is refused without a single byte changing
(opening it in WAL mode would already create side files).

Every statement the store runs goes through `ParcConnection` / `ParcCursor`, sqlite-utils'
included (it calls `conn.execute`), and rows are fetched through them too (a damaged page is
often met while stepping, not while preparing). An error whose primary result code says the
environment stopped us (disk full, read-only, locked, I/O, damaged, cannot open, no permission)
becomes a `StoreError`: one Vietnamese sentence with the data file's path and what to do.
Anything else (a syntax error, a constraint, misuse) stays what it is: a bug, or a constraint the
caller handles.

Durability (see the README's "The data file"): WAL with `synchronous = FULL`, so a transaction
reported as saved survives a power cut; and a checkpoint after every commit
(`wal_autocheckpoint = 1`), so that the main file itself holds every acknowledged edit and a
`-wal` file lost or deleted after a crash can take at most the transaction that was being
checkpointed when the crash came.
"""

from __future__ import annotations

import shutil
import sqlite3
import struct
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Iterator

import sqlite_utils

from parcdesk.errors import UserError

SQLITE_MAGIC = b"SQLite format 3\x00"
# PRAGMA application_id marks the file as ParcDesk's ("PARC").
APPLICATION_ID = 0x50415243
# Less than this free on the data file's disk, an I/O error is the full disk saying so late
# (SQLite reports a failed -shm extension or a short write as SQLITE_IOERR, not SQLITE_FULL).
NEARLY_FULL_BYTES = 1 << 20


class StoreError(UserError):
    """The environment stopped the store: `kind` is one of full, readonly, busy, io, damaged,
    cantopen, perm, moved; the message is the officer's sentence."""

    def __init__(self, message: str, kind: str):
        super().__init__(message)
        self.kind = kind


# primary result code → kind (https://sqlite.org/rescode.html)
_KINDS = {
    sqlite3.SQLITE_FULL: "full",
    sqlite3.SQLITE_READONLY: "readonly",
    sqlite3.SQLITE_BUSY: "busy",
    sqlite3.SQLITE_LOCKED: "busy",
    sqlite3.SQLITE_PROTOCOL: "busy",
    sqlite3.SQLITE_IOERR: "io",
    sqlite3.SQLITE_CORRUPT: "damaged",
    sqlite3.SQLITE_NOTADB: "damaged",
    sqlite3.SQLITE_CANTOPEN: "cantopen",
    sqlite3.SQLITE_PERM: "perm",
    sqlite3.SQLITE_AUTH: "perm",
    sqlite3.SQLITE_NOLFS: "full",
}


def error_kind(exc: BaseException) -> str | None:
    """The environment's kind of fault for a sqlite3 error, or None for a bug."""
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(exc, sqlite3.Error) or code is None:
        return None
    if code == sqlite3.SQLITE_READONLY_DBMOVED:
        return "moved"
    return _KINDS.get(code & 0xFF)


def _free_bytes(path: Path | None) -> int | None:
    if path is None:
        return None
    try:
        return shutil.disk_usage(path.parent if path.parent != Path("") else Path(".")).free
    except OSError:
        return None


def _writable(folder: Path) -> bool:
    import os

    return os.access(folder, os.W_OK)


def damaged_sentence(path: Path | None) -> str:
    """The damaged file's sentence: it is not written to, and how to bring back the latest backup."""
    if path is None:
        return "Tệp dữ liệu đang mở bị hỏng nên ParcDesk không ghi vào tệp này."
    return f"Tệp dữ liệu {path} bị hỏng nên ParcDesk không ghi vào tệp này; {restore_advice(path)}."


def restore_advice(path: Path) -> str:
    """How to bring back the latest backup of `path` (a phrase, no full stop): the backup's
    `.sqlite` and the evidence files in its `-tai-lieu` folder travel together."""
    from parcdesk.db.files import latest_backup  # files imports this module

    found = latest_backup(path)
    name = found.stem if found is not None else f"{path.stem}_sao-luu_<ngày giờ>"
    copy = (f"bản sao lưu mới nhất tìm thấy là {found}" if found is not None
            else f"bản sao lưu mới nhất là tệp “{path.stem}_sao-luu_<ngày giờ>.sqlite” mới nhất "
                 "trong thư mục đã chọn khi sao lưu")
    return (f"để khôi phục, hãy đóng ParcDesk, đổi tên tệp hỏng (để giữ lại), rồi chép bản sao lưu mới nhất "
            f"vào {path.absolute().parent} với tên {path.name} và chép các tệp trong thư mục “{name}-tai-lieu” "
            f"đi kèm bản sao (nếu có) vào thư mục “{path.stem}-tai-lieu” bên cạnh ({copy})")


def describe_store_error(kind: str, path: Path | None) -> str:
    """One Vietnamese sentence: what stopped us, on which file, and what to do."""
    where = path if path is not None else "đang mở"
    if kind == "cantopen" and path is not None and path.exists() and not _writable(path.parent):
        kind = "readonly"  # a WAL file in a read-only folder cannot make its -shm: say why
    if kind == "io":
        free = _free_bytes(path)
        if free is not None and free < NEARLY_FULL_BYTES:
            kind = "full"
    if kind == "full":
        folder = path.parent if path is not None else "chứa tệp dữ liệu"
        return (f"Không ghi được vào tệp dữ liệu {where}: ổ đĩa chứa thư mục {folder} đã đầy; hãy giải "
                "phóng dung lượng rồi thử lại, những gì đã lưu trước đó vẫn nguyên vẹn.")
    if kind == "readonly":
        return (f"Không ghi được vào tệp dữ liệu {where}: tệp hoặc thư mục chứa nó chỉ cho phép đọc; "
                "hãy bỏ thuộc tính chỉ đọc (hoặc chép tệp sang một thư mục ghi được) rồi thử lại.")
    if kind == "busy":
        return (f"Tệp dữ liệu {where} đang bị một chương trình khác khóa; hãy đóng chương trình đó "
                "(hoặc đợi nó làm xong) rồi thử lại.")
    if kind == "damaged":
        return damaged_sentence(path)
    if kind == "cantopen":
        return (f"Không mở được tệp dữ liệu {where}: hãy kiểm tra ổ đĩa, đường dẫn và quyền ghi vào "
                "thư mục chứa tệp rồi thử lại.")
    if kind == "perm":
        return (f"Không có quyền truy cập tệp dữ liệu {where}; hãy kiểm tra quyền của tài khoản Windows "
                "đối với tệp và thư mục này rồi thử lại.")
    if kind == "moved":
        return (f"Tệp dữ liệu {where} đã bị di chuyển, đổi tên hoặc xóa trong lúc ParcDesk đang mở nó; "
                "hãy đưa tệp về chỗ cũ rồi mở lại ParcDesk.")
    return (f"Không đọc ghi được tệp dữ liệu {where}: ổ đĩa báo lỗi (ổ bị rút ra, hỏng hoặc mất kết nối "
            "mạng); hãy kiểm tra ổ đĩa rồi thử lại.")


def store_error(exc: BaseException, path: Path | None) -> StoreError | None:
    """The StoreError for an environment fault; None when `exc` is a bug (or a constraint)."""
    if isinstance(exc, StoreError):
        return exc
    kind = error_kind(exc)
    if kind is None:
        return None
    return StoreError(describe_store_error(kind, path), kind)


def _path_of(conn) -> Path | None:
    return getattr(conn, "data_path", None)


def _sorted_errors(method, conn_of):
    """`method` with sqlite3 errors sorted: environment → StoreError, anything else unchanged."""
    @wraps(method)
    def sorted_method(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            error = store_error(exc, _path_of(conn_of(self)))
            if error is None:
                raise
            raise error from exc
    return sorted_method


def _cursor_conn(cursor):
    return cursor.connection


def _self(conn):
    return conn


class ParcCursor(sqlite3.Cursor):
    """Every statement and every fetched row goes through the sorting of errors."""

    execute = _sorted_errors(sqlite3.Cursor.execute, _cursor_conn)
    executemany = _sorted_errors(sqlite3.Cursor.executemany, _cursor_conn)
    executescript = _sorted_errors(sqlite3.Cursor.executescript, _cursor_conn)
    fetchone = _sorted_errors(sqlite3.Cursor.fetchone, _cursor_conn)
    fetchmany = _sorted_errors(sqlite3.Cursor.fetchmany, _cursor_conn)
    fetchall = _sorted_errors(sqlite3.Cursor.fetchall, _cursor_conn)

    def __next__(self):  # written out: it runs once per row, a decorator's extra frame shows
        try:
            return _next_row(self)
        except sqlite3.Error as exc:
            error = store_error(exc, _path_of(self.connection))
            if error is None:
                raise
            raise error from exc


_next_row = sqlite3.Cursor.__next__


class ParcConnection(sqlite3.Connection):
    """The store's connection: errors sorted (see the module's docstring), and a `with conn:`
    that does nothing inside our own transaction.

    sqlite-utils wraps each write in `with conn:`, which commits on exit; inside a
    `transaction()` that would commit half of a multi-step change. Here the outermost
    `transaction()` alone decides when to commit.
    """

    managed_depth = 0
    data_path: Path | None = None  # named in the sentences

    def cursor(self, factory=None):
        return super().cursor(factory or ParcCursor)

    # sqlite3.Connection.execute makes a plain cursor in C: route it through ours instead
    def execute(self, sql, parameters=()):
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql, parameters):
        return self.cursor().executemany(sql, parameters)

    def executescript(self, script):
        return self.cursor().executescript(script)

    commit = _sorted_errors(sqlite3.Connection.commit, _self)
    backup = _sorted_errors(sqlite3.Connection.backup, _self)

    def __enter__(self):
        if self.managed_depth:
            return self
        return super().__enter__()

    def __exit__(self, exc_type, exc, tb):
        if self.managed_depth:
            return False
        if exc_type is not None:
            _quietly(lambda: super(ParcConnection, self).__exit__(exc_type, exc, tb))  # the rollback
            return False
        try:
            return super().__exit__(exc_type, exc, tb)
        except sqlite3.Error as failed:
            error = store_error(failed, self.data_path)
            if error is None:
                raise
            raise error from failed


def read_header(path: Path) -> tuple[int, int] | None:
    """(user_version, application_id) from the file header; None for an empty file."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except PermissionError as exc:
        raise UserError(f"Không đọc được tệp dữ liệu {path}: không có quyền truy cập.") from exc
    except OSError as exc:
        raise UserError(f"Không đọc được tệp dữ liệu {path}: {os_reason(exc)}.") from exc
    if not header:
        return None
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise UserError(f"Tệp {path} không phải là tệp dữ liệu của ParcDesk.")
    user_version, application_id = struct.unpack(">ii", header[60:64] + header[68:72])
    return user_version, application_id


def os_reason(exc: OSError) -> str:
    """A Vietnamese phrase for an operating-system error met while copying or opening files."""
    import errno

    number = getattr(exc, "errno", None)
    if number == errno.ENOSPC or getattr(exc, "winerror", None) == 112:
        return "ổ đĩa đã đầy"
    if number in (errno.EACCES, errno.EPERM):
        return "không có quyền ghi hoặc đọc"
    if number == errno.EROFS:
        return "ổ đĩa chỉ cho phép đọc"
    if number == errno.ENOENT:
        return "không tìm thấy tệp hoặc thư mục"
    if number == errno.EIO:
        return "ổ đĩa báo lỗi đọc ghi"
    return "lỗi hệ thống tệp" + (f" (mã {number})" if number else "")


def connect(path: Path, *, shown_as: Path | None = None) -> sqlite_utils.Database:
    """Open with autocommit (we issue BEGIN ourselves), WAL, synchronous FULL, foreign keys.

    `shown_as` is the path the sentences name (a new office is built under a temporary name).
    """
    named = None if str(path) == ":memory:" else (shown_as or path)
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=5.0, factory=ParcConnection)
    except sqlite3.Error as exc:
        raise (store_error(exc, named) or StoreError(describe_store_error("cantopen", named), "cantopen")) from exc
    conn.data_path = named
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA wal_autocheckpoint = 1")
    except BaseException:
        conn.close()
        raise
    return sqlite_utils.Database(conn)


def _quietly(action) -> None:
    """Run a clean-up step whose own failure must not hide the error being handled."""
    try:
        action()
    except (sqlite3.Error, StoreError):
        pass


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """All-or-nothing: nested uses become savepoints, so an inner failure undoes only itself.

    On the way out of a failure the first error is the one raised: SQLite may already have
    rolled the whole transaction back by itself (disk full, I/O error), and the ROLLBACK that
    then fails ("no transaction is active") must not hide why.
    """
    conn = db.conn
    if conn.managed_depth or conn.in_transaction:
        name = f"sp_{id(object())}"
        conn.execute(f"SAVEPOINT {name}")
        conn.managed_depth += 1
        try:
            yield db
        except BaseException:
            if conn.in_transaction:
                _quietly(lambda: conn.execute(f"ROLLBACK TO {name}"))
                _quietly(lambda: conn.execute(f"RELEASE {name}"))
            raise
        finally:
            conn.managed_depth -= 1
        conn.execute(f"RELEASE {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    conn.managed_depth += 1
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            _quietly(lambda: conn.execute("ROLLBACK"))
        raise
    finally:
        conn.managed_depth -= 1
    try:
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            _quietly(lambda: conn.execute("ROLLBACK"))
        raise
