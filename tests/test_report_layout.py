"""The report's layout as a district officer checks it (issue 13, items 13–17): read back from the
real files — the PDF's drawn lines and text with pypdf, the workbook's cells and formats with openpyxl."""

import io
import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from pypdf.generic import ContentStream
from report_fixtures import PERIOD, ready_office
from reportlab.pdfbase.pdfmetrics import stringWidth

from bench.bench_report import report_content
from parcdesk.db.items import find_item
from parcdesk.db.progress import set_progress
from parcdesk.report import signoff
from parcdesk.report.content import build_report_content
from parcdesk.report.fonts import report_fonts
from parcdesk.report.pdf import render_report_pdf
from parcdesk.report.wording import COMPOUNDS
from parcdesk.report.xlsx import DATA_FIELDS, DATA_KEY_ROW, DATA_KEYS, render_report_xlsx

README = Path(__file__).parent.parent / "README.md"


def horizontal_lines(page) -> list[tuple[float, float, float]]:
    """(y, x0, x1) of every horizontal segment stroked on the page, in page coordinates."""
    ops = ContentStream(page.get_contents(), page.pdf).operations
    matrix, stack, path, found = [1, 0, 0, 1, 0, 0], [], [], []

    def at(x, y):
        a, b, c, d, e, f = matrix
        return a * x + c * y + e, b * x + d * y + f

    for operands, op in ops:
        if op == b"q":
            stack.append(matrix[:])
        elif op == b"Q":
            matrix = stack.pop()
        elif op == b"cm":
            a2, b2, c2, d2, e2, f2 = (float(v) for v in operands)
            a, b, c, d, e, f = matrix
            matrix = [a2 * a + b2 * c, a2 * b + b2 * d, c2 * a + d2 * c, c2 * b + d2 * d,
                      e2 * a + f2 * c + e, e2 * b + f2 * d + f]
        elif op == b"m":
            path.append([at(*map(float, operands))])
        elif op == b"l" and path:
            path[-1].append(at(*map(float, operands)))
        elif op in (b"S", b"s"):
            for points in path:
                for (x0, y0), (x1, y1) in zip(points, points[1:]):
                    if abs(y0 - y1) < 0.01 and abs(x1 - x0) > 1:
                        found.append((round(y0, 2), min(x0, x1), max(x0, x1)))
            path = []
        elif op == b"n":
            path = []
    return found


def appendix_pages(reader: PdfReader) -> list:
    return [p for p in reader.pages if p.mediabox.width > p.mediabox.height]


def full_width(lines, width_of_table):
    return sorted({y for y, x0, x1 in lines if x1 - x0 >= width_of_table - 2}, reverse=True)


def header_gaps(pdf: bytes) -> list[float]:
    """On each appendix page, the distance from the table's top line to the next line across the
    whole table: the header row's height where the header is closed by its rule."""
    gaps = []
    for page in appendix_pages(PdfReader(io.BytesIO(pdf))):
        lines = horizontal_lines(page)
        widest = max(x1 - x0 for _, x0, x1 in lines)
        ys = full_width(lines, widest)
        gaps.append(round(ys[0] - ys[1], 1))
    return gaps


@pytest.fixture(scope="module")
def big():
    content = report_content(500)
    return content, render_report_pdf(content)


@pytest.fixture
def office(tmp_path):
    store, plan_id = ready_office(tmp_path / "office.sqlite")
    yield store, plan_id
    store.close()


# ---------------------------------------------------------------- item 13: rows across pages

def test_every_appendix_page_header_is_closed_by_its_rule(big):
    """500 items: the header row on every page has its rule under it, at the header's height."""
    gaps = header_gaps(big[1])
    assert len(gaps) > 40
    assert len(set(gaps)) == 1, gaps  # a remainder printed under the header would make it taller


def test_a_row_taller_than_a_page_is_cut_marked_and_closed(office):
    store, plan_id = office
    long_result = "Đã niêm yết công khai thủ tục hành chính tại Bộ phận Một cửa. " * 30  # < LONG_CELL
    set_progress(store.db, find_item(store.db, plan_id, "TC 1.1"), PERIOD, result=long_result)
    pdf = render_report_pdf(build_report_content(store.db, plan_id, PERIOD))
    pages = appendix_pages(PdfReader(io.BytesIO(pdf)))
    continued = [p for p in pages if "(tiếp theo)" in p.extract_text()]
    assert continued, "the cut row's rest says it continues"
    assert continued[0].extract_text().split("(tiếp theo)")[0].split()[-2:] == ["TC", "1.1"]
    assert len(set(header_gaps(pdf))) == 1


