"""The plan tree as a Qt model: rows are items, each index carries its item id.

The model holds the tree loaded from the core and the chosen period's statuses; a
change in the database is followed by `reload()` (structure) or `item_changed()` /
`set_period_data()` (one row, or the status columns) — never by the view digging in.

Search and filters are applied here too (`set_visible`), not by a QSortFilterProxyModel:
on a 5,000-item tree the proxy asked for parent() sixteen million times per keystroke
(seconds of waiting); rebuilding the visible children lists in Python takes milliseconds.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from parcdesk.model import LEVEL_LABELS, PlanItem
from parcdesk.overview import BUCKET_LABELS
from parcdesk.rollforward import year_flags
from parcdesk.statuses import STATUS_LABELS

COLUMNS = ("Nội dung", "Trạng thái", "Cơ quan chủ trì", "TLKC")
COL_TITLE, COL_STATUS, COL_LEAD, COL_EVIDENCE = range(4)
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1

# Colours chosen to read on white and in greyscale print: dark enough, distinct in hue.
BUCKET_COLOURS = {
    "done": QColor("#1b7f3b"),
    "in_progress": QColor("#1f5fa8"),
    "late": QColor("#b3261e"),
    "not_started": QColor("#6b6b6b"),
    "failed": QColor("#8a1c7c"),
    "not_applicable": QColor("#8a7a3c"),
}


class PlanTreeModel(QAbstractItemModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._roots: list[PlanItem] = []
        self._by_id: dict[int, PlanItem] = {}
        self._visible: set[int] | None = None
        # what the view sees: the visible children of each item (None = the top level), and rows
        self._shown: dict[int | None, list[PlanItem]] = {}
        self._row: dict[int, int] = {}
        self._status: dict[int, str] = {}
        self._bucket: dict[int, str] = {}
        self._evidence: dict[int, int] = {}
        self._carried: dict[int, str] = {}  # item id → "mang sang từ quý I" (carry.py)
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)
        self._year_from: int | None = None
        self._year_flags: dict[int, list[str]] = {}  # "còn ghi năm cũ: 2023" … (rollforward.year_flags)
        self._icon = None

    def _flag_icon(self):
        if self._icon is None:
            from PySide6.QtWidgets import QApplication, QStyle
            self._icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._icon

    # ------------------------------------------------------------ loading

    def reload(self, roots: list[PlanItem], year_from: int | None = None) -> None:
        self.beginResetModel()
        self._roots = roots
        self._by_id = {item.id: item for root in roots for item in root.walk()}
        self._year_from = year_from
        self._year_flags = {item.id: found for item in self._by_id.values() if (found := self._flags_of(item))}
        self._layout()
        self.endResetModel()

    def is_filtered(self) -> bool:
        return self._visible is not None

    def set_visible(self, visible: set[int] | None) -> bool:
        """Show only these ids (the core's filter result, ancestors included); None shows all.
        False when that is what is shown already (nothing reset)."""
        if visible == self._visible:
            return False
        self.beginResetModel()
        self._visible = visible
        self._layout()
        self.endResetModel()
        return True

    def _layout(self) -> None:
        visible = self._visible
        self._shown = {}
        self._row = {}

        def place(parent_id: int | None, children: list[PlanItem]) -> None:
            shown = children if visible is None else [c for c in children if c.id in visible]
            self._shown[parent_id] = shown
            for row, child in enumerate(shown):
                self._row[child.id] = row
                if child.children:
                    place(child.id, child.children)

        place(None, self._roots)

    def set_period_data(self, statuses: dict[int, str], buckets: dict[int, str], evidence: dict[int, int],
                        rows: set[int] | None = None, carried: dict[int, str] | None = None) -> None:
        """The period's figures; `rows`: only these items changed (None: any may have)."""
        self._status, self._bucket, self._evidence = statuses, buckets, evidence
        if carried is not None:
            self._carried = carried
        if rows is None:
            self._emit_columns_changed(COL_STATUS, COL_EVIDENCE)
            return
        for item_id in rows:
            index = self.index_of(item_id, COL_STATUS)
            if index.isValid():
                self.dataChanged.emit(index, index.siblingAtColumn(COL_EVIDENCE))

    def _emit_columns_changed(self, first: int, last: int) -> None:
        for parent_id, shown in self._shown.items():
            if shown:
                parent = QModelIndex() if parent_id is None else self.index_of(parent_id)
                self.dataChanged.emit(self.index(0, first, parent), self.index(len(shown) - 1, last, parent))

    def item_changed(self, item: PlanItem) -> None:
        """One item's fields changed (not its place): swap it in, keep its children."""
        old = self._by_id.get(item.id)
        if old is None:
            return
        item.children = old.children
        siblings = self._roots if old.parent_id is None else self._by_id[old.parent_id].children
        siblings[siblings.index(old)] = item
        self._by_id[item.id] = item
        self._year_flags.pop(item.id, None)
        if found := self._flags_of(item):
            self._year_flags[item.id] = found
        shown = self._shown.get(old.parent_id, [])
        if old in shown:
            shown[shown.index(old)] = item
        index = self.index_of(item.id)
        self.dataChanged.emit(index, index.siblingAtColumn(len(COLUMNS) - 1))

    def _flags_of(self, item: PlanItem) -> list[str]:
        return year_flags(item, self._year_from) if self._year_from is not None else []

    def year_flagged(self) -> list[tuple[PlanItem, list[str]]]:
        """The items that still carry a past year (or miss last year's value), in tree order."""
        return [(item, self._year_flags[item.id]) for root in self._roots for item in root.walk()
                if item.id in self._year_flags]

    # ------------------------------------------------------------ lookups

    @property
    def roots(self) -> list[PlanItem]:
        return self._roots

    def item(self, index: QModelIndex) -> PlanItem | None:
        if not index.isValid():
            return None
        return self._by_id.get(index.internalId())

    def item_by_id(self, item_id: int) -> PlanItem | None:
        return self._by_id.get(item_id)

    def index_of(self, item_id: int, column: int = 0) -> QModelIndex:
        if item_id not in self._row:  # unknown, or filtered out
            return QModelIndex()
        return self.createIndex(self._row[item_id], column, item_id)

    # ------------------------------------------------------------ QAbstractItemModel

    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:
        if column < 0 or column >= len(COLUMNS) or row < 0:
            return QModelIndex()
        children = self._children_of(parent)
        if children is None or row >= len(children):
            return QModelIndex()
        return self.createIndex(row, column, children[row].id)

    def _children_of(self, parent: QModelIndex) -> list[PlanItem] | None:
        if not parent.isValid():
            return self._shown.get(None, [])
        return self._shown.get(parent.internalId(), [])

    def parent(self, index=QModelIndex()) -> QModelIndex:  # noqa: A003 (Qt's name)
        if not index.isValid():
            return QModelIndex()
        item = self._by_id.get(index.internalId())
        if item is None or item.parent_id is None:
            return QModelIndex()
        return self.createIndex(self._row[item.parent_id], 0, item.parent_id)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        if parent.isValid() and parent.column() != 0:
            return 0
        children = self._children_of(parent)
        return len(children) if children is not None else 0

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return len(COLUMNS)

    def hasChildren(self, parent=QModelIndex()) -> bool:  # noqa: N802
        return self.rowCount(parent) > 0

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section == COL_EVIDENCE:
            return "Số tài liệu kiểm chứng trong kỳ"
        return None

    _FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def flags(self, index) -> Qt.ItemFlag:
        return self._FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        item = self.item(index)
        if item is None:
            return None
        column = index.column()
        tracked = item.is_tracked
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_TITLE:
                return f"{item.code} – {item.shown_title}" if item.code else item.shown_title
            if column == COL_STATUS:
                if not tracked:
                    return ""
                # what the officer set, and beside it what the calendar says; ↩ when carried
                status = STATUS_LABELS[self._status.get(item.id, "not_started")]
                if self._bucket.get(item.id) == "late":
                    status = f"{status} · {BUCKET_LABELS['late']}"
                return f"{status} ↩" if item.id in self._carried else status
            if column == COL_LEAD:
                return "; ".join(item.lead)
            if column == COL_EVIDENCE:
                return str(self._evidence.get(item.id, 0)) if tracked else ""
        if role == ITEM_ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_TITLE:
            level = LEVEL_LABELS.get(item.level, item.level)
            target = f"\nMục tiêu: {item.target_shown()}" if item.target_shown() else ""
            flags = "".join(f"\n⚠ {flag}" for flag in self._year_flags.get(item.id, []))
            return f"{level}: {item.code} {item.title}{target}{flags}".replace("  ", " ")
        if role == Qt.ItemDataRole.DecorationRole and column == COL_TITLE and item.id in self._year_flags:
            return self._flag_icon()
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_STATUS and item.id in self._carried:
            return f"Tiến độ {self._carried[item.id]} (↩), chưa sửa trong kỳ này"
        if role == Qt.ItemDataRole.FontRole and column == COL_STATUS and item.id in self._carried:
            return self._italic
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_EVIDENCE and tracked:
            return "Chưa có tài liệu kiểm chứng" if not self._evidence.get(item.id) else None
        if role == Qt.ItemDataRole.FontRole and item.level == "area":
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and tracked:
            if column == COL_STATUS:
                return QBrush(BUCKET_COLOURS[self._bucket.get(item.id, "not_started")])
            if column == COL_EVIDENCE and not self._evidence.get(item.id):
                return QBrush(BUCKET_COLOURS["late"])
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_EVIDENCE:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
