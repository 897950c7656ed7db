"""Commands about reports and plan documents: export, edit, sign off, verify, versions, correct."""

from __future__ import annotations

from parcdesk.ops import reports as report_ops
from parcdesk.cli.output import emit, emit_json
from parcdesk.cli.parser import record_number
from parcdesk.db.plans import get_plan
from parcdesk.db import settings
from parcdesk.db.settings import find_signer
from parcdesk.db.store import open_store
from parcdesk.errors import UserError
from parcdesk.periods import parse_period
from parcdesk.report import drafts, signoff
from parcdesk.report.content import FINGERPRINT_SHOWN, format_short_date

EXIT_MISMATCH = 1
_PERIOD_HELP = "kỳ: 2025-Q1, 2025-H1, 2025-9M hoặc 2025"


def register(commands, command, plan_commands) -> None:
    """Add the `report` group and `plan export` to the parser built in cli.main."""

    def json_option(parser):
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def plan_period(parser, period_required: bool = True):
        parser.add_argument("--plan", type=record_number, required=True, help="số kế hoạch")
        parser.add_argument("--period", required=period_required, help=_PERIOD_HELP)

    export_plan = command(plan_commands, "export", "in phụ lục kế hoạch ra PDF và/hoặc Excel", cmd_plan_export)
    export_plan.add_argument("--plan", type=record_number, required=True, help="số kế hoạch")
    export_plan.add_argument("--pdf", help="tệp PDF cần ghi")
    export_plan.add_argument("--xlsx", help="tệp Excel cần ghi")
    json_option(export_plan)

    from parcdesk.cli.parser import VietnameseParser

    report = commands.add_parser("report", help="báo cáo định kỳ: xuất, soạn, chốt, kiểm tra")
    report_commands = report.add_subparsers(dest="report_command", metavar="LỆNH", required=True,
                                            parser_class=VietnameseParser)
    export = command(report_commands, "export", "xuất báo cáo của một kỳ ra PDF và/hoặc Excel", cmd_report_export)
    plan_period(export)
    export.add_argument("--pdf", help="tệp PDF cần ghi")
    export.add_argument("--xlsx", help="tệp Excel cần ghi")
    export.add_argument("--evidence", metavar="TỆP.zip",
                        help="bộ hồ sơ thẩm định: báo cáo PDF, Excel, mọi tài liệu kiểm chứng của kỳ và danh mục")
    export.add_argument("--version", type=record_number, dest="report_version", help="phiên bản đã chốt cần xuất (mặc định: mới nhất)")
    json_option(export)

    changes = command(report_commands, "changes", "những mục đã thay đổi so với báo cáo đã chốt gần nhất",
                      cmd_report_changes)
    plan_period(changes)
    json_option(changes)

    edit = command(report_commands, "edit", "soạn các phần do đơn vị viết trước khi chốt", cmd_report_edit)
    plan_period(edit)
    edit.add_argument("--results", help="kết quả đạt được (nổi bật)")
    edit.add_argument("--shortcomings", help="tồn tại, hạn chế và nguyên nhân")
    edit.add_argument("--next-tasks", help="nhiệm vụ trọng tâm kỳ tới")
    edit.add_argument("--proposals", help="đề xuất, kiến nghị")
    edit.add_argument("--number", help="số báo cáo do văn thư cấp, ví dụ 12")
    edit.add_argument("--date", help="ngày báo cáo, ví dụ 05/4/2025")
    edit.add_argument("--signer", help="người ký (họ tên trong cài đặt)")
    edit.add_argument("--addressee", help="nơi gửi (Kính gửi)")
    edit.add_argument("--recipient", action="append", help="một dòng “Nơi nhận”; lặp lại cho nhiều dòng")
    json_option(edit)

    sign = command(report_commands, "signoff", "chốt báo cáo của một kỳ (khóa số liệu)", cmd_report_signoff)
    plan_period(sign)
    sign.add_argument("--signer", help="họ tên người ký (mặc định: người ký đã chọn trong báo cáo, "
                                       "hoặc người ký duy nhất của đơn vị)")
    sign.add_argument("--position", help="chức vụ, nếu khác cài đặt (ví dụ “PHÓ CHỦ TỊCH”)")
    sign.add_argument("--authority", help="thẩm quyền ký, nếu khác cài đặt (ví dụ “KT. CHỦ TỊCH”)")
    sign.add_argument("--number", help="số báo cáo, nếu đã có")
    sign.add_argument("--date", help="ngày báo cáo, ví dụ 05/4/2025 (mặc định: ngày đã soạn, hoặc hôm nay)")
    sign.add_argument("--reason", help="lý do đính chính, khi chốt phiên bản mới")
    sign.add_argument("--pdf", help="ghi luôn bản PDF đã chốt ra tệp này")
    sign.add_argument("--xlsx", help="ghi luôn bản Excel đã chốt ra tệp này")
    json_option(sign)

    verify = command(report_commands, "verify", "kiểm tra một tệp báo cáo (PDF, Excel, bộ hồ sơ .zip): không cần "
                     "tệp dữ liệu của đơn vị", cmd_report_verify)
    verify.add_argument("file", metavar="TỆP", nargs="?", help="tệp PDF, Excel hoặc bộ hồ sơ .zip cần kiểm tra")
    verify.add_argument("--pdf", dest="pair_pdf", metavar="TỆP.pdf", help="cùng --xlsx: hai tệp có cùng một báo cáo không")
    verify.add_argument("--xlsx", dest="pair_xlsx", metavar="TỆP.xlsx", help="cùng --pdf")
    json_option(verify)

    versions = command(report_commands, "versions", "liệt kê các phiên bản đã chốt", cmd_report_versions)
    plan_period(versions, period_required=False)
    json_option(versions)

    correct = command(report_commands, "correct", "mở lại báo cáo đã chốt để lập phiên bản mới", cmd_report_correct)
    plan_period(correct)
    correct.add_argument("--reason", required=True, help="lý do đính chính")
    json_option(correct)


