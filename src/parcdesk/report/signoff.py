"""Sign-off ("Chốt báo cáo"): a period's report frozen, fingerprinted, versioned, verifiable.

Signing off stores the report's whole content (every figure and text in it) as JSON with
its SHA-256, the signer and the time, and the SHA-256 of the PDF and Excel files exported
from it. From then on the period is read-only: `ensure_period_open` refuses any change.
A correction is a new version, opened only with a stated reason; every version is kept.
Exporting a signed report renders the frozen content again, so the files come out the
same; `verify_file` tells whether a file is one of them.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import sqlite_utils

from parcdesk.db import history
from parcdesk.db import reports as report_store
from parcdesk.db.connection import transaction
from parcdesk.db.history import now_iso
from parcdesk.db.locks import locked_report, record_items_shown
from parcdesk.db.plans import get_plan
from parcdesk.db.reports import SignedReport
from parcdesk.db.settings import find_signer
from parcdesk.errors import UserError
from parcdesk.model import default_authority
from parcdesk.periods import parse_period
from parcdesk.report.content import (
    FINGERPRINT_SHOWN, ReportContent, build_report_content, fingerprint, format_short_date, vi_upper,
)
from parcdesk.report.drafts import SECTION_KEYS, SECTION_LABELS, get_draft, set_correction_reason
from parcdesk.report.proof import PROOF_SHEET
from parcdesk.report.snapshot import read_content
from parcdesk.text import clean

_FINGERPRINT_RE = re.compile(rb"parcdesk-sha256:([0-9a-f]{64})")


@dataclass
class SignOff:
    record: SignedReport
    pdf: bytes
    xlsx: bytes


# ---------------------------------------------------------------- reading

def signed_versions(db: sqlite_utils.Database, plan_id: int, period: str) -> list[SignedReport]:
    """Every signed version of the plan's report for the period, oldest first."""
    return report_store.signed_versions(db, plan_id, parse_period(period).code)


def list_versions(db: sqlite_utils.Database, plan_id: int, period: str | None = None) -> list[SignedReport]:
    if period is not None:
        return signed_versions(db, plan_id, period)
    return report_store.signed_of_plan(db, plan_id)


def current_version(db: sqlite_utils.Database, plan_id: int, period: str) -> SignedReport | None:
    versions = signed_versions(db, plan_id, period)
    return versions[-1] if versions else None


def is_period_locked(db: sqlite_utils.Database, plan_id: int, period: str) -> bool:
    """True while the period's report is signed off and no correction has been opened."""
    return locked_report(db, plan_id, parse_period(period).code) is not None


def _ensure_not_signed(db: sqlite_utils.Database, plan_id: int, period: str) -> None:
    latest = locked_report(db, plan_id, period)
    if latest is not None:
        raise UserError(
            f"Báo cáo {parse_period(period).label} của kế hoạch số {plan_id} đã chốt (phiên bản {latest.version}, "
            f"ngày {format_short_date(latest.signed_at[:10])}); muốn sửa phải lập phiên bản mới kèm lý do."
        )


def _checked_content(record: SignedReport) -> ReportContent:
    """The signed content, its fingerprint checked over the JSON as stored, then read (and upgraded
    if it is of an older format: report/snapshot.py)."""
    stored = json.loads(record.snapshot)
    what = f"Bản chốt phiên bản {record.version} của báo cáo {record.period_label}"
    if fingerprint(stored) != record.sha256:
        raise UserError(
            f"{what} trong tệp dữ liệu không còn khớp mã xác thực của nó (tệp dữ liệu đã bị sửa ngoài chương trình)."
        )
    return read_content(stored, what)


# ---------------------------------------------------------------- signing off

def _resolve_signer(db: sqlite_utils.Database, name: str, position: str | None, authority: str | None) -> dict:
    name = clean(name)
    if not name:
        raise UserError("Chốt báo cáo cần họ tên người ký.")
    try:
        known = find_signer(db, name)
        signer = {"name": known.name, "position": known.position, "authority": known.authority}
    except UserError:
        if not position:
            raise
        signer = {"name": name, "position": "", "authority": ""}
    if position:
        signer["position"] = vi_upper(position)
    if authority:
        signer["authority"] = vi_upper(authority)
    if not signer["authority"]:
        signer["authority"] = default_authority(signer["position"])
    return signer


