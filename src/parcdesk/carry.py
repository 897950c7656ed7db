"""Cumulative periods: what 6 tháng, 9 tháng and năm start from.

The domain (domain.md, "Tracking through the year"): the 6-month, 9-month and year reports
report everything done since the start of the year, so each period starts from what the
earlier one recorded and adds to it; a signed earlier period stays as signed.

The data model, and why
-----------------------
A period's record of an item is read as: its own row in `progress` if it has one, otherwise
the record of the nearest earlier period of the same year that has one, *carried* — computed
on read, marked `carried_from` (the period it comes from), never written anywhere. So:

- a later period starts from the earlier one without anyone pressing a button, and a
  correction made to Quý I before 6 tháng is touched shows in 6 tháng too;
- the first edit in the later period writes that period's own row, starting from the carried
  record (an edit there is a normal edit, through `ops.progress.set_progress`); the earlier
  period's row is never written by anything done in a later period;
- "Chép từ kỳ trước" (`ops.carry.carry_progress`, `parcdesk progress carry`) writes the carried
  record into the later period as its own row with `carried_from` set — it replaces what the
  later period held (one undoable operation) and freezes the carry against later changes to the
  earlier period. The mark stays until the row is edited in its own period;
- the period lock follows from the reading rule: a change to Quý I that a signed 6 tháng shows
  (an item 6 tháng has no row of its own for, or any evidence, see below) is refused like a
  change to 6 tháng itself (ops/lock.py); a signed report is frozen in its snapshot anyway.

Evidence is not copied at all: the documents of a period are its own plus those of the earlier
periods of the year (db/evidence.py), the same rows and the same stored files — links, not
copies. A carried document is shown as such and is changed only in the period it was added to.

What carries, field by field
----------------------------
- status: as recorded. "Không phát sinh" (not_applicable) carries as "không phát sinh": for a
  cumulative period "nothing arose since the start of the year" stays true until a case
  arises, and the carried mark tells the officer to confirm it or change it.
- actual value: a percentage (unit "%") is a rate over the year so far and carries as the last
  known figure. Any other unit (TTHC, hồ sơ, sáng kiến, a bare number) is a count, and a
  count recorded for Quý I may be the quarter's own count rather than a running total: it is
  NOT carried, so that no Quý I number is ever printed as the 6-month figure; the later
  period's value stays empty until the officer enters the count for the year so far (the
  progress panel shows the earlier figure beside the field).
- result (kết quả thực hiện): carried; the officer adds what the new period did.
- difficulties and proposals: not carried. They are what a period's report says is still in
  the way and what it asks for; a difficulty resolved in Quý II must not reappear in the
  6-month report because it was typed in Quý I. Still true? The officer types it again.
"""

from __future__ import annotations

from parcdesk.model import Progress
from parcdesk.periods import parse_period

RATE_UNITS = frozenset({"%"})


def carries_value(unit: str | None) -> bool:
    """A rate carries as the last known figure; a count does not (see the module's docstring)."""
    return (unit or "").strip() in RATE_UNITS


def carried_record(record: Progress, unit: str | None, to_period: str) -> Progress:
    """`record` (of an earlier period) as the later period starts from it, marked as carried."""
    origin = record.period
    return Progress(
        item_id=record.item_id, period=to_period, status=record.status,
        actual_value=record.actual_value if carries_value(unit) else None,
        result=record.result, difficulties="", proposals="", updated_at=record.updated_at,
        carried_from=origin,
    )


def carried_label(origin: str | None) -> str:
    """"mang sang từ quý I" — the mark shown in the tree row, the progress panel and `progress show`."""
    if not origin:
        return ""
    period = parse_period(origin)
    name = {"Q1": "quý I", "H1": "6 tháng", "9M": "9 tháng", "Y": "năm"}[period.kind]
    return f"mang sang từ {name}"
