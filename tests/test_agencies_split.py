"""split_agencies and canonical_key on the lead/partner cells of the seed plans.

CELLS holds every distinct lead/partner cell of the seed appendices (as in the samples'
.xlsx, where rows split across pages are joined) and the "Cơ quan …:" lines of the Ia Kha
plan's body, verbatim, each with the names a person reads in it.
"""

from __future__ import annotations

import re
import unicodedata

import openpyxl
import pytest

from parcdesk.parsing.agencies import canonical_key, doubtful, is_instruction, split_agencies, split_cell

VP, TP, TC = "Văn phòng - Thống kê", "Tư pháp - Hộ tịch", "Tài chính-Kế toán"
BN = "ban, ngành thị trấn"

# Ia Kha 2023 appendix (seeds/000…, samples/ia-kha-2023.xlsx): Cơ quan chủ trì / phối hợp.
IA_KHA_APPENDIX = [
    ("Văn phòng - Thống kê", [VP]),
    ("Văn phòng - Thống kê thị trấn", ["Văn phòng - Thống kê thị trấn"]),
    ("Tư pháp - Hộ tịch", [TP]),
    ("Tư pháp- Hộ tịch", ["Tư pháp- Hộ tịch"]),
    ("Phòng Tư pháp", ["Phòng Tư pháp"]),
    ("UBND thị trấn", ["UBND thị trấn"]),
    ("Tài chính-Kế toán", [TC]),
    ("Văn hóa và Thông tin", ["Văn hóa và Thông tin"]),
    ("Văn hóa và Thông tin; Văn phòng - Thống kê", ["Văn hóa và Thông tin", VP]),
    ("ban, ngành thị trấn", [BN]),
    ("ban, ngành chuyên môn", ["ban, ngành chuyên môn"]),
    ("Lãnh đạo thị trấn", ["Lãnh đạo thị trấn"]),
    (
        "Tư pháp, Văn hóa và Thông tin, Văn hóa - Xã hội, Tài chính-Kế toán, Văn phòng - Thống kê, "
        "Địa chính - Xây dựng, công an, quân sự",
        ["Tư pháp", "Văn hóa và Thông tin", "Văn hóa - Xã hội", TC, VP, "Địa chính - Xây dựng", "công an", "quân sự"],
    ),
    ("ban, ngành thị trấn và các đơn vị liên quan", [BN, "các đơn vị liên quan"]),
    ("ban, ngành thị trấn và các đơn vị có liên quan", [BN, "các đơn vị có liên quan"]),
    ("Văn hóa và Thông tin, ban, ngành thị trấn", ["Văn hóa và Thông tin", BN]),
    ("Công an , Ban Chỉ huy Quân sự, ban, ngành thị trấn", ["Công an", "Ban Chỉ huy Quân sự", BN]),
    (
        "Các ban ngành chuyên môn thuộc thị trấn và các đơn vị có liên quan",
        ["Các ban ngành chuyên môn thuộc thị trấn", "các đơn vị có liên quan"],
    ),
    (
        "Các ban, ngành thuộc thị trấn và các đơn vị có liên quan",
        ["Các ban, ngành thuộc thị trấn", "các đơn vị có liên quan"],
    ),
    ("Ban , ngành và các đơn vị có liên quan", ["Ban, ngành", "các đơn vị có liên quan"]),
    ("Phòng, ban, thị trấn", ["Phòng, ban, thị trấn"]),
    ("Phòng, ban thị trấn và các đơn vị liên quan", ["Phòng, ban thị trấn", "các đơn vị liên quan"]),
]

