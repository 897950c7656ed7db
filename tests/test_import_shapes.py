"""Tables of the kind, not the samples: shapes other plans have, built in the test."""

import json
import sqlite3

import pytest
import xlwt

from helpers import new_office
from import_builders import paragraph, table, write_docx, write_xlsx
from parcdesk.cli.main import main
from parcdesk.db.items import load_tree
from parcdesk.importer import analyse, apply
from parcdesk.importer import encoding
from parcdesk.importer.readers import xlsx as xlsx_reader

HEADER = ["STT", "Nội dung công việc", "Mục tiêu, yêu cầu", "Cơ quan chủ trì", "Cơ quan phối hợp",
          "Thời gian thực hiện"]


@pytest.fixture
def office(tmp_path):
    store = new_office(tmp_path / "office.sqlite")
    yield store
    store.close()


def codes(drafts):
    return [(d.code, d.level, [c.code for c in d.children]) for d in drafts]


def test_two_row_header_with_merged_cells_xlsx(tmp_path):
    rows = [
        ["Phụ lục: Kế hoạch cải cách hành chính năm 2025"],
        ["TT", "Nhiệm vụ", "Cơ quan thực hiện", None, "Thời gian hoàn thành"],
        [None, None, "Chủ trì", "Phối hợp", None],
        ["I", "CẢI CÁCH THỂ CHẾ"],
        [1, "Rà soát văn bản quy phạm pháp luật", "Tư pháp - Hộ tịch", "Văn phòng - Thống kê", "Quý II"],
        [2, "Theo dõi thi hành pháp luật", "Tư pháp- Hộ tịch", "Các ban, ngành", "Thường xuyên"],
    ]
    path = write_xlsx(tmp_path / "hai-dong.xlsx", rows, merges=["A1:E1", "A2:A3", "B2:B3", "C2:D2", "E2:E3",
                                                                "B4:E4"], bold_rows=(2, 3, 4))
    preview = analyse(path)
    mapping = preview.appendices[0].header.mapping()
    assert mapping == {"code": "TT", "title": "Nhiệm vụ", "lead": "Cơ quan thực hiện – Chủ trì",
                       "partners": "Cơ quan thực hiện – Phối hợp", "timeframe": "Thời gian hoàn thành"}
    area = preview.drafts[0]
    assert (area.code, area.title, len(area.children)) == ("I", "CẢI CÁCH THỂ CHẾ", 2)
    first = area.children[0]
    assert (first.lead, first.partners, first.timeframe_text) == (["Tư pháp - Hộ tịch"], ["Văn phòng - Thống kê"],
                                                                  "Quý II")


def test_two_row_header_with_merged_cells_docx(tmp_path):
    body = [
        paragraph("PHỤ LỤC KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025", bold=True),
        table([
            [{"text": "TT", "vmerge": "restart"}, {"text": "Nội dung", "vmerge": "restart"},
             {"text": "Cơ quan thực hiện", "span": 2}, {"text": "Thời gian", "vmerge": "restart"}],
            [{"vmerge": "continue"}, {"vmerge": "continue"}, "Chủ trì", "Phối hợp", {"vmerge": "continue"}],
            ["1", "2", "3", "4", "5"],
            ["1", "Tổ chức hội nghị triển khai kế hoạch", "Văn phòng - Thống kê", "Các ban, ngành", "Quý I"],
            ["2", "Kiểm tra công vụ", "Lãnh đạo UBND", "Văn phòng - Thống kê", "Quý III"],
        ]),
    ]
    preview = analyse(write_docx(tmp_path / "hai-dong.docx", body))
    appendix = preview.appendices[0]
    assert appendix.header.mapping()["lead"] == "Cơ quan thực hiện – Chủ trì"
    assert appendix.stats.column_numbers == 1
    area = preview.drafts[0]  # no areas in the table: the appendix is the area
    assert area.level == "area" and area.title == "PHỤ LỤC KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025"
    assert [(t.code, t.lead, t.partners) for t in area.children] == [
        ("1", ["Văn phòng - Thống kê"], ["Các ban, ngành"]), ("2", ["Lãnh đạo UBND"], ["Văn phòng - Thống kê"])]


