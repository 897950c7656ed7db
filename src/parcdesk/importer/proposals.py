"""What an import proposes beyond the file's own cells: years rolled forward, targets found in the text.

Both are proposals: the preview lists them, the officer accepts all, some or none, and
`plan_import.apply` writes the accepted ones as part of the import (one operation).

- Years: a file is last year's plan ("… năm 2023") imported for another year (2026). The
  year the file is about is read from its title and timeframes (parsing/years.py
  `plan_years_in`); the rewrites are rollforward.py's, the same as for a plan made from a
  ParcDesk plan.
- Targets: a threshold stated inside the task or its output ("Tỷ lệ hồ sơ đúng hạn đạt từ
  98% trở lên", "ít nhất 01 sáng kiến") when the target column gives none
  (parsing/targets.py `parse_target`, the one reader of thresholds).
"""

from __future__ import annotations

from dataclasses import dataclass

from parcdesk.model import ItemDraft
from parcdesk.parsing.targets import Threshold, baseline_request, parse_target
from parcdesk.parsing.years import plan_years_in
from parcdesk.rollforward import RollForward, describe_threshold, propose

__all__ = ["TargetProposal", "source_year", "year_rollforward", "target_proposals", "describe_threshold_short"]

def describe_threshold_short(threshold: Threshold) -> str:
    return describe_threshold(threshold)


def source_year(preview) -> int | None:
    """The year the file's plan is for: its title's year, else the most common year of its timeframes."""
    from_title = plan_years_in([preview.title])
    if from_title is not None:
        return from_title
    return plan_years_in([draft.timeframe_text for _, _, draft in preview.walk()] + [preview.appendix_title])


def year_rollforward(preview, year: int) -> RollForward:
    """The rewrites that bring the file's years to `year` (none when the file is already for it)."""
    found = source_year(preview)
    fields = {"title": preview.title, "appendix_title": preview.appendix_title}
    if found is None or found >= year:
        return RollForward(year, year, year, fields)
    return propose(fields, preview.drafts, source_from=found, year_from=year)


@dataclass
class TargetProposal:
    key: str  # the item's key in the preview (preview.walk())
    where: str  # "2:7 Giải quyết hồ sơ …"
    field: str  # where the threshold was read: "title" or "output"
    text: str
    threshold: Threshold
    draft: ItemDraft

    def to_dict(self) -> dict:
        return {"key": self.key, "where": self.where, "field": self.field, "text": self.text,
                "threshold": self.threshold.to_dict(), "shown": describe_threshold_short(self.threshold)}

    def accept(self) -> None:
        self.draft.threshold, self.draft.target_manual = self.threshold, True


def _has_target(draft: ItemDraft) -> bool:
    return (draft.threshold is not None or parse_target(draft.target_text) is not None
            or baseline_request(draft.target_text) is not None)


def target_proposals(preview) -> list[TargetProposal]:
    """Items whose target column gives no threshold but whose task or output text does."""
    found = []
    for key, _, draft in preview.walk():
        if draft.level == "area" or draft.children or _has_target(draft):
            continue
        for name in ("title", "output"):
            text = getattr(draft, name) or ""
            threshold = parse_target(text)
            if threshold is not None:
                label = f"{draft.code} {draft.title}".strip()
                found.append(TargetProposal(key, label[:60], name, text, threshold, draft))
                break
    return found
