"""Checking a report file with nothing but the file: the receiver's `report verify`.

A file exported by ParcDesk carries its content and fingerprint (report/proof.py). The check:

1. the carried content is the one its fingerprint was taken over;
2. the file's visible figures are what that content renders to: the PDF is rendered again and
   must be byte for byte the same; every visible cell of the Excel file is compared with a fresh
   render of the content (`thorough`), or, when many files are read at once (consolidation), with
   the digest of every visible cell the proof recorded at export — a file that fails is then
   compared cell by cell to name what changed.

What it proves and what it does not: see report/proof.py (not altered after ParcDesk wrote it;
not who wrote it).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from parcdesk.errors import UserError
from parcdesk.report.content import FINGERPRINT_SHOWN, format_short_date
from parcdesk.report.proof import (
    MADE_BY, WHAT_IT_PROVES, Proof, ReadWorkbook, cells_digest, read_pdf_proof, read_xlsx, visible_cells,
)
from parcdesk.report.snapshot import ReportContent, read_content
from parcdesk.text import format_number

SHOWN_DIFFERENCES = 8


@dataclass
class SelfVerdict:
    status: str  # "match", "draft", "altered", "unknown" (not a ParcDesk report), "unsure"
    kind: str  # "PDF", "Excel", "ZIP" or ""
    message: str
    proof: Proof | None = None
    content: ReportContent | None = None
    differences: list[str] = field(default_factory=list)
    sha256: str = ""  # of the file's bytes

    @property
    def ok(self) -> bool:
        return self.status == "match"

    def to_dict(self) -> dict:
        content = self.content
        report = None
        if content is not None and self.proof is not None:
            signoff = content.get("signoff") or {}
            report = {"unit": content["office"]["unit_name"], "plan": content["plan"]["title"],
                      "period": content["period"]["code"], "version": signoff.get("version"),
                      "signed_at": signoff.get("signed_at"), "fingerprint": self.proof.fingerprint,
                      "pdf_sha256": self.proof.pdf_sha256 or None, "signed": self.proof.signed}
        return {"status": self.status, "kind": self.kind, "message": self.message, "report": report,
                "differences": self.differences, "sha256": self.sha256}


def read_bytes(path: str | Path) -> bytes:
    path = Path(path).expanduser()
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"Không tìm thấy tệp {path}.") from None
    except IsADirectoryError:
        raise UserError(f"{path} là một thư mục, không phải tệp báo cáo.") from None
    except OSError as exc:
        raise UserError(f"Không đọc được tệp {path}: {exc.strerror or exc}.") from exc


def kind_of(data: bytes) -> str:
    return "PDF" if data.startswith(b"%PDF") else "Excel" if data.startswith(b"PK") else ""


def describe(content: ReportContent) -> str:
    """"báo cáo quý I năm 2026 của UBND xã Ia Kha, phiên bản 2, chốt ngày 05/4/2026"."""
    signoff = content.get("signoff") or {}
    text = f"báo cáo {content['period']['label']} của {content['office']['unit_name']}"
    if signoff:
        text += f", phiên bản {signoff['version']}, chốt ngày {format_short_date(signoff['signed_at'][:10])}"
    return text


def check_file(path: str | Path, thorough: bool = True) -> SelfVerdict:
    path = Path(path).expanduser()
    data = read_bytes(path)
    if path.suffix.lower() == ".zip" and data.startswith(b"PK"):
        from parcdesk.report.evidence_pack import verify_pack

        return verify_pack(data, path.name)
    return check_bytes(data, path.name, thorough=thorough)


def check_bytes(data: bytes, name: str, *, thorough: bool = True, workbook: ReadWorkbook | None = None) -> SelfVerdict:
    kind = kind_of(data)
    digest = hashlib.sha256(data).hexdigest()
    if kind == "PDF":
        verdict = _check_pdf(data, name)
    elif kind == "Excel":
        verdict = _check_xlsx(data, name, thorough, workbook)
    else:
        verdict = SelfVerdict("unknown", "", f"Không phải báo cáo: tệp {name} không phải tệp PDF hay Excel.")
    verdict.sha256 = digest
    return verdict


def _carried(proof: Proof, kind: str, name: str) -> SelfVerdict | ReportContent:
    if not proof.content_matches():
        return SelfVerdict("altered", kind, f"Đã bị sửa: nội dung tệp {name} mang theo không còn khớp mã xác thực "
                                            f"{proof.fingerprint[:FINGERPRINT_SHOWN]} của nó.", proof)
    try:
        return read_content(proof.content_json, f"Nội dung tệp {name} mang theo")
    except UserError as err:
        return SelfVerdict("unknown", kind, str(err), proof)


def _conclude(kind: str, name: str, proof: Proof, content: ReportContent, note: str = "") -> SelfVerdict:
    if not proof.signed:
        return SelfVerdict("draft", kind, f"Bản dự thảo: tệp {name} khớp nội dung nó mang theo, nhưng là bản "
                                          f"dự thảo {describe(content)}, chưa chốt — không phải báo cáo đã chốt.",
                           proof, content)
    return SelfVerdict("match", kind, f"Khớp: tệp {kind} {name} là {describe(content)}; số liệu khớp nội dung nó "
                                      f"mang theo và mã xác thực {proof.fingerprint[:FINGERPRINT_SHOWN]}{note}. "
                                      f"{WHAT_IT_PROVES}", proof, content)


def _check_pdf(data: bytes, name: str) -> SelfVerdict:
    from parcdesk.report.pdf import render_report_pdf

    proof = read_pdf_proof(data)
    if proof is None:
        return SelfVerdict("unknown", "PDF", f"Không kiểm tra được: tệp {name} không mang phần xác thực của "
                                             "ParcDesk (không phải báo cáo do ParcDesk xuất, hoặc xuất bằng "
                                             "phiên bản cũ — khi đó cần tệp dữ liệu của đơn vị: --db).")
    carried = _carried(proof, "PDF", name)
    if isinstance(carried, SelfVerdict):
        return carried
    again = render_report_pdf(carried, proof.fingerprint if proof.signed else None)
    if again == data:
        return _conclude("PDF", name, proof, carried)
    if proof.made_by != MADE_BY:
        return SelfVerdict("unsure", "PDF", f"Không xác nhận được: tệp {name} do {proof.made_by or 'phiên bản khác'} "
                                            f"lập, nay dựng lại bằng {MADE_BY} không còn trùng từng byte.",
                           proof, carried)
    return SelfVerdict("altered", "PDF", f"Đã bị sửa: tệp PDF {name} mang nội dung {describe(carried)}, nhưng "
                                         "không còn trùng bản ParcDesk dựng lại từ nội dung đó (tệp đã bị sửa "
                                         "sau khi xuất).", proof, carried)


def _check_xlsx(data: bytes, name: str, thorough: bool, workbook: ReadWorkbook | None) -> SelfVerdict:
    read = workbook or read_xlsx(data)
    if read is None:
        return SelfVerdict("unknown", "Excel", f"Không phải báo cáo: không đọc được tệp {name} như một tệp Excel.")
    proof = read.proof
    if proof is None:
        return SelfVerdict("unknown", "Excel", f"Không kiểm tra được: tệp {name} không mang phần xác thực của "
                                               "ParcDesk (không phải báo cáo do ParcDesk xuất, hoặc xuất bằng "
                                               "phiên bản cũ — khi đó cần tệp dữ liệu của đơn vị: --db).")
    carried = _carried(proof, "Excel", name)
    if isinstance(carried, SelfVerdict):
        return carried
    digest_ok = cells_digest(read.cells) == proof.cells_sha256
    if digest_ok and not thorough:
        return _conclude("Excel", name, proof, carried)
    differences = cell_differences(read.cells, expected_cells(carried, proof))
    if not differences:
        return _conclude("Excel", name, proof, carried)
    if digest_ok and proof.made_by != MADE_BY:
        # laid out by another ParcDesk version: the cells are still exactly as it wrote them
        return _conclude("Excel", name, proof, carried, f" (các ô khớp bản ghi lúc {proof.made_by} xuất tệp)")
    shown = "; ".join(differences[:SHOWN_DIFFERENCES]) + ("; …" if len(differences) > SHOWN_DIFFERENCES else "")
    return SelfVerdict("altered", "Excel", f"Đã bị sửa sau khi xuất: tệp {name} mang nội dung {describe(carried)}, "
                                           f"nhưng {len(differences)} ô không khớp nội dung đó: {shown}.",
                       proof, carried, differences)


def expected_cells(content: ReportContent, proof: Proof) -> dict[str, list[list]]:
    from parcdesk.report.xlsx import report_visible_workbook

    return visible_cells(report_visible_workbook(content, proof.fingerprint if proof.signed else None))


def _shown(value) -> str:
    if value in (None, ""):
        return "(trống)"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"“{format_number(value)}”"
    text = str(value).replace("\n", " ")
    return f"“{text[:40]}…”" if len(text) > 40 else f"“{text}”"


def cell_differences(given: dict[str, list[list]], wanted: dict[str, list[list]]) -> list[str]:
    """"Phụ lục!F12: “Hoàn thành” thay cho “Đang thực hiện”" for every cell that differs."""
    from openpyxl.utils import get_column_letter

    found = []
    for name in [n for n in given if n not in wanted]:
        found.append(f"trang tính “{name}” được thêm vào")
    for name, rows in wanted.items():
        if name not in given:
            found.append(f"trang tính “{name}” bị xóa")
            continue
        have = given[name]
        for r in range(max(len(rows), len(have))):
            a = rows[r] if r < len(rows) else []
            b = have[r] if r < len(have) else []
            for c in range(max(len(a), len(b))):
                old = a[c] if c < len(a) else None
                new = b[c] if c < len(b) else None
                if (old if old != "" else None) != (new if new != "" else None):
                    found.append(f"{name}!{get_column_letter(c + 1)}{r + 1}: {_shown(new)} thay cho {_shown(old)}")
    return found


def check_pair(pdf_path: str | Path, xlsx_path: str | Path) -> SelfVerdict:
    """Whether a PDF and an Excel file are the same report: both sound, the same fingerprint, and
    the PDF the very one the Excel file names."""
    pdf_path, xlsx_path = Path(pdf_path).expanduser(), Path(xlsx_path).expanduser()
    pdf_data = read_bytes(pdf_path)
    pdf = check_bytes(pdf_data, pdf_path.name)
    xlsx = check_file(xlsx_path)
    for verdict in (pdf, xlsx):
        if verdict.status not in ("match", "draft"):
            return SelfVerdict(verdict.status, "PDF+Excel", verdict.message, verdict.proof, verdict.content,
                               verdict.differences)
    assert pdf.proof is not None and xlsx.proof is not None
    if xlsx.proof.pdf_sha256 != pdf.sha256:
        same_content = xlsx.proof.fingerprint == pdf.proof.fingerprint
        return SelfVerdict("altered", "PDF+Excel",
                           f"Không cùng một báo cáo: tệp Excel {xlsx_path.name} ghi một tệp PDF khác, không phải "
                           f"{pdf_path.name}" + (" (cùng nội dung nhưng không trùng từng byte)." if same_content else
                                                 f"; {pdf_path.name} là {describe(pdf.content)}."),
                           xlsx.proof, xlsx.content)
    state = "dự thảo" if xlsx.status == "draft" else "đã chốt"
    return SelfVerdict("match" if xlsx.status == "match" else "draft", "PDF+Excel",
                       f"Cùng một báo cáo ({state}): {pdf_path.name} và {xlsx_path.name} là {describe(xlsx.content)}; "
                       f"mã xác thực {xlsx.proof.fingerprint[:FINGERPRINT_SHOWN]}, tệp Excel ghi đúng tệp PDF này. "
                       f"{WHAT_IT_PROVES}", xlsx.proof, xlsx.content)
