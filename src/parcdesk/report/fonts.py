"""The report's typeface: Times New Roman where the machine has it, else Liberation Serif.

Nghị định 30/2020 asks for Times New Roman. Every Windows PC has it; elsewhere the
bundled Liberation Serif (SIL OFL, resources/fonts/) has the same metrics, so a line
breaks at the same word either way. Both cover every Vietnamese letter. reportlab
embeds a subset of whichever is used, so the PDF reads the same on any machine.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from parcdesk.resources import resource_path

FACES = ("regular", "bold", "italic", "bolditalic")
_TIMES_FILES = {"regular": "times.ttf", "bold": "timesbd.ttf", "italic": "timesi.ttf", "bolditalic": "timesbi.ttf"}
_TIMES_NAMES = {"regular": "Times New Roman.ttf", "bold": "Times New Roman Bold.ttf",
                "italic": "Times New Roman Italic.ttf", "bolditalic": "Times New Roman Bold Italic.ttf"}
_TIMES_LINUX = {"regular": "Times_New_Roman.ttf", "bold": "Times_New_Roman_Bold.ttf",
                "italic": "Times_New_Roman_Italic.ttf", "bolditalic": "Times_New_Roman_Bold_Italic.ttf"}
_LIBERATION = {"regular": "LiberationSerif-Regular.ttf", "bold": "LiberationSerif-Bold.ttf",
               "italic": "LiberationSerif-Italic.ttf", "bolditalic": "LiberationSerif-BoldItalic.ttf"}


@dataclass(frozen=True)
class FontFamily:
    name: str  # the family as the paragraph styles name it
    label: str  # "Times New Roman" or "Liberation Serif"
    regular: str
    bold: str
    italic: str
    bolditalic: str


def _times_candidates() -> list[dict[str, Path]]:
    sets = []
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot")
    if windir:
        sets.append({face: Path(windir) / "Fonts" / name for face, name in _TIMES_FILES.items()})
    local = os.environ.get("LOCALAPPDATA")
    if local:  # fonts installed for one user only
        sets.append({face: Path(local) / "Microsoft" / "Windows" / "Fonts" / name
                     for face, name in _TIMES_FILES.items()})
    if sys.platform == "darwin":
        for folder in ("/System/Library/Fonts/Supplemental", "/Library/Fonts"):
            sets.append({face: Path(folder) / name for face, name in _TIMES_NAMES.items()})
    for folder in ("/usr/share/fonts/truetype/msttcorefonts", "/usr/share/fonts/TTF"):
        sets.append({face: Path(folder) / name for face, name in _TIMES_LINUX.items()})
        sets.append({face: Path(folder) / name for face, name in _TIMES_FILES.items()})
    return sets


def find_font_files(prefer_times: bool = True) -> tuple[str, dict[str, Path]]:
    """("Times New Roman" or "Liberation Serif", face → file)."""
    if prefer_times and not os.environ.get("PARCDESK_BUNDLED_FONT"):
        for files in _times_candidates():
            if all(path.is_file() for path in files.values()):
                return "Times New Roman", files
    return "Liberation Serif", {face: resource_path("fonts", name) for face, name in _LIBERATION.items()}


@lru_cache(maxsize=None)
def report_fonts(prefer_times: bool = True) -> FontFamily:
    """Register the family once per process and return its face names."""
    label, files = find_font_files(prefer_times)
    family = "PD-" + label.replace(" ", "")
    names = {face: f"{family}-{face}" for face in FACES}
    for face in FACES:
        pdfmetrics.registerFont(TTFont(names[face], str(files[face])))
    addMapping(family, 0, 0, names["regular"])
    addMapping(family, 1, 0, names["bold"])
    addMapping(family, 0, 1, names["italic"])
    addMapping(family, 1, 1, names["bolditalic"])
    return FontFamily(name=family, label=label, **names)
