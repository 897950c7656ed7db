"""`parcdesk plan import FILE --year N [--into PLAN] [--keep-years] [--accept-targets] [--dry-run] [--json]`.

The file's own years are rolled forward to N ("năm 2023" → "năm 2026", timeframes re-dated,
cited documents' numbers and dates left; importer/proposals.py): `--dry-run --json` lists
each rewrite, old → new; `--keep-years` leaves them as written. Thresholds found in the task
or output text are listed as proposals; `--accept-targets` takes them all.

The file is read and understood first, without the database (`importer.analyse`); only
then is the data file opened and everything written as one operation
(`ops.plans.import_plan`: one transaction, one undo step). A file that cannot be imported
is one Vietnamese sentence on stderr, exit code 2, and the data file is never opened.
"""

from __future__ import annotations

from pathlib import Path

from parcdesk.cli.output import emit, emit_json
from parcdesk.cli.parser import record_number, year
from parcdesk.db.store import open_store
from parcdesk.importer import analyse
from parcdesk.model import LEVEL_LABELS
from parcdesk.ops import plans as plan_ops


def register(plan_commands, command) -> None:
    """Add `plan import` to the `plan` subcommands (called from cli.main.build_parser)."""
    sub = command(plan_commands, "import", "nhập kế hoạch từ phụ lục trong tệp Excel (.xlsx, .xls) hoặc Word (.docx)",
                  cmd_plan_import)
    sub.add_argument("file", metavar="TỆP", help="tệp phụ lục: .xlsx, .xls hoặc .docx")
    sub.add_argument("--year", type=year, required=True, help="năm của kế hoạch")
    sub.add_argument("--into", type=record_number, metavar="N",
                     help="nhập vào kế hoạch số N đã có (khớp mục theo mã, cập nhật phần thay đổi)")
    sub.add_argument("--title", help="tên kế hoạch (mặc định: tên ghi trong tệp)")
    sub.add_argument("--keep-years", action="store_true",
                     help="giữ nguyên các năm ghi trong tệp (mặc định: chuyển sang năm của kế hoạch)")
    sub.add_argument("--accept-targets", action="store_true",
                     help="nhận các chỉ tiêu đo được tìm thấy trong nội dung nhiệm vụ hoặc sản phẩm")
    sub.add_argument("--dry-run", action="store_true", help="chỉ đọc và báo cáo, không ghi gì vào tệp dữ liệu")
    sub.add_argument("--json", action="store_true", help="in kết quả dạng JSON")


def cmd_plan_import(args) -> int:
    preview = analyse(Path(args.file).expanduser())
    with open_store(args.db) as store:
        summary = plan_ops.import_plan(store, preview, year=args.year, into_plan_id=args.into, title=args.title,
                                       keep_years=args.keep_years, accept_targets=args.accept_targets,
                                       dry_run=args.dry_run, source="cli").value
    if args.json:
        emit_json(summary)
        return 0
    counts = ", ".join(f"{n} {LEVEL_LABELS[level].lower()}" for level, n in summary["counts"].items() if n)
    if args.dry_run:
        emit(f"Thử nhập tệp {summary['file']} (chưa ghi gì): {counts}.")
    elif args.into is not None:
        changes = summary["changes"]
        emit(f"Đã nhập vào kế hoạch số {summary['plan']}: thêm {changes['added']} mục, cập nhật "
             f"{changes['updated']} mục, {changes['unchanged']} mục không đổi.")
    else:
        emit(f"Đã tạo kế hoạch số {summary['plan']} “{summary['title']}”: {counts}.")
    for appendix in summary["appendices"]:
        emit(f"  Phụ lục “{appendix['name']}”: {appendix['rows']} dòng.")
    emit_rewrites(summary["rollforward"])
    proposals = summary["target_proposals"]
    if proposals:
        taken = sum(1 for p in proposals if p["accepted"])
        emit(f"Chỉ tiêu tìm thấy trong nội dung: {len(proposals)} mục, đã nhận {taken}"
             + ("" if taken else " (thêm --accept-targets để nhận)") + ":")
        for proposal in proposals:
            emit(f"  {proposal['where']}: {proposal['shown']}")
    for warning in summary["warnings"]:
        emit(f"Lưu ý: {warning}")
    if summary["unknown_agencies"]:
        emit("Cơ quan chưa có trong danh sách (sẽ được thêm mới): " + "; ".join(summary["unknown_agencies"]))
    return 0


def emit_rewrites(roll: dict) -> None:
    """The year rewrites of a roll-forward, old → new, as the officer reads them."""
    rewrites = roll["rewrites"]
    if not rewrites:
        return
    taken = sum(1 for r in rewrites if r.get("accepted", True))
    emit(f"Chuyển năm {roll['from_year']} → {roll['to_year']}: {taken}/{len(rewrites)} chỗ"
         + ("" if taken else " (giữ nguyên, --keep-years)") + ":")
    for rewrite in rewrites:
        emit(f"  {rewrite['where']}: “{rewrite['old']}” → “{rewrite['new']}”")
