"""Opening data files: schema versions, migrations, refusing what is not ours."""

import hashlib
import sqlite3

import pytest

from parcdesk.db import schema
from parcdesk.db.connection import transaction
from parcdesk.db.migrate import schema_version
from parcdesk.db.store import open_store
from parcdesk.errors import UserError


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_gets_current_schema_wal_and_foreign_keys(tmp_path):
    with open_store(tmp_path / "office.sqlite", create=True) as store:
        assert schema_version(store.db) == schema.CURRENT_VERSION
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert {"plans", "items", "progress", "evidence", "history", "agencies"} <= set(store.db.table_names())


def test_missing_file_is_not_created_without_create(tmp_path):
    path = tmp_path / "none.sqlite"
    with pytest.raises(UserError, match="Chưa có tệp dữ liệu"):
        open_store(path)
    assert not path.exists()


def test_file_that_is_not_a_database_is_refused_untouched(tmp_path):
    path = tmp_path / "anh.sqlite"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
    before = digest(path)
    with pytest.raises(UserError, match="không phải là tệp dữ liệu của ParcDesk"):
        open_store(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["anh.sqlite"]


def test_other_programs_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(UserError, match="không phải là tệp dữ liệu của ParcDesk"):
        open_store(path)
    assert digest(path) == before


def test_newer_schema_is_refused_and_file_left_as_it_was(tmp_path):
    path = tmp_path / "office.sqlite"
    open_store(path, create=True).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.CURRENT_VERSION + 1}")
    conn.close()
    before = digest(path)
    with pytest.raises(UserError, match="phiên bản ParcDesk mới hơn"):
        open_store(path)
    assert digest(path) == before
    assert not any(p.name.endswith(("-wal", "-shm")) for p in tmp_path.iterdir())


def test_migration_copies_the_file_first_and_runs_in_one_transaction(tmp_path, monkeypatch):
    path = tmp_path / "office.sqlite"
    with open_store(path, create=True) as store:
        store.db["settings"].insert({"key": "unit_name", "value": "UBND xã A"})
    extra = ["CREATE TABLE extra (id INTEGER PRIMARY KEY)", "INSERT INTO extra VALUES (1)"]
    migrations = [*schema.MIGRATIONS, extra]
    monkeypatch.setattr("parcdesk.db.migrate.MIGRATIONS", migrations)
    monkeypatch.setattr("parcdesk.db.migrate.CURRENT_VERSION", len(migrations))
    with open_store(path) as store:
        assert schema_version(store.db) == len(migrations)
        assert store.db.execute("SELECT count(*) FROM extra").fetchone()[0] == 1
        assert store.migration_backup is not None and store.migration_backup.exists()
        kept = sqlite3.connect(store.migration_backup)
        assert kept.execute("PRAGMA user_version").fetchone()[0] == schema.CURRENT_VERSION
        assert kept.execute("SELECT value FROM settings").fetchone()[0] == "UBND xã A"
        kept.close()


def test_failed_migration_leaves_previous_version(tmp_path, monkeypatch):
    path = tmp_path / "office.sqlite"
    open_store(path, create=True).close()
    broken = ["CREATE TABLE half (id INTEGER)", "THIS IS NOT SQL"]
    migrations = [*schema.MIGRATIONS, broken]
    monkeypatch.setattr("parcdesk.db.migrate.MIGRATIONS", migrations)
    monkeypatch.setattr("parcdesk.db.migrate.CURRENT_VERSION", len(migrations))
    with pytest.raises(sqlite3.OperationalError):
        open_store(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.CURRENT_VERSION
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half'").fetchone()[0] == 0
    conn.close()


def test_transaction_rolls_back_sqlite_utils_writes(tmp_path):
    with open_store(tmp_path / "office.sqlite", create=True) as store:
        with pytest.raises(RuntimeError):
            with transaction(store.db):
                store.db["settings"].insert({"key": "a", "value": "1"})
                store.db["settings"].insert({"key": "b", "value": "2"})
                raise RuntimeError("boom")
        assert store.db.execute("SELECT count(*) FROM settings").fetchone()[0] == 0


def test_nested_transaction_failure_undoes_only_itself(tmp_path):
    with open_store(tmp_path / "office.sqlite", create=True) as store:
        with transaction(store.db):
            store.db["settings"].insert({"key": "outer", "value": "1"})
            with pytest.raises(RuntimeError):
                with transaction(store.db):
                    store.db["settings"].insert({"key": "inner", "value": "2"})
                    raise RuntimeError("boom")
        keys = [r[0] for r in store.db.execute("SELECT key FROM settings")]
        assert keys == ["outer"]


def test_a_file_open_elsewhere_can_be_opened_again(tmp_path):
    """A worker thread opens its own connection while the window's is open (WAL not checkpointed)."""
    path = tmp_path / "office.sqlite"
    with open_store(path, create=True) as first:
        first.db["settings"].insert({"key": "unit_name", "value": "UBND xã A"})
        with open_store(path) as second:
            assert second.db.execute("SELECT value FROM settings").fetchone()[0] == "UBND xã A"


def test_newer_version_written_only_to_the_wal_is_still_refused(tmp_path):
    path = tmp_path / "office.sqlite"
    with open_store(path, create=True) as store:
        store.db.execute(f"PRAGMA user_version = {schema.CURRENT_VERSION + 5}")
        assert (tmp_path / "office.sqlite-wal").exists()
        with pytest.raises(UserError, match="phiên bản ParcDesk mới hơn"):
            open_store(path)
