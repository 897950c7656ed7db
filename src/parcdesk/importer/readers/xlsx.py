""".xlsx: every sheet a candidate appendix, read with openpyxl in read-only mode.

Read-only mode streams the sheet and is several times faster than the full model, but it
does not give merged cells; those are few and sit in one `<mergeCells>` element at the end
of the sheet's XML, so they are taken from the raw XML with a regular expression. So are
formulas: the workbook is opened with the values Excel cached (`data_only`), and a formula
cell that has no cached value (a file written by a program, never opened in Excel) is
counted so the caller can refuse the file rather than import blanks.

openpyxl parses XML through defusedxml when it is installed (it is a dependency), and
`safety.check_archive` has already refused archives that inflate too far or declare
entities.
"""

from __future__ import annotations

import datetime
import re
import zipfile
from pathlib import Path

from xml.etree.ElementTree import ParseError

import openpyxl
from defusedxml.common import DefusedXmlException
from openpyxl.utils.cell import column_index_from_string

from parcdesk.errors import UserError
from parcdesk.importer import safety
from parcdesk.importer.raw import RawCell, RawTable

_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_FORMULA_RE = re.compile(rb"<(?:\w+:)?f[\s>/]")
# a formula element closing its cell with no <v> (cached value) after it
_FORMULA_NO_VALUE_RE = re.compile(
    rb"<(?:\w+:)?f(?:\s[^>]*)?(?:/>|>[^<]*</(?:\w+:)?f>)\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)


def cell_text(value, number_format: str = "General") -> str:
    """What Excel shows for a value, near enough for an appendix."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        if number_format and "%" in number_format:
            return f"{value * 100:.10g}".replace(".", ",") + "%"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return f"{value:.10g}" if isinstance(value, float) else str(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    return str(value)


def read_xlsx(path: Path) -> list[RawTable]:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except DefusedXmlException as exc:
        raise safety.refuse(path, "tệp chứa khai báo XML không được phép (có thể là tệp độc hại)") from exc
    except (zipfile.BadZipFile, ParseError, KeyError, ValueError, TypeError, IndexError, AttributeError,
            EOFError) as exc:
        raise safety.refuse(path, "tệp Excel bị hỏng, không đọc được nội dung") from exc
    tables = []
    try:
        archive: zipfile.ZipFile = workbook._archive
        for sheet in workbook.worksheets:
            if getattr(sheet, "sheet_state", "visible") != "visible":
                continue
            xml_path = getattr(sheet, "_worksheet_path", None)
            raw_xml = archive.read(xml_path) if xml_path else b""
            tables.append(_read_sheet(path, workbook, sheet, raw_xml))
    except UserError:
        raise
    except DefusedXmlException as exc:
        raise safety.refuse(path, "tệp chứa khai báo XML không được phép (có thể là tệp độc hại)") from exc
    except (zipfile.BadZipFile, ParseError, KeyError, EOFError) as exc:
        raise safety.refuse(path, "tệp Excel bị hỏng, không đọc được nội dung") from exc
    finally:
        workbook.close()
    return tables


def _read_sheet(path: Path, workbook, sheet, raw_xml: bytes) -> RawTable:
    where = f"Trang tính “{sheet.title}”"
    sheet.reset_dimensions()  # never trust the stored size: read what is there
    styles: dict[int, tuple[bool, str, str]] = {}
    rows: list[list[RawCell]] = []
    numbers: list[int] = []
    for row_number, row in enumerate(sheet.iter_rows(), start=1):
        if row_number > safety.MAX_SCANNED_ROWS:
            safety.check_rows(path, where, safety.MAX_ROWS + 1)
        cells = []
        filled = False
        for cell in row:
            value = getattr(cell, "value", None)
            if value is None or value == "":
                cells.append(RawCell())
                continue
            style_id = getattr(cell, "_style_id", 0)
            look = styles.get(style_id)
            if look is None:
                font = cell.font
                look = styles[style_id] = (bool(font.b), font.name or "", cell.number_format or "General")
            text = cell_text(value, look[2])
            if text.strip():
                filled = True
            cells.append(RawCell(text=text, bold=look[0], font=look[1]))
        if filled:
            rows.append(cells)
            numbers.append(row_number)
            if len(rows) > safety.MAX_ROWS:
                safety.check_rows(path, where, len(rows))
    table = RawTable(source=where, rows=rows, row_numbers=numbers)
    table.pad()
    _apply_merges(table, raw_xml)
    formulas = len(_FORMULA_RE.findall(raw_xml))
    if formulas:
        table.formula_cells = len(_FORMULA_NO_VALUE_RE.findall(raw_xml))
        if not table.formula_cells:
            table.notes.append(f"{where}: {formulas} ô là công thức; đã lấy giá trị Excel đã tính sẵn.")
    return table


def _apply_merges(table: RawTable, raw_xml: bytes) -> None:
    if b"mergeCell" not in raw_xml:
        return
    index = {number: i for i, number in enumerate(table.row_numbers)}
    width = table.width
    for m in _MERGE_RE.finditer(raw_xml):
        c1 = column_index_from_string(m.group(1).decode()) - 1
        r1 = int(m.group(2))
        c2 = column_index_from_string(m.group(3).decode()) - 1 if m.group(3) else c1
        r2 = int(m.group(4)) if m.group(4) else r1
        if c1 >= width:
            continue
        c2 = min(c2, width - 1)
        top = index.get(r1)
        anchor_text = table.rows[top][c1].text if top is not None else ""
        if top is not None:
            table.rows[top][c1].span = c2 - c1 + 1
            for c in range(c1 + 1, c2 + 1):
                table.rows[top][c].covered = True
        for r in range(r1 + 1, r2 + 1):
            i = index.get(r)
            if i is None:
                continue
            table.rows[i][c1].above = anchor_text
            table.rows[i][c1].span = c2 - c1 + 1
            for c in range(c1 + 1, c2 + 1):
                table.rows[i][c].covered = True
