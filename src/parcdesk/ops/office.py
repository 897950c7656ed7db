"""The office's settings (unit, superior body, place, deadline) and its signers."""

from __future__ import annotations

from parcdesk.db import settings as settings_store
from parcdesk.db.store import Store
from parcdesk.ops.base import OpResult, operation


def save_settings(store: Store, *, source: str = "", typing: bool = False, **changes) -> OpResult:
    merge_key = f"settings:{','.join(sorted(changes))}" if typing else None
    with operation(store, "settings.edit", "Sửa thông tin đơn vị", source=source, merge_key=merge_key) as op:
        op.value = settings_store.save_settings(store.db, source=source, **changes)
    return op.result


def add_signer(store: Store, name: str, position: str, authority: str = "", *, source: str = "") -> OpResult:
    with operation(store, "signer.add", f"Thêm người ký {name}", source=source) as op:
        op.value = settings_store.add_signer(store.db, name, position, authority)
    return op.result
