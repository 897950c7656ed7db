"""How an operation runs: one transaction, its rows logged, what changed handed back.

    with operation(store, "progress.set", "Ghi tiến độ TCTP 3.4.2", plan_id=1) as op:
        ensure_period_open(store.db, 1, "2026-Q1")   # the lock, inside the transaction
        progress.write(store.db, ...)                 # the store's own writer
    return op.result

Everything the block writes is in one transaction (all or nothing) and its rows are logged
(db/oplog.py), so undo and redo need nothing from the operation itself. What changed is read
back from the logged rows — never from what the operation says it did — so the window can
refresh exactly that (`OpChanges`), after the operation, an undo or a redo alike.

This is Anki's `CollectionOp`/`OpChanges` shape (qt/aqt/operations), without Qt: the window
and the command line both call these functions; nothing else writes the office's data.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator

from parcdesk.db import oplog
from parcdesk.db.connection import transaction
from parcdesk.db.history import now_iso
from parcdesk.db.store import Store
from parcdesk.ops.lock import check_effects

# Columns whose change is bookkeeping, not something the officer changed.
_QUIET_COLUMNS = frozenset({"search_fold", "updated_at"})
_STRUCTURE_COLUMNS = frozenset({"parent_id", "position", "level"})


@dataclass
class OpChanges:
    """What an operation (or its undo) changed, for the views to refresh only that."""

    items: set[int] = field(default_factory=set)                 # item rows (fields, agencies)
    structure: set[int] = field(default_factory=set)             # plans whose tree shape changed
    progress: set[tuple[int, str]] = field(default_factory=set)  # (item id, period)
    evidence: set[tuple[int, str]] = field(default_factory=set)  # (item id, period)
    plans: set[int] = field(default_factory=set)                 # plan rows (details, created, deleted)
    drafts: set[tuple[int, str]] = field(default_factory=set)    # (plan id, period) of report drafts
    signed: set[tuple[int, str]] = field(default_factory=set)    # (plan id, period) signed off
    agencies: bool = False
    settings: bool = False                                       # office settings and signers

    def __bool__(self) -> bool:
        return any((self.items, self.structure, self.progress, self.evidence, self.plans, self.drafts,
                    self.signed, self.agencies, self.settings))

    def periods(self) -> set[str]:
        return {period for _, period in self.progress | self.evidence} | {p for _, p in self.drafts | self.signed}

    def to_dict(self) -> dict:
        return {
            "items": sorted(self.items), "structure": sorted(self.structure),
            "progress": sorted([i, p] for i, p in self.progress),
            "evidence": sorted([i, p] for i, p in self.evidence),
            "plans": sorted(self.plans), "drafts": sorted([i, p] for i, p in self.drafts),
            "signed": sorted([i, p] for i, p in self.signed),
            "agencies": self.agencies, "settings": self.settings,
        }


@dataclass
class OpResult:
    """What an operation hands back: its log id (None when it changed nothing), its label, what
    changed, and the operation's own answer (a new item's id, the signed record…)."""

    op_id: int | None
    label: str
    changes: OpChanges
    value: Any = None


def changes_of_rows(db, rows: list[oplog.RowChange]) -> OpChanges:
    changes = OpChanges()
    item_plans: dict[int, int] = {}
    for row in rows:
        image = row.after or row.before or {}
        if row.table == "items":
            changes.items.add(image["id"])
            item_plans[image["id"]] = image["plan_id"]
            moved = row.kind != "u" or any(row.before[c] != row.after[c]  # type: ignore[index]
                                           for c in _STRUCTURE_COLUMNS)
            if moved:
                changes.structure.add(image["plan_id"])
        elif row.table in ("item_agencies", "item_year_targets"):
            changes.items.add(image["item_id"])
        elif row.table == "progress":
            changes.progress.add((image["item_id"], image["period"]))
        elif row.table == "evidence":
            changes.evidence.add((image["item_id"], image["period"]))
        elif row.table == "plans":
            changes.plans.add(image["id"])
        elif row.table == "report_drafts":
            changes.drafts.add((image["plan_id"], image["period"]))
        elif row.table == "signed_reports":
            changes.signed.add((image["plan_id"], image["period"]))
        elif row.table in ("agencies", "agency_aliases"):
            changes.agencies = True
        elif row.table in ("settings", "signers"):
            changes.settings = True
    # a change to an item's rows of progress or evidence does not change the tree's shape
    return changes


def significant(row: oplog.RowChange) -> bool:
    """False for an update that changed only bookkeeping columns (or nothing at all)."""
    if row.kind != "u" or row.before is None or row.after is None:
        return True
    return any(row.before[c] != row.after[c] for c in row.before if c not in _QUIET_COLUMNS)


class Operation:
    """The handle an operation's block receives: set `value`, or relabel once the target is known."""

    def __init__(self, store: Store, kind: str, label: str):
        self.store, self.kind, self.label = store, kind, label
        self.value: Any = None
        self._result: OpResult | None = None

    @property
    def result(self) -> OpResult:
        """Set when the operation's block has run and its transaction committed."""
        if self._result is None:
            raise RuntimeError("an operation's result is read only after its block")
        return self._result

    @property
    def db(self):
        return self.store.db


@contextmanager
def operation(store: Store, kind: str, label: str, *, plan_id: int | None = None, source: str = "",
              undoable: bool = True, merge_key: str | None = None,
              lock_exempt: bool = False) -> Iterator[Operation]:
    """Run the block as one logged operation (see the module's docstring).

    With `merge_key`, an operation that follows the last one done with the same key (typing in
    one field) joins it: one undo step takes back the whole run of typing. Every operation but
    sign-off and opening a correction (`lock_exempt`) is refused if its rows would change what a
    signed report shows (ops/lock.py)."""
    db = store.db
    oplog.install_capture(db)
    op = Operation(store, kind, label)
    with transaction(db):
        at = now_iso()
        last = oplog.last_done(db)
        joined = (merge_key is not None and last is not None and last.merge_key == merge_key
                  and oplog.first_undone(db) is None)
        if joined and last is not None:
            logged = last.id
        else:
            logged = oplog.start(db, kind=kind, label=label, plan_id=plan_id, at=at, source=source,
                                 undoable=undoable, merge_key=merge_key)
        oplog.capture_into(db, logged)
        try:
            yield op
        finally:
            oplog.capture_into(db, None)
        rows = [row for row in oplog.rows_of(db, logged) if significant(row)]
        if not lock_exempt:
            check_effects(db, rows)
        op_id: int | None = logged
        if joined:
            oplog.touch(db, logged, at, op.label)
        elif not rows:
            oplog.drop(db, logged)  # nothing changed: nothing to undo
            op_id = None
        else:
            oplog.set_label(db, logged, op.label)
            oplog.trim(db)
    op._result = OpResult(op_id=op_id, label=op.label, changes=changes_of_rows(db, rows), value=op.value)
