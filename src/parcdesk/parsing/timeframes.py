"""Due dates out of a timeframe text ("Thời gian thực hiện/hoàn thành").

The officer must see which items have a checkable deadline and which do not (domain.md,
"Timeframes"). Every text gets one kind:

- "date": one deadline ("Quý I", "Chậm nhất ngày 31/12", "Tháng 6/2024");
- "recurring": deadlines that repeat through the year ("Định kỳ hàng quý", "Hàng quý/
  năm", "Định kỳ 06 tháng và cuối năm", "Hằng năm" — the last read as recurring, due
  31/12 of each plan year, because the plan keeps repeating it);
- "year": by the end of a year ("Trong năm 2023", "… kết thúc năm đánh giá");
- "event": when something happens, which no calendar knows ("Sau khi kết thúc đợt
  kiểm tra", "Khi để xảy ra trễ hẹn", "Theo yêu cầu của Phòng Nội vụ"). "Theo kế hoạch
  …", "Theo lộ trình …", "Theo tiến độ …", "Định kỳ theo quy định" and "Đột xuất" are
  events too: their dates live in another plan or rule that this text does not give;
- "ongoing": continuous work, reported every period ("Thường xuyên", "Thường xuyên
  trong năm 2023");
- "unknown": empty or not understood.

A text often combines readings ("Thường xuyên trong năm/kết thúc năm đánh giá", "- Xây
dựng KH: quý I/2023; - Báo cáo kết quả định kỳ hàng quý."). The most specific one gives
the kind — recurring, then date, then year, then ongoing, then event — and the due dates
of all readings are kept together. An impossible date ("Trước 31/11/2023") is never
guessed: the reading stays a date with no due date and a problem the officer can read.

Matching runs on a folded copy of the text (no diacritics, đ → d, lower case); each
rule blanks what it has read so that, e.g., "trong năm" inside "Thường xuyên trong năm"
is not read again as a year.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from parcdesk.parsing.prepare import MARKUP_RE, fold_same_length
from parcdesk.text import clean

__all__ = ["KINDS", "Timeframe", "parse_timeframe"]

KINDS = ("date", "recurring", "year", "event", "ongoing", "unknown")

# Which reading wins when a text combines several; see the module docstring.
_PRECEDENCE = ("recurring", "date", "year", "ongoing", "event")


@dataclass(frozen=True)
class Timeframe:
    text: str
    kind: str  # one of KINDS
    due: tuple[datetime.date, ...]  # due dates implied for the plan year, sorted
    problem: str | None = None  # one Vietnamese sentence when the text is wrong

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "kind": self.kind,
            "due": [d.isoformat() for d in self.due],
            "problem": self.problem,
        }


@dataclass(frozen=True)
class _Reading:
    kind: str
    due: tuple[datetime.date, ...] = ()
    problem: str | None = None


# --- text preparation ---------------------------------------------------------------







# --- dates ----------------------------------------------------------------------------


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _quarter_ends(year: int) -> tuple[datetime.date, ...]:
    return tuple(_month_end(year, m) for m in (3, 6, 9, 12))


def _checked_date(day: int, month: int, year: int) -> _Reading:
    """A deadline as written, or the reason it cannot be one."""
    written = f"{day:02d}/{month:02d}/{year}"
    if not 1 <= month <= 12:
        return _Reading("date", (), f"Ngày {written} không có thật (không có tháng {month}).")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        where = f"tháng {month} năm {year}" if month == 2 else f"tháng {month}"
        return _Reading("date", (), f"Ngày {written} không có thật ({where} chỉ có {last} ngày).")
    return _Reading("date", (datetime.date(year, month, day),))


def _checked_month(month: int, year: int) -> _Reading:
    if not 1 <= month <= 12:
        return _Reading("date", (), f"Tháng {month}/{year} không có thật (một năm chỉ có 12 tháng).")
    return _Reading("date", (_month_end(year, month),))


_ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


# --- rules ----------------------------------------------------------------------------
# Applied in this order, each blanking what it read: cited documents first, recurring
# before single periods ("định kỳ 06 tháng" before "6 tháng"), full dates before quarters
# before months ("Quý 1/2023" is not January), "thường xuyên trong năm" before "trong năm".

# A document cited in the text ("Kế hoạch số 114/KH-UBND ngày 05/08/2021") holds dates
# that are not deadlines.
_DOCUMENT_RE = re.compile(r"\b\d+\s*/\s*(?:\d{4}\s*/\s*)?[a-z]{1,6}(?:-[a-z]{1,8})+(?:\s+ngay\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})?")
_IF_ANY_RE = re.compile(r"\(\s*neu co\s*\)")

_EVERY = r"(?:hang|moi|dinh ky(?:\s+(?:hang|moi))?)"
_QUARTERLY_RE = re.compile(
    rf"\b(?:{_EVERY}\s+quy|(?:dinh ky\s+)?0?3\s+thang\s*(?:/\s*lan|mot lan)|dinh ky\s+0?3\s+thang)\b"
)
_DAY_OF_QUARTER_RE = re.compile(r"\bngay\s+(\d{1,2})\s+(?:cua\s+)?thang\s+cuoi\s+(?:moi\s+|cua\s+)?quy\b")
_HALF_YEARLY_RE = re.compile(
    rf"\b(?:{_EVERY}\s+0?6\s+thang|(?:dinh ky\s+)?0?6\s+thang\s*(?:/\s*lan|mot lan)|{_EVERY}\s+nua\s+nam)\b"
)
_MONTHLY_RE = re.compile(rf"\b(?:{_EVERY}\s+thang|(?:dinh ky\s+)?0?1\s+thang\s*(?:/\s*lan|mot lan))\b")
_YEARLY_RE = re.compile(rf"\b{_EVERY}\s+nam\b")

# "ngày 31 tháng 01 năm 2024", "31/12", "31/11/2023"
_WORDED_DATE_RE = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s*(?:nam\s+|/\s*)(\d{4}))?")
_SLASHED_DATE_RE = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?!\d)(?:\s*/\s*(\d{4}))?(?![\d/])")
# "tháng 6/2024", "tháng 6 năm 2024", "tháng 6", "trước 01/2023"
_MONTH_RE = re.compile(r"\bthang\s+(\d{1,2})(?:\s*(?:/|nam)\s*(\d{4}))?(?!\d)|(?<![\d/])(\d{1,2})\s*/\s*(\d{4})(?![\d/])")
_QUARTER_RE = re.compile(r"\bquy\s+(iv|i{1,3}|[1-4])(?![a-z0-9])(?:\s*(?:/|nam)\s*(\d{4}))?")
_HALF_RE = re.compile(r"\b0?6\s+thang\s+(dau|cuoi)\s+nam\b|\b0?([69])\s+thang\b")

_ONGOING_RE = re.compile(r"\b(?:thuong xuyen|lien tuc|hang ngay)(?:\s+trong\s+(?:ca\s+)?nam(?:\s+\d{4})?)?")
_YEAR_RE = re.compile(
    r"\b(?:(?:trong|ca|het|cuoi|ket thuc|hoan thanh trong)\s+nam(?:\s+danh\s+gia)?(?:\s+(\d{4}))?|nam\s+(\d{4}))\b"
)
_EVENT_RE = re.compile(
    r"\b(?:sau khi|khi|theo ke hoach|theo kh|theo lo trinh|theo tien do|theo yeu cau|"
    r"theo thoi diem|theo thoi gian|theo quy dinh|theo huong dan|theo chi dao|dot xuat|"
    r"ngay sau|kip thoi)\b"
)


def _year_or(raw: str | None, year: int) -> int:
    return int(raw) if raw else year


def _read_recurring(folded: str, year: int) -> tuple[list[_Reading], str]:
    readings = []
    for match in _DAY_OF_QUARTER_RE.finditer(folded):
        # "trước ngày 15 tháng cuối quý": that day of March, June, September, December.
        days = [_checked_date(int(match.group(1)), m, year) for m in (3, 6, 9, 12)]
        problem = next((d.problem for d in days if d.problem), None)
        readings.append(_Reading("recurring", tuple(x for d in days for x in d.due), problem))
    folded = _blank(_DAY_OF_QUARTER_RE, folded)
    for pattern, dues in (
        (_QUARTERLY_RE, _quarter_ends(year)),
        (_HALF_YEARLY_RE, (_month_end(year, 6), _month_end(year, 12))),
        (_MONTHLY_RE, tuple(_month_end(year, m) for m in range(1, 13))),
        (_YEARLY_RE, (_month_end(year, 12),)),
    ):
        readings += [_Reading("recurring", dues) for _ in pattern.finditer(folded)]
        folded = _blank(pattern, folded)
    return readings, folded


def _blank(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _read_dates(folded: str, year: int) -> tuple[list[_Reading], str]:
    readings = []
    for match in _WORDED_DATE_RE.finditer(folded):
        readings.append(_checked_date(int(match.group(1)), int(match.group(2)), _year_or(match.group(3), year)))
    folded = _blank(_WORDED_DATE_RE, folded)
    for match in _SLASHED_DATE_RE.finditer(folded):
        readings.append(_checked_date(int(match.group(1)), int(match.group(2)), _year_or(match.group(3), year)))
    folded = _blank(_SLASHED_DATE_RE, folded)
    # Before months, so that "Quý 1/2023" is not read as January.
    for match in _QUARTER_RE.finditer(folded):
        quarter = _ROMAN_QUARTERS[match.group(1)]
        readings.append(_Reading("date", (_month_end(_year_or(match.group(2), year), quarter * 3),)))
    folded = _blank(_QUARTER_RE, folded)
    for match in _MONTH_RE.finditer(folded):
        # A month is due on its last day: "Tháng 6/2024" → 30/6/2024; "trước 01/2023" is
        # read the same way as "trước ngày 15/3" (by that day), i.e. by the end of January.
        if match.group(1):
            readings.append(_checked_month(int(match.group(1)), _year_or(match.group(2), year)))
        else:
            readings.append(_checked_month(int(match.group(3)), int(match.group(4))))
    folded = _blank(_MONTH_RE, folded)
    for match in _HALF_RE.finditer(folded):
        # "6 tháng đầu năm" → 30/6; "6 tháng cuối năm" → 31/12; "9 tháng" → 30/9.
        if match.group(1):
            month = 6 if match.group(1) == "dau" else 12
        else:
            month = int(match.group(2))
        readings.append(_Reading("date", (_month_end(year, month),)))
    folded = _blank(_HALF_RE, folded)
    return readings, folded


def _read_rest(folded: str, year: int) -> list[_Reading]:
    readings = [_Reading("ongoing") for _ in _ONGOING_RE.finditer(folded)]
    folded = _blank(_ONGOING_RE, folded)
    for match in _YEAR_RE.finditer(folded):
        readings.append(_Reading("year", (_month_end(_year_or(match.group(1) or match.group(2), year), 12),)))
    folded = _blank(_YEAR_RE, folded)
    readings += [_Reading("event") for _ in _EVENT_RE.finditer(folded)]
    return readings


def _combine(text: str, readings: list[_Reading]) -> Timeframe:
    if not readings:
        return Timeframe(text, "unknown", ())
    kinds = {r.kind for r in readings}
    kind = next(k for k in _PRECEDENCE if k in kinds)
    due = tuple(sorted({d for r in readings for d in r.due}))
    problem = next((r.problem for r in readings if r.problem), None)
    return Timeframe(text, kind, due, problem)


def parse_timeframe(text: str | None, year: int) -> Timeframe:
    """Kind and due dates of a timeframe text, for a plan of the given year.

    Dates without a year ("Quý I", "Chậm nhất ngày 31/12") fall in `year`; a year
    written in the text ("Quý I/2023", "Tháng 6/2024") wins over it.
    """
    # A plan repeats a handful of timeframe texts across thousands of items, and the
    # window asks again at every progress change: the (immutable) answer is cached.
    return _parse_timeframe(text or "", year)


@lru_cache(maxsize=4096)
def _parse_timeframe(text: str, year: int) -> Timeframe:
    shown = clean(MARKUP_RE.sub(" ", clean(text)))
    if not shown:
        return Timeframe(shown, "unknown", ())
    folded = fold_same_length(shown)
    folded = _blank(_DOCUMENT_RE, folded)
    folded = _blank(_IF_ANY_RE, folded)
    readings, folded = _read_recurring(folded, year)
    dated, folded = _read_dates(folded, year)
    return _combine(shown, readings + dated + _read_rest(folded, year))
