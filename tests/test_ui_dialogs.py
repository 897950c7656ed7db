"""First start, new plan, backup in a worker, the bug dialog: driven through their widgets."""

import sqlite3
from datetime import date

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

from helpers import office_with_plan
from parcdesk.db import plans as plan_store
from parcdesk.db.items import load_tree
from parcdesk.db.settings import load_settings
from parcdesk.db.store import open_store
from parcdesk.ui import dialogs, qt_vi
from parcdesk.ui.main_window import MainWindow
from parcdesk.ui.setup_dialog import SetupDialog


@pytest.fixture
def window(qtbot, tmp_path):
    store, _ = office_with_plan(tmp_path / "office.sqlite", year=2025)
    win = MainWindow(store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), today=date(2025, 3, 20))
    qtbot.addWidget(win)
    yield win
    store.close()


def test_first_start_creates_the_office_and_the_template_plan(qtbot, tmp_path):
    path = tmp_path / "moi" / "parcdesk.sqlite"
    dialog = SetupDialog(path, 2026)
    qtbot.addWidget(dialog)
    dialog.store_factory = lambda: open_store(path, create=True)
    form = dialog.form
    form.unit.setText("UBND xã Ia Hrung")
    form.kind.setCurrentText("xã")
    form.superior.setText("UBND tỉnh Gia Lai")
    form.place.setText("Ia Hrung")
    form.signer_rows[0][0].setText("Nguyễn Văn Bình")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    store = dialog.store
    office = load_settings(store.db)
    assert (office.unit_name, office.unit_kind, office.place) == ("UBND xã Ia Hrung", "xã", "Ia Hrung")
    assert [(s.name, s.position, s.authority) for s in office.signers] == [
        ("Nguyễn Văn Bình", "CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN")]
    plan = plan_store.list_plans(store.db)[0]
    assert plan.year_from == 2026 and len(load_tree(store.db, plan.id)) == 8
    store.close()


def test_first_start_without_a_unit_name_writes_nothing(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(qt_vi, "warn", lambda parent, text, *a, **k: shown.append(text))
    path = tmp_path / "parcdesk.sqlite"
    dialog = SetupDialog(path, 2026)
    qtbot.addWidget(dialog)
    dialog.store_factory = lambda: open_store(path, create=True)
    dialog.accept()
    assert shown == ["Hãy nhập tên đơn vị, ví dụ “UBND xã Ia Kha”."]
    assert not path.exists()


def test_new_plan_for_next_year_from_the_current_one(qtbot, window):
    known = plan_store.list_plans(window.store.db)
    dialog = dialogs.NewPlanDialog(known, 2026, window)
    qtbot.addWidget(dialog)
    assert dialog.from_plan.isChecked()
    new_id = dialog.create(window.ops)
    window.refresh_plans(new_id)
    assert window.plan.year_from == 2026 and window.plan.source_plan_id == known[0].id
    assert window.period_combo.itemData(0) == "2026-Q1"


def test_backup_runs_in_a_worker_and_makes_a_sound_copy(qtbot, window, tmp_path):
    target = dialogs.backup(window, str(tmp_path / "usb"))
    assert target is not None and target.parent == tmp_path / "usb"
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT count(*) FROM items").fetchone()[0] == 63
    copy.close()
    assert "Đã sao lưu" in window.statusBar().currentMessage()


def test_the_window_backup_copies_the_evidence_files_too(qtbot, window, tmp_path, monkeypatch):
    from parcdesk.db.evidence import add_evidence
    from parcdesk.db.items import find_item
    from parcdesk.db.store import evidence_dir_of

    shown = []
    monkeypatch.setattr(qt_vi, "warn", lambda parent, text, *a, **k: shown.append(text))
    item_id = find_item(window.store.db, window.plan.id, "TC 1.1")
    for name in ("cv.pdf", "mat.pdf"):
        (tmp_path / name).write_bytes(f"%PDF-1.4 {name}".encode())
    kept = add_evidence(window.store, item_id, "2025-Q1", number="1", file=tmp_path / "cv.pdf")
    target = dialogs.backup(window, str(tmp_path / "usb"))
    assert (evidence_dir_of(target) / kept.stored_path).read_bytes() == b"%PDF-1.4 cv.pdf"
    assert "1 tệp tài liệu kiểm chứng" in window.statusBar().currentMessage() and shown == []
    gone = add_evidence(window.store, item_id, "2025-Q1", number="2", file=tmp_path / "mat.pdf")
    (window.store.evidence_dir / gone.stored_path).unlink()
    target = dialogs.backup(window, str(tmp_path / "usb"))
    assert target is not None and len(shown) == 1 and "“mat.pdf”" in shown[0]


def test_backup_to_an_impossible_folder_says_so(qtbot, window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(qt_vi, "warn", lambda parent, text, *a, **k: shown.append(text))
    blocker = tmp_path / "tep"
    blocker.write_text("x")
    assert dialogs.backup(window, str(blocker / "con")) is None
    assert shown and shown[0].startswith("Không tạo được thư mục sao lưu")


def test_bug_dialog_logs_details(qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from parcdesk.ui import app as app_module

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path))
    seen = {}

    def fake_exec(box):
        seen["text"], seen["details"] = box.text(), box.detailedText()
        seen["buttons"] = [b.text() for b in box.buttons()]
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    try:
        raise ValueError("hỏng")
    except ValueError as error:
        app_module.show_bug(type(error), error, error.__traceback__)
    assert "lỗi không mong muốn" in seen["text"] and "ValueError: hỏng" in seen["details"]
    assert "Sao chép chi tiết" in seen["buttons"]
    log = next(tmp_path.rglob("parcdesk-loi.log"))
    assert "ValueError: hỏng" in log.read_text(encoding="utf-8")


def test_long_work_can_be_cancelled_and_leaves_nothing(qtbot):
    """The worker's progress dialog: pressing Hủy stops the job; the caller learns it was cancelled."""
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

    from parcdesk.errors import Cancelled
    from parcdesk.ui.worker import run_with_progress

    parent = QWidget()
    qtbot.addWidget(parent)
    started = threading.Event()
    steps = []

    def job(report, is_cancelled):
        started.set()
        tick = threading.Event()
        for step in range(20_000):  # stands for a long export: each step reports progress
            report(step, 20_000)
            steps.append(step)
            tick.wait(0.001)
        return "finished"

    def press_cancel():
        started.wait(5)
        dialog = parent.findChild(QProgressDialog)
        button = dialog.findChild(QPushButton)
        assert button.text() == "Hủy"
        button.click()

    QTimer.singleShot(0, press_cancel)
    with pytest.raises(Cancelled):
        run_with_progress(parent, "Thử", "Đang làm…", job)
    assert 0 < len(steps) < 20_000


def test_plan_export_writes_the_appendix_as_pdf_and_excel(qtbot, window, tmp_path):
    import openpyxl

    written = dialogs.export_plan(window, str(tmp_path / "ke-hoach"))
    assert [p.suffix for p in written] == [".pdf", ".xlsx"]
    assert all(p.name.startswith("Phu-luc-KH-") and "UBND-thi-tran-Ia-Kha" in p.name for p in written)
    assert written[0].read_bytes().startswith(b"%PDF")
    sheet = openpyxl.load_workbook(written[1]).worksheets[0]
    texts = {cell for row in sheet.iter_rows(values_only=True) for cell in row if isinstance(cell, str)}
    assert "Thực hiện kế hoạch CCHC" in texts and "Văn phòng – Thống kê" in texts
