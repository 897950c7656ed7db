"""Tables of the kind other plans have, each written as Word and as Excel (issue 13, item 18).

Every shape is built once as cells (`import_builders.write_both`) and written in both forms,
with page breaks where they hurt: the header repeated (two or three rows of it), a row or an
area's title split over the break, and in Word a new table for each page, as a PDF turned
into Word gives. Both forms must give the same tree: levels, codes, titles, lead, partners.
"""

import pytest

from helpers import new_office
from import_builders import PAGE, write_both
from parcdesk.importer import analyse

FORMS = ("docx", "xlsx")


@pytest.fixture
def office_db(tmp_path):
    store = new_office(tmp_path / "office.sqlite")
    yield store.db
    store.close()


def tree(drafts, depth=0):
    """(depth, level, code, title) of every item, in order."""
    rows = []
    for draft in drafts:
        rows.append((depth, draft.level, draft.code, draft.title))
        rows.extend(tree(draft.children, depth + 1))
    return rows


def people(drafts):
    """(code, lead, partners, monitor) of every item that has any."""
    rows = []
    for draft in drafts:
        if draft.lead or draft.partners or draft.monitor:
            rows.append((draft.code, draft.lead, draft.partners, draft.monitor))
        rows.extend(people(draft.children))
    return rows


def both(tmp_path, name, rows, heading=("PHỤ LỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025",)):
    paths = write_both(tmp_path, name, rows, list(heading))
    return {form: analyse(paths[form]) for form in FORMS}


def same_in_both(previews):
    docx, xlsx = previews["docx"], previews["xlsx"]
    assert tree(docx.drafts) == tree(xlsx.drafts)
    assert people(docx.drafts) == people(xlsx.drafts)
    assert [a.header.mapping() for a in docx.appendices] == [a.header.mapping() for a in xlsx.appendices]
    return docx


# ---------------------------------------------------------------------------- two-row header

TOP = [{"text": "TT", "vmerge": "restart", "bold": True}, {"text": "Nội dung công việc", "vmerge": "restart"},
       {"text": "Cơ quan thực hiện", "span": 2}, {"text": "Thời gian thực hiện", "vmerge": "restart"}]
SUB = [{"vmerge": "continue"}, {"vmerge": "continue"}, "Cơ quan chủ trì", "Cơ quan phối hợp",
       {"vmerge": "continue"}]


def area(code, title, width=4):
    return [{"text": code, "bold": True}, {"text": title, "span": width, "bold": True}]


TWO_ROW = [
    TOP, SUB, ["1", "2", "3", "4", "5"],
    area("I", "CẢI CÁCH THỂ CHẾ"),
    ["1", "Rà soát văn bản quy phạm pháp luật", "Tư pháp - Hộ tịch", "Văn phòng - Thống kê", "Quý II"],
    ["2", "Theo dõi thi hành pháp luật", "Tư pháp - Hộ tịch", "Các ban, ngành", "Thường xuyên"],
    area("II", "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN"),
    PAGE, TOP, SUB,
    ["", {"text": "ĐIỆN TỬ, CHÍNH QUYỀN SỐ", "span": 4, "bold": True}],
    ["1", "Số hóa hồ sơ, kết quả giải quyết TTHC", "Bộ phận Một cửa", "Văn phòng - Thống kê", "Quý III"],
    ["2", "Hướng dẫn người dân sử dụng dịch vụ công", "Bộ phận Một", "Văn phòng -", "Quý"],
    PAGE, TOP, SUB,
    ["", "trực tuyến toàn trình", "cửa", "Thống kê", "IV"],
    ["3", "Vận hành trang thông tin điện tử", "Văn hóa - Thông tin", "", "Thường xuyên"],
    area("III", "CẢI CÁCH TÀI CHÍNH CÔNG"),
    ["1", "Công khai ngân sách", "Tài chính - Kế toán", "Lãnh đạo UBND", "Quý I"],
]


