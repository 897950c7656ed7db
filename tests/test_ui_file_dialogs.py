"""Qt's own file dialog (Linux, offscreen) speaks Vietnamese: its labels, buttons, column heads,
and dates as dd/mm/yyyy; on Windows the system's dialog, in the system's language, is used."""

import sys
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton, QStyleOptionViewItem, QTreeView

from parcdesk.ui import qt_vi
from parcdesk.ui.file_dialogs import DATE_COLUMN, make_dialog

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")
ENGLISH = ("Look in", "Files of", "File name", "Directories", "Open", "Cancel", "Name", "Size", "Type",
           "Date Modified", "Choose")


@pytest.mark.skipif(sys.platform == "win32", reason="Windows shows its own dialog, in its own language")
@pytest.mark.parametrize("mode", [QFileDialog.FileMode.ExistingFile, QFileDialog.FileMode.Directory])
def test_the_file_dialog_says_everything_in_vietnamese(qtbot, tmp_path, mode):
    qt_vi.install(QApplication.instance())
    (tmp_path / "Kế hoạch.docx").write_bytes(b"PK")
    dialog = make_dialog(None, "Chọn tệp kế hoạch", mode, "Tệp Word, Excel (*.docx *.xlsx)")
    qtbot.addWidget(dialog)
    dialog.setDirectory(str(tmp_path))
    dialog.show()
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QPushButton) if w.isVisible()]
    view = next(v for v in dialog.findChildren(QTreeView) if v.objectName() == "treeView")
    model = view.model()
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    texts += heads
    assert "Tìm trong:" in texts and "Hủy" in texts and "Ngày sửa" in heads
    assert not [t for t in texts if any(t.replace("&", "").startswith(word) for word in ENGLISH)], texts
    if mode == QFileDialog.FileMode.ExistingFile:  # the file's row, as the view draws its date
        root = view.rootIndex()
        qtbot.waitUntil(lambda: model.rowCount(root) > 0)
        row = next(r for r in range(model.rowCount(root)) if model.index(r, 0, root).data() == "Kế hoạch.docx")
        index = model.index(row, DATE_COLUMN, root)
        option = QStyleOptionViewItem()
        view.itemDelegateForIndex(index).initStyleOption(option, index)
        modified = datetime.fromtimestamp((tmp_path / "Kế hoạch.docx").stat().st_mtime)
        assert option.text == modified.strftime("%d/%m/%Y %H:%M")
    header = view.header()
    for column, head in enumerate(heads):  # each head whole in its column
        if column:
            assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(head) + 16, head
