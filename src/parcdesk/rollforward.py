"""Rolling a plan forward to a new year: what would change, shown first, then done.

A plan made from last year's (an imported file, an existing plan, the template) carries
last year's years in its texts. `propose` lists every year reference that moves — the plan
title, the appendix title, each item's title, target, output, timeframe and notes — with
the new text beside it (the one rule is parsing/years.py `shift_text`); `RollForward.apply`
rewrites the accepted ones in the drafts. Timeframes are re-dated by the same move, since a
timeframe without a year ("Quý I") is read for the plan's year anyway.

Baselines: a target measured against last year ("Tăng ít nhất 02% so với năm 2025") needs
last year's value. When the plan comes from a ParcDesk plan, that is the source item's
recorded result (`baseline_results`); it is proposed too, and accepted it becomes the
threshold (baseline + points). Otherwise the target stays without a value and the item says
so (`year_flags`). A result quoted from another year is never carried.

Next year's target ("Chỉ tiêu năm mới"): for an item with a target to reach (≥) and last
year's recorded result, the new target is proposed by the rule of parsing/nextyear.py — the
target of the source plan's last year (its own year's where the plan gives one per year) as the
central one. Accepted (or overridden, `Rewrite.override`), it becomes the item's threshold.

Nothing here touches the database or Qt: the callers (importer.plan_import, db.plans) pass
drafts in and write them out as one operation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from parcdesk.model import ItemDraft, YearTarget
from parcdesk.parsing.nextyear import next_year_target
from parcdesk.parsing.targets import Threshold, baseline_request, parse_target
from parcdesk.parsing.year_targets import parse_year_targets
from parcdesk.parsing.years import own_years, shift_text, stale_years
from parcdesk.text import format_number

__all__ = ["Rewrite", "RollForward", "propose", "year_flags", "FIELD_LABELS", "describe_threshold", "last_target"]

FIELD_LABELS = {
    "title": "Tên",
    "appendix_title": "Tên phụ lục",
    "target_text": "Mục tiêu, chỉ tiêu",
    "output": "Sản phẩm",
    "timeframe_text": "Thời gian thực hiện",
    "notes": "Ghi chú",
    "threshold": "Năm cơ sở của chỉ tiêu",
    "next_target": "Chỉ tiêu năm mới",
}
_ITEM_FIELDS = ("title", "target_text", "output", "timeframe_text", "notes")


@dataclass
class Rewrite:
    where: str  # what the officer reads: "Tên kế hoạch", "1.2 Thực hiện rà soát… — Thời gian thực hiện"
    field: str  # title, appendix_title, target_text, output, timeframe_text, notes, threshold
    old: str
    new: str
    # "year": a text rewritten; "baseline": last year's result as the baseline; "next_target": the
    # new year's target by the rule of parsing/nextyear.py (old target, last year's result → proposed)
    kind: str = "year"
    code: str = ""
    draft: ItemDraft | None = None  # None: the plan's own field
    threshold: Threshold | None = None  # kind "baseline": the threshold it sets

    def to_dict(self) -> dict:
        found = {"where": self.where, "code": self.code, "field": self.field, "kind": self.kind,
                 "old": self.old, "new": self.new}
        if self.kind == "next_target" and self.threshold is not None:
            found["proposed"] = self.threshold.to_dict()
        return found

    def override(self, value: float) -> None:
        """The officer's own value for a proposed threshold (a "next_target" proposal)."""
        if self.threshold is None:
            raise ValueError("only a proposed threshold has a value to override")
        self.threshold = replace(self.threshold, value=float(value))
        self.new = describe_threshold(self.threshold)


@dataclass
class RollForward:
    source_from: int
    source_to: int
    year_from: int
    plan_fields: dict[str, str]  # title, appendix_title, as they will be written
    rewrites: list[Rewrite] = field(default_factory=list)

    @property
    def delta(self) -> int:
        return self.year_from - self.source_from

    def apply(self, accepted: Iterable[int] | None = None) -> None:
        """Rewrite the accepted proposals (indexes into `rewrites`; None: all) in the drafts."""
        chosen = set(range(len(self.rewrites))) if accepted is None else set(accepted)
        for index, rewrite in enumerate(self.rewrites):
            if index not in chosen:
                continue
            if rewrite.kind == "baseline" and rewrite.draft is not None:
                rewrite.draft.threshold, rewrite.draft.target_manual = rewrite.threshold, True
            elif rewrite.kind == "next_target" and rewrite.draft is not None and rewrite.threshold is not None:
                rewrite.draft.threshold, rewrite.draft.target_manual = rewrite.threshold, True
                if rewrite.draft.year_targets:  # a multi-year plan: the new first year's own target
                    rewrite.draft.year_targets = {**rewrite.draft.year_targets, self.year_from: YearTarget(
                        self.year_from, rewrite.new, rewrite.threshold, manual=True)}
            elif rewrite.draft is None:
                self.plan_fields[rewrite.field] = rewrite.new
            else:
                setattr(rewrite.draft, rewrite.field, rewrite.new)
                if rewrite.field == "target_text" and not rewrite.draft.target_manual:
                    rewrite.draft.threshold = None  # parsed again from the new text when written
                if rewrite.field == "target_text" and rewrite.draft.year_targets:
                    # "Năm 2024: 80%" moved to "Năm 2027: 80%": its year moves with it
                    rewrite.draft.year_targets = {y + self.delta: _moved(t, self.delta)
                                                  for y, t in rewrite.draft.year_targets.items()}

    def summary(self) -> dict:
        return {"from_year": self.source_from, "to_year": self.year_from,
                "rewrites": [r.to_dict() for r in self.rewrites]}


