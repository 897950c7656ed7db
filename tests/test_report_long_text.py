"""A result, a title or a report section of any length: split across pages, nothing lost.

The time (linear in the length: report/pdf.py, LONG_CELL) is bench_long_text's figure; here
the PDF is read back with pypdf and every numbered mark put through the text must be there,
in order: the start, the middle, the end, and everything between at a mark's granularity.
"""

import io
import random
import re

import pytest
from pypdf import PdfReader
from report_fixtures import PERIOD, ready_office

from parcdesk.db.items import find_item
from parcdesk.db.progress import set_progress
from parcdesk.report import drafts
from parcdesk.report.content import build_report_content
from parcdesk.report.pdf import LONG_CELL, render_report_pdf
from parcdesk.report.plan_doc import build_plan_content, render_plan_pdf

WORDS = ("thủ tục hành chính", "cải cách", "công khai", "Bộ phận Một cửa", "đúng hạn", "hồ sơ", "trực tuyến",
         "kiểm tra", "tuyên truyền", "số hóa")


def marked_text(size: int, prefix: str, seed: int = 3) -> tuple[str, list[str]]:
    """About `size` characters of Vietnamese words with a mark ("kq0001") every 400 or so, and some line breaks."""
    rng = random.Random(seed)
    parts, marks, length = [], [], 0
    while length < size:
        mark = f"{prefix}{len(marks):04d}"
        marks.append(mark)
        chunk = " ".join(rng.choice(WORDS) for _ in range(30))
        parts.append(f"{mark} {chunk}" + ("\n" if rng.random() < 0.1 else " "))
        length += len(parts[-1])
    return "".join(parts).strip(), marks


def marks_in_order(pdf: bytes, prefix: str) -> list[str]:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.findall(rf"{prefix}\d{{4}}", text)


@pytest.fixture
def office(tmp_path):
    store, plan_id = ready_office(tmp_path / "office.sqlite")
    yield store, plan_id
    store.close()


def test_a_long_result_is_all_in_the_report(office):
    store, plan_id = office
    result, marks = marked_text(120_000, "kq")
    assert len(result) > 50 * LONG_CELL
    set_progress(store.db, find_item(store.db, plan_id, "TC 1.1"), PERIOD, result=result)
    content = build_report_content(store.db, plan_id, PERIOD)
    pdf = render_report_pdf(content)
    assert marks_in_order(pdf, "kq") == marks
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 20  # split across pages, as it must be
    continued = [p for p in reader.pages if "Kết quả thực hiện của mục" in p.extract_text()]
    assert len(continued) > 10  # each page of the rest says whose text it continues
    # the appendix goes on after the long item: the last item is there, on the last page
    last_title = content["appendix"]["rows"][-1]["title"]
    assert " ".join(last_title.split()[:3]) in " ".join(reader.pages[-1].extract_text().split())


def test_a_long_report_section_and_a_long_title(office):
    store, plan_id = office
    section, section_marks = marked_text(40_000, "bc", seed=4)
    drafts.save_draft(store.db, plan_id, PERIOD, results=section.replace("\n", " "))
    pdf = render_report_pdf(build_report_content(store.db, plan_id, PERIOD))
    assert marks_in_order(pdf, "bc") == section_marks

    title, title_marks = marked_text(30_000, "td", seed=5)
    store.db.execute("UPDATE items SET title = ? WHERE id = ?", [title, find_item(store.db, plan_id, "TC 1.1")])
    plan_pdf = render_plan_pdf(build_plan_content(store.db, plan_id))
    assert marks_in_order(plan_pdf, "td") == title_marks


def test_short_texts_are_laid_out_as_before(office):
    """Under LONG_CELL nothing is cut: one table, every text whole in its cell."""
    store, plan_id = office
    result = "Đã niêm yết " + "công khai " * ((LONG_CELL - 20) // 10)
    assert len(result) <= LONG_CELL
    set_progress(store.db, find_item(store.db, plan_id, "TC 1.1"), PERIOD, result=result)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(
        render_report_pdf(build_report_content(store.db, plan_id, PERIOD)))).pages)
    # no continuation table of a long text, nothing shortened (the row, taller than a page, is
    # cut as any such row is: its rest marked "TC 1.1 (tiếp theo)" in the TT column)
    assert "của mục" not in text and " …" not in text
