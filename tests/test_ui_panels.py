"""The overview panel, the agencies dialog and the evidence panel, driven as the officer would."""

from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from helpers import office_with_plan
from parcdesk.db.agencies import list_agencies
from parcdesk.db.evidence import add_evidence, evidence_counts, evidence_file, list_evidence
from parcdesk.db.items import find_item, get_item, load_tree, update_item
from parcdesk.db.progress import progress_of_plan, set_progress
from parcdesk.overview import BUCKETS, compute_overview
from parcdesk.periods import parse_period
from parcdesk.ops.undo import peek_undo
from parcdesk.ui.agencies_dialog import AgenciesDialog
from parcdesk.ui.evidence_panel import EvidenceDialog, EvidencePanel
from parcdesk.ui.operations import OpRunner
from parcdesk.ui.overview_panel import FIRST_BUCKET_COL, ITEM_ID_ROLE, OverviewPanel

# Showing a window with a layout makes Qt's offscreen plugin (not our code) say this once.
pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


@pytest.fixture
def office(tmp_path):
    store, plan_id = office_with_plan(tmp_path / "office.sqlite", year=2025)
    yield store, plan_id
    store.close()


def overview_of(store, plan_id, period_code, today):
    period = parse_period(period_code)
    return compute_overview(load_tree(store.db, plan_id), progress_of_plan(store.db, plan_id, period.code),
                            evidence_counts(store.db, plan_id, period.code), period, today)


def row_of(model, name):
    return next(row for row in range(model.rowCount()) if model.index(row, 0).data() == name)


def cell(model, row, bucket):
    return model.index(row, FIRST_BUCKET_COL + BUCKETS.index(bucket)).data()


# ------------------------------------------------------------------------------ overview

@pytest.fixture
def overview_panel(qtbot, office):
    store, plan_id = office
    db = store.db
    set_progress(db, find_item(db, plan_id, "TC 1.1"), "2025-H1", status="done")
    set_progress(db, find_item(db, plan_id, "TC 1.2"), "2025-H1", status="in_progress")
    late_id = find_item(db, plan_id, "TC 1.5")
    update_item(db, late_id, timeframe_text="Quý I")
    panel = OverviewPanel()
    qtbot.addWidget(panel)
    panel.resize(1200, 800)
    panel.show_overview(overview_of(store, plan_id, "2025-H1", today=date(2025, 5, 2)))
    panel.show()
    qtbot.waitExposed(panel)
    return panel, late_id


def test_overview_shows_counts_of_the_plan(overview_panel):
    panel, late_id = overview_panel
    assert "6 tháng đầu năm 2025" in panel.title.text()
    assert "02/05/2025" in panel.subtitle.text() and "55 mục" in panel.subtitle.text()
    areas = panel.area_model
    row = row_of(areas, "I. Công tác chỉ đạo điều hành CCHC")
    assert areas.index(row, 2).data() == "7"
    assert [cell(areas, row, b) for b in ("done", "in_progress", "late", "not_started")] == ["1", "1", "1", "4"]
    assert areas.rowCount() == 8
    leads = panel.lead_model
    office_row = row_of(leads, "Văn phòng – Thống kê")
    assert cell(leads, office_row, "done") == "1" and cell(leads, office_row, "late") == "1"
    assert panel.overdue_box.title() == "Quá hạn (1)"
    line = panel.overdue_list.topLevelItem(0)
    assert (line.text(0), line.text(1), line.data(0, ITEM_ID_ROLE)) == (
        "TC 1.5 — Đổi mới, sáng tạo trong triển khai nhiệm vụ CCHC (lĩnh vực I)",
        "31/03/2025", late_id)
    deadline = panel.due_list.topLevelItem(0)
    assert deadline.text(0) == "15/06/2025" and deadline.text(1).startswith("Hạn gửi báo cáo")
    assert deadline.data(0, ITEM_ID_ROLE) is None
    assert panel.evidence_list.topLevelItemCount() == 55


