"""The list of expected units, and the key that matches a report's unit to it.

Since July 2025 many communes were merged and renamed: a unit's line may list the other names
its reports may carry ("UBND xã Ia Hrú; xã Ia Hrú cũ; UBND thị trấn Ia Kha"). Names are matched
on a folded key — marks dropped, đ → d, case and spacing ignored, "Ủy ban nhân dân"/"UBND" in
front dropped — the way agency spellings are (parsing/agencies.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from parcdesk.errors import UserError
from parcdesk.text import clean, fold

_HEAD = re.compile(r"^(?:uy ban nhan dan|ubnd)\s+")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_SEPARATORS = re.compile(r"\s*[;|]\s*")
_HEADER_WORDS = {"ten don vi", "don vi", "ten", "ten xa", "ten xa phuong", "stt", "tt"}


def unit_key(name: str) -> str:
    """"Ủy ban nhân dân xã Ia Kha", "UBND xã Ia Kha", "Xã IA KHA" → "xa ia kha"."""
    folded = _HEAD.sub("", fold(name))
    return " ".join(_NOT_WORD.sub(" ", folded).split())


@dataclass
class ExpectedUnit:
    name: str
    aliases: list[str] = field(default_factory=list)


def parse_lines(text: str) -> list[ExpectedUnit]:
    """One unit a line, its other names after ";" or "|" (typed or pasted, e.g. from Excel: tabs too)."""
    units = []
    for line in text.splitlines():
        names = [clean(part) for part in _SEPARATORS.split(line.replace("\t", ";")) if clean(part)]
        names = [n for n in names if not re.fullmatch(r"\d+\.?", n)]  # an STT column pasted along
        if not names or fold(names[0]) in _HEADER_WORDS:
            continue
        units.append(ExpectedUnit(names[0], names[1:]))
    return units


def read_expected(path: str | Path) -> list[ExpectedUnit]:
    """A .txt/.csv list, or an Excel list (first sheet: the name, then other names in the next columns
    or after ";")."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise UserError(f"Không tìm thấy danh sách đơn vị {path}.")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook gets the officer's sentence
            raise UserError(f"Không đọc được danh sách đơn vị {path.name}: tệp Excel hỏng hoặc không đúng định dạng.") from exc
        lines = []
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            lines.append(";".join(str(v) for v in row if v not in (None, "")))
        workbook.close()
        units = parse_lines("\n".join(lines))
    else:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise UserError(f"Không đọc được danh sách đơn vị {path}: {exc.strerror or exc}.") from exc
        units = parse_lines(raw.decode("utf-8-sig", errors="replace"))
    if not units:
        raise UserError(f"Danh sách đơn vị {path.name} không có tên đơn vị nào.")
    return units


def keyed(units: list[ExpectedUnit]) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(name, key, [(alias, key)]) for the store; a name given twice is refused with its line."""
    seen: dict[str, str] = {}
    result = []
    for unit in units:
        key = unit_key(unit.name)
        if not key or any(key == done[1] for done in result):  # empty, or the same line twice
            continue
        aliases = []
        for alias in unit.aliases:
            alias_key = unit_key(alias)
            if alias_key and alias_key != key:
                aliases.append((alias, alias_key))
        for name, k in [(unit.name, key), *aliases]:
            if k in seen and seen[k] != unit.name:
                raise UserError(f"Tên “{name}” có ở hai đơn vị trong danh sách: “{seen[k]}” và “{unit.name}”.")
            seen[k] = unit.name
        result.append((clean(unit.name), key, aliases))
    return result
