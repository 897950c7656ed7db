"""Importing a plan's appendix from .xlsx / .xls / .docx: look first, then write in one go.

Two steps, so that a window can show what it found and let the officer correct it:

- `analyse(path)` reads the file and returns an `ImportPreview`: the appendices found,
  each with its detected column mapping, the item tree (`ItemDraft`s), warnings in
  Vietnamese, and the agencies the office does not know yet (when given the database).
  It never touches the database. A file that cannot be imported raises `UserError`
  with one sentence naming the file and the reason.
- The officer (or the window) may then change a column's meaning
  (`preview.remap(appendix, {column: field})`, which re-reads that appendix from the
  cells already in memory), an item's level (`levels={key: level}` in `apply`, keys from
  `preview.walk()`), or which known agency a new spelling is (`agency_names`).
- `apply(db, preview, year=…)` writes everything in one transaction: a new plan, or,
  with `into_plan_id`, the items merged into an existing plan (matched by code, else by
  title, under the same parent). Any failure leaves the database exactly as it was.

Several appendices in one file make one plan. An appendix whose table has its own areas
(rows I, II…, or "1." section rows) contributes those areas; an appendix without areas
(Quảng Trung's "Phụ lục số 01" … "07", one per area, or Nguyễn Nghiêm's list of
indicators) becomes one area itself, named by its heading ("Phụ lục số 03. CẢI CÁCH TỔ
CHỨC BỘ MÁY…" → area "III", "CẢI CÁCH TỔ CHỨC BỘ MÁY…"; without a number the area has no
code). So every plan's top level is areas, whatever shape its file had, and their titles
are in one letter case, the one most of the file's areas have (`casing`).

The plan's title comes from the document ("KẾ HOẠCH" and the line under it) or the title
rows above the first table; a whole plan document also gives its number ("Số: 13/KH-UBND")
and date (the dateline "Ia Kha, ngày 05 tháng 4 năm 2024"). Timeframes are read with the
core's parser for the plan year, and an impossible date ("Trước 31/11/2023") is a warning.

Merging into an existing plan never blanks what the officer has: a field is updated only
when the file gives a value for it; items of the plan that the file lacks are reported,
not deleted.
"""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from parcdesk.db import plans as plan_store
from parcdesk.db.agencies import find_agency
from parcdesk.db.connection import transaction
from parcdesk.db.items import add_item, insert_drafts, load_tree, update_item
from parcdesk.errors import UserError
from parcdesk.importer import encoding, proposals, safety
from parcdesk.importer.casing import normalise_area_titles
from parcdesk.parsing.year_targets import parse_year_targets
from parcdesk.importer.header import IGNORE, NOTE, Header, apply_mapping, find_header, is_repeat, \
    looks_like_header
from parcdesk.importer.raw import RawTable
from parcdesk.importer.readers import read_tables
from parcdesk.importer.rows import RowStats, clean_rows
from parcdesk.importer.tree import build, roman
from parcdesk.model import LEVELS, ItemDraft, PlanItem
from parcdesk.parsing.agencies import canonical_key
from parcdesk.parsing.timeframes import parse_timeframe
from parcdesk.text import clean, fold

__all__ = ["Appendix", "ImportPreview", "analyse", "apply", "unknown_agencies"]

# "Phụ lục số 01:", "Phụ lục 3.", "PHỤ LỤC II -", "Phụ lục:" in front of an appendix's name
_APPENDIX_PREFIX_RE = re.compile(
    r"^\s*ph[uụ] l[uụ]c(?:\s+s[oố])?\s*(?:(\d{1,2}|[IVX]{1,5}\b)\s*(?:[:.\-–—)]\s*|\s+)|[:.\-–—]\s*)",
    re.IGNORECASE)
_TITLE_PREFIX_RE = re.compile(r"^\s*ph[uụ] l[uụ]c\s+(?:k[eè]m theo|c[uủ]a)\s+", re.IGNORECASE)
_YEAR_RE = re.compile(r"\b(20\d\d)\b")
_NUMBER_RE = re.compile(r"^\s*S[ốo]\s*:\s*(\S*\d\S*/\S+)", re.IGNORECASE)
_DATE_RE = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})\b")


