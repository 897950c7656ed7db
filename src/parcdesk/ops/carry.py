""""Chép từ kỳ trước": carry an earlier period's records into a later one (carry.py says what
carries and why), for one item or the whole plan, as one undoable operation."""

from __future__ import annotations

from parcdesk.db import items as item_store
from parcdesk.db import plans as plan_store
from parcdesk.db import progress as progress_store
from parcdesk.db.store import Store
from parcdesk.errors import UserError
from parcdesk.ops.base import OpResult, operation
from parcdesk.overview import tracked_items
from parcdesk.periods import Period, earlier_in_year, parse_period


def check_direction(from_period: str, to_period: str) -> tuple[Period, Period]:
    source, target = parse_period(from_period), parse_period(to_period)
    if source not in earlier_in_year(target):
        raise UserError(f"Chỉ chép được từ một kỳ trước đó trong cùng năm: {source.label} không đứng "
                        f"trước {target.label}.")
    return source, target


def carry_progress(store: Store, plan_id: int, from_period: str, to_period: str, *,
                   item_ids: list[int] | None = None, source: str = "") -> OpResult:
    """Copy `from_period`'s record of each item (or of `item_ids`) into `to_period`, marked as
    carried, replacing what `to_period` held. `value`: the ids of the items whose record changed."""
    source_period, target = check_direction(from_period, to_period)
    plan_store.get_plan(store.db, plan_id)
    if item_ids is None:
        ids = [item.id for item, _area in tracked_items(item_store.load_tree(store.db, plan_id))]
        what = "tất cả các mục"
    else:
        ids = list(item_ids)
        for item_id in ids:
            if item_store.get_item_row(store.db, item_id).plan_id != plan_id:
                raise UserError(f"Mục số {item_id} không thuộc kế hoạch số {plan_id}.")
        first = item_store.get_item_row(store.db, ids[0]) if ids else None
        what = (first.code or first.title[:30]) if first is not None and len(ids) == 1 else f"{len(ids)} mục"
    label = f"Chép từ {source_period.label} sang {target.short_label}: {what}"
    with operation(store, "progress.carry", label, plan_id=plan_id, source=source) as op:
        carried = []
        for item_id in ids:
            before = progress_store.own_progress(store.db, item_id, target.code)
            after = progress_store.carry_progress(store.db, item_id, source_period.code, target.code, source=source)
            if after is not None and after != before:
                carried.append(item_id)
        op.value = carried
    return op.result

