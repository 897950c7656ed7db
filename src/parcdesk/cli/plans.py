"""Commands about plans and their progress."""

from __future__ import annotations

from parcdesk.cli.imports import emit_rewrites
from parcdesk.cli.output import emit, emit_json
from parcdesk.db import plans as plan_store
from parcdesk.db.items import find_item, load_tree
from parcdesk.db.progress import progress_of_plan
from parcdesk.carry import carried_label
from parcdesk.ops import carry as carry_ops
from parcdesk.ops import plans as plan_ops
from parcdesk.ops import progress as progress_ops
from parcdesk.cli.values import iso_date
from parcdesk.errors import UserError
from parcdesk.db.store import open_store
from parcdesk.periods import parse_period
from parcdesk.statuses import STATUS_LABELS, achieved
from parcdesk.text import fold, format_number


def _next_year(args) -> int:
    """`plan new --from N --year Y [--keep-years] [--dry-run]`: the rewrites listed, then made."""
    with open_store(args.db) as store:
        _, roll, _ = plan_store.next_year_rollforward(store.db, args.source_plan, args.year)
        rewrites = {"from_year": roll.source_from, "to_year": roll.year_from,
                    "rewrites": [{**r.to_dict(), "accepted": not args.keep_years} for r in roll.rewrites]}
        overrides = _next_targets(roll.rewrites, args.next_target or [])
        for index, value in overrides.items():
            rewrites["rewrites"][index]["override"] = value
        plan_id = None
        if not args.dry_run:
            plan_id = plan_ops.create_next_year(store, args.source_plan, args.year, source="cli",
                                                keep_years=args.keep_years, overrides=overrides or None).value
    if args.dry_run and not args.json:
        emit_rewrites(rewrites)
        emit("Chưa tạo kế hoạch (--dry-run).")
    else:  # as `plan new` always answers: the id is what a script needs next
        emit_json({"id": plan_id, "dry_run": args.dry_run, "rollforward": rewrites})
    return 0


def _next_targets(rewrites, given: list[str]) -> dict[int, float]:
    """--next-target "TCTP 3.4.2=99": the index of that item's proposed next-year target → the value."""
    from parcdesk.parsing.numbers import parse_actual

    chosen: dict[int, float] = {}
    for entry in given:
        code, sep, value = entry.rpartition("=")
        index = next((i for i, r in enumerate(rewrites) if r.kind == "next_target" and sep
                      and fold(r.code or "") == fold(code.strip())), None)
        if index is None:
            offered = ", ".join(r.code for r in rewrites if r.kind == "next_target" and r.code) or "không có mục nào"
            raise UserError(f"Tham số --next-target: “{entry}” không khớp mục nào có chỉ tiêu năm mới đề xuất "
                            f"(có: {offered}); dạng MÃ=GIÁ_TRỊ, ví dụ “TCTP 3.4.2=99”.")
        number = parse_actual(value, rewrites[index].threshold.unit if rewrites[index].threshold else None)
        if number is None:
            raise UserError(f"Tham số --next-target: “{entry}” thiếu giá trị, ví dụ “TCTP 3.4.2=99”.")
        chosen[index] = number
    return chosen


def cmd_plan_new(args) -> int:
    if args.source_plan is not None:
        return _next_year(args)
    if args.next_target:
        raise UserError("Tham số --next-target chỉ dùng cùng --from (tạo từ kế hoạch năm trước).")
    if args.dry_run or args.keep_years:
        raise UserError("Tham số --dry-run và --keep-years chỉ dùng cùng --from (tạo từ kế hoạch năm trước).")
    with open_store(args.db) as store:
        if args.empty:
            title = args.title or f"Kế hoạch cải cách hành chính năm {args.year}"
            plan_id = plan_ops.create_plan(store, title=title, year_from=args.year, source="cli").value
        else:
            plan_id = plan_ops.create_from_template(store, args.template, args.year, source="cli").value
            if args.title:  # a second step: undo takes the title back first, then the plan
                plan_ops.edit_plan(store, plan_id, title=args.title, source="cli")
    emit_json({"id": plan_id})  # the id is what a script needs next
    return 0


def cmd_plan_edit(args) -> int:
    changes = {"title": args.title, "number": args.number, "issued_on": iso_date(args.issued, "--issued"),
               "appendix_title": args.appendix_title, "basis": args.basis}
    changes = {key: value for key, value in changes.items() if value is not None}
    if not changes:
        raise UserError("Hãy cho biết thông tin cần sửa, ví dụ --title, --number hoặc --issued.")
    with open_store(args.db) as store:
        plan = plan_ops.edit_plan(store, args.plan, source="cli", **changes).value
    if args.json:
        emit_json(plan.to_dict())
    else:
        emit(f"Đã lưu thông tin kế hoạch số {plan.id} “{plan.title}”.")
    return 0


def cmd_plan_delete(args) -> int:
    with open_store(args.db) as store:
        plan = plan_store.get_plan(store.db, args.plan)
        plan_ops.delete_plan(store, args.plan, source="cli")
    if args.json:
        emit_json({"deleted": plan.id, "title": plan.title})
    else:
        emit(f"Đã xóa kế hoạch số {plan.id} “{plan.title}” (hoàn tác được bằng lệnh “parcdesk undo”).")
    return 0


