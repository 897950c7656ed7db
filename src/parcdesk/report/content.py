"""Everything a period's report says, gathered from the database into one `ReportContent`.

The content is JSON-serialisable and self-contained (its structure and format number:
report/snapshot.py): the PDF and the Excel file are rendered from it alone, and sign-off
freezes exactly this document and fingerprints it with SHA-256 over its canonical JSON.
A later change to the plan, the progress or the settings cannot change a signed report,
because nothing is read again from the database.
"""

from __future__ import annotations

import re
from datetime import date

import sqlite_utils

from parcdesk.db.evidence import evidence_of_plan
from parcdesk.db.items import load_tree
from parcdesk.db.plans import get_plan
from parcdesk.db.progress import progress_of_plan
from parcdesk.db.settings import load_settings
from parcdesk.errors import UserError
from parcdesk.model import CHAIRMAN, COMPARATOR_SIGNS, default_authority, threshold_text  # noqa: F401 - read from here too
from parcdesk.carry import carried_label
from parcdesk.periods import Period, parse_period
from parcdesk.report.drafts import (
    SECTION_KEYS, check_date, get_draft, load_report_defaults, normalise_recipients,
)
from parcdesk.report.figures import counts_of, period_figures
from parcdesk.report.wording import listed, note_lines
from parcdesk.report.snapshot import (  # noqa: F401 - canonical_json, fingerprint: read from here too
    CONTENT_FORMAT, AppendixRow, Counts, ItemNotes, ReportContent, canonical_json, fingerprint,
)
from parcdesk.statuses import STATUS_LABELS, achieved
from parcdesk.text import clean, fold, format_number, nfc

REPORT_SYMBOL = "BC-UBND"
# Points inside a section: a), b), c), d), đ), e)… (the Vietnamese alphabet skips f, j, w, z).
POINT_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()


# ---------------------------------------------------------------- official forms

def format_dateline(place: str, when: date | str) -> str:
    """"Ia Kha, ngày 05 tháng 4 năm 2024": day below 10, months 1 and 2 with a leading 0."""
    when = date.fromisoformat(when) if isinstance(when, str) else when
    month = f"{when.month:02d}" if when.month < 3 else str(when.month)
    text = f"ngày {when.day:02d} tháng {month} năm {when.year}"
    place = clean(place)
    return f"{place}, {text}" if place else text[0].upper() + text[1:]


def format_short_date(when: date | str | None) -> str:
    """"05/4/2025", as documents cite each other ("Báo cáo số 15/BC-UBND ngày 10/3/2023")."""
    if not when:
        return ""
    when = date.fromisoformat(when) if isinstance(when, str) else when
    month = f"{when.month:02d}" if when.month < 3 else str(when.month)
    return f"{when.day:02d}/{month}/{when.year}"


def format_doc_number(number: str, symbol: str = REPORT_SYMBOL) -> str:
    """"Số: 12/BC-UBND", "Số: 05/BC-UBND"; blank for the clerk to fill in: "Số:      /BC-UBND"."""
    number = clean(number)
    if not number:
        return f"Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/{symbol}"
    if number.isdigit():
        number = f"{int(number):02d}"
    return f"Số: {number}/{symbol}"


def vi_upper(text: str) -> str:
    return nfc(clean(text).upper())


def expand_unit(name: str) -> str:
    """"UBND thị trấn Ia Kha" → "Ủy ban nhân dân thị trấn Ia Kha" (the issuing body is written in full)."""
    name = clean(name)
    return re.sub(r"^UBND\b", "Ủy ban nhân dân", name)


def header_lines(unit_name: str, superior: str) -> dict:
    """The left column of page 1: parent body (may stay abbreviated) over the issuing body."""
    return {"parent": vi_upper(superior), "unit": vi_upper(expand_unit(unit_name))}


FINGERPRINT_SHOWN = 16  # hex digits of the SHA-256 printed in the footer


def footer_text(content: "ReportContent", sha256: str | None) -> str:
    """The small line at the foot of each page: the fingerprint once signed, else "dự thảo".

    It names the moment the figures were frozen ("số liệu chốt lúc 15:16 ngày 01/12/2026") as
    that, not as a date of the document: the document's date is the dateline's (05/4/2026), the
    sign-off may come days later, and the footer is the record's identity — what `report verify`
    and the list of versions name a version by. A bare "chốt ngày 01/12/2026" under a page dated
    05/4 read as a second, contradicting date."""
    signoff = content.get("signoff")
    if signoff and sha256:
        signed_at = signoff["signed_at"]
        return (f"Mã xác thực: {sha256[:FINGERPRINT_SHOWN]} · phiên bản {signoff['version']} · "
                f"số liệu chốt lúc {signed_at[11:16]} ngày {format_short_date(signed_at[:10])}")
    return "Dự thảo – chưa chốt số liệu"


