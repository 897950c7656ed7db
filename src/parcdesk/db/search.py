"""Search that ignores diacritics and case and treats đ as d.

Each word of the query must appear, in any order, in an item's folded text: its code,
title, target, output, timeframe, notes, agencies, or what was written in its progress.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

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
    words = search_words(query)
    if not words:
        return []
    params: dict = {f"w{n}": f"%{_like_escape(word)}%" for n, word in enumerate(words)}
    everywhere = " AND ".join(
        f"(i.search_fold || ' ' || coalesce(p.folds, '')) LIKE :w{n} ESCAPE '\\'" for n in range(len(words))
    )
    in_item = " AND ".join(f"i.search_fold LIKE :w{n} ESCAPE '\\'" for n in range(len(words)))
    plan_filter = ""
    if plan_id is not None:
        plan_filter = "AND i.plan_id = :plan"
        params["plan"] = plan_id
    params["limit"] = limit
    sql = f"""
        SELECT i.plan_id, i.id, i.code, i.level, i.title, NOT ({in_item}) AS via_progress
        FROM items i
        LEFT JOIN (SELECT item_id, group_concat(search_fold, ' ') AS folds FROM progress GROUP BY item_id) p
               ON p.item_id = i.id
        WHERE {everywhere} {plan_filter}
        ORDER BY i.plan_id DESC, i.id
        LIMIT :limit"""
    return [
        SearchHit(plan_id=r[0], item_id=r[1], code=r[2], level=r[3], title=r[4], in_progress=bool(r[5]))
        for r in db.execute(sql, params)
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