def test_two_row_header_repeated_at_every_page(tmp_path):
    previews = both(tmp_path, "hai-dong", TWO_ROW)
    preview = same_in_both(previews)
    appendix = preview.appendices[0]
    assert appendix.header.mapping() == {
        "code": "TT", "title": "Nội dung công việc", "lead": "Cơ quan thực hiện – Cơ quan chủ trì",
        "partners": "Cơ quan thực hiện – Cơ quan phối hợp", "timeframe": "Thời gian thực hiện"}
    assert tree(preview.drafts) == [
        (0, "area", "I", "CẢI CÁCH THỂ CHẾ"),
        (1, "task", "1", "Rà soát văn bản quy phạm pháp luật"),
        (1, "task", "2", "Theo dõi thi hành pháp luật"),
        (0, "area", "II", "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"),
        (1, "task", "1", "Số hóa hồ sơ, kết quả giải quyết TTHC"),
        (1, "task", "2", "Hướng dẫn người dân sử dụng dịch vụ công trực tuyến toàn trình"),
        (1, "task", "3", "Vận hành trang thông tin điện tử"),
        (0, "area", "III", "CẢI CÁCH TÀI CHÍNH CÔNG"),
        (1, "task", "1", "Công khai ngân sách"),
    ]
    assert people(preview.drafts) == [
        ("1", ["Tư pháp - Hộ tịch"], ["Văn phòng - Thống kê"], []),
        ("2", ["Tư pháp - Hộ tịch"], ["Các ban, ngành"], []),
        ("1", ["Bộ phận Một cửa"], ["Văn phòng - Thống kê"], []),
        ("2", ["Bộ phận Một cửa"], ["Văn phòng - Thống kê"], []),
        ("3", ["Văn hóa - Thông tin"], [], []),
        ("1", ["Tài chính - Kế toán"], ["Lãnh đạo UBND"], []),
    ]
    assert preview.drafts[1].children[1].timeframe_text == "Quý IV"
    for form, each in previews.items():
        stats = each.appendices[0].stats
        assert (stats.repeated_headers, stats.continuations) == (4, 2), form  # two pages, two rows each
        assert len(each.appendices) == 1, form


@pytest.mark.parametrize("merge", ["gridSpan", "hMerge", "lost"])
def test_two_row_header_however_word_merged_it(tmp_path, merge):
    """gridSpan; the old hMerge; or a conversion that wrote "Cơ quan thực hiện" over an empty
    cell instead of spanning two (the workbook then has no merge either)."""
    over = {"gridSpan": [{"text": "Cơ quan thực hiện", "span": 2}],
            "hMerge": [{"text": "Cơ quan thực hiện", "hmerge": "restart"}, {"hmerge": "continue"}],
            "lost": ["Cơ quan thực hiện", ""]}[merge]
    top = [{"text": "TT", "vmerge": "restart"}, {"text": "Nội dung", "vmerge": "restart"}, *over,
           {"text": "Thời gian", "vmerge": "restart"}]
    rows = [top, SUB, ["1", "Tổ chức hội nghị", "Văn phòng - Thống kê", "Các ban, ngành", "Quý I"],
            ["2", "Kiểm tra công vụ", "Lãnh đạo UBND", "Văn phòng - Thống kê", "Quý III"]]
    preview = same_in_both(both(tmp_path, f"mat-{merge}", rows))
    assert people(preview.drafts) == [("1", ["Văn phòng - Thống kê"], ["Các ban, ngành"], []),
                                      ("2", ["Lãnh đạo UBND"], ["Văn phòng - Thống kê"], [])]


def test_finer_grid_than_the_columns(tmp_path):
    """Every column of the lead two grid columns wide, header included: the same five columns."""
    rows = [
        ["TT", "Nội dung", {"text": "Cơ quan chủ trì", "span": 2}, "Cơ quan phối hợp", "Thời gian"],
        ["1", "Niêm yết thủ tục", {"text": "Văn phòng - Thống kê", "span": 2}, "Bộ phận Một cửa", "Quý I"],
        ["2", "Tiếp nhận phản ánh", {"text": "Bộ phận Một cửa", "span": 2}, "Công an", "Thường xuyên"],
    ]
    previews = both(tmp_path, "luoi", rows)
    preview = same_in_both(previews)
    assert [c.field for c in preview.appendices[0].header.columns] == [
        "code", "title", "lead", "partners", "timeframe"]
    assert people(preview.drafts) == [("1", ["Văn phòng - Thống kê"], ["Bộ phận Một cửa"], []),
                                      ("2", ["Bộ phận Một cửa"], ["Công an"], [])]
    assert preview.summary()["warnings"] == []


