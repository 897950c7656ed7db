"""Values typed on the command line that need more than argparse's own types: dates.

An officer writes dates the Vietnamese way (05/4/2025); a script may write ISO (2025-04-05).
Both are read by the one date reader the window uses too (text.parse_date); anything else — or
a date that does not exist — is one sentence naming the option, so the caller can fix it
without guessing.
"""

from __future__ import annotations

from datetime import date

from parcdesk.errors import UserError
from parcdesk.text import parse_date as read_date


def parse_date(text: str, option: str = "--date") -> date:
    """`dd/mm/yyyy` (d/m allowed) or `yyyy-mm-dd` → the date; refused with a sentence otherwise."""
    try:
        day = read_date(text, what="ngày")
    except UserError as error:
        raise UserError(f"Tham số {option}: {error}") from None
    if day is None:
        raise UserError(f"Tham số {option}: chưa ghi ngày; hãy viết ngày/tháng/năm, ví dụ 05/4/2025.")
    return day


def iso_date(text: str | None, option: str = "--date") -> str | None:
    """The ISO form the store keeps, or None when the option was not given."""
    return None if text is None else parse_date(text, option).isoformat()
