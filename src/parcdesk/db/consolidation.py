"""The superior body's consolidation file: its own SQLite store, never an office's data file.

One file per consolidation (a province's Sở Nội vụ, one period): the expected units with their
aliases (merged and renamed communes), and every file received, accepted or refused with its
reason; an accepted report keeps the content it carried (report/proof.py), so the consolidated
view needs only this file. A corrected version replaces the earlier one in the view; both rows
stay. Its own application id and schema versions: an office's data file is refused here, and
this file is refused where an office's is expected.

Rows in, rows out; the rules (what is accepted, the figures) are consolidate/'s.
"""

from __future__ import annotations

import struct
from pathlib import Path

import sqlite_utils

from parcdesk.db.connection import connect, transaction
from parcdesk.db.history import now_iso
from parcdesk.errors import UserError

CONSOLIDATION_APPLICATION_ID = 0x50544F48  # "PTOH": ParcDesk tổng hợp
MIGRATIONS: list[list[str]] = [
    [
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE units (
               id INTEGER PRIMARY KEY, name TEXT NOT NULL, key TEXT NOT NULL UNIQUE, position INTEGER NOT NULL)""",
        """CREATE TABLE unit_aliases (
               key TEXT PRIMARY KEY, alias TEXT NOT NULL,
               unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE)""",
        """CREATE TABLE received (
               id INTEGER PRIMARY KEY,
               file_name TEXT NOT NULL, file_path TEXT NOT NULL, file_sha256 TEXT NOT NULL,
               kind TEXT NOT NULL,               -- 'Excel', 'PDF' or ''
               role TEXT NOT NULL,               -- 'report' (counted) or 'companion' (the PDF of a report)
               outcome TEXT NOT NULL,            -- 'accepted', 'refused', 'replaced'
               reason TEXT NOT NULL DEFAULT '',
               unit_id INTEGER REFERENCES units(id) ON DELETE SET NULL,
               unit_name TEXT NOT NULL DEFAULT '', unit_key TEXT NOT NULL DEFAULT '',
               plan_key TEXT NOT NULL DEFAULT '', period TEXT NOT NULL DEFAULT '',
               version INTEGER, fingerprint TEXT NOT NULL DEFAULT '', pdf_sha256 TEXT NOT NULL DEFAULT '',
               dated_on TEXT,                     -- the report's own date (its dateline)
               replaced_by INTEGER REFERENCES received(id),
               content TEXT,                      -- the canonical content of an accepted report
               received_at TEXT NOT NULL)""",
        "CREATE INDEX received_by_sha ON received(file_sha256)",
        "CREATE INDEX received_by_report ON received(unit_key, plan_key, outcome)",
    ],
]
CURRENT_VERSION = len(MIGRATIONS)


def _header(path: Path) -> tuple[int, int] | None:
    with open(path, "rb") as handle:
        head = handle.read(100)
    if len(head) < 100 or not head.startswith(b"SQLite format 3\x00"):
        return None
    version, application_id = struct.unpack(">ii", head[60:64] + head[68:72])
    return version, application_id


def open_consolidation(path: str | Path | None, create: bool = True) -> sqlite_utils.Database:
    """The consolidation file (created where none is); None: a throwaway one in memory."""
    if path is None:
        db = connect(Path(":memory:"))
    else:
        path = Path(path).expanduser()
        if path.is_dir():
            raise UserError(f"{path} là một thư mục, không phải tệp tổng hợp.")
        if path.exists():
            try:
                header = _header(path)
            except OSError as exc:
                raise UserError(f"Không đọc được tệp tổng hợp {path}: {exc.strerror or exc}.") from exc
            if path.stat().st_size and (header is None or header[1] != CONSOLIDATION_APPLICATION_ID):
                raise UserError(f"Tệp {path} không phải tệp tổng hợp báo cáo của ParcDesk (có thể là tệp dữ liệu "
                                "của một đơn vị); hãy chọn hoặc tạo một tệp tổng hợp khác.")
            if header and header[0] > CURRENT_VERSION:
                raise UserError(f"Tệp tổng hợp {path} được tạo bởi phiên bản ParcDesk mới hơn; hãy cập nhật ParcDesk.")
        elif not create:
            raise UserError(f"Chưa có tệp tổng hợp {path}.")
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise UserError(f"Không tạo được thư mục {path.parent}: {exc.strerror or exc}.") from exc
        db = connect(path)
    version = db.execute("PRAGMA user_version").fetchone()[0]
    for number in range(version, CURRENT_VERSION):
        with transaction(db):
            for statement in MIGRATIONS[number]:
                db.execute(statement)
            db.execute(f"PRAGMA application_id = {CONSOLIDATION_APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {number + 1}")
    return db


# ---------------------------------------------------------------- settings of the consolidation

def get_meta(db: sqlite_utils.Database) -> dict[str, str]:
    return {row["key"]: row["value"] for row in db.query("SELECT key, value FROM meta")}


def set_meta(db: sqlite_utils.Database, key: str, value: str) -> None:
    db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
               [key, value])


# ---------------------------------------------------------------- the expected units

def list_units(db: sqlite_utils.Database) -> list[dict]:
    units = [dict(row) for row in db.query("SELECT id, name, key FROM units ORDER BY position, id")]
    aliases: dict[int, list[str]] = {}
    for row in db.query("SELECT unit_id, alias FROM unit_aliases ORDER BY alias"):
        aliases.setdefault(row["unit_id"], []).append(row["alias"])
    for unit in units:
        unit["aliases"] = aliases.get(unit["id"], [])
    return units


def unit_of_key(db: sqlite_utils.Database, key: str) -> int | None:
    row = db.execute("SELECT id FROM units WHERE key = ? UNION ALL SELECT unit_id FROM unit_aliases WHERE key = ?",
                     [key, key]).fetchone()
    return row[0] if row else None


def replace_units(db: sqlite_utils.Database, units: list[tuple[str, str, list[tuple[str, str]]]]) -> None:
    """The expected list, whole: (name, key, [(alias, alias key)]) in order. Received rows keep their
    unit's name; their link is made again from the keys."""
    db.execute("DELETE FROM unit_aliases")
    db.execute("UPDATE received SET unit_id = NULL")
    db.execute("DELETE FROM units")
    for position, (name, key, aliases) in enumerate(units):
        unit_id = db.execute("INSERT INTO units (name, key, position) VALUES (?, ?, ?)", [name, key, position]).lastrowid
        for alias, alias_key in aliases:
            db.execute("INSERT OR IGNORE INTO unit_aliases (key, alias, unit_id) VALUES (?, ?, ?)",
                       [alias_key, alias, unit_id])
    db.execute("""UPDATE received SET unit_id = (SELECT id FROM units WHERE units.key = received.unit_key
                                                 UNION ALL SELECT unit_id FROM unit_aliases a
                                                 WHERE a.key = received.unit_key LIMIT 1)""")


# ---------------------------------------------------------------- received files

def insert_received(db: sqlite_utils.Database, row: dict) -> int:
    columns = ["file_name", "file_path", "file_sha256", "kind", "role", "outcome", "reason", "unit_id", "unit_name",
               "unit_key", "plan_key", "period", "version", "fingerprint", "pdf_sha256", "dated_on", "content"]
    values = [row.get(c) for c in columns]
    for index, column in enumerate(columns):
        if values[index] is None and column not in ("unit_id", "version", "dated_on", "content"):
            values[index] = ""
    return db.execute(
        f"INSERT INTO received ({', '.join(columns)}, received_at) VALUES ({', '.join('?' * len(columns))}, ?)",
        [*values, now_iso()]).lastrowid


def mark_replaced(db: sqlite_utils.Database, received_id: int, by: int, reason: str) -> None:
    db.execute("UPDATE received SET outcome = 'replaced', replaced_by = ?, reason = ? WHERE id = ?",
               [by, reason, received_id])


def received_rows(db: sqlite_utils.Database, with_content: bool = False) -> list[dict]:
    columns = "*" if with_content else ", ".join(
        c for c in ("id", "file_name", "file_path", "file_sha256", "kind", "role", "outcome", "reason", "unit_id",
                    "unit_name", "unit_key", "plan_key", "period", "version", "fingerprint", "pdf_sha256",
                    "dated_on", "replaced_by", "received_at"))
    return [dict(row) for row in db.query(f"SELECT {columns} FROM received ORDER BY id")]


def received_with_sha(db: sqlite_utils.Database, sha: str) -> dict | None:
    rows = list(db.query("SELECT id, file_name, outcome FROM received WHERE file_sha256 = ? AND outcome != 'refused' "
                         "ORDER BY id LIMIT 1", [sha]))
    return dict(rows[0]) if rows else None


def reports_of(db: sqlite_utils.Database, unit_key: str, plan_key: str) -> list[dict]:
    """The accepted and replaced reports of one unit's plan (the candidates a new version meets)."""
    return [dict(row) for row in db.query(
        "SELECT id, file_name, outcome, version, fingerprint, dated_on FROM received WHERE unit_key = ? AND "
        "plan_key = ? AND role = 'report' AND outcome IN ('accepted', 'replaced') ORDER BY version, id",
        [unit_key, plan_key])]


def report_with_fingerprint(db: sqlite_utils.Database, fingerprint: str) -> dict | None:
    rows = list(db.query("SELECT id, file_name, outcome FROM received WHERE fingerprint = ? AND role = 'report' "
                         "AND outcome IN ('accepted', 'replaced') LIMIT 1", [fingerprint]))
    return dict(rows[0]) if rows else None


def report_naming_pdf(db: sqlite_utils.Database, pdf_sha256: str) -> dict | None:
    rows = list(db.query("SELECT id, file_name, unit_name, outcome FROM received WHERE pdf_sha256 = ? AND role = 'report' "
                         "AND kind IN ('Excel', 'ZIP') AND outcome IN ('accepted', 'replaced') LIMIT 1", [pdf_sha256]))
    return dict(rows[0]) if rows else None


def current_reports(db: sqlite_utils.Database) -> list[dict]:
    """The accepted reports with their content, and the date of each one's first version."""
    return [dict(row) for row in db.query(
        """SELECT r.*, (SELECT min(o.dated_on) FROM received o WHERE o.unit_key = r.unit_key
                        AND o.plan_key = r.plan_key AND o.role = 'report'
                        AND o.outcome IN ('accepted', 'replaced')) AS first_dated_on
           FROM received r WHERE r.role = 'report' AND r.outcome = 'accepted' ORDER BY r.id""")]
