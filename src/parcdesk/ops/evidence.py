"""Evidence documents (tài liệu kiểm chứng) of an item in a period.

The file is copied into the evidence folder first (`prepare_file`, which the window runs off
the GUI thread); the record then comes in one operation. A copied file is never deleted by an
undo: the record's return (redo) needs it, and files are content-addressed, so they are kept once.
"""

from __future__ import annotations

from pathlib import Path

from parcdesk.db import evidence as evidence_store
from parcdesk.db import items as item_store
from parcdesk.db.store import Store
from parcdesk.ops.base import OpResult, operation
from parcdesk.ops.lock import ensure_period_open
from parcdesk.periods import parse_period

prepare_file = evidence_store.copy_in  # (store, path) → (stored name, sha256)


def add_evidence(store: Store, item_id: int, period: str, *, number: str = "", issued_on=None,
                 summary: str = "", file: Path | None = None, prepared: tuple[str, str] | None = None,
                 source: str = "") -> OpResult:
    """value: the new record. `prepared`: the result of prepare_file for `file`, if already copied."""
    item = item_store.get_item_row(store.db, item_id)
    # refused before the file is copied in, so a refusal leaves no copy behind
    ensure_period_open(store.db, item.plan_id, period, "thay đổi được tài liệu kiểm chứng")
    label = f"Thêm tài liệu kiểm chứng cho {item.code or item.title[:30]} ({parse_period(period).label})"
    with operation(store, "evidence.add", label, plan_id=item.plan_id, source=source) as op:
        op.value = evidence_store.add_evidence(store, item_id, period, number=number, issued_on=issued_on,
                                               summary=summary, file=file, prepared=prepared, source=source)
    return op.result


def update_evidence(store: Store, evidence_id: int, *, source: str = "", prepared: tuple[str, str] | None = None,
                    **changes) -> OpResult:
    old = evidence_store.get_evidence(store.db, evidence_id)
    item = item_store.get_item_row(store.db, old.item_id)
    with operation(store, "evidence.edit", f"Sửa tài liệu kiểm chứng của {item.code or item.title[:30]}",
                   plan_id=item.plan_id, source=source) as op:
        op.value = evidence_store.update_evidence(store, evidence_id, prepared=prepared, source=source, **changes)
    return op.result


def remove_evidence(store: Store, evidence_id: int, *, source: str = "") -> OpResult:
    old = evidence_store.get_evidence(store.db, evidence_id)
    item = item_store.get_item_row(store.db, old.item_id)
    with operation(store, "evidence.remove", f"Xóa tài liệu kiểm chứng của {item.code or item.title[:30]}",
                   plan_id=item.plan_id, source=source) as op:
        op.value = evidence_store.remove_evidence(store, evidence_id, source=source)
    return op.result
