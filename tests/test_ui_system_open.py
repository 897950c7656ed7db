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


def test_the_previews_go_when_the_window_closes(qtbot, window, said, tmp_path, monkeypatch):
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))
    (tmp_path / "temp").mkdir()
    win, _, _ = window
    win.report_panel.open_url = lambda url: True
    first, second = win.report_panel.preview(), win.report_panel.preview()
    assert first.is_file() and second.is_file() and first.parent.name.startswith("parcdesk-xem-")
    win.close()
    assert not first.parent.exists() and not second.parent.exists()


def test_at_start_only_this_programs_previews_older_than_a_day_go(tmp_path):
    import os
    import time
    from parcdesk.ui import previews
    now = time.time()
    old, fresh, other = tmp_path / "parcdesk-xem-old1", tmp_path / "parcdesk-xem-new1", tmp_path / "khac-xem-old"
    for folder in (old, fresh, other):
        folder.mkdir()
        (folder / "Báo cáo.pdf").write_bytes(b"%PDF")
    lone_file = tmp_path / "parcdesk-xem-tep.pdf"  # a file, not one of our folders
    lone_file.write_bytes(b"%PDF")
    for path in (old, other, lone_file):
        os.utime(path, (now - 2 * 86400, now - 2 * 86400))
    assert previews.remove_stale(tmp_path, now=now) == [old]
    assert not old.exists() and fresh.is_dir() and other.is_dir() and lone_file.is_file()
