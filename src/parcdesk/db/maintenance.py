"""Integrity check of an office's data file (backups: db/backup.py).

`check` reports what SQLite's `integrity_check` and `foreign_key_check` find, the schema
version, and the evidence files: rows whose file is missing from the evidence folder or whose
SHA-256 no longer matches the one recorded when it was copied in. A damaged file is opened
read-only and `check` says what the check found (how many faults, on which pages), or that
the file is too damaged for SQLite to read its structure at all, with how to restore.

What `check` cannot see: edits lost with a `-wal` file deleted or cut after a crash, when the
main file is still sound by itself (see the README's "The data file"); a change made to the
file by another program that keeps its structure sound.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from parcdesk.db.backup import Backup, backup_store, quoted_names
from parcdesk.db.connection import StoreError, restore_advice
from parcdesk.db.migrate import schema_version
from parcdesk.db.schema import CURRENT_VERSION
from parcdesk.db.store import Store, open_store

__all__ = ["Backup", "CheckReport", "backup_store", "check_path", "check_store"]

_PAGE = re.compile(r"\bpage (\d+)", re.IGNORECASE)


@dataclass
class CheckReport:
    schema_version: int
    expected_version: int
    integrity: list[str] = field(default_factory=list)
    foreign_key_problems: list[dict] = field(default_factory=list)
    # evidence rows whose file is gone ("missing") or no longer the one copied in ("changed")
    evidence_problems: list[dict] = field(default_factory=list)
    # False when SQLite could not even run the check (the file's structure itself unreadable);
    # `integrity` then holds SQLite's own message
    readable: bool = True

    @property
    def damaged(self) -> bool:
        return not self.readable or self.integrity != ["ok"]

    @property
    def findings(self) -> list[str]:
        """integrity_check's faults one by one (a row may hold several lines, under a
        "*** in database main ***" heading)."""
        if not self.damaged:
            return []
        return [line for row in self.integrity for line in row.splitlines()
                if line.strip() and not line.startswith("***")]

    @property
    def damaged_pages(self) -> list[int]:
        """The pages SQLite's findings name, in order, each once."""
        return sorted({int(number) for line in self.findings for number in _PAGE.findall(line)})

    @property
    def sound(self) -> bool:
        return (
            self.schema_version == self.expected_version
            and not self.damaged
            and not self.foreign_key_problems
            and not self.evidence_problems
        )

    def sentence(self, path) -> str:
        """What the check found, as one Vietnamese sentence (for a report that is not sound); a
        damaged file's sentence ends with how to restore the latest backup."""
        problems = []
        if not self.readable:
            problems.append("tệp bị hỏng nặng đến mức không đọc được cả cấu trúc của tệp để kiểm tra")
        elif self.integrity != ["ok"]:
            pages = self.damaged_pages
            shown = ", ".join(str(page) for page in pages[:5]) + (" …" if len(pages) > 5 else "")
            where = f" (trang {shown})" if pages else ""
            problems.append(f"cấu trúc tệp bị hỏng: {len(self.findings)} lỗi{where}")
        if self.readable and self.schema_version != self.expected_version:
            problems.append(f"lược đồ phiên bản {self.schema_version}, cần {self.expected_version}")
        if self.foreign_key_problems:
            problems.append(f"{len(self.foreign_key_problems)} liên kết hỏng")
        missing = [p for p in self.evidence_problems if p["problem"] == "missing"]
        changed = [p for p in self.evidence_problems if p["problem"] == "changed"]
        if missing:
            problems.append(f"{len(missing)} tài liệu kiểm chứng mất tệp ({_names(missing)})")
        if changed:
            problems.append(f"{len(changed)} tài liệu kiểm chứng có tệp đã bị sửa khác với lúc đính kèm ({_names(changed)})")
        advice = f"; {restore_advice(Path(path))}" if self.damaged else ""
        return f"Kiểm tra tệp dữ liệu {path}: {'; '.join(problems)}{advice}."

    def to_dict(self) -> dict:
        return {
            "ok": self.sound,
            "schema_version": self.schema_version if self.readable else None,
            "expected_version": self.expected_version,
            "integrity": self.integrity,
            "foreign_key_problems": self.foreign_key_problems,
            "evidence_problems": self.evidence_problems,
            "damaged": self.damaged,
            "readable": self.readable,
            "findings": self.findings,
            "damaged_pages": self.damaged_pages,
        }


def check_path(path: str | Path) -> CheckReport:
    """`check` of the file at `path`: a damaged file is opened read-only to say what is found; one
    too damaged even to be opened is reported as unreadable (StoreError for every other fault)."""
    try:
        with open_store(path, allow_damaged=True) as store:
            return check_store(store)
    except StoreError as error:
        if error.kind != "damaged":
            raise
        return CheckReport(0, CURRENT_VERSION, [str(error.__cause__ or error)], readable=False)


def check_store(store: Store) -> CheckReport:
    """Everything `check` reports. Read-only; a structure too damaged to be checked at all is
    reported as unreadable, not raised."""
    db = store.db
    try:
        integrity = [row[0] for row in db.execute("PRAGMA integrity_check")]
        version = schema_version(db)
    except StoreError as error:
        if error.kind != "damaged":
            raise
        # SQLite gave up ("malformed") before it could list what is wrong
        return CheckReport(0, CURRENT_VERSION, [str(error.__cause__ or error)], readable=False)
    if integrity != ["ok"]:  # links and evidence are not read from a damaged structure
        return CheckReport(version, CURRENT_VERSION, integrity)
    problems = [
        {"table": row[0], "rowid": row[1], "parent": row[2]}
        for row in db.execute("PRAGMA foreign_key_check")
    ]
    return CheckReport(version, CURRENT_VERSION, integrity, problems, check_evidence_files(store))


def check_evidence_files(store: Store) -> list[dict]:
    """Evidence rows whose stored file is missing or whose SHA-256 differs from the recorded one."""
    from parcdesk.db.evidence import sha256_of

    found = []
    rows = store.db.execute(
        "SELECT id, item_id, period, file_name, stored_path, sha256 FROM evidence "
        "WHERE stored_path IS NOT NULL ORDER BY id"
    ).fetchall()
    digests: dict[str, str | None] = {}  # one file may serve several rows
    for evidence_id, item_id, period, file_name, stored_path, sha in rows:
        if stored_path not in digests:
            path = store.evidence_dir / stored_path
            try:
                digests[stored_path] = sha256_of(path) if path.is_file() else None
            except OSError:
                digests[stored_path] = None
        actual = digests[stored_path]
        if actual is None or (sha and actual != sha):
            found.append({"evidence_id": evidence_id, "item_id": item_id, "period": period,
                          "file_name": file_name, "stored_path": stored_path,
                          "problem": "missing" if actual is None else "changed"})
    return found


def _names(problems: list[dict]) -> str:
    return quoted_names([p["file_name"] or p["stored_path"] for p in problems])
