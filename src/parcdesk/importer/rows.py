"""The rows of an appendix as its author meant them: repeats dropped, split rows joined.

A table that went through PDF → Word, or was laid out for printing, carries rows that
are not items:

- the header again at the top of every page (dropped);
- the columns numbered "1 2 3 4 5 6" under the header (dropped);
- a row split across a page break: the rest of the row continues on the next page in a
  row whose order cell is empty, finishing the words of the row above ("Văn phòng -" /
  "Thống kê"); it is joined back, cell by cell, with a space — or a line break where the
  continuation starts a new bullet ("- …", "+ …").

A row with an empty order cell is a continuation when it follows a repeated header (a
page break — in a table that numbers its rows; without an order column nothing tells a
new row from the rest of one there), when its title cell is empty (an item always has a
title), when its title starts in lower case (a sentence going on), or when its title cell
continues a vertical merge from the row above (one item written over several lines, e.g.
one lead each; those lines are joined with line breaks). A bold or merged-across row is
never a continuation: it is a section heading.

Cells in other columns that continue a vertical merge (one lead merged over five items)
are filled with the merged text, so that every item gets it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parcdesk.importer.header import Header, is_column_numbers, is_repeat
from parcdesk.importer.raw import RawCell, RawTable

_BULLET_RE = re.compile(r"^\s*[-+•*–]\s")


@dataclass
class Row:
    number: int  # the source row number of its first line
    cells: dict[int, str]  # column index → text
    bold: bool = False  # the title (or, lacking one, the order cell) is bold
    span: int = 1  # columns the title cell spans (a section row merged across)
    joined: int = 0  # continuation rows joined into this one
    title_from_code: bool = False  # the title was written in the order column, merged across

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


def _owner(row: list[RawCell], col: int) -> int:
    while col > 0 and row[col].covered:
        col -= 1
    return col


def clean_rows(table: RawTable, header: Header) -> tuple[list[Row], RowStats]:
    fields = header.by_field()
    code_col = fields.get("code")
    title_col = fields.get("title")
    stats = RowStats()
    rows: list[Row] = []
    after_break = False
    for raw, number in zip(table.rows[header.last_row + 1:], table.row_numbers[header.last_row + 1:]):
        if not any(c.text.strip() for c in raw):
            continue
        if is_repeat(header, raw):
            stats.repeated_headers += 1
            after_break = True
            continue
        if is_column_numbers(raw):
            stats.column_numbers += 1
            continue
        cells: dict[int, str] = {}
        for column in header.columns:
            index = column.index
            if index >= len(raw):
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
        section_like = bool(title) and (bold or span > 1) and all(
            not text.strip() for index, text in cells.items() if index not in (code_col, title_col))
        previous = rows[-1] if rows else None
        continuation = (
            previous is not None and not code and not title_from_code and not section_like
            # after a page break only a table that numbers its rows tells a new row from the rest of one
            and ((after_break and code_col is not None) or not title or _starts_lower(title) or title_merged_down)
        )
        after_break = False
        if continuation:
            for index, text in cells.items():
                if index < len(raw) and raw[index].merged_down and not raw[index].text.strip():
                    continue  # the merged text is already the row above's
                previous.cells[index] = join_text(previous.cells.get(index, ""), text, line=title_merged_down)
            previous.joined += 1
            stats.continuations += 1
            continue
        rows.append(Row(number=number, cells=cells, bold=bold, span=span, title_from_code=title_from_code))
    return rows, stats
