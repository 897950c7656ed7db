"""The window on a 5,050-item plan: showing the tree, and filtering it per keystroke.

Floors: a plain QStandardItemModel tree view filled with the same rows (showing the tree),
a bare substring scan of the same folded texts (filtering), and the bare operation of the core
(an edit: from the operation to the view showing it).
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from bench.bench_core import big_plan_drafts
from bench.timing import best_of, best_of_interleaved, figure


def run() -> list[dict]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTreeView

    from parcdesk.db import agencies, plans
    from parcdesk.db.items import load_tree
    from parcdesk.db.store import open_store
    from parcdesk.text import fold
    from parcdesk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="parcdesk-bench-"))
    store = open_store(folder / "big.sqlite", create=True)
    agencies.load_default_agencies(store.db)
    plan_id = plans.create_plan(store.db, title="KH lớn", year_from=2025, drafts=big_plan_drafts())
    window = MainWindow(store, QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat), today=date(2025, 3, 20))
    window.resize(1280, 760)
    window.show()

    def show_tree():
        window.open_plan(plan_id)
        app.processEvents()

    roots = load_tree(store.db, plan_id)

    def bare_tree():
        model = QStandardItemModel()
        model.setHorizontalHeaderLabels(["Nội dung", "Trạng thái", "Cơ quan chủ trì", "TLKC"])

        def add(parent, items):
            for item in items:
                row = [QStandardItem(f"{item.code} – {item.title}"), QStandardItem("Chưa triển khai"),
                       QStandardItem("; ".join(item.lead)), QStandardItem("0")]
                parent.appendRow(row)
                add(row[0], item.children)

        add(model.invisibleRootItem(), roots)
        view = QTreeView()
        view.setModel(model)
        view.resize(1280, 760)
        view.show()
        view.expandToDepth(0)
        app.processEvents()
        view.close()

    results = [figure("cửa sổ: hiện cây 5.050 mục", best_of(show_tree, 3), best_of(bare_tree, 3),
                      goal_ratio=3, goal_seconds=0.3)]

    search = window.plan_view.filter_bar.search
    keystrokes = ["t", "th", "thu", "thu ", "thu t", "thu tu", "thu tuc"]

    def type_query():
        for text in keystrokes:
            search.setText(text)
            app.processEvents()
        search.setText("")
        app.processEvents()

    texts = [fold(f"{i.code} {i.title} {i.target_text}") for root in roots for i in root.walk()]

    def bare_filter():
        for text in keystrokes:
            words = text.split()
            [t for t in texts if all(w in t for w in words)]

    per_key = len(keystrokes) + 1
    results.append(figure("cửa sổ: lọc khi gõ (mỗi phím)", best_of(type_query, 3) / per_key,
                          best_of(bare_filter, 3) / len(keystrokes), goal_ratio=None, goal_seconds=0.05))
    results.append(edit_to_view(app, window, store, plan_id))
    window.close()
    store.close()
    return results


def edit_to_view(app, window, store, plan_id) -> dict:
    """A status change of one item: through the window (operation, refresh of what changed, the
    view painted) against the same operation called bare. Each run changes the value, so both
    write a row and log it."""
    from parcdesk.ops import progress as progress_ops

    model = window.plan_view.model
    item = next(i for root in model.roots for i in root.walk() if not i.children and i.level != "area")
    window.plan_view.select(item.id)
    app.processEvents()
    statuses = iter(["done", "in_progress"] * 1000)

    def through_window():
        window.ops.run(progress_ops.set_progress, item.id, window.period.code, status=next(statuses))
        app.processEvents()  # the row repainted

    def bare():
        progress_ops.set_progress(store, item.id, window.period.code, status=next(statuses), source="bench")

    shown, floor = best_of_interleaved([through_window, bare], repeat=15)
    return figure("cửa sổ: sửa một mục, từ thao tác đến khi hiện", shown, floor, goal_ratio=3, goal_seconds=0.03)
