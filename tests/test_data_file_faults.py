"""The data file and its environment (issue 11, data half; issue 10 item 5): every fault gives one
Vietnamese sentence, the file is left as it was, nothing half-written is left behind.

Faults are made for real where the machine allows: a damaged page written into the file, a small
tmpfs filled to the last block (root on Linux), an immutable file (`chattr +i`: root ignores
chmod, the kernel does not ignore the immutable flag, so SQLite really meets SQLITE_READONLY).
"""

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from helpers import office_with_plan
from parcdesk.db import schema
from parcdesk.db.connection import StoreError, error_kind, transaction
from parcdesk.db.evidence import add_evidence
from parcdesk.db.files import TEMP_MARK, copy_database
from parcdesk.db.items import find_item
from parcdesk.db.maintenance import backup_store, check_store
from parcdesk.db.progress import get_progress, set_progress
from parcdesk.db.store import ensure_sound, open_store
from parcdesk.errors import UserError

LINUX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="tmpfs, chattr and mounts are Linux's")
# English words SQLite or the OS would put into a message: the officer's sentence holds none
ENGLISH = ("disk", "error", "database", "readonly", "read-only", "I/O", "locked", "malformed", "file is")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def vietnamese_only(text: str) -> bool:
    words = " ".join(token for token in text.split() if "/" not in token and "\\" not in token)  # paths aside
    return not any(word.lower() in words.lower() for word in ENGLISH)


def one_sentence(text: str) -> bool:
    return text.strip().count("\n") == 0 and text.strip().endswith(".")


@pytest.fixture
def office(tmp_path):
    store, plan_id = office_with_plan(tmp_path / "office.sqlite", year=2025)
    item_id = find_item(store.db, plan_id, "TC 1.1")
    set_progress(store.db, item_id, "2025-Q1", status="done", result="Đã làm")
    store.close()
    return tmp_path / "office.sqlite", plan_id, item_id


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# --- the one place where SQLite's errors are sorted ----------------------------------------------

@pytest.mark.parametrize(("code", "kind"), [
    (sqlite3.SQLITE_FULL, "full"), (sqlite3.SQLITE_READONLY, "readonly"), (sqlite3.SQLITE_BUSY, "busy"),
    (sqlite3.SQLITE_LOCKED, "busy"), (sqlite3.SQLITE_IOERR, "io"), (sqlite3.SQLITE_IOERR_WRITE, "io"),
    (sqlite3.SQLITE_CORRUPT, "damaged"), (sqlite3.SQLITE_NOTADB, "damaged"),
    (sqlite3.SQLITE_CANTOPEN, "cantopen"), (sqlite3.SQLITE_PERM, "perm"),
    (sqlite3.SQLITE_READONLY_DBMOVED, "moved"),
    (sqlite3.SQLITE_ERROR, None), (sqlite3.SQLITE_CONSTRAINT, None), (sqlite3.SQLITE_MISUSE, None),
])
def test_errors_are_sorted_by_primary_result_code(code, kind):
    error = sqlite3.OperationalError("english text")
    error.sqlite_errorcode = code
    assert error_kind(error) == kind


def test_a_bug_stays_a_bug_and_a_constraint_stays_a_constraint(office):
    path, *_ = office
    with open_store(path) as store:
        with pytest.raises(sqlite3.OperationalError):
            store.db.execute("SELEC nothing")
        with pytest.raises(sqlite3.IntegrityError):
            store.db.execute("INSERT INTO settings (key, value) VALUES ('x', NULL)")


