"""The evidence (tài liệu kiểm chứng) of one item for one period: attach a scan, correct its
number, date and summary, replace the file, open it, remove it. Every change is an operation of
the core (ops.evidence) run through the window's OpRunner, so Ctrl+Z takes it back; a file is
copied into the evidence folder in a worker first (a scan can be large, a USB stick slow)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDialog, QDialogButtonBox, QFormLayout,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QStackedWidget, QStyledItemDelegate,
    QTableView, QVBoxLayout, QWidget,
)
from parcdesk.carry import carried_label
from parcdesk.db.evidence import evidence_file, list_evidence
from parcdesk.db.store import Store
from parcdesk.errors import Cancelled, UserError
from parcdesk.model import Evidence
from parcdesk.periods import parse_period
from parcdesk.text import format_date
from parcdesk.ui.date_field import DateField
from parcdesk.ui.screen_fit import grow_to_fit
from parcdesk.ui.system_open import open_path
from parcdesk.ui import qt_vi
from parcdesk.ui.file_dialogs import choose_file
from parcdesk.ops import evidence as evidence_ops
from parcdesk.ops.base import OpChanges
from parcdesk.ui.operations import OpRunner
from parcdesk.ui.record_table import RECORD_ID_ROLE, RecordTableModel
from parcdesk.ui.worker import run_with_progress

FILE_FILTER = "Tài liệu (*.pdf *.doc *.docx *.xls *.xlsx *.jpg *.jpeg *.png *.tif *.tiff);;Tất cả tệp (*)"
EVIDENCE_ID_ROLE = RECORD_ID_ROLE
COLUMNS = ("Số, ký hiệu", "Ngày", "Trích yếu", "Tệp")


def choose_file_dialog(parent: QWidget | None) -> str | None:
    path = choose_file(parent, "Chọn tệp tài liệu kiểm chứng", FILE_FILTER)
    return path or None


class EvidenceModel(RecordTableModel):
    COLUMNS = COLUMNS
    period = ""  # the period shown: a record of an earlier one is carried (carry.py)

    def cell(self, record: Evidence, column: int, role):
        carried = bool(self.period) and record.period != self.period
        if carried and role == Qt.ItemDataRole.DisplayRole and column == 2:
            return f"{record.summary} ({carried_label(record.period)})".strip()
        if carried and role == Qt.ItemDataRole.ToolTipRole:
            return (f"Tài liệu của {parse_period(record.period).label}, {carried_label(record.period)}: "
                    "sửa hoặc gỡ ở kỳ đó")
        if carried and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#5f6368"))
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

    def __init__(self, parent=None, *, file_name: str | None = None, evidence: Evidence | None = None,
                 plan_years: tuple[int, int] | None = None, report_date: date | None = None):
        super().__init__(parent)
        self.plan_years, self.report_date = plan_years, report_date
        self.setWindowTitle("Sửa tài liệu kiểm chứng" if evidence else "Thêm tài liệu kiểm chứng")
        self.has_file = bool(file_name or (evidence and evidence.file_name))
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText("Ví dụ: 15/BC-UBND")
        self.number_edit.setToolTip("Số và ký hiệu của văn bản")
        self.date_field = DateField(what="Ngày văn bản", doubt=self._doubt)
        self.no_date_check = QCheckBox("Văn bản không ghi ngày")
        self.no_date_check.toggled.connect(self._no_date_toggled)
        self.summary_edit = QLineEdit()
        self.summary_edit.setPlaceholderText("Ví dụ: Báo cáo kết quả thực hiện CCHC quý I")
        self.summary_edit.setToolTip("Trích yếu nội dung văn bản")
        self.summary_edit.setMinimumWidth(520)
        self.problem = QLabel("")
        self.problem.setStyleSheet("color: #b3261e")
        self.problem.setWordWrap(True)
        self.problem.hide()

        date_row = QHBoxLayout()
        date_row.addWidget(self.date_field, 1)
        date_row.addWidget(self.no_date_check, 0, Qt.AlignmentFlag.AlignTop)
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
        self.no_date_check.setChecked(not issued_on)
        self.date_field.set_date(issued_on or None)
        self.date_field.setEnabled(bool(issued_on))

    def _no_date_toggled(self, checked: bool) -> None:
        self.date_field.setEnabled(not checked)
        if checked:
            self.date_field.message.hide()
        else:
            self.date_field.check()

    def _doubt(self, day: date) -> str | None:
        """A possible date the officer may have mistyped: outside the plan's year(s), or after the
        report's date. Asked beside the field; the date is kept if it is right."""
        shown = format_date(day)
        if self.plan_years and not self.plan_years[0] <= day.year <= self.plan_years[1]:
            first, last = self.plan_years
            years = f"năm {first}" if first == last else f"các năm {first}–{last}"
            return f"Văn bản ngày {shown} nằm ngoài {years} của kế hoạch: kiểm tra lại ngày đã ghi."
        if self.report_date and day > self.report_date:
            return (f"Văn bản ngày {shown} sau ngày báo cáo {format_date(self.report_date)}: "
                    "kiểm tra lại ngày đã ghi.")
        return None

    def values(self) -> dict:
        """number, issued_on (ISO text, "" when the document has no date), summary.
        UserError (the date's sentence) when the date cannot be read."""
        issued = "" if self.no_date_check.isChecked() else self.date_field.iso()
        return {"number": self.number_edit.text().strip(), "issued_on": issued,
                "summary": self.summary_edit.text().strip()}

    def accept(self) -> None:
        if not self.no_date_check.isChecked() and not self.date_field.check():
            self.date_field.edit.setFocus()  # said beside the field; the dialog stays open, edits kept
            return
        values = self.values()
        if not (values["number"] or values["summary"] or self.has_file):
            self.problem.setText("Hãy ghi số, ký hiệu hoặc trích yếu của văn bản.")
            self.problem.show()
            grow_to_fit(self.problem)
            return
        super().accept()


