"""The state of the plan in one period, at a glance: stacked bars per area and per lead
agency (with the counts as numbers), what is overdue, what is due next, what still lacks
evidence. Activating a line that names an item asks the window to show that item."""

from __future__ import annotations


from PySide6.QtCore import QAbstractTableModel, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QFrame, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QScrollArea,
    QSizePolicy, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout, QWidget,
)

from parcdesk.model import PlanItem
from parcdesk.overview import BUCKET_LABELS, BUCKETS, Overview
from parcdesk.text import calm_capitals, format_date
from parcdesk.ui.plan_model import BUCKET_COLOURS

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COUNTS_ROLE = Qt.ItemDataRole.UserRole + 2
COL_NAME, COL_BAR, COL_TOTAL = range(3)
FIRST_BUCKET_COL = 3


def item_line(item: PlanItem, area: PlanItem | None) -> str:
    """An item as a line of the overview's lists: its code, its own title, then its area by its
    numeral ("3 — Số hoá hồ sơ (lĩnh vực III)"). The title comes first because a narrow list
    cuts the end of a line, and the title is what says which task it is; a code like "1" or "3"
    means nothing without its area, which the numeral names (the tooltip has the area's title)."""
    head = " — ".join(p for p in (item.code, item.title) if p)
    if area is None or area.id == item.id:
        return head
    return f"{head} ({f'lĩnh vực {area.code}' if area.code else area.shown_title})"


def item_tooltip(item: PlanItem, area: PlanItem | None) -> str:
    """The whole line: code and title, and the area's own title."""
    text = f"{item.code} {item.title}".strip()
    if area is not None and area.id != item.id:
        text += f"\nLĩnh vực {area.code}: {area.shown_title}".replace("Lĩnh vực :", "Lĩnh vực:")
    return text


# A list of thousands of lines helps nobody and costs a second to draw; past this many the
# list says how many more there are and the tree's filters show them all.
MAX_LINES = 200


def _swatch(colour: QColor, size: int = 12) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(colour)
    return pixmap


def _breakdown(counts: dict[str, int]) -> str:
    return "\n".join(f"{BUCKET_LABELS[b]}: {counts.get(b, 0)}" for b in BUCKETS)


class BreakdownModel(QAbstractTableModel):
    """One row per area (or lead agency): its name, a bar, the total and one column per bucket."""

    def __init__(self, name_header: str, parent=None, calm_names: bool = False):
        super().__init__(parent)
        self._name_header = name_header
        self._rows: list[tuple[str, dict[str, int]]] = []
        self._calm_names = calm_names  # areas: a title in capitals shown in sentence case (text.calm_capitals)

    def set_counts(self, counts: dict[str, dict[str, int]]) -> None:
        self.beginResetModel()
        self._rows = [(calm_capitals(name) if self._calm_names else name, figures) for name, figures in counts.items()]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else FIRST_BUCKET_COL + len(BUCKETS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        bucket = BUCKETS[section - FIRST_BUCKET_COL] if section >= FIRST_BUCKET_COL else None
        if role == Qt.ItemDataRole.DisplayRole:
            if bucket:
                return BUCKET_LABELS[bucket]
            return (self._name_header, "Tỷ lệ", "Tổng số")[section]
        if role == Qt.ItemDataRole.DecorationRole and bucket:
            return _swatch(BUCKET_COLOURS[bucket], 10)
        if role == Qt.ItemDataRole.ToolTipRole:
            if bucket:
                return f"Số mục ở trạng thái “{BUCKET_LABELS[bucket]}”"
            return ("", "Tỷ lệ các trạng thái, theo màu ở chú thích phía trên", "Số mục được theo dõi")[section] or None
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        name, counts = self._rows[index.row()]
        column = index.column()
        total = sum(counts.values())
        if role == COUNTS_ROLE:
            return [counts.get(b, 0) for b in BUCKETS]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{name}\nTổng số: {total}\n{_breakdown(counts)}"
        if column == COL_BAR:
            return None
        value = name if column == COL_NAME else total if column == COL_TOTAL else \
            counts.get(BUCKETS[column - FIRST_BUCKET_COL], 0)
        if role == Qt.ItemDataRole.DisplayRole:
            return value if column == COL_NAME else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != COL_NAME:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column >= FIRST_BUCKET_COL and value == 0:
            return QBrush(QColor("#9a9a9a"))
        if role == Qt.ItemDataRole.FontRole and column == COL_TOTAL:
            font = QFont()
            font.setBold(True)
            return font
        return None


class StackedBarDelegate(QStyledItemDelegate):
    """Paints the row's counts as one horizontal bar, each bucket in its colour, the count
    written inside a segment when it fits."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        style_option = QStyleOptionViewItem(option)
        self.initStyleOption(style_option, index)
        widget = option.widget
        style = widget.style() if widget else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, style_option, painter, widget)
        counts = index.data(COUNTS_ROLE) or []
        total = sum(counts)
        bar = option.rect.adjusted(6, 3, -6, -3)
        if total == 0 or bar.width() <= 0:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        x = bar.left()
        used = 0
        metrics = option.fontMetrics
        for bucket, count in zip(BUCKETS, counts):
            if not count:
                continue
            used += count
            right = bar.left() + round(bar.width() * used / total)
            segment = QRect(x, bar.top(), right - x, bar.height())
            painter.fillRect(segment, BUCKET_COLOURS[bucket])
            text = str(count)
            if metrics.horizontalAdvance(text) + 4 <= segment.width():
                painter.setPen(QColor("white"))
                painter.drawText(segment, Qt.AlignmentFlag.AlignCenter, text)
            x = right
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        return QSize(180, option.fontMetrics.height() + 8)


class Legend(QWidget):
    """What each colour means, in the bars' order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("Chú thích:"))
        for bucket in BUCKETS:
            swatch = QLabel()
            swatch.setPixmap(_swatch(BUCKET_COLOURS[bucket]))
            layout.addWidget(swatch)
            layout.addWidget(QLabel(BUCKET_LABELS[bucket]))
            layout.addSpacing(10)
        layout.addStretch(1)


class _BreakdownTable(QTableView):
    def __init__(self, model: BreakdownModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegateForColumn(COL_BAR, StackedBarDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COL_BAR, 200)
        header.resizeSection(COL_TOTAL, 64)
        for column in range(FIRST_BUCKET_COL, model.columnCount()):
            header.resizeSection(column, 82)
        header.setMinimumHeight(2 * self.fontMetrics().height() + 8)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        # every row shown at its full height; the whole tab scrolls when they do not all fit
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        model.modelReset.connect(self.updateGeometry)

    def _height_for(self, rows: int) -> int:
        return (self.horizontalHeader().minimumHeight() + 2 * self.frameWidth()
                + rows * self.verticalHeader().defaultSectionSize() + 2)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name): every row, without scrolling
        return QSize(super().sizeHint().width(), self._height_for(max(self.model().rowCount(), 1)))

    def minimumSizeHint(self) -> QSize:  # noqa: N802: all rows too — the tab scrolls, not the table
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())


