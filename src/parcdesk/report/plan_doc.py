"""The plan itself as a document: its appendix (who does what, by when, producing what) as PDF
and Excel, for printing and handing to each commune section."""

from __future__ import annotations

from datetime import date, datetime

import sqlite_utils
from openpyxl import Workbook

from parcdesk.db.items import load_tree
from parcdesk.db.plans import get_plan
from parcdesk.db.settings import load_settings
from parcdesk.errors import UserError
from parcdesk.report.content import format_dateline, header_lines, vi_upper
from parcdesk.text import clean

# key, header, width in mm on a landscape A4 page
PLAN_COLUMNS = [
    ["tt", "TT", 15],
    ["title", "Lĩnh vực, tiêu chí, nhiệm vụ", 60],
    ["target", "Mục tiêu, yêu cầu", 44],
    ["lead", "Cơ quan chủ trì", 30],
    ["partners", "Cơ quan phối hợp", 38],
    ["timeframe", "Thời gian thực hiện", 30],
    ["output", "Sản phẩm", 35],
]


def build_plan_content(db: sqlite_utils.Database, plan_id: int) -> dict:
    office = load_settings(db)
    if not office.is_set_up:
        raise UserError("Đơn vị chưa khai báo tên và cơ quan cấp trên; hãy khai báo trong cài đặt trước khi in kế hoạch.")
    plan = get_plan(db, plan_id)
    rows = []

    def visit(items, depth):
        for item in items:
            rows.append({
                "kind": "area" if item.level == "area" else "item", "id": item.id, "depth": depth,
                "level": item.level, "tt": item.code, "code": item.code, "title": item.title,
                "target": item.target_shown(), "lead": "; ".join(item.lead),
                "partners": "; ".join(item.partners), "timeframe": item.timeframe_text, "output": item.output,
            })
            visit(item.children, depth + 1)

    visit(load_tree(db, plan_id), 0)
    issued = plan.issued_on or plan.created_at[:10]
    return {
        "kind": "plan",
        "office": {"unit_name": clean(office.unit_name), "unit_kind": office.unit_kind,
                   "superior": clean(office.superior), "place": clean(office.place)},
        "header": header_lines(office.unit_name, office.superior),
        "plan": {**{k: v for k, v in plan.to_dict().items() if k != "item_count"}},
        "date": issued,
        "appendix": {
            "title": vi_upper(plan.appendix_title or plan.title),
            "columns": PLAN_COLUMNS,
            "rows": rows,
        },
    }


def _note(content: dict) -> str:
    plan = content["plan"]
    unit = content["office"]["unit_name"]
    number = f"số {plan['number']}" if plan["number"] else "số …/KH-UBND"
    dated = " n" + format_dateline("", plan["issued_on"])[1:] if plan["issued_on"] else ""
    return f"(Kèm theo Kế hoạch {number}{dated} của {unit})"


def _stamp(content: dict) -> datetime:
    return datetime.combine(date.fromisoformat(content["date"]), datetime.min.time())


def render_plan_pdf(content: dict) -> bytes:
    from parcdesk.report.pdf import render_table_pdf

    unit = content["office"]["unit_name"]
    heading = [("appendix_label", "Phụ lục"), ("appendix_title", content["appendix"]["title"]),
               ("appendix_note", _note(content))]
    meta = {"title": f"Phụ lục {content['plan']['title']}", "author": unit, "subject": content["plan"]["title"],
            "keywords": ["ParcDesk"]}
    return render_table_pdf(heading=heading, columns=content["appendix"]["columns"],
                            rows=content["appendix"]["rows"], meta=meta, stamp=_stamp(content))


def render_plan_xlsx(content: dict) -> bytes:
    from parcdesk.report.xlsx import save_workbook_bytes, set_properties, write_print_sheet

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Phụ lục kế hoạch"
    unit = content["office"]["unit_name"]
    plan = content["plan"]
    header = {**content["header"],
              "number": f"Số: {plan['number']}" if plan["number"] else "Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/KH-UBND",
              "dateline": format_dateline(content["office"]["place"], plan["issued_on"]) if plan["issued_on"] else ""}
    write_print_sheet(sheet, header=header,
                      heading=[("title", "PHỤ LỤC"), ("title", content["appendix"]["title"]),
                               ("note", _note(content))],
                      columns=content["appendix"]["columns"], rows=content["appendix"]["rows"])
    set_properties(workbook, title=f"Phụ lục {content['plan']['title']}", subject=content["plan"]["title"],
                   unit=unit, extra={"Đơn vị": unit, "Kế hoạch": content["plan"]["title"],
                                     "Số kế hoạch": content["plan"]["number"] or "(chưa có số)"})
    return save_workbook_bytes(workbook, _stamp(content))
