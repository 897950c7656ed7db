"""An office with a plan, a quarter of progress, evidence and the office's own texts: ready to report."""

from pathlib import Path

from helpers import office_with_plan

from parcdesk.db import settings
from parcdesk.db.items import find_item
from parcdesk.db.progress import set_progress
from parcdesk.db.store import Store
from parcdesk.report import drafts

PERIOD = "2025-Q1"
SECTIONS = {
    "results": "Đã ban hành kế hoạch và triển khai đến các ban, ngành.",
    "shortcomings": "Một số nhiệm vụ còn chậm do công chức kiêm nhiệm.\nĐường truyền chưa ổn định.",
    "next_tasks": "Tiếp tục thực hiện các nhiệm vụ còn lại.",
    "proposals": "Không có.",
}


def ready_office(path: Path) -> tuple[Store, int]:
    store, plan_id = office_with_plan(path, 2025)
    db = store.db
    settings.add_signer(db, "Thái Văn Ngự", "CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN")
    settings.add_signer(db, "Nguyễn Thị Hoa", "PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH")
    set_progress(db, find_item(db, plan_id, "TC 1.1"), PERIOD, status="done", actual_value=100,
                 result="Đã hoàn thành kế hoạch quý.")
    set_progress(db, find_item(db, plan_id, "TCTP 3.4.2"), PERIOD, status="in_progress", actual_value="97,5",
                 result="Đúng hạn 97,5%.")
    set_progress(db, find_item(db, plan_id, "TC 1.2"), PERIOD, status="done_late", result="Gửi chậm 2 ngày.")
    item = find_item(db, plan_id, "TC 1.1")
    db.execute(
        "INSERT INTO evidence (item_id, period, number, issued_on, summary, added_at) VALUES (?, ?, ?, ?, ?, ?)",
        [item, PERIOD, "15/BC-UBND", "2025-03-10", "Báo cáo kết quả CCHC quý I", "2025-03-10T08:00:00+07:00"],
    )
    drafts.save_draft(db, plan_id, PERIOD, report_date="2025-04-05", **SECTIONS)
    return store, plan_id
