"""What signed reports hold fast: the queries behind the period lock (rules: ops/lock.py).

A period is locked while its newest signed version stands and no correction is open for it
(a correction reopens the period until the next sign-off). A locked report holds fast the
items it shows (`signed_report_items`, filled at sign-off).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

_LOCKED_REPORTS = """
    SELECT s.id, s.plan_id, s.period, s.version, s.signed_at
    FROM signed_reports s JOIN plans p ON p.id = s.plan_id AND p.created_at = s.plan_created_at
    WHERE s.version = (SELECT max(o.version) FROM signed_reports o WHERE o.plan_id = s.plan_id
                         AND o.plan_created_at = s.plan_created_at AND o.period = s.period)
      AND NOT EXISTS (SELECT 1 FROM report_drafts d WHERE d.plan_id = s.plan_id AND d.period = s.period
                        AND d.correction_reason IS NOT NULL)"""


@dataclass(frozen=True)
class LockedReport:
    id: int
    plan_id: int
    period: str
    version: int
    signed_at: str


def _reports(db: sqlite_utils.Database, extra: str, params: list) -> list[LockedReport]:
    rows = db.execute(f"SELECT * FROM ({_LOCKED_REPORTS}) WHERE {extra} ORDER BY period", params).fetchall()
    return [LockedReport(*row) for row in rows]


def locked_report(db: sqlite_utils.Database, plan_id: int, period: str) -> LockedReport | None:
    found = _reports(db, "plan_id = ? AND period = ?", [plan_id, period])
    return found[0] if found else None


def locked_reports_of_plan(db: sqlite_utils.Database, plan_id: int) -> list[LockedReport]:
    return _reports(db, "plan_id = ?", [plan_id])


def locked_reports_showing(db: sqlite_utils.Database, item_ids: list[int]) -> list[LockedReport]:
    """The locked reports that show any of these items."""
    if not item_ids:
        return []
    marks = ",".join("?" * len(item_ids))
    return _reports(db, f"id IN (SELECT report_id FROM signed_report_items WHERE item_id IN ({marks}))",
                    list(item_ids))


def plan_of_item(db: sqlite_utils.Database, item_id: int) -> int | None:
    row = db.execute("SELECT plan_id FROM items WHERE id = ?", [item_id]).fetchone()
    return row[0] if row else None


def items_led_by(db: sqlite_utils.Database, agency_id: int) -> list[int]:
    return [row[0] for row in db.execute(
        "SELECT DISTINCT item_id FROM item_agencies WHERE agency_id = ? AND role = 'lead'", [agency_id])]


def record_items_shown(db: sqlite_utils.Database, report_id: int, item_ids: list[int]) -> None:
    db.conn.executemany("INSERT OR IGNORE INTO signed_report_items (report_id, item_id) VALUES (?, ?)",
                        [(report_id, item_id) for item_id in item_ids])


def signed_reports_exist(db: sqlite_utils.Database, plan_id: int, plan_created_at: str) -> bool:
    return db.execute("SELECT 1 FROM signed_reports WHERE plan_id = ? AND plan_created_at = ? LIMIT 1",
                      [plan_id, plan_created_at]).fetchone() is not None
