"""The dialogs opened from the menus: new plan, plan details, backup, agencies, office, about."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit,
    QRadioButton, QSpinBox, QVBoxLayout,
)

from parcdesk import __version__
from parcdesk.db import plans as plan_store
from parcdesk.db.maintenance import backup_store
from parcdesk.ops import plans as plan_ops
from parcdesk.ops.setup import save_office
from parcdesk.db.settings import load_settings
from parcdesk.db.store import open_store
from parcdesk.errors import Cancelled, UserError
from parcdesk.template import available_templates
from parcdesk.ui import qt_vi
from parcdesk.ui.file_dialogs import choose_folder
from parcdesk.ui.date_field import DateField
from parcdesk.ui.office_form import OfficeForm
from parcdesk.ui.rollforward_table import RollForwardTable
from parcdesk.ui.worker import run_with_progress, write_files


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = qt_vi.name_buttons(QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                              | QDialogButtonBox.StandardButton.Cancel))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class NewPlanDialog(QDialog):
    """Start a plan from the built-in PAR INDEX plan, from an existing plan (next year), or empty."""

    def __init__(self, plans, default_year: int, parent=None, store=None):
        super().__init__(parent)
        self.setWindowTitle("Kế hoạch mới")
        self.store = store or getattr(parent, "store", None)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(default_year)
        self.from_template = QRadioButton("Từ mẫu có sẵn:")
        self.template = QComboBox()
        for template_id, name in available_templates().items():
            self.template.addItem(name, template_id)
        self.from_plan = QRadioButton("Từ kế hoạch đã có (chép cây và mục tiêu, không chép tiến độ):")
        self.source_plan = QComboBox()
        for plan in plans:
            self.source_plan.addItem(f"{plan.title} ({plan.year_from})", plan.id)
        self.empty = QRadioButton("Kế hoạch trống, tự nhập")
        self.title = QLineEdit()
        self.title.setPlaceholderText("để trống: dùng tên của mẫu hoặc của kế hoạch gốc")
        group = QButtonGroup(self)
        for button in (self.from_template, self.from_plan, self.empty):
            group.addButton(button)
        (self.from_plan if plans else self.from_template).setChecked(True)
        self.from_plan.setEnabled(bool(plans))
        form = QFormLayout()
        form.addRow("Năm của kế hoạch:", self.year)
        form.addRow(self.from_template)
        form.addRow("", self.template)
        form.addRow(self.from_plan)
        form.addRow("", self.source_plan)
        form.addRow(self.empty)
        form.addRow("Tên kế hoạch:", self.title)
        # from an existing plan: the same roll-forward preview as an import, before anything is made
        self.preview_note = QLabel()
        self.preview_note.setWordWrap(True)
        self.rewrites = RollForwardTable()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview_note)
        layout.addWidget(self.rewrites, 1)
        layout.addWidget(_buttons(self))
        for button in (self.from_template, self.from_plan, self.empty):
            button.toggled.connect(lambda _on: self.show_preview())
        self.source_plan.currentIndexChanged.connect(lambda _i: self.show_preview())
        self.year.valueChanged.connect(lambda _v: self.show_preview())
        self.resize(900, 560)
        self.show_preview()

    def show_preview(self) -> None:
        """What the plan made from an existing one would change: the years moved, next year's targets."""
        shown = self.from_plan.isChecked() and self.store is not None and self.source_plan.currentData() is not None
        self.rewrites.setVisible(shown)
        self.preview_note.setVisible(shown)
        if not shown:
            self.rewrites.show_roll(None)
            return
        try:
            _, roll, _ = plan_store.next_year_rollforward(self.store.db, self.source_plan.currentData(),
                                                         self.year.value())
        except UserError as error:
            self.rewrites.show_roll(None)
            self.preview_note.setText(str(error))
            return
        self.rewrites.show_roll(roll)
        targets = sum(r.kind == "next_target" for r in roll.rewrites)
        self.preview_note.setText(
            f"Chuyển từ năm {roll.source_from} sang năm {roll.year_from}: {len(roll.rewrites) - targets} chỗ ghi năm"
            f", {targets} chỉ tiêu năm mới đề xuất theo kết quả năm trước (bấm đúp vào chỉ tiêu để ghi số khác). "
            "Chỗ nào bỏ chọn được giữ nguyên và đánh dấu “còn ghi năm cũ”.")

    def create(self, ops) -> int | None:
        """The plan made through the window's OpRunner; None if refused (already said)."""
        year = self.year.value()
        if self.from_plan.isChecked():
            roll_shown = self.rewrites.roll is not None
            result = ops.run(plan_ops.create_next_year, self.source_plan.currentData(), year,
                             accepted=self.rewrites.accepted() if roll_shown else None,
                             overrides=self.rewrites.overrides() if roll_shown else None)
        elif self.empty.isChecked():
            title = self.title.text() or f"Kế hoạch cải cách hành chính năm {year}"
            result = ops.run(plan_ops.create_plan, title=title, year_from=year)
            return result.value if result else None
        else:
            result = ops.run(plan_ops.create_from_template, self.template.currentData(), year)
        if result is None:
            return None
        if self.title.text().strip():  # its own undo step: the officer may want the plan, not the name
            ops.run(plan_ops.edit_plan, result.value, title=self.title.text())
        return result.value


