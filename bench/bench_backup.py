"""A backup with its evidence files: 200 scans of 256 KB (50 MB, a busy year's folder) copied
into the backup's own folder (each written under a temporary name, flushed, renamed, hashed as it
is copied), against hard-linking the same files (the floor: what sharing them would cost) and
against the database copy alone (the backup before it took the evidence)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from bench.timing import best_of_interleaved, figure
from bench.helpers_free import office_with_files

FILES, SIZE = 200, 256 * 1024


def run() -> list[dict]:
    from parcdesk.db.maintenance import backup_store
    from parcdesk.db.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        path = office_with_files(root, FILES, SIZE)
        store = open_store(path)
        counter = iter(range(10_000))

        def whole():
            made = backup_store(store, root / f"bk{next(counter)}")
            assert made.copied == FILES

        def links():
            target = root / f"ln{next(counter)}"
            target.mkdir()
            for file in store.evidence_dir.iterdir():
                os.link(file, target / file.name)

        def database_only():
            from parcdesk.db.files import copy_database

            target = root / f"db{next(counter)}"
            target.mkdir()
            copy_database(store.db.conn, target / "a.sqlite", what="bản sao lưu")

        with_files, linked, alone = best_of_interleaved([whole, links, database_only], repeat=3)
        store.close()
        shutil.rmtree(root, ignore_errors=True)
    return [
        figure(f"backup with {FILES} evidence files of {SIZE // 1024} KB, copied", with_files, linked, None, 5.0),
        figure("the same backup's database alone", alone, alone, None),
    ]
