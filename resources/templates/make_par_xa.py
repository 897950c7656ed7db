"""One-off: build par-xa.json, the built-in commune PAR INDEX plan, from a real plan.

Reads ../shared/samples/ia-kha-2023.xlsx (next to the checkout: the appendix of the Ia Kha
2023 plan, seeds/000_dbedf47b8a79906c.txt, as authored in Excel) and writes par-xa.json
beside this script. The app never runs this; it only reads par-xa.json. Run it from
anywhere with the project's venv:

    .venv/bin/python resources/templates/make_par_xa.py

What it does to the table, and nothing more (the wording is a real plan's):
- area rows (I–VIII, capitals) → sentence case, acronyms kept (AREA_TITLES below, by hand);
- "TC 1.1 - Thực hiện…" → code "TC 1.1" + title; the prefix decides the level
  (TC → criterion, TCTP → subcriterion, even for "TC 5.5.1" and "TCTP 3.1");
- lead / partner cells → lists of canonical names of ../agencies.json (through
  parcdesk.parsing.agencies; an unknown name stops the script); a partner that is also
  the item's lead is dropped (1.2, 1.3.x list Văn phòng – Thống kê as both);
- the plan year made relative: "năm 2023" → "năm {year}", "năm 2022" → "năm {prev_year}",
  "năm 2024" → "năm {next_year}"; years inside document numbers and dates
  ("59/2012/NĐ-CP", "ngày 10/01/2022") are not touched;
- the TT column (1, 4, 5… with gaps, as in the source) is not kept.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SOURCE = REPO.parent / "shared" / "samples" / "ia-kha-2023.xlsx"
TARGET = HERE / "par-xa.json"
AGENCIES = REPO / "resources" / "agencies.json"
PLAN_YEAR = 2023

sys.path.insert(0, str(REPO / "src"))
from parcdesk.parsing.agencies import canonical_key, split_agencies  # noqa: E402
from parcdesk.text import clean  # noqa: E402

# The area rows, in capitals in the table, as a person writes them (acronyms CCHC, TTHC,
# KT-XH kept upper; "Chính quyền điện tử, Chính quyền số" as the programme is named).
AREA_TITLES = {
    "I": "Công tác chỉ đạo điều hành CCHC",
    "II": "Cải cách thể chế",
    "III": "Cải cách thủ tục hành chính",
    "IV": "Cải cách tổ chức bộ máy hành chính",
    "V": "Cải cách công vụ",
    "VI": "Cải cách tài chính công",
    "VII": "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
    "VIII": "Tác động của CCHC đến người dân, tổ chức và các chỉ tiêu phát triển KT-XH",
}

HEADER = {
    "id": "par-xa",
    "name": "Kế hoạch cải thiện Chỉ số CCHC cấp xã (PAR INDEX)",
    "plan_title": (
        "Kế hoạch khắc phục tồn tại, hạn chế và cải thiện, nâng cao Chỉ số cải cách hành chính, "
        "Chỉ số hài lòng của người dân đối với sự phục vụ của cơ quan hành chính nhà nước năm {year}"
    ),
    # The seed's title ("MỤC TIÊU CỤ THỂ NHẪM DUY TRÌ… TỈNH GIA LAI NĂM 2023 TRÊN ĐỊA BÀN
    # HUYỆN IA GRAI") in sentence case, "NHẪM" read as "nhằm", the place left out.
    "appendix_title": (
        "Mục tiêu cụ thể nhằm duy trì, nâng cao Chỉ số CCHC, Chỉ số hài lòng của người dân "
        "đối với sự phục vụ của cơ quan hành chính nhà nước năm {year}"
    ),
    "source": (
        "Phụ lục Kế hoạch khắc phục tồn tại, hạn chế và cải thiện, nâng cao Chỉ số CCHC, "
        "Chỉ số hài lòng năm 2023 của UBND thị trấn Ia Kha (huyện Ia Grai, tỉnh Gia Lai)"
    ),
}

TITLE_RE = re.compile(r"^(TCTP|TC)\s*(\d+(?:\s*\.\s*\d+)*)\s*[-\u2013\u2014]\s*(.+)$", re.DOTALL)
LEVELS = {"TC": "criterion", "TCTP": "subcriterion"}


def relative_years(text: str) -> str:
    names = {PLAN_YEAR - 1: "{prev_year}", PLAN_YEAR: "{year}", PLAN_YEAR + 1: "{next_year}"}

    def repl(m: re.Match) -> str:
        year = int(m.group(2))
        return m.group(1) + names[year] if year in names else m.group(0)

    return re.sub(r"(\b[Nn]ăm\s+)(\d{4})\b", repl, text)


def agency_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for entry in json.loads(AGENCIES.read_text(encoding="utf-8")):
        for spelling in [entry["name"], *entry.get("aliases", [])]:
            index[canonical_key(spelling)] = entry["name"]
    return index


def canonical_names(cell: str | None, index: dict[str, str]) -> list[str]:
    names: list[str] = []
    for name in split_agencies(cell):
        canonical = index.get(canonical_key(name))
        if canonical is None:
            raise SystemExit(f"unknown agency {name!r} in cell {cell!r}: add it to agencies.json")
        if canonical not in names:
            names.append(canonical)
    return names


def text_cell(value: object) -> str:
    return relative_years(clean(None if value is None else str(value)))


def build() -> dict:
    index = agency_index()
    sheet = openpyxl.load_workbook(SOURCE, read_only=True).worksheets[0]
    areas: list[dict] = []
    for row in sheet.iter_rows(values_only=True):
        tt, title, target, lead, partners, timeframe = (list(row) + [None] * 6)[:6]
        tt_text = clean(None if tt is None else str(tt))
        if tt_text in AREA_TITLES and not target:
            # The hand-written title must be the cell's own words, only the case changed.
            if AREA_TITLES[tt_text].upper() != clean(title).upper():
                raise SystemExit(f"area {tt_text}: {title!r} is not {AREA_TITLES[tt_text]!r}")
            areas.append({"code": tt_text, "level": "area", "title": AREA_TITLES[tt_text], "children": []})
            continue
        m = TITLE_RE.match(clean(title)) if isinstance(title, str) else None
        if not m:
            continue  # title rows, header, blank rows
        if not areas:
            raise SystemExit(f"item before the first area: {title!r}")
        prefix, number, name = m.group(1), re.sub(r"\s+", "", m.group(2)), m.group(3)
        lead_names = canonical_names(lead, index)
        partner_names = [p for p in canonical_names(partners, index) if p not in lead_names]
        areas[-1]["children"].append({
            "code": f"{prefix} {number}",
            "level": LEVELS[prefix],
            "title": relative_years(name.strip()),
            "target": text_cell(target),
            "lead": lead_names,
            "partners": partner_names,
            "monitor": [],
            "timeframe": text_cell(timeframe),
            "output": "",
            "notes": "",
        })
    counts = [len(a["children"]) for a in areas]
    if counts != [7, 5, 12, 5, 6, 4, 10, 6]:
        raise SystemExit(f"unexpected shape {counts}")
    return {**HEADER, "items": areas}


def main() -> None:
    data = build()
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    TARGET.write_text(unicodedata.normalize("NFC", text), encoding="utf-8")
    print(f"wrote {TARGET} ({sum(len(a['children']) for a in data['items'])} items)")


if __name__ == "__main__":
    main()
