"""Text fields that save themselves: after a pause in typing, and when the field is left.

There is no Save button in ParcDesk. A field emits `committed(text)` once the officer
stops typing for a moment or moves on; loading a value from the database does not.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

SAVE_PAUSE_MS = 700


class _AutoSave:
    def _setup_autosave(self) -> None:
        self._loading = False
        self._saved_text = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_PAUSE_MS)
        self._timer.timeout.connect(self.commit)

    def _edited(self) -> None:
        if not self._loading:
            self._timer.start()

    def load(self, text: str) -> None:
        """Show a stored value without treating it as an edit."""
        self._timer.stop()
        self._loading = True
        try:
            self._set(text or "")
        finally:
            self._loading = False
        self._saved_text = text or ""

    @property
    def has_unsaved_text(self) -> bool:
        return self._get() != self._saved_text

    def commit(self) -> None:
        self._timer.stop()
        text = self._get()
        if text != self._saved_text:
            self._saved_text = text  # the receiver resets it with mark_unsaved() if saving fails
            self.committed.emit(text)

    def sync(self, text: str) -> None:
        """The stored value changed (a save, an undo): show it, unless the officer is typing here."""
        if self.hasFocus() and self.has_unsaved_text:
            return
        if self._get() != (text or ""):
            self.load(text)
        else:
            self._saved_text = text or ""

    def mark_unsaved(self) -> None:
        """Saving failed: keep the typed text and try again at the next pause."""
        self._saved_text = None


class AutoSaveText(QPlainTextEdit, _AutoSave):
    committed = Signal(str)

    def __init__(self, parent=None, placeholder: str = ""):
        super().__init__(parent)
        self._setup_autosave()
        self.setTabChangesFocus(True)
        self.setPlaceholderText(placeholder)
        self.textChanged.connect(self._edited)

    def _get(self) -> str:
        return self.toPlainText()

    def _set(self, text: str) -> None:
        self.setPlainText(text)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        self.commit()
        super().focusOutEvent(event)


class AutoSaveLine(QLineEdit, _AutoSave):
    committed = Signal(str)

    def __init__(self, parent=None, placeholder: str = ""):
        super().__init__(parent)
        self._setup_autosave()
        self.setPlaceholderText(placeholder)
        self.textEdited.connect(lambda _text: self._edited())
        self.editingFinished.connect(self.commit)

    def _get(self) -> str:
        return self.text()

    def _set(self, text: str) -> None:
        self.setText(text)


class AutoSaveForm:
    """Mixed into a panel whose self-saving fields `text_fields` lists."""

    text_fields: tuple

    def save_failed(self) -> None:
        """Saving failed: every field keeps what was typed and tries again at the next pause."""
        for field in self.text_fields:
            field.mark_unsaved()

    def flush(self) -> None:
        """Save what is being typed now (before switching item or period, or closing)."""
        for field in self.text_fields:
            field.commit()
