"""The office's own settings and its signers."""

from __future__ import annotations

import sqlite_utils

from parcdesk.db import history
from parcdesk.db.connection import transaction
from parcdesk.errors import UserError
from parcdesk.model import UNIT_KINDS, OfficeSettings, Signer, default_authority
from parcdesk.text import clean

_TEXT_KEYS = ("unit_name", "unit_kind", "superior", "place")


def load_settings(db: sqlite_utils.Database) -> OfficeSettings:
    values = {row["key"]: row["value"] for row in db.query("SELECT key, value FROM settings")}
    settings = OfficeSettings(**{key: values.get(key, "") for key in _TEXT_KEYS})
    if values.get("report_deadline_day", "").isdigit():
        settings.report_deadline_day = int(values["report_deadline_day"])
    settings.signers = [
        Signer(name=row["name"], position=row["position"], authority=row["authority"], id=row["id"])
        for row in db.query("SELECT * FROM signers WHERE active = 1 ORDER BY sort, id")
    ]
    return settings


def save_settings(db: sqlite_utils.Database, source: str = "", **changes) -> OfficeSettings:
    """Set some of unit_name, unit_kind, superior, place, report_deadline_day."""
    old = load_settings(db)
    with transaction(db):
        for key, value in changes.items():
            if value is None:
                continue
            if key == "report_deadline_day":
                day = int(value)
                if not 1 <= day <= 28:
                    raise UserError("Hạn báo cáo phải là một ngày từ 1 đến 28 của tháng cuối kỳ.")
                value = str(day)
            elif key in _TEXT_KEYS:
                value = clean(value)
                if key == "unit_kind" and value not in UNIT_KINDS:
                    raise UserError(
                        f"Loại đơn vị “{value}” không hợp lệ; chọn một trong: {', '.join(UNIT_KINDS)}."
                    )
                if key == "unit_name" and not value:
                    raise UserError("Tên đơn vị không được để trống.")
            else:
                raise KeyError(key)
            previous = getattr(old, key)
            if str(previous) != value:
                db.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [key, value],
                )
                history.record(db, entity="settings", entity_id=None, field=key, old=previous, new=value, source=source)
    return load_settings(db)


def add_signer(db: sqlite_utils.Database, name: str, position: str, authority: str = "") -> Signer:
    name, position, authority = clean(name), clean(position).upper(), clean(authority).upper()
    if not name or not position:
        raise UserError("Người ký cần có họ tên và chức vụ.")
    if not authority:
        authority = default_authority(position)
    with transaction(db):
        existing = db.execute("SELECT id FROM signers WHERE name = ? AND active = 1", [name]).fetchone()
        if existing:
            db.table("signers").update(existing[0], {"position": position, "authority": authority})
            signer_id = existing[0]
        else:
            sort = db.execute("SELECT coalesce(max(sort), 0) + 1 FROM signers").fetchone()[0]
            signer_id = db.table("signers").insert(
                {"name": name, "position": position, "authority": authority, "sort": sort, "active": 1}
            ).last_pk
    return Signer(name=name, position=position, authority=authority, id=signer_id)


def signer_is_active(db: sqlite_utils.Database, signer_id: int) -> bool:
    return db.execute("SELECT 1 FROM signers WHERE id = ? AND active = 1", [signer_id]).fetchone() is not None


def find_signer(db: sqlite_utils.Database, name: str) -> Signer:
    from parcdesk.text import fold

    wanted = fold(name)
    for signer in load_settings(db).signers:
        if fold(signer.name) == wanted:
            return signer
    known = ", ".join(s.name for s in load_settings(db).signers) or "chưa có ai"
    raise UserError(f"Không có người ký “{name}” trong cài đặt của đơn vị (hiện có: {known}).")
