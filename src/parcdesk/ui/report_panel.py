"""The report screen: the office's own sections, number, date, signer and recipients; a look at
the result; exporting the PDF and Excel files; signing off; versions and corrections."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QInputDialog, QLabel, QListWidget, QPushButton,
    QScrollArea, QSizePolicy, QVBoxLayout, QWidget,
)

from parcdesk.db.settings import load_settings
from parcdesk.db.store import Store
from parcdesk.errors import Cancelled, UserError
from parcdesk.periods import Period
from parcdesk.report.content import FINGERPRINT_SHOWN, REPORT_SYMBOL, format_short_date, suggested_file_name
from parcdesk.report.drafts import SECTION_LABELS, get_draft, load_report_defaults
from parcdesk.ops import reports as report_ops
from parcdesk.ops.base import OpChanges
from parcdesk.report.signoff import is_period_locked, report_to_export, signed_versions
from parcdesk.ui import previews, qt_vi
from parcdesk.ui.file_dialogs import choose_folder, choose_save_file
from parcdesk.ui.date_field import DateField
from parcdesk.ui.system_open import open_path
from parcdesk.ui.fields import AutoSaveForm, AutoSaveLine, AutoSaveText
from parcdesk.ui.operations import OpRunner
from parcdesk.ui.worker import write_files

_PLACEHOLDERS = {
    "results": "Những kết quả nổi bật trong kỳ, theo từng lĩnh vực…",
    "shortcomings": "Tồn tại, hạn chế và nguyên nhân… (ghi “Không có.” nếu không có)",
    "next_tasks": "Nhiệm vụ trọng tâm kỳ tới…",
    "proposals": "Đề xuất, kiến nghị với cấp trên… (ghi “Không có.” nếu không có)",
}


class ReportPanel(QWidget, AutoSaveForm):
    """Emits `draft_edited((plan_id, period_code), {field: value})`; the window runs the operation that saves it.
    Signing off and opening a correction are run here, through the window's OpRunner; `signed`
    is emitted after either."""

    draft_edited = Signal(object, dict)  # (plan id, period code) the change was made for, the change
    signed = Signal()

    def __init__(self, store: Store, ops: OpRunner, parent=None):
        super().__init__(parent)
        self.store, self.ops = store, ops
        ops.changed.connect(self._changes)
        self.plan = None
        self.period: Period | None = None
        self.locked = False
        # replaceable in tests: how a folder is chosen, a file opened, a question asked
        self.choose_folder = lambda: choose_folder(self, "Chọn thư mục để lưu báo cáo")
        self.open_url = QDesktopServices.openUrl
        self.choose_zip = lambda name: choose_save_file(self, "Lưu bộ hồ sơ thẩm định", name,
                                                        "Tệp nén ZIP (*.zip)")
        self.confirm = lambda text: qt_vi.ask(self, text, yes="Chốt báo cáo", no="Chưa chốt", danger=True)
        self.ask_reason = self._ask_reason

        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSize(font.pointSize() + 1)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.number = AutoSaveLine(placeholder="để trống: văn thư ghi số sau khi ký")
        self.number.setMinimumWidth(self.number.fontMetrics().horizontalAdvance(self.number.placeholderText()) + 16)
        self.report_date = AutoSaveLine()
        self.report_date_field = DateField(what="Ngày báo cáo", edit=self.report_date,
                                           placeholder="ngày/tháng/năm; để trống: ngày xuất")
        self.signer = QComboBox()
        self.addressee = AutoSaveLine(placeholder="ví dụ: UBND huyện Ia Grai")
        self.recipients = AutoSaveText(placeholder="Mỗi dòng một nơi nhận; dòng cuối “Lưu: VT, VP.”")
        self.recipients.setMaximumHeight(110)
        self.sections = {key: AutoSaveText(placeholder=_PLACEHOLDERS[key]) for key in SECTION_LABELS}

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # the symbol is fixed ("/BC-UBND"): shown after the number, so "45/BC-UBND" typed whole
        # is read as 45 and nothing on screen looks rewritten
        number_row = QHBoxLayout()
        number_row.addWidget(self.number)
        number_row.addWidget(QLabel(f"/{REPORT_SYMBOL}"))
        number_row.addStretch(1)
        form.addRow("Số báo cáo:", number_row)
        form.addRow("Ngày báo cáo:", self.report_date_field)
        form.addRow("Người ký:", self.signer)
        form.addRow("Kính gửi:", self.addressee)
        form.addRow("Nơi nhận:", self.recipients)
        for key, label in SECTION_LABELS.items():
            form.addRow(f"{label[0].upper()}{label[1:]}:", self.sections[key])
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)

        self.preview_button = QPushButton("Xem trước (PDF)")
        self.preview_button.setToolTip("Mở bản PDF của báo cáo bằng chương trình xem PDF của máy")
        self.export_button = QPushButton("Xuất tệp PDF và Excel…")
        self.export_button.setToolTip("Lưu báo cáo thành tệp PDF và tệp Excel vào thư mục bạn chọn")
        self.signoff_button = QPushButton("Chốt báo cáo…")
        self.signoff_button.setToolTip("Chốt số liệu và nội dung; sau khi chốt không sửa được kỳ này nữa")
        self.correct_button = QPushButton("Lập phiên bản sửa đổi…")
        self.correct_button.setToolTip("Mở lại kỳ đã chốt để sửa, kèm lý do; phiên bản cũ vẫn được giữ")
        self.evidence_button = QPushButton("Bộ hồ sơ thẩm định…")
        self.evidence_button.setToolTip("Một tệp ZIP: báo cáo PDF, Excel, mọi tài liệu kiểm chứng của kỳ và danh mục")
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.export_button, self.evidence_button, self.signoff_button,
                       self.correct_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        # what the check code proves, in one sentence, where the files are made (report/proof.py)
        self.proof_note = QLabel("Tệp xuất ra mang nội dung và mã xác thực: nơi nhận kiểm tra được tệp không bị sửa "
                                 "sau khi xuất, nhưng mã này không chứng minh ai lập tệp (việc đó cần chữ ký số).")
        self.proof_note.setWordWrap(True)
        self.proof_note.setStyleSheet("color: #555;")
        versions_box = QGroupBox("Các phiên bản đã chốt")
        self.versions = QListWidget()
        self.versions.setMaximumHeight(72)
        QVBoxLayout(versions_box).addWidget(self.versions)
        versions_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.state)
        layout.addLayout(buttons)
        layout.addWidget(self.proof_note)
        layout.addWidget(scroll, 1)
        layout.addWidget(versions_box)

        self.number.committed.connect(lambda text, target: self._emit({"number": text}, target))
        self.report_date.committed.connect(self._date_committed)
        self.addressee.committed.connect(lambda text, target: self._emit({"addressee": text}, target))
        self.recipients.committed.connect(
            lambda text, target: self._emit({"recipients": text.splitlines()}, target))
        for key, field in self.sections.items():
            field.committed.connect(lambda text, target, key=key: self._emit({key: text}, target))
        self.signer.activated.connect(lambda _i: self._emit({"signer_id": self.signer.currentData()}))
        self.bind_targets()
        self.preview_button.clicked.connect(self.preview)
        self.export_button.clicked.connect(lambda: self.export())
        self.evidence_button.clicked.connect(lambda: self.export_evidence())
        self.signoff_button.clicked.connect(self.sign_off)
        self.correct_button.clicked.connect(self.open_correction)

    @property
    def text_fields(self):
        return (self.number, self.report_date, self.addressee, self.recipients, *self.sections.values())

    # ------------------------------------------------------------ showing

    def show_report(self, plan, period: Period | None) -> None:
        self.flush()
        self.plan, self.period = plan, period
        if plan is None or period is None:
            self.heading.setText("Chưa có kế hoạch.")
            self.setEnabled(False)
            return
        self.setEnabled(True)
        db = self.store.db
        self.locked = is_period_locked(db, plan.id, period.code)
        draft = get_draft(db, plan.id, period.code)
        defaults = load_report_defaults(db)
        office = load_settings(db)
        self.heading.setText(f"Báo cáo kết quả thực hiện kế hoạch {period.label}")
        self.number.load(draft.number)
        self.report_date.load(format_short_date(draft.report_date) if draft.report_date else "")
        self.report_date_field.check()
        self.addressee.load(draft.addressee or defaults.addressee or office.superior)
        self.recipients.load("\n".join(draft.recipients or defaults.recipients))
        for key, field in self.sections.items():
            field.load(getattr(draft, key))
        self.signer.clear()
        for signer in office.signers:
            self.signer.addItem(f"{signer.name} – {signer.authority} / {signer.position}", signer.id)
        if draft.signer_id is not None:
            self.signer.setCurrentIndex(max(self.signer.findData(draft.signer_id), 0))
        for widget in (*self.text_fields, self.signer):
            widget.setEnabled(not self.locked)
        self.signoff_button.setEnabled(not self.locked)
        self._show_versions(draft)

    def _show_versions(self, draft) -> None:
        versions = signed_versions(self.store.db, self.plan.id, self.period.code)
        self.versions.clear()
        for record in versions:
            self.versions.addItem(
                f"Phiên bản {record.version} — chốt {format_short_date(record.signed_at[:10])} "
                f"{record.signed_at[11:16]} — {record.signer_name} — mã xác thực {record.sha256[:FINGERPRINT_SHOWN]}"
                + (f" — lý do sửa: {record.reason}" if record.reason else ""))
        self.correct_button.setEnabled(self.locked)
        if self.locked:
            latest = versions[-1]
            self.state.setText(f"Đã chốt (phiên bản {latest.version}): chỉ xem và xuất tệp. Muốn sửa số liệu, "
                               "hãy lập phiên bản sửa đổi kèm lý do.")
            self.state.setStyleSheet("color: #1b7f3b;")
        elif draft.correction_reason:
            self.state.setText(f"Đang lập phiên bản sửa đổi (lý do: {draft.correction_reason}). "
                               "Sửa xong hãy chốt lại.")
            self.state.setStyleSheet("color: #8a5a00;")
        else:
            self.state.setText("Chưa chốt. Viết các phần của đơn vị, xem trước, rồi chốt báo cáo.")
            self.state.setStyleSheet("")

    def draft_saved(self) -> None:
        """The database holds new draft values (a save, an undo, a redo)."""
        draft = get_draft(self.store.db, self.plan.id, self.period.code)
        self.number.sync(draft.number)
        self.report_date.sync(format_short_date(draft.report_date) if draft.report_date else "")
        if draft.addressee is not None:
            self.addressee.sync(draft.addressee)
        if draft.recipients is not None:
            self.recipients.sync("\n".join(draft.recipients))
        for key, field in self.sections.items():
            field.sync(getattr(draft, key))

    def _changes(self, changes: OpChanges) -> None:
        """Show again what an operation, an undo or a redo changed of this report."""
        if self.plan is None or self.period is None:
            return
        shown = (self.plan.id, self.period.code)
        if shown in changes.signed or changes.settings or (
                shown in changes.drafts and is_period_locked(self.store.db, *shown) != self.locked):
            self.show_report(self.plan, self.period)  # signed, reopened, or the signers changed
        elif shown in changes.drafts:
            self.draft_saved()

    def _date_committed(self, text: str, target) -> None:
        if not self.report_date_field.check():  # the sentence beside the field; the text stays
            self.report_date.mark_unsaved()
            return
        self._emit({"report_date": text}, target)

    @property
    def named_fields(self):
        return {"number": self.number, "report_date": self.report_date, "addressee": self.addressee,
                "recipients": self.recipients, **self.sections}

    def save_target(self) -> tuple[int, str] | None:
        """(plan id, period code) of the draft shown, while it can be written."""
        if self.plan is None or self.period is None or self.locked:
            return None
        return self.plan.id, self.period.code

    def revert_choices(self) -> None:
        """A refused signer: the list shows again the one the draft holds."""
        if self.plan is not None and self.period is not None:
            draft = get_draft(self.store.db, self.plan.id, self.period.code)
            if draft.signer_id is not None:
                self.signer.setCurrentIndex(max(self.signer.findData(draft.signer_id), 0))

    def _emit(self, change: dict, target=None) -> None:
        """`target`: the draft a field's typing was for; a choice in a list is for the shown one."""
        if target is None:
            target = self.save_target()
        if target is not None:
            self.draft_edited.emit(target, change)


    # ------------------------------------------------------------ actions

    def _rendered(self):
        self.flush()
        return report_to_export(self.store.db, self.plan.id, self.period.code)

    def preview(self) -> Path | None:
        try:
            rendered = self._rendered()
            folder = previews.new_folder()  # removed when the window closes (ui/previews.py)
            # rendering reads only the content, so it runs off the GUI thread (seconds for a big plan)
            [path] = write_files(self, "Xem trước báo cáo",
                                 [(folder / suggested_file_name(rendered.content, "pdf"), rendered.pdf)])
        except Cancelled:
            return None
        except UserError as error:
            qt_vi.warn(self, str(error))
            return None
        open_path(path, "tệp PDF", lambda text: qt_vi.warn(self, text), opener=self.open_url)
        return path

    def export(self, folder: str | None = None) -> list[Path]:
        """Both files into a folder, with Vietnamese names that say unit, period and version."""
        folder = folder or self.choose_folder()
        if not folder:
            return []
        try:
            rendered = self._rendered()
        except UserError as error:
            qt_vi.warn(self, str(error))
            return []
        # rendering reads only the content, so it is safe off the GUI thread
        outputs = [(Path(folder) / suggested_file_name(rendered.content, "pdf"), rendered.pdf),
                   (Path(folder) / suggested_file_name(rendered.content, "xlsx"), rendered.xlsx)]
        try:
            written = write_files(self, "Xuất báo cáo", outputs)
        except Cancelled:
            return []
        except UserError as error:
            qt_vi.warn(self, str(error))
            return []
        qt_vi.inform(self, "Đã lưu báo cáo:\n" + "\n".join(str(p) for p in written))
        return written

    def export_evidence(self, target: str | None = None) -> Path | None:
        """The appraisal ZIP (report/evidence_pack.py), built in a worker on its own connection."""
        from parcdesk.db.store import open_store
        from parcdesk.report.evidence_pack import build_pack
        from parcdesk.report.signoff import write_output
        from parcdesk.ui.worker import run_with_progress

        try:
            rendered = self._rendered()
        except UserError as error:
            qt_vi.warn(self, str(error))
            return None
        name = suggested_file_name(rendered.content, "zip").replace("Bao-cao-", "Ho-so-tham-dinh-", 1)
        target = target or self.choose_zip(name)
        if not target:
            return None
        path = self.store.path
        content, sha = rendered.content, rendered.sha256

        def job(_report, _is_cancelled):
            if str(path) == ":memory:":  # a test's throwaway store: nothing to reopen
                raise UserError("Bộ hồ sơ cần tệp dữ liệu trên đĩa.")
            with open_store(path) as own:  # SQLite connections belong to one thread each
                pack = build_pack(own, content, sha)
            return write_output(target, pack.data), pack

        try:
            written, pack = run_with_progress(self, "Bộ hồ sơ thẩm định", "Đang gom báo cáo và tài liệu kiểm chứng…", job)
        except Cancelled:
            return None
        except UserError as error:
            qt_vi.warn(self, str(error))
            return None
        qt_vi.inform(self, f"Đã lưu bộ hồ sơ thẩm định ({pack.records} tài liệu kiểm chứng, {pack.files} tệp):\n{written}")
        return written

    def sign_off(self) -> bool:
        if self.plan is None or self.locked:
            return False
        self.flush()
        name = self.signer.currentText().split(" – ")[0] if self.signer.count() else ""
        if not name:
            qt_vi.warn(self, "Chưa có người ký: hãy thêm người ký ở Danh mục › Thông tin đơn vị và người ký.")
            return False
        text = (f"Chốt báo cáo {self.period.label}, người ký {name}?\n\nSau khi chốt, số liệu và nội dung của kỳ "
                "này được giữ nguyên; muốn sửa phải lập phiên bản mới kèm lý do.")
        if not self.confirm(text):
            return False
        # rendering the PDF and the Excel file takes seconds for a big plan: in a worker
        result = self.ops.run_in_worker(self, "Chốt báo cáo", "Đang chốt báo cáo, tạo tệp PDF và Excel…",
                                        report_ops.sign_off, self.plan.id, self.period.code, signer=name)
        if result is None:
            return False
        self.show_report(self.plan, self.period)
        # the check code as the PDF's footer prints it (report/content.py footer_text): one name, one form
        self.state.setText(self.state.text() + f" Mã xác thực: {result.value.record.sha256[:FINGERPRINT_SHOWN]}.")
        self.signed.emit()
        return True

    def _ask_reason(self) -> str | None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Lập phiên bản sửa đổi")
        dialog.setLabelText("Lý do sửa báo cáo đã chốt:")
        dialog.setOkButtonText("Mở lại để sửa")
        dialog.setCancelButtonText("Hủy")
        return dialog.textValue() if dialog.exec() else None

    def open_correction(self) -> bool:
        reason = self.ask_reason()
        if reason is None:
            return False
        if self.ops.run(report_ops.open_correction, self.plan.id, self.period.code, reason) is None:
            return False
        self.show_report(self.plan, self.period)
        self.signed.emit()  # the period is open again: the window refreshes its read-only state
        return True