@dataclass
class Appendix:
    index: int  # 1-based, in file order
    name: str  # its heading, or the sheet's name
    source: str  # "Trang tính “Phu luc 1”", "Bảng 2"
    table: RawTable
    header: Header
    roots: list[ItemDraft] = field(default_factory=list)
    has_areas: bool = False
    rows: int = 0  # item rows read, continuations joined
    stats: RowStats = field(default_factory=RowStats)
    keys: dict[int, str] = field(default_factory=dict)  # id(draft) → key
    sources: dict[int, int] = field(default_factory=dict)  # id(draft) → source row number
    notes: list[str] = field(default_factory=list)  # warnings that outlive a re-read
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> dict:
        return {
            "name": self.name,
            "source": self.source,
            "rows": self.rows,
            "columns": self.header.mapping(),
            "notes_columns": [c.label for c in self.header.columns if c.field == NOTE],
            "areas": len(self.roots),
            "repeated_headers": self.stats.repeated_headers,
            "continuations": self.stats.continuations,
        }


@dataclass
class ImportPreview:
    path: Path
    kind: str  # "xlsx", "xls" or "docx"
    title: str  # the plan title the file suggests
    appendix_title: str
    appendices: list[Appendix]
    number: str = ""  # "13/KH-UBND", when the document gives it
    issued_on: str | None = None  # ISO date, when the document gives it
    skipped: list[str] = field(default_factory=list)  # tables that are not appendices
    warnings: list[str] = field(default_factory=list)
    unknown_agencies: list[str] = field(default_factory=list)  # filled when analysed with a database

    @property
    def drafts(self) -> list[ItemDraft]:
        return [root for appendix in self.appendices for root in appendix.roots]

    def walk(self):
        """(key, depth, draft) for every item in tree order.

        The key ("2:17": appendix 2, source row 17; "2:0" for an area made from the
        appendix's heading) names the item in `apply(levels=…)` and tells the officer where
        in the file the row is.
        """
        def visit(keys, drafts, depth):
            for draft in drafts:
                yield keys[id(draft)], depth, draft
                yield from visit(keys, draft.children, depth + 1)

        for appendix in self.appendices:
            yield from visit(appendix.keys, appendix.roots, 0)

    def item(self, key: str) -> ItemDraft:
        for found_key, _, draft in self.walk():
            if found_key == key:
                return draft
        raise KeyError(key)

    def counts(self) -> dict[str, int]:
        counts = {level: 0 for level in LEVELS}
        for _, _, draft in self.walk():
            counts[draft.level] += 1
        return counts

    def remap(self, appendix_index: int, mapping: dict[int, str]) -> None:
        """Give columns of one appendix another meaning ({column: field, "note" or "ignore"}) and re-read it."""
        appendix = next(a for a in self.appendices if a.index == appendix_index)
        apply_mapping(appendix.header, mapping)
        _build_appendix(appendix)
        _one_case_for_areas(self.appendices)

    def summary(self) -> dict:
        return {
            "file": self.path.name,
            "format": self.kind,
            "title": self.title,
            "appendices": [a.summary() for a in self.appendices],
            "counts": self.counts(),
            "warnings": list(self.warnings) + [w for a in self.appendices for w in a.warnings],
            "unknown_agencies": list(self.unknown_agencies),
        }


# ---------------------------------------------------------------------------- analyse