def _label(draft: ItemDraft) -> str:
    text = f"{draft.code} {draft.title}".strip()
    return text if len(text) <= 60 else text[:59] + "…"


def _walk(drafts: list[ItemDraft]):
    for draft in drafts:
        yield draft
        yield from _walk(draft.children)


def propose(plan_fields: dict[str, str], drafts: list[ItemDraft], *, source_from: int, source_to: int | None = None,
            year_from: int, baseline_results: dict[int, float] | None = None) -> RollForward:
    """Every rewrite that rolls the plan from `source_from` (–`source_to`) to `year_from`.

    `baseline_results`: {id(draft): last year's recorded result} for drafts whose target is an
    increase over last year, when the plan comes from a ParcDesk plan.
    """
    source_to = source_to or source_from
    roll = RollForward(source_from, source_to, year_from, dict(plan_fields))
    years, delta = own_years(source_from, source_to), year_from - source_from
    names = {"title": "Tên kế hoạch", "appendix_title": "Tên phụ lục"}
    for name in ("title", "appendix_title"):
        old = plan_fields.get(name) or ""
        new = shift_text(old, years, delta)
        if new != old:
            roll.rewrites.append(Rewrite(names[name], name, old, new))
    for draft in _walk(drafts):
        for name in _ITEM_FIELDS:
            old = getattr(draft, name) or ""
            new = shift_text(old, years, delta)
            if new != old:
                roll.rewrites.append(Rewrite(f"{_label(draft)} — {FIELD_LABELS[name]}", name, old, new,
                                             code=draft.code, draft=draft))
        value = (baseline_results or {}).get(id(draft))
        request = baseline_request(shift_text(draft.target_text, years, delta))
        if value is not None and request is not None and not draft.target_manual:
            threshold = request.threshold(value)
            roll.rewrites.append(Rewrite(
                f"{_label(draft)} — {FIELD_LABELS['threshold']}", "threshold",
                request.describe(),
                f"năm {request.year or year_from - 1} là {format_number(value, '%')} → "
                f"chỉ tiêu từ {format_number(threshold.value, '%')} trở lên",
                kind="baseline", code=draft.code, draft=draft, threshold=threshold))
        elif value is not None and request is None:
            proposal = _next_target(draft, value, source_to, year_from)
            if proposal is not None:
                roll.rewrites.append(proposal)
    return roll


def _moved(target, delta: int):
    if isinstance(target, YearTarget):
        return target.text if not target.manual else replace(target, year=target.year + delta)
    return target


def describe_threshold(threshold: Threshold) -> str:
    return f"{_SYMBOLS[threshold.comparator]} {format_number(threshold.value, threshold.unit)}"


_SYMBOLS = {">=": "≥", ">": ">", "=": "=", "<=": "≤", "<": "<"}


def last_target(draft: ItemDraft, year: int) -> Threshold | None:
    """The target the source plan set for its last year: that year's own, else the item's."""
    own = (draft.year_targets or {}).get(year)
    if isinstance(own, YearTarget):
        return own.threshold
    if isinstance(own, str):
        return parse_target(own)
    own_years = parse_year_targets(draft.target_text)
    if year in own_years:
        return parse_target(own_years[year])
    return draft.threshold if draft.target_manual else (draft.threshold or parse_target(draft.target_text))


def _next_target(draft: ItemDraft, result: float, source_to: int, year_from: int) -> Rewrite | None:
    """"Chỉ tiêu năm mới": last year's target and result → the new target (domain.md's rule).

    Only for a target to reach or exceed (≥, >): "không quá 5 hồ sơ trễ hạn" is not raised."""
    old = last_target(draft, source_to)
    if old is None or old.comparator not in (">=", ">"):
        return None
    proposed = Threshold(">=", next_year_target(result, old.value, percent=old.unit == "%"), old.unit)
    return Rewrite(
        f"{_label(draft)} — {FIELD_LABELS['next_target']}", "threshold",
        f"chỉ tiêu năm {source_to}: {describe_threshold(old)}; kết quả: {format_number(result, old.unit)}",
        describe_threshold(proposed), kind="next_target", code=draft.code, draft=draft, threshold=proposed)


def year_flags(item, year_from: int) -> list[str]:
    """What an item still says that does not fit its plan's year, one Vietnamese phrase each:
    a past year in its texts ("còn ghi năm cũ: 2023"), a baseline still missing."""
    flags = []
    past = sorted({y for name in _ITEM_FIELDS for y in stale_years(getattr(item, name, "") or "", year_from)})
    if past:
        flags.append(f"còn ghi năm cũ: {', '.join(map(str, past))}")
    threshold = getattr(item, "threshold", None)
    if threshold is None or threshold.baseline_value is None:
        request = baseline_request(getattr(item, "target_text", ""))
        if request is not None and threshold is None:
            flags.append(request.describe())
    return flags