# ---------------------------------------------------------------- gathering

def _strip_year(title: str, plan: dict) -> str:
    """"Kế hoạch cải cách hành chính năm 2024" → "Kế hoạch cải cách hành chính" (the period adds the year)."""
    if plan["year_from"] == plan["year_to"]:
        return re.sub(rf"\s+năm\s+{plan['year_from']}\s*$", "", title)
    return title


def report_summary(plan: dict, period: Period) -> str:
    return f"Kết quả thực hiện {_strip_year(plan['title'], plan)} {period.label}"


def report_intro(plan: dict, unit: str, period: Period) -> str:
    """"Thực hiện Kế hoạch số 13/KH-UBND ngày 15/01/2025 của UBND … về …, UBND … báo cáo … như sau:"."""
    title = plan["title"]
    rest = title[len("Kế hoạch "):] if title.startswith("Kế hoạch ") else None
    if plan["number"] and rest is not None:
        issued = f" ngày {format_short_date(plan['issued_on'])}" if plan["issued_on"] else ""
        cited = f"Kế hoạch số {plan['number']}{issued} của {unit} về {rest}"
    else:
        cited = f"{title} của {unit}"
    return f"Thực hiện {cited}, {unit} báo cáo kết quả thực hiện {period.label} như sau:"


def _evidence_of_plan(db: sqlite_utils.Database, plan_id: int, period: str) -> dict[int, list[str]]:
    return {item_id: [evidence_text(row) for row in rows]
            for item_id, rows in evidence_of_plan(db, plan_id, period).items()}


def evidence_text(row: dict) -> str:
    """"Báo cáo số 15/BC-UBND ngày 10/3/2023" from a record's summary, number and date."""
    parts = [clean(row.get("summary") or "")]
    if row.get("number"):
        parts.append(f"số {clean(row['number'])}" if parts[0] else f"Văn bản số {clean(row['number'])}")
    if row.get("issued_on"):
        parts.append(f"ngày {format_short_date(row['issued_on'])}")
    text = " ".join(p for p in parts if p)
    return text or clean(row.get("file_name") or "")


