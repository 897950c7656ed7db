"""The report (and a plan's appendix) as an Excel workbook for the superior body.

Sheet 1 is the appendix ready to print (A4 landscape, fit to width, header row repeated,
wrapped text, borders, frozen header), under the header block page 1 of the PDF has (parent
body, unit, number; national title, motto, dateline); results are numbers with a number
format, "Đạt/Không đạt" a column of its own. Sheet 2 ("Dữ liệu") holds the same rows
machine-readable, one row per item, Vietnamese headers over fixed machine keys
(`DATA_FIELDS`, listed in the README), so the superior body can stack many communes' files. Rendered only from a content dict; the workbook's dates come from the content and
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

from parcdesk.model import LEVEL_LABELS
from parcdesk.report.content import (
    ReportContent, ascii_slug, footer_text, format_dateline, format_doc_number,
)
from parcdesk.report.proof import add_proof_sheet
from parcdesk.text import format_number, nfc

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
F_PARENT = Font(name=FONT_NAME, size=12)
F_NATION = Font(name=FONT_NAME, size=12, bold=True)
F_MOTTO = Font(name=FONT_NAME, size=13, bold=True, underline="single")  # the rule exactly as long as the motto
F_NUMBER = Font(name=FONT_NAME, size=13)
F_DATELINE = Font(name=FONT_NAME, size=13, italic=True)
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


MOTTO = "Độc lập - Tự do - Hạnh phúc"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def number_format(value: float, unit: str | None) -> str:
    """An Excel number format for a result: the decimals it has (up to 2), the unit as a literal
    ("97,5%", "56 TTHC"). Written with Excel's invariant "." and ",", shown by Excel in the
    PC's locale: "97,5" and "1.234,5" on a Vietnamese Windows. The cell stays a number."""
    shown = format_number(value)
    decimals = len(shown.split(",")[1]) if "," in shown else 0
    code = "#,##0" + ("." + "0" * decimals if decimals else "")
    unit = (unit or "").replace('"', "").strip()
    if unit:
        code += f'"{unit}"' if unit == "%" else f'" {unit}"'
    return code


def _header_block(ws, header: dict, split: int, last: int, counter, width_chars: dict) -> int:
    """Page 1's two columns, as the PDF has them: parent body over the issuing body and the
    number on the left (columns 1..split), the national title, the motto and the dateline on the
    right. Returns the next free row."""
    left_chars = sum(width_chars[i] for i in range(1, split + 1))
    right_chars = sum(width_chars[i] for i in range(split + 1, last + 1))
    lines = [((header.get("parent", ""), F_PARENT), (NATION, F_NATION)),
             ((header.get("unit", ""), F_UNIT), (MOTTO, F_MOTTO)),
             ((header.get("number", ""), F_NUMBER), (header.get("dateline", ""), F_DATELINE))]
    for row, ((left, left_font), (right, right_font)) in enumerate(lines, start=1):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=split)
        ws.merge_cells(start_row=row, start_column=split + 1, end_row=row, end_column=last)
        height = 1
        for column, value, font, chars in ((1, left, left_font, left_chars), (split + 1, right, right_font, right_chars)):
            cell = ws.cell(row, column)
            if value:
                put_text(cell, value)
            cell.font, cell.alignment = font, A_TITLE
            height = max(height, counter.lines(value, chars, font.sz, bool(font.b)))
        ws.row_dimensions[row].height = LINE_HEIGHT[13] * height + 3
    return len(lines) + 2  # a blank row under it


def write_print_sheet(ws, *, header: dict, heading: list[tuple[str, str]], columns: list, rows: list[dict],
                      footer: str = "") -> None:
    """The header block (`header`: parent, unit, number, dateline), heading lines (kind, text), then a
    bordered table whose header row repeats on each printed page.

    A column's key names what its cells hold: "value" cells are numbers with a number format
    (see `number_format`), every other cell text."""
    last = len(columns)
    last_letter = get_column_letter(last)
    width_chars = {}
    for index, (_key, _header, width_mm) in enumerate(columns, start=1):
        # ~2 mm per character of 11 pt Times in Excel's width unit, read well on screen and paper
        width_chars[index] = round(width_mm / 2.0, 1)
        ws.column_dimensions[get_column_letter(index)].width = width_chars[index]
    total_chars = sum(width_chars.values())
    counter = _LineCounter()

    split = min(3, last - 1)  # the left block over the first three columns (TT, title, target)
    row = _header_block(ws, header, split, last, counter, width_chars)
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
    for index, (_key, title, _w) in enumerate(columns, start=1):
        cell = ws.cell(row, index)
        put_text(cell, title)
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
            if key == "value" and isinstance(value, (int, float)) and not isinstance(value, bool):
                cell.value = value
                cell.number_format = number_format(value, item.get("target_unit"))
            elif value not in (None, ""):
                put(cell, value)
            bold = key == "title" and item.get("level") == "criterion"
            if isinstance(value, str) and value:
                lines = max(lines, counter.lines(value, width_chars[index], bold=bold))
            cell.font = F_BOLD if bold else F_CELL
            cell.alignment = A_CENTER if index == 1 or key in CENTRED else A_WRAP
            cell.border = BORDER
        ws.row_dimensions[row].height = LINE_HEIGHT[11] * lines + 4
    ws.freeze_panes = ws.cell(header_row + 1, 1)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_area = f"A1:{last_letter}{row}"
    page_setup(ws, footer)


