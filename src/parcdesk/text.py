"""Text as it enters ParcDesk: NFC, no control characters, and a folded form for search.

Search must ignore diacritics and treat đ as d. SQLite's own folding does neither for
Vietnamese (lower() and LIKE fold ASCII only; FTS5 keeps đ as its own letter), so every
searchable text is stored beside a folded copy made here.
"""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls except tab and newline: they break Excel files and mean nothing to a reader.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Combining marks left by NFD: Vietnamese tones and vowel marks are all in this block.
_MARKS = re.compile(r"[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# No controls, no line breaks or tabs, no doubled or odd spaces, nothing to trim.
_ALREADY_CLEAN = re.compile(r"(?:[^\s\x00-\x1f\x7f-\x9f]+(?: [^\s\x00-\x1f\x7f-\x9f]+)*)?")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean(text: str | None) -> str:
    """NFC, controls dropped, runs of spaces folded, ends trimmed; line breaks kept."""
    if text is None:
        return ""
    text = str(text)
    # Called for every cell of an import and every field written: the common cases go fast,
    # and text that is already clean (the usual case) comes back untouched after one scan.
    if _ALREADY_CLEAN.fullmatch(text) and unicodedata.is_normalized("NFC", text):
        return text
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if "\n" not in text:
        return _SPACES.sub(" ", text).strip()
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def clean_or_none(text: str | None) -> str | None:
    cleaned = clean(text)
    return cleaned or None


def _build_fold_table() -> dict[int, str]:
    """Every precomposed Latin letter (all of Vietnamese among them) → its bare letter."""
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for block in (range(0xC0, 0x250), range(0x1E00, 0x1F00)):
        for code in block:
            bare = _MARKS.sub("", unicodedata.normalize("NFD", chr(code)))
            if bare != chr(code) and len(bare) == 1:
                table[code] = bare
    return table


_FOLD_TABLE = _build_fold_table()


def fold(text: str | None) -> str:
    """Diacritics dropped, đ → d, case folded, whitespace single: the form search compares."""
    if not text:
        return ""
    # A table lookup per letter is several times faster than NFD plus a regex, and imports fold
    # every cell; text that still carries combining marks (not NFC) takes the long way.
    stripped = str(text).translate(_FOLD_TABLE)
    if _MARKS.search(stripped):
        stripped = _MARKS.sub("", unicodedata.normalize("NFD", stripped)).translate(_FOLD_TABLE)
    return " ".join(stripped.casefold().split())


# Plans write these short; an officer searching types the words. Matched as whole words.
ABBREVIATIONS = {
    "tthc": "thu tuc hanh chinh",
    "cchc": "cai cach hanh chinh",
    "dvc": "dich vu cong",
    "dvctt": "dich vu cong truc tuyen",
    "pakn": "phan anh kien nghi",
    "qppl": "quy pham phap luat",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "cbcc": "can bo cong chuc",
    "tdthpl": "theo doi thi hanh phap luat",
}
_WORD = re.compile(r"[a-z0-9]+")


def fold_search_text(text: str | None) -> str:
    """What search compares: letters without marks (đ → d), lower case, ASCII only.

    Stricter than fold() (dashes, quotes and "≥" go too) and several times faster, which
    matters when an import folds every item; queries go through the same function.
    """
    if not text:
        return ""
    text = str(text).replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(ascii_text.casefold().split())


def search_words(query: str | None) -> list[str]:
    return fold_search_text(query).split()


def fold_for_search(text: str | None) -> str:
    """The folded text followed by the long form of each abbreviation it uses."""
    folded = fold_search_text(text)
    if not any(short in folded for short in ABBREVIATIONS):  # most texts: no word scan needed
        return folded
    expansions = {ABBREVIATIONS[w] for w in _WORD.findall(folded) if w in ABBREVIATIONS}
    return " | ".join([folded, *sorted(expansions)]) if expansions else folded


def format_number(value: float | None, unit: str | None = None) -> str:
    """Vietnamese style: decimal comma, no trailing zeros ("97,5 %" is written "97,5%")."""
    if value is None:
        return ""
    text = f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    if not unit:
        return text
    return f"{text}%" if unit == "%" else f"{text} {unit}"


def format_date(when) -> str:
    """dd/mm/yyyy, as the window shows dates; accepts a date or an ISO string, "" for none."""
    if not when:
        return ""
    if isinstance(when, str):
        from datetime import date

        when = date.fromisoformat(when[:10])
    return f"{when.day:02d}/{when.month:02d}/{when.year}"


# ------------------------------------------------------------ dates as the officer types them

_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
DATE_HINT = "ghi ngày/tháng/năm, ví dụ 05/4/2025"


def parse_date(text, what: str = "Ngày"):
    """The one reader of a typed date, for the window and the command line alike.

    dd/mm/yyyy with d/m allowed ("5/4/2025"), "-" or "." instead of "/", and the ISO form a
    script writes (2025-04-05); "" or None → None. A date that is not in the calendar is refused,
    never moved to a nearby day: UserError with one sentence that starts with `what`.
    """
    from datetime import date

    from parcdesk.errors import UserError

    if text is None:
        return None
    if isinstance(text, date):
        return text
    typed = clean(str(text))
    if not typed:
        return None
    found = _DMY.fullmatch(typed)
    if found:
        day, month, year = (int(part) for part in found.groups())
    else:
        found = _ISO_DATE.fullmatch(typed)
        if not found:
            raise UserError(f"{what} “{typed}” không phải là ngày; hãy {DATE_HINT}.")
        year, month, day = (int(part) for part in found.groups())
    if not 1 <= month <= 12:
        raise UserError(f"{what} “{typed}” không có trong lịch: không có tháng {month}.")
    try:
        return date(year, month, day)
    except ValueError:
        last = _days_in_month(year, month)
        raise UserError(f"{what} “{typed}” không có trong lịch: tháng {month} năm {year} "
                        f"chỉ có {last} ngày.") from None


def _days_in_month(year: int, month: int) -> int:
    import calendar

    return calendar.monthrange(year, month)[1]


_VOWELS = set("aeiouy")
_ROMAN = re.compile(r"[IVXLC]+[.)]?")


def calm_capitals(text: str | None) -> str:
    """An area's title as the screen shows it: a title written all in capitals ("CẢI CÁCH THỦ
    TỤC HÀNH CHÍNH", as many plans print their areas) in sentence case ("Cải cách thủ tục hành
    chính"), so that every area reads alike whichever way its plan typed it; a title with any
    lower-case letter is shown as stored. Abbreviations (CCHC, UBND: a word without a vowel, or
    one search knows) and a leading Roman numeral keep their capitals. The stored text is not
    touched: the report prints what the plan says."""
    text = text or ""
    letters = [c for c in text if c.isalpha()]
    if not letters or any(c.islower() for c in letters) or len(letters) < 4:
        return text
    words = text.split(" ")
    first = 1 if len(words) > 1 and _ROMAN.fullmatch(words[0]) else 0  # "III. Cải cách…"
    out = []
    for n, word in enumerate(words):
        core = fold_search_text(word)
        if n < first or core in ABBREVIATIONS or (core and not _VOWELS & set(core)):
            out.append(word)
        elif n == first:  # its first letter stays a capital (after any opening quote)
            lead = next((i for i, c in enumerate(word) if c.isalpha()), 0)
            out.append(word[:lead + 1] + word[lead + 1:].lower())
        else:
            out.append(word.lower())
    return " ".join(out)
