"""Values typed on the command line that need more than argparse's own types: dates.

An officer writes dates the Vietnamese way (05/4/2025); a script may write ISO (2025-04-05).
Both are accepted; anything else — or a date that does not exist — is one sentence naming
the option, so the caller can fix it without guessing.
"""

from __future__ import annotations

import re
from datetime import date

from parcdesk.errors import UserError

_VIETNAMESE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_date(text: str, option: str = "--date") -> date:
    """`dd/mm/yyyy` (d/m allowed) or `yyyy-mm-dd` → the date; refused with a sentence otherwise."""
    typed = (text or "").strip()
    found = _VIETNAMESE.fullmatch(typed)
    if found:
        day, month, year = (int(part) for part in found.groups())
    else:
        found = _ISO.fullmatch(typed)
        if not found:
            raise UserError(f"Tham số {option}: “{text}” không phải là ngày; hãy viết ngày/tháng/năm, "
                            "ví dụ 05/4/2025.")
        year, month, day = (int(part) for part in found.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise UserError(f"Tham số {option}: ngày “{text}” không có trong lịch.") from None


def iso_date(text: str | None, option: str = "--date") -> str | None:
    """The ISO form the store keeps, or None when the option was not given."""
    return None if text is None else parse_date(text, option).isoformat()