CENTRED = ("status_label", "value_text", "value", "achieved_label")


def report_print_columns(columns: list) -> list:
    """The PDF's appendix columns for the print sheet: the result ("95,8%\n(Không đạt)" in the
    PDF) as a number column and an "Đạt/Không đạt" column of its own, so that results sum.

    No "Khó khăn, vướng mắc" / "Đề xuất" column: the print sheet is the PDF's appendix on paper,
    and the PDF says the items' difficulties and proposals in its sections II and IV (grouped,
    report/content.py `item_notes`), not in the appendix; a column only here would make the two
    printed appendices differ. Item by item they are in the "Dữ liệu" sheet."""
    printed = []
    for key, title, width in columns:
        if key == "value_text":
            printed += [["value", title, width], ["achieved_label", "Đánh giá", 16]]
        else:
            printed.append([key, title, width])
    return printed


def achieved_label(value: bool | None) -> str:
    return "" if value is None else ("Đạt" if value else "Không đạt")


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

# The "Dữ liệu" sheet: one row per appendix row, for a superior body stacking many communes'
# files. Row 1 holds the Vietnamese headers, row 2 each column's fixed machine key (the README
# lists them: key, header, meaning); data from row 3. The keys are stable: a column is added
# with a new key, never renamed or reused. (key, header, width in characters)
DATA_FIELDS = [
    ("unit_key", "Mã đơn vị", 30), ("unit_name", "Đơn vị báo cáo", 26), ("unit_kind", "Loại đơn vị", 10),
    ("superior", "Cơ quan cấp trên", 22),
    ("plan_id", "Mã kế hoạch", 8), ("plan_created_at", "Thời điểm lập kế hoạch", 22),
    ("plan_number", "Số kế hoạch", 14), ("plan_title", "Tên kế hoạch", 40),
    ("plan_year_from", "Năm bắt đầu", 8), ("plan_year_to", "Năm kết thúc", 8),
    ("period_code", "Mã kỳ báo cáo", 10), ("period_label", "Kỳ báo cáo", 16),
    ("report_number", "Số báo cáo", 14), ("report_date", "Ngày báo cáo", 12),
    ("report_state", "Tình trạng báo cáo", 12), ("version", "Phiên bản", 8),
    ("signed_at", "Thời điểm chốt số liệu", 22), ("fingerprint", "Mã xác thực (SHA-256)", 20),
    ("area_code", "Mã lĩnh vực", 8), ("area_title", "Lĩnh vực", 30),
    ("item_id", "Mã mục trong kế hoạch", 8), ("parent_id", "Mã mục cha", 8),
    ("item_code", "Số hiệu", 12), ("level", "Mã cấp", 12), ("level_label", "Cấp", 14),
    ("title", "Lĩnh vực, tiêu chí, nhiệm vụ", 50), ("target_text", "Mục tiêu, chỉ tiêu", 40),
    ("target_comparator", "Phép so sánh", 8), ("target_value", "Ngưỡng chỉ tiêu", 10),
    ("target_unit", "Đơn vị tính", 10), ("lead", "Cơ quan chủ trì", 24), ("partners", "Cơ quan phối hợp", 24),
    ("status", "Mã tình trạng", 14), ("status_label", "Tình trạng", 18),
    ("value", "Kết quả đạt được", 12), ("achieved", "Đạt chỉ tiêu (mã)", 8), ("achieved_label", "Đánh giá", 10),
    ("result", "Kết quả thực hiện", 40), ("difficulties", "Khó khăn, vướng mắc", 30),
    ("proposals", "Đề xuất, kiến nghị", 30), ("evidence_count", "Số tài liệu kiểm chứng", 8),
    ("evidence", "Tài liệu kiểm chứng", 40), ("carried_from", "Mang sang từ kỳ", 10),
]
DATA_KEYS = [field[0] for field in DATA_FIELDS]
DATA_KEY_ROW = 2  # the row of machine keys; data rows start under it
F_KEY = Font(name=FONT_NAME, size=9, italic=True, color="808080")


