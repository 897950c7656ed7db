"""The plan tree: adding, editing, moving and deleting items."""

from __future__ import annotations

from parcdesk.db import items as item_store
from parcdesk.db.store import Store
from parcdesk.model import ItemDraft
from parcdesk.ops.base import OpResult, operation
from parcdesk.ops.lock import ensure_items_open


def _name(code: str, title: str) -> str:
    return code or f"“{title[:40]}”"


def add_item(store: Store, plan_id: int, draft: ItemDraft, parent_id: int | None = None,
             position: int | None = None, *, source: str = "") -> OpResult:
    """value: the new item's id."""
    with operation(store, "item.add", f"Thêm mục {_name(draft.code, draft.title)}", plan_id=plan_id,
                   source=source) as op:
        op.value = item_store.add_item(store.db, plan_id, draft, parent_id, position, source=source)
    return op.result


def edit_item(store: Store, item_id: int, *, source: str = "", typing: bool = False, **changes) -> OpResult:
    """Fields as db.items.update_item takes them; value: the item as it now is."""
    item = item_store.get_item_row(store.db, item_id)
    merge_key = f"item:{item_id}:{','.join(sorted(changes))}" if typing else None
    with operation(store, "item.edit", f"Sửa mục {_name(item.code, item.title)}", plan_id=item.plan_id,
                   source=source, merge_key=merge_key) as op:
        op.value = item_store.update_item(store.db, item_id, source=source, **changes)
    return op.result


def move_item(store: Store, item_id: int, parent_id: int | None, position: int, *, source: str = "") -> OpResult:
    item = item_store.get_item_row(store.db, item_id)
    with operation(store, "item.move", f"Di chuyển mục {_name(item.code, item.title)}", plan_id=item.plan_id,
                   source=source) as op:
        # moving an item a signed report shows changes its place in that report; a sibling's
        # renumbering when another item comes or goes does not: so the check is on the item moved
        ensure_items_open(store.db, [item_id], f"chuyển được mục {_name(item.code, item.title)}")
        item_store.move_item(store.db, item_id, parent_id, position, source=source)
    return op.result


def indent_item(store: Store, item_id: int, *, source: str = "") -> OpResult:
    item = item_store.get_item_row(store.db, item_id)
    with operation(store, "item.indent", f"Lùi mục {_name(item.code, item.title)} vào trong",
                   plan_id=item.plan_id, source=source) as op:
        item_store.indent_item(store.db, item_id, source=source)
    return op.result


def outdent_item(store: Store, item_id: int, *, source: str = "") -> OpResult:
    item = item_store.get_item_row(store.db, item_id)
    with operation(store, "item.outdent", f"Đưa mục {_name(item.code, item.title)} ra ngoài",
                   plan_id=item.plan_id, source=source) as op:
        item_store.outdent_item(store.db, item_id, source=source)
    return op.result


def delete_item(store: Store, item_id: int, *, source: str = "") -> OpResult:
    """The item with its subtree, progress and evidence records (files stay for an undo)."""
    item = item_store.get_item_row(store.db, item_id)
    with operation(store, "item.delete", f"Xóa mục {_name(item.code, item.title)}", plan_id=item.plan_id,
                   source=source) as op:
        item_store.delete_item(store.db, item_id, source=source)
        op.value = item.parent_id
    return op.result
