"""No text is shown cut on a 1366×768 screen: labels, buttons, tabs, combo boxes, line edits
(text and placeholder), group box titles and every menu item with its shortcut, in the main
window (each tab) and every dialog of ui/ (measured by ui/text_fit.py).

The screen is faked by Qt's offscreen platform, so the measuring runs in a child process: this
file itself, run as a script (`python tests/test_ui_text_fit.py DB SETTINGS`)."""

import json
import sys
from datetime import date
from pathlib import Path

import pytest

# run as a script, the tests' folder must be on the path by hand: the Windows embeddable Python
# (the Wine lane's) ignores PYTHONPATH because of its ._pth file
sys.path.insert(0, str(Path(__file__).resolve().parent))
from helpers import run_on_fake_screen  # noqa: E402

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")
HERE = Path(__file__)


def test_no_text_is_cut_on_a_1366_by_768_screen(tmp_path):
    report = run_on_fake_screen(HERE, tmp_path, 1366, 768)
    assert report["screen"] == [1366, 768]
    assert report["problems"] == []
    assert report["checked"]["windows"] >= 12 and report["checked"]["menus"] >= 5


@pytest.mark.qt_log_ignore(r"^This plugin does not support (raise|grabbing the keyboard)")
def test_the_measure_sees_a_cut_placeholder_text_and_shortcut(qtbot):
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QLineEdit, QMainWindow, QVBoxLayout, QWidget

    from parcdesk.ui.text_fit import ElidingComboBox, cut_menu_texts, cut_texts, make_room

    page = QWidget()
    qtbot.addWidget(page)
    narrow, roomy, authority = QLineEdit(), QLineEdit(), QLineEdit("TM. ỦY BAN NHÂN DÂN")
    for edit in (narrow, roomy):
        edit.setPlaceholderText("Tìm (Ctrl+F) — gõ có dấu hoặc không dấu")
    narrow.setFixedWidth(120)
    authority.setFixedWidth(90)
    make_room(roomy)
    plans = ElidingComboBox("Kế hoạch đang xem")
    plans.addItem("Kế hoạch khắc phục tồn tại, hạn chế và cải thiện, nâng cao Chỉ số cải cách hành chính " * 3)
    plans.setFixedWidth(200)
    layout = QVBoxLayout(page)
    for widget in (narrow, roomy, authority, plans):
        layout.addWidget(widget)
    page.show()
    qtbot.waitExposed(page)
    found = cut_texts(page)
    assert len(found) == 2 and "placeholder “Tìm (Ctrl+F)" in found[0] and "text “TM. ỦY BAN" in found[1]
    plans.setToolTip("")
    assert "not in its tooltip" in cut_texts(page)[-1]

    window = QMainWindow()
    qtbot.addWidget(window)
    menu = window.menuBar().addMenu("Sửa")
    menu.addAction("Thêm mục con").setShortcut(QKeySequence("Ctrl+Shift+Return"))
    menu.setFixedWidth(110)
    window.show()
    menu.popup(window.pos())
    assert cut_menu_texts(menu) and "Thêm mục con" in cut_menu_texts(menu)[0]
    menu.hide()


def test_an_undo_step_named_after_a_long_title_is_shortened_in_the_menu():
    from parcdesk.ui.operations import menu_label

    title = "Tạo kế hoạch “Kế hoạch khắc phục tồn tại, hạn chế và cải thiện, nâng cao Chỉ số cải cách hành chính”"
    shown = menu_label(title)
    assert len(shown) <= 60 and shown.endswith("…") and title.startswith(shown[:-1])
    assert menu_label("Ghi tiến độ TCTP 3.4.2 (quý I năm 2025)") == "Ghi tiến độ TCTP 3.4.2 (quý I năm 2025)"


def _every_tab_shown(window, app):
    """Each page of each tab widget of `window` in turn (the nested ones included)."""
    from PySide6.QtWidgets import QTabWidget

    for tabs in window.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            app.processEvents()
            yield f"{tabs.tabText(index)}"
        tabs.setCurrentIndex(0)


def main(db_path: str, settings_path: str) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from parcdesk.db import plans as plan_store
    from parcdesk.db.store import open_store
    from parcdesk.ops import plans as plan_ops
    from parcdesk.parsing.targets import Threshold
    from parcdesk.ui import qt_vi
    from parcdesk.ui.agencies_dialog import AgenciesDialog
    from parcdesk.ui.agency_picker import AgencyPickerDialog
    from parcdesk.ui.consolidation_window import ConsolidationWindow, ExpectedDialog
    from parcdesk.ui.dialogs import NewPlanDialog, OfficeDialog, PlanInfoDialog
    from parcdesk.ui.evidence_panel import EvidenceDialog
    from parcdesk.ui.import_dialog import ImportDialog
    from parcdesk.ui.main_window import MainWindow
    from parcdesk.ui.setup_dialog import SetupDialog
    from parcdesk.ui.text_fit import cut_menu_texts, cut_texts
    from parcdesk.ui.threshold_dialog import ThresholdDialog

    qt_vi.install(app)
    screen = app.primaryScreen().geometry()
    problems: list[str] = []
    checked = {"windows": 0, "menus": 0}
    store = open_store(Path(db_path))
    window = MainWindow(store, QSettings(settings_path, QSettings.Format.IniFormat), today=date(2025, 3, 20))
    window.show()
    app.processEvents()
    for tab in _every_tab_shown(window, app):
        problems.extend(f"[{tab}] {p}" for p in cut_texts(window))
        checked["windows"] += 1
    # the Edit menu names the last operation: here one whose name is as long as a plan's title
    window.ops.run(plan_ops.create_plan, title=window.plan.title, year_from=2025)
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        menu.popup(window.mapToGlobal(window.rect().topLeft()))
        app.processEvents()
        problems.extend(cut_menu_texts(menu))
        checked["menus"] += 1
        menu.hide()
    plans = plan_store.list_plans(store.db)
    dialogs = {
        "NewPlanDialog": lambda: NewPlanDialog(plans, 2026, window),
        "PlanInfoDialog": lambda: PlanInfoDialog(window.plan, window),
        "OfficeDialog": lambda: OfficeDialog(window.ops, window),
        "AgenciesDialog": lambda: AgenciesDialog(store, window, ops=window.ops),
        "AgencyPickerDialog": lambda: AgencyPickerDialog("Cơ quan chủ trì", window._agency_names, [], window),
        "EvidenceDialog": lambda: EvidenceDialog(window, file_name="Bao cao so 15.pdf"),
        "ImportDialog": lambda: ImportDialog(store, 2025, window.plan.id, window, ops=window.ops),
        "SetupDialog": lambda: SetupDialog(Path(db_path).with_name("new.sqlite"), 2025, window),
        "ThresholdDialog": lambda: ThresholdDialog("Tỉ lệ hồ sơ đúng hạn ≥ 95%", Threshold(">=", 95.0, "%"), window),
        "ExpectedDialog": lambda: ExpectedDialog("UBND xã Ia Hrú", window),
        "ConsolidationWindow": lambda: ConsolidationWindow(Path(db_path).with_name("tong-hop.sqlite")),
    }
    for name, make in dialogs.items():
        dialog = make()
        dialog.show()
        app.processEvents()
        for tab in _every_tab_shown(dialog, app):
            problems.extend(f"[{name} {tab}] {p}" for p in cut_texts(dialog))
        problems.extend(f"[{name}] {p}" for p in cut_texts(dialog))
        checked["windows"] += 1
        dialog.close()
    print(json.dumps({"screen": [screen.width(), screen.height()], "problems": problems, "checked": checked},
                     ensure_ascii=False))
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
