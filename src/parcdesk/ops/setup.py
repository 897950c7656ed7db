"""Setting up a new office: its first settings and the default list of agencies, one operation.

Kept apart from ops/office.py (ordinary edits of the settings) because it happens once, when
the data file is new, and the list of agencies must come in with it: one undo step takes the
whole setup back.
"""

from __future__ import annotations

from parcdesk.db import agencies as agency_store
from parcdesk.db import settings as settings_store
from parcdesk.db.store import Store
from parcdesk.ops.base import OpResult, operation


def set_up_office(store: Store, *, source: str = "", **settings) -> OpResult:
    """Settings as ops.office.save_settings takes them; value: the office's settings."""
    with operation(store, "office.setup", "Khởi tạo đơn vị", source=source) as op:
        settings_store.save_settings(store.db, source=source, **settings)
        agency_store.load_default_agencies(store.db)
        op.value = settings_store.load_settings(store.db)
    return op.result
