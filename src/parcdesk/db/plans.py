"""Plans: creating (empty, from a template, from last year's), listing, deleting."""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlite_utils

from parcdesk.db import history
from parcdesk.db.connection import transaction
from parcdesk.db.history import now_iso
from parcdesk.db.items import insert_drafts, load_tree
from parcdesk.errors import UserError
from parcdesk.db.progress import progress_of_plan
from parcdesk.model import ItemDraft, Plan, PlanItem
from parcdesk.periods import periods_of_year
from parcdesk.rollforward import RollForward, propose
from parcdesk.template import template_plan
from parcdesk.text import clean

_PLAN_COLUMNS = "id, number, issued_on, title, year_from, year_to, basis, appendix_title, template, source_plan_id, created_at"


def _plan_from_row(row: dict, item_count: int = 0) -> Plan:
    return Plan(
        id=row["id"], title=row["title"], year_from=row["year_from"], year_to=row["year_to"],
        number=row["number"], issued_on=row["issued_on"], basis=json.loads(row["basis"] or "[]"),
        appendix_title=row["appendix_title"], template=row["template"],
        source_plan_id=row["source_plan_id"], created_at=row["created_at"], item_count=item_count,
    )


def list_plans(db: sqlite_utils.Database) -> list[Plan]:
    counts = dict(db.execute("SELECT plan_id, count(*) FROM items GROUP BY plan_id").fetchall())
    return [
        _plan_from_row(row, counts.get(row["id"], 0))
        for row in db.query(f"SELECT {_PLAN_COLUMNS} FROM plans ORDER BY year_from DESC, id DESC")
    ]


def get_plan(db: sqlite_utils.Database, plan_id: int) -> Plan:
    rows = list(db.query(f"SELECT {_PLAN_COLUMNS} FROM plans WHERE id = ?", [plan_id]))
    if not rows:
        raise UserError(f"Không có kế hoạch số {plan_id}.")
    count = db.execute("SELECT count(*) FROM items WHERE plan_id = ?", [plan_id]).fetchone()[0]
    return _plan_from_row(rows[0], count)


# The years a plan can be for: the one rule, which the command line's --year uses too.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def check_year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UserError(f"Năm {year} không hợp lệ cho một kế hoạch (từ {FIRST_YEAR} đến {LAST_YEAR}).")
    return year


def _check_years(year_from: int, year_to: int) -> None:
    for year in (year_from, year_to):
        check_year(year)
    if year_to < year_from:
        raise UserError(f"Năm kết thúc {year_to} đứng trước năm bắt đầu {year_from}.")


def create_plan(
    db: sqlite_utils.Database,
    *,
    title: str,
    year_from: int,
    year_to: int | None = None,
    drafts: Sequence[ItemDraft] = (),
    number: str = "",
    issued_on: str | None = None,
    basis: Sequence[str] = (),
    appendix_title: str = "",
    template: str | None = None,
    source_plan_id: int | None = None,
    source: str = "",
) -> int:
    year_to = year_to or year_from
    _check_years(year_from, year_to)
    title = clean(title)
    if not title:
        raise UserError("Tên kế hoạch không được để trống.")
    with transaction(db):
        plan_id = db.table("plans").insert({
            "number": clean(number), "issued_on": issued_on, "title": title,
            "year_from": year_from, "year_to": year_to,
            "basis": json.dumps([clean(b) for b in basis if clean(b)], ensure_ascii=False),
            "appendix_title": clean(appendix_title), "template": template,
            "source_plan_id": source_plan_id, "created_at": now_iso(),
        }).last_pk
        insert_drafts(db, plan_id, list(drafts))
        history.record(db, entity="plan", entity_id=plan_id, field="created", new=title,
                       plan_id=plan_id, source=source)
    return plan_id


def create_from_template(db: sqlite_utils.Database, template_id: str, year: int, source: str = "") -> int:
    fields, drafts = template_plan(template_id, year)
    return create_plan(db, year_from=year, drafts=drafts, source=source, **fields)


