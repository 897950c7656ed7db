"""Timeframes: kind and due dates of a "Thời gian thực hiện" text, for a plan year.

Expected values are written by hand from reading each text. Every timeframe cell of the
seed appendices is here (a cell split over two pages is joined with one space), with the
year of its plan: seeds/000 and seeds/001 are 2023 plans, seeds/003 a 2024 plan.

Choices for ambiguous texts (documented here and in parcdesk.parsing.timeframes):

- "Hằng năm" / "Hàng năm" → recurring, due 31/12 of the plan year.
- "Thường xuyên trong năm 2023" → ongoing (continuous work), not a year-end deadline.
- Combined texts: the most specific reading gives the kind (recurring > date > year >
  ongoing > event) and all due dates are kept: "Thường xuyên trong năm/kết thúc năm đánh
  giá" → year; "Thường xuyên trong năm/theo kế hoạch" → ongoing; "- Xây dựng KH: quý
  I/2023; - Báo cáo kết quả định kỳ hàng quý." → recurring, with 31/3 once.
- "Theo kế hoạch …", "Theo lộ trình …", "Theo tiến độ …", "Định kỳ theo quy định",
  "Đột xuất …" → event: the dates are in another plan or rule.
- A month is due on its last day ("Tháng 6/2024" → 30/6/2024), and "trước 01/2023" is
  read like "trước ngày 15/3" (by then): by 31/01/2023.
- An impossible date is never guessed: kind "date", no due date, a problem sentence.
"""

import re

import pytest

from parcdesk.parsing.codes import split_code
from parcdesk.parsing.timeframes import KINDS, Timeframe, parse_timeframe
from parcdesk.text import clean, fold

Q2023 = ("2023-03-31", "2023-06-30", "2023-09-30", "2023-12-31")
Q2024 = ("2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31")

