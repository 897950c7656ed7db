"""The built-in plans a new office starts from, and next year's plan from this year's."""

from __future__ import annotations

import json
import re
from functools import lru_cache

from parcdesk.errors import UserError
from parcdesk.model import ItemDraft, PlanItem
from parcdesk.resources import resource_path, resources_dir

TEMPLATE_NAMES = {"par-xa": "par-xa.json"}


def available_templates() -> dict[str, str]:
    """id → display name of every built-in template."""
    found = {}
    for path in sorted((resources_dir() / "templates").glob("*.json")):
        found[path.stem] = _read(path.name)["name"]
    return found


@lru_cache(maxsize=None)
def _read(file_name: str) -> dict:
    return json.loads(resource_path("templates", file_name).read_text(encoding="utf-8"))


def load_template(template_id: str) -> dict:
    file_name = f"{template_id}.json"
    if not (resources_dir() / "templates" / file_name).is_file():
        names = ", ".join(available_templates()) or "không có"
        raise UserError(f"Không có mẫu kế hoạch “{template_id}” (các mẫu có sẵn: {names}).")
    return _read(file_name)


def _fill_years(text: str, year: int) -> str:
    return (text or "").replace("{year}", str(year)).replace("{prev_year}", str(year - 1)).replace(
        "{next_year}", str(year + 1)
    )


def _draft_from_entry(entry: dict, year: int) -> ItemDraft:
    return ItemDraft(
        code=entry.get("code", ""),
        level=entry["level"],
        title=_fill_years(entry["title"], year),
        target_text=_fill_years(entry.get("target", ""), year),
        lead=list(entry.get("lead", [])),
        partners=list(entry.get("partners", [])),
        monitor=list(entry.get("monitor", [])),
        output=_fill_years(entry.get("output", ""), year),
        timeframe_text=_fill_years(entry.get("timeframe", ""), year),
        notes=_fill_years(entry.get("notes", ""), year),
        children=[_draft_from_entry(child, year) for child in entry.get("children", [])],
    )


def template_plan(template_id: str, year: int) -> tuple[dict, list[ItemDraft]]:
    """(plan fields, item drafts) of a built-in template for the given year."""
    template = load_template(template_id)
    fields = {
        "title": _fill_years(template["plan_title"], year),
        "appendix_title": _fill_years(template.get("appendix_title", ""), year),
        "template": template_id,
    }
    return fields, [_draft_from_entry(entry, year) for entry in template["items"]]


_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def shift_years(text: str, years: range, delta: int) -> str:
    """Move the plan's own years forward ("Trong năm 2025" → "Trong năm 2026").

    Only years near the plan's are moved: a decree's year ("59/2012/NĐ-CP") stays.
    """
    return _YEAR.sub(lambda m: str(int(m.group(1)) + delta) if int(m.group(1)) in years else m.group(1), text)


def next_year_drafts(roots: list[PlanItem], year_from: int, year_to: int, delta: int) -> list[ItemDraft]:
    """Tree and targets copied, years in timeframes moved on; progress is not carried."""
    years = range(year_from - 1, year_to + 2)

    def convert(item: PlanItem) -> ItemDraft:
        draft = ItemDraft.from_item(item)
        draft.children = [convert(child) for child in item.children]
        draft.timeframe_text = shift_years(item.timeframe_text, years, delta)
        draft.title = shift_years(item.title, years, delta)
        return draft

    return [convert(root) for root in roots]
