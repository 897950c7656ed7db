"""Where an office's data lives by default: per user, surviving reinstalls, easy to back up."""

from __future__ import annotations

import os
import sys
from pathlib import Path

DATA_FILE_NAME = "parcdesk.sqlite"


def default_data_dir() -> Path:
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "ParcDesk"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "parcdesk"


def default_data_path() -> Path:
    override = os.environ.get("PARCDESK_DB")
    return Path(override) if override else default_data_dir() / DATA_FILE_NAME


def log_dir() -> Path:
    return default_data_dir() / "nhat-ky"
