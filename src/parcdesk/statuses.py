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
