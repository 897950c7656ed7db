"""A province's quarter: 200 communes' signed report files (Excel and PDF) consolidated.

The files are built once (not timed): the template plan's signed content, varied per commune
(unit name, statuses, values), rendered to PDF and Excel as a sign-off does. Measured: reading
every file into a fresh consolidation (each Excel file's proof and visible cells checked, each
PDF matched to the hash its Excel file names) and computing the consolidated view.

Floor: openpyxl opening the same Excel files in read-only mode and reading every cell of every
sheet — the least any program reading these files must do.
"""

from __future__ import annotations

import copy
import hashlib
import io
import random
import tempfile
from pathlib import Path

from bench.timing import best_of_interleaved, figure

COMMUNES = int(__import__("os").environ.get("BENCH_COMMUNES", "200"))
GOAL_RATIO = 2.0
GOAL_SECONDS = 20.0
PERIOD = "2026-Q1"
STATUSES = ("done", "in_progress", "not_started", "done_late", "failed", "not_applicable")


def _base_content() -> dict:
    from parcdesk.db import settings
    from parcdesk.db.store import open_memory
    from parcdesk.ops import plans as plan_ops
    from parcdesk.report.content import build_report_content
    from parcdesk.report.drafts import save_draft

    store = open_memory()
    settings.save_settings(store.db, unit_name="UBND xã Mẫu", unit_kind="xã", superior="UBND tỉnh Gia Lai",
                           place="Mẫu")
    plan_id = plan_ops.create_from_template(store, "par-xa", 2026).value
    save_draft(store.db, plan_id, PERIOD, report_date="2026-03-10", results="Có.", shortcomings="Không.",
               next_tasks="Có.", proposals="Không có.")
    return build_report_content(store.db, plan_id, PERIOD)


def build_files(folder: Path, count: int = COMMUNES) -> list[Path]:
    from parcdesk.report.pdf import render_report_pdf
    from parcdesk.report.snapshot import fingerprint
    from parcdesk.report.xlsx import render_report_xlsx

    base = _base_content()
    rng = random.Random(14)
    paths = []
    for index in range(count):
        content = copy.deepcopy(base)
        content["office"]["unit_name"] = f"UBND xã Số {index + 1}"
        for row in content["appendix"]["rows"]:
            if row["kind"] == "item" and row["status"] is not None:
                row["status"] = rng.choice(STATUSES)
        content["signoff"] = {"version": 1, "signed_at": "2026-03-10T09:00:00+07:00", "reason": None, "replaces": None}
        sha = fingerprint(content)
        pdf = render_report_pdf(content, sha)
        xlsx = render_report_xlsx(content, sha, pdf_sha256=hashlib.sha256(pdf).hexdigest())
        for ext, data in (("pdf", pdf), ("xlsx", xlsx)):
            path = folder / f"xa-{index + 1:03d}.{ext}"
            path.write_bytes(data)
            paths.append(path)
    return paths


def run() -> list[dict]:
    from openpyxl import load_workbook

    from parcdesk.consolidate import intake
    from parcdesk.consolidate.figures import consolidate
    from parcdesk.db.consolidation import open_consolidation

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        build_files(folder)
        excel = sorted(folder.glob("*.xlsx"))
        outcome = {}

        def ours():
            db = open_consolidation(None)
            intake.set_settings(db, period=PERIOD)
            results = intake.receive(db, [folder])
            view = consolidate(db)
            outcome["accepted"] = sum(r.outcome == "accepted" for r in results)
            outcome["sent"] = len(view.sent)
            db.conn.close()

        def floor():
            for path in excel:
                workbook = load_workbook(io.BytesIO(path.read_bytes()), read_only=True)
                for sheet in workbook.worksheets:
                    for _row in sheet.iter_rows(values_only=True):
                        pass
                workbook.close()

        seconds, floor_seconds = best_of_interleaved([ours, floor], repeat=2)
        assert outcome == {"accepted": 2 * COMMUNES, "sent": COMMUNES}, outcome
    row = figure(f"tổng hợp {COMMUNES} xã (Excel + PDF)", seconds, floor_seconds, GOAL_RATIO, GOAL_SECONDS)
    row["note"] = "nền: openpyxl đọc các tệp Excel (read-only)"
    return [row]
