"""Progress per item and period: status, actual value, what was done, difficulties, proposals.

A period's record is its own row, or else the nearest earlier period's of the year, carried
(carry.py says why and what carries). `get_progress` and `progress_of_plan` read it so;
`own_progress` reads the row alone."""

from __future__ import annotations

import sqlite_utils

from parcdesk.db import history
from parcdesk.db.connection import transaction
from parcdesk.db.history import now_iso
from parcdesk.errors import UserError
from parcdesk.model import Progress
from parcdesk.parsing.numbers import parse_actual
from parcdesk.carry import carried_record
from parcdesk.periods import earlier_in_year, parse_period
from parcdesk.statuses import check_status
from parcdesk.text import clean, fold_for_search

UNSET = object()
_TEXTS = ("result", "difficulties", "proposals")


def _progress_from_row(row) -> Progress:
    return Progress(
        item_id=row["item_id"], period=row["period"], status=row["status"],
        actual_value=row["actual_value"], result=row["result"], difficulties=row["difficulties"],
        proposals=row["proposals"], updated_at=row["updated_at"], carried_from=row["carried_from"],
    )


def _chain(period: str) -> list[str]:
    """The period and the earlier ones of its year, the nearest first: where a record is looked for."""
    period_ = parse_period(period)
    return [period_.code] + [p.code for p in earlier_in_year(period_)]


def own_progress(db: sqlite_utils.Database, item_id: int, period: str) -> Progress | None:
    rows = list(db.query("SELECT * FROM progress WHERE item_id = ? AND period = ?", [item_id, period]))
    return _progress_from_row(rows[0]) if rows else None


def get_progress(db: sqlite_utils.Database, item_id: int, period: str) -> Progress:
    """The period's record of the item: its own, else carried from an earlier period, else empty."""
    chain = _chain(period)
    marks = ", ".join("?" * len(chain))
    rows = {row["period"]: row for row in db.query(
        f"SELECT p.*, i.target_unit FROM progress p JOIN items i ON i.id = p.item_id "
        f"WHERE p.item_id = ? AND p.period IN ({marks})", [item_id, *chain])}
    for code in chain:
        if code in rows:
            record = _progress_from_row(rows[code])
            return record if code == chain[0] else carried_record(record, rows[code]["target_unit"], chain[0])
    return Progress(item_id=item_id, period=chain[0])


def progress_of_plan(db: sqlite_utils.Database, plan_id: int, period: str) -> dict[int, Progress]:
    """item id → the period's record (own or carried); items with none anywhere are absent."""
    chain = _chain(period)
    rank = {code: index for index, code in enumerate(chain)}
    marks = ", ".join("?" * len(chain))
    found: dict[int, tuple[int, Progress]] = {}
    for row in db.query(
        f"SELECT p.*, i.target_unit FROM progress p JOIN items i ON i.id = p.item_id "
        f"WHERE i.plan_id = ? AND p.period IN ({marks})", [plan_id, *chain],
    ):
        index = rank[row["period"]]
        held = found.get(row["item_id"])
        if held is None or index < held[0]:
            record = _progress_from_row(row)
            found[row["item_id"]] = (index, record if index == 0 else carried_record(record, row["target_unit"], chain[0]))
    return {item_id: record for item_id, (_index, record) in found.items()}


def items_without_own_record(db: sqlite_utils.Database, item_ids: list[int], period: str) -> set[int]:
    """Of these items, those with no row of their own in the period (their record there is carried)."""
    marks = ", ".join("?" * len(item_ids))
    own = {row[0] for row in db.execute(
        f"SELECT item_id FROM progress WHERE period = ? AND item_id IN ({marks})", [period, *item_ids])}
    return set(item_ids) - own


