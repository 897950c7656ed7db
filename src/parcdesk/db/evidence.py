"""Evidence (tài liệu kiểm chứng): documents by number, date and summary, their files copied
beside the database with a SHA-256, so the office folder holds everything a year-end
self-assessment needs."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

from parcdesk.db import history
from parcdesk.db.connection import os_reason, transaction
from parcdesk.db.files import copy_file
from parcdesk.db.history import now_iso
from parcdesk.db.store import Store
from parcdesk.errors import UserError
from parcdesk.model import Evidence
from parcdesk.periods import earlier_in_year, parse_period
from parcdesk.text import clean, fold

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _stored_name(original: Path, sha: str) -> str:
    """ASCII file names survive every zip tool and USB stick; the hash keeps them apart."""
    stem = _UNSAFE.sub("-", fold(original.stem)).strip("-")[:60] or "tai-lieu"
    return f"{sha[:12]}_{stem}{original.suffix.lower()}"


def _copy_in(store: Store, source: Path) -> tuple[str, str]:
    source = Path(source)
    if not source.is_file():
        raise UserError(f"Không tìm thấy tệp {source}.")
    try:
        sha = sha256_of(source)
        folder = store.evidence_dir
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / _stored_name(source, sha)
        if not target.exists() or sha256_of(target) != sha:  # a copy altered since is replaced
            copy_file(source, target)  # temporary name, fsync, rename: never half a file
    except OSError as exc:
        raise UserError(f"Không sao chép được tệp {source.name} vào {store.evidence_dir}: {os_reason(exc)}.") from exc
    return target.name, sha


def _check_date(issued_on: str | date | None) -> str | None:
    if issued_on in (None, ""):
        return None
    if isinstance(issued_on, date):
        return issued_on.isoformat()
    try:
        return date.fromisoformat(str(issued_on)).isoformat()
    except ValueError:
        raise UserError(f"Ngày văn bản “{issued_on}” không hợp lệ.") from None


def add_evidence(store: Store, item_id: int, period: str, *, number: str = "", issued_on=None,
                 summary: str = "", file: Path | None = None, prepared: tuple[str, str] | None = None,
                 source: str = "") -> Evidence:
    period = parse_period(period).code
    db = store.db
    row = db.execute("SELECT plan_id FROM items WHERE id = ?", [item_id]).fetchone()
    if row is None:
        raise UserError(f"Không tìm thấy mục số {item_id}.")
    if not (clean(number) or clean(summary) or file):
        raise UserError("Tài liệu kiểm chứng cần ít nhất số hiệu, trích yếu hoặc một tệp đính kèm.")
    stored, sha, file_name = None, None, None
    if file is not None:
        stored, sha = prepared or _copy_in(store, Path(file))
        file_name = Path(file).name
    with transaction(db):
        evidence_id = db.table("evidence").insert({
            "item_id": item_id, "period": period, "number": clean(number),
            "issued_on": _check_date(issued_on), "summary": clean(summary), "file_name": file_name,
            "stored_path": stored, "sha256": sha, "added_at": now_iso(),
        }).last_pk
        history.record(db, entity="evidence", entity_id=evidence_id, field="added",
                       new=clean(number) or clean(summary) or file_name, plan_id=row[0], source=source)
    return get_evidence(db, evidence_id)


def get_evidence(db, evidence_id: int) -> Evidence:
    rows = list(db.query("SELECT * FROM evidence WHERE id = ?", [evidence_id]))
    if not rows:
        raise UserError("Không tìm thấy tài liệu kiểm chứng này.")
    return Evidence(**rows[0])


def _year_so_far(period: str) -> list[str]:
    """A period's documents are its own and those of the earlier periods of its year, linked, not
    copied (carry.py): the period codes to read, the earliest first."""
    period_ = parse_period(period)
    return [p.code for p in reversed(earlier_in_year(period_))] + [period_.code]


def list_evidence(db, item_id: int, period: str | None = None) -> list[Evidence]:
    """With a period: its documents and those carried from earlier in the year (each keeps the
    `period` it was added to), the earliest period first."""
    if period is None:
        rows = db.query("SELECT * FROM evidence WHERE item_id = ? ORDER BY period, id", [item_id])
        return [Evidence(**row) for row in rows]
    codes = _year_so_far(period)
    marks = ", ".join("?" * len(codes))
    rows = list(db.query(f"SELECT * FROM evidence WHERE item_id = ? AND period IN ({marks}) ORDER BY id",
                         [item_id, *codes]))
    rows.sort(key=lambda row: codes.index(row["period"]))
    return [Evidence(**row) for row in rows]


def evidence_counts(db, plan_id: int, period: str) -> dict[int, int]:
    """item id → number of evidence records for the period (its own and those carried)."""
    codes = _year_so_far(period)
    marks = ", ".join("?" * len(codes))
    return dict(db.execute(
        "SELECT e.item_id, count(*) FROM evidence e JOIN items i ON i.id = e.item_id "
        f"WHERE i.plan_id = ? AND e.period IN ({marks}) GROUP BY e.item_id",
        [plan_id, *codes],
    ).fetchall())


def evidence_of_plan(db, plan_id: int, period: str) -> dict[int, list[dict]]:
    """item id → the period's evidence records (number, issued_on, summary, file_name, period),
    those carried from earlier in the year first, then in the order added."""
    codes = _year_so_far(period)
    marks = ", ".join("?" * len(codes))
    found: dict[int, list[dict]] = {}
    rows = list(db.query(
        "SELECT e.item_id, e.number, e.issued_on, e.summary, e.file_name, e.period FROM evidence e "
        f"JOIN items i ON i.id = e.item_id WHERE i.plan_id = ? AND e.period IN ({marks}) "
        "ORDER BY e.item_id, e.id",
        [plan_id, *codes],
    ))
    rows.sort(key=lambda row: (row["item_id"], codes.index(row["period"])))
    for row in rows:
        found.setdefault(row["item_id"], []).append(row)
    return found


def update_evidence(store: Store, evidence_id: int, *, number=None, issued_on=None, summary=None,
                    file: Path | None = None, prepared: tuple[str, str] | None = None,
                    source: str = "") -> Evidence:
    """Change the record's fields; a new file replaces the old one (the old copy stays if shared)."""
    old = get_evidence(store.db, evidence_id)
    changes: dict = {}
    if number is not None:
        changes["number"] = clean(number)
    if summary is not None:
        changes["summary"] = clean(summary)
    if issued_on is not None:
        changes["issued_on"] = _check_date(issued_on)
    if file is not None:
        changes["stored_path"], changes["sha256"] = prepared or _copy_in(store, Path(file))
        changes["file_name"] = Path(file).name
    changes = {k: v for k, v in changes.items() if getattr(old, k) != v}
    if not changes:
        return old
    with transaction(store.db):
        store.db.table("evidence").update(evidence_id, changes)
        for key, value in changes.items():
            history.record(store.db, entity="evidence", entity_id=evidence_id, field=key,
                           old=getattr(old, key), new=value, source=source)
    # the replaced file stays: undoing the replacement points at it again
    return get_evidence(store.db, evidence_id)


