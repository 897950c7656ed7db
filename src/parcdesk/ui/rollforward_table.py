"""The roll-forward preview of a plan made from an existing one: each year rewrite and each
next-year target proposal ("Chỉ tiêu năm mới") with its box; a proposed target's value can be
typed over (the officer's override)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from parcdesk.errors import UserError
from parcdesk.parsing.numbers import parse_actual
from parcdesk.rollforward import RollForward
from parcdesk.text import format_number

__all__ = ["RollForwardTable"]

_EDITABLE_KINDS = ("next_target",)


_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")


def typed_value(text: str, unit: str | None) -> float | None:
    """"≥ 55%", "55", "55,5" → the number; None when nothing readable was typed."""
    match = _NUMBER_RE.search(text or "")
    if match is None:
        return None
    try:
        return parse_actual(match.group(0), unit)
    except UserError:
        return None


class RollForwardTable(QTableWidget):
    def __init__(self, parent=None):
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels(["Áp dụng", "Chỗ", "Hiện ghi", "Sẽ thành"])
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2, 3):
            self.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setWordWrap(True)
        self.roll: RollForward | None = None

    def show_roll(self, roll: RollForward | None) -> None:
        self.roll = roll
        rewrites = roll.rewrites if roll is not None else []
        self.setRowCount(len(rewrites))
        for row, rewrite in enumerate(rewrites):
            box = QTableWidgetItem()
            box.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            box.setCheckState(Qt.CheckState.Checked)
            self.setItem(row, 0, box)
            for column, text in enumerate((rewrite.where, rewrite.old, rewrite.new), start=1):
                cell = QTableWidgetItem(text)
                flags = Qt.ItemFlag.ItemIsEnabled
                if column == 3 and rewrite.kind in _EDITABLE_KINDS:
                    flags |= Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsSelectable
                    cell.setToolTip("Chỉ tiêu đề xuất theo quy tắc; bấm đúp để ghi chỉ tiêu khác.")
                else:
                    cell.setToolTip(text)
                cell.setFlags(flags)
                self.setItem(row, column, cell)
        self.resizeRowsToContents()

    def accepted(self) -> list[int]:
        return [row for row in range(self.rowCount()) if self.item(row, 0).checkState() == Qt.CheckState.Checked]

    def overrides(self) -> dict[int, float]:
        """{row: value} for the proposed targets whose value the officer typed over."""
        found: dict[int, float] = {}
        if self.roll is None:
            return found
        for row, rewrite in enumerate(self.roll.rewrites):
            if rewrite.kind not in _EDITABLE_KINDS or rewrite.threshold is None:
                continue
            typed = self.item(row, 3).text()
            if typed == rewrite.new:
                continue
            value = typed_value(typed, rewrite.threshold.unit)
            if value is not None and value != rewrite.threshold.value:
                found[row] = value
        return found

    def set_override(self, row: int, value: float) -> None:
        """What typing a value in the proposal's cell does (tests, and a future spin box)."""
        unit = self.roll.rewrites[row].threshold.unit if self.roll and self.roll.rewrites[row].threshold else None
        self.item(row, 3).setText(f"≥ {format_number(value, unit)}")
