"""What a report says, as one JSON document: its structure, its format number, its fingerprint.

A period's report is gathered from the database (report/content.py `build_report_content`)
into a `ReportContent`; the PDF and the Excel file are rendered from it alone. Sign-off
freezes it: the canonical JSON (`canonical_json`) is fingerprinted with SHA-256 and the
document is kept in `signed_reports.snapshot`. Whatever reads a signed report later — a
re-export, `report verify`, a digital signature over the PDF, the superior body
consolidating many communes' reports — reads this structure, through `read_content`.

The format number (`format`) says which structure a snapshot has:

- 1: ParcDesk's first.
- 2: adds `item_notes` (the difficulties and proposals typed on items, by area), `figures` (the
  cut-off date and the report deadline the counts are taken at), and, on each appendix row,
  `difficulties`, `proposals`, `carried_from`, `carried_label`. A format-1 snapshot reads with
  no item notes, `figures` None and rows without those keys: it renders as it did.
  Rows may also carry `partners` (added without a format step: absent in rows signed before it,
  read as "").

- 3: `item_notes` grouped as an officer writes them (report/wording.py `note_lines`: the same
  text typed on several items once, with all their codes; one heading per area, its notes as
  "+ " lines under it), and `item_notes.replaces_nothing`: a section text that only says there is
  nothing ("Không có.", wording.py `says_nothing`) is left out above the item notes instead of
  contradicting them. A format-2 snapshot reads with `replaces_nothing` False and its lines as
  stored (one per item): it renders as it did. Appendix rows' `target` is now the printed target:
  an item's threshold ("≥ 98%") where it has no target text (model.py `target_shown`) — the same
  key, filled where it was "" (a snapshot keeps what it stored).

A change that adds, removes or reinterprets a key raises `CONTENT_FORMAT` and teaches
`_upgrade` how to bring the previous format to the new one. A snapshot is never rewritten:
its fingerprint stays the one taken over the JSON as it was signed, and is checked on that
stored JSON before the upgrade (an upgraded document has no fingerprint of its own). An
upgrade must therefore render as the original did, or old exported files stop verifying.
A snapshot of a format newer than this program knows is refused, not guessed at.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, TypedDict

from parcdesk.errors import UserError

CONTENT_FORMAT = 3


class Office(TypedDict):
    unit_name: str  # "UBND thị trấn Ia Kha"
    unit_kind: str  # "xã", "phường", "thị trấn"
    superior: str
    place: str  # the place in the dateline


class Header(TypedDict):
    parent: str  # upper case, as printed in the top left corner
    unit: str


class PlanInfo(TypedDict):
    id: int
    number: str
    issued_on: str | None  # ISO date
    title: str
    year_from: int
    year_to: int
    appendix_title: str
    created_at: str  # tells a plan from a later one that reused its id


class PeriodInfo(TypedDict):
    code: str  # "2025-Q1", "2025-H1", "2025-9M", "2025-Y"
    label: str  # "quý I năm 2025"
    short_label: str
    end: str  # ISO date


class Counts(TypedDict):
    """Tracked items by bucket (statuses.py); done_late is counted inside done as well."""
    total: int
    done: int
    done_late: int
    in_progress: int
    late: int
    not_started: int
    failed: int
    not_applicable: int


class TargetEntry(TypedDict):
    code: str
    title: str
    target: str  # "≥ 90%"
    value: str  # the actual value, formatted


class AreaSummary(TypedDict):
    code: str
    title: str
    counts: Counts
    met: list[TargetEntry]
    unmet: list[TargetEntry]
    no_value: int  # measurable targets with no value recorded


class Sections(TypedDict):
    results: str
    shortcomings: str
    next_tasks: str
    proposals: str


class ItemNotes(TypedDict):
    """The lines sections II and IV print after the officer's text (one string a paragraph); the
    notes item by item are on the appendix rows (`difficulties`, `proposals`)."""
    difficulties: list[str]  # "- Lĩnh vực II (Cải cách thể chế): … (TCTP 2.1.3, TCTP 2.2.1)."
    proposals: list[str]
    replaces_nothing: bool  # a section text saying only "Không có." is not printed above notes


class Figures(TypedDict):
    cutoff: str  # ISO date the counts are taken at
    deadline: str  # ISO date the report is due
    caption: str  # "Số liệu tính đến ngày 31/03/2026; hạn gửi báo cáo ngày 15/03/2026."


class Signer(TypedDict):
    name: str
    position: str  # upper case: "CHỦ TỊCH"
    authority: str  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"


class AppendixRowWords(TypedDict, total=False):
    """Keys a row may lack (a class of its own: a snapshot signed before them has none; readers use
    .get): format 2's additions, and `partners`, added later without a format step."""
    difficulties: str
    proposals: str
    carried_from: str | None  # the earlier period the record is carried from (carry.py)
    carried_label: str  # "mang sang từ quý I"
    partners: str  # "; "-joined, as `lead`


