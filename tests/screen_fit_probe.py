"""Run in a child process on a 1366×728 offscreen screen (the office PC less its taskbar):
opens the window and every dialog of ui/, prints what did not fit, as JSON. Used by
tests/test_ui_screen_fit.py; `python tests/screen_fit_probe.py DB OUT.png` also saves a grab."""

import json
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication


def main(db_path: str, settings_path: str, grab: str | None) -> None:
    app = QApplication([])
    from parcdesk.db import plans as plan_store
    from parcdesk.db.store import open_store
    from parcdesk.parsing.targets import Threshold
    from parcdesk.ui import qt_vi
    from parcdesk.ui.agencies_dialog import AgenciesDialog
    from parcdesk.ui.agency_picker import AgencyPickerDialog
    from parcdesk.ui.dialogs import NewPlanDialog, OfficeDialog, PlanInfoDialog
    from parcdesk.ui.evidence_panel import EvidenceDialog
    from parcdesk.ui.import_dialog import ImportDialog
    from parcdesk.ui.main_window import MainWindow
    from parcdesk.ui.setup_dialog import SetupDialog
    from parcdesk.ui.threshold_dialog import ThresholdDialog

    qt_vi.install(app)
    available = app.primaryScreen().availableGeometry()
    problems = []
    store = open_store(Path(db_path))
    window = MainWindow(store, QSettings(settings_path, QSettings.Format.IniFormat), today=date(2025, 3, 20))
    window.show()
    app.processEvents()
    frame = window.frameGeometry()
    if not available.contains(window.geometry()) or window.minimumSizeHint().height() > available.height() - 40:
        problems.append(f"MainWindow {frame} min {window.minimumSizeHint()} on {available}")
    if grab:
        window.grab().save(grab)
    plans = plan_store.list_plans(store.db)
    dialogs = {
        "NewPlanDialog": lambda: NewPlanDialog(plans, 2026, window),
        "PlanInfoDialog": lambda: PlanInfoDialog(window.plan, window),
        "OfficeDialog": lambda: OfficeDialog(window.ops, window),
        "AgenciesDialog": lambda: AgenciesDialog(store, window, ops=window.ops),
        "AgencyPickerDialog": lambda: AgencyPickerDialog("Cơ quan chủ trì", window._agency_names, [], window),
        "EvidenceDialog": lambda: EvidenceDialog(window, file_name="Bao cao so 15.pdf"),
        "ImportDialog": lambda: ImportDialog(store, 2025, window.plan.id, window, ops=window.ops),
        "SetupDialog": lambda: SetupDialog(Path(db_path), 2025, window),
        "ThresholdDialog": lambda: ThresholdDialog("Tỉ lệ hồ sơ đúng hạn ≥ 95%", Threshold(">=", 95.0, "%"), window),
    }
    for name, make in dialogs.items():
        dialog = make()
        dialog.show()
        app.processEvents()
        hint, least, shown = dialog.sizeHint(), dialog.minimumSizeHint(), dialog.frameGeometry()
        limit_w, limit_h = available.width(), available.height()
        if least.width() + 16 > limit_w or least.height() + 40 > limit_h or \
                min(hint.width(), dialog.width()) + 16 > limit_w or shown.height() > limit_h or \
                not available.contains(dialog.geometry()):
            problems.append(f"{name}: hint {hint.width()}×{hint.height()}, min {least.width()}×{least.height()}, "
                            f"shown {shown.width()}×{shown.height()} at {shown.x()},{shown.y()}")
        dialog.close()
    print(json.dumps({"available": [available.width(), available.height()], "problems": problems}))
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
