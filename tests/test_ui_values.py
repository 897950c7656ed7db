"""Absurd actual values are questioned at once, beside the value: a percentage outside 0–100,
a negative count, words; and a stale "not saved" sentence goes once valid values are saved."""

from datetime import date

import pytest
from PySide6.QtCore import QSettings

from helpers import office_with_plan, type_text
from parcdesk.db.connection import StoreError
from parcdesk.db.items import find_item, get_item
from parcdesk.db.progress import get_progress
from parcdesk.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


@pytest.fixture
def window(qtbot, tmp_path):
    store, plan_id = office_with_plan(tmp_path / "office.sqlite", year=2025)
    win = MainWindow(store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), today=date(2025, 3, 20))
    qtbot.addWidget(win)
    win.show()
    yield win, store, plan_id
    store.close()


def first_item_measured_in(store, plan_id, window, percent: bool):
    for root in window.plan_view.model.roots:
        for item in root.walk():
            unit = item.threshold.unit if item.threshold else None
            if item.is_tracked and item.threshold and (unit == "%") == percent:
                return item
    raise AssertionError("the template has such an item")


@pytest.mark.parametrize("percent, typed, words", [
    (True, "150", "tỉ lệ phần trăm phải từ 0 đến 100"),
    (True, "-5", "tỉ lệ phần trăm phải từ 0 đến 100"),
    (False, "-5", "số lượng phải từ 0 đến"),
    (True, "chín mươi", "không phải là một số"),
])
def test_an_absurd_value_is_questioned_at_once_beside_the_field(qtbot, window, percent, typed, words):
    win, store, plan_id = window
    item = first_item_measured_in(store, plan_id, win, percent)
    win.plan_view.select(item.id)
    panel = win.plan_view.progress_panel
    panel.value.setFocus()
    type_text(panel.value, typed)  # said while typing, before any pause
    assert not panel.value_message.isHidden() and words in panel.value_message.text()
    panel.value.commit()
    assert get_progress(store.db, item.id, "2025-Q1").actual_value is None  # nothing saved
    assert panel.achieved_label.text() != "✔ Đạt mục tiêu"

    panel.value.clear()
    type_text(panel.value, "12")
    assert panel.value_message.isHidden()
    panel.value.commit()
    assert get_progress(store.db, item.id, "2025-Q1").actual_value == 12
    assert panel.value_message.isHidden() and panel.state_label.text() == ""


def test_a_not_saved_sentence_goes_once_values_are_saved(qtbot, window):
    win, store, plan_id = window
    item_id = find_item(store.db, plan_id, "TCTP 3.4.2")
    win.plan_view.select(item_id)
    panel = win.plan_view.progress_panel
    panel.save_failed(StoreError("Tệp dữ liệu đang bị khóa.", "busy"))
    assert panel.state_label.text().startswith("Chưa lưu được.")
    panel.result.setFocus()
    with qtbot.waitSignal(panel.result.committed, timeout=3000):
        type_text(panel.result, "Đã làm")
    assert get_progress(store.db, item_id, "2025-Q1").result == "Đã làm"
    assert panel.state_label.text() == ""
    assert get_item(store.db, item_id).threshold is not None
