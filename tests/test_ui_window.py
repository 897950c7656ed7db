"""The main window driven through its real widgets, offscreen; the database is then checked."""

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt

from helpers import office_with_plan, type_text
from parcdesk.db.items import find_item, load_tree
from parcdesk.db.progress import get_progress, set_progress
from parcdesk.errors import UserError
from parcdesk.ui import qt_vi
from parcdesk.ui.app import lock_data_file
from parcdesk.ui.main_window import MainWindow


@pytest.fixture
def office(tmp_path):
    store, plan_id = office_with_plan(tmp_path / "office.sqlite", year=2025)
    yield store, plan_id
    store.close()


@pytest.fixture
def window(qtbot, office, tmp_path):
    store, _ = office
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(store, settings, today=date(2025, 3, 20))
    qtbot.addWidget(win)
    win.resize(1280, 760)
    win.show()
    return win


@pytest.fixture
def warnings_shown(monkeypatch):
    shown = []
    monkeypatch.setattr(qt_vi, "warn", lambda parent, text, *a, **k: shown.append(text))
    return shown


def select(window, store, plan_id, code):
    item_id = find_item(store.db, plan_id, code)
    window.plan_view.select(item_id)
    assert window.current_item().id == item_id
    return item_id


def test_models_pass_the_model_tester(qtmodeltester, window):
    qtmodeltester.check(window.plan_view.model)
    window.plan_view.filter_bar.search.setText("thu tuc")
    qtmodeltester.check(window.plan_view.model)  # again, now filtered


def test_tree_shows_codes_titles_and_period_status(window, office):
    store, plan_id = office
    item_id = find_item(store.db, plan_id, "TC 1.1")
    set_progress(store.db, item_id, "2025-Q1", status="done")
    window.load_period_data()
    model = window.plan_view.model
    index = model.index_of(item_id)
    assert model.data(index) == "TC 1.1 – Thực hiện kế hoạch CCHC"
    assert model.data(index.siblingAtColumn(1)) == "Hoàn thành"
    assert window.period.code == "2025-Q1"
    assert model.rowCount() == 8


def test_typing_a_result_saves_it_and_undo_takes_it_back(qtbot, window, office):
    store, plan_id = office
    item_id = select(window, store, plan_id, "TC 1.2")
    panel = window.plan_view.progress_panel
    panel.result.setFocus()
    with qtbot.waitSignal(panel.result.committed, timeout=3000):
        type_text(panel.result, "Đã gửi báo cáo quý I đúng hạn")
    assert get_progress(store.db, item_id, "2025-Q1").result == "Đã gửi báo cáo quý I đúng hạn"
    window.actions["undo"].trigger()
    assert get_progress(store.db, item_id, "2025-Q1").result == ""
    assert panel.result.toPlainText() == ""
    window.actions["redo"].trigger()
    assert get_progress(store.db, item_id, "2025-Q1").result == "Đã gửi báo cáo quý I đúng hạn"


def test_status_and_value_with_achieved_computed(qtbot, window, office):
    store, plan_id = office
    item_id = select(window, store, plan_id, "TCTP 3.4.2")  # target: Giải quyết đúng hạn 100%
    panel = window.plan_view.progress_panel
    panel.status.setFocus()
    qtbot.keyClick(panel.status, Qt.Key.Key_Down)  # "Đang thực hiện"
    assert get_progress(store.db, item_id, "2025-Q1").status == "in_progress"
    panel.value.setFocus()
    qtbot.keyClicks(panel.value, "97,5")
    qtbot.keyClick(panel.value, Qt.Key.Key_Return)
    assert get_progress(store.db, item_id, "2025-Q1").actual_value == 97.5
    assert "Không đạt" in panel.achieved_label.text()
    panel.value.selectAll()
    qtbot.keyClicks(panel.value, "100")
    qtbot.keyClick(panel.value, Qt.Key.Key_Return)
    assert "Đạt" in panel.achieved_label.text() and "Không" not in panel.achieved_label.text()
    assert window.plan_view.model.data(window.plan_view.model.index_of(item_id).siblingAtColumn(1)) == "Đang thực hiện"