def set_progress(
    db: sqlite_utils.Database,
    item_id: int,
    period: str,
    *,
    status=UNSET,
    actual_value=UNSET,
    result=UNSET,
    difficulties=UNSET,
    proposals=UNSET,
    source: str = "",
) -> Progress:
    """Record what is given, keep the rest; each change goes into the history."""
    period = parse_period(period).code
    item = db.execute("SELECT plan_id, target_unit FROM items WHERE id = ?", [item_id]).fetchone()
    if item is None:
        raise UserError(f"Không tìm thấy mục số {item_id}.")
    # the period lock is the operation's (ops/lock.py); read inside its transaction: no lost update
    old = get_progress(db, item_id, period)  # a carried record is the start of the period's own
    new = Progress(**{**old.__dict__})
    new.carried_from = None  # edited here: the period's own record from now on
    if status is not UNSET:
        new.status = check_status(status)
    if actual_value is not UNSET:
        new.actual_value = parse_number(actual_value, item[1])  # the range depends on the unit
    for key, value in (("result", result), ("difficulties", difficulties), ("proposals", proposals)):
        if value is not UNSET:
            setattr(new, key, clean(value))
    changed = [key for key in ("status", "actual_value", *_TEXTS) if getattr(old, key) != getattr(new, key)]
    if not changed:
        return old
    new.updated_at = now_iso()
    with transaction(db):
        _write(db, new)
        for key in changed:
            history.record(db, entity="progress", entity_id=item_id, field=f"{period}:{key}",
                           old=getattr(old, key), new=getattr(new, key), plan_id=item[0], source=source)
    return new


def _write(db: sqlite_utils.Database, new: Progress) -> None:
    """Inside the caller's transaction."""
    # explicit upsert: sqlite-utils' INSERT OR IGNORE would silently skip a NOT NULL column
    db.execute(
        """INSERT INTO progress (item_id, period, status, actual_value, result, difficulties,
                                 proposals, updated_at, search_fold, carried_from)
           VALUES (:item_id, :period, :status, :actual_value, :result, :difficulties,
                   :proposals, :updated_at, :search_fold, :carried_from)
           ON CONFLICT (item_id, period) DO UPDATE SET
               status = excluded.status, actual_value = excluded.actual_value,
               result = excluded.result, difficulties = excluded.difficulties,
               proposals = excluded.proposals, updated_at = excluded.updated_at,
               search_fold = excluded.search_fold, carried_from = excluded.carried_from""",
        {
            "item_id": new.item_id, "period": new.period, "status": new.status,
            "actual_value": new.actual_value, "result": new.result,
            "difficulties": new.difficulties, "proposals": new.proposals,
            "updated_at": new.updated_at,
            "search_fold": fold_for_search(" | ".join(getattr(new, key) for key in _TEXTS)),
            "carried_from": new.carried_from,
        },
    )


def carry_progress(db: sqlite_utils.Database, item_id: int, from_period: str, to_period: str,
                   source: str = "") -> Progress | None:
    """Write `from_period`'s record of the item (own or itself carried) into `to_period` as carried,
    replacing what `to_period` held; None when `from_period` has nothing to carry (carry.py)."""
    source_record = get_progress(db, item_id, from_period)
    if source_record.updated_at is None:  # nothing recorded there, nor before it
        return None
    origin = source_record.carried_from or from_period  # where the figures were typed
    unit = db.execute("SELECT target_unit FROM items WHERE id = ?", [item_id]).fetchone()[0]
    new = carried_record(Progress(**{**source_record.__dict__, "period": origin}), unit, to_period)
    new.updated_at = now_iso()
    old = own_progress(db, item_id, to_period)
    if old is not None and all(getattr(old, key) == getattr(new, key)
                               for key in ("status", "actual_value", *_TEXTS, "carried_from")):
        return old
    plan_id = db.execute("SELECT plan_id FROM items WHERE id = ?", [item_id]).fetchone()[0]
    with transaction(db):
        _write(db, new)
        history.record(db, entity="progress", entity_id=item_id, field=f"{to_period}:carried",
                       old=old.status if old else None, new=f"{origin}:{new.status}", plan_id=plan_id,
                       source=source)
    return new


def parse_number(value, unit: str | None = None) -> float | None:
    """97.5, "97,5", "97,5%" → a finite number in the unit's range; None or "" clears (parsing/numbers.py)."""
    return parse_actual(value, unit)
