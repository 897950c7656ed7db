""".docx: every table of the body a candidate appendix, the paragraphs before it its heading.

Read straight from the zip with defusedxml (no DTD, no entities, no network), after
`safety.check_archive` has bounded what the archive can inflate to. Word's own layout
is followed where it matters for an appendix:

- a cell's paragraphs are joined by line breaks, a `<w:br/>` is a line break, a tab a
  space; deleted revisions (`<w:delText>`) are not text;
- `gridSpan` (horizontal merge) and `vMerge` (vertical merge) become `RawCell.span` and
  `RawCell.above`; `gridBefore` keeps the columns in place;
- bold, the font and "all caps" come from the run, its character style, the paragraph
  style and the document defaults (`styles.xml`), so that a heading styled bold counts as
  bold and a run in ".VnTimeH" or with caps set is upper-cased;
- runs in a legacy font (TCVN3 ".VnTime…", "VNI-…") are decoded run by run, since one
  paragraph may mix fonts.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml.common import DefusedXmlException
from defusedxml.ElementTree import fromstring

from parcdesk.importer import encoding, safety
from parcdesk.importer.raw import RawCell, RawTable

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_TABLES = 500
# The document is parsed whole (an appendix's is well under 1 MB); a tree of this size
# already takes several hundred MB of memory on an office PC.
_MAX_XML_BYTES = 30 * safety.MB


def _on(element: Element | None) -> bool | None:
    """A toggle property (<w:b/>, <w:b w:val="0"/>): True, False, or None when absent."""
    if element is None:
        return None
    return element.get(W + "val", "true").lower() not in ("0", "false", "off", "none")


class _Styles:
    """Bold, caps and font of runs, through character and paragraph styles to the defaults."""

    def __init__(self, root: Element | None):
        self.styles: dict[str, Element] = {}
        self.default_font = ""
        self.default_bold = False
        self.default_caps = False
        self.default_paragraph = ""
        self._cache: dict[tuple[str, str], tuple[bool, bool, str]] = {}
        if root is None:
            return
        for style in root.iter(W + "style"):
            style_id = style.get(W + "styleId")
            if style_id:
                self.styles[style_id] = style
                if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true", "on"):
                    self.default_paragraph = style_id
        defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        if defaults is not None:
            self.default_font = _font_of(defaults) or ""
            self.default_bold = bool(_on(defaults.find(W + "b")))
            self.default_caps = bool(_on(defaults.find(W + "caps")))

    def _chain(self, style_id: str):
        seen = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style.find(W + "rPr")
            based = style.find(W + "basedOn")
            style_id = based.get(W + "val") if based is not None else ""

    def resolve(self, run_style: str, paragraph_style: str) -> tuple[bool, bool, str]:
        key = (run_style, paragraph_style)
        if key not in self._cache:
            bold = caps = None
            font = None
            for rpr in [*self._chain(run_style), *self._chain(paragraph_style or self.default_paragraph)]:
                if rpr is None:
                    continue
                if bold is None:
                    bold = _on(rpr.find(W + "b"))
                if caps is None:
                    caps = _on(rpr.find(W + "caps"))
                if font is None:
                    font = _font_of(rpr)
            self._cache[key] = (
                self.default_bold if bold is None else bold,
                self.default_caps if caps is None else caps,
                self.default_font if font is None else font,
            )
        return self._cache[key]


def _font_of(rpr: Element) -> str | None:
    fonts = rpr.find(W + "rFonts")
    if fonts is None:
        return None
    return fonts.get(W + "ascii") or fonts.get(W + "hAnsi") or fonts.get(W + "cs") or None


def _run_text(run: Element) -> str:
    parts = []
    for child in run:
        tag = child.tag
        if tag == W + "t":
            parts.append(child.text or "")
        elif tag in (W + "tab", W + "ptab"):
            parts.append(" ")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
    return "".join(parts)


class _Reader:
    def __init__(self, path: Path, styles: _Styles):
        self.path = path
        self.styles = styles
        self.legacy: str | None = None

    def paragraph(self, p: Element) -> tuple[str, bool, str]:
        """(text, every run bold, first font) of a paragraph."""
        ppr = p.find(W + "pPr")
        pstyle_el = ppr.find(W + "pStyle") if ppr is not None else None
        pstyle = pstyle_el.get(W + "val", "") if pstyle_el is not None else ""
        # run properties set on the paragraph mark apply to nothing visible: ignored
        texts: list[str] = []
        all_bold = True
        any_text = False
        first_font = ""
        for run in p.iter(W + "r"):
            text = _run_text(run)
            if not text:
                continue
            rpr = run.find(W + "rPr")
            rstyle = ""
            bold = caps = font = None
            if rpr is not None:
                rs = rpr.find(W + "rStyle")
                rstyle = rs.get(W + "val", "") if rs is not None else ""
                bold = _on(rpr.find(W + "b"))
                caps = _on(rpr.find(W + "caps"))
                font = _font_of(rpr)
            style_bold, style_caps, style_font = self.styles.resolve(rstyle, pstyle)
            bold = style_bold if bold is None else bold
            caps = style_caps if caps is None else caps
            font = style_font if font is None else font
            legacy, font_caps = encoding.legacy_font(font)
            decoded = encoding.decode_legacy(text, legacy, font_caps)
            if decoded is not None:
                text, self.legacy = decoded, legacy
            if caps:
                text = text.upper()
            texts.append(text)
            if text.strip():
                any_text = True
                all_bold = all_bold and bool(bold)
                first_font = first_font or (font or "")
        return "".join(texts), any_text and all_bold, first_font

    def cell(self, tc: Element) -> RawCell:
        lines = []
        bold = True
        any_text = False
        font = ""
        for p in tc.iter(W + "p"):
            text, p_bold, p_font = self.paragraph(p)
            lines.append(text)
            if text.strip():
                any_text = True
                bold = bold and p_bold
                font = font or p_font
        return RawCell(text="\n".join(lines), bold=any_text and bold, font=font)

    def table(self, tbl: Element, number: int, preamble: list[str]) -> RawTable:
        rows: list[list[RawCell]] = []
        vertical: dict[int, str] = {}  # column → text of the merge started above
        for tr in tbl.findall(W + "tr"):
            row: list[RawCell] = []
            trpr = tr.find(W + "trPr")
            before = trpr.find(W + "gridBefore") if trpr is not None else None
            if before is not None:
                row.extend(RawCell(covered=True) for _ in range(_int(before.get(W + "val"), 0)))
            for tc in _cells_of(tr):
                tcpr = tc.find(W + "tcPr")
                span = 1
                vmerge = None
                hmerge = None
                if tcpr is not None:
                    gs = tcpr.find(W + "gridSpan")
                    span = max(1, min(_int(gs.get(W + "val") if gs is not None else None, 1), 64))
                    vmerge = tcpr.find(W + "vMerge")
                    hmerge = tcpr.find(W + "hMerge")
                column = len(row)
                if hmerge is not None and hmerge.get(W + "val", "continue") == "continue" and row:
                    # the older horizontal merge: this cell is part of the one to its left
                    owner = column - 1
                    while owner > 0 and row[owner].covered:
                        owner -= 1
                    row[owner].span += span
                    row.extend(RawCell(covered=True) for _ in range(span))
                    continue
                if vmerge is not None and vmerge.get(W + "val", "continue") == "continue":
                    cell = RawCell(span=span, above=vertical.get(column, ""))
                else:
                    cell = self.cell(tc)
                    cell.span = span
                    if vmerge is not None:
                        vertical[column] = cell.text
                    else:
                        vertical.pop(column, None)
                row.append(cell)
                row.extend(RawCell(covered=True) for _ in range(span - 1))
            del row[safety.MAX_COLUMNS:]
            rows.append(row)
            if len(rows) > safety.MAX_ROWS:
                safety.check_rows(self.path, f"Bảng {number}", len(rows))
        table = RawTable(source=f"Bảng {number}", rows=rows, row_numbers=list(range(1, len(rows) + 1)),
                         preamble=preamble)
        table.pad()
        table.drop_covered_columns()
        return table


def _continues(before: RawTable, table: RawTable) -> bool:
    """A table that goes on from the one before it: a PDF turned into Word often gives one
    table per page, with nothing but empty paragraphs or a page break between them. Same
    columns, no text between, and either the header again on top of it or more columns
    than the two of a document's heading and signature tables. (Two appendices written
    back to back are told apart again by their headers: `plan_import._split_tables`.)"""
    if not table.rows or table.width != before.width:
        return False
    first = [cell.text.strip() for cell in table.rows[0]]
    repeated = any(first) and any(first == [cell.text.strip() for cell in row] for row in before.rows[:3])
    return repeated or table.width >= 3


def _join(before: RawTable, table: RawTable) -> None:
    """The next page's rows appended; a vertical merge carried on from the page before
    (a cell continuing a merge with nothing above it in its own table) takes that merge's text."""
    last = before.rows[-1]
    for row in table.rows:
        carried = False
        for column, cell in enumerate(row):
            if cell.above == "" and column < len(last):
                above = last[column].text or last[column].above
                if above:
                    cell.above = above
                    carried = True
        if not carried:
            break
        last = row
    offset = before.row_numbers[-1] if before.row_numbers else 0
    before.page_starts.add(len(before.rows))
    before.rows.extend(table.rows)
    before.row_numbers.extend(n + offset for n in table.row_numbers)


