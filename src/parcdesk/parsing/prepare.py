"""Text preparation shared by the parsers."""

from __future__ import annotations

import re
from functools import lru_cache

from parcdesk.text import clean, fold

# Plan texts come from Word/PDF conversions with stray HTML ("<p>", "<li>"); a tag name is
# required so that a comparator written as "<" is left alone.
MARKUP_RE = re.compile(r"</?(?:p|b|i|u|em|strong|span|div|br|ul|ol|li|sup|sub)\b[^<>]*>", re.IGNORECASE)


def without_markup(text: str | None) -> str:
    return clean(MARKUP_RE.sub(" ", clean(text)))


@lru_cache(maxsize=512)
def _fold_char(ch: str) -> str:
    folded = fold(ch)
    return folded if len(folded) == 1 else ch.lower() if len(ch.lower()) == 1 else ch


def fold_same_length(text: str) -> str:
    """fold(), one character for one, so positions in it are positions in the original."""
    return "".join(_fold_char(ch) for ch in text)
