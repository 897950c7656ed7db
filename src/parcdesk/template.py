"""The built-in plans a new office starts from.

The template's texts carry placeholders ({year}, {prev_year}, {next_year}), filled for the
plan's year. A target measured against last year names the baseline year only
("Tăng ít nhất 02% so với năm {prev_year}"): the template cannot know the office's result of
that year, so the threshold has no value until the officer enters it (parsing/targets.py
`baseline_request`). Next year's plan from this year's is rollforward.py's.
"""

from __future__ import annotations

import json
from functools import lru_cache

from parcdesk.errors import UserError
from parcdesk.model import ItemDraft
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
