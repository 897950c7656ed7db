"""The report as a PDF laid out per Nghị định 30/2020 (see shared/report-format.md).

Rendered only from a ReportContent dict, and deterministically: reportlab runs in
invariant mode and the document date comes from the content, so exporting a signed
report again with the same program gives the same bytes. A new layout (as issue 13's)
changes the bytes of a re-export of a report signed before it: the file exported at
sign-off still verifies by the hash stored then (signoff.verify_file), and a re-export
verifies through its fingerprint, rendered again by today's code; but an Excel file
exported before and saved again by another program no longer matches cell for cell. Every text is NFC (reportlab does not place combining
marks) and every font is an embedded TrueType subset.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate, Flowable, Frame, FrameBreak, KeepTogether, NextPageTemplate, PageBreak, PageTemplate,
    Paragraph, Spacer, Table, TableStyle,
)

from parcdesk.report.content import (
    POINT_LETTERS, ReportContent, footer_text, format_dateline, format_doc_number,
    format_short_date,
)
from parcdesk.report.fonts import FontFamily, report_fonts
from parcdesk.report.proof import proof_canvas
from parcdesk.report.wording import (
    NBSP, count_phrase, keep_together, proper_names, says_nothing, target_lines, target_summary,
)
from parcdesk.text import clean, nfc

PORTRAIT = A4
LANDSCAPE = landscape(A4)
# report-format.md: top 20–25, bottom 20–25, left 30–35, right 15–20 mm
TOP, BOTTOM, LEFT, RIGHT = 20 * mm, 20 * mm, 30 * mm, 15 * mm
BODY_SIZE = 14
TABLE_SIZE = 11


_SIGN_SPACE = re.compile(r"([≥≤<>=]) (?=\d)")


def text(value) -> str:
    """User text made safe for a Paragraph: NFC, escaped, line breaks kept, "≥ 100%" unbroken."""
    value = _SIGN_SPACE.sub("\\1\u00a0", nfc(clean(str(value or ""))))
    return escape(value).replace("\n", "<br/>")


class Styles:
    def __init__(self, fonts: FontFamily):
        self.fonts = fonts
        base = dict(fontName=fonts.regular, textColor=colors.black)

        def style(name, **kw):
            return ParagraphStyle(name, **kw) if "parent" in kw else ParagraphStyle(name, **{**base, **kw})

        self.parent = style("parent", fontSize=13, leading=15, alignment=TA_CENTER)
        self.unit = style("unit", fontName=fonts.bold, fontSize=13, leading=15, alignment=TA_CENTER)
        self.nation = style("nation", fontName=fonts.bold, fontSize=12, leading=15, alignment=TA_CENTER)
        self.motto = style("motto", fontName=fonts.bold, fontSize=13, leading=15, alignment=TA_CENTER)
        self.number = style("number", fontSize=13, leading=16, alignment=TA_CENTER)
        self.dateline = style("dateline", fontName=fonts.italic, fontSize=14, leading=16, alignment=TA_CENTER)
        self.doctype = style("doctype", fontName=fonts.bold, fontSize=14, leading=17, alignment=TA_CENTER)
        self.summary = style("summary", fontName=fonts.bold, fontSize=14, leading=17, alignment=TA_CENTER)
        self.note = style("note", fontName=fonts.italic, fontSize=13, leading=16, alignment=TA_CENTER)
        self.addressee = style("addressee", fontSize=14, leading=17, alignment=TA_CENTER)
        self.body = style("body", fontSize=BODY_SIZE, leading=18, alignment=TA_JUSTIFY,
                          firstLineIndent=10 * mm, spaceAfter=6)
        # a long paragraph cut in pieces (see LONG_CELL): no indent and no space between them
        self.body_piece = style("body_piece", parent=self.body, spaceAfter=0)
        self.body_continued = style("body_continued", parent=self.body, firstLineIndent=0, spaceAfter=0)
        self.body_last = style("body_last", parent=self.body, firstLineIndent=0)
        self.placeholder = style("placeholder", parent=self.body, fontName=fonts.italic,
                                 textColor=colors.Color(0.35, 0.35, 0.35))
        self.heading = style("heading", fontName=fonts.bold, fontSize=BODY_SIZE, leading=18,
                             firstLineIndent=10 * mm, spaceBefore=4, spaceAfter=6, alignment=TA_JUSTIFY,
                             keepWithNext=1)
        self.subheading = style("subheading", parent=self.heading, spaceBefore=0)
        self.sign = style("sign", fontName=fonts.bold, fontSize=14, leading=17, alignment=TA_CENTER)
        self.recipients_label = style("recipients_label", fontName=fonts.bolditalic, fontSize=12, leading=14)
        self.recipients = style("recipients", fontSize=11, leading=13)
        self.appendix_label = style("appendix_label", fontName=fonts.bold, fontSize=14, leading=17,
                                    alignment=TA_CENTER)
        self.appendix_title = style("appendix_title", fontName=fonts.bold, fontSize=14, leading=17,
                                    alignment=TA_CENTER)
        self.appendix_note = style("appendix_note", fontName=fonts.italic, fontSize=14, leading=17,
                                   alignment=TA_CENTER, spaceAfter=8)
        self.cell = style("cell", fontSize=TABLE_SIZE, leading=13, alignment=TA_LEFT)
        self.cell_bold = style("cell_bold", parent=self.cell, fontName=fonts.bold)
        self.cell_center = style("cell_center", parent=self.cell, alignment=TA_CENTER)
        self.cell_center_bold = style("cell_center_bold", parent=self.cell_center, fontName=fonts.bold)
        self.cell_head = style("cell_head", parent=self.cell_center_bold)
        # the TT cell of a row's part continued on a new page: "TC 1.4 (tiếp theo)"
        self.cell_continued = style("cell_continued", parent=self.cell_center, fontName=fonts.italic)


class Rule(Flowable):
    """A solid line of a given length, centred in whatever width it is given (a frame or a cell).

    `measure` gives the length when it depends on how the text above it was laid out."""

    def __init__(self, length: float, above: float = 3, below: float = 4, thickness: float = 0.6, measure=None):
        super().__init__()
        self.length, self.above, self.below, self.thickness = length, above, below, thickness
        self.measure = measure

    def wrap(self, availWidth, availHeight):
        self._avail = availWidth
        if self.measure is not None:
            self.length = self.measure()
        return availWidth, self.above + self.thickness + self.below

    def draw(self):
        x = (self._avail - self.length) / 2
        y = self.below + self.thickness / 2
        self.canv.setLineWidth(self.thickness)
        self.canv.line(x, y, x + self.length, y)


class Gap(Flowable):
    """One centred line drawn as pieces with blank gaps between them, where a number will be
    written by hand ("Số:      /BC-UBND"): Paragraph would collapse the spaces."""

    def __init__(self, pieces: list, font: str, size: float, leading: float):
        super().__init__()
        self.pieces, self.font, self.size, self.leading = pieces, font, size, leading

    def _width(self) -> float:
        return sum(p if isinstance(p, (int, float)) else stringWidth(p, self.font, self.size) for p in self.pieces)

    def wrap(self, availWidth, availHeight):
        self._avail = availWidth
        return availWidth, self.leading

    def draw(self):
        x = (self._avail - self._width()) / 2
        y = self.leading - self.size
        self.canv.setFont(self.font, self.size)
        for piece in self.pieces:
            if isinstance(piece, (int, float)):
                x += piece
            else:
                self.canv.drawString(x, y, piece)
                x += stringWidth(piece, self.font, self.size)


def rule(width: float, before: float = 4, after: float = 4) -> Rule:
    return Rule(width, before, after)


class Balanced(Paragraph):
    """A centred heading whose lines are as even as its line count allows: the narrowest width
    that still gives the same number of lines, centred in the frame (a three-line title then
    breaks in thirds, not two full lines and a stub)."""

    def wrap(self, availWidth, availHeight):
        Paragraph.wrap(self, availWidth, availHeight)
        lines = len(self.blPara.lines)
        low, high = availWidth * 0.5, availWidth
        if lines > 1:
            for _ in range(10):
                middle = (low + high) / 2
                Paragraph.wrap(self, middle, availHeight)
                if len(self.blPara.lines) > lines:
                    low = middle
                else:
                    high = middle
        self.hAlign = "CENTER"
        self.balanced_width = high
        return Paragraph.wrap(self, high, availHeight)

    def longest_line(self) -> float:
        """The width of its longest line once wrapped (what a rule under it is measured against)."""
        width = self.balanced_width
        return max(width - (line[0] if isinstance(line, tuple) else line.extraSpace) for line in self.blPara.lines)


# Below this much free space, a row taller than a page starts on the next page rather than
# with a few lines at the foot of this one.
_MIN_ROW_SPLIT_GAP = 60


class SplittingTable(Table):
    """A table that breaks across pages as an officer would lay it out by hand.

    - A row that fits on a page is never cut: the page ends before it.
    - A row taller than a page is cut, filling the page; its rest goes on under the repeated
      header, which is closed by its rule, and the rest's TT cell says "TC 1.4 (tiếp theo)".
    - An area (section) row never ends a page without its first item, and the appendix's last
      page never holds one lone row (`last_part`).
    - Each page ends either between rows or inside a row, never both: reportlab's own
      splitInRow would split between rows first and try the rest, header repeated, in the space
      left on the same page — the header would show up in mid-page.

    `row_codes` and `row_kinds` (one per row, header rows included) travel with each part."""

    row_codes: list[str] | None = None
    row_kinds: list[str] | None = None
    page_height: float | None = None  # a frame's full height
    last_part = False
    continued_style: ParagraphStyle | None = None

    def _meta(self, index: int) -> tuple[str, str]:
        codes, kinds = self.row_codes, self.row_kinds
        return ((codes[index] if codes else ""), (kinds[index] if kinds else "item"))

    def split(self, availWidth, availHeight):
        self._calc(availWidth, availHeight)
        heights, repeat = self._rowHeights, self.repeatRows
        header = sum(heights[:repeat])
        used, n = header, repeat
        while n < len(heights) and used + heights[n] <= availHeight:
            used += heights[n]
            n += 1
        if n >= len(heights):
            return [self]
        page = self.page_height or availHeight
        if heights[n] + header <= page:  # fits on the next page: keep it whole
            return self._between(n)
        if availHeight - used >= _MIN_ROW_SPLIT_GAP and self.splitInRow:
            parts = self._splitRows(availHeight, doInRowSplit=1)
            if len(parts) == 2:
                return self._carry(parts, len(parts[0]._cellvalues) - 1, continued=True)
        return self._between(n)

    def _between(self, n: int) -> list:
        """Split before row `n`, moved up past an area row that would end the page alone and,
        on the appendix's last page, past a row that would stand there alone."""
        repeat, rows = self.repeatRows, len(self._rowHeights)
        if self.last_part and rows - n == 1 and n - 1 > repeat:
            n -= 1
        while n - 1 > repeat and self._meta(n - 1)[1] == "area":
            n -= 1
        if n <= repeat:
            return []  # nothing fits here: the whole table tries the next page
        parts = self._splitRows(sum(self._rowHeights[:n]) + 0.001, doInRowSplit=0)
        if len(parts) != 2:
            return parts
        return self._carry(parts, n, continued=False)

    def _carry(self, parts: list, n: int, *, continued: bool) -> list:
        """The two parts, each knowing its rows; the second's header closed by its rule, its
        first row marked as continued when a row was cut at row `n`."""
        first, rest = parts
        repeat = self.repeatRows
        codes = [self._meta(i)[0] for i in range(len(self._rowHeights))]
        kinds = [self._meta(i)[1] for i in range(len(self._rowHeights))]
        first.row_codes, first.row_kinds = codes[:len(first._cellvalues)], kinds[:len(first._cellvalues)]
        rest.row_codes, rest.row_kinds = codes[:repeat] + codes[n:], kinds[:repeat] + kinds[n:]
        for part in parts:
            part.page_height, part.continued_style = self.page_height, self.continued_style
        rest.last_part = self.last_part
        # close the page's part of the table (a row cut in two has no bottom line of its own)
        first.setStyle(TableStyle([("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.black)]))
        style = [("LINEBELOW", (0, repeat - 1), (-1, repeat - 1), 0.5, colors.black)]
        if continued:
            style.append(("LINEABOVE", (0, repeat), (-1, repeat), 0.5, colors.black))
            code = codes[n]
            if code and self.continued_style is not None:
                rest._cellvalues[repeat][0] = LaidOutOnce(
                    text(code).replace(" ", NBSP) + "<br/>(tiếp theo)", self.continued_style)
                rest._argH = list(rest._argH)
                rest._argH[repeat] = None  # measured anew with its mark
                rest._rowHeights = rest._argH
        rest.setStyle(TableStyle(style))
        return [first, FrameBreak(), rest]


# ---------------------------------------------------------------- the document frame

class _Document(BaseDocTemplate):
    """Portrait first page without a number; later pages numbered at the top; landscape pages
    for the appendix; the footer (fingerprint or "dự thảo") small at the bottom of each page."""

    def __init__(self, buffer, *, fonts: FontFamily, meta: dict, footer: str, stamp: datetime,
                 first_landscape: bool = False):
        super().__init__(
            buffer, pagesize=LANDSCAPE if first_landscape else PORTRAIT,
            leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP, bottomMargin=BOTTOM,
            invariant=1, initialFontName=fonts.regular, initialFontSize=BODY_SIZE,
            title=meta.get("title", ""), author=meta.get("author", ""), subject=meta.get("subject", ""),
            creator="ParcDesk", keywords=meta.get("keywords", []), lang="vi-VN",
        )
        self.fonts, self.footer, self.stamp = fonts, footer, stamp
        templates = []
        for name, size in (("first", PORTRAIT), ("portrait", PORTRAIT), ("first_landscape", LANDSCAPE),
                           ("landscape", LANDSCAPE)):
            width, height = size
            frame = Frame(LEFT, BOTTOM, width - LEFT - RIGHT, height - TOP - BOTTOM, id=name,
                          leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
            templates.append(PageTemplate(id=name, frames=[frame], pagesize=size, onPage=self._decorate))
        if first_landscape:
            templates.insert(0, templates.pop(2))
        self.addPageTemplates(templates)

    def _decorate(self, canvas, doc) -> None:
        width, height = canvas._pagesize
        page = canvas.getPageNumber()
        if page == 1:
            canvas.setDateFormatter(lambda *_: pdf_date(self.stamp))
        canvas.saveState()
        if page > 1:  # from page 2 on, centred in the top margin
            canvas.setFont(self.fonts.regular, 13)
            canvas.drawCentredString(width / 2, height - TOP / 2 - 4, str(page))
        if self.footer:
            canvas.setFont(self.fonts.regular, 7)
            canvas.setFillColor(colors.Color(0.3, 0.3, 0.3))
            canvas.drawRightString(width - RIGHT, BOTTOM / 2 - 2, self.footer)
        canvas.restoreState()


def pdf_date(stamp: datetime) -> str:
    """"D:20250405093000+07'00'": the document's date, taken from the content, never the clock."""
    offset = stamp.utcoffset()
    if offset is None:
        return stamp.strftime("D:%Y%m%d%H%M%S")
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return stamp.strftime("D:%Y%m%d%H%M%S") + f"{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"


def _stamp_of(content: ReportContent) -> datetime:
    signed = (content.get("signoff") or {}).get("signed_at")
    if signed:
        return datetime.fromisoformat(signed)
    return datetime.combine(date.fromisoformat(content["date"]), datetime.min.time())


# ---------------------------------------------------------------- page 1

def _header(content: ReportContent, st: Styles, width: float) -> list:
    left_w, right_w = 70 * mm, width - 70 * mm
    unit = content["header"]["unit"]
    unit_lines = [unit]
    if stringWidth(unit, st.fonts.bold, 13) > left_w - 4 and unit.startswith("ỦY BAN NHÂN DÂN "):
        unit_lines = ["ỦY BAN NHÂN DÂN", unit[len("ỦY BAN NHÂN DÂN "):]]
    unit_width = min(max(stringWidth(line, st.fonts.bold, 13) for line in unit_lines), left_w - 4)
    motto = "Độc lập - Tự do - Hạnh phúc"
    left = [Paragraph(text(content["header"]["parent"]), st.parent),
            Paragraph("<br/>".join(text(line) for line in unit_lines), st.unit),
            rule(unit_width * 0.4)]
    right = [Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", st.nation),
             Paragraph(motto, st.motto),
             rule(stringWidth(motto, st.fonts.bold, 13))]
    dateline = format_dateline(content["office"]["place"], content["date"])
    table = Table(
        [[left, right],
         [number_line(content["number"], content["symbol"], st),
          Paragraph(text(dateline), st.dateline)]],
        colWidths=[left_w, right_w], hAlign="CENTER",
    )
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), st.fonts.regular, TABLE_SIZE),  # else string cells name Helvetica
        ("VALIGN", (0, 0), (-1, 0), "TOP"),
        ("VALIGN", (0, 1), (-1, 1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1), ("RIGHTPADDING", (0, 0), (-1, -1), 1),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return [table]


def number_line(number: str, symbol: str, st: Styles) -> Flowable:
    """"Số: 12/BC-UBND", or with the number left blank for the clerk: "Số:      /BC-UBND"."""
    if number:
        return Paragraph(text(format_doc_number(number, symbol)), st.number)
    return Gap(["Số:", 13 * mm, f"/{symbol}"], st.fonts.regular, 13, 16)


def _title(content: ReportContent, st: Styles, width: float) -> list:
    summary = Balanced(keep_together(text(content["summary"]), _names(content)), st.summary)
    story = [Spacer(1, 8 * mm), Paragraph("BÁO CÁO", st.doctype), summary,
             Rule(0, 7, 6, measure=lambda: summary_rule(summary.longest_line()))]
    signoff = content.get("signoff") or {}
    replaces = signoff.get("replaces")
    if replaces:
        story.append(Paragraph(
            text(f"(Phiên bản {signoff['version']}, thay thế báo cáo đã chốt ngày "
                 f"{format_short_date(replaces['signed_at'][:10])}; lý do: {signoff['reason']})"), st.note))
    if content.get("addressee"):
        story += [Spacer(1, 2 * mm), Paragraph(text(f"Kính gửi: {content['addressee']}."), st.addressee)]
    story.append(Spacer(1, 5 * mm))
    return story


def summary_rule(longest_line: float) -> float:
    """The rule under the summary: 0.4 of its longest line (the rule: one third to one half)."""
    return max(longest_line * 0.4, min(25 * mm, longest_line * 0.5))


def _names(content: ReportContent) -> list[str]:
    office = content["office"]
    return proper_names(office["unit_name"], office["superior"], office["place"])


def _area_name(area: dict) -> str:
    """An area as a point of a section names it: its title, without its own numeral (the point
    letter numbers it: "a) Công tác chỉ đạo điều hành", not "a) I. Công tác…")."""
    return area["title"].strip().rstrip(".:")


def _point(index: int) -> str:
    return POINT_LETTERS[index] if index < len(POINT_LETTERS) else str(index + 1)


def _section_text(value: str, st: Styles) -> list:
    if not value:
        return [Paragraph("(Chưa nhập nội dung.)", st.placeholder)]
    story = []
    for line in value.split("\n"):
        if not line.strip():
            continue
        first, *rest = pieces(line, BODY_PIECE) if len(line) > LONG_CELL else [line]  # see LONG_CELL
        story.append(Paragraph(text(first), st.body_piece if rest else st.body))
        story += [Paragraph(text(piece), st.body_continued if n < len(rest) else st.body_last)
                  for n, piece in enumerate(rest, start=1)]
    return story


def _section_with_items(value: str, lines: list[str], st: Styles, replaces_nothing: bool) -> list:
    """The officer's section text, then what was typed on the items (report/content.py item_notes);
    a text saying only "Không có." does not stand above notes that say otherwise (unless the
    content predates that rule: report/snapshot.py, format 3)."""
    if not lines:
        return _section_text(value, st)
    if replaces_nothing and says_nothing(value):
        value = ""
    return (_section_text(value, st) if value else []) + [Paragraph(text(line), st.body) for line in lines]


def _body(content: ReportContent, st: Styles) -> list:
    story = [Paragraph(text(content["intro"]), st.body)]
    sections = content["sections"]
    story.append(Paragraph("I. KẾT QUẢ ĐẠT ĐƯỢC", st.heading))
    story.append(Paragraph("1. Tình hình thực hiện các nhiệm vụ", st.subheading))
    totals = content["totals"]
    story.append(Paragraph(text(f"Kế hoạch {count_phrase(totals)} (chi tiết tại Phụ lục kèm theo)."), st.body))
    if content.get("figures"):
        story.append(Paragraph(text(content["figures"]["caption"]), st.body))
    shown = [area for area in content["areas"] if area["counts"]["total"]]
    for index, area in enumerate(shown):
        story.append(Paragraph(text(f"{_point(index)}) {_area_name(area)}: {count_phrase(area['counts'])}."),
                               st.body))
    story.append(Paragraph("2. Kết quả thực hiện các chỉ tiêu đo được", st.subheading))
    measured = [area for area in content["areas"] if area["met"] or area["unmet"] or area["no_value"]]
    for index, area in enumerate(measured):
        summary = target_summary(len(area["met"]), len(area["unmet"]), area["no_value"])
        story.append(Paragraph(text(f"{_point(index)}) {_area_name(area)}: {summary}."), st.body))
        for label, entries, verb in (("Các chỉ tiêu đã đạt:", area["met"], "đạt"),
                                     ("Các chỉ tiêu chưa đạt:", area["unmet"], "mới đạt")):
            if entries:
                story.append(Paragraph(text(label), st.body))
                story += [Paragraph(text(line), st.body) for line in target_lines(entries, verb)]
    if not measured:
        story.append(Paragraph("Trong kỳ chưa có chỉ tiêu đo được nào có số liệu.", st.body))
    story.append(Paragraph("3. Kết quả nổi bật", st.subheading))
    story += _section_text(sections["results"], st)
    story.append(Paragraph("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", st.heading))
    notes = content.get("item_notes") or {}
    story += _section_with_items(sections["shortcomings"], notes.get("difficulties", []), st,
                                 bool(notes.get("replaces_nothing")))
    story.append(Paragraph("III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI", st.heading))
    story += _section_text(sections["next_tasks"], st)
    story.append(Paragraph("IV. ĐỀ XUẤT, KIẾN NGHỊ", st.heading))
    story += _section_with_items(sections["proposals"], notes.get("proposals", []), st,
                                 bool(notes.get("replaces_nothing")))
    return story


def _closing(content: ReportContent, st: Styles) -> Paragraph:
    closing = (f"Trên đây là báo cáo kết quả thực hiện {content['period']['label']} "
               f"của {content['office']['unit_name']}./.")
    return Paragraph(keep_together(text(closing), _names(content)), st.body)


def recipient_lines(recipients: list[str]) -> list[str]:
    """"- Như trên;" … and the last "- Lưu: VT, VP." (a "Lưu" line is added when missing)."""
    lines = list(recipients)
    if not any(line.lower().startswith("lưu") for line in lines):
        lines.append("Lưu: VT, VP")
    lines = [line for line in lines if not line.lower().startswith("lưu")] + \
            [line for line in lines if line.lower().startswith("lưu")][:1]
    return [f"- {line}{'.' if i == len(lines) - 1 else ';'}" for i, line in enumerate(lines)]


def _signature(content: ReportContent, st: Styles, width: float) -> list:
    signer = content["signer"]
    left = [Paragraph("Nơi nhận:", st.recipients_label),
            Paragraph("<br/>".join(text(line) for line in recipient_lines(content["recipients"])), st.recipients)]
    right = []
    if signer["authority"]:
        right.append(Paragraph(text(signer["authority"]), st.sign))
    right += [Paragraph(text(signer["position"]), st.sign), Spacer(1, 26 * mm),
              Paragraph(text(signer["name"]) or "&nbsp;", st.sign)]
    table = Table([[left, right]], colWidths=[width * 0.48, width * 0.52])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), st.fonts.regular, TABLE_SIZE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return [Spacer(1, 4 * mm), table]


# ---------------------------------------------------------------- the appendix table

# Text length. reportlab splits a row across pages by splitting its cells' paragraphs, and
# each split lays out again all the text left over, as does each measure of the rows left:
# a text that runs over k pages is laid out about k times (measured: 250 KB in one cell took
# 97 s, 1 MB did not finish). So:
# - a cell's text longer than `LONG_CELL` keeps its first `CELL_HEAD` characters in the
#   cell, and the rest follows right under the item's row, across the table's width (in the
#   narrow column a 1 MB text would be a thousand pages), in a table of its own whose header
#   says whose text it continues and repeats on each page; its rows are pieces of `PIECE`
#   characters, each laid out once or twice. The appendix then goes on under its header.
# - a body paragraph longer than `LONG_CELL` is cut into paragraphs of `BODY_PIECE`.
# - paragraphs keep their layout for a width (`LaidOutOnce`): a table measures the rows it
#   may place several times a page.
# A table without long texts is exactly what it always was.
LONG_CELL = 2000
CELL_HEAD = 600
PIECE = 2500
BODY_PIECE = 3000


class LaidOutOnce(Paragraph):
    """A Paragraph that lays its text out once per width: `wrap` reads nothing but the width
    (and the style), and reportlab's Paragraph would break all its lines anew at each call."""

    def wrap(self, availWidth, availHeight):
        if getattr(self, "_laid_out_for", None) != availWidth:
            self._laid_out = super().wrap(availWidth, availHeight)
            self._laid_out_for = availWidth
        return self._laid_out


def pieces(value: str, limit: int) -> list[str]:
    """`value` in consecutive parts of at most `limit` characters, cut at a line break or a space
    where there is one (that one character dropped), so that nothing else is lost."""
    parts = []
    start, length = 0, len(value)
    while length - start > limit:
        end = start + limit
        cut = value.rfind("\n", start + limit // 2, end)
        if cut < 0:
            cut = value.rfind(" ", start + limit // 2, end)
        if cut < 0:
            parts.append(value[start:end])
            start = end
        else:
            parts.append(value[start:cut])
            start = cut + 1
    parts.append(value[start:])
    return parts


def _grid_style(st: Styles) -> list:
    return [
        ("FONT", (0, 0), (-1, -1), st.fonts.regular, TABLE_SIZE),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]


def _continuation(label: str, tt: str, rest: str, st: Styles, widths: list[float]) -> Table:
    """The rest of one long cell: "TT" kept as a column, the text across all the others, no
    line between its pieces, a header naming the item repeated on each page."""
    head = f"{label} của mục {tt} (tiếp theo)" if tt else f"{label} (tiếp theo)"
    data = [["", LaidOutOnce(text(head), st.cell_bold)]]
    data += [["", LaidOutOnce(text(piece), st.cell)] for piece in pieces(rest, PIECE)]
    style = _grid_style(st)[:1] + _grid_style(st)[2:] + [
        ("BOX", (0, 0), (-1, -1), 0.5, colors.black),
        ("LINEAFTER", (0, 0), (0, -1), 0.5, colors.black),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
        ("TOPPADDING", (0, 2), (-1, -1), 0),
    ]
    table = SplittingTable(data, colWidths=[widths[0], sum(widths[1:])], repeatRows=1, splitByRow=1,
                           splitInRow=24)
    table.setStyle(TableStyle(style))
    return table


# the TT column holds the longest code unbroken ("TCTP 3.10.2"), up to this much
_CODE_COLUMN_MAX = 30 * mm
_CELL_PADDING = 6  # left + right padding of a cell (_grid_style)


def _code(value: str) -> str:
    """A code in the TT column: one unit, never "TCTP / 1.3.1" over two lines."""
    return text(value).replace(" ", NBSP)


def column_widths(columns: list, rows: list[dict], st: Styles, width: float) -> list[float]:
    """The columns' widths in points, in the proportions the content gives, the TT column widened
    to hold its longest code on one line (taken from the widest column). Computed at rendering,
    so that a signed report's snapshot, which carries its column widths, is laid out alike."""
    total_mm = sum(c[2] for c in columns)
    widths = [width * c[2] / total_mm for c in columns]
    if not columns or columns[0][0] != "tt":
        return widths
    longest = max((stringWidth(text(r.get("tt") or ""), st.fonts.bold if r["kind"] == "area" else st.fonts.regular,
                               TABLE_SIZE) for r in rows), default=0)
    needed = min(longest + _CELL_PADDING + 1, _CODE_COLUMN_MAX)
    if needed > widths[0]:
        widest = max(range(1, len(widths)), key=lambda i: widths[i])
        widths[widest] -= needed - widths[0]
        widths[0] = needed
    return widths


def appendix_table(columns: list, rows: list[dict], st: Styles, width: float) -> list[Flowable]:
    """The header row repeated on every page, numbered rows, areas as bold section rows; a long
    text's rest in a table of its own under its item's row (see LONG_CELL), the appendix going
    on under its header after it."""
    widths = column_widths(columns, rows, st, width)
    cell, bold, center, center_bold = st.cell, st.cell_bold, st.cell_center, st.cell_center_bold
    header = [LaidOutOnce(text(c[1]), st.cell_head) for c in columns]
    keys = [c[0] for c in columns]
    labels = {c[0]: c[1] for c in columns}
    last = len(columns) - 1
    story: list[Flowable] = []
    data, style = [header], _grid_style(st)
    codes, kinds = [""], ["head"]

    def close(last_part: bool = False) -> None:
        nonlocal data, style, codes, kinds
        if len(data) > 1 or (last_part and not story):  # an empty appendix still shows its header
            table = SplittingTable(data, colWidths=widths, repeatRows=1, splitByRow=1, splitInRow=24)
            table.setStyle(TableStyle(style))
            table.row_codes, table.row_kinds, table.last_part = codes, kinds, last_part
            table.page_height, table.continued_style = LANDSCAPE[1] - TOP - BOTTOM, st.cell_continued
            story.append(table)
        data, style, codes, kinds = [header], _grid_style(st), [""], ["head"]

    def shortened(key: str, value: str, overflow: list) -> str:
        if len(value) <= LONG_CELL:
            return value
        head = pieces(value, CELL_HEAD)[0]
        overflow.append((labels[key], value[len(head) + 1:]))
        return head + " …"

    for row in rows:
        index = len(data)
        overflow: list[tuple[str, str]] = []
        codes.append(row.get("tt") or "")
        kinds.append(row["kind"])
        if row["kind"] == "area":
            title = shortened("title", row["title"] or "", overflow)
            line = [LaidOutOnce(_code(row["tt"]), center_bold), LaidOutOnce(text(title), bold)]
            line += [""] * (last - 1)
            style.append(("SPAN", (1, index), (last, index)))
            data.append(line)
        else:
            line = []
            for position, key in enumerate(keys):
                value = shortened(key, row.get(key) or "", overflow)
                if not value:
                    line.append("")
                elif position == 0:
                    line.append(LaidOutOnce(_code(value), center))
                elif key == "title" and row.get("level") == "criterion":
                    line.append(LaidOutOnce(text(value), bold))
                elif key in ("status_label", "value_text"):
                    line.append(LaidOutOnce(text(value), center))
                else:
                    line.append(LaidOutOnce(text(value), cell))
            data.append(line)
        if overflow:
            close()
            story += [_continuation(label, row.get("tt") or "", rest, st, widths) for label, rest in overflow]
    close(last_part=True)
    return story


def attached_note(kind: str, number: str, symbol: str, when: str | None, unit: str, st: Styles,
                  width: float) -> Flowable:
    """"(Kèm theo Báo cáo số 12/BC-UBND ngày 05 tháng 4 năm 2025 của UBND …)", number blank if unassigned."""
    dated = " n" + format_dateline("", when)[1:] if when else ""
    tail = f"{dated} của {unit})"
    if number:
        return Paragraph(text(f"(Kèm theo {kind} {format_doc_number(number, symbol).replace('Số:', 'số')}{tail}"),
                         st.appendix_note)
    pieces = [f"(Kèm theo {kind} số", 13 * mm, f"/{symbol}{tail}"]
    line = Gap(pieces, st.fonts.italic, 14, 25)
    if line._width() <= width:
        return line
    return Paragraph(text(f"(Kèm theo {kind} số …/{symbol}{tail}"), st.appendix_note)


def _appendix(content: ReportContent, st: Styles) -> list:
    width = LANDSCAPE[0] - LEFT - RIGHT
    story = [
        NextPageTemplate("landscape"), PageBreak(),
        Paragraph("Phụ lục", st.appendix_label),
        Balanced(keep_together(text(content["appendix"]["title"]), _names(content)), st.appendix_title),
        attached_note("Báo cáo", content["number"], content["symbol"], content["date"],
                      content["office"]["unit_name"], st, width),
        *appendix_table(content["appendix"]["columns"], content["appendix"]["rows"], st, width),
    ]
    return story


# ---------------------------------------------------------------- entry points

def report_meta(content: ReportContent, sha256: str | None) -> dict:
    unit = content["office"]["unit_name"]
    keywords = ["ParcDesk", content["period"]["code"]]
    if sha256:
        keywords.append(f"parcdesk-sha256:{sha256}")
    return {"title": f"Báo cáo {content['summary'][0].lower()}{content['summary'][1:]}", "author": unit,
            "subject": f"{unit} – {content['period']['label']}", "keywords": keywords}


def render_report_pdf(content: ReportContent, sha256: str | None = None, fonts: FontFamily | None = None) -> bytes:
    """The whole report: page 1 header, body, signature, then the landscape appendix.

    `sha256` is the signed snapshot's fingerprint (None for a draft)."""
    fonts = fonts or report_fonts()
    st = Styles(fonts)
    buffer = io.BytesIO()
    doc = _Document(buffer, fonts=fonts, meta=report_meta(content, sha256), footer=footer_text(content, sha256),
                    stamp=_stamp_of(content))
    width = PORTRAIT[0] - LEFT - RIGHT
    story = [NextPageTemplate("portrait")]
    story += _header(content, st, width)
    story += _title(content, st, width)
    story += _body(content, st)
    # the signature never stands alone on a page: the closing sentence goes with it
    story += [KeepTogether([_closing(content, st), *_signature(content, st, width)])]
    story += _appendix(content, st)
    doc.build(story, canvasmaker=proof_canvas(content, sha256))  # the content attached: report/proof.py
    return buffer.getvalue()


def render_table_pdf(*, heading: list[tuple[str, str]], columns: list, rows: list[dict], meta: dict,
                     stamp: datetime, footer: str = "", fonts: FontFamily | None = None) -> bytes:
    """A landscape table document (a plan's appendix): heading lines (style name, text), then the table."""
    fonts = fonts or report_fonts()
    st = Styles(fonts)
    buffer = io.BytesIO()
    doc = _Document(buffer, fonts=fonts, meta=meta, footer=footer, stamp=stamp, first_landscape=True)
    width = LANDSCAPE[0] - LEFT - RIGHT
    story = [NextPageTemplate("landscape")]
    story += [(Balanced if style == "appendix_title" else Paragraph)(keep_together(text(line)), getattr(st, style))
              for style, line in heading]
    story += appendix_table(columns, rows, st, width)
    doc.build(story)
    return buffer.getvalue()

