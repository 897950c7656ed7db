"""Picking the lead, partner or monitoring agencies of an item from the office's list."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
    QVBoxLayout, QWidget,
)

from parcdesk.text import clean, fold
from parcdesk.ui.qt_vi import name_buttons


class AgencyPickerDialog(QDialog):
    """A checklist of the office's agencies, in their order; a new name can be added."""

    def __init__(self, title: str, known: list[str], chosen: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(420, 460)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Lọc danh sách (gõ không dấu cũng được)")
        self.list = QListWidget()
        for name in [*chosen, *[k for k in known if k not in chosen]]:
            self._add_row(name, name in chosen)
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("Tên cơ quan chưa có trong danh sách")
        add = QPushButton("Thêm")
        add.clicked.connect(self._add_new)
        self.new_name.returnPressed.connect(self._add_new)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_name, 1)
        new_row.addWidget(add)
        buttons = name_buttons(QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                                | QDialogButtonBox.StandardButton.Cancel))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(QLabel("Cơ quan khác:"))
        layout.addLayout(new_row)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._apply_filter)

    def _add_row(self, name: str, checked: bool) -> QListWidgetItem:
        row = QListWidgetItem(name, self.list)
        row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        row.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        return row

    def _add_new(self) -> None:
        name = clean(self.new_name.text())
        if not name:
            return
        existing = self.list.findItems(name, Qt.MatchFlag.MatchFixedString)
        row = existing[0] if existing else self._add_row(name, True)
        row.setCheckState(Qt.CheckState.Checked)
        self.list.scrollToItem(row)
        self.new_name.clear()

    def _apply_filter(self, text: str) -> None:
        wanted = fold(text)
        for index in range(self.list.count()):
            row = self.list.item(index)
            row.setHidden(bool(wanted) and wanted not in fold(row.text()))

    def chosen(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]


class AgencyField(QWidget):
    """Shows the chosen agencies; "Chọn…" opens the checklist. Emits `changed(list)`."""

    changed = Signal(list)

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self._title = title
        self._names: list[str] = []
        self.known: list[str] = []
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton("Chọn…")
        self.button.setToolTip(f"Chọn {title.lower()} từ danh sách cơ quan của đơn vị")
        self.button.clicked.connect(self.pick)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.set_names([])

    def set_names(self, names: list[str]) -> None:
        self._names = list(names)
        self.label.setText("; ".join(names) if names else "(chưa giao)")

    def names(self) -> list[str]:
        return list(self._names)

    def pick(self) -> None:
        dialog = AgencyPickerDialog(self._title, self.known, self._names, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.choose(dialog.chosen())

    def choose(self, names: list[str]) -> None:
        if names != self._names:
            self.set_names(names)
            self.changed.emit(names)