# ---------------------------------------------------------------- handlers

def _need_output(args) -> None:
    if not (args.pdf or args.xlsx or getattr(args, "evidence", None)):
        raise UserError("Hãy cho biết tệp cần ghi: --pdf TỆP và/hoặc --xlsx TỆP.")


def cmd_plan_export(args) -> int:
    from parcdesk.report.plan_doc import build_plan_content, render_plan_pdf, render_plan_xlsx

    _need_output(args)
    with open_store(args.db) as store:
        content = build_plan_content(store.db, args.plan)
    written = {}
    if args.pdf:
        written["pdf"] = str(signoff.write_output(args.pdf, render_plan_pdf(content)))
    if args.xlsx:
        written["xlsx"] = str(signoff.write_output(args.xlsx, render_plan_xlsx(content)))
    if args.json:
        emit_json({"plan": args.plan, **written})
    else:
        emit(f"Đã in phụ lục kế hoạch số {args.plan} ra {', '.join(written.values())}.")
    return 0


def cmd_report_export(args) -> int:
    _need_output(args)
    period = parse_period(args.period)
    from parcdesk.report.evidence_pack import build_pack

    with open_store(args.db) as store:
        rendered = signoff.report_to_export(store.db, args.plan, period.code, args.report_version)
        pack = build_pack(store, rendered.content, rendered.sha256) if args.evidence else None
    written = {}
    if args.pdf:
        written["pdf"] = str(signoff.write_output(args.pdf, rendered.pdf()))
    if args.xlsx:
        written["xlsx"] = str(signoff.write_output(args.xlsx, rendered.xlsx()))
    if pack is not None:
        written["evidence"] = str(signoff.write_output(args.evidence, pack.data))
    record = rendered.record
    if args.json:
        emit_json({"plan": args.plan, "period": period.code, "signed": record is not None,
                   "version": record.version if record else None, "sha256": rendered.sha256, **written})
    else:
        state = (f"phiên bản {record.version}, đã chốt ngày {format_short_date(record.signed_at[:10])}"
                 if record else "bản dự thảo, chưa chốt")
        emit(f"Đã xuất báo cáo {period.label} ({state}) ra {', '.join(written.values())}.")
    return 0


def cmd_report_edit(args) -> int:
    period = parse_period(args.period)
    with open_store(args.db) as store:
        db = store.db
        get_plan(db, args.plan)
        signer_id = find_signer(db, args.signer).id if args.signer else None
        draft = report_ops.save_draft(
            store, args.plan, period.code, source="cli", results=args.results, shortcomings=args.shortcomings,
            next_tasks=args.next_tasks, proposals=args.proposals, number=args.number, report_date=args.date,
            signer_id=signer_id, addressee=args.addressee, recipients=args.recipient,
        ).value
    if args.json:
        emit_json(draft.to_dict())
    else:
        emit(f"Đã lưu nội dung báo cáo {period.label} của kế hoạch số {args.plan}.")
    return 0


def _default_signer(store, plan_id: int, period: str) -> str:
    """The signer chosen in the report's draft, else the office's only signer."""
    signers = settings.load_settings(store.db).signers
    chosen = drafts.get_draft(store.db, plan_id, period).signer_id
    named = next((s.name for s in signers if s.id == chosen), None)
    if named:
        return named
    if len(signers) == 1:
        return signers[0].name
    if not signers:
        raise UserError("Đơn vị chưa có người ký; hãy ghi --signer \"Họ tên\" (kèm --position nếu cần).")
    raise UserError(f"Đơn vị có {len(signers)} người ký ({', '.join(s.name for s in signers)}); "
                    "hãy ghi --signer để chọn người ký báo cáo này.")


