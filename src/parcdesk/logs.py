"""The log file where a bug's details go, so the officer can send it to whoever supports them."""

from __future__ import annotations

import sys
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

from parcdesk.paths import log_dir


def log_bug(exc_info=None) -> Path:
    exc_type, exc, tb = exc_info or sys.exc_info()
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    stamp = datetime.now().isoformat(timespec="seconds")
    for folder in (log_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "parcdesk-loi.log"
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(f"--- {stamp}\n{text}\n")
            return path
        except OSError:
            continue
    return Path("(không ghi được nhật ký)")