def test_numbering_1_11_131_with_tasks_restarting(tmp_path):
    rows = [
        ["Stt", "Nội dung", "Chỉ tiêu đạt được", "Cơ quan phụ trách", "Thời gian thực hiện"],
        ["1.", "Công tác chỉ đạo, điều hành"],
        ["1.1.", "Thực hiện kế hoạch CCHC", "Hoàn thành 100% kế hoạch", "Văn phòng - Thống kê", "Cả năm"],
        ["1.2.", "Chế độ báo cáo", "Đầy đủ, đúng hạn", "Văn phòng - Thống kê", "Hàng quý"],
        ["1.3.", "Kiểm tra cải cách hành chính"],
        ["1.3.1", "Tỷ lệ đơn vị được kiểm tra", "Tối thiểu 30%", "Văn phòng - Thống kê", "Quý III"],
        ["1.3.2", "Xử lý vấn đề phát hiện qua kiểm tra", "100% vấn đề được xử lý", "Văn phòng - Thống kê", "Quý IV"],
        ["2.", "Cải cách thể chế"],
        ["2.1.", "Rà soát văn bản"],
        [1, "Lập danh mục văn bản cần rà soát", "Có danh mục", "Tư pháp - Hộ tịch", "Quý I"],
        [2, "Báo cáo kết quả rà soát", "Có báo cáo", "Tư pháp - Hộ tịch", "Quý II"],
        ["2.2.", "Theo dõi thi hành pháp luật", "Thực hiện đầy đủ", "Tư pháp - Hộ tịch", "Cả năm"],
    ]
    for bold in ((2, 8), ()):  # bold section rows, and the same table with no formatting at all
        preview = analyse(write_xlsx(tmp_path / f"so-{len(bold)}.xlsx", rows, bold_rows=(1, *bold)))
        areas = preview.drafts
        assert codes(areas) == [("1", "area", ["1.1", "1.2", "1.3"]), ("2", "area", ["2.1", "2.2"])]
        one_three = areas[0].children[2]
        assert (one_three.level, codes(one_three.children)) == (
            "criterion", [("1.3.1", "subcriterion", []), ("1.3.2", "subcriterion", [])])
        assert one_three.children[0].target_text == "Tối thiểu 30%"
        two_one = areas[1].children[0]
        assert codes([two_one]) == [("2.1", "criterion", ["1", "2"])]
        assert [t.level for t in two_one.children] == ["task", "task"]
        assert preview.counts() == {"area": 2, "criterion": 5, "subcriterion": 2, "task": 2}


def test_criterion_and_target_in_one_cell(tmp_path):
    rows = [
        ["TT", "Tiêu chí, chỉ tiêu", "Cơ quan chủ trì", "Thời gian"],
        ["I", "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH"],
        [1, "TC 1.1 - Thực hiện kế hoạch CCHC: 100% hoàn thành Kế hoạch năm 2024", "Văn phòng - Thống kê", "Cả năm"],
        [2, "Thực hiện chế độ báo cáo: đạt tối thiểu 95% báo cáo đúng hạn", "Văn phòng - Thống kê", "Hàng quý"],
        [3, "Tuyên truyền CCHC: bằng các hình thức phù hợp", "Văn hóa - Xã hội", "Cả năm"],
    ]
    preview = analyse(write_xlsx(tmp_path / "gop.xlsx", rows, bold_rows=(1, 2)))
    first, second, third = preview.drafts[0].children
    assert (first.code, first.level, first.title, first.target_text) == (
        "TC 1.1", "criterion", "Thực hiện kế hoạch CCHC", "100% hoàn thành Kế hoạch năm 2024")
    assert (second.title, second.target_text) == ("Thực hiện chế độ báo cáo", "đạt tối thiểu 95% báo cáo đúng hạn")
    # nothing measurable after the colon: the title stays whole
    assert (third.title, third.target_text) == ("Tuyên truyền CCHC: bằng các hình thức phù hợp", "")


