"""Shared builders for tests: a fresh office on disk, a plan from the template."""

from pathlib import Path

from parcdesk.db import agencies, plans, settings
from parcdesk.db.store import Store, open_store


def new_office(path: Path) -> Store:
    store = open_store(path, create=True)
    settings.save_settings(store.db, unit_name="UBND thị trấn Ia Kha", unit_kind="thị trấn",
                           superior="UBND huyện Ia Grai", place="Ia Kha")
    agencies.load_default_agencies(store.db)
    return store


def office_with_plan(path: Path, year: int = 2025) -> tuple[Store, int]:
    store = new_office(path)
    return store, plans.create_from_template(store.db, "par-xa", year)
