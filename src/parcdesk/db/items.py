"""The plan tree: items, their agencies, their order; every change recorded in the history."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from parcdesk.db import history
from parcdesk.db.agencies import resolve_agency
from parcdesk.db.connection import transaction
from parcdesk.errors import UserError
from parcdesk.model import LEVELS, MAX_DEPTH, ItemDraft, PlanItem, YearTarget
from parcdesk.parsing.targets import Threshold, parse_target
from parcdesk.parsing.year_targets import parse_year_targets
from parcdesk.text import clean, fold, fold_for_search

ROLES = ("lead", "partner", "monitor")
_TEXT_FIELDS = ("code", "title", "target_text", "output", "timeframe_text", "notes")


# ---------------------------------------------------------------- reading

_PLAN_IDS = "SELECT id FROM items WHERE plan_id = ?"
_SUBTREE_IDS = """WITH RECURSIVE below(id) AS (
                      SELECT id FROM items WHERE id = ?
                      UNION ALL SELECT i.id FROM items i JOIN below ON i.parent_id = below.id)
                  SELECT id FROM below"""


def load_tree(db: sqlite_utils.Database, plan_id: int) -> list[PlanItem]:
    """The whole plan as a tree, in two queries (plans reach thousands of items)."""
    return _load(db, _PLAN_IDS, [plan_id])


def _load(db: sqlite_utils.Database, ids_sql: str, params: list) -> list[PlanItem]:
    """The items whose ids `ids_sql` selects, linked into trees; the tops of those trees."""
    agencies: dict[int, dict[str, list[str]]] = {}
    for item_id, role, name in db.execute(
        f"""SELECT ia.item_id, ia.role, a.name FROM item_agencies ia JOIN agencies a ON a.id = ia.agency_id
            WHERE ia.item_id IN ({ids_sql}) ORDER BY ia.item_id, ia.role, ia.position""",
        params,
    ):
        agencies.setdefault(item_id, {}).setdefault(role, []).append(name)
    by_id: dict[int, PlanItem] = {}
    rows = db.execute(
        f"""SELECT id, parent_id, position, code, level, title, target_text, target_comparator,
                   target_value, target_unit, target_baseline_year, target_baseline_value,
                   target_manual, output, timeframe_text, notes, plan_id
            FROM items WHERE id IN ({ids_sql}) ORDER BY parent_id IS NOT NULL, position, id""",
        params,
    ).fetchall()
    for row in rows:
        roles = agencies.get(row[0], {})
        threshold = None
        if row[7] is not None:
            threshold = Threshold(row[7], row[8], row[9], row[10], row[11])
        by_id[row[0]] = PlanItem(
            id=row[0], plan_id=row[16], parent_id=row[1], position=row[2], code=row[3], level=row[4],
            title=row[5], target_text=row[6], threshold=threshold, target_manual=bool(row[12]),
            lead=roles.get("lead", []), partners=roles.get("partner", []), monitor=roles.get("monitor", []),
            output=row[13], timeframe_text=row[14], notes=row[15],
        )
    for item_id, year, text, comparator, value, unit, manual in db.execute(
        f"""SELECT item_id, year, text, comparator, value, unit, manual FROM item_year_targets
            WHERE item_id IN ({ids_sql}) ORDER BY item_id, year""", params):
        threshold = Threshold(comparator, value, unit) if comparator is not None else None
        if item_id in by_id:
            by_id[item_id].year_targets[year] = YearTarget(year, text, threshold, bool(manual))
    tops: list[PlanItem] = []
    for item in by_id.values():
        parent = by_id.get(item.parent_id) if item.parent_id is not None else None
        (parent.children if parent is not None else tops).append(item)
    for item in by_id.values():
        item.children.sort(key=lambda child: child.position)
    tops.sort(key=lambda item: item.position)
    return tops


def walk(roots: list[PlanItem]):
    for root in roots:
        yield from root.walk()


def get_item(db: sqlite_utils.Database, item_id: int) -> PlanItem:
    """One item with its subtree (not the whole plan: every edit in the window asks for it)."""
    found = _load(db, _SUBTREE_IDS, [item_id])
    if not found:
        raise UserError(f"Không tìm thấy mục số {item_id}.")
    return found[0]


@dataclass(frozen=True)
class ItemRow:
    id: int
    plan_id: int
    parent_id: int | None
    position: int
    code: str
    title: str


def get_item_row(db: sqlite_utils.Database, item_id: int) -> ItemRow:
    """The item's own row, without its subtree or agencies (labels, plan lookups)."""
    row = db.execute("SELECT id, plan_id, parent_id, position, code, title FROM items WHERE id = ?",
                     [item_id]).fetchone()
    if row is None:
        raise UserError(f"Không tìm thấy mục số {item_id}.")
    return ItemRow(*row)


