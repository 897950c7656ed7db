"""The exported files read back: the PDF's text, pages and fonts; the Excel file's values and types."""

import io
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from report_fixtures import PERIOD, ready_office

from parcdesk.db.items import add_item
from parcdesk.db.progress import set_progress
from parcdesk.model import ItemDraft
from parcdesk.report.content import build_report_content
from parcdesk.report.pdf import render_report_pdf
from parcdesk.report.plan_doc import build_plan_content, render_plan_pdf, render_plan_xlsx
from parcdesk.report.xlsx import DATA_KEY_ROW, DATA_KEYS, render_report_xlsx

A4 = (595.28, 841.89)


def _size(page) -> tuple[float, float]:
    box = page.mediabox
    return round(float(box.width), 2), round(float(box.height), 2)


def _fonts_of(reader: PdfReader) -> list[dict]:
    fonts = []
    for page in reader.pages:
        resources = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            fonts.append({"name": str(font.get("/BaseFont")),
                          "embedded": descriptor is not None and "/FontFile2" in descriptor.get_object()})
    return fonts


@pytest.fixture
def report(tmp_path):
    store, plan_id = ready_office(tmp_path / "office.sqlite")
    yield store, plan_id, build_report_content(store.db, plan_id, PERIOD)
    store.close()


def test_pdf_layout_text_pages_and_fonts(report):
    _store, _plan_id, content = report
    reader = PdfReader(io.BytesIO(render_report_pdf(content)))
    pages = reader.pages
    assert len(pages) >= 4
    assert _size(pages[0]) == A4  # page 1 portrait A4
    first = pages[0].extract_text()
    assert unicodedata.is_normalized("NFC", first)
    for expected in ("UBND HUYỆN IA GRAI", "ỦY BAN NHÂN DÂN", "THỊ TRẤN IA KHA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Độc lập - Tự do - Hạnh phúc", "Ia Kha, ngày 05 tháng 4 năm 2025", "BÁO CÁO",
                     "Kính gửi: UBND huyện Ia Grai.", "I. KẾT QUẢ ĐẠT ĐƯỢC"):
        assert expected in first, expected
    assert "Số:" in first and "/BC-UBND" in first
    # page numbers from page 2 on, none on page 1
    assert not first.lstrip().startswith("1")
    for number, page in enumerate(pages[1:], start=2):
        assert str(number) in page.extract_text().split("\n")[:2], number
    texts = [page.extract_text() for page in pages]
    body = "\n".join(texts)
    for expected in ("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "Một số nhiệm vụ còn chậm", "Nơi nhận:",
                     "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Thái Văn Ngự", "- Lưu: VT, VP.", "Dự thảo"):
        assert expected in body, expected
    # the appendix on landscape pages, its header row on every one of them
    appendix = [i for i, text in enumerate(texts) if "(Kèm theo Báo cáo số" in text]
    assert appendix
    landscape = [i for i, page in enumerate(pages) if _size(page) == (A4[1], A4[0])]
    assert landscape == list(range(appendix[0], len(pages)))
    assert len(landscape) >= 2
    for i in landscape:
        assert "Lĩnh vực, tiêu chí, nhiệm vụ" in texts[i] and "Tài liệu kiểm" in texts[i]
    assert "97,5%" in body and "(Không đạt)" in body and "15/BC-UBND" in body and "ngày 10/3/2025" in body
    fonts = _fonts_of(reader)
    assert fonts and all(font["embedded"] for font in fonts), fonts
    assert not any("Helvetica" in font["name"] for font in fonts)


def test_pdf_number_filled_in(report):
    store, plan_id, _ = report
    content = build_report_content(store.db, plan_id, PERIOD, number="7")
    text = PdfReader(io.BytesIO(render_report_pdf(content))).pages[0].extract_text()
    assert "Số: 07/BC-UBND" in text


def test_pdf_is_deterministic_across_processes(report, tmp_path):
    _store, _plan_id, content = report
    import json

    source = tmp_path / "content.json"
    source.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    script = ("import json,sys; from parcdesk.report.pdf import render_report_pdf; "
              "sys.stdout.buffer.write(render_report_pdf(json.load(open(sys.argv[1], encoding='utf-8')), 'ab'*32))")
    outputs = [subprocess.run([sys.executable, "-c", script, str(source)], capture_output=True, check=True).stdout
               for _ in range(2)]
    assert outputs[0] == outputs[1] == render_report_pdf(content, "ab" * 32)