# Ia Kha 2023 body: the value of each "- Cơ quan chủ trì: …" / "phối hợp/Thực hiện" / "phụ trách" line.
IA_KHA_BODY = [
    ("Văn phòng - Thống kê thị trấn.", ["Văn phòng - Thống kê thị trấn"]),
    ("Văn phòng – Thống kê thị trấn", ["Văn phòng – Thống kê thị trấn"]),
    ("Tư pháp - Hộ tịch.", [TP]),
    ("Kế toán - Tài chính", ["Kế toán - Tài chính"]),
    ("Kế toán - Tài chính.", ["Kế toán - Tài chính"]),
    ("Văn hóa - Thông tin.", ["Văn hóa - Thông tin"]),
    ("Văn hóa-Thông tin", ["Văn hóa-Thông tin"]),
    ("Văn hóa-Thông tin.", ["Văn hóa-Thông tin"]),
    ("Văn hóa-Thông tin..", ["Văn hóa-Thông tin"]),
    ("Phòng Nội vụ.", ["Phòng Nội vụ"]),
    ("Văn phòng - Thống kê và Văn hóa-Thông tin", [VP, "Văn hóa-Thông tin"]),
    ("Văn phòng - Thống kê và Văn hóa -Thông tin", [VP, "Văn hóa -Thông tin"]),
    ("Văn phòng - Thống kê và Kế toán - Tài Chính.", [VP, "Kế toán - Tài Chính"]),
    ("Các ban, ngành thị trấn", ["Các ban, ngành thị trấn"]),
    ("Các ban, ngành thị trấn.", ["Các ban, ngành thị trấn"]),
    (": Các ban, ngành thị trấn", ["Các ban, ngành thị trấn"]),
    ("Các ban ngành thị trấn.", ["Các ban ngành thị trấn"]),
    ("Các ban ngành thuộc thị trấn", ["Các ban ngành thuộc thị trấn"]),
    ("Các ban ngành chuyên môn", ["Các ban ngành chuyên môn"]),
    ("Các ban ngành chuyên môn thị trấn", ["Các ban ngành chuyên môn thị trấn"]),
    ("Các ban, ngành chuyên môn thị trấn", ["Các ban, ngành chuyên môn thị trấn"]),
    ("Các ban, ngành chuyên môn thị trấn.", ["Các ban, ngành chuyên môn thị trấn"]),
    ("Các ban, ngành chuyên môn thị trấn,", ["Các ban, ngành chuyên môn thị trấn"]),
    ("Các ban, ngành thị trấn và các đơn vị liên quan.", ["Các ban, ngành thị trấn", "các đơn vị liên quan"]),
    ("Các ban, ngành thị trấn và các đơn vị có liên quan.", ["Các ban, ngành thị trấn", "các đơn vị có liên quan"]),
    (
        "Các ban, ngành thị trấn và các cơ quan, đơn vị liên quan.",
        ["Các ban, ngành thị trấn", "các cơ quan, đơn vị liên quan"],
    ),
    (
        "Các ban, ngành thị trấn và các đơn vị TDP, thôn, làng có liên quan.",
        ["Các ban, ngành thị trấn", "các đơn vị TDP, thôn, làng có liên quan"],
    ),
    (
        "Các ban, ngành thị trấn và các đơn vị TDP, thôn, làng.",
        ["Các ban, ngành thị trấn", "các đơn vị TDP, thôn, làng"],
    ),
    ("Các ban, ngành thị trấn và đơn vị TDP, thôn, làng", ["Các ban, ngành thị trấn", "đơn vị TDP, thôn, làng"]),
    (
        "Các ban, ngành thị trấn và Đội thuế phụ trách địa bàn thị trấn.",
        ["Các ban, ngành thị trấn", "Đội thuế phụ trách địa bàn thị trấn"],
    ),
    ("Tài chính-Kế toán, các ban ngành có liên quan", [TC, "các ban ngành có liên quan"]),
    (
        "Tư pháp - Hộ tịch, Văn hóa - Xã hội, Tài chính - Kế toán, Địa chính - Xây dựng và các ban ngành có liên quan.",
        [TP, "Văn hóa - Xã hội", "Tài chính - Kế toán", "Địa chính - Xây dựng", "các ban ngành có liên quan"],
    ),
    (
        "Tư pháp - Hộ tịch, Văn hóa - Xã hội, Tài chính - Kế toán, Địa chính - Xây dựng và các ban ngành được kiểm tra.",
        [TP, "Văn hóa - Xã hội", "Tài chính - Kế toán", "Địa chính - Xây dựng", "các ban ngành được kiểm tra"],
    ),
    (
        "Tư Pháp - Hộ tịch, Văn hóa-Thông tin, Văn hóa - Xã hội, Tài chính-Kế toán, Đại chính - Xây dựng "
        "và Các ban, ngành thị trấn liên quan.",
        [
            "Tư Pháp - Hộ tịch", "Văn hóa-Thông tin", "Văn hóa - Xã hội", TC, "Đại chính - Xây dựng",
            "Các ban, ngành thị trấn liên quan",
        ],
    ),
]