def test_monitor_column_and_unknown_column_kept_as_note(tmp_path, office):
    rows = [
        ["STT", "Nhiệm vụ cụ thể", "Cơ quan chủ trì", "Cơ quan theo dõi", "Kinh phí (triệu đồng)", "Ghi chú"],
        [1, "Số hóa hồ sơ, kết quả giải quyết TTHC", "Bộ phận Một cửa", "Văn phòng - Thống kê", 15, "Ưu tiên"],
        [2, "Tập huấn kỹ năng", "VP - TK", "Lãnh đạo UBND", None, None],
    ]
    preview = analyse(write_xlsx(tmp_path / "theo-doi.xlsx", rows), office.db)
    appendix = preview.appendices[0]
    assert appendix.header.mapping()["monitor"] == "Cơ quan theo dõi"
    assert [c.label for c in appendix.header.note_columns()] == ["Kinh phí (triệu đồng)"]
    assert any("Kinh phí (triệu đồng)" in w for w in preview.summary()["warnings"])
    first, second = preview.drafts[0].children
    assert first.monitor == ["Văn phòng - Thống kê"]
    assert first.notes == "Ưu tiên\nKinh phí (triệu đồng): 15"
    assert second.notes == ""
    summary = apply(office.db, preview, year=2025)
    item = load_tree(office.db, summary["plan"])[0].children[1]
    # "VP - TK" is an alias of the office's own section
    assert item.lead == ["Văn phòng – Thống kê"] and item.monitor == ["Lãnh đạo UBND"]
    assert summary["unknown_agencies"] == []


def test_vni_text_by_font_and_by_letters(tmp_path):
    rows = [
        ["STT", "Noäi dung coâng vieäc", "Cô quan chuû trì", "Thôøi gian thöïc hieän"],
        [1, "Caûi caùch thuû tuïc haønh chính", "Vaên phoøng - Thoáng keâ", "Quyù I"],
        [2, "Kieåm tra coâng vuï", "Tö phaùp - Hoä tòch", "Thöôøng xuyeân"],
    ]
    for font in ("VNI-Times", None):
        preview = analyse(write_xlsx(tmp_path / f"vni-{font}.xlsx", rows, font=font))
        assert preview.appendices[0].header.mapping() == {
            "code": "STT", "title": "Nội dung công việc", "lead": "Cơ quan chủ trì",
            "timeframe": "Thời gian thực hiện"}
        first, second = preview.drafts[0].children
        assert (first.title, first.lead, first.timeframe_text) == (
            "Cải cách thủ tục hành chính", ["Văn phòng - Thống kê"], "Quý I")
        assert (second.title, second.lead, second.timeframe_text) == (
            "Kiểm tra công vụ", ["Tư pháp - Hộ tịch"], "Thường xuyên")
        assert any("VNI" in w for w in preview.summary()["warnings"])


def test_unicode_text_is_never_converted():
    assert encoding.guess(["Kế hoạch cải cách hành chính", "Văn phòng – Thống kê", "café crème"]) is None
    assert encoding.decode_by_font("Kế hoạch", ".VnTime") == "Kế hoạch"
    assert encoding.decode("C¸c ban, ngµnh", "tcvn3") == "Các ban, ngành"
    assert encoding.decode("c«ng t¸c", "tcvn3", caps=True) == "CÔNG TÁC"
    assert encoding.decode("Ñaûng uûy, Möùc ñoä, ngöôøi", "vni") == "Đảng ủy, Mức độ, người"


