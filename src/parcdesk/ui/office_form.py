"""The office's own details: unit, kind, superior body, place, report deadline, signers."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGridLayout, QGroupBox, QLabel, QLineEdit, QSpinBox, QWidget

from parcdesk.errors import UserError
from parcdesk.model import CHAIRMAN, UNIT_KINDS, OfficeSettings, default_authority
from parcdesk.text import clean
from parcdesk.ui.text_fit import make_room

SIGNER_ROWS = tuple((position, default_authority(position)) for position in (CHAIRMAN, "PHÓ CHỦ TỊCH"))
# What the signer fields typically hold, so that each is wide enough to show it whole.
TYPICAL_NAME = "Nguyễn Thị Thanh Hương"
TYPICAL_AUTHORITIES = ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "Q. CHỦ TỊCH")
TYPICAL_POSITIONS = ("PHÓ CHỦ TỊCH", "CHỦ TỊCH")


class OfficeForm(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("ví dụ: UBND xã Ia Kha")
        self.kind = QComboBox()
        self.kind.addItems(list(UNIT_KINDS))
        self.superior = QLineEdit()
        self.superior.setPlaceholderText("ví dụ: UBND tỉnh Gia Lai (nơi nhận báo cáo)")
        self.place = QLineEdit()
        self.place.setPlaceholderText("địa danh ghi ở dòng ngày tháng, ví dụ: Ia Kha")
        for edit in (self.unit, self.superior, self.place):
            make_room(edit, "UBND huyện Ia Grai, tỉnh Gia Lai")
        self.deadline = QSpinBox()
        self.deadline.setRange(1, 28)
        self.deadline.setValue(15)
        self.deadline.setSuffix(" của tháng cuối kỳ")
        form = QFormLayout()
        form.addRow("Tên đơn vị:", self.unit)
        form.addRow("Loại đơn vị:", self.kind)
        form.addRow("Cơ quan cấp trên:", self.superior)
        form.addRow("Địa danh:", self.place)
        form.addRow("Hạn gửi báo cáo: ngày", self.deadline)
        signers = QGroupBox("Người ký báo cáo")
        grid = QGridLayout(signers)
        grid.addWidget(QLabel("Họ và tên"), 0, 0)
        grid.addWidget(QLabel("Chức vụ"), 0, 1)
        grid.addWidget(QLabel("Thẩm quyền ký"), 0, 2)
        self.signer_rows = []
        for row, (position, authority) in enumerate(SIGNER_ROWS, start=1):
            name_edit, position_edit, authority_edit = QLineEdit(), QLineEdit(position), QLineEdit(authority)
            name_edit.setPlaceholderText("để trống nếu không có")
            make_room(name_edit, TYPICAL_NAME)
            make_room(position_edit, *TYPICAL_POSITIONS)
            make_room(authority_edit, *TYPICAL_AUTHORITIES)
            for column, widget in enumerate((name_edit, position_edit, authority_edit)):
                grid.addWidget(widget, row, column)
            self.signer_rows.append((name_edit, position_edit, authority_edit))
        grid.setColumnStretch(0, 3)  # the name takes what room is left
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 2)
        outer = QFormLayout(self)
        outer.addRow(form)
        outer.addRow(signers)

    def load(self, office: OfficeSettings) -> None:
        self.unit.setText(office.unit_name)
        if office.unit_kind in UNIT_KINDS:
            self.kind.setCurrentText(office.unit_kind)
        self.superior.setText(office.superior)
        self.place.setText(office.place)
        self.deadline.setValue(office.report_deadline_day)
        for (name, position, authority), signer in zip(self.signer_rows, office.signers):
            name.setText(signer.name)
            position.setText(signer.position)
            authority.setText(signer.authority)

    def values(self) -> tuple[dict, list[tuple[str, str, str]]]:
        """(settings, signers) as ops.setup.save_office takes them; a UserError names what is missing."""
        if not clean(self.unit.text()):
            raise UserError("Hãy nhập tên đơn vị, ví dụ “UBND xã Ia Kha”.")
        settings = {"unit_name": self.unit.text(), "unit_kind": self.kind.currentText(),
                    "superior": self.superior.text(), "place": self.place.text(),
                    "report_deadline_day": self.deadline.value()}
        signers = [(name.text(), position.text(), authority.text())
                   for name, position, authority in self.signer_rows if clean(name.text())]
        return settings, signers
