"""Commands about the data file itself: init, check, backup, search, agencies, demo."""

from __future__ import annotations

from pathlib import Path

from parcdesk.cli.output import emit, emit_json
from parcdesk.db import agencies, settings
from parcdesk.db.maintenance import backup_store, check_store
from parcdesk.db.search import search_items
from parcdesk.db.store import open_store
from parcdesk.errors import UserError


def cmd_init(args) -> int:
    with open_store(args.db, create=True) as store:
        db = store.db
        first_time = not settings.load_settings(db).is_set_up
        if first_time and not args.unit:
            raise UserError("Lần khởi tạo đầu tiên cần tên đơn vị (--unit \"UBND xã …\").")
        settings.save_settings(
            db, source="cli", unit_name=args.unit, unit_kind=args.kind, superior=args.superior,
            place=args.place, report_deadline_day=args.deadline_day,
        )
        if first_time:
            agencies.load_default_agencies(db)
        if args.signer:
            settings.add_signer(db, args.signer, args.position or "CHỦ TỊCH", args.authority or "")
        office = settings.load_settings(db)
    if args.json:
        emit_json({"db": str(store.path), "unit": office.unit_name, "kind": office.unit_kind,
                   "superior": office.superior, "place": office.place,
                   "signers": [s.__dict__ for s in office.signers]})
    else:
        emit(f"Đã lưu cài đặt của {office.unit_name} vào {store.path}.")
    return 0


def cmd_check(args) -> int:
    with open_store(args.db, allow_damaged=True) as store:  # a damaged file is read, to say so
        report = check_store(store)
    if args.json:
        emit_json(report.to_dict())
    elif report.sound:
        emit(f"Tệp dữ liệu {args.db} nguyên vẹn (lược đồ phiên bản {report.schema_version}).")
    if not report.sound:
        raise UserError(report.sentence(args.db))
    return 0


def cmd_backup(args) -> int:
    with open_store(args.db) as store:
        target = backup_store(store, args.to)
    if args.json:
        emit_json({"backup": str(target)})
    else:
        emit(f"Đã sao lưu vào {target}.")
    return 0


def cmd_search(args) -> int:
    with open_store(args.db) as store:
        hits = search_items(store.db, args.query, plan_id=args.plan)
    if args.json:
        emit_json({"query": args.query, "count": len(hits), "items": [hit.to_dict() for hit in hits]})
    else:
        for hit in hits:
            emit(f"[KH {hit.plan_id}] {hit.code} {hit.title}".replace("  ", " "))
        emit(f"{len(hits)} kết quả.")
    return 0


def cmd_agency_list(args) -> int:
    with open_store(args.db) as store:
        found = agencies.list_agencies(store.db)
    if args.json:
        emit_json([a.__dict__ for a in found])
    else:
        for agency in found:
            aliases = f" (còn viết: {'; '.join(agency.aliases)})" if agency.aliases else ""
            emit(f"{agency.id:>4}  {agency.name}{aliases} — {agency.item_count} mục")
    return 0


def cmd_agency_merge(args) -> int:
    with open_store(args.db) as store:
        keep = agencies.find_agency(store.db, args.keep)
        merge = agencies.find_agency(store.db, args.merge)
        for name, found in ((args.keep, keep), (args.merge, merge)):
            if found is None:
                raise UserError(f"Không có cơ quan “{name}” trong danh sách của đơn vị.")
        agencies.merge_agencies(store.db, keep, merge)
    emit(f"Đã gộp “{args.merge}” vào “{args.keep}”.")
    return 0


def cmd_demo(args) -> int:
    from parcdesk.demo import build_demo

    path = Path(args.db)
    plan_id = build_demo(path)
    if args.json:
        emit_json({"db": str(path), "plan": plan_id})
    else:
        emit(f"Đã tạo dữ liệu mẫu tại {path} (kế hoạch số {plan_id}).")
    return 0
