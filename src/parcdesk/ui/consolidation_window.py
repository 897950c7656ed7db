"""The superior body's window: "Tổng hợp báo cáo các xã" over a consolidation file.

A second mode of the same program (`parcdesk --tong-hop FILE`, or the main window's menu): no
commune data file, only the files received. The officer sets the period and the deadline,
gives the list of expected units (typed, pasted or from an Excel list), drops files or a folder
on the window, and sees each file accepted or refused with its reason, then the consolidated
view per unit, per area and per PAR INDEX code; exports the Excel file and the PDF report.
Reading and checking the files runs in a worker on its own connection (ui/worker.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMainWindow, QPlainTextEdit,
    QPushButton, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from parcdesk.consolidate import intake, tables
from parcdesk.consolidate.figures import Consolidation, consolidate
from parcdesk.consolidate.units import parse_lines, read_expected
from parcdesk.db import consolidation as book_store
from parcdesk.errors import Cancelled, UserError
from parcdesk.periods import parse_period
from parcdesk.report.proof import WHAT_IT_PROVES
from parcdesk.ui.screen_fit import fit_window
from parcdesk.ui import file_dialogs, qt_vi
from parcdesk.ui.worker import run_with_progress


def _date(text: str):
    """"15/03/2026" → the date; one sentence otherwise."""
    from datetime import date

    try:
        day, month, year = (int(part) for part in text.strip().split("/"))
        return date(year, month, day)
    except ValueError:
        raise UserError(f"Hạn gửi “{text}” không phải là ngày; hãy viết ngày/tháng/năm, ví dụ 15/03/2026.") from None


class ExpectedDialog(QDialog):
    """The list of expected units: one a line, other names (merged, renamed) after ";"."""

    def __init__(self, text: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Danh sách đơn vị cần tổng hợp")
        self.resize(620, 460)
        self.editor = QPlainTextEdit(text)
        self.editor.setPlaceholderText("UBND xã Ia Hrú\nUBND xã Ia Bă Mới; UBND xã Ia Bă (tên cũ)")
        load = QPushButton("Lấy từ tệp Excel hoặc văn bản…")
        load.clicked.connect(self._load)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Lưu danh sách")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Mỗi dòng một đơn vị; các tên khác của đơn vị (trước sáp nhập, đổi tên) ghi sau dấu “;”. "
                                "Có thể dán từ Excel."))
        layout.addWidget(self.editor, 1)
        layout.addWidget(load)
        layout.addWidget(buttons)

    def _load(self) -> None:
        name = file_dialogs.choose_file(self, "Chọn danh sách đơn vị", "Danh sách (*.xlsx *.txt *.csv)")
        if not name:
            return
        try:
            units = read_expected(name)
        except UserError as error:
            qt_vi.warn(self, str(error))
            return
        self.editor.setPlainText("\n".join("; ".join([u.name, *u.aliases]) for u in units))


class BodyDialog(QDialog):
    """The superior body's details, set once for the consolidation file: the PDF's header, dateline,
    addressee, signature block and recipients (intake.BODY_SETTINGS)."""

    LABELS = (("issuer", "Cơ quan tổng hợp:", "Sở Nội vụ"), ("issuer_parent", "Cơ quan chủ quản:", "UBND tỉnh Gia Lai"),
              ("place", "Địa danh (dòng ngày tháng):", "Gia Lai"),
              ("addressee", "Kính gửi:", "mặc định: cơ quan chủ quản"),
              ("authority", "Thẩm quyền ký:", "KT. GIÁM ĐỐC (có thể để trống)"),
              ("position", "Chức vụ người ký:", "để trống: ghi tay khi ký"), ("signer", "Họ tên người ký:", ""))

    def __init__(self, meta: dict, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Thông tin cơ quan tổng hợp")
        self.resize(560, 420)
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for key, label, hint in self.LABELS:
            field = QLineEdit(meta.get(key, ""))
            field.setPlaceholderText(hint)
            self.fields[key] = field
            form.addRow(label, field)
        self.recipients = QPlainTextEdit(meta.get("recipients", ""))
        self.recipients.setPlaceholderText("Như trên\nUBND các xã, phường\nLưu: VT, CCHC")
        form.addRow("Nơi nhận (mỗi dòng một nơi):", self.recipients)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Lưu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Nhập một lần; thông tin được lưu trong tệp tổng hợp và dùng cho báo cáo PDF."))
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> dict[str, str]:
        return {**{key: field.text().strip() for key, field in self.fields.items()},
                "recipients": self.recipients.toPlainText()}


class ConsolidationWindow(QMainWindow):
    def __init__(self, book_path: Path | None, parent=None):
        super().__init__(parent)
        self.book_path = book_path
        self.db = book_store.open_consolidation(book_path)
        self.setWindowTitle("Tổng hợp báo cáo các xã, phường – ParcDesk"
                            + (f" – {book_path.name}" if book_path else ""))
        self.setAcceptDrops(True)
        fit_window(self, 1366, 768)  # within the screen's free area, taskbar left visible
        meta = book_store.get_meta(self.db)
        self.period = QLineEdit(meta.get("period", ""))
        self.period.setPlaceholderText("2026-Q1")
        self.period.setMaximumWidth(110)
        self.deadline = QLineEdit()
        self.deadline.setPlaceholderText("15/03/2026")
        self.deadline.setMaximumWidth(110)
        for field in (self.period, self.deadline):
            field.editingFinished.connect(self.save_settings)
        self.body_label = QLabel()
        self.body_button = QPushButton("Thông tin cơ quan…")
        self.body_button.clicked.connect(self.edit_body)
        self.units_button = QPushButton("Danh sách đơn vị…")
        self.files_button = QPushButton("Thêm tệp…")
        self.folder_button = QPushButton("Thêm thư mục…")
        self.xlsx_button = QPushButton("Xuất Excel tổng hợp…")
        self.pdf_button = QPushButton("Xuất báo cáo PDF…")
        self.units_button.clicked.connect(self.edit_units)
        self.files_button.clicked.connect(self._pick_files)
        self.folder_button.clicked.connect(self._pick_folder)
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        top = QHBoxLayout()
        for label, widget in (("Kỳ:", self.period), ("Hạn gửi:", self.deadline)):
            top.addWidget(QLabel(label))
            top.addWidget(widget)
        top.addWidget(self.body_label, 1)
        top.addWidget(self.body_button)
        actions = QHBoxLayout()
        for button in (self.units_button, self.files_button, self.folder_button, self.xlsx_button, self.pdf_button):
            actions.addWidget(button)
        actions.addStretch(1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        note = QLabel("Kéo thả tệp báo cáo (Excel, PDF, bộ hồ sơ ZIP) hoặc thư mục vào cửa sổ này. Mỗi tệp được kiểm tra bằng nội dung "
                      "và mã xác thực nó mang theo. " + WHAT_IT_PROVES)
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.tabs = QTabWidget()
        self.grids: dict[str, QTableWidget] = {}
        for key, title in (("received", "Tệp đã nhận"), ("units", "Theo đơn vị"), ("areas", "Theo lĩnh vực"),
                           ("codes", "Theo tiêu chí"), ("targets", "Chỉ tiêu đo được"), ("matrix", "Đơn vị × mục")):
            grid = QTableWidget()
            grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            grid.setWordWrap(True)
            grid.verticalHeader().setVisible(False)
            self.grids[key] = grid
            self.tabs.addTab(grid, title)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(note)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(body)
        self.refresh()

    # ------------------------------------------------------------ settings and units

    def save_settings(self) -> bool:
        try:
            period = self.period.text().strip()
            intake.set_settings(self.db, period=parse_period(period).code if period else None,
                                deadline=_date(self.deadline.text()) if self.deadline.text().strip() else None)
        except UserError as error:
            qt_vi.warn(self, str(error))
            return False
        self.refresh()
        return True

    def edit_body(self) -> None:
        dialog = BodyDialog(book_store.get_meta(self.db), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_body(dialog.values())

    def set_body(self, values: dict[str, str]) -> None:
        intake.set_settings(self.db, **values)
        self.refresh()

    def _show_body(self) -> None:
        meta = book_store.get_meta(self.db)
        if meta.get("issuer"):
            where = ", ".join(filter(None, [meta.get("issuer_parent"), meta.get("place")]))
            self.body_label.setText(f"Cơ quan tổng hợp: {meta['issuer']}" + (f" ({where})" if where else ""))
        else:
            self.body_label.setText("Chưa nhập thông tin cơ quan tổng hợp (tiêu đề, nơi nhận, người ký của báo cáo PDF).")

    def edit_units(self) -> None:
        current = "\n".join("; ".join([u["name"], *u["aliases"]]) for u in book_store.list_units(self.db))
        dialog = ExpectedDialog(current, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.set_units_text(dialog.editor.toPlainText())

    def set_units_text(self, text: str) -> None:
        try:
            intake.set_expected(self.db, parse_lines(text))
        except UserError as error:
            qt_vi.warn(self, str(error))
        self.refresh()

    # ------------------------------------------------------------ files

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            self.add_paths(paths)

    def _pick_files(self) -> None:
        dialog = file_dialogs.make_dialog(self, "Chọn các tệp báo cáo", QFileDialog.FileMode.ExistingFiles,
                                          "Báo cáo (*.xlsx *.pdf *.zip);;Mọi tệp (*)")
        if dialog.exec() and dialog.selectedFiles():
            self.add_paths([Path(n) for n in dialog.selectedFiles()])

    def _pick_folder(self) -> None:
        # the folder the dialog returns, exactly (typed or clicked): never its parent
        name = file_dialogs.choose_folder(self, "Chọn thư mục chứa các tệp báo cáo")
        if name:
            self.add_paths([Path(name)])

    def add_paths(self, paths: list[Path]) -> list:
        if not self.period.text().strip() and not book_store.get_meta(self.db).get("period"):
            qt_vi.warn(self, "Hãy nhập kỳ báo cáo cần tổng hợp trước (ví dụ 2026-Q1).")
            return []
        book = self.book_path

        def job(report, _is_cancelled):
            if book is None:  # an in-memory consolidation (tests): its connection stays on this thread
                return None
            own = book_store.open_consolidation(book, create=False)
            try:
                return intake.receive(own, paths, progress=report)
            finally:
                own.conn.close()

        try:
            if book is None:
                results = intake.receive(self.db, paths)
            else:
                results = run_with_progress(self, "Nhận báo cáo", "Đang kiểm tra các tệp…", job, cancellable=False)
        except (UserError, Cancelled) as error:
            if isinstance(error, UserError):
                qt_vi.warn(self, str(error))
            return []
        self.refresh()
        refused = [r for r in results if r.outcome == "refused"]
        if refused:
            qt_vi.warn(self, f"Đã nhận {len(results) - len(refused)} tệp; từ chối {len(refused)} tệp:\n"
                       + "\n".join(f"- {r.file_name}: {r.reason}" for r in refused[:10]))
        return results

    # ------------------------------------------------------------ the view

    def view(self) -> Consolidation | None:
        try:
            return consolidate(self.db)
        except UserError:
            return None

    def refresh(self) -> None:
        self._show_body()
        view = self.view()
        if view is None:
            self.summary.setText("Chưa chọn kỳ báo cáo: nhập kỳ (ví dụ 2026-Q1) rồi thêm các tệp nhận được.")
            for grid in self.grids.values():
                grid.setRowCount(0)
            return
        expected = sum(1 for u in view.units if u.expected)
        late = sum(1 for u in view.sent if u.on_time is False)
        refused = sum(1 for r in view.received if r["outcome"] == "refused")
        text = (f"{view.period_label[0].upper()}{view.period_label[1:]}: đã nhận báo cáo của {len(view.sent)}"
                + (f"/{expected}" if expected else "") + f" đơn vị, {late} đơn vị trễ hạn (hạn "
                f"{view.deadline.strftime('%d/%m/%Y')}); {refused} tệp bị từ chối.")
        if view.invalid:
            text += " Gửi tệp không hợp lệ: " + ", ".join(u.name for u in view.invalid[:12]) + "."
        if view.missing:
            text += " Chưa gửi: " + ", ".join(u.name for u in view.missing[:12]) + ("…" if len(view.missing) > 12 else "") + "."
        self.summary.setText(text)
        if not self.deadline.text().strip():
            self.deadline.setPlaceholderText(view.deadline.strftime("%d/%m/%Y"))
        for key, build in (("received", tables.received_table), ("units", tables.units_table),
                           ("areas", tables.areas_table), ("codes", tables.codes_table),
                           ("targets", tables.targets_table), ("matrix", tables.matrix_table)):
            head, rows = build(view)
            self._fill(self.grids[key], head, rows)

    def _fill(self, grid: QTableWidget, head: list[str], rows: list[list]) -> None:
        grid.setColumnCount(len(head))
        grid.setHorizontalHeaderLabels(head)
        grid.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(tables.shown(value))
                if isinstance(value, int):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                grid.setItem(r, c, item)
        grid.resizeColumnsToContents()
        for c in range(grid.columnCount()):
            grid.setColumnWidth(c, min(grid.columnWidth(c), 420))

    def export(self, kind: str, target: str | None = None) -> Path | None:
        from parcdesk.consolidate.export_pdf import render_consolidation_pdf
        from parcdesk.consolidate.export_xlsx import render_consolidation_xlsx
        from parcdesk.report.signoff import write_output

        view = self.view()
        if view is None:
            qt_vi.warn(self, "Hãy nhập kỳ báo cáo cần tổng hợp trước.")
            return None
        name = f"Tong-hop-{view.period}.{kind}"
        target = target or file_dialogs.choose_save_file(self, "Lưu tệp tổng hợp", name,
                                                         "Excel (*.xlsx)" if kind == "xlsx" else "PDF (*.pdf)")
        if not target:
            return None
        render = render_consolidation_xlsx if kind == "xlsx" else render_consolidation_pdf
        try:
            written = run_with_progress(self, "Xuất tổng hợp", "Đang tạo tệp…",
                                        lambda _r, _c: write_output(target, render(view)))
        except (UserError, Cancelled) as error:
            if isinstance(error, UserError):
                qt_vi.warn(self, str(error))
            return None
        qt_vi.inform(self, f"Đã lưu {written}.")
        return written

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.db.conn.close()
        super().closeEvent(event)


def run_consolidation(book: str) -> int:
    import sys

    from PySide6.QtWidgets import QApplication

    from parcdesk.ui.app import app_icon, show_bug

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("ParcDesk")
    app.setWindowIcon(app_icon())
    qt_vi.install(app)
    sys.excepthook = show_bug
    try:
        window = ConsolidationWindow(Path(book).expanduser())
    except UserError as error:
        qt_vi.warn(None, str(error))
        return 2
    window.show()
    return app.exec()
