"""The window's one way to change data: run an operation of the core (parcdesk.ops), show a
refusal as the officer's sentence, and tell the views what changed.

There is no undo stack in the window: undo and redo live in the data file's operation log
(ops/undo.py), so Ctrl+Z takes back the last operation whoever did it (this window, the
command line, a session before the file was last closed). The Edit menu's actions show the
log's next step ("Hoàn tác: Ghi tiến độ TCTP 3.4.2") and are refreshed after every change
and whenever the menu opens (another process may have written the log meanwhile).
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction

from parcdesk.db.store import Store
from parcdesk.errors import UserError
from parcdesk.ops import undo as undo_ops
from parcdesk.ops.base import OpChanges, OpResult

SOURCE = "ui"
UNDO_TEXT, REDO_TEXT = "Hoàn tác", "Làm lại"


class OpRunner(QObject):
    """Runs operations for the window. `changed(OpChanges)` after every operation, undo or redo
    that changed something; refusals go to `show_error(UserError)`."""

    changed = Signal(object)  # OpChanges
    stepped = Signal(object)  # the OpResult of an undo or a redo, after `changed`

    def __init__(self, store: Store, show_error: Callable[[UserError], None], parent=None):
        super().__init__(parent)
        self.store = store
        self.show_error = show_error
        self.undo_action: QAction | None = None
        self.redo_action: QAction | None = None

    def run(self, operation: Callable[..., OpResult], *args, on_error: Callable[[UserError], None] | None = None,
            **kwargs) -> OpResult | None:
        """`operation(store, *args, source="ui", **kwargs)`; None when it was refused (the refusal
        shown by `on_error`, a dialog's own way, or else the window's)."""
        try:
            result = operation(self.store, *args, source=SOURCE, **kwargs)
        except UserError as error:
            (on_error or self.show_error)(error)
            self.refresh_actions()
            return None
        self._done(result)
        return result

    def run_in_worker(self, parent, title: str, label: str, operation: Callable[..., OpResult], *args,
                      **kwargs) -> OpResult | None:
        """The same, for an operation that works for seconds (a sign-off renders its PDF and Excel):
        it runs in a worker thread on that thread's own connection to the same file (SQLite
        connections belong to one thread each), behind a progress dialog."""
        from parcdesk.db.store import open_store
        from parcdesk.ui.worker import run_with_progress

        path = self.store.path
        if str(path) == ":memory:":  # a test's throwaway store has no file to open again
            return self.run(operation, *args, **kwargs)

        def job(_report, _is_cancelled):
            with open_store(path) as own_store:
                return operation(own_store, *args, source=SOURCE, **kwargs)

        try:
            result = run_with_progress(parent, title, label, job, cancellable=False)
        except UserError as error:
            self.show_error(error)
            self.refresh_actions()
            return None
        self._done(result)
        return result

    def undo(self) -> OpResult | None:
        return self._step(undo_ops.undo)

    def redo(self) -> OpResult | None:
        return self._step(undo_ops.redo)

    def _step(self, step) -> OpResult | None:
        try:
            result = step(self.store, source=SOURCE)
        except UserError as error:
            self.show_error(error)
            self.refresh_actions()
            return None
        self._done(result)
        self.stepped.emit(result)
        return result

    def _done(self, result: OpResult) -> None:
        self.refresh_actions()
        if result.changes:
            self.changed.emit(result.changes)

    # ------------------------------------------------------------ the Edit menu's actions

    def bind_actions(self, undo_action: QAction, redo_action: QAction) -> None:
        self.undo_action, self.redo_action = undo_action, redo_action
        self.refresh_actions()

    def refresh_actions(self) -> None:
        if self.undo_action is None:
            return
        try:
            last, following = undo_ops.peek_undo(self.store), undo_ops.peek_redo(self.store)
        except UserError:  # the file cannot be read just now: the actions say nothing
            last = following = None
        _show(self.undo_action, UNDO_TEXT, last.label if last else None)
        _show(self.redo_action, REDO_TEXT, following.label if following else None)


# The Edit menu is as wide as its widest item: an operation named after a plan's whole title
# ("Tạo kế hoạch “…”") would make it wider than the screen, its shortcuts cut at the edge.
MENU_LABEL_CHARS = 60


def menu_label(label: str, limit: int = MENU_LABEL_CHARS) -> str:
    """`label` for a menu item: whole if short, else cut at a word and ended with "…"."""
    if len(label) <= limit:
        return label
    cut = label[:limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-“")
    return cut + "…"


def _show(action: QAction, verb: str, label: str | None) -> None:
    shown = menu_label(label).replace("&", "&&") if label else None  # "&" would be a mnemonic
    action.setText(f"{verb}: {shown}" if shown else verb)
    action.setStatusTip(f"{verb}: {label}" if label else "")  # the whole name, in the status bar
    action.setEnabled(label is not None)


__all__ = ["OpChanges", "OpResult", "OpRunner", "SOURCE"]
