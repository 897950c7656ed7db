"""The office's own parts of a report, per plan and period, and its report defaults.

What the officer writes in the window before signing — results, shortcomings and causes,
next-period tasks, proposals — plus the number, the date, the signer, "Kính gửi" and
"Nơi nhận" of that one report. The defaults for the last two live in the settings table
(keys `report_addressee`, `report_recipients`). The rules are here; the rows are db/reports.py's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlite_utils

from parcdesk.db import history
from parcdesk.db import reports as report_store
from parcdesk.db.connection import transaction
from parcdesk.db.history import now_iso
from parcdesk.db.reports import ReportDraft
from parcdesk.db.settings import signer_is_active
from parcdesk.errors import UserError
from parcdesk.periods import parse_period
from parcdesk.text import clean, parse_date

SECTION_KEYS = ("results", "shortcomings", "next_tasks", "proposals")
SECTION_LABELS = {
    "results": "kết quả đạt được",
    "shortcomings": "tồn tại, hạn chế và nguyên nhân",
    "next_tasks": "nhiệm vụ trọng tâm kỳ tới",
    "proposals": "đề xuất, kiến nghị",
}


@dataclass
class ReportDefaults:
    addressee: str = ""
    recipients: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- office defaults

def default_recipients(unit_kind: str) -> list[str]:
    kind = f" {unit_kind}" if unit_kind else ""
    return ["Như trên", f"TT Đảng ủy, TT HĐND{kind} (b/c)", f"CT, các PCT UBND{kind}", "Lưu: VT, VP"]


def load_report_defaults(db: sqlite_utils.Database) -> ReportDefaults:
    stored = report_store.read_report_settings(db)
    return ReportDefaults(
        addressee=stored.addressee or stored.superior,
        recipients=stored.recipients if stored.recipients is not None else default_recipients(stored.unit_kind),
    )


def save_report_defaults(db: sqlite_utils.Database, *, addressee: str | None = None,
                         recipients: list[str] | None = None, source: str = "") -> ReportDefaults:
    old = load_report_defaults(db)
    with transaction(db):
        if addressee is not None and clean(addressee) != old.addressee:
            report_store.write_report_addressee(db, clean(addressee))
            history.record(db, entity="settings", entity_id=None, field="report_addressee",
                           old=old.addressee, new=clean(addressee), source=source)
        if recipients is not None:
            lines = normalise_recipients(recipients)
            if lines != old.recipients:
                report_store.write_report_recipients(db, lines)
                history.record(db, entity="settings", entity_id=None, field="report_recipients",
                               old=old.recipients, new=lines, source=source)
    return load_report_defaults(db)


def normalise_recipients(lines) -> list[str]:
    """One recipient a line, without the "- " in front or the ";"/"." after (the layout adds them)."""
    if isinstance(lines, str):
        lines = lines.split("\n")
    result = []
    for line in lines:
        text = clean(line).lstrip("-–+• ").rstrip(";.,").strip()
        if text:
            result.append(text)
    return result


# ---------------------------------------------------------------- drafts

def get_draft(db: sqlite_utils.Database, plan_id: int, period: str) -> ReportDraft:
    return report_store.read_draft(db, plan_id, parse_period(period).code)


def check_date(value) -> str | None:
    """The report's date, read by the one date reader (text.parse_date): ISO text, or None."""
    day = parse_date(value, what="Ngày báo cáo")
    return day.isoformat() if day else None


def check_number(value: str | None) -> str:
    """The clerk's number: "12", "05" or "12/BC-UBND" → "12"; blank stays blank."""
    text = clean(value or "")
    if "/" in text:
        text = text.split("/", 1)[0].strip()
    if text and not text.isdigit():
        raise UserError(f"Số văn bản “{value}” không hợp lệ; chỉ ghi phần số, ví dụ 12.")
    return str(int(text)) if text else ""


def save_draft(db: sqlite_utils.Database, plan_id: int, period: str, *, source: str = "", **changes) -> ReportDraft:
    """Change some of: results, shortcomings, next_tasks, proposals, addressee, recipients,
    number, report_date, signer_id. Refused once the period's report is signed off."""
    period = parse_period(period).code
    old = get_draft(db, plan_id, period)
    new = ReportDraft(**{**old.__dict__})
    for key, value in changes.items():
        if value is None:
            continue
        if key in SECTION_KEYS:
            value = clean(value)
        elif key == "addressee":
            value = clean(value) or None
        elif key == "recipients":
            value = normalise_recipients(value) or None
        elif key == "number":
            value = check_number(value)
        elif key == "report_date":
            value = check_date(value)
        elif key == "signer_id":
            if not signer_is_active(db, value):
                raise UserError("Người ký đã chọn không còn trong danh sách người ký của đơn vị.")
        else:
            raise KeyError(key)
        setattr(new, key, value)
    changed = [k for k in changes if changes[k] is not None and getattr(old, k) != getattr(new, k)]
    if not changed:
        return old
    new.updated_at = now_iso()
    with transaction(db):
        report_store.write_draft(db, new)
        for key in changed:
            history.record(db, entity="report", entity_id=plan_id, field=f"{period}:{key}",
                           old=getattr(old, key), new=getattr(new, key), plan_id=plan_id, source=source)
    return new


def set_correction_reason(db: sqlite_utils.Database, plan_id: int, period: str, reason: str | None) -> None:
    report_store.set_correction_reason(db, plan_id, parse_period(period).code, reason)
