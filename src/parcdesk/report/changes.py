"""What changed since the last signed report: for a period, the items whose status, value, result
or evidence differ from the previous signed report — the same period's latest version while a
correction is open, else the nearest earlier period of the year that was signed — old → new."""

from __future__ import annotations

import sqlite_utils

from parcdesk.db.items import load_tree
from parcdesk.db.progress import progress_of_plan
from parcdesk.overview import tracked_items
from parcdesk.periods import earlier_in_year, parse_period
from parcdesk.report.content import _evidence_of_plan
from parcdesk.report.signoff import _checked_content, signed_versions
from parcdesk.statuses import STATUS_LABELS
from parcdesk.text import format_number

FIELD_LABELS = {"status": "Trạng thái", "value": "Giá trị thực tế", "result": "Kết quả thực hiện",
                "evidence": "Tài liệu kiểm chứng"}


def _baseline(db: sqlite_utils.Database, plan_id: int, period: str):
    period_ = parse_period(period)
    for candidate in [period_] + earlier_in_year(period_):
        versions = signed_versions(db, plan_id, candidate.code)
        if versions:
            return versions[-1]
    return None


def changes_since_signed(db: sqlite_utils.Database, plan_id: int, period: str) -> dict:
    """{"baseline": {period, version, signed_at} | None, "items": [{id, code, title, changes: [...]}]}."""
    period_ = parse_period(period)
    record = _baseline(db, plan_id, period_.code)
    if record is None:
        return {"period": period_.code, "baseline": None, "items": []}
    old_rows = {row["id"]: row for row in _checked_content(record)["appendix"]["rows"] if row["kind"] == "item"}
    recorded = progress_of_plan(db, plan_id, period_.code)
    evidence = _evidence_of_plan(db, plan_id, period_.code)
    found = []
    for item, _area in tracked_items(load_tree(db, plan_id)):
        progress = recorded.get(item.id)
        new = {"status": progress.status if progress else "not_started",
               "value": progress.actual_value if progress else None,
               "result": progress.result if progress else "", "evidence": evidence.get(item.id, [])}
        old_row = old_rows.get(item.id)
        old = ({"status": old_row["status"], "value": old_row["value"], "result": old_row["result"],
                "evidence": old_row["evidence"]} if old_row else dict.fromkeys(new))
        diffs = [{"field": key, "label": FIELD_LABELS[key], "old": old[key], "new": new[key],
                  "old_text": _text(key, old[key]), "new_text": _text(key, new[key])}
                 for key in new if old[key] != new[key]]
        if diffs:
            found.append({"id": item.id, "code": item.code, "title": item.title, "changes": diffs})
    return {"period": period_.code,
            "baseline": {"period": record.period, "period_label": parse_period(record.period).label,
                         "version": record.version, "signed_at": record.signed_at},
            "items": found}


def _text(key: str, value) -> str:
    if value is None:
        return "(chưa có)"
    if key == "status":
        return STATUS_LABELS.get(value, value)
    if key == "evidence":
        return "; ".join(value) or "(không có)"
    if key == "value":
        return format_number(value)  # "97,5": the decimal comma
    return str(value) if value != "" else "(trống)"
