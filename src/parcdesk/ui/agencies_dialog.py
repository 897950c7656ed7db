"""The office's list of agencies (ban, ngành): rename one, add a spelling it goes by, merge
two that are the same section spelled differently."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QInputDialog, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from parcdesk.db.agencies import list_agencies
from parcdesk.db.store import Store
from parcdesk.ops import agencies as agency_ops
from parcdesk.model import Agency
from parcdesk.ui import qt_vi
from parcdesk.ui.operations import OpRunner
from parcdesk.ui.record_table import RECORD_ID_ROLE, RecordTableModel

KIND_LABELS = {"section": "Ban, ngành", "leadership": "Lãnh đạo", "group": "Nhóm", "other": "Khác"}
AGENCY_ID_ROLE = RECORD_ID_ROLE
COLUMNS = ("Tên cơ quan", "Loại", "Các cách viết khác", "Số mục")


class AgenciesModel(RecordTableModel):
    COLUMNS = COLUMNS

    @property
    def agencies(self) -> list[Agency]:
        return self.records

    def cell(self, agency: Agency, column: int, role):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return agency.name
            if column == 1:
                return KIND_LABELS.get(agency.kind, agency.kind)
            if column == 2:
                return "; ".join(agency.aliases) if role == Qt.ItemDataRole.DisplayRole else \
                    "\n".join(agency.aliases) or "Chưa có cách viết khác"
            return str(agency.item_count) if role == Qt.ItemDataRole.DisplayRole else \
                f"Số mục của kế hoạch giao cho {agency.name}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


def _ask_text(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    dialog.setOkButtonText("Đồng ý")
    dialog.setCancelButtonText("Hủy")
    dialog.setMinimumWidth(420)
    return dialog.textValue() if dialog.exec() == QDialog.DialogCode.Accepted else None


class AgenciesDialog(QDialog):
    """Emits `agencies_changed` after every change it makes to the database."""

    agencies_changed = Signal()

    def __init__(self, store: Store, parent=None, ops: OpRunner | None = None):
        """`ops`: the window's OpRunner (its views then refresh from the changes); a dialog
        opened alone runs the operations with one of its own."""
        super().__init__(parent)
        self.store = store
        self.ops = ops or OpRunner(store, lambda error: self.show_error(str(error)), self)
        # The steps that wait for the officer; tests replace them.
        self.ask_text = lambda title, label, text="": _ask_text(self, title, label, text)
        self.confirm = lambda text: qt_vi.ask(self, text, yes="Gộp", no="Hủy", danger=True)
        self.show_error = lambda message: qt_vi.warn(self, message)

        self.setWindowTitle("Danh sách cơ quan, đơn vị")
        self.model = AgenciesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self._rename)

        self.rename_button = QPushButton("Đổi tên…")
        self.rename_button.setToolTip("Đổi tên cơ quan đang chọn; tên cũ được giữ làm một cách viết khác")
        self.rename_button.clicked.connect(self._rename)
        self.alias_button = QPushButton("Thêm cách viết…")
        self.alias_button.setToolTip("Thêm một cách viết khác của cơ quan đang chọn, "
                                     "để khi nhập kế hoạch chương trình nhận ra")
        self.alias_button.clicked.connect(self._add_alias)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.rename_button)
        row_buttons.addWidget(self.alias_button)
        row_buttons.addStretch(1)

        self.keep_combo = QComboBox()
        self.absorb_combo = QComboBox()
        for combo in (self.keep_combo, self.absorb_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self._update_buttons)
        self.keep_combo.setToolTip("Cơ quan còn lại sau khi gộp")
        self.absorb_combo.setToolTip("Cơ quan sẽ bị bỏ khỏi danh sách; các mục của nó chuyển sang cơ quan giữ lại")
        self.swap_button = QPushButton("Đổi chiều")
        self.swap_button.setToolTip("Đổi chỗ cơ quan giữ lại và cơ quan bị gộp")
        self.swap_button.clicked.connect(self._swap)
        self.merge_button = QPushButton("Gộp…")
        self.merge_button.setToolTip("Gộp hai cơ quan thành một (sẽ hỏi lại trước khi gộp)")
        self.merge_button.clicked.connect(self._merge)
        merge_box = QGroupBox("Gộp hai cơ quan trùng nhau")
        merge_form = QFormLayout(merge_box)
        merge_form.addRow(QLabel("Chọn hai dòng trong bảng (giữ phím Ctrl), hoặc chọn ở hai ô dưới đây."))
        merge_form.addRow("Cơ quan giữ lại:", self.keep_combo)
        merge_form.addRow("Cơ quan gộp vào (sẽ bỏ khỏi danh sách):", self.absorb_combo)
        merge_buttons = QHBoxLayout()
        merge_buttons.addWidget(self.swap_button)
        merge_buttons.addWidget(self.merge_button)
        merge_buttons.addStretch(1)
        merge_form.addRow(merge_buttons)

        buttons = qt_vi.name_buttons(QDialogButtonBox(QDialogButtonBox.StandardButton.Close))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row_buttons)
        layout.addWidget(merge_box)
        layout.addWidget(buttons)
        self.resize(820, 560)
        self.reload()

    # ---------------------------------------------------------------- state

    def reload(self) -> None:
        self.model.set_records(list_agencies(self.store.db))
        for column in (0, 1, 3):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, self.table.columnWidth(column) + 16)
        for combo in (self.keep_combo, self.absorb_combo):
            previous = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for agency in self.model.agencies:
                combo.addItem(f"{agency.name} ({agency.item_count} mục)", agency.id)
            index = combo.findData(previous)
            combo.setCurrentIndex(index if index >= 0 else -1)
            combo.blockSignals(False)
        self._update_buttons()

    def selected_agencies(self) -> list[Agency]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.agencies[row] for row in rows]

    def _selection_changed(self) -> None:
        selected = self.selected_agencies()
        if len(selected) == 2:
            # keep the one more items already use; the officer can swap
            keep, absorb = sorted(selected, key=lambda a: -a.item_count)
            self.keep_combo.setCurrentIndex(self.keep_combo.findData(keep.id))
            self.absorb_combo.setCurrentIndex(self.absorb_combo.findData(absorb.id))
        self._update_buttons()

    def _update_buttons(self) -> None:
        single = len(self.selected_agencies()) == 1
        self.rename_button.setEnabled(single)
        self.alias_button.setEnabled(single)
        keep, absorb = self.keep_combo.currentData(), self.absorb_combo.currentData()
        self.merge_button.setEnabled(keep is not None and absorb is not None and keep != absorb)
        self.swap_button.setEnabled(keep is not None or absorb is not None)

    def _changed(self) -> None:
        self.reload()
        self.agencies_changed.emit()

    def _agency(self, agency_id) -> Agency | None:
        row = self.model.row_of(agency_id)
        return None if row is None else self.model.agencies[row]

    # ---------------------------------------------------------------- actions

    def _rename(self) -> None:
        selected = self.selected_agencies()
        if len(selected) != 1:
            return
        agency = selected[0]
        name = self.ask_text("Đổi tên cơ quan", f"Tên mới của “{agency.name}”:", agency.name)
        if name is None or name.strip() == agency.name:
            return
        if self._run(agency_ops.rename_agency, agency.id, name) is None:
            return
        self._changed()
        self._select(agency.id)

    def _add_alias(self) -> None:
        selected = self.selected_agencies()
        if len(selected) != 1:
            return
        agency = selected[0]
        alias = self.ask_text("Thêm cách viết khác", f"Một cách viết khác của “{agency.name}”:")
        if not alias or not alias.strip():
            return
        if self._run(agency_ops.add_alias, agency.id, alias) is None:
            return
        self._changed()
        self._select(agency.id)

    def _swap(self) -> None:
        keep, absorb = self.keep_combo.currentData(), self.absorb_combo.currentData()
        self.keep_combo.setCurrentIndex(self.keep_combo.findData(absorb) if absorb is not None else -1)
        self.absorb_combo.setCurrentIndex(self.absorb_combo.findData(keep) if keep is not None else -1)

    def _merge(self) -> None:
        keep, absorb = self._agency(self.keep_combo.currentData()), self._agency(self.absorb_combo.currentData())
        if keep is None or absorb is None or keep.id == absorb.id:
            self.show_error("Hãy chọn hai cơ quan khác nhau để gộp.")
            return
        text = (
            f"Gộp “{absorb.name}” vào “{keep.name}”?\n\n"
            f"{absorb.item_count} mục đang giao cho “{absorb.name}” sẽ chuyển sang “{keep.name}”. "
            f"Tên “{absorb.name}” được giữ làm một cách viết khác của “{keep.name}”.\n\n"
            "Có thể hoàn tác bằng Ctrl+Z."
        )
        if not self.confirm(text):
            return
        if self._run(agency_ops.merge_agencies, keep.id, absorb.id) is None:
            return
        self.absorb_combo.setCurrentIndex(-1)
        self._changed()
        self._select(keep.id)

    def _run(self, operation, *args):
        """The operation through the runner; a refusal is said over this dialog."""
        return self.ops.run(operation, *args, on_error=lambda error: self.show_error(str(error)))

    def _select(self, agency_id: int) -> None:
        row = self.model.row_of(agency_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
