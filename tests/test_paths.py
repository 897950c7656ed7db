"""Where the data lives: per user by default, beside the program in portable mode."""

import sys
from pathlib import Path

import pytest

from parcdesk import paths


@pytest.fixture
def bundled(tmp_path, monkeypatch):
    """As inside the PyInstaller bundle: sys.frozen set, sys.executable the program's .exe."""
    program = tmp_path / "ParcDesk"
    program.mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program / "parcdesk.exe"))
    monkeypatch.delenv("PARCDESK_DB", raising=False)
    return program


@pytest.mark.parametrize("marker", paths.PORTABLE_MARKERS)
def test_a_marker_beside_the_program_keeps_the_data_beside_it(bundled, marker):
    (bundled / marker).write_text("", encoding="utf-8")
    assert paths.portable_data_dir() == bundled.resolve() / "du-lieu"
    assert paths.default_data_path() == bundled.resolve() / "du-lieu" / "parcdesk.sqlite"
    assert paths.log_dir() == bundled.resolve() / "du-lieu" / "nhat-ky"


def test_without_a_marker_the_data_is_per_user_on_windows(bundled, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "AppData" / "Local"))
    assert paths.portable_data_dir() is None
    assert paths.default_data_path() == tmp_path / "AppData" / "Local" / "ParcDesk" / "parcdesk.sqlite"


def test_a_folder_named_like_the_marker_does_not_count(bundled):
    (bundled / "portable.txt").mkdir()
    assert paths.portable_data_dir() is None


def test_from_a_source_checkout_there_is_no_portable_mode(tmp_path, monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    (tmp_path / "portable.txt").write_text("", encoding="utf-8")
    assert paths.program_dir() is None and paths.portable_data_dir() is None


def test_an_explicit_data_file_wins_over_portable_mode(bundled, tmp_path, monkeypatch):
    (bundled / "portable.txt").write_text("", encoding="utf-8")
    monkeypatch.setenv("PARCDESK_DB", str(tmp_path / "khac.sqlite"))
    assert paths.default_data_path() == tmp_path / "khac.sqlite"


def test_portable_window_settings_travel_with_the_data(bundled, qapp):
    from PySide6.QtCore import QSettings

    from parcdesk.ui.app import window_settings

    (bundled / "portable.txt").write_text("", encoding="utf-8")
    settings = window_settings()
    assert settings.format() == QSettings.Format.IniFormat
    # Qt spells the path with forward slashes on Windows too: compare paths, not strings
    assert Path(settings.fileName()) == bundled.resolve() / "du-lieu" / "cua-so.ini"
