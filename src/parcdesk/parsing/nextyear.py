"""Next year's target from last year's result, by the rule one seed plan states.

Source: the appendix of the 2024 TTHC-control plan of phường Nguyễn Nghiêm
(seeds/003_*.txt, "1. Nguyên tắc thực hiện chỉ tiêu"):

    a) Trường hợp kết quả thực hiện chỉ tiêu liên quan nhỏ hơn chỉ tiêu của Trung ương
    giao trong năm 2024 thì giao chỉ tiêu cho từng cơ quan, đơn vị, địa phương phần đầu
    bằng chỉ tiêu của Trung ương giao trong năm 2024.

    b) Trường hợp kết quả thực hiện chỉ tiêu liên quan bằng hoặc lớn hơn chỉ tiêu của
    Trung ương giao trong năm 2024 thì giao chỉ tiêu bằng kết quả đạt được trong năm 2023
    của cơ quan, đơn vị, địa phương đó phần đầu tăng thêm 10%, nhưng không nhỏ hơn chỉ
    tiêu của Trung ương giao trong năm 2024.

("phần đầu" is the seed's spelling of "phấn đấu", strive.) "Bằng" (equal) falls under b).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["next_year_target"]

# "kết quả đạt được … phần đầu tăng thêm 10%" raises the result itself by a tenth (×1.1):
# the 10 % is of the result, not 10 percentage points, since the same rule applies to
# counts, where "points" would mean nothing.
_RAISE = Decimal("1.1")
_PERCENT_CAP = Decimal("100")
_CENTS = Decimal("0.01")


def next_year_target(last_result: float, central_target: float, percent: bool = True) -> float:
    """The target to set for next year, rounded to 2 decimals.

    Below the central target: the central target (rule a). Otherwise last year's result
    ×1.1, never below the central target (rule b), and at most 100 for percentages.
    """
    # Decimal from the printed value, so that 85.55 × 1.1 rounds to 94.11 as on paper,
    # not to the float just below it.
    result, central = Decimal(str(last_result)), Decimal(str(central_target))
    if result < central:
        target = central
    else:
        target = max(result * _RAISE, central)
        if percent:
            target = min(target, max(_PERCENT_CAP, central))
    return float(target.quantize(_CENTS, rounding=ROUND_HALF_UP))
