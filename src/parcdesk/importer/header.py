"""The header row(s) of an appendix table and what each column means.

Headers vary from plan to plan (domain.md lists those seen); they are matched on their
folded text (no diacritics, lower case) by the words that carry the meaning, in an
order that settles the overlaps: "Cơ quan phối hợp/thực hiện" is the partners (not the
lead, although it says "thực hiện"), "Thời gian thực hiện" the timeframe, "Nội dung chỉ
tiêu" the title while "Chỉ tiêu năm 2024" is the target, "Đơn vị" alone the unit while
"Đơn vị thực hiện" is the lead.

The header is the first row, among the first 40 rows of the table, that reads as one:
short cells (a data row has long ones), no cell a bare number or numeral (a data row's
order cell), most cells recognised, and at least three fields recognised or the title and
one more. A header of two or three rows ("Cơ quan thực hiện" merged over "Chủ trì" and
"Phối hợp") is recognised by a merged cell above cells that are themselves headers (in
Word a gridSpan, an old-style hMerge or, where a conversion lost the merge, a filled cell
with empty ones after it); each column then reads "top – sub" for matching, and the
columns are those of the lowest row whatever the format (see `RawTable.drop_covered_columns`).
A column "Lĩnh vực" beside the title column, merged down over its tasks, is the `area`
field: its text heads the rows beside it (see `rows.py`).

A column no field claims is kept: its cells go to the item's notes under the column's
header, so nothing in the table is lost. Any mapping can be overridden (`apply_mapping`),
which is what the import window offers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from parcdesk.importer.raw import RawCell, RawTable
from parcdesk.text import clean, fold

FIELDS = ("code", "area", "title", "target", "unit", "output", "lead", "partners", "monitor", "timeframe", "notes")
FIELD_LABELS = {
    "code": "Số thứ tự / mã",
    "area": "Lĩnh vực (cột riêng, gộp dọc)",
    "title": "Nội dung (lĩnh vực, tiêu chí, nhiệm vụ)",
    "target": "Mục tiêu, chỉ tiêu",
    "unit": "Đơn vị tính",
    "output": "Sản phẩm, kết quả",
    "lead": "Cơ quan chủ trì",
    "partners": "Cơ quan phối hợp",
    "monitor": "Cơ quan theo dõi",
    "timeframe": "Thời gian thực hiện",
    "notes": "Ghi chú",
}
# What a column can be set to besides a field.
NOTE = "note"  # kept in the item's notes under its header
IGNORE = "ignore"  # dropped
YEAR_TARGET = "year_target"  # one year's target of a multi-year plan (Column.year says which)

# "Chỉ tiêu năm 2024", "Năm 2025", "Chỉ tiêu – Năm 2023" (folded, punctuation as spaces): one
# year's target when two or more columns name a year so; one such column alone is the target.
_YEAR_COLUMN_RE = re.compile(r"^(?:(?:chi tieu|muc tieu|ke hoach)(?: giao)?\s+)?(?:nam\s+)?((?:19|20)\d\d)$")

_SEARCH_ROWS = 40

# (field, pattern on the folded header with punctuation turned to spaces), tried in order.
_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("code", re.compile(r"^(?:s ?t ?t|t ?t|so (?:tt|thu tu)|thu tu|ma(?: so)?|stt ma|ma tieu chi)$")),
    ("notes", re.compile(r"\bghi chu\b")),
    ("title", re.compile(r"^noi dung\b")),
    ("timeframe", re.compile(r"\b(?:thoi gian|thoi han|tien do|han hoan thanh|moc thoi gian|thoi diem)\b")),
    ("monitor", re.compile(r"\b(?:theo doi|giam sat)\b")),
    ("partners", re.compile(r"\bphoi hop\b")),
    ("lead", re.compile(
        r"\b(?:co quan|bo phan|don vi|nguoi|can bo|cong chuc|ca nhan|chu the)\b.*\b(?:chu tri|phu trach|thuc hien|"
        r"tham muu|trach nhiem)\b|^(?:chu tri|phu trach|trach nhiem|phan cong|thuc hien|don vi chu tri)\b")),
    ("unit", re.compile(r"^(?:don vi(?: tinh| do)?|dvt|dv tinh)$")),
    ("title", re.compile(r"^ten\b|\b(?:linh vuc|tieu chi)\b")),
    ("target", re.compile(r"\b(?:muc tieu|chi tieu|yeu cau|can dat|dat duoc|phai dat|chi so)\b")),
    ("output", re.compile(r"\b(?:san pham|ket qua|dau ra)\b")),
    ("title", re.compile(r"\b(?:nhiem vu|linh vuc|tieu chi|cong viec|hoat dong|giai phap|danh muc|noi dung)\b")),
]
_PUNCT_RE = re.compile(r"[/,;:.()\[\]\-–—+&*\"'“”]+")


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    return " ".join(_PUNCT_RE.sub(" ", fold(text)).split())


@lru_cache(maxsize=4096)
def field_of(header: str) -> str | None:
    """The field a column header names, or None."""
    folded = _folded(header)
    if not folded or len(folded) > 80 or folded.count(" ") > 12:
        return None
    for name, pattern in _RULES:
        if pattern.search(folded):
            return name
    return None


@dataclass
class Column:
    index: int
    label: str  # the header as written ("Cơ quan thực hiện – Chủ trì" for two rows)
    field: str  # one of FIELDS, NOTE, IGNORE or YEAR_TARGET
    detected: str | None = None  # what the header alone says (before overrides)
    year: int | None = None  # the year a per-year target column is for


@dataclass
class Header:
    rows: list[int]  # indices into table.rows: one to three
    columns: list[Column] = field(default_factory=list)
    # folded text of each header row, cell by cell, to recognise the header repeated
    signatures: list[tuple[str, ...]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    longest: int = 0  # the longest header cell, to rule out data rows quickly

    @property
    def last_row(self) -> int:
        return self.rows[-1]

    def mapping(self) -> dict[str, str]:
        """field → header label, for the summary ({"title": "Nhiệm vụ cụ thể", …})."""
        found: dict[str, str] = {}
        for column in self.columns:
            if column.field in FIELDS and column.field not in found:
                found[column.field] = column.label
        return found

    def by_field(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for column in self.columns:
            if column.field in FIELDS and column.field not in found:
                found[column.field] = column.index
        return found

    def year_columns(self) -> dict[int, int]:
        """year → column index of a multi-year plan's per-year target columns."""
        return {c.year: c.index for c in self.columns if c.field == YEAR_TARGET and c.year is not None}

    def note_columns(self) -> list[Column]:
        return [c for c in self.columns if c.field == NOTE]


