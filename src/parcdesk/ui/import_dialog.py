"""Bringing in a plan the office already has (.docx, .xlsx, .xls): choose the file, look at the
tree it will make with the detected columns and levels and every warning, correct a column's
meaning or an item's level, then confirm. Nothing is written before "Nhập"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QListWidget, QPushButton, QRadioButton, QSpinBox, QSplitter, QTableWidget, QTableWidgetItem,
    QTabWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
)

from parcdesk.db import plans as plan_store
from parcdesk.db.agencies import list_agencies
from parcdesk.db.store import Store
from parcdesk.errors import Cancelled, UserError
from parcdesk.importer.header import FIELD_LABELS, IGNORE, NOTE, YEAR_TARGET
from parcdesk.importer.plan_import import ImportPreview, analyse, unknown_agencies
from parcdesk.importer.proposals import describe_threshold_short, target_proposals, year_rollforward
from parcdesk.ops import plans as plan_ops
from parcdesk.parsing.agencies import doubtful
from parcdesk.model import LEVEL_LABELS
from parcdesk.ui import qt_vi
from parcdesk.ui.file_dialogs import choose_file
from parcdesk.ui.operations import OpRunner
from parcdesk.ui.worker import run_with_progress
from parcdesk.ui.screen_fit import fit_window
from parcdesk.ui.text_fit import ElidingComboBox

FILE_FILTER = "Kế hoạch (*.docx *.xlsx *.xls);;Tất cả tệp (*)"
COLUMN_CHOICES = [*FIELD_LABELS.items(), (NOTE, "Giữ làm ghi chú"), (IGNORE, "Bỏ qua cột này")]
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
NEW_AGENCY = ""


class ImportDialog(QDialog):
    def __init__(self, store: Store, default_year: int, current_plan_id: int | None = None, parent=None,
                 ops: OpRunner | None = None, choose_only: bool = False):
        """`choose_only`: the first start's use — the officer looks and chooses, and "Nhập" only
        closes the window with the choices (`import_options()`); the caller writes them in its own
        operation, together with the office's details."""
        super().__init__(parent)
        self.store = store
        self.choose_only = choose_only
        self._target_keys: list[str] = []
        self.ops = ops or OpRunner(store, lambda error: qt_vi.warn(self, str(error)), self)
        self.preview: ImportPreview | None = None
        self.summary: dict | None = None
        self.levels: dict[str, str] = {}
        self.setWindowTitle("Nhập kế hoạch từ tệp Word hoặc Excel")
        fit_window(self, 1180, 700)  # inside the 1366×728 of a small office screen (ui/screen_fit.py)
        # replaceable in tests
        self.choose_file = lambda: choose_file(self, "Chọn tệp kế hoạch", FILE_FILTER)

        self.path = QLineEdit()
        self.path.setPlaceholderText("Tệp .docx, .xlsx hoặc .xls chứa phụ lục của kế hoạch")
        self.path.setReadOnly(True)
        browse = QPushButton("Chọn tệp…")
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel("Tệp:"))
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)

        self.appendix = QComboBox()
        self.appendix.currentIndexChanged.connect(lambda _i: self._show_columns())
        self.columns = QTableWidget(0, 2)
        self.columns.setHorizontalHeaderLabels(["Tiêu đề cột trong tệp", "Nghĩa là"])
        self.columns.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.columns.verticalHeader().setVisible(False)
        columns_box = QGroupBox("Các cột đã nhận ra")
        columns_layout = QVBoxLayout(columns_box)
        columns_layout.addWidget(self.appendix)
        columns_layout.addWidget(self.columns)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Mã", "Nội dung", "Cấp", "Mục tiêu", "Chủ trì", "Thời gian"])
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.level = QComboBox()
        for code, label in LEVEL_LABELS.items():
            self.level.addItem(label, code)
        self.level_button = QPushButton("Đổi cấp của mục đang chọn")
        self.level_button.clicked.connect(self.change_level)
        self.counts = QLabel()
        level_row = QHBoxLayout()
        level_row.addWidget(self.counts, 1)
        level_row.addWidget(QLabel("Cấp:"))
        level_row.addWidget(self.level)
        level_row.addWidget(self.level_button)
        tree_page = QGroupBox("Cây kế hoạch sẽ được tạo")
        tree_layout = QVBoxLayout(tree_page)
        tree_layout.addWidget(self.tree, 1)
        tree_layout.addLayout(level_row)
        # the file's years → the plan's year, and the thresholds found in the task text: proposals,
        # each with its box; nothing is changed until "Nhập"
        self.rewrites = _proposal_table(["Nhận", "Ở đâu", "Trong tệp ghi", "Sẽ ghi"])
        self.years_note = QLabel()
        self.years_note.setWordWrap(True)
        self.all_years = QPushButton("Nhận tất cả")
        self.all_years.clicked.connect(lambda: _check_all(self.rewrites, True))
        self.no_years = QPushButton("Giữ nguyên năm như trong tệp")
        self.no_years.clicked.connect(lambda: _check_all(self.rewrites, False))
        years_page = QGroupBox("Các chỗ ghi năm sẽ được chuyển sang năm của kế hoạch")
        years_layout = QVBoxLayout(years_page)
        years_layout.addWidget(self.years_note)
        years_layout.addWidget(self.rewrites, 1)
        years_row = QHBoxLayout()
        years_row.addStretch(1)
        years_row.addWidget(self.all_years)
        years_row.addWidget(self.no_years)
        years_layout.addLayout(years_row)
        self.targets = _proposal_table(["Nhận", "Mục", "Chỉ tiêu đo được", "Tìm thấy trong câu"])
        self.all_targets = QPushButton("Nhận tất cả")
        self.all_targets.clicked.connect(lambda: _check_all(self.targets, True))
        targets_page = QGroupBox("Chỉ tiêu tìm thấy trong nội dung nhiệm vụ (cột mục tiêu không ghi)")
        targets_layout = QVBoxLayout(targets_page)
        targets_layout.addWidget(self.targets, 1)
        targets_row = QHBoxLayout()
        targets_row.addStretch(1)
        targets_row.addWidget(self.all_targets)
        targets_layout.addLayout(targets_row)
        self.pages = QTabWidget()
        self.pages.addTab(tree_page, "Cây kế hoạch")
        self.pages.addTab(years_page, "Năm")
        self.pages.addTab(targets_page, "Chỉ tiêu")
        tree_box = self.pages
        self.title_edited = False

        self.warnings = QListWidget()
        self.warnings.setWordWrap(True)
        self.agencies = QTableWidget(0, 2)
        self.agencies.setHorizontalHeaderLabels(["Cơ quan chưa có trong danh sách", "Là cơ quan"])
        self.agencies.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.agencies.verticalHeader().setVisible(False)
        notes_box = QGroupBox("Cảnh báo và cơ quan mới")
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.addWidget(self.warnings, 1)
        notes_layout.addWidget(self.agencies, 1)

        self.as_new = QRadioButton("Tạo kế hoạch mới cho năm")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(default_year)
        self.year.valueChanged.connect(lambda _y: self._show_proposals())
        self.title = QLineEdit()
        self.title.textEdited.connect(lambda _t: setattr(self, "title_edited", True))
        self.into = QRadioButton("Cập nhật vào kế hoạch có sẵn (khớp theo mã, rồi theo tên):")
        self.plan = ElidingComboBox("Kế hoạch nhận các mục nhập")
        self.plan.setMinimumContentsLength(30)  # a plan's long title must not widen the dialog past the screen
        self.plan.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for plan in plan_store.list_plans(store.db):
            self.plan.addItem(f"{plan.title} ({plan.year_from})", plan.id)
        if current_plan_id is not None:
            self.plan.setCurrentIndex(max(self.plan.findData(current_plan_id), 0))
        group = QButtonGroup(self)
        group.addButton(self.as_new)
        group.addButton(self.into)
        self.as_new.setChecked(True)
        self.into.setEnabled(self.plan.count() > 0)
        target = QGroupBox("Nhập vào")
        target_form = QFormLayout(target)
        new_row = QHBoxLayout()
        new_row.addWidget(self.as_new)
        new_row.addWidget(self.year)
        new_row.addWidget(QLabel("tên:"))
        new_row.addWidget(self.title, 1)
        target_form.addRow(new_row)
        into_row = QHBoxLayout()
        into_row.addWidget(self.into)
        into_row.addWidget(self.plan, 1)
        target_form.addRow(into_row)

        self.check_button = QPushButton("Xem trước thay đổi")
        self.check_button.setToolTip("Thử nhập mà không ghi gì, để biết sẽ thêm, sửa những gì")
        self.check_button.clicked.connect(self.check)
        self.import_button = QPushButton("Nhập")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.confirm)
        cancel = QPushButton("Hủy")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(cancel)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(columns_box)
        left.addWidget(notes_box)
        middle = QSplitter(Qt.Orientation.Horizontal)
        middle.addWidget(left)
        middle.addWidget(tree_box)
        middle.setStretchFactor(1, 2)
        middle.setSizes([440, 740])
        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(middle, 1)
        layout.addWidget(target)
        layout.addLayout(buttons)
        self._enable(False)
        if choose_only:  # a new data file: no plan to merge into, the usual agency list comes with the office
            for widget in (self.check_button, self.into, self.plan, self.agencies):
                widget.hide()

    def _enable(self, on: bool) -> None:
        for widget in (self.check_button, self.import_button, self.level_button, self.appendix):
            widget.setEnabled(on)

    # ------------------------------------------------------------ reading

    def browse(self) -> None:
        path = self.choose_file()
        if path:
            self.load(path)

    def browse_first(self) -> bool:
        """Ask for the file before the window opens; False when the officer cancels."""
        path = self.choose_file()
        return bool(path) and (self.load(path) or True)

    def load(self, path: str) -> bool:
        """Read the file (in a worker: a big file takes a while) and show what it gives."""
        self.path.setText(path)

        def job(report, _is_cancelled):
            report(0, 1)
            return analyse(path)  # no database here: SQLite connections stay in their thread

        try:
            preview = run_with_progress(self, "Đọc tệp", "Đang đọc và phân tích tệp…", job)
        except Cancelled:
            return False
        except UserError as error:
            self.preview = None
            self._enable(False)
            self.tree.clear()
            qt_vi.warn(self, str(error))
            return False
        self.preview = preview
        self.levels = {}
        self.title_edited = False
        self.title.setText(preview.title)
        self.appendix.blockSignals(True)
        self.appendix.clear()
        for appendix in preview.appendices:
            self.appendix.addItem(f"{appendix.index}. {appendix.name or appendix.source}", appendix.index)
        self.appendix.blockSignals(False)
        self._enable(True)
        self._show_columns()
        self._show_tree()
        self._show_notes()
        self._show_proposals()
        return True

    def _show_columns(self) -> None:
        if self.preview is None or self.appendix.currentData() is None:
            return
        appendix = next(a for a in self.preview.appendices if a.index == self.appendix.currentData())
        self.columns.setRowCount(len(appendix.header.columns))
        for row, column in enumerate(appendix.header.columns):
            label = QTableWidgetItem(column.label)
            label.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.columns.setItem(row, 0, label)
            choice = QComboBox()
            for code, text in COLUMN_CHOICES:
                choice.addItem(text, code)
            if column.year is not None:  # one column per year of a multi-year plan
                choice.addItem(f"Chỉ tiêu năm {column.year}", YEAR_TARGET)
            choice.setCurrentIndex(max(choice.findData(column.field), 0))
            choice.activated.connect(lambda _i, c=column.index, box=choice: self.remap(c, box.currentData()))
            self.columns.setCellWidget(row, 1, choice)

    def remap(self, column: int, field: str) -> None:
        """The officer says what a column means; the appendix is re-read from the cells in memory."""
        self.preview.remap(self.appendix.currentData(), {column: field})
        self.levels = {}
        self._show_columns()
        self._show_tree()
        self._show_notes()
        self._show_proposals()

    def _show_proposals(self) -> None:
        """The year rewrites and the thresholds found, each ticked: the officer unticks what must stay."""
        if self.preview is None:
            return
        roll = year_rollforward(self.preview, self.year.value())
        _fill(self.rewrites, [(r.where, r.old, r.new) for r in roll.rewrites])
        if roll.rewrites:
            self.years_note.setText(f"Tệp ghi năm {roll.source_from}; kế hoạch được nhập cho năm {roll.year_from}. "
                                    f"Số hiệu và ngày của văn bản được trích dẫn (Nghị định, Quyết định…) "
                                    f"giữ nguyên. Chỗ nào bỏ chọn sẽ được đánh dấu “còn ghi năm cũ”.")
        else:
            self.years_note.setText("Tệp không ghi năm nào cần chuyển sang năm của kế hoạch.")
        self.pages.setTabText(1, f"Năm ({len(roll.rewrites)})")
        if not self.title_edited:
            title = next((r.new for r in roll.rewrites if r.draft is None and r.field == "title"), self.preview.title)
            self.title.setText(title)
        found = target_proposals(self.preview)
        self._target_keys = [p.key for p in found]
        _fill(self.targets, [(p.where, _shown(p), p.text) for p in found], checked=False)
        self.pages.setTabText(2, f"Chỉ tiêu ({len(found)})")

    def accepted_years(self) -> list[int]:
        return _checked(self.rewrites)

    def accepted_targets(self) -> list[str]:
        return [self._target_keys[row] for row in _checked(self.targets)]

    def _show_tree(self) -> None:
        self.tree.clear()
        parents: list[QTreeWidgetItem] = []
        for key, depth, draft in self.preview.walk():
            line = QTreeWidgetItem([draft.code, draft.title, LEVEL_LABELS[draft.level], draft.target_text,
                                    "; ".join(draft.lead), draft.timeframe_text])
            line.setData(0, KEY_ROLE, key)
            line.setToolTip(1, f"{draft.title}\n(dòng {key.split(':')[1]} của phụ lục {key.split(':')[0]})")
            del parents[depth:]
            if parents:
                parents[-1].addChild(line)
            else:
                self.tree.addTopLevelItem(line)
            parents.append(line)
        self.tree.expandToDepth(0)
        counts = self.preview.counts()
        self.counts.setText(", ".join(f"{LEVEL_LABELS[level]}: {n}" for level, n in counts.items() if n))

    def _show_notes(self) -> None:
        summary = self.preview.summary()
        self.warnings.clear()
        for warning in summary["warnings"] or ["Không có cảnh báo."]:
            self.warnings.addItem(warning)
        known = [agency.name for agency in list_agencies(self.store.db)]
        unknown = unknown_agencies(self.store.db, self.preview)
        self.agencies.setRowCount(len(unknown))
        for row, name in enumerate(unknown):
            cell = QTableWidgetItem(name)
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
            reason = doubtful(name)
            if reason:  # asked about with a reason: "toàn thể người dân…" is not a body
                cell.setText(f"⚠ {name}")
                cell.setData(Qt.ItemDataRole.UserRole, name)
                cell.setToolTip(f"“{name}” {reason}. Hãy chọn cơ quan đúng ở cột bên phải.")
            self.agencies.setItem(row, 0, cell)
            choice = QComboBox()
            choice.addItem("(thêm cơ quan mới)", NEW_AGENCY)
            for agency in known:
                choice.addItem(agency, agency)
            self.agencies.setCellWidget(row, 1, choice)

    def change_level(self) -> None:
        line = self.tree.currentItem()
        if line is None:
            return
        key = line.data(0, KEY_ROLE)
        level = self.level.currentData()
        self.levels[key] = level
        self.preview.item(key).level = level
        line.setText(2, LEVEL_LABELS[level])

    # ------------------------------------------------------------ writing

    def agency_names(self) -> dict[str, str]:
        names = {}
        for row in range(self.agencies.rowCount()):
            chosen = self.agencies.cellWidget(row, 1).currentData()
            if chosen != NEW_AGENCY:
                cell = self.agencies.item(row, 0)
                names[cell.data(Qt.ItemDataRole.UserRole) or cell.text()] = chosen
        return names

    def _apply(self, dry_run: bool) -> dict | None:
        """The import as one operation (a merge into a plan is one undo step); a dry run writes nothing."""
        result = self.ops.run(
            plan_ops.import_plan, self.preview, year=self.year.value(),
            into_plan_id=self.plan.currentData() if self.into.isChecked() else None,
            title=self.title.text() if self.as_new.isChecked() and self.title_edited else None,
            levels=self.levels, agency_names=self.agency_names(), dry_run=dry_run,
            accepted_years=self.accepted_years(), accept_targets=self.accepted_targets(),
            on_error=lambda error: qt_vi.warn(self, str(error)),
        )
        return result.value if result is not None else None

    def import_options(self) -> dict:
        """The officer's choices, as plan_import.apply takes them."""
        return {"levels": dict(self.levels), "agency_names": self.agency_names(),
                "accepted_years": self.accepted_years(), "accept_targets": self.accepted_targets(),
                "title": self.title.text() if self.title_edited else None}

    def check(self) -> dict | None:
        summary = self._apply(dry_run=True)
        if summary is not None:
            qt_vi.inform(self, describe(summary), title="Xem trước thay đổi")
        return summary

    def confirm(self) -> None:
        if self.choose_only:
            self.accept()
            return
        summary = self._apply(dry_run=False)
        if summary is not None:
            self.summary = summary
            self.accept()


