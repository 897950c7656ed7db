"""Progress statuses and whether a measurable target is met."""

from __future__ import annotations

from parcdesk.errors import UserError

STATUS_LABELS = {
    "not_started": "Chưa triển khai",
    "in_progress": "Đang thực hiện",
    "done": "Hoàn thành",
    "done_late": "Hoàn thành nhưng quá hạn",
    "failed": "Không đạt",
    "not_applicable": "Không phát sinh",
}
STATUSES = tuple(STATUS_LABELS)
FINISHED = ("done", "done_late", "not_applicable")  # nothing left to do this period

# The buckets the overview counts and draws: the statuses, "done_late" inside "done", and "late"
# (a due date passed, not finished), which is computed, never typed.
BUCKETS = ("done", "in_progress", "late", "not_started", "failed", "not_applicable")
BUCKET_LABELS = {bucket: "Quá hạn" if bucket == "late" else STATUS_LABELS[bucket] for bucket in BUCKETS}


def bucket_of(status: str, overdue: bool) -> str:
    if status in ("done", "done_late"):
        return "done"
    if status in ("failed", "not_applicable"):
        return status
    return "late" if overdue else status


def check_status(status: str) -> str:
    if status not in STATUS_LABELS:
        names = ", ".join(f"{code} ({label})" for code, label in STATUS_LABELS.items())
        raise UserError(f"Trạng thái “{status}” không hợp lệ; chọn một trong: {names}.")
    return status


def achieved(threshold, status: str, actual_value: float | None) -> bool | None:
    """Computed from the actual value against the target, never typed.

    None when there is nothing to judge: no measurable target, no value yet, or the
    item does not arise this period.
    """
    if threshold is None or actual_value is None or status == "not_applicable":
        return None
    return threshold.is_met(actual_value)