_CODE_CELL_RE = re.compile(r"^\s*[\dIVXivx]+[.)]?\s*$")


def _header_row_score(row: list[RawCell], strict: bool = False) -> int:
    """How many fields a row names if it reads as a header row, else 0.

    A header row: short cells (≤ 80 characters), none a bare number or numeral (that is a
    data row's order cell), most of them recognised, and at least three fields recognised
    or the title and one more. `strict` (a second table inside a sheet) asks for three
    fields and three quarters of the cells recognised.
    """
    texts = [cell.text for cell in row if cell.text.strip() and not cell.covered]
    if len(texts) < 2 or any(len(t) > 80 or _CODE_CELL_RE.match(t) for t in texts):
        return 0
    fields = [field_of(t) for t in texts]
    found = {f for f in fields if f}
    recognised = sum(1 for f in fields if f)
    if strict:
        return len(found) if len(found) >= 3 and recognised * 4 >= len(texts) * 3 else 0
    if recognised * 10 < len(texts) * 6:
        return 0
    if "title" in found and len(found) >= 2 or len(found) >= 3:
        return len(found)
    return 0


def looks_like_header(row: list[RawCell]) -> bool:
    """A row that would be taken for the header of another table (several tables in one sheet)."""
    return bool(_header_row_score(row, strict=True))


def _signature(row: list[RawCell]) -> tuple[str, ...]:
    return tuple(_folded(cell.text) for cell in row)


_MAX_HEADER_ROWS = 3


