"""Reading an actual value the officer types ("97,5", "97.5", "1.234,5", "97,5%"): the one place.

Python's `float()` is far too generous for this: it takes "nan", "inf", "1e400" (which
overflows to infinity), "1_000", and digits of any script ("٩٧", "９７"). A NaN stored in
SQLite silently becomes NULL (the value vanishes); an infinity is stored, prints "inf%" in
the report and makes the JSON output invalid. So a value is read here by a small grammar
of its own, ASCII digits only:

- an optional sign, digits, at most one decimal separator, comma or point ("97,5", "97.5");
- thousands grouped in threes with the other separator before the decimal one
  ("1.234,5", "1,234.5"), or the same separator repeated ("1.234.567");
- a lone "1.234" keeps the meaning it always had here: a decimal point (1,234);
- one trailing "%" and spaces are allowed ("97,5 %").

Then a range that depends on what the item measures, which the item's threshold says
(`Threshold.unit`, stored as `items.target_unit`): a percentage lies between 0 and 100, a
count (or an item without a unit) between 0 and `MAX_COUNT`. Anything else is refused with
one Vietnamese sentence that says the value and what is allowed.

    parse_actual("97,5", "%")   → 97.5
    problem("150", "%")         → "Giá trị thực tế “150” … từ 0 đến 100." (for the window, at once)
    finite_or_none(float("inf")) → None (for output that must stay valid JSON)
"""

from __future__ import annotations

import math
import re

from parcdesk.errors import UserError
from parcdesk.text import clean

__all__ = ["MAX_COUNT", "finite_or_none", "is_percent", "parse_actual", "problem", "range_problem"]

# A commune counts procedures, files, initiatives, days: never a billion of anything.
MAX_COUNT = 1_000_000_000
_SHOWN = 30  # characters of a refused value repeated in the sentence

# [0-9], never \d: in Python \d matches every script's digits.
_PLAIN = re.compile(r"[0-9]+(?:[.,][0-9]+)?")
_GROUPED = re.compile(r"[0-9]{1,3}(?:(?P<sep>[.,])[0-9]{3})+(?:(?!(?P=sep))[.,][0-9]+)?")
_EXAMPLES = "ví dụ hợp lệ: 97,5 hoặc 97.5 hoặc 1.234,5"


def is_percent(unit: str | None) -> bool:
    return clean(unit or "").lower() in ("%", "phần trăm")


def _shown(value) -> str:
    text = clean(str(value)).encode("utf-8", "replace").decode("utf-8")
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


def _allowed(unit: str | None) -> str:
    if is_percent(unit):
        return "tỉ lệ phần trăm phải từ 0 đến 100"
    return f"số lượng phải từ 0 đến {MAX_COUNT:,}".replace(",", ".")


def range_problem(number: float, unit: str | None, shown: str | None = None) -> str | None:
    """The sentence refusing `number` for an item measured in `unit`, or None when it is allowed."""
    what = shown if shown is not None else _shown(number)
    if not math.isfinite(number):
        return f"Giá trị thực tế “{what}” không phải là một số hữu hạn ({_EXAMPLES})."
    high = 100 if is_percent(unit) else MAX_COUNT
    if 0 <= number <= high:
        return None
    return f"Giá trị thực tế “{what}” nằm ngoài khoảng cho phép: {_allowed(unit)}."


def _number_of(text: str) -> float | None:
    """The number written in `text` by the grammar above, or None when it is not one."""
    sign = 1.0
    if text[:1] in "+-":
        sign = -1.0 if text[0] == "-" else 1.0
        text = text[1:]
    if _PLAIN.fullmatch(text):
        return sign * float(text.replace(",", "."))
    match = _GROUPED.fullmatch(text)
    if match:
        group = match.group("sep")
        return sign * float(text.replace(group, "").replace(",", "."))
    return None


def _read(value, unit: str | None) -> tuple[float | None, str | None]:
    """(number, None) or (None, the sentence refusing it)."""
    if value is None:
        return None, None
    if isinstance(value, bool):  # True is an int to Python, not a value to the officer
        return None, f"Giá trị thực tế “{value}” không phải là một số ({_EXAMPLES})."
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:  # an int past float's range
            return None, f"Giá trị thực tế “{_shown(value)}” quá lớn: {_allowed(unit)}."
        problem = range_problem(number, unit)
        return (None, problem) if problem else (number, None)
    shown = _shown(value)
    text = clean(str(value)).replace("\u00a0", " ").replace(" ", "")
    if text.endswith("%"):
        text = text[:-1]
    if not text:
        return None, None
    parsed = _number_of(text)
    if parsed is None:
        return None, f"Giá trị thực tế “{shown}” không phải là một số viết bằng chữ số 0–9 ({_EXAMPLES})."
    number = parsed
    problem = range_problem(number, unit, shown)  # "1" followed by 400 zeros is finite text, infinite float
    return (None, problem) if problem else (number, None)


def parse_actual(value, unit: str | None = None) -> float | None:
    """The value as a finite float in the unit's range; None (or "") clears it; UserError otherwise."""
    number, refused = _read(value, unit)
    if refused:
        raise UserError(refused)
    return number


def problem(value, unit: str | None = None) -> str | None:
    """What is wrong with a typed value, at once, without raising: the sentence, or None when it is fine."""
    return _read(value, unit)[1]


def finite_or_none(value):
    """A float that JSON can hold (`Infinity`/`NaN` are not JSON): non-finite becomes None."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
