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


def type_text(widget, text: str) -> None:
    """Type text as a keyboard would, Vietnamese letters included.

    QTest's keyClicks maps characters to key codes and asserts on non-ASCII ones, so each
    character is sent as a key press/release carrying its text, as a Vietnamese IME does.
    """
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        key = Qt.Key.Key_Space if char == " " else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))
