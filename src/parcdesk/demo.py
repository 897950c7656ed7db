"""A demo office: the built-in plan with a quarter of realistic progress, to look around in."""

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

DEMO_YEAR = 2026

_RESULTS_DONE = [
    "Đã ban hành văn bản triển khai và tổ chức thực hiện đầy đủ theo kế hoạch.",
    "Đã thực hiện đúng tiến độ; kết quả được tổng hợp trong báo cáo định kỳ của UBND.",
    "Đã triển khai đến các ban, ngành; 100% hồ sơ được xử lý đúng quy định.",
    "Đã hoàn thành, có văn bản kiểm chứng lưu tại Văn phòng – Thống kê.",
]
_RESULTS_IN_PROGRESS = [
    "Đang triển khai thực hiện; dự kiến hoàn thành trong quý II.",
    "Đã xây dựng dự thảo, đang lấy ý kiến các ban, ngành.",
    "Đang phối hợp với các đơn vị liên quan để thực hiện.",
]
_DIFFICULTIES = [
    "Đường truyền Internet tại Bộ phận Một cửa không ổn định.",
    "Một số người dân chưa quen nộp hồ sơ trực tuyến.",
    "Công chức kiêm nhiệm nhiều việc nên tiến độ còn chậm.",
]


def build_demo(path: Path) -> int:
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
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
        plan_id = plans.create_from_template(db, "par-xa", DEMO_YEAR, source="demo")
        with transaction(db):
            fill_quarter(store, plan_id, f"{DEMO_YEAR}-Q1", random.Random(DEMO_YEAR))
    return plan_id


def fill_quarter(store, plan_id: int, period: str, rng: random.Random) -> None:
    """Plausible first-quarter progress: most recurring work going, some done, a few not started;
    most finished items carry a document as evidence (a record only: the demo has no scans)."""
    db = store.db
    document_number = 0
    for item in walk(load_tree(db, plan_id)):
        if item.children:
            continue
        timeframe = parse_timeframe(item.timeframe_text, DEMO_YEAR)
        roll = rng.random()
        if timeframe.kind == "event" and roll < 0.5:
            set_progress(db, item.id, period, status="not_applicable",
                         result="Trong kỳ không phát sinh trường hợp cần thực hiện.", source="demo")
            continue
        if roll < 0.45:
            status, result = "done", rng.choice(_RESULTS_DONE)
        elif roll < 0.85:
            status, result = "in_progress", rng.choice(_RESULTS_IN_PROGRESS)
        elif roll < 0.93:
            status, result = "not_started", ""
        else:
            status, result = "done_late", rng.choice(_RESULTS_DONE)
        value = None
        if item.threshold is not None and status != "not_started":
            value = _plausible_value(item.threshold, rng)
        set_progress(
            db, item.id, period, status=status, actual_value=value, result=result,
            difficulties=rng.choice(_DIFFICULTIES) if status == "in_progress" and rng.random() < 0.4 else "",
            source="demo",
        )
        if status in ("done", "done_late") and rng.random() < 0.7:
            document_number += 1
            kind = rng.choice(["BC", "KH", "QĐ", "TB"])
            add_evidence(store, item.id, period, number=f"{document_number:02d}/{kind}-UBND",
                         issued_on=date(DEMO_YEAR, 1, 5) + timedelta(days=rng.randint(0, 60)),
                         summary=f"Văn bản thực hiện “{item.title}”", source="demo")


def _plausible_value(threshold, rng: random.Random) -> float:
    if threshold.comparator == "=" and threshold.value == 0:
        return 0.0
    if threshold.unit == "%":
        return round(min(100.0, threshold.value - rng.choice([0, 0, 0, 1.5, 4.2])), 2)
    return float(round(threshold.value + rng.choice([-5, 0, 2, 6]))) if threshold.value > 5 else threshold.value
