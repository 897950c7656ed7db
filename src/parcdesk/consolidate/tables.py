"""The consolidated view as tables (header row, rows): one source for the Excel sheets and the
PDF's appendices, so the two never disagree. A date stays a date (the Excel file keeps a date
cell); `shown` is how a cell reads on paper and on screen."""

from __future__ import annotations

from datetime import date

from parcdesk.consolidate.figures import Consolidation, UnitLine
from parcdesk.report.content import format_short_date
from parcdesk.statuses import BUCKET_LABELS, BUCKETS

BUCKET_SHORT = {"done": "HT", "in_progress": "ĐTH", "late": "QH", "not_started": "CTK", "failed": "KĐ",
                "not_applicable": "KPS"}


def shown(value) -> str:
    """A cell as text: a date as 10/3/2026 (format_short_date), nothing for None."""
    if isinstance(value, date):
        return format_short_date(value.isoformat())
    return "" if value is None else str(value)


def sent_label(unit: UnitLine) -> str:
    return "Đã gửi" if unit.sent else "Gửi tệp không hợp lệ" if unit.refused else "Chưa gửi"


def _on_time(value: bool | None) -> str:
    return "" if value is None else ("Đúng hạn" if value else "Trễ hạn")


def units_table(view: Consolidation) -> tuple[list[str], list[list]]:
    head = ["TT", "Đơn vị", "Đã gửi", "Đúng hạn", "Phiên bản", "Ngày báo cáo", "Số mục",
            *[BUCKET_LABELS[b] for b in ("done", "in_progress", "late", "not_started", "failed", "not_applicable")]]
    rows = []
    for index, unit in enumerate(view.units, start=1):
        t = unit.totals
        rows.append([index, unit.name, sent_label(unit) + (f" ({unit.refused})" if unit.refused else ""),
                     _on_time(unit.on_time), unit.version or "",
                     date.fromisoformat(unit.dated_on) if unit.dated_on else "",
                     *([t["total"], t["done"], t["in_progress"], t["late"], t["not_started"], t["failed"],
                        t["not_applicable"]] if unit.sent else [""] * 7)])
    return head, rows


def areas_table(view: Consolidation) -> tuple[list[str], list[list]]:
    head = ["Lĩnh vực", "Tên lĩnh vực", "Số đơn vị", *[BUCKET_LABELS[b] for b in BUCKETS],
            "Mục không có mã chung"]
    rows = [[a.key if len(a.key) < 6 else "", a.shown_title, a.units, *[a.items[b] for b in BUCKETS], sum(a.uncoded.values())]
            for a in view.areas]
    return head, rows


def codes_table(view: Consolidation) -> tuple[list[str], list[list]]:
    head = ["Mã", "Tiêu chí", "Số đơn vị", *[f"Đơn vị {BUCKET_LABELS[b].lower()}" for b in BUCKETS]]
    rows = [[c.code, c.title, sum(c.units.values()), *[c.units[b] for b in BUCKETS]] for c in view.codes]
    return head, rows


def targets_table(view: Consolidation) -> tuple[list[str], list[list]]:
    head = ["Mã", "Chỉ tiêu", "Số đơn vị có chỉ tiêu đo được", "Đạt", "Không đạt", "Chưa có số liệu"]
    rows = [[c.code, c.title, c.measurable, c.met, c.unmet, c.no_value] for c in view.codes if c.measurable]
    return head, rows


def matrix_table(view: Consolidation) -> tuple[list[str], list[list]]:
    units = [u.name for u in view.units]
    head = ["Mã", "Tiêu chí", *units]
    rows = [[c.code, c.title, *[BUCKET_SHORT.get(c.by_unit.get(u, ""), "") for u in units]] for c in view.codes]
    return head, rows


def received_table(view: Consolidation) -> tuple[list[str], list[list]]:
    labels = {"accepted": "Nhận", "refused": "Từ chối", "replaced": "Đã được thay"}
    head = ["TT", "Tệp", "Loại", "Đơn vị", "Kết quả", "Lý do"]
    rows = [[i, r["file_name"], r["kind"], r["unit_name"], labels.get(r["outcome"], r["outcome"]), r["reason"]]
            for i, r in enumerate(view.received, start=1)]
    return head, rows


LEGEND = "Ký hiệu: " + ", ".join(f"{short} = {BUCKET_LABELS[b]}" for b, short in BUCKET_SHORT.items())