CASES = [
    # --- the brief and domain.md ---
    ("Trong năm 2023", 2023, "year", ("2023-12-31",)),
    ("Thường xuyên", 2024, "ongoing", ()),
    ("Thường xuyên trong năm/theo kế hoạch", 2023, "ongoing", ()),
    ("Thường xuyên trong năm", 2023, "ongoing", ()),
    ("Quý I", 2024, "date", ("2024-03-31",)),
    ("Quý I/2023", 2024, "date", ("2023-03-31",)),  # the written year wins
    ("Quý II", 2024, "date", ("2024-06-30",)),
    ("Quý III", 2024, "date", ("2024-09-30",)),
    ("Quý IV", 2024, "date", ("2024-12-31",)),
    ("6 tháng đầu năm", 2024, "date", ("2024-06-30",)),
    ("6 tháng cuối năm", 2024, "date", ("2024-12-31",)),
    ("9 tháng", 2024, "date", ("2024-09-30",)),
    ("Định kỳ hàng quý", 2024, "recurring", Q2024),
    ("Hàng quý/năm", 2024, "recurring", Q2024),
    ("Định kỳ 06 tháng và cuối năm", 2024, "recurring", ("2024-06-30", "2024-12-31")),
    ("Hằng năm", 2024, "recurring", ("2024-12-31",)),
    ("Hàng năm", 2024, "recurring", ("2024-12-31",)),
    ("Định kỳ hằng tháng", 2024, "recurring", (
        "2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30",
        "2024-07-31", "2024-08-31", "2024-09-30", "2024-10-31", "2024-11-30", "2024-12-31",
    )),
    ("Chậm nhất ngày 31/12", 2024, "date", ("2024-12-31",)),
    ("Chậm nhất ngày 31 tháng 01 năm 2024", 2023, "date", ("2024-01-31",)),
    ("Trước 31/11/2023", 2023, "date", ()),  # impossible; problem checked below
    ("Tháng 6/2024", 2023, "date", ("2024-06-30",)),
    ("Tháng 6 năm 2024", 2023, "date", ("2024-06-30",)),
    ("Trước ngày 15/3", 2024, "date", ("2024-03-15",)),
    ("Trước ngày 15/3/2025", 2024, "date", ("2025-03-15",)),
    ("Báo cáo trước ngày 15 tháng cuối quý", 2024, "recurring", ("2024-03-15", "2024-06-15", "2024-09-15", "2024-12-15")),
    ("Sau khi kết thúc đợt kiểm tra", 2023, "event", ()),
    ("Khi để xảy ra trễ hẹn", 2023, "event", ()),
    ("Sau khi có phản ánh kiến nghị/theo thời gian quy định", 2023, "event", ()),
    ("Theo yêu cầu của Phòng Nội vụ", 2023, "event", ()),
    ("Khi có quy định mới của Trung ương về tổ chức bộ máy có hiệu lực thi hành", 2023, "event", ()),
    ("Theo kế hoạch", 2023, "event", ()),
    ("Theo kế hoạch của UBND thị xã", 2024, "event", ()),
    ("Theo kế hoạch (nếu có)", 2023, "event", ()),
    ("Theo Kế hoạch số 114/KH-UBND ngày 05/08/2021", 2024, "event", ()),  # a cited document's date is no deadline
    ("", 2024, "unknown", ()),
    (None, 2024, "unknown", ()),
    ("   ", 2024, "unknown", ()),
    ("Chưa xác định", 2024, "unknown", ()),
    ("Thường", 2024, "unknown", ()),  # half of a cell split across pages
    # --- seeds/000 appendix (plan year 2023), every timeframe cell ---
    ("Thường xuyên trong năm/theo kế hoạch", 2023, "ongoing", ()),
    ("Theo yêu cầu của Phòng Nội vụ", 2023, "event", ()),
    ("Sau khi kết thúc đợt kiểm tra", 2023, "event", ()),
    ("Thường xuyên trong năm", 2023, "ongoing", ()),
    ("Theo kế hoạch", 2023, "event", ()),
    ("Trong năm 2023", 2023, "year", ("2023-12-31",)),
    ("Chậm nhất ngày 31 tháng 01 năm 2024", 2023, "date", ("2024-01-31",)),
    ("Thường xuyên trong năm/kết thúc năm đánh giá", 2023, "year", ("2023-12-31",)),
    ("Theo yêu cầu của cơ quan có thẩm quyền kiểm tra", 2023, "event", ()),
    ("Theo kế hoạch/kết thúc năm đánh giá", 2023, "year", ("2023-12-31",)),
    ("Thường xuyên trong năm/Sau khi có quyết định công bố TTHC", 2023, "ongoing", ()),
    ("Khi để xảy ra trễ hẹn", 2023, "event", ()),
    ("Sau khi có phản ánh kiến nghị/theo thời gian quy định", 2023, "event", ()),
    ("Sau khi có văn bản trả lời/theo thời gian quy định", 2023, "event", ()),
    ("Khi có quy định mới của Trung ương về tổ chức bộ máy có hiệu lực thi hành", 2023, "event", ()),
    ("Theo kế hoạch (nếu có)", 2023, "event", ()),
    # --- seeds/000 inline "d) Thời gian thực hiện/hoàn thành:" lines ---
    ("Trong năm 2023.", 2023, "year", ("2023-12-31",)),
    ("Trong năm 2023 (nếu có).", 2023, "year", ("2023-12-31",)),
    ("Sau khi kết thúc đợt kiểm tra.", 2023, "event", ()),
    # --- seeds/001 appendices (plan year 2023), every timeframe cell ---
    ("Thường xuyên trong năm 2023", 2023, "ongoing", ()),
    ("Quý 1 năm 2023", 2023, "date", ("2023-03-31",)),
    ("- Tổ chức thực hiện: thường xuyên. - Báo cáo kết quả thực hiện: định kỳ hàng quý.", 2023, "recurring", Q2023),
    ("Tổ chức thực hiện: thường xuyên.", 2023, "ongoing", ()),
    ("- Xây dựng KH: quý I/2023; - Báo cáo kết quả định kỳ hàng quý.", 2023, "recurring", Q2023),
    ("- Tổ chức thực hiện: thường xuyên. - Báo cáo kết quả thực hiện: định kỳ hàng quý", 2023, "recurring", Q2023),
    ("Báo cáo định kỳ hàng quý hoặc đột xuất theo quy định.", 2023, "recurring", Q2023),
    ("- Các Quyết định của cơ quan có thẩm quyền trong năm 2023;", 2023, "year", ("2023-12-31",)),
    ("Báo cáo kết quả theo tiến độ KH đề ra.", 2023, "event", ()),
    ("Xây dựng kế hoạch: quý I/2023; Báo cáo kết quả theo tiến độ KH đề ra.", 2023, "date", ("2023-03-31",)),
    ("Thực hiện theo KH và báo cáo kết quả", 2023, "event", ()),
    ("Báo cáo kết quả theo tiến độ", 2023, "event", ()),
    ("Định kỳ theo quy định.", 2023, "event", ()),
    ("Trong năm 2023", 2023, "year", ("2023-12-31",)),
    ("Báo cáo định kỳ hàng quý hoặc đột xuất theo quy định..", 2023, "recurring", Q2023),
    ("Thường xuyên trong năm 2023.", 2023, "ongoing", ()),
    (
        "- Kế hoạch CCHC ban hành trước 01/2023 - Báo cáo định kỳ hàng quý hoặc đột xuất theo quy định.",
        2023, "recurring", ("2023-01-31",) + Q2023,
    ),
    ("- Báo cáo kết quả Tự chấm trước 31/11/2023", 2023, "date", ()),  # impossible; problem checked below
    (
        "- Thường xuyên trong năm 2023 - Báo cáo định kỳ hàng quý hoặc đột xuất theo quy định.",
        2023, "recurring", Q2023,
    ),
    ("Theo Kế hoạch", 2023, "event", ()),
    # --- seeds/003 appendix (plan year 2024), every timeframe cell ---
    ("Quý I", 2024, "date", ("2024-03-31",)),
    ("Thường xuyên", 2024, "ongoing", ()),
    ("Theo kế hoạch của UBND thị xã", 2024, "event", ()),
    ("Theo kế hoạch", 2024, "event", ()),
    ("Hàng quý/năm", 2024, "recurring", Q2024),
    ("Theo Kế hoạch thị xã, phường", 2024, "event", ()),
    ("Định kỳ 06 tháng và cuối năm", 2024, "recurring", ("2024-06-30", "2024-12-31")),
    ("<p>Theo lộ trình Kế hoạch</p>", 2024, "event", ()),
    ("Theo lộ trình Công văn", 2024, "event", ()),
    ("- Định kỳ theo quy định. - Đợt xuất theo thời điểm yêu cầu của thị xã", 2024, "event", ()),
    (
        "- Định kỳ 3 <p>tháng/lần.</p> <p>- Đột xuất theo thời điểm yêu cầu của thị xã</p>",
        2024, "recurring", Q2024,
    ),
]


