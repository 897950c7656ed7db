"""Where an office's data lives by default: per user, surviving reinstalls, easy to back up."""

from __future__ import annotations

import os
import sys
from pathlib import Path

DATA_FILE_NAME = "parcdesk.sqlite"
# A file of one of these names beside the program's .exe makes it portable (e.g. on a USB stick):
# the data then lives in the folder below, beside the program, and goes wherever the folder goes.
PORTABLE_MARKERS = ("portable.txt", "parcdesk-portable")
PORTABLE_DATA_DIR = "du-lieu"


def program_dir() -> Path | None:
    """The folder of the bundled program's executable; None when running from a source checkout."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return None


def portable_data_dir() -> Path | None:
    """`<folder of the .exe>/du-lieu` when a portable marker sits beside the .exe, else None."""
    folder = program_dir()
    if folder is not None and any((folder / marker).is_file() for marker in PORTABLE_MARKERS):
        return folder / PORTABLE_DATA_DIR
    return None


def default_data_dir() -> Path:
    """Per user, outside the program's folder, so reinstalling or uninstalling never touches it.

    On Windows %LOCALAPPDATA%\\ParcDesk rather than Documents\\ParcDesk: Documents is often
    redirected to OneDrive or a network share, where syncing a live SQLite file corrupts or
    locks it, and officers tidy Documents by hand. Backing up is the window's "Sao lưu dữ
    liệu…" and "Mở thư mục dữ liệu", and the status bar shows the path.
    """
    portable = portable_data_dir()
    if portable is not None:
        return portable
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


def settings_dir() -> Path:
    """The user's settings folder (%APPDATA%\\ParcDesk, ~/.config/parcdesk), on the profile's disk.

    Saves the data file could not take are kept here (ui/pending_saves.py): the data file may sit
    on a share, a USB stick or another disk that is full or read-only, while the profile's folder is
    where the window writes its own settings anyway. Portable: beside the data, as the settings are."""
    portable = portable_data_dir()
    if portable is not None:
        return portable
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(base) / "ParcDesk"
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "parcdesk"
