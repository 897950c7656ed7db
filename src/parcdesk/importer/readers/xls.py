""".xls (Excel 97–2003, BIFF): every sheet a candidate appendix, read with xlrd.

xlrd reads exactly this legacy format (and nothing else since its 2.0); with
`formatting_info` it gives the fonts (bold, name — the legacy ".VnTime" fonts are common
in old .xls files) and the merged ranges. A workbook protected by a password is refused:
its content is encrypted.
"""

from __future__ import annotations

from pathlib import Path

import xlrd

from parcdesk.importer import safety
from parcdesk.importer.raw import RawCell, RawTable
from parcdesk.importer.readers.xlsx import Look, make_look, styled_cell


def read_xls(path: Path) -> list[RawTable]:
    # xlrd is a parser of an old binary format fed an untrusted file: a damaged file fails
    # inside it in many ways (struct.error, OverflowError, CompDocError, AssertionError…),
    # all of which mean the same thing to the officer and are refused by the one guard in
    # readers.read_tables. `ragged_rows` keeps memory to the cells actually present,
    # whatever size the file claims.
    try:
        book = xlrd.open_workbook(file_contents=path.read_bytes(), formatting_info=True, on_demand=True,
                                  ragged_rows=True)
    except xlrd.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise safety.refuse(path, "tệp được đặt mật khẩu; hãy mở bằng Excel, gỡ mật khẩu, lưu lại rồi nhập lại") \
                from exc
        raise
    try:
        tables = []
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            if getattr(sheet, "visibility", 0):
                continue
            tables.append(_read_sheet(path, book, sheet))
            book.unload_sheet(index)
        return tables
    finally:
        book.release_resources()


def _read_sheet(path: Path, book, sheet) -> RawTable:
    where = f"Trang tính “{sheet.name}”"
    if sheet.nrows > safety.MAX_SCANNED_ROWS:
        safety.check_rows(path, where, sheet.nrows)
    looks: dict[int, Look] = {}
    legacy_used = None
    rows: list[list[RawCell]] = []
    numbers: list[int] = []
    index_of: dict[int, int] = {}
    for r in range(sheet.nrows):
        cells = []
        filled = False
        for c in range(min(sheet.row_len(r), safety.MAX_COLUMNS)):
            cell = sheet.cell(r, c)
            if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                cells.append(RawCell())
                continue
            xf_index = cell.xf_index if cell.xf_index is not None else 0
            look = looks.get(xf_index)
            if look is None:
                xf = book.xf_list[xf_index]
                font = book.font_list[xf.font_index]
                fmt = book.format_map.get(xf.format_key)
                look = looks[xf_index] = make_look(font.bold, font.name, fmt.format_str if fmt else None)
            value = cell.value
            if cell.ctype == xlrd.XL_CELL_DATE:
                try:
                    value = xlrd.xldate.xldate_as_datetime(value, book.datemode)
                except (xlrd.xldate.XLDateError, OverflowError, ValueError):
                    pass
            elif cell.ctype == xlrd.XL_CELL_ERROR:
                value = xlrd.error_text_from_code.get(value, "#ERR")
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                value = bool(value)
            shown, used = styled_cell(value, look)
            legacy_used = used or legacy_used
            filled = filled or bool(shown.text.strip())
            cells.append(shown)
        if filled:
            index_of[r] = len(rows)
            rows.append(cells)
            numbers.append(r + 1)
            if len(rows) > safety.MAX_ROWS:
                safety.check_rows(path, where, len(rows))
    table = RawTable(source=where, rows=rows, row_numbers=numbers, encoding=legacy_used)
    table.pad()
    for rlo, rhi, clo, chi in getattr(sheet, "merged_cells", []):
        top = index_of.get(rlo)
        anchor = table.rows[top][clo].text if top is not None and clo < table.width else ""
        for r in range(rlo, rhi):
            i = index_of.get(r)
            if i is None or clo >= table.width:
                continue
            table.rows[i][clo].span = min(chi, table.width) - clo
            if r > rlo:
                table.rows[i][clo].above = anchor
            for c in range(clo + 1, min(chi, table.width)):
                table.rows[i][c].covered = True
    return table
