"""`parcdesk overview --plan N --period P [--date D] [--json]`: the figures the window's
overview shows, computed by the same function (overview.compute_overview) at the same
cut-off day the report uses (overview.cutoff_date: the given day, default today, never past
the period's end)."""

from __future__ import annotations

from parcdesk.cli.output import emit, emit_json
from parcdesk.cli.values import parse_date
from parcdesk.db.evidence import evidence_counts
from parcdesk.db.items import load_tree
from parcdesk.db.plans import get_plan
from parcdesk.db.progress import progress_of_plan
from parcdesk.db.settings import load_settings
from parcdesk.db.store import open_store
from parcdesk.overview import BUCKET_LABELS, Overview, compute_overview, cutoff_date
from parcdesk.periods import parse_period
from parcdesk.statuses import STATUS_LABELS
from parcdesk.text import format_date


def register(commands, command) -> None:
    sub = command(commands, "overview", "tổng quan một kỳ: số mục theo trạng thái, lĩnh vực, cơ quan; "
                  "quá hạn, sắp đến hạn, thiếu kiểm chứng", cmd_overview)
    sub.add_argument("--plan", type=int, required=True, help="số kế hoạch")
    sub.add_argument("--period", required=True, help="kỳ: 2025-Q1, 2025-H1, 2025-9M hoặc 2025")
    sub.add_argument("--date", help="tính đến ngày này, ví dụ 31/3/2025 (mặc định: hôm nay, "
                                    "không quá ngày cuối kỳ)")
    sub.add_argument("--json", action="store_true", help="in kết quả dạng JSON")


def _item(state) -> dict:
    item = state.item
    return {"id": item.id, "code": item.code, "title": item.title, "status": state.status,
            "bucket": state.bucket, "lead": list(item.lead), "evidence": state.evidence}


def overview_dict(plan_id: int, overview: Overview) -> dict:
    statuses = dict.fromkeys(STATUS_LABELS, 0)
    for state in overview.states:
        statuses[state.status] += 1
    return {
        "plan": plan_id,
        "period": overview.period.code,
        "period_label": overview.period.label,
        "date": overview.reference.isoformat(),
        "tracked": len(overview.states),
        "buckets": overview.totals,
        "statuses": statuses,
        "by_area": overview.by_area,
        "by_lead": overview.by_lead,
        "overdue": [{**_item(s), "since": s.overdue_since.isoformat()} for s in overview.overdue],
        "due": [{"date": entry.when.isoformat(), "text": entry.text,
                 "item": entry.item.id if entry.item else None,
                 "code": entry.item.code if entry.item else None} for entry in overview.due_next],
        "lacking_evidence": [_item(s) for s in overview.lacking_evidence],
    }


def cmd_overview(args) -> int:
    period = parse_period(args.period)
    when = cutoff_date(period, parse_date(args.date) if args.date else None)
    with open_store(args.db) as store:
        db = store.db
        get_plan(db, args.plan)
        overview = compute_overview(load_tree(db, args.plan), progress_of_plan(db, args.plan, period.code),
                                    evidence_counts(db, args.plan, period.code), period, when,
                                    load_settings(db).report_deadline_day)
    figures = overview_dict(args.plan, overview)
    if args.json:
        emit_json(figures)
        return 0
    emit(f"Kế hoạch số {args.plan} — {period.label}, tính đến ngày {format_date(overview.reference)}: "
         f"{figures['tracked']} mục theo dõi.")
    emit(", ".join(f"{BUCKET_LABELS[b]}: {n}" for b, n in figures["buckets"].items() if n))
    if overview.overdue:
        emit("Quá hạn:")
        for state in overview.overdue:
            emit(f"  {state.item.code} {state.item.title[:70]} (hạn {format_date(state.overdue_since)})")
    if overview.due_next:
        emit("Sắp đến hạn:")
        for entry in overview.due_next:
            emit(f"  {format_date(entry.when)}  {entry.text[:80]}")
    emit(f"Thiếu tài liệu kiểm chứng: {len(overview.lacking_evidence)} mục.")
    return 0
