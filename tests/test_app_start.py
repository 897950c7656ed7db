"""Starting the window as `parcdesk` does: icon, the note after an upgrade, the start benchmark's hook.

run_app runs the application's event loop, which a test process must not (after exec() returns,
Qt treats the application as closing and later GUI tests misbehave): it runs in a child process.
"""

import os
import subprocess
import sys

from helpers import new_office

from parcdesk.db import schema
from parcdesk.db.store import open_store
from parcdesk.ui import app as app_module

# run_app as `parcdesk --smoke-start` calls it, with the upgrade notice printed instead of shown
# and, when asked, one more migration than the real schema has (an "upgrade" of the file)
START = """
import sys
from parcdesk.db import migrate, schema
if sys.argv[2] == "upgrade":
    migrate.MIGRATIONS = [*schema.MIGRATIONS, ["CREATE TABLE extra (id INTEGER PRIMARY KEY)"]]
    migrate.CURRENT_VERSION = len(migrate.MIGRATIONS)
from PySide6.QtWidgets import QApplication
from parcdesk.ui import app, qt_vi
qt_vi.inform = lambda parent, text, title="ParcDesk": print("NOTICE:", text.replace(chr(10), " "))
code = app.run_app(sys.argv[1], exit_when_shown=True)
print("ICON:", not QApplication.windowIcon().isNull())
sys.exit(code)
"""


def _start(tmp_path, path, mode="plain") -> list[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-c", START, str(path), mode], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def _one_more_migration(monkeypatch):
    migrations = [*schema.MIGRATIONS, ["CREATE TABLE extra (id INTEGER PRIMARY KEY)"]]
    monkeypatch.setattr("parcdesk.db.migrate.MIGRATIONS", migrations)
    monkeypatch.setattr("parcdesk.db.migrate.CURRENT_VERSION", len(migrations))


def test_migration_notice_names_the_copy_kept(tmp_path, monkeypatch):
    path = tmp_path / "office.sqlite"
    with new_office(path) as store:
        assert app_module.migration_notice(store) is None
    _one_more_migration(monkeypatch)
    with open_store(path) as store:
        notice = app_module.migration_notice(store)
        assert store.migration_backup.exists() and str(store.migration_backup) in notice
        assert "nâng cấp" in notice


def test_the_window_shows_with_its_icon_then_quits_when_asked(tmp_path):
    path = tmp_path / "office.sqlite"
    new_office(path).close()
    assert _start(tmp_path, path) == ["Cửa sổ đã hiện.", "ICON: True"]
    assert not (tmp_path / "office.sqlite.lock").exists()


def test_the_first_start_after_an_upgrade_says_once_where_the_copy_is(tmp_path):
    path = tmp_path / "office.sqlite"
    new_office(path).close()
    first = _start(tmp_path, path, "upgrade")
    copies = list(tmp_path.glob("office.truoc-nang-cap-v*.sqlite"))
    assert len(copies) == 1
    notices = [line for line in first if line.startswith("NOTICE:")]
    assert len(notices) == 1 and str(copies[0]) in notices[0]
    assert not any(line.startswith("NOTICE:") for line in _start(tmp_path, path, "upgrade"))
