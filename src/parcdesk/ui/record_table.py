"""A read-only table over a list of records (agencies, evidence documents): the columns and
what each cell shows are the subclass's; the rest is the same for every such list."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class RecordTableModel(QAbstractTableModel):
    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.records: list = []

    def set_records(self, records) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def row_of(self, record_id: int) -> int | None:
        return next((row for row, record in enumerate(self.records) if record.id == record_id), None)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record = self.records[index.row()]
        if role == RECORD_ID_ROLE:
            return record.id
        return self.cell(record, index.column(), role)

    def cell(self, record, column: int, role):
        """What one cell shows for a role (display, tooltip, alignment…); None for nothing."""
        raise NotImplementedError
