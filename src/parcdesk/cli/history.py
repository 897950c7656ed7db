"""`parcdesk history`, `parcdesk undo`, `parcdesk redo`: the operation log of the data file.

The log is the one the window's Ctrl+Z / Ctrl+Y use (ops.undo): an operation done in the
window can be undone here and the other way round, after closing and reopening alike. Undo
stops at a sign-off and says so (exit 2).
"""

from __future__ import annotations

from parcdesk.cli.output import emit, emit_json
from parcdesk.db.store import open_store
from parcdesk.errors import UserError
from parcdesk.ops import undo as undo_ops

_STATES = {"done": "", "undone": " [đã hoàn tác]"}
# what each table holds, as the officer would name it (the JSON keeps the table's own name)
_TABLES = {"items": "mục", "item_agencies": "cơ quan của mục", "progress": "tiến độ",
           "evidence": "tài liệu kiểm chứng", "plans": "kế hoạch", "report_drafts": "nội dung báo cáo",
           "signed_reports": "báo cáo đã chốt", "agencies": "cơ quan", "agency_aliases": "cách viết của cơ quan",
           "settings": "cài đặt", "signers": "người ký", "signed_report_items": "mục trong báo cáo đã chốt",
           "item_year_targets": "chỉ tiêu từng năm"}


def register(commands, command) -> None:
    history = command(commands, "history", "các thao tác gần đây: thay đổi gì, cũ → mới", cmd_history)
    history.add_argument("--limit", type=int, default=20, metavar="N", help="số thao tác (mặc định 20)")
    history.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    undo = command(commands, "undo", "hoàn tác thao tác gần nhất (của cửa sổ hay dòng lệnh)", cmd_undo)
    undo.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    redo = command(commands, "redo", "làm lại thao tác vừa hoàn tác", cmd_redo)
    redo.add_argument("--json", action="store_true", help="in kết quả dạng JSON")


# the columns an officer changes, by the names the window gives them
_FIELDS = {
    "status": "trạng thái", "actual_value": "giá trị thực tế", "result": "kết quả thực hiện",
    "difficulties": "khó khăn, vướng mắc", "proposals": "đề xuất, kiến nghị", "code": "mã", "title": "tên",
    "level": "cấp", "target_text": "mục tiêu", "target_value": "ngưỡng", "target_comparator": "phép so sánh",
    "target_unit": "đơn vị", "output": "sản phẩm", "timeframe_text": "thời gian thực hiện", "notes": "ghi chú",
    "parent_id": "mục cha", "position": "vị trí", "number": "số", "issued_on": "ngày", "summary": "trích yếu",
    "file_name": "tệp", "name": "tên", "value": "giá trị", "results": "kết quả đạt được",
    "shortcomings": "tồn tại, hạn chế", "next_tasks": "nhiệm vụ kỳ tới", "report_date": "ngày báo cáo",
}
_SHOWN = 60


def _pair(old, new) -> str:
    """old → new, each cut to its start; when both are long and begin alike, from where they differ."""
    old_text = "" if old is None else str(old)
    new_text = "" if new is None else str(new)
    start = 0
    if max(len(old_text), len(new_text)) > _SHOWN:
        while start < min(len(old_text), len(new_text)) and old_text[start] == new_text[start]:
            start += 1
        start = max(0, start - 20)
    return f"{_shown(old_text, start)} → {_shown(new_text, start)}"


def _shown(text: str, start: int = 0) -> str:
    if text == "":
        return "(trống)"
    lead = "…" if start else ""
    piece = text[start:]
    return f"“{lead}{piece[:_SHOWN]}…”" if len(piece) > _SHOWN else f"“{lead}{piece}”"


def _when(at: str) -> str:
    """"2025-04-05T09:12:30…" → "05/04/2025 09:12"."""
    day, _, clock = at.partition("T")
    year, month, dom = day.split("-")
    return f"{dom}/{month}/{year} {clock[:5]}".strip()


def cmd_history(args) -> int:
    if args.limit < 1:
        raise UserError(f"Tham số --limit: cần một số từ 1 trở lên (đã ghi {args.limit}).")
    with open_store(args.db) as store:
        described = undo_ops.describe(store, args.limit)
    if args.json:
        emit_json(described)
        return 0
    if not described:
        emit("Chưa có thao tác nào.")
    for entry in described:
        source = f" ({entry['source']})" if entry["source"] else ""
        emit(f"#{entry['id']}  {_when(entry['at'])}  {entry['label']}{source}{_STATES.get(entry['state'], '')}")
        added_or_removed: dict[tuple[str, str], int] = {}
        for change in entry["changes"]:
            table = _TABLES.get(change["table"], change["table"])
            if change["change"] != "sửa":  # rows added or removed: counted, not listed one by one
                key = (change["change"], table)
                added_or_removed[key] = added_or_removed.get(key, 0) + 1
                continue
            for field, pair in change["fields"].items():
                emit(f"    {table}, {_FIELDS.get(field, field)}: {_pair(pair['old'], pair['new'])}")
        if added_or_removed:
            emit("    " + "; ".join(f"{verb} {n} {table}" for (verb, table), n in added_or_removed.items()))
    return 0


def _done(args, result, verb: str) -> int:
    if args.json:
        emit_json({"operation": result.op_id, "label": result.label, "changes": result.changes.to_dict()})
    else:
        emit(f"Đã {verb}: {result.label}.")
    return 0


def cmd_undo(args) -> int:
    with open_store(args.db) as store:
        result = undo_ops.undo(store, source="cli")
    return _done(args, result, "hoàn tác")


def cmd_redo(args) -> int:
    with open_store(args.db) as store:
        result = undo_ops.redo(store, source="cli")
    return _done(args, result, "làm lại")
