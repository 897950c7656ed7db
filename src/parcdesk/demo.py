"""A demo office: the built-in plan with realistic progress up to today, to look around in."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from parcdesk.db import agencies, plans, settings
from parcdesk.db.connection import transaction
from parcdesk.db.evidence import add_evidence
from parcdesk.db.items import load_tree, walk
from parcdesk.db.progress import set_progress
from parcdesk.db.store import open_store
from parcdesk.errors import UserError
from parcdesk.parsing.timeframes import parse_timeframe
from parcdesk.periods import Period, periods_of_year

_RESULTS_DONE = [
    "Đã ban hành văn bản triển khai và tổ chức thực hiện đầy đủ theo kế hoạch.",
    "Đã thực hiện đúng tiến độ; kết quả được tổng hợp trong báo cáo định kỳ của UBND.",
    "Đã triển khai đến các ban, ngành; 100% hồ sơ được xử lý đúng quy định.",
    "Đã hoàn thành, có văn bản kiểm chứng lưu tại Văn phòng – Thống kê.",
]
_RESULTS_IN_PROGRESS = [
    "Đang triển khai thực hiện; dự kiến hoàn thành trong kỳ tới.",
    "Đã xây dựng dự thảo, đang lấy ý kiến các ban, ngành.",
    "Đang phối hợp với các đơn vị liên quan để thực hiện.",
]
_DIFFICULTIES = [
    "Đường truyền Internet tại Bộ phận Một cửa không ổn định.",
    "Một số người dân chưa quen nộp hồ sơ trực tuyến.",
    "Công chức kiêm nhiệm nhiều việc nên tiến độ còn chậm.",
]


def build_demo(path: Path, today: date | None = None) -> int:
    """The demo office's plan for this year, with progress in every period up to today's."""
    path = Path(path)
    today = today or date.today()
    if path.exists():  # an empty or foreign file is refused by open_store, never filled
        with open_store(path) as existing:
            if plans.list_plans(existing.db):
                raise UserError(f"Tệp {path} đã có dữ liệu; hãy chọn một tên tệp khác cho dữ liệu mẫu.")
    with open_store(path, create=True) as store:
        db = store.db
        settings.save_settings(
            db, source="demo", unit_name="UBND thị trấn Ia Kha", unit_kind="thị trấn",
            superior="UBND huyện Ia Grai", place="Ia Kha",
        )
        agencies.load_default_agencies(db)
        settings.add_signer(db, "Thái Văn Ngự", "CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN")
        settings.add_signer(db, "Nguyễn Thị Hoa", "PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH")
        plan_id = plans.create_from_template(db, "par-xa", today.year, source="demo")
        periods = [p for p in periods_of_year(today.year) if p.end < today]
        periods += [p for p in periods_of_year(today.year) if p.end >= today][:1]
        with transaction(db):
            fill_periods(store, plan_id, periods, random.Random(today.year))
    return plan_id


def fill_periods(store, plan_id: int, periods: list[Period], rng: random.Random) -> None:
    """Plausible progress, period after period: work starts, goes on, gets done; a few items
    stay behind; most finished items carry a document as evidence (a record: no scans)."""
    db = store.db
    items = [item for item in walk(load_tree(db, plan_id)) if item.is_tracked]
    state: dict[int, str] = {}
    documents: dict[int, tuple[str, date]] = {}
    for step, period in enumerate(periods):
        for item in items:
            timeframe = parse_timeframe(item.timeframe_text, period.year)
            status = _advance(state.get(item.id), timeframe.kind, rng, first=step == 0)
            state[item.id] = status
            if status == "not_applicable":
                set_progress(db, item.id, period.code, status=status,
                             result="Trong kỳ không phát sinh trường hợp cần thực hiện.", source="demo")
                continue
            result = {"done": rng.choice(_RESULTS_DONE), "done_late": rng.choice(_RESULTS_DONE),
                      "in_progress": rng.choice(_RESULTS_IN_PROGRESS)}.get(status, "")
            value = None
            if item.threshold is not None and status != "not_started":
                value = _plausible_value(item.threshold, rng)
            set_progress(
                db, item.id, period.code, status=status, actual_value=value, result=result,
                difficulties=rng.choice(_DIFFICULTIES) if status == "in_progress" and rng.random() < 0.4 else "",
                source="demo",
            )
            # a document is attached once, in the period it was issued: the later periods of the
            # year show it carried (carry.py), as they do for an officer's own records
            if status in ("done", "done_late") and item.id not in documents and rng.random() < 0.7:
                kind = rng.choice(["BC", "KH", "QĐ", "TB"])
                issued = period.end - timedelta(days=rng.randint(15, 80))
                documents[item.id] = (f"{len(documents) + 1:02d}/{kind}-UBND", issued)
                number, issued = documents[item.id]
                add_evidence(store, item.id, period.code, number=number, issued_on=issued,
                             summary=f"Văn bản thực hiện “{item.title}”", source="demo")


def _advance(previous: str | None, kind: str, rng: random.Random, first: bool) -> str:
    roll = rng.random()
    if previous in ("done", "done_late"):
        return previous
    if kind == "event" and (previous in (None, "not_applicable")) and roll < 0.5:
        return "not_applicable"
    if previous in (None, "not_applicable"):
        if roll < 0.45:
            return "done"
        if roll < 0.85:
            return "in_progress"
        return "not_started" if roll < 0.93 else "done_late"
    if previous == "in_progress":
        return "done" if roll < 0.55 else ("done_late" if roll < 0.65 else "in_progress")
    return "in_progress" if roll < 0.7 else "not_started"


def _plausible_value(threshold, rng: random.Random) -> float:
    if threshold.comparator == "=" and threshold.value == 0:
        return 0.0
    if threshold.unit == "%":
        return round(min(100.0, threshold.value - rng.choice([0, 0, 0, 1.5, 4.2])), 2)
    return float(round(threshold.value + rng.choice([-5, 0, 2, 6]))) if threshold.value > 5 else threshold.value
