"""Text fields that save themselves: after a pause in typing, and when the field is left.

There is no Save button in ParcDesk. A field emits `committed(text)` once the officer
stops typing for a moment or moves on; loading a value from the database does not.

Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z) in a field: while the field has typing of its own to take
back (its own undo stack has a step), the keys go to the field — Qt's undo, whose result the
autosave then saves like any typing (one merged step in the data file's log); when it has none,
the keys fall through to the window's undo, the data file's log. Each pause that saves is a
step of the field's own: Qt merges unbroken typing into one step, so without that Ctrl+Z after
"A", a pause and " B" would take back both. Loading a value that came from elsewhere (another
item, an undo, another process) clears the field's stack, so a field's undo never reaches past
what the log holds, and whatever it takes back its redo brings back; the field's own save
coming back (the same text for the same target) leaves the stack alone.

A save belongs to what it was typed for: the field asks its form for the target (an item, an
item's period, a report) when the typing starts, and `committed(text, target)` carries it, so a
save flushed while the window moves to another item or period still goes where it was typed.
A refused save (`AutoSaveForm.save_failed`): the value can never be saved there (a signed
period), so the field shows again what the file holds; an environment error (a locked or full
disk) keeps the text, marked unsaved, and tries again at the next pause.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from parcdesk.db.connection import StoreError
from parcdesk.errors import UserError

SAVE_PAUSE_MS = 700
UNSAVED_BACKGROUND = "#fdecea"  # a field whose text the file does not hold yet
UNSAVED_TIP = "Chưa lưu được: nội dung vẫn giữ ở đây và sẽ được lưu lại khi ngừng gõ hoặc rời ô."


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
    committing: "_AutoSave | None" = None  # the field whose save is being run just now

    def _setup_autosave(self) -> None:
        self._loading = False
        self._saved_text: str | None = ""  # what was last sent to be saved (None: send again)
        self._stored_text = ""  # what the file holds for the shown target
        self._target: object = None  # what the typing being done belongs to
        self._loaded_for: object = None  # the target the shown text was loaded or typed for
        self.target_of = lambda: None  # the form's shown target, asked when typing starts
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_PAUSE_MS)
        self._timer.timeout.connect(self.commit)
        self._normal_palette = QPalette(self.palette())
        self._normal_tip = ""
        self.unsaved = False  # marked on screen: the file does not hold this text
        route_undo_keys(self)

    def _mark(self, unsaved: bool) -> None:
        """Say on the field itself that its text is not saved (a tinted box and a tooltip)."""
        if unsaved == self.unsaved:
            return
        self.unsaved = unsaved
        if unsaved:
            self._normal_tip = self.toolTip()
            palette = QPalette(self._normal_palette)
            palette.setColor(QPalette.ColorRole.Base, QColor(UNSAVED_BACKGROUND))
            self.setPalette(palette)
            self.setToolTip(UNSAVED_TIP)
        else:
            self.setPalette(self._normal_palette)
            self.setToolTip(self._normal_tip)

    def _edited(self) -> None:
        if not self._loading:
            if self._target is None:  # the typing starts: it belongs to what is shown now
                self._target = self.target_of()
            self._timer.start()

    def load(self, text: str) -> None:
        """Show a stored value without treating it as an edit. The field's own save of the same
        target coming back (it shows that text, saved) keeps the field's undo steps."""
        self._timer.stop()
        text = text or ""
        target = self.target_of()
        if target is not None and target == self._loaded_for and self._get() == text == self._saved_text:
            self._stored_text = text
            self._target = None
            self._mark(False)
            return
        self._loaded_for = target
        self._loading = True
        try:
            self._set(text or "")
        finally:
            self._loading = False
        self._saved_text = self._stored_text = text or ""
        self._target = None
        self._mark(False)

    @property
    def has_unsaved_text(self) -> bool:
        return self._get() != self._saved_text

    def commit(self) -> None:
        self._timer.stop()
        text = self._get()
        if text != self._saved_text:
            self._saved_text = text  # the form resets it with save_failed() if saving fails
            target = self._target if self._target is not None else self.target_of()
            self._loaded_for = target
            self._end_undo_step()  # the next typing is a step of its own (Ctrl+Z takes back only it)
            _AutoSave.committing = self
            try:
                self.committed.emit(text, target)
            finally:
                _AutoSave.committing = None

    def sync(self, text: str) -> None:
        """The stored value changed (a save, an undo): show it, unless the officer is typing here."""
        if self._get() == (text or ""):  # the file holds what the field shows: saved (a retry's write too)
            self._saved_text = self._stored_text = text or ""
            self._mark(False)
        elif self.hasFocus() and self.has_unsaved_text:
            self._stored_text = text or ""
        else:
            self.load(text)

    def mark_unsaved(self) -> None:
        """Saving failed: keep the typed text, marked unsaved, and try again at the next pause."""
        self._saved_text = None
        self._mark(True)

    def keep_pending(self, text: str, target: object) -> None:
        """Show a text typed earlier for `target` that the file does not hold yet (the window's
        pending saves): on the field, marked unsaved, its next save going to `target` again."""
        self._timer.stop()
        self._loading = True
        try:
            self._set(text)
        finally:
            self._loading = False
        self._target = target
        self.mark_unsaved()

    def revert(self) -> None:
        """The save was refused for good: show again what the file holds."""
        self.load(self._stored_text)