def analyse(path: str | Path, db: sqlite_utils.Database | None = None) -> ImportPreview:
    """Read a file into a preview; raises UserError (one sentence, naming the file) when it cannot."""
    path = Path(path)
    kind, tables = read_tables(path)
    if not tables or not any(t.rows for t in tables):
        what = "văn bản không có bảng nào" if kind == "docx" else "bảng tính không có dữ liệu"
        raise safety.refuse(path, what)
    warnings: list[str] = []
    appendices: list[Appendix] = []
    skipped: list[str] = []
    formulas = 0
    for table in tables:
        _convert_legacy(table, warnings)
        warnings.extend(table.notes)
        parts = _split_tables(table)
        if not parts:
            if len(table.rows) >= 3:  # not the two-cell heading or signature tables of a document
                skipped.append(table.source)
            formulas += table.formula_cells
            continue
        if table.formula_cells:
            raise safety.refuse(path, f"{table.source} có {table.formula_cells} ô chứa công thức chưa có giá trị "
                                      f"(tệp chưa được mở và lưu bằng Excel); hãy mở tệp bằng Excel, lưu lại "
                                      f"rồi nhập lại")
        for part, header in parts:
            appendices.append(Appendix(index=len(appendices) + 1, name="", source=part.source, table=part,
                                       header=header))
    if not appendices:
        if formulas:
            raise safety.refuse(path, f"bảng có {formulas} ô chứa công thức thay vì chữ (chưa có giá trị); "
                                      f"hãy mở tệp bằng Excel, lưu lại rồi nhập lại")
        raise safety.refuse(path, "không tìm thấy bảng phụ lục (không có dòng tiêu đề cột nào như “STT”, "
                                  "“Nội dung công việc”, “Cơ quan chủ trì”, “Thời gian thực hiện”)")
    for appendix in appendices:
        appendix.name = _appendix_name(appendix)
        _ensure_title_column(appendix)
        _build_appendix(appendix)
    empty = [a for a in appendices if not a.roots]
    appendices = [a for a in appendices if a.roots]
    if not appendices:
        raise safety.refuse(path, "bảng phụ lục không có dòng nội dung nào dưới dòng tiêu đề cột")
    for a in empty:
        warnings.append(f"{a.source}: có dòng tiêu đề cột nhưng không có nội dung, đã bỏ qua.")
    for number, appendix in enumerate(appendices, start=1):
        appendix.index = number
        _assign_keys(appendix)
    _one_case_for_areas(appendices)
    for source in skipped:
        warnings.append(f"{source}: không có dòng tiêu đề cột của một phụ lục, đã bỏ qua.")
    preview = ImportPreview(
        path=path, kind=kind, title=_plan_title(path, appendices), appendix_title="; ".join(a.name for a in appendices),
        appendices=appendices, skipped=skipped, warnings=warnings,
    )
    preview.number, preview.issued_on = _plan_details(appendices[0].table.context)
    if db is not None:
        preview.unknown_agencies = unknown_agencies(db, preview)
    return preview


def _convert_legacy(table: RawTable, warnings: list[str]) -> None:
    """TCVN3/VNI text that no font announced, found by its letters (see encoding.py)."""
    texts = [c.text for row in table.rows for c in row if c.text] + list(table.preamble)
    guessed = encoding.guess(texts)
    if guessed is not None:
        def convert(text: str) -> str:
            if not text or encoding.has_unicode_vietnamese(text):
                return text
            return encoding.decode(text, guessed)

        for row in table.rows:
            for cell in row:
                cell.text = convert(cell.text)
                if cell.above:
                    cell.above = convert(cell.above)
        table.preamble = [convert(line) for line in table.preamble]
        table.context = [convert(line) for line in table.context]
    used = table.encoding or guessed
    if used:
        name = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}[used]
        warnings.append(f"{table.source}: chữ viết theo bảng mã {name} đã được chuyển sang Unicode; "
                        f"hãy kiểm tra lại dấu của các chữ hoa.")


def _split_tables(table: RawTable) -> list[tuple[RawTable, Header]]:
    """One table, or several stacked in one sheet (each with its own, different header)."""
    parts: list[tuple[RawTable, Header]] = []
    start = 0
    while start < len(table.rows):
        part = RawTable(source=table.source, rows=table.rows[start:], row_numbers=table.row_numbers[start:],
                        preamble=list(table.preamble) if start == 0 else [], formula_cells=table.formula_cells,
                        encoding=table.encoding, context=table.context if start == 0 else [],
                        page_starts={i - start for i in table.page_starts if i >= start})
        header = find_header(part)
        if header is None:
            break
        end = None
        for i in range(header.last_row + 1, len(part.rows)):
            row = part.rows[i]
            if looks_like_header(row) and not is_repeat(header, row):
                end = i
                break
        if end is None:
            parts.append((part, header))
            break
        cut = end
        # a heading line or two right above the next header belongs to the next table
        while cut > header.last_row + 1 and end - cut < 3 and _single_text(part.rows[cut - 1]):
            cut -= 1
        part.rows, part.row_numbers = part.rows[:cut], part.row_numbers[:cut]
        parts.append((part, header))
        if len(parts) > 1:
            part.source = f"{table.source} (bảng {len(parts)})"
        start += cut
    if len(parts) > 1 and parts[0][0].source == table.source:
        parts[0][0].source = f"{table.source} (bảng 1)"
    return parts