def find_header(table: RawTable) -> Header | None:
    for index, row in enumerate(table.rows[:_SEARCH_ROWS]):
        if not _header_row_score(row):
            continue
        rows = [index]
        # a header of two or three rows: each further row is headings under a merged cell
        # of the row above ("Cơ quan thực hiện" over "Chủ trì" and "Phối hợp")
        while len(rows) < _MAX_HEADER_ROWS and rows[-1] + 1 < len(table.rows) \
                and _is_sub_header(table.rows[rows[-1]], table.rows[rows[-1] + 1]):
            rows.append(rows[-1] + 1)
        labels = _combine([table.rows[r] for r in rows]) if len(rows) > 1 else [clean(cell.text) for cell in row]
        return _build(table, rows, labels)
    return None


def _is_sub_header(top: list[RawCell], sub: list[RawCell]) -> bool:
    """The row under a header row is a further header row: each of its cells under a cell of
    the row above that spans two columns or more, and header words itself."""
    under: dict[int, int] = {}  # owner column → sub-cells under it
    for col, cell in enumerate(sub):
        if not cell.text.strip() or cell.covered:
            continue
        owner = _owner(top, col)
        if owner is None or _group_width(top, owner) < 2:
            return False
        under[owner] = under.get(owner, 0) + 1
    if not under:
        return False
    # the sub-cells must read as headers, not as data ("Chủ trì", "Phối hợp", "Năm 2024")
    texts = [cell.text for cell in sub if cell.text.strip()]
    if not all(len(t) <= 60 and not re.fullmatch(r"\s*[\dIVXivx.()]+\s*", t) for t in texts):
        return False
    # and divide a heading ("Chủ trì" | "Phối hợp"), or name fields: not one section title under a wide cell
    return max(under.values()) >= 2 or all(field_of(t) for t in texts)


def _has_text(cell: RawCell) -> bool:
    return bool(cell.text.strip()) or bool(cell.above and cell.above.strip())


def _owner(row: list[RawCell], col: int) -> int | None:
    """The column whose cell heads `col` in a header row: itself, a merged cell to its left,
    or — where a conversion lost the merge and left the rest empty — the filled cell to its left."""
    while col >= 0 and (row[col].covered or not _has_text(row[col])):
        col -= 1
    if col < 0:
        return None
    return col


def _group_width(row: list[RawCell], owner: int) -> int:
    """Columns a header cell heads: its span, and the empty cells after it (a merge lost)."""
    end = owner + max(1, row[owner].span)
    while end < len(row) and not _has_text(row[end]) and not row[end].merged_down:
        end += 1
    return end - owner


def _combine(rows: list[list[RawCell]]) -> list[str]:
    """Each column's label from the header rows, top down: "Cơ quan thực hiện – Chủ trì"."""
    labels = []
    for col in range(len(rows[0])):
        parts: list[str] = []
        for row in rows:
            if col >= len(row):
                continue
            cell = row[col]
            if cell.merged_down and not cell.text.strip():
                text = clean(cell.above or "")
            elif cell.text.strip():
                text = clean(cell.text)
            else:
                owner = _owner(row, col)
                text = clean(row[owner].text or row[owner].above or "") if owner is not None \
                    and _group_width(row, owner) > col - owner else ""
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        labels.append(" – ".join(parts))
    return labels


def _build(table: RawTable, rows: list[int], labels: list[str]) -> Header:
    header = Header(rows=rows, signatures=[_signature(table.rows[r]) for r in rows],
                    longest=max((len(c.text) for r in rows for c in table.rows[r]), default=0))
    taken: set[str] = set()
    data = table.rows[rows[-1] + 1:]
    found = [_detect(label) for label in labels]
    area = _area_column(labels, found, data)
    if area is not None:
        found[area] = "area"
    years = _year_columns(labels)
    for index, label in enumerate(labels):
        if index in years:
            header.columns.append(Column(index=index, label=label, field=YEAR_TARGET, detected=YEAR_TARGET,
                                         year=years[index]))
            continue
        detected = found[index]
        field_name = detected
        if detected in taken:
            header.warnings.append(
                f"Cột “{label}” trùng nghĩa với một cột trước (“{FIELD_LABELS[detected]}”), được giữ trong ghi chú."
            )
            field_name = NOTE
        elif detected is None:
            has_data = any(r[index].text.strip() for r in data if index < len(r))
            field_name = NOTE if has_data else IGNORE
            if not label and index == 0 and has_data:
                field_name = "code"  # an unlabelled first column holds the numbering
        if field_name in FIELDS:
            taken.add(field_name)
        header.columns.append(Column(index=index, label=label or f"Cột {index + 1}", field=field_name,
                                     detected=detected))
    return header