# ---------------------------------------------------------------------------- three-row header

R1 = [{"text": "STT", "vmerge": "restart"}, {"text": "Nhiệm vụ", "vmerge": "restart"},
      {"text": "Tổ chức thực hiện", "span": 3}, {"text": "Thời gian hoàn thành", "vmerge": "restart"}]
R2 = [{"vmerge": "continue"}, {"vmerge": "continue"}, {"text": "Cơ quan thực hiện", "span": 2},
      {"text": "Cơ quan theo dõi", "vmerge": "restart"}, {"vmerge": "continue"}]
R3 = [{"vmerge": "continue"}, {"vmerge": "continue"}, "Chủ trì", "Phối hợp", {"vmerge": "continue"},
      {"vmerge": "continue"}]


def test_area_title_split_at_a_page_break_without_any_formatting(tmp_path):
    """No bold, no merge: the heading row is told by standing alone, its rest by the page break."""
    header = ["TT", "Nội dung công việc", "Cơ quan chủ trì", "Thời gian"]
    rows = [
        header,
        ["VI", "CẢI CÁCH TÀI CHÍNH CÔNG", "", ""],
        ["1", "Công khai ngân sách", "Tài chính - Kế toán", "Quý I"],
        ["VII", "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN", "", ""],
        PAGE, header,
        ["", "ĐIỆN TỬ, CHÍNH QUYỀN SỐ", "", ""],
        ["1", "Vận hành hệ thống một cửa điện tử", "Bộ phận Một cửa", "Thường xuyên"],
        ["2", "Chữ ký số cho công chức", "Văn phòng - Thống kê", "Quý II"],
    ]
    preview = same_in_both(both(tmp_path, "khong-dinh-dang", rows))
    assert [(a.code, a.title, len(a.children)) for a in preview.drafts] == [
        ("VI", "CẢI CÁCH TÀI CHÍNH CÔNG", 1),
        ("VII", "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ", 2)]


def test_a_table_per_page_without_the_header_again(tmp_path):
    """Word, from a PDF: a new table on each page and no header on it; the page break still tells
    the rest of a row (and of an area's title) from a new one. The workbook has the rows joined."""
    header = ["TT", "Nội dung công việc", "Cơ quan chủ trì", "Thời gian"]
    rows = [
        header,
        area("VI", "CẢI CÁCH TÀI CHÍNH CÔNG", 3),
        ["1", "Công khai ngân sách", "Tài chính - Kế toán", "Quý I"],
        ["2", "Quản lý tài sản công", "Tài chính -", "Quý"],
        PAGE,
        ["", "theo quy định", "Kế toán", "II"],
        area("VII", "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN", 3),
        PAGE,
        ["", {"text": "ĐIỆN TỬ, CHÍNH QUYỀN SỐ", "span": 3, "bold": True}],
        ["1", "Vận hành hệ thống một cửa điện tử", "Bộ phận Một cửa", "Thường xuyên"],
    ]
    paths = write_both(tmp_path, "moi-trang-mot-bang", rows, ["PHỤ LỤC"])
    docx = analyse(paths["docx"])
    assert len(docx.appendices) == 1
    assert [(a.code, a.title, len(a.children)) for a in docx.drafts] == [
        ("VI", "CẢI CÁCH TÀI CHÍNH CÔNG", 2),
        ("VII", "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ", 1)]
    second = docx.drafts[0].children[1]
    assert (second.title, second.lead, second.timeframe_text) == (
        "Quản lý tài sản công theo quy định", ["Tài chính - Kế toán"], "Quý II")


