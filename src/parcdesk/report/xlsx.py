"""The report (and a plan's appendix) as an Excel workbook for the superior body.

Sheet 1 is the appendix ready to print (A4 landscape, fit to width, header row repeated,
wrapped text, borders, frozen header). Sheet 2 holds the same rows machine-readable, one
row per item with fixed column names, so the superior body can stack many communes'
files. Rendered only from a content dict; the workbook's dates come from the content and
the zip entries carry a fixed time, so the same content gives the same bytes.

Every text the user typed is written as a string cell, never a formula ("=SUM(A1)" stays
text), and control characters are dropped (openpyxl refuses them anyway).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime, timezone

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.writer.excel import ExcelWriter

from parcdesk.report.content import ReportContent, footer_text, format_dateline, format_doc_number
from parcdesk.report.proof import add_proof_sheet
from parcdesk.text import nfc

FONT_NAME = "Times New Roman"  # Excel on every office PC has it; LibreOffice shows Liberation Serif
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_FORMULA_START = ("=", "+", "-", "@")
MM_PER_INCH = 25.4

_thin = Side(style="thin", color="000000")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
F_CELL = Font(name=FONT_NAME, size=11)
F_BOLD = Font(name=FONT_NAME, size=11, bold=True)
F_TITLE = Font(name=FONT_NAME, size=13, bold=True)
F_UNIT = Font(name=FONT_NAME, size=12, bold=True)
F_NOTE = Font(name=FONT_NAME, size=12, italic=True)
A_WRAP = Alignment(wrap_text=True, vertical="top")
A_CENTER = Alignment(wrap_text=True, vertical="top", horizontal="center")
A_HEAD = Alignment(wrap_text=True, vertical="center", horizontal="center")
A_TITLE = Alignment(wrap_text=True, vertical="center", horizontal="center")


def safe_text(value) -> str:
    return nfc(_CONTROL.sub("", str(value)))


def put_text(cell, value) -> None:
    """A string cell whatever the text looks like: never a formula, never a number."""
    value = safe_text(value)
    cell.value = value
    cell.data_type = "s"
    if value.startswith(_FORMULA_START):
        cell.quotePrefix = True  # Excel keeps it text when the officer edits the cell


def put(cell, value) -> None:
    if isinstance(value, str):
        put_text(cell, value)
    else:
        cell.value = value


# ---------------------------------------------------------------- deterministic saving

class _FixedTimeZip(zipfile.ZipFile):
    """Every entry stamped with the content's time, so equal content gives equal bytes."""

    def __init__(self, file, stamp: tuple, **kwargs):
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, **kwargs)
        self._stamp = stamp

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if isinstance(zinfo_or_arcname, str):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=self._stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zinfo_or_arcname = info
        return super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        with open(filename, "rb") as handle:
            self.writestr(arcname or filename, handle.read())


def save_workbook_bytes(workbook: Workbook, stamp: datetime) -> bytes:
    utc = stamp.astimezone(timezone.utc).replace(tzinfo=None) if stamp.tzinfo else stamp
    workbook.properties.created = utc
    workbook.properties.modified = utc
    buffer = io.BytesIO()
    archive = _FixedTimeZip(buffer, (max(utc.year, 1980), utc.month, utc.day, utc.hour, utc.minute, utc.second))
    ExcelWriter(workbook, archive).save()  # not save_workbook(): it stamps "modified" with the clock
    return buffer.getvalue()


def stamp_of(content: ReportContent) -> datetime:
    signed = (content.get("signoff") or {}).get("signed_at")
    if signed:
        return datetime.fromisoformat(signed)
    return datetime.combine(date.fromisoformat(content["date"]), datetime.min.time())


# ---------------------------------------------------------------- the print sheet

class _LineCounter:
    """How many lines a wrapped cell takes, measured with the report font's metrics (Liberation
    Serif has Times New Roman's widths). Rows then get an explicit height: neither LibreOffice
    nor a printer driver grows a row to fit wrapped text in a file written by openpyxl."""

    def __init__(self):
        from reportlab.lib.utils import simpleSplit

        from parcdesk.report.fonts import report_fonts

        fonts = report_fonts()
        self._split = simpleSplit
        self._faces = {False: fonts.regular, True: fonts.bold}

    def lines(self, value: str, width_chars: float, size: float = 11, bold: bool = False) -> int:
        if not value:
            return 1
        # Excel's column width unit is about 7 px (5.25 pt); a few points go to the cell's padding
        avail = max(width_chars * 5.25 - 5, 10)
        face = self._faces[bold]
        return sum(max(1, len(self._split(part, face, size, avail))) for part in value.split("\n"))


