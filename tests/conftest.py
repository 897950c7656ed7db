import os
from pathlib import Path

import pytest

# GUI tests drive real widgets with no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# ... and, on Windows, with the fonts the program points Qt's offscreen platform at (before
# pytest-qt makes the QApplication).
from parcdesk.ui.offscreen_fonts import point_qt_at_fonts  # noqa: E402

point_qt_at_fonts()

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        if os.environ.get("PARCDESK_TESTS_WITHOUT_SHARED"):  # the GitHub workflow's checkout has no ../shared
            pytest.skip("../shared is not beside this checkout (PARCDESK_TESTS_WITHOUT_SHARED is set)")
        pytest.fail(f"../shared is missing (expected at {SHARED}); these tests read the seeds and samples there")
    return SHARED


@pytest.fixture(autouse=True)
def no_unexpected_modal_dialogs(monkeypatch):
    """A modal dialog nobody answers would hang the run; fail the test instead, saying which."""
    try:
        from PySide6.QtWidgets import QDialog, QMessageBox
    except ImportError:
        return

    def refuse(dialog, *args, **kwargs):
        text = dialog.text() if isinstance(dialog, QMessageBox) else dialog.windowTitle()
        raise AssertionError(f"unexpected modal dialog: {text}")

    monkeypatch.setattr(QMessageBox, "exec", refuse)
    monkeypatch.setattr(QDialog, "exec", refuse)


@pytest.fixture
def run(capsys):
    """The command line in-process: run("--db", path, "plan", "list") → (exit code, stdout, stderr)."""
    from parcdesk.cli.main import main

    def run(*args):
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err
    return run
