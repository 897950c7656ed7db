"""The consolidation window: files dropped in are checked, the views fill, exports are written."""

from pathlib import Path

from openpyxl import Workbook, load_workbook

from bench.bench_consolidate import build_files


def test_window_receives_files_and_exports(qtbot, tmp_path, monkeypatch):
    from parcdesk.ui import qt_vi
    from parcdesk.ui.consolidation_window import ConsolidationWindow

    warnings = []
    monkeypatch.setattr(qt_vi, "warn", lambda _parent, text: warnings.append(text))
    monkeypatch.setattr(qt_vi, "inform", lambda _parent, text: None)
    received = tmp_path / "nhan"
    received.mkdir()
    build_files(received, 3)
    other = Workbook()
    other.active.append(["không phải báo cáo"])
    other.save(received / "khac.xlsx")
    window = ConsolidationWindow(tmp_path / "tong-hop.sqlite")
    qtbot.addWidget(window)
    window.period.setText("2026-Q1")
    assert window.save_settings()
    window.set_units_text("UBND xã Số 1\nUBND xã Số 2; xã Số Hai cũ\nUBND xã Số 3\nUBND xã Số 4")
    results = window.add_paths([received])
    assert sum(r.outcome == "accepted" for r in results) == 6
    assert [r.file_name for r in results if r.outcome == "refused"] == ["khac.xlsx"]
    assert warnings and "khac.xlsx" in warnings[-1]
    assert "3/4 đơn vị" in window.summary.text() and "UBND xã Số 4" in window.summary.text()
    assert window.grids["units"].rowCount() == 4 and window.grids["codes"].rowCount() > 10
    written = window.export("xlsx", str(tmp_path / "th.xlsx"))
    assert load_workbook(written, read_only=True).sheetnames[0] == "Đơn vị"
    assert window.export("pdf", str(tmp_path / "th.pdf")).read_bytes().startswith(b"%PDF")
    # the work is kept in the consolidation file: reopened, the same view
    window.close()
    again = ConsolidationWindow(tmp_path / "tong-hop.sqlite")
    qtbot.addWidget(again)
    assert again.period.text() == "2026-Q1" and again.grids["received"].rowCount() == 7
    again.resize(1366, 768)
    again.tabs.setCurrentIndex(1)
    Path(tmp_path / "shot.png").unlink(missing_ok=True)
    again.grab().save(str(tmp_path / "shot.png"))


def test_the_body_form_is_kept_and_a_chosen_folder_is_read_as_chosen(qtbot, tmp_path, monkeypatch):
    from parcdesk.db import consolidation as book_store
    from parcdesk.ui import consolidation_window, qt_vi
    from parcdesk.ui.consolidation_window import BodyDialog, ConsolidationWindow

    monkeypatch.setattr(qt_vi, "warn", lambda _parent, text: None)
    window = ConsolidationWindow(tmp_path / "tong-hop.sqlite")
    qtbot.addWidget(window)
    window.period.setText("2026-Q1")
    assert window.save_settings()
    dialog = BodyDialog(book_store.get_meta(window.db), window)
    qtbot.addWidget(dialog)
    dialog.fields["issuer"].setText("Sở Nội vụ")
    dialog.fields["issuer_parent"].setText("UBND tỉnh Gia Lai")
    dialog.fields["place"].setText("Gia Lai")
    dialog.recipients.setPlainText("- Như trên;\n- Lưu: VT, CCHC.")
    window.set_body(dialog.values())
    assert "Sở Nội vụ (UBND tỉnh Gia Lai, Gia Lai)" in window.body_label.text()
    meta = book_store.get_meta(window.db)
    assert (meta["place"], meta["recipients"]) == ("Gia Lai", "Như trên\nLưu: VT, CCHC")
    # "Thêm thư mục…": the folder the dialog gives, not its parent
    inside = tmp_path / "nhan" / "dot-1"
    inside.mkdir(parents=True)
    build_files(inside, 1)
    build_files(tmp_path / "nhan", 2)  # beside it, not to be read
    monkeypatch.setattr(consolidation_window.file_dialogs, "choose_folder", lambda _parent, _title: str(inside))
    read = []
    monkeypatch.setattr(window, "add_paths", lambda paths: read.append(paths))
    window._pick_folder()
    assert read == [[inside]]


def test_the_main_window_opens_the_consolidation_mode_on_the_file_chosen(qtbot, tmp_path, monkeypatch):
    from datetime import date

    from helpers import office_with_plan
    from PySide6.QtCore import QSettings

    from parcdesk.ui import file_dialogs
    from parcdesk.ui.consolidation_window import ConsolidationWindow
    from parcdesk.ui.main_window import MainWindow

    store, _ = office_with_plan(tmp_path / "office.sqlite")
    window = MainWindow(store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), today=date(2025, 3, 1))
    qtbot.addWidget(window)
    asked = {}

    def choose(parent, title, name, name_filter="", *, confirm_overwrite=True):
        asked.update(name=name, confirm_overwrite=confirm_overwrite)
        return str(tmp_path / "tong-hop.sqlite")

    monkeypatch.setattr(file_dialogs, "choose_save_file", choose)
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text().startswith("Tổng hợp"))
    action.trigger()
    opened = window.consolidation_window
    qtbot.addWidget(opened)
    assert isinstance(opened, ConsolidationWindow) and opened.book_path == tmp_path / "tong-hop.sqlite"
    assert asked == {"name": str(tmp_path / "tong-hop-bao-cao.sqlite"), "confirm_overwrite": False}
    assert (tmp_path / "tong-hop.sqlite").exists()
    opened.close()
    store.close()
