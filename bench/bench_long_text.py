"""A report whose one item has a very long result text: PDF export time against the length.

The floor is the same report with a 10 KB text; the figures are 100 KB and 1 MB (of UTF-8
Vietnamese words, line breaks here and there) as ratios to it. Linear time is ~10× and
~100× (less, as the rest of the report costs the same in each); the goal allows a little
more, and 1 MB must also stay well under 10 s (issue 11: 250 KB took 97 s, 1 MB did not
finish in 120 s, before report/pdf.py cut long texts — see LONG_CELL there).
"""

from __future__ import annotations

import random

from bench.bench_report import report_content
from bench.timing import best_of_interleaved, figure

WORDS = ("thủ tục hành chính", "cải cách", "công khai", "Bộ phận Một cửa", "đúng hạn", "hồ sơ", "trực tuyến",
         "kiểm tra", "tuyên truyền", "số hóa", "đào tạo", "người dân", "kết quả")
SIZES = (10_000, 100_000, 1_000_000)


def long_text(size: int, seed: int = 11) -> str:
    """About `size` bytes of UTF-8 text."""
    rng = random.Random(seed)
    parts, length = [], 0
    while length < size:
        part = rng.choice(WORDS) + ("\n" if rng.random() < 0.01 else " ")
        parts.append(part)
        length += len(part.encode())
    return "".join(parts).strip()


def run() -> list[dict]:
    from parcdesk.report.pdf import render_report_pdf

    contents = []
    for size in SIZES:
        content = report_content(16)
        next(r for r in content["appendix"]["rows"] if r["kind"] != "area")["result"] = long_text(size)
        contents.append(content)
    render_report_pdf(contents[0])  # fonts registered, modules warm
    seconds = best_of_interleaved([lambda c=c: render_report_pdf(c) for c in contents], repeat=2)
    floor = seconds[0]
    return [
        figure("PDF, kết quả 10 KB (nền)", floor, floor, None),
        figure("PDF, kết quả 100 KB / 10 KB", seconds[1], floor, 12.0),
        figure("PDF, kết quả 1 MB / 10 KB", seconds[2], floor, 120.0, goal_seconds=10.0),
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