def test_three_row_header(tmp_path):
    rows = [
        R1, R2, R3,
        area("I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", 5),
        ["1", "Công khai thủ tục hành chính", "Văn phòng - Thống kê", "Bộ phận Một cửa", "Lãnh đạo UBND", "Quý I"],
        ["2", "Rà soát thủ tục hành chính", "Tư pháp - Hộ tịch", "Các ban, ngành", "Lãnh đạo UBND", "Quý II"],
        PAGE, R1, R2, R3,
        ["3", "Số hóa kết quả giải quyết", "Bộ phận Một cửa", "Văn phòng - Thống kê", "Lãnh đạo UBND",
         "Quý III"],
        area("II", "CẢI CÁCH CÔNG VỤ", 5),
        ["1", "Kiểm tra công vụ", "Lãnh đạo UBND", "Văn phòng - Thống kê", "", "Quý IV"],
    ]
    previews = both(tmp_path, "ba-dong", rows)
    preview = same_in_both(previews)
    assert preview.appendices[0].header.mapping() == {
        "code": "STT", "title": "Nhiệm vụ", "lead": "Tổ chức thực hiện – Cơ quan thực hiện – Chủ trì",
        "partners": "Tổ chức thực hiện – Cơ quan thực hiện – Phối hợp",
        "monitor": "Tổ chức thực hiện – Cơ quan theo dõi", "timeframe": "Thời gian hoàn thành"}
    assert [(d, level, code) for d, level, code, _ in tree(preview.drafts)] == [
        (0, "area", "I"), (1, "task", "1"), (1, "task", "2"), (1, "task", "3"), (0, "area", "II"),
        (1, "task", "1")]
    assert people(preview.drafts) == [
        ("1", ["Văn phòng - Thống kê"], ["Bộ phận Một cửa"], ["Lãnh đạo UBND"]),
        ("2", ["Tư pháp - Hộ tịch"], ["Các ban, ngành"], ["Lãnh đạo UBND"]),
        ("3", ["Bộ phận Một cửa"], ["Văn phòng - Thống kê"], ["Lãnh đạo UBND"]),
        ("1", ["Lãnh đạo UBND"], ["Văn phòng - Thống kê"], []),
    ]
    for each in previews.values():
        assert each.appendices[0].stats.repeated_headers == 3


# ---------------------------------------------------------------------------- areas in a column of their own

@pytest.mark.parametrize("label,layout", [
    ("Lĩnh vực", "merged"),  # merged down, the merge going on over the page break
    ("Lĩnh vực, tiêu chí", "merged"),  # a header that says nothing: told by its merged cells
    ("Lĩnh vực", "repeated"),  # merged down on each page, its text written again at the top of the next
    ("Lĩnh vực, tiêu chí", "once"),  # no merge at all: written once, left empty below
])
def test_areas_in_a_column_of_their_own_beside_the_tasks(tmp_path, label, layout):
    header = [label, "STT", "Nhiệm vụ cụ thể", "Cơ quan chủ trì", "Thời gian thực hiện"]
    first, second = "I. Cải cách thủ tục hành chính", "II. Cải cách công vụ"

    def start(text):
        return text if layout == "once" else {"text": text, "vmerge": "restart"}

    cont = "" if layout == "once" else {"vmerge": "continue"}
    rows = [
        header,
        [start(first), "1", "Niêm yết công khai thủ tục", "Văn phòng - Thống kê", "Thường xuyên"],
        [cont, "2", "Tiếp nhận hồ sơ trực tuyến", "Bộ phận Một cửa", "Cả năm"],
        [cont, "3", "Số hóa kết quả giải quyết", "Bộ phận Một cửa", "Quý II"],
        PAGE, header,
        [start(first) if layout == "repeated" else cont, "4", "Xin lỗi khi trễ hẹn", "Bộ phận Một cửa",
         "Khi để xảy ra trễ hẹn"],
        [start(second), "1", "Kiểm tra giờ giấc làm việc", "Lãnh đạo UBND", "Hàng quý"],
        [cont, "2", "Đánh giá, xếp loại công chức", "Văn phòng - Thống kê", "Cuối năm"],
    ]
    preview = same_in_both(both(tmp_path, f"cot-linh-vuc-{layout}-{len(label)}", rows))
    columns = preview.appendices[0].header.columns
    assert [c.field for c in columns] == ["area", "code", "title", "lead", "timeframe"]
    assert tree(preview.drafts) == [
        (0, "area", "I", "Cải cách thủ tục hành chính"),
        (1, "task", "1", "Niêm yết công khai thủ tục"),
        (1, "task", "2", "Tiếp nhận hồ sơ trực tuyến"),
        (1, "task", "3", "Số hóa kết quả giải quyết"),
        (1, "task", "4", "Xin lỗi khi trễ hẹn"),
        (0, "area", "II", "Cải cách công vụ"),
        (1, "task", "1", "Kiểm tra giờ giấc làm việc"),
        (1, "task", "2", "Đánh giá, xếp loại công chức"),
    ]
    assert [d.lead for d in preview.drafts[1].children] == [["Lãnh đạo UBND"], ["Văn phòng - Thống kê"]]
    assert all("trùng nghĩa" not in w for w in preview.summary()["warnings"])


