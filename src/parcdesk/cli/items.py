"""`parcdesk item add|edit|move|delete`: the plan tree, with the fields `plan show --json` prints.

Every change goes through ops.items (one logged operation each: undoable, refused by the period
lock when it would change what a signed report shows). Positions are counted from 1, as an
officer counts the rows of a group.
"""

from __future__ import annotations

from parcdesk.cli.output import emit, emit_json
from parcdesk.db.items import find_item, get_item, get_item_row, load_tree
from parcdesk.db.plans import get_plan
from parcdesk.db.store import open_store
from parcdesk.errors import UserError
from parcdesk.model import LEVELS, ItemDraft
from parcdesk.ops import items as item_ops
from parcdesk.parsing.numbers import parse_actual
from parcdesk.parsing.targets import with_baseline

_AGENCY_OPTIONS = (("lead", "lead", "cơ quan chủ trì"), ("partner", "partners", "cơ quan phối hợp"),
                   ("monitor", "monitor", "cơ quan theo dõi"))


def register(commands, command) -> None:
    item = commands.add_parser("item", help="mục của kế hoạch: thêm, sửa, di chuyển, xóa")
    from parcdesk.cli.parser import VietnameseParser

    item_commands = item.add_subparsers(dest="item_command", metavar="LỆNH", required=True,
                                        parser_class=VietnameseParser)
    add = command(item_commands, "add", "thêm một mục vào kế hoạch", cmd_item_add)
    add.add_argument("--plan", type=int, required=True, help="số kế hoạch")
    add.add_argument("--parent", metavar="MÃ", help="mã mục cha (bỏ trống: mục ở cấp ngoài cùng)")
    add.add_argument("--position", type=int, metavar="K", help="vị trí trong nhóm, 1 là đầu tiên (mặc định: cuối)")
    _fields(add, level_required=True)

    edit = command(item_commands, "edit", "sửa các trường của một mục", cmd_item_edit)
    _plan_item(edit)
    _fields(edit, level_required=False)
    edit.add_argument("--baseline-value", metavar="SỐ",
                      help="kết quả năm cơ sở của chỉ tiêu “tăng … so với năm …”, ví dụ 83,99 "
                           "(ngưỡng = kết quả năm cơ sở + mức tăng)")
    edit.add_argument("--year-target", action="append", metavar="NĂM=CHỈ_TIÊU",
                      help="chỉ tiêu riêng của một năm trong kế hoạch nhiều năm, ví dụ “2025=Đạt 85%%” "
                           "(ghi nhiều lần cho nhiều năm; “2025=” bỏ chỉ tiêu riêng của năm đó)")

    move = command(item_commands, "move", "di chuyển một mục (cùng các mục con)", cmd_item_move)
    _plan_item(move)
    where = move.add_mutually_exclusive_group(required=True)
    where.add_argument("--parent", metavar="MÃ", help="chuyển vào dưới mục này")
    where.add_argument("--top", action="store_true", help="chuyển ra cấp ngoài cùng")
    where.add_argument("--up", action="store_true", help="đưa lên trên một dòng trong nhóm")
    where.add_argument("--down", action="store_true", help="đưa xuống dưới một dòng trong nhóm")
    where.add_argument("--indent", action="store_true", help="lùi vào, thành mục con của mục phía trên")
    where.add_argument("--outdent", action="store_true", help="đưa ra ngoài một cấp")
    move.add_argument("--position", type=int, metavar="K",
                      help="vị trí trong nhóm mới, 1 là đầu tiên (dùng với --parent hoặc --top; mặc định: cuối)")
    move.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    delete = command(item_commands, "delete", "xóa một mục cùng các mục con, tiến độ và tài liệu kiểm chứng",
                     cmd_item_delete)
    _plan_item(delete)
    delete.add_argument("--json", action="store_true", help="in kết quả dạng JSON")


def _plan_item(parser) -> None:
    parser.add_argument("--plan", type=int, required=True, help="số kế hoạch")
    parser.add_argument("--item", required=True, metavar="MÃ", help="mã mục, ví dụ “TC 1.1”, “III/2” hoặc “#15”")


def _fields(parser, level_required: bool) -> None:
    parser.add_argument("--level", required=level_required, choices=LEVELS,
                        help="cấp: area (lĩnh vực), criterion (tiêu chí), subcriterion (tiêu chí thành phần), "
                             "task (nhiệm vụ)")
    parser.add_argument("--title", required=level_required, help="tên mục")
    parser.add_argument("--code", help="mã mục, ví dụ “TC 1.1”")
    parser.add_argument("--target", help="chỉ tiêu, ví dụ “Đạt từ 95% trở lên”")
    parser.add_argument("--output", help="sản phẩm đầu ra")
    parser.add_argument("--timeframe", help="thời gian hoàn thành, ví dụ “Quý II/2025”")
    parser.add_argument("--notes", help="ghi chú")
    for option, _key, what in _AGENCY_OPTIONS:
        parser.add_argument(f"--{option}", action="append", metavar="TÊN",
                            help=f"{what}; lặp lại hoặc ngăn cách bằng “;” cho nhiều cơ quan (“” để bỏ trống)")
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")


def _names(given: list[str] | None) -> list[str] | None:
    if given is None:
        return None
    return [name.strip() for value in given for name in value.split(";") if name.strip()]


def _field_changes(args) -> dict:
    changes = {"level": args.level, "title": args.title, "code": args.code, "target_text": args.target,
               "output": args.output, "timeframe_text": args.timeframe, "notes": args.notes}
    for option, key, _what in _AGENCY_OPTIONS:
        changes[key] = _names(getattr(args, option))
    return {key: value for key, value in changes.items() if value is not None}