def cmd_report_signoff(args) -> int:
    period = parse_period(args.period)
    with open_store(args.db) as store:
        get_plan(store.db, args.plan)
        result = report_ops.sign_off(
            store, args.plan, period.code, signer=args.signer or _default_signer(store, args.plan, period.code),
            position=args.position,
            authority=args.authority, number=args.number, report_date=args.date, reason=args.reason,
            source="cli",
        ).value
    written = {}
    if args.pdf:
        written["pdf"] = str(signoff.write_output(args.pdf, result.pdf))
    if args.xlsx:
        written["xlsx"] = str(signoff.write_output(args.xlsx, result.xlsx))
    record = result.record
    if args.json:
        emit_json({**record.to_dict(), **written})
    else:
        emit(f"Đã chốt báo cáo {period.label} của kế hoạch số {args.plan}: phiên bản {record.version}, "
             f"người ký {record.signer_name}, mã xác thực {record.sha256[:FINGERPRINT_SHOWN]}.")
        if written:
            emit(f"Đã ghi {', '.join(written.values())}.")
    return 0


def cmd_report_verify(args) -> int:
    """With the file alone (the proof it carries: report/selfcheck.py); where the data file exists,
    also against the signed reports it keeps (report/signoff.py verify_file), which then decides."""
    from pathlib import Path

    from parcdesk.report import selfcheck

    if args.pair_pdf or args.pair_xlsx:
        if not (args.pair_pdf and args.pair_xlsx) or args.file:
            raise UserError("So hai tệp: “report verify --pdf TỆP.pdf --xlsx TỆP.xlsx” (không kèm tệp thứ ba).")
        verdict = selfcheck.check_pair(args.pair_pdf, args.pair_xlsx)
        return _verdict_out(args, verdict.ok, verdict.message, verdict.to_dict())
    if not args.file:
        raise UserError("Hãy cho biết tệp cần kiểm tra: “report verify TỆP”, hoặc “--pdf TỆP --xlsx TỆP”.")
    own = selfcheck.check_file(args.file)
    if own.kind == "ZIP" or not Path(args.db).expanduser().is_file():
        return _verdict_out(args, own.ok, own.message, own.to_dict())
    with open_store(args.db) as store:
        kept = signoff.verify_file(store.db, args.file)
    details = {**kept.to_dict(), "self": own.to_dict()}
    if kept.status == "match":
        return _verdict_out(args, True, kept.message, details)
    if kept.status == "altered":
        extra = f" {own.message}" if own.differences else ""
        return _verdict_out(args, False, kept.message + extra, details)
    if own.ok:  # not one of this office's reports, and sound by itself: the receiver's case
        return _verdict_out(args, True, own.message, {**own.to_dict(), "data_file": kept.to_dict()})
    return _verdict_out(args, False, f"{kept.message} {own.message}", details)


def _verdict_out(args, ok: bool, message: str, details: dict) -> int:
    if args.json:
        emit_json(details)
    else:
        emit(message)
    return 0 if ok else EXIT_MISMATCH


def cmd_report_versions(args) -> int:
    period = parse_period(args.period).code if args.period else None
    with open_store(args.db) as store:
        get_plan(store.db, args.plan)
        found = signoff.list_versions(store.db, args.plan, period)
        reopened = {}
        for record in found:
            reason = drafts.get_draft(store.db, args.plan, record.period).correction_reason
            if reason:
                reopened[record.period] = reason
    if args.json:
        emit_json({"plan": args.plan, "versions": [r.to_dict() for r in found],
                   "reopened": reopened})
        return 0
    if not found:
        emit("Chưa có báo cáo nào được chốt.")
    for record in found:
        mark = "hiện hành" if record.current else "đã thay thế"
        line = (f"{record.period_label}, phiên bản {record.version} ({mark}): {record.signer_name}, "
                f"{format_short_date(record.signed_at[:10])}, mã {record.sha256[:FINGERPRINT_SHOWN]}")
        if record.reason:
            line += f" — lý do: {record.reason}"
        emit(line)
    for period_code, reason in reopened.items():
        emit(f"{parse_period(period_code).label}: đang lập phiên bản mới (lý do: {reason}).")
    return 0


def cmd_report_correct(args) -> int:
    period = parse_period(args.period)
    with open_store(args.db) as store:
        latest = report_ops.open_correction(store, args.plan, period.code, args.reason, source="cli").value
    if args.json:
        emit_json({"plan": args.plan, "period": period.code, "reopened_from": latest.version,
                   "reason": args.reason})
    else:
        emit(f"Đã mở lại báo cáo {period.label} để lập phiên bản {latest.version + 1}; "
             "sửa số liệu rồi chốt lại bằng lệnh “report signoff”.")
    return 0



def cmd_report_changes(args) -> int:
    from parcdesk.report.changes import changes_since_signed

    with open_store(args.db) as store:
        get_plan(store.db, args.plan)
        found = changes_since_signed(store.db, args.plan, args.period)
    if args.json:
        emit_json(found)
        return 0
    baseline = found["baseline"]
    if baseline is None:
        emit("Chưa có báo cáo nào đã chốt trong năm để so sánh.")
        return 0
    emit(f"So với báo cáo {baseline['period_label']} (phiên bản {baseline['version']}): "
         f"{len(found['items'])} mục thay đổi.")
    for item in found["items"]:
        emit(f"{item['code']} {item['title'][:70]}")
        for change in item["changes"]:
            emit(f"  {change['label']}: {change['old_text']} → {change['new_text']}")
    return 0