LINE_HEIGHT = {11: 13.2, 12: 14.4, 13: 15.6}  # points per wrapped line of Times New Roman


def write_print_sheet(ws, *, unit_line: str, heading: list[tuple[str, str]], columns: list, rows: list[dict],
                      footer: str = "") -> None:
    """Heading lines (kind, text) over a bordered table whose header row repeats on each printed page."""
    last = len(columns)
    last_letter = get_column_letter(last)
    width_chars = {}
    for index, (_key, _header, width_mm) in enumerate(columns, start=1):
        # ~2 mm per character of 11 pt Times in Excel's width unit, read well on screen and paper
        width_chars[index] = round(width_mm / 2.0, 1)
        ws.column_dimensions[get_column_letter(index)].width = width_chars[index]
    total_chars = sum(width_chars.values())
    counter = _LineCounter()

    row = 1
    put_text(ws.cell(row, 1), unit_line)
    ws.cell(row, 1).font = F_UNIT
    row += 1
    for kind, line in heading:
        ws.merge_cells(f"A{row}:{last_letter}{row}")
        cell = ws.cell(row, 1)
        put_text(cell, line)
        cell.font = F_NOTE if kind == "note" else F_TITLE
        cell.alignment = A_TITLE
        size = 12 if kind == "note" else 13
        ws.row_dimensions[row].height = LINE_HEIGHT[size] * counter.lines(line, total_chars, size, kind != "note") + 3
        row += 1
    row += 1
    header_row = row
    for index, (_key, header, _w) in enumerate(columns, start=1):
        cell = ws.cell(row, index)
        put_text(cell, header)
        cell.font, cell.alignment, cell.border = F_BOLD, A_HEAD, BORDER
    ws.row_dimensions[row].height = LINE_HEIGHT[11] * max(
        counter.lines(c[1], width_chars[i], bold=True) for i, c in enumerate(columns, start=1)) + 6
    keys = [c[0] for c in columns]
    for item in rows:
        row += 1
        if item["kind"] == "area":
            tt = ws.cell(row, 1)
            put_text(tt, item["tt"])
            tt.font, tt.alignment, tt.border = F_BOLD, A_CENTER, BORDER
            title = ws.cell(row, 2)
            put_text(title, item["title"])
            title.font, title.alignment = F_BOLD, A_WRAP
            for index in range(2, last + 1):
                ws.cell(row, index).border = BORDER
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=last)
            ws.row_dimensions[row].height = LINE_HEIGHT[11] * counter.lines(
                item["title"], total_chars - width_chars[1], bold=True) + 4
            continue
        lines = 1
        for index, key in enumerate(keys, start=1):
            value = item.get(key)
            cell = ws.cell(row, index)
            if value not in (None, ""):
                put(cell, value)
            bold = key == "title" and item.get("level") == "criterion"
            if isinstance(value, str) and value:
                lines = max(lines, counter.lines(value, width_chars[index], bold=bold))
            cell.font = F_BOLD if bold else F_CELL
            cell.alignment = A_CENTER if index == 1 or key in ("status_label", "value_text") else A_WRAP
            cell.border = BORDER
        ws.row_dimensions[row].height = LINE_HEIGHT[11] * lines + 4
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_area = f"A1:{last_letter}{row}"
    page_setup(ws, footer)


def page_setup(ws, footer: str = "") -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = 30 / MM_PER_INCH
    ws.page_margins.right = 15 / MM_PER_INCH
    ws.page_margins.top = 20 / MM_PER_INCH
    ws.page_margins.bottom = 20 / MM_PER_INCH
    ws.page_margins.header = 8 / MM_PER_INCH
    ws.page_margins.footer = 8 / MM_PER_INCH
    # page numbers from page 2 on, centred at the top; the fingerprint small at the foot
    ws.HeaderFooter.differentFirst = True
    ws.oddHeader.center.text = "&P"
    ws.oddHeader.center.font = f"{FONT_NAME},Regular"
    ws.oddHeader.center.size = 13
    if footer:
        for part in (ws.oddFooter.right, ws.firstFooter.right):
            part.text = footer.replace("&", "&&")
            part.size = 7


# ---------------------------------------------------------------- the data sheet

# Format-2 content (report/snapshot.py) adds the item's own words and its carried mark; a format-1
# snapshot's rows lack them and its sheet keeps its first 13 columns, so old exported files still verify.
ITEM_WORD_COLUMNS = ["difficulties", "proposals", "carried_from"]
DATA_COLUMNS = ["unit", "period", "area_code", "item_code", "level", "title", "target_text",
                "target_comparator", "target_value", "target_unit", "status", "actual_value", "achieved",
                *ITEM_WORD_COLUMNS]
