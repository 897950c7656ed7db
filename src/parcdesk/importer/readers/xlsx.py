""".xlsx: every visible sheet a candidate appendix.

openpyxl reads the workbook's parts: the sheets and where they are, the shared strings,
the styles (fonts, number formats) and the date epoch. The cells themselves are streamed
from each sheet's XML by a small expat handler rather than by openpyxl's read-only cells,
for three reasons:

- one pass gives everything an appendix needs: values, the style of each cell (bold, font
  — a legacy ".VnTime" font means TCVN3 text), merged ranges (which read-only openpyxl
  does not give at all), and formulas that have no cached value (a file written by a
  program and never opened in Excel: importing it would import blanks, so it is refused);
- openpyxl's `load_workbook` parses a whole sheet just to learn its size when the sheet
  has no `<dimension>` (files written in streaming mode), before a row limit could stop it;
- it is several times faster than openpyxl's per-cell objects, which keeps a 2,000-row
  appendix's import within twice the time openpyxl needs merely to read the file.

The expat parser refuses any DTD or entity declaration (as defusedxml does; openpyxl
itself parses through defusedxml, a dependency), and `safety.check_archive` has bounded
what the archive may inflate to before any of this runs. Should openpyxl's reader parts
change shape, `load_workbook` and its public read-only cells are used instead (slower;
merges and formulas then come from the raw XML by regular expressions).
"""

from __future__ import annotations

import bisect
import datetime
import re
import xml.parsers.expat
import zipfile
from pathlib import Path

import openpyxl
from defusedxml.common import DefusedXmlException
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE, is_date_format
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import from_excel

from parcdesk.importer import encoding, safety
from parcdesk.importer.raw import RawCell, RawTable