# Quang Trung 2023 (seeds/001…): "Cơ quan thực hiện" of Phụ lục 01–07. The role the cell
# gives ("chủ trì", "tham mưu thực hiện") is dropped; "phối hợp với" separates two names.
QUANG_TRUNG = [
    ("CC TP - HT", ["CC TP - HT"]),
    ("Bộ phận tiếp nhận và trả kết quả.", ["Bộ phận tiếp nhận và trả kết quả"]),
    ("- Bộ phận tiếp nhận và trả kết quả.", ["Bộ phận tiếp nhận và trả kết quả"]),
    ("- Bộ phận tiếp nhận và trả kết quả. - CC VP - TK", ["Bộ phận tiếp nhận và trả kết quả", "CC VP - TK"]),
    ("- CC VP - TK", ["CC VP - TK"]),
    ("- CC VP - TK.", ["CC VP - TK"]),
    ("- Bộ phận tiếp nhận và trả kết quả phối hợp với Bưu điện", ["Bộ phận tiếp nhận và trả kết quả", "Bưu điện"]),
    ("CC VP - TK, CC VH - XH chủ trì.", ["CC VP - TK", "CC VH - XH"]),
    ("Bộ phận tiếp nhận hồ sơ và trả kết quả", ["Bộ phận tiếp nhận hồ sơ và trả kết quả"]),
    (
        "CC Văn phòng – Thống kê Tham mưu thực hiện, phối hợp với các bộ phận liên quan",
        ["CC Văn phòng – Thống kê", "các bộ phận liên quan"],
    ),
    (
        "CC Văn phòng - Thống kê, CC Văn hóa - Xã hội Tham mưu thực hiện, phối hợp với các bộ phận liên quan",
        ["CC Văn phòng - Thống kê", "CC Văn hóa - Xã hội", "các bộ phận liên quan"],
    ),
    # Not an agency: an instruction (split_cell gives it apart; the importer keeps it as a note).
    ("Theo hướng dẫn các cấp có thẩm quyền", []),
    ("CC Tài chính - Kế toán tham mưu thực hiện", ["CC Tài chính - Kế toán"]),
    ("CC Văn phòng - Thống kê tham mưu triển khai thực hiện", ["CC Văn phòng - Thống kê"]),
    ("CC Văn hóa - Xã hội tham mưu thực hiện", ["CC Văn hóa - Xã hội"]),
]

# Nguyễn Nghiêm 2024 (seeds/003…): "Bộ phận thực hiện" of the work plan and "Cơ quan thực
# hiện" of the indicator list (the latter copied from the province's plan).
NGUYEN_NGHIEM = [
    ("- Văn phòng – Thống kê; - Các ngành liên quan phối hợp.", ["Văn phòng – Thống kê", "Các ngành liên quan"]),
    ("- Văn phòng – Thống kê;\n- Các ngành liên quan phối hợp.", ["Văn phòng – Thống kê", "Các ngành liên quan"]),
    ("Các ngành liên quan phối hợp.", ["Các ngành liên quan"]),
    (
        "Cơ quan, đơn vị, địa phương có thẩm quyền tiếp nhận, giải quyết TTHC và trả kết quả giải quyết TTHC.",
        ["Cơ quan, đơn vị, địa phương có thẩm quyền tiếp nhận, giải quyết TTHC và trả kết quả giải quyết TTHC"],
    ),
    (
        "- Bộ phận Một cửa của phường thực hiện; - Các ngành liên quan phối hợp.",
        ["Bộ phận Một cửa của phường", "Các ngành liên quan"],
    ),
    ("- Bộ phận Một cửa của phường thực hiện.", ["Bộ phận Một cửa của phường"]),
    ("- Tư pháp – Hộ tịch; - Các ngành liên quan phối hợp.", ["Tư pháp – Hộ tịch", "Các ngành liên quan"]),
    (
        "- Văn phòng – Thống kê; Văn hóa – Xã hội; - Các ngành liên quan phối hợp.",
        ["Văn phòng – Thống kê", "Văn hóa – Xã hội", "Các ngành liên quan"],
    ),
    ("- Các sở, ban ngành chủ trì; - UBND cấp huyện phối hợp.", ["Các sở, ban ngành", "UBND cấp huyện"]),
    ("Các sở, ban ngành; UBND cấp huyện, cấp xã", ["Các sở, ban ngành", "UBND cấp huyện, cấp xã"]),
    ("UBND cấp huyện, cấp xã", ["UBND cấp huyện, cấp xã"]),
    ("Các sở, ban ngành", ["Các sở, ban ngành"]),
    (
        "- Sở Thông tin và truyền thông chủ trì; - Các sở, ban ngành phối hợp.",
        ["Sở Thông tin và truyền thông", "Các sở, ban ngành"],
    ),
    ("UBND cấp huyện", ["UBND cấp huyện"]),
    ("UBND cấp xã", ["UBND cấp xã"]),
]