def _code_key(code: str) -> str:
    return fold(code).replace(" ", "")


def _number_key(code: str) -> str:
    """"TCTP 1.3.1" → "1.3.1": a code may be given without its TC/TCTP prefix."""
    key = _code_key(code)
    for prefix in ("tctp", "tc"):
        if key.startswith(prefix):
            return key[len(prefix):]
    return key


def find_item(db: sqlite_utils.Database, plan_id: int, ref: str) -> int:
    """An item by "#id", its code ("TC 1.1", "tc1.1", "1.1"), or a path "III/2"."""
    ref = clean(ref)
    if ref.startswith("#") and ref[1:].isdigit():
        row = db.execute("SELECT id FROM items WHERE id = ? AND plan_id = ?", [int(ref[1:]), plan_id]).fetchone()
        if row:
            return row[0]
        raise UserError(f"Kế hoạch số {plan_id} không có mục {ref}.")
    rows = db.execute("SELECT id, parent_id, code FROM items WHERE plan_id = ?", [plan_id]).fetchall()
    codes = {row[0]: row[2] for row in rows}
    parents = {row[0]: row[1] for row in rows}

    def path(item_id: int) -> str:
        parts = []
        while item_id is not None:
            parts.append(codes[item_id] or "?")
            item_id = parents[item_id]
        return "/".join(reversed(parts))

    for key_of in (_code_key, _number_key):
        wanted = key_of(ref.split("/")[-1])
        matches = [i for i, code in codes.items() if code and key_of(code) == wanted]
        if "/" in ref:
            path_key = [_code_key(part) for part in ref.split("/")]
            matches = [i for i in matches if [_code_key(p) for p in path(i).split("/")][-len(path_key):] == path_key]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            shown = ", ".join(path(i) for i in matches[:6])
            raise UserError(
                f"Mã “{ref}” trùng ở nhiều mục của kế hoạch số {plan_id} ({shown}); hãy ghi kèm mã lĩnh vực, ví dụ “{path(matches[0])}”."
            )
    raise UserError(f"Kế hoạch số {plan_id} không có mục mang mã “{ref}”.")


# ---------------------------------------------------------------- writing

def _check_level(level: str) -> str:
    if level not in LEVELS:
        raise UserError(f"Cấp “{level}” không hợp lệ; chọn một trong: {', '.join(LEVELS)}.")
    return level


def _threshold_columns(threshold: Threshold | None, manual: bool) -> dict:
    return {
        "target_comparator": threshold.comparator if threshold else None,
        "target_value": threshold.value if threshold else None,
        "target_unit": threshold.unit if threshold else None,
        "target_baseline_year": threshold.baseline_year if threshold else None,
        "target_baseline_value": threshold.baseline_value if threshold else None,
        "target_manual": int(manual),
    }


def depth_of(db: sqlite_utils.Database, item_id: int | None) -> int:
    """1 for a top-level item, 0 for "no parent"."""
    depth = 0
    while item_id is not None:
        depth += 1
        item_id = db.execute("SELECT parent_id FROM items WHERE id = ?", [item_id]).fetchone()[0]
    return depth


def subtree_height(draft_or_item) -> int:
    return 1 + max((subtree_height(c) for c in draft_or_item.children), default=0)


