"""One set of figures (report/figures.py): the report's counts and `overview --json` agree for the
same period and date; the cut-off is the report's date; the item's own words reach the report."""

import io
import json
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from report_fixtures import SECTIONS, ready_office

from parcdesk.db.items import find_item
from parcdesk.ops import progress as progress_ops
from parcdesk.ops import reports as report_ops
from parcdesk.report.content import build_report_content
from parcdesk.report.figures import period_figures
from parcdesk.report.pdf import render_report_pdf
from parcdesk.report.xlsx import DATA_KEY_ROW, render_report_xlsx


@pytest.fixture
def office(tmp_path):
    store, plan_id = ready_office(tmp_path / "office.sqlite")
    yield store, plan_id
    store.close()


@pytest.mark.parametrize("period, day", [
    ("2025-Q1", "2025-01-20"), ("2025-Q1", "2025-03-31"), ("2025-H1", "2025-05-02"),
    ("2025-H1", "2025-07-05"), ("2025-9M", "2025-09-30"), ("2025", "2025-12-20"),
])
def test_the_report_and_overview_json_count_alike(office, run, period, day):
    store, plan_id = office
    report = build_report_content(store.db, plan_id, period, report_date=day)
    path = store.path
    store.close()
    shown = ".".join(reversed(day.split("-"))).replace(".", "/")
    code, out, _ = run("--db", path, "overview", "--plan", plan_id, "--period", period, "--date", shown, "--json")
    figures = json.loads(out)
    assert code == 0 and figures["totals"] == report["totals"]
    assert figures["date"] == report["figures"]["cutoff"]
    assert figures["deadline"] == report["figures"]["deadline"]


def test_the_cutoff_is_the_report_date_and_follows_it(office, run):
    store, plan_id = office
    # ready_office's draft is dated 05/4/2025: Q1's figures are taken at the period's end
    assert period_figures(store.db, plan_id, "2025-Q1").cutoff == date(2025, 3, 31)
    report_ops.save_draft(store, plan_id, "2025-Q1", report_date="2025-02-10")
    figures = period_figures(store.db, plan_id, "2025-Q1")
    assert figures.cutoff == date(2025, 2, 10)
    assert figures.caption.startswith("Số liệu tính đến ngày 10/02/2025 · hạn gửi báo cáo 15/03/2025")
    report = build_report_content(store.db, plan_id, "2025-Q1")
    assert report["figures"]["cutoff"] == "2025-02-10" and report["totals"] == figures.totals
    path = store.path
    store.close()
    code, out, _ = run("--db", path, "overview", "--plan", plan_id, "--period", "2025-Q1", "--json")
    assert json.loads(out)["date"] == "2025-02-10"


def test_after_sign_off_the_figures_are_the_signed_ones(office):
    store, plan_id = office
    report_ops.sign_off(store, plan_id, "2025-Q1", signer="Thái Văn Ngự")
    figures = period_figures(store.db, plan_id, "2025-Q1")
    assert figures.signed is not None and figures.signed.version == 1
    assert figures.totals == build_report_content(store.db, plan_id, "2025-Q1")["totals"]
    assert "số liệu đã chốt (báo cáo phiên bản 1" in figures.caption


def test_a_difficulty_typed_on_an_item_is_in_the_pdf_and_the_excel_file(office):
    store, plan_id = office
    item = find_item(store.db, plan_id, "TCTP 3.4.2")
    progress_ops.set_progress(store, item, "2025-Q1", difficulties="Đường truyền mạng hay bị gián đoạn",
                              proposals="Đề nghị cấp trên nâng cấp đường truyền")
    content = build_report_content(store.db, plan_id, "2025-Q1")
    line = content["item_notes"]["difficulties"][0]
    assert line.startswith("- Lĩnh vực III (") and line.endswith(": Đường truyền mạng hay bị gián đoạn (TCTP 3.4.2).")
    assert content["item_notes"]["proposals"][0].endswith("Đề nghị cấp trên nâng cấp đường truyền (TCTP 3.4.2).")
    pdf = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(render_report_pdf(content))).pages)
    assert "Đường truyền mạng hay bị gián đoạn (TCTP 3.4.2)" in pdf
    assert "Đề nghị cấp trên nâng cấp đường truyền (TCTP 3.4.2)" in pdf
    assert SECTIONS["shortcomings"].split("\n")[0] in pdf  # the officer's own text stays
    sheet = load_workbook(io.BytesIO(render_report_xlsx(content)))["Dữ liệu"]
    keys = [c.value for c in sheet[DATA_KEY_ROW]]  # the machine keys, under the Vietnamese headers
    row = next(r for r in sheet.iter_rows(min_row=DATA_KEY_ROW + 1, values_only=True)
               if r[keys.index("item_code")] == "TCTP 3.4.2")
    assert row[keys.index("difficulties")] == "Đường truyền mạng hay bị gián đoạn"
    assert row[keys.index("proposals")] == "Đề nghị cấp trên nâng cấp đường truyền"
