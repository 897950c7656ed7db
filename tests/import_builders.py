"""Small appendix files made in the tests: .xlsx through openpyxl, .docx as raw WordprocessingML."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.styles import Font

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
 Target="word/document.xml"/>
</Relationships>"""


def write_xlsx(path: Path, rows: list[list], merges: list[str] = (), bold_rows: tuple[int, ...] = (),
               font: str | None = None, fonts: dict[str, str] | None = None, sheets: dict | None = None) -> Path:
    """rows of values; merges like "B5:F5"; bold_rows 1-based; font for every text cell."""
    workbook = openpyxl.Workbook()
    specs = sheets or {"Phu luc": (rows, merges, bold_rows)}
    first = True
    for title, (sheet_rows, sheet_merges, sheet_bold) in specs.items():
        sheet = workbook.active if first else workbook.create_sheet()
        first = False
        sheet.title = title
        for row in sheet_rows:
            sheet.append(row)
        for number in sheet_bold:
            for cell in sheet[number]:
                cell.font = Font(bold=True, name=font) if font else Font(bold=True)
        if font:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and not cell.font.b:
                        cell.font = Font(name=font)
        for ref, name in (fonts or {}).items():
            sheet[ref].font = Font(name=name, bold=sheet[ref].font.b)
        for ref in sheet_merges:
            sheet.merge_cells(ref)
    workbook.save(path)
    return path


def run(text: str, bold: bool = False, font: str | None = None, caps: bool = False) -> str:
    props = ""
    if bold:
        props += "<w:b/>"
    if caps:
        props += "<w:caps/>"
    if font:
        props += f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}"/>'
    parts = []
    for n, line in enumerate(text.split("\n")):
        if n:
            parts.append("<w:br/>")
        parts.append(f'<w:t xml:space="preserve">{escape(line)}</w:t>')
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{''.join(parts)}</w:r>"


def paragraph(text: str, **kw) -> str:
    return f"<w:p>{run(text, **kw)}</w:p>" if text else "<w:p/>"


def cell(spec) -> str:
    """A cell: "text", or {"text", "span", "vmerge"/"hmerge": "restart"|"continue", "bold", "font"}."""
    if isinstance(spec, str):
        spec = {"text": spec}
    props = ""
    if spec.get("span", 1) > 1:
        props += f'<w:gridSpan w:val="{spec["span"]}"/>'
    if spec.get("hmerge") == "restart":
        props += '<w:hMerge w:val="restart"/>'
    elif spec.get("hmerge") == "continue":
        props += "<w:hMerge/>"
    if spec.get("vmerge") == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif spec.get("vmerge") == "continue":
        props += "<w:vMerge/>"
    text = spec.get("text", "")
    paragraphs = "".join(
        paragraph(line, bold=spec.get("bold", False), font=spec.get("font"), caps=spec.get("caps", False))
        for line in (text.split("\n\n") if text else [""])
    )
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraphs}</w:tc>"


def table(rows: list[list]) -> str:
    return "<w:tbl>" + "".join("<w:tr>" + "".join(cell(c) for c in row) + "</w:tr>" for row in rows) + "</w:tbl>"


def write_docx(path: Path, body: list[str], document_xml: str | None = None, extra: dict | None = None) -> Path:
    """body: paragraph()/table() strings, in order."""
    xml = document_xml or (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>'
        + "".join(body) + "</w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", xml)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


# ---------------------------------------------------------------------------- one table, both forms

PAGE = "page break"  # a row of a `write_both` table: Word starts a new table on a new page there


def _cell_spec(spec) -> dict:
    return {"text": spec} if isinstance(spec, str) else dict(spec)