_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_FORMULA_RE = re.compile(rb"<(?:\w+:)?f[\s>/]")
_FORMULA_NO_VALUE_RE = re.compile(
    rb"<(?:\w+:)?f(?:\s[^>]*)?(?:/>|>[^<]*</(?:\w+:)?f>)\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)
_REF_RE = re.compile(r"([A-Z]{1,3})(\d+)")
_CHUNK = 1 << 16
_DECIMALS_RE = re.compile(r"^(?:#,##)?0\.(0+)$")


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
        decimals = _DECIMALS_RE.match(number_format or "")
        if decimals:  # "1.10" typed into a cell formatted 0.00 shows as 1.10, not 1.1
            return f"{value:.{len(decimals.group(1))}f}"
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


# How a style shows a cell: bold, font name, number format, legacy encoding of the font, capitals font.
Look = tuple[bool, str, str, "str | None", bool]


def make_look(bold, font_name: str | None, number_format: str | None) -> Look:
    legacy, caps = encoding.legacy_font(font_name)
    return bool(bold), font_name or "", number_format or "General", legacy, caps


def styled_cell(value, look: Look) -> tuple[RawCell, str | None]:
    """The cell as Excel shows it, legacy-font text decoded; and the legacy encoding used, if any."""
    text = cell_text(value, look[2])
    decoded = encoding.decode_legacy(text, look[3], look[4]) if isinstance(value, str) else None
    if decoded is not None:
        text = decoded
    return RawCell(text=text, bold=look[0], font=look[1]), (look[3] if decoded is not None else None)


def read_xlsx(path: Path) -> list[RawTable]:
    # A file object, not the name: openpyxl would refuse a workbook whose extension is not
    # .xlsx, and the extension is never what decides here (safety.sniff read the bytes).
    with open(path, "rb") as handle:
        try:
            try:
                book = _Workbook(handle)
            except AttributeError:
                book = _Workbook(handle, fallback=True)
            return [_read_sheet(path, book, sheet) for sheet in book.sheets if sheet[2] == "visible"]
        except (DefusedXmlException, _Forbidden) as exc:
            raise safety.refuse(path, "tệp chứa khai báo XML không được phép (có thể là tệp độc hại)") from exc
        # any other failure on a damaged file: the one guard in readers.read_tables


class _Workbook:
    """What openpyxl knows of a workbook, without its worksheets.

    openpyxl's `load_workbook(read_only=True)` also opens every worksheet to read its size,
    and a sheet without a `<dimension>` element (any file written in streaming mode) is
    then parsed whole just for that. The workbook parts are read here through openpyxl's
    own reader, in the order `ExcelReader.read` uses, and the worksheets are left to
    `_SheetReader`. `fallback` uses `load_workbook` itself, should those parts move.
    """

    def __init__(self, handle, fallback: bool = False):
        handle.seek(0)
        self.fallback = fallback
        if fallback:
            workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
            self.workbook = workbook
            self.archive = workbook._archive
            self.sheets = [(ws.title, ws, getattr(ws, "sheet_state", "visible")) for ws in workbook.worksheets]
            return
        reader = ExcelReader(handle, read_only=True, data_only=True)
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        self.workbook = reader.wb
        self.archive = reader.archive
        self.strings = reader.shared_strings
        self.styles = _Styles(reader.wb)
        self.sheets = [
            (sheet.name, rel.target, sheet.state or "visible")
            for sheet, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files and "chartsheet" not in (rel.Type or "")
        ]


class _Forbidden(Exception):
    """A DTD or an entity declaration in a sheet."""


class _Styles:
    """(bold, font name, number format, is a date, legacy encoding, capitals font) per style id."""

    def __init__(self, workbook):
        self.cell_styles = workbook._cell_styles
        self.fonts = workbook._fonts
        self.formats = workbook._number_formats
        self.epoch = workbook.epoch
        self.cache: dict[int, tuple[bool, str, str, bool, str | None, bool]] = {}

    def look(self, style_id: int):
        found = self.cache.get(style_id)
        if found is None:
            try:
                array = self.cell_styles[style_id]
                font = self.fonts[array.fontId]
                fmt_id = array.numFmtId
                fmt = BUILTIN_FORMATS.get(fmt_id, "General") if fmt_id < BUILTIN_FORMATS_MAX_SIZE \
                    else self.formats[fmt_id - BUILTIN_FORMATS_MAX_SIZE]
                bold, name = bool(font.b), font.name or ""
            except (IndexError, KeyError, AttributeError, TypeError):
                bold, name, fmt = False, "", "General"
            legacy, caps = encoding.legacy_font(name)
            found = self.cache[style_id] = (bold, name, fmt, is_date_format(fmt), legacy, caps)
        return found


def _read_sheet(path: Path, book: _Workbook, sheet: tuple) -> RawTable:
    title, target, _state = sheet
    if book.fallback:
        return _read_sheet_openpyxl(path, target, book.archive)
    where = f"Trang tính “{title}”"
    reader = _SheetReader(path, where, book.strings, book.styles)
    with book.archive.open(target) as member:
        reader.feed(member)
    table = RawTable(source=where, rows=reader.rows, row_numbers=reader.numbers, encoding=reader.legacy)
    table.pad()
    _apply_merges(table, reader.merges)
    table.drop_covered_columns()
    table.formula_cells = reader.formulas_without_value
    if reader.formulas and not reader.formulas_without_value:
        table.notes.append(f"{where}: {reader.formulas} ô là công thức; đã lấy giá trị Excel đã tính sẵn.")
    return table


class _SheetReader:
    """The cells of one sheet's XML, streamed with expat."""

    def __init__(self, path: Path, where: str, strings, styles: _Styles):
        self.path = path
        self.where = where
        self.strings = strings
        self.styles = styles
        self.rows: list[list[RawCell]] = []
        self.numbers: list[int] = []
        self.merges: list[tuple[int, int, int, int]] = []
        self.formulas = 0
        self.formulas_without_value = 0
        self.legacy: str | None = None
        self.scanned = 0
        # the cell being read
        self.row_number = 0
        self.row: list[RawCell] = []
        self.filled = False
        self.column = 0
        self.type = "n"
        self.style = 0
        self.formula = False
        self.value: list[str] = []
        self.inline: list[str] = []
        self.collect: list[str] | None = None
        self.phonetic = False
        self.in_inline = False

    def feed(self, stream) -> None:
        parser = xml.parsers.expat.ParserCreate(namespace_separator="}")
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.data
        parser.StartDoctypeDeclHandler = self.forbid
        parser.EntityDeclHandler = self.forbid
        parser.UnparsedEntityDeclHandler = self.forbid
        parser.ExternalEntityRefHandler = self.forbid
        parser.buffer_text = True
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk:
                break
            parser.Parse(chunk, False)
        parser.Parse(b"", True)

    def forbid(self, *args):
        raise _Forbidden()

    def start(self, name: str, attrs: dict) -> None:
        local = name[name.rfind("}") + 1:]
        if local == "c":
            ref = attrs.get("r")
            if ref:
                match = _REF_RE.match(ref)
                self.column = column_index_from_string(match.group(1)) - 1 if match else self.column + 1
            else:
                self.column += 1
            self.type = attrs.get("t", "n")
            style = attrs.get("s")
            self.style = int(style) if style else 0
            self.formula = False
            self.value = []
            self.inline = []
        elif local == "v":
            self.collect = self.value
        elif local == "t":
            if self.in_inline and not self.phonetic:
                self.collect = self.inline
        elif local == "row":
            number = attrs.get("r")
            self.row_number = int(number) if number else self.row_number + 1
            self.row = []
            self.filled = False
            self.column = -1
            self.scanned += 1
            if self.scanned > safety.MAX_SCANNED_ROWS:
                safety.check_rows(self.path, self.where, safety.MAX_ROWS + 1)
        elif local == "is":
            self.in_inline = True
        elif local == "rPh":
            self.phonetic = True
        elif local == "f":
            self.formula = True
        elif local == "mergeCell":
            self._merge(attrs.get("ref", ""))

    def data(self, text: str) -> None:
        if self.collect is not None:
            self.collect.append(text)

    def end(self, name: str) -> None:
        local = name[name.rfind("}") + 1:]
        if local in ("v", "t"):
            self.collect = None
        elif local == "c":
            self._cell()
        elif local == "row":
            if self.filled:
                self.rows.append(self.row)
                self.numbers.append(self.row_number)
                if len(self.rows) > safety.MAX_ROWS:
                    safety.check_rows(self.path, self.where, len(self.rows))
        elif local == "is":
            self.in_inline = False
        elif local == "rPh":
            self.phonetic = False

    def _cell(self) -> None:
        raw = "".join(self.value)
        kind = self.type
        if self.formula:
            self.formulas += 1
            if not raw and kind != "inlineStr":
                self.formulas_without_value += 1
        look = self.styles.look(self.style)
        if kind == "s":
            try:
                value = self.strings[int(raw)] if raw else ""
            except (ValueError, IndexError):
                value = ""
            text = value if isinstance(value, str) else str(value)
        elif kind == "inlineStr":
            text = "".join(self.inline)
        elif kind in ("str", "e"):
            text = raw
        elif kind == "b":
            text = "TRUE" if raw.strip() in ("1", "true") else ("FALSE" if raw else "")
        elif raw:
            try:
                number = float(raw)
            except ValueError:
                text = raw
            else:
                if look[3]:
                    try:
                        text = cell_text(from_excel(number, self.styles.epoch), look[2])
                    except (ValueError, OverflowError):
                        text = cell_text(number, look[2])
                else:
                    text = cell_text(number, look[2])
        else:
            text = ""
        if not text:
            return
        decoded = encoding.decode_legacy(text, look[4], look[5]) if kind in ("s", "inlineStr", "str") else None
        if decoded is not None:
            text, self.legacy = decoded, look[4]
        column = self.column
        row = self.row
        if column >= len(row):
            if column >= safety.MAX_COLUMNS:
                return  # far to the right of any appendix: a stray note, or a crafted file
            row.extend(RawCell() for _ in range(column + 1 - len(row)))
        row[column] = RawCell(text=text, bold=look[0], font=look[1])
        if not self.filled and not text.isspace():
            self.filled = True

    def _merge(self, ref: str) -> None:
        parts = ref.split(":")
        first = _REF_RE.match(parts[0])
        last = _REF_RE.match(parts[-1])
        if not first or not last:
            return
        self.merges.append((int(first.group(2)), column_index_from_string(first.group(1)) - 1,
                            int(last.group(2)), column_index_from_string(last.group(1)) - 1))


def _read_sheet_openpyxl(path: Path, sheet, archive: zipfile.ZipFile) -> RawTable:
    """The slow way, through openpyxl's public read-only cells (see the module docstring)."""
    where = f"Trang tính “{sheet.title}”"
    sheet.reset_dimensions()  # never trust the stored size: read what is there
    looks: dict[int, Look] = {}
    rows: list[list[RawCell]] = []
    numbers: list[int] = []
    legacy_used = None
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
            look = looks.get(style_id)
            if look is None:
                look = looks[style_id] = make_look(cell.font.b, cell.font.name, cell.number_format)
            shown, used = styled_cell(value, look)
            legacy_used = used or legacy_used
            filled = filled or bool(shown.text.strip())
            cells.append(shown)
        if filled:
            rows.append(cells)
            numbers.append(row_number)
            if len(rows) > safety.MAX_ROWS:
                safety.check_rows(path, where, len(rows))
    table = RawTable(source=where, rows=rows, row_numbers=numbers, encoding=legacy_used)
    table.pad()
    xml_path = getattr(sheet, "_worksheet_path", None)
    raw_xml = archive.read(xml_path) if xml_path else b""
    merges = []
    for m in _MERGE_RE.finditer(raw_xml):
        c1 = column_index_from_string(m.group(1).decode()) - 1
        r1 = int(m.group(2))
        c2 = column_index_from_string(m.group(3).decode()) - 1 if m.group(3) else c1
        r2 = int(m.group(4)) if m.group(4) else r1
        merges.append((r1, c1, r2, c2))
    _apply_merges(table, merges)
    table.drop_covered_columns()
    formulas = len(_FORMULA_RE.findall(raw_xml))
    table.formula_cells = len(_FORMULA_NO_VALUE_RE.findall(raw_xml)) if formulas else 0
    if formulas and not table.formula_cells:
        table.notes.append(f"{where}: {formulas} ô là công thức; đã lấy giá trị Excel đã tính sẵn.")
    return table


def _apply_merges(table: RawTable, merges: list[tuple[int, int, int, int]]) -> None:
    """(first row, first column, last row, last column) ranges onto the cells: span, covered, above."""
    if not merges:
        return
    numbers = table.row_numbers
    width = table.width
    for r1, c1, r2, c2 in merges[:safety.MAX_ROWS]:
        if c1 >= width or r2 < r1 or c2 < c1:
            continue
        c2 = min(c2, width - 1)
        first = bisect.bisect_left(numbers, r1)
        top = first if first < len(numbers) and numbers[first] == r1 else None
        anchor_text = table.rows[top][c1].text if top is not None else ""
        if top is not None:
            table.rows[top][c1].span = c2 - c1 + 1
            for c in range(c1 + 1, c2 + 1):
                table.rows[top][c].covered = True
        for i in range(bisect.bisect_right(numbers, r1), bisect.bisect_right(numbers, r2)):
            table.rows[i][c1].above = anchor_text
            table.rows[i][c1].span = c2 - c1 + 1
            for c in range(c1 + 1, c2 + 1):
                table.rows[i][c].covered = True
