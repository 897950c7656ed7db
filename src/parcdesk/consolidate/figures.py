"""The consolidated view: per unit, per area, per PAR INDEX code, measurable targets.

Read from the accepted reports' content alone (the consolidation file keeps it). Items are
matched across units on their PAR INDEX codes (TC/TCTP, parsing/codes.py; a plan numbering
criteria "1.1" or "1.3.1" gets the same "TC 1.1"/"TCTP 1.3.1"); tasks and other items without a
shared code are counted per area — the PAR INDEX area each plan's area is about (par_areas.py),
whatever its numeral in that plan. An item's bucket is the report's: done (done late included),
in progress, late (a due date passed, not finished: the report marks it "(quá hạn)"), not
started, failed, not applicable.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

import sqlite_utils

from parcdesk.consolidate import par_areas
from parcdesk.consolidate.intake import deadline_of, period_of
from parcdesk.consolidate.units import unit_key
from parcdesk.db import consolidation as store
from parcdesk.parsing.codes import split_code
from parcdesk.periods import parse_period
from parcdesk.statuses import BUCKETS

COUNT_KEYS = ("total", "done", "done_late", "in_progress", "late", "not_started", "failed", "not_applicable")
LATE_MARK = "(quá hạn)"  # report/content.py adds it to the status label of an overdue item


def row_bucket(row: dict) -> str | None:
    status = row.get("status")
    if status is None or row.get("kind") != "item":
        return None
    if status in ("done", "done_late"):
        return "done"
    if status in ("failed", "not_applicable"):
        return status
    return "late" if str(row.get("status_label") or "").endswith(LATE_MARK) else status


def shared_code(row: dict) -> str:
    """"TC 1.1", "TCTP 3.4.2" (from "1.1"/"3.4.2" of a criterion/sub-criterion too); "" for the rest."""
    found = split_code(row.get("code") or "")
    code = found.code
    if code.upper().startswith(("TC ", "TCTP ")):
        return code
    if code and code[0].isdigit() and row.get("level") in ("criterion", "subcriterion"):
        return f"{'TC' if code.count('.') == 1 else 'TCTP'} {code}"
    return ""


def _blank() -> dict[str, int]:
    return dict.fromkeys(BUCKETS, 0)


@dataclass
class UnitLine:
    name: str  # the name its accepted report carries; the expected list's for a unit that sent none
    expected: bool
    sent: bool
    refused: str = ""  # not sent, but a file from it was refused: the reason (the last such file's)
    on_time: bool | None = None
    version: int | None = None
    dated_on: str | None = None
    first_dated_on: str | None = None
    file_name: str = ""
    plan: str = ""
    totals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS, 0))


@dataclass
class CodeLine:
    code: str
    title: str
    area: str
    units: dict[str, int] = field(default_factory=_blank)  # bucket → units
    measurable: int = 0  # units where the target is measurable
    met: int = 0
    unmet: int = 0
    no_value: int = 0
    by_unit: dict[str, str] = field(default_factory=dict)  # unit name → bucket


@dataclass
class AreaLine:
    key: str
    title: str
    units: int = 0  # units whose report has this area
    items: dict[str, int] = field(default_factory=_blank)  # bucket → items, over all units
    uncoded: dict[str, int] = field(default_factory=_blank)  # the same, items without a shared code
    own_titles: list[str] = field(default_factory=list)  # "Khác": the unit's own areas it gathers

    @property
    def shown_title(self) -> str:
        return f"{self.title}: {'; '.join(self.own_titles)}" if self.own_titles else self.title


@dataclass
class Consolidation:
    period: str
    period_label: str
    deadline: date
    meta: dict
    units: list[UnitLine]
    areas: list[AreaLine]
    codes: list[CodeLine]
    totals: dict[str, int]
    received: list[dict]

    @property
    def sent(self) -> list[UnitLine]:
        return [u for u in self.units if u.sent]

    @property
    def missing(self) -> list[UnitLine]:
        """Units that sent nothing at all."""
        return [u for u in self.units if not u.sent and not u.refused]

    @property
    def invalid(self) -> list[UnitLine]:
        """Units whose only files were refused (altered, a draft…): not missing, not sent either."""
        return [u for u in self.units if not u.sent and u.refused]

    def to_dict(self) -> dict:
        def received(outcome: str) -> list[dict]:
            return [{"file": r["file_name"], "unit": r["unit_name"], "reason": r["reason"], "kind": r["kind"],
                     "version": r["version"]} for r in self.received if r["outcome"] == outcome]

        return {
            "period": self.period, "period_label": self.period_label, "deadline": self.deadline.isoformat(),
            "units": [{"name": u.name, "expected": u.expected, "sent": u.sent, "refused": u.refused,
                       "on_time": u.on_time,
                       "version": u.version, "dated_on": u.dated_on, "file": u.file_name, "totals": u.totals}
                      for u in self.units],
            "received": [{"unit": u.name, "version": u.version, "file": u.file_name, "on_time": u.on_time}
                         for u in self.sent],
            "accepted_files": received("accepted"),
            "refused": received("refused"),
            "replaced": received("replaced"),
            "missing": [u.name for u in self.missing],
            "invalid": [{"unit": u.name, "reason": u.refused} for u in self.invalid],
            "totals": {**self.totals, "units_expected": sum(1 for u in self.units if u.expected),
                       "units_sent": len(self.sent), "units_missing": len(self.missing),
                       "units_invalid": len(self.invalid),
                       "units_late": sum(1 for u in self.sent if u.on_time is False)},
            "areas": [{"key": a.key, "title": a.shown_title, "units": a.units, "items": a.items, "uncoded": a.uncoded}
                      for a in self.areas],
            "codes": [{"code": c.code, "title": c.title, "area": c.area, "units": c.units, "measurable": c.measurable,
                       "met": c.met, "unmet": c.unmet, "no_value": c.no_value} for c in self.codes],
        }


def _code_order(code: str) -> tuple:
    kind, _, digits = code.partition(" ")
    return tuple(int(p) if p.isdigit() else 0 for p in digits.split(".")), kind != "TC"


def consolidate(db: sqlite_utils.Database) -> Consolidation:
    period = period_of(db)
    deadline = deadline_of(db)
    expected = store.list_units(db)
    reports = store.current_reports(db)
    by_unit: dict[str, list[dict]] = {}
    for report in reports:
        by_unit.setdefault(report["unit_key"], []).append(report)
    names: dict[str, str] = {}
    keys_of_unit: dict[int, list[str]] = {}
    for report in reports:
        if report["unit_id"] is not None:
            keys_of_unit.setdefault(report["unit_id"], []).append(report["unit_key"])
    received = store.received_rows(db)
    refused = {}  # unit key → the reason its last refused file was refused
    for row in received:
        if row["outcome"] == "refused" and row["unit_key"]:
            refused[row["unit_key"]] = row["reason"]
    lines: list[UnitLine] = []
    used: set[str] = set()
    line_of_id: dict[int, str] = {}
    for unit in expected:
        keys = keys_of_unit.get(unit["id"], [])
        # the report's own spelling of the unit's name ("UBND xã Quang Trung" for a typed "xa quang trung"),
        # but the list's name when the report came under an alias (a renamed or merged commune)
        own = [by_unit[k][-1]["unit_name"] for k in keys if k == unit["key"]]
        line = UnitLine(own[0] if own else unit["name"], True, bool(keys))
        for key in keys:
            used.add(key)
            _fill(line, by_unit[key], deadline)
        if not keys:
            line.refused = next((refused[k] for k in [unit["key"], *map(unit_key, unit["aliases"])] if k in refused), "")
        line_of_id[unit["id"]] = line.name
        lines.append(line)
    for key, found in by_unit.items():  # no expected list: every unit that sent
        if key not in used:
            line = UnitLine(found[0]["unit_name"], False, True)
            _fill(line, found, deadline)
            lines.append(line)
    if not expected:  # …and every unit whose only files were refused
        names_of_key = {r["unit_key"]: r["unit_name"] for r in received if r["outcome"] == "refused"}
        lines += [UnitLine(names_of_key[k], False, False, reason) for k, reason in refused.items() if k not in by_unit]
    for row in received:  # a file's unit as the view names it
        if row["unit_id"] in line_of_id:
            row["unit_name"] = line_of_id[row["unit_id"]]
    totals = dict.fromkeys(COUNT_KEYS, 0)
    areas: dict[str, AreaLine] = {}
    codes: dict[str, CodeLine] = {}
    for line in lines:
        for key in COUNT_KEYS:
            totals[key] += line.totals[key]
    for report in reports:
        content = json.loads(report["content"])
        unit = names.setdefault(report["unit_key"], _unit_name(lines, report))
        seen_areas: set[str] = set()
        for heading, rows in _by_area(content["appendix"]["rows"]):
            area = _area_line(areas, heading, rows, unit)
            if area is not None and area.key not in seen_areas:
                seen_areas.add(area.key)
                area.units += 1
            for row in rows:
                bucket = row_bucket(row)
                if bucket is None:
                    continue
                code = shared_code(row)
                if area is not None:
                    area.items[bucket] += 1
                    if not code:
                        area.uncoded[bucket] += 1
                if not code:
                    continue
                entry = codes.setdefault(code, CodeLine(code, row["title"], area.title if area else ""))
                if unit in entry.by_unit:  # the same code twice in one plan: its first row stands
                    continue
                entry.by_unit[unit] = bucket
                entry.units[bucket] += 1
                if row.get("target_comparator") is not None:
                    entry.measurable += 1
                    if row.get("achieved") is True:
                        entry.met += 1
                    elif row.get("achieved") is False:
                        entry.unmet += 1
                    elif row.get("status") != "not_applicable":
                        entry.no_value += 1
    return Consolidation(period, parse_period(period).label, deadline, store.get_meta(db), lines,
                         sorted(areas.values(), key=_area_order), sorted(codes.values(), key=lambda c: _code_order(c.code)), totals,
                         received)


def _by_area(rows: list[dict]) -> list[tuple[dict | None, list[dict]]]:
    """The appendix rows under each area heading (None: rows before any heading)."""
    groups: list[tuple[dict | None, list[dict]]] = [(None, [])]
    for row in rows:
        if row["kind"] == "area":
            groups.append((row, []))
        else:
            groups[-1][1].append(row)
    return [g for g in groups if g[0] is not None or g[1]]


def _area_line(areas: dict[str, AreaLine], heading: dict | None, rows: list[dict], unit: str) -> AreaLine | None:
    """The PAR INDEX area a plan's area is (par_areas.py), or this unit's own "Khác" line."""
    if heading is None and not rows:
        return None
    number = par_areas.area_of(heading["title"] if heading else "", [shared_code(r) for r in rows])
    if number is not None:
        key = par_areas.area_key(number)
        return areas.setdefault(key, AreaLine(key, par_areas.area_title(number)))
    key = f"Khác|{unit}"
    line = areas.setdefault(key, AreaLine(key, f"{par_areas.OTHER_TITLE} – {unit}"))
    if heading is not None:
        line.own_titles.append(heading["title"])
    return line


def _area_order(area: AreaLine) -> tuple:
    if area.key in par_areas.ROMAN:
        return (0, par_areas.ROMAN.index(area.key), "")
    return (1, 0, area.key)


def _unit_name(lines: list[UnitLine], report: dict) -> str:
    for line in lines:
        if line.file_name and report["file_name"] in line.file_name.split("; "):
            return line.name
    return report["unit_name"]


def _fill(line: UnitLine, reports: list[dict], deadline: date) -> None:
    for report in reports:
        content = json.loads(report["content"])
        for key in COUNT_KEYS:
            line.totals[key] += int(content["totals"].get(key, 0))
        line.version = max(line.version or 0, report["version"] or 0)
        line.dated_on = max(filter(None, [line.dated_on, report["dated_on"]]), default=None)
        first = report["first_dated_on"] or report["dated_on"]
        line.first_dated_on = min(filter(None, [line.first_dated_on, first]), default=None)
        line.file_name = "; ".join(filter(None, [line.file_name, report["file_name"]]))
        line.plan = line.plan or content["plan"]["title"]
    if line.first_dated_on:
        line.on_time = date.fromisoformat(line.first_dated_on) <= deadline
