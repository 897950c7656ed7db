"""The operation log: every row an operation touches, before and after, so it can be undone.

While an operation runs (`ops.base.operation`), temporary triggers on each data table copy
the old and the new image of every inserted, updated or deleted row into `operation_rows`,
tagged with the operation's id. Undo writes the old images back in reverse order; redo
writes the new ones in order. Nothing in an operation has to remember what to reverse, so
no writer can forget it, and the log lives in the data file: the last operations can still
be undone after the program is closed, and from the command line.

The images are stored column by column (untyped columns b0…/a0…, in the table's column
order), not as JSON, so every value comes back exactly as SQLite held it. That order is the
order of `PRAGMA table_info`; a migration that rebuilds a table (rather than adding a column
at its end) must clear the log — `clear()` — which then simply has nothing left to undo.

Rows are found again by rowid. Nothing in ParcDesk runs VACUUM, which could renumber the
rowids of tables without an INTEGER PRIMARY KEY.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from parcdesk.db.schema import OPLOG_COLUMNS

# Tables whose changes are not undone: the audit trail itself and the log.
UNLOGGED = frozenset({"history", "operations", "operation_rows"})
KEEP_OPERATIONS = 500  # the log keeps the last operations; older ones can no longer be undone


@dataclass
class OperationRecord:
    id: int
    kind: str
    label: str
    plan_id: int | None
    at: str
    source: str
    state: str
    undoable: bool
    merge_key: str | None


@dataclass
class RowChange:
    table: str
    row_key: int
    kind: str  # i, u, d
    before: dict | None
    after: dict | None


def logged_tables(db: sqlite_utils.Database) -> dict[str, list[str]]:
    """Table name → its columns, for every table whose changes an operation can undo."""
    names = [row[0] for row in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    tables = {}
    for name in names:
        if name in UNLOGGED:
            continue
        columns = [row[1] for row in db.execute(f"PRAGMA main.table_info([{name}])")]
        if len(columns) > OPLOG_COLUMNS:
            raise RuntimeError(f"table {name} has more columns than the operation log holds")
        tables[name] = columns
    return tables


def install_capture(db: sqlite_utils.Database) -> None:
    """The temporary triggers of this connection (once per connection; other programs that open
    the file never see them)."""
    conn = db.conn
    if getattr(conn, "parc_capture_installed", False):
        return
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS parc_capture (op INTEGER)")
    if conn.execute("SELECT count(*) FROM temp.parc_capture").fetchone()[0] == 0:
        conn.execute("INSERT INTO temp.parc_capture (op) VALUES (NULL)")
    current = "(SELECT op FROM temp.parc_capture)"
    blanks = ", ".join(["NULL"] * OPLOG_COLUMNS)
    for table, columns in logged_tables(db).items():
        padding = ", NULL" * (OPLOG_COLUMNS - len(columns))
        old = ", ".join(f"OLD.[{c}]" for c in columns) + padding
        new = ", ".join(f"NEW.[{c}]" for c in columns) + padding
        targets = ", ".join([*(f"b{n}" for n in range(OPLOG_COLUMNS)), *(f"a{n}" for n in range(OPLOG_COLUMNS))])
        insert = f"INSERT INTO operation_rows (op_id, tbl, row_key, kind, {targets}) VALUES ({current}, '{table}'"
        for event, key, images in (("INSERT", "NEW", f"{blanks}, {new}"),
                                   ("UPDATE", "NEW", f"{old}, {new}"),
                                   ("DELETE", "OLD", f"{old}, {blanks}")):
            conn.execute(
                f"""CREATE TEMP TRIGGER IF NOT EXISTS parc_log_{table}_{event.lower()}
                    AFTER {event} ON main.[{table}] WHEN {current} IS NOT NULL
                    BEGIN {insert}, {key}.rowid, '{event[0].lower()}', {images}); END"""
            )
    conn.parc_capture_installed = True


def capture_into(db: sqlite_utils.Database, op_id: int | None) -> None:
    """Tag the rows changed from now on with op_id (None: stop logging)."""
    db.conn.execute("UPDATE temp.parc_capture SET op = ?", [op_id])


# ---------------------------------------------------------------- reading the log

def _record(row) -> OperationRecord:
    return OperationRecord(id=row[0], kind=row[1], label=row[2], plan_id=row[3], at=row[4], source=row[5],
                           state=row[6], undoable=bool(row[7]), merge_key=row[8])


_OP_COLUMNS = "id, kind, label, plan_id, at, source, state, undoable, merge_key"


def get_operation(db: sqlite_utils.Database, op_id: int) -> OperationRecord | None:
    row = db.execute(f"SELECT {_OP_COLUMNS} FROM operations WHERE id = ?", [op_id]).fetchone()
    return _record(row) if row else None


def last_done(db: sqlite_utils.Database) -> OperationRecord | None:
    row = db.execute(f"SELECT {_OP_COLUMNS} FROM operations WHERE state = 'done' ORDER BY id DESC LIMIT 1").fetchone()
    return _record(row) if row else None


def first_undone(db: sqlite_utils.Database) -> OperationRecord | None:
    """The operation redo brings back: the oldest of those undone after the last one done."""
    row = db.execute(
        f"""SELECT {_OP_COLUMNS} FROM operations WHERE state = 'undone'
            AND id > coalesce((SELECT max(id) FROM operations WHERE state = 'done'), 0)
            ORDER BY id LIMIT 1""").fetchone()
    return _record(row) if row else None


def list_operations(db: sqlite_utils.Database, limit: int = 50) -> list[OperationRecord]:
    rows = db.execute(f"SELECT {_OP_COLUMNS} FROM operations ORDER BY id DESC LIMIT ?", [limit]).fetchall()
    return [_record(row) for row in rows]


def rows_of(db: sqlite_utils.Database, op_id: int) -> list[RowChange]:
    """What the operation changed, in the order it happened."""
    tables = logged_tables(db)
    images = ", ".join([*(f"b{n}" for n in range(OPLOG_COLUMNS)), *(f"a{n}" for n in range(OPLOG_COLUMNS))])
    changes = []
    for row in db.execute(
        f"SELECT tbl, row_key, kind, {images} FROM operation_rows WHERE op_id = ? ORDER BY id", [op_id]
    ):
        table, row_key, kind = row[0], row[1], row[2]
        columns = tables.get(table)
        if columns is None:
            continue  # a table dropped since: nothing left to restore there
        before = dict(zip(columns, row[3:3 + len(columns)])) if kind != "i" else None
        after = dict(zip(columns, row[3 + OPLOG_COLUMNS:3 + OPLOG_COLUMNS + len(columns)])) if kind != "d" else None
        changes.append(RowChange(table, row_key, kind, before, after))
    return changes


# ---------------------------------------------------------------- writing the log

def start(db: sqlite_utils.Database, *, kind: str, label: str, plan_id: int | None, at: str, source: str,
          undoable: bool, merge_key: str | None) -> int:
    """A new operation; the operations undone before it can no longer be redone."""
    db.execute("DELETE FROM operations WHERE state = 'undone'")
    return db.execute(
        "INSERT INTO operations (kind, label, plan_id, at, source, undoable, merge_key) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [kind, label, plan_id, at, source, int(undoable), merge_key],
    ).lastrowid


def has_rows(db: sqlite_utils.Database, op_id: int) -> bool:
    return db.execute("SELECT 1 FROM operation_rows WHERE op_id = ? LIMIT 1", [op_id]).fetchone() is not None


def drop(db: sqlite_utils.Database, op_id: int) -> None:
    db.execute("DELETE FROM operations WHERE id = ?", [op_id])


def touch(db: sqlite_utils.Database, op_id: int, at: str, label: str) -> None:
    db.execute("UPDATE operations SET at = ?, label = ? WHERE id = ?", [at, label, op_id])


def set_label(db: sqlite_utils.Database, op_id: int, label: str) -> None:
    db.execute("UPDATE operations SET label = ? WHERE id = ?", [label, op_id])


def set_state(db: sqlite_utils.Database, op_id: int, state: str) -> None:
    db.execute("UPDATE operations SET state = ? WHERE id = ?", [state, op_id])


def trim(db: sqlite_utils.Database, keep: int = KEEP_OPERATIONS) -> None:
    db.execute("DELETE FROM operations WHERE id <= (SELECT max(id) FROM operations) - ?", [keep])


def clear(db: sqlite_utils.Database) -> None:
    db.execute("DELETE FROM operations")


def apply_images(db: sqlite_utils.Database, changes: list[RowChange], *, backwards: bool) -> None:
    """Write back the old images (undo, newest first) or the new ones (redo, oldest first).

    Foreign keys are checked at the commit, not row by row: a parent and its children come
    back in whatever order the log holds them."""
    db.execute("PRAGMA defer_foreign_keys = ON")
    for change in (reversed(changes) if backwards else changes):
        image = change.before if backwards else change.after
        if image is None:  # the row did not exist on that side
            db.execute(f"DELETE FROM [{change.table}] WHERE rowid = ?", [change.row_key])
            continue
        columns = list(image)
        exists = db.execute(f"SELECT 1 FROM [{change.table}] WHERE rowid = ?", [change.row_key]).fetchone()
        if exists:
            assignments = ", ".join(f"[{c}] = ?" for c in columns)
            db.execute(f"UPDATE [{change.table}] SET {assignments} WHERE rowid = ?",
                       [*image.values(), change.row_key])
        else:
            names = ", ".join(f"[{c}]" for c in columns)
            marks = ", ".join("?" * len(columns))
            db.execute(f"INSERT INTO [{change.table}] (rowid, {names}) VALUES (?, {marks})",
                       [change.row_key, *image.values()])
