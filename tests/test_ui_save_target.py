"""A save belongs to the item, period and report it was typed for, never to whatever is shown
when it is flushed; a refused save is said once and the field goes back to what the file holds."""

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from helpers import office_with_plan, type_text
from parcdesk.db import settings as office_settings
from parcdesk.db.items import find_item, get_item
from parcdesk.db.progress import get_progress, own_progress
from parcdesk.ops import reports as report_ops
from parcdesk.report.drafts import get_draft, save_draft
from parcdesk.ui import qt_vi
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
    win.resize(1280, 760)
    win.show()
    return win


@pytest.fixture
def warnings_shown(monkeypatch):
    shown = []
    monkeypatch.setattr(qt_vi, "warn", lambda parent, text, *a, **k: shown.append(text))
    return shown


def ids(office, *codes):
    store, plan_id = office
    return [find_item(store.db, plan_id, code) for code in codes]


def sign_off_q1(store, plan_id):
    office_settings.add_signer(store.db, "Thái Văn Ngự", "CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN")
    save_draft(store.db, plan_id, "2025-Q1", results="Hoàn thành.", shortcomings="Không có.",
               next_tasks="Tiếp tục.", proposals="Không có.")
    report_ops.sign_off(store, plan_id, "2025-Q1", signer="Thái Văn Ngự", source="cli")


def replace_text(field, text):
    """Focus the field, select everything in it and type over it, as the officer does."""
    field.setFocus()
    field.selectAll()
    type_text(field, text)


def click_row(window, item_id):
    """Click an item's row in the tree with the mouse."""
    tree = window.plan_view.tree
    index = window.plan_view.model.index_of(item_id)
    tree.scrollTo(index)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center())


def test_a_refused_target_goes_back_and_is_said_once(qtbot, window, office, warnings_shown):
    store, plan_id = office
    first, other = ids(office, "TCTP 3.4.2", "TCTP 3.4.4")
    sign_off_q1(store, plan_id)
    window.plan_view.select(first)
    stored_first, stored_other = get_item(store.db, first), get_item(store.db, other)
    panel = window.plan_view.item_panel
    replace_text(panel.target, "Mục tiêu mới không được lưu")
    QTest.keyClick(panel.target, Qt.Key.Key_Tab)  # leaves the field: the save is tried, and refused

    assert len(warnings_shown) == 1 and warnings_shown[0].startswith("Không sửa được mục “TCTP 3.4.2”")
    assert panel.target.toPlainText() == stored_first.target_text  # the field says what the file holds
    assert not panel.target.unsaved  # nothing is waiting to be saved: the stored value is shown
    click_row(window, other)
    assert window.current_item().id == other
    assert len(warnings_shown) == 1, warnings_shown
    assert panel.target.toPlainText() == stored_other.target_text
    assert get_item(store.db, first) == stored_first and get_item(store.db, other) == stored_other


def test_typing_for_one_item_is_saved_on_it_when_another_is_selected_at_once(qtbot, window, office,
                                                                               warnings_shown):
    store, _plan_id = office
    first, other = ids(office, "TCTP 3.4.2", "TCTP 3.4.4")
    window.plan_view.select(first)
    stored_other = get_item(store.db, other)
    panel = window.plan_view.item_panel
    replace_text(panel.target, "Giải quyết đúng hạn 99% hồ sơ")
    window.plan_view.select(other)  # before the pause's timer: the field still has the typing

    assert get_item(store.db, first).target_text == "Giải quyết đúng hạn 99% hồ sơ"
    assert get_item(store.db, other) == stored_other
    assert panel.target.toPlainText() == stored_other.target_text
    assert warnings_shown == []


def test_a_result_typed_for_one_item_stays_with_it(qtbot, window, office, warnings_shown):
    store, _plan_id = office
    first, other = ids(office, "TCTP 3.4.2", "TCTP 3.4.4")
    window.plan_view.select(first)
    panel = window.plan_view.progress_panel
    before_other = get_progress(store.db, other, "2025-Q1")
    replace_text(panel.result, "Đã giải quyết 120 hồ sơ")
    window.plan_view.select(other)

    assert get_progress(store.db, first, "2025-Q1").result == "Đã giải quyết 120 hồ sơ"
    assert get_progress(store.db, other, "2025-Q1") == before_other
    assert panel.result.toPlainText() == before_other.result
    assert warnings_shown == []


def test_a_result_typed_for_one_period_stays_with_it(qtbot, window, office, warnings_shown):
    store, _plan_id = office
    (first,) = ids(office, "TCTP 3.4.2")
    window.plan_view.select(first)
    panel = window.plan_view.progress_panel
    before_h1 = own_progress(store.db, first, "2025-H1")
    replace_text(panel.result, "Kết quả quý I")
    window.set_period("2025-H1")

    assert get_progress(store.db, first, "2025-Q1").result == "Kết quả quý I"
    assert own_progress(store.db, first, "2025-H1") == before_h1  # 6 tháng has no record of its own
    assert get_progress(store.db, first, "2025-H1").carried_from == "2025-Q1"  # it shows quý I's, carried
    assert panel.result.toPlainText() == "Kết quả quý I"
    assert warnings_shown == []