class AppendixRow(AppendixRowWords, total=True):
    kind: str  # "area" or "item"
    id: int
    depth: int
    level: str
    tt: str
    code: str
    title: str
    target: str
    target_comparator: str | None
    target_value: float | None
    target_unit: str | None
    lead: str
    status: str | None  # a status code (statuses.py); None for an untracked row without progress
    status_label: str
    value: float | None
    value_text: str
    achieved: bool | None
    result: str
    evidence: list[str]
    evidence_text: str


class Appendix(TypedDict):
    title: str
    columns: list[list[Any]]  # [key, header, width in mm]
    rows: list[AppendixRow]


class Replaced(TypedDict):
    version: int
    sha256: str
    signed_at: str


class SignoffInfo(TypedDict):
    version: int
    signed_at: str  # ISO time with offset
    reason: str | None  # why this version replaces the previous one
    replaces: Replaced | None


class ReportContent(TypedDict):
    format: int  # CONTENT_FORMAT when made
    kind: str  # "report"
    office: Office
    header: Header
    number: str  # "12", or "" for the clerk to fill in
    symbol: str  # "BC-UBND"
    date: str  # ISO date of the report
    plan: PlanInfo
    period: PeriodInfo
    summary: str
    intro: str
    addressee: str
    totals: Counts
    areas: list[AreaSummary]
    sections: Sections
    item_notes: ItemNotes
    figures: Figures | None  # None in a format-1 snapshot
    signer: Signer
    recipients: list[str]
    appendix: Appendix
    signoff: SignoffInfo | None  # None in a draft


def canonical_json(content: ReportContent) -> str:
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def fingerprint(content: ReportContent) -> str:
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def read_content(stored: str | dict, what: str = "Bản chốt báo cáo") -> ReportContent:
    """A stored snapshot (its JSON, or the parsed dict) as a ReportContent of the current format.

    `what` names the snapshot in the sentence that refuses it ("Bản chốt phiên bản 2 của báo cáo
    quý I năm 2025"). Check the fingerprint over the stored JSON before calling this."""
    content = json.loads(stored) if isinstance(stored, str) else stored
    number = content.get("format") if isinstance(content, dict) else None
    if not isinstance(number, int) or isinstance(number, bool) or number < 1 or content.get("kind") != "report":
        raise UserError(f"{what} trong tệp dữ liệu không đọc được: không rõ định dạng nội dung của nó.")
    if number > CONTENT_FORMAT:
        raise UserError(f"{what} được lập bằng phiên bản ParcDesk mới hơn (định dạng nội dung {number}); "
                        "hãy cập nhật ParcDesk để đọc được nó.")
    content = _upgrade(content, number)
    missing = sorted(key for key in ReportContent.__required_keys__ if key not in content)
    if missing:
        raise UserError(f"{what} trong tệp dữ liệu không đọc được: thiếu phần {', '.join(missing)}.")
    return content  # type: ignore[return-value]


def _upgrade(content: dict, number: int) -> dict:
    """Bring a snapshot of an older format to the current one, a step at a time; the stored
    snapshot is left as it is (the upgrade works on a copy).

    """
    if number == 1:  # no item notes, no stated cut-off: rendered exactly as before
        content = {**content, "format": 2, "item_notes": {"difficulties": [], "proposals": []}, "figures": None}
        number = 2
    if number == 2:  # notes one line per item, printed after the section's text whatever it says
        content = {**content, "format": 3, "item_notes": {**content["item_notes"], "replaces_nothing": False}}
        number = 3
    assert number == CONTENT_FORMAT, f"no upgrade from content format {number}"
    return content