def remove_evidence(store: Store, evidence_id: int, source: str = "") -> Evidence:
    """Delete the record; returns it so that the removal can be undone."""
    old = get_evidence(store.db, evidence_id)
    with transaction(store.db):
        store.db.execute("DELETE FROM evidence WHERE id = ?", [evidence_id])
        history.record(store.db, entity="evidence", entity_id=evidence_id, field="removed",
                       old=old.number or old.summary or old.file_name, source=source)
    # the file itself is kept: an undo brings the record back, and files are small beside the risk
    return old


def restore_evidence(store: Store, evidence: Evidence, source: str = "") -> None:
    with transaction(store.db):
        store.db.table("evidence").insert(dict(evidence.__dict__))
        history.record(store.db, entity="evidence", entity_id=evidence.id, field="restored",
                       new=evidence.number or evidence.summary or evidence.file_name, source=source)


def evidence_file(store: Store, evidence: Evidence) -> Path | None:
    if not evidence.stored_path:
        return None
    path = store.evidence_dir / evidence.stored_path
    if not path.is_file():
        raise UserError(f"Tệp “{evidence.file_name}” không còn trong thư mục {store.evidence_dir}.")
    return path


def copy_in(store: Store, source: Path) -> tuple[str, str]:
    """The file copied into the evidence folder (before its record is written): (stored name, sha256)."""
    return _copy_in(store, source)


def evidence_records_of_plan(db, plan_id: int, period: str) -> dict[int, list[Evidence]]:
    """item id → the period's evidence records whole (stored file and SHA-256 included), in the
    order added: what the evidence pack for appraisal copies (report/evidence_pack.py)."""
    found: dict[int, list[Evidence]] = {}
    for row in db.query(
        "SELECT e.* FROM evidence e JOIN items i ON i.id = e.item_id "
        "WHERE i.plan_id = ? AND e.period = ? ORDER BY e.item_id, e.id",
        [plan_id, period],
    ):
        found.setdefault(row["item_id"], []).append(Evidence(**row))
    return found
