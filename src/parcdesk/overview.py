"""The state of a plan in one period: counts per area and per lead, what is overdue, what is
due next, what lacks evidence. Plain data, computed from the tree and the period's progress."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from parcdesk.model import PlanItem, Progress
from parcdesk.periods import Period
from parcdesk.statuses import BUCKET_LABELS, BUCKETS, FINISHED, bucket_of  # noqa: F401 - labels read from here too


@dataclass
class ItemState:
    item: PlanItem
    area: PlanItem | None
    status: str
    bucket: str
    due: tuple[date, ...]
    overdue_since: date | None
    evidence: int


@dataclass
class DueEntry:
    when: date
    text: str
    item: PlanItem | None = None  # None for the report deadline itself


@dataclass
class Overview:
    period: Period
    reference: date
    states: list[ItemState]
    by_area: dict[str, dict[str, int]] = field(default_factory=dict)
    by_lead: dict[str, dict[str, int]] = field(default_factory=dict)
    overdue: list[ItemState] = field(default_factory=list)
    due_next: list[DueEntry] = field(default_factory=list)
    lacking_evidence: list[ItemState] = field(default_factory=list)

    @property
    def totals(self) -> dict[str, int]:
        totals = dict.fromkeys(BUCKETS, 0)
        for state in self.states:
            totals[state.bucket] += 1
        return totals


def cutoff_date(period: Period, when: date | None = None) -> date:
    """The day a period's figures are taken at: the given day (today by default), never later
    than the period's end — the report's figures and `parcdesk overview` use this one rule."""
    return min(when or date.today(), period.end)


def tracked_items(roots: list[PlanItem]):
    """(item, its area) for every item that is carried out: leaves that are not areas."""
    for root in roots:
        for item in root.walk():
            if item.is_tracked:
                yield item, (root if root is not item else None)


def compute_overview(roots: list[PlanItem], progress: dict[int, Progress], evidence: dict[int, int],
                     period: Period, today: date, deadline_day: int = 15, horizon_days: int = 45) -> Overview:
    reference = min(today, period.end)
    states = []
    for item, area in tracked_items(roots):
        record = progress.get(item.id)
        status = record.status if record else "not_started"
        due = item.timeframe(period.year).due
        # "chậm nhất ngày 31/3": done on the 31st is on time, so a deadline is passed only once its
        # day is over; on the day itself the item is due (the due list), not overdue
        passed = [d for d in due if d < reference]
        overdue_since = passed[0] if passed and status not in FINISHED else None
        states.append(ItemState(item, area, status, bucket_of(status, overdue_since is not None), due,
                                overdue_since, evidence.get(item.id, 0)))
    overview = Overview(period=period, reference=reference, states=states)
    for state in states:
        area_name = _area_name(state.area)
        overview.by_area.setdefault(area_name, dict.fromkeys(BUCKETS, 0))[state.bucket] += 1
        for lead in state.item.lead or ["(chưa giao)"]:
            overview.by_lead.setdefault(lead, dict.fromkeys(BUCKETS, 0))[state.bucket] += 1
    overview.overdue = sorted((s for s in states if s.bucket == "late"), key=lambda s: s.overdue_since or date.min)
    overview.lacking_evidence = [s for s in states if not s.evidence and s.status not in ("not_applicable",)]
    overview.due_next = _due_next(states, period, today, deadline_day, horizon_days)
    return overview


def _area_name(area: PlanItem | None) -> str:
    if area is None:
        return "(ngoài lĩnh vực)"
    return f"{area.code}. {area.title}" if area.code else area.title


def _due_next(states: list[ItemState], period: Period, today: date, deadline_day: int,
              horizon_days: int) -> list[DueEntry]:
    deadline = period.report_deadline(deadline_day)
    passed = " (đã qua)" if deadline < today else ""
    entries = [DueEntry(deadline, f"Hạn gửi báo cáo {period.label}{passed}")]
    for state in states:
        if state.status in FINISHED:
            continue
        for when in state.due:
            if today <= when and (when - today).days <= horizon_days:
                entries.append(DueEntry(when, f"{state.item.code} {state.item.title}".strip(), state.item))
                break
    return sorted(entries, key=lambda e: e.when)
