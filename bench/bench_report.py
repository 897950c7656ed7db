"""The quarterly report of a 500-item plan: PDF and Excel against the bare libraries.

Floors, measured in the same run on the same cells:
- PDF: a bare reportlab table of the appendix's cells (same Paragraph styles, widths,
  repeated header, same embedded font) with nothing else — the least any reportlab
  program printing this table must do;
- Excel: bare openpyxl writing the same cells with the same fonts, borders and
  alignment on both sheets and saving;
- where LibreOffice is installed, converting the same appendix from .xlsx to PDF with it
  (what an office would otherwise do by hand): our PDF against that.
"""

from __future__ import annotations

import io
import random
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from bench.timing import best_of, best_of_interleaved, figure
from parcdesk.db import agencies, plans, settings
from parcdesk.db.connection import transaction
from parcdesk.db.items import load_tree, walk
from parcdesk.db.progress import set_progress
from parcdesk.db.store import open_memory
from parcdesk.model import ItemDraft
from parcdesk.report import drafts as report_drafts
from parcdesk.report.content import build_report_content

PERIOD = "2025-Q1"
GOAL = 1.5
WORDS = ("thủ tục hành chính", "cải cách", "công khai", "Bộ phận Một cửa", "đúng hạn", "hồ sơ", "dịch vụ công",
         "trực tuyến", "kiểm tra", "tuyên truyền", "số hóa", "đào tạo", "tài chính công", "người dân", "kết quả")
LEADS = ("Văn phòng – Thống kê", "Tư pháp – Hộ tịch", "Tài chính – Kế toán", "Địa chính – Xây dựng",
         "Văn hóa – Xã hội")
STATUSES = ("done", "done", "in_progress", "in_progress", "not_started", "done_late", "not_applicable")


def report_content(items: int = 500, seed: int = 500) -> dict:
    """A plan of 8 areas and `items` items in all, each with progress: the content of its report."""
    rng = random.Random(seed)

    def text(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n))

    per_area = (items - 8) // 8
    criteria = per_area // 4
    drafts = []
    count = 0
    for a in range(1, 9):
        children = []
        for c in range(1, criteria + 1):
            subs = [ItemDraft(code=f"TCTP {a}.{c}.{s}", level="subcriterion", title=text(5),
                              target_text=f"Đạt tối thiểu {rng.randint(50, 100)}% {text(3)}",
                              lead=[rng.choice(LEADS)], timeframe_text="Thường xuyên") for s in range(1, 4)]
            children.append(ItemDraft(code=f"TC {a}.{c}", level="criterion", title=text(4), target_text=text(6),
                                      lead=[rng.choice(LEADS)], children=subs))
            count += 4
        drafts.append(ItemDraft(code=["I", "II", "III", "IV", "V", "VI", "VII", "VIII"][a - 1], level="area",
                                title=text(3), children=children))
        count += 1
    # top up to exactly `items` with tasks in the last area
    for t in range(items - count):
        drafts[-1].children.append(ItemDraft(code=str(t + 1), level="task", title=text(6), target_text=text(4),
                                             lead=[rng.choice(LEADS)]))
    store = open_memory()
    db = store.db
    settings.save_settings(db, unit_name="UBND thị trấn Ia Kha", unit_kind="thị trấn",
                           superior="UBND huyện Ia Grai", place="Ia Kha")
    agencies.load_default_agencies(db)
    settings.add_signer(db, "Thái Văn Ngự", "CHỦ TỊCH")
    plan_id = plans.create_plan(db, title="Kế hoạch cải cách hành chính năm 2025", year_from=2025, drafts=drafts)
    with transaction(db):
        for item in walk(load_tree(db, plan_id)):
            if item.level == "area":
                continue
            status = rng.choice(STATUSES)
            value = rng.uniform(80, 100) if item.threshold is not None and status != "not_started" else None
            set_progress(db, item.id, PERIOD, status=status, actual_value=value, result=text(rng.randint(4, 14)))
        for key in report_drafts.SECTION_KEYS:
            report_drafts.save_draft(db, plan_id, PERIOD, **{key: text(40)})
    content = build_report_content(db, plan_id, PERIOD, today=date(2025, 4, 5))
    store.close()
    assert len(content["appendix"]["rows"]) == items
    return content


