"""Saves the data file could not take yet: kept in memory and in a small recovery file, tried again.

House rule: nothing the officer typed is ever lost. When the environment stops a save (a locked,
full or read-only data file, an I/O error: `StoreError`), the window keeps (target, field, text)
here. Moving to another item, period or plan drops the text from the field, never from here; the
window tries them again every few seconds and after any operation that succeeds, until the data
file takes them. Each change to the list is written at once to a recovery file, so a crash or a
closed window keeps them for the next start, which offers to apply them.

Where the recovery file goes: the window's settings folder first (the user's profile: the
data file may sit on a share, a USB stick or another disk that is full or read-only, while the
window writes its own settings there anyway), else the data file's folder, else the system's
temporary folder. One file per data file (named by a digest of its path), written atomically
(a temporary file, flushed to disk, renamed over the old one), so it is whole or the previous one.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

RETRY_MS = 5000  # how often the window tries again while saves wait
FILE_VERSION = 1

FIELD_LABELS = {
    "actual_value": "Giá trị thực tế", "result": "Kết quả thực hiện", "difficulties": "Khó khăn, vướng mắc",
    "proposals": "Đề xuất, kiến nghị", "code": "Số hiệu", "title": "Tên mục", "target_text": "Mục tiêu",
    "timeframe_text": "Thời gian", "output": "Sản phẩm", "notes": "Ghi chú", "number": "Số báo cáo",
    "report_date": "Ngày báo cáo", "addressee": "Kính gửi", "recipients": "Nơi nhận",
    "results": "Kết quả đạt được", "shortcomings": "Tồn tại, hạn chế và nguyên nhân",
    "next_tasks": "Nhiệm vụ trọng tâm kỳ tới",
}


@dataclass
class PendingSave:
    """One field's text the data file does not hold yet. `kind`: progress (target: item id, period
    code), item (item id,) or draft (plan id, period code); `where`: what the officer calls the
    target ("TCTP 3.4.2 … – Quý I 2025"), said in the lists; `held`: recovered at a start and not
    yet to be applied (the officer said "later")."""

    kind: str
    target: tuple
    field: str
    value: str | list
    where: str
    held: bool = False

    @property
    def key(self) -> tuple:
        return self.kind, self.target, self.field

    @property
    def field_label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)

    @property
    def text(self) -> str:
        """The value as the field shows it."""
        return "\n".join(self.value) if isinstance(self.value, list) else self.value


def keepable(value) -> bool:
    """A typed value the recovery file can hold (text, or lines of text)."""
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def recovery_name(data_path: Path) -> str:
    digest = hashlib.sha1(str(Path(data_path).resolve()).encode("utf-8")).hexdigest()[:12]
    return f"chua-luu-{digest}.json"


def recovery_folders(settings_folder: Path, data_path: Path) -> list[Path]:
    """Where the recovery file may be written, most likely writable first (see the module's text)."""
    folders = [Path(settings_folder), Path(data_path).resolve().parent, Path(tempfile.gettempdir()) / "parcdesk"]
    return list(dict.fromkeys(folders))


class PendingSaves(QObject):
    """The window's list of saves waiting for the data file. `changed()` after every change."""

    changed = Signal()

    def __init__(self, folders: list[Path], data_path: Path, parent=None):
        super().__init__(parent)
        self.folders = folders
        self.data_path = Path(data_path)
        self.name = recovery_name(self.data_path)
        self._entries: dict[tuple, PendingSave] = {}
        self.written_to: Path | None = None  # the recovery file holding the list; None: memory only
        self.write_failed = False
        for entry in self._read():  # what an earlier session could not save: held until the officer says
            entry.held = True
            self._entries[entry.key] = entry

    # ------------------------------------------------------------ the list

    def entries(self) -> list[PendingSave]:
        return list(self._entries.values())

    def waiting(self) -> list[PendingSave]:
        """The ones to try again (not held from an earlier session)."""
        return [e for e in self._entries.values() if not e.held]

    def held(self) -> list[PendingSave]:
        return [e for e in self._entries.values() if e.held]

    def __len__(self) -> int:
        return len(self._entries)

    def for_target(self, kind: str, target: tuple) -> list[PendingSave]:
        return [e for e in self._entries.values() if e.kind == kind and e.target == target]

    def keep(self, entry: PendingSave) -> None:
        """A save failed for the environment: keep it (a newer text of the same field replaces the older)."""
        self._entries[entry.key] = entry
        self._changed()

    def settle(self, kind: str, target: tuple, fields) -> None:
        """The data file now holds these fields of this target: nothing of them waits any more."""
        gone = [key for key in ((kind, target, f) for f in fields) if key in self._entries]
        for key in gone:
            del self._entries[key]
        if gone:
            self._changed()

    def drop(self, entry: PendingSave) -> None:
        if self._entries.pop(entry.key, None) is not None:
            self._changed()

    def release(self) -> None:
        """The officer asked to apply the held ones: they are tried like any other."""
        for entry in self._entries.values():
            entry.held = False
        self.changed.emit()

    def clear(self) -> None:
        self._entries.clear()
        self._changed()

    def _changed(self) -> None:
        self._write()
        self.changed.emit()

    # ------------------------------------------------------------ the recovery file

    def _write(self) -> None:
        """The list to the first folder that takes it, atomically; copies elsewhere removed (a
        stale copy would be offered again at the next start). An empty list leaves no file."""
        if not self._entries:
            self._remove_all()
            self.written_to, self.write_failed = None, False
            return
        payload = json.dumps({"version": FILE_VERSION, "data_file": str(self.data_path.resolve()),
                              "saves": [dict(asdict(e), target=list(e.target)) for e in self._entries.values()]},
                             ensure_ascii=False, indent=1)
        for folder in self.folders:
            if _write_atomically(folder / self.name, payload):
                self._remove_all(but=folder)
                self.written_to, self.write_failed = folder / self.name, False
                return
        self.written_to, self.write_failed = None, True  # kept in memory only; the window says so

    def _remove_all(self, but: Path | None = None) -> None:
        for folder in self.folders:
            if folder != but:
                try:
                    (folder / self.name).unlink(missing_ok=True)
                except OSError:
                    pass  # a read-only folder keeps its copy; it is read and offered again, harmless

    def _read(self) -> list[PendingSave]:
        """The newest recovery file of this data file, if any (an unreadable one is left alone)."""
        found = [folder / self.name for folder in self.folders if (folder / self.name).is_file()]
        for path in sorted(found, key=lambda p: p.stat().st_mtime, reverse=True):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("data_file") != str(self.data_path.resolve()):
                    continue
                return [PendingSave(s["kind"], tuple(s["target"]), s["field"], s["value"], s["where"])
                        for s in data["saves"] if keepable(s["value"])]
            except (OSError, ValueError, KeyError, TypeError):
                continue
        return []


def _write_atomically(path: Path, text: str) -> bool:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return True
    except OSError:
        return False


# ------------------------------------------------------------ what the officer sees

def status_text(keeper: PendingSaves) -> str:
    """The status bar's line while saves wait ("" when none)."""
    waiting, held = len(keeper.waiting()), len(keeper.held())
    parts = []
    if waiting:
        parts.append(f"{waiting} thay đổi chưa lưu được — sẽ thử lại")
    if held:
        parts.append(f"{held} thay đổi từ lần trước chưa lưu vào tệp dữ liệu")
    if parts and keeper.write_failed:
        parts.append("chỉ còn giữ trong bộ nhớ: đừng đóng cửa sổ")
    return "; ".join(parts)


class PendingSavesDialog(QDialog):
    """The waiting saves in a table (item, field, text) and the officer's choices as buttons;
    `choice` is the key of the button pressed (None: closed)."""

    def __init__(self, parent: QWidget | None, text: str, entries: list[PendingSave], choices: dict[str, str]):
        super().__init__(parent)
        self.setWindowTitle("Thay đổi chưa lưu được")
        self.choice: str | None = None
        self.message = QLabel(text)
        self.message.setWordWrap(True)
        self.table = QTableWidget(len(entries), 3)
        self.table.setHorizontalHeaderLabels(["Mục", "Ô", "Nội dung đã gõ"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, entry in enumerate(entries):
            for column, value in enumerate((entry.where, entry.field_label, entry.text)):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)
                self.table.setItem(row, column, cell)
        self.table.setColumnWidth(0, 260)
        self.table.resizeColumnToContents(1)
        buttons = QDialogButtonBox()
        for key, label in choices.items():
            button = QPushButton(label)
            button.clicked.connect(lambda _checked=False, key=key: self._choose(key))
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 360)

    def _choose(self, key: str) -> None:
        self.choice = key
        self.accept()


def choose(parent: QWidget | None, text: str, entries: list[PendingSave], choices: dict[str, str]) -> str | None:
    """Show the list and the choices; the key chosen, None if the dialog was closed. (Tests replace this.)"""
    dialog = PendingSavesDialog(parent, text, entries, choices)
    dialog.exec()
    return dialog.choice


CLOSE_CHOICES = {"retry": "Thử lưu lại ngay", "keep": "Giữ lại cho lần mở sau", "discard": "Bỏ các thay đổi này"}
START_CHOICES = {"apply": "Lưu vào tệp dữ liệu", "later": "Để lần sau", "discard": "Bỏ các thay đổi này"}
LIST_CHOICES = {"retry": "Thử lưu lại ngay", "close": "Đóng"}


def close_question(keeper: PendingSaves) -> str:
    count = len(keeper)
    text = f"Còn {count} thay đổi chưa lưu được vào tệp dữ liệu {keeper.data_path}."
    if keeper.written_to is not None:
        text += f" Chúng đang được giữ trong tệp {keeper.written_to}; lần mở sau sẽ hỏi có lưu vào không."
    else:
        text += " Không ghi được tệp giữ tạm nào: nếu đóng, các thay đổi này sẽ mất."
    return text


def start_question(keeper: PendingSaves) -> str:
    return (f"Lần làm việc trước còn {len(keeper.held())} thay đổi chưa lưu được vào tệp dữ liệu "
            f"{keeper.data_path}. Lưu các thay đổi này vào tệp dữ liệu bây giờ?")
