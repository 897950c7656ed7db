"""Sections II and IV as an officer writes them: the notes typed on items grouped by area, the same
text once with all its codes, and a "Không có." that does not stand above notes saying otherwise;
an accepted threshold printed where an item has no target text. Read back from the real PDF and
Excel files; a report signed before (content format 2) renders as it did."""

import hashlib
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from report_fixtures import PERIOD, ready_office
from test_report_snapshot import cells, insert_fixture

from parcdesk.db.items import find_item
from parcdesk.db.progress import set_progress
from parcdesk.report import drafts, signoff
from parcdesk.report.content import build_report_content
from parcdesk.report.pdf import render_report_pdf
from parcdesk.report.plan_doc import build_plan_content, render_plan_pdf
from parcdesk.report.wording import says_nothing
from parcdesk.report.xlsx import DATA_KEY_ROW, render_report_xlsx

DATA = Path(__file__).parent / "data"
# Signed with the code of df8393d (content format 2): item notes one line per item, the sections
# saying "Không có." above them.
FORMAT_2 = json.loads((DATA / "signed-report-format-2.json").read_text(encoding="utf-8"))
NET = "Đường truyền Internet tại Bộ phận Một cửa không ổn định"
SLOW = "Công chức kiêm nhiệm nhiều việc"


@pytest.fixture
def office(tmp_path):
    store, plan_id = ready_office(tmp_path / "office.sqlite")
    yield store, plan_id
    store.close()


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def section(text: str, heading: str, following: str) -> str:
    return flat(text.split(heading, 1)[1].split(following, 1)[0])


def type_notes(store, plan_id) -> None:
    db = store.db
    for code, difficulty, proposal in (("TCTP 1.3.2", NET, "Đề nghị nâng cấp đường truyền"),
                                       ("TCTP 3.3.4", f"{SLOW}.", ""), ("TCTP 3.4.2", NET, "Đề nghị nâng cấp đường truyền"),
                                       ("TCTP 3.5.1", SLOW, ""), ("TCTP 3.4.5", f"{NET.lower()};", "")):
        set_progress(db, find_item(db, plan_id, code), PERIOD, difficulties=difficulty, proposals=proposal)
    drafts.save_draft(db, plan_id, PERIOD, shortcomings="Không có.", proposals="không CÓ")


@pytest.mark.parametrize("text", ["Không có.", "Không", "không có", "KHÔNG CÓ;", "  Không có !\n"])
def test_a_text_saying_only_nothing_is_told_by_one_rule(text):
    assert says_nothing(text)


@pytest.mark.parametrize("text", ["", "Không có kinh phí.", "Có", "Không có gì khó khăn lớn, chỉ chậm."])
def test_a_text_saying_something_is_not_nothing(text):
    assert not says_nothing(text)


