"""The measurable threshold inside a target text ("Mục tiêu, yêu cầu", "Chỉ tiêu …").

Targets are free Vietnamese text; most carry one number the year's result is judged
against (domain.md, "Targets"). This module finds that number, its comparator and its
unit, and says None when the text holds nothing measurable ("Thực hiện đầy đủ, đúng quy
định"), so that the officer judges those by hand.

How a text is read:

- a number counts only with a cue: "%" after it, a comparator word before it ("tối
  thiểu", "trên", "không quá", "từ … trở lên", "đạt", "cả", "đầy đủ"), or a cell that is
  nothing but the number ("100" in a "Chỉ tiêu" column beside an "Đơn vị" column). A
  range ("từ 80% - 90%") is not one threshold and gives nothing. Bare
  numbers elsewhere are document numbers, dates, years, article numbers or list markers
  ("Nghị định số 59/2012/NĐ-CP", "ngày 07/10/2019", "năm 2024", "Khoản 2 Điều 23",
  "(1) Tổ chức các hội nghị") and are never thresholds;
- where several thresholds are listed ("- 100% TTHC …; - 100% hồ sơ …"), the first one
  written is the item's threshold; the rest stay in the text for the officer;
- "Tăng ít nhất 02% so với năm 2022 (năm 2022 là 83,99%)" is the baseline plus the
  points (≥ 85,99 %); an increase whose baseline the text does not give is not
  measurable, since the officer records the level reached, not the increase;
- "Không có …", "không để xảy ra …" mean a count of zero; "Có sáng kiến …" means ≥ 1.

Matching runs on a folded copy of the text (no diacritics, đ → d, lower case) of the
same length, so a span found there slices the original for the unit as written.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from parcdesk.parsing.prepare import MARKUP_RE, fold_same_length
from parcdesk.text import clean

__all__ = ["COMPARATORS", "BaselineRequest", "Threshold", "baseline_request", "parse_target", "with_baseline"]

COMPARATORS = (">=", ">", "=", "<=", "<")


@dataclass(frozen=True)
class Threshold:
    comparator: str  # one of COMPARATORS
    value: float
    unit: str | None  # "%", a counted noun as written ("TTHC", "sáng kiến"), or None
    baseline_year: int | None = None
    baseline_value: float | None = None

    def __post_init__(self) -> None:
        if self.comparator not in COMPARATORS:
            raise ValueError(f"Phép so sánh không hợp lệ: {self.comparator!r}")

    def to_dict(self) -> dict:
        return {
            "comparator": self.comparator,
            "value": self.value,
            "unit": self.unit,
            "baseline_year": self.baseline_year,
            "baseline_value": self.baseline_value,
        }

    def is_met(self, actual: float) -> bool:
        # Values come from text and from officers typing "97,5": compare with a tolerance
        # so that 85.99 entered meets a target computed as 83.99 + 2.
        close = math.isclose(actual, self.value, rel_tol=1e-9, abs_tol=1e-9)
        if self.comparator == "=":
            return close
        if self.comparator == ">=":
            return close or actual > self.value
        if self.comparator == "<=":
            return close or actual < self.value
        if self.comparator == ">":
            return actual > self.value and not close
        return actual < self.value and not close


# --- text preparation ---------------------------------------------------------------







def _prepare(text: str | None) -> str:
    return clean(MARKUP_RE.sub(" ", clean(text)))


# --- numbers --------------------------------------------------------------------------

_NUM = r"\d+(?:[.,]\d+)*"
_NUM_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4}  # "ít nhất một …", "cả ba hình thức"
_NUM_OR_WORD = rf"(?:{_NUM}|(?:mot|hai|ba|bon)\b)"

# Words after which a number is a reference, not a quantity: "số 59", "năm 2024",
# "ngày 07", "Điều 23", "Khoản 2", "thứ 11", "quý 1", "giai đoạn 2".
_REFERENCE_WORDS = frozenset({
    "so", "nam", "ngay", "thang", "quy", "dieu", "khoan", "diem", "muc", "thu", "chuong",
    "doan", "phu luc", "nghi dinh", "quyet dinh", "thong tu", "ke hoach", "cong van",
})
_PRECEDING_WORDS_RE = re.compile(r"([a-z]+(?: [a-z]+)?)\s*$")


def _to_float(raw: str) -> float:
    # Vietnamese writes 83,99 and 1.000; an English "99.5" is taken as written.
    if "," in raw:
        return float(raw.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):
        return float(raw.replace(".", ""))
    return float(raw)


def _number_value(src: str, start: int, end: int) -> float | None:
    raw = src[start:end]
    if raw[:1].isdigit():
        return _to_float(raw)
    word = _NUM_WORDS.get(raw.lower())  # "ba" folded also covers "bà"; the original decides
    return float(word) if word is not None else None


def _is_quantity(folded: str, start: int, end: int) -> bool:
    """False for numbers that are part of a reference: a date, a document, a year, "(1)"."""
    before, after = folded[max(0, start - 1):start], folded[end:end + 1]
    if before.isalnum() or before == "/" or after.isalpha() or after == "/":
        return False
    if before and before in "-–" and folded[max(0, start - 2):start - 1].isalnum():
        return False  # "2021-2025", "NĐ-12"
    if after and after in "-–" and folded[end + 1:end + 2].isalnum():
        return False
    if before == "(" and after == ")":
        return False  # "(1) Tổ chức các hội nghị"
    words = _PRECEDING_WORDS_RE.search(folded[max(0, start - 40):start])
    if words:
        pair = words.group(1)
        if pair in _REFERENCE_WORDS or pair.split()[-1] in _REFERENCE_WORDS:
            return False
    raw = folded[start:end]
    if re.fullmatch(r"(?:19|20)\d\d", raw) and not folded[end:].lstrip().startswith("%"):
        return False  # a year
    return True


# --- units ----------------------------------------------------------------------------

# Counted nouns, folded, longest first; the unit keeps the original spelling.
_NOUNS = (
    "sang kien", "giai phap", "hoat dong", "hinh thuc", "van ban", "ho so", "kien nghi",
    "nhiem vu", "hoi nghi", "bai viet", "tin bai", "can bo", "cong chuc", "co quan",
    "don vi", "dich vu", "thu tuc", "chi tieu", "nguoi", "cuoc", "buoi", "dot", "lop",
    "lan", "ngay", "thang", "bai", "tin",
)
_NOUN_RE = re.compile(r"\s*(%s)\b" % "|".join(re.escape(n) for n in _NOUNS))
_ACRONYM_RE = re.compile(r"\s*([A-ZĐ]{2,}[A-Za-z]*)\b")


def _unit_after(src: str, folded: str, end: int) -> tuple[str | None, int]:
    """The unit written right after a number, and where it ends."""
    rest = folded[end:]
    stripped = rest.lstrip()
    if stripped.startswith("%"):
        return "%", end + len(rest) - len(stripped) + 1
    noun = _NOUN_RE.match(folded, end)
    if noun:
        return src[noun.start(1):noun.end(1)], noun.end()
    acronym = _ACRONYM_RE.match(src, end)
    if acronym:
        return acronym.group(1), acronym.end()
    return None, end


# --- candidate readings ---------------------------------------------------------------


@dataclass(frozen=True)
class _Reading:
    start: int
    end: int
    threshold: Threshold | None  # None: this span is consumed but measures nothing


# A past result quoted beside the target: "(năm 2022 là 83,99%)". It is the baseline, not
# a threshold of its own.
_PAST_RESULT_RE = re.compile(rf"\(?\s*nam\s+(\d{{4}})\s+(?:la|dat)\s*(?::\s*)?({_NUM})\s*%\s*\)?")

# "Tăng ít nhất 02% so với năm 2022": points added to the year's result.
_INCREASE_RE = re.compile(
    rf"\btang\s+(?:them\s+)?(?:(?:it nhat|toi thieu)\s+)?({_NUM})\s*%"
    rf"(?:[^;.\n]*?\bso voi\s+(?:nam\s+)?(\d{{4}}))?"
)

_ZERO_RE = re.compile(r"\bkhong\s+(?:co|de\s+xay\s+ra|xay\s+ra)\b")
_INNOVATION_RE = re.compile(r"\bco\s+(sang kien|giai phap)\b")

# Comparator words, folded, longest first where one is the start of another.
_CUES = {
    "khong vuot qua": "<=", "khong vuot": "<=", "khong qua": "<=", "toi da": "<=",
    "khong lon hon": "<=", "khong cao hon": "<=", "khong nhieu hon": "<=",
    "khong duoi": ">=", "khong it hon": ">=", "khong thap hon": ">=",
    "toi thieu": ">=", "it nhat": ">=", "day du": ">=", "ca": ">=", "du": ">=",
    "lon hon": ">", "cao hon": ">", "nhieu hon": ">", "tren": ">", "hon": ">",
    "nho hon": "<", "thap hon": "<", "it hon": "<", "duoi": "<",
    "dat": ">=", "tu": ">=",
}
_CUE_ALT = "|".join(re.escape(c) for c in sorted(_CUES, key=len, reverse=True))
_CUE_RUN_RE = re.compile(rf"\b((?:(?:{_CUE_ALT})\s+)+)({_NUM_OR_WORD})")
_CUE_WORD_RE = re.compile(rf"\b(?:{_CUE_ALT})\b")
# "từ 11 đến 30", "từ 80% - 90%": a range (used with match(), so anchored where the unit ends).
_RANGE_END_RE = re.compile(rf"\s*(?:den|toi|[-–])\s*{_NUM}")


# Cues whose folded form is also another common word: "tử" (điện tử), "tu" (tu sửa), "dù",
# "cá", "cà" all fold like "từ", "đủ", "cả". In a text written with its marks only the marked
# word is the cue; a text typed without marks is read by the folded form alone.
_MARKED_CUES = {"tu": "từ", "du": "đủ", "ca": "cả"}


def _has_marks(src: str, folded: str) -> bool:
    return src.lower() != folded


def _is_cue_as_written(src: str, word: re.Match) -> bool:
    wanted = _MARKED_CUES.get(word.group(0))
    return wanted is None or src[word.start():word.end()].lower() == wanted


def _increase_readings(folded: str) -> list[_Reading]:
    readings = []
    for match in _INCREASE_RE.finditer(folded):
        points = _to_float(match.group(1))
        threshold = None
        if match.group(2):
            year = int(match.group(2))
            past = next((m for m in _PAST_RESULT_RE.finditer(folded) if int(m.group(1)) == year), None)
            if past:
                base = _to_float(past.group(2))
                threshold = Threshold(">=", round(base + points, 2), "%", year, base)
        readings.append(_Reading(match.start(), match.end(), threshold))
    return readings


def _comparator_of(cues: list[str]) -> str:
    # "đạt tối thiểu 15%", "tối thiểu từ 80%": "đạt" and "từ" only say "at least" when
    # nothing more precise stands beside them.
    precise = [c for c in cues if c not in ("dat", "tu")]
    return _CUES[precise[0]] if precise else ">="


def _cue_readings(src: str, folded: str, unit_hint: str | None) -> list[_Reading]:
    readings = []
    marked = _has_marks(src, folded)
    for match in _CUE_RUN_RE.finditer(folded):
        words = list(_CUE_WORD_RE.finditer(folded, match.start(1), match.end(1)))
        if marked and words and not _is_cue_as_written(src, words[-1]):
            continue  # "điện tử 4 cấp": the word before the number only folds to a cue
        cues = [w.group(0) for w in words if not marked or _is_cue_as_written(src, w)]
        start, end = match.start(2), match.end(2)
        value = _number_value(src, start, end)
        if value is None or not _is_quantity(folded, start, end):
            continue
        unit, unit_end = _unit_after(src, folded, end)
        if cues == ["tu"]:
            range_end = _RANGE_END_RE.match(folded, unit_end)
            if range_end:  # a range is not one threshold; "từ 50 TTHC (trở lên)" is a minimum
                readings.append(_Reading(match.start(), range_end.end(), None))
                continue
        readings.append(_Reading(match.start(), unit_end, Threshold(_comparator_of(cues), value, unit or unit_hint)))
    return readings


def _percent_readings(folded: str) -> list[_Reading]:
    readings = []
    for match in re.finditer(rf"({_NUM})\s*%", folded):
        if _is_quantity(folded, match.start(1), match.end(1)):
            value = _to_float(match.group(1))
            readings.append(_Reading(match.start(), match.end(), Threshold(">=", value, "%")))
    return readings


def _fixed_readings(src: str, folded: str) -> list[_Reading]:
    readings = [_Reading(m.start(), m.end(), Threshold("=", 0.0, None)) for m in _ZERO_RE.finditer(folded)]
    for match in _INNOVATION_RE.finditer(folded):
        unit = src[match.start(1):match.end(1)]
        readings.append(_Reading(match.start(), match.end(), Threshold(">=", 1.0, unit)))
    return readings


_LEADING_NUMBER_RE = re.compile(rf"\s*[-+•]?\s*({_NUM})")


def _whole_number_reading(src: str, folded: str, unit_hint: str | None) -> _Reading | None:
    # A cell that is only a number ("100", "95 %", "- 30 TTHC") is the target itself.
    match = _LEADING_NUMBER_RE.match(folded)
    if not match:
        return None
    unit, unit_end = _unit_after(src, folded, match.end(1))
    if folded[unit_end:].strip(" .") or not _is_quantity(folded, match.start(1), match.end(1)):
        return None
    return _Reading(match.start(1), unit_end, Threshold(">=", _to_float(match.group(1)), unit or unit_hint))


def _overlaps(a: _Reading, b: _Reading) -> bool:
    return a.start < b.end and b.start < a.end


def parse_target(text: str | None, unit_hint: str | None = None) -> Threshold | None:
    """The first measurable threshold in a target text, or None when there is none.

    unit_hint is the plan's separate "Đơn vị" column ("%", "TTHC"), used when the text
    gives a number without a unit ("Tối thiểu 80" + "%" → ≥ 80 %).
    """
    return _parse_target(text or "", unit_hint)


@lru_cache(maxsize=4096)  # plans repeat their target texts; a Threshold is immutable
def _parse_target(text: str, unit_hint: str | None) -> Threshold | None:
    src = _prepare(text)
    if not src:
        return None
    folded = fold_same_length(src)
    hint = clean(unit_hint) or None

    whole = _whole_number_reading(src, folded, hint)
    if whole is not None:
        return whole.threshold

    consumed = _increase_readings(folded)
    consumed += [_Reading(m.start(), m.end(), None) for m in _PAST_RESULT_RE.finditer(folded)]
    cued = _cue_readings(src, folded, hint)
    consumed += [r for r in cued if r.threshold is None]
    found = _fixed_readings(src, folded) + [r for r in cued if r.threshold] + _percent_readings(folded)
    # Readings inside an increase, a range or a quoted past result belong to those.
    found = [r for r in found if not any(_overlaps(r, c) for c in consumed)]
    readings = sorted(consumed + found, key=lambda r: (r.start, -r.end))
    first = next((r for r in readings if r.threshold is not None), None)
    return first.threshold if first else None


# --- a target measured against last year -----------------------------------------------


@dataclass(frozen=True)
class BaselineRequest:
    """"Tăng ít nhất 02% so với năm 2025" with no result of 2025 quoted: the threshold is last
    year's result + points, and until that result is known the target has no value."""

    points: float
    year: int | None  # None: "so với năm trước" without a year

    def threshold(self, baseline_value: float) -> Threshold:
        return Threshold(">=", round(baseline_value + self.points, 2), "%", self.year, baseline_value)

    def describe(self) -> str:
        year = f" (năm cơ sở {self.year})" if self.year else ""
        return f"chưa có số liệu năm trước{year}"


def baseline_request(text: str | None, include_quoted: bool = False) -> BaselineRequest | None:
    """The increase a target asks for when the text does not give the baseline's value (with
    `include_quoted`, also when it does: the officer may correct a quoted value)."""
    src = _prepare(text or "")
    if not src:
        return None
    folded = fold_same_length(src)
    for reading in _increase_readings(folded):
        if reading.threshold is None or include_quoted:
            match = _INCREASE_RE.match(folded, reading.start)
            if match is None:
                continue
            return BaselineRequest(_to_float(match.group(1)), int(match.group(2)) if match.group(2) else None)
    return None


def with_baseline(text: str | None, baseline_value: float) -> Threshold | None:
    """The threshold of an increase target once last year's value is known; None when the
    text is not an increase over last year."""
    request = baseline_request(text, include_quoted=True)
    return request.threshold(baseline_value) if request else None