# ---------------------------------------------------------------------------- "- …" rows under a row

def test_bullet_rows_are_sub_items_of_the_row_above(tmp_path):
    header = ["TT", "Nội dung công việc", "Mục tiêu, yêu cầu", "Cơ quan chủ trì", "Thời gian thực hiện"]
    rows = [
        header,
        area("I", "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH"),
        ["1", "Tuyên truyền cải cách hành chính", "", "Văn hóa - Xã hội", "Cả năm"],
        ["", "- Tuyên truyền trên hệ thống loa truyền thanh", "Ít nhất 02 tin, bài mỗi quý", "Văn hóa - Xã hội",
         "Hàng quý"],
        ["", "- Tổ chức cuộc thi tìm hiểu về cải cách hành chính", "01 cuộc thi", "Văn hóa - Xã hội", "Quý III"],
        PAGE, header,
        ["", "+ Thi trực tuyến trên trang thông tin điện tử", "Tối thiểu 200 lượt", "Văn hóa - Thông tin",
         "Quý III"],
        ["", "- Cập nhật tin bài lên trang thông tin điện tử", "100% văn bản được đăng", "Văn hóa - Thông tin",
         "Thường xuyên"],
        ["2", "Kiểm tra cải cách hành chính", "Tối thiểu 30% bộ phận", "Văn phòng - Thống kê", "Quý III"],
        area("II", "CẢI CÁCH THỂ CHẾ"),
        ["", "- Rà soát văn bản quy phạm pháp luật", "Đầy đủ", "Tư pháp - Hộ tịch", "Quý II"],
    ]
    preview = same_in_both(both(tmp_path, "gach-dau-dong", rows))
    assert tree(preview.drafts) == [
        (0, "area", "I", "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH"),
        (1, "criterion", "1", "Tuyên truyền cải cách hành chính"),
        (2, "task", "", "Tuyên truyền trên hệ thống loa truyền thanh"),
        (2, "subcriterion", "", "Tổ chức cuộc thi tìm hiểu về cải cách hành chính"),
        (3, "task", "", "Thi trực tuyến trên trang thông tin điện tử"),
        (2, "task", "", "Cập nhật tin bài lên trang thông tin điện tử"),
        (1, "task", "2", "Kiểm tra cải cách hành chính"),
        (0, "area", "II", "CẢI CÁCH THỂ CHẾ"),
        (1, "task", "", "Rà soát văn bản quy phạm pháp luật"),  # nothing above it in its area: an item of it
    ]
    first = preview.drafts[0].children[0]
    assert first.children[0].target_text == "Ít nhất 02 tin, bài mỗi quý"
    assert first.children[1].children[0].lead == ["Văn hóa - Thông tin"]


# ---------------------------------------------------------------------------- samples/README.md's last paragraph

def test_criterion_and_target_in_one_cell(tmp_path):
    rows = [
        ["TT", "Tiêu chí, chỉ tiêu", "Cơ quan chủ trì", "Thời gian"],
        area("I", "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH", 3),
        ["1", "TC 1.1 - Thực hiện kế hoạch CCHC: 100% hoàn thành Kế hoạch năm 2024", "Văn phòng - Thống kê",
         "Cả năm"],
        PAGE, ["TT", "Tiêu chí, chỉ tiêu", "Cơ quan chủ trì", "Thời gian"],
        ["2", "Thực hiện chế độ báo cáo: đạt tối thiểu 95% báo cáo đúng hạn", "Văn phòng - Thống kê",
         "Hàng quý"],
        ["3", "Tuyên truyền CCHC: bằng các hình thức phù hợp", "Văn hóa - Xã hội", "Cả năm"],
    ]
    preview = same_in_both(both(tmp_path, "gop-chi-tieu", rows))
    first, second, third = preview.drafts[0].children
    assert (first.code, first.level, first.title, first.target_text) == (
        "TC 1.1", "criterion", "Thực hiện kế hoạch CCHC", "100% hoàn thành Kế hoạch năm 2024")
    assert (second.code, second.title, second.target_text) == (
        "2", "Thực hiện chế độ báo cáo", "đạt tối thiểu 95% báo cáo đúng hạn")
    assert (third.title, third.target_text) == ("Tuyên truyền CCHC: bằng các hình thức phù hợp", "")


