"""Starting the window: one copy per data file, first-start setup, and a safety net for bugs."""

from __future__ import annotations

import sys
import traceback
from datetime import date
from pathlib import Path

from PySide6.QtCore import QLockFile, QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from parcdesk.db.settings import load_settings
from parcdesk.db.store import open_store
from parcdesk.errors import UserError
from parcdesk.logs import log_bug
from parcdesk.paths import portable_data_dir
from parcdesk.resources import resource_path
from parcdesk.ui import previews, qt_vi
from parcdesk.ui.offscreen_fonts import point_qt_at_fonts


def show_bug(exc_type, exc, tb) -> None:
    """A bug: say so plainly, keep the details for whoever supports the office.

    A UserError that reached here (a full disk met by a writer nobody guarded) is no bug: the
    officer gets its sentence, as anywhere else."""
    if isinstance(exc, UserError):
        qt_vi.warn(QApplication.activeWindow(), str(exc))
        return
    log_file = log_bug((exc_type, exc, tb))
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    box = QMessageBox(QMessageBox.Icon.Critical, "ParcDesk gặp lỗi",
                      "Chương trình gặp một lỗi không mong muốn. Dữ liệu đã lưu vẫn an toàn.\n"
                      f"Chi tiết đã được ghi vào {log_file}; có thể sao chép để gửi cho người hỗ trợ.")
    box.setDetailedText(details)
    copy = box.addButton("Sao chép chi tiết", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Đóng", QMessageBox.ButtonRole.AcceptRole)
    copy.clicked.disconnect()
    copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    box.exec()


def window_settings() -> QSettings:
    """Where the window keeps its size and last plan: the registry (or ~/.config) normally;
    in portable mode a file beside the data, so that the USB stick carries it along."""
    portable = portable_data_dir()
    if portable is not None:
        return QSettings(str(portable / "cua-so.ini"), QSettings.Format.IniFormat)
    return QSettings()


def lock_data_file(path: Path) -> QLockFile:
    """Refuse to open a data file that another ParcDesk window has open."""
    lock = QLockFile(str(path) + ".lock")
    lock.setStaleLockTime(0)  # a crashed copy's lock is recognised by its dead process id instead
    if not lock.tryLock(200):
        raise UserError(f"Tệp dữ liệu {path} đang được mở trong một cửa sổ ParcDesk khác; "
                        "hãy dùng cửa sổ đó hoặc đóng nó trước.")
    return lock


def open_or_set_up(path: Path, today: date):
    """The data file opened; on the first start, the setup dialog creates it. None if cancelled."""
    from parcdesk.ui.setup_dialog import SetupDialog

    if path.exists():  # an existing file, even empty, is opened (and refused if not ours), never set up anew
        store = open_store(path)
        if load_settings(store.db).is_set_up:
            return store
        store.close()
    dialog = SetupDialog(path, today.year)
    dialog.store_factory = lambda: open_store(path, create=True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.store


def app_icon() -> QIcon:
    """ParcDesk's icon (resources/icons, drawn by installer/make_icon.py) for every window."""
    return QIcon(str(resource_path("icons", "parcdesk.png")))


def migration_notice(store) -> str | None:
    """What to tell the officer once, when this opening upgraded an older data file."""
    if store.migration_backup is None:
        return None
    return ("Tệp dữ liệu đã được nâng cấp cho phiên bản ParcDesk mới. Bản sao của tệp trước khi nâng cấp "
            f"được giữ tại:\n{store.migration_backup}\nCó thể xóa bản sao này khi thấy dữ liệu vẫn đầy đủ.")


def run_app(db_path: str, *, exit_when_shown: bool = False) -> int:
    point_qt_at_fonts()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("ParcDesk")
    app.setOrganizationName("ParcDesk")
    app.setWindowIcon(app_icon())
    qt_vi.install(app)
    sys.excepthook = show_bug
    previews.remove_stale()  # report previews an earlier run left behind
    path = Path(db_path).expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = lock_data_file(path)
        store = open_or_set_up(path, date.today())
    except UserError as error:
        qt_vi.warn(None, str(error))
        return 2
    if store is None:
        lock.unlock()
        return 0
    from parcdesk.ui.main_window import MainWindow

    window = MainWindow(store, window_settings())
    window.show()
    notice = migration_notice(store)
    if notice:
        qt_vi.inform(window, notice)
    window.offer_recovered()  # saves an earlier session could not make (ui/pending_saves.py)
    if exit_when_shown:  # `--smoke-start`: the benchmark's start-to-window figure
        from parcdesk.smoke import quit_after_first_paint

        quit_after_first_paint(window)
    try:
        return app.exec()
    finally:
        store.close()
        lock.unlock()