# ------------------------------------------------------------------------------------ the panel

class EvidencePanel(QWidget):
    """Emits `changed` after every change to the shown evidence (including undo and redo)."""

    changed = Signal()

    def __init__(self, store: Store, ops: OpRunner, parent=None):
        super().__init__(parent)
        self.store, self.ops = store, ops
        ops.changed.connect(self._changes)
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

    def _date_context(self) -> dict:
        """What an evidence date is checked against: the plan's years, the report's date."""
        if self.item_id is None:
            return {}
        from parcdesk.db.items import get_item
        from parcdesk.db.plans import get_plan
        from parcdesk.report.drafts import get_draft

        try:
            plan = get_plan(self.store.db, get_item(self.store.db, self.item_id).plan_id)
            report_date = get_draft(self.store.db, plan.id, self.period).report_date
        except UserError:
            return {}
        return {"plan_years": (plan.year_from, plan.year_to),
                "report_date": date.fromisoformat(report_date) if report_date else None}

    def reload(self) -> None:
        selected = self.selected()
        records = list_evidence(self.store.db, self.item_id, self.period) if self.item_id is not None else []
        self.model.period = self.period
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

    def _changes(self, changes: OpChanges) -> None:
        """An operation, an undo or a redo changed something: reload if it was this list."""
        if self.item_id is not None and (self.item_id, self.period) in changes.evidence:
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
        own = record is not None and record.period == self.period  # a carried one is changed in its period
        for button in (self.edit_button, self.replace_button, self.remove_button):
            button.setEnabled(editable and own)
        self.open_button.setEnabled(record is not None and bool(record.file_name))

    def _prepare(self, path: str) -> tuple[str, str] | None:
        """The file copied into the evidence folder, in a worker; None if it could not be."""
        try:
            return run_with_progress(self, "Tài liệu kiểm chứng", f"Đang chép tệp “{Path(path).name}”…",
                                     lambda _report, _cancelled: evidence_ops.prepare_file(self.store, Path(path)))
        except Cancelled:
            return None
        except UserError as error:
            self.show_error(str(error))
            return None

    # ---------------------------------------------------------------- actions

    def _attach(self) -> None:
        if self.item_id is None or self.read_only:
            return
        path = self.choose_file()
        if not path:
            return
        dialog = EvidenceDialog(self, file_name=Path(path).name, **self._date_context())
        if self.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return
        prepared = self._prepare(path)
        if prepared is None:
            return
        result = self.ops.run(evidence_ops.add_evidence, self.item_id, self.period, file=Path(path),
                              prepared=prepared, **dialog.values())
        if result is not None:
            self.select(result.value.id)

    def _edit(self) -> None:
        record = self.selected()
        if record is None or self.read_only:
            return
        dialog = EvidenceDialog(self, evidence=record, **self._date_context())
        if self.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return
        new = dialog.values()
        old = {"number": record.number, "issued_on": record.issued_on or "", "summary": record.summary}
        if new == old:
            return
        self.ops.run(evidence_ops.update_evidence, record.id, **new)

    def _replace(self) -> None:
        record = self.selected()
        if record is None or self.read_only:
            return
        path = self.choose_file()
        if not path:
            return
        prepared = self._prepare(path)
        if prepared is not None:  # the old copy stays in the folder: an undo points at it again
            self.ops.run(evidence_ops.update_evidence, record.id, file=Path(path), prepared=prepared)

    def _open(self) -> None:
        record = self.selected()
        if record is None or not record.file_name:
            return
        try:
            path = evidence_file(self.store, record)
        except UserError as error:
            self.show_error(str(error))
            return
        open_path(path, "tệp", self.show_error, opener=self.open_url, name=record.file_name)

    def _remove(self) -> None:
        record = self.selected()
        if record is None or self.read_only:
            return
        name = record.number or record.summary or record.file_name
        if not self.confirm(f"Xóa tài liệu kiểm chứng “{name}”?\n\nCó thể hoàn tác bằng Ctrl+Z."):
            return
        self.ops.run(evidence_ops.remove_evidence, record.id)