def new_plan(window) -> None:
    known = plan_store.list_plans(window.store.db)
    default_year = (known[0].year_to + 1) if known else window.today.year
    dialog = NewPlanDialog(known, default_year, window, store=window.store)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    plan_id = dialog.create(window.ops)
    if plan_id is not None:
        window.refresh_plans(plan_id)


class PlanInfoDialog(QDialog):
    def __init__(self, plan, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Thông tin kế hoạch")
        self.resize(640, 420)
        self.number = QLineEdit(plan.number)
        self.number.setPlaceholderText("ví dụ 13/KH-UBND")
        self.issued_on = DateField(what="Ngày ban hành")
        self.issued_on.set_date(plan.issued_on)
        self.title = QPlainTextEdit(plan.title)
        self.title.setMaximumHeight(80)
        # an appendix title runs to two lines ("Mục tiêu cụ thể nhằm duy trì, nâng cao Chỉ số CCHC, …"): shown whole
        self.appendix = QPlainTextEdit(plan.appendix_title)
        self.appendix.setMaximumHeight(60)
        self.basis = QPlainTextEdit("\n".join(plan.basis))
        self.basis.setPlaceholderText("Mỗi dòng một văn bản căn cứ, ví dụ “Kế hoạch số 104/KH-UBND ngày 31/7/2023 …”")
        form = QFormLayout()
        form.addRow("Số, ký hiệu:", self.number)
        form.addRow("Ngày ban hành:", self.issued_on)
        form.addRow("Tên kế hoạch:", self.title)
        form.addRow("Tên phụ lục:", self.appendix)
        form.addRow("Căn cứ:", self.basis)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))

    def accept(self) -> None:
        if not self.issued_on.check():  # said beside the field; nothing typed here is thrown away
            self.issued_on.edit.setFocus()
            return
        super().accept()

    def changes(self) -> dict:
        return {"number": self.number.text(), "issued_on": self.issued_on.iso() or None,
                "title": self.title.toPlainText(), "appendix_title": " ".join(self.appendix.toPlainText().split()),
                "basis": self.basis.toPlainText().splitlines()}


