"""Which of the 8 PAR INDEX areas a plan's area is, by what it is about — never by its numeral.

Communes number their areas their own way: one plan's "I" is "Công tác chỉ đạo điều hành CCHC",
another's "I" is "Các nhiệm vụ trọng tâm về cải cách thể chế" and its "VII" is "Công tác chỉ đạo,
điều hành…"; a plan on TTHC control alone has twelve areas, all about procedures. So an area is
matched on the PAR INDEX codes of its items when it has them (TCTP 3.x.x belongs to area 3; the
most frequent area wins), else on the folded words of its title; an area that matches none is
"Khác (ngoài bộ Chỉ số CCHC)" of its own unit, never added to another unit's.

The 8 areas' titles are the built-in template's (resources/templates/par-xa.json).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from parcdesk.text import fold

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
OTHER_TITLE = "Khác (ngoài bộ Chỉ số CCHC)"

# the words that say what an area is about, folded; tried in the index's order, first match wins
# ("Thực hiện TTHC trên môi trường điện tử" is TTHC work, area 3, before area 7's words)
KEYWORDS: dict[int, tuple[str, ...]] = {
    1: ("chi dao dieu hanh", "chi dao va dieu hanh"),
    2: ("the che", "van ban quy pham phap luat", "thi hanh phap luat"),
    3: ("thu tuc hanh chinh", "tthc", "mot cua"),
    4: ("to chuc bo may", "bo may hanh chinh"),
    5: ("cong vu", "cong chuc", "vien chuc"),
    6: ("tai chinh cong",),
    7: ("chinh quyen dien tu", "chinh quyen so", "chinh phu dien tu", "chinh phu so", "chuyen doi so"),
    8: ("tac dong cua cai cach", "tac dong cua cchc", "tac dong den nguoi dan", "su hai long", "muc do hai long"),
}
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_CODE = re.compile(r"^TC(?:TP)? (\d+)\.")


@lru_cache(maxsize=1)
def area_titles() -> tuple[str, ...]:
    """The 8 areas' titles, in the index's order, from the built-in template."""
    from parcdesk.template import load_template

    return tuple(entry["title"] for entry in load_template("par-xa")["items"] if entry["level"] == "area")


def _words(title: str) -> str:
    return " " + " ".join(_NOT_WORD.sub(" ", fold(title)).split()) + " "


def area_of(title: str, codes: list[str] = ()) -> int | None:  # type: ignore[assignment]
    """1…8, or None when the area is none of the index's. `codes`: its items' shared codes."""
    numbers = Counter(int(m.group(1)) for m in (_CODE.match(c) for c in codes) if m and 1 <= int(m.group(1)) <= 8)
    if numbers:
        return numbers.most_common(1)[0][0]
    words = _words(title)
    for number, phrases in KEYWORDS.items():
        if any(f" {phrase} " in words for phrase in phrases):
            return number
    return None


def area_key(number: int) -> str:
    return ROMAN[number - 1]


def area_title(number: int) -> str:
    return area_titles()[number - 1]
