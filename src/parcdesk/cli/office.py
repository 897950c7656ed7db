"""Commands about the data file itself: init, check, backup, search, agencies, demo."""

from __future__ import annotations

from pathlib import Path

from parcdesk.cli.output import emit, emit_json
from parcdesk.db import agencies, settings
from parcdesk.db.maintenance import backup_store, check_path
from parcdesk.db.search import search_items
from parcdesk.db.store import open_store
from parcdesk.errors import UserError
from parcdesk.ops import agencies as agency_ops
from parcdesk.ops import office as office_ops
from parcdesk.ops import setup as setup_ops


def cmd_init(args) -> int:
    given = {"unit_name": args.unit, "unit_kind": args.kind, "superior": args.superior, "place": args.place,
             "report_deadline_day": args.deadline_day}
    with open_store(args.db, create=True) as store:
        first_time = not settings.load_settings(store.db).is_set_up
        if first_time and not args.unit:
            raise UserError("Lần khởi tạo đầu tiên cần tên đơn vị (--unit \"UBND xã …\").")
        if first_time:
            setup_ops.set_up_office(store, given, source="cli")
        else:
            office_ops.save_settings(store, source="cli", **given)
        if args.signer:
            office_ops.add_signer(store, args.signer, args.position or "CHỦ TỊCH", args.authority or "",
                                  source="cli")
        office = settings.load_settings(store.db)
    if args.json:
        emit_json({"db": str(store.path), "unit": office.unit_name, "kind": office.unit_kind,
                   "superior": office.superior, "place": office.place,
                   "signers": [s.__dict__ for s in office.signers]})
    else:
        emit(f"Đã lưu cài đặt của {office.unit_name} vào {store.path}.")
    return 0


def cmd_check(args) -> int:
    report = check_path(args.db)  # a damaged file is read, to say what the check finds
    if args.json:
        emit_json(report.to_dict())
    elif report.sound:
        emit(f"Tệp dữ liệu {args.db} nguyên vẹn (lược đồ phiên bản {report.schema_version}).")
    if not report.sound:
        raise UserError(report.sentence(args.db))
    return 0


def cmd_backup(args) -> int:
    with open_store(args.db) as store:
        made = backup_store(store, args.to)
    if args.json:
        emit_json(made.to_dict())
    else:
        emit(made.sentence())
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


def _agency(db, name: str) -> int:
    found = agencies.find_agency(db, name)
    if found is None:
        raise UserError(f"Không có cơ quan “{name}” trong danh sách của đơn vị.")
    return found


def cmd_agency_merge(args) -> int:
    with open_store(args.db) as store:
        keep, merge = _agency(store.db, args.keep), _agency(store.db, args.merge)
        if keep == merge:
            raise UserError(f"“{args.merge}” và “{args.keep}” đã là một cơ quan.")
        agency_ops.merge_agencies(store, keep, merge, source="cli")
    emit(f"Đã gộp “{args.merge}” vào “{args.keep}”.")
    return 0


def cmd_agency_rename(args) -> int:
    with open_store(args.db) as store:
        agency_ops.rename_agency(store, _agency(store.db, args.agency), args.to, source="cli")
    emit(f"Đã đổi tên “{args.agency}” thành “{args.to}”.")
    return 0


def cmd_agency_alias(args) -> int:
    with open_store(args.db) as store:
        agency_ops.add_alias(store, _agency(store.db, args.agency), args.alias, source="cli")
    emit(f"Đã thêm cách viết “{args.alias}” cho “{args.agency}”.")
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
