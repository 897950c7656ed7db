"""Progress per item and period: status, actual value, what was done, difficulties, proposals."""

from __future__ import annotations

import sqlite_utils

from parcdesk.db import history
from parcdesk.db.connection import transaction
from parcdesk.db.history import now_iso
from parcdesk.errors import UserError
from parcdesk.model import Progress
from parcdesk.parsing.numbers import parse_actual
from parcdesk.periods import parse_period
from parcdesk.statuses import check_status
from parcdesk.text import clean, fold_for_search

UNSET = object()
_TEXTS = ("result", "difficulties", "proposals")


def _progress_from_row(row) -> Progress:
    return Progress(
        item_id=row["item_id"], period=row["period"], status=row["status"],
        actual_value=row["actual_value"], result=row["result"], difficulties=row["difficulties"],
        proposals=row["proposals"], updated_at=row["updated_at"],
    )


def get_progress(db: sqlite_utils.Database, item_id: int, period: str) -> Progress:
    rows = list(db.query("SELECT * FROM progress WHERE item_id = ? AND period = ?", [item_id, period]))
    return _progress_from_row(rows[0]) if rows else Progress(item_id=item_id, period=period)


def progress_of_plan(db: sqlite_utils.Database, plan_id: int, period: str) -> dict[int, Progress]:
    """item id → progress recorded for the period (items with none are absent)."""
    return {
        row["item_id"]: _progress_from_row(row)
        for row in db.query(
            "SELECT p.* FROM progress p JOIN items i ON i.id = p.item_id WHERE i.plan_id = ? AND p.period = ?",
            [plan_id, period],
        )
    }


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
    old = get_progress(db, item_id, period)
    new = Progress(**{**old.__dict__})
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
        # explicit upsert: sqlite-utils' INSERT OR IGNORE would silently skip a NOT NULL column
        db.execute(
            """INSERT INTO progress (item_id, period, status, actual_value, result, difficulties,
                                     proposals, updated_at, search_fold)
               VALUES (:item_id, :period, :status, :actual_value, :result, :difficulties,
                       :proposals, :updated_at, :search_fold)
               ON CONFLICT (item_id, period) DO UPDATE SET
                   status = excluded.status, actual_value = excluded.actual_value,
                   result = excluded.result, difficulties = excluded.difficulties,
                   proposals = excluded.proposals, updated_at = excluded.updated_at,
                   search_fold = excluded.search_fold""",
            {
                "item_id": item_id, "period": period, "status": new.status,
                "actual_value": new.actual_value, "result": new.result,
                "difficulties": new.difficulties, "proposals": new.proposals,
                "updated_at": new.updated_at,
                "search_fold": fold_for_search(" | ".join(getattr(new, key) for key in _TEXTS)),
            },
        )
        for key in changed:
            history.record(db, entity="progress", entity_id=item_id, field=f"{period}:{key}",
                           old=getattr(old, key), new=getattr(new, key), plan_id=item[0], source=source)
    return new


def parse_number(value, unit: str | None = None) -> float | None:
    """97.5, "97,5", "97,5%" → a finite number in the unit's range; None or "" clears (parsing/numbers.py)."""
    return parse_actual(value, unit)