def _single_text(row) -> bool:
    filled = [c for c in row if c.text.strip()]
    return len(filled) == 1 and not re.fullmatch(r"[\dIVX.\s]+", filled[0].text.strip())


def _preamble(appendix: Appendix) -> list[str]:
    """The lines above the table: paragraphs before it, or a sheet's title rows."""
    lines = [clean(line) for line in appendix.table.preamble]
    for row in appendix.table.rows[:appendix.header.rows[0]]:
        texts = [clean(c.text) for c in row if c.text.strip()]
        if texts:
            lines.append(" ".join(texts))
    return [line for line in lines if line]


def _appendix_name(appendix: Appendix) -> str:
    lines = _preamble(appendix)
    if lines:
        return lines[-1]
    source = appendix.source
    match = re.match(r"Trang tính “(.*)”", source)
    return match.group(1) if match else source


def _document_title(context: list[str]) -> str | None:
    """The plan's own title in the document: "KẾ HOẠCH" and the line under it, or one line."""
    for index, line in enumerate(context):
        folded = fold(line)
        if folded == "ke hoach" and index + 1 < len(context):
            rest = context[index + 1]
            if rest[1:2].islower():  # "Cải cách hành chính…" continues the sentence: "Kế hoạch cải cách…"
                rest = rest[:1].lower() + rest[1:]
            return f"Kế hoạch {rest}"
        if folded.startswith("ke hoach ") and len(line) < 300:
            return line
    return None


def _plan_details(context: list[str]) -> tuple[str, str | None]:
    """(number, issued_on) from "Số: 13/KH-UBND" and "Ia Kha, ngày 05 tháng 4 năm 2024"."""
    number, issued = "", None
    for line in context[:60]:
        match = _NUMBER_RE.search(line)
        if match and not number:
            number = match.group(1).rstrip(".;,")
        # the dateline ("Ia Kha, ngày 05 tháng 4 năm 2024"), not a date inside a "Căn cứ …" line
        date = _DATE_RE.search(fold(line)) if len(line) < 80 and "," in line else None
        if date and issued is None:
            day, month, year = (int(g) for g in date.groups())
            try:
                issued = datetime.date(year, month, day).isoformat()
            except ValueError:
                pass
    return number, issued


def _plan_title(path: Path, appendices: list[Appendix]) -> str:
    from_document = _document_title(appendices[0].table.context)
    if from_document:
        return from_document
    lines = _preamble(appendices[0])
    for line in lines:
        folded = fold(line)
        if folded.startswith("ke hoach") or re.match(r"phu luc (kem theo|cua) ke hoach", folded):
            return _TITLE_PREFIX_RE.sub("", line)
    if len(lines) > 1:
        return _TITLE_PREFIX_RE.sub("", lines[0])
    return f"Kế hoạch nhập từ tệp {path.name}"


def _ensure_title_column(appendix: Appendix) -> None:
    header = appendix.header
    if "title" in header.by_field():
        return
    data = appendix.table.rows[header.last_row + 1:]
    candidates = [c for c in header.columns if c.field in (NOTE, IGNORE)]
    if not candidates:
        return

    def length(column):
        return sum(len(r[column.index].text) for r in data if column.index < len(r))

    best = max(candidates, key=length)
    if length(best):
        best.field = "title"
        appendix.notes.append(f"{appendix.source}: không có cột nội dung rõ ràng; cột “{best.label}” "
                                 f"được dùng làm nội dung.")