def test_notes_are_grouped_by_area_and_the_same_text_comes_once_with_all_its_codes(office):
    store, plan_id = office
    type_notes(store, plan_id)
    content = build_report_content(store.db, plan_id, PERIOD)
    text = pdf_text(render_report_pdf(content))
    two = section(text, "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "III. NHIỆM VỤ TRỌNG TÂM")
    # "Không có." would contradict the notes under it: left out
    assert "Không có" not in two
    # the network, typed on items of areas I and III (once with other case and punctuation): one line
    assert two.count(NET.split()[0]) == 1
    assert f"Các lĩnh vực I và III: {NET} (TCTP 1.3.2, TCTP 3.4.2, TCTP 3.4.5)." in two
    # the area's own note, typed twice, under the area named once
    assert two.count("Lĩnh vực III (") == 1
    assert f"- Lĩnh vực III (Cải cách thủ tục hành chính): {SLOW} (TCTP 3.3.4, TCTP 3.5.1)." in two
    four = section(text, "IV. ĐỀ XUẤT, KIẾN NGHỊ", "Trên đây là báo cáo")
    assert "Không" not in four.split("Đề nghị")[0]
    assert "Các lĩnh vực I và III: Đề nghị nâng cấp đường truyền (TCTP 1.3.2, TCTP 3.4.2)." in four


def test_an_area_with_several_notes_names_the_area_once_above_them(office):
    store, plan_id = office
    db = store.db
    set_progress(db, find_item(db, plan_id, "TCTP 3.3.4"), PERIOD, difficulties=SLOW)
    set_progress(db, find_item(db, plan_id, "TCTP 3.4.5"), PERIOD, difficulties=NET)
    lines = build_report_content(db, plan_id, PERIOD)["item_notes"]["difficulties"]
    assert lines == ["- Lĩnh vực III (Cải cách thủ tục hành chính):", f"+ {SLOW} (TCTP 3.3.4);", f"+ {NET} (TCTP 3.4.5)."]


def test_without_notes_the_nothing_text_stays(office):
    store, plan_id = office
    content = build_report_content(store.db, plan_id, PERIOD)  # ready_office: proposals "Không có."
    assert content["item_notes"]["proposals"] == []
    four = section(pdf_text(render_report_pdf(content)), "IV. ĐỀ XUẤT, KIẾN NGHỊ", "Trên đây là báo cáo")
    assert four.startswith("Không có.")


def test_the_officers_own_text_stays_above_the_notes(office):
    store, plan_id = office
    type_notes(store, plan_id)
    drafts.save_draft(store.db, plan_id, PERIOD, shortcomings="Một số nhiệm vụ còn chậm.")
    two = section(pdf_text(render_report_pdf(build_report_content(store.db, plan_id, PERIOD))),
                  "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "III. NHIỆM VỤ TRỌNG TÂM")
    assert two.startswith("Một số nhiệm vụ còn chậm.") and NET in two


def test_a_report_signed_with_notes_one_per_item_renders_as_it_did(office, tmp_path):
    store, plan_id = office
    insert_fixture(store, plan_id, FORMAT_2)
    rendered = signoff.report_to_export(store.db, plan_id, PERIOD)
    assert rendered.sha256 == FORMAT_2["sha256"]
    pdf = rendered.pdf()
    # every page reads as the PDF exported at sign-off (the attached proof names today's format)
    assert pdf_text(pdf) == pdf_text((DATA / "signed-report-format-2.pdf").read_bytes())
    two = section(pdf_text(pdf), "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "III. NHIỆM VỤ TRỌNG TÂM")
    assert two.startswith("Không có.") and two.count(NET) == 3  # what it said then, unchanged
    for name in ("signed-report-format-2.xlsx", "signed-report-format-2.pdf"):
        exported = (DATA / name).read_bytes()
        assert hashlib.sha256(exported).hexdigest() == FORMAT_2[f"{name.rsplit('.')[-1]}_sha256"]
        (tmp_path / name).write_bytes(exported)
        assert signoff.verify_file(store.db, tmp_path / name).ok
    (tmp_path / "lai.pdf").write_bytes(pdf)
    (tmp_path / "lai.xlsx").write_bytes(rendered.xlsx())
    assert cells(rendered.xlsx()) == cells((DATA / "signed-report-format-2.xlsx").read_bytes())
    for name in ("lai.pdf", "lai.xlsx"):
        assert signoff.verify_file(store.db, tmp_path / name).ok


def accepted_threshold(store, plan_id, code="TCTP 3.4.4") -> int:
    """An item as `plan import --accept-targets` leaves it: a threshold found in the task's text,
    no target text of its own (test setup: the row written directly)."""
    item = find_item(store.db, plan_id, code)
    store.db.execute("UPDATE items SET target_text = '', target_comparator = '>=', target_value = 98, "
                     "target_unit = '%' WHERE id = ?", [item])
    return item


def test_an_accepted_threshold_is_the_printed_target_in_the_report_pdf_and_excel(office):
    store, plan_id = office
    item = accepted_threshold(store, plan_id)
    set_progress(store.db, item, PERIOD, status="done", actual_value=99)
    content = build_report_content(store.db, plan_id, PERIOD)
    assert "(chỉ tiêu ≥ 98%)" in flat(pdf_text(render_report_pdf(content)))
    row = next(r for r in content["appendix"]["rows"] if r["code"] == "TCTP 3.4.4")
    assert row["target"] == "≥ 98%"
    appendix_row = flat(pdf_text(render_report_pdf(content)).rsplit("TCTP 3.4.4", 1)[1].split("TCTP 3.4.5")[0])
    assert "≥ 98%" in appendix_row  # the appendix's row, its target column
    workbook = load_workbook(io.BytesIO(render_report_xlsx(content)))
    printed = next(r for r in workbook["Phụ lục"].iter_rows(values_only=True) if r[0] == "TCTP 3.4.4")
    headers = next(r for r in workbook["Phụ lục"].iter_rows(values_only=True) if r[0] == "TT")
    assert printed[headers.index("Mục tiêu, chỉ tiêu")] == "≥ 98%"
    data = workbook["Dữ liệu"]
    keys = [c.value for c in data[DATA_KEY_ROW]]
    line = next(r for r in data.iter_rows(min_row=DATA_KEY_ROW + 1, values_only=True)
                if r[keys.index("item_code")] == "TCTP 3.4.4")
    assert line[keys.index("target_text")] == "≥ 98%"


def test_an_accepted_threshold_is_the_printed_target_in_the_plans_appendix(office):
    store, plan_id = office
    accepted_threshold(store, plan_id)
    content = build_plan_content(store.db, plan_id)
    assert next(r for r in content["appendix"]["rows"] if r["code"] == "TCTP 3.4.4")["target"] == "≥ 98%"
    text = flat(pdf_text(render_plan_pdf(content)))
    assert "≥ 98%" in text.split("TCTP 3.4.4", 1)[1].split("TCTP 3.4.5")[0]
