"""Choosing a file or a folder, in Vietnamese on every system.

On Windows the system's own dialog is used: it speaks the language Windows is set to. Elsewhere
(Linux, the offscreen tests) Qt draws its own dialog, whose strings ui/qt_vi.py translates; its
labels are also set here by name, and its "Ngày sửa" column shows dates as an officer writes them
(01/12/2026 15:16), not Qt's Vietnamese short format ("1 12 2026 15:16").
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractProxyModel, QDateTime, Qt
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QStyledItemDelegate, QTreeView

LABELS = {
    QFileDialog.DialogLabel.LookIn: "Tìm trong:",
    QFileDialog.DialogLabel.FileName: "Tên tệp:",
    QFileDialog.DialogLabel.FileType: "Loại tệp:",
    QFileDialog.DialogLabel.Reject: "Hủy",
}
DATE_COLUMN = 3


DATE_FORMAT = "dd/MM/yyyy HH:mm"


class _VietnameseDates(QStyledItemDelegate):
    """The date column: Qt's file model hands the view a text already written in the locale's
    short format, so the date is read again from the model's own `lastModified`."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802 (Qt's name)
        super().initStyleOption(option, index)
        model, source = index.model(), index
        while isinstance(model, QAbstractProxyModel):
            source = model.mapToSource(source)
            model = model.sourceModel()
        if isinstance(model, QFileSystemModel):
            when = model.lastModified(source)
            if isinstance(when, QDateTime) and when.isValid():
                option.text = when.toString(DATE_FORMAT)


def _fit_columns(view: QTreeView) -> None:
    """Every head whole ("Kích thước", "Ngày sửa") and the date column as wide as a date."""
    header, metrics = view.header(), view.fontMetrics()
    header.setMinimumSectionSize(0)
    model = view.model()
    for column in range(model.columnCount()):
        text = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        width = header.fontMetrics().horizontalAdvance(text) + 32  # the sort arrow and padding
        if column == DATE_COLUMN:
            width = max(width, metrics.horizontalAdvance("00/00/0000 00:00") + 24)
        if column and header.sectionSize(column) < width:
            header.resizeSection(column, width)


def make_dialog(parent, title: str, mode: QFileDialog.FileMode, name_filter: str = "") -> QFileDialog:
    dialog = QFileDialog(parent, title)
    dialog.setFileMode(mode)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    if name_filter:
        dialog.setNameFilter(name_filter)
    if sys.platform != "win32":  # Qt's own dialog: its words set here and by the translator
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        for label, text in LABELS.items():
            dialog.setLabelText(label, text)
        dialog.setLabelText(QFileDialog.DialogLabel.Accept,
                            "Chọn thư mục" if mode == QFileDialog.FileMode.Directory else "Mở")
        for view in dialog.findChildren(QTreeView):
            view.setItemDelegateForColumn(DATE_COLUMN, _VietnameseDates(view))
            _fit_columns(view)
    return dialog


def choose_file(parent, title: str, name_filter: str = "") -> str:
    """The chosen file's path, or "" when the officer cancels."""
    dialog = make_dialog(parent, title, QFileDialog.FileMode.ExistingFile, name_filter)
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""


def choose_folder(parent, title: str) -> str:
    dialog = make_dialog(parent, title, QFileDialog.FileMode.Directory)
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""


def choose_save_file(parent, title: str, name: str, name_filter: str = "", *, confirm_overwrite: bool = True) -> str:
    """Where to save a file (the suggested `name` filled in), or "" when the officer cancels.
    `confirm_overwrite=False`: an existing file is a choice to open, not one to overwrite."""
    dialog = make_dialog(parent, title, QFileDialog.FileMode.AnyFile, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, not confirm_overwrite)
    if sys.platform != "win32":
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, "Lưu")
    dialog.selectFile(name)
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""
