"""The report previews' PDF files: each in a folder of its own in the system's temporary folder
(the viewer opens it there), named with this program's prefix so that the program, and only it,
can clean them up: the ones this run made when the window closes, and any left older than a day
(a run that crashed, or a file the viewer still held at closing) when the program starts. Only
folders with the prefix are touched; a folder that cannot be removed (a viewer holds the file on
Windows) is left for the next start."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

PREFIX = "parcdesk-xem-"
STALE_AFTER_S = 24 * 3600

_made: list[Path] = []  # this run's preview folders


def new_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix=PREFIX))
    _made.append(folder)
    return folder


def remove_made() -> None:
    """The window closes: its previews go (what a viewer still holds stays, for the next start)."""
    while _made:
        shutil.rmtree(_made.pop(), ignore_errors=True)


def remove_stale(root: Path | None = None, now: float | None = None) -> list[Path]:
    """Preview folders older than a day in `root` (the temporary folder): removed. Returns them."""
    root = Path(root) if root is not None else Path(tempfile.gettempdir())
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(root.iterdir())
    except OSError:
        return removed
    for entry in entries:
        try:
            if not entry.name.startswith(PREFIX) or entry.is_symlink() or not entry.is_dir():
                continue
            if now - entry.stat().st_mtime < STALE_AFTER_S:
                continue
        except OSError:
            continue
        shutil.rmtree(entry, ignore_errors=True)
        if not entry.exists():
            removed.append(entry)
    return removed
