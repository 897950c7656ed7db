"""The report's tables: the office's drafts, its report defaults, the signed reports.

- `report_drafts`: what the officer writes before signing, one row per plan and period, and
  the reason of a correction while one is open.
- `settings` keys `report_addressee`, `report_recipients` (JSON list): the defaults of
  "Kính gửi" and "Nơi nhận" (the rest of the settings table is db/settings.py's).
- `signed_reports`: each signed version, its content snapshot (canonical JSON, see
  report/content.py) and fingerprints. A row is written once and never changed.

Rows in, rows out: the rules (what a draft may hold, when a sign-off is allowed, what the
snapshot means) live in report/. The period lock's queries are db/locks.py's.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

import sqlite_utils

from parcdesk.db.history import now_iso
from parcdesk.periods import parse_period

# ---------------------------------------------------------------- drafts


@dataclass
class ReportDraft:
    plan_id: int
    period: str
    results: str = ""
    shortcomings: str = ""
    next_tasks: str = ""
    proposals: str = ""
    addressee: str | None = None
    recipients: list[str] | None = None
    number: str = ""
    report_date: str | None = None
    signer_id: int | None = None
    correction_reason: str | None = None
    updated_at: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def read_draft(db: sqlite_utils.Database, plan_id: int, period: str) -> ReportDraft:
    """The draft of the plan's report for the period (a period code); an empty one if none is saved."""
    rows = list(db.query("SELECT * FROM report_drafts WHERE plan_id = ? AND period = ?", [plan_id, period]))
    if not rows:
        return ReportDraft(plan_id=plan_id, period=period)
    row = rows[0]
    return ReportDraft(
        plan_id=plan_id, period=period, results=row["results"], shortcomings=row["shortcomings"],
        next_tasks=row["next_tasks"], proposals=row["proposals"], addressee=row["addressee"],
        recipients=json.loads(row["recipients"]) if row["recipients"] is not None else None,
        number=row["number"], report_date=row["report_date"], signer_id=row["signer_id"],
        correction_reason=row["correction_reason"], updated_at=row["updated_at"],
    )


def write_draft(db: sqlite_utils.Database, draft: ReportDraft) -> None:
    # explicit upsert: sqlite-utils' upsert would skip a row whose NOT NULL column has no default
    db.execute(
        """INSERT INTO report_drafts (plan_id, period, results, shortcomings, next_tasks, proposals,
                                      addressee, recipients, number, report_date, signer_id,
                                      correction_reason, updated_at)
           VALUES (:plan_id, :period, :results, :shortcomings, :next_tasks, :proposals, :addressee,
                   :recipients, :number, :report_date, :signer_id, :correction_reason, :updated_at)
           ON CONFLICT (plan_id, period) DO UPDATE SET
               results = excluded.results, shortcomings = excluded.shortcomings,
               next_tasks = excluded.next_tasks, proposals = excluded.proposals,
               addressee = excluded.addressee, recipients = excluded.recipients,
               number = excluded.number, report_date = excluded.report_date,
               signer_id = excluded.signer_id, correction_reason = excluded.correction_reason,
               updated_at = excluded.updated_at""",
        {**draft.to_dict(),
         "recipients": None if draft.recipients is None else json.dumps(draft.recipients, ensure_ascii=False),
         "updated_at": draft.updated_at or now_iso()},
    )


def set_correction_reason(db: sqlite_utils.Database, plan_id: int, period: str, reason: str | None) -> None:
    """Open (a reason) or close (None) the correction of the period's signed report."""
    draft = read_draft(db, plan_id, period)
    draft.correction_reason = reason
    draft.updated_at = now_iso()
    write_draft(db, draft)


# ---------------------------------------------------------------- report defaults

REPORT_SETTING_KEYS = ("report_addressee", "report_recipients")


@dataclass
class ReportSettings:
    """The settings a report's defaults are made of; "" where not set."""
    addressee: str = ""
    recipients: list[str] | None = None  # None: never set (the default list applies)
    superior: str = ""
    unit_kind: str = ""


def read_report_settings(db: sqlite_utils.Database) -> ReportSettings:
    values = {row["key"]: row["value"] for row in db.query(
        "SELECT key, value FROM settings WHERE key IN ('report_addressee', 'report_recipients', "
        "'superior', 'unit_kind')")}
    return ReportSettings(
        addressee=values.get("report_addressee") or "",
        recipients=json.loads(values["report_recipients"]) if values.get("report_recipients") else None,
        superior=values.get("superior") or "",
        unit_kind=values.get("unit_kind") or "",
    )


