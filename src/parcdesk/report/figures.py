"""One set of figures for a period: the window's overview and status bar, `parcdesk overview`
and the report all take their counts from `period_figures`, at one cut-off date shown beside
them ("Số liệu tính đến ngày 31/03/2026").

The cut-off is the report's date (the draft's, else today), never later than the period's end
(overview.cutoff_date); a date given explicitly (`overview --date`, the report panel's date)
replaces it, and since the report's date is the draft's, changing it changes the report and the
window's overview alike. Once the period's report is signed, the figures are the signed ones:
the totals come from the snapshot, at the snapshot's date, marked as signed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import sqlite_utils

from parcdesk.db.evidence import evidence_counts
from parcdesk.db.items import load_tree
from parcdesk.db.locks import locked_report
from parcdesk.db.progress import progress_of_plan
from parcdesk.db.reports import read_draft, signed_versions
from parcdesk.db.settings import load_settings
from parcdesk.model import PlanItem, Progress
from parcdesk.overview import Overview, compute_overview, cutoff_date
from parcdesk.periods import Period, parse_period
from parcdesk.report.snapshot import Counts, fingerprint
from parcdesk.text import format_date


@dataclass
class SignedFigures:
    version: int
    signed_at: str
    totals: Counts
    report_date: date


@dataclass
class PeriodFigures:
    period: Period
    cutoff: date
    deadline: date
    overview: Overview
    signed: SignedFigures | None = None

    @property
    def totals(self) -> Counts:
        """The counts a report prints: the signed report's once signed, else the overview's."""
        return self.signed.totals if self.signed else counts_of(self.overview.states)

    @property
    def caption(self) -> str:
        """"Số liệu tính đến ngày 31/03/2026 · hạn gửi báo cáo 15/03/2026", and whether signed."""
        text = f"Số liệu tính đến ngày {format_date(self.cutoff)} · hạn gửi báo cáo {format_date(self.deadline)}"
        if self.signed:
            text += (f" · số liệu đã chốt (báo cáo phiên bản {self.signed.version}, "
                     f"ngày {format_date(date.fromisoformat(self.signed.signed_at[:10]))})")
        return text


def counts_of(states) -> Counts:
    """Tracked items by bucket; done_late is counted inside done as well (report/snapshot.py)."""
    counts: Counts = {"total": 0, "done": 0, "done_late": 0, "in_progress": 0, "late": 0, "not_started": 0,
                      "failed": 0, "not_applicable": 0}
    for state in states:
        counts["total"] += 1
        counts[state.bucket] += 1  # type: ignore[literal-required]
        if state.status == "done_late":
            counts["done_late"] += 1
    return counts


def report_date(db: sqlite_utils.Database, plan_id: int, period: str, today: date | None = None) -> date:
    """The date the period's report carries: the officer's (the draft's), else today."""
    draft = read_draft(db, plan_id, parse_period(period).code)
    return date.fromisoformat(draft.report_date) if draft.report_date else (today or date.today())


def signed_figures(db: sqlite_utils.Database, plan_id: int, period: str) -> SignedFigures | None:
    """The figures of the period's signed report while it stands signed (no correction open)."""
    if locked_report(db, plan_id, period) is None:
        return None
    versions = signed_versions(db, plan_id, period)
    if not versions:
        return None
    record = versions[-1]
    stored = json.loads(record.snapshot)
    if fingerprint(stored) != record.sha256:
        return None  # `report verify` says so; the live figures are shown meanwhile
    return SignedFigures(record.version, record.signed_at, stored["totals"], date.fromisoformat(stored["date"]))


def period_figures(db: sqlite_utils.Database, plan_id: int, period: str, when: date | None = None, *,
                   today: date | None = None, roots: list[PlanItem] | None = None,
                   progress: dict[int, Progress] | None = None,
                   evidence: dict[int, int] | None = None) -> PeriodFigures:
    """The period's figures at one cut-off: `when` if given, else the signed report's date, else
    the report's date (the draft's, else `today`). `roots`, `progress`, `evidence` may be passed by
    a caller that holds them already (the window); they are read from the file otherwise."""
    period_ = parse_period(period)
    signed = signed_figures(db, plan_id, period_.code)
    day = when or (signed.report_date if signed else report_date(db, plan_id, period_.code, today))
    cutoff = cutoff_date(period_, day)
    deadline_day = load_settings(db).report_deadline_day
    overview = compute_overview(
        roots if roots is not None else load_tree(db, plan_id),
        progress if progress is not None else progress_of_plan(db, plan_id, period_.code),
        evidence if evidence is not None else evidence_counts(db, plan_id, period_.code),
        period_, cutoff, deadline_day)
    if when is not None and signed is not None and cutoff != cutoff_date(period_, signed.report_date):
        signed = None  # asked about another day than the signed one: the live figures of that day
    return PeriodFigures(period_, cutoff, period_.report_deadline(deadline_day), overview, signed)
