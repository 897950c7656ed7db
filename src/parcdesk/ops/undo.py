"""Undo and redo of the operations in the log, the same for the window and the command line.

The log is linear: undo takes back the last operation done, redo brings back the oldest one
undone, and a new operation forgets what was undone before it. A sign-off is a record, not an
edit: undo stops at it and says so, and never reaches past it.
"""

from __future__ import annotations

from parcdesk.db import history, oplog
from parcdesk.db.connection import transaction
from parcdesk.db.store import Store
from parcdesk.errors import UserError
from parcdesk.ops.base import OpResult, changes_of_rows, significant
from parcdesk.text import format_date


def peek_undo(store: Store) -> oplog.OperationRecord | None:
    """The operation Ctrl+Z would take back (None: nothing; a sign-off: it would refuse)."""
    return oplog.last_done(store.db)


def peek_redo(store: Store) -> oplog.OperationRecord | None:
    return oplog.first_undone(store.db)


def undo(store: Store, source: str = "") -> OpResult:
    db = store.db
    with transaction(db):
        last = oplog.last_done(db)
        if last is None:
            raise UserError("Không còn thao tác nào để hoàn tác.")
        if not last.undoable and last.kind != "report.signoff":
            raise UserError(f"Không hoàn tác được “{last.label}” (ngày {format_date(last.at)}); "
                            "hãy sửa trực tiếp phần cần sửa.")
        if not last.undoable:
            raise UserError(
                f"Không hoàn tác được qua lần chốt báo cáo ({last.label}, ngày {format_date(last.at)}): "
                "báo cáo đã chốt là hồ sơ; muốn sửa, hãy lập phiên bản đính chính kèm lý do."
            )
        rows = oplog.rows_of(db, last.id)
        oplog.apply_images(db, rows, backwards=True)
        oplog.set_state(db, last.id, "undone")
        history.record(db, entity="operation", entity_id=last.id, field="undo", old=last.label,
                       plan_id=last.plan_id, source=source)
    return OpResult(op_id=last.id, label=last.label, changes=changes_of_rows(db, [r for r in rows if significant(r)]))


def redo(store: Store, source: str = "") -> OpResult:
    db = store.db
    with transaction(db):
        nxt = oplog.first_undone(db)
        if nxt is None:
            raise UserError("Không còn thao tác nào để làm lại.")
        rows = oplog.rows_of(db, nxt.id)
        oplog.apply_images(db, rows, backwards=False)
        oplog.set_state(db, nxt.id, "done")
        history.record(db, entity="operation", entity_id=nxt.id, field="redo", new=nxt.label,
                       plan_id=nxt.plan_id, source=source)
    return OpResult(op_id=nxt.id, label=nxt.label, changes=changes_of_rows(db, [r for r in rows if significant(r)]))


def describe(store: Store, limit: int = 50) -> list[dict]:
    """The last operations, newest first, each with what it changed, old → new (for `history`)."""
    db = store.db
    described = []
    for record in oplog.list_operations(db, limit):
        changes = []
        for row in oplog.rows_of(db, record.id):
            before, after = row.before or {}, row.after or {}
            if row.kind == "u":
                fields = {c: [before[c], after[c]] for c in before
                          if before[c] != after[c] and c not in ("search_fold", "updated_at")}
                if not fields:
                    continue
            else:
                fields = {c: ([before.get(c), None] if row.kind == "d" else [None, after.get(c)])
                          for c in (before or after) if c not in ("search_fold",)}
            changes.append({"table": row.table, "row": row.row_key,
                            "change": {"i": "thêm", "u": "sửa", "d": "xóa"}[row.kind],
                            "fields": {c: {"old": old, "new": new} for c, (old, new) in fields.items()}})
        described.append({"id": record.id, "operation": record.kind, "label": record.label, "at": record.at,
                          "source": record.source, "state": record.state, "undoable": record.undoable,
                          "plan_id": record.plan_id, "changes": changes})
    return described
