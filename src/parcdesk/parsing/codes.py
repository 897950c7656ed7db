"""Item codes out of an appendix's order (STT/TT) and title cells.

An appendix numbers its tree in several ways (see domain.md): areas "I".."VIII" (or "1.",
"2."), criteria "TC 1.1 - …" or "1.1.", sub-criteria "TCTP 1.3.1 – …", "1.3.1" or the
sic "8.1. 1", tasks "1", "2"… restarting in each area. A title cell can also carry its
own code in front of the name ("TC 1.1 - Thực hiện kế hoạch CCHC"), and that code is
what links the row to the PAR INDEX, so it is split off here.

The one thing this must never do is split a title that merely starts with a number
("100% hồ sơ …", "01 sáng kiến …", "30 TTHC …"): a number counts as a code only when it
looks like one (components of one or two digits) and is followed by a separator, a
trailing dot, or nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parcdesk.parsing.prepare import MARKUP_RE
from parcdesk.text import clean

__all__ = ["LEVELS", "ItemCode", "split_code", "parse_order", "roman_to_int"]

LEVELS = ("area", "criterion", "subcriterion", "task")

# Canonical numerals I–XX; a lookup rather than arithmetic so "IIII" or "VX" are refused.
_ROMANS = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
    "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX",
)
_ROMAN_VALUE = {numeral: value for value, numeral in enumerate(_ROMANS, start=1)}

_EMPHASIS_RE = re.compile(r"^[*#_\s]+|[*_\s]+$")

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# What may stand between a code and its title: " - ", " – ", ":", "." (or only spaces).
_SEPARATOR = rf"\s*(?:[{_DASHES}:.)]\s*)?"

# "TC 1.1", "TCTP 2.2.2", "TCTP 8.1. 1": the prefix decides the level, whatever the depth.
# A space after a dot continues the code only when a separator or the end follows
# ("8.1. 1 - …"), never before a title that starts with a number ("1.1. 100% …").
_DIGITS = r"\d{1,2}(?:\.\d{1,2}|\.\s\d{1,2}(?=\s*(?:[" + _DASHES + r":]|$)))*"
_PREFIXED_RE = re.compile(rf"^(TCTP|TC)\s*({_DIGITS})\.?(?![\d%])(?:{_SEPARATOR})(.*)$", re.IGNORECASE | re.DOTALL)

# The digits in front of a numbered title: "1.1. Title", "1.3.1 - Title", "6. Title".
_NUMBER_HEAD_RE = re.compile(_DIGITS)
_AFTER_SEPARATOR_RE = re.compile(rf"^\s*[{_DASHES}:]\s*")

# "I. …", "II - …", "VIII: …"; a separator is required so that an upper-case title such as
# "VI PHẠM …" is not read as area VI.
_ROMAN_RE = re.compile(rf"^([IVX]+)\s*(?:[.:)]|[{_DASHES}](?=\s))\s*(.*)$", re.DOTALL)

# An order cell alone: "1", "1.", "1.1.", "8.1. 1", "12.1"; stray spaces are harmless here.
_ORDER_DIGITS_RE = re.compile(r"^(\d+(?:\s*\.\s*\d+)*)\s*\.?$")
_ORDER_ROMAN_RE = re.compile(r"^([IVX]+)\s*\.?$")


@dataclass(frozen=True)
class ItemCode:
    code: str  # normalised: "TC 1.1", "TCTP 1.3.1", "1.3.1", "I"; "" when there is none
    level: str | None  # one of LEVELS, or None when the code says nothing about the level
    title: str  # the text after the code, separator removed


def roman_to_int(s: str) -> int | None:
    """I–XX (either case, surrounding spaces ignored); None for anything else."""
    return _ROMAN_VALUE.get(s.strip().upper()) if s else None


def _prepare(text: str | None) -> str:
    text = MARKUP_RE.sub(" ", clean(text))
    return _EMPHASIS_RE.sub("", clean(text))


def _join_digits(raw: str) -> str:
    return ".".join(part for part in re.split(r"\s*\.\s*", raw.strip()) if part)


def _numeric_level(code: str) -> str | None:
    # 1 → task (the caller knows when "1." numbers areas), 1.1 → criterion, 1.3.1 → sub.
    depth = code.count(".") + 1
    return {1: "task", 2: "criterion", 3: "subcriterion"}.get(depth)


def _title(rest: str) -> str:
    # Inline headings end with a colon ("2.1. Cải cách thể chế:"); it is not the title's.
    return rest.strip().rstrip(":").rstrip()


def _split_prefixed(text: str) -> ItemCode | None:
    match = _PREFIXED_RE.match(text)
    if not match:
        return None
    prefix = match.group(1).upper()
    level = "subcriterion" if prefix == "TCTP" else "criterion"
    return ItemCode(f"{prefix} {_join_digits(match.group(2))}", level, _title(match.group(3)))


def _split_roman(text: str) -> ItemCode | None:
    match = _ROMAN_RE.match(text)
    if not match or roman_to_int(match.group(1)) is None:
        return None
    return ItemCode(match.group(1), "area", _title(match.group(2)))


def _split_numbered(text: str) -> ItemCode | None:
    head = _NUMBER_HEAD_RE.match(text)
    if not head:
        return None
    code, after = _join_digits(head.group(0)), text[head.end():]
    if not after:
        return ItemCode(code, _numeric_level(code), "")
    if after[0] == ".":
        # "1.1. 100% văn bản": the dot closes the code; "1.5%" or "1.000" are numbers.
        if after[1:2].isdigit() or after[1:2] == "%":
            return None
        rest = _AFTER_SEPARATOR_RE.sub("", after[1:], count=1)
        return ItemCode(code, _numeric_level(code), _title(rest))
    separator = _AFTER_SEPARATOR_RE.match(after)
    if separator:
        return ItemCode(code, _numeric_level(code), _title(after[separator.end():]))
    if after[0].isspace() and "." in code:
        return ItemCode(code, _numeric_level(code), _title(after))  # "1.1 Tiêu chí …"
    return None  # "30 TTHC", "01 sáng kiến", "100% hồ sơ": a number, not a code


def split_code(text: str) -> ItemCode:
    """The code in front of a title cell, its level, and the title without it.

    "TC 1.1 - Thực hiện kế hoạch CCHC" → ItemCode("TC 1.1", "criterion", "Thực hiện kế
    hoạch CCHC"). A text without a code comes back whole as the title, with code "".
    """
    cleaned = _prepare(text)
    if not cleaned:
        return ItemCode("", None, "")
    for splitter in (_split_prefixed, _split_roman, _split_numbered):
        found = splitter(cleaned)
        if found is not None:
            return found
    # A whole cell "II" (no separator, nothing after) is an area too.
    if roman_to_int(cleaned) is not None and cleaned.isupper():
        return ItemCode(cleaned, "area", "")
    return ItemCode("", None, cleaned)


def parse_order(cell: str) -> ItemCode:
    """An STT/TT cell on its own: "I", "II.", "1", "1.", "1.1.", "8.1. 1", "12.1".

    Title is "" for a code; a cell that holds no code ("TT", "", a continuation) comes
    back with code "" and its text as the title, so the caller can tell the two apart.
    """
    cleaned = _prepare(cell)
    roman = _ORDER_ROMAN_RE.match(cleaned)
    if roman and roman_to_int(roman.group(1)) is not None:
        return ItemCode(roman.group(1), "area", "")
    digits = _ORDER_DIGITS_RE.match(cleaned)
    if digits:
        code = _join_digits(digits.group(1))
        return ItemCode(code, _numeric_level(code), "")
    prefixed = _split_prefixed(cleaned)
    if prefixed is not None and not prefixed.title:
        return prefixed
    return ItemCode("", None, cleaned)