def test_legacy_xls_with_tcvn3_fonts(tmp_path):
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Phu luc")
    normal = xlwt.easyxf("font: name .VnTime")
    capitals = xlwt.easyxf("font: name .VnTimeH, bold on")
    sheet.write(0, 0, "tt", capitals)
    for col, text in enumerate(["Néi dung c«ng viÖc", "C¬ quan chñ tr×", "Thêi gian thùc hiÖn"], start=1):
        sheet.write(0, col, text, xlwt.easyxf("font: name .VnTime, bold on"))
    sheet.write(1, 0, "i", capitals)
    sheet.write_merge(1, 1, 1, 3, "c¶i c¸ch thñ tôc hµnh chÝnh", capitals)
    sheet.write(2, 0, 1)
    sheet.write(2, 1, "C«ng khai thñ tôc hµnh chÝnh", normal)
    sheet.write(2, 2, "V¨n phßng - Thèng kª", normal)
    sheet.write(2, 3, "Th­êng xuyªn", normal)
    path = tmp_path / "cu.xls"
    book.save(str(path))
    preview = analyse(path)
    assert preview.kind == "xls"
    area = preview.drafts[0]
    assert (area.code, area.title) == ("I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH")
    task = area.children[0]
    assert (task.title, task.lead, task.timeframe_text) == (
        "Công khai thủ tục hành chính", ["Văn phòng - Thống kê"], "Thường xuyên")


def test_tcvn3_docx_runs_and_caps(tmp_path):
    body = [
        paragraph("KÕ ho¹ch c¶i c¸ch hµnh chÝnh n¨m 2025", font=".VnTime"),
        table([
            [{"text": "stt", "font": ".VnTimeH"}, {"text": "Néi dung", "font": ".VnTime"},
             {"text": "Thêi gian", "font": ".VnTime"}, {"text": "C¬ quan chñ tr×", "font": ".VnTime"}],
            [{"text": "i", "font": ".VnTimeH"}, {"text": "c¶i c¸ch thÓ chÕ", "font": ".VnTime", "caps": True},
             "", ""],
            ["1", {"text": "Rµ so¸t v¨n b¶n", "font": ".VnTime"}, {"text": "Quý I", "font": "Times New Roman"},
             {"text": "T­ ph¸p - Hé tÞch", "font": ".VnTime"}],
        ]),
    ]
    preview = analyse(write_docx(tmp_path / "tcvn3.docx", body))
    assert preview.title == "Kế hoạch cải cách hành chính năm 2025"
    area = preview.drafts[0]
    assert (area.code, area.title) == ("I", "CẢI CÁCH THỂ CHẾ")
    task = area.children[0]
    assert (task.title, task.timeframe_text, task.lead) == ("Rà soát văn bản", "Quý I", ["Tư pháp - Hộ tịch"])


def test_lead_merged_down_over_several_items_and_split_rows(tmp_path):
    rows = [
        HEADER,
        ["I", "CẢI CÁCH HÀNH CHÍNH"],
        [1, "Công khai thủ tục", "100% thủ tục được công khai", "Văn phòng - Thống kê", "Các ban, ngành", "Quý I"],
        [2, "Số hóa hồ sơ", "Tối thiểu 15%", None, "Bộ phận Một cửa", "Quý II"],
        [3, "Giải quyết đúng hạn", "Trên 99% hồ sơ", None, None, "Cả năm"],
        [None, "và trả kết quả qua bưu chính", None, None, "Bưu điện", None],
    ]
    preview = analyse(write_xlsx(tmp_path / "gop-doc.xlsx", rows, merges=["D3:D5", "B2:F2"], bold_rows=(1, 2)))
    tasks = preview.drafts[0].children
    assert [t.lead for t in tasks] == [["Văn phòng - Thống kê"]] * 3
    assert tasks[2].title == "Giải quyết đúng hạn và trả kết quả qua bưu chính"
    assert tasks[2].partners == ["Bưu điện"]
    assert preview.appendices[0].stats.continuations == 1


