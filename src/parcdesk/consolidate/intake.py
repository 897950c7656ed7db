"""Receiving files: each one checked, then accepted or refused with its reason, and recorded.

The operations on a consolidation file (each one transaction): `set_settings` (period, deadline,
the issuing body), `set_expected` (the list of units) and `receive` (files or folders). A file
is refused, with one Vietnamese sentence, when it is not a ParcDesk report, was altered after
export, is a draft, is of another period, comes from a unit not on the list, is a duplicate, or
is a PDF that is not the one its Excel file names. A higher version of the same unit's report
for the same plan replaces the earlier one (both rows stay; the earlier is "replaced").

Excel files are read first (they carry the PDF's hash), older versions before newer; an Excel
file's cells are checked against the digest its proof recorded, and compared cell by cell only
when that fails (to name the cells): report/selfcheck.py. A PDF that an accepted Excel file names
is accepted by its hash alone; any other PDF is rendered again and compared byte for byte.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

import sqlite_utils

from parcdesk.consolidate.units import ExpectedUnit, keyed, unit_key
from parcdesk.db import consolidation as store
from parcdesk.db.connection import transaction
from parcdesk.errors import UserError
from parcdesk.periods import parse_period
from parcdesk.report.content import format_short_date
from parcdesk.report.proof import read_pdf_proof, read_xlsx
from parcdesk.report.evidence_pack import verify_pack
from parcdesk.report.selfcheck import SelfVerdict, check_bytes, describe, kind_of
from parcdesk.report.drafts import normalise_recipients
from parcdesk.text import clean

SKIPPED_NAMES = ("~$", ".~lock", "Thumbs.db", "desktop.ini", ".DS_Store")


@dataclass
class Received:
    id: int
    file_name: str
    outcome: str  # "accepted", "refused", "replaced"
    reason: str
    unit_name: str = ""
    role: str = "report"

    def to_dict(self) -> dict:
        return {"file": self.file_name, "outcome": self.outcome, "reason": self.reason, "unit": self.unit_name,
                "role": self.role}


# ---------------------------------------------------------------- settings

# the superior body's details, set once and kept in the consolidation file: the PDF's header, dateline,
# addressee, signature block and recipients (consolidate/export_pdf.py)
BODY_SETTINGS = ("issuer", "issuer_parent", "place", "addressee", "authority", "position", "signer", "recipients")


def set_settings(db: sqlite_utils.Database, *, period: str | None = None, deadline: date | None = None,
                 **body: str | list[str] | None) -> None:
    """`body`: any of BODY_SETTINGS (None: left as it is; recipients one a line, or a list)."""
    with transaction(db):
        if period is not None:
            code = parse_period(period).code
            old = store.get_meta(db).get("period")
            if old and old != code and store.received_rows(db):
                raise UserError(f"Tệp tổng hợp này đã nhận báo cáo {parse_period(old).label}; "
                                "hãy mở một tệp tổng hợp mới cho kỳ khác.")
            store.set_meta(db, "period", code)
        if deadline is not None:
            store.set_meta(db, "deadline", deadline.isoformat())
        for key, value in body.items():
            if key not in BODY_SETTINGS:
                raise TypeError(f"unknown setting {key}")
            if value is None:
                continue
            if key == "recipients":  # "- Như trên;" typed as it is printed, one a line: kept bare
                store.set_meta(db, key, "\n".join(normalise_recipients(value)))
            else:
                store.set_meta(db, key, clean(str(value)))


def period_of(db: sqlite_utils.Database) -> str:
    period = store.get_meta(db).get("period")
    if not period:
        raise UserError("Hãy chọn kỳ báo cáo cần tổng hợp trước (ví dụ 2026-Q1).")
    return period


def deadline_of(db: sqlite_utils.Database) -> date:
    """The set deadline, else the 15th of the period's last month (the plans' "trước ngày 15 tháng cuối quý")."""
    meta = store.get_meta(db)
    if meta.get("deadline"):
        return date.fromisoformat(meta["deadline"])
    end = parse_period(period_of(db)).end
    return date(end.year, end.month, 15)


def set_expected(db: sqlite_utils.Database, units: list[ExpectedUnit]) -> int:
    rows = keyed(units)
    with transaction(db):
        store.replace_units(db, rows)
    return len(rows)


# ---------------------------------------------------------------- receiving

def expand(paths: list[str | Path]) -> list[tuple[Path, str]]:
    """(file, the name it is shown under): files as given (their name), folders walked (sorted, so
    the order does not depend on the disk; the path inside the folder, so that two "bao-cao.xlsx"
    of two subfolders are told apart)."""
    found: list[tuple[Path, str]] = []
    for given in paths:
        path = Path(given).expanduser()
        if path.is_dir():
            found += [(p, p.relative_to(path).as_posix()) for p in sorted(path.rglob("*"))
                      if p.is_file() and not p.name.startswith(SKIPPED_NAMES)]
        elif path.is_file():
            found.append((path, path.name))
        else:
            raise UserError(f"Không tìm thấy tệp hoặc thư mục {path}.")
    return found


@dataclass
class _Candidate:
    path: Path
    name: str  # as shown: the path inside the folder given
    data: bytes
    sha: str
    kind: str
    version: int = 0
    workbook: object = None


def file_kind(data: bytes) -> str:
    """What a file is, by its bytes: "PDF", "Excel", "ZIP" (an evidence pack or another archive),
    "Word", or "" — a .docx or a .zip is a ZIP archive too, not an Excel file."""
    kind = kind_of(data)
    if kind != "Excel":
        return kind
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError):
        return ""
    if "xl/workbook.xml" in names:
        return "Excel"
    return "Word" if "word/document.xml" in names else "ZIP"


def _read(path: Path, name: str) -> _Candidate:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"Không đọc được tệp {path}: {exc.strerror or exc}.") from exc
    candidate = _Candidate(path, name, data, hashlib.sha256(data).hexdigest(), file_kind(data))
    if candidate.kind == "Excel":
        candidate.workbook = read_xlsx(data)
        proof = getattr(candidate.workbook, "proof", None)
        candidate.version = int((proof.fields.get("version") if proof else 0) or 0)
    return candidate


def receive(db: sqlite_utils.Database, paths: list[str | Path],
            progress: Callable[[int, int], None] | None = None) -> list[Received]:
    """Check and record every file under `paths`; returns what became of each, in order checked."""
    period = period_of(db)
    files = expand(paths)
    candidates = [_read(p, name) for p, name in files]
    # Excel files and evidence packs before PDFs (they name their PDF), and older versions before newer ones
    candidates.sort(key=lambda c: ({"Excel": 0, "ZIP": 1}.get(c.kind, 2), c.version, str(c.path)))
    excel_stems = {c.path.with_suffix("").as_posix(): c for c in candidates if c.kind == "Excel"}
    results = []
    for index, candidate in enumerate(candidates):
        with transaction(db):
            results.append(_receive_one(db, candidate, period, excel_stems))
        if progress:
            progress(index + 1, len(candidates))
    return results


def _refuse(db, candidate: _Candidate, reason: str, **extra) -> Received:
    if extra.get("unit_key") and "unit_id" not in extra:  # the unit the file says it is from, if listed
        extra["unit_id"] = store.unit_of_key(db, extra["unit_key"])
    row_id = store.insert_received(db, {"file_name": candidate.name, "file_path": str(candidate.path),
                                        "file_sha256": candidate.sha, "kind": candidate.kind, "role": "report",
                                        "outcome": "refused", "reason": reason, **extra})
    return Received(row_id, candidate.name, "refused", reason, extra.get("unit_name", ""))


def _receive_one(db, candidate: _Candidate, period: str, excel_stems: dict) -> Received:
    name = candidate.name
    earlier = store.received_with_sha(db, candidate.sha)
    if earlier is not None:
        return _refuse(db, candidate, f"Trùng: tệp này đã nhận trước đó ({earlier['file_name']}).")
    if candidate.kind == "PDF":
        partner = excel_stems.get(candidate.path.with_suffix("").as_posix())
        partner_proof = getattr(partner.workbook, "proof", None) if partner is not None else None
        if partner is not None and partner_proof is not None and partner_proof.pdf_sha256 != candidate.sha:
            carried = read_pdf_proof(candidate.data)
            what = ""
            if carried is not None and carried.content_matches():
                what = f"; tệp này mang {describe(json.loads(carried.content_json))}"
            return _refuse(db, candidate, f"Không phải bản PDF mà tệp Excel {partner.name} ghi (tệp PDF bị "
                                          f"đổi hoặc gửi nhầm){what}.", **_claimed(carried))
        named = store.report_naming_pdf(db, candidate.sha)
        if named is not None:  # the PDF an accepted (checked) Excel file names: its hash is the proof
            row_id = store.insert_received(db, {
                "file_name": name, "file_path": str(candidate.path), "file_sha256": candidate.sha, "kind": "PDF",
                "role": "companion", "outcome": "accepted", "unit_name": named["unit_name"],
                "reason": f"Bản PDF của báo cáo trong tệp {named['file_name']}."})
            return Received(row_id, name, "accepted", f"Bản PDF của báo cáo trong tệp {named['file_name']}.",
                            named["unit_name"], "companion")
    if candidate.kind == "ZIP":  # an evidence pack: verified whole (report/evidence_pack.py), its report counted
        verdict = verify_pack(candidate.data, name)
        if verdict.status == "unknown" and verdict.proof is None:
            return _refuse(db, candidate, "Không phải báo cáo ParcDesk: tệp nén không phải bộ hồ sơ báo cáo do "
                                          f"ParcDesk lập ({verdict.message[:-1]}).")
    elif candidate.kind not in ("PDF", "Excel"):
        what = "tệp Word" if candidate.kind == "Word" else "không phải tệp PDF, Excel hay bộ hồ sơ ZIP"
        return _refuse(db, candidate, f"Không phải báo cáo ParcDesk: {what} (báo cáo ParcDesk là tệp PDF, "
                                      "tệp Excel hoặc bộ hồ sơ ZIP do ParcDesk xuất).")
    else:
        verdict = check_bytes(candidate.data, name, thorough=False, workbook=candidate.workbook)  # type: ignore[arg-type]
    return _judge(db, candidate, verdict, period)


def _claimed(source) -> dict:
    """The unit a refused file says it is from — its carried content's (a verdict's, a proof's, even
    when that content no longer matches its fingerprint) — for the per-unit view; {} if none."""
    content = getattr(source, "content", None)
    proof = getattr(source, "proof", source if hasattr(source, "content_json") else None)
    if content is None and proof is not None:
        try:
            content = json.loads(proof.content_json)
        except (TypeError, ValueError):
            return {}
    try:
        name = clean(str(content["office"]["unit_name"]))  # type: ignore[index]
    except (TypeError, KeyError):
        return {}
    return {"unit_name": name, "unit_key": unit_key(name)} if name and unit_key(name) else {}


def _judge(db, candidate: _Candidate, verdict: SelfVerdict, period: str) -> Received:
    name = candidate.name
    if verdict.status == "unknown" and verdict.proof is None:
        return _refuse(db, candidate, "Không phải báo cáo ParcDesk: tệp không mang phần xác thực của ParcDesk.")
    if verdict.status not in ("match", "draft"):
        return _refuse(db, candidate, verdict.message, **_claimed(verdict))
    content = verdict.content
    proof = verdict.proof
    assert content is not None and proof is not None
    unit_name = content["office"]["unit_name"]
    key = unit_key(unit_name)
    common = {"unit_name": unit_name, "unit_key": key, "period": content["period"]["code"],
              "fingerprint": proof.fingerprint}
    if verdict.status == "draft":
        return _refuse(db, candidate, f"Bản dự thảo, chưa chốt: {describe(content)}.", **common)
    if content["period"]["code"] != period:
        return _refuse(db, candidate, f"Kỳ khác: đây là báo cáo {content['period']['label']}, không phải "
                                      f"{parse_period(period).label} đang tổng hợp.", **common)
    unit_id = store.unit_of_key(db, key)
    if unit_id is None and store.list_units(db):
        return _refuse(db, candidate, f"Đơn vị “{unit_name}” không có trong danh sách đơn vị cần tổng hợp "
                                      "(nếu đơn vị đã sáp nhập hoặc đổi tên, hãy thêm tên này vào danh sách).", **common)
    same = store.report_with_fingerprint(db, proof.fingerprint)
    if same is not None:
        return _refuse(db, candidate, f"Trùng: cùng báo cáo đã nhận trong tệp {same['file_name']}.", **common)
    plan = content["plan"]
    plan_key = f"{plan['id']}@{plan['created_at']}"
    signoff = content["signoff"] or {}
    version = int(signoff.get("version") or 0)
    row = {"file_name": name, "file_path": str(candidate.path), "file_sha256": candidate.sha,
           "kind": candidate.kind, "role": "report", "unit_id": unit_id, "plan_key": plan_key, "version": version,
           "pdf_sha256": proof.pdf_sha256, "dated_on": content["date"],
           "content": proof.content_json, **common}
    others = store.reports_of(db, key, plan_key)
    current = next((o for o in others if o["outcome"] == "accepted"), None)
    if current is not None and current["version"] == version:
        return _refuse(db, candidate, f"Hai bản khác nhau cùng mang phiên bản {version} của {describe(content)} "
                                      f"(đã nhận {current['file_name']}); hãy hỏi lại đơn vị.", **common)
    if current is not None and current["version"] > version:
        reason = f"Đã có phiên bản mới hơn ({current['version']}, tệp {current['file_name']})."
        row_id = store.insert_received(db, {**row, "outcome": "replaced", "reason": reason})
        return Received(row_id, name, "replaced", reason, unit_name)
    what = describe(content)
    reason = f"Bộ hồ sơ, đã kiểm tra đủ: {what}." if candidate.kind == "ZIP" else f"{what[0].upper()}{what[1:]}."
    row_id = store.insert_received(db, {**row, "outcome": "accepted", "reason": reason})
    if current is not None:
        store.mark_replaced(db, current["id"], row_id, f"Được thay bằng phiên bản {version} (tệp {name}, "
                                                       f"báo cáo ngày {format_short_date(row['dated_on'])}).")
        reason = f"Nhận phiên bản {version}, thay phiên bản {current['version']} (tệp {current['file_name']})."
    return Received(row_id, name, "accepted", reason, unit_name)
