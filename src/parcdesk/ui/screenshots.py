"""`make screenshots`: the main views on the demo data, saved as PNG files to look at.

Run offscreen; the window is shown at a common office-PC screen size (1366×768).
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path


def take(folder: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from parcdesk.db.items import find_item
    from parcdesk.db.progress import progress_of_plan
    from parcdesk.db.store import open_store
    from parcdesk.demo import build_demo
    from parcdesk.ui import qt_vi
    from parcdesk.ui.main_window import MainWindow
    from parcdesk.ui.offscreen_fonts import point_qt_at_fonts

    point_qt_at_fonts()
    app = QApplication.instance() or QApplication(sys.argv)
    qt_vi.install(app)
    work = Path(tempfile.mkdtemp(prefix="parcdesk-anh-"))
    today = date(date.today().year, 3, 20)  # in the first quarter, before its report deadline
    plan_id = build_demo(work / "demo.sqlite", today=today)
    store = open_store(work / "demo.sqlite")
    window = MainWindow(store, QSettings(str(work / "s.ini"), QSettings.Format.IniFormat),
                        today=today)
    window.resize(1366, 768)
    window.show()
    folder.mkdir(parents=True, exist_ok=True)
    shots = []

    def shoot(name: str) -> None:
        app.processEvents()
        path = folder / f"{name}.png"
        window.grab().save(str(path))
        shots.append(path)

    window.plan_view.tree.expandAll()
    # show an item with something recorded: a measured value, a result and evidence
    progress = progress_of_plan(store.db, plan_id, window.period.code)
    shown = next((item_id for item_id, record in sorted(progress.items())
                  if record.actual_value is not None and record.result and record.status == "done"),
                 find_item(store.db, plan_id, "TC 1.1"))
    window.plan_view.select(shown)
    shoot("tien-do-quy")
    window.plan_view.side_tabs.setCurrentIndex(1)
    shoot("cay-va-muc")
    window.plan_view.side_tabs.setCurrentIndex(0)
    window.tabs.setCurrentWidget(window.overview_panel)
    shoot("tong-quan")
    window.tabs.setCurrentWidget(window.report_panel)
    panel = window.report_panel
    panel.sections["results"].load("Trong quý I, UBND thị trấn đã ban hành Kế hoạch CCHC năm 2026, "
                                   "tổ chức tuyên truyền CCHC trên loa truyền thanh…")
    shoot("bao-cao")
    window.tabs.setCurrentIndex(0)
    window.plan_view.filter_bar.search.setText("thu tuc hanh chinh")
    shoot("tim-kiem")
    window.close()
    store.close()
    return shots


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    for shot in take(target):
        print(shot)
