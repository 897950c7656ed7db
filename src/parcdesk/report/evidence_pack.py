"""The evidence pack for appraisal (thẩm định): one ZIP with the report and its evidence files.

Inside: the report's PDF and Excel file (each carrying its proof, report/proof.py), every
evidence file of the period under a readable ASCII name — `TCTP-3.4.2/01-05-TB-UBND-19-01-2026.pdf`:
the item's code, the record's order under it, the document's number and date — and a manifest
twice: `danh-muc-tai-lieu.csv` (Vietnamese headers, UTF-8 with BOM so that Excel opens it right)
and `danh-muc-tai-lieu.json`, each line naming the item, the document and the file's SHA-256.

`verify_pack` checks the report inside (as `report verify` does), every file against the
manifest's hash, nothing unlisted, and the manifest against the evidence the report's content
lists for each item.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from parcdesk.db.evidence import evidence_records_of_plan, sha256_of
from parcdesk.db.store import Store
from parcdesk.errors import UserError
from parcdesk.model import Evidence
from parcdesk.report.content import evidence_text, format_short_date, suggested_file_name
from parcdesk.report.snapshot import ReportContent
from parcdesk.text import fold, nfc

PACK_FORMAT = 1
MANIFEST_JSON = "danh-muc-tai-lieu.json"
MANIFEST_CSV = "danh-muc-tai-lieu.csv"
CSV_HEADERS = ["Mã mục", "Tên mục", "Số văn bản", "Ngày văn bản", "Trích yếu", "Tệp", "SHA-256"]


def slug(text: str, keep_dots: bool = False) -> str:
    """ASCII, Vietnamese folded (đ → d), case kept: "TCTP 3.4.2" → "TCTP-3.4.2", "05/TB-UBND" → "05-TB-UBND"."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", nfc(text).replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    allowed = r"[A-Za-z0-9.]+" if keep_dots else r"[A-Za-z0-9]+"
    return "-".join(part.strip(".") for part in re.findall(allowed, plain) if part.strip("."))


def _folder(row: dict) -> str:
    return slug(row["code"] or row["tt"], keep_dots=True) or f"muc-{row['id']}"


def _file_name(order: int, record: Evidence) -> str:
    parts = [f"{order:02d}"]
    if record.number:
        parts.append(slug(record.number))
    if record.issued_on:
        parts.append(format_short_date(record.issued_on).replace("/", "-"))
    if len(parts) == 1:
        parts.append(slug(fold(record.summary))[:40] or "tai-lieu")
    suffix = Path(record.file_name or "").suffix.lower()
    return "-".join(p for p in parts if p) + (suffix if re.fullmatch(r"\.[a-z0-9]{1,6}", suffix) else "")


@dataclass
class Pack:
    data: bytes
    files: int  # evidence files inside
    records: int  # evidence records listed