def build_report_content(
    db: sqlite_utils.Database,
    plan_id: int,
    period: str,
    *,
    signer: dict | None = None,
    report_date: date | str | None = None,
    number: str | None = None,
    today: date | None = None,
) -> ReportContent:
    """The report as of now: settings, plan, period, counts, targets, appendix, the office's texts.

    `signer` ({"name", "position", "authority"}), `report_date` and `number` override what the
    draft holds; with neither, the draft's signer (or the office's first) and today's date.
    """
    period_ = parse_period(period)
    office = load_settings(db)
    if not office.is_set_up:
        raise UserError("Đơn vị chưa khai báo tên và cơ quan cấp trên; hãy khai báo trong cài đặt trước khi lập báo cáo.")
    plan = get_plan(db, plan_id).to_dict()
    draft = get_draft(db, plan_id, period_.code)
    defaults = load_report_defaults(db)
    today = today or date.today()
    when = date.fromisoformat(check_date(report_date or draft.report_date or today))

    if signer is None:
        chosen = next((s for s in office.signers if s.id == draft.signer_id), None)
        chosen = chosen or (office.signers[0] if office.signers else None)
        signer = ({"name": chosen.name, "position": chosen.position, "authority": chosen.authority}
                  if chosen else {"name": "", "position": CHAIRMAN, "authority": default_authority(CHAIRMAN)})
    signer = {key: clean(signer.get(key, "")) for key in ("name", "position", "authority")}
    signer["position"], signer["authority"] = vi_upper(signer["position"]), vi_upper(signer["authority"])

    roots = load_tree(db, plan_id)
    recorded = progress_of_plan(db, plan_id, period_.code)
    evidence = _evidence_of_plan(db, plan_id, period_.code)
    # the same computation as the window's overview and `parcdesk overview`, at the report's date
    figures = period_figures(db, plan_id, period_.code, when, roots=roots, progress=recorded,
                             evidence={k: len(v) for k, v in evidence.items()})
    overview = figures.overview
    state_of = {state.item.id: state for state in overview.states}

    areas = []
    rows: list[AppendixRow] = []
    for root in roots:
        area_items = [s for s in overview.states if (s.area or s.item) is root]
        counts = _counts(area_items)
        met, unmet, no_value = [], [], 0
        for node in root.walk():
            record = recorded.get(node.id)
            status = record.status if record else "not_started"
            value = record.actual_value if record else None
            threshold = node.threshold_for(period_.year)
            if threshold is not None and node.level != "area":
                verdict = achieved(threshold, status, value)
                entry = {"code": node.code, "title": node.title,
                         "target": threshold_text(threshold.comparator, threshold.value, threshold.unit),
                         "value": format_number(value, threshold.unit) if value is not None else ""}
                if verdict is True:
                    met.append(entry)
                elif verdict is False:
                    unmet.append(entry)
                elif status != "not_applicable" and node.id in state_of:
                    no_value += 1
        if not root.is_tracked:  # an area or a heading: summarised with its items
            areas.append({"code": root.code, "title": root.title, "counts": counts,
                          "met": met, "unmet": unmet, "no_value": no_value})
        _appendix_rows(root, 0, recorded, evidence, state_of, rows, period_.year)

    totals = _counts(overview.states)
    notes = item_notes(roots, recorded, state_of)
    unit = clean(office.unit_name)
    draft_recipients = draft.recipients if draft.recipients is not None else defaults.recipients
    return {
        "format": CONTENT_FORMAT,
        "kind": "report",
        "office": {"unit_name": unit, "unit_kind": office.unit_kind, "superior": clean(office.superior),
                   "place": clean(office.place)},
        "header": header_lines(unit, office.superior),
        "number": _number(number if number is not None else draft.number),
        "symbol": REPORT_SYMBOL,
        "date": when.isoformat(),
        "plan": {key: plan[key] for key in ("id", "number", "issued_on", "title", "year_from", "year_to",
                                             "appendix_title", "created_at")},
        "period": {"code": period_.code, "label": period_.label, "short_label": period_.short_label,
                   "end": period_.end.isoformat()},
        "summary": report_summary(plan, period_),
        "intro": report_intro(plan, unit, period_),
        "addressee": draft.addressee or defaults.addressee or clean(office.superior),
        "totals": totals,
        "areas": areas,
        "sections": {key: getattr(draft, key) for key in SECTION_KEYS},
        "item_notes": notes,
        "figures": {"cutoff": figures.cutoff.isoformat(), "deadline": figures.deadline.isoformat(),
                    "caption": f"Số liệu tính đến ngày {format_short_date(figures.cutoff)}; hạn gửi báo cáo "
                               f"ngày {format_short_date(figures.deadline)}."},
        "signer": signer,
        "recipients": normalise_recipients(draft_recipients),
        "appendix": {
            "title": vi_upper(report_summary(plan, period_)),
            "columns": APPENDIX_COLUMNS,
            "rows": rows,
        },
        "signoff": None,
    }


def _number(value: str) -> str:
    from parcdesk.report.drafts import check_number

    return check_number(value)


# key, header, width in mm on a landscape A4 page (252 mm between the margins)
APPENDIX_COLUMNS = [
    ["tt", "TT", 15],
    ["title", "Lĩnh vực, tiêu chí, nhiệm vụ", 54],
    ["target", "Mục tiêu, chỉ tiêu", 38],
    ["lead", "Cơ quan chủ trì", 30],
    ["status_label", "Tình trạng", 22],
    ["value_text", "Kết quả đạt được", 22],
    ["result", "Kết quả thực hiện", 41],
    ["evidence_text", "Tài liệu kiểm chứng", 30],
]


def _counts(states) -> Counts:
    return counts_of(states)  # one counting rule: report/figures.py


def _area_phrase(area) -> str:
    """"Lĩnh vực II (Cải cách thể chế)", as an officer names an area in a report."""
    if area is None:
        return "Các nhiệm vụ khác"
    code = clean(area.code).rstrip(".")
    if code:
        return f"Lĩnh vực {code} ({area.title})"
    return area.title


def _areas_phrase(areas: list) -> str:
    """"Lĩnh vực III (…)" for one area; "Các lĩnh vực I, III và VI" for a note several share."""
    if len(areas) == 1:
        return _area_phrase(areas[0])
    codes = [clean(area.code).rstrip(".") if area is not None else "" for area in areas]
    if all(codes):
        return f"Các lĩnh vực {listed(codes)}"
    return "; ".join(_area_phrase(area) for area in areas)