def test_bad_value_is_kept_on_screen_and_not_saved(qtbot, window, office):
    store, plan_id = office
    item_id = select(window, store, plan_id, "TCTP 3.4.2")
    panel = window.plan_view.progress_panel
    panel.value.setFocus()
    type_text(panel.value, "chín mươi")
    qtbot.keyClick(panel.value, Qt.Key.Key_Return)
    assert panel.value.text() == "chín mươi"
    assert "không phải là một số" in panel.value_message.text()  # said beside the value
    assert get_progress(store.db, item_id, "2025-Q1").actual_value is None


def test_search_without_diacritics_filters_the_tree(qtbot, window):
    bar = window.plan_view.filter_bar
    bar.search.setFocus()
    qtbot.keyClicks(bar.search, "xin loi nguoi dan")
    proxy = window.plan_view.model
    assert proxy.rowCount() == 1  # only area III keeps a match
    area = proxy.index(0, 0)
    assert proxy.rowCount(area) == 1
    assert proxy.index(0, 0, area).data().startswith("TCTP 3.4.4")
    bar.search.clear()
    assert proxy.rowCount() == 8


def test_filters_by_status_and_lead(window, office):
    store, plan_id = office
    set_progress(store.db, find_item(store.db, plan_id, "TC 2.3"), "2025-Q1", status="in_progress")
    window.load_period_data()
    bar = window.plan_view.filter_bar
    bar.status.setCurrentIndex(bar.status.findData("in_progress"))
    visible = window.search_index.visible_ids(bar.filters(), window._statuses, window._buckets, window._evidence)
    assert {window.plan_view.model.item_by_id(i).code for i in visible} == {"II", "TC 2.3"}
    bar.status.setCurrentIndex(0)
    bar.lead.setCurrentIndex(bar.lead.findData("Tài chính – Kế toán"))
    proxy = window.plan_view.model
    shown = {proxy.index(r, 0, proxy.index(a, 0)).data() for a in range(proxy.rowCount())
             for r in range(proxy.rowCount(proxy.index(a, 0)))}
    led = {f"{i.code} – {i.title}" for area in load_tree(store.db, plan_id) for i in area.children
           if "Tài chính – Kế toán" in i.lead}
    assert shown == led and len(led) >= 4


def test_editing_the_item_target_reparses_threshold(qtbot, window, office):
    store, plan_id = office
    item_id = select(window, store, plan_id, "TC 1.2")
    panel = window.plan_view.item_panel
    window.plan_view.side_tabs.setCurrentIndex(1)
    panel.target.setFocus()
    panel.target.selectAll()
    with qtbot.waitSignal(panel.target.committed, timeout=3000):
        type_text(panel.target, "Gửi đúng hạn trên 95% báo cáo")
    item = next(i for i in load_tree(store.db, plan_id)[0].children if i.id == item_id)
    assert item.target_text == "Gửi đúng hạn trên 95% báo cáo"
    assert (item.threshold.comparator, item.threshold.value) == (">", 95.0)
    assert "> 95%" in panel.threshold_label.text()


def test_add_indent_delete_and_undo(window, office, monkeypatch):
    store, plan_id = office
    select(window, store, plan_id, "TC 1.2")
    window.actions["add"].trigger()
    new_item = window.current_item()
    area = load_tree(store.db, plan_id)[0]
    assert [c.title for c in area.children][2] == "Mục mới" and new_item.title == "Mục mới"
    window.actions["indent"].trigger()
    area = load_tree(store.db, plan_id)[0]
    assert [c.title for c in area.children[1].children] == ["Mục mới"]
    monkeypatch.setattr(qt_vi, "ask", lambda *a, **k: True)
    window.actions["delete"].trigger()
    assert load_tree(store.db, plan_id)[0].children[1].children == []
    window.actions["undo"].trigger()
    assert [c.title for c in load_tree(store.db, plan_id)[0].children[1].children] == ["Mục mới"]
    window.actions["undo"].trigger()  # the indent
    window.actions["undo"].trigger()  # the add
    assert len(load_tree(store.db, plan_id)[0].children) == 7


def test_delete_needs_confirmation(window, office, monkeypatch):
    store, plan_id = office
    select(window, store, plan_id, "TC 1.1")
    monkeypatch.setattr(qt_vi, "ask", lambda *a, **k: False)
    window.actions["delete"].trigger()
    assert len(load_tree(store.db, plan_id)[0].children) == 7


