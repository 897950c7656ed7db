"""Windows and dialogs that fit the officer's screen.

The office PC's screen is most often 1366×768, and the taskbar takes ~40 px of it: every
window and dialog must fit the screen's *available* geometry (1366×728 there), title bar and
frame included, so that nothing — the status bar's "Đã lưu", a dialog's buttons — is off
the screen. A preferred size is a wish; the available geometry decides.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog

# The smallest screen ParcDesk is built for, less the Windows taskbar.
SMALLEST_AVAILABLE = QSize(1366, 728)
# The title bar and frame a window manager adds around a window's client area.
FRAME_ALLOWANCE = QSize(16, 40)


def available_geometry(widget=None) -> QRect:
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def fitted_size(preferred: QSize, available: QRect) -> QSize:
    """`preferred`, shrunk to what fits `available` with the title bar and frame around it."""
    return QSize(min(preferred.width(), available.width() - FRAME_ALLOWANCE.width()),
                 min(preferred.height(), available.height() - FRAME_ALLOWANCE.height()))


def fit_window(widget, width: int, height: int) -> None:
    """Resize to (width, height) or less, to fit the screen the widget is on, and bring it inside."""
    available = available_geometry(widget)
    size = fitted_size(QSize(width, height), available)
    widget.resize(size)
    frame = widget.frameGeometry()
    x = min(max(frame.x(), available.x()), available.right() - size.width() - FRAME_ALLOWANCE.width() + 1)
    y = min(max(frame.y(), available.y()), available.bottom() - size.height() - FRAME_ALLOWANCE.height() + 1)
    if (x, y) != (frame.x(), frame.y()):
        widget.move(max(x, available.x()), max(y, available.y()))


def fits_smallest_screen(size: QSize) -> bool:
    """Whether a window's client size (with its frame) fits 1366×728."""
    return (size.width() + FRAME_ALLOWANCE.width() <= SMALLEST_AVAILABLE.width()
            and size.height() + FRAME_ALLOWANCE.height() <= SMALLEST_AVAILABLE.height())


def grow_to_fit(widget) -> None:
    """A dialog whose content just grew (a sentence shown under a field): make it tall enough for
    all of it at its present width (wrapped text included), within the screen. Never shrinks, so
    the dialog does not jump as the officer types; the main window is left as it is, and a dialog
    not shown yet sizes itself to all of it when shown."""
    window = widget.window()
    if not isinstance(window, QDialog) or window.layout() is None or not window.isVisible():
        return
    layout = window.layout()
    layout.invalidate()
    layout.activate()
    width = window.width()
    needed = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
    needed = max(needed, layout.totalSizeHint().height(), layout.totalMinimumSize().height())
    if needed <= window.height():
        return
    available = available_geometry(window)
    height = min(needed, available.height() - FRAME_ALLOWANCE.height())
    window.resize(width, height)
    frame = window.frameGeometry()
    if frame.bottom() > available.bottom():  # grown past the screen's foot: lift it
        window.move(frame.x(), max(available.y(), available.bottom() - frame.height() + 1))
