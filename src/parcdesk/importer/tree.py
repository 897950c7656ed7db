"""From cleaned rows to the plan tree: codes, levels, parents, and the fields of each item.

Where an item's code comes from: a code inside the title cell ("TC 1.1 - …", "TCTP
1.3.1 – …", "II. …", "1.1. …") wins, since it is what links the row to the PAR INDEX;
otherwise the order cell ("I", "1", "1.1.", "12.1"). A plain row counter in the order
cell beside a coded title is dropped.

Which rows are areas (top level), in order of preference:

0. the rows a separate area column gives (`rows.py`: "Lĩnh vực" merged down beside the tasks);
1. rows coded with a Roman numeral (I, II … XX);
2. otherwise rows numbered "1.", "2." that are section rows (bold or merged across, with
   no target, lead… of their own), or heading rows with "1.1"-style rows under them;
3. otherwise uncoded section rows (bold or merged across, nothing else filled in), when the
   table opens with one (a "Tổng cộng" row at the bottom heads nothing).

A table with none of these has no areas of its own: the caller makes the appendix itself
the area (see `plan_import`). Inside a table with Roman areas, an uncoded section row
is a group (criterion level) holding the rows after it.

Parents come from the numbering: "1.3.1" goes under the nearest "1.3" above it (or "TC
1.3"), "12.1" under "12"; a plain number under a "1.1"-style row is a task of that row
when it starts a list there ("1") or goes on with one ("2" after "1": numbering that
restarts under each criterion); everything else goes under its area (or group). Levels: TC → criterion, TCTP → sub-criterion; "1.1" → criterion, "1.3.1"
→ sub-criterion, a plain number → task; a task that turns out to have rows under it is
raised to the level below its parent, and a child is never at or above its parent's
level (it becomes a task). The tree is at most four levels deep (model.MAX_DEPTH).

An unnumbered row written as a bullet ("- Tuyên truyền trên loa truyền thanh") under a
row that is not one is a sub-item of that row (so the row becomes a criterion, its bullets
tasks); a "+ …" row under a "- …" row is a sub-item of that one. A bullet row with
nothing above it in its area but headings stays an item of the area.

A title holding a criterion and its target ("Thực hiện kế hoạch CCHC: 100% hoàn thành Kế
hoạch năm 2024") is split at the colon when the table gives the row no target of its own
and the text after the colon is measurable (`parse_target` finds a threshold in it).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from parcdesk.importer.header import Header
from parcdesk.importer.rows import Row
from parcdesk.model import LEVELS, MAX_DEPTH, ItemDraft
from parcdesk.parsing.agencies import split_cell
from parcdesk.parsing.codes import parse_order, roman_to_int, split_code
from parcdesk.parsing.targets import parse_target
from parcdesk.parsing.year_targets import join_year_targets
from parcdesk.text import clean

_NUMERIC_RE = re.compile(r"^(?:TCTP|TC)?\s*(\d{1,2}(?:\.\d{1,2})*)$", re.IGNORECASE)
_SPLIT_RE = re.compile(r"^(.{3,200}?)\s*:\s+(\S.*)$", re.DOTALL)
_WITH_PARTNERS_RE = re.compile(r"\bphối hợp với\b", re.IGNORECASE)
_PARTNER_TAIL_RE = re.compile(r"\bphối hợp(?:\s+thực hiện)?\s*\.?\s*$", re.IGNORECASE)
_UNIT_END_RE = re.compile(r"\d\s*$")
_BULLET_START_RE = re.compile(r"^[-+•*–]\s+")
_BULLET_LINE_RE = re.compile(r"(?:\n|[.;]\s)\s*[-+•*–]\s")
_LEVEL_INDEX = {level: index for index, level in enumerate(LEVELS)}


@lru_cache(maxsize=4096)
def _split_cached(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    names, phrases = split_cell(text)
    return tuple(names), tuple(phrases)


def split_agencies(text: str) -> list[str]:
    """parsing.agencies.split_agencies, remembered: a plan repeats the same few lead cells."""
    return list(_split_cached(text)[0]) if text else []


def instructions(text: str) -> list[str]:
    """The phrases of an agency cell that are instructions, not bodies ("Theo kế hoạch")."""
    return list(_split_cached(text)[1]) if text else []


@dataclass(eq=False)
class Entry:
    row: Row
    code: str
    title: str
    level: str | None  # what the code says (area / criterion / subcriterion / task) or None
    parts: tuple[int, ...] | None  # numeric code components, "TC 1.3" → (1, 3)
    prefixed: bool  # TC/TCTP
    fields: dict[str, str]
    notes: list[str]
    section_like: bool  # bold or merged across, nothing but a title
    heading_like: bool  # nothing but a code and a title
    bullet: str = ""  # the bullet the title was written with ("-", "+"), if one
    children: list["Entry"] = field(default_factory=list)
    by_year: dict[int, str] = field(default_factory=dict)  # a multi-year plan's per-year target cells


@dataclass
class Built:
    roots: list[ItemDraft]  # areas, or the items when the table has no areas
    has_areas: bool
    sources: dict[int, int]  # id(draft) → source row number
    warnings: list[str] = field(default_factory=list)


def _parts(code: str) -> tuple[int, ...] | None:
    match = _NUMERIC_RE.match(code)
    if not match:
        return None
    return tuple(int(p) for p in match.group(1).split("."))


def _lead_and_partners(text: str) -> tuple[list[str], list[str]]:
    """A lead cell that also names partners ("A tham mưu, phối hợp với B"; "- A; - B phối hợp.")."""
    pieces = _WITH_PARTNERS_RE.split(text, maxsplit=1)
    lead_text, partner_text = pieces[0], pieces[1] if len(pieces) == 2 else ""
    leads: list[str] = []
    partners = split_agencies(partner_text)
    for segment in re.split(r"[;\n]", lead_text):
        if not segment.strip():
            continue
        names = split_agencies(segment)
        target = partners if _PARTNER_TAIL_RE.search(segment) else leads
        target.extend(n for n in names if n not in target)
    if not leads:
        # "Các ngành liên quan phối hợp." alone in the lead column: the column says lead
        return split_agencies(text), []
    return leads, partners


def _with_unit(target: str, unit: str) -> tuple[str, str | None]:
    """"Tối thiểu 80" + "%" → "Tối thiểu 80%"; a unit that cannot be attached comes back."""
    unit = clean(unit)
    if not unit:
        return target, None
    if not target:
        return target, unit
    if unit.casefold() in target.casefold():
        return target, None
    if _UNIT_END_RE.search(target):
        return (f"{target}{unit}" if unit == "%" else f"{target} {unit}"), None
    return target, unit


def _split_criterion_target(title: str) -> tuple[str, str] | None:
    match = _SPLIT_RE.match(title)
    if not match:
        return None
    left, right = match.group(1).strip(), match.group(2).strip()
    if not left or parse_target(right) is None:
        return None
    return left, right


_NEEDS_CLEAN_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u00a0\u2000-\u200b\u202f\u205f\u3000]|  |^\s|\s$")


def _clean(text: str) -> str:
    """text.clean, with a fast path for the common cell that is already clean."""
    if not text:
        return ""
    if _NEEDS_CLEAN_RE.search(text) is None and unicodedata.is_normalized("NFC", text):
        return text
    return clean(text)


def year_texts(row: Row, header: Header) -> dict[int, str]:
    """{year: the cell} of a multi-year plan's per-year target columns, blank cells left out."""
    found = {year: _clean(row.text(index)) for year, index in header.year_columns().items()}
    return {year: text for year, text in found.items() if text}


