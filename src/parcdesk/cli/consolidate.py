"""`parcdesk consolidate`: the superior body adds up many communes' report files, with no commune
data file (consolidate/). `--tong-hop FILE` keeps the work in a consolidation file; without it the
run is one-off (in memory)."""

from __future__ import annotations

from parcdesk.cli.output import emit, emit_json
from parcdesk.cli.values import parse_date
from parcdesk.errors import UserError


def register(commands) -> None:
    sub = commands.add_parser("consolidate", help="tổng hợp báo cáo của các xã, phường (cơ quan cấp trên)",
                              description="Tổng hợp báo cáo của các xã, phường: không cần tệp dữ liệu của đơn vị.")
    sub.add_argument("paths", nargs="*", metavar="TỆP_HOẶC_THƯ_MỤC", help="các tệp báo cáo nhận được, hoặc thư mục chứa chúng")
    sub.add_argument("--period", help="kỳ tổng hợp: 2026-Q1, 2026-H1, 2026-9M hoặc 2026")
    sub.add_argument("--expected", metavar="DANH_SÁCH", help="danh sách đơn vị (.xlsx hoặc .txt; tên khác sau dấu ;)")
    sub.add_argument("--deadline", help="hạn gửi báo cáo, ví dụ 15/03/2026 (mặc định: ngày 15 tháng cuối kỳ)")
    sub.add_argument("--tong-hop", dest="book", metavar="TỆP", help="tệp tổng hợp để lưu lại (mặc định: không lưu)")
    body = sub.add_argument_group("cơ quan tổng hợp (lưu trong tệp tổng hợp: chỉ cần nhập một lần)")
    body.add_argument("--issuer", help="cơ quan tổng hợp, ví dụ “Sở Nội vụ”")
    body.add_argument("--issuer-parent", help="cơ quan chủ quản, ví dụ “UBND tỉnh Gia Lai”")
    body.add_argument("--place", help="địa danh ở dòng ngày tháng, ví dụ “Gia Lai”")
    body.add_argument("--addressee", help="nơi gửi (Kính gửi), mặc định là cơ quan chủ quản")
    body.add_argument("--authority", help="thẩm quyền ký, ví dụ “KT. GIÁM ĐỐC”")
    body.add_argument("--position", help="chức vụ người ký, ví dụ “PHÓ GIÁM ĐỐC” (không có: để trống, ghi tay)")
    body.add_argument("--signer", help="họ tên người ký")
    body.add_argument("--recipient", dest="recipients", action="append", metavar="NƠI_NHẬN",
                      help="một nơi nhận (lặp lại cho mỗi nơi), ví dụ “Như trên”, “Lưu: VT, CCHC”")
    sub.add_argument("--xlsx", help="tệp Excel tổng hợp cần ghi")
    sub.add_argument("--pdf", help="báo cáo tổng hợp PDF cần ghi")
    sub.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    sub.set_defaults(handler=cmd_consolidate)


def cmd_consolidate(args) -> int:
    from parcdesk.consolidate import intake
    from parcdesk.consolidate.export_pdf import render_consolidation_pdf
    from parcdesk.consolidate.export_xlsx import render_consolidation_xlsx
    from parcdesk.consolidate.figures import consolidate
    from parcdesk.consolidate.units import read_expected
    from parcdesk.db.consolidation import open_consolidation
    from parcdesk.report.signoff import write_output

    db = open_consolidation(args.book)
    try:
        intake.set_settings(db, period=args.period, deadline=parse_date(args.deadline, "--deadline") if args.deadline else None,
                            **{key: getattr(args, key) for key in intake.BODY_SETTINGS})
        intake.period_of(db)
        if args.expected:
            intake.set_expected(db, read_expected(args.expected))
        if not args.paths and args.book is None:
            raise UserError("Hãy cho biết các tệp báo cáo hoặc thư mục cần tổng hợp.")
        results = intake.receive(db, args.paths) if args.paths else []
        view = consolidate(db)
        written = {}
        if args.xlsx:
            written["xlsx"] = str(write_output(args.xlsx, render_consolidation_xlsx(view)))
        if args.pdf:
            written["pdf"] = str(write_output(args.pdf, render_consolidation_pdf(view)))
    finally:
        db.conn.close()
    if args.json:
        emit_json({**view.to_dict(), "this_run": [r.to_dict() for r in results], **written})
        return 0
    for result in results:
        mark = {"accepted": "Nhận", "refused": "TỪ CHỐI", "replaced": "Bản cũ"}[result.outcome]
        emit(f"{mark} {result.file_name}: {result.reason}")
    expected = sum(1 for u in view.units if u.expected)
    emit(f"Đã nhận báo cáo {view.period_label} của {len(view.sent)}" + (f"/{expected}" if expected else "")
         + " đơn vị.")
    if view.missing:
        emit("Chưa gửi: " + ", ".join(u.name for u in view.missing) + ".")
    for unit in view.invalid:
        emit(f"Gửi tệp không hợp lệ: {unit.name} — {unit.refused}")
    if written:
        emit(f"Đã ghi {', '.join(written.values())}.")
    return 0
