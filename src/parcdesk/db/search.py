"""Search that ignores diacritics and case and treats đ as d — unless marks are typed.

Each word of the query must appear, in any order, in an item's text: its code, title, target,
output, timeframe, notes, agencies, or what was written in its progress. Which items match a
word typed with marks, and in which order hits come, is search_rank's rule (the window's too).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from parcdesk.search_rank import ItemText, parse_query, rank
from parcdesk.text import search_words


@dataclass
class SearchHit:
    plan_id: int
    item_id: int
    code: str
    level: str
    title: str
    in_progress: bool  # matched only through a period's result text

    def to_dict(self) -> dict:
        return {
            "plan_id": self.plan_id, "item_id": self.item_id, "code": self.code,
            "level": self.level, "title": self.title, "matched_in_progress": self.in_progress,
        }


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_items(db: sqlite_utils.Database, query: str, plan_id: int | None = None,
                 limit: int = 500) -> list[SearchHit]:
    """The items the query finds, best first (search_rank: marks typed are matched, the whole
    phrase above scattered words, whole words above prefixes, titles above other fields)."""
    words = search_words(query)
    if not words:
        return []
    # SQL narrows by the folded words (a superset of any match with marks); search_rank decides
    params: dict = {f"w{n}": f"%{_like_escape(word)}%" for n, word in enumerate(words)}
    everywhere = " AND ".join(
        f"(i.search_fold || ' ' || coalesce(p.folds, '')) LIKE :w{n} ESCAPE '\\'" for n in range(len(words))
    )
    in_item = " AND ".join(f"i.search_fold LIKE :w{n} ESCAPE '\\'" for n in range(len(words)))
    plan_filter = ""
    if plan_id is not None:
        plan_filter = "AND i.plan_id = :plan"
        params["plan"] = plan_id
    parsed = parse_query(query)
    # what was written, with its marks, is read only when marks were typed
    written = ("group_concat(result || ' | ' || difficulties || ' | ' || proposals, ' | ')"
               if parsed.has_marks else "''")
    sql = f"""
        SELECT i.plan_id, i.id, i.code, i.level, i.title, NOT ({in_item}) AS via_progress,
               i.target_text, i.output, i.timeframe_text, i.notes, i.search_fold, p.written, p.folds
        FROM items i
        LEFT JOIN (SELECT item_id, group_concat(search_fold, ' ') AS folds, {written} AS written
                   FROM progress GROUP BY item_id) p
               ON p.item_id = i.id
        WHERE {everywhere} {plan_filter}
        ORDER BY i.plan_id DESC, i.id"""
    rows = {row[1]: row for row in db.execute(sql, params).fetchall()}  # one call, not one per row
    texts = {item_id: ItemText(r[4], " | ".join(t or "" for t in (r[2], *r[6:10])) if parsed.has_marks else "",
                               r[11] or "", folded_other=r[10] or "", folded_progress=r[12] or "",
                               folded_title=_title_of_fold(r[10]))
             for item_id, r in rows.items()}
    # the newest plan first, then best first within it
    ranked = rank(parsed, texts, list(rows), folded_already=True)
    by_plan = sorted(ranked, key=lambda item_id: -rows[item_id][0])
    return [
        SearchHit(plan_id=r[0], item_id=r[1], code=r[2], level=r[3], title=r[4], in_progress=bool(r[5]))
        for r in (rows[item_id] for item_id in by_plan[:limit])
    ]


def plan_search_texts(db: sqlite_utils.Database, plan_id: int, period: str) -> dict[int, str]:
    """item id → the folded text the window filters on: the item's own, and the period's progress.

    Read from the folded copies kept in the database, so the window folds nothing itself.
    """
    return dict(db.execute(
        """SELECT i.id, i.search_fold || ' | ' || coalesce(p.search_fold, '')
           FROM items i LEFT JOIN progress p ON p.item_id = i.id AND p.period = ?
           WHERE i.plan_id = ?""",
        [period, plan_id],
    ).fetchall())


def _title_of_fold(fold: str | None) -> str | None:
    """The title's part of an item's folded copy, which db/items.py writes as "code | title | …";
    None (fold it again) when the copy is not of that shape."""
    parts = (fold or "").split(" | ", 2)
    return parts[1] if len(parts) >= 2 else None


def plan_search_folds(db: sqlite_utils.Database, plan_id: int, period: str) -> dict[int, tuple[str, str]]:
    """item id → (the item's folded text, the period's progress folded): the copies the database
    keeps, so the window folds nothing itself."""
    return {row[0]: (row[1] or "", row[2] or "") for row in db.execute(
        """SELECT i.id, i.search_fold, p.search_fold
           FROM items i LEFT JOIN progress p ON p.item_id = i.id AND p.period = ?
           WHERE i.plan_id = ?""",
        [period, plan_id],
    ).fetchall()}


def plan_progress_texts(db: sqlite_utils.Database, plan_id: int, period: str) -> dict[int, list[str]]:
    """item id → what the period's progress says (result, difficulties, proposals), as written:
    the window's search matches marks typed in the query against it."""
    return {row[0]: [row[1] or "", row[2] or "", row[3] or ""] for row in db.execute(
        """SELECT p.item_id, p.result, p.difficulties, p.proposals
           FROM progress p JOIN items i ON i.id = p.item_id
           WHERE i.plan_id = ? AND p.period = ?""",
        [plan_id, period],
    ).fetchall()}