def _proposal_table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    for column in range(1, len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]], checked: bool = True) -> None:
    table.setRowCount(len(rows))
    for row, texts in enumerate(rows):
        box = QTableWidgetItem()
        box.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        box.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        table.setItem(row, 0, box)
        for column, text in enumerate(texts, start=1):
            cell = QTableWidgetItem(text)
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
            cell.setToolTip(text)
            table.setItem(row, column, cell)
    table.resizeRowsToContents()


def _check_all(table: QTableWidget, on: bool) -> None:
    for row in range(table.rowCount()):
        table.item(row, 0).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def _checked(table: QTableWidget) -> list[int]:
    return [row for row in range(table.rowCount()) if table.item(row, 0).checkState() == Qt.CheckState.Checked]


def _shown(proposal) -> str:
    return describe_threshold_short(proposal.threshold)


def describe(summary: dict) -> str:
    counts = ", ".join(f"{n} {LEVEL_LABELS[level].lower()}" for level, n in summary["counts"].items() if n)
    lines = [f"Tệp {summary['file']}: {counts}."]
    changes = summary.get("changes")
    if changes:
        lines.append(f"Thêm {changes['added']} mục, sửa {changes['updated']} mục, "
                     f"giữ nguyên {changes['unchanged']} mục.")
        for change in changes["fields"][:12]:
            lines.append(f"• {change['code']} {change['title'][:50]}: {change['field']}")
        if changes["not_in_file"]:
            lines.append(f"{len(changes['not_in_file'])} mục của kế hoạch không có trong tệp (được giữ nguyên).")
    if summary["unknown_agencies"]:
        lines.append("Cơ quan mới sẽ được thêm: " + "; ".join(summary["unknown_agencies"]))
    return "\n".join(lines)