class AutoSaveText(QPlainTextEdit, _AutoSave):
    committed = Signal(str, object)  # the text, its target

    def __init__(self, parent=None, placeholder: str = ""):
        super().__init__(parent)
        self._setup_autosave()
        self.setTabChangesFocus(True)
        self.setPlaceholderText(placeholder)
        self.textChanged.connect(self._edited)

    def _get(self) -> str:
        return self.toPlainText()

    def _end_undo_step(self) -> None:
        # QTextDocument merges a typed insertion into the last step only while the document is
        # "modified": clearing the flag closes the step
        self.document().setModified(False)

    def _set(self, text: str) -> None:
        self.setPlainText(text)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        self.commit()
        super().focusOutEvent(event)


class AutoSaveLine(QLineEdit, _AutoSave):
    committed = Signal(str, object)  # the text, its target

    def __init__(self, parent=None, placeholder: str = ""):
        super().__init__(parent)
        self._setup_autosave()
        self.setPlaceholderText(placeholder)
        self.textEdited.connect(lambda _text: self._edited())
        self.editingFinished.connect(self.commit)

    def _get(self) -> str:
        return self.text()

    def _end_undo_step(self) -> None:
        # QLineEdit's undo goes back to the last separator, which only a cursor move puts in its
        # history: step the cursor off and back (no move possible: nothing typed to separate)
        if self.hasSelectedText() or not self.text():
            return
        position = self.cursorPosition()
        step_off, step_back = (self.cursorBackward, self.cursorForward) if position else \
            (self.cursorForward, self.cursorBackward)
        step_off(False, 1)
        step_back(False, 1)

    def _set(self, text: str) -> None:
        self.setText(text)


class AutoSaveForm:
    """Mixed into a panel whose self-saving fields `text_fields` lists; `save_target()` says what
    the panel shows (the fields ask it when typing starts, never when the save is flushed)."""

    text_fields: tuple
    named_fields: dict  # the operation's field name → the field typing it (the window's pending saves)

    def save_target(self) -> object:
        raise NotImplementedError

    def revert_choices(self) -> None:
        """A refused choice (a list, a picker): show again what the file holds. Each form its own."""

    def bind_targets(self) -> None:
        for field in self.text_fields:
            field.target_of = self.save_target

    def save_failed(self, error: UserError | None = None) -> None:
        """A save was not done. Refused (a signed period, a rule of the core): the field being
        saved shows again what the file holds, as that value can never be saved there. The
        environment stopped it (`StoreError`, or no error known): the field keeps what was typed
        and tries again at the next pause. Only the field being saved is touched, so no other
        field sends its text again (the same refusal said once per field that was edited)."""
        field = _AutoSave.committing
        if field not in self.text_fields:  # a choice was not saved: there is no typing to keep
            self.revert_choices()
        elif error is None or isinstance(error, StoreError):
            field.mark_unsaved()
        else:
            field.revert()

    def committing_field_name(self) -> str | None:
        """The operation's name of the field whose save is being run now (None: a choice)."""
        field = _AutoSave.committing
        return next((name for name, f in self.named_fields.items() if f is field), None)

    def flush(self) -> None:
        """Save what is being typed now (before switching item or period, or closing)."""
        for field in self.text_fields:
            field.commit()
