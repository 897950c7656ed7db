"""The first start: who the office is, and which plan to begin with."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup, QDialog, QDialogButtonBox, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QRadioButton, QSpinBox, QVBoxLayout,
)

from parcdesk.errors import UserError
from parcdesk.ops.setup import set_up_office
from parcdesk.ui.import_dialog import ImportDialog
from parcdesk.ui import qt_vi
from parcdesk.ui.file_dialogs import choose_file
from parcdesk.ui.office_form import OfficeForm

IMPORT_FILTER = "Kế hoạch (*.docx *.xlsx *.xls);;Tất cả tệp (*)"


class SetupDialog(QDialog):
    def __init__(self, data_path, year: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Chào mừng đến với ParcDesk")
        intro = QLabel("Lần đầu sử dụng: hãy nhập thông tin của đơn vị và chọn kế hoạch để bắt đầu.\n"
                       f"Dữ liệu sẽ được lưu tại: {data_path}")
        intro.setWordWrap(True)
        self.form = OfficeForm()
        start = QGroupBox("Bắt đầu với")
        self.from_template = QRadioButton("Kế hoạch mẫu PAR INDEX cấp xã (8 lĩnh vực) cho năm")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.from_file = QRadioButton("Kế hoạch năm trước của đơn vị, từ tệp Word hoặc Excel:")
        self.file = QLineEdit()
        self.file.setPlaceholderText("chọn tệp .docx, .xlsx hoặc .xls")
        browse = QPushButton("Chọn tệp…")
        browse.clicked.connect(self._browse)
        self.empty = QRadioButton("Kế hoạch trống, tự nhập từng mục")
        group = QButtonGroup(self)
        for button in (self.from_template, self.from_file, self.empty):
            group.addButton(button)
        self.from_template.setChecked(True)
        template_row = QHBoxLayout()
        template_row.addWidget(self.from_template)
        template_row.addWidget(self.year)
        template_row.addStretch(1)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        start_layout = QVBoxLayout(start)
        start_layout.addLayout(template_row)
        start_layout.addWidget(self.from_file)
        start_layout.addLayout(file_row)
        start_layout.addWidget(self.empty)
        buttons = qt_vi.name_buttons(QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                                      | QDialogButtonBox.StandardButton.Cancel))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Bắt đầu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Thoát")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(start)
        layout.addWidget(buttons)
        self.store_factory = None  # set by the caller: opens (creating) the data file
        self.store = None
        # the same preview as Tệp → Nhập kế hoạch, before anything is written (replaceable in tests)
        self.review_import = lambda dialog: dialog.exec() == QDialog.DialogCode.Accepted
        self.import_dialog: ImportDialog | None = None

    def _browse(self) -> None:
        name = choose_file(self, "Chọn tệp kế hoạch năm trước", IMPORT_FILTER)
        if name:
            self.file.setText(name)
            self.from_file.setChecked(True)

    def accept(self) -> None:
        if not self.form.unit.text().strip():
            qt_vi.warn(self, "Hãy nhập tên đơn vị, ví dụ “UBND xã Ia Kha”.")
            return
        if self.from_file.isChecked() and not self.file.text().strip():
            qt_vi.warn(self, "Hãy chọn tệp kế hoạch năm trước, hoặc chọn cách bắt đầu khác.")
            return
        store = None
        try:
            settings, signers = self.form.values()
            start = "template" if self.from_template.isChecked() else "empty" if self.empty.isChecked() else "file"
            store = self.store_factory()
            preview, options, year = None, None, self.year.value()
            if start == "file":
                dialog = self.import_dialog = ImportDialog(store, year, parent=self, choose_only=True)
                if not dialog.load(self.file.text().strip()) or not self.review_import(dialog):
                    store.close()
                    return
                preview, options, year = dialog.preview, dialog.import_options(), dialog.year.value()
            set_up_office(store, settings, signers, year=year, start=start,
                          file=self.file.text().strip() or None, preview=preview, import_options=options,
                          source="ui")
        except UserError as error:
            if store is None:
                qt_vi.warn(self, str(error))
                return
            store.close()
            qt_vi.warn(self, str(error))
            return
        self.store = store
        super().accept()

