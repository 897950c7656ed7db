"""Pre-Unicode Vietnamese (TCVN3/ABC and VNI) turned into Unicode NFC.

Files made before Unicode (and many still made on old office PCs) store Vietnamese in
8-bit fonts: the bytes are Latin-1 letters and symbols that only the font draws as
Vietnamese. Excel and Word keep those bytes as the Latin-1 characters, so a cell reads
"KÕ ho¹ch c¶i c¸ch" where the officer saw "Kế hoạch cải cách".

- **TCVN3 (ABC)**, fonts ".VnTime", ".VnArial"…: one byte per letter, lower case only
  for letters with tone marks. Capitals were written with a second font, ".VnTimeH"
  (every font whose name ends in "H"), which draws the *lower-case* codes as capitals:
  such a cell stores "c«ng t¸c" and shows "CÔNG TÁC", so it is decoded and upper-cased.
  A capital with a tone mark inside mixed-case text ("Ủy ban") cannot be written in
  .VnTime at all; the file holds "ủy ban", and so does the import.
- **VNI**, fonts "VNI-Times"…: a base letter followed by a mark character ("Vieät" is
  "Việt"; "ñ" is "đ", "ô" is "ơ", "ö" is "ư").

Which cells are legacy is decided by the cell's font when the file gives one, and
otherwise by the text itself, per table: Unicode Vietnamese almost always contains a
letter outside Latin-1 (ă, đ, ơ, ư, ạ…), legacy text never does; TCVN3 text is full of
Latin-1 symbols used as letters ("¸", "µ", "¹", "®", the soft hyphen for "ư"), VNI text
of vowels followed by mark letters ("eä", "aø"). A table is converted only when such
evidence is clear, and cells that already hold Unicode Vietnamese are never touched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["legacy_font", "decode", "decode_legacy", "decode_by_font", "guess", "has_unicode_vietnamese"]

# --- TCVN3 ------------------------------------------------------------------------

_TCVN3_PAIRS = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    # stand-alone tone marks, combined with the letter before them
    0xB0: "\u0300", 0xB1: "\u0309", 0xB2: "\u0303", 0xB3: "\u0301", 0xB4: "\u0323",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}
_TCVN3_TABLE = str.maketrans({chr(code): text for code, text in _TCVN3_PAIRS.items()})
# Latin-1 symbols that TCVN3 uses as letters and ordinary text hardly ever contains.
_TCVN3_STRONG = frozenset(chr(c) for c in (*range(0xA1, 0xAF), *range(0xB5, 0xBA), *range(0xBB, 0xBF)))

# --- VNI --------------------------------------------------------------------------

_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE = "\u0302", "\u0306"
_VNI_TONE = {"ø": _GRAVE, "ù": _ACUTE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
# circumflex (after a, e, o), alone or with a tone
_VNI_CIRC = {"â": "", "à": _GRAVE, "á": _ACUTE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
# breve (after a), alone or with a tone
_VNI_BREVE = {"ê": "", "è": _GRAVE, "é": _ACUTE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
_VNI_ALONE = {"æ": "ỉ", "ó": "ĩ", "ò": "ị", "ô": "ơ", "ö": "ư", "ñ": "đ", "î": "ỵ"}
for _table in (_VNI_TONE, _VNI_CIRC, _VNI_BREVE, _VNI_ALONE):
    _table.update({key.upper(): value.upper() for key, value in list(_table.items())})
_VOWELS = frozenset("aeiouyAEIOUY")
_VNI_BIGRAM_RE = re.compile(r"[aeiouyAEIOUY][øùûõïâêàáåãäèéúüëØÙÛÕÏÂÊÀÁÅÃÄÈÉÚÜË]")

# Letters only Unicode Vietnamese has (Latin Extended-A/B and Latin Extended Additional).
_UNICODE_VI_RE = re.compile("[ăđơưĂĐƠƯ\u1ea0-\u1ef9\u0300-\u0323]")


def legacy_font(font: str | None) -> tuple[str | None, bool]:
    """("tcvn3" | "vni" | None, capitals font?) for a font name."""
    if not font:
        return None, False
    name = font.strip()
    folded = name.lower()
    if folded.startswith(".vn"):
        return "tcvn3", name.endswith("H")
    if folded.startswith("vni-") or folded.startswith("vni "):
        return "vni", False
    return None, False


def has_unicode_vietnamese(text: str) -> bool:
    return bool(_UNICODE_VI_RE.search(text))


def _decode_vni(text: str) -> str:
    out: list[str] = []
    base_ok = False  # the last letter written can take a mark
    last_base = ""
    for ch in text:
        if base_ok and ch in _VNI_TONE:
            out.append(_VNI_TONE[ch])
            continue
        if base_ok and ch in _VNI_CIRC and last_base in "aeoAEO":
            out.append(_CIRCUMFLEX + _VNI_CIRC[ch])
            base_ok = ch in "âÂ"  # a tone may still follow a bare circumflex
            continue
        if base_ok and ch in _VNI_BREVE and last_base in "aA":
            out.append(_BREVE + _VNI_BREVE[ch])
            base_ok = ch in "êÊ"
            continue
        mapped = _VNI_ALONE.get(ch)
        if mapped is not None:
            out.append(mapped)
            base_ok = mapped in "ơưƠƯ"
            last_base = "u" if base_ok else ""
            continue
        out.append(ch)
        base_ok = ch in _VOWELS
        last_base = ch
    return "".join(out)


def decode(text: str, encoding: str, caps: bool = False) -> str:
    """Legacy text as Unicode NFC; `caps` for a capitals font (.VnTimeH)."""
    if encoding == "tcvn3":
        text = text.translate(_TCVN3_TABLE)
    elif encoding == "vni":
        text = _decode_vni(text)
    text = unicodedata.normalize("NFC", text)
    return text.upper() if caps else text


def decode_legacy(text: str, encoding: str | None, caps: bool = False) -> str | None:
    """The text decoded when it is in a legacy font (from legacy_font()); None when there is
    nothing to decode: no legacy font, or Unicode already (a renamed font, text pasted later)."""
    if encoding is None or has_unicode_vietnamese(text):
        return None
    return decode(text, encoding, caps)


def decode_by_font(text: str, font: str | None) -> str | None:
    """The text decoded when its font names a legacy encoding, else None."""
    encoding, caps = legacy_font(font)
    if encoding is None:
        return None
    decoded = decode_legacy(text, encoding, caps)
    return text if decoded is None else decoded


def evidence(text: str) -> tuple[int, int]:
    """(TCVN3 score, VNI score) of a text with no Unicode Vietnamese in it."""
    if text.isascii() or has_unicode_vietnamese(text):
        return 0, 0
    return sum(ch in _TCVN3_STRONG for ch in text), len(_VNI_BIGRAM_RE.findall(text))


def guess(texts: Iterable[str]) -> str | None:
    """"tcvn3" or "vni" when the texts, taken together, are clearly legacy; None otherwise.

    Clearly: several marked letters, in at least a fifth of the texts that have any
    letters beyond ASCII, and no more texts in Unicode Vietnamese than in the legacy one.
    """
    tcvn = vni = legacy_texts = unicode_texts = 0
    for text in texts:
        if not text or text.isascii():
            continue
        if has_unicode_vietnamese(text):
            unicode_texts += 1
            if unicode_texts >= 50 and not legacy_texts:
                return None  # plainly Unicode: no need to read the rest
            continue
        t, v = evidence(text)
        tcvn += t
        vni += v
        legacy_texts += bool(t or v)
    if tcvn + vni < 3 or legacy_texts < unicode_texts or legacy_texts * 5 < legacy_texts + unicode_texts:
        return None
    if tcvn and tcvn * 2 >= vni:
        return "tcvn3"
    return "vni" if vni else None