# Shapes the seeds do not have but the rules are for.
OTHER = [
    (None, []),
    ("", []),
    ("  \n ; ", []),
    ("Văn hóa - Xã hội", ["Văn hóa - Xã hội"]),
    ("Văn hóa – Xã hội", ["Văn hóa – Xã hội"]),
    ("Địa chính - Xây dựng - Nông nghiệp - Môi trường", ["Địa chính - Xây dựng - Nông nghiệp - Môi trường"]),
    ("Văn hóa, Thông tin thị trấn", ["Văn hóa, Thông tin thị trấn"]),
    ("Văn phòng - Thống kê\nTư pháp - Hộ tịch", [VP, TP]),
    ("+ Văn phòng - Thống kê\n+ Công an", [VP, "Công an"]),
    ("Văn phòng - Thống kê, Văn phòng – Thống kê thị trấn; Công an", [VP, "Công an"]),
    ("Văn phòng  -  Thống kê ;", ["Văn phòng - Thống kê"]),
    ("Văn hóa – Xã hội và Văn hóa – Thông tin", ["Văn hóa – Xã hội", "Văn hóa – Thông tin"]),
    ("Các ban, ngành, đoàn thể", ["Các ban, ngành, đoàn thể"]),
    ("Văn phòng HĐND và UBND xã", ["Văn phòng HĐND và UBND xã"]),
    ("Tài chính và Kế toán", ["Tài chính và Kế toán"]),
    ("Các ban, ngành; MTTQ và các đoàn thể", ["Các ban, ngành", "MTTQ", "các đoàn thể"]),
    ("Chủ tịch, Phó Chủ tịch UBND", ["Chủ tịch", "Phó Chủ tịch UBND"]),
    ("-", []),
    ("Cơ quan chủ trì: Tư pháp - Hộ tịch", [TP]),
    ("Văn phòng (CC VP, TK); Công an", ["Văn phòng (CC VP, TK)", "Công an"]),
    (unicodedata.normalize("NFD", "Tư pháp - Hộ tịch"), [TP]),
]

CELLS = IA_KHA_APPENDIX + IA_KHA_BODY + QUANG_TRUNG + NGUYEN_NGHIEM + OTHER


@pytest.mark.parametrize(("cell", "expected"), CELLS)
def test_split_agencies(cell, expected):
    assert split_agencies(cell) == expected


def test_names_are_nfc_and_trimmed():
    for cell, _ in CELLS:
        for name in split_agencies(cell):
            assert name == unicodedata.normalize("NFC", name)
            assert name == name.strip() and "  " not in name
            assert not name.endswith((".", ";", ","))


def test_table_covers_every_sample_cell(shared_dir):
    """Every lead/partner cell of the samples' .xlsx is in the table above."""
    known = {cell for cell, _ in CELLS if cell}
    missing = set()
    for sample in ("ia-kha-2023", "quang-trung-2023", "nguyen-nghiem-2024"):
        workbook = openpyxl.load_workbook(shared_dir / "samples" / f"{sample}.xlsx", read_only=True)
        for sheet in workbook.worksheets:
            header = None
            for row in sheet.iter_rows(values_only=True):
                if row and row[0] in ("TT", "STT", "Stt"):
                    header = row
                    continue
                for title, value in zip(header or (), row):
                    if title and re.match(r"(Cơ quan|Bộ phận)", title) and value:
                        if value not in known:
                            missing.add(value)
    assert not missing


def test_table_covers_ia_kha_body_lines(shared_dir):
    text = (shared_dir / "seeds" / "000_dbedf47b8a79906c.txt").read_text(encoding="utf-8")
    values = set(re.findall(r"^- Cơ quan[^:\n]*:(.*)$", text, re.MULTILINE))
    known = {cell for cell, _ in CELLS if cell}
    assert values and {v.strip() for v in values} <= known


