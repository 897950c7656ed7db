"""Per-year targets of a multi-year plan, read from one text that names several years.

A plan for 2023–2025 often gives one target per year, either one column per year (the
importer reads those, importer/header.py) or in one cell:

    "Năm 2024: 80%; năm 2025: 85%"
    "2024 đạt 80%, 2025 đạt 85%"
    "Năm 2023 đạt 70%, năm 2024 đạt 80%, năm 2025 đạt 90%"

A year counts as the start of a year's target only when a cue follows it (":", "đạt", "là",
"-"), and only when at least two years are named so: "so với năm 2024" or one quoted past
result "(năm 2022 là 83,99%)" is a baseline, not a list of per-year targets (parsing/targets.py).
Each year's text runs to the next year named; its threshold is parse_target's, the one
reader of thresholds.
"""

from __future__ import annotations

import re

from parcdesk.parsing.prepare import fold_same_length, without_markup
from parcdesk.parsing.targets import Threshold, parse_target

__all__ = ["parse_year_targets", "year_thresholds", "join_year_targets"]

# "năm 2024:", "2024 đạt", "Năm 2025 là", "năm 2025 -" (folded); not "so với năm 2024", not "(năm 2022 là"
_YEAR_CUE_RE = re.compile(r"(?<![\w/(])(?:nam\s+)?((?:19|20)\d\d)\s*(?::|-|–|\bdat\b|\bla\b)")
_BEFORE_RE = re.compile(r"(?:so voi|\()\s*$")
_TRIM = " ;,.\n\t"


def parse_year_targets(text: str | None) -> dict[int, str]:
    """{year: that year's target text} when the text names two years or more, else {}."""
    src = without_markup(text)
    folded = fold_same_length(src)
    marks = [m for m in _YEAR_CUE_RE.finditer(folded) if not _BEFORE_RE.search(folded[max(0, m.start() - 10):m.start()])]
    found: dict[int, str] = {}
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(src)
        body = src[mark.end():end].strip(_TRIM)
        cue = folded[mark.end(1):mark.end()].strip()
        if cue in ("dat", "la"):
            body = f"{src[mark.end() - len(cue):mark.end()]} {body}"  # "đạt 80%" reads as written
        year = int(mark.group(1))
        if body and year not in found and parse_target(body) is not None:
            found[year] = body
    return found if len(found) >= 2 else {}


def year_thresholds(texts: dict[int, str]) -> dict[int, Threshold | None]:
    return {year: parse_target(text) for year, text in texts.items()}


def join_year_targets(texts: dict[int, str]) -> str:
    """One column per year, written as one target text: "Năm 2024: 80%; Năm 2025: 85%"."""
    return "; ".join(f"Năm {year}: {text}" for year, text in sorted(texts.items()) if text)
