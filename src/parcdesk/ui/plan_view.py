"""The plan tab: the filtered tree on the left; on the right the selected item's progress
for the period with its evidence, and the item's own fields."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QTabWidget, QTreeView, QVBoxLayout, QWidget

from parcdesk.ui.filter_bar import FilterBar
from parcdesk.ui.item_panel import ItemPanel
from parcdesk.ui.plan_model import COL_EVIDENCE, COL_LEAD, COL_STATUS, COL_TITLE, PlanTreeModel
from parcdesk.ui.progress_panel import ProgressPanel


class PlanView(QWidget):
    def __init__(self, evidence_panel: QWidget, parent=None):
        super().__init__(parent)
        self.model = PlanTreeModel(self)
        self.filter_bar = FilterBar()
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAllColumnsShowFocus(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_LEAD, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_EVIDENCE, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(COL_STATUS, 178)
        header.resizeSection(COL_LEAD, 170)
        header.resizeSection(COL_EVIDENCE, 48)
        self.progress_panel = ProgressPanel()
        self.evidence_panel = evidence_panel
        self.item_panel = ItemPanel()

        progress_side = QSplitter(Qt.Orientation.Vertical)
        progress_side.addWidget(self.progress_panel)
        progress_side.addWidget(self.evidence_panel)
        progress_side.setStretchFactor(0, 3)
        progress_side.setStretchFactor(1, 1)
        self.progress_splitter = progress_side
        self.side_tabs = QTabWidget()
        self.side_tabs.addTab(progress_side, "Tiến độ trong kỳ")
        self.side_tabs.addTab(self.item_panel, "Thông tin mục")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter_bar)
        left_layout.addWidget(self.tree, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.side_tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def current_item_id(self) -> int | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        return index.internalId()

    def select(self, item_id: int | None) -> None:
        if item_id is None:
            return
        index = self.model.index_of(item_id)
        if not index.isValid():
            return
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def expanded_ids(self) -> set[int]:
        ids = set()

        def visit(parent):
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                if self.tree.isExpanded(index):
                    ids.add(index.internalId())
                    visit(index)

        visit(self.tree.rootIndex())
        return ids

    def expand_ids(self, ids: set[int]) -> None:
        for item_id in ids:
            index = self.model.index_of(item_id)
            if index.isValid():
                self.tree.setExpanded(index, True)
