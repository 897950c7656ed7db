"""Every action that hands a file to the system says where the file is when nothing on the
machine can open it (QDesktopServices.openUrl returned False)."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from helpers import office_with_plan
from parcdesk.db import settings as office_settings
from parcdesk.db.evidence import add_evidence, evidence_file, list_evidence
from parcdesk.db.items import find_item
from parcdesk.ui import dialogs, qt_vi
from parcdesk.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    store, plan_id = office_with_plan(tmp_path / "office.sqlite", year=2025)
    office_settings.add_signer(store.db, "Thái Văn Ngự", "CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN")
    win = MainWindow(store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), today=date(2025, 3, 20))
    qtbot.addWidget(win)
    yield win, store, plan_id
    store.close()


@pytest.fixture
def said(monkeypatch):
    shown = []
    monkeypatch.setattr(qt_vi, "warn", lambda parent, text, *a, **k: shown.append(text))
    return shown


def no_program(url):
    return False


def test_preview_without_a_pdf_viewer_says_where_the_pdf_is(qtbot, window, said):
    win, _, _ = window
    win.report_panel.open_url = no_program
    path = win.report_panel.preview()
    assert path is not None and path.is_file()
    [text] = said
    assert "chưa có chương trình mở tệp PDF" in text and str(path) in text and str(path.parent) in text


def test_opening_evidence_without_a_program_says_where_the_file_is(qtbot, window, said, tmp_path):
    win, store, plan_id = window
    scan = tmp_path / "scan.docx"
    scan.write_bytes(b"PK word")
    item_id = find_item(store.db, plan_id, "TC 1.2")
    add_evidence(store, item_id, "2025-Q1", number="15/BC-UBND", file=scan)
    panel = win.evidence_panel
    panel.set_target(item_id, "2025-Q1")
    [record] = list_evidence(store.db, item_id, "2025-Q1")
    panel.select(record.id)
    panel.open_url = no_program
    panel._open()
    [text] = said
    assert "“scan.docx”" in text and str(evidence_file(store, record)) in text


def test_opening_the_data_folder_without_a_file_manager_says_where_it_is(qtbot, window, said):
    win, store, _ = window
    assert dialogs.open_data_folder(win, opener=no_program) is False
    [text] = said
    assert text.endswith(str(Path(store.path).parent))
