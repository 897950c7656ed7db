"""The evidence (tài liệu kiểm chứng) of one item for one period: attach a scan, correct its
number, date and summary, replace the file, open it, remove it. Every change is a command on
the window's undo stack, so Ctrl+Z takes it back."""

from __future__ import annotations

import shutil
import tempfile
import weakref
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QStackedWidget, QStyledItemDelegate,
    QTableView, QVBoxLayout, QWidget,
)
from shiboken6 import isValid

from parcdesk.db.evidence import (
    add_evidence, evidence_file, list_evidence, remove_evidence, restore_evidence, update_evidence,
)
from parcdesk.db.store import Store
from parcdesk.errors import UserError
from parcdesk.model import Evidence
from parcdesk.periods import parse_period
from parcdesk.text import format_date
from parcdesk.ui import qt_vi
from parcdesk.ui.commands import SOURCE, AppliedCommand
from parcdesk.ui.record_table import RECORD_ID_ROLE, RecordTableModel

FILE_FILTER = "Tài liệu (*.pdf *.doc *.docx *.xls *.xlsx *.jpg *.jpeg *.png *.tif *.tiff);;Tất cả tệp (*)"
EVIDENCE_ID_ROLE = RECORD_ID_ROLE
COLUMNS = ("Số, ký hiệu", "Ngày", "Trích yếu", "Tệp")


def choose_file_dialog(parent: QWidget | None) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Chọn tệp tài liệu kiểm chứng", "", FILE_FILTER)
    return path or None


class EvidenceModel(RecordTableModel):
    COLUMNS = COLUMNS

    def cell(self, record: Evidence, column: int, role):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.ToolTipRole and column == 3 and not record.file_name:
                return "Chưa đính kèm tệp"
            return (record.number, format_date(record.issued_on), record.summary, record.file_name or "")[column]
        return None


class _MiddleElide(QStyledItemDelegate):
    def initStyleOption(self, option, index) -> None:  # noqa: N802 (Qt's name)
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


