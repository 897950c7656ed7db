"""Reporting periods: Quý I, 6 tháng, 9 tháng, năm — as codes "2025-Q1", "2025-H1", "2025-9M", "2025"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from parcdesk.errors import UserError

# kind → (month the period ends, Vietnamese name)
_KINDS = {
    "Q1": (3, "Quý I"),
    "H1": (6, "6 tháng"),
    "9M": (9, "9 tháng"),
    "Y": (12, "Năm"),
}
_PATTERN = re.compile(r"^\s*(\d{4})(?:\s*-\s*(Q1|H1|9M))?\s*$", re.IGNORECASE)
_LAST_DAY = {3: 31, 6: 30, 9: 30, 12: 31}


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str  # Q1, H1, 9M, Y

    @property
    def code(self) -> str:
        return str(self.year) if self.kind == "Y" else f"{self.year}-{self.kind}"

    @property
    def end_month(self) -> int:
        return _KINDS[self.kind][0]

    @property
    def end(self) -> date:
        return date(self.year, self.end_month, _LAST_DAY[self.end_month])

    @property
    def short_label(self) -> str:
        return _KINDS[self.kind][1]

    @property
    def label(self) -> str:
        """As a report title says it: "quý I năm 2025", "6 tháng đầu năm 2025"."""
        return {
            "Q1": f"quý I năm {self.year}",
            "H1": f"6 tháng đầu năm {self.year}",
            "9M": f"9 tháng đầu năm {self.year}",
            "Y": f"năm {self.year}",
        }[self.kind]

    def report_deadline(self, day: int = 15) -> date:
        """Units report by the 15th of the period's last month (domain.md)."""
        return date(self.year, self.end_month, day)

    def __str__(self) -> str:
        return self.code


def parse_period(text: str) -> Period:
    match = _PATTERN.match(text or "")
    if not match:
        raise UserError(
            f"Kỳ báo cáo “{text}” không hợp lệ; hãy ghi dạng 2025-Q1 (quý I), "
            "2025-H1 (6 tháng), 2025-9M (9 tháng) hoặc 2025 (năm)."
        )
    year = int(match.group(1))
    if not 2000 <= year <= 2100:
        raise UserError(f"Năm {year} của kỳ báo cáo “{text}” không hợp lệ.")
    kind = (match.group(2) or "Y").upper()
    return Period(year, kind)


def periods_of_year(year: int) -> list[Period]:
    return [Period(year, kind) for kind in _KINDS]


def periods_of_years(year_from: int, year_to: int) -> list[Period]:
    """Every reporting period of a plan, year by year (a 2023–2025 plan reports each of its years)."""
    return [period for year in range(year_from, year_to + 1) for period in periods_of_year(year)]


def earlier_in_year(period: Period) -> list[Period]:
    """The periods of the same year before this one, the nearest first: 9 tháng → [6 tháng, Quý I].

    A cumulative period starts from these (carry.py); a new year starts from nothing."""
    order = periods_of_year(period.year)
    return list(reversed(order[:order.index(period)]))


def later_in_year(period: Period) -> list[Period]:
    """The periods of the same year after this one, the nearest first."""
    order = periods_of_year(period.year)
    return order[order.index(period) + 1:]
