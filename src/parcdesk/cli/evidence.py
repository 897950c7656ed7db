"""`parcdesk evidence add|list|remove`: the documents that prove an item's progress in a period.

Adding and removing go through ops.evidence (logged, undoable, refused once the period's
report is signed off). An attached file is copied into the evidence folder beside the data file.
"""

from __future__ import annotations

from pathlib import Path

from parcdesk.cli.output import emit, emit_json
from parcdesk.cli.values import iso_date
from parcdesk.db.evidence import get_evidence, list_evidence
from parcdesk.db.items import find_item, get_item_row, load_tree, walk
from parcdesk.db.plans import get_plan
from parcdesk.db.store import open_store
from parcdesk.ops import evidence as evidence_ops
from parcdesk.periods import parse_period
from parcdesk.text import format_date

_PERIOD_HELP = "kỳ: 2025-Q1, 2025-H1, 2025-9M hoặc 2025"


def register(commands, command) -> None:
    from parcdesk.cli.parser import VietnameseParser

    evidence = commands.add_parser("evidence", help="tài liệu kiểm chứng: thêm, liệt kê, xóa")
    evidence_commands = evidence.add_subparsers(dest="evidence_command", metavar="LỆNH", required=True,
                                                parser_class=VietnameseParser)
    add = command(evidence_commands, "add", "thêm tài liệu kiểm chứng cho một mục trong một kỳ", cmd_evidence_add)
    add.add_argument("--plan", type=int, required=True, help="số kế hoạch")
    add.add_argument("--item", required=True, metavar="MÃ", help="mã mục, ví dụ “TC 1.1”, “III/2” hoặc “#15”")
    add.add_argument("--period", required=True, help=_PERIOD_HELP)
    add.add_argument("--number", default="", help="số, ký hiệu văn bản, ví dụ 45/QĐ-UBND")
    add.add_argument("--date", help="ngày ban hành, ví dụ 05/4/2025")
    add.add_argument("--summary", default="", help="trích yếu nội dung")
    add.add_argument("--file", metavar="TỆP", help="tệp đính kèm (được sao vào thư mục tài liệu của đơn vị)")
    add.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    listing = command(evidence_commands, "list", "liệt kê tài liệu kiểm chứng", cmd_evidence_list)
    listing.add_argument("--plan", type=int, required=True, help="số kế hoạch")
    listing.add_argument("--item", metavar="MÃ", help="chỉ của mục này")
    listing.add_argument("--period", help="chỉ của kỳ này (" + _PERIOD_HELP + ")")
    listing.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    remove = command(evidence_commands, "remove", "xóa một tài liệu kiểm chứng", cmd_evidence_remove)
    remove.add_argument("--id", type=int, required=True, dest="evidence_id", metavar="N",
                        help="số của tài liệu (xem “evidence list”)")
    remove.add_argument("--json", action="store_true", help="in kết quả dạng JSON")


def _record(evidence, code: str) -> dict:
    return {**evidence.__dict__, "item_code": code, "period_label": parse_period(evidence.period).label}


def _line(record: dict) -> str:
    parts = [record["number"], format_date(record["issued_on"]) if record["issued_on"] else "", record["summary"],
             f"tệp {record['file_name']}" if record["file_name"] else ""]
    return f"#{record['id']}  {record['item_code']}  {record['period_label']}: " + " — ".join(p for p in parts if p)


def cmd_evidence_add(args) -> int:
    period = parse_period(args.period).code
    issued_on = iso_date(args.date)
    file = Path(args.file).expanduser() if args.file else None
    with open_store(args.db) as store:
        get_plan(store.db, args.plan)
        item_id = find_item(store.db, args.plan, args.item)
        added = evidence_ops.add_evidence(store, item_id, period, number=args.number, issued_on=issued_on,
                                          summary=args.summary, file=file, source="cli").value
    record = _record(added, args.item)
    if args.json:
        emit_json(record)
    else:
        emit(f"Đã thêm tài liệu kiểm chứng {_line(record)}")
    return 0


def cmd_evidence_list(args) -> int:
    period = parse_period(args.period).code if args.period else None
    with open_store(args.db) as store:
        db = store.db
        get_plan(db, args.plan)
        if args.item:
            item_id = find_item(db, args.plan, args.item)
            items = [(item_id, args.item)]
        else:
            items = [(item.id, item.code or f"#{item.id}") for item in walk(load_tree(db, args.plan))]
        records = [_record(evidence, code) for item_id, code in items
                   for evidence in list_evidence(db, item_id, period)]
    if args.json:
        emit_json({"plan": args.plan, "period": period, "count": len(records), "evidence": records})
        return 0
    for record in records:
        emit(_line(record))
    emit(f"{len(records)} tài liệu kiểm chứng.")
    return 0


def cmd_evidence_remove(args) -> int:
    with open_store(args.db) as store:
        old = get_evidence(store.db, args.evidence_id)
        code = get_item_row(store.db, old.item_id).code
        evidence_ops.remove_evidence(store, args.evidence_id, source="cli")
    record = _record(old, code or f"#{old.item_id}")
    if args.json:
        emit_json({"removed": record})
    else:
        emit(f"Đã xóa tài liệu kiểm chứng {_line(record)}")
    return 0