def _bare_pdf(content: dict) -> bytes:
    """The floor: the appendix's cells as a reportlab table, nothing else."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from parcdesk.report.fonts import report_fonts
    from parcdesk.report.pdf import Styles, text

    fonts = report_fonts()
    st = Styles(fonts)
    columns = content["appendix"]["columns"]
    width = landscape(A4)[0] - 45 * mm
    widths = [width * c[2] / sum(x[2] for x in columns) for c in columns]
    data = [[Paragraph(text(c[1]), st.cell_head) for c in columns]]
    for row in content["appendix"]["rows"]:
        data.append([Paragraph(text(row.get(c[0]) or ""), st.cell) for c in columns])
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("FONT", (0, 0), (-1, -1), fonts.regular, 11)]))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=30 * mm, rightMargin=15 * mm, topMargin=20 * mm,
                      bottomMargin=20 * mm, initialFontName=fonts.regular).build([table])
    return buffer.getvalue()


def _bare_xlsx(content: dict) -> bytes:
    """The floor: the same cells, fonts, borders and alignment written by openpyxl on its own."""
    from openpyxl import Workbook

    from parcdesk.report.xlsx import A_WRAP, BORDER, DATA_KEYS, F_CELL, data_rows

    workbook = Workbook()
    sheet = workbook.active
    columns = content["appendix"]["columns"]
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(1, index, column[1])
        cell.font, cell.border, cell.alignment = F_CELL, BORDER, A_WRAP
    for r, row in enumerate(content["appendix"]["rows"], start=2):
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(r, index, row.get(column[0]) or None)
            cell.font, cell.border, cell.alignment = F_CELL, BORDER, A_WRAP
    data = workbook.create_sheet("data")
    data.append(DATA_KEYS)
    data.append(DATA_KEYS)
    for row in data_rows(content, None):  # the same values: the floor is writing them, not gathering them
        data.append([row[key] if row[key] != "" else None for key in DATA_KEYS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _libreoffice_seconds(xlsx: bytes) -> float | None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office:
        return None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "phu-luc.xlsx"
        source.write_bytes(xlsx)
        profile = Path(folder) / "profile"

        def convert():
            subprocess.run([office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                            "--outdir", folder, str(source)], check=True, capture_output=True, timeout=300)

        convert()  # first start creates the profile: not counted
        return best_of(convert, repeat=3)


def run() -> list[dict]:
    from parcdesk.report.pdf import render_report_pdf
    from parcdesk.report.xlsx import render_report_xlsx

    content = report_content(500)
    render_report_pdf(content)  # fonts registered, modules warm: counted for neither side
    _bare_pdf(content)
    pdf, bare_pdf = best_of_interleaved([lambda: render_report_pdf(content, "ab" * 32),
                                         lambda: _bare_pdf(content)], repeat=4)
    xlsx_bytes = render_report_xlsx(content)
    xlsx, bare_xlsx = best_of_interleaved([lambda: render_report_xlsx(content, "ab" * 32),
                                           lambda: _bare_xlsx(content)], repeat=4)
    figures = [
        figure("báo cáo 500 mục → PDF / bảng reportlab trần", pdf, bare_pdf, GOAL),
        figure("báo cáo 500 mục → Excel / openpyxl trần", xlsx, bare_xlsx, GOAL),
    ]
    office = _libreoffice_seconds(xlsx_bytes)
    if office is not None:
        figures.append(figure("báo cáo 500 mục → PDF / LibreOffice xlsx→PDF", pdf, office, 1.0))
    return figures


if __name__ == "__main__":
    for row in run():
        print(row)
