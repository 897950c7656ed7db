"""One date field everywhere (ui/date_field.py over text.parse_date, the command line's reader
too): dd/mm/yyyy typed freely, an impossible date refused with its sentence beside the field,
the dialog kept open with every other edit, a doubtful evidence date questioned."""

from datetime import date

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox

from helpers import office_with_plan, type_text
from parcdesk.cli.values import parse_date as cli_date
from parcdesk.db import plans as plan_store
from parcdesk.errors import UserError
from parcdesk.report.drafts import get_draft
from parcdesk.text import parse_date
from parcdesk.ui import dialogs
from parcdesk.ui.evidence_panel import EvidenceDialog
from parcdesk.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


@pytest.mark.parametrize("typed, day", [
    ("5/4/2025", date(2025, 4, 5)), ("05/04/2025", date(2025, 4, 5)), ("31/03/2026", date(2026, 3, 31)),
    ("5-4-2025", date(2025, 4, 5)), ("5.4.2025", date(2025, 4, 5)), (" 29/2/2024 ", date(2024, 2, 29)),
    ("2025-04-05", date(2025, 4, 5)), ("", None),
])
def test_the_one_date_reader(typed, day):
    assert parse_date(typed) == day


@pytest.mark.parametrize("typed, words", [
    ("31/02/2025", "tháng 2 năm 2025 chỉ có 28 ngày"), ("29/2/2025", "chỉ có 28 ngày"),
    ("31/4/2025", "tháng 4 năm 2025 chỉ có 30 ngày"), ("1/13/2025", "không có tháng 13"),
    ("2025/01/15", "không phải là ngày"), ("15 tháng 1", "không phải là ngày"),
])
def test_an_impossible_date_is_refused_never_moved(typed, words):
    with pytest.raises(UserError) as refused:
        parse_date(typed, what="Ngày ban hành")
    assert str(refused.value).startswith(f"Ngày ban hành “{typed.strip()}”") and words in str(refused.value)


def test_the_command_line_reads_dates_the_same_way():
    assert cli_date("5/4/2025") == parse_date("5/4/2025")
    with pytest.raises(UserError, match="^Tham số --date: .*chỉ có 28 ngày"):
        cli_date("31/02/2025")


@pytest.fixture
def office(tmp_path):
    store, plan_id = office_with_plan(tmp_path / "office.sqlite", year=2025)
    yield store, plan_id
    store.close()


@pytest.fixture
def window(qtbot, office, tmp_path):
    win = MainWindow(office[0], QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                     today=date(2025, 3, 20))
    qtbot.addWidget(win)
    return win


def ok(dialog):
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def test_plan_date_wrong_keeps_the_dialog_and_its_edits(qtbot, window, office, monkeypatch):
    store, plan_id = office
    seen = []

    def officer(dialog):
        seen.append(dialog)
        dialog.number.setText("13/KH-UBND")
        dialog.issued_on.edit.setText("31/02/2025")
        ok(dialog)
        assert dialog.isVisible() or dialog.result() == 0  # not accepted
        assert dialog.issued_on.message.text() == \
            "Ngày ban hành “31/02/2025” không có trong lịch: tháng 2 năm 2025 chỉ có 28 ngày."
        assert not dialog.issued_on.message.isHidden()
        assert dialog.number.text() == "13/KH-UBND"  # the other edit is still there
        dialog.issued_on.edit.setText("15/1/2025")
        assert dialog.issued_on.message.isHidden()
        ok(dialog)
        return dialog.result()

    monkeypatch.setattr(dialogs.PlanInfoDialog, "exec", officer)
    dialogs.plan_info(window)
    plan = plan_store.get_plan(store.db, plan_id)
    assert (plan.number, plan.issued_on) == ("13/KH-UBND", "2025-01-15")
    assert seen[0].issued_on.edit.placeholderText() == "ngày/tháng/năm"


def test_evidence_date_typed_is_kept_and_a_doubtful_one_questioned(qtbot):
    dialog = EvidenceDialog(plan_years=(2026, 2026), report_date=date(2026, 4, 5))
    qtbot.addWidget(dialog)
    field = dialog.date_field
    field.edit.setText("31/03/2026")  # typed whole: nothing moved to another day
    assert dialog.values()["issued_on"] == "2026-03-31" and field.message.isHidden()
    field.edit.setText("31/02/2026")
    assert field.message.text().endswith("tháng 2 năm 2026 chỉ có 28 ngày.")
    dialog.summary_edit.setText("Báo cáo quý I")
    ok(dialog)
    assert dialog.result() == 0 and dialog.summary_edit.text() == "Báo cáo quý I"
    field.edit.setText("15/3/2025")
    assert field.message.text() == \
        "Văn bản ngày 15/03/2025 nằm ngoài năm 2026 của kế hoạch: kiểm tra lại ngày đã ghi."
    field.edit.setText("10/4/2026")
    assert "sau ngày báo cáo 05/04/2026" in field.message.text()
    ok(dialog)  # a question, not a refusal: the officer may keep the date
    assert dialog.result() == 1 and dialog.values()["issued_on"] == "2026-04-10"


def test_report_date_wrong_is_not_saved_and_said_beside_it(qtbot, window):
    panel = window.report_panel
    field = panel.report_date
    field.setFocus()
    type_text(field, "31/02/2025")
    field.commit()
    assert get_draft(window.store.db, window.plan.id, "2025-Q1").report_date is None
    assert "chỉ có 28 ngày" in panel.report_date_field.message.text()
    field.clear()
    type_text(field, "5/4/2025")
    field.commit()
    assert get_draft(window.store.db, window.plan.id, "2025-Q1").report_date == "2025-04-05"
    assert panel.report_date_field.message.isHidden()


def _shows_whole(label) -> bool:
    """A label shows all its lines: as tall as its wrapped text needs at its width, and inside
    the dialog's client area."""
    bottom = label.mapTo(label.window(), label.rect().bottomLeft()).y()
    return label.height() >= label.heightForWidth(label.width()) and bottom <= label.window().height()


@pytest.mark.parametrize("make, field_of", [
    (lambda: EvidenceDialog(plan_years=(2026, 2026), report_date=date(2026, 4, 5)), lambda d: d.date_field),
    (lambda: dialogs.PlanInfoDialog(_plan_with_no_date()), lambda d: d.issued_on),
])
@pytest.mark.parametrize("typed", ["31/02/2025", "15/06/2025"])
def test_the_dates_sentence_shows_whole_in_its_dialog(qtbot, make, field_of, typed):
    dialog = make()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    field = field_of(dialog)
    field.edit.setText(typed)
    field.check()
    if field.message.isHidden():  # the plan's dialog has no question for a possible date
        return
    assert len(field.message.text()) > 60
    assert _shows_whole(field.message)
    assert dialog.height() <= dialog.screen().availableGeometry().height()


def test_the_evidence_dialogs_own_sentence_shows_whole(qtbot):
    dialog = EvidenceDialog(plan_years=(2026, 2026))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    ok(dialog)  # nothing written: said under the fields
    assert dialog.problem.isVisible() and _shows_whole(dialog.problem)


def _plan_with_no_date():
    from types import SimpleNamespace
    return SimpleNamespace(number="", issued_on=None, title="Kế hoạch CCHC năm 2026", appendix_title="",
                           basis=[])
