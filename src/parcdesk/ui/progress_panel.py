"""Progress of the selected item in the chosen period: status, actual value (with
"đạt / không đạt" computed against the target), what was done, difficulties, proposals."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QHBoxLayout, QLabel, QMenu, QToolButton, QVBoxLayout, QWidget,
)

from parcdesk.db.connection import StoreError
from parcdesk.errors import UserError
from parcdesk.model import PlanItem, Progress
from parcdesk.parsing.numbers import problem as value_problem
from parcdesk.periods import Period
from parcdesk.statuses import STATUS_LABELS, achieved
from parcdesk.text import format_number
from parcdesk.ui.fields import AutoSaveForm, AutoSaveLine, AutoSaveText

COMPARATOR_WORDS = {">=": "≥", ">": ">", "=": "=", "<=": "≤", "<": "<"}


NO_THRESHOLD_HINT = ("Mục này chưa có chỉ tiêu đo được; giá trị nhập sẽ không được đánh giá "
                     "Đạt/Không đạt")


def describe_threshold(threshold) -> str:
    if threshold is None:
        return "không đo được bằng số"
    text = f"{COMPARATOR_WORDS[threshold.comparator]} {format_number(threshold.value, threshold.unit)}"
    if threshold.baseline_year:
        text += f" (năm {threshold.baseline_year}: {format_number(threshold.baseline_value, threshold.unit)})"
    return text


class ProgressPanel(QWidget, AutoSaveForm):
    """Emits `progress_edited((item_id, period_code), {field: value})`, the item and period the
    change was made for; the window runs the operation that saves it."""

    progress_edited = Signal(object, dict)
    carry_requested = Signal(bool)  # "Chép từ kỳ trước": True for every item, False for this one

    def __init__(self, parent=None):
        super().__init__(parent)
        self._item: PlanItem | None = None
        self._progress: Progress | None = None
        self._period: Period | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSize(font.pointSize() + 1)
        self.heading.setFont(font)
        self.target_label = QLabel()
        self.target_label.setWordWrap(True)
        self.status = QComboBox()
        for code, label in STATUS_LABELS.items():
            self.status.addItem(label, code)
        self.status.setToolTip("Trạng thái của mục trong kỳ đang chọn")
        self.value = AutoSaveLine(placeholder="ví dụ 97,5")
        self.value.setMaximumWidth(140)
        self.value.setMinimumWidth(100)
        self.value.setToolTip("Giá trị thực tế đạt được; để trống nếu chưa có số liệu")
        self.unit_label = QLabel()
        # what is wrong with the typed value, said at once, under the value itself
        self.value_message = QLabel()
        self.value_message.setWordWrap(True)
        self.value_message.setTextFormat(Qt.TextFormat.PlainText)
        self.value_message.setStyleSheet("color: #b3261e;")
        self.value_message.hide()
        self.achieved_label = QLabel()
        self.achieved_label.setWordWrap(True)
        self.achieved_label.setTextFormat(Qt.TextFormat.PlainText)
        self.achieved_label.setWordWrap(True)
        self.result = AutoSaveText(placeholder="Những việc đã làm, văn bản đã ban hành, số liệu…")
        self.difficulties = AutoSaveText(placeholder="Khó khăn, vướng mắc (nếu có)")
        self.proposals = AutoSaveText(placeholder="Đề xuất, kiến nghị (nếu có)")
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        # a record carried from an earlier period of the year (carry.py) says so, and can be carried again
        self.carried_label = QLabel()
        self.carried_label.setWordWrap(True)
        self.carried_label.setTextFormat(Qt.TextFormat.PlainText)
        self.carried_label.setStyleSheet("color: #1a5fb4;")
        self.carry_button = QToolButton()
        self.carry_button.setText("Chép từ kỳ trước")
        self.carry_button.setToolTip("Lấy lại trạng thái, giá trị, kết quả của kỳ trước cho kỳ này "
                                     "(hoàn tác được bằng Ctrl+Z)")
        self.carry_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        carry_menu = QMenu(self.carry_button)
        self.carry_one_action = QAction("Chép mục này từ kỳ trước", self)
        self.carry_all_action = QAction("Chép tất cả các mục từ kỳ trước", self)
        carry_menu.addAction(self.carry_one_action)
        carry_menu.addAction(self.carry_all_action)
        self.carry_button.setMenu(carry_menu)
        self.carry_button.clicked.connect(lambda: self.carry_requested.emit(False))
        self.carry_one_action.triggered.connect(lambda: self.carry_requested.emit(False))
        self.carry_all_action.triggered.connect(lambda: self.carry_requested.emit(True))

        value_row = QHBoxLayout()
        value_row.addWidget(self.value)
        value_row.addWidget(self.unit_label)
        value_row.addSpacing(12)
        value_row.addWidget(self.achieved_label, 1)
        value_box = QVBoxLayout()
        value_box.setSpacing(2)
        value_box.addLayout(value_row)
        value_box.addWidget(self.value_message)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Mục tiêu:", self.target_label)
        form.addRow("&Trạng thái:", self.status)
        form.addRow("Giá trị thực tế:", value_box)
        form.addRow("&Kết quả thực hiện:", self.result)
        form.addRow("Khó khăn, vướng mắc:", self.difficulties)
        form.addRow("Đề xuất, kiến nghị:", self.proposals)
        carried_row = QHBoxLayout()
        carried_row.addWidget(self.carried_label, 1)
        carried_row.addWidget(self.carry_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(carried_row)
        layout.addLayout(form, 1)
        layout.addWidget(self.state_label)

        self.status.activated.connect(lambda _i: self._emit({"status": self.status.currentData()}))
        self.value.committed.connect(self._value_committed)
        self.value.textEdited.connect(lambda text: self._say_value_problem(self._value_problem(text)))
        self.result.committed.connect(lambda text, target: self._emit({"result": text}, target))
        self.difficulties.committed.connect(lambda text, target: self._emit({"difficulties": text}, target))
        self.proposals.committed.connect(lambda text, target: self._emit({"proposals": text}, target))
        self.bind_targets()
        self.show_progress(None, None, None)

    def _unit(self) -> str | None:
        threshold = self._item.threshold if self._item is not None else None
        return threshold.unit if threshold is not None else None

    def _value_problem(self, text: str) -> str | None:
        return value_problem(text, self._unit()) if self._item is not None else None

    def _say_value_problem(self, text: str | None) -> None:
        self.value_message.setText(text or "")
        self.value_message.setVisible(bool(text))

    @property
    def text_fields(self):
        return (self.value, self.result, self.difficulties, self.proposals)

    @property
    def named_fields(self):
        return {"actual_value": self.value, "result": self.result, "difficulties": self.difficulties,
                "proposals": self.proposals}

    def save_target(self) -> tuple[int, str] | None:
        """(item id, period code) of the record shown, if it is one that takes progress."""
        if self._item is None or not self._item.is_tracked or self._period is None:
            return None
        return self._item.id, self._period.code

    def revert_choices(self) -> None:
        """A refused status change: the list shows again what the file holds."""
        if self._progress is not None:
            self.status.setCurrentIndex(self.status.findData(self._progress.status))

    # ------------------------------------------------------------ showing

    def show_progress(self, item: PlanItem | None, period: Period | None, progress: Progress | None,
                      read_only: bool = False, carried_note: str = "", can_carry: bool = False) -> None:
        """`carried_note`: what the window says of a carried record; `can_carry`: an earlier period exists."""
        self.flush()
        self.carried_label.setText(carried_note)
        self.carried_label.setVisible(bool(carried_note))
        tracked_item = item is not None and item.is_tracked
        self.carry_button.setVisible(can_carry and tracked_item)
        self.carry_button.setEnabled(not read_only)
        self._item, self._progress, self._period = item, progress, period
        self._say_value_problem(None)
        self._year = period.year if period is not None else None
        tracked = item is not None and item.is_tracked
        if item is None:
            self.heading.setText("Chọn một mục trong cây kế hoạch để ghi tiến độ.")
        elif not tracked:
            self.heading.setText(f"{item.code} {item.title}".strip())
        else:
            self.heading.setText(f"{item.code} {item.title} — {period.label}".strip())
        for widget in (self.status, self.value, self.result, self.difficulties, self.proposals):
            widget.setEnabled(tracked and not read_only)
        if not tracked:
            self.target_label.setText("")
            self.status.setCurrentIndex(0)
            for field in (self.value, self.result, self.difficulties, self.proposals):
                field.load("")
            self.achieved_label.setText("")
            self.unit_label.setText("")
            self.state_label.setText(
                "Mục này gồm các mục con: tiến độ được ghi ở từng mục con." if item is not None else "")
            return
        threshold = item.threshold_for(self._year)
        self.target_label.setText(f"{item.target_text or '(chưa ghi)'}\nNgưỡng: {describe_threshold(threshold)}")
        self.status.setCurrentIndex(self.status.findData(progress.status))
        self.value.load(format_number(progress.actual_value))
        self.unit_label.setText(threshold.unit if threshold and threshold.unit else "")
        self.result.load(progress.result)
        self.difficulties.load(progress.difficulties)
        self.proposals.load(progress.proposals)
        self._show_achieved()
        self.state_label.setText("Kỳ báo cáo này đã chốt: chỉ xem, không sửa." if read_only else "")

    def _show_achieved(self) -> None:
        threshold = self._item.threshold_for(self._year)
        verdict = achieved(threshold, self._progress.status, self._progress.actual_value)
        text, colour = {
            True: ("✔ Đạt mục tiêu", "#1b7f3b"),
            False: ("✘ Không đạt mục tiêu", "#b3261e"),
            None: ("", "#000000"),
        }[verdict]
        if verdict is None and threshold is not None and self._progress.actual_value is None:
            text = "Nhập giá trị thực tế để biết đạt hay không"
            colour = "#6b6b6b"
        elif threshold is None and self._progress.actual_value is not None:
            text, colour = NO_THRESHOLD_HINT, "#8a5a00"
        self.achieved_label.setText(text)
        self.achieved_label.setStyleSheet(f"color: {colour};")

    # ------------------------------------------------------------ editing

    def _value_committed(self, text: str, target) -> None:
        # a percentage outside 0–100, a negative count, words: refused here with the sentence
        # beside the field (the core refuses the same by the same rule, parsing/numbers.py)
        refused = self._value_problem(text)
        self._say_value_problem(refused)
        if refused:
            self.value.mark_unsaved()
            return
        self._emit({"actual_value": text}, target)

    def _emit(self, change: dict, target=None) -> None:
        """`target`: the record a field's typing was for; a choice in the list is for the shown one."""
        if target is None:
            target = self.save_target()
        if target is not None:
            self.progress_edited.emit(target, change)

    def progress_saved(self, progress: Progress, carried_note: str = "") -> None:
        """The window reports what the database now holds (after a save, undo or redo)."""
        self._progress = progress
        if self.state_label.styleSheet():  # a "not saved" sentence is stale once the file holds the values
            self.state_label.setText("")
            self.state_label.setStyleSheet("")
        self.carried_label.setText(carried_note)
        self.carried_label.setVisible(bool(carried_note))
        if self.status.currentData() != progress.status:
            self.status.setCurrentIndex(self.status.findData(progress.status))
        self.value.sync(format_number(progress.actual_value))
        self.result.sync(progress.result)
        self.difficulties.sync(progress.difficulties)
        self.proposals.sync(progress.proposals)
        self._show_achieved()

    def save_failed(self, error: UserError | None = None) -> None:
        """Refused (the dialog said why): the field shows the stored value again. The environment
        stopped it: keep what was typed on screen, and say plainly that it is not saved yet."""
        super().save_failed(error)
        if error is not None and not isinstance(error, StoreError):
            return
        reason = f" {error}" if error is not None else ""
        self.state_label.setText(f"Chưa lưu được.{reason} Nội dung vẫn giữ trên màn hình.")
        self.state_label.setStyleSheet("color: #b3261e;")