def cmd_plan_list(args) -> int:
    with open_store(args.db) as store:
        found = plan_store.list_plans(store.db)
    if args.json:
        emit_json([plan.to_dict() for plan in found])
        return 0
    if not found:
        emit("Chưa có kế hoạch nào.")
    for plan in found:
        years = str(plan.year_from) if plan.year_from == plan.year_to else f"{plan.year_from}–{plan.year_to}"
        emit(f"{plan.id:>4}  {years}  {plan.title} ({plan.item_count} mục)")
    return 0


def cmd_plan_show(args) -> int:
    with open_store(args.db) as store:
        plan = plan_store.get_plan(store.db, args.plan)
        roots = load_tree(store.db, plan.id)
    if args.json:
        emit_json({"plan": plan.to_dict(), "items": [item.to_dict(plan.year_from) for item in roots]})
        return 0
    emit(f"{plan.title} ({plan.item_count} mục)")

    def show(items, depth):
        for item in items:
            target = f" — {item.target_shown()}" if item.target_shown() else ""
            emit(f"{'  ' * depth}{item.code} {item.title}{target}")
            show(item.children, depth + 1)

    show(roots, 0)
    return 0


def cmd_progress_set(args) -> int:
    period = parse_period(args.period).code
    with open_store(args.db) as store:
        plan_store.get_plan(store.db, args.plan)
        item_id = find_item(store.db, args.plan, args.item)
        given = {
            "status": args.status, "actual_value": args.value, "result": args.result,
            "difficulties": args.difficulties, "proposals": args.proposals,
        }
        saved = progress_ops.set_progress(store, item_id, period, source="cli",
                                          **{k: v for k, v in given.items() if v is not None}).value
    emit_json({"item_id": item_id, "period": period, "status": saved.status,
               "value": saved.actual_value, "result": saved.result})
    return 0


def progress_rows(db, plan_id: int, period: str) -> tuple[dict, list[dict]]:
    plan = plan_store.get_plan(db, plan_id)
    roots = load_tree(db, plan_id)
    recorded = progress_of_plan(db, plan_id, period)
    year = parse_period(period).year  # a multi-year plan's item is judged against that year's target
    rows = []

    def visit(items, depth):
        for item in items:
            progress = recorded.get(item.id)
            status = progress.status if progress else "not_started"
            value = progress.actual_value if progress else None
            rows.append({
                "id": item.id, "code": item.code, "level": item.level, "depth": depth, "title": item.title,
                "target": item.target_dict(), "status": status, "status_label": STATUS_LABELS[status],
                "value": value, "achieved": achieved(item.threshold_for(year), status, value),
                "result": progress.result if progress else "",
                "difficulties": progress.difficulties if progress else "",
                "proposals": progress.proposals if progress else "",
                "carried_from": progress.carried_from if progress else None,
            })
            visit(item.children, depth + 1)

    visit(roots, 0)
    return plan.to_dict(), rows


def cmd_progress_show(args) -> int:
    period = parse_period(args.period)
    with open_store(args.db) as store:
        plan, rows = progress_rows(store.db, args.plan, period.code)
    counts = {status: 0 for status in STATUS_LABELS}
    for row in _leaf_rows(rows):
        counts[row["status"]] += 1
    if args.json:
        emit_json({"plan": plan, "period": period.code, "period_label": period.label,
                   "counts": counts, "items": rows})
        return 0
    emit(f"{plan['title']} — {period.label}")
    leaf_ids = {row["id"] for row in _leaf_rows(rows)}
    for row in rows:
        line = f"{'  ' * row['depth']}{row['code']} {row['title'][:70]}"
        if row["id"] in leaf_ids:
            unit = (row["target"] or {}).get("unit")
            value = f", {format_number(row['value'], unit)}" if row["value"] is not None else ""
            mark = {True: " (đạt)", False: " (không đạt)", None: ""}[row["achieved"]]
            line += f": {row['status_label']}{value}{mark}"
            if row["carried_from"]:
                line += f" [{carried_label(row['carried_from'])}]"
        emit(line)
    emit(", ".join(f"{STATUS_LABELS[s]}: {n}" for s, n in counts.items() if n))
    return 0


def cmd_progress_carry(args) -> int:
    with open_store(args.db) as store:
        plan_store.get_plan(store.db, args.plan)
        item_ids = [find_item(store.db, args.plan, args.item)] if args.item else None
        result = carry_ops.carry_progress(store, args.plan, args.from_period, args.to_period,
                                          item_ids=item_ids, source="cli")
    source, target = parse_period(args.from_period), parse_period(args.to_period)
    if args.json:
        emit_json({"plan": args.plan, "from": source.code, "to": target.code, "carried": result.value,
                   "operation": result.op_id})
    else:
        emit(f"Đã chép {len(result.value)} mục từ {source.label} sang {target.label}"
             + (" (hoàn tác được bằng lệnh “parcdesk undo”)." if result.value else "."))
    return 0


def _leaf_rows(rows: list[dict]) -> list[dict]:
    """Rows with no row below them: the items that are actually carried out."""
    leaves = []
    for index, row in enumerate(rows):
        nxt = rows[index + 1] if index + 1 < len(rows) else None
        if nxt is None or nxt["depth"] <= row["depth"]:
            if row["level"] != "area":
                leaves.append(row)
    return leaves
