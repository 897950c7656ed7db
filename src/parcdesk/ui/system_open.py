"""Handing a file or a folder to the system (a PDF viewer, Word, the file manager).

QDesktopServices.openUrl returns False when nothing on the machine opens that kind of file (no
PDF viewer installed, no file manager): the officer is then told where the file is, so it can
be opened by hand or copied — never silence.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def cannot_open_sentence(path: Path, what: str, name: str | None = None) -> str:
    path = Path(path)
    if path.is_dir():
        return f"Máy chưa mở được {what}. Thư mục nằm ở:\n{path}"
    return (f"Máy chưa có chương trình mở {what} “{name or path.name}”. Tệp đã được lưu ở:\n{path}\n\n"
            f"Hãy mở thư mục {path.parent} để mở tệp bằng chương trình khác hoặc chép đi.")


def open_path(path: Path, what: str, say, opener=None, name: str | None = None) -> bool:
    """Open `path` with the system's program; when it cannot, `say(sentence)` with where it is.
    `opener(QUrl) -> bool` is QDesktopServices.openUrl unless a test gives another."""
    opener = opener or QDesktopServices.openUrl
    if opener(QUrl.fromLocalFile(str(path))):
        return True
    say(cannot_open_sentence(Path(path), what, name))
    return False