def add_item(
    db: sqlite_utils.Database,
    plan_id: int,
    draft: ItemDraft,
    parent_id: int | None = None,
    position: int | None = None,
    source: str = "",
    record_history: bool = True,
) -> int:
    """Insert one item with its subtree; returns the new item's id."""
    with transaction(db):
        if depth_of(db, parent_id) + subtree_height(draft) > MAX_DEPTH:
            raise UserError(f"Cây kế hoạch chỉ có tối đa {MAX_DEPTH} cấp; không thêm được “{draft.title}”.")
        if position is None:
            position = db.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM items WHERE plan_id = ? AND parent_id IS ?",
                [plan_id, parent_id],
            ).fetchone()[0]
        else:
            db.execute(
                "UPDATE items SET position = position + 1 WHERE plan_id = ? AND parent_id IS ? AND position >= ?",
                [plan_id, parent_id, position],
            )
        item_id = _insert(db, plan_id, draft, parent_id, position)
        if record_history:
            history.record(db, entity="item", entity_id=item_id, field="created", new=draft.title,
                           plan_id=plan_id, source=source)
    return item_id


def insert_drafts(db: sqlite_utils.Database, plan_id: int, drafts: list[ItemDraft]) -> list[int]:
    """A whole tree at the end of a plan's top level (new plans, imports), in one go."""
    with transaction(db):
        for draft in drafts:
            if subtree_height(draft) > MAX_DEPTH:
                raise UserError(f"Cây kế hoạch chỉ có tối đa {MAX_DEPTH} cấp; “{draft.title}” sâu hơn thế.")
        start = db.execute(
            "SELECT coalesce(max(position), -1) + 1 FROM items WHERE plan_id = ? AND parent_id IS NULL", [plan_id]
        ).fetchone()[0]
        return _insert_many(db, plan_id, [(draft, None, start + n) for n, draft in enumerate(drafts)],
                            _AgencyCache(db))


class _AgencyCache:
    """Agency ids and names met during one bulk insert: a plan repeats the same few sections."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.by_spelling: dict[str, int] = {}
        self.names: dict[int, str] = {}

    def resolve(self, spelling: str) -> int:
        if spelling not in self.by_spelling:
            agency_id = resolve_agency(self.db, spelling)
            self.by_spelling[spelling] = agency_id
            self.names[agency_id] = self.db.execute("SELECT name FROM agencies WHERE id = ?", [agency_id]).fetchone()[0]
        return self.by_spelling[spelling]


_INSERT_ITEM = """INSERT INTO items (id, plan_id, parent_id, position, code, level, title, target_text, output,
    timeframe_text, notes, target_comparator, target_value, target_unit, target_baseline_year,
    target_baseline_value, target_manual, search_fold)
    VALUES (:id, :plan_id, :parent_id, :position, :code, :level, :title, :target_text, :output,
    :timeframe_text, :notes, :target_comparator, :target_value, :target_unit, :target_baseline_year,
    :target_baseline_value, :target_manual, :search_fold)"""


def _insert(db: sqlite_utils.Database, plan_id: int, draft: ItemDraft, parent_id: int | None, position: int,
            cache: _AgencyCache | None = None) -> int:
    """Insert a draft and its subtree; returns the draft's new id."""
    return _insert_many(db, plan_id, [(draft, parent_id, position)], cache or _AgencyCache(db))[0]


def _insert_many(db: sqlite_utils.Database, plan_id: int, placed: list[tuple[ItemDraft, int | None, int]],
                 cache: _AgencyCache) -> list[int]:
    """Rows for every draft with ids given here, written with two executemany calls: an import
    of thousands of items is then bound by parsing, not by one statement per item."""
    next_id = db.execute("SELECT coalesce(max(id), 0) + 1 FROM items").fetchone()[0]
    rows: list[dict] = []
    links: list[tuple] = []
    year_rows: list[tuple] = []

    def collect(draft: ItemDraft, parent_id: int | None, position: int) -> int:
        nonlocal next_id
        item_id, next_id = next_id, next_id + 1
        title = clean(draft.title)
        if not title:
            raise UserError("Tên mục không được để trống.")
        target_text = clean(draft.target_text)
        threshold = draft.threshold if draft.target_manual else parse_target(target_text)
        row = {
            "id": item_id, "plan_id": plan_id, "parent_id": parent_id, "position": position,
            "code": clean(draft.code), "level": _check_level(draft.level), "title": title,
            "target_text": target_text, "output": clean(draft.output),
            "timeframe_text": clean(draft.timeframe_text), "notes": clean(draft.notes),
            **_threshold_columns(threshold, draft.target_manual),
        }
        names: list[str] = []
        for role, spellings in (("lead", draft.lead), ("partner", draft.partners), ("monitor", draft.monitor)):
            seen: list[int] = []
            for spelling in filter(None, map(clean, spellings)):
                agency_id = cache.resolve(spelling)
                if agency_id not in seen:
                    seen.append(agency_id)
            links.extend((item_id, role, rank, agency_id) for rank, agency_id in enumerate(seen, start=1))
            names.extend(cache.names[agency_id] for agency_id in seen)
        row["search_fold"] = _fold_of(row, names)
        rows.append(row)
        year_rows.extend(_year_rows(item_id, draft.year_targets, target_text))
        for child_position, child in enumerate(draft.children):
            collect(child, item_id, child_position)
        return item_id

    ids = [collect(draft, parent_id, position) for draft, parent_id, position in placed]
    db.conn.executemany(_INSERT_ITEM, rows)
    db.conn.executemany("INSERT INTO item_agencies (item_id, role, position, agency_id) VALUES (?, ?, ?, ?)", links)
    db.conn.executemany(_INSERT_YEAR_TARGET, year_rows)
    return ids


