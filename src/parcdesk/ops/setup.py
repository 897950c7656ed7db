"""The office's details as a form saves them: the settings with their signers in one step, and the
first start of a data file (details, the agency list, the first plan) in one step.

For the window's forms (ui/office_form.py, ui/setup_dialog.py) and `parcdesk init`, which save
several things at once: one operation each, so one undo takes the whole form back.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from parcdesk.db import agencies as agency_store
from parcdesk.db import plans as plan_store
from parcdesk.db import settings as settings_store
from parcdesk.db.store import Store
from parcdesk.importer import plan_import
from parcdesk.ops.base import OpResult, operation


def _save_office(store: Store, settings: dict, signers: Sequence[tuple[str, str, str]], source: str) -> None:
    settings_store.save_settings(store.db, source=source, **settings)
    for name, position, authority in signers:
        settings_store.add_signer(store.db, name, position, authority)


def save_office(store: Store, settings: dict, signers: Sequence[tuple[str, str, str]] = (), *,
                source: str = "") -> OpResult:
    """Settings as db.settings.save_settings takes them, and signers (name, position, authority) added."""
    with operation(store, "settings.edit", "Sửa thông tin đơn vị và người ký", source=source) as op:
        _save_office(store, settings, list(signers), source)
    return op.result


def set_up_office(store: Store, settings: dict, signers: Sequence[tuple[str, str, str]] = (), *,
                  year: int | None = None, start: str | None = None, file: Path | None = None,
                  preview: plan_import.ImportPreview | None = None, import_options: dict | None = None,
                  source: str = "") -> OpResult:
    """A new data file's first step, one undo step: its details, the usual agency list and, with
    `start`, the first plan for `year` — "template" (the PAR INDEX template), "empty", or "file"
    (imported from `file`, or from the `preview` the officer looked at, with the import's
    `import_options`: levels, agency names, accepted year rewrites and targets — as
    plan_import.apply takes them). value: the plan's id (None without `start`: `parcdesk init`)."""
    # not undoable: taking it back would leave a file with no office at all
    with operation(store, "office.setup", "Thiết lập đơn vị và kế hoạch đầu tiên", source=source,
                   undoable=False) as op:
        _save_office(store, settings, list(signers), source)
        agency_store.load_default_agencies(store.db)
        if start is None or year is None:
            op.value = None
        elif start == "template":
            op.value = plan_store.create_from_template(store.db, "par-xa", year, source=source)
        elif start == "empty":
            op.value = plan_store.create_plan(store.db, title=f"Kế hoạch cải cách hành chính năm {year}",
                                              year_from=year, source=source)
        else:
            if preview is None:
                if file is None:
                    raise ValueError("start='file' needs the file or its preview")
                preview = plan_import.analyse(file)
            summary = plan_import.apply(store.db, preview, year=year, source=source, **(import_options or {}))
            op.value = summary["plan"]
    return op.result