def test_overview_tables_show_every_row_and_the_tab_scrolls_at_1366_by_768(qtbot, overview_panel):
    panel, _ = overview_panel
    panel.resize(1366, 620)  # the tab's share of a 1366×768 screen under the menu, toolbar and status bar
    qtbot.wait(1)
    for table in (panel.area_table, panel.lead_table):
        rows = table.model().rowCount()
        assert rows > 3
        last = table.visualRect(table.model().index(rows - 1, 0))
        assert table.verticalScrollBar().maximum() == 0  # no scroll box of its own
        assert last.bottom() <= table.viewport().height()  # the last row is shown whole
    content = panel.scroll.widget()
    assert content.height() > panel.scroll.viewport().height()  # the whole tab scrolls instead
    assert panel.scroll.verticalScrollBar().maximum() > 0


def test_lines_name_the_task_first_then_its_area_by_numeral():
    from parcdesk.model import PlanItem
    from parcdesk.ui.overview_panel import item_line, item_tooltip
    area = PlanItem(id=1, plan_id=1, parent_id=None, position=1, code="III", level="area",
                    title="CẢI CÁCH THỦ TỤC HÀNH CHÍNH")
    bare = PlanItem(id=2, plan_id=1, parent_id=1, position=1, code="", level="task", title="Rà soát TTHC")
    coded = PlanItem(id=3, plan_id=1, parent_id=1, position=2, code="3", level="task", title="Số hoá hồ sơ")
    assert item_line(bare, area) == "Rà soát TTHC (lĩnh vực III)"
    assert item_line(coded, area) == "3 — Số hoá hồ sơ (lĩnh vực III)"
    assert item_tooltip(coded, area) == "3 Số hoá hồ sơ\nLĩnh vực III: Cải cách thủ tục hành chính"


def test_double_click_or_enter_on_an_overdue_line_emits_its_item(qtbot, overview_panel):
    panel, late_id = overview_panel
    view = panel.overdue_list
    line = view.topLevelItem(0)
    where = view.visualItemRect(line).center()
    with qtbot.waitSignal(panel.item_activated, timeout=1000) as blocker:
        # a real double-click is a click then a double-click event; QTest's mouseDClick alone is the second half
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert blocker.args == [late_id]
    view.setCurrentItem(line)
    view.setFocus()
    with qtbot.waitSignal(panel.item_activated, timeout=1000) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == [late_id]


def test_the_report_deadline_line_opens_nothing(qtbot, overview_panel):
    panel, _ = overview_panel
    panel.due_list.setCurrentItem(panel.due_list.topLevelItem(0))
    with qtbot.assertNotEmitted(panel.item_activated):
        qtbot.keyClick(panel.due_list, Qt.Key.Key_Return)


# ------------------------------------------------------------------------------ agencies

@pytest.fixture
def agencies_dialog(qtbot, office):
    store, plan_id = office
    for code in ("TC 1.4", "TC 1.5"):
        update_item(store.db, find_item(store.db, plan_id, code), lead=["Văn hoá - TT xã"])
    dialog = AgenciesDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def click_row(qtbot, table, row, modifier=Qt.KeyboardModifier.NoModifier):
    index = table.model().index(row, 0)
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, table.visualRect(index).center())


