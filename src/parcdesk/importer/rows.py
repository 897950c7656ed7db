"""The rows of an appendix as its author meant them: repeats dropped, split rows joined.

A table that went through PDF → Word, or was laid out for printing, carries rows that
are not items:

- the header again at the top of every page (dropped);
- the columns numbered "1 2 3 4 5 6" under the header (dropped);
- a row split across a page break: the rest of the row continues on the next page in a
  row whose order cell is empty, finishing the words of the row above ("Văn phòng -" /
  "Thống kê"); it is joined back, cell by cell, with a space — or a line break where the
  continuation starts a new bullet ("- …", "+ …").

A row with an empty order cell is a continuation when it follows a repeated header or
opens the next page's table of a document (a page break — in a table that numbers its rows; without an order column nothing tells a
new row from the rest of one there; a "- …" row under a "- …" row is the next of a list
of bullet rows, not the rest of one), when its title cell is empty (an item always has a
title), when its title starts in lower case (a sentence going on), or when its title cell
continues a vertical merge from the row above (one item written over several lines, e.g.
one lead each; those lines are joined with line breaks). A bold or merged-across row is
never a continuation: it is a section heading.

Cells in other columns that continue a vertical merge (one lead merged over five items)
are filled with the merged text, so that every item gets it.

A section heading split at a page break ("XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN" / the
header again / "ĐIỆN TỬ, CHÍNH QUYỀN SỐ" in a row whose order cell is empty) is one
heading: an uncoded heading row right after a heading row (bold, merged across, or merely
alone on its row) is its rest when a page break stands between them, when it starts in
lower case, or when the heading above ends open ("…,", "… và"). Otherwise it is a heading of its own (a group).

Where the areas stand in a column of their own ("Lĩnh vực", merged down over its tasks,
or written once above them and left empty below), each change of that column's text gives
an area row (`Row.area`) before the row it starts at, so that the tree sees the same
rows as in a table that writes its areas across.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parcdesk.importer.header import Header, is_column_numbers, is_repeat
from parcdesk.importer.raw import RawCell, RawTable
from parcdesk.parsing.codes import split_code
from parcdesk.text import fold

_BULLET_RE = re.compile(r"^\s*[-+•*–]\s")


@dataclass
class Row:
    number: int  # the source row number of its first line
    cells: dict[int, str]  # column index → text
    bold: bool = False  # the title (or, lacking one, the order cell) is bold
    span: int = 1  # columns the title cell spans (a section row merged across)
    joined: int = 0  # continuation rows joined into this one
    title_from_code: bool = False  # the title was written in the order column, merged across
    section: bool = False  # a heading: bold or merged across, nothing but a title (and a code)
    heading: bool = False  # nothing but a title (and a code), however it looks
    area: bool = False  # an area read from the table's own area column

    def text(self, column: int | None) -> str:
        return self.cells.get(column, "") if column is not None else ""


@dataclass
class RowStats:
    repeated_headers: int = 0
    column_numbers: int = 0
    continuations: int = 0
    warnings: list[str] = field(default_factory=list)


def join_text(before: str, after: str, line: bool = False) -> str:
    before, after = before.rstrip(), after.strip()
    if not before:
        return after
    if not after:
        return before
    if line or _BULLET_RE.match(after):
        return f"{before}\n{after}"
    return f"{before} {after}"


def _starts_lower(text: str) -> bool:
    for ch in text.strip():
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit() or ch in "-+•*–(":
            return False
    return False


# words a heading line cannot end on: the heading goes on in the next row
_OPEN_END_RE = re.compile(r"(?:[,\-–:]|\b(?:va|cua|ve|cho|voi|cac|trong|tren|den|tai|theo|nham))$")


def _ends_open(text: str) -> bool:
    return bool(_OPEN_END_RE.search(fold(text.rstrip())))


def _next_bullet(before: str, title: str) -> bool:
    """A "- …" row under a "- …" row: the next of a list of bullet rows, even at a page top."""
    return bool(_BULLET_RE.match(title)) and bool(_BULLET_RE.match(before))


def _owner(row: list[RawCell], col: int) -> int:
    while col > 0 and row[col].covered:
        col -= 1
    return col


def clean_rows(table: RawTable, header: Header) -> tuple[list[Row], RowStats]:
    fields = header.by_field()
    code_col = fields.get("code")
    title_col = fields.get("title")
    area_col = fields.get("area")
    area_key = ""  # the area the rows are in, when the table has an area column
    stats = RowStats()
    rows: list[Row] = []
    after_break = False
    first = header.last_row + 1
    for position, (raw, number) in enumerate(zip(table.rows[first:], table.row_numbers[first:]), start=first):
        if position in table.page_starts:
            after_break = True  # a new page's table, with or without the header again
        if not any(c.text.strip() for c in raw):
            continue
        if is_repeat(header, raw):
            stats.repeated_headers += 1
            after_break = True
            continue
        if is_column_numbers(raw):
            stats.column_numbers += 1
            continue
        if area_col is not None and area_col < len(raw):
            area_cell = raw[area_col]
            area_text = area_cell.text if area_cell.text.strip() else (area_cell.above or "")
            if area_text.strip() and fold(area_text) != area_key:
                area_key = fold(area_text)
                rows.append(Row(number=number, cells={title_col: area_text} if title_col is not None else {},
                                bold=True, section=True, area=True))
                after_break = False
            if not any(c.text.strip() for i, c in enumerate(raw) if i != area_col):
                continue  # the area cell alone on its row
        cells: dict[int, str] = {}
        for column in header.columns:
            index = column.index
            if index >= len(raw) or index == area_col:
                continue
            cell = raw[index]
            text = cell.text
            if not text and cell.above is not None and index not in (code_col, title_col):
                text = cell.above
            if text.strip():
                cells[index] = text
        title_from_code = False
        bold = False
        span = 1
        if title_col is not None and title_col < len(raw):
            owner = _owner(raw, title_col)
            title_cell = raw[owner]
            if owner != title_col and raw[owner].text.strip():
                # the title written further left and merged across ("I. CÔNG TÁC…" in the TT cell)
                cells[title_col] = raw[owner].text
                if owner == code_col:
                    cells.pop(code_col, None)
                    title_from_code = True
            bold = title_cell.bold if title_cell.text.strip() else bool(code_col is not None and raw[code_col].bold)
            span = title_cell.span
        code = cells.get(code_col, "").strip() if code_col is not None else ""
        title = cells.get(title_col, "").strip() if title_col is not None else ""
        title_merged_down = title_col is not None and title_col < len(raw) and raw[title_col].merged_down \
            and not raw[title_col].text.strip()
        heading = bool(title) and all(
            not text.strip() for index, text in cells.items() if index not in (code_col, title_col))
        section_like = heading and (bold or span > 1)
        previous = rows[-1] if rows else None
        continuation = (
            previous is not None and not code and not title_from_code and not section_like
            # after a page break only a table that numbers its rows tells a new row from the rest of one
            and ((after_break and code_col is not None and not _next_bullet(previous.text(title_col), title))
                 or not title or _starts_lower(title) or title_merged_down)
        )
        if previous is not None and previous.heading and not previous.area and section_like and not code \
                and not split_code(title).code \
                and (after_break or _starts_lower(title) or _ends_open(previous.text(title_col))):
            # the rest of a heading split over two rows (a page break between them)
            previous.cells[title_col] = join_text(previous.cells.get(title_col, ""), title)
            previous.joined += 1
            stats.continuations += 1
            after_break = False
            continue
        after_break = False
        if continuation:
            for index, text in cells.items():
                if index < len(raw) and raw[index].merged_down and not raw[index].text.strip():
                    continue  # the merged text is already the row above's
                previous.cells[index] = join_text(previous.cells.get(index, ""), text, line=title_merged_down)
            previous.joined += 1
            stats.continuations += 1
            continue
        rows.append(Row(number=number, cells=cells, bold=bold, span=span, title_from_code=title_from_code,
                        section=section_like, heading=heading))
    return rows, stats
