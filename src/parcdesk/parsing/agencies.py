"""Agency names out of a plan's lead/partner cells, and the key their spellings meet under.

A cell names one or more agencies (*ban, ngành*), separated by ",", ";", line breaks,
bullets ("- ", "+ ") or " và ". The hard part is that some single names carry a comma
or a "và" of their own:

- "ban, ngành thị trấn", "Các ban, ngành chuyên môn thị trấn", "Phòng, ban, thị trấn",
  "TDP, thôn, làng", "Các sở, ban ngành": a list of *kinds* of body ("ban", "ngành",
  "phòng", "thôn"…) is one group, so a fragment made only of such generic words is glued
  to the generic fragment after it;
- "UBND cấp huyện, cấp xã", "… tiếp nhận, giải quyết TTHC": a fragment that starts with a
  lower-case word which cannot begin an agency name ("cấp", "thị trấn", "giải quyết") is
  the tail of the one before; lower-case agencies ("công an", "quân sự") still split;
- "Văn hóa và Thông tin", "Bộ phận tiếp nhận và trả kết quả", "Sở Thông tin và truyền
  thông": " và " splits only when the words after it can begin an agency name
  ("các đơn vị…", "Văn hóa – Thông tin", "Đội thuế…"), and not inside a known pair
  ("Văn phòng HĐND và UBND", "Tài chính và Kế toán");
- dashes never split: "Văn hóa - Xã hội", "Địa chính - Xây dựng - Nông nghiệp - Môi
  trường" stay whole (a bullet "- " counts only at the start of the cell, of a line, or
  after ".", ";" or ":").

Cells also say who does what: "CC Văn phòng – Thống kê Tham mưu thực hiện, phối hợp với
các bộ phận liên quan", "Các ngành liên quan phối hợp.", "CC VP - TK, CC VH - XH chủ
trì." "phối hợp với" separates two agencies, and a trailing role ("chủ trì", "phối hợp",
"thực hiện", "tham mưu (triển khai) thực hiện") is dropped from a name. The role itself
is the column's business, not the name's. The "CC" (công chức) prefix is kept in the name
and ignored by the key.

Some cells of an agency column name no body at all: they say how or when the work is
done ("Theo hướng dẫn các cấp có thẩm quyền", "Theo kế hoạch", "Khi có yêu cầu",
"Thường xuyên"). A line that begins as an instruction does ("theo", "khi", "nếu", "tùy",
"căn cứ", "thường xuyên", "định kỳ"…) is such a phrase, whole: `split_cell` gives it apart
from the names, and the importer keeps it in the item's notes rather than making it an
agency. Groups are bodies: "Các ban, ngành liên quan", "các đơn vị có liên quan".
What is neither a known agency nor a phrase is asked about; `doubtful` says why a new name
does not look like one (it starts in lower case, or runs long like a sentence).
"""

from __future__ import annotations

import re

from parcdesk.text import clean, fold

__all__ = ["split_agencies", "split_cell", "is_instruction", "doubtful", "canonical_key"]

# Dashes of every width; in names they join parts ("Tài chính – Kế toán").
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_DASH_CLASS = "".join(re.escape(ch) for ch in _DASHES)
_DASH_RE = re.compile(rf"\s*[{_DASH_CLASS}]\s*")

# Folded words that can begin an agency name (for " và " and lower-case comma fragments).
_HEAD_WORDS = (
    "cac", "nhung", "ban", "nganh", "phong", "so", "bo phan", "van phong", "tu phap",
    "tai chinh", "ke toan", "dia chinh", "dai chinh", "van hoa", "cong an", "quan su",
    "chi huy", "lanh dao", "ubnd", "uy ban", "chu tich", "pho chu tich", "cc", "cong chuc",
    "can bo", "co quan", "don vi", "dia phuong", "tdp", "to dan pho", "thon", "lang",
    "doi", "hdnd", "mttq", "mat tran", "doan", "hoi", "tram", "truong", "buu dien",
    "chi cuc", "dang uy", "vp", "tp", "vh", "dc", "bchqs", "chqs", "ngan hang", "kho bac",
)
_HEAD_RE = re.compile(r"^(?:%s)\b" % "|".join(re.escape(w) for w in _HEAD_WORDS))

# Folded words naming a *kind* of body; "ban, ngành" / "TDP, thôn, làng" list such kinds.
_GENERIC = (
    r"(?:ban nhan dan|bnd|ban|nganh|phong|so|co quan|don vi|dia phuong|tdp|to dan pho|thon|lang"
    r"|khu pho|bo phan|doan the|to chuc)"
)
_BARE_GENERIC_RE = re.compile(rf"^(?:(?:cac|nhung) )?{_GENERIC}(?: {_GENERIC})*$")
_STARTS_GENERIC_RE = re.compile(rf"^{_GENERIC}\b")