_INSERT_YEAR_TARGET = """INSERT INTO item_year_targets (item_id, year, text, comparator, value, unit, manual)
    VALUES (?, ?, ?, ?, ?, ?, ?)"""


def year_targets_of(given: dict | None, target_text: str) -> dict[int, YearTarget]:
    """The per-year targets to keep: those given ({year: YearTarget or text}), else the years the
    target text names ("Năm 2024: 80%; năm 2025: 85%"); a text's threshold is parsed from it."""
    if given is None:
        given = parse_year_targets(target_text)
    found = {}
    for year, value in given.items():
        if isinstance(value, YearTarget):
            target = value if value.manual else YearTarget(int(year), clean(value.text), parse_target(value.text))
        else:
            target = YearTarget(int(year), clean(value), parse_target(value))
        if target.text or target.threshold is not None:
            found[int(year)] = target
    return found


def _year_rows(item_id: int, given: dict | None, target_text: str) -> list[tuple]:
    rows = []
    for year, target in sorted(year_targets_of(given, target_text).items()):
        threshold = target.threshold
        rows.append((item_id, year, target.text, threshold.comparator if threshold else None,
                     threshold.value if threshold else None, threshold.unit if threshold else None,
                     int(target.manual)))
    return rows


def _fold_of(fields: dict, agency_names: list[str]) -> str:
    texts = [fields[key] for key in ("code", "title", "target_text", "output", "timeframe_text", "notes")]
    return fold_for_search(" | ".join([*texts, *agency_names]))


def _set_agencies(db: sqlite_utils.Database, item_id: int, role: str, names: list[str]) -> None:
    db.execute("DELETE FROM item_agencies WHERE item_id = ? AND role = ?", [item_id, role])
    seen: set[int] = set()
    for name in names:
        if not clean(name):
            continue
        agency_id = resolve_agency(db, name)
        if agency_id in seen:
            continue
        seen.add(agency_id)
        db.execute(
            "INSERT INTO item_agencies (item_id, role, position, agency_id) VALUES (?, ?, ?, ?)",
            [item_id, role, len(seen), agency_id],
        )


def refresh_search_fold(db: sqlite_utils.Database, item_ids: list[int]) -> None:
    """Keep the folded copy that search reads in step with the item and its agencies."""
    for item_id in item_ids:
        row = dict(zip(
            ("code", "title", "target_text", "output", "timeframe_text", "notes"),
            db.execute("SELECT code, title, target_text, output, timeframe_text, notes FROM items WHERE id = ?",
                       [item_id]).fetchone(),
        ))
        names = [r[0] for r in db.execute(
            "SELECT a.name FROM item_agencies ia JOIN agencies a ON a.id = ia.agency_id WHERE ia.item_id = ?"
            " ORDER BY ia.role, ia.position",
            [item_id],
        )]
        db.execute("UPDATE items SET search_fold = ? WHERE id = ?", [_fold_of(row, names), item_id])


