"""The signed report's content: one documented structure (report/snapshot.py), its format
checked on reading, and signed reports made by earlier code still reading and verifying."""

import hashlib
import io
import json
import typing
from pathlib import Path

import pytest
from openpyxl import load_workbook
from report_fixtures import PERIOD, ready_office

from parcdesk.db import reports as report_store
from parcdesk.errors import UserError
from parcdesk.report import signoff, snapshot
from parcdesk.report.content import build_report_content
from parcdesk.report.snapshot import CONTENT_FORMAT, ReportContent, fingerprint, read_content

DATA = Path(__file__).parent / "data"
# Signed with the code of 98d0767 (content format 1), before the content had a declared structure.
FORMAT_1 = json.loads((DATA / "signed-report-format-1.json").read_text(encoding="utf-8"))


def mismatches(value, hint, where="content") -> list[str]:
    """Where a JSON value departs from a TypedDict (keys exactly, nested dicts and lists followed)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        if value is None:
            return [] if type(None) in args else [f"{where}: None"]
        hint = next(a for a in args if a is not type(None))
        origin, args = typing.get_origin(hint), typing.get_args(hint)
    if typing.is_typeddict(hint):
        if not isinstance(value, dict):
            return [f"{where}: not an object"]
        hints = typing.get_type_hints(hint)
        required = set(hint.__required_keys__)  # NotRequired keys: rows of an older format lack them
        wrong = (required - set(value)) | (set(value) - set(hints))
        found = [f"{where}: keys {sorted(wrong)}"] if wrong else []
        for key in set(value) & set(hints):
            found += mismatches(value[key], hints[key], f"{where}.{key}")
        return found
    if origin is list:
        if not isinstance(value, list):
            return [f"{where}: not a list"]
        return [m for i, item in enumerate(value) for m in mismatches(item, args[0], f"{where}[{i}]")]
    return []


def insert_fixture(store, plan_id, row: dict) -> None:
    plan_created_at = store.db.execute("SELECT created_at FROM plans WHERE id = ?", [plan_id]).fetchone()[0]
    report_store.insert_signed_report(
        store.db, plan_id=plan_id, plan_created_at=plan_created_at, period=row["period"],
        version=row["version"], snapshot=row["snapshot"], sha256=row["sha256"], pdf_sha256=row["pdf_sha256"],
        xlsx_sha256=row["xlsx_sha256"],
        signer={"name": row["signer_name"], "position": row["signer_position"],
                "authority": row["signer_authority"]},
        signed_at=row["signed_at"], reason=row["reason"])


@pytest.fixture
def office(tmp_path):
    store, plan_id = ready_office(tmp_path / "office.sqlite")
    yield store, plan_id
    store.close()


def cells(data: bytes) -> list:
    """The visible sheets' cells (the proof sheet, report/proof.py, came later and is not compared)."""
    from parcdesk.report.proof import PROOF_SHEET

    workbook = load_workbook(io.BytesIO(data), read_only=True)
    return [[list(row) for row in workbook[name].iter_rows(values_only=True)] for name in workbook.sheetnames
            if name != PROOF_SHEET]


def test_a_report_signed_by_earlier_code_still_reads_and_verifies(office, tmp_path):
    store, plan_id = office
    assert fingerprint(json.loads(FORMAT_1["snapshot"])) == FORMAT_1["sha256"]
    insert_fixture(store, plan_id, FORMAT_1)
    rendered = signoff.report_to_export(store.db, plan_id, PERIOD)
    assert rendered.sha256 == FORMAT_1["sha256"] and rendered.record.version == FORMAT_1["version"]
    # read through the upgrade to the current format: nothing it printed changes, the new parts are empty
    assert rendered.content == {**json.loads(FORMAT_1["snapshot"]), "format": CONTENT_FORMAT,
                                "item_notes": {"difficulties": [], "proposals": [], "replaces_nothing": False},
                                "figures": None}
    # the Excel file exported then is recognised (by the hash stored at sign-off)
    exported = (DATA / "signed-report-format-1.xlsx").read_bytes()
    assert hashlib.sha256(exported).hexdigest() == FORMAT_1["xlsx_sha256"]
    (tmp_path / "bao-cao.xlsx").write_bytes(exported)
    assert signoff.verify_file(store.db, tmp_path / "bao-cao.xlsx").ok
    # the layout has changed since (issue 13: header block, numbers, Vietnamese data headers): a
    # re-export renders the same content in today's layout — other cells, same figures — and
    # that file verifies too, against the same signed record
    again = rendered.xlsx()
    assert cells(again) != cells(exported)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells(again)[0][0]
    (tmp_path / "lai.xlsx").write_bytes(again)
    verdict = signoff.verify_file(store.db, tmp_path / "lai.xlsx")
    assert verdict.ok and verdict.record.version == FORMAT_1["version"]


def test_the_declared_structure_is_the_one_built_and_signed(office):
    store, plan_id = office
    draft = build_report_content(store.db, plan_id, PERIOD)
    assert draft["format"] == CONTENT_FORMAT and draft["signoff"] is None
    assert mismatches(draft, ReportContent) == []
    done = signoff.sign_off(store.db, plan_id, PERIOD, signer="Thái Văn Ngự")
    signed = signoff.report_to_export(store.db, plan_id, PERIOD).content
    assert signed["signoff"]["version"] == done.record.version == 1
    assert mismatches(signed, ReportContent) == []
    assert mismatches(read_content(FORMAT_1["snapshot"]), ReportContent) == []
    assert mismatches({**draft, "extra": 1}, ReportContent) == ["content: keys ['extra']"]


def test_a_snapshot_of_a_newer_format_is_refused_in_one_sentence(office):
    store, plan_id = office
    newer = {**json.loads(FORMAT_1["snapshot"]), "format": CONTENT_FORMAT + 1}
    text = json.dumps(newer, ensure_ascii=False, sort_keys=True)
    insert_fixture(store, plan_id, {**FORMAT_1, "snapshot": text, "sha256": fingerprint(newer)})
    with pytest.raises(UserError) as refused:
        signoff.report_to_export(store.db, plan_id, PERIOD)
    message = str(refused.value)
    assert "phiên bản ParcDesk mới hơn" in message and "phiên bản 1 của báo cáo quý I năm 2025" in message
    assert message.count(".") == 1 and message.endswith(".")


@pytest.mark.parametrize("change", [{"format": None}, {"format": 0}, {"format": "1"}, {"kind": "plan"}])
def test_a_snapshot_without_a_known_format_is_refused(change):
    content = {**json.loads(FORMAT_1["snapshot"]), **change}
    with pytest.raises(UserError, match="không rõ định dạng nội dung"):
        read_content(content)


def test_a_snapshot_missing_a_part_is_refused():
    content = json.loads(FORMAT_1["snapshot"])
    del content["appendix"]
    with pytest.raises(UserError, match="thiếu phần appendix"):
        read_content(json.dumps(content))


def test_reading_leaves_the_current_format_as_it_is():
    content = read_content(FORMAT_1["snapshot"])  # upgraded to the current format
    assert content["format"] == CONTENT_FORMAT
    assert read_content(json.loads(json.dumps(content))) == content
    assert snapshot.canonical_json(read_content(content)) == snapshot.canonical_json(content)
