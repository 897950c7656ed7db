"""The years written in a plan's texts: which are the plan's own, which must never move.

A plan is rolled forward to a new year by moving its own years ("Trong năm 2023",
"quý I/2023", "Trước 31/11/2023", "Kế hoạch … năm 2023") by the same number of years, and
nothing else. What never moves:

- a year inside a document's number: "Nghị định 30/2020/NĐ-CP", "Thông tư số 01/2020/TT-VPCP";
- the date of a document cited as a basis: "Quyết định số 13/QĐ-UBND ngày 15/01/2023",
  "Chỉ thị số 15/CT-UBND ngày 18/5/2020" — a date in the same clause after a document number;
- a year inside another number: "ISO 9001:2015", "2023A", "12023";
- a year outside the plan's own (its years, the one before — the baseline — and the one
  after, for deadlines such as "Chậm nhất ngày 31 tháng 01 năm 2024");
- a phase ("giai đoạn 2021-2025") unless both ends are the plan's own years.

A past result quoted beside a target ("Tăng ít nhất 02% so với năm 2022 (năm 2022 là
83,99%)") is last year's fact of another year: rolled forward, the baseline year moves and
the quoted result is dropped, never carried (its value is then asked for, see
parsing/targets.py `baseline_request`).

`shift_text` is the one rule; `stale_years` says what still carries a past year after it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from parcdesk.text import clean

__all__ = ["YearSpan", "year_spans", "shift_text", "stale_years", "plan_years_in", "drop_past_results"]

_YEAR_RE = re.compile(r"(?<![\d:.,])((?:19|20)\d\d)(?![\d])")
# "30/2020/NĐ-CP", "01/2020/TT-VPCP", "số 13/2023": a year between slashes with a letter after
_DOC_NUMBER_AFTER_RE = re.compile(r"^/\s*[A-ZĐa-zđ]")
# A document number in the clause: "số 13/QĐ-UBND", "15/CT-UBND", "90/2020/NĐ-CP", "số 13"
_DOC_CUE_RE = re.compile(r"\d+\s*/\s*(?:\d{4}\s*/\s*)?[A-ZĐ][A-ZĐa-zđ]*(?:\s*-\s*[A-ZĐ]+)*|\bs[ốo]\s+\d+")
# dd/mm/yyyy, mm/yyyy, "ngày 15 tháng 01 năm 2023", "ngày 15/01/2023"
_DATE_BEFORE_RE = re.compile(r"(?:\bng[àa]y\s+)?(?:\d{1,2}\s*[/.-]\s*)?\d{1,2}\s*[/.-]\s*$|"
                             r"\bng[àa]y\s+\d{1,2}\s+th[áa]ng\s+\d{1,2}\s+n[ăa]m\s+$", re.IGNORECASE)
_CLAUSE_BREAK_RE = re.compile(r"[;\n]|\.\s|\s[-+•]\s|^[-+•]\s")
_RANGE_RE = re.compile(r"((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)(?!\d)")
# "(năm 2022 là 83,99%)", "(năm 2022 đạt 83,99%)", "năm 2022: 83,99%"
_PAST_RESULT_RE = re.compile(
    r"\s*\(\s*n[ăa]m\s+((?:19|20)\d\d)\s*(?:l[àa]|đạt|dat|:)\s*\d+(?:[.,]\d+)?\s*%?\s*\)", re.IGNORECASE)


@dataclass(frozen=True)
class YearSpan:
    start: int
    end: int
    year: int
    fixed: str | None  # why it never moves ("số văn bản", "ngày của văn bản", "giai đoạn"), None: the plan's own


def _clause_before(text: str, start: int) -> str:
    before = text[max(0, start - 120):start]
    breaks = list(_CLAUSE_BREAK_RE.finditer(before))
    return before[breaks[-1].end():] if breaks else before


def year_spans(text: str) -> list[YearSpan]:
    """Every year written in the text, and whether it is fixed (and why)."""
    spans: list[YearSpan] = []
    ranges = {}
    for match in _RANGE_RE.finditer(text):
        ranges[match.start(1)] = match
        ranges[match.start(2)] = match
    for match in _YEAR_RE.finditer(text):
        start, end = match.span(1)
        year = int(match.group(1))
        fixed = None
        after, before = text[end:end + 3], text[max(0, start - 1):start]
        if _DOC_NUMBER_AFTER_RE.match(after) or (after[:1].isalpha() and not after[:1].isspace()):
            fixed = "số văn bản" if after[:1] == "/" else "một số khác"
        elif before == "/" and _DOC_NUMBER_AFTER_RE.match(after):
            fixed = "số văn bản"
        else:
            date_before = _DATE_BEFORE_RE.search(text[max(0, start - 30):start])
            clause = _clause_before(text, start - (len(date_before.group(0)) if date_before else 0))
            if date_before and _DOC_CUE_RE.search(clause):
                fixed = "ngày của văn bản"
        spans.append(YearSpan(start, end, year, fixed))
    for index, span in enumerate(spans):
        rng = ranges.get(span.start)
        if rng is not None and span.fixed is None:
            spans[index] = YearSpan(span.start, span.end, span.year, "giai đoạn")
    return spans


def _own(span: YearSpan, years: range) -> bool:
    return span.fixed is None and span.year in years


def shift_text(text: str, years: range, delta: int) -> str:
    """The text with the plan's own years moved by `delta` (and quoted past results dropped).

    `years`: the plan's own years (see `own_years`). A phase moves only when both its ends are
    the plan's own; every other fixed year stays as written.
    """
    if not text or not delta:
        return text
    text = drop_past_results(text, years)
    spans = year_spans(text)
    phase_moves = set()
    for match in _RANGE_RE.finditer(text):
        if int(match.group(1)) in years and int(match.group(2)) in years:
            phase_moves.update({match.start(1), match.start(2)})
    out, last = [], 0
    for span in spans:
        moves = _own(span, years) or (span.fixed == "giai đoạn" and span.start in phase_moves)
        if moves:
            out.append(text[last:span.start])
            out.append(str(span.year + delta))
            last = span.end
    out.append(text[last:])
    return "".join(out)


def drop_past_results(text: str, years: range | None = None) -> str:
    """"… so với năm 2022 (năm 2022 là 83,99%)" → "… so với năm 2022": a result of another
    year is never carried into a new plan."""
    def drop(match: re.Match) -> str:
        return "" if years is None or int(match.group(1)) in years else match.group(0)

    return _PAST_RESULT_RE.sub(drop, text)


def own_years(year_from: int, year_to: int) -> range:
    """The years of a plan that move with it: its own, the baseline year before, the deadline year after."""
    return range(year_from - 1, year_to + 2)


_BASELINE_RE = re.compile(r"so\s+v[ớo]i\s+(?:c[ùu]ng\s+k[ỳy]\s+)?n[ăa]m\s+$", re.IGNORECASE)


def stale_years(text: str, year_from: int) -> list[int]:
    """Past years still written in a plan's text that are not fixed references.

    The baseline year right before the plan ("so với năm 2025" in a 2026 plan) is in order; a
    phase that reaches the plan's year is too.
    """
    found = []
    for span in year_spans(text or ""):
        if span.fixed == "giai đoạn":
            rng = next((m for m in _RANGE_RE.finditer(text) if m.start(1) <= span.start <= m.end(2)), None)
            if rng is not None and int(rng.group(2)) >= year_from:
                continue
        elif span.fixed is not None:
            continue
        if span.year >= year_from:
            continue
        if span.year == year_from - 1 and _BASELINE_RE.search(text[max(0, span.start - 30):span.start]):
            continue
        found.append(span.year)
    return sorted(set(found))


def plan_years_in(texts: Iterable[str]) -> int | None:
    """The year a plan's texts are about: the first title year, else the most common own year."""
    counter: Counter[int] = Counter()
    for text in texts:
        for span in year_spans(clean(text)):
            if span.fixed is None:
                counter[span.year] += 1
    return counter.most_common(1)[0][0] if counter else None
