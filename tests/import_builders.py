"""Small appendix files made in the tests: .xlsx through openpyxl, .docx as raw WordprocessingML."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.styles import Font

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
 Target="word/document.xml"/>
</Relationships>"""


def write_xlsx(path: Path, rows: list[list], merges: list[str] = (), bold_rows: tuple[int, ...] = (),
               font: str | None = None, fonts: dict[str, str] | None = None, sheets: dict | None = None) -> Path:
    """rows of values; merges like "B5:F5"; bold_rows 1-based; font for every text cell."""
    workbook = openpyxl.Workbook()
    specs = sheets or {"Phu luc": (rows, merges, bold_rows)}
    first = True
    for title, (sheet_rows, sheet_merges, sheet_bold) in specs.items():
        sheet = workbook.active if first else workbook.create_sheet()
        first = False
        sheet.title = title
        for row in sheet_rows:
            sheet.append(row)
        for number in sheet_bold:
            for cell in sheet[number]:
                cell.font = Font(bold=True, name=font) if font else Font(bold=True)
        if font:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and not cell.font.b:
                        cell.font = Font(name=font)
        for ref, name in (fonts or {}).items():
            sheet[ref].font = Font(name=name, bold=sheet[ref].font.b)
        for ref in sheet_merges:
            sheet.merge_cells(ref)
    workbook.save(path)
    return path


def run(text: str, bold: bool = False, font: str | None = None, caps: bool = False) -> str:
    props = ""
    if bold:
        props += "<w:b/>"
    if caps:
        props += "<w:caps/>"
    if font:
        props += f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}"/>'
    parts = []
    for n, line in enumerate(text.split("\n")):
        if n:
            parts.append("<w:br/>")
        parts.append(f'<w:t xml:space="preserve">{escape(line)}</w:t>')
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{''.join(parts)}</w:r>"


def paragraph(text: str, **kw) -> str:
    return f"<w:p>{run(text, **kw)}</w:p>" if text else "<w:p/>"


def cell(spec) -> str:
    """A cell: "text", or {"text", "span", "vmerge": "restart"|"continue", "bold", "font"}."""
    if isinstance(spec, str):
        spec = {"text": spec}
    props = ""
    if spec.get("span", 1) > 1:
        props += f'<w:gridSpan w:val="{spec["span"]}"/>'
    if spec.get("vmerge") == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif spec.get("vmerge") == "continue":
        props += "<w:vMerge/>"
    text = spec.get("text", "")
    paragraphs = "".join(
        paragraph(line, bold=spec.get("bold", False), font=spec.get("font"), caps=spec.get("caps", False))
        for line in (text.split("\n\n") if text else [""])
    )
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraphs}</w:tc>"


def table(rows: list[list]) -> str:
    return "<w:tbl>" + "".join("<w:tr>" + "".join(cell(c) for c in row) + "</w:tr>" for row in rows) + "</w:tbl>"


def write_docx(path: Path, body: list[str], document_xml: str | None = None, extra: dict | None = None) -> Path:
    """body: paragraph()/table() strings, in order."""
    xml = document_xml or (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>'
        + "".join(body) + "</w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", xml)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path