def test_repeated_header_and_page_split_in_docx(tmp_path):
    header = ["TT", "Nhiệm vụ", "Mục tiêu", "Cơ quan chủ trì", "Thời gian"]
    body = [
        paragraph("Phụ lục số 02: Cải cách thủ tục hành chính"),
        table([
            header,
            ["1", "2", "3", "4", "5"],
            ["1", "Rà soát thủ tục hành chính", "Hoàn thành", "Văn phòng -", "Quý"],
            header,
            ["", "thuộc thẩm quyền", "100% thủ tục", "Thống kê", "II/2025"],
            ["2", "Công khai kết quả", "Đầy đủ", "Văn phòng - Thống kê", "Hàng quý"],
        ]),
    ]
    preview = analyse(write_docx(tmp_path / "trang.docx", body))
    area = preview.drafts[0]
    assert (area.code, area.title) == ("II", "Cải cách thủ tục hành chính")
    first, second = area.children
    assert first.title == "Rà soát thủ tục hành chính thuộc thẩm quyền"
    assert first.target_text == "Hoàn thành 100% thủ tục"
    assert first.lead == ["Văn phòng - Thống kê"]
    assert first.timeframe_text == "Quý II/2025"
    assert second.code == "2"
    stats = preview.appendices[0].stats
    assert (stats.repeated_headers, stats.column_numbers, stats.continuations) == (1, 1, 1)


def test_two_tables_in_one_sheet(tmp_path):
    rows = [
        ["Kế hoạch kiểm soát thủ tục hành chính năm 2025"],
        ["Stt", "Nội dung công việc", "Kết quả công việc", "Bộ phận thực hiện", "Thời gian thực hiện"],
        ["I", "Công bố, công khai TTHC"],
        [1, "Niêm yết thủ tục", "Thủ tục được niêm yết", "Văn phòng - Thống kê", "Thường xuyên"],
        [None],
        ["Danh mục các chỉ tiêu"],
        ["Stt", "Nội dung chỉ tiêu", "Đơn vị", "Chỉ tiêu năm 2025", "Cơ quan thực hiện"],
        [1, "Tỷ lệ hồ sơ trực tuyến", "%", "Tối thiểu 50", "Bộ phận Một cửa"],
        [2, "Tỷ lệ số hóa kết quả", "%", 100, "Bộ phận Một cửa"],
    ]
    preview = analyse(write_xlsx(tmp_path / "hai-bang.xlsx", rows, merges=["B3:E3"], bold_rows=(2, 3, 7)))
    assert [a.name for a in preview.appendices] == ["Kế hoạch kiểm soát thủ tục hành chính năm 2025",
                                                    "Danh mục các chỉ tiêu"]
    work, indicators = preview.drafts
    assert (work.code, len(work.children)) == ("I", 1)
    assert indicators.title == "Danh mục các chỉ tiêu"
    assert [t.target_text for t in indicators.children] == ["Tối thiểu 50%", "100%"]


def test_remap_a_column_and_override_a_level(tmp_path, office):
    rows = [
        ["TT", "Nội dung", "Phụ trách chính", "Hạn"],
        [1, "Xây dựng kế hoạch", "Văn phòng - Thống kê", "Quý I"],
        [2, "Tổ chức thực hiện", "Các ban, ngành", "Cả năm"],
    ]
    preview = analyse(write_xlsx(tmp_path / "lech.xlsx", rows))
    appendix = preview.appendices[0]
    mapping = {c.index: c.field for c in appendix.header.columns}
    assert mapping == {0: "code", 1: "title", 2: "lead", 3: "note"}
    assert preview.drafts[0].children[0].notes == "Hạn: Quý I"
    preview.remap(appendix.index, {3: "timeframe"})
    task = preview.drafts[0].children[0]
    assert (task.timeframe_text, task.notes) == ("Quý I", "")
    keys = {draft.title: key for key, _, draft in preview.walk()}
    summary = apply(office.db, preview, year=2025, levels={keys["Xây dựng kế hoạch"]: "criterion"},
                    title="Kế hoạch thử")
    assert summary["counts"] == {"area": 1, "criterion": 1, "subcriterion": 0, "task": 1}
    tree = load_tree(office.db, summary["plan"])
    assert [(i.level, i.timeframe_text) for i in tree[0].children] == [("criterion", "Quý I"), ("task", "Cả năm")]


