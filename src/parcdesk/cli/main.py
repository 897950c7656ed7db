"""`parcdesk`: the command line over the same core the window uses.

Machine-readable output is JSON on stdout; every error is one Vietnamese line on
stderr with exit code 2. A bug's traceback goes to the log file, never to the screen.
"""

from __future__ import annotations

import argparse
import sys

from parcdesk import __version__
from parcdesk.cli import consolidate, evidence, history, imports, items, office, overview, plans, reports
from parcdesk.cli.parser import VietnameseParser, record_number, year
from parcdesk.errors import UserError
from parcdesk.paths import default_data_path
from parcdesk.statuses import STATUSES

EXIT_ERROR = 2


def _db_option(parser: argparse.ArgumentParser, top: bool = False) -> None:
    # --db is accepted before or after the subcommand ("parcdesk demo --db F").
    parser.add_argument(
        "--db", default=str(default_data_path()) if top else argparse.SUPPRESS,
        help="tệp dữ liệu của đơn vị (mặc định: %(default)s)" if top else "tệp dữ liệu của đơn vị",
    )


def _json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")


def build_parser() -> VietnameseParser:
    parser = VietnameseParser(prog="parcdesk", description="ParcDesk – theo dõi kế hoạch cải cách hành chính cấp xã.")
    _db_option(parser, top=True)
    parser.add_argument("--version", action="version", version=f"ParcDesk {__version__}",
                        help="hiện phiên bản rồi thoát")
    parser.add_argument("--smoke", action="store_true",
                        help="tự kiểm tra chương trình (dữ liệu tạm, cửa sổ ẩn, xuất PDF và Excel) rồi thoát")
    parser.add_argument("--tong-hop", dest="consolidation_book", metavar="TỆP",
                        help="mở cửa sổ tổng hợp báo cáo các xã, phường (cơ quan cấp trên) trên tệp tổng hợp này")
    # the benchmark's start-to-window figure: open the window as usual, quit after its first paint
    parser.add_argument("--smoke-start", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=VietnameseParser)

    def command(parent, name: str, help_text: str, handler):
        sub = parent.add_parser(name, help=help_text, description=help_text)
        _db_option(sub)
        sub.set_defaults(handler=handler)
        return sub

    init = command(commands, "init", "khởi tạo hoặc cập nhật cài đặt của đơn vị", office.cmd_init)
    init.add_argument("--unit", help="tên đơn vị, ví dụ “UBND thị trấn Ia Kha”")
    init.add_argument("--kind", help="loại đơn vị: xã, phường hoặc thị trấn")
    init.add_argument("--superior", help="cơ quan cấp trên nhận báo cáo, ví dụ “UBND huyện Ia Grai”")
    init.add_argument("--place", help="địa danh ghi ở dòng ngày tháng, ví dụ “Ia Kha”")
    init.add_argument("--deadline-day", type=int, help="ngày hạn báo cáo trong tháng cuối kỳ (mặc định 15)")
    init.add_argument("--signer", help="họ tên người ký")
    init.add_argument("--position", help="chức vụ người ký, ví dụ “CHỦ TỊCH”")
    init.add_argument("--authority", help="thẩm quyền ký, ví dụ “TM. ỦY BAN NHÂN DÂN”")
    _json_option(init)

    plan = commands.add_parser("plan", help="kế hoạch: tạo, liệt kê, xem")
    plan_commands = plan.add_subparsers(dest="plan_command", metavar="LỆNH", required=True,
                                        parser_class=VietnameseParser)
    new = command(plan_commands, "new", "tạo kế hoạch mới", plans.cmd_plan_new)
    new.add_argument("--year", type=year, required=True, help="năm của kế hoạch")
    origin = new.add_mutually_exclusive_group()
    origin.add_argument("--template", default="par-xa", help="mẫu có sẵn (mặc định: par-xa)")
    origin.add_argument("--from", dest="source_plan", type=record_number, help="tạo từ kế hoạch năm trước số N")
    origin.add_argument("--empty", action="store_true", help="kế hoạch trống")
    new.add_argument("--title", help="tên kế hoạch")
    new.add_argument("--keep-years", action="store_true",
                     help="với --from: giữ nguyên các năm ghi trong kế hoạch cũ (mặc định: chuyển sang năm mới)")
    new.add_argument("--dry-run", action="store_true",
                     help="với --from: chỉ liệt kê các chỗ sẽ đổi năm, không tạo kế hoạch")
    new.add_argument("--next-target", action="append", metavar="MÃ=GIÁ_TRỊ",
                     help="với --from: chỉ tiêu năm mới của một mục thay cho giá trị đề xuất, "
                          "ví dụ “TCTP 3.4.2=99” (ghi nhiều lần cho nhiều mục)")
    _json_option(new)
    listing = command(plan_commands, "list", "liệt kê các kế hoạch", plans.cmd_plan_list)
    _json_option(listing)
    show = command(plan_commands, "show", "xem cây kế hoạch", plans.cmd_plan_show)
    show.add_argument("--plan", type=record_number, required=True, help="số kế hoạch")
    _json_option(show)
    plan_edit = command(plan_commands, "edit", "sửa thông tin của kế hoạch (số, ngày, tên, căn cứ)",
                        plans.cmd_plan_edit)
    plan_edit.add_argument("--plan", type=int, required=True, help="số kế hoạch")
    plan_edit.add_argument("--title", help="tên kế hoạch")
    plan_edit.add_argument("--number", help="số kế hoạch do văn thư cấp, ví dụ 15/KH-UBND")
    plan_edit.add_argument("--issued", help="ngày ban hành, ví dụ 10/01/2025")
    plan_edit.add_argument("--appendix-title", help="tên phụ lục")
    plan_edit.add_argument("--basis", action="append", metavar="CĂN_CỨ",
                           help="một dòng căn cứ; lặp lại cho nhiều dòng (thay cả danh sách)")
    _json_option(plan_edit)
    plan_delete = command(plan_commands, "delete", "xóa một kế hoạch (chưa có báo cáo chốt)", plans.cmd_plan_delete)
    plan_delete.add_argument("--plan", type=int, required=True, help="số kế hoạch")
    _json_option(plan_delete)
    imports.register(plan_commands, command)  # plan import
    reports.register(commands, command, plan_commands)  # plan export, report …

    progress = commands.add_parser("progress", help="tiến độ thực hiện theo kỳ")
    progress_commands = progress.add_subparsers(dest="progress_command", metavar="LỆNH", required=True,
                                                parser_class=VietnameseParser)
    set_ = command(progress_commands, "set", "ghi tiến độ của một mục trong một kỳ", plans.cmd_progress_set)
    set_.add_argument("--plan", type=record_number, required=True, help="số kế hoạch")
    set_.add_argument("--item", required=True, help="mã mục, ví dụ “TC 1.1”, “III/2” hoặc “#15”")
    set_.add_argument("--period", required=True, help="kỳ: 2025-Q1, 2025-H1, 2025-9M hoặc 2025")
    set_.add_argument("--status", choices=STATUSES, help="trạng thái")
    set_.add_argument("--value", help="giá trị thực tế, ví dụ 97,5")
    set_.add_argument("--result", help="kết quả thực hiện")
    set_.add_argument("--difficulties", help="khó khăn, vướng mắc")
    set_.add_argument("--proposals", help="đề xuất, kiến nghị")
    show_progress = command(progress_commands, "show", "xem tiến độ của kế hoạch trong một kỳ",
                            plans.cmd_progress_show)
    show_progress.add_argument("--plan", type=record_number, required=True, help="số kế hoạch")
    show_progress.add_argument("--period", required=True, help="kỳ: 2025-Q1, 2025-H1, 2025-9M hoặc 2025")
    _json_option(show_progress)
    carry = command(progress_commands, "carry", "chép tiến độ của kỳ trước sang kỳ sau (kỳ cộng dồn)",
                    plans.cmd_progress_carry)
    carry.add_argument("--plan", type=record_number, required=True, help="số kế hoạch")
    carry.add_argument("--from", dest="from_period", required=True, help="kỳ chép từ, ví dụ 2026-Q1")
    carry.add_argument("--to", dest="to_period", required=True, help="kỳ chép sang, ví dụ 2026-H1")
    carry.add_argument("--item", help="chỉ chép một mục (mã mục, ví dụ “TCTP 2.1.3” hoặc “#15”)")
    _json_option(carry)

    search = command(commands, "search", "tìm kiếm không cần dấu", office.cmd_search)
    search.add_argument("query", metavar="TỪ_KHÓA", help="từ cần tìm, có dấu hoặc không dấu")
    search.add_argument("--plan", type=record_number, help="chỉ tìm trong kế hoạch số N")
    _json_option(search)

    agency = commands.add_parser("agency", help="danh sách cơ quan, ban ngành")
    agency_commands = agency.add_subparsers(dest="agency_command", metavar="LỆNH", required=True,
                                            parser_class=VietnameseParser)
    agency_list = command(agency_commands, "list", "liệt kê cơ quan và các cách viết", office.cmd_agency_list)
    _json_option(agency_list)
    merge = command(agency_commands, "merge", "gộp hai cách viết của một cơ quan", office.cmd_agency_merge)
    merge.add_argument("keep", metavar="TÊN_GIỮ", help="tên giữ lại")
    merge.add_argument("merge", metavar="TÊN_GỘP", help="tên gộp vào tên giữ lại")
    rename = command(agency_commands, "rename", "đổi tên một cơ quan", office.cmd_agency_rename)
    rename.add_argument("--agency", required=True, metavar="TÊN", help="tên hiện nay (hoặc một cách viết)")
    rename.add_argument("--to", required=True, metavar="TÊN", help="tên mới")
    alias = command(agency_commands, "alias", "thêm một cách viết khác của cơ quan", office.cmd_agency_alias)
    alias.add_argument("--agency", required=True, metavar="TÊN", help="tên cơ quan")
    alias.add_argument("--alias", required=True, metavar="CÁCH_VIẾT", help="cách viết khác, ví dụ “VP-TK”")

    items.register(commands, command)  # item add|edit|move|delete
    evidence.register(commands, command)  # evidence add|list|remove
    overview.register(commands, command)  # overview
    history.register(commands, command)  # history, undo, redo
    consolidate.register(commands)  # the superior body's mode: no office data file

    check = command(commands, "check", "kiểm tra tính toàn vẹn của tệp dữ liệu", office.cmd_check)
    _json_option(check)
    backup = command(commands, "backup", "sao lưu tệp dữ liệu", office.cmd_backup)
    backup.add_argument("--to", required=True, help="thư mục chứa bản sao lưu")
    _json_option(backup)
    demo = command(commands, "demo", "tạo tệp dữ liệu mẫu để làm quen", office.cmd_demo)
    _json_option(demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    try:
        args = build_parser().parse_args(argv)
        if args.smoke:
            from parcdesk.smoke import main as smoke_main

            return smoke_main()
        if getattr(args, "handler", None) is None and args.consolidation_book:
            from parcdesk.ui.consolidation_window import run_consolidation

            return run_consolidation(args.consolidation_book)
        if getattr(args, "handler", None) is None:
            return open_window(args)
        return args.handler(args)
    except UserError as err:
        print(str(err), file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # the reader (| head) stopped listening: not an error of ours
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return EXIT_ERROR
    except Exception:
        from parcdesk.logs import log_bug

        log_file = log_bug()
        print(f"Lỗi không mong muốn của chương trình; chi tiết đã ghi vào {log_file}.", file=sys.stderr)
        return EXIT_ERROR


def open_window(args) -> int:
    try:
        from parcdesk.ui.app import run_app
    except ImportError as exc:  # Qt's libraries missing on this machine (the window exists in every build)
        raise UserError(f"Không mở được cửa sổ chương trình: máy thiếu thư viện giao diện ({exc}); "
                        "các lệnh vẫn dùng được (xem “parcdesk --help”).") from None
    return run_app(args.db, exit_when_shown=getattr(args, "smoke_start", False))