def test_rows_that_fit_a_page_are_never_cut(big):
    """No "(tiếp theo)" anywhere when every row fits on a page (the 500-item rows all do)."""
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(big[1])).pages)
    assert "(tiếp theo)" not in text


# ---------------------------------------------------------------- item 14: the summary, the sections

def test_the_rule_under_the_summary_is_a_third_to_a_half_of_its_longest_line(office):
    store, plan_id = office
    page = PdfReader(io.BytesIO(render_report_pdf(build_report_content(store.db, plan_id, PERIOD)))).pages[0]
    text = page.extract_text()
    summary_lines = text.split("BÁO CÁO", 1)[1].split("Kính gửi")[0].strip().splitlines()
    fonts = report_fonts()
    longest = max(stringWidth(line.strip(), fonts.bold, 14) for line in summary_lines)
    rule = min(horizontal_lines(page))  # the lowest rule on page 1 is the summary's
    ratio = (rule[2] - rule[1]) / longest
    assert 1 / 3 <= ratio <= 1 / 2, ratio


def test_sections_read_as_an_officer_writes(big):
    body = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(big[1])).pages
                     if p.mediabox.width < p.mediabox.height)
    assert not re.search(r"\b[a-zđ]\) [IVXL]+\. ", body)  # no "a) I. Công tác…"
    assert not re.search(r"\b(hoàn thành|thực hiện|triển khai) 0\b", body)
    assert "+ Đã đạt" not in body and "Các chỉ tiêu đã đạt:" in body
    joined = " ".join(body.split())
    listed = re.findall(r"- TC\w* [\d.]+ ", joined)
    assert listed and len(listed) == len(re.findall(r": (?:mới )?đạt [\d,]+", joined))


def test_an_area_with_nothing_done_says_so(office):
    store, plan_id = office
    text = PdfReader(io.BytesIO(render_report_pdf(build_report_content(store.db, plan_id, PERIOD)))).pages[0]
    assert "chưa có nhiệm vụ nào hoàn thành" in " ".join(text.extract_text().split())


# ---------------------------------------------------------------- item 15: footer, widow, codes, words

def test_the_footer_names_the_sign_off_apart_from_the_report_date(office):
    store, plan_id = office
    done = signoff.sign_off(store.db, plan_id, PERIOD, signer="Thái Văn Ngự", report_date="2025-04-05")
    first = PdfReader(io.BytesIO(done.pdf)).pages[0].extract_text()
    signed_at = done.record.signed_at
    assert "ngày 05 tháng 4 năm 2025" in first
    assert f"số liệu chốt lúc {signed_at[11:16]} ngày" in first and "· chốt ngày" not in first


def test_the_last_appendix_page_never_holds_a_lone_row(big):
    content, pdf = big
    last = appendix_pages(PdfReader(io.BytesIO(pdf)))[-1]
    lines = horizontal_lines(last)
    rows = len(full_width(lines, max(x1 - x0 for _, x0, x1 in lines))) - 2  # top, header rule
    assert rows >= 2


def test_codes_stay_on_one_line_and_word_pairs_together(big):
    content, pdf = big
    text = "\n".join(p.extract_text() for p in appendix_pages(PdfReader(io.BytesIO(pdf))))
    lines = [line.strip().replace("\xa0", " ") for line in text.splitlines()]
    codes = [row["tt"] for row in content["appendix"]["rows"] if " " in row["tt"]]
    assert all(code in lines for code in codes[:50])  # each code whole on its line
    assert not [line for line in lines if line in ("TCTP", "TC")]
    # the title: no line ends in the middle of a compound ("CẢI / CÁCH")
    reader = PdfReader(io.BytesIO(pdf))
    title = appendix_pages(reader)[0].extract_text().split("Phụ lục", 1)[1].split("(Kèm theo")[0]
    title_lines = [line.strip().replace("\xa0", " ") for line in title.strip().splitlines()]
    compounds = {c.strip().upper() for c in COMPOUNDS.replace("\n", " ").split("|") if c.strip()}
    for upper, lower in zip(title_lines, title_lines[1:]):
        assert f"{upper.split()[-1]} {lower.split()[0]}" not in compounds, (upper, lower)


