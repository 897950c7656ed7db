"""The office's list of agencies (ban, ngành) and their spellings."""

from __future__ import annotations

from parcdesk.db import agencies as agency_store
from parcdesk.db.store import Store
from parcdesk.ops.base import OpResult, operation


def _name(store: Store, agency_id: int) -> str:
    return agency_store.agency_name(store.db, agency_id) or f"số {agency_id}"


def rename_agency(store: Store, agency_id: int, new_name: str, *, source: str = "") -> OpResult:
    with operation(store, "agency.rename", f"Đổi tên cơ quan “{_name(store, agency_id)}”", source=source) as op:
        agency_store.rename_agency(store.db, agency_id, new_name)
    return op.result


def add_alias(store: Store, agency_id: int, alias: str, *, source: str = "") -> OpResult:
    with operation(store, "agency.alias", f"Thêm cách viết “{alias}” cho “{_name(store, agency_id)}”",
                   source=source) as op:
        agency_store.add_alias(store.db, agency_id, alias)
    return op.result


def merge_agencies(store: Store, keep_id: int, merge_id: int, *, source: str = "") -> OpResult:
    """`merge_id` absorbed into `keep_id`; refused when it leads an item a signed report shows."""
    label = f"Gộp “{_name(store, merge_id)}” vào “{_name(store, keep_id)}”"
    with operation(store, "agency.merge", label, source=source) as op:
        agency_store.merge_agencies(store.db, keep_id, merge_id)
    return op.result