@pytest.mark.parametrize(("text", "year", "kind", "due"), CASES)
def test_parse_timeframe(text, year, kind, due):
    found = parse_timeframe(text, year)
    assert (found.kind, tuple(d.isoformat() for d in found.due)) == (kind, due)
    if found.kind != "date" or found.due:
        assert found.problem is None


PROBLEM_CASES = [
    ("Trước 31/11/2023", "Ngày 31/11/2023 không có thật (tháng 11 chỉ có 30 ngày)."),
    ("- Báo cáo kết quả Tự chấm trước 31/11/2023", "Ngày 31/11/2023 không có thật (tháng 11 chỉ có 30 ngày)."),
    ("Chậm nhất ngày 30 tháng 02 năm 2024", "Ngày 30/02/2024 không có thật (tháng 2 năm 2024 chỉ có 29 ngày)."),
    ("Trước 29/02/2023", "Ngày 29/02/2023 không có thật (tháng 2 năm 2023 chỉ có 28 ngày)."),
    ("Trước ngày 15/13/2024", "Ngày 15/13/2024 không có thật (không có tháng 13)."),
    ("Tháng 13/2024", "Tháng 13/2024 không có thật (một năm chỉ có 12 tháng)."),
]


@pytest.mark.parametrize(("text", "problem"), PROBLEM_CASES)
def test_an_impossible_date_is_reported_not_guessed(text, problem):
    assert parse_timeframe(text, 2024) == Timeframe(text, "date", (), problem)


