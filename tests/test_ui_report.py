"""The report screen: the office's sections, export, sign-off, read-only period, correction."""

from datetime import date

import pytest
from PySide6.QtCore import QSettings

from helpers import office_with_plan, type_text
from parcdesk.db import settings as office_settings
from parcdesk.db.items import find_item
from parcdesk.db.progress import get_progress
from parcdesk.report.drafts import get_draft
from parcdesk.report.signoff import is_period_locked, verify_file
from parcdesk.ui import qt_vi
from parcdesk.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    store, plan_id = office_with_plan(tmp_path / "office.sqlite", year=2025)
    office_settings.add_signer(store.db, "Thái Văn Ngự", "CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN")
    win = MainWindow(store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), today=date(2025, 3, 20))
    qtbot.addWidget(win)
    win.tabs.setCurrentWidget(win.report_panel)
    monkeypatch.setattr(qt_vi, "inform", lambda *a, **k: None)
    yield win
    store.close()


def write_sections(qtbot, panel):
    for key, text in (("results", "Hoàn thành các nhiệm vụ trọng tâm."), ("shortcomings", "Không có."),
                      ("next_tasks", "Tiếp tục thực hiện kế hoạch."), ("proposals", "Không có.")):
        field = panel.sections[key]
        field.setFocus()
        with qtbot.waitSignal(field.committed, timeout=3000):
            type_text(field, text)


def test_sections_are_saved_as_typed_and_undone(qtbot, window):
    panel = window.report_panel
    write_sections(qtbot, panel)
    draft = get_draft(window.store.db, window.plan.id, "2025-Q1")
    assert (draft.results, draft.shortcomings) == ("Hoàn thành các nhiệm vụ trọng tâm.", "Không có.")
    window.actions["undo"].trigger()
    assert get_draft(window.store.db, window.plan.id, "2025-Q1").proposals == ""
    assert panel.sections["proposals"].toPlainText() == ""


def test_export_writes_both_files_with_vietnamese_names(qtbot, window, tmp_path):
    written = window.report_panel.export(str(tmp_path / "bao-cao"))
    assert [p.name for p in written] == ["Bao-cao-CCHC-quy-I-2025-UBND-thi-tran-Ia-Kha-du-thao.pdf",
                                         "Bao-cao-CCHC-quy-I-2025-UBND-thi-tran-Ia-Kha-du-thao.xlsx"]
    assert written[0].read_bytes().startswith(b"%PDF") and written[1].stat().st_size > 2000


def test_sign_off_locks_the_period_then_a_correction_reopens_it(qtbot, window, tmp_path, monkeypatch):
    panel = window.report_panel
    write_sections(qtbot, panel)
    panel.confirm = lambda text: True
    assert panel.sign_off()
    db, plan_id = window.store.db, window.plan.id
    assert is_period_locked(db, plan_id, "2025-Q1")
    assert not panel.sections["results"].isEnabled() and not panel.signoff_button.isEnabled()
    assert "Phiên bản 1" in panel.versions.item(0).text()
    # the progress panel is read-only now, and the core refuses a change anyway
    window.tabs.setCurrentWidget(window.plan_view)
    window.plan_view.select(find_item(db, plan_id, "TC 1.1"))
    assert not window.plan_view.progress_panel.status.isEnabled()
    files = panel.export(str(tmp_path / "da-chot"))
    assert verify_file(db, files[0]).ok
    again = panel.export(str(tmp_path / "lan-hai"))
    assert again[0].read_bytes() == files[0].read_bytes()
    panel.ask_reason = lambda: "Sửa số liệu TC 1.1"
    assert panel.open_correction()
    assert not is_period_locked(db, plan_id, "2025-Q1")
    assert panel.sections["results"].isEnabled()
    assert get_progress(db, find_item(db, plan_id, "TC 1.1"), "2025-Q1").status == "not_started"


def test_sign_off_with_empty_sections_is_refused_plainly(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(qt_vi, "warn", lambda parent, text, *a, **k: shown.append(text))
    panel = window.report_panel
    panel.confirm = lambda text: True
    assert not panel.sign_off()
    assert shown and "Không có." in shown[0]
    assert not is_period_locked(window.store.db, window.plan.id, "2025-Q1")


def test_evidence_pack_button_builds_a_zip_that_verifies(qtbot, window, tmp_path):
    import zipfile

    from parcdesk.report.selfcheck import check_file

    panel = window.report_panel
    assert "không chứng minh ai lập tệp" in panel.proof_note.text()
    target = tmp_path / "ho-so.zip"
    panel.choose_zip = lambda name: str(target) if name.startswith("Ho-so-tham-dinh-") else ""
    assert panel.export_evidence() == target
    assert "danh-muc-tai-lieu.csv" in zipfile.ZipFile(target).namelist()
    assert check_file(target).status == "draft"  # not signed yet: the pack says so
