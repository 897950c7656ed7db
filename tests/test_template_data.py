"""The bundled data files: resources/templates/par-xa.json and resources/agencies.json."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from parcdesk.parsing.agencies import canonical_key, split_agencies

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
LEAF_KEYS = {"code", "level", "title", "target", "lead", "partners", "monitor", "timeframe", "output", "notes"}
AREA_KEYS = {"code", "level", "title", "children"}


@pytest.fixture(scope="module")
def template() -> dict:
    return json.loads((RESOURCES / "templates" / "par-xa.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def agencies() -> list[dict]:
    return json.loads((RESOURCES / "agencies.json").read_text(encoding="utf-8"))


def leaves(template: dict) -> list[dict]:
    return [child for area in template["items"] for child in area["children"]]


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def by_code(template: dict, code: str) -> dict:
    (item,) = [item for item in leaves(template) if item["code"] == code]
    return item


# ---- par-xa.json ----------------------------------------------------------------------


def test_header(template):
    assert template["id"] == "par-xa"
    assert template["name"] == "Kế hoạch cải thiện Chỉ số CCHC cấp xã (PAR INDEX)"
    assert template["plan_title"].endswith("cơ quan hành chính nhà nước năm {year}")
    assert "{year}" in template["appendix_title"]
    assert template["source"] and "\n" not in template["source"]


def test_shape(template):
    areas = template["items"]
    assert [a["code"] for a in areas] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    assert [len(a["children"]) for a in areas] == [7, 5, 12, 5, 6, 4, 10, 6]


def test_keys(template):
    for area in template["items"]:
        assert set(area) == AREA_KEYS and area["level"] == "area"
        for item in area["children"]:
            assert set(item) == LEAF_KEYS, item["code"]
            assert all(isinstance(item[k], list) for k in ("lead", "partners", "monitor"))
            assert all(isinstance(item[k], str) for k in LEAF_KEYS - {"lead", "partners", "monitor"})
            assert item["title"] and item["target"] and item["lead"] and item["timeframe"]


def test_area_titles(template):
    titles = [a["title"] for a in template["items"]]
    assert titles[0] == "Công tác chỉ đạo điều hành CCHC"
    assert titles[2] == "Cải cách thủ tục hành chính"
    assert titles[7] == "Tác động của CCHC đến người dân, tổ chức và các chỉ tiêu phát triển KT-XH"
    for title in titles:
        assert title[0].isupper() and title != title.upper()


def test_codes_and_levels(template):
    items = leaves(template)
    codes = [i["code"] for i in items]
    assert len(set(codes)) == len(codes)
    for item in items:
        prefix = item["code"].split()[0]
        assert re.fullmatch(r"(TC|TCTP) \d+(\.\d+)+", item["code"]), item["code"]
        assert item["level"] == {"TC": "criterion", "TCTP": "subcriterion"}[prefix]
        assert not re.match(r"^[-–\s]", item["title"])
    assert by_code(template, "TC 5.5.1")["level"] == "criterion"  # the prefix decides
    assert by_code(template, "TCTP 3.1")["level"] == "subcriterion"
    assert codes[0] == "TC 1.1" and codes[-1] == "TC 8.6"


def test_exact_cells(template):
    first = by_code(template, "TC 1.1")
    assert first["title"] == "Thực hiện kế hoạch CCHC"
    assert first["target"] == "Hoàn thành 100% nhiệm vụ được giao"
    assert first["lead"] == ["Văn phòng – Thống kê"]
    assert first["partners"] == ["Các ban, ngành"]
    assert first["timeframe"] == "Thường xuyên trong năm/theo kế hoạch"

    sipas = by_code(template, "TCTP 8.1.1")
    assert sipas["title"] == "Mức độ hài lòng về tiếp cận dịch vụ thuộc Chỉ số SIPAS"
    # the 2022 result of the plan the template came from is no fact of any other office or year
    assert sipas["target"] == "Tăng ít nhất 02% so với năm {prev_year}"
    assert sipas["timeframe"] == "Trong năm {year}"

    assert by_code(template, "TCTP 2.2.1")["timeframe"] == "Chậm nhất ngày 31 tháng 01 năm {next_year}"
    assert by_code(template, "TCTP 2.2.1")["lead"] == ["Tư pháp – Hộ tịch"]  # "Phòng Tư pháp"
    assert by_code(template, "TC 2.3")["lead"] == ["Tư pháp – Hộ tịch"]  # "Tư pháp- Hộ tịch"
    assert by_code(template, "TCTP 2.2.2")["title"] == "Kết quả sửa đổi, bổ sung, bãi bỏ, thay thế văn bản QPPL sau rà soát"
    # Split across two pages in the seed text, joined.
    assert by_code(template, "TCTP 1.3.2")["title"] == "Xử lý các vấn đề phát hiện qua kiểm tra"
    assert by_code(template, "TCTP 1.3.2")["target"] == "100% vấn đề phát hiện qua kiểm tra hoàn thành việc xử lý"
    assert by_code(template, "TCTP 1.3.2")["timeframe"] == "Sau khi kết thúc đợt kiểm tra"
    assert by_code(template, "TCTP 1.3.2")["partners"] == [
        "Tư pháp – Hộ tịch", "Văn hóa – Thông tin", "Văn hóa – Xã hội", "Tài chính – Kế toán",
        "Địa chính – Xây dựng", "Công an", "Ban Chỉ huy Quân sự",
    ]
    assert by_code(template, "TCTP 3.3.2")["partners"] == ["Công an", "Ban Chỉ huy Quân sự", "Các ban, ngành"]
    assert by_code(template, "TCTP 6.1.1")["partners"] == ["Các ban, ngành", "Các đơn vị liên quan"]
    assert by_code(template, "TCTP 7.1.1")["lead"] == ["Văn hóa – Thông tin", "Văn phòng – Thống kê"]
    assert by_code(template, "TCTP 4.2.1")["lead"] == ["UBND xã"]
    assert by_code(template, "TCTP 4.2.1")["partners"] == ["Lãnh đạo UBND"]
    assert by_code(template, "TCTP 7.3.7")["target"].count("\n- ") == 2
    # The 6th item of area VIII, present in the .xlsx.
    last = by_code(template, "TC 8.6")
    assert last["title"] == "Mức độ thực hiện các chỉ tiêu phát triển KT-XH do HĐND huyện giao"
    assert last["lead"] == ["Tài chính – Kế toán"]
    assert last["partners"] == ["Các ban, ngành", "Các đơn vị liên quan"]


def test_no_plan_year_left(template):
    """Years are relative; document numbers and dates keep theirs."""
    for text in strings(template["items"]):
        assert not re.search(r"năm 20\d\d", text, re.IGNORECASE), text
    assert "Nghị định số 59/2012/NĐ-CP" in by_code(template, "TCTP 2.1.1")["target"]
    assert "ngày 10/01/2022" in by_code(template, "TCTP 4.3.1")["target"]


def test_agency_names_are_known(template, agencies):
    spellings = {s for e in agencies for s in [e["name"], *e["aliases"]]}
    for item in leaves(template):
        for name in item["lead"] + item["partners"] + item["monitor"]:
            assert name in spellings, (item["code"], name)
        assert not set(item["lead"]) & set(item["partners"]), item["code"]


def test_template_text_is_nfc(template):
    for text in strings(template):
        assert text == unicodedata.normalize("NFC", text)
        assert text == text.strip()


# ---- agencies.json --------------------------------------------------------------------


def test_agency_entries(agencies):
    names = [e["name"] for e in agencies]
    assert len(set(names)) == len(names)
    for entry in agencies:
        assert set(entry) == {"name", "kind", "aliases"}
        assert entry["kind"] in ("section", "leadership", "group")
        assert " - " not in entry["name"] and "-" not in entry["name"]  # canonical: en dash
        assert len(set(entry["aliases"])) == len(entry["aliases"])
    kinds = {e["name"]: e["kind"] for e in agencies}
    for section in (
        "Văn phòng – Thống kê", "Tư pháp – Hộ tịch", "Tài chính – Kế toán", "Địa chính – Xây dựng",
        "Văn hóa – Xã hội", "Văn hóa – Thông tin", "Công an", "Ban Chỉ huy Quân sự", "Bộ phận Một cửa",
    ):
        assert kinds[section] == "section"
    assert kinds["Lãnh đạo UBND"] == "leadership"
    assert kinds["Các ban, ngành"] == kinds["Các đơn vị liên quan"] == kinds["TDP, thôn, làng"] == "group"


def test_agency_keys_belong_to_one_entry(agencies):
    owner: dict[str, str] = {}
    for entry in agencies:
        for spelling in [entry["name"], *entry["aliases"]]:
            key = canonical_key(spelling)
            assert key
            assert owner.setdefault(key, entry["name"]) == entry["name"], (spelling, owner[key])


def test_aliases_survive_splitting(agencies):
    """A spelling that split_agencies would cut in two could never be matched from a cell."""
    for entry in agencies:
        for spelling in [entry["name"], *entry["aliases"]]:
            (name,) = split_agencies(spelling)
            assert canonical_key(name) == canonical_key(spelling)


def test_agencies_text_is_nfc(agencies):
    for text in strings(agencies):
        assert text == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("Tài chính-Kế toán", "Tài chính – Kế toán"),
        ("Kế toán - Tài chính", "Tài chính – Kế toán"),
        ("Tư pháp- Hộ tịch", "Tư pháp – Hộ tịch"),
        ("Phòng Tư pháp", "Tư pháp – Hộ tịch"),
        ("Đại chính - Xây dựng", "Địa chính – Xây dựng"),
        ("Văn hóa và Thông tin", "Văn hóa – Thông tin"),
        ("Văn hóa - Xã hội", "Văn hóa – Xã hội"),
        ("công an", "Công an"),
        ("quân sự", "Ban Chỉ huy Quân sự"),
        ("Bộ phận tiếp nhận và trả kết quả", "Bộ phận Một cửa"),
        ("ban, ngành thị trấn", "Các ban, ngành"),
        ("Các ban, ngành chuyên môn thị trấn", "Các ban, ngành"),
        ("ban, ngành chuyên môn", "Các ban, ngành"),
        ("Phòng, ban, thị trấn", "Các ban, ngành"),
        ("các đơn vị có liên quan", "Các đơn vị liên quan"),
        ("các đơn vị TDP, thôn, làng có liên quan", "TDP, thôn, làng"),
        ("Lãnh đạo thị trấn", "Lãnh đạo UBND"),
        ("UBND thị trấn", "UBND xã"),
        ("Văn phòng – Thống kê thị trấn", "Văn phòng – Thống kê"),
        ("CC VP - TK", "Văn phòng – Thống kê"),
    ],
)
def test_seed_spellings_resolve(agencies, spelling, name):
    index = {canonical_key(s): e["name"] for e in agencies for s in [e["name"], *e["aliases"]]}
    assert index[canonical_key(spelling)] == name