def _area_from_heading(name: str, position: int) -> ItemDraft:
    """An appendix without areas of its own becomes one: "Phụ lục số 03. CẢI CÁCH…" → III."""
    match = _APPENDIX_PREFIX_RE.match(name)
    code = ""
    title = name
    if match and match.group(0).strip():
        number = match.group(1)
        rest = name[match.end():].strip()
        if number:
            code = roman(int(number)) if number.isdigit() else number.upper()
        if rest:
            title = rest
    return ItemDraft(title=title or f"Phụ lục {position}", level="area", code=code)


def _build_appendix(appendix: Appendix) -> None:
    if "title" not in appendix.header.by_field():
        appendix.roots, appendix.rows = [], 0
        appendix.warnings = [f"{appendix.source}: không có cột nội dung (tên nhiệm vụ), đã bỏ qua."]
        return
    rows, stats = clean_rows(appendix.table, appendix.header)
    built = build(rows, appendix.header)
    appendix.stats, appendix.rows, appendix.has_areas = stats, len(rows), built.has_areas
    appendix.warnings = list(appendix.notes) + \
        [f"{appendix.source}: {w}" for w in appendix.header.warnings + stats.warnings + built.warnings]
    notes = [c.label for c in appendix.header.columns if c.field == NOTE]
    if notes:
        appendix.warnings.append(f"{appendix.source}: cột {', '.join(f'“{n}”' for n in notes)} không thuộc "
                                 f"trường nào, được giữ trong phần ghi chú của từng mục.")
    if built.has_areas or not built.roots:
        appendix.roots = built.roots
    else:
        area = _area_from_heading(appendix.name, appendix.index)
        area.children = built.roots
        appendix.roots = [area]
    appendix.sources = built.sources
    _assign_keys(appendix)


def _one_case_for_areas(appendices: list[Appendix]) -> None:
    """The file's area titles in one letter case (see `casing`), each change a warning of its appendix."""
    owners = {id(root): appendix for appendix in appendices for root in appendix.roots}
    areas = [root for appendix in appendices for root in appendix.roots if root.level == "area"]
    for area, warning in normalise_area_titles(areas):
        owners[id(area)].warnings.append(f"{owners[id(area)].source}: {warning}")


def _assign_keys(appendix: Appendix) -> None:
    sources = appendix.sources
    appendix.keys = {}
    used: set[str] = set()

    def visit(drafts):
        for draft in drafts:
            key = f"{appendix.index}:{sources.get(id(draft), 0)}"
            while key in used:
                key += "'"
            used.add(key)
            appendix.keys[id(draft)] = key
            visit(draft.children)

    visit(appendix.roots)


# ---------------------------------------------------------------------------- apply

def _spellings(drafts: list[ItemDraft]):
    for draft in drafts:
        yield from draft.lead
        yield from draft.partners
        yield from draft.monitor
        yield from _spellings(draft.children)


def unknown_agencies(db: sqlite_utils.Database, preview: ImportPreview,
                     agency_names: dict[str, str] | None = None) -> list[str]:
    """Spellings in the file that match no agency or alias of the office, one per agency."""
    agency_names = agency_names or {}
    found: dict[str, str] = {}
    for spelling in dict.fromkeys(_spellings(preview.drafts)):
        name = agency_names.get(spelling, spelling)
        key = canonical_key(name)
        if key and key not in found and find_agency(db, name) is None:
            found[key] = clean(name)
    return list(found.values())


def _rename_agencies(drafts: list[ItemDraft], agency_names: dict[str, str]) -> None:
    for draft in drafts:
        for attr in ("lead", "partners", "monitor"):
            setattr(draft, attr, [agency_names.get(n, n) for n in getattr(draft, attr)])
        _rename_agencies(draft.children, agency_names)


class _DryRun(Exception):
    pass


def _copy_preview(preview: ImportPreview) -> ImportPreview:
    """A copy a dry run may change; the drafts' keys (by id) follow them into the copy."""
    memo: dict = {}
    copied = copy.deepcopy(preview, memo)
    for old, new in zip(preview.appendices, copied.appendices):
        new.keys = {id(memo[draft_id]): key for draft_id, key in old.keys.items() if draft_id in memo}
        new.sources = {id(memo[draft_id]): row for draft_id, row in old.sources.items() if draft_id in memo}
    return copied


