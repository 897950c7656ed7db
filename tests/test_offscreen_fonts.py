"""Qt's offscreen platform has fonts with every Vietnamese letter, on Windows too."""

from pathlib import Path

from parcdesk.ui.offscreen_fonts import FONT_DIR_VARIABLE, point_qt_at_fonts

VIETNAMESE = "ĂÂĐÊÔƠƯăâđêôơư ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"


def test_on_windows_qt_is_pointed_at_the_programs_fonts():
    environ = {}
    point_qt_at_fonts(environ, platform="win32")
    folder = Path(environ[FONT_DIR_VARIABLE])
    assert sorted(path.name for path in folder.glob("*.ttf")) == [
        "LiberationSerif-Bold.ttf", "LiberationSerif-BoldItalic.ttf", "LiberationSerif-Italic.ttf",
        "LiberationSerif-Regular.ttf"]


def test_a_font_folder_chosen_already_is_kept_and_other_systems_are_left_alone():
    chosen = {FONT_DIR_VARIABLE: r"D:\fonts"}
    point_qt_at_fonts(chosen, platform="win32")
    assert chosen == {FONT_DIR_VARIABLE: r"D:\fonts"}
    linux = {}
    point_qt_at_fonts(linux, platform="linux")
    assert linux == {}


def test_a_windows_default_font_draws_every_vietnamese_letter(qapp):
    from PySide6.QtGui import QFontDatabase, QFontMetrics

    assert QFontDatabase.families(), "Qt found no font at all"
    metrics = QFontMetrics(qapp.font())
    missing = [letter for letter in VIETNAMESE if letter != " " and not metrics.inFontUcs4(ord(letter))]
    assert not missing, f"the window's font lacks {''.join(missing)}"
