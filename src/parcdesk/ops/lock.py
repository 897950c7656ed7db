"""The period lock, in one place: what a signed report shows cannot change under it.

Checked inside each operation's transaction, so a sign-off in another window or process
between reading and writing cannot slip through. Held fast while a period's report stands
signed (db/locks.py): its progress, its evidence, its report draft; and, for the items the
signed report shows, the fields it prints (code, title, target, threshold, lead), their
place in the tree, their deletion, and merging their lead agency away. The way to change any
of it is a correction version (`parcdesk report correct`, or "Lập phiên bản mới" on the
report screen), which reopens the period until it is signed again.
"""

from __future__ import annotations

import sqlite_utils

from parcdesk.db import locks
from parcdesk.db.items import get_item_row
from parcdesk.db.progress import items_without_own_record
from parcdesk.errors import UserError
from parcdesk.periods import later_in_year, parse_period
from parcdesk.text import format_date

# The item fields a report prints (see report/content.py, the appendix columns).
PRINTED_FIELDS = frozenset({"code", "title", "target_text", "threshold", "target_manual", "lead", "level"})


class PeriodLocked(UserError):
    """A change refused because a signed report holds what it would change."""


def _refusal(report: locks.LockedReport, what: str) -> PeriodLocked:
    label = parse_period(report.period).label
    return PeriodLocked(
        f"Không {what}: báo cáo {label} của kế hoạch số {report.plan_id} đã chốt "
        f"(phiên bản {report.version}, ngày {format_date(report.signed_at)}); muốn sửa, hãy lập "
        "phiên bản mới kèm lý do (nút “Lập phiên bản mới” hoặc lệnh “parcdesk report correct”)."
    )


def ensure_period_open(db: sqlite_utils.Database, plan_id: int, period: str, what: str = "sửa được số liệu") -> None:
    report = locks.locked_report(db, plan_id, parse_period(period).code)
    if report is not None:
        raise _refusal(report, what)


def is_period_locked(db: sqlite_utils.Database, plan_id: int, period: str) -> bool:
    return locks.locked_report(db, plan_id, parse_period(period).code) is not None


def ensure_items_open(db: sqlite_utils.Database, item_ids: list[int], what: str) -> None:
    """Refuse when a signed report shows any of these items (fields it prints, moves, deletions)."""
    reports = locks.locked_reports_showing(db, item_ids)
    if reports:
        raise _refusal(reports[0], what)


def ensure_agency_can_go(db: sqlite_utils.Database, agency_id: int) -> None:
    """An agency that leads an item of a signed report cannot be merged away."""
    ensure_items_open(db, locks.items_led_by(db, agency_id), "gộp được cơ quan này vào cơ quan khác")


# ---------------------------------------------------------------- judged by effect

# Item columns whose change a signed report would show: what it prints, and the branch it sits in.
_PRINTED_COLUMNS = frozenset({
    "code", "title", "level", "target_text", "target_comparator", "target_value", "target_unit",
    "target_baseline_year", "target_baseline_value", "target_manual", "parent_id",
})
_PLAN_PRINTED = frozenset({"title", "number", "issued_on", "year_from", "year_to"})