def test_areas_numbered_1_and_criteria_1_1_and_1_3_1(tmp_path):
    header = ["Stt", "Nội dung", "Chỉ tiêu đạt được", "Cơ quan phụ trách", "Thời gian thực hiện"]
    rows = [
        header,
        [{"text": "1.", "bold": True}, {"text": "Công tác chỉ đạo, điều hành", "span": 4, "bold": True}],
        ["1.1.", "Thực hiện kế hoạch CCHC", "Hoàn thành 100% kế hoạch", "Văn phòng - Thống kê", "Cả năm"],
        ["1.3.", {"text": "Kiểm tra cải cách hành chính", "span": 4}],
        ["1.3.1", "Tỷ lệ đơn vị được kiểm tra", "Tối thiểu 30%", "Văn phòng - Thống kê", "Quý III"],
        PAGE, header,
        ["1.3.2", "Xử lý vấn đề phát hiện qua kiểm tra", "100% vấn đề được xử lý", "Văn phòng - Thống kê",
         "Quý IV"],
        [{"text": "2.", "bold": True}, {"text": "Cải cách thể chế", "span": 4, "bold": True}],
        ["2.1.", "Rà soát văn bản", "Có danh mục", "Tư pháp - Hộ tịch", "Quý I"],
    ]
    preview = same_in_both(both(tmp_path, "so-cham", rows))
    assert tree(preview.drafts) == [
        (0, "area", "1", "Công tác chỉ đạo, điều hành"),
        (1, "criterion", "1.1", "Thực hiện kế hoạch CCHC"),
        (1, "criterion", "1.3", "Kiểm tra cải cách hành chính"),
        (2, "subcriterion", "1.3.1", "Tỷ lệ đơn vị được kiểm tra"),
        (2, "subcriterion", "1.3.2", "Xử lý vấn đề phát hiện qua kiểm tra"),
        (0, "area", "2", "Cải cách thể chế"),
        (1, "criterion", "2.1", "Rà soát văn bản"),
    ]


def test_monitor_column(tmp_path):
    rows = [
        ["STT", "Nhiệm vụ cụ thể", "Cơ quan chủ trì", "Cơ quan phối hợp", "Cơ quan theo dõi", "Ghi chú"],
        ["1", "Số hóa hồ sơ, kết quả giải quyết TTHC", "Bộ phận Một cửa", "Công an", "Văn phòng - Thống kê",
         "Ưu tiên"],
        ["2", "Tập huấn kỹ năng", "Văn phòng - Thống kê", "", "Lãnh đạo UBND", ""],
    ]
    preview = same_in_both(both(tmp_path, "theo-doi", rows))
    assert preview.appendices[0].header.mapping()["monitor"] == "Cơ quan theo dõi"
    assert people(preview.drafts) == [("1", ["Bộ phận Một cửa"], ["Công an"], ["Văn phòng - Thống kê"]),
                                      ("2", ["Văn phòng - Thống kê"], [], ["Lãnh đạo UBND"])]
    assert preview.drafts[0].children[0].notes == "Ưu tiên"


# ---------------------------------------------------------------------------- agency cells that name no agency