def test_merge_two_agencies_with_the_dialog(qtbot, office, agencies_dialog):
    store, plan_id = office
    dialog = agencies_dialog
    before = list_agencies(store.db)
    model = dialog.model
    click_row(qtbot, dialog.table, row_of(model, "Văn hoá - TT xã"))
    click_row(qtbot, dialog.table, row_of(model, "Văn hóa – Thông tin"), Qt.KeyboardModifier.ControlModifier)
    assert [a.name for a in dialog.selected_agencies()] == ["Văn hóa – Thông tin", "Văn hoá - TT xã"]
    assert dialog.keep_combo.currentText().startswith("Văn hóa – Thông tin")  # the one with more items
    assert dialog.absorb_combo.currentText() == "Văn hoá - TT xã (2 mục)"

    questions = []
    dialog.confirm = lambda text: questions.append(text) or False  # the officer says no first
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert len(list_agencies(store.db)) == len(before)

    dialog.confirm = lambda text: questions.append(text) or True
    with qtbot.waitSignal(dialog.agencies_changed, timeout=1000):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert "“Văn hoá - TT xã” vào “Văn hóa – Thông tin”" in questions[-1] and "2 mục" in questions[-1]
    after = list_agencies(store.db)
    assert len(after) == len(before) - 1 and model.rowCount() == len(after)
    kept = next(a for a in after if a.name == "Văn hóa – Thông tin")
    assert "Văn hoá - TT xã" in kept.aliases
    assert get_item(store.db, find_item(store.db, plan_id, "TC 1.4")).lead == ["Văn hóa – Thông tin"]


def test_rename_and_errors_are_shown_not_raised(qtbot, office, agencies_dialog):
    store, _ = office
    dialog = agencies_dialog
    errors = []
    dialog.show_error = errors.append
    click_row(qtbot, dialog.table, row_of(dialog.model, "Văn hoá - TT xã"))
    dialog.ask_text = lambda title, label, text="": "Tư pháp – Hộ tịch"  # already taken
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    assert errors and "hãy gộp" in errors[0]
    dialog.ask_text = lambda title, label, text="": "Văn hóa – TT (cũ)"
    with qtbot.waitSignal(dialog.agencies_changed, timeout=1000):
        qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    assert "Văn hóa – TT (cũ)" in [a.name for a in list_agencies(store.db)]
    assert dialog.model.index(row_of(dialog.model, "Văn hóa – TT (cũ)"), 1).data() == "Khác"


# ------------------------------------------------------------------------------ evidence

@pytest.fixture
def evidence_panel(qtbot, office):
    store, plan_id = office
    errors = []
    stack = OpRunner(store, errors.append)  # the window's runner: undo and redo from the file's log
    panel = EvidencePanel(store, stack)
    qtbot.addWidget(panel)
    item_id = find_item(store.db, plan_id, "TC 1.2")
    panel.set_target(item_id, "2025-Q1")
    panel.show()
    qtbot.waitExposed(panel)
    return panel, stack, item_id


def type_text(widget, text):
    """Key presses carrying the text; QTest's keyClicks only knows ASCII letters."""
    for char in text:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char))


def fill_and_accept(number, day, summary):
    """Stands in for dialog.exec(): the officer fills the real dialog and presses Đồng ý."""
    def run(dialog):
        dialog.number_edit.clear()
        type_text(dialog.number_edit, number)
        if dialog.no_date_check.isChecked():
            dialog.no_date_check.click()
        dialog.date_field.edit.setText("{2}/{1}/{0}".format(*day))
        dialog.summary_edit.clear()
        type_text(dialog.summary_edit, summary)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        return dialog.result()
    return run


