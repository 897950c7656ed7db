"""The period's report: the office's texts, its defaults, sign-off and correction versions.

Sign-off is an operation like the others, but a record rather than an edit: it is not
undoable, and undo stops before it (ops/undo.py). Opening a correction reopens the period.
"""

from __future__ import annotations

from parcdesk.db.store import Store, ensure_sound
from parcdesk.ops.base import OpResult, operation
from parcdesk.periods import parse_period
from parcdesk.report import drafts, signoff


def save_draft(store: Store, plan_id: int, period: str, *, source: str = "", typing: bool = False,
               **changes) -> OpResult:
    """Some of the report's own texts and fields (see report.drafts.save_draft)."""
    period_ = parse_period(period)
    merge_key = f"draft:{plan_id}:{period_.code}:{','.join(sorted(changes))}" if typing else None
    with operation(store, "report.edit", f"Sửa báo cáo {period_.label}", plan_id=plan_id, source=source,
                   merge_key=merge_key) as op:
        op.value = drafts.save_draft(store.db, plan_id, period_.code, source=source, **changes)
    return op.result


def save_report_defaults(store: Store, *, source: str = "", **changes) -> OpResult:
    with operation(store, "report.defaults", "Sửa nơi nhận, kính gửi mặc định", source=source) as op:
        op.value = drafts.save_report_defaults(store.db, source=source, **changes)
    return op.result


def sign_off(store: Store, plan_id: int, period: str, *, source: str = "", **options) -> OpResult:
    """value: the SignOff (record, pdf, xlsx)."""
    period_ = parse_period(period)
    ensure_sound(store)  # the full check: a damaged file is not signed from
    with operation(store, "report.signoff", f"Chốt báo cáo {period_.label}", plan_id=plan_id, source=source,
                   undoable=False, lock_exempt=True) as op:
        op.value = signoff.sign_off(store.db, plan_id, period_.code, source=source, **options)
    return op.result


def open_correction(store: Store, plan_id: int, period: str, reason: str, *, source: str = "") -> OpResult:
    period_ = parse_period(period)
    with operation(store, "report.correct", f"Lập phiên bản mới của báo cáo {period_.label}", plan_id=plan_id,
                   source=source, lock_exempt=True) as op:
        op.value = signoff.open_correction(store.db, plan_id, period_.code, reason, source=source)
    return op.result
