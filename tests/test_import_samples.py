"""Every appendix in ../shared/samples imports to the structure samples/README.md states, both forms."""

import json
import unicodedata
from dataclasses import asdict

import pytest

from parcdesk.importer import analyse

INIT = ["init", "--unit", "UBND thị trấn Ia Kha", "--kind", "thị trấn", "--superior", "UBND huyện Ia Grai",
        "--place", "Ia Kha"]

# samples/README.md: items under each area, in order
EXPECTED = {
    "ia-kha-2023": [7, 5, 12, 5, 6, 4, 10, 6],
    "quang-trung-2023": [3, 9, 3, 5, 4, 5, 4],
    # work plan I–XII, then the indicator list as one area: 11 indicators and the 12th with 3 sub-rows
    "nguyen-nghiem-2024": [2, 1, 2, 3, 8, 3, 1, 2, 1, 2, 1, 2, 12],
}
APPENDICES = {"ia-kha-2023": 1, "quang-trung-2023": 7, "nguyen-nghiem-2024": 2}
FORMS = [(name, ext) for name in EXPECTED for ext in ("xlsx", "docx")]


@pytest.fixture
def db(tmp_path, run):
    path = tmp_path / "office.sqlite"
    assert run("--db", path, *INIT)[0] == 0
    return path


def sample(shared_dir, name, ext):
    return shared_dir / "samples" / f"{name}.{ext}"


def by_code(items, code):
    for item in items:
        if item["code"] == code:
            return item
        found = by_code(item["children"], code)
        if found:
            return found
    return None


def flat(preview):
    rows = []
    for _, depth, draft in preview.walk():
        row = asdict(draft)
        row.pop("children")
        rows.append((depth, row))
    return rows


@pytest.mark.parametrize("name,ext", FORMS)
def test_counts_per_area(shared_dir, name, ext):
    preview = analyse(sample(shared_dir, name, ext))
    assert len(preview.appendices) == APPENDICES[name]
    areas = preview.drafts
    assert all(area.level == "area" for area in areas)
    assert [len(area.children) for area in areas] == EXPECTED[name]