def make_entry(row: Row, header: Header, by_field: dict[str, int] | None = None) -> Entry:
    by_field = header.by_field() if by_field is None else by_field
    text = {name: _clean(row.text(index)) for name, index in by_field.items()}
    order = parse_order(text.get("code", ""))
    inside = split_code(text.get("title", ""))
    if inside.code:
        code, level, title = inside.code, inside.level, inside.title
    elif order.code:
        code, level, title = order.code, order.level, inside.title or text.get("title", "")
    else:
        code, level, title = "", None, text.get("title", "")
        if text.get("code") and not order.code:
            # an order cell holding words ("Chỉ tiêu", a bullet): keep them with the title
            title = f"{text['code']} {title}".strip() if title else text["code"]
    bullet = ""
    if title and _BULLET_START_RE.match(title) and not _BULLET_LINE_RE.search(title):
        bullet = "+" if title[0] == "+" else "-"
        title = _BULLET_START_RE.sub("", title, count=1)  # "- Tập trung rà soát…": one bullet, no list
    prefixed = code[:2].upper() == "TC"
    fields = {name: value for name, value in text.items() if name not in ("code", "title") and value}
    notes = [fields.pop("notes")] if "notes" in fields else []
    for column in header.note_columns():
        value = _clean(row.text(column.index))
        if value:
            notes.append(f"{column.label}: {value}")
    by_year = {year: _with_unit(cell, fields.get("unit", ""))[0] for year, cell in year_texts(row, header).items()}
    if by_year:
        # one column per year: each year's cell is its own target, and the target the report
        # prints names each year ("Năm 2024: 80%; Năm 2025: 85%")
        written = join_year_targets(by_year)
        fields["target"] = f"{fields['target']}\n{written}" if fields.get("target") else written
    others = [name for name in fields if name != "unit"] or [c for c in header.note_columns() if row.text(c.index)]
    heading_like = bool(title) and not others
    section_like = heading_like and (row.bold or row.span > 1 or row.title_from_code)
    if title and "target" not in fields:
        split = _split_criterion_target(title)
        if split:
            title, fields["target"] = split
    return Entry(row=row, code=code, title=title, level=level, parts=_parts(code) if code else None,
                 prefixed=prefixed, fields=fields, notes=notes, section_like=section_like or row.area,
                 heading_like=heading_like, bullet=bullet, by_year=by_year)


