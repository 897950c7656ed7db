"""What a report says: the official forms, the counts, the office's texts, the file name."""

import json
from datetime import date

import pytest
from report_fixtures import PERIOD, SECTIONS, ready_office

from parcdesk.errors import UserError
from parcdesk.report import drafts
from parcdesk.report.content import (
    build_report_content, canonical_json, fingerprint, format_dateline, format_doc_number, header_lines,
    suggested_file_name,
)
from parcdesk.report.pdf import recipient_lines


@pytest.mark.parametrize("place, when, expected", [
    ("Ia Kha", date(2024, 4, 5), "Ia Kha, ngày 05 tháng 4 năm 2024"),
    ("Ia Kha", date(2024, 1, 15), "Ia Kha, ngày 15 tháng 01 năm 2024"),
    ("Ia Kha", date(2024, 2, 9), "Ia Kha, ngày 09 tháng 02 năm 2024"),
    ("Ia Kha", date(2024, 3, 10), "Ia Kha, ngày 10 tháng 3 năm 2024"),
    ("Ia Kha", date(2024, 12, 31), "Ia Kha, ngày 31 tháng 12 năm 2024"),
    ("Ia Kha", "2025-10-01", "Ia Kha, ngày 01 tháng 10 năm 2025"),
    ("", date(2024, 4, 5), "Ngày 05 tháng 4 năm 2024"),
])
def test_dateline_in_the_official_form(place, when, expected):
    assert format_dateline(place, when) == expected


@pytest.mark.parametrize("number, expected", [
    ("12", "Số: 12/BC-UBND"),
    ("5", "Số: 05/BC-UBND"),
    ("105", "Số: 105/BC-UBND"),
])
def test_document_number(number, expected):
    assert format_doc_number(number) == expected


def test_blank_number_keeps_room_for_the_clerk():
    line = format_doc_number("")
    assert line.startswith("Số:") and line.endswith("/BC-UBND") and len(line) > len("Số:/BC-UBND") + 3


def test_header_lines_in_capitals():
    assert header_lines("UBND thị trấn Ia Kha", "UBND huyện Ia Grai") == {
        "parent": "UBND HUYỆN IA GRAI", "unit": "ỦY BAN NHÂN DÂN THỊ TRẤN IA KHA"}
    assert header_lines("UBND xã Đắk Hà", "UBND tỉnh Quảng Ngãi")["unit"] == "ỦY BAN NHÂN DÂN XÃ ĐẮK HÀ"


def test_recipients_end_with_the_archive_line():
    assert recipient_lines(["Như trên", "Lưu: VT, VP", "TT Đảng ủy (b/c)"]) == [
        "- Như trên;", "- TT Đảng ủy (b/c);", "- Lưu: VT, VP."]
    assert recipient_lines(["Như trên"]) == ["- Như trên;", "- Lưu: VT, VP."]
    assert drafts.normalise_recipients("- Như trên;\n\n+ Phòng Nội vụ.\n") == ["Như trên", "Phòng Nội vụ"]


def test_content_gathers_counts_targets_appendix_and_texts(tmp_path):
    store, plan_id = ready_office(tmp_path / "office.sqlite")
    content = build_report_content(store.db, plan_id, PERIOD)
    assert json.loads(canonical_json(content)) == content  # plain JSON all the way down
    assert content["date"] == "2025-04-05" and content["number"] == ""
    assert content["summary"].endswith("quý I năm 2025") and "năm 2025 quý" not in content["summary"]
    assert content["intro"].startswith("Thực hiện Kế hoạch") and content["intro"].endswith("như sau:")
    assert content["sections"] == SECTIONS
    assert content["signer"] == {"name": "Thái Văn Ngự", "position": "CHỦ TỊCH", "authority": "TM. ỦY BAN NHÂN DÂN"}
    assert content["addressee"] == "UBND huyện Ia Grai"
    totals = content["totals"]
    assert (totals["total"], totals["done"], totals["done_late"], totals["in_progress"]) == (55, 2, 1, 1)
    first = content["areas"][0]
    assert first["code"] == "I" and [m["code"] for m in first["met"]] == ["TC 1.1"]
    third = content["areas"][2]
    assert [(u["code"], u["value"], u["target"]) for u in third["unmet"]] == [("TCTP 3.4.2", "97,5%", "≥ 100%")]
    rows = {row["code"]: row for row in content["appendix"]["rows"]}
    assert rows["I"]["kind"] == "area"
    assert rows["TC 1.1"]["evidence"] == ["Báo cáo kết quả CCHC quý I số 15/BC-UBND ngày 10/3/2025"]
    assert rows["TCTP 3.4.2"]["achieved"] is False and rows["TCTP 3.4.2"]["value"] == 97.5
    assert rows["TC 1.2"]["status_label"] == "Hoàn thành nhưng quá hạn"
    assert rows["TC 1.5"]["status"] == "not_started"  # nothing recorded: an item carried out is "not started"


