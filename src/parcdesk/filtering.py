"""Which items of a tree to show for a search and a set of filters.

Kept out of Qt so it is fast (plain sets and strings) and tested on its own; the window's
filter proxy only asks "is this id visible?".
"""

from __future__ import annotations

from dataclasses import dataclass

from parcdesk.model import PlanItem
from parcdesk.search_rank import ItemText, parse_query, rank
from parcdesk.text import search_words


@dataclass(frozen=True)
class Filters:
    query: str = ""
    status: str | None = None  # a status code ("done" takes "done_late" in too), or "late" for the computed bucket
    lead: str | None = None  # an agency name
    overdue_only: bool = False
    without_evidence_only: bool = False

    @property
    def active(self) -> bool:
        return bool(search_words(self.query) or self.status or self.lead or self.overdue_only or self.without_evidence_only)


class SearchIndex:
    """Each item's searchable text (its fields, agencies and the period's progress, with and
    without marks: search_rank.ItemText) and the tree's shape.

    `progress` holds the period's written texts per item (db.search.plan_progress_texts); without
    it, `texts` (the database's folded copies, db.search.plan_search_texts) stands in, folded only.
    """

    def __init__(self, roots: list[PlanItem], texts: dict[int, str] | dict[int, tuple[str, str]] | None = None,
                 progress: dict[int, list[str]] | None = None):
        self.parent: dict[int, int | None] = {}
        self.items: dict[int, PlanItem] = {}
        self.order: list[int] = []
        self.text: dict[int, ItemText] = {}
        for root in roots:
            for item in root.walk():
                self.items[item.id] = item
                self.parent[item.id] = item.parent_id
                self.order.append(item.id)
                others = [item.code, item.target_text, item.output, item.timeframe_text, item.notes,
                          *item.lead, *item.partners, *item.monitor]
                folds = (texts or {}).get(item.id)
                written = " | ".join(t for t in (progress or {}).get(item.id, []) if t)
                if isinstance(folds, tuple):  # the database's folded copies (db.search.plan_search_folds)
                    self.text[item.id] = ItemText(item.title, " | ".join(others), written,
                                                  folded_other=folds[0], folded_progress=folds[1])
                elif folds is not None:  # one folded text for all (db.search.plan_search_texts)
                    self.text[item.id] = ItemText(item.title, " | ".join(others), written, folded_progress=folds)
                else:
                    self.text[item.id] = ItemText.of(item.title, others, (progress or {}).get(item.id))

    def ranked_matches(self, filters: Filters, statuses: dict[int, str], buckets: dict[int, str],
                       evidence: dict[int, int]) -> list[int]:
        """The items the search and filters let through (ancestors not added): best match first
        for a search (search_rank.rank), the plan's order otherwise."""
        query = parse_query(filters.query)
        candidates = rank(query, self.text, self.order) if query else self.order
        return [item_id for item_id in candidates if self._passes(item_id, filters, statuses, buckets, evidence)]

    def _passes(self, item_id: int, filters: Filters, statuses, buckets, evidence) -> bool:
        item = self.items[item_id]
        if filters.status:
            if filters.status == "late":
                if buckets.get(item_id) != "late":
                    return False
            elif not item.is_tracked:
                return False
            else:
                status = statuses.get(item_id, "not_started")
                wanted = ("done", "done_late") if filters.status == "done" else (filters.status,)
                if status not in wanted:
                    return False
        if filters.lead and filters.lead not in item.lead:
            return False
        if filters.overdue_only and buckets.get(item_id) != "late":
            return False
        if filters.without_evidence_only and (not item.is_tracked or evidence.get(item_id)):
            return False
        return True

    def with_ancestors(self, ids) -> set[int]:
        visible: set[int] = set()
        for item_id in ids:
            while item_id is not None and item_id not in visible:
                visible.add(item_id)
                item_id = self.parent[item_id]
        return visible

    def visible_ids(self, filters: Filters, statuses: dict[int, str], buckets: dict[int, str],
                    evidence: dict[int, int]) -> set[int] | None:
        """None when nothing filters; otherwise the matching items with their ancestors."""
        if not filters.active:
            return None
        return self.with_ancestors(self.ranked_matches(filters, statuses, buckets, evidence))