def test_import_into_existing_plan_matches_by_code(tmp_path, office):
    rows = [
        HEADER,
        ["I", "CÔNG TÁC CHỈ ĐẠO"],
        [1, "TC 1.1 - Thực hiện kế hoạch CCHC", "Hoàn thành 100% nhiệm vụ", "Văn phòng - Thống kê", "", "Cả năm"],
        [2, "TC 1.2 - Chế độ báo cáo", "Đầy đủ", "Văn phòng - Thống kê", "", "Hàng quý"],
    ]
    first = analyse(write_xlsx(tmp_path / "v1.xlsx", rows, bold_rows=(1, 2)))
    plan_id = apply(office.db, first, year=2025)["plan"]
    rows[2][2] = "Hoàn thành 100% kế hoạch năm 2025"
    rows.append([3, "TC 1.4 - Tuyên truyền CCHC", "Tối thiểu 3 hình thức", "Văn hóa - Xã hội", "", "Cả năm"])
    second = analyse(write_xlsx(tmp_path / "v2.xlsx", rows, bold_rows=(1, 2)))

    before = office.db.execute("SELECT count(*) FROM items").fetchone()[0]
    dry = apply(office.db, second, year=2025, into_plan_id=plan_id, dry_run=True)
    assert dry["dry_run"] and dry["changes"]["added"] == 1
    assert office.db.execute("SELECT count(*) FROM items").fetchone()[0] == before

    summary = apply(office.db, second, year=2025, into_plan_id=plan_id)
    changes = summary["changes"]
    assert (changes["added"], changes["updated"], changes["unchanged"]) == (1, 1, 2)
    assert changes["fields"] == [{"code": "TC 1.1", "title": "Thực hiện kế hoạch CCHC", "field": "target_text",
                                  "old": "Hoàn thành 100% nhiệm vụ", "new": "Hoàn thành 100% kế hoạch năm 2025"}]
    area = load_tree(office.db, plan_id)[0]
    assert [c.code for c in area.children] == ["TC 1.1", "TC 1.2", "TC 1.4"]
    assert area.children[0].target_text == "Hoàn thành 100% kế hoạch năm 2025"


def test_cells_read_as_excel_shows_them(tmp_path):
    rows = [
        ["STT", "Nội dung chỉ tiêu", "Chỉ tiêu năm 2025", "Thời hạn"],
        [1, "Tỷ lệ hồ sơ đúng hạn", 0.985, None],
        [2, "Tỷ lệ số hóa", 0.8, None],
    ]
    path = write_xlsx(tmp_path / "so.xlsx", rows)
    import datetime

    import openpyxl

    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    for row in (2, 3):
        sheet.cell(row, 3).number_format = "0.0%"
    sheet.cell(2, 4).value = datetime.date(2025, 6, 30)
    sheet.cell(2, 4).number_format = "dd/mm/yyyy"
    workbook.save(path)
    tasks = analyse(path).drafts[0].children
    assert [t.target_text for t in tasks] == ["98,5%", "80%"]
    assert tasks[0].timeframe_text == "30/06/2025"


def test_openpyxl_fallback_reads_the_same(shared_dir, monkeypatch):
    path = shared_dir / "samples" / "ia-kha-2023.xlsx"
    fast = [(k, d.title, d.lead) for k, _, d in analyse(path).walk()]

    def no_internals(workbook):
        raise AttributeError("no styles")

    monkeypatch.setattr(xlsx_reader, "_Styles", no_internals)
    slow = [(k, d.title, d.lead) for k, _, d in analyse(path).walk()]
    assert fast == slow and len(fast) == 63


