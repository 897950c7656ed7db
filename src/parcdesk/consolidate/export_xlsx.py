"""The consolidated Excel file: one sheet per view, the units × items table, the files received."""

from __future__ import annotations

from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from parcdesk.consolidate import tables
from parcdesk.consolidate.figures import Consolidation
from parcdesk.report.xlsx import A_HEAD, A_WRAP, BORDER, F_BOLD, F_CELL, F_TITLE, page_setup, put, put_text, save_workbook_bytes

SHEETS = [
    ("Đơn vị", tables.units_table, [5, 34, 10, 11, 9, 11, 8, 10, 10, 9, 10, 9, 10]),
    ("Lĩnh vực", tables.areas_table, [9, 50, 9, 11, 11, 9, 11, 9, 11, 12]),
    ("Tiêu chí", tables.codes_table, [12, 50, 9, 12, 12, 10, 12, 10, 12]),
    ("Chỉ tiêu", tables.targets_table, [12, 50, 14, 8, 10, 12]),
    ("Đơn vị × mục", tables.matrix_table, [12, 40]),
    ("Tệp đã nhận", tables.received_table, [5, 44, 7, 30, 12, 70]),
]


def render_consolidation_xlsx(view: Consolidation, stamp: datetime | None = None) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    title = f"Tổng hợp báo cáo {view.period_label} của các xã, phường"
    for name, build, widths in SHEETS:
        ws = workbook.create_sheet(name)
        head, rows = build(view)
        put_text(ws.cell(1, 1), f"{title} — {name.lower()}")
        ws.cell(1, 1).font = F_TITLE
        for col, label in enumerate(head, start=1):
            cell = ws.cell(3, col)
            put_text(cell, label)
            cell.font, cell.alignment, cell.border = F_BOLD, A_HEAD, BORDER
            width = widths[col - 1] if col <= len(widths) else 9
            ws.column_dimensions[get_column_letter(col)].width = width
        for r, values in enumerate(rows, start=4):
            for col, value in enumerate(values, start=1):
                cell = ws.cell(r, col)
                if value not in (None, ""):
                    put(cell, value)
                cell.font, cell.alignment, cell.border = F_CELL, A_WRAP, BORDER
                if isinstance(value, date):  # a date cell, shown as the officer writes it
                    cell.number_format = "dd/mm/yyyy"
        if name == "Đơn vị × mục":
            put_text(ws.cell(2, 1), tables.LEGEND)
            for col in range(3, len(head) + 1):
                ws.cell(3, col).alignment = A_HEAD.__class__(text_rotation=90, horizontal="center", vertical="bottom",
                                                             wrap_text=True)
                ws.column_dimensions[get_column_letter(col)].width = 5
        ws.freeze_panes = ws.cell(4, 3)
        ws.print_title_rows = "3:3"
        page_setup(ws)
    return save_workbook_bytes(workbook, stamp or datetime.now().replace(microsecond=0))
