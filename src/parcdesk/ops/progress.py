"""Recording progress of an item in a period."""

from __future__ import annotations

from parcdesk.db import items as item_store
from parcdesk.db import progress as progress_store
from parcdesk.db.store import Store
from parcdesk.ops.base import OpResult, operation
from parcdesk.periods import parse_period

TEXT_FIELDS = frozenset({"result", "difficulties", "proposals"})


def set_progress(store: Store, item_id: int, period: str, *, source: str = "", typing: bool = False,
                 **fields) -> OpResult:
    """Set some of status, actual_value, result, difficulties, proposals.

    `typing`: the window saves as the officer types; consecutive saves of the same text field of
    the same item and period then make one undo step."""
    period_ = parse_period(period)
    item = item_store.get_item_row(store.db, item_id)
    merge_key = None
    if typing and fields and set(fields) <= TEXT_FIELDS:
        merge_key = f"progress:{item_id}:{period_.code}:{','.join(sorted(fields))}"
    label = f"Ghi tiến độ {item.code or item.title[:30]} ({period_.label})"
    with operation(store, "progress.set", label, plan_id=item.plan_id, source=source,
                   merge_key=merge_key) as op:
        op.value = progress_store.set_progress(store.db, item_id, period_.code, source=source, **fields)
    return op.result