def test_a_refused_result_goes_back_and_another_item_stays_quiet(qtbot, window, office, warnings_shown):
    store, plan_id = office
    first, other = ids(office, "TCTP 3.4.2", "TCTP 3.4.4")
    window.plan_view.select(first)
    panel = window.plan_view.progress_panel
    replace_text(panel.result, "Gõ trước khi chốt")
    sign_off_q1(store, plan_id)  # signed elsewhere (the command line) while the officer types
    before = get_progress(store.db, first, "2025-Q1"), get_progress(store.db, other, "2025-Q1")
    QTest.keyClick(panel.result, Qt.Key.Key_Tab)

    assert len(warnings_shown) == 1 and "đã chốt" in warnings_shown[0], warnings_shown
    assert panel.result.toPlainText() == before[0].result
    window.plan_view.select(other)
    assert len(warnings_shown) == 1, warnings_shown
    assert (get_progress(store.db, first, "2025-Q1"), get_progress(store.db, other, "2025-Q1")) == before


def test_a_report_section_typed_for_one_period_stays_with_it(qtbot, window, office, warnings_shown):
    store, plan_id = office
    window.tabs.setCurrentWidget(window.report_panel)
    field = window.report_panel.sections["results"]
    replace_text(field, "Kết quả của quý I.")
    window.set_period("2025-H1")

    assert get_draft(store.db, plan_id, "2025-Q1").results == "Kết quả của quý I."
    assert get_draft(store.db, plan_id, "2025-H1").results in (None, "")
    assert warnings_shown == []


def test_a_field_names_the_target_its_typing_started_for(qtbot):
    from parcdesk.ui.fields import AutoSaveLine

    field = AutoSaveLine()
    qtbot.addWidget(field)
    shown = ["item A"]
    field.target_of = lambda: shown[0]
    saves = []
    field.committed.connect(lambda text, target: saves.append((text, target)))
    field.load("cũ")
    type_text(field, " mới")
    shown[0] = "item B"  # the form moved on before the save was flushed
    field.commit()
    assert saves == [("cũ mới", "item A")]
    field.load("của B")  # showing B's value: the next typing is B's
    type_text(field, "!")
    field.commit()
    assert saves[-1] == ("của B!", "item B")


def test_an_environment_error_keeps_the_text_and_marks_only_that_field(qtbot, window, office, monkeypatch):
    from parcdesk.db.connection import StoreError
    from parcdesk.ops import progress as progress_ops

    store, _plan_id = office
    (first,) = ids(office, "TCTP 3.4.2")
    window.plan_view.select(first)
    panel = window.plan_view.progress_panel
    shown, calls = [], []
    monkeypatch.setattr(qt_vi, "warn", lambda parent, text, *a, **k: shown.append(text))

    def busy(*args, **kwargs):
        calls.append(kwargs)
        raise StoreError("Tệp dữ liệu đang bị khóa.", "busy")

    monkeypatch.setattr(progress_ops, "set_progress", busy)
    replace_text(panel.result, "Kết quả chưa lưu được")
    panel.flush()
    assert shown == ["Tệp dữ liệu đang bị khóa."] and len(calls) == 1
    assert panel.result.toPlainText() == "Kết quả chưa lưu được"  # kept, to be tried again
    assert panel.result.unsaved and "Chưa lưu được" in panel.result.toolTip()  # said on the field itself
    assert not panel.difficulties.unsaved
    assert panel.state_label.text().startswith("Chưa lưu được.")
    panel.flush()  # the next pause: only the field that failed tries again, no other field
    assert len(calls) == 2 and set(calls[-1]) >= {"result"} and "difficulties" not in calls[-1]
    monkeypatch.undo()  # the disk is free again: the next pause saves it, and the mark goes
    monkeypatch.setattr(qt_vi, "warn", lambda parent, text, *a, **k: shown.append(text))
    panel.result.setFocus()
    type_text(panel.result, ".")
    panel.flush()
    assert get_progress(store.db, first, "2025-Q1").result == "Kết quả chưa lưu được."
    assert not panel.result.unsaved and panel.result.toolTip() == ""


def test_a_refused_status_shows_the_stored_one_again(qtbot, window, office, warnings_shown):
    store, plan_id = office
    (first,) = ids(office, "TCTP 3.4.2")
    window.plan_view.select(first)
    panel = window.plan_view.progress_panel
    sign_off_q1(store, plan_id)  # elsewhere, while the window still offers the list
    stored = get_progress(store.db, first, "2025-Q1").status
    panel.status.setCurrentIndex(panel.status.findData("done" if stored != "done" else "in_progress"))
    panel.status.activated.emit(panel.status.currentIndex())
    assert len(warnings_shown) == 1 and "đã chốt" in warnings_shown[0]
    assert panel.status.currentData() == stored == get_progress(store.db, first, "2025-Q1").status