def _detect(label: str) -> str | None:
    if not label:
        return None
    detected = field_of(label.replace(" – ", " "))
    if detected is None and " – " in label:
        # "Cơ quan thực hiện – Chủ trì": the lowest header row decides when it alone is clear
        for part in reversed(label.split(" – ")):
            detected = field_of(part)
            if detected:
                break
    return detected


_AREA_LABEL_RE = re.compile(r"^(?:linh vuc|nhom(?: linh vuc| nhiem vu)?|nhiem vu chung|chuong trinh)$")


def _area_column(labels: list[str], found: list[str | None], data: list[list[RawCell]]) -> int | None:
    """Of two columns that both read as the title, the one that holds the areas beside the tasks.

    "Lĩnh vực | Nhiệm vụ | …": the first column names the area, merged down over its tasks
    (or written once above them). It is told by its header ("Lĩnh vực", "Nhóm nhiệm vụ") or
    by its cells: fewer rows with text of their own than rows merged into or left empty.
    """
    titles = [i for i, f in enumerate(found) if f == "title"]
    if len(titles) < 2:
        return None
    first = titles[0]
    if _AREA_LABEL_RE.match(_folded(labels[first].split(" – ")[-1])):
        return first
    rows = [r for r in data if first < len(r) and any(c.text.strip() for c in r)]
    own = sum(1 for r in rows if r[first].text.strip())
    return first if rows and 0 < own and own * 2 <= len(rows) else None


def _year_columns(labels: list[str]) -> dict[int, int]:
    """column index → year, for the per-year target columns (two or more, years all different)."""
    found = {}
    for index, label in enumerate(labels):
        match = _YEAR_COLUMN_RE.match(_folded(label.replace(" – ", " "))) if label else None
        if match:
            found[index] = int(match.group(1))
    return found if len(found) >= 2 and len(set(found.values())) == len(found) else {}


def apply_mapping(header: Header, mapping: dict[int, str]) -> None:
    """Override columns: {column index: field, "note", "ignore", or "year_target" (a column read as
    one year's target)}; a field moves, never doubles."""
    for index, value in mapping.items():
        if value == YEAR_TARGET and not any(c.index == index and c.year for c in header.columns):
            raise ValueError("a column's year is known only from its header")
        if value not in FIELDS and value not in (NOTE, IGNORE, YEAR_TARGET):
            raise ValueError(f"unknown field {value!r}")
        if value in FIELDS:
            for column in header.columns:
                if column.field == value and column.index != index:
                    column.field = NOTE
        for column in header.columns:
            if column.index == index:
                column.field = value


def is_repeat(header: Header, row: list[RawCell]) -> bool:
    """A header row again (Word repeats it at each page; conversions copy it as text)."""
    if any(len(cell.text) > header.longest + 10 for cell in row):
        return False
    sig = _signature(row)
    for header_sig in header.signatures:
        filled = [(a, b) for a, b in zip(sig, header_sig) if a or b]
        if not filled:
            continue
        same = sum(a == b for a, b in filled)
        if same >= 2 and same * 10 >= len(filled) * 6:
            return True
    return False


_NUMBER_CELL_RE = re.compile(r"^\(?(\d{1,2})\)?$")


def is_column_numbers(row: list[RawCell]) -> bool:
    """"1 2 3 4 5 6" (or "(1) (2) …") under the header: the columns numbered, not data."""
    numbers = []
    for cell in row:
        text = cell.text.strip()
        if not text:
            continue
        match = _NUMBER_CELL_RE.match(text)
        if not match:
            return False
        numbers.append(int(match.group(1)))
    if len(numbers) < 3:
        return False
    return numbers == list(range(numbers[0], numbers[0] + len(numbers))) and numbers[0] <= 1
