"""Every field of the selected item, editable: code, level, title, target (with the parsed
threshold shown and correctable), agencies, timeframe (with its due dates), output, notes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from parcdesk.errors import UserError
from parcdesk.model import LEVEL_LABELS, PlanItem
from parcdesk.parsing.numbers import parse_actual
from parcdesk.parsing.targets import baseline_request, with_baseline
from parcdesk.rollforward import year_flags
from parcdesk.parsing.timeframes import parse_timeframe
from parcdesk.text import format_date
from parcdesk.ui.agency_picker import AgencyField
from parcdesk.ui.fields import AutoSaveForm, AutoSaveLine, AutoSaveText
from parcdesk.ui.progress_panel import describe_threshold
from parcdesk.ui.threshold_dialog import ThresholdDialog

KIND_LABELS = {
    "date": "Hạn cụ thể", "recurring": "Định kỳ", "year": "Trong năm", "event": "Theo sự việc phát sinh",
    "ongoing": "Thường xuyên", "unknown": "Chưa xác định được",
}


def describe_timeframe(text: str, year: int) -> tuple[str, bool]:
    """(a line for the officer, whether it is a problem)."""
    timeframe = parse_timeframe(text, year)
    if timeframe.problem:
        return timeframe.problem, True
    line = KIND_LABELS[timeframe.kind]
    if timeframe.due:
        line += ": " + ", ".join(format_date(d) for d in timeframe.due)
    return line, False


class ItemPanel(QWidget, AutoSaveForm):
    """Emits `item_edited(item_id, {field: value})`, the item the change was made for; the window
    runs the operation that saves it."""

    item_edited = Signal(object, dict)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._item: PlanItem | None = None
        self._year = 2025
        self.code = AutoSaveLine(placeholder="ví dụ TC 1.1")
        self.code.setMaximumWidth(160)
        self.level = QComboBox()
        for code, label in LEVEL_LABELS.items():
            self.level.addItem(label, code)
        self.title = AutoSaveText(placeholder="Tên lĩnh vực, tiêu chí hoặc nhiệm vụ")
        self.title.setMaximumHeight(70)
        self.target = AutoSaveText(placeholder="Mục tiêu, yêu cầu; ví dụ “Giải quyết đúng hạn 100% hồ sơ”")
        self.target.setMaximumHeight(80)
        self.threshold_label = QLabel()
        self.threshold_label.setWordWrap(True)
        self.threshold_button = QPushButton("Sửa ngưỡng…")
        self.threshold_button.setToolTip("Sửa ngưỡng đo được nếu chương trình đọc mục tiêu chưa đúng")
        self.auto_button = QPushButton("Đọc lại tự động")
        self.auto_button.setToolTip("Bỏ ngưỡng đã sửa tay, đọc lại từ câu mục tiêu")
        # a target "tăng … so với năm 2025": last year's result, from which the threshold is computed
        self.baseline = AutoSaveLine(placeholder="kết quả năm cơ sở, ví dụ 83,99")
        self.baseline.setMaximumWidth(160)
        self.baseline_label = QLabel()
        self.baseline_label.setWordWrap(True)
        # what still does not fit the plan's year: a past year left in the texts, a missing baseline
        self.flags_label = QLabel()
        self.flags_label.setWordWrap(True)
        self.flags_label.setStyleSheet("color: #b3261e;")
        self.lead = AgencyField("Cơ quan chủ trì")
        self.partners = AgencyField("Cơ quan phối hợp")
        self.monitor = AgencyField("Cơ quan theo dõi")
        self.timeframe = AutoSaveLine(placeholder="ví dụ “Quý I”, “Định kỳ hàng quý”, “Trong năm 2025”")
        self.timeframe_label = QLabel()
        self.timeframe_label.setWordWrap(True)
        self.output = AutoSaveText(placeholder="Sản phẩm, kết quả công việc")
        self.output.setMaximumHeight(70)
        self.notes = AutoSaveText(placeholder="Ghi chú")
        self.notes.setMaximumHeight(70)

        code_row = QHBoxLayout()
        code_row.addWidget(self.code)
        code_row.addWidget(QLabel("Cấp:"))
        code_row.addWidget(self.level)
        code_row.addStretch(1)
        threshold_row = QHBoxLayout()
        threshold_row.addWidget(self.threshold_label, 1)
        threshold_row.addWidget(self.threshold_button)
        threshold_row.addWidget(self.auto_button)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Mã:", code_row)
        form.addRow("&Nội dung:", self.title)
        form.addRow("Mục &tiêu:", self.target)
        form.addRow("Ngưỡng:", threshold_row)
        baseline_row = QHBoxLayout()
        baseline_row.addWidget(self.baseline)
        baseline_row.addWidget(self.baseline_label, 1)
        self.baseline_row = QWidget()
        self.baseline_row.setLayout(baseline_row)
        baseline_row.setContentsMargins(0, 0, 0, 0)
        form.addRow("Năm cơ sở:", self.baseline_row)
        form.addRow("", self.flags_label)
        form.addRow("Chủ trì:", self.lead)
        form.addRow("Phối hợp:", self.partners)
        form.addRow("Theo dõi:", self.monitor)
        form.addRow("Thời &gian:", self.timeframe)
        form.addRow("", self.timeframe_label)
        form.addRow("&Sản phẩm:", self.output)
        form.addRow("Ghi &chú:", self.notes)
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self.code.committed.connect(lambda text, item_id: self._emit({"code": text}, item_id))
        self.level.activated.connect(lambda _i: self._emit({"level": self.level.currentData()}))
        self.title.committed.connect(lambda text, item_id: self._emit({"title": text}, item_id))
        self.target.committed.connect(lambda text, item_id: self._emit({"target_text": text}, item_id))
        self.timeframe.committed.connect(lambda text, item_id: self._emit({"timeframe_text": text}, item_id))
        self.timeframe.textEdited.connect(self._preview_timeframe)
        self.output.committed.connect(lambda text, item_id: self._emit({"output": text}, item_id))
        self.notes.committed.connect(lambda text, item_id: self._emit({"notes": text}, item_id))
        self.lead.changed.connect(lambda names: self._emit({"lead": names}))
        self.partners.changed.connect(lambda names: self._emit({"partners": names}))
        self.monitor.changed.connect(lambda names: self._emit({"monitor": names}))
        self.threshold_button.clicked.connect(self.edit_threshold)
        self.baseline.committed.connect(self._baseline_entered)
        self.auto_button.clicked.connect(lambda: self._emit({"target_manual": False}))
        self.bind_targets()
        self.show_item(None, 2025, [])

    @property
    def text_fields(self):
        return (self.code, self.title, self.target, self.timeframe, self.output, self.notes, self.baseline)

    @property
    def named_fields(self):
        return {"code": self.code, "title": self.title, "target_text": self.target,
                "timeframe_text": self.timeframe, "output": self.output, "notes": self.notes}

    def save_target(self) -> int | None:
        return self._item.id if self._item is not None else None

    def revert_choices(self) -> None:
        """A refused level or agency change: the pickers show again what the item holds."""
        if self._item is not None:
            self.level.setCurrentIndex(self.level.findData(self._item.level))
            self.lead.set_names(self._item.lead)
            self.partners.set_names(self._item.partners)
            self.monitor.set_names(self._item.monitor)

    def show_item(self, item: PlanItem | None, year: int, agencies: list[str], read_only: bool = False) -> None:
        self.flush()
        self._item, self._year = item, year
        editable = item is not None and not read_only
        for widget in (*self.text_fields, self.level, self.lead, self.partners, self.monitor,
                       self.threshold_button, self.auto_button):
            widget.setEnabled(editable)
        self.set_agencies(agencies)
        if item is None:
            for field in self.text_fields:
                field.load("")
            for field in (self.lead, self.partners, self.monitor):
                field.set_names([])
            self.threshold_label.setText("")
            self.timeframe_label.setText("")
            self.baseline_row.setVisible(False)
            self.flags_label.setVisible(False)
            return
        self.code.load(item.code)
        self.level.setCurrentIndex(self.level.findData(item.level))
        self.title.load(item.title)
        self.target.load(item.target_text)
        self.timeframe.load(item.timeframe_text)
        self.output.load(item.output)
        self.notes.load(item.notes)
        self.lead.set_names(item.lead)
        self.partners.set_names(item.partners)
        self.monitor.set_names(item.monitor)
        self._show_threshold(item)
        self._preview_timeframe(item.timeframe_text)

    def set_agencies(self, names: list[str]) -> None:
        """The office's agencies, offered by the lead, partner and monitor pickers."""
        for field in (self.lead, self.partners, self.monitor):
            field.known = names

    def item_saved(self, item: PlanItem) -> None:
        """The database holds a new version of the item (a save, an undo, a redo)."""
        if self._item is None or item.id != self._item.id:
            return
        self._item = item
        for field, value in ((self.code, item.code), (self.title, item.title), (self.target, item.target_text),
                             (self.timeframe, item.timeframe_text), (self.output, item.output),
                             (self.notes, item.notes)):
            field.sync(value)
        self.level.setCurrentIndex(self.level.findData(item.level))
        self.lead.set_names(item.lead)
        self.partners.set_names(item.partners)
        self.monitor.set_names(item.monitor)
        self._show_threshold(item)
        self._preview_timeframe(self.timeframe.text())

    def _show_threshold(self, item: PlanItem) -> None:
        text = describe_threshold(item.threshold)
        if item.target_manual:
            text += " — đã sửa tay"
        if item.year_targets:  # a multi-year plan: each year judged against its own
            text += "\nTheo từng năm: " + "; ".join(
                f"năm {year}: {describe_threshold(target.threshold)}" for year, target in sorted(item.year_targets.items()))
        self.threshold_label.setText(text)
        self.auto_button.setVisible(item.target_manual)
        request = baseline_request(item.target_text, include_quoted=True)
        self.baseline_row.setVisible(request is not None)
        if request is not None:
            known = item.threshold.baseline_value if item.threshold else None
            self.baseline.load("" if known is None else f"{known:g}".replace(".", ","))
            self.baseline_label.setText(
                f"kết quả năm {request.year or self._year - 1}; ngưỡng = kết quả đó + "
                f"{request.points:g}%".replace(".", ",") if known is not None else request.describe())
        flags = year_flags(item, self._year)
        self.flags_label.setText("⚠ " + "; ".join(flags) if flags else "")
        self.flags_label.setVisible(bool(flags))

    def _baseline_entered(self, text: str, item_id: int | None) -> None:
        if self._item is None or item_id != self._item.id or not text.strip():
            return
        try:
            value = parse_actual(text, "%")
        except UserError as error:
            self.baseline_label.setText(str(error))
            return
        threshold = with_baseline(self.target.toPlainText(), value) if value is not None else None
        if threshold is not None:
            self._emit({"threshold": threshold, "target_manual": True}, item_id)

    def _preview_timeframe(self, text: str) -> None:
        line, problem = describe_timeframe(text, self._year)
        self.timeframe_label.setText(line)
        self.timeframe_label.setStyleSheet("color: #b3261e;" if problem else "color: #555555;")

    def edit_threshold(self) -> None:
        if self._item is None:
            return
        dialog = ThresholdDialog(self.target.toPlainText(), self._item.threshold, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._emit({"threshold": dialog.threshold(), "target_manual": True})

    def _emit(self, change: dict, item_id: int | None = None) -> None:
        """`item_id`: the item a field's typing was for; a picker's change is for the shown item."""
        if item_id is None:
            item_id = self.save_target()
        if item_id is not None:
            self.item_edited.emit(item_id, change)