@pytest.mark.parametrize("name,ext", FORMS)
def test_cli_import_then_show(shared_dir, run, db, name, ext):
    code, out, err = run("--db", db, "plan", "import", sample(shared_dir, name, ext), "--year", 2025, "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["dry_run"] is False and isinstance(summary["plan"], int)
    assert len(summary["appendices"]) == APPENDICES[name]
    assert summary["counts"]["area"] == len(EXPECTED[name])
    sub_rows = 3 if name == "nguyen-nghiem-2024" else 0  # 12.1–12.3 under indicator 12
    assert sum(summary["counts"].values()) == len(EXPECTED[name]) + sum(EXPECTED[name]) + sub_rows
    shown = json.loads(run("--db", db, "plan", "show", "--plan", summary["plan"], "--json")[1])
    assert [len(area["children"]) for area in shown["items"]] == EXPECTED[name]
    assert shown["plan"]["item_count"] == sum(summary["counts"].values())


@pytest.mark.parametrize("name", list(EXPECTED))
def test_both_forms_give_the_same_plan(shared_dir, name):
    assert flat(analyse(sample(shared_dir, name, "xlsx"))) == flat(analyse(sample(shared_dir, name, "docx")))


def test_ia_kha_codes_targets_and_joined_continuations(shared_dir, run, db):
    # the .docx form: header repeated at page breaks, rows split across pages, column numbers
    # --keep-years: the file's own words, as written ("năm 2023"), are what is checked here
    code, out, err = run("--db", db, "plan", "import", sample(shared_dir, "ia-kha-2023", "docx"), "--year", 2025,
                         "--keep-years", "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["appendices"][0]["columns"] == {
        "code": "TT", "title": "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "target": "Mục tiêu, yêu cầu",
        "lead": "Cơ quan chủ trì", "partners": "Cơ quan phối hợp/thực hiện",
        "timeframe": "Thời gian thực hiện/hoàn thành",
    }
    assert summary["title"] == "Kế hoạch cải cách hành chính năm 2023 - UBND thị trấn Ia Kha"
    items = json.loads(run("--db", db, "plan", "show", "--plan", summary["plan"], "--json")[1])["items"]
    assert [a["code"] for a in items] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    assert items[0]["title"] == "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC"

    first = items[0]["children"][0]
    assert (first["code"], first["level"], first["title"]) == ("TC 1.1", "criterion", "Thực hiện kế hoạch CCHC")
    assert first["target"]["comparator"] == ">=" and first["target"]["value"] == 100 and first["target"]["unit"] == "%"
    sub = by_code(items, "TCTP 1.3.1")
    assert sub["level"] == "subcriterion" and sub["title"].startswith("Tỷ lệ cơ quan chuyên môn (CQCM)")

    # split across a page: "Văn phòng -" / "Thống kê" and "phát" / "hiện qua kiểm tra" in one piece
    split = by_code(items, "TCTP 1.3.2")
    assert split["title"] == "Xử lý các vấn đề phát hiện qua kiểm tra"
    assert split["target"]["text"] == "100% vấn đề phát hiện qua kiểm tra hoàn thành việc xử lý"
    assert split["leads"] == ["Văn phòng – Thống kê"]
    assert split["timeframe"]["text"] == "Sau khi kết thúc đợt kiểm tra"
    assert by_code(items, "TCTP 2.2.1")["timeframe"]["text"] == "Chậm nhất ngày 31 tháng 01 năm 2024"
    assert by_code(items, "TC 1.5")["target"]["text"].endswith(
        "báo cáo Phòng Nội vụ để tổng hợp, gửi Sở Nội vụ thẩm định)")
    assert by_code(items, "TCTP 7.3.4")["leads"] == ["Văn hóa – Thông tin", "Văn phòng – Thống kê"]
    # a line break inside a cell stays one
    assert by_code(items, "TC 1.4")["target"]["text"].count("\n") == 1

    sipas = by_code(items, "TCTP 8.1.1")
    assert (sipas["target"]["comparator"], sipas["target"]["value"], sipas["target"]["baseline_year"]) == (
        ">=", 85.99, 2022)
    liên_thông = by_code(items, "TCTP 3.3.3")["target"]
    assert (liên_thông["value"], liên_thông["unit"]) == (50, "TTHC")
    assert by_code(items, "TCTP 5.4")["target"]["comparator"] == "="


def test_impossible_dates_are_reported(shared_dir, run, db):
    code, out, err = run("--db", db, "plan", "import", sample(shared_dir, "quang-trung-2023", "docx"), "--year",
                         2023, "--json")
    assert code == 0, err
    warnings = json.loads(out)["warnings"]
    assert any("Tổ chức đánh giá tự chấm điểm" in w and "31/11/2023 không có thật" in w for w in warnings)


def test_quang_trung_seven_appendices_are_seven_areas(shared_dir):
    for ext in ("xlsx", "docx"):
        preview = analyse(sample(shared_dir, "quang-trung-2023", ext))
        areas = preview.drafts
        assert [a.code for a in areas] == ["I", "II", "III", "IV", "V", "VI", "VII"]
        # I–II are in sentence case in the file, III–VII in capitals: one case, the file's majority
        assert areas[0].title == "CÁC NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH THỂ CHẾ NĂM 2023"
        assert any("Lĩnh vực “I” được viết lại bằng chữ in hoa" in w and
                   "“Các nhiệm vụ trọng tâm về Cải cách thể chế năm 2023”" in w
                   for w in preview.summary()["warnings"])
        # "Theo hướng dẫn các cấp có thẩm quyền" in the lead column is an instruction, not an agency
        assert (areas[3].children[0].lead, areas[3].children[0].notes) == (
            [], "Cơ quan thực hiện: Theo hướng dẫn các cấp có thẩm quyền")
        assert areas[2].title == "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC"
        mapping = preview.appendices[0].header.mapping()
        assert mapping == {"code": "STT", "title": "Nhiệm vụ cụ thể", "output": "Sản phẩm",
                           "lead": "Cơ quan thực hiện", "timeframe": "Thời gian thực hiện", "notes": "Ghi chú"}
        task = areas[1].children[6]
        assert task.title.endswith("đẩy mạnh việc thực hiện tiếp nhiệm và trả kết quả qua dịch vụ bưu chính công ích")
        assert task.lead == ["Bộ phận tiếp nhận và trả kết quả"] and task.partners == ["Bưu điện"]
        assert areas[1].children[1].title.startswith("Tập trung rà soát")  # a lone bullet dropped
        assert [t.level for a in areas for t in a.children] == ["task"] * 33


def test_nguyen_nghiem_indicators_with_unit_and_target(shared_dir):
    for ext in ("xlsx", "docx"):
        preview = analyse(sample(shared_dir, "nguyen-nghiem-2024", ext))
        work, indicators = preview.drafts[:12], preview.drafts[12]
        assert [a.code for a in work] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
        assert [t.code for a in work for t in a.children] == [str(n) for n in range(1, 29)]
        assert indicators.title == "Danh mục các chỉ tiêu liên quan"
        assert [i.code for i in indicators.children] == [str(n) for n in range(1, 13)]
        assert indicators.children[0].target_text == "Tối thiểu 80%"
        twelfth = indicators.children[11]
        assert twelfth.level == "criterion" and twelfth.target_text == ""
        assert [(c.code, c.target_text) for c in twelfth.children] == [("12.1", "100%"), ("12.2", "95%"),
                                                                       ("12.3", "80%")]
        assert preview.appendices[1].header.mapping() == {
            "code": "Stt", "title": "Nội dung chỉ tiêu", "unit": "Đơn vị", "target": "Chỉ tiêu năm 2024",
            "lead": "Cơ quan thực hiện"}
        first = indicators.children[0]
        assert first.lead == ["Các sở, ban ngành"] and first.partners == ["UBND cấp huyện"]


def _same_apart_from_capital_marks(unicode_text: str, tcvn3_text: str) -> bool:
    """TCVN3 cannot hold a capital with a tone mark inside mixed-case text: "Ủy" comes as "ủy"."""
    if len(unicode_text) != len(tcvn3_text):
        return False
    for u, t in zip(unicode_text, tcvn3_text):
        if u == t:
            continue
        marked_capital = u.isupper() and unicodedata.normalize("NFD", u) != u
        if not (marked_capital and t == u.lower()):
            return False
    return True


def test_tcvn3_file_equals_the_unicode_one(shared_dir):
    unicode_rows = flat(analyse(sample(shared_dir, "ia-kha-2023", "xlsx")))
    preview = analyse(shared_dir / "samples" / "ia-kha-2023-tcvn3.xlsx")
    legacy_rows = flat(preview)
    assert len(legacy_rows) == len(unicode_rows) == 63
    differences = 0
    for (depth_u, u), (depth_t, t) in zip(unicode_rows, legacy_rows):
        assert depth_u == depth_t
        for key in u:
            if u[key] == t[key]:
                continue
            differences += 1
            assert isinstance(u[key], str) and _same_apart_from_capital_marks(u[key], t[key]), (key, u[key], t[key])
    assert differences <= 3
    # all-capital cells were written in lower case under .VnTimeH: restored
    assert [a.title for a in preview.drafts][:2] == ["CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC", "CẢI CÁCH THỂ CHẾ"]
    assert preview.appendices[0].header.mapping()["code"] == "TT"
    assert any("TCVN3" in w for w in preview.summary()["warnings"])
    for _, _, draft in preview.walk():
        assert unicodedata.is_normalized("NFC", draft.title + draft.target_text + "".join(draft.lead))


def test_import_again_into_the_plan_changes_nothing(shared_dir, run, db):
    code, out, err = run("--db", db, "plan", "import", sample(shared_dir, "ia-kha-2023", "xlsx"), "--year", 2025,
                         "--json")
    plan_id = json.loads(out)["plan"]
    code, out, err = run("--db", db, "plan", "import", sample(shared_dir, "ia-kha-2023", "docx"), "--year", 2025,
                         "--into", plan_id, "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["plan"] == plan_id
    changes = summary["changes"]
    assert (changes["added"], changes["updated"], changes["unchanged"], changes["not_in_file"]) == (0, 0, 63, [])
    listed = json.loads(run("--db", db, "plan", "list", "--json")[1])
    assert [(p["id"], p["item_count"]) for p in listed] == [(plan_id, 63)]
