"""The search box and the filters above the plan tree."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from parcdesk.filtering import Filters
from parcdesk.statuses import BUCKET_LABELS, STATUS_LABELS
from parcdesk.ui.text_fit import make_room


class FilterBar(QWidget):
    filters_changed = Signal(object)  # Filters

    def __init__(self, parent=None):
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm (Ctrl+F), có dấu hay không")
        self.search.setClearButtonEnabled(True)
        make_room(self.search)  # whatever the panel beside it takes, the placeholder reads whole
        self.search.setToolTip("Tìm trong tên, mục tiêu, cơ quan, kết quả thực hiện; không phân biệt dấu, đ = d")
        self.status = QComboBox()
        self.status.addItem("Mọi trạng thái", None)
        self.status.addItem(BUCKET_LABELS["late"], "late")
        for code, label in STATUS_LABELS.items():
            self.status.addItem(label, code)
        self.lead = QComboBox()
        self.lead.setMinimumContentsLength(16)
        self.lead.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.overdue = QCheckBox("Quá hạn")
        self.no_evidence = QCheckBox("Thiếu tài liệu kiểm chứng")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        layout.addWidget(self.status, 1)
        layout.addWidget(self.lead, 1)
        layout.addWidget(self.overdue)
        layout.addWidget(self.no_evidence)
        self.search.textChanged.connect(self._changed)
        self.status.currentIndexChanged.connect(self._changed)
        self.lead.currentIndexChanged.connect(self._changed)
        self.overdue.toggled.connect(self._changed)
        self.no_evidence.toggled.connect(self._changed)
        self.set_leads([])

    def set_leads(self, names: list[str]) -> None:
        current = self.lead.currentData()
        self.lead.blockSignals(True)
        self.lead.clear()
        self.lead.addItem("Mọi cơ quan chủ trì", None)
        for name in names:
            self.lead.addItem(name, name)
        index = self.lead.findData(current)
        self.lead.setCurrentIndex(max(index, 0))
        self.lead.blockSignals(False)

    def filters(self) -> Filters:
        return Filters(
            query=self.search.text(),
            status=self.status.currentData(),
            lead=self.lead.currentData(),
            overdue_only=self.overdue.isChecked(),
            without_evidence_only=self.no_evidence.isChecked(),
        )

    def _changed(self, *_args) -> None:
        self.filters_changed.emit(self.filters())