# Pairs written with a comma that are one section ("Văn hóa, Thông tin").
_COMMA_PAIRS = (("van hoa", "thong tin"),)
# Pairs joined by "và" that are one body ("Văn phòng HĐND và UBND", "Tài chính và Kế toán").
_VA_PAIRS = (("hdnd", "ubnd"), ("tai chinh", "ke toan"), ("ke toan", "tai chinh"))

# A bullet: at the start, after a line break, or after ".", ";" or ":".
_BULLET_RE = re.compile(rf"(^|[\n.;:])[ \t]*[+•{_DASH_CLASS}][ \t]+")
# "A phối hợp với B": two agencies.
_WITH_RE = re.compile(r"[,\s]*\bphối hợp với\b[\s:]*", re.IGNORECASE)
# "Cơ quan chủ trì:" and the like, when the label came along with the cell.
_LABEL_RE = re.compile(
    r"^(?:cơ quan|bộ phận)\s+(?:chủ trì|phối hợp|thực hiện|phụ trách|theo dõi)[^:\n]{0,30}:",
    re.IGNORECASE,
)
# A trailing role: "chủ trì", "phối hợp", "thực hiện", "tham mưu triển khai thực hiện"…
_ROLE_RE = re.compile(
    r"(?<=\S)\s+(?:tham mưu\s+)?(?:triển khai\s+)?(?:chủ trì|phối hợp|thực hiện)(?:\s+thực hiện)?$",
    re.IGNORECASE,
)
_VA_RE = re.compile(r"\s+và\s+", re.IGNORECASE)
_EDGE_PUNCT = " \t.;:,+*•"


# How an instruction begins (folded): "Theo hướng dẫn…", "Khi có yêu cầu", "Thường xuyên".
_INSTRUCTION_RE = re.compile(
    r"^(?:theo|khi|neu|tuy|tuy theo|can cu|sau khi|truoc khi|trong qua trinh|trong nam|trong thoi gian"
    r"|thuong xuyen|dinh ky|hang (?:nam|quy|thang|tuan|ngay)|thuc hien theo|duoc phan cong|dam bao|dung quy dinh"
    r"|nhu (?:tren|ke hoach|quy dinh))\b"
)


def is_instruction(text: str) -> bool:
    """A phrase of an agency cell that says how or when, not who ("Theo kế hoạch")."""
    return bool(_INSTRUCTION_RE.match(fold(_strip_edges(clean(text)))))


def split_agencies(text: str | None) -> list[str]:
    """The agency names in a lead/partner cell, cleaned, in order, without duplicates."""
    return split_cell(text)[0]


def split_cell(text: str | None) -> tuple[list[str], list[str]]:
    """(agency names, instruction phrases) of a lead/partner cell, each cleaned, in order."""
    text = clean(text)
    if not text:
        return [], []
    text = re.sub(r"\s+,", ",", text)  # "Công an , Ban…", "Ban , ngành"
    text = _BULLET_RE.sub(lambda m: m.group(1) + "\n", text)
    text = _WITH_RE.sub("\n", text)

    names: list[str] = []
    phrases: list[str] = []
    seen: set[str] = set()
    for piece in re.split(r"[\n;]", text):
        piece = _strip_edges(_LABEL_RE.sub("", piece.strip()))
        if not piece:
            continue
        if is_instruction(piece):
            phrases.append(piece)
            continue
        for part in _split_va(piece):
            for item in _glue_commas(_split_outside_parens(part, ",")):
                name = _clean_name(item)
                key = canonical_key(name)
                if name and key not in seen:
                    seen.add(key)
                    names.append(name)
    return names, phrases


_LONG_NAME_WORDS = 10


def doubtful(name: str) -> str | None:
    """Why a name new to the office does not look like an agency, or None when it does."""
    name = clean(name)
    if not name:
        return None
    if is_instruction(name):
        return "là lời dặn (cách làm, thời gian), không phải tên một cơ quan"
    words = name.split()
    if _HEAD_RE.match(fold(name)):
        return None
    if name[0].islower():
        return "bắt đầu bằng chữ thường, không giống tên một cơ quan"
    if len(words) > _LONG_NAME_WORDS or re.search(r"\d|%", name):
        return "dài như một câu hoặc có chữ số, không giống tên một cơ quan"
    return None