def sign_off(
    db: sqlite_utils.Database,
    plan_id: int,
    period: str,
    *,
    signer: str,
    position: str | None = None,
    authority: str | None = None,
    number: str | None = None,
    report_date: date | str | None = None,
    reason: str | None = None,
    source: str = "",
) -> SignOff:
    """Freeze the period's report as it stands now; a second sign-off needs an opened correction
    (or `reason`) and becomes the next version."""
    from parcdesk.report.pdf import render_report_pdf
    from parcdesk.report.xlsx import render_report_xlsx

    period = parse_period(period).code
    plan = get_plan(db, plan_id)
    versions = signed_versions(db, plan_id, period)
    draft = get_draft(db, plan_id, period)
    reason = clean(reason) or clean(draft.correction_reason) or None
    if versions and not reason:
        _ensure_not_signed(db, plan_id, period)  # raises: signed, nothing reopened
    if versions and not clean(reason):
        raise UserError("Lập phiên bản mới của báo cáo đã chốt phải ghi rõ lý do.")
    who = _resolve_signer(db, signer, position, authority)
    content = build_report_content(db, plan_id, period, signer=who, report_date=report_date, number=number)
    missing = [SECTION_LABELS[key] for key in SECTION_KEYS if not content["sections"][key]]
    if missing:
        raise UserError(
            f"Chưa chốt được: báo cáo còn thiếu phần {', '.join(f'“{m}”' for m in missing)}; "
            "nếu không có nội dung, hãy ghi “Không có.”"
        )
    previous = versions[-1] if versions else None
    signed_at = now_iso()
    content["signoff"] = {
        "version": (previous.version + 1) if previous else 1,
        "signed_at": signed_at,
        "reason": reason if previous else None,
        "replaces": ({"version": previous.version, "sha256": previous.sha256, "signed_at": previous.signed_at}
                     if previous else None),
    }
    sha = fingerprint(content)
    pdf = render_report_pdf(content, sha)
    xlsx = render_report_xlsx(content, sha, pdf_sha256=hashlib.sha256(pdf).hexdigest())
    with transaction(db):
        record_id = report_store.insert_signed_report(
            db, plan_id=plan_id, plan_created_at=plan.created_at, period=period,
            version=content["signoff"]["version"], snapshot=json.dumps(content, ensure_ascii=False, sort_keys=True),
            sha256=sha, pdf_sha256=hashlib.sha256(pdf).hexdigest(), xlsx_sha256=hashlib.sha256(xlsx).hexdigest(),
            signer=who, signed_at=signed_at, reason=content["signoff"]["reason"])
        record_items_shown(db, record_id, [row["id"] for row in content["appendix"]["rows"]])
        if draft.correction_reason is not None:  # the correction is done: the period is read-only again
            set_correction_reason(db, plan_id, period, None)
        history.record(db, entity="report", entity_id=plan_id, field=f"{period}:signoff",
                       new={"version": content["signoff"]["version"], "sha256": sha, "signer": who["name"],
                            "reason": content["signoff"]["reason"]},
                       plan_id=plan_id, source=source)
    record = next(r for r in signed_versions(db, plan_id, period) if r.id == record_id)
    return SignOff(record=record, pdf=pdf, xlsx=xlsx)


def open_correction(db: sqlite_utils.Database, plan_id: int, period: str, reason: str,
                    source: str = "") -> SignedReport:
    """Reopen a signed period so that its figures can be corrected; the next sign-off is a new version."""
    period = parse_period(period).code
    get_plan(db, plan_id)
    latest = current_version(db, plan_id, period)
    label = parse_period(period).label
    if latest is None:
        raise UserError(f"Báo cáo {label} của kế hoạch số {plan_id} chưa chốt; cứ sửa số liệu rồi chốt, không cần lập phiên bản mới.")
    reason = clean(reason)
    if not reason:
        raise UserError("Lập phiên bản mới của báo cáo đã chốt phải ghi rõ lý do.")
    draft = get_draft(db, plan_id, period)
    if draft.correction_reason is not None:
        raise UserError(
            f"Báo cáo {label} đang được lập phiên bản mới (lý do: {draft.correction_reason}); "
            "hãy chốt phiên bản đó trước."
        )
    with transaction(db):
        set_correction_reason(db, plan_id, period, reason)
        history.record(db, entity="report", entity_id=plan_id, field=f"{period}:correction", new=reason,
                       plan_id=plan_id, source=source)
    return latest


# ---------------------------------------------------------------- exporting

@dataclass
class Rendered:
    content: ReportContent
    sha256: str | None  # None for a draft
    record: SignedReport | None

    def pdf(self) -> bytes:
        from parcdesk.report.pdf import render_report_pdf

        return render_report_pdf(self.content, self.sha256)

    def xlsx(self) -> bytes:
        from parcdesk.report.xlsx import render_report_xlsx

        return render_report_xlsx(self.content, self.sha256)


def report_to_export(db: sqlite_utils.Database, plan_id: int, period: str, version: int | None = None) -> Rendered:
    """The signed version asked for, else the current signed one, else (or while a correction is
    open) the draft as it stands now."""
    period = parse_period(period).code
    get_plan(db, plan_id)
    versions = signed_versions(db, plan_id, period)
    if version is not None:
        chosen = next((v for v in versions if v.version == version), None)
        if chosen is None:
            raise UserError(f"Báo cáo {parse_period(period).label} của kế hoạch số {plan_id} không có phiên bản {version}.")
        return Rendered(_checked_content(chosen), chosen.sha256, chosen)
    if versions and get_draft(db, plan_id, period).correction_reason is None:
        return Rendered(_checked_content(versions[-1]), versions[-1].sha256, versions[-1])
    return Rendered(build_report_content(db, plan_id, period), None, None)


