"""The proof a report file carries: its content, so that a receiver can check it without the
sender's data file.

Every exported report file holds the same canonical content the fingerprint is computed over
(report/snapshot.py), the fingerprint, the format numbers, the unit, plan, period and version:

- the Excel file in a hidden, protected sheet "Xác thực" (key/value rows, then the canonical
  JSON cut in chunks that fit an Excel cell), with the SHA-256 of the PDF rendered from the same
  content and a digest of every visible cell as ParcDesk wrote it;
- the PDF as an attached file (`noi-dung-bao-cao.json`, an embedded file any PDF reader lists).

What this proves: the file was not altered after ParcDesk wrote it (report/selfcheck.py renders
the carried content again and compares). What it does not prove: who wrote it — the digests are
not keyed, so anyone with ParcDesk can produce a consistent file; that needs a digital signature.

The proof is built only from the content, never from the visible sheets' layout, so the print
and data sheets may change shape without touching it.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from parcdesk import __version__
from parcdesk.report.snapshot import CONTENT_FORMAT, ReportContent, canonical_json, fingerprint

PROOF_FORMAT = 1
PROOF_SHEET = "Xác thực"
PDF_ATTACHMENT = "noi-dung-bao-cao.json"
MADE_BY = f"ParcDesk {__version__}"
_CHUNK = 30000  # an Excel cell holds 32,767 characters
_PROOF_MARK = b"/ParcDeskProof"
WHAT_IT_PROVES = ("Mã xác thực cho biết tệp không bị sửa sau khi ParcDesk ghi ra; "
                  "nó không chứng minh ai đã lập tệp (việc đó cần chữ ký số).")


@dataclass
class Proof:
    """What a report file says about itself."""
    signed: bool
    fingerprint: str  # SHA-256 of the canonical content (also for a draft: it names the draft)
    content_json: str
    pdf_sha256: str = ""  # Excel only: the PDF rendered from the same content
    cells_sha256: str = ""  # Excel only: every visible cell as written
    made_by: str = ""
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def content(self) -> dict:
        return json.loads(self.content_json)

    def content_matches(self) -> bool:
        """The carried JSON is the one the fingerprint was taken over (canonical_json's bytes)."""
        return hashlib.sha256(self.content_json.encode("utf-8")).hexdigest() == self.fingerprint


def summary_fields(content: ReportContent, sha256: str | None) -> list[tuple[str, str, Any]]:
    """(label, key, value) of the proof's header rows: readable by a person and a program."""
    signoff = content.get("signoff") or {}
    return [
        ("Định dạng phần xác thực", "proof_format", PROOF_FORMAT),
        ("Định dạng nội dung", "content_format", content.get("format", CONTENT_FORMAT)),
        ("Tình trạng", "state", "signed" if sha256 else "draft"),
        ("Mã xác thực SHA-256 của nội dung", "fingerprint", sha256 or fingerprint(content)),
        ("Đơn vị", "unit", content["office"]["unit_name"]),
        ("Cơ quan cấp trên", "superior", content["office"]["superior"]),
        ("Kế hoạch", "plan", content["plan"]["title"]),
        ("Số kế hoạch", "plan_number", content["plan"]["number"]),
        ("Mã kỳ", "period", content["period"]["code"]),
        ("Kỳ báo cáo", "period_label", content["period"]["label"]),
        ("Phiên bản", "version", signoff.get("version") or 0),
        ("Thời điểm chốt", "signed_at", signoff.get("signed_at") or ""),
        ("Chương trình", "made_by", MADE_BY),
    ]


# ---------------------------------------------------------------- the cells, as a reader sees them

def normal_value(value: Any) -> Any:
    """A cell's value as it reads back from a saved file: 100.0 and 100 alike, dates as datetimes,
    line ends as \\n (XML turns \\r\\n into \\n)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        number = float(value)
        return int(number) if number.is_integer() else number
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat()
    if isinstance(value, date):
        return datetime.combine(value, datetime.min.time()).isoformat()
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return str(value)


def sheet_rows(sheet) -> list[list]:
    """Normalised values row by row, without the empty cells a program may add at the ends."""
    rows = []
    for row in sheet.iter_rows(values_only=True):
        values = [normal_value(v) for v in row]
        while values and values[-1] in (None, ""):
            values.pop()
        rows.append(values)
    while rows and not rows[-1]:
        rows.pop()
    return rows


def cells_digest(sheets: dict[str, list[list]]) -> str:
    text = json.dumps([[name, rows] for name, rows in sheets.items()], ensure_ascii=False, separators=(",", ":"),
                      default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def visible_cells(workbook) -> dict[str, list[list]]:
    return {ws.title: sheet_rows(ws) for ws in workbook.worksheets if ws.title != PROOF_SHEET}


# ---------------------------------------------------------------- Excel

def add_proof_sheet(workbook, content: ReportContent, sha256: str | None, pdf_sha256: str) -> None:
    """The hidden, protected "Xác thực" sheet; call it last, when every visible cell is written."""
    from openpyxl.styles import Alignment, Font

    digest = cells_digest(visible_cells(workbook))
    ws = workbook.create_sheet(PROOF_SHEET)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 80
    ws.cell(1, 1).value = ("Phần xác thực do ParcDesk ghi: nội dung báo cáo và mã xác thực, để nơi nhận kiểm tra "
                           "tệp bằng lệnh “parcdesk report verify”. " + WHAT_IT_PROVES)
    ws.cell(1, 1).font = Font(italic=True)
    ws.cell(1, 1).alignment = Alignment(wrap_text=False)
    rows = summary_fields(content, sha256) + [
        ("SHA-256 của tệp PDF cùng nội dung", "pdf_sha256", pdf_sha256),
        ("SHA-256 các ô hiển thị", "cells_sha256", digest),
    ]
    text = canonical_json(content)
    chunks = [text[i:i + _CHUNK] for i in range(0, len(text), _CHUNK)] or [""]
    rows.append(("Số phần nội dung", "content_parts", len(chunks)))
    row = 3
    for label, key, value in rows:
        ws.cell(row, 1).value = label
        ws.cell(row, 2).value = key
        cell = ws.cell(row, 3)
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula, whatever the unit's name looks like
        row += 1
    for index, chunk in enumerate(chunks, start=1):
        ws.cell(row, 1).value = f"Nội dung (phần {index}/{len(chunks)})"
        ws.cell(row, 2).value = "content"
        cell = ws.cell(row, 3)
        cell.value = chunk
        cell.data_type = "s"
        row += 1


def proof_from_rows(rows) -> Proof | None:
    """The proof out of the "Xác thực" sheet's rows (values only); None if it is not one."""
    values: dict[str, Any] = {}
    parts: list[str] = []
    for row in rows:
        if len(row) < 3 or not isinstance(row[1], str):
            continue
        key, value = row[1], row[2]
        if key == "content":
            parts.append(value if isinstance(value, str) else "")
        else:
            values[key] = value
    if values.get("proof_format") is None or not isinstance(values.get("fingerprint"), str) or not parts:
        return None
    if values.get("content_parts") not in (None, len(parts)):
        return None
    return Proof(signed=values.get("state") == "signed", fingerprint=values["fingerprint"],
                 content_json="".join(parts), pdf_sha256=str(values.get("pdf_sha256") or ""),
                 cells_sha256=str(values.get("cells_sha256") or ""), made_by=str(values.get("made_by") or ""),
                 fields=values)


@dataclass
class ReadWorkbook:
    proof: Proof | None
    cells: dict[str, list[list]]  # the visible sheets


def read_xlsx(data: bytes) -> ReadWorkbook | None:
    """The visible cells and the proof of an Excel file, in one read-only pass; None when it is
    not a workbook at all."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - whatever openpyxl cannot read is not a report file
        return None
    try:
        cells: dict[str, list[list]] = {}
        proof = None
        for ws in workbook.worksheets:
            if ws.title == PROOF_SHEET:
                proof = proof_from_rows(ws.iter_rows(values_only=True))
            else:
                cells[ws.title] = sheet_rows(ws)
        return ReadWorkbook(proof, cells)
    except Exception:  # noqa: BLE001 - a damaged sheet inside: not readable as a report
        return None
    finally:
        workbook.close()


# ---------------------------------------------------------------- PDF

def pdf_payload(content: ReportContent, sha256: str | None) -> bytes:
    """The attached file: the fields, then the content exactly as fingerprinted."""
    head = {key: value for _label, key, value in summary_fields(content, sha256)}
    text = canonical_json(content)
    return json.dumps(head, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n" + text.encode("utf-8")


def proof_canvas(content: ReportContent, sha256: str | None):
    """A reportlab canvas class that attaches the proof to the PDF it saves (pass it as
    `canvasmaker` to `doc.build`)."""
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString
    from reportlab.pdfgen.canvas import Canvas

    payload = pdf_payload(content, sha256)

    class ProofCanvas(Canvas):
        def save(self):
            doc = self._doc
            stream = PDFStream(PDFDictionary({"Type": PDFName("EmbeddedFile"),
                                              "Subtype": PDFName("application#2Fjson"),
                                              "ParcDeskProof": PROOF_FORMAT,
                                              "Filter": PDFName("FlateDecode")}),
                               zlib.compress(payload, 9))
            spec = PDFDictionary({"Type": PDFName("Filespec"), "F": PDFString(PDF_ATTACHMENT),
                                  "UF": PDFString(PDF_ATTACHMENT), "EF": PDFDictionary({"F": doc.Reference(stream)}),
                                  "Desc": PDFString("Nội dung báo cáo và mã xác thực (ParcDesk)")})
            doc.Catalog.Names = PDFDictionary({"EmbeddedFiles": PDFDictionary(
                {"Names": PDFArray([PDFString(PDF_ATTACHMENT), doc.Reference(spec)])})})
            super().save()

    return ProofCanvas


_LENGTH = re.compile(rb"/Length\s+(\d+)")


def read_pdf_proof(data: bytes) -> Proof | None:
    """The attached proof of a PDF written by ParcDesk; None when there is none (or it is damaged)."""
    at = data.rfind(_PROOF_MARK)
    if at < 0:
        return None
    start = data.rfind(b"<<", 0, at)
    end = data.find(b"stream", at)
    if start < 0 or end < 0:
        return None
    length = _LENGTH.search(data, start, end)
    if length is None:
        return None
    body = end + len(b"stream")
    body += 2 if data[body:body + 2] == b"\r\n" else 1
    try:
        payload = zlib.decompress(data[body:body + int(length.group(1))])
        head_line, _, text = payload.partition(b"\n")
        head = json.loads(head_line)
        return Proof(signed=head.get("state") == "signed", fingerprint=str(head.get("fingerprint") or ""),
                     content_json=text.decode("utf-8"), made_by=str(head.get("made_by") or ""), fields=head)
    except (zlib.error, ValueError, UnicodeDecodeError):
        return None
