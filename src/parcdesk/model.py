"""The plan as the rest of the program sees it: plain dataclasses, no SQL, no Qt."""

from __future__ import annotations

from dataclasses import dataclass, field

from parcdesk.parsing.targets import Threshold, baseline_request
from parcdesk.parsing.timeframes import Timeframe, parse_timeframe
from parcdesk.text import calm_capitals, format_number

LEVELS = ("area", "criterion", "subcriterion", "task")
LEVEL_LABELS = {
    "area": "Lĩnh vực",
    "criterion": "Tiêu chí",
    "subcriterion": "Tiêu chí thành phần",
    "task": "Nhiệm vụ",
}
MAX_DEPTH = 4
UNIT_KINDS = ("xã", "phường", "thị trấn")


COMPARATOR_SIGNS = {">=": "≥", ">": ">", "=": "=", "<=": "≤", "<": "<"}


def threshold_text(comparator: str | None, value: float | None, unit: str | None) -> str:
    """"≥ 98%", "≥ 3 hình thức": a threshold as the documents print it."""
    if comparator is None or value is None:
        return ""
    return f"{COMPARATOR_SIGNS[comparator]} {format_number(value, unit)}"


CHAIRMAN = "CHỦ TỊCH"


def default_authority(position: str) -> str:
    """How a signer signs for the People's Committee when no one said: the chairman on its behalf
    ("TM."), anyone else on the chairman's behalf ("KT."). `position` in upper case."""
    return "TM. ỦY BAN NHÂN DÂN" if position == CHAIRMAN else "KT. CHỦ TỊCH"


@dataclass
class Signer:
    name: str
    position: str  # CHỦ TỊCH / PHÓ CHỦ TỊCH
    authority: str = ""  # TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH: default_authority(position)
    id: int | None = None


@dataclass
class OfficeSettings:
    unit_name: str = ""  # UBND thị trấn Ia Kha
    unit_kind: str = ""  # xã / phường / thị trấn
    superior: str = ""  # UBND huyện Ia Grai
    place: str = ""  # Ia Kha (the dateline)
    report_deadline_day: int = 15
    signers: list[Signer] = field(default_factory=list)

    @property
    def is_set_up(self) -> bool:
        return bool(self.unit_name)


@dataclass
class Agency:
    id: int
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    item_count: int = 0


@dataclass
class Plan:
    id: int
    title: str
    year_from: int
    year_to: int
    number: str = ""
    issued_on: str | None = None
    basis: list[str] = field(default_factory=list)
    appendix_title: str = ""
    template: str | None = None
    source_plan_id: int | None = None
    created_at: str = ""
    item_count: int = 0

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "number": self.number,
            "issued_on": self.issued_on,
            "title": self.title,
            "year_from": self.year_from,
            "year_to": self.year_to,
            "basis": list(self.basis),
            "appendix_title": self.appendix_title,
            "template": self.template,
            "source_plan_id": self.source_plan_id,
            "created_at": self.created_at,
            "item_count": self.item_count,
        }


@dataclass(frozen=True)
class YearTarget:
    """One year's target of a multi-year plan's item ("Năm 2025: 85%"), beside the item's own."""

    year: int
    text: str
    threshold: Threshold | None  # parsed from text, or the officer's own when manual
    manual: bool = False

    def to_dict(self) -> dict:
        return {"year": self.year, "text": self.text, "manual": self.manual,
                "threshold": self.threshold.to_dict() if self.threshold else None}