def write_output(path: str | Path, data: bytes) -> Path:
    """Write through a temporary file, so a failure never leaves half a report behind."""
    path = Path(path).expanduser()
    partial = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        partial.replace(path)
    except PermissionError as exc:
        _discard(partial)
        raise UserError(
            f"Không ghi được tệp {path}: tệp đang mở trong chương trình khác hoặc thư mục không cho phép ghi."
        ) from exc
    except OSError as exc:
        _discard(partial)
        reason = "ổ đĩa đã đầy" if getattr(exc, "errno", None) == 28 else (exc.strerror or str(exc))
        raise UserError(f"Không ghi được tệp {path}: {reason}.") from exc
    return path


def _discard(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


# ---------------------------------------------------------------- verifying

@dataclass
class Verdict:
    status: str  # "match", "altered" or "unknown"
    message: str
    record: SignedReport | None = None
    kind: str = ""  # "PDF" or "Excel"

    @property
    def ok(self) -> bool:
        return self.status == "match"

    def to_dict(self) -> dict:
        return {"status": self.status, "message": self.message, "kind": self.kind,
                "report": self.record.to_dict() if self.record else None}


def _describe(record: SignedReport) -> str:
    return (f"báo cáo {record.period_label} của kế hoạch số {record.plan_id}, phiên bản {record.version}, "
            f"do {record.signer_name} chốt ngày {format_short_date(record.signed_at[:10])}")


def _embedded_fingerprint(data: bytes) -> str | None:
    found = _FINGERPRINT_RE.search(data)
    if found:
        return found.group(1).decode()
    if data.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for name in ("docProps/core.xml", "docProps/custom.xml"):
                    if name in archive.namelist():
                        found = _FINGERPRINT_RE.search(archive.read(name))
                        if found:
                            return found.group(1).decode()
        except zipfile.BadZipFile:
            return None
    return None


def _same_cells(data: bytes, expected: bytes) -> bool:
    """Two workbooks with the same sheets and the same values in every cell."""
    from openpyxl import load_workbook

    try:
        given = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - anything openpyxl cannot read is simply not a match
        return False
    wanted = load_workbook(io.BytesIO(expected), read_only=True, data_only=False)
    # the proof sheet (report/proof.py) is not compared: files exported before it existed still match
    names = [name for name in wanted.sheetnames if name != PROOF_SHEET]
    if [name for name in given.sheetnames if name != PROOF_SHEET] != names:
        return False
    for name in names:
        if _values(given[name]) != _values(wanted[name]):
            return False
    return True


def _values(sheet) -> list[tuple]:
    """Cell values row by row, without the empty cells a program may add at the ends."""
    rows = []
    for row in sheet.iter_rows(values_only=True):
        values = list(row)
        while values and values[-1] in (None, ""):
            values.pop()
        rows.append(tuple(values))
    while rows and not rows[-1]:
        rows.pop()
    return rows


def verify_file(db: sqlite_utils.Database, path: str | Path) -> Verdict:
    """Whether a PDF or Excel file is an export of a signed-off report kept in this data file."""
    path = Path(path).expanduser()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"Không tìm thấy tệp {path}.") from None
    except IsADirectoryError:
        raise UserError(f"{path} là một thư mục, không phải tệp báo cáo.") from None
    except OSError as exc:
        raise UserError(f"Không đọc được tệp {path}: {exc.strerror or exc}.") from exc
    kind = "PDF" if data.startswith(b"%PDF") else "Excel" if data.startswith(b"PK") else ""
    digest = hashlib.sha256(data).hexdigest()
    records = report_store.signed_with_file(db, digest)
    if records:
        return _matched(path, records[0], kind)
    claimed = _embedded_fingerprint(data)
    if claimed is None:
        return Verdict("unknown", f"Không khớp: tệp {path.name} không trùng với báo cáo đã chốt nào trong tệp dữ liệu này.",
                       kind=kind)
    records = report_store.signed_with_fingerprint(db, claimed)
    if not records:
        return Verdict("unknown", f"Không khớp: tệp {path.name} mang mã xác thực {claimed[:FINGERPRINT_SHOWN]} "
                                  "nhưng tệp dữ liệu này không có báo cáo đã chốt nào mang mã đó.", kind=kind)
    record = records[0]
    rendered = Rendered(_checked_content(record), record.sha256, record)
    if kind == "PDF" and hashlib.sha256(rendered.pdf()).hexdigest() == digest:
        return _matched(path, record, kind)
    if kind == "Excel" and _same_cells(data, rendered.xlsx()):
        return _matched(path, record, kind, " (nội dung mọi ô khớp; tệp đã được lưu lại bằng chương trình khác)")
    return Verdict("altered", f"Đã bị sửa: tệp {path.name} mang mã xác thực của {_describe(record)}, "
                              "nhưng nội dung không còn khớp với bản đã chốt.", record, kind)


def _matched(path: Path, record: SignedReport, kind: str, note: str = "") -> Verdict:
    message = f"Khớp: tệp {path.name} là bản {kind} của {_describe(record)}; mã xác thực {record.sha256[:FINGERPRINT_SHOWN]}{note}."
    if not record.current:
        message += " Lưu ý: phiên bản này đã được thay thế bằng phiên bản mới hơn."
    return Verdict("match", message, record, kind)
