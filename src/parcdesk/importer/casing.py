"""One letter case for a plan's area titles.

Plans mix them: Quảng Trung's appendices 01–02 name their area in sentence case ("Các
nhiệm vụ trọng tâm về Cải cách thể chế năm 2023"), 03–07 in capitals ("CẢI CÁCH CÔNG
VỤ"); on screen and in the report the areas should read alike. The rule: the style most
of the file's areas already have wins, capitals on a tie (as most plans write areas). A
file whose areas agree is left as it is. A title changed keeps its original in a warning
of the preview, so that the officer sees what was written.

To capitals is exact. To sentence case lowers every word but the first letter and the
abbreviations: a word that cannot be one Vietnamese syllable ("CCHC", "TTHC", "UBND",
"HĐND", a Roman numeral "II") stays in capitals. Proper names inside an otherwise capital
title cannot be told from common words, which is why the original is kept in the warning.
"""

from __future__ import annotations

import re

from parcdesk.model import ItemDraft
from parcdesk.text import fold

# One Vietnamese syllable, folded: an initial consonant (cluster), a vowel nucleus, a final.
_SYLLABLE_RE = re.compile(r"^(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$")
_WORD_RE = re.compile(r"\w+")
_ROMAN_RE = re.compile(r"^[IVX]+$")


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalpha())


def is_capitals(title: str) -> bool:
    letters = _letters(title)
    return bool(letters) and letters.isupper()


def _abbreviation(word: str) -> bool:
    return bool(_ROMAN_RE.match(word)) or not _SYLLABLE_RE.match(fold(word))


def to_sentence(title: str) -> str:
    """"CẢI CÁCH TTHC NĂM 2024" → "Cải cách TTHC năm 2024"."""
    def lower(match: re.Match[str]) -> str:
        word = match.group(0)
        return word if _abbreviation(word) else word.lower()

    text = _WORD_RE.sub(lower, title)
    for index, ch in enumerate(text):
        if ch.isalpha():
            return text[:index] + ch.upper() + text[index + 1:]
    return text


def normalise_area_titles(areas: list[ItemDraft]) -> list[tuple[ItemDraft, str]]:
    """Rewrite the areas' titles to the file's majority case: (area, warning) per title changed."""
    styled = [area for area in areas if _letters(area.title)]
    capitals = sum(1 for area in styled if is_capitals(area.title))
    to_capitals = capitals * 2 >= len(styled)
    warnings: list[tuple[ItemDraft, str]] = []
    for area in styled:
        if is_capitals(area.title) == to_capitals:
            continue
        original = area.title
        area.title = original.upper() if to_capitals else to_sentence(original)
        style = "chữ in hoa" if to_capitals else "chữ thường (viết hoa chữ đầu)"
        label = f"Lĩnh vực “{area.code}”" if area.code else "Một lĩnh vực"
        warnings.append((area, f"{label} được viết lại bằng {style} như các lĩnh vực khác của tệp; "
                               f"trong tệp ghi: “{original}”."))
    return warnings
