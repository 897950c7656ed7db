"""An office with evidence files for the benches (bench/ cannot import tests/)."""

from __future__ import annotations

import os
from pathlib import Path


def office_with_files(root: Path, count: int, size: int) -> Path:
    from parcdesk.db import plans
    from parcdesk.db.evidence import add_evidence
    from parcdesk.db.store import open_store
    from bench.bench_core import big_plan_drafts

    path = root / "a.sqlite"
    with open_store(path, create=True) as store:
        plan_id = plans.create_plan(store.db, title="KH", year_from=2025, drafts=big_plan_drafts()[:count])
        ids = [row[0] for row in store.db.execute("SELECT id FROM items WHERE plan_id = ?", [plan_id])]
        scans = root / "scans"
        scans.mkdir()
        for n in range(count):
            scan = scans / f"scan-{n}.pdf"
            scan.write_bytes(os.urandom(size))
            add_evidence(store, ids[n % len(ids)], "2025-Q1", number=str(n), file=scan)
    return path
