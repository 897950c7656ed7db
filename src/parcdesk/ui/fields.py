"""Text fields that save themselves: after a pause in typing, and when the field is left.

There is no Save button in ParcDesk. A field emits `committed(text)` once the officer
stops typing for a moment or moves on; loading a value from the database does not.

Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z) in a field: while the field has typing of its own to take
back (its own undo stack has a step), the keys go to the field — Qt's undo, whose result the
autosave then saves like any typing (one merged step in the data file's log); when it has none,
the keys fall through to the window's undo, the data file's log. Loading a stored value clears
the field's stack, so a field's undo never reaches past what the log holds, and whatever it
takes back its redo brings back.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

SAVE_PAUSE_MS = 700


def _undo_key(event) -> str | None:
    """"undo", "redo" or None for a key event, on every platform's bindings (Ctrl+Y included)."""
    if event.matches(QKeySequence.StandardKey.Undo):
        return "undo"
    if event.matches(QKeySequence.StandardKey.Redo):
        return "redo"
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if mods == Qt.KeyboardModifier.ControlModifier and event.key() == Qt.Key.Key_Y:
        return "redo"
    if mods == (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier) \
            and event.key() == Qt.Key.Key_Z:
        return "redo"
    return None


def own_undo_available(widget, kind: str) -> bool:
    """Whether a text widget has a step of its own to undo (kind "undo") or redo ("redo")."""
    if isinstance(widget, QLineEdit):
        if widget.isReadOnly():
            return False
        return widget.isUndoAvailable() if kind == "undo" else widget.isRedoAvailable()
    if isinstance(widget, QPlainTextEdit):
        if widget.isReadOnly():
            return False
        document = widget.document()
        return document.isUndoAvailable() if kind == "undo" else document.isRedoAvailable()
    return False


class UndoKeys(QObject):
    """Routes Ctrl+Z / Ctrl+Y of one text widget: to the widget while it has steps of its own,
    else to the window's shortcut (the program's undo). Installed on every self-saving field;
    `route_undo_keys(widget)` puts it on any other text box of the main window."""

    def eventFilter(self, widget, event) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        which = _undo_key(event)
        if which is None:
            return False
        available = own_undo_available(widget, which)
        if kind == QEvent.Type.ShortcutOverride:
            if available:
                event.accept()  # the widget takes the key press
            else:
                event.ignore()  # the window's Ctrl+Z / Ctrl+Y shortcut fires
            return True
        if available:  # done here: Qt's X11 bindings give a field no Ctrl+Y of its own
            widget.undo() if which == "undo" else widget.redo()
        return True


def route_undo_keys(widget):
    widget.installEventFilter(UndoKeys(widget))
    return widget


class _AutoSave:
    def _setup_autosave(self) -> None:
        self._loading = False
        self._saved_text = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_PAUSE_MS)
        self._timer.timeout.connect(self.commit)
        route_undo_keys(self)

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