def test_excel_print_sheet_and_data_sheet(report):
    _store, _plan_id, content = report
    workbook = load_workbook(io.BytesIO(render_report_xlsx(content)))
    assert workbook.sheetnames == ["Phụ lục", "Dữ liệu", "Xác thực"]  # the last hidden: report/proof.py
    assert workbook["Xác thực"].sheet_state == "hidden"
    sheet = workbook["Phụ lục"]
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0 and sheet.sheet_properties.pageSetUpPr.fitToPage
    header_row = int(sheet.print_title_rows.split(":")[0].lstrip("$"))
    assert sheet.cell(header_row, 1).value == "TT" and sheet.freeze_panes == f"A{header_row + 1}"
    assert sheet.cell(header_row + 2, 2).alignment.wrap_text and sheet.cell(header_row + 2, 2).border.left.style
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width
    data = workbook["Dữ liệu"]
    assert [c.value for c in data[DATA_KEY_ROW]] == DATA_KEYS
    rows = [dict(zip(DATA_KEYS, (c.value for c in row))) for row in data.iter_rows(min_row=DATA_KEY_ROW + 1)]
    assert all(r["unit_name"] == "UBND thị trấn Ia Kha" and r["period_code"] == "2025-Q1" for r in rows)
    by_code = {r["item_code"]: r for r in rows}
    assert by_code["TCTP 3.4.2"] == {**by_code["TCTP 3.4.2"], "level": "subcriterion", "target_comparator": ">=",
                                     "target_value": 100, "target_unit": "%", "status": "in_progress",
                                     "value": 97.5, "achieved": False, "area_code": "III"}
    assert by_code["TC 1.1"]["achieved"] is True and by_code["I"]["level"] == "area"
    properties = workbook.properties
    assert properties.subject == "UBND thị trấn Ia Kha – quý I năm 2025"
    custom = {p.name: p.value for p in workbook.custom_doc_props}
    assert custom["Đơn vị"] == "UBND thị trấn Ia Kha" and custom["Mã kỳ"] == "2025-Q1"


def test_excel_user_text_is_never_a_formula(report):
    store, plan_id, _ = report
    db = store.db
    item_id = add_item(db, plan_id, ItemDraft(title="=SUM(A1)", level="task", target_text="+1 cmd|' /C calc'!A0"),
                       parent_id=db.execute("SELECT id FROM items WHERE plan_id = ? AND code = 'I'", [plan_id]).fetchone()[0])
    set_progress(db, item_id, PERIOD, status="in_progress", result="@SUM(1)\x0bkết quả\x07")
    content = build_report_content(db, plan_id, PERIOD)
    # control characters typed around the cleaners still never reach a file
    for row in content["appendix"]["rows"]:
        if row["id"] == item_id:
            row["result"] += "\x0b\x1f"
    raw = render_report_xlsx(content)
    workbook = load_workbook(io.BytesIO(raw))
    values = {}
    for sheet in workbook:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and ("SUM" in cell.value or "calc" in cell.value):
                    values[(sheet.title, cell.value)] = cell.data_type
    assert ("Phụ lục", "=SUM(A1)") in values and ("Dữ liệu", "=SUM(A1)") in values
    assert ("Phụ lục", "@SUM(1)kết quả") in values  # control characters dropped
    assert set(values.values()) == {"s"}
    import zipfile

    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not any(b"<f>" in xml for xml in sheets)


def test_excel_is_deterministic(report):
    _store, _plan_id, content = report
    assert render_report_xlsx(content, "cd" * 32) == render_report_xlsx(content, "cd" * 32)


def test_plan_document_pdf_and_excel(report):
    store, plan_id, _ = report
    content = build_plan_content(store.db, plan_id)
    reader = PdfReader(io.BytesIO(render_plan_pdf(content)))
    assert all(_size(page) == (A4[1], A4[0]) for page in reader.pages)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in ("Phụ lục", "Cơ quan phối hợp", "Thời gian", "Sản phẩm", "Văn phòng –", "Trong năm 2025",
                     "(Kèm theo Kế hoạch số"):
        assert expected in text, expected
    assert all(font["embedded"] for font in _fonts_of(reader))
    sheet = load_workbook(io.BytesIO(render_plan_xlsx(content))).active
    header_row = int(sheet.print_title_rows.split(":")[0].lstrip("$"))
    assert [c.value for c in sheet[header_row]] == ["TT", "Lĩnh vực, tiêu chí, nhiệm vụ", "Mục tiêu, yêu cầu",
                                                    "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện",
                                                    "Sản phẩm"]
    assert sheet.cell(header_row + 2, 1).value == "TC 1.1"


def test_bundled_font_and_licence_are_there():
    from parcdesk.resources import resource_path

    for face in ("Regular", "Bold", "Italic", "BoldItalic"):
        assert resource_path("fonts", f"LiberationSerif-{face}.ttf").stat().st_size > 100_000
    assert "SIL OPEN FONT LICENSE" in resource_path("fonts", "LICENSE-LiberationSerif.txt").read_text(encoding="utf-8")


def test_times_new_roman_is_preferred_where_installed(tmp_path, monkeypatch):
    from parcdesk.report import fonts

    windir = tmp_path / "Windows"
    (windir / "Fonts").mkdir(parents=True)
    for name in ("times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"):
        (windir / "Fonts" / name).write_bytes(b"x")
    monkeypatch.setenv("WINDIR", str(windir))
    monkeypatch.delenv("PARCDESK_BUNDLED_FONT", raising=False)
    label, files = fonts.find_font_files()
    assert label == "Times New Roman" and files["bold"] == windir / "Fonts" / "timesbd.ttf"
    (windir / "Fonts" / "timesbi.ttf").unlink()
    label, files = fonts.find_font_files()
    assert label == "Liberation Serif" and Path(files["regular"]).name == "LiberationSerif-Regular.ttf"
