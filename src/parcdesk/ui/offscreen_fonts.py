"""Fonts for Qt's offscreen platform on Windows: the one folder it looks in must exist.

On Windows the offscreen platform (every `parcdesk --smoke`, the tests, CI's smoke steps) draws
with FreeType and finds its fonts in one folder only, QT_QPA_FONTDIR or else `<Qt>\\lib\\fonts`,
which neither the PySide6 wheel nor the bundle has: it then says "QFontDatabase: Cannot find
font directory" and draws every window without text. Pointed here at the program's own
resources/fonts (Liberation Serif, the report's font, every Vietnamese letter), which is in the
source tree and in the bundle alike, rather than at %WINDIR%\\Fonts: four files load at once
where a PC's few hundred would be read at each start, and what is drawn offscreen does not
depend on which fonts a PC happens to have. Windows' own platform (the officer's window) takes
the system's fonts and never reads QT_QPA_FONTDIR; Linux finds its fonts through fontconfig.
No Qt import here: the variable must be set before the QApplication exists.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping

from parcdesk.resources import resources_dir

FONT_DIR_VARIABLE = "QT_QPA_FONTDIR"


def point_qt_at_fonts(environ: MutableMapping[str, str] = os.environ, platform: str = sys.platform) -> None:
    """On Windows, QT_QPA_FONTDIR = resources/fonts unless someone chose a folder already."""
    if platform == "win32" and not environ.get(FONT_DIR_VARIABLE):
        environ[FONT_DIR_VARIABLE] = str(resources_dir() / "fonts")