@dataclass
class PlanItem:
    id: int
    plan_id: int
    parent_id: int | None
    position: int
    code: str
    level: str
    title: str
    target_text: str = ""
    threshold: Threshold | None = None
    target_manual: bool = False
    lead: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    monitor: list[str] = field(default_factory=list)
    output: str = ""
    timeframe_text: str = ""
    notes: str = ""
    children: list["PlanItem"] = field(default_factory=list)
    year_targets: dict[int, YearTarget] = field(default_factory=dict)  # a multi-year plan's, by year

    def threshold_for(self, year: int | None) -> Threshold | None:
        """What a period of `year` is judged against: that year's own target where the plan gives
        one per year, else the item's threshold. The one rule every verdict uses."""
        own = self.year_targets.get(year) if year is not None else None
        return own.threshold if own is not None else self.threshold

    def target_shown(self, year: int | None = None) -> str:
        """The target as a document prints it: the text the plan gives, or — for an item whose
        threshold came without a text of its own (a threshold accepted from the task's wording at
        import) — the threshold itself ("≥ 98%"), so that no column of targets stays blank while
        the report speaks of "(chỉ tiêu ≥ 98%)". The one rule every printed target follows."""
        if self.target_text:
            return self.target_text
        threshold = self.threshold_for(year)
        return threshold_text(threshold.comparator, threshold.value, threshold.unit) if threshold else ""

    def timeframe(self, year: int) -> Timeframe:
        return parse_timeframe(self.timeframe_text, year)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def shown_title(self) -> str:
        """The title as the screen shows it: an area's title in capitals reads in sentence case
        like the others (text.calm_capitals); the stored title, and the report, keep what the plan says."""
        return calm_capitals(self.title) if self.level == "area" else self.title

    @property
    def is_tracked(self) -> bool:
        """Carried out, so progress is recorded for it, counted and reported: a leaf that is not an
        area (a heading holds its children's work, an area without items yet holds none). The one rule."""
        return not self.children and self.level != "area"

    def target_dict(self) -> dict | None:
        if not self.target_text and self.threshold is None:
            return None
        request = baseline_request(self.target_text) if self.threshold is None else None
        parsed = self.threshold.to_dict() if self.threshold else {
            "comparator": None, "value": None, "unit": "%" if request else None,
            "baseline_year": request.year if request else None, "baseline_value": None,
        }
        # an increase over last year whose value is not known yet: no threshold, and it says so
        return {"text": self.target_text, **parsed, "manual": self.target_manual,
                "baseline_missing": request is not None}

    def to_dict(self, year: int) -> dict:
        return {
            "id": self.id,
            "code": self.code,
            "level": self.level,
            "title": self.title,
            "target": self.target_dict(),
            "lead": "; ".join(self.lead),
            "leads": list(self.lead),
            "partners": list(self.partners),
            "monitor": "; ".join(self.monitor),
            "output": self.output,
            "timeframe": self.timeframe(year).to_dict(),
            "notes": self.notes,
            "year_targets": [t.to_dict() for _, t in sorted(self.year_targets.items())],
            "children": [child.to_dict(year) for child in self.children],
        }


@dataclass
class Progress:
    item_id: int
    period: str
    status: str = "not_started"
    actual_value: float | None = None
    result: str = ""
    difficulties: str = ""
    proposals: str = ""
    updated_at: str | None = None
    # the earlier period this record was carried from while it is not edited here (carry.py)
    carried_from: str | None = None


@dataclass
class Evidence:
    id: int
    item_id: int
    period: str
    number: str = ""
    issued_on: str | None = None
    summary: str = ""
    file_name: str | None = None
    stored_path: str | None = None
    sha256: str | None = None
    added_at: str = ""




@dataclass
class ItemDraft:
    """An item to be written: from the template, an import, or the window."""

    title: str
    level: str = "task"
    code: str = ""
    target_text: str = ""
    # None: parse target_text; set with target_manual=True when the officer corrected it
    threshold: Threshold | None = None
    target_manual: bool = False
    lead: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    monitor: list[str] = field(default_factory=list)
    output: str = ""
    timeframe_text: str = ""
    notes: str = ""
    children: list["ItemDraft"] = field(default_factory=list)
    # a multi-year plan's targets by year (a text, parsed when written, or a YearTarget as set);
    # None: read from target_text (parsing/year_targets.py)
    year_targets: dict[int, YearTarget | str] | None = None

    @classmethod
    def from_item(cls, item: PlanItem) -> "ItemDraft":
        return cls(
            title=item.title, level=item.level, code=item.code, target_text=item.target_text,
            threshold=item.threshold, target_manual=item.target_manual, lead=list(item.lead),
            partners=list(item.partners), monitor=list(item.monitor), output=item.output,
            timeframe_text=item.timeframe_text, notes=item.notes,
            year_targets=dict(item.year_targets) if item.year_targets else None,
            children=[cls.from_item(child) for child in item.children],
        )