def write_both(folder: Path, name: str, rows: list, heading: list[str] = ()) -> dict[str, Path]:
    """One table written as .docx and as .xlsx, cell for cell: {"docx": path, "xlsx": path}.

    rows: lists of cells, each "text" or {"text", "span", "vmerge": "restart"|"continue",
    "bold"}, the way Word holds them (a cell spanning columns is one cell; a cell continuing
    a vertical merge is there, empty). The workbook gets the same grid: spans and vertical
    merges become merged ranges, bold cells bold. `PAGE` among the rows ends the Word table
    and starts the next on a new page (a PDF turned into Word gives a table per page); in
    the workbook the rows simply go on. `heading`: paragraphs before the table (title rows
    merged across in the workbook).
    """
    folder.mkdir(parents=True, exist_ok=True)
    # Word
    body = [paragraph(line, bold=True) for line in heading]
    current: list[list] = []
    for row in rows:
        if row == PAGE:
            body.append(table(current))
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
            current = []
        else:
            current.append(row)
    body.append(table(current))
    docx = write_docx(folder / f"{name}.docx", body)
    # Excel: the same grid (Word's old-style hMerge is a span there)
    grid_rows = [_hmerge_as_span(row) for row in rows if row != PAGE]
    width = max(sum(_cell_spec(c).get("span", 1) for c in row) for row in grid_rows)
    merges: list[str] = [f"A{n}:{_col(width - 1)}{n}" for n in range(1, len(heading) + 1)]
    bold_cells: list[str] = []
    open_vertical: dict[int, int] = {}  # column → sheet row where its vertical merge began
    first = len(heading) + 1

    def close(column: int, last_row: int) -> None:
        start = open_vertical.pop(column)
        if last_row > start:
            merges.append(f"{_col(column)}{start}:{_col(column)}{last_row}")

    for offset, row in enumerate(grid_rows):
        number = first + offset
        column = 0
        continued = set()
        for spec in map(_cell_spec, row):
            span = spec.get("span", 1)
            vmerge = spec.get("vmerge")
            if vmerge == "continue":
                continued.add(column)
            else:
                if column in open_vertical:
                    close(column, number - 1)
                if span > 1:
                    merges.append(f"{_col(column)}{number}:{_col(column + span - 1)}{number}")
                if spec.get("bold"):
                    bold_cells.append(f"{_col(column)}{number}")
                if vmerge == "restart":
                    open_vertical[column] = number
            column += span
        for column in [c for c in open_vertical if c not in continued and open_vertical[c] != number]:
            close(column, number - 1)  # a merge ends where no cell continues it
    for column in list(open_vertical):
        close(column, first + len(grid_rows) - 1)
    _merge_rectangles(merges)
    xlsx = folder / f"{name}.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Phu luc"
    for line in heading:
        sheet.append([line])
    for line in _sheet_lines(grid_rows, width):
        sheet.append(line)
    for ref in bold_cells:
        sheet[ref].font = Font(bold=True)
    for ref in merges:
        sheet.merge_cells(ref)
    workbook.save(xlsx)
    return {"docx": docx, "xlsx": xlsx}


def _hmerge_as_span(row: list) -> list:
    cells: list[dict] = []
    for spec in map(_cell_spec, row):
        if spec.get("hmerge") == "continue" and cells:
            cells[-1]["span"] = cells[-1].get("span", 1) + spec.get("span", 1)
        else:
            cells.append(spec)
    return cells


def _sheet_lines(rows: list, width: int) -> list[list]:
    lines = []
    for row in rows:
        line: list = [None] * width
        column = 0
        for spec in map(_cell_spec, row):
            if spec.get("vmerge") != "continue":
                text = spec.get("text", "").replace("\n\n", "\n")
                line[column] = int(text) if text.isdigit() and column == 0 else (text or None)
            column += spec.get("span", 1)
        lines.append(line)
    return lines


def _merge_rectangles(merges: list[str]) -> None:
    """A cell both spanning columns and merged down (a heading over two rows) as one range."""
    by_start: dict[str, list[str]] = {}
    for ref in merges:
        by_start.setdefault(ref.split(":")[0], []).append(ref)
    for start, refs in by_start.items():
        if len(refs) == 2:
            (a1, a2), (b1, b2) = (r.split(":") for r in refs)
            ends = sorted([a2, b2], key=lambda ref: (len(ref), ref))
            col = max(ends, key=lambda ref: openpyxl.utils.cell.column_index_from_string(
                "".join(ch for ch in ref if ch.isalpha())))
            row = max(ends, key=lambda ref: int("".join(ch for ch in ref if ch.isdigit())))
            merged = f"{start}:{''.join(ch for ch in col if ch.isalpha())}{''.join(ch for ch in row if ch.isdigit())}"
            for ref in refs:
                merges.remove(ref)
            merges.append(merged)


def _col(index: int) -> str:
    return openpyxl.utils.get_column_letter(index + 1)
