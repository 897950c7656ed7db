"""Ctrl+Z / Ctrl+Y in a text field and the program's undo (the data file's log) do not fight:
while the focused field has typing of its own to take back, the keys go to the field; otherwise
to the log. An undo never destroys text a redo cannot bring back."""

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from helpers import office_with_plan, type_text
from parcdesk.db.items import find_item
from parcdesk.db.progress import get_progress
from parcdesk.ops.undo import describe
from parcdesk.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


@pytest.fixture
def office(tmp_path):
    store, plan_id = office_with_plan(tmp_path / "office.sqlite", year=2025)
    yield store, plan_id
    store.close()


@pytest.fixture
def window(qtbot, office, tmp_path):
    win = MainWindow(office[0], QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
                     today=date(2025, 3, 20))
    qtbot.addWidget(win)
    win.resize(1280, 700)
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    return win


def press(widget, key, modifiers=Qt.KeyboardModifier.ControlModifier):
    QTest.keyClick(widget, key, modifiers)
    QApplication.processEvents()


def stored_result(store, item_id):
    return get_progress(store.db, item_id, "2025-Q1").result


def test_ctrl_z_in_a_field_takes_back_the_typing_and_ctrl_y_restores_it(qtbot, window, office):
    store, plan_id = office
    item_id = find_item(store.db, plan_id, "TCTP 3.4.2")
    window.plan_view.select(item_id)
    field = window.plan_view.progress_panel.result
    field.setFocus()
    with qtbot.waitSignal(field.committed, timeout=3000):
        type_text(field, "Đã niêm yết")
    assert stored_result(store, item_id) == "Đã niêm yết"

    press(field, Qt.Key.Key_Z)  # the field's own undo: the typing goes, and is saved gone
    field.commit()
    assert field.toPlainText() == "" and stored_result(store, item_id) == ""
    press(field, Qt.Key.Key_Y)  # and comes back
    field.commit()
    assert field.toPlainText() == "Đã niêm yết"
    assert stored_result(store, item_id) == "Đã niêm yết"


def test_ctrl_z_in_a_field_with_nothing_of_its_own_is_the_programs_undo(qtbot, window, office):
    store, plan_id = office
    first, other = find_item(store.db, plan_id, "TCTP 3.4.2"), find_item(store.db, plan_id, "TCTP 3.4.4")
    window.plan_view.select(first)
    field = window.plan_view.progress_panel.result
    field.setFocus()
    with qtbot.waitSignal(field.committed, timeout=3000):
        type_text(field, "Đã niêm yết")
    window.plan_view.select(other)  # leaving and coming back loads the stored text: no typing to undo
    window.plan_view.select(first)
    field.setFocus()
    assert field.toPlainText() == "Đã niêm yết" and not field.document().isUndoAvailable()

    press(field, Qt.Key.Key_Z)  # the log's undo: the saved text goes, the field shows it
    assert stored_result(store, first) == "" and field.toPlainText() == ""
    press(field, Qt.Key.Key_Y)  # the log's redo brings it back, on screen too
    assert stored_result(store, first) == "Đã niêm yết" and field.toPlainText() == "Đã niêm yết"


def test_the_programs_undo_saves_what_is_being_typed_first(qtbot, window, office):
    store, plan_id = office
    item_id = find_item(store.db, plan_id, "TCTP 3.4.2")
    window.plan_view.select(item_id)
    panel = window.plan_view.progress_panel
    panel.result.setFocus()
    with qtbot.waitSignal(panel.result.committed, timeout=3000):
        type_text(panel.result, "Một")
    panel.difficulties.setFocus()
    type_text(panel.difficulties, "Hai")  # not yet saved: the pause has not passed
    window.actions["undo"].trigger()  # from the menu: the typing is saved, then taken back
    assert get_progress(store.db, item_id, "2025-Q1").difficulties == ""
    assert panel.difficulties.toPlainText() == ""
    window.actions["redo"].trigger()
    assert get_progress(store.db, item_id, "2025-Q1").difficulties == "Hai"
    assert panel.difficulties.toPlainText() == "Hai"


def _type_and_save(qtbot, field, text):
    with qtbot.waitSignal(field.committed, timeout=3000):
        type_text(field, text)


@pytest.mark.parametrize("name", ["difficulties", "value"])
def test_ctrl_z_after_a_pause_takes_back_only_the_typing_since(qtbot, window, office, name):
    """Typing, a pause (saved), more typing, Ctrl+Z: the box goes back to what it held at the
    pause, not empty; Ctrl+Y brings the rest back; both are saved like typing."""
    store, plan_id = office
    item_id = find_item(store.db, plan_id, "TCTP 3.4.2")
    window.plan_view.select(item_id)
    field = getattr(window.plan_view.progress_panel, name)
    first, more = ("Thiếu kinh phí in ấn tài liệu", " và máy tính") if name == "difficulties" else ("12", "5")
    text = field.toPlainText if name == "difficulties" else field.text
    field.setFocus()
    _type_and_save(qtbot, field, first)
    window._selection_changed()  # the window showing the same item again keeps the box's steps
    field.setFocus()
    _type_and_save(qtbot, field, more)
    press(field, Qt.Key.Key_Z)
    assert text() == first
    field.commit()
    saved = get_progress(store.db, item_id, "2025-Q1")
    assert (saved.difficulties if name == "difficulties" else f"{saved.actual_value:g}") == first
    if name == "difficulties":  # the log's history says the box now holds the first words, not that it was emptied
        [latest] = describe(store, limit=1)
        steps = [c["fields"]["difficulties"]["new"] for c in latest["changes"] if "difficulties" in c["fields"]]
        assert steps[-1] == first and "" not in steps
    press(field, Qt.Key.Key_Y)
    assert text() == first + more


def test_a_value_from_elsewhere_still_resets_the_boxs_steps(qtbot, window, office):
    store, plan_id = office
    item_id = find_item(store.db, plan_id, "TCTP 3.4.2")
    window.plan_view.select(item_id)
    field = window.plan_view.progress_panel.difficulties
    field.setFocus()
    _type_and_save(qtbot, field, "Một")
    window.actions["undo"].trigger()  # the log's undo: what the box shows came from the file
    assert field.toPlainText() == "" and not field.document().isUndoAvailable()