@pytest.mark.parametrize(
    "variants",
    [
        ["Tài chính-Kế toán", "Tài chính - Kế toán", "Tài chính – Kế toán", "Tài chính—Kế toán", "TÀI CHÍNH - KẾ TOÁN"],
        ["Tư pháp- Hộ tịch", "Tư pháp - Hộ tịch", "Tư Pháp - Hộ tịch", "CC Tư pháp – Hộ tịch", "tu phap - ho tich."],
        ["Văn phòng - Thống kê", "Văn phòng – Thống kê thị trấn", "Văn phòng - Thống kê xã", "Văn phòng-Thống kê phường"],
        ["Văn hóa-Thông tin", "Văn hóa -Thông tin", "Văn hóa - Thông tin.", "Văn hoá – Thông tin"],
        ["ban, ngành thị trấn", "Các ban, ngành thị trấn", "Ban , ngành", "Các ban ngành", "Các ban ngành thuộc thị trấn"],
        ["UBND thị trấn", "UBND xã", "UBND phường", "UBND TT"],
        ["Bộ phận Một cửa", "Bộ phận Một cửa của phường", "bộ phận một cửa xã"],
        ["CC VP - TK", "VP-TK", "Công chức VP – TK"],
        ["công an", "Công an xã", "Công an thị trấn"],
    ],
)
def test_canonical_key_meets(variants):
    keys = {canonical_key(v) for v in variants}
    assert len(keys) == 1, keys


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kế toán - Tài chính", "Tài chính - Kế toán"),  # order: an alias, not the key
        ("Đại chính - Xây dựng", "Địa chính - Xây dựng"),  # misspelling: an alias
        ("Văn hóa – Xã hội", "Văn hóa – Thông tin"),
        ("UBND thị xã", "UBND xã"),  # the district-level town keeps its "thị xã"
        ("UBND cấp xã", "UBND"),  # a level, not the commune's own qualifier
        ("Chủ tịch UBND huyện", "Chủ tịch UBND xã"),
        ("Văn hóa và Thông tin", "Văn hóa – Thông tin"),  # an alias in agencies.json
    ],
)
def test_canonical_key_keeps_apart(a, b):
    assert canonical_key(a) != canonical_key(b)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Tài chính – Kế toán", "tai chinh - ke toan"),
        ("Địa chính - Xây dựng - Nông nghiệp - Môi trường", "dia chinh - xay dung - nong nghiep - moi truong"),
        ("Văn hóa - Xã hội", "van hoa - xa hoi"),  # "xã hội" is not the "xã" qualifier
        ("Thị trấn", "thi tran"),  # nothing left without it: kept
        ("Xã", "xa"),
        ("UBND thị xã", "ubnd thi xa"),
        ("UBND cấp xã", "ubnd cap xa"),
        ("Các ban ngành chuyên môn thuộc thị trấn", "ban nganh chuyen mon"),
        ("TDP, thôn, làng", "tdp thon lang"),
        ("", ""),
    ],
)
def test_canonical_key_values(name, key):
    assert canonical_key(name) == key


@pytest.mark.parametrize(("cell", "names", "phrases"), [
    ("Theo hướng dẫn các cấp có thẩm quyền", [], ["Theo hướng dẫn các cấp có thẩm quyền"]),
    ("Theo kế hoạch", [], ["Theo kế hoạch"]),
    ("Văn phòng - Thống kê; Theo kế hoạch của UBND huyện và các ban ngành",
     ["Văn phòng - Thống kê"], ["Theo kế hoạch của UBND huyện và các ban ngành"]),
    ("- Tư pháp - Hộ tịch\n- Khi có yêu cầu", ["Tư pháp - Hộ tịch"], ["Khi có yêu cầu"]),
    ("Thường xuyên", [], ["Thường xuyên"]),
    ("Các ban, ngành liên quan", ["Các ban, ngành liên quan"], []),  # a group is a body
    ("Ban Chỉ huy Quân sự", ["Ban Chỉ huy Quân sự"], []),
])
def test_split_cell_sets_instructions_apart(cell, names, phrases):
    assert split_cell(cell) == (names, phrases)
    assert all(is_instruction(p) for p in phrases) and not any(is_instruction(n) for n in names)


def test_doubtful_names():
    for name in ("Hội Nông dân xã", "Trung tâm Y tế huyện", "Các ban, ngành liên quan", "Công an"):
        assert doubtful(name) is None, name
    for name in ("toàn thể người dân trên địa bàn", "Theo kế hoạch",
                 "Tổ chức rà soát và báo cáo kết quả thực hiện đến UBND huyện đúng hạn quy định", "Đạt 100%"):
        assert doubtful(name), name