def test_the_first_error_of_a_failed_transaction_is_the_one_raised(office):
    """SQLite rolls back by itself on a full disk; the ROLLBACK that then fails hides nothing."""
    path, *_ = office
    with open_store(path) as store:
        with pytest.raises(RuntimeError, match="the real cause"):
            with transaction(store.db):
                store.db.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
                store.db.conn.execute("ROLLBACK")  # as SQLite does on SQLITE_FULL
                raise RuntimeError("the real cause")
        with pytest.raises(RuntimeError, match="inner cause"):
            with transaction(store.db):
                with transaction(store.db):
                    store.db.conn.execute("ROLLBACK")
                    raise RuntimeError("inner cause")
        assert not store.db.conn.in_transaction
        assert store.db.execute("SELECT count(*) FROM settings WHERE key = 'a'").fetchone()[0] == 0


# --- what exists but is not ours ------------------------------------------------------------------

def test_an_empty_file_is_refused_and_never_initialised(tmp_path, run):
    path = tmp_path / "office.sqlite"
    path.write_bytes(b"")
    for create in (False, True):
        with pytest.raises(UserError, match="rỗng") as refused:
            open_store(path, create=create)
        assert vietnamese_only(str(refused.value))
    code, _, err = run("--db", path, "init", "--unit", "UBND xã A")
    assert code == 2 and "rỗng" in err
    code, _, err = run("--db", path, "check")
    assert code == 2 and "rỗng" in err
    code, _, err = run("demo", "--db", path)
    assert code == 2 and "rỗng" in err
    assert path.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["office.sqlite"]


def test_a_blank_sqlite_file_is_not_made_an_office(tmp_path):
    path = tmp_path / "blank.sqlite"
    sqlite3.connect(path).execute("PRAGMA user_version = 0").connection.close()
    path.write_bytes(path.read_bytes() or _blank_sqlite_bytes(tmp_path))
    before = digest(path)
    with pytest.raises(UserError, match="không phải là tệp dữ liệu của ParcDesk"):
        open_store(path, create=True)
    assert digest(path) == before


def _blank_sqlite_bytes(tmp_path) -> bytes:
    other = tmp_path / "made.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("DROP TABLE t")
    conn.close()
    return other.read_bytes()