def apply(
    db: sqlite_utils.Database,
    preview: ImportPreview,
    *,
    year: int,
    into_plan_id: int | None = None,
    title: str | None = None,
    levels: dict[str, str] | None = None,
    agency_names: dict[str, str] | None = None,
    keep_years: bool = False,
    accepted_years: Iterable[int] | None = None,
    accept_targets: bool | Iterable[str] = False,
    dry_run: bool = False,
    source: str = "import",
    year_to: int | None = None,
) -> dict:
    """Write the preview, all or nothing, and say what was done.

    A new plan titled `title` (default: the file's) for `year`, or, with `into_plan_id`,
    the items merged into that plan. `levels` ({key from `preview.walk()`: level}) and
    `agency_names` ({spelling in the file: agency name to use}) are the officer's
    corrections; they are applied to the preview's drafts. `dry_run` does everything in a
    transaction that is then rolled back, so the summary is exact and nothing is kept.

    The summary: {"file", "plan": id or None (dry run), "dry_run", "title", "appendices":
    [{"name", "source", "rows", "columns": {field: header}}], "counts": {level: n},
    "warnings": [Vietnamese sentences], "unknown_agencies": [names added to the office's
    list]} and, when merging, "changes": {"added", "updated", "unchanged", "fields":
    [{"code", "title", "field", "old", "new"}], "not_in_file": [{"code", "title"}]}.

    Rolling forward (importer/proposals.py): the file's years are moved to `year` — all the
    proposed rewrites, or the indexes `accepted_years` of `proposals.year_rollforward(preview,
    year).rewrites`, or none with `keep_years`; "rollforward" in the summary lists each, old →
    new, with "accepted". Thresholds found in the task or output text are proposed
    ("target_proposals", each with "accepted"): `accept_targets` True takes all, or the keys
    of the items to take. A dry run works on a copy, so the preview keeps its proposals.
    """
    if dry_run:
        preview = _copy_preview(preview)
    for key, level in (levels or {}).items():
        if level not in LEVELS:
            raise UserError(f"Cấp “{level}” không hợp lệ; chọn một trong: {', '.join(LEVELS)}.")
        try:
            preview.item(key).level = level
        except KeyError:
            raise UserError(f"Không có mục “{key}” trong bản xem trước.") from None
    if agency_names:
        _rename_agencies(preview.drafts, agency_names)
    roll = proposals.year_rollforward(preview, year)
    taken_years = set() if keep_years else set(range(len(roll.rewrites)) if accepted_years is None else accepted_years)
    roll.apply(taken_years)
    found_targets = proposals.target_proposals(preview)
    taken_targets = {p.key for p in found_targets} if accept_targets is True else set(accept_targets or ())
    for proposal in found_targets:
        if proposal.key in taken_targets:
            proposal.accept()
    warnings = preview.summary()["warnings"]
    summary = {
        "file": preview.path.name,
        "plan": None,
        "dry_run": dry_run,
        "title": None,
        "appendices": [{"name": a.name, "source": a.source, "rows": a.rows, "columns": a.header.mapping()}
                       for a in preview.appendices],
        "counts": preview.counts(),
        "warnings": warnings,
        "unknown_agencies": unknown_agencies(db, preview),
        "rollforward": {"from_year": roll.source_from if roll.rewrites else None, "to_year": year,
                        "rewrites": [{**r.to_dict(), "accepted": i in taken_years}
                                     for i, r in enumerate(roll.rewrites)]},
        "target_proposals": [{**p.to_dict(), "accepted": p.key in taken_targets} for p in found_targets],
    }
    for _, _, draft in preview.walk():
        problem = parse_timeframe(draft.timeframe_text, year).problem if draft.timeframe_text else None
        if problem:
            label = f"{draft.code} {draft.title}".strip()
            warnings.append(f"Mục “{label[:60]}”: {problem}")
    if into_plan_id is not None:
        plan = plan_store.get_plan(db, into_plan_id)
        summary["title"] = plan.title
    else:
        plan_title = clean(title) or roll.plan_fields["title"]
        summary["title"] = plan_title
        years = {int(y) for y in _YEAR_RE.findall(plan_title)}
        if years and year not in years and not title:
            warnings.append(f"Tên kế hoạch trong tệp ghi năm {', '.join(map(str, sorted(years)))}, "
                            f"kế hoạch được nhập cho năm {year}.")
    try:
        with transaction(db):
            if into_plan_id is None:
                plan_id = plan_store.create_plan(db, title=summary["title"], year_from=year,
                                                 year_to=year_to or _last_target_year(preview, year),
                                                 appendix_title=roll.plan_fields["appendix_title"],
                                                 number=preview.number,
                                                 issued_on=preview.issued_on, source=source)
                insert_drafts(db, plan_id, preview.drafts)
            else:
                plan_id = into_plan_id
                summary["changes"] = _merge(db, plan_id, preview.drafts, source)
            summary["plan"] = plan_id
            if dry_run:
                raise _DryRun
    except _DryRun:
        summary["plan"] = None if into_plan_id is None else into_plan_id
    return summary


