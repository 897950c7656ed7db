"""Which items of a tree to show for a search and a set of filters.

Kept out of Qt so it is fast (plain sets and strings) and tested on its own; the window's
filter proxy only asks "is this id visible?".
"""

from __future__ import annotations

from dataclasses import dataclass

from parcdesk.model import PlanItem
from parcdesk.text import fold_for_search, search_words


@dataclass(frozen=True)
class Filters:
    query: str = ""
    status: str | None = None  # a status code, or "late" for the computed bucket
    lead: str | None = None  # an agency name
    overdue_only: bool = False
    without_evidence_only: bool = False

    @property
    def active(self) -> bool:
        return bool(search_words(self.query) or self.status or self.lead or self.overdue_only or self.without_evidence_only)


class SearchIndex:
    """Folded text per item (its fields, agencies and the period's progress) and the tree's shape.

    `texts` comes from the folded copies the database keeps (db.search.plan_search_texts);
    an item missing there is folded here.
    """

    def __init__(self, roots: list[PlanItem], texts: dict[int, str]):
        self.parent: dict[int, int | None] = {}
        self.items: dict[int, PlanItem] = {}
        self.text: dict[int, str] = {}
        for root in roots:
            for item in root.walk():
                self.items[item.id] = item
                self.parent[item.id] = item.parent_id
                text = texts.get(item.id)
                if text is None:
                    text = fold_for_search(" | ".join([item.code, item.title, item.target_text, *item.lead]))
                self.text[item.id] = text

    def visible_ids(self, filters: Filters, statuses: dict[int, str], buckets: dict[int, str],
                    evidence: dict[int, int]) -> set[int] | None:
        """None when nothing filters; otherwise the matching items with their ancestors."""
        if not filters.active:
            return None
        words = search_words(filters.query)
        matched = []
        for item_id, text in self.text.items():
            if words and not all(word in text for word in words):
                continue
            item = self.items[item_id]
            if filters.status:
                if filters.status == "late":
                    if buckets.get(item_id) != "late":
                        continue
                elif statuses.get(item_id, "not_started") != filters.status or not item.is_tracked:
                    continue
            if filters.lead and filters.lead not in item.lead:
                continue
            if filters.overdue_only and buckets.get(item_id) != "late":
                continue
            if filters.without_evidence_only and (not item.is_tracked or evidence.get(item_id)):
                continue
            matched.append(item_id)
        visible = set()
        for item_id in matched:
            while item_id is not None and item_id not in visible:
                visible.add(item_id)
                item_id = self.parent[item_id]
        return visible