def _draft(entry: Entry, header: Header, warnings: list[str]) -> ItemDraft:
    fields = entry.fields
    target, unit = _with_unit(fields.get("target", ""), fields.get("unit", ""))
    notes = list(entry.notes)
    if unit:
        notes.append(f"Đơn vị: {unit}")
    for name in ("lead", "partners", "monitor"):
        for phrase in instructions(fields.get(name, "")):
            labels = header.mapping()
            # "Theo hướng dẫn các cấp có thẩm quyền" in the lead column: kept, but as a note
            notes.append(f"{labels[name]}: {phrase}")
            warnings.append(f"Dòng {entry.row.number}: “{phrase}” ở cột “{labels[name]}” là lời dặn, không phải "
                            f"tên cơ quan; được chuyển vào ghi chú của mục.")
    lead = split_agencies(fields.get("lead", ""))
    partners = split_agencies(fields.get("partners", ""))
    if "partners" not in header.by_field() and fields.get("lead"):
        lead, extra = _lead_and_partners(fields["lead"])
        partners = partners + [p for p in extra if p not in partners]
    title = entry.title or entry.code
    return ItemDraft(
        title=title, level="task", code=entry.code, target_text=target, lead=lead, partners=partners,
        monitor=split_agencies(fields.get("monitor", "")), output=fields.get("output", ""),
        timeframe_text=fields.get("timeframe", ""), notes="\n".join(notes),
        year_targets=dict(entry.by_year) or None,  # texts, parsed when written
    )


def _area_kind(entries: list[Entry]) -> tuple[str | None, set[int]]:
    """Which rows of this table are its areas: "roman", "numeric-…", "section" or None (and,
    for numbered headings, which ones)."""
    if any(e.row.area for e in entries):
        return "column", set()
    if any(e.level == "area" for e in entries):
        return "roman", set()
    singles = [i for i, e in enumerate(entries) if e.parts is not None and len(e.parts) == 1 and not e.prefixed]
    if any(entries[i].section_like for i in singles):
        return "numeric-section", set()
    with_children = [
        i for i in singles
        if entries[i].heading_like and i + 1 < len(entries) and entries[i + 1].parts is not None
        and len(entries[i + 1].parts) > 1 and entries[i + 1].parts[0] == entries[i].parts[0]
    ]
    first_coded = next((i for i, e in enumerate(entries) if e.parts is not None), None)
    if len(with_children) >= 2 and first_coded in with_children:
        # "1." / "1.1." tables without any formatting: the table opens with such a heading
        return "numeric-heading", {id(entries[i]) for i in with_children}
    if entries and entries[0].section_like and not entries[0].code:
        # uncoded bold or merged rows are areas when the table opens with one (a "Tổng cộng"
        # row at the bottom is not an area of the rows above it)
        return "section", set()
    return None, set()


def _is_area(entry: Entry, kind: str | None, heading_areas: set[int]) -> bool:
    if kind == "column":
        return entry.row.area
    if kind == "roman":
        return entry.level == "area"
    if kind == "numeric-section":
        return entry.parts is not None and len(entry.parts) == 1 and not entry.prefixed and entry.section_like
    if kind == "numeric-heading":
        return id(entry) in heading_areas
    if kind == "section":
        return entry.section_like and not entry.code
    return False


def _base_level(entry: Entry) -> int:
    if entry.prefixed and entry.level:
        return _LEVEL_INDEX[entry.level]
    if entry.parts is not None:
        return {1: 3, 2: 1, 3: 2}.get(len(entry.parts), 3)
    return 3