def test_the_place_name_is_not_broken_in_the_closing(office):
    store, plan_id = office
    reader = PdfReader(io.BytesIO(render_report_pdf(build_report_content(store.db, plan_id, PERIOD))))
    text = "\n".join(p.extract_text() for p in reader.pages)
    lines = [line.strip().replace("\xa0", " ") for line in text.splitlines()]
    assert [line for line in lines if line.endswith("Ia Kha./.")], "the place name whole on the last line"


# ---------------------------------------------------------------- item 16: the print sheet

def test_the_print_sheet_has_the_header_block_and_numbers(office):
    store, plan_id = office
    content = build_report_content(store.db, plan_id, PERIOD)
    sheet = load_workbook(io.BytesIO(render_report_xlsx(content)))["Phụ lục"]
    assert sheet["A1"].value == "UBND HUYỆN IA GRAI" and not sheet["A1"].font.b
    assert sheet["A2"].value == "ỦY BAN NHÂN DÂN THỊ TRẤN IA KHA" and sheet["A2"].font.b
    assert sheet["A3"].value.startswith("Số:") and sheet["A3"].value.endswith("/BC-UBND")
    assert sheet["D1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and sheet["D1"].font.b
    assert sheet["D2"].value == "Độc lập - Tự do - Hạnh phúc" and sheet["D2"].font.u == "single"
    assert sheet["D3"].value == "Ia Kha, ngày 05 tháng 4 năm 2025" and sheet["D3"].font.i
    header_row = int(sheet.print_title_rows.split(":")[0].lstrip("$"))
    headers = [c.value for c in sheet[header_row]]
    value_col, verdict_col = headers.index("Kết quả đạt được") + 1, headers.index("Đánh giá") + 1
    status_col = headers.index("Tình trạng") + 1
    by_code = {sheet.cell(r, 1).value: r for r in range(header_row + 1, sheet.max_row + 1)}
    row = by_code["TCTP 3.4.2"]
    cell = sheet.cell(row, value_col)
    assert cell.value == 97.5 and cell.data_type == "n" and cell.number_format == '#,##0.0"%"'
    assert sheet.cell(row, verdict_col).value == "Không đạt"
    assert sheet.cell(row, status_col).value == "Đang thực hiện"
    assert sheet.cell(by_code["TC 1.1"], value_col).number_format == '#,##0"%"'
    values = [sheet.cell(r, value_col).value for r in range(header_row + 1, sheet.max_row + 1)]
    assert not [v for v in values if isinstance(v, str)]  # nothing that should sum is text


# ---------------------------------------------------------------- item 17: the data sheet

def test_the_data_sheet_has_vietnamese_headers_over_documented_keys(office):
    store, plan_id = office
    done = signoff.sign_off(store.db, plan_id, PERIOD, signer="Thái Văn Ngự", number="12")
    data = load_workbook(io.BytesIO(done.xlsx))["Dữ liệu"]
    assert [c.value for c in data[1]] == [f[1] for f in DATA_FIELDS]
    assert [c.value for c in data[DATA_KEY_ROW]] == DATA_KEYS
    readme = README.read_text(encoding="utf-8")
    for key, header, _ in DATA_FIELDS:
        assert f"| `{key}` | {header} |" in readme
    rows = [dict(zip(DATA_KEYS, (c.value for c in row))) for row in data.iter_rows(min_row=DATA_KEY_ROW + 1)]
    item = next(r for r in rows if r["item_code"] == "TCTP 3.4.2")
    assert item["unit_key"] == "ubnd-huyen-ia-grai/ubnd-thi-tran-ia-kha"
    assert item["plan_id"] == plan_id and item["plan_created_at"] and item["plan_year_from"] == 2025
    assert item["period_code"] == PERIOD and item["period_label"] == "quý I năm 2025"
    assert item["report_number"] == "12/BC-UBND" and item["report_date"].date() == date(2025, 4, 5)
    assert item["version"] == 1 and item["fingerprint"] == done.record.sha256 and item["report_state"] == "Đã chốt"
    assert item["value"] == 97.5 and item["achieved"] is False and item["achieved_label"] == "Không đạt"
    assert item["status"] == "in_progress" and item["status_label"] == "Đang thực hiện"
    assert isinstance(item["item_id"], int) and isinstance(item["parent_id"], int)
    first = next(r for r in rows if r["item_code"] == "TC 1.1")
    assert first["evidence_count"] == 1 and "15/BC-UBND" in first["evidence"] and first["lead"]
    assert first["result"] == "Đã hoàn thành kế hoạch quý."
    assert {r["unit_key"] for r in rows} == {item["unit_key"]}
