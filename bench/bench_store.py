"""The data file on disk, 5,050 items with progress in four periods: what the checks and the
durability settings cost.

- opening with `quick_check` against opening without it;
- the full `integrity_check` (run before a backup, a migration and a sign-off), against the
  online backup copy it guards (the floor: the copy has to read every page anyway);
- one progress save as the store does it (WAL, `synchronous = FULL`, a checkpoint after every
  commit) against the same save with the settings before (WAL, `synchronous = NORMAL`,
  checkpoint every 1,000 pages), and against `FULL` without the per-commit checkpoint.
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
from pathlib import Path

from bench.bench_core import big_plan_drafts
from bench.timing import best_of_interleaved, figure
from parcdesk.db import plans
from parcdesk.db.connection import connect
from parcdesk.db.progress import set_progress
from parcdesk.db.store import open_store

PERIODS = ("2025-Q1", "2025-H1", "2025-9M", "2025")


def build(path: Path) -> list[int]:
    with open_store(path, create=True) as store:
        plan_id = plans.create_plan(store.db, title="KH lớn", year_from=2025, drafts=big_plan_drafts())
        ids = [row[0] for row in store.db.execute("SELECT id FROM items WHERE plan_id = ?", [plan_id])]
        rng = random.Random(11)
        rows = [(item, period, rng.choice(("done", "in_progress", "not_started")),
                 "Đã thực hiện " * rng.randint(1, 20), "2025-03-01T00:00:00")
                for item in ids for period in PERIODS]
        store.db.conn.execute("BEGIN")
        store.db.conn.executemany(
            "INSERT INTO progress (item_id, period, status, result, updated_at) VALUES (?, ?, ?, ?, ?)", rows)
        store.db.conn.execute("COMMIT")
    return ids


def run() -> list[dict]:
    folder = Path(tempfile.mkdtemp(prefix="parcdesk-bench-store-"))
    path = folder / "lon.sqlite"
    ids = build(path)
    size_mb = path.stat().st_size / 1e6

    def open_checked():
        open_store(path).close()

    def open_bare():
        db = connect(path)
        db.execute("PRAGMA user_version").fetchone()
        db.conn.close()

    checked, bare = best_of_interleaved([open_checked, open_bare], repeat=7)

    store = open_store(path)
    full_check = lambda: store.db.execute("PRAGMA integrity_check").fetchall()  # noqa: E731
    quick = lambda: store.db.execute("PRAGMA quick_check").fetchall()  # noqa: E731

    def copy():
        dest = sqlite3.connect(folder / "copy.sqlite")
        store.db.conn.backup(dest)
        dest.close()
        (folder / "copy.sqlite").unlink()

    integrity, quick_seconds, copying = best_of_interleaved([full_check, quick, copy], repeat=5)

    rng = random.Random(3)
    counter = iter(range(10**9))

    def save_with(synchronous: str, autocheckpoint: int):
        def save():
            store.db.execute(f"PRAGMA synchronous = {synchronous}")
            store.db.execute(f"PRAGMA wal_autocheckpoint = {autocheckpoint}")
            set_progress(store.db, rng.choice(ids), "2025-Q1", result=f"lần {next(counter)}")
        return save

    ours, normal, full_only = best_of_interleaved(
        [save_with("FULL", 1), save_with("NORMAL", 1000), save_with("FULL", 1000)], repeat=30)
    store.close()
    rows = [
        figure("mở tệp 5.050 mục có quick_check", checked, bare, goal_ratio=None, goal_seconds=0.1),
        figure("integrity_check đầy đủ (so với sao chép)", integrity, copying, goal_ratio=None),
        figure("quick_check (so với integrity_check)", quick_seconds, integrity, goal_ratio=1.0),
        figure("lưu tiến độ FULL+checkpoint (so NORMAL)", ours, normal, goal_ratio=None, goal_seconds=0.05),
        figure("lưu tiến độ FULL không checkpoint (so NORMAL)", full_only, normal, goal_ratio=None),
    ]
    rows[0]["note"] = f"tệp {size_mb:.1f} MB"
    for leftover in folder.iterdir():
        leftover.unlink()
    folder.rmdir()
    return rows