def build_pack(store: Store, content: ReportContent, sha256: str | None) -> Pack:
    """The ZIP's bytes for a rendered report (`report_to_export`'s content and fingerprint)."""
    from parcdesk.report.pdf import render_report_pdf
    from parcdesk.report.xlsx import render_report_xlsx, stamp_of

    pdf = render_report_pdf(content, sha256)
    pdf_sha = hashlib.sha256(pdf).hexdigest()
    xlsx = render_report_xlsx(content, sha256, pdf_sha256=pdf_sha)
    stamp = stamp_of(content)
    zip_time = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    records = evidence_records_of_plan(store.db, content["plan"]["id"], content["period"]["code"])
    entries, members = [], []
    used: set[str] = set()
    for row in content["appendix"]["rows"]:
        for order, record in enumerate(records.get(row["id"], []), start=1):
            member = ""
            digest = ""
            if record.stored_path:
                source = store.evidence_dir / record.stored_path
                if not source.is_file():
                    raise UserError(f"Chưa lập được bộ hồ sơ: tệp “{record.file_name}” của mục {row['code'] or row['tt']} "
                                    f"không còn trong thư mục {store.evidence_dir}; hãy đính kèm lại tệp đó.")
                digest = sha256_of(source)
                if record.sha256 and digest != record.sha256:
                    raise UserError(f"Chưa lập được bộ hồ sơ: tệp “{record.file_name}” của mục {row['code'] or row['tt']} "
                                    "đã bị thay đổi sau khi đính kèm (mã SHA-256 không còn khớp); hãy đính kèm lại.")
                member = f"{_folder(row)}/{_file_name(order, record)}"
                while member in used:
                    member = member.replace(".", "-b.", 1) if "." in Path(member).name else member + "-b"
                used.add(member)
                members.append((member, source))
            entries.append({
                "item_id": row["id"], "code": row["code"] or row["tt"], "title": row["title"],
                "number": record.number, "date": record.issued_on or "", "summary": record.summary,
                "text": evidence_text(record.__dict__), "file": member, "sha256": digest,
                "original_name": record.file_name or "",
            })
    signoff = content.get("signoff") or {}
    names = {"pdf": suggested_file_name(content, "pdf"), "xlsx": suggested_file_name(content, "xlsx")}
    manifest = {
        "format": PACK_FORMAT, "kind": "evidence-pack",
        "report": {"unit": content["office"]["unit_name"], "plan": content["plan"]["title"],
                   "period": content["period"]["code"], "version": signoff.get("version"),
                   "signed": sha256 is not None, "fingerprint": sha256 or "",
                   "pdf": names["pdf"], "pdf_sha256": pdf_sha,
                   "xlsx": names["xlsx"], "xlsx_sha256": hashlib.sha256(xlsx).hexdigest()},
        "files": entries,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        def put(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(name, date_time=zip_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)

        put(names["pdf"], pdf)
        put(names["xlsx"], xlsx)
        for member, source in members:
            put(member, source.read_bytes())
        put(MANIFEST_JSON, json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
        put(MANIFEST_CSV, _csv(entries))
    return Pack(buffer.getvalue(), len(members), len(entries))


def _csv(entries: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    for e in entries:
        writer.writerow([e["code"], e["title"], e["number"], format_short_date(e["date"]) if e["date"] else "",
                         e["summary"], e["file"], e["sha256"]])
    return "\ufeff".encode("utf-8") + out.getvalue().encode("utf-8")


# ---------------------------------------------------------------- verifying

def verify_pack(data: bytes, name: str):
    from parcdesk.report.selfcheck import SelfVerdict, check_bytes, describe

    def verdict(status: str, message: str, **extra) -> SelfVerdict:
        return SelfVerdict(status, "ZIP", message, sha256=hashlib.sha256(data).hexdigest(), **extra)

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = {info.filename: info for info in archive.infolist() if not info.is_dir()}
        if MANIFEST_JSON not in members:
            return verdict("unknown", f"Không phải bộ hồ sơ của ParcDesk: tệp {name} không có {MANIFEST_JSON}.")
        manifest = json.loads(archive.read(MANIFEST_JSON))
        report = manifest["report"]
        files = {member: archive.read(member) for member in members}
    except (zipfile.BadZipFile, ValueError, KeyError, TypeError) as exc:
        return verdict("unknown", f"Không đọc được bộ hồ sơ {name}: {exc}.")
    problems: list[str] = []
    checked = {}
    for key in ("pdf", "xlsx"):
        member = report.get(key)
        if member not in files:
            problems.append(f"thiếu tệp báo cáo {member}")
            continue
        checked[key] = check_bytes(files[member], member)
        if checked[key].status not in ("match", "draft"):
            problems.append(checked[key].message)
    xlsx = checked.get("xlsx")
    if xlsx is not None and xlsx.proof is not None:
        if xlsx.proof.fingerprint != report.get("fingerprint") and report.get("signed"):
            problems.append("danh mục ghi mã xác thực khác với mã của tệp Excel")
        if "pdf" in checked and checked["pdf"].sha256 != xlsx.proof.pdf_sha256:
            problems.append("tệp PDF không phải tệp mà tệp Excel ghi")
    listed = {MANIFEST_JSON, MANIFEST_CSV, report.get("pdf"), report.get("xlsx")}
    content = xlsx.content if xlsx is not None else None
    shown_by_item: dict[int, list[str]] = {}
    if content is not None:
        shown_by_item = {row["id"]: list(row.get("evidence") or []) for row in content["appendix"]["rows"]}
    files_ok = 0
    for entry in manifest.get("files", []):
        member = entry.get("file")
        if member:
            listed.add(member)
            if member not in files:
                problems.append(f"thiếu tệp {member}")
            elif hashlib.sha256(files[member]).hexdigest() != entry.get("sha256"):
                problems.append(f"tệp {member} không khớp mã SHA-256 trong danh mục (đã bị thay hoặc sửa)")
            else:
                files_ok += 1
        if content is not None:
            shown = shown_by_item.get(entry.get("item_id"))
            if shown is None or entry.get("text") not in shown:
                problems.append(f"tài liệu “{entry.get('text')}” của mục {entry.get('code')} không có trong báo cáo")
    extra = sorted(set(files) - listed)
    if extra:
        problems.append("có tệp không ghi trong danh mục: " + ", ".join(extra[:5]))
    count = len(manifest.get("files", []))
    if problems:
        return verdict("altered", f"Bộ hồ sơ {name} không còn nguyên vẹn: " + "; ".join(problems[:8]) + ".",
                       proof=xlsx.proof if xlsx else None, content=content)
    assert xlsx is not None and content is not None
    state = "match" if xlsx.status == "match" else "draft"
    what = describe(content) if state == "match" else f"bản dự thảo {describe(content)} (chưa chốt)"
    return verdict(state, f"Khớp: bộ hồ sơ {name} gồm {what}, {count} tài liệu kiểm chứng ({files_ok} tệp), "
                          "mọi tệp khớp mã SHA-256 trong danh mục và danh mục khớp báo cáo.",
                   proof=xlsx.proof, content=content)