def _last_target_year(preview: ImportPreview, year: int) -> int:
    """A multi-year plan's last year, as its per-year targets name it (a plan for 2023–2025 gives
    targets for 2023, 2024, 2025); the plan's one year when none are given."""
    years = [y for _, _, draft in preview.walk()
             for y in (draft.year_targets or parse_year_targets(draft.target_text))]
    later = [y for y in years if year < y <= year + _LONGEST_PLAN]
    return max(later, default=year)


_LONGEST_PLAN = 9  # a phase is five years; a year further than that is a mistake, not a plan's own


# ---------------------------------------------------------------------------- merge into a plan

_MERGED_TEXT = ("title", "target_text", "output", "timeframe_text", "notes")


def _key(text: str) -> str:
    return fold(text).replace(" ", "")


def _match(items: list[PlanItem], draft: ItemDraft, taken: set[int]) -> PlanItem | None:
    free = [i for i in items if i.id not in taken]
    if draft.code:
        for item in free:
            if item.code and _key(item.code) == _key(draft.code):
                return item
    for item in free:
        if fold(item.title) == fold(draft.title):
            return item
    return None


def _agency_ids(db, names: list[str]) -> list[int | None]:
    return [find_agency(db, n) for n in names]


def _merge(db: sqlite_utils.Database, plan_id: int, drafts: list[ItemDraft], source: str) -> dict:
    changes = {"added": 0, "updated": 0, "unchanged": 0, "fields": [], "not_in_file": []}

    def count(draft: ItemDraft) -> int:
        return 1 + sum(count(c) for c in draft.children)

    def merge(parent_id: int | None, items: list[PlanItem], incoming: list[ItemDraft]) -> None:
        taken: set[int] = set()
        for draft in incoming:
            item = _match(items, draft, taken)
            if item is None:
                add_item(db, plan_id, draft, parent_id=parent_id, source=source)
                changes["added"] += count(draft)
                continue
            taken.add(item.id)
            diff: dict = {}
            for name in _MERGED_TEXT:
                new = clean(getattr(draft, name))
                if new and new != getattr(item, name):
                    diff[name] = new
            if draft.level != item.level:
                diff["level"] = draft.level
            for name in ("lead", "partners", "monitor"):
                new = [clean(n) for n in getattr(draft, name) if clean(n)]
                if new and _agency_ids(db, new) != _agency_ids(db, getattr(item, name)):
                    diff[name] = new
            if diff:
                update_item(db, item.id, source=source, **diff)
                changes["updated"] += 1
                for name, new in diff.items():
                    changes["fields"].append({"code": item.code, "title": item.title, "field": name,
                                              "old": getattr(item, name), "new": new})
            else:
                changes["unchanged"] += 1
            merge(item.id, item.children, draft.children)
        for item in items:
            if item.id not in taken:
                changes["not_in_file"].append({"code": item.code, "title": item.title})

    merge(None, load_tree(db, plan_id), drafts)
    return changes

