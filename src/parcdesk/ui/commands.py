"""Every change the window makes is a command on the undo stack (Ctrl+Z / Ctrl+Y).

A command is carried out once before it is pushed (`apply`), so an error — a locked
file, a signed-off period — reaches the officer before anything enters the stack; the
stack's first `redo()` then does nothing. Each command tells the window what changed so
that only that is refreshed.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand

from parcdesk.db import items as item_ops
from parcdesk.db.progress import get_progress, set_progress
from parcdesk.db.store import Store
from parcdesk.errors import UserError
from parcdesk.model import ItemDraft

SOURCE = "ui"
_PROGRESS_FIELDS = ("status", "actual_value", "result", "difficulties", "proposals")


class PlanContext(Protocol):
    store: Store

    def item_edited(self, item_id: int) -> None: ...
    def structure_changed(self, select_id: int | None) -> None: ...
    def progress_changed(self, item_id: int, period: str) -> None: ...
    def show_error(self, error: UserError) -> None: ...


class AppliedCommand(QUndoCommand):
    """A change carried out once by `apply()` before it is pushed; then undone and redone."""

    def __init__(self, context, text: str):
        super().__init__(text)
        self.context = context
        self._applied_once = False

    def apply(self) -> None:
        """Carry out the change for the first time; raises UserError before it is pushed."""
        self.do()
        self._applied_once = True

    def redo(self) -> None:
        if self._applied_once:
            self._applied_once = False
            return
        self._guarded(self.do)

    def undo(self) -> None:
        self._guarded(self.undo_it)

    def _guarded(self, action) -> None:
        try:
            action()
        except UserError as error:
            self.setObsolete(True)
            self.report_error(error)
        self.after_undo_or_redo()

    def report_error(self, error: UserError) -> None:
        self.context.show_error(error)

    def after_undo_or_redo(self) -> None:
        """Refresh what the context shows beyond what do()/undo_it() refresh themselves."""

    def do(self) -> None:
        raise NotImplementedError

    def undo_it(self) -> None:
        raise NotImplementedError


class EditItemCommand(AppliedCommand):
    """Change fields of one item; consecutive edits of the same field of the same item merge."""

    MERGE_ID = 1001

    def __init__(self, context: PlanContext, item_id: int, old: dict, new: dict, text: str = "Sửa mục"):
        super().__init__(context, text)
        self.item_id, self.old, self.new = item_id, old, new

    def do(self) -> None:
        item_ops.update_item(self.context.store.db, self.item_id, source=SOURCE, **self.new)
        self.context.item_edited(self.item_id)

    def undo_it(self) -> None:
        item_ops.update_item(self.context.store.db, self.item_id, source=SOURCE, **self.old)
        self.context.item_edited(self.item_id)

    def id(self) -> int:  # noqa: A003 (Qt's name)
        return self.MERGE_ID

    def mergeWith(self, other) -> bool:  # noqa: N802
        if not isinstance(other, EditItemCommand) or other.item_id != self.item_id:
            return False
        if set(other.new) != set(self.new):
            return False
        self.new = other.new
        return True


class ProgressCommand(AppliedCommand):
    """Record progress of an item in a period; typing in one field merges into one undo step."""

    MERGE_ID = 1002

    def __init__(self, context: PlanContext, item_id: int, period: str, new: dict, text: str = "Ghi tiến độ"):
        super().__init__(context, text)
        self.item_id, self.period, self.new = item_id, period, new
        current = get_progress(context.store.db, item_id, period)
        self.old = {key: getattr(current, key) for key in new}

    def do(self) -> None:
        set_progress(self.context.store.db, self.item_id, self.period, source=SOURCE, **self.new)
        self.context.progress_changed(self.item_id, self.period)

    def undo_it(self) -> None:
        set_progress(self.context.store.db, self.item_id, self.period, source=SOURCE, **self.old)
        self.context.progress_changed(self.item_id, self.period)

    def id(self) -> int:  # noqa: A003
        return self.MERGE_ID

    def mergeWith(self, other) -> bool:  # noqa: N802
        if not isinstance(other, ProgressCommand):
            return False
        if (other.item_id, other.period, set(other.new)) != (self.item_id, self.period, set(self.new)):
            return False
        # text typed in one field merges; a status or value change stays its own step
        if set(self.new) & {"status", "actual_value"}:
            return False
        self.new = other.new
        return True


class AddItemCommand(AppliedCommand):
    def __init__(self, context: PlanContext, plan_id: int, draft: ItemDraft, parent_id: int | None,
                 position: int | None, text: str = "Thêm mục"):
        super().__init__(context, text)
        self.plan_id, self.draft, self.parent_id, self.position = plan_id, draft, parent_id, position
        self.item_id: int | None = None
        self.snapshot: dict | None = None

    def do(self) -> None:
        db = self.context.store.db
        if self.snapshot is None:
            self.item_id = item_ops.add_item(db, self.plan_id, self.draft, self.parent_id, self.position,
                                             source=SOURCE)
        else:
            item_ops.restore_subtree(db, self.snapshot, source=SOURCE)  # same id as the first time
        self.context.structure_changed(self.item_id)

    def undo_it(self) -> None:
        self.snapshot = item_ops.delete_item(self.context.store.db, self.item_id, source=SOURCE)
        self.context.structure_changed(self.parent_id)


class DeleteItemCommand(AppliedCommand):
    def __init__(self, context: PlanContext, item_id: int, text: str = "Xóa mục"):
        super().__init__(context, text)
        self.item_id = item_id
        self.snapshot: dict | None = None

    def do(self) -> None:
        self.snapshot = item_ops.delete_item(self.context.store.db, self.item_id, source=SOURCE)
        self.context.structure_changed(self.snapshot["parent_id"])

    def undo_it(self) -> None:
        item_ops.restore_subtree(self.context.store.db, self.snapshot, source=SOURCE)
        self.context.structure_changed(self.item_id)


class MoveItemCommand(AppliedCommand):
    """Indent, outdent, up, down: all are a move to (parent, position), undone by moving back."""

    def __init__(self, context: PlanContext, item_id: int, new_parent_id: int | None, new_position: int,
                 text: str = "Di chuyển mục"):
        super().__init__(context, text)
        item = item_ops.get_item(context.store.db, item_id)
        self.item_id = item_id
        self.old = (item.parent_id, item.position)
        self.new = (new_parent_id, new_position)

    def do(self) -> None:
        item_ops.move_item(self.context.store.db, self.item_id, *self.new, source=SOURCE)
        self.context.structure_changed(self.item_id)

    def undo_it(self) -> None:
        item_ops.move_item(self.context.store.db, self.item_id, *self.old, source=SOURCE)
        self.context.structure_changed(self.item_id)


class DraftCommand(AppliedCommand):
    """The office's own texts of a report (sections, number, date, signer, recipients)."""

    MERGE_ID = 1003

    def __init__(self, context, plan_id: int, period: str, new: dict, text: str = "Sửa báo cáo"):
        from parcdesk.report.drafts import get_draft

        super().__init__(context, text)
        self.plan_id, self.period, self.new = plan_id, period, new
        current = get_draft(context.store.db, plan_id, period)
        self.old = {key: getattr(current, key) for key in new}

    def _save(self, values: dict) -> None:
        from parcdesk.report.drafts import save_draft

        # None means "unchanged" to save_draft; an emptied field is saved as ""
        save_draft(self.context.store.db, self.plan_id, self.period, source=SOURCE,
                   **{k: ("" if v is None and k != "signer_id" else v) for k, v in values.items()})
        self.context.draft_changed(self.plan_id, self.period)

    def do(self) -> None:
        self._save(self.new)

    def undo_it(self) -> None:
        self._save(self.old)

    def id(self) -> int:  # noqa: A003
        return self.MERGE_ID

    def mergeWith(self, other) -> bool:  # noqa: N802
        if not isinstance(other, DraftCommand):
            return False
        if (other.plan_id, other.period, set(other.new)) != (self.plan_id, self.period, set(self.new)):
            return False
        self.new = other.new
        return True
