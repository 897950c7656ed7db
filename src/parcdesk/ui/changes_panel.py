"""What changed since the last signed report (report/changes.py), old → new, item by item:
read when its tab is shown. Activating an item asks the window to show it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from parcdesk.report.changes import changes_since_signed
from parcdesk.text import format_date

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ChangesPanel(QWidget):
    item_activated = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Mục / nội dung", "Trước", "Nay"])
        self.tree.setColumnWidth(0, 420)
        self.tree.setColumnWidth(1, 300)
        self.tree.setWordWrap(True)
        self.tree.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)

    def show_changes(self, db, plan_id: int | None, period: str | None) -> None:
        self.tree.clear()
        if plan_id is None or period is None:
            self.heading.setText("")
            return
        found = changes_since_signed(db, plan_id, period)
        baseline = found["baseline"]
        if baseline is None:
            self.heading.setText("Chưa có báo cáo nào đã chốt trong năm để so sánh.")
            return
        self.heading.setText(
            f"So với báo cáo {baseline['period_label']} đã chốt (phiên bản {baseline['version']}, ngày "
            f"{format_date(baseline['signed_at'][:10])}): {len(found['items'])} mục thay đổi.")
        for item in found["items"]:
            top = QTreeWidgetItem([f"{item['code']} {item['title']}".strip(), "", ""])
            top.setData(0, ITEM_ID_ROLE, item["id"])
            for change in item["changes"]:
                line = QTreeWidgetItem([change["label"], change["old_text"], change["new_text"]])
                line.setData(0, ITEM_ID_ROLE, item["id"])
                for column in (1, 2):
                    line.setToolTip(column, line.text(column))
                top.addChild(line)
            self.tree.addTopLevelItem(top)
        self.tree.expandAll()

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        item_id = item.data(0, ITEM_ID_ROLE)
        if item_id is not None:
            self.item_activated.emit(item_id)