def test_instructions_in_the_lead_column_go_to_notes_with_a_warning(tmp_path):
    rows = [
        ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
        area("I", "CẢI CÁCH THỂ CHẾ"),
        ["1", "Rà soát văn bản", "Theo hướng dẫn các cấp có thẩm quyền", "Các ban, ngành liên quan", "Quý II"],
        ["2", "Theo dõi thi hành pháp luật", "Tư pháp - Hộ tịch", "Theo kế hoạch", "Cả năm"],
        ["3", "Báo cáo định kỳ", "Văn phòng - Thống kê; Khi có yêu cầu", "", "Hàng quý"],
    ]
    preview = same_in_both(both(tmp_path, "loi-dan", rows))
    first, second, third = preview.drafts[0].children
    assert (first.lead, first.partners) == ([], ["Các ban, ngành liên quan"])  # a group is an agency
    assert first.notes == "Cơ quan chủ trì: Theo hướng dẫn các cấp có thẩm quyền"
    assert (second.lead, second.partners, second.notes) == (["Tư pháp - Hộ tịch"], [],
                                                            "Cơ quan phối hợp: Theo kế hoạch")
    assert (third.lead, third.notes) == (["Văn phòng - Thống kê"], "Cơ quan chủ trì: Khi có yêu cầu")
    warnings = preview.summary()["warnings"]
    assert sum("là lời dặn, không phải tên cơ quan" in w for w in warnings) == 3
    assert any("“Theo hướng dẫn các cấp có thẩm quyền” ở cột “Cơ quan chủ trì”" in w for w in warnings)


def test_unknown_names_that_do_not_look_like_agencies_are_questioned(tmp_path, office_db):
    from parcdesk.importer import unknown_agencies
    from parcdesk.parsing.agencies import doubtful

    rows = [
        ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian"],
        ["1", "Tổ chức đối thoại", "Hội Nông dân xã", "Quý III"],
        ["2", "Tập huấn", "toàn thể người dân trên địa bàn", "Quý IV"],
    ]
    preview = analyse(write_both(tmp_path, "la", rows, [])["xlsx"])
    unknown = unknown_agencies(office_db, preview)
    assert unknown == ["Hội Nông dân xã", "toàn thể người dân trên địa bàn"]
    assert [doubtful(name) is not None for name in unknown] == [False, True]


# ---------------------------------------------------------------------------- one case for the areas

def test_area_titles_take_the_case_most_of_the_file_has(tmp_path):
    rows = [
        ["TT", "Nội dung công việc", "Cơ quan chủ trì", "Thời gian"],
        area("I", "Công tác chỉ đạo, điều hành CCHC", 3),
        ["1", "Ban hành kế hoạch", "Văn phòng - Thống kê", "Quý I"],
        area("II", "CẢI CÁCH THỂ CHẾ", 3),
        ["1", "Rà soát văn bản", "Tư pháp - Hộ tịch", "Quý II"],
        area("III", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", 3),
        ["1", "Công khai thủ tục", "Bộ phận Một cửa", "Thường xuyên"],
    ]
    preview = same_in_both(both(tmp_path, "hoa-thuong", rows))
    assert [a.title for a in preview.drafts] == [
        "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", "CẢI CÁCH THỂ CHẾ", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"]
    changed = [w for w in preview.summary()["warnings"] if "được viết lại" in w]
    assert len(changed) == 1 and "Lĩnh vực “I”" in changed[0]
    assert "“Công tác chỉ đạo, điều hành CCHC”" in changed[0]  # the original, as written
    # the officer's remapping re-reads the appendix: the rule holds again, and once
    preview.remap(1, {3: "note"})
    assert preview.drafts[0].title == "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"
    assert len([w for w in preview.summary()["warnings"] if "được viết lại" in w]) == 1


def test_sentence_case_majority_keeps_abbreviations():
    from parcdesk.importer.casing import normalise_area_titles, to_sentence
    from parcdesk.model import ItemDraft

    assert to_sentence("CẢI CÁCH TTHC VÀ HIỆN ĐẠI HÓA UBND GIAI ĐOẠN II") == \
        "Cải cách TTHC và hiện đại hóa UBND giai đoạn II"
    areas = [ItemDraft(title=t, level="area", code=c) for c, t in
             [("1", "Công tác chỉ đạo"), ("2", "Cải cách thể chế"), ("3", "CẢI CÁCH CÔNG VỤ, CCHC")]]
    changed = normalise_area_titles(areas)
    assert [a.title for a in areas] == ["Công tác chỉ đạo", "Cải cách thể chế", "Cải cách công vụ, CCHC"]
    assert [area.code for area, _ in changed] == ["3"]
    tie = [ItemDraft(title="Cải cách thể chế", level="area"), ItemDraft(title="CẢI CÁCH CÔNG VỤ", level="area")]
    normalise_area_titles(tie)
    assert [a.title for a in tie] == ["CẢI CÁCH THỂ CHẾ", "CẢI CÁCH CÔNG VỤ"]  # a tie: capitals