def check_effects(db: sqlite_utils.Database, rows) -> None:
    """Refuse an operation whose rows would change what a locked report shows.

    Run inside the operation's transaction, after its writes and before the commit, on the rows
    the operation log captured: whichever writer made them — an edit, an import merged into the
    plan, an agency merge, a cascade of a deletion — the rule is the same and cannot be missed."""
    plan_of_item: dict[int, int] = {}

    def plan_of(item_id: int) -> int | None:
        if item_id not in plan_of_item:
            plan_id = locks.plan_of_item(db, item_id)
            if plan_id is None:
                return None
            plan_of_item[item_id] = plan_id
        return plan_of_item[item_id]

    for row in rows:  # items first: a cascade logs an item's progress before the item itself
        if row.table == "items":
            image = row.after or row.before
            plan_of_item[image["id"]] = image["plan_id"]
    periods: dict[tuple[int, str], str] = {}
    carried_into: dict[tuple[int, str, str], set[int]] = {}  # (plan, period, table) → items changed
    # item → (weight, what): the item's own deletion or edit is the news, before the rows it cascades to
    shown: dict[int, tuple[int, str]] = {}
    plans: set[int] = set()
    names: dict[int, str] = {}
    for row in rows:
        if row.table == "items":
            image = row.before or row.after  # the item as it was: an edited code is named by its old one
            names[image["id"]] = image["code"] or image["title"][:40]

    def name(item_id: int) -> str:
        if item_id not in names:
            try:
                item = get_item_row(db, item_id)
                names[item_id] = item.code or item.title[:40]
            except UserError:
                names[item_id] = f"số {item_id}"
        return names[item_id]

    def hold(item_id: int, weight: int, what: str) -> None:
        if weight > shown.get(item_id, (0, ""))[0]:
            shown[item_id] = (weight, what)

    for row in rows:
        image = row.after or row.before
        if row.table == "items":
            plan_of_item[image["id"]] = image["plan_id"]
            if row.kind == "d":
                hold(image["id"], 3, f"xóa được mục “{name(image['id'])}”")
            elif row.kind == "u" and any(row.before[c] != row.after[c] for c in _PRINTED_COLUMNS):
                hold(image["id"], 2, f"sửa được mục “{name(image['id'])}”")
        elif row.table == "item_year_targets":
            hold(image["item_id"], 1, f"sửa được chỉ tiêu từng năm của mục “{name(image['item_id'])}”")
        elif row.table == "item_agencies" and image["role"] == "lead":
            hold(image["item_id"], 1, f"đổi được cơ quan chủ trì của mục “{name(image['item_id'])}”")
        elif row.table in ("progress", "evidence"):
            what = "ghi được tiến độ" if row.table == "progress" else "thay đổi được tài liệu kiểm chứng"
            plan_id = plan_of(image["item_id"])
            if plan_id is not None:
                periods.setdefault((plan_id, image["period"]), what)
                carried_into.setdefault((plan_id, image["period"], row.table), set()).add(image["item_id"])
        elif row.table == "report_drafts":
            periods.setdefault((image["plan_id"], image["period"]), "sửa được báo cáo")
        elif row.table == "plans" and row.kind == "d" and locks.signed_reports_exist(
                db, image["id"], image["created_at"]):
            raise PeriodLocked(f"Không xóa được kế hoạch “{image['title']}”: kế hoạch đã có báo cáo chốt, "
                               "là hồ sơ phải giữ lại.")
        elif row.table == "plans" and row.kind == "u" and any(row.before[c] != row.after[c] for c in _PLAN_PRINTED):
            plans.add(image["id"])
    # items first: deleting an item cascades to its evidence, and "cannot delete the item" is the news
    for item_id, (_weight, what) in shown.items():
        ensure_items_open(db, [item_id], what)
    for (plan_id, period), what in periods.items():
        ensure_period_open(db, plan_id, period, what)
    _check_carried(db, carried_into)
    for plan_id in plans:
        reports = locks.locked_reports_of_plan(db, plan_id)
        if reports:
            raise _refusal(reports[0], "sửa được số, ngày, tên của kế hoạch")


def _check_carried(db: sqlite_utils.Database, changed: dict[tuple[int, str, str], set[int]]) -> None:
    """A later period of the year shows an earlier one's evidence always, and its progress where it
    has no row of its own (carry.py): a change there is a change to what the later report shows."""
    for (plan_id, period, table), item_ids in changed.items():
        for later in later_in_year(parse_period(period)):
            report = locks.locked_report(db, plan_id, later.code)
            if report is None:
                continue
            if table == "evidence":
                raise _refusal(report, "thay đổi được tài liệu kiểm chứng mà báo cáo kỳ sau đã dùng")
            if items_without_own_record(db, sorted(item_ids), later.code):
                raise _refusal(report, "ghi được tiến độ mà báo cáo kỳ sau đã mang sang")
