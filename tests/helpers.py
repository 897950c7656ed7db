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


def run_on_fake_screen(script, tmp_path, width: int, height: int, timeout: int = 180) -> dict:
    """Run `script OFFICE SETTINGS` in a child process whose Qt offscreen screen is width×height
    (a fresh office with the template plan in tmp_path); returns the JSON of its last line.

    The screen file is passed by its bare name and the child runs in its folder: a Windows path's
    "C:" would end Qt's platform argument at its colon. The embeddable Windows Python ignores
    PYTHONPATH, so a script that imports the tests' helpers puts their folder on sys.path itself."""
    import json
    import os
    import subprocess
    import sys

    store, _ = office_with_plan(tmp_path / "office.sqlite", year=2025)
    store.close()
    screens = tmp_path / "screen.json"
    screens.write_text(json.dumps({"screens": [{"name": "office", "x": 0, "y": 0, "width": width, "height": height,
                                                "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screens.name}",
               PYTHONPATH=os.pathsep.join([str(Path(script).parent), *sys.path]))
    done = subprocess.run([sys.executable, str(script), str(tmp_path / "office.sqlite"), str(tmp_path / "s.ini")],
                          capture_output=True, text=True, env=env, timeout=timeout, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