def unit_key(content: ReportContent) -> str:
    """The unit as a key that stays put however its name is typed: superior and unit folded to
    ASCII, lower case: "ubnd-huyen-ia-grai/ubnd-thi-tran-ia-kha"."""
    office = content["office"]
    return "/".join(ascii_slug(name).lower() for name in (office["superior"], office["unit_name"]))


def data_rows(content: ReportContent, sha256: str | None) -> list[dict]:
    """The "Dữ liệu" sheet's rows as {key: value}: numbers as numbers, the date as a date."""
    office, plan, period = content["office"], content["plan"], content["period"]
    signoff = content.get("signoff") if sha256 else None
    number = format_doc_number(content["number"], content["symbol"])[len("Số: "):] if content["number"] else ""
    common = {
        "unit_key": unit_key(content), "unit_name": office["unit_name"], "unit_kind": office["unit_kind"],
        "superior": office["superior"], "plan_id": plan["id"], "plan_created_at": plan.get("created_at"),
        "plan_number": plan["number"], "plan_title": plan["title"], "plan_year_from": plan["year_from"],
        "plan_year_to": plan["year_to"], "period_code": period["code"], "period_label": period["label"],
        "report_number": number, "report_date": date.fromisoformat(content["date"]),
        "report_state": "Đã chốt" if signoff else "Dự thảo",
        "version": signoff["version"] if signoff else None, "signed_at": signoff["signed_at"] if signoff else None,
        "fingerprint": sha256 if signoff else None,
    }
    out, area, parents = [], None, []
    for item in content["appendix"]["rows"]:
        if item["kind"] == "area":
            area = item
        depth = item["depth"]
        parents[depth:] = [item["id"]]
        evidence = item.get("evidence") or []
        out.append({
            **common,
            "area_code": area["code"] if area else None, "area_title": area["title"] if area else None,
            "item_id": item["id"], "parent_id": parents[depth - 1] if depth else None,
            "item_code": item["code"], "level": item["level"], "level_label": LEVEL_LABELS.get(item["level"], ""),
            "title": item["title"], "target_text": item["target"], "target_comparator": item["target_comparator"],
            "target_value": item["target_value"], "target_unit": item["target_unit"], "lead": item["lead"],
            "partners": item.get("partners", ""), "status": item["status"], "status_label": item["status_label"],
            "value": item["value"], "achieved": item["achieved"], "achieved_label": achieved_label(item["achieved"]),
            "result": item["result"], "difficulties": item.get("difficulties", ""),
            "proposals": item.get("proposals", ""), "evidence_count": len(evidence), "evidence": "\n".join(evidence),
            "carried_from": item.get("carried_from"),
        })
    return out


def write_data_sheet(ws, content: ReportContent, sha256: str | None = None) -> None:
    for index, (key, title, width) in enumerate(DATA_FIELDS, start=1):
        put_text(ws.cell(1, index), title)
        ws.cell(1, index).font = Font(name=FONT_NAME, bold=True)
        ws.cell(1, index).alignment = A_HEAD
        put_text(ws.cell(DATA_KEY_ROW, index), key)
        ws.cell(DATA_KEY_ROW, index).font = F_KEY
        ws.column_dimensions[get_column_letter(index)].width = width
    rows = data_rows(content, sha256)
    for row_number, values in enumerate(rows, start=DATA_KEY_ROW + 1):
        for index, key in enumerate(DATA_KEYS, start=1):
            value = values[key]
            if value is None or value == "":
                continue
            cell = ws.cell(row_number, index)
            put(cell, value)
            if key == "report_date":
                cell.number_format = "dd/mm/yyyy"
            elif key in ("value", "target_value") and not isinstance(value, bool):
                cell.number_format = number_format(value, None)
    ws.freeze_panes = ws.cell(DATA_KEY_ROW + 1, 1)
    ws.auto_filter.ref = f"A{DATA_KEY_ROW}:{get_column_letter(len(DATA_FIELDS))}{max(DATA_KEY_ROW + 1, len(rows) + DATA_KEY_ROW)}"


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
    rows = [{**row, "achieved_label": achieved_label(row["achieved"])} for row in content["appendix"]["rows"]]
    header = {**content["header"], "number": format_doc_number(content["number"], content["symbol"]),
              "dateline": format_dateline(content["office"]["place"], content["date"])}
    write_print_sheet(
        sheet, header=header,
        heading=[("title", "PHỤ LỤC"), ("title", content["appendix"]["title"]),
                 ("note", f"(Kèm theo Báo cáo {number} n{dateline[1:]} của {unit})")],
        columns=report_print_columns(content["appendix"]["columns"]), rows=rows,
        footer=footer_text(content, sha256),
    )
    write_data_sheet(workbook.create_sheet("Dữ liệu"), content, sha256)
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
