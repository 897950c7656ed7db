"""`parcdesk overview --plan N --period P [--date D] [--json]`: the figures the window's
overview and the report show, from the same function (report/figures.py `period_figures`) at
the same cut-off day: the given day, else the report's date (the draft's, else today), never
past the period's end; the signed report's figures once the period is signed."""

from __future__ import annotations

from parcdesk.cli.output import emit, emit_json
from parcdesk.cli.values import parse_date
from parcdesk.db.plans import get_plan
from parcdesk.db.store import open_store
from parcdesk.overview import BUCKET_LABELS, Overview
from parcdesk.report.figures import PeriodFigures, period_figures
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


def figures_dict(plan_id: int, figures: PeriodFigures) -> dict:
    """The overview's JSON, with the counts the report prints (`totals`), its cut-off and deadline."""
    signed = figures.signed
    return {**overview_dict(plan_id, figures.overview), "totals": figures.totals,
            "deadline": figures.deadline.isoformat(), "caption": figures.caption,
            "signed": {"version": signed.version, "signed_at": signed.signed_at} if signed else None}


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
    with open_store(args.db) as store:
        get_plan(store.db, args.plan)
        computed = period_figures(store.db, args.plan, period.code, parse_date(args.date) if args.date else None)
    overview = computed.overview
    figures = figures_dict(args.plan, computed)
    if args.json:
        emit_json(figures)
        return 0
    emit(f"Kế hoạch số {args.plan} — {period.label}, tính đến ngày {format_date(overview.reference)}: "
         f"{figures['tracked']} mục theo dõi.")
    emit(computed.caption + ".")
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