def test_fingerprint_is_stable_and_sensitive(tmp_path):
    store, plan_id = ready_office(tmp_path / "office.sqlite")
    first = build_report_content(store.db, plan_id, PERIOD)
    again = build_report_content(store.db, plan_id, PERIOD)
    assert fingerprint(first) == fingerprint(again)
    again["appendix"]["rows"][1]["value"] = 99.0
    assert fingerprint(first) != fingerprint(again)


def test_suggested_file_names(tmp_path):
    store, plan_id = ready_office(tmp_path / "office.sqlite")
    content = build_report_content(store.db, plan_id, PERIOD)
    assert suggested_file_name(content, "pdf") == "Bao-cao-CCHC-quy-I-2025-UBND-thi-tran-Ia-Kha-du-thao.pdf"
    content["signoff"] = {"version": 1}
    assert suggested_file_name(content, "pdf") == "Bao-cao-CCHC-quy-I-2025-UBND-thi-tran-Ia-Kha-phien-ban-1.pdf"
    content["signoff"] = {"version": 2}
    assert suggested_file_name(content, ".xlsx") == "Bao-cao-CCHC-quy-I-2025-UBND-thi-tran-Ia-Kha-phien-ban-2.xlsx"
    from parcdesk.report.plan_doc import build_plan_content

    assert suggested_file_name(build_plan_content(store.db, plan_id), "pdf") == \
        "Phu-luc-KH-CCHC-2025-UBND-thi-tran-Ia-Kha.pdf"


@pytest.mark.parametrize("changes, message", [
    ({"number": "12a"}, "Số văn bản “12a” không hợp lệ"),
    ({"report_date": "31/02/2025"}, "Ngày báo cáo “31/02/2025” không có trong lịch"),
    ({"signer_id": 999}, "không còn trong danh sách người ký"),
])
def test_draft_refuses_bad_input(tmp_path, changes, message):
    store, plan_id = ready_office(tmp_path / "office.sqlite")
    with pytest.raises(UserError, match=message):
        drafts.save_draft(store.db, plan_id, PERIOD, **changes)


def test_draft_normalises_number_and_date(tmp_path):
    store, plan_id = ready_office(tmp_path / "office.sqlite")
    saved = drafts.save_draft(store.db, plan_id, PERIOD, number="05/BC-UBND", report_date="5/4/2025")
    assert (saved.number, saved.report_date) == ("5", "2025-04-05")
    assert build_report_content(store.db, plan_id, PERIOD)["number"] == "5"


def test_report_defaults_live_in_settings(tmp_path):
    store, plan_id = ready_office(tmp_path / "office.sqlite")
    drafts.save_report_defaults(store.db, addressee="Phòng Nội vụ huyện Ia Grai",
                                recipients=["Như trên;", "Phòng Nội vụ huyện (b/c);", "Lưu: VT."])
    content = build_report_content(store.db, plan_id, PERIOD)
    assert content["addressee"] == "Phòng Nội vụ huyện Ia Grai"
    assert content["recipients"] == ["Như trên", "Phòng Nội vụ huyện (b/c)", "Lưu: VT"]