_DATA_WIDTHS = [26, 10, 8, 12, 12, 50, 40, 10, 10, 10, 14, 12, 10, 40, 40, 12]


def write_data_sheet(ws, content: ReportContent) -> None:
    rows = content["appendix"]["rows"]
    words = bool(rows) and "difficulties" in rows[0]
    columns = DATA_COLUMNS if words else DATA_COLUMNS[:-len(ITEM_WORD_COLUMNS)]
    for index, name in enumerate(columns, start=1):
        put_text(ws.cell(1, index), name)
        ws.cell(1, index).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(index)].width = _DATA_WIDTHS[index - 1]
    unit = content["office"]["unit_name"]
    period = content["period"]["code"]
    area_code = ""
    for row_number, item in enumerate(content["appendix"]["rows"], start=2):
        if item["kind"] == "area":
            area_code = item["code"]
        values = [unit, period, area_code, item["code"], item["level"], item["title"], item["target"],
                  item["target_comparator"], item["target_value"], item["target_unit"], item["status"],
                  item["value"], item["achieved"]]
        if words:
            values += [item.get(key) for key in ITEM_WORD_COLUMNS]
        for index, value in enumerate(values, start=1):
            if value is None or value == "":
                continue
            put(ws.cell(row_number, index), value)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(2, len(content['appendix']['rows']) + 1)}"


# ---------------------------------------------------------------- entry points

def set_properties(workbook: Workbook, *, title: str, subject: str, unit: str, extra: dict[str, str],
                   keywords: str = "") -> None:
    props = workbook.properties
    props.title = safe_text(title)
    props.subject = safe_text(subject)
    props.creator = safe_text(unit)
    props.lastModifiedBy = "ParcDesk"
    props.keywords = keywords
    props.language = "vi-VN"
    for name, value in extra.items():
        workbook.custom_doc_props.append(StringProperty(name=name, value=safe_text(value)))


def render_report_xlsx(content: ReportContent, sha256: str | None = None, pdf_sha256: str | None = None) -> bytes:
    """The report's workbook; `pdf_sha256` names the PDF of the same content in the proof sheet
    (rendered here when not given)."""
    if pdf_sha256 is None:
        import hashlib

        from parcdesk.report.pdf import render_report_pdf

        pdf_sha256 = hashlib.sha256(render_report_pdf(content, sha256)).hexdigest()
    return save_workbook_bytes(report_workbook(content, sha256, pdf_sha256), stamp_of(content))


def report_workbook(content: ReportContent, sha256: str | None, pdf_sha256: str):
    """The workbook in memory, proof sheet included (report/selfcheck.py compares its cells)."""
    workbook = report_visible_workbook(content, sha256)
    add_proof_sheet(workbook, content, sha256, pdf_sha256)
    return workbook


def report_visible_workbook(content: ReportContent, sha256: str | None = None) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Phụ lục"
    number = format_doc_number(content["number"], content["symbol"]).replace("Số:", "số")
    if not content["number"]:
        number = f"số …/{content['symbol']}"
    dateline = format_dateline("", content["date"])
    unit = content["office"]["unit_name"]
    write_print_sheet(
        sheet, unit_line=content["header"]["unit"],
        heading=[("title", "PHỤ LỤC"), ("title", content["appendix"]["title"]),
                 ("note", f"(Kèm theo Báo cáo {number} n{dateline[1:]} của {unit})")],
        columns=content["appendix"]["columns"], rows=content["appendix"]["rows"],
        footer=footer_text(content, sha256),
    )
    write_data_sheet(workbook.create_sheet("Dữ liệu"), content)
    extra = {"Đơn vị": unit, "Kỳ báo cáo": content["period"]["label"], "Mã kỳ": content["period"]["code"],
             "Kế hoạch": content["plan"]["title"]}
    signoff = content.get("signoff")
    if signoff and sha256:
        extra.update({"Mã xác thực SHA-256": sha256, "Phiên bản": str(signoff["version"]),
                      "Thời điểm chốt": signoff["signed_at"]})
    else:
        extra["Tình trạng"] = "Dự thảo – chưa chốt số liệu"
    set_properties(workbook, title=f"Phụ lục báo cáo {content['period']['label']} – {unit}",
                   subject=f"{unit} – {content['period']['label']}", unit=unit, extra=extra,
                   keywords=f"parcdesk-sha256:{sha256}" if sha256 else "")
    return workbook