def test_locked_database_keeps_typed_text_and_saves_later(qtbot, window, office, warnings_shown):
    store, plan_id = office
    item_id = select(window, store, plan_id, "TC 1.2")
    store.db.execute("PRAGMA busy_timeout = 50")
    import sqlite3

    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    panel = window.plan_view.progress_panel
    panel.result.setFocus()
    with qtbot.waitSignal(panel.result.committed, timeout=3000):
        type_text(panel.result, "Kết quả quan trọng")
    assert warnings_shown and "khóa" in warnings_shown[0]
    assert panel.result.toPlainText() == "Kết quả quan trọng"
    assert "Chưa lưu được" in panel.state_label.text()
    other.execute("ROLLBACK")
    other.close()
    with qtbot.waitSignal(panel.result.committed, timeout=3000):
        qtbot.keyClicks(panel.result, ".")
    assert get_progress(store.db, item_id, "2025-Q1").result == "Kết quả quan trọng."


def test_period_selector_switches_progress(window, office):
    store, plan_id = office
    item_id = select(window, store, plan_id, "TC 1.1")
    set_progress(store.db, item_id, "2025-H1", status="done", result="Xong 6 tháng")
    window.actions["period2"].trigger()
    assert window.period.code == "2025-H1"
    assert window.plan_view.progress_panel.result.toPlainText() == "Xong 6 tháng"


def test_second_copy_is_refused(office):
    store, _ = office
    first = lock_data_file(store.path)
    try:
        with pytest.raises(UserError, match="đang được mở trong một cửa sổ ParcDesk khác"):
            lock_data_file(store.path)
    finally:
        first.unlock()


def test_layout_and_last_plan_are_remembered(qtbot, office, tmp_path):
    store, plan_id = office
    from parcdesk.db import plans

    second = plans.create_next_year(store.db, plan_id)
    settings = QSettings(str(tmp_path / "remember.ini"), QSettings.Format.IniFormat)
    first_window = MainWindow(store, settings, today=date(2025, 3, 20))
    qtbot.addWidget(first_window)
    first_window.open_plan(plan_id)
    first_window.resize(720, 520)  # within the offscreen screen's 800×600
    first_window.plan_view.splitter.setSizes([400, 300])
    sizes = first_window.plan_view.splitter.sizes()
    first_window.close()
    again = MainWindow(store, QSettings(str(tmp_path / "remember.ini"), QSettings.Format.IniFormat),
                       today=date(2025, 3, 20))
    qtbot.addWidget(again)
    assert again.plan.id == plan_id != second
    assert (again.size().width(), again.size().height()) == (720, 520)
    assert again.plan_view.splitter.sizes() == sizes


def test_qt_strings_are_vietnamese(qapp):
    from PySide6.QtWidgets import QLineEdit

    qt_vi.install(qapp)
    line = QLineEdit()
    menu = line.createStandardContextMenu()
    texts = [action.text().split("\t")[0] for action in menu.actions() if action.text()]
    assert texts == ["&Hoàn tác", "&Làm lại", "&Cắt", "Sao &chép", "&Dán", "Xóa", "Chọn tất cả"]
    menu.deleteLater()


def test_menus_are_vietnamese(window):
    english = {"File", "Edit", "View", "Help", "Undo", "Redo", "Open", "Save", "Quit", "Exit"}
    for menu_action in window.menuBar().actions():
        for action in [menu_action, *menu_action.menu().actions()]:
            words = set(action.text().replace("&", "").split())
            assert not words & english, action.text()


def test_the_status_bars_counts_stay_after_searching_and_passing_tips(qtbot, window):
    """A tip under the mouse (a menu's, the search box's clear button) shows over the counts and,
    gone, leaves them showing; a search changes nothing in them."""
    from PySide6.QtGui import QStatusTipEvent
    from PySide6.QtWidgets import QApplication
    counts = window.counts_label
    standing = counts.text()
    assert standing.startswith("Quý I 2025:") and counts.isVisible()
    search = window.plan_view.filter_bar.search
    search.setFocus()
    type_text(search, "niêm yết")
    QApplication.sendEvent(window, QStatusTipEvent("Tìm trong tên, mục tiêu"))
    assert window.statusBar().currentMessage() and not counts.isVisible()  # the tip shows over them
    QApplication.sendEvent(window, QStatusTipEvent(""))  # the mouse moves on
    search.clear()
    assert counts.isVisible() and counts.text() == standing