def write_report_addressee(db: sqlite_utils.Database, addressee: str) -> None:
    _set_setting(db, "report_addressee", addressee)


def write_report_recipients(db: sqlite_utils.Database, recipients: list[str]) -> None:
    _set_setting(db, "report_recipients", json.dumps(recipients, ensure_ascii=False))


def _set_setting(db: sqlite_utils.Database, key: str, value: str) -> None:
    db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
               "ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])


# ---------------------------------------------------------------- signed reports


@dataclass
class SignedReport:
    id: int
    plan_id: int
    period: str
    version: int
    sha256: str
    pdf_sha256: str
    xlsx_sha256: str
    signer_name: str
    signer_position: str
    signer_authority: str
    signed_at: str
    reason: str | None
    snapshot: str = field(repr=False, default="")  # the content's JSON; read it with report.content.read_content
    current: bool = False

    @property
    def period_label(self) -> str:
        return parse_period(self.period).label

    def to_dict(self) -> dict:
        return {
            "id": self.id, "plan_id": self.plan_id, "period": self.period, "version": self.version,
            "sha256": self.sha256, "pdf_sha256": self.pdf_sha256, "xlsx_sha256": self.xlsx_sha256,
            "signer": {"name": self.signer_name, "position": self.signer_position,
                       "authority": self.signer_authority},
            "signed_at": self.signed_at, "reason": self.reason, "current": self.current,
        }


def _plan_stamp(db: sqlite_utils.Database, plan_id: int) -> str | None:
    """The plan's creation time: a plan id reused after a deletion does not inherit old reports."""
    row = db.execute("SELECT created_at FROM plans WHERE id = ?", [plan_id]).fetchone()
    return row[0] if row else None


def _records(db: sqlite_utils.Database, where: str, params: list) -> list[SignedReport]:
    rows = db.query(
        f"""SELECT s.*, s.version = (SELECT max(o.version) FROM signed_reports o
                                     WHERE o.plan_id = s.plan_id AND o.plan_created_at = s.plan_created_at
                                       AND o.period = s.period) AS is_current
            FROM signed_reports s WHERE {where} ORDER BY s.plan_id, s.period, s.version""",
        params,
    )
    return [
        SignedReport(
            id=row["id"], plan_id=row["plan_id"], period=row["period"], version=row["version"],
            sha256=row["sha256"], pdf_sha256=row["pdf_sha256"], xlsx_sha256=row["xlsx_sha256"],
            signer_name=row["signer_name"], signer_position=row["signer_position"],
            signer_authority=row["signer_authority"], signed_at=row["signed_at"], reason=row["reason"],
            snapshot=row["snapshot"], current=bool(row["is_current"]),
        )
        for row in rows
    ]


def signed_versions(db: sqlite_utils.Database, plan_id: int, period: str) -> list[SignedReport]:
    """Every signed version of the plan's report for the period (a code), oldest first."""
    stamp = _plan_stamp(db, plan_id)
    if stamp is None:
        return []
    return _records(db, "s.plan_id = ? AND s.plan_created_at = ? AND s.period = ?", [plan_id, stamp, period])


def signed_of_plan(db: sqlite_utils.Database, plan_id: int) -> list[SignedReport]:
    stamp = _plan_stamp(db, plan_id)
    return _records(db, "s.plan_id = ? AND s.plan_created_at = ?", [plan_id, stamp]) if stamp else []


def signed_with_file(db: sqlite_utils.Database, digest: str) -> list[SignedReport]:
    """The signed reports one of whose exported files (PDF or Excel) has this SHA-256."""
    return _records(db, "s.pdf_sha256 = ? OR s.xlsx_sha256 = ?", [digest, digest])


def signed_with_fingerprint(db: sqlite_utils.Database, sha256: str) -> list[SignedReport]:
    """The signed reports whose content has this fingerprint."""
    return _records(db, "s.sha256 = ?", [sha256])


def insert_signed_report(db: sqlite_utils.Database, *, plan_id: int, plan_created_at: str, period: str,
                         version: int, snapshot: str, sha256: str, pdf_sha256: str, xlsx_sha256: str,
                         signer: dict, signed_at: str, reason: str | None) -> int:
    return db.execute(
        """INSERT INTO signed_reports (plan_id, plan_created_at, period, version, snapshot, sha256,
               pdf_sha256, xlsx_sha256, signer_name, signer_position, signer_authority, signed_at, reason)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [plan_id, plan_created_at, period, version, snapshot, sha256, pdf_sha256, xlsx_sha256,
         signer["name"], signer["position"], signer["authority"], signed_at, reason],
    ).lastrowid