def test_to_dict():
    assert parse_timeframe("Định kỳ 06 tháng và cuối năm", 2024).to_dict() == {
        "text": "Định kỳ 06 tháng và cuối năm",
        "kind": "recurring",
        "due": ["2024-06-30", "2024-12-31"],
        "problem": None,
    }
    assert parse_timeframe("Trước 31/11/2023", 2023).to_dict() == {
        "text": "Trước 31/11/2023",
        "kind": "date",
        "due": [],
        "problem": "Ngày 31/11/2023 không có thật (tháng 11 chỉ có 30 ngày).",
    }


def test_text_is_kept_cleaned_and_without_markup():
    assert parse_timeframe("  <p>Theo lộ trình   Kế hoạch</p> ", 2024).text == "Theo lộ trình Kế hoạch"
    assert parse_timeframe(None, 2024).text == ""


def test_kinds():
    assert KINDS == ("date", "recurring", "year", "event", "ongoing", "unknown")
    assert {kind for _, _, kind, _ in CASES} == set(KINDS)


# --- the seed appendices, read as the importer will meet them ---------------------------

_TAG_RE = re.compile(r"</?(?:p|b|ul|li)\b[^<>]*>", re.IGNORECASE)
_HEADER_FIRST_CELLS = {"tt", "stt", "s t t"}
_SEED_YEARS = {"000": 2023, "001": 2023, "003": 2024}


def _cell(text: str) -> str:
    return clean(_TAG_RE.sub(" ", text))


def _appendix_tables(text: str):
    """(header, rows) of each tab-separated table; page-split rows joined back together.

    A table starts at a header row (first cell TT/STT), runs through blank lines (page
    breaks), skips repeated headers and the "1 2 3 4 5 6" column-number row, and ends at
    the first line of prose. A row whose first cell is empty continues the row above.
    """
    header, rows = None, None
    for line in text.splitlines():
        if "\t" not in line:
            if line.strip() and rows is not None:
                yield header, rows
                header, rows = None, None
            continue
        cells = [_cell(c) for c in line.split("\t")]
        if fold(cells[0]) in _HEADER_FIRST_CELLS:
            if rows is None:
                header, rows = cells, []
            continue
        if rows is None:
            continue
        if [c for c in cells if c] == [str(n) for n in range(1, len([c for c in cells if c]) + 1)]:
            continue  # column numbers
        if not cells[0] and rows:
            above = rows[-1]
            above += [""] * (len(cells) - len(above))
            for i, cell in enumerate(cells):
                if cell:
                    above[i] = f"{above[i]} {cell}".strip()
            continue
        rows.append(cells)
    if rows is not None:
        yield header, rows


def test_every_seed_appendix_row_has_a_timeframe_and_every_tc_title_a_code(shared_dir):
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    assert seeds, f"no seed texts under {shared_dir / 'seeds'}"
    timeframes, titles = 0, 0
    for seed in seeds:
        year = _SEED_YEARS.get(seed.name[:3], 2024)
        for header, rows in _appendix_tables(seed.read_text(encoding="utf-8")):
            when = next((i for i, h in enumerate(header) if "thoi gian" in fold(h)), None)
            for row in rows:
                area = split_code(row[0]).level == "area"
                if when is not None and not area:
                    cell = row[when] if when < len(row) else ""
                    found = parse_timeframe(cell, year)
                    assert found.kind != "unknown", f"{seed.name}: row {row[0]}: {cell!r}"
                    timeframes += 1
                title = row[1] if len(row) > 1 else ""
                if re.match(r"TC(?:TP)?\s*\d", title):
                    code = split_code(title)
                    assert code.code.startswith("TC") and code.level in ("criterion", "subcriterion"), title
                    assert code.title and not code.title.startswith(("-", "–", ":")), title
                    titles += 1
    # Guard against a reader that silently finds nothing. Counted by hand: 55 criterion rows
    # in 000 (7 + 5 + 12 + 5 + 6 + 4 + 10 + 6 over areas I–VIII, all titled TC/TCTP), 33 task
    # rows in 001 (3 + 9 + 3 + 5 + 4 + 5 + 4 over Phụ lục 01–07), 28 task rows in 003's first
    # appendix (its second, the 2024 indicator table, has no timeframe column).
    assert timeframes == 55 + 33 + 28
    assert titles == 55
