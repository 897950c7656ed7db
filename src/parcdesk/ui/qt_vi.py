"""Qt in Vietnamese: Qt ships no Vietnamese translation of its own widgets, so its strings
(dialog buttons, the edit context menu, the file dialog) are translated here, and message
boxes are built with Vietnamese buttons."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget

# Source text → Vietnamese, whatever the Qt context: the same words mean the same thing.
QT_STRINGS = {
    # QPlatformTheme: standard buttons
    "OK": "Đồng ý", "Save": "Lưu", "Save All": "Lưu tất cả", "Open": "Mở", "&Yes": "&Có",
    "Yes to &All": "Có với tất cả", "&No": "&Không", "N&o to All": "Không với tất cả",
    "Abort": "Hủy bỏ", "Retry": "Thử lại", "Ignore": "Bỏ qua", "Close": "Đóng", "Cancel": "Hủy",
    "Discard": "Không lưu", "Don't Save": "Không lưu", "Help": "Trợ giúp", "Apply": "Áp dụng",
    "Reset": "Đặt lại", "Restore Defaults": "Khôi phục mặc định", "Yes": "Có", "No": "Không",
    # edit context menus (QLineEdit, QWidgetTextControl)
    "&Undo": "&Hoàn tác", "&Redo": "&Làm lại", "Cu&t": "&Cắt", "&Copy": "Sao &chép",
    "&Paste": "&Dán", "Delete": "Xóa", "Select All": "Chọn tất cả",
    "Copy &Link Location": "Sao chép địa chỉ liên kết",
    # QMessageBox
    "Show Details...": "Xem chi tiết…", "Hide Details...": "Ẩn chi tiết…",
    # QFileDialog (the non-native one)
    "Look in:": "Tìm trong:", "&Look in:": "&Tìm trong:", "Files of &type:": "&Loại tệp:",
    "Directories": "Thư mục", "Directory": "Thư mục", "%1 File": "Tệp %1", "%1 bytes": "%1 byte",
    "Are you sure you want to delete '%1'?": "Xóa “%1”?",
    "File &name:": "&Tên tệp:", "Files of type:": "Loại tệp:",
    "&Open": "&Mở", "&Save": "&Lưu", "&Choose": "&Chọn", "Detail View": "Xem chi tiết",
    "List View": "Xem danh sách", "Back": "Quay lại", "Forward": "Tiến tới",
    "Parent Directory": "Thư mục cha", "Create New Folder": "Tạo thư mục mới",
    "New Folder": "Thư mục mới", "Name": "Tên", "Size": "Kích thước", "Type": "Loại",
    "Date Modified": "Ngày sửa", "My Computer": "Máy tính", "Computer": "Máy tính",
    "Directory:": "Thư mục:", "All Files (*)": "Tất cả tệp (*)", "&Rename": "Đổi &tên",
    "&Delete": "&Xóa", "Show &hidden files": "Hiện tệp ẩn", "&New Folder": "Thư mục &mới",
    "Recent Places": "Nơi gần đây", "Open File": "Mở tệp", "Save As": "Lưu thành",
    "Find Directory": "Chọn thư mục", "Drive": "Ổ đĩa", "File": "Tệp", "File Folder": "Thư mục",
    "Folder": "Thư mục", "Unknown": "Không rõ",
    # QUndoStack, QProgressDialog, QColorDialog leftovers
    "Undo %1": "Hoàn tác %1", "Redo %1": "Làm lại %1", "Undo": "Hoàn tác", "Redo": "Làm lại",
}


# Key names in menus' shortcuts (Qt's "QShortcut" context), as the keys are printed on the keyboard.
KEY_NAMES = {"Return": "Enter", "Del": "Delete", "Ins": "Insert", "Esc": "Esc", "PgUp": "Page Up",
             "PgDown": "Page Down", "Backspace": "Backspace"}


class VietnameseTranslator(QTranslator):
    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: N802 (Qt's name)
        if context == "QShortcut":
            return KEY_NAMES.get(source_text)
        return QT_STRINGS.get(source_text)


def install(app) -> VietnameseTranslator:
    """Vietnamese for Qt's own strings, and Vietnamese dates and numbers (tháng, decimal comma)."""
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    existing = app.findChild(VietnameseTranslator)
    if existing is not None:
        return existing
    translator = VietnameseTranslator(app)
    app.installTranslator(translator)
    return translator


# ------------------------------------------------------------ message boxes with Vietnamese buttons

def _box(parent: QWidget | None, icon, title: str, text: str, details: str | None = None) -> QMessageBox:
    box = QMessageBox(icon, title or "ParcDesk", text, QMessageBox.StandardButton.NoButton, parent)
    if details:
        box.setDetailedText(details)
    return box


def inform(parent: QWidget | None, text: str, title: str = "ParcDesk") -> None:
    box = _box(parent, QMessageBox.Icon.Information, title, text)
    box.addButton("Đồng ý", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def warn(parent: QWidget | None, text: str, title: str = "ParcDesk", details: str | None = None) -> None:
    box = _box(parent, QMessageBox.Icon.Warning, title, text, details)
    box.addButton("Đồng ý", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def ask(parent: QWidget | None, text: str, yes: str = "Đồng ý", no: str = "Hủy", title: str = "ParcDesk",
        danger: bool = False) -> bool:
    box = _box(parent, QMessageBox.Icon.Warning if danger else QMessageBox.Icon.Question, title, text)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button if danger else yes_button)
    box.exec()
    return box.clickedButton() is yes_button


def name_buttons(box: QDialogButtonBox) -> QDialogButtonBox:
    """Vietnamese texts on a dialog's standard buttons, whatever translator is installed."""
    names = {
        QDialogButtonBox.StandardButton.Ok: "Đồng ý", QDialogButtonBox.StandardButton.Cancel: "Hủy",
        QDialogButtonBox.StandardButton.Close: "Đóng", QDialogButtonBox.StandardButton.Save: "Lưu",
        QDialogButtonBox.StandardButton.Yes: "Có", QDialogButtonBox.StandardButton.No: "Không",
        QDialogButtonBox.StandardButton.Apply: "Áp dụng", QDialogButtonBox.StandardButton.Help: "Trợ giúp",
    }
    for standard, text in names.items():
        button = box.button(standard)
        if button is not None:
            button.setText(text)
    return box