class EvidenceDialog(QDialog):
    """Number and symbol, date, summary of one document. Usable without exec(): fill the
    fields (or call `set_values`), then read `values()`."""

    def __init__(self, parent=None, *, file_name: str | None = None, evidence: Evidence | None = None):
        super().__init__(parent)
        self.setWindowTitle("Sửa tài liệu kiểm chứng" if evidence else "Thêm tài liệu kiểm chứng")
        self.has_file = bool(file_name or (evidence and evidence.file_name))
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText("Ví dụ: 15/BC-UBND")
        self.number_edit.setToolTip("Số và ký hiệu của văn bản")
        self.date_edit = QDateEdit()
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setToolTip("Ngày ban hành văn bản")
        self.no_date_check = QCheckBox("Văn bản không ghi ngày")
        self.no_date_check.toggled.connect(lambda checked: self.date_edit.setEnabled(not checked))
        self.summary_edit = QLineEdit()
        self.summary_edit.setPlaceholderText("Ví dụ: Báo cáo kết quả thực hiện CCHC quý I")
        self.summary_edit.setToolTip("Trích yếu nội dung văn bản")
        self.summary_edit.setMinimumWidth(520)
        self.problem = QLabel("")
        self.problem.setStyleSheet("color: #b3261e")
        self.problem.hide()

        date_row = QHBoxLayout()
        date_row.addWidget(self.date_edit)
        date_row.addWidget(self.no_date_check)
        date_row.addStretch(1)
        form = QFormLayout()
        form.addRow("Số, ký hiệu:", self.number_edit)
        form.addRow("Ngày văn bản:", date_row)
        form.addRow("Trích yếu:", self.summary_edit)
        shown_file = file_name or (evidence.file_name if evidence else None)
        if shown_file:
            form.addRow("Tệp:", QLabel(shown_file))
        buttons = qt_vi.name_buttons(QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        if evidence:
            self.set_values(evidence.number, evidence.issued_on, evidence.summary)
        else:
            self.set_values("", date.today(), "")

    def set_values(self, number: str = "", issued_on: str | date | None = None, summary: str = "") -> None:
        self.number_edit.setText(number or "")
        self.summary_edit.setText(summary or "")
        self.summary_edit.setCursorPosition(0)  # a long summary shows its beginning
        day = issued_on or date.today()  # today is where the calendar opens for an undated one
        day = date.fromisoformat(day) if isinstance(day, str) else day
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.no_date_check.setChecked(not issued_on)
        self.date_edit.setEnabled(bool(issued_on))

    def values(self) -> dict:
        """number, issued_on (ISO text, "" when the document has no date), summary."""
        issued = "" if self.no_date_check.isChecked() else self.date_edit.date().toString("yyyy-MM-dd")
        return {"number": self.number_edit.text().strip(), "issued_on": issued,
                "summary": self.summary_edit.text().strip()}

    def accept(self) -> None:
        values = self.values()
        if not (values["number"] or values["summary"] or self.has_file):
            self.problem.setText("Hãy ghi số, ký hiệu hoặc trích yếu của văn bản.")
            self.problem.show()
            return
        super().accept()


# ------------------------------------------------------------------------------------ commands

class _EvidenceCommand(AppliedCommand):
    """An evidence change; the panel is its context (it may be gone when the stack undoes)."""

    def __init__(self, panel: "EvidencePanel", text: str):
        super().__init__(panel, text)
        self.panel, self.store = panel, panel.store

    def report_error(self, error: UserError) -> None:
        if isValid(self.panel):
            self.panel.show_error(str(error))
        else:
            qt_vi.warn(None, str(error))

    def after_undo_or_redo(self) -> None:
        if isValid(self.panel):
            self.panel.data_changed()


class AddEvidenceCommand(_EvidenceCommand):
    def __init__(self, panel, item_id: int, period: str, file: str | None, values: dict):
        super().__init__(panel, "Đính kèm tài liệu kiểm chứng")
        self.item_id, self.period, self.file, self.values = item_id, period, file, values
        self.record: Evidence | None = None

    def do(self) -> None:
        if self.record is None:
            self.record = add_evidence(self.store, self.item_id, self.period, file=self.file,
                                       source=SOURCE, **self.values)
        else:  # the same record, id and copied file as the first time
            restore_evidence(self.store, self.record, source=SOURCE)

    def undo_it(self) -> None:
        remove_evidence(self.store, self.record.id, source=SOURCE)


class RemoveEvidenceCommand(_EvidenceCommand):
    def __init__(self, panel, evidence_id: int):
        super().__init__(panel, "Xóa tài liệu kiểm chứng")
        self.evidence_id = evidence_id
        self.record: Evidence | None = None

    def do(self) -> None:
        self.record = remove_evidence(self.store, self.evidence_id, source=SOURCE)

    def undo_it(self) -> None:
        restore_evidence(self.store, self.record, source=SOURCE)


class EditEvidenceCommand(_EvidenceCommand):
    def __init__(self, panel, evidence_id: int, old: dict, new: dict):
        super().__init__(panel, "Sửa tài liệu kiểm chứng")
        self.evidence_id, self.old, self.new = evidence_id, old, new

    def do(self) -> None:
        update_evidence(self.store, self.evidence_id, source=SOURCE, **self.new)

    def undo_it(self) -> None:
        update_evidence(self.store, self.evidence_id, source=SOURCE, **self.old)


class ReplaceFileCommand(_EvidenceCommand):
    """The core drops a copied file nobody uses any more, so the command keeps its own copies
    of the old and the new file (under their original names) to switch between them."""

    def __init__(self, panel, record: Evidence, new_file: str):
        super().__init__(panel, "Thay tệp tài liệu kiểm chứng")
        self.record = record
        self._folder = Path(tempfile.mkdtemp(prefix="parcdesk-undo-"))
        weakref.finalize(self, shutil.rmtree, self._folder, True)
        try:
            old_file = evidence_file(self.store, record)
        except UserError:  # the old copy is already missing: undo brings back the record as it was
            old_file = None
        self.old_copy = self._keep_copy("cu", old_file, record.file_name)
        self.new_copy = self._keep_copy("moi", Path(new_file), Path(new_file).name)

    def _keep_copy(self, folder: str, source: Path | None, name: str | None) -> Path | None:
        if source is None:
            return None
        target = self._folder / folder / name
        target.parent.mkdir()
        try:
            shutil.copyfile(source, target)
        except OSError as exc:
            raise UserError(f"Không đọc được tệp {source.name}: {exc.strerror or exc}.") from exc
        return target

    def do(self) -> None:
        update_evidence(self.store, self.record.id, file=self.new_copy, source=SOURCE)

    def undo_it(self) -> None:
        if self.old_copy is not None:
            update_evidence(self.store, self.record.id, file=self.old_copy, source=SOURCE)
        else:  # there was no file: put the record back as it was
            remove_evidence(self.store, self.record.id, source=SOURCE)
            restore_evidence(self.store, self.record, source=SOURCE)


# ------------------------------------------------------------------------------------ the panel

class EvidencePanel(QWidget):
    """Emits `changed` after every change to the evidence (including undo and redo)."""

    changed = Signal()

    def __init__(self, store: Store, undo_stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.store, self.undo_stack = store, undo_stack
        self.item_id: int | None = None
        self.period: str = ""
        self.read_only = False
        # The steps that wait for the officer; tests replace them.
        self.choose_file = lambda: choose_file_dialog(self)
        self.run_dialog = lambda dialog: dialog.exec()
        self.confirm = lambda text: qt_vi.ask(self, text, yes="Xóa", no="Hủy", danger=True)
        self.show_error = lambda message: qt_vi.warn(self, message)
        self.open_url = QDesktopServices.openUrl

        self.heading = QLabel("Tài liệu kiểm chứng")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.model = EvidenceModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the summary gets the room
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.table.setItemDelegateForColumn(3, _MiddleElide(self.table))  # keeps a file's extension in view
        rows = self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(header.sizeHint().height() + 3 * rows + 2 * self.table.frameWidth())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self._open)
        self.empty = QLabel("Chưa có tài liệu kiểm chứng")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #b3261e; font-weight: bold")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)

        self.attach_button = self._button("Đính kèm tệp…", "Chọn tệp văn bản (bản quét PDF, Word, Excel, ảnh) "
                                          "và ghi số, ngày, trích yếu", self._attach)
        self.edit_button = self._button("Sửa…", "Sửa số, ngày, trích yếu của tài liệu đang chọn", self._edit)
        self.replace_button = self._button("Thay tệp…", "Thay tệp của tài liệu đang chọn bằng tệp khác",
                                           self._replace)
        self.open_button = self._button("Mở", "Mở tệp của tài liệu đang chọn", self._open)
        self.remove_button = self._button("Xóa", "Xóa tài liệu đang chọn (có thể hoàn tác bằng Ctrl+Z)",
                                          self._remove)
        buttons = QHBoxLayout()
        for button in (self.attach_button, self.edit_button, self.replace_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.set_target(None, "")

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    # ---------------------------------------------------------------- state

    def set_target(self, item_id: int | None, period: str, read_only: bool = False) -> None:
        self.item_id, self.period, self.read_only = item_id, period, read_only
        heading = "Tài liệu kiểm chứng"
        if item_id is not None and period:
            try:
                heading += f" – {parse_period(period).label}"
            except UserError:
                pass
        self.heading.setText(heading + (" (chỉ xem)" if read_only else ""))
        self.reload()

    def reload(self) -> None:
        selected = self.selected()
        records = list_evidence(self.store.db, self.item_id, self.period) if self.item_id is not None else []
        self.model.set_records(records)
        self.empty.setText("Chưa có tài liệu kiểm chứng" if self.item_id is not None
                           else "Chọn một mục để xem tài liệu kiểm chứng.")
        self.stack.setCurrentWidget(self.table if records else self.empty)
        self._fit_file_column()
        if records:
            ids = [record.id for record in records]
            self.select(selected.id if selected is not None and selected.id in ids else ids[0])
        self._update_buttons()

    def _fit_file_column(self) -> None:
        self.table.resizeColumnToContents(3)
        limit = max(120, self.table.viewport().width() // 3)
        self.table.setColumnWidth(3, min(self.table.columnWidth(3), limit))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_file_column()

    def data_changed(self) -> None:
        """The database changed (a command, an undo): show it and tell the window."""
        self.reload()
        self.changed.emit()

    def selected(self) -> Evidence | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.records[rows[0].row()] if rows else None

    def select(self, evidence_id: int) -> None:
        for row, record in enumerate(self.model.records):
            if record.id == evidence_id:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        record = self.selected()
        editable = self.item_id is not None and not self.read_only
        self.attach_button.setEnabled(editable)
        for button in (self.edit_button, self.replace_button, self.remove_button):
            button.setEnabled(editable and record is not None)
        self.open_button.setEnabled(record is not None and bool(record.file_name))

    def _push(self, command: _EvidenceCommand) -> bool:
        try:
            command.apply()
        except UserError as error:
            self.show_error(str(error))
            return False
        self.undo_stack.push(command)
        self.data_changed()
        return True

    # ---------------------------------------------------------------- actions

    def _attach(self) -> None:
        if self.item_id is None or self.read_only:
            return
        path = self.choose_file()
        if not path:
            return
        dialog = EvidenceDialog(self, file_name=Path(path).name)
        if self.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return
        command = AddEvidenceCommand(self, self.item_id, self.period, path, dialog.values())
        if self._push(command):
            self.select(command.record.id)

    def _edit(self) -> None:
        record = self.selected()
        if record is None or self.read_only:
            return
        dialog = EvidenceDialog(self, evidence=record)
        if self.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return
        new = dialog.values()
        old = {"number": record.number, "issued_on": record.issued_on or "", "summary": record.summary}
        if new == old:
            return
        self._push(EditEvidenceCommand(self, record.id, old, new))

    def _replace(self) -> None:
        record = self.selected()
        if record is None or self.read_only:
            return
        path = self.choose_file()
        if not path:
            return
        try:
            command = ReplaceFileCommand(self, record, path)
        except UserError as error:
            self.show_error(str(error))
            return
        self._push(command)

    def _open(self) -> None:
        record = self.selected()
        if record is None or not record.file_name:
            return
        try:
            path = evidence_file(self.store, record)
        except UserError as error:
            self.show_error(str(error))
            return
        if not self.open_url(QUrl.fromLocalFile(str(path))):
            self.show_error(f"Không mở được tệp “{record.file_name}”: máy chưa có chương trình mở loại tệp này.")

    def _remove(self) -> None:
        record = self.selected()
        if record is None or self.read_only:
            return
        name = record.number or record.summary or record.file_name
        if not self.confirm(f"Xóa tài liệu kiểm chứng “{name}”?\n\nCó thể hoàn tác bằng Ctrl+Z."):
            return
        self._push(RemoveEvidenceCommand(self, record.id))