def plan_info(window) -> None:
    if window.plan is None:
        return
    dialog = PlanInfoDialog(window.plan, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    window.ops.run(plan_ops.edit_plan, window.plan.id, **dialog.changes())  # the window refreshes what it changed


def backup(window, folder: str | None = None) -> Path | None:
    """Copy the data file and its evidence files into a folder, in a worker; the folder is asked
    for unless given. Returns the backup's data file."""
    if folder is None:
        folder = choose_folder(window, "Chọn thư mục để lưu bản sao")
        if not folder:
            return None
    path = window.store.path

    def job(report, _is_cancelled):
        with open_store(path) as own_store:  # this thread's own connection
            return backup_store(own_store, folder, progress=report)

    try:
        made = run_with_progress(window, "Sao lưu dữ liệu", "Đang sao lưu dữ liệu…", job)
    except Cancelled:
        window.statusBar().showMessage("Đã hủy sao lưu; không có tệp nào được tạo.", 5000)
        return None
    except UserError as error:
        window.show_error(error)
        return None
    if not made.whole:  # saved, but a scan could not be included as attached: the officer must see it
        qt_vi.warn(window, made.sentence())
    window.statusBar().showMessage(made.sentence(), 8000)
    return made.path


def agencies(window) -> None:
    from parcdesk.ui.agencies_dialog import AgenciesDialog

    AgenciesDialog(window.store, window, ops=window.ops).exec()  # the window refreshes from the changes


class OfficeDialog(QDialog):
    def __init__(self, ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        db = ops.store.db
        self.setWindowTitle("Thông tin đơn vị và người ký")
        self.form = OfficeForm()
        self.form.load(load_settings(db))
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(_buttons(self))

    def accept(self) -> None:
        def refuse(error: UserError) -> None:
            qt_vi.warn(self, str(error))

        try:
            settings, signers = self.form.values()
        except UserError as error:
            refuse(error)
            return
        if self.ops.run(save_office, settings, signers, on_error=refuse) is not None:
            super().accept()


def office(window) -> None:
    OfficeDialog(window.ops, window).exec()  # the window refreshes from the changes


def about(window) -> None:
    qt_vi.inform(window, f"ParcDesk {__version__}\n\nTheo dõi kế hoạch cải cách hành chính, tiến độ, tài liệu "
                         f"kiểm chứng và báo cáo định kỳ của UBND cấp xã.\n\nTệp dữ liệu: {window.store.path}",
                 title="Giới thiệu ParcDesk")


def open_data_folder(window, opener=None) -> bool:
    from parcdesk.ui.system_open import open_path

    return open_path(window.store.path.parent, "thư mục dữ liệu", lambda text: qt_vi.warn(window, text),
                     opener=opener)


def export_plan(window, folder: str | None = None) -> list[Path]:
    """The plan's appendix (who does what, by when) as PDF and Excel, to print and hand out."""
    from parcdesk.report.content import suggested_file_name
    from parcdesk.report.plan_doc import build_plan_content, render_plan_pdf, render_plan_xlsx

    if window.plan is None:
        return []
    if folder is None:
        folder = choose_folder(window, "Chọn thư mục để lưu kế hoạch")
        if not folder:
            return []
    content = build_plan_content(window.store.db, window.plan.id)
    outputs = [(Path(folder) / suggested_file_name(content, "pdf"), lambda: render_plan_pdf(content)),
               (Path(folder) / suggested_file_name(content, "xlsx"), lambda: render_plan_xlsx(content))]
    try:
        written = write_files(window, "Xuất kế hoạch", outputs)
    except Cancelled:
        return []
    except UserError as error:
        window.show_error(error)
        return []
    window.statusBar().showMessage("Đã lưu: " + "; ".join(str(p) for p in written), 8000)
    return written


def import_plan(window, path: str | None = None) -> int | None:
    """The import window; the plan it made or updated is opened."""
    from parcdesk.ui.import_dialog import ImportDialog

    default_year = window.plan.year_from if window.plan else window.today.year
    dialog = ImportDialog(window.store, default_year, window.plan.id if window.plan else None, window,
                          ops=window.ops)
    if path is not None:
        dialog.load(path)
    elif not dialog.browse_first():
        return None
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.summary is None:
        return None
    plan_id = dialog.summary["plan"]
    window.refresh_plans(plan_id)
    window.statusBar().showMessage(f"Đã nhập kế hoạch từ tệp {dialog.summary['file']}.", 8000)
    return plan_id


def open_consolidation(window) -> None:
    """The superior body's second mode, over a consolidation file of its own (chosen, or new)."""
    from parcdesk.ui.consolidation_window import ConsolidationWindow
    from parcdesk.ui.file_dialogs import choose_save_file

    suggested = str(window.store.path.with_name("tong-hop-bao-cao.sqlite"))
    chosen = choose_save_file(window, "Chọn hoặc tạo tệp tổng hợp báo cáo", suggested,
                              "Tệp tổng hợp ParcDesk (*.sqlite)", confirm_overwrite=False)
    if not chosen:
        return
    try:
        consolidation = ConsolidationWindow(Path(chosen))
    except UserError as error:
        window.show_error(error)
        return
    window.consolidation_window = consolidation  # kept: a window with no owner would be collected
    consolidation.show()
