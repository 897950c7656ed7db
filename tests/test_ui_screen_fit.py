"""Every window and dialog fits a 1366×768 screen with its taskbar (1366×728 available), and
the main window remembers being maximised."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, QSize, Qt

from helpers import office_with_plan, run_on_fake_screen
from parcdesk.ui.main_window import MainWindow
from parcdesk.ui.screen_fit import fitted_size

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")
PROBE = Path(__file__).with_name("screen_fit_probe.py")


def test_every_window_and_dialog_fits_1366_by_728(tmp_path):
    report = run_on_fake_screen(PROBE, tmp_path, 1366, 728, timeout=120)
    assert report == {"available": [1366, 728], "problems": []}


def test_a_preferred_size_gives_way_to_the_screen():
    assert fitted_size(QSize(1280, 780), QRect(0, 0, 1366, 728)) == QSize(1280, 688)
    assert fitted_size(QSize(640, 420), QRect(0, 0, 1366, 728)) == QSize(640, 420)


def test_the_window_remembers_being_maximised(qtbot, tmp_path):
    store, _ = office_with_plan(tmp_path / "office.sqlite", year=2025)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    first = MainWindow(store, settings, today=date(2025, 3, 20))
    qtbot.addWidget(first)
    first.show()
    first.setWindowState(Qt.WindowState.WindowMaximized)
    first.close()
    second = MainWindow(store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                        today=date(2025, 3, 20))
    qtbot.addWidget(second)
    assert second.windowState() & Qt.WindowState.WindowMaximized
    second.setWindowState(Qt.WindowState.WindowNoState)
    second.close()
    third = MainWindow(store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                       today=date(2025, 3, 20))
    qtbot.addWidget(third)
    assert not third.windowState() & Qt.WindowState.WindowMaximized
    store.close()
