"""The change history: what changed, old → new, when."""

from __future__ import annotations

import json
from datetime import datetime

import sqlite_utils


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _as_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def record(
    db: sqlite_utils.Database,
    *,
    entity: str,
    entity_id: int | None,
    field: str,
    old=None,
    new=None,
    plan_id: int | None = None,
    source: str = "",
) -> None:
    db.table("history").insert(
        {
            "at": now_iso(),
            "plan_id": plan_id,
            "entity": entity,
            "entity_id": entity_id,
            "field": field,
            "old": _as_text(old),
            "new": _as_text(new),
            "source": source,
        }
    )


def changes_of(db: sqlite_utils.Database, entity: str, entity_id: int) -> list[dict]:
    return list(
        db.query(
            "SELECT at, field, old, new, source FROM history WHERE entity = ? AND entity_id = ? ORDER BY id",
            [entity, entity_id],
        )
    )
