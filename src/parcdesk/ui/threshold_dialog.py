"""Correcting the measurable threshold the parser read from a target text."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel, QLineEdit, QSpinBox,
    QVBoxLayout,
)

from parcdesk.parsing.targets import Threshold
from parcdesk.ui.qt_vi import name_buttons

COMPARATORS = [(">=", "≥ (ít nhất)"), (">", "> (trên)"), ("=", "= (đúng bằng)"), ("<=", "≤ (tối đa)"),
               ("<", "< (dưới)")]


class ThresholdDialog(QDialog):
    def __init__(self, target_text: str, threshold: Threshold | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Sửa ngưỡng đo được của mục tiêu")
        explanation = QLabel(f"Mục tiêu: {target_text or '(chưa ghi)'}\n\nChương trình đọc ngưỡng từ câu mục tiêu; "
                             "nếu đọc sai, hãy sửa ở đây. Ngưỡng dùng để tính “đạt/không đạt” từ giá trị thực tế.")
        explanation.setWordWrap(True)
        self.measurable = QCheckBox("Mục tiêu đo được bằng số")
        self.comparator = QComboBox()
        for code, label in COMPARATORS:
            self.comparator.addItem(label, code)
        self.value = QDoubleSpinBox()
        self.value.setRange(-1e9, 1e9)
        self.value.setDecimals(2)
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("%, TTHC, sáng kiến… (để trống nếu là số lượng)")
        self.baseline_year = QSpinBox()
        self.baseline_year.setRange(0, 2100)
        self.baseline_year.setSpecialValueText("không có")
        self.baseline_value = QDoubleSpinBox()
        self.baseline_value.setRange(0, 1e9)
        self.baseline_value.setDecimals(2)
        form = QFormLayout()
        form.addRow(self.measurable)
        form.addRow("So sánh:", self.comparator)
        form.addRow("Giá trị:", self.value)
        form.addRow("Đơn vị:", self.unit)
        form.addRow("Năm gốc:", self.baseline_year)
        form.addRow("Giá trị năm gốc:", self.baseline_value)
        buttons = name_buttons(QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                                | QDialogButtonBox.StandardButton.Cancel))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.measurable.toggled.connect(self._enable)
        self.set_threshold(threshold)

    def _enable(self, on: bool) -> None:
        for widget in (self.comparator, self.value, self.unit, self.baseline_year, self.baseline_value):
            widget.setEnabled(on)

    def set_threshold(self, threshold: Threshold | None) -> None:
        self.measurable.setChecked(threshold is not None)
        self._enable(threshold is not None)
        if threshold is None:
            return
        self.comparator.setCurrentIndex(self.comparator.findData(threshold.comparator))
        self.value.setValue(threshold.value)
        self.unit.setText(threshold.unit or "")
        self.baseline_year.setValue(threshold.baseline_year or 0)
        self.baseline_value.setValue(threshold.baseline_value or 0)

    def threshold(self) -> Threshold | None:
        if not self.measurable.isChecked():
            return None
        year = self.baseline_year.value() or None
        return Threshold(self.comparator.currentData(), round(self.value.value(), 2), self.unit.text().strip() or None,
                         year, round(self.baseline_value.value(), 2) if year else None)
