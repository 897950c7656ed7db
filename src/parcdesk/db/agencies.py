"""The office's list of sections (ban, ngành), each with the spellings it goes by."""

from __future__ import annotations

import json

import sqlite_utils

from parcdesk.db import history
from parcdesk.db.connection import transaction
from parcdesk.errors import UserError
from parcdesk.model import Agency
from parcdesk.parsing.agencies import canonical_key
from parcdesk.resources import resource_path
from parcdesk.text import clean


def load_default_agencies(db: sqlite_utils.Database) -> None:
    """Give a new office the usual commune sections with their known spellings."""
    entries = json.loads(resource_path("agencies.json").read_text(encoding="utf-8"))
    with transaction(db):
        for sort, entry in enumerate(entries, start=1):
            agency_id = _find_by_key(db, canonical_key(entry["name"]))
            if agency_id is None:
                agency_id = _insert(db, entry["name"], entry.get("kind", "section"), sort)
            for alias in entry.get("aliases", []):
                _add_alias(db, agency_id, alias)


def _insert(db: sqlite_utils.Database, name: str, kind: str, sort: int | None = None) -> int:
    name = clean(name)
    if sort is None:
        sort = db.execute("SELECT coalesce(max(sort), 0) + 1 FROM agencies").fetchone()[0]
    agency_id = db.table("agencies").insert({"name": name, "kind": kind, "sort": sort}).last_pk
    _add_alias(db, agency_id, name)
    return agency_id


def _add_alias(db: sqlite_utils.Database, agency_id: int, alias: str) -> None:
    alias = clean(alias)
    key = canonical_key(alias)
    if key:
        db.execute(
            "INSERT OR IGNORE INTO agency_aliases (key, alias, agency_id) VALUES (?, ?, ?)",
            [key, alias, agency_id],
        )


def _find_by_key(db: sqlite_utils.Database, key: str) -> int | None:
    row = db.execute("SELECT agency_id FROM agency_aliases WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def find_agency(db: sqlite_utils.Database, name: str) -> int | None:
    return _find_by_key(db, canonical_key(clean(name)))


def resolve_agency(db: sqlite_utils.Database, name: str, kind: str = "other") -> int:
    """The agency this spelling belongs to, created when it is new."""
    name = clean(name)
    if not name:
        raise UserError("Tên cơ quan không được để trống.")
    agency_id = find_agency(db, name)
    if agency_id is None:
        agency_id = _insert(db, name, kind)
    return agency_id


def agency_name(db: sqlite_utils.Database, agency_id: int) -> str | None:
    row = db.execute("SELECT name FROM agencies WHERE id = ?", [agency_id]).fetchone()
    return row[0] if row else None


def list_agencies(db: sqlite_utils.Database) -> list[Agency]:
    aliases: dict[int, list[str]] = {}
    for row in db.query("SELECT agency_id, alias FROM agency_aliases ORDER BY alias"):
        aliases.setdefault(row["agency_id"], []).append(row["alias"])
    counts = {
        row["agency_id"]: row["n"]
        for row in db.query("SELECT agency_id, count(DISTINCT item_id) AS n FROM item_agencies GROUP BY agency_id")
    }
    return [
        Agency(
            id=row["id"],
            name=row["name"],
            kind=row["kind"],
            aliases=[a for a in aliases.get(row["id"], []) if a != row["name"]],
            item_count=counts.get(row["id"], 0),
        )
        for row in db.query("SELECT id, name, kind FROM agencies ORDER BY sort, name")
    ]


def rename_agency(db: sqlite_utils.Database, agency_id: int, new_name: str) -> None:
    new_name = clean(new_name)
    if not new_name:
        raise UserError("Tên cơ quan không được để trống.")
    old = db.execute("SELECT name FROM agencies WHERE id = ?", [agency_id]).fetchone()
    if old is None:
        raise UserError("Không tìm thấy cơ quan cần đổi tên.")
    other = find_agency(db, new_name)
    if other is not None and other != agency_id:
        raise UserError(f"Đã có cơ quan “{new_name}”; hãy gộp hai cơ quan thay vì đổi tên.")
    with transaction(db):
        db.table("agencies").update(agency_id, {"name": new_name})
        _add_alias(db, agency_id, new_name)
        history.record(db, entity="agency", entity_id=agency_id, field="name", old=old[0], new=new_name)
        _refresh_items_of(db, [agency_id])


def merge_agencies(db: sqlite_utils.Database, keep_id: int, merge_id: int) -> None:
    """One spelling absorbed into another: every item and alias follows the kept one."""
    if keep_id == merge_id:
        raise UserError("Hãy chọn hai cơ quan khác nhau để gộp.")
    names = dict(db.execute("SELECT id, name FROM agencies WHERE id IN (?, ?)", [keep_id, merge_id]).fetchall())
    if len(names) != 2:
        raise UserError("Không tìm thấy cơ quan cần gộp.")
    with transaction(db):
        # An item naming both keeps one link; the others move over.
        db.execute(
            """DELETE FROM item_agencies WHERE agency_id = :merge AND EXISTS (
                   SELECT 1 FROM item_agencies k WHERE k.item_id = item_agencies.item_id
                   AND k.role = item_agencies.role AND k.agency_id = :keep)""",
            {"merge": merge_id, "keep": keep_id},
        )
        db.execute("UPDATE item_agencies SET agency_id = ? WHERE agency_id = ?", [keep_id, merge_id])
        db.execute("UPDATE agency_aliases SET agency_id = ? WHERE agency_id = ?", [keep_id, merge_id])
        db.execute("DELETE FROM agencies WHERE id = ?", [merge_id])
        history.record(
            db, entity="agency", entity_id=keep_id, field="merge", old=names[merge_id], new=names[keep_id]
        )
        _refresh_items_of(db, [keep_id])


def add_alias(db: sqlite_utils.Database, agency_id: int, alias: str) -> None:
    other = find_agency(db, alias)
    if other is not None and other != agency_id:
        raise UserError(f"Cách viết “{alias}” đã thuộc về một cơ quan khác; hãy gộp hai cơ quan.")
    with transaction(db):
        _add_alias(db, agency_id, alias)


def _refresh_items_of(db: sqlite_utils.Database, agency_ids: list[int]) -> None:
    from parcdesk.db.items import refresh_search_fold

    marks = ",".join("?" * len(agency_ids))
    item_ids = [r[0] for r in db.execute(
        f"SELECT DISTINCT item_id FROM item_agencies WHERE agency_id IN ({marks})", agency_ids
    )]
    refresh_search_fold(db, item_ids)