class ItemList(QTreeWidget):
    """A flat list of lines; a line naming an item keeps its id in ITEM_ID_ROLE."""

    def __init__(self, headers: list[str], stretch: int, parent=None):
        super().__init__(parent)
        self.setHeaderLabels(headers)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.header()
        header.setStretchLastSection(False)
        for column in range(len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def add_line(self, texts: list[str], item_id: int | None, tooltip: str = "", bold: bool = False) -> None:
        line = QTreeWidgetItem(texts)
        line.setData(0, ITEM_ID_ROLE, item_id)
        for column in range(len(texts)):
            line.setToolTip(column, (tooltip or texts[column])
                            + ("\n(Nhấn đúp hoặc Enter để mở mục này)" if item_id is not None else ""))
            if bold:
                font = line.font(column)
                font.setBold(True)
                line.setFont(column, font)
        self.addTopLevelItem(line)

    def add_more(self, total: int) -> None:
        if total > MAX_LINES:
            self.add_placeholder(f"… và {total - MAX_LINES} mục khác (xem bằng bộ lọc ở cây kế hoạch)")

    def add_placeholder(self, text: str) -> None:
        line = QTreeWidgetItem([text])
        line.setFlags(Qt.ItemFlag.NoItemFlags)
        line.setFirstColumnSpanned(True)
        self.addTopLevelItem(line)
        line.setFirstColumnSpanned(True)


class OverviewPanel(QWidget):
    """Shows an `Overview`; emits `item_activated(item_id)` when a line about an item is opened
    (double-click or Enter)."""

    item_activated = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel("Chưa có kế hoạch nào được chọn.")
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.subtitle = QLabel("")
        self.subtitle.setWordWrap(True)

        self.area_model = BreakdownModel("Lĩnh vực", self, calm_names=True)
        self.lead_model = BreakdownModel("Cơ quan chủ trì", self)
        self.area_table = _BreakdownTable(self.area_model)
        self.lead_table = _BreakdownTable(self.lead_model)

        self.overdue_list = ItemList(["Nội dung", "Quá hạn từ"], stretch=0)
        self.due_list = ItemList(["Hạn", "Nội dung"], stretch=1)
        self.evidence_list = ItemList(["Nội dung"], stretch=0)
        for view in (self.overdue_list, self.due_list, self.evidence_list):
            view.itemActivated.connect(self._activated)
            view.setToolTip("")
            view.setMinimumHeight(12 * (view.fontMetrics().height() + 6))  # a dozen lines before it scrolls
        self.overdue_box = self._box("Quá hạn", self.overdue_list)
        self.due_box = self._box("Sắp đến hạn", self.due_list)
        self.evidence_box = self._box("Chưa có tài liệu kiểm chứng", self.evidence_list)
        self.year_flags_list = ItemList(["Mã", "Nội dung", "Cần xem"], stretch=1)
        self.year_flags_list.itemActivated.connect(self._activated)
        self.year_flags_box = self._box("Cần xem lại sau khi sang năm mới", self.year_flags_list)
        self.year_flags_box.setVisible(False)

        lists = QWidget()
        lists_layout = QHBoxLayout(lists)
        lists_layout.setContentsMargins(0, 0, 0, 0)
        for box in (self.overdue_box, self.due_box, self.evidence_box, self.year_flags_box):
            lists_layout.addWidget(box)

        # One scroll for the whole tab: the tables show every row (no small scroll boxes), the
        # lists below take what height is left, at least a dozen lines.
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(Legend())
        layout.addWidget(self.area_table)  # the first column's header says what the rows are
        layout.addWidget(self.lead_table)
        layout.addWidget(lists, 1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

    @staticmethod
    def _box(title: str, content: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(content)
        return box

    def show_overview(self, overview: Overview) -> None:
        label = overview.period.label
        self.title.setText(f"Tình hình thực hiện kế hoạch {label}")
        totals = overview.totals
        summary = ", ".join(f"{BUCKET_LABELS[b].lower()} {totals[b]}" for b in BUCKETS if totals[b])
        self._counts_text = f"{len(overview.states)} mục theo dõi" + (f": {summary}." if summary else ".")
        self.subtitle.setText(f"Số liệu tính đến ngày {format_date(overview.reference)} · {self._counts_text}")
        self.area_model.set_counts(overview.by_area)
        self.lead_model.set_counts(overview.by_lead)
        self._fill_overdue(overview)
        self._fill_due(overview)
        self._fill_evidence(overview)

    def show_caption(self, caption: str, signed_totals: dict | None = None) -> None:
        """The figures' cut-off and report deadline (report/figures.py) under the title; once the
        period is signed, the counts are the signed report's."""
        text = f"{caption} · {getattr(self, '_counts_text', '')}".rstrip(" ·")  # one line: cut-off, deadline, counts
        if signed_totals is not None:
            shown = ", ".join(f"{BUCKET_LABELS[b].lower()} {signed_totals[b]}" for b in BUCKETS if signed_totals.get(b))
            text += f"\nTheo báo cáo đã chốt: {signed_totals['total']} mục theo dõi" + (f": {shown}." if shown else ".")
        self.subtitle.setText(text)

    def _fill_overdue(self, overview: Overview) -> None:
        view = self.overdue_list
        view.clear()
        for state in overview.overdue[:MAX_LINES]:
            item = state.item
            days = (overview.reference - state.overdue_since).days
            tooltip = f"{item_tooltip(item, state.area)}\nQuá hạn từ {format_date(state.overdue_since)} ({days} ngày)"
            if item.lead:
                tooltip += f"\nChủ trì: {'; '.join(item.lead)}"
            view.add_line([item_line(item, state.area), format_date(state.overdue_since)], item.id, tooltip)
        view.add_more(len(overview.overdue))
        if not overview.overdue:
            view.add_placeholder("Không có mục nào quá hạn.")
        self.overdue_box.setTitle(f"Quá hạn ({len(overview.overdue)})")

    def _fill_due(self, overview: Overview) -> None:
        view = self.due_list
        view.clear()
        areas = {state.item.id: state.area for state in overview.states}
        for entry in overview.due_next[:MAX_LINES]:
            text = item_line(entry.item, areas.get(entry.item.id)) if entry.item else entry.text
            tooltip = item_tooltip(entry.item, areas.get(entry.item.id)) if entry.item else ""
            view.add_line([format_date(entry.when), text], entry.item.id if entry.item else None,
                          tooltip, bold=entry.item is None)
        view.add_more(len(overview.due_next))
        if not overview.due_next:
            view.add_placeholder("Không có hạn nào sắp tới.")
        self.due_box.setTitle(f"Sắp đến hạn ({len(overview.due_next)})")

    def _fill_evidence(self, overview: Overview) -> None:
        view = self.evidence_list
        view.clear()
        for state in overview.lacking_evidence[:MAX_LINES]:
            view.add_line([item_line(state.item, state.area)], state.item.id,
                          item_tooltip(state.item, state.area))
        view.add_more(len(overview.lacking_evidence))
        if not overview.lacking_evidence:
            view.add_placeholder("Mục nào cũng đã có tài liệu kiểm chứng.")
        self.evidence_box.setTitle(f"Chưa có tài liệu kiểm chứng ({len(overview.lacking_evidence)})")

    def show_year_flags(self, flagged: list) -> None:
        """Items rolled forward that still carry a past year, or miss last year's value
        (rollforward.year_flags): a count and the list, shown only when there are some."""
        view = self.year_flags_list
        view.clear()
        for item, flags in flagged[:MAX_LINES]:
            view.add_line([item.code, item.title, "; ".join(flags)], item.id,
                          f"{item.code} {item.title}\n" + "\n".join(flags))
        view.add_more(len(flagged))
        self.year_flags_box.setTitle(f"Cần xem lại sau khi sang năm mới ({len(flagged)})")
        self.year_flags_box.setVisible(bool(flagged))

    def _activated(self, line: QTreeWidgetItem, _column: int) -> None:
        item_id = line.data(0, ITEM_ID_ROLE)
        if item_id is not None:
            self.item_activated.emit(int(item_id))