def update_item(db: sqlite_utils.Database, item_id: int, source: str = "", **changes) -> PlanItem:
    """Change fields of one item: code, level, title, target_text, threshold (with
    target_manual), year_targets ({year: text or YearTarget}; {} clears them), output,
    timeframe_text, notes, lead, partners, monitor."""
    old = get_item(db, item_id)
    with transaction(db):
        columns: dict = {}
        for key in _TEXT_FIELDS:
            if key in changes and changes[key] is not None:
                value = clean(changes[key])
                if key == "title" and not value:
                    raise UserError("Tên mục không được để trống.")
                if value != getattr(old, key):
                    columns[key] = value
                    history.record(db, entity="item", entity_id=item_id, field=key, old=getattr(old, key),
                                   new=value, plan_id=old.plan_id, source=source)
        if "level" in changes and changes["level"] != old.level:
            columns["level"] = _check_level(changes["level"])
            history.record(db, entity="item", entity_id=item_id, field="level", old=old.level,
                           new=changes["level"], plan_id=old.plan_id, source=source)
        manual = changes.get("target_manual", old.target_manual)
        if "threshold" in changes:
            threshold, manual = changes["threshold"], changes.get("target_manual", True)
        elif "target_text" in columns and not old.target_manual:
            threshold = parse_target(columns["target_text"])
        else:
            threshold = old.threshold if manual else parse_target(columns.get("target_text", old.target_text))
        if threshold != old.threshold or bool(manual) != old.target_manual:
            columns.update(_threshold_columns(threshold, bool(manual)))
            history.record(db, entity="item", entity_id=item_id, field="threshold",
                           old=old.threshold.to_dict() if old.threshold else None,
                           new=threshold.to_dict() if threshold else None, plan_id=old.plan_id, source=source)
        if columns:
            db.table("items").update(item_id, columns)
        _update_year_targets(db, old, changes.get("year_targets"), columns.get("target_text"), source)
        for role, key in (("lead", "lead"), ("partner", "partners"), ("monitor", "monitor")):
            if key in changes and changes[key] is not None:
                names = [clean(n) for n in changes[key] if clean(n)]
                if names != getattr(old, key):
                    _set_agencies(db, item_id, role, names)
                    history.record(db, entity="item", entity_id=item_id, field=key, old=getattr(old, key),
                                   new=names, plan_id=old.plan_id, source=source)
        refresh_search_fold(db, [item_id])
    return get_item(db, item_id)


def _update_year_targets(db: sqlite_utils.Database, old: PlanItem, given: dict | None,
                         new_text: str | None, source: str) -> None:
    """Per-year targets given, or read again from a new target text unless the officer set them."""
    if given is None and (new_text is None or any(t.manual for t in old.year_targets.values())):
        return
    wanted = year_targets_of(given, new_text if new_text is not None else old.target_text)
    if wanted == old.year_targets:
        return
    db.execute("DELETE FROM item_year_targets WHERE item_id = ?", [old.id])
    db.conn.executemany(_INSERT_YEAR_TARGET, _year_rows(old.id, wanted, ""))
    history.record(db, entity="item", entity_id=old.id, field="year_targets",
                   old={y: t.text for y, t in old.year_targets.items()} or None,
                   new={y: t.text for y, t in wanted.items()} or None, plan_id=old.plan_id, source=source)


def _siblings(db: sqlite_utils.Database, plan_id: int, parent_id: int | None) -> list[int]:
    return [r[0] for r in db.execute(
        "SELECT id FROM items WHERE plan_id = ? AND parent_id IS ? ORDER BY position, id", [plan_id, parent_id]
    )]


def _renumber(db: sqlite_utils.Database, ids: list[int]) -> None:
    for position, sibling in enumerate(ids):
        db.execute("UPDATE items SET position = ? WHERE id = ?", [position, sibling])