def test_attach_a_file_then_undo_and_redo(qtbot, office, evidence_panel, tmp_path):
    store, _ = office
    panel, stack, item_id = evidence_panel
    assert panel.stack.currentWidget() is panel.empty and panel.empty.text() == "Chưa có tài liệu kiểm chứng"
    scan = tmp_path / "Báo cáo số 15.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    panel.choose_file = lambda: str(scan)
    panel.run_dialog = fill_and_accept("15/BC-UBND", (2025, 3, 10), "Báo cáo CCHC quý I")
    with qtbot.waitSignal(panel.changed, timeout=1000):
        qtbot.mouseClick(panel.attach_button, Qt.MouseButton.LeftButton)

    [record] = list_evidence(store.db, item_id, "2025-Q1")
    assert (record.number, record.issued_on, record.summary, record.file_name) == (
        "15/BC-UBND", "2025-03-10", "Báo cáo CCHC quý I", "Báo cáo số 15.pdf")
    assert evidence_file(store, record).read_bytes() == scan.read_bytes()
    assert panel.stack.currentWidget() is panel.table
    assert [panel.model.index(0, c).data() for c in range(4)] == [
        "15/BC-UBND", "10/03/2025", "Báo cáo CCHC quý I", "Báo cáo số 15.pdf"]
    assert peek_undo(store).label == "Thêm tài liệu kiểm chứng cho TC 1.2 (quý I năm 2025)"

    with qtbot.waitSignal(panel.changed, timeout=1000):
        stack.undo()
    assert list_evidence(store.db, item_id, "2025-Q1") == []
    assert panel.stack.currentWidget() is panel.empty
    stack.redo()
    [again] = list_evidence(store.db, item_id, "2025-Q1")
    assert again == record and evidence_file(store, again).is_file()


def test_edit_replace_and_remove_are_undone(qtbot, office, evidence_panel, tmp_path):
    store, _ = office
    panel, stack, item_id = evidence_panel
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    first.write_bytes(b"one")
    second.write_bytes(b"two")
    record = add_evidence(store, item_id, "2025-Q1", number="15/BC-UBND", file=first)
    panel.reload()
    panel.select(record.id)

    panel.run_dialog = fill_and_accept("16/BC-UBND", (2025, 3, 12), "Báo cáo bổ sung")
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    edited = list_evidence(store.db, item_id, "2025-Q1")[0]
    assert (edited.number, edited.issued_on, edited.summary) == ("16/BC-UBND", "2025-03-12", "Báo cáo bổ sung")
    stack.undo()
    restored = list_evidence(store.db, item_id, "2025-Q1")[0]
    assert (restored.number, restored.issued_on, restored.summary) == ("15/BC-UBND", None, "")

    panel.select(record.id)
    panel.choose_file = lambda: str(second)
    qtbot.mouseClick(panel.replace_button, Qt.MouseButton.LeftButton)
    replaced = list_evidence(store.db, item_id, "2025-Q1")[0]
    assert replaced.file_name == "b.pdf" and evidence_file(store, replaced).read_bytes() == b"two"
    stack.undo()
    back = list_evidence(store.db, item_id, "2025-Q1")[0]
    assert back.file_name == "a.pdf" and evidence_file(store, back).read_bytes() == b"one"
    stack.redo()
    assert evidence_file(store, list_evidence(store.db, item_id, "2025-Q1")[0]).read_bytes() == b"two"

    questions = []
    panel.confirm = lambda text: questions.append(text) or True
    panel.select(record.id)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert list_evidence(store.db, item_id, "2025-Q1") == [] and "“15/BC-UBND”" in questions[0]
    assert peek_undo(store).label == "Xóa tài liệu kiểm chứng của TC 1.2"
    stack.undo()
    assert [e.id for e in list_evidence(store.db, item_id, "2025-Q1")] == [record.id]


def test_read_only_and_refused_input(qtbot, office, evidence_panel, tmp_path):
    store, _ = office
    panel, stack, item_id = evidence_panel
    panel.set_target(item_id, "2025-Q1", read_only=True)
    assert not panel.attach_button.isEnabled() and not panel.remove_button.isEnabled()
    panel.set_target(item_id, "2025-Q1")
    errors = []
    panel.show_error = errors.append
    panel.choose_file = lambda: str(tmp_path / "gone.pdf")
    panel.run_dialog = fill_and_accept("1/BC", (2025, 3, 1), "")
    qtbot.mouseClick(panel.attach_button, Qt.MouseButton.LeftButton)
    assert errors and errors[0].startswith("Không tìm thấy tệp") and peek_undo(store) is None

    dialog = EvidenceDialog(panel)  # no file, nothing written: refused in the dialog itself
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != EvidenceDialog.DialogCode.Accepted and dialog.problem.text()