def test_cli_import_unknown_agencies_and_plan_show(tmp_path, capsys):
    db = tmp_path / "office.sqlite"
    assert main(["--db", str(db), "init", "--unit", "UBND xã Quang Trung"]) == 0
    rows = [HEADER, [1, "Phối hợp tổ chức đối thoại", "Có 01 buổi", "Hội Nông dân xã", "VP - TK", "Quý III"]]
    path = write_xlsx(tmp_path / "moi.xlsx", rows)
    capsys.readouterr()
    assert main(["--db", str(db), "plan", "import", str(path), "--year", "2025", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["unknown_agencies"] == ["Hội Nông dân xã"]
    assert main(["--db", str(db), "plan", "import", str(path), "--year", "2025"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Đã tạo kế hoạch số 2") and "Hội Nông dân xã" not in out  # known since the first import
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM agencies WHERE name = 'Hội Nông dân xã'").fetchone()[0] == 1
    conn.close()


def test_uncoded_bold_rows_are_areas_when_the_table_opens_with_one(tmp_path):
    rows = [
        ["STT", "Nội dung", "Cơ quan thực hiện", "Thời gian"],
        ["Công tác chỉ đạo điều hành"],
        [1, "Ban hành kế hoạch", "Văn phòng - Thống kê", "Quý I"],
        [2, "Kiểm tra cải cách hành chính", "Văn phòng - Thống kê", "Quý III"],
        ["Cải cách thể chế"],
        [1, "Rà soát văn bản", "Tư pháp - Hộ tịch", "Cả năm"],
        [None, "Tổng cộng 3 nhiệm vụ", None, None],
    ]
    preview = analyse(write_xlsx(tmp_path / "dam.xlsx", rows, merges=["A2:D2", "A5:D5", "B7:D7"],
                                 bold_rows=(1, 2, 5)))
    areas = preview.drafts
    assert [(a.level, a.title, len(a.children)) for a in areas] == [
        ("area", "Công tác chỉ đạo điều hành", 2), ("area", "Cải cách thể chế", 2)]
    assert areas[1].children[1].title == "Tổng cộng 3 nhiệm vụ"


def test_whole_plan_document_gives_title_number_and_date(tmp_path, office):
    body = [
        table([["UBND HUYỆN IA GRAI\n\nUBND THỊ TRẤN IA KHA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - "
                                                              "Hạnh phúc"],
               ["Số: 13/KH-UBND", "Ia Kha, ngày 05 tháng 4 năm 2024"]]),
        paragraph("KẾ HOẠCH", bold=True),
        paragraph("Cải cách hành chính năm 2024", bold=True),
        paragraph("Căn cứ Quyết định số 12/QĐ-UBND ngày 10 tháng 1 năm 2024 của UBND huyện;"),
        paragraph("UBND thị trấn ban hành Kế hoạch như sau:"),
        paragraph("PHỤ LỤC"),
        paragraph("Nhiệm vụ cải cách hành chính năm 2024"),
        table([HEADER, ["1", "Ban hành kế hoạch", "Đúng hạn", "Văn phòng - Thống kê", "", "Quý I"]]),
        table([["Nơi nhận:\n\n- Như trên;", "TM. ỦY BAN NHÂN DÂN\n\nCHỦ TỊCH"]]),
    ]
    preview = analyse(write_docx(tmp_path / "ke-hoach.docx", body))
    assert (preview.title, preview.number, preview.issued_on) == (
        "Kế hoạch cải cách hành chính năm 2024", "13/KH-UBND", "2024-04-05")
    assert [a.name for a in preview.appendices] == ["Nhiệm vụ cải cách hành chính năm 2024"]
    assert preview.summary()["warnings"] == []  # the heading and signature tables are not appendices
    body[0] = paragraph("Số: 13/KH-UBND") + paragraph("Ia Kha, ngày 05 tháng 4 năm 2024")
    preview = analyse(write_docx(tmp_path / "ke-hoach-2.docx", body))
    assert (preview.number, preview.issued_on) == ("13/KH-UBND", "2024-04-05")
    plan_id = apply(office.db, preview, year=2024)["plan"]
    row = office.db.execute("SELECT title, number, issued_on FROM plans WHERE id = ?", [plan_id]).fetchone()
    assert tuple(row) == ("Kế hoạch cải cách hành chính năm 2024", "13/KH-UBND", "2024-04-05")
