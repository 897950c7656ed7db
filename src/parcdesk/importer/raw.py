"""The neutral table every reader produces: what a cell says and how it looks.

A reader (.xlsx, .xls, .docx) knows its format and nothing about plans; everything
after it (header, rows, tree) knows plans and nothing about formats. Between them is
`RawTable`: a grid of `RawCell`s, every row exactly as wide as the table, with the
formatting the later steps read (bold, font, merges).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawCell:
    text: str = ""
    bold: bool = False
    # the font the text is written in; ".VnTime"/"VNI-Times" tell a legacy encoding
    font: str = ""
    # columns this cell spans to the right (a horizontal merge or a Word gridSpan)
    span: int = 1
    # part of a horizontal merge whose text is in a cell to the left
    covered: bool = False
    # continues a vertical merge: `text` is "", `above` is the text of the merge's first cell
    above: str | None = None

    @property
    def merged_down(self) -> bool:
        return self.above is not None


@dataclass
class RawTable:
    """One candidate appendix: a sheet of a workbook or a table of a document."""

    source: str  # "Trang tính “Phu luc 1”", "Bảng 2"
    rows: list[list[RawCell]]
    # the row number of each row in the source (1-based), for messages the officer can follow
    row_numbers: list[int] = field(default_factory=list)
    # paragraphs standing before the table in a document (its heading, the document title)
    preamble: list[str] = field(default_factory=list)
    # a document's paragraphs before its first table (title, "Số: …", date line), for the plan's details
    context: list[str] = field(default_factory=list)
    # cells holding a formula whose value could not be read
    formula_cells: int = 0
    # the legacy encoding some of its text was converted from ("tcvn3", "vni"), if any
    encoding: str | None = None
    # what a reader noticed (formulas with values, converted encodings…), Vietnamese sentences
    notes: list[str] = field(default_factory=list)
    # indices of rows that begin a new page (a document's tables, one per page, joined into one)
    page_starts: set[int] = field(default_factory=set)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def pad(self) -> None:
        """Every row as wide as the widest one."""
        width = self.width
        for row in self.rows:
            if len(row) < width:
                row.extend(RawCell() for _ in range(width - len(row)))
        if len(self.row_numbers) != len(self.rows):
            self.row_numbers = list(range(1, len(self.rows) + 1))

    def drop_covered_columns(self) -> None:
        """Columns that are, in every row, the covered part of a merge to their left, removed.

        A table converted from PDF, or laid out by hand, often has a finer grid than its
        meaning: "Cơ quan chủ trì" two grid columns wide in every row, including the header's.
        Such a column holds no text of its own anywhere; dropped, the table has the columns
        a reader sees, the same in Word (gridSpan) as in Excel (merged cells).
        """
        width = self.width
        if not self.rows or width < 2:
            return
        drop = [c for c in range(1, width) if all(c < len(row) and row[c].covered for row in self.rows)]
        if not drop:
            return
        dropped = set(drop)
        for row in self.rows:
            kept: list[RawCell] = []
            for index, cell in enumerate(row):
                if index in dropped:
                    if kept:
                        owner = len(kept) - 1
                        while owner > 0 and kept[owner].covered:
                            owner -= 1
                        kept[owner].span = max(1, kept[owner].span - 1)
                    continue
                kept.append(cell)
            row[:] = kept