def move_item(db: sqlite_utils.Database, item_id: int, new_parent_id: int | None, new_position: int,
              source: str = "") -> None:
    """Put an item (with its subtree) under new_parent_id at new_position among the siblings."""
    item = get_item(db, item_id)
    with transaction(db):
        ancestor = new_parent_id
        while ancestor is not None:
            if ancestor == item_id:
                raise UserError("Không thể chuyển một mục vào bên trong chính nó.")
            ancestor = db.execute("SELECT parent_id FROM items WHERE id = ?", [ancestor]).fetchone()[0]
        if depth_of(db, new_parent_id) + subtree_height(item) > MAX_DEPTH:
            raise UserError(f"Cây kế hoạch chỉ có tối đa {MAX_DEPTH} cấp; không chuyển được “{item.title}”.")
        old_siblings = [i for i in _siblings(db, item.plan_id, item.parent_id) if i != item_id]
        _renumber(db, old_siblings)
        new_siblings = [i for i in _siblings(db, item.plan_id, new_parent_id) if i != item_id]
        new_position = max(0, min(new_position, len(new_siblings)))
        new_siblings.insert(new_position, item_id)
        db.execute("UPDATE items SET parent_id = ? WHERE id = ?", [new_parent_id, item_id])
        _renumber(db, new_siblings)
        history.record(db, entity="item", entity_id=item_id, field="position",
                       old=[item.parent_id, item.position], new=[new_parent_id, new_position],
                       plan_id=item.plan_id, source=source)


def indent_item(db: sqlite_utils.Database, item_id: int, source: str = "") -> None:
    """Make the item the last child of the sibling above it."""
    item = get_item(db, item_id)
    siblings = _siblings(db, item.plan_id, item.parent_id)
    index = siblings.index(item_id)
    if index == 0:
        raise UserError("Mục đầu tiên trong nhóm không thể lùi vào; không có mục nào phía trên để làm mục cha.")
    new_parent = siblings[index - 1]
    move_item(db, item_id, new_parent, len(_siblings(db, item.plan_id, new_parent)), source)


def outdent_item(db: sqlite_utils.Database, item_id: int, source: str = "") -> None:
    """Make the item the sibling just after its parent."""
    item = get_item(db, item_id)
    if item.parent_id is None:
        raise UserError("Mục đã ở cấp ngoài cùng, không thể đưa ra ngoài nữa.")
    parent = get_item(db, item.parent_id)
    move_item(db, item_id, parent.parent_id, parent.position + 1, source)


def delete_item(db: sqlite_utils.Database, item_id: int, source: str = "") -> dict:
    """Delete an item with its subtree, progress and evidence; returns what undo needs."""
    item = get_item(db, item_id)
    with transaction(db):
        snapshot = snapshot_subtree(db, item)
        db.execute("DELETE FROM items WHERE id = ?", [item_id])
        _renumber(db, _siblings(db, item.plan_id, item.parent_id))
        history.record(db, entity="item", entity_id=item_id, field="deleted", old=item.title,
                       plan_id=item.plan_id, source=source)
    return snapshot


def snapshot_subtree(db: sqlite_utils.Database, item: PlanItem) -> dict:
    """Every row under the item, so that a deletion can be undone exactly, ids included."""
    ids = [node.id for node in item.walk()]
    marks = ",".join("?" * len(ids))
    order = {item_id: index for index, item_id in enumerate(ids)}  # parents before children
    return {
        "root_id": item.id,
        "plan_id": item.plan_id,
        "parent_id": item.parent_id,
        "position": item.position,
        "items": sorted((dict(r) for r in db.query(f"SELECT * FROM items WHERE id IN ({marks})", ids)),
                        key=lambda row: order[row["id"]]),
        "item_agencies": [dict(r) for r in db.query(f"SELECT * FROM item_agencies WHERE item_id IN ({marks})", ids)],
        "progress": [dict(r) for r in db.query(f"SELECT * FROM progress WHERE item_id IN ({marks})", ids)],
        "evidence": [dict(r) for r in db.query(f"SELECT * FROM evidence WHERE item_id IN ({marks})", ids)],
        "item_year_targets": [dict(r) for r in db.query(
            f"SELECT * FROM item_year_targets WHERE item_id IN ({marks})", ids)],
    }


def restore_subtree(db: sqlite_utils.Database, snapshot: dict, source: str = "") -> None:
    """Undo a deletion: the rows come back as they were, at their old place."""
    with transaction(db):
        db.execute(
            "UPDATE items SET position = position + 1 WHERE plan_id = ? AND parent_id IS ? AND position >= ?",
            [snapshot["plan_id"], snapshot["parent_id"], snapshot["position"]],
        )
        for table in ("items", "item_agencies", "progress", "evidence", "item_year_targets"):
            for row in snapshot.get(table, []):
                db[table].insert(row)
        history.record(db, entity="item", entity_id=snapshot["root_id"], field="restored", new=None,
                       plan_id=snapshot["plan_id"], source=source)
