"""Next year's target by the rule of seeds/003 ("Nguyên tắc thực hiện chỉ tiêu").

Rule a): last result below the central target → the central target.
Rule b): last result equal or above → last result ×1.1, not below the central target,
at most 100 for percentages; rounded to 2 decimals. Expected values computed by hand.
"""

import pytest

from parcdesk.parsing.nextyear import next_year_target

CASES = [
    # last_result, central_target, percent, expected
    # --- rule a): below the central target ---
    (70, 80, True, 80),
    (79.99, 80, True, 80),
    (0, 45, True, 45),
    (20, 30, False, 30),  # a count (e.g. TTHC liên thông): same rule
    # --- rule b): equal or above, raised by a tenth of the result ---
    (80, 80, True, 88),  # "bằng" falls under b)
    (82.5, 80, True, 90.75),
    (85.55, 80, True, 94.11),  # 94.105 rounds half up, as on paper
    (50, 50, True, 55),
    (60, 45, True, 66),
    (90, 90, True, 99),
    (40, 30, False, 44),
    (55, 50, False, 60.5),
    (95, 95, False, 104.5),  # counts are not capped
    # --- percentages cap at 100 ---
    (91, 90, True, 100),  # 100.1 → 100
    (95, 80, True, 100),
    (100, 100, True, 100),
    (100, 95, True, 100),
    # --- never below the central target, and the result itself exactly 0 ---
    (0, 0, True, 0),
]


@pytest.mark.parametrize(("last_result", "central_target", "percent", "expected"), CASES)
def test_next_year_target(last_result, central_target, percent, expected):
    assert next_year_target(last_result, central_target, percent) == expected


def test_percent_is_the_default():
    assert next_year_target(95, 80) == 100
    assert next_year_target(95, 80, percent=False) == 104.5


def test_the_result_is_a_float_rounded_to_cents():
    value = next_year_target(83.33, 80)  # 91.663
    assert isinstance(value, float)
    assert value == 91.66