def test_a_new_office_appears_whole_or_not_at_all(tmp_path, monkeypatch):
    path = tmp_path / "office.sqlite"

    def killed(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr("parcdesk.db.files.os.replace", killed)
    with pytest.raises(KeyboardInterrupt):
        open_store(path, create=True)
    assert list(tmp_path.iterdir()) == []


# --- a damaged file ---------------------------------------------------------------------------------

def overwrite_page_of(path: Path, table: str) -> None:
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(bytes((i * 37 + 11) % 256 for i in range(page_size)))


def test_a_damaged_page_refuses_writing_and_every_command_says_so(office, tmp_path, run):
    path, plan_id, _ = office
    overwrite_page_of(path, "items")
    before = digest(path)
    with pytest.raises(StoreError, match="bị hỏng") as refused:
        open_store(path)
    assert refused.value.kind == "damaged" and "sao lưu" in str(refused.value)
    commands = [
        ("progress", "set", "--plan", plan_id, "--item", "TC 1.1", "--period", "2025-Q1", "--status", "failed"),
        ("progress", "show", "--plan", plan_id, "--period", "2025-Q1"),
        ("check",),
        ("backup", "--to", tmp_path / "sao-luu"),
    ]
    for command in commands:
        code, out, err = run("--db", path, *command)
        assert code == 2, command
        assert "hỏng" in err and "không mong muốn" not in err and one_sentence(err), (command, err)
        assert vietnamese_only(err), err
    assert digest(path) == before
    assert not (tmp_path / "sao-luu").exists() or not any((tmp_path / "sao-luu").iterdir())


def make_index_disagree(path: Path) -> None:
    """Damage quick_check does not see (an index no longer matching its table), integrity_check does."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX progress_period ON progress(status)' "
                 "WHERE name = 'progress_period'")
    conn.close()


def test_damage_only_the_full_check_sees_stops_backup_and_sign_off(office, tmp_path, run):
    path, plan_id, _ = office
    make_index_disagree(path)
    with open_store(path) as store:  # quick_check passes: reading and editing still work
        assert ensure_sound(store, full=False) is None
        with pytest.raises(StoreError, match="bị hỏng"):
            ensure_sound(store)
        with pytest.raises(StoreError, match="bị hỏng"):
            backup_store(store, tmp_path / "sao-luu")
        assert check_store(store).sound is False
    assert list((tmp_path / "sao-luu").iterdir()) == []
    run("--db", path, "init", "--signer", "Thái Văn Ngự", "--position", "CHỦ TỊCH")
    code, _, err = run("--db", path, "report", "signoff", "--plan", plan_id, "--period", "2025-Q1",
                       "--signer", "Thái Văn Ngự")
    assert code == 2 and "hỏng" in err
    with open_store(path) as store:
        assert store.db.execute("SELECT count(*) FROM signed_reports").fetchone()[0] == 0


def test_backup_checks_the_copy_and_deletes_a_bad_one(office, tmp_path, monkeypatch):
    from parcdesk.db.connection import ParcConnection

    path, *_ = office
    folder = tmp_path / "sao-luu"
    folder.mkdir()
    real_backup = ParcConnection.backup

    def backup_then_damage(self, dest, **kwargs):
        """The copy comes out bad (a flaky USB stick): one page garbled, the change counter moved on."""
        real_backup(self, dest, **kwargs)
        copy = Path(dest.execute("PRAGMA database_list").fetchone()[2])
        overwrite_page_of(copy, "items")
        with open(copy, "r+b") as handle:
            handle.seek(24)
            handle.write(b"\x7f\xff\xff\xff")

    monkeypatch.setattr(ParcConnection, "backup", backup_then_damage)
    with open_store(path) as store:
        with pytest.raises(UserError, match="không nguyên vẹn"):
            backup_store(store, folder)
    assert list(folder.iterdir()) == []


# --- copies under temporary names, and the sweep ---------------------------------------------------

def test_a_copy_before_migration_is_never_partial_under_its_final_name(office, monkeypatch):
    path, *_ = office
    migrations = [*schema.MIGRATIONS, ["CREATE TABLE extra (id INTEGER PRIMARY KEY)"]]
    monkeypatch.setattr("parcdesk.db.migrate.MIGRATIONS", migrations)
    monkeypatch.setattr("parcdesk.db.migrate.CURRENT_VERSION", len(migrations))

    def killed(*args):
        raise KeyboardInterrupt  # the run killed just before the rename

    monkeypatch.setattr("parcdesk.db.files.os.replace", killed)
    with pytest.raises(KeyboardInterrupt):
        open_store(path)
    assert not list(path.parent.glob("*truoc-nang-cap*"))
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.CURRENT_VERSION
    conn.close()


def test_temporary_files_of_dead_runs_are_swept_and_only_ours(office, tmp_path):
    path, *_ = office
    dead = dead_pid()
    stale = [
        tmp_path / f"office.truoc-nang-cap-v1-20250101.sqlite.{dead}.{TEMP_MARK}",
        tmp_path / f"office.truoc-nang-cap-v1-20250101.sqlite.{dead}.{TEMP_MARK}-journal",
        tmp_path / "office-tai-lieu" / f"0123456789ab_cong-van.pdf.{dead}.{TEMP_MARK}",
        tmp_path / "office-tai-lieu" / "0123456789ab_cong-van.pdf.tmp",  # an earlier version's name
    ]
    kept = [
        tmp_path / f"office.sqlite.{os.getpid()}.{TEMP_MARK}",  # a run still going: this one
        tmp_path / "ghi-chu.tmp",  # not ours
        tmp_path / f"bao-cao.pdf.{dead}.tam",
    ]
    (tmp_path / "office-tai-lieu").mkdir()
    for file in stale + kept:
        file.write_bytes(b"partial")
    open_store(path).close()
    assert [f for f in stale if f.exists()] == []
    assert all(f.exists() for f in kept)


def test_backup_sweeps_its_folder_of_dead_runs_partial_copies(office, tmp_path):
    path, *_ = office
    folder = tmp_path / "sao-luu"
    folder.mkdir()
    leftover = [folder / f"office_sao-luu_2025-01-01_080000.sqlite.{dead_pid()}.{TEMP_MARK}",
                folder / "office_sao-luu_2025-01-01_080000.sqlite.tmp"]
    for file in leftover:
        file.write_bytes(b"x" * 1000)
    half_filled = folder / f"office_sao-luu_2025-01-01_080000-tai-lieu.{dead_pid()}.{TEMP_MARK}"
    half_filled.mkdir()
    (half_filled / "abc_cv.pdf").write_bytes(b"%PDF")
    with open_store(path) as store:
        target = backup_store(store, folder).path
    assert sorted(folder.iterdir()) == [target]
    with open_store(target) as copy:
        assert check_store(copy).sound


def test_a_failed_copy_leaves_nothing(office, tmp_path, monkeypatch):
    path, *_ = office

    def failing_fsync(path):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("parcdesk.db.files.fsync_path", failing_fsync)
    with open_store(path) as store:
        with pytest.raises(UserError, match="ổ đĩa đã đầy") as refused:
            copy_database(store.db.conn, tmp_path / "copy.sqlite", what="bản sao lưu")
    assert vietnamese_only(str(refused.value))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["office.sqlite"]


# --- the -wal file, evidence --------------------------------------------------------------------

CRASH_AFTER_EDITS = """
import os, sys
from parcdesk.db.store import open_store
from parcdesk.db.progress import set_progress
store = open_store(sys.argv[1])
for n in range(40):
    set_progress(store.db, int(sys.argv[2]), "2025-Q1", result=f"lần {n}")
os._exit(0)  # a crash: no close, no final checkpoint
"""


def test_a_wal_removed_after_a_crash_loses_no_acknowledged_edit(office):
    """A checkpoint after every commit (wal_autocheckpoint = 1) keeps the main file current: what
    `check` cannot detect (edits only in a lost -wal) cannot happen to an acknowledged edit."""
    path, _, item_id = office
    subprocess.run([sys.executable, "-c", CRASH_AFTER_EDITS, str(path), str(item_id)], check=True, timeout=60)
    assert Path(f"{path}-wal").exists()
    Path(f"{path}-wal").unlink()
    Path(f"{path}-shm").unlink(missing_ok=True)
    with open_store(path) as store:
        assert get_progress(store.db, item_id, "2025-Q1").result == "lần 39"
        assert check_store(store).sound


def test_check_reports_evidence_files_missing_or_altered(office, tmp_path, run):
    path, _, item_id = office
    (tmp_path / "cv-15.pdf").write_bytes(b"%PDF-1.4 cong van 15")
    (tmp_path / "cv-16.pdf").write_bytes(b"%PDF-1.4 cong van 16")
    with open_store(path) as store:
        first = add_evidence(store, item_id, "2025-Q1", number="15/BC-UBND", file=tmp_path / "cv-15.pdf")
        second = add_evidence(store, item_id, "2025-Q1", number="16/BC-UBND", file=tmp_path / "cv-16.pdf")
        assert check_store(store).sound
        (store.evidence_dir / first.stored_path).unlink()
        (store.evidence_dir / second.stored_path).write_bytes(b"%PDF-1.4 something else")
        found = {p["evidence_id"]: p["problem"] for p in check_store(store).evidence_problems}
    assert found == {first.id: "missing", second.id: "changed"}
    code, _, err = run("--db", path, "check")
    assert code == 2 and "mất tệp" in err and "cv-15.pdf" in err and "cv-16.pdf" in err and one_sentence(err)


def test_evidence_copied_in_again_replaces_an_altered_copy(office, tmp_path):
    path, _, item_id = office
    source = tmp_path / "cv.pdf"
    source.write_bytes(b"%PDF-1.4 the document")
    with open_store(path) as store:
        first = add_evidence(store, item_id, "2025-Q1", number="1", file=source)
        (store.evidence_dir / first.stored_path).write_bytes(b"damaged")
        add_evidence(store, item_id, "2025-Q1", number="2", file=source)
        assert check_store(store).evidence_problems == []
        assert not [p for p in store.evidence_dir.iterdir() if TEMP_MARK in p.name]


# --- a full disk (a small tmpfs) and a read-only file ----------------------------------------------

@pytest.fixture
def small_disk(tmp_path):
    """A 4 MB tmpfs, mounted for the test (root on Linux only)."""
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root on Linux")
    disk = tmp_path / "o-dia"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not permitted here: {mounted.stderr.decode().strip()}")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk: Path, leave_blocks: int = 0) -> None:
    stat = os.statvfs(disk)
    with open(disk / "fill", "wb") as handle:
        handle.write(b"\0" * max(0, (stat.f_bavail - leave_blocks) * stat.f_frsize))
    assert os.statvfs(disk).f_bavail <= leave_blocks


def copy_office(office, disk: Path) -> Path:
    path = disk / "office.sqlite"
    shutil.copyfile(office[0], path)
    return path


@LINUX_ONLY
@pytest.mark.parametrize("leave_blocks", [0, 4])  # full before opening; full during the write
def test_disk_full_during_a_write_one_sentence_nothing_changed(office, small_disk, run, leave_blocks):
    path = copy_office(office, small_disk)
    _, plan_id, item_id = office
    fill(small_disk, leave_blocks)
    code, _, err = run("--db", path, "progress", "set", "--plan", plan_id, "--item", "TC 1.1",
                       "--period", "2025-Q1", "--result", "Kết quả dài " * 2000)
    assert code == 2 and "đầy" in err and one_sentence(err) and vietnamese_only(err), err
    (small_disk / "fill").unlink()
    with open_store(path) as store:
        assert get_progress(store.db, item_id, "2025-Q1").result == "Đã làm"
        assert check_store(store).sound


@LINUX_ONLY
def test_disk_full_during_backup_and_evidence_leaves_nothing(office, small_disk, tmp_path):
    path, _, item_id = office
    big = tmp_path / "scan.pdf"
    big.write_bytes(os.urandom(5 << 20))
    fill(small_disk, 8)
    with open_store(path) as store:
        with pytest.raises(UserError, match="đầy") as refused:
            backup_store(store, small_disk)
        assert vietnamese_only(str(refused.value))
        (small_disk / "fill").unlink()
        store_on_disk = open_store(copy_office(office, small_disk))
    with store_on_disk:
        with pytest.raises(UserError, match="đầy"):
            add_evidence(store_on_disk, item_id, "2025-Q1", number="1", file=big)
        assert store_on_disk.db.execute("SELECT count(*) FROM evidence").fetchone()[0] == 0
    leftovers = [p for p in small_disk.rglob("*") if TEMP_MARK in p.name or p.suffix == ".tmp"]
    assert leftovers == []


@pytest.fixture
def read_only_file():
    """Make a file really read-only: chmod where it binds, the immutable flag for root (chmod does
    not bind root; `chattr +i` binds everyone, so SQLite meets SQLITE_READONLY as on an office PC)."""
    made = []

    def make(path: Path) -> None:
        if os.geteuid() == 0:
            if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
                pytest.skip("chattr +i is not supported on this file system")
        else:
            path.chmod(0o444)
        made.append(path)

    yield make
    for path in made:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=False)
        else:
            path.chmod(0o644)


@LINUX_ONLY
def test_read_only_data_file_progress_set_and_plan_import_say_so(office, read_only_file, run, shared_dir):
    path, plan_id, item_id = office
    read_only_file(path)
    before = digest(path)
    for command in (
        ("progress", "set", "--plan", plan_id, "--item", "TC 1.1", "--period", "2025-Q1", "--status", "failed"),
        ("plan", "import", shared_dir / "samples" / "ia-kha-2023.xlsx", "--year", "2023"),
    ):
        code, _, err = run("--db", path, *command)
        assert code == 2 and "chỉ cho phép đọc" in err and one_sentence(err) and vietnamese_only(err), err
    assert digest(path) == before
    with open_store(path) as store:  # reading still works
        assert get_progress(store.db, item_id, "2025-Q1").status == "done"
        assert store.db.execute("SELECT count(*) FROM plans").fetchone()[0] == 1


# --- the window -----------------------------------------------------------------------------------

@pytest.fixture
def window_on_small_disk(qtbot, office, small_disk, tmp_path):
    from PySide6.QtCore import QSettings

    from parcdesk.ui.main_window import MainWindow

    store = open_store(copy_office(office, small_disk))
    window = MainWindow(store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), today=date(2025, 3, 20))
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()  # before the store closes: leaving the field saves what is typed
    store.close()


@LINUX_ONLY
def test_the_window_says_a_full_disk_in_one_sentence_and_shows_no_bug(qtbot, window_on_small_disk, office,
                                                                      small_disk, tmp_path, monkeypatch):
    from helpers import type_text
    from parcdesk.ui import app, qt_vi

    shown, bugs = [], []
    monkeypatch.setattr(qt_vi, "warn", lambda parent, text, *a, **k: shown.append(text))
    monkeypatch.setattr(app, "log_bug", lambda *a: bugs.append(a) or tmp_path / "bug.log")
    window = window_on_small_disk
    _, _, item_id = office
    window.plan_view.select(item_id)
    fill(small_disk)
    panel = window.plan_view.progress_panel
    panel.result.setFocus()
    panel.result.selectAll()
    with qtbot.waitSignal(panel.result.committed, timeout=3000):
        type_text(panel.result, "Kết quả mới")
    assert shown and "đầy" in shown[0] and vietnamese_only(shown[0]) and one_sentence(shown[0]), shown
    assert bugs == []
    assert panel.result.toPlainText() == "Kết quả mới"  # kept on screen, to be saved when there is room
    kept = list(tmp_path.glob("chua-luu-*.json"))  # beside the window's settings, off the full disk
    assert len(kept) == 1 and "Kết quả mới" in kept[0].read_text(encoding="utf-8")
    (small_disk / "fill").unlink()
    assert get_progress(window.store.db, item_id, "2025-Q1").result == "Đã làm"
    window.retry_pending()  # the window's timer: there is room again, the kept text is saved
    assert get_progress(window.store.db, item_id, "2025-Q1").result == "Kết quả mới"
    assert len(shown) == 1 and list(tmp_path.glob("chua-luu-*.json")) == []


def test_a_store_error_reaching_the_safety_net_is_said_not_reported_as_a_bug(qapp, monkeypatch, tmp_path):
    from parcdesk.ui import app, qt_vi

    shown, bugs = [], []
    monkeypatch.setattr(qt_vi, "warn", lambda parent, text, *a, **k: shown.append(text))
    monkeypatch.setattr(app, "log_bug", lambda *a: bugs.append(a) or tmp_path / "bug.log")
    error = StoreError("Không ghi được vào tệp dữ liệu x: ổ đĩa đã đầy.", "full")
    app.show_bug(StoreError, error, None)
    assert shown == [str(error)] and bugs == []


def test_the_window_refuses_an_empty_file_instead_of_setting_up_a_new_office(qapp, tmp_path):
    from parcdesk.ui.app import open_or_set_up

    path = tmp_path / "office.sqlite"
    path.write_bytes(b"")
    with pytest.raises(UserError, match="rỗng"):  # the setup dialog would fail the test (conftest)
        open_or_set_up(path, date(2025, 3, 20))
    assert path.read_bytes() == b""