def build(rows: list[Row], header: Header) -> Built:
    entries = []
    warnings: list[str] = []
    by_field = header.by_field()
    for entry in (make_entry(row, header, by_field) for row in rows):
        if not entry.title and not entry.code:
            continue
        if not entry.title:
            warnings.append(f"Dòng {entry.row.number} chỉ có mã “{entry.code}”, không có nội dung; "
                            f"mục được đặt tên theo mã.")
        entries.append(entry)
    kind, heading_areas = _area_kind(entries)
    areas: list[Entry] = []
    groups: set[int] = set()
    loose: list[Entry] = []  # items before the first area, or all of them in a table without areas
    parents: dict[int, Entry | None] = {}
    depths: dict[int, int] = {}  # an area is at depth 1; a table without areas gets one above it
    container: Entry | None = None  # the area or group that takes the rows below it
    stack: list[Entry] = []
    above: Entry | None = None  # the last row that is not a bullet, in the current area or group
    dash: Entry | None = None  # the last "- …" row under it
    depth_warned = False

    def attach(entry: Entry, parent: Entry | None) -> None:
        nonlocal depth_warned
        depth = (depths[id(parent)] if parent is not None else 1) + 1
        while parent is not None and depth > MAX_DEPTH:
            parent = parents[id(parent)]
            depth -= 1
            if not depth_warned:
                warnings.append(f"Bảng lồng sâu quá {MAX_DEPTH} cấp; từ dòng {entry.row.number} các mục sâu hơn "
                                f"được đặt ở cấp thứ {MAX_DEPTH}.")
                depth_warned = True
        parents[id(entry)] = parent
        depths[id(entry)] = depth
        (parent.children if parent is not None else loose).append(entry)

    for entry in entries:
        if _is_area(entry, kind, heading_areas):
            areas.append(entry)
            parents[id(entry)] = None
            depths[id(entry)] = 1
            container = entry
            stack = []
            above = dash = None
            continue
        if kind != "section" and entry.section_like and not entry.code and areas:
            attach(entry, areas[-1])  # a group (criterion level) inside an area
            groups.add(id(entry))
            container = entry
            stack = []
            above = dash = None
            continue
        if entry.bullet and not entry.code and above is not None:
            # "- …" under a numbered (or plain) row: its sub-item; "+ …" under a "- …" row: that one's
            parent_row = dash if entry.bullet == "+" and dash is not None else above
            attach(entry, parent_row)
            if entry.bullet == "-":
                dash = entry
            continue
        if not entry.bullet:
            above, dash = entry, None
        parent: Entry | None = container
        if entry.parts is not None:
            parts = entry.parts
            if len(parts) == 1 and not entry.prefixed:
                # A plain number. Under the nearest "1.1"-style row above when it starts a list
                # there (1) or goes on with one (n after n - 1): numbering restarting under each
                # criterion. Otherwise an item of the area, which may have "12.1" rows of its own.
                while stack and len(stack[-1].parts) < 2:
                    stack.pop()
                top = stack[-1] if stack else None
                numbered = [c for c in top.children if c.parts and len(c.parts) == 1] if top else []
                if top is not None and (parts[0] == 1 and not numbered
                                        or numbered and numbered[-1].parts[0] == parts[0] - 1):
                    parent = top
                else:
                    stack.append(entry)
            else:
                while stack and not (len(stack[-1].parts) < len(parts)
                                     and parts[:len(stack[-1].parts)] == stack[-1].parts):
                    stack.pop()
                if stack:
                    parent = stack[-1]
                stack.append(entry)
        attach(entry, parent)

    if kind == "section" and len(areas) > 1 and not areas[-1].children:
        # a closing "Tổng cộng" row merged across heads nothing: an item of the last area
        closing = areas.pop()
        attach(closing, areas[-1])
    roots = areas
    if not areas:
        roots = loose
    elif loose:
        warnings.append(f"{len(loose)} dòng đứng trước lĩnh vực đầu tiên được đặt vào lĩnh vực đầu tiên.")
        areas[0].children[:0] = loose
    built = Built(roots=[], has_areas=bool(areas), sources={}, warnings=warnings)
    area_ids = {id(a) for a in areas}

    def make(entry: Entry, parent_index: int) -> ItemDraft:
        draft = _draft(entry, header, warnings)
        if id(entry) in area_ids:
            index = 0
        elif id(entry) in groups:
            index = parent_index + 1
        else:
            index = _base_level(entry)
            if entry.children and index == 3:
                index = parent_index + 1
            if index <= parent_index:
                index = parent_index + 1 if entry.children else 3
        index = min(index, 3)
        draft.level = LEVELS[index]
        built.sources[id(draft)] = entry.row.number
        draft.children = [make(child, index) for child in entry.children]
        return draft

    built.roots = [make(entry, 0) for entry in roots]
    return built


def roman(n: int) -> str:
    """1 → "I" … 20 → "XX" (the numerals codes.roman_to_int reads back)."""
    numerals = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
                "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX")
    value = numerals[n - 1] if 1 <= n <= len(numerals) else str(n)
    assert n > len(numerals) or roman_to_int(value) == n
    return value