def item_notes(roots, recorded, state_of) -> ItemNotes:
    """The difficulties and proposals typed on items, as the report's sections II and IV list them
    (report/wording.py `note_lines`): the same text typed on several items once, with all their
    codes; notes grouped under their area, named once. Carried records bring none (carry.py), so
    each note is what this period's record says."""
    notes: dict = {"replaces_nothing": True}
    for key in ("difficulties", "proposals"):
        by_text: dict[str, dict] = {}  # folded text → {"text", "areas", "codes"}, in plan order
        for root in roots:
            for node in root.walk():
                record = recorded.get(node.id)
                text = clean(getattr(record, key, "") if record else "").rstrip(" .;")
                if not text:
                    continue
                area = state_of[node.id].area if node.id in state_of else (root if root is not node else None)
                entry = by_text.setdefault(nfc(text).casefold(), {"text": text, "areas": [], "codes": []})
                if not any(a is area for a in entry["areas"]):
                    entry["areas"].append(area)
                if node.code and node.code not in entry["codes"]:
                    entry["codes"].append(node.code)
        groups: dict[tuple, dict] = {}  # the areas a note belongs to → their group, first seen first
        for entry in by_text.values():
            group = groups.setdefault(tuple(id(a) for a in entry["areas"]),
                                      {"area": _areas_phrase(entry["areas"]), "notes": []})
            group["notes"].append({"text": entry["text"], "codes": entry["codes"]})
        notes[key] = note_lines(list(groups.values()))
    return notes  # type: ignore[return-value]


def _appendix_rows(item, depth, recorded, evidence, state_of, rows: list[AppendixRow], year: int | None = None) -> None:
    record = recorded.get(item.id)
    tracked = item.id in state_of
    status = record.status if record else ("not_started" if tracked else None)
    value = record.actual_value if record else None
    threshold = item.threshold_for(year)
    unit = threshold.unit if threshold else None
    verdict = achieved(threshold, status, value) if status else None
    value_text = format_number(value, unit)
    if verdict is not None:
        value_text = f"{value_text}\n({'Đạt' if verdict else 'Không đạt'})"
    late = tracked and state_of[item.id].bucket == "late"
    status_label = STATUS_LABELS[status] if status else ""
    if late:
        status_label += " (quá hạn)"
    rows.append({
        "kind": "area" if item.level == "area" else "item",
        "id": item.id,
        "depth": depth,
        "level": item.level,
        "tt": item.code,
        "code": item.code,
        "title": item.title,
        "target": item.target_shown(year),
        "target_comparator": threshold.comparator if threshold else None,
        "target_value": threshold.value if threshold else None,
        "target_unit": unit,
        "lead": "; ".join(item.lead),
        "partners": "; ".join(item.partners),
        "status": status,
        "status_label": status_label,
        "value": value,
        "value_text": value_text,
        "achieved": verdict,
        "result": record.result if record else "",
        "difficulties": record.difficulties if record else "",
        "proposals": record.proposals if record else "",
        "carried_from": record.carried_from if record else None,
        "carried_label": carried_label(record.carried_from) if record else "",
        "evidence": evidence.get(item.id, []),
        "evidence_text": "\n".join(f"- {e}" for e in evidence.get(item.id, [])),
    })
    for child in item.children:
        _appendix_rows(child, depth + 1, recorded, evidence, state_of, rows, year)


# ---------------------------------------------------------------- names of files

def ascii_slug(text: str) -> str:
    """Vietnamese without diacritics, case kept, words joined by "-": "UBND-thi-tran-Ia-Kha"."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", nfc(text).replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return "-".join(re.findall(r"[A-Za-z0-9]+", plain))


def plan_short_name(title: str) -> str:
    folded = fold(title)
    if "cai cach hanh chinh" in folded or "cchc" in folded.split():
        return "CCHC"
    if "thu tuc hanh chinh" in folded or "tthc" in folded.split():
        return "TTHC"
    return ""


_PERIOD_SLUGS = {"Q1": "quy-I", "H1": "6-thang", "9M": "9-thang", "Y": "nam"}


def suggested_file_name(content: ReportContent, ext: str) -> str:
    """"Bao-cao-CCHC-quy-I-2025-UBND-thi-tran-Ia-Kha-du-thao.pdf" (a draft), "…-phien-ban-2.pdf"
    (signed, version 2); a plan's: "Phu-luc-KH-CCHC-2025-…"."""
    ext = ext.lstrip(".")
    unit = ascii_slug(content["office"]["unit_name"]) or "don-vi"
    plan = content["plan"]
    short = plan_short_name(plan["title"]) or f"KH{plan['id']}"
    if content.get("kind") == "plan":
        years = str(plan["year_from"]) if plan["year_from"] == plan["year_to"] else f"{plan['year_from']}-{plan['year_to']}"
        return f"Phu-luc-KH-{short}-{years}-{unit}.{ext}"
    period = parse_period(content["period"]["code"])
    name = f"Bao-cao-{short}-{_PERIOD_SLUGS[period.kind]}-{period.year}-{unit}"
    # a draft and each signed version get names of their own: one never overwrites the other
    signoff = content.get("signoff")
    name += f"-phien-ban-{signoff.get('version') or 1}" if signoff else "-du-thao"
    return f"{name}.{ext}"