def _cells_of(tr: Element):
    """The row's cells, including those wrapped in content controls (<w:sdt>)."""
    for child in tr:
        if child.tag == W + "tc":
            yield child
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from content.iter(W + "tc")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _parse(path: Path, archive: zipfile.ZipFile, name: str) -> Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _MAX_XML_BYTES:
        raise safety.refuse(path, "văn bản quá lớn để là một phụ lục kế hoạch")
    data = archive.read(info)
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise safety.refuse(path, "tệp chứa khai báo XML không được phép (có thể là tệp độc hại)") from exc
    except ParseError as exc:
        raise safety.refuse(path, "văn bản Word bị hỏng (nội dung XML không đọc được)") from exc


def read_docx(path: Path) -> list[RawTable]:
    # a damaged archive (bad zip, deflate or CRC): the one guard in readers.read_tables
    with zipfile.ZipFile(path) as archive:
        document = _parse(path, archive, "word/document.xml")
        styles = _parse(path, archive, "word/styles.xml")
    if document is None:
        raise safety.refuse(path, "văn bản Word bị hỏng (thiếu phần nội dung)")
    body = document.find(W + "body")
    if body is None:
        return []
    reader = _Reader(path, _Styles(styles))
    tables: list[RawTable] = []
    preamble: list[str] = []
    context: list[str] = []  # the paragraphs (and heading tables' lines) so far

    def walk(parent: Element) -> None:
        nonlocal preamble
        for element in parent:
            if element.tag == W + "p":
                text = reader.paragraph(element)[0].strip()
                if text:
                    preamble.append(text)
                    del preamble[:-6]
                    if len(context) < 300:
                        context.append(text)
            elif element.tag == W + "tbl":
                if len(tables) >= _MAX_TABLES:
                    raise safety.refuse(path, f"văn bản có hơn {_MAX_TABLES} bảng, không giống một phụ lục kế hoạch")
                reader.legacy = None
                read = reader.table(element, len(tables) + 1, preamble)
                if not preamble and tables and _continues(tables[-1], read):
                    _join(tables[-1], read)
                    tables[-1].encoding = tables[-1].encoding or reader.legacy
                    continue
                tables.append(read)
                tables[-1].context = list(context)
                if len(tables[-1].rows) <= 4 and len(context) < 300:
                    # a heading table ("UBND … | CỘNG HÒA …", "Số: 13/KH-UBND | Ia Kha, ngày …")
                    context.extend(line.strip() for row in tables[-1].rows for c in row
                                   for line in c.text.split("\n") if line.strip())
                tables[-1].encoding = reader.legacy
                preamble = []
            elif element.tag in (W + "sdt", W + "customXml"):
                content = element.find(W + "sdtContent")
                walk(content if content is not None else element)

    walk(body)
    return tables