def _last_results(db: sqlite_utils.Database, plan: Plan) -> dict[int, float]:
    """item id → the plan's last recorded value of it: the year-end period's, else the latest period's."""
    found: dict[int, float] = {}
    for period in periods_of_year(plan.year_to):  # Q1 … year-end: a later period overwrites
        for item_id, progress in progress_of_plan(db, plan.id, period.code).items():
            if progress.actual_value is not None:
                found[item_id] = progress.actual_value
    return found


def next_year_rollforward(db: sqlite_utils.Database, source_plan_id: int,
                          year: int | None = None) -> tuple[Plan, RollForward, list[ItemDraft]]:
    """What next year's plan from this one would be: (source plan, proposed rewrites, drafts).

    Tree and targets copied, progress not; the rewrites (years moved, baselines from the
    source's recorded results) are applied by `create_next_year`, all of them unless told."""
    old = get_plan(db, source_plan_id)
    year = check_year(year or old.year_to + 1)
    if year <= old.year_from:
        raise UserError(f"Năm {year} phải sau năm {old.year_from} của kế hoạch số {old.id}.")
    results = _last_results(db, old)
    baselines: dict[int, float] = {}

    def convert(item: PlanItem) -> ItemDraft:
        draft = ItemDraft.from_item(item)
        draft.children = [convert(child) for child in item.children]
        if item.id in results:
            baselines[id(draft)] = results[item.id]
        return draft

    drafts = [convert(root) for root in load_tree(db, source_plan_id)]
    roll = propose({"title": old.title, "appendix_title": old.appendix_title}, drafts, source_from=old.year_from,
                   source_to=old.year_to, year_from=year, baseline_results=baselines)
    return old, roll, drafts


def create_next_year(db: sqlite_utils.Database, source_plan_id: int, year: int | None = None,
                     source: str = "", *, keep_years: bool = False, accepted: Sequence[int] | None = None,
                     overrides: dict[int, float] | None = None) -> int:
    """Next year's plan from this one, its years rolled forward (`accepted`: the indexes of the
    proposals to apply, None: all; `keep_years`: none; `overrides`: {index: the officer's value}
    for proposed next-year targets)."""
    old, roll, drafts = next_year_rollforward(db, source_plan_id, year)
    for index, value in (overrides or {}).items():
        roll.rewrites[index].override(value)
    roll.apply([] if keep_years else accepted)
    return create_plan(
        db,
        title=roll.plan_fields["title"],
        year_from=roll.year_from,
        year_to=old.year_to + roll.delta,
        drafts=drafts,
        appendix_title=roll.plan_fields["appendix_title"],
        template=old.template,
        source_plan_id=old.id,
        source=source,
    )


def update_plan(db: sqlite_utils.Database, plan_id: int, source: str = "", **changes) -> Plan:
    """Change number, issued_on, title, appendix_title or basis."""
    old = get_plan(db, plan_id)
    with transaction(db):
        for key in ("number", "issued_on", "title", "appendix_title", "basis"):
            if key not in changes or changes[key] is None:
                continue
            value = [clean(b) for b in changes[key] if clean(b)] if key == "basis" else clean(changes[key])
            if key == "title" and not value:
                raise UserError("Tên kế hoạch không được để trống.")
            if value != getattr(old, key):
                stored = json.dumps(value, ensure_ascii=False) if key == "basis" else value
                db.table("plans").update(plan_id, {key: stored})
                history.record(db, entity="plan", entity_id=plan_id, field=key, old=getattr(old, key),
                               new=value, plan_id=plan_id, source=source)
    return get_plan(db, plan_id)


def delete_plan(db: sqlite_utils.Database, plan_id: int, source: str = "") -> None:
    plan = get_plan(db, plan_id)
    with transaction(db):
        db.execute("UPDATE plans SET source_plan_id = NULL WHERE source_plan_id = ?", [plan_id])
        db.execute("DELETE FROM plans WHERE id = ?", [plan_id])
        history.record(db, entity="plan", entity_id=plan_id, field="deleted", old=plan.title,
                       plan_id=plan_id, source=source)