def canonical_key(name: str) -> str:
    """The key under which spellings of one agency meet.

    Folded (no diacritics, đ → d, case folded); every dash one " - " ("Tài chính-Kế toán",
    "Tài chính – Kế toán", "Tư pháp- Hộ tịch"); commas and the spaces around them dropped
    ("Ban , ngành" = "ban ngành"); trailing punctuation dropped; a leading "các"/"những"
    (plural) and "CC"/"công chức" (the officer of the section) dropped.

    The trailing qualifier "thị trấn" / "xã" / "phường" / "TT" (optionally after "của" /
    "thuộc") is dropped too: in one commune office's list every section belongs to that
    commune, so "Văn phòng – Thống kê thị trấn" is "Văn phòng – Thống kê" and "UBND xã" is
    "UBND thị trấn" (the office's own committee, whatever its kind). It is kept where it is
    not a qualifier of the commune: after "thị" ("UBND thị xã" is the district-level town)
    or "cấp" ("UBND cấp xã" names a level), and when nothing would be left ("Thị trấn").
    Bodies of other levels end in "huyện", "tỉnh", "thị xã"…, which are never dropped.
    Order-swapped or misspelt names ("Kế toán - Tài chính", "Đại chính") meet through
    aliases, not through this key.
    """
    # The qualifier is dropped before folding: folded, "cửa" ("Một cửa") reads as "của".
    words = " ".join(_DASH_RE.sub(" - ", clean(name).casefold()).split()).split(" ")
    words = _drop_commune_qualifier([w for w in words if w])
    s = fold(" ".join(words))
    s = re.sub(r"\s*,\s*", " ", s)
    words = " ".join(s.strip(" .;:,").split()).split()
    while len(words) > 1 and words[0] in ("cac", "nhung"):
        words = words[1:]
    if len(words) > 1 and words[0] == "cc":
        words = words[1:]
    elif len(words) > 2 and words[:2] == ["cong", "chuc"]:
        words = words[2:]
    return " ".join(words)


def _drop_commune_qualifier(words: list[str]) -> list[str]:
    """Words (case folded, diacritics kept) without a trailing "thị trấn"/"xã"/"phường"."""
    trimmed = list(words)
    while trimmed and trimmed[-1].strip(".;:,") == "":
        trimmed.pop()
    if not trimmed:
        return words
    last = trimmed[-1].rstrip(".;:,")
    if len(trimmed) >= 3 and trimmed[-2] == "thị" and last == "trấn":
        rest = trimmed[:-2]
    elif len(trimmed) >= 2 and last in ("xã", "phường", "tt") and trimmed[-2] not in ("thị", "cấp"):
        rest = trimmed[:-1]
    else:
        return words
    if len(rest) > 1 and rest[-1] in ("của", "thuộc"):
        rest = rest[:-1]
    if not rest or rest[-1] in ("-", ",") or rest == ["các"]:
        return words
    return rest


def _strip_edges(text: str) -> str:
    text = text.strip(_EDGE_PUNCT + _DASHES)
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip(_EDGE_PUNCT)
    return text


def _split_outside_parens(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch == sep and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts]


def _glue_commas(fragments: list[str]) -> list[str]:
    """Comma fragments joined back where the comma is inside one name."""
    items: list[str] = []
    for fragment in fragments:
        if not fragment:
            continue
        if items and _continues(items[-1], fragment):
            items[-1] = f"{items[-1]}, {fragment}"
        else:
            items.append(fragment)
    return items


def _continues(before: str, fragment: str) -> bool:
    f_before, f_frag = " ".join(fold(before).replace(",", " ").split()), fold(fragment)
    # "ban, ngành…", "Phòng, ban…", "TDP, thôn, làng", "Các sở, ban ngành"
    if _BARE_GENERIC_RE.match(f_before) and _STARTS_GENERIC_RE.match(f_frag):
        return True
    # "UBND cấp huyện, cấp xã", "Phòng, ban, thị trấn", "tiếp nhận, giải quyết TTHC"
    if fragment[0].islower() and not _HEAD_RE.match(f_frag):
        return True
    return any(f_before == a and f_frag.startswith(b) for a, b in _COMMA_PAIRS)


def _split_va(item: str) -> list[str]:
    """Split at " và " only where the words after it can begin an agency name."""
    parts: list[str] = []
    start = 0
    for m in _VA_RE.finditer(item):
        left = item[start:m.start()].strip()
        right = item[m.end():]
        f_left, f_right = fold(item[:m.start()]), fold(right)
        one_body = any(f_left.endswith(a) and f_right.startswith(b) for a, b in _VA_PAIRS)
        if left and _HEAD_RE.match(f_right) and not one_body:
            parts.append(left)
            start = m.end()
    parts.append(item[start:].strip())
    return [p for p in parts if p]


def _clean_name(name: str) -> str:
    name = _strip_edges(name)
    for _ in range(2):
        name = _strip_edges(_ROLE_RE.sub("", name))
    return " ".join(name.split())