def _index(position: int | None) -> int | None:
    """The 0-based index the store takes, from the officer's 1-based position."""
    if position is None:
        return None
    if position < 1:
        raise UserError(f"Tham số --position: vị trí phải từ 1 trở lên (đã ghi {position}).")
    return position - 1


def _show(args, store, item_id: int, message: str) -> None:
    if args.json:
        year = get_plan(store.db, args.plan).year_from
        emit_json(get_item(store.db, item_id).to_dict(year))
    else:
        emit(message)


def cmd_item_add(args) -> int:
    position = _index(args.position)
    fields = _field_changes(args)
    if not args.title.strip():
        raise UserError("Tham số --title: tên mục không được để trống.")
    with open_store(args.db) as store:
        get_plan(store.db, args.plan)
        parent_id = find_item(store.db, args.plan, args.parent) if args.parent else None
        draft = ItemDraft(**fields)
        item_id = item_ops.add_item(store, args.plan, draft, parent_id, position, source="cli").value
        _show(args, store, item_id, f"Đã thêm mục {draft.code or draft.title} vào kế hoạch số {args.plan}.")
    return 0


def _baseline_threshold(args, item) -> dict:
    """--baseline-value: the threshold of an increase target, computed from last year's value."""
    value = parse_actual(args.baseline_value, "%")
    if value is None:
        raise UserError(f"Tham số --baseline-value: “{args.baseline_value}” không phải một số, ví dụ 83,99.")
    text = args.target if args.target is not None else item.target_text
    threshold = with_baseline(text, value)
    if threshold is None:
        raise UserError(f"Mục {args.item} không có chỉ tiêu so với năm trước (“tăng … so với năm …”), "
                        f"nên không có năm cơ sở để ghi.")
    return {"threshold": threshold, "target_manual": True}


def _year_targets(given: list[str]) -> dict[int, str]:
    """--year-target 2025=Đạt 85%: {2025: "Đạt 85%"}; an empty text takes the year's own target away."""
    targets: dict[int, str] = {}
    for entry in given:
        year, sep, text = entry.partition("=")
        if not sep or not year.strip().isdigit() or not 2000 <= int(year) <= 2100:
            raise UserError(f"Tham số --year-target: “{entry}” cần dạng NĂM=CHỈ_TIÊU, ví dụ “2025=Đạt 85%”.")
        targets[int(year)] = text.strip()
    return targets


def cmd_item_edit(args) -> int:
    changes = _field_changes(args)
    if args.year_target:
        changes["year_targets"] = _year_targets(args.year_target)
    if not changes and args.baseline_value is None:
        raise UserError("Hãy cho biết trường cần sửa, ví dụ --title, --target hoặc --lead.")
    with open_store(args.db) as store:
        get_plan(store.db, args.plan)
        item_id = find_item(store.db, args.plan, args.item)
        if args.baseline_value is not None:
            changes.update(_baseline_threshold(args, get_item(store.db, item_id)))
        result = item_ops.edit_item(store, item_id, source="cli", **changes)
        _show(args, store, item_id, f"Đã sửa mục {args.item}." if result.op_id else f"Mục {args.item} không đổi.")
    return 0


def _sibling_count(db, plan_id: int, parent_id: int | None) -> int:
    return len(load_tree(db, plan_id) if parent_id is None else get_item(db, parent_id).children)


def cmd_item_move(args) -> int:
    position = _index(args.position)
    if position is not None and not (args.parent or args.top):
        raise UserError("Tham số --position chỉ dùng cùng --parent hoặc --top.")
    with open_store(args.db) as store:
        db = store.db
        get_plan(db, args.plan)
        item_id = find_item(db, args.plan, args.item)
        row = get_item_row(db, item_id)
        if args.indent:
            item_ops.indent_item(store, item_id, source="cli")
        elif args.outdent:
            item_ops.outdent_item(store, item_id, source="cli")
        elif args.up or args.down:
            step = -1 if args.up else 1
            if args.up and row.position == 0:
                raise UserError(f"Mục {args.item} đã ở đầu nhóm, không đưa lên được nữa.")
            if args.down and row.position + 1 >= _sibling_count(db, args.plan, row.parent_id):
                raise UserError(f"Mục {args.item} đã ở cuối nhóm, không đưa xuống được nữa.")
            item_ops.move_item(store, item_id, row.parent_id, row.position + step, source="cli")
        else:
            parent_id = find_item(db, args.plan, args.parent) if args.parent else None
            if position is None:
                position = _sibling_count(db, args.plan, parent_id)
            item_ops.move_item(store, item_id, parent_id, position, source="cli")
        moved = get_item_row(db, item_id)
        parent = get_item_row(db, moved.parent_id) if moved.parent_id is not None else None
    if args.json:
        emit_json({"id": item_id, "parent": parent.code if parent else None,
                   "parent_id": moved.parent_id, "position": moved.position + 1})
    else:
        where = f"dưới mục {parent.code or parent.title}" if parent else "ở cấp ngoài cùng"
        emit(f"Đã chuyển mục {args.item}: {where}, vị trí {moved.position + 1}.")
    return 0


def cmd_item_delete(args) -> int:
    with open_store(args.db) as store:
        get_plan(store.db, args.plan)
        item_id = find_item(store.db, args.plan, args.item)
        result = item_ops.delete_item(store, item_id, source="cli")
    if args.json:
        emit_json({"deleted": item_id, "items": len([i for i in result.changes.items])})
    else:
        emit(f"Đã xóa mục {args.item} (hoàn tác được bằng lệnh “parcdesk undo”).")
    return 0
