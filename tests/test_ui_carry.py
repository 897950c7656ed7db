"""The window shows a carried record as carried, "Chép từ kỳ trước" is one undo step, and the
status bar counts at the report's cut-off."""

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from report_fixtures import ready_office

from parcdesk.db.items import find_item
from parcdesk.db.progress import own_progress
from parcdesk.ops import undo
from parcdesk.report.figures import period_figures
from parcdesk.ui.main_window import MainWindow
from parcdesk.ui.plan_model import COL_STATUS


@pytest.fixture
def window(qtbot, tmp_path):
    store, plan_id = ready_office(tmp_path / "office.sqlite")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(store, settings, today=date(2025, 5, 20))  # 6 tháng is the period due
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    yield win, store, plan_id
    win.close()
    store.close()


def test_six_months_shows_quarter_one_carried_and_copies_it_in_one_undo_step(window):
    win, store, plan_id = window
    assert win.period.code == "2025-H1"
    tc11 = find_item(store.db, plan_id, "TC 1.1")
    win.plan_view.select(tc11)
    model = win.plan_view.model
    status = model.index_of(tc11, COL_STATUS)
    assert status.data() == "Hoàn thành ↩"
    assert "mang sang từ quý I" in status.data(Qt.ItemDataRole.ToolTipRole)
    panel = win.plan_view.progress_panel
    assert panel.carried_label.isVisibleTo(win) and "mang sang từ quý I" in panel.carried_label.text()
    assert panel.status.currentData() == "done" and panel.carry_button.isVisibleTo(win)
    evidence = win.evidence_panel
    assert evidence.model.rowCount() == 1 and not evidence.remove_button.isEnabled()  # linked, changed in Q1
    figures = period_figures(store.db, plan_id, "2025-H1", today=date(2025, 5, 20))  # what the report counts
    message = win.counts_label.text()
    assert f"{figures.totals['done']}/{figures.totals['total']} mục hoàn thành" in message
    assert "tính đến ngày 20/05/2025" in message
    panel.carry_one_action.trigger()
    assert own_progress(store.db, tc11, "2025-H1").carried_from == "2025-Q1"
    assert status.data() == "Hoàn thành ↩"
    undo.undo(store)  # the operation is in the data file's log: one step takes it back
    assert own_progress(store.db, tc11, "2025-H1") is None


def test_an_edit_in_six_months_drops_the_mark_and_leaves_quarter_one(window, qtbot):
    win, store, plan_id = window
    tc11 = find_item(store.db, plan_id, "TC 1.1")
    win.plan_view.select(tc11)
    panel = win.plan_view.progress_panel
    panel.status.setCurrentIndex(panel.status.findData("in_progress"))
    panel.status.activated.emit(panel.status.currentIndex())
    assert own_progress(store.db, tc11, "2025-Q1").status == "done"
    assert own_progress(store.db, tc11, "2025-H1").status == "in_progress"
    assert win.plan_view.model.index_of(tc11, COL_STATUS).data() == "Đang thực hiện"
    assert not panel.carried_label.isVisibleTo(win)


def test_the_changes_tab_lists_what_changed_since_the_signed_quarter(window):
    from parcdesk.ops import progress as progress_ops
    from parcdesk.ops import reports as report_ops

    win, store, plan_id = window
    report_ops.sign_off(store, plan_id, "2025-Q1", signer="Thái Văn Ngự")
    progress_ops.set_progress(store, find_item(store.db, plan_id, "TCTP 3.4.2"), "2025-H1", status="done")
    win.tabs.setCurrentWidget(win.changes_panel)
    panel = win.changes_panel
    assert "quý I năm 2025" in panel.heading.text() and "1 mục thay đổi" in panel.heading.text()
    top = panel.tree.topLevelItem(0)
    assert top.text(0).startswith("TCTP 3.4.2")
    assert [top.child(0).text(c) for c in range(3)] == ["Trạng thái", "Đang thực hiện", "Hoàn thành"]


def test_the_overview_says_its_cut_off_once_with_the_deadline_and_the_counts(window):
    win, _store, _plan_id = window
    win.tabs.setCurrentWidget(win.overview_panel)
    text = win.overview_panel.subtitle.text()
    assert text.count("Số liệu tính đến ngày") == 1 and "hạn gửi báo cáo" in text and "mục theo dõi" in text
    assert "\n" not in text  # one line, as the status bar says it
