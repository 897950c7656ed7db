"""What changed since the last signed report (report/changes.py, `report changes`)."""

import json

import pytest
from report_fixtures import ready_office

from parcdesk.db.items import find_item
from parcdesk.ops import evidence as evidence_ops
from parcdesk.ops import progress as progress_ops
from parcdesk.ops import reports as report_ops
from parcdesk.report.changes import changes_since_signed


@pytest.fixture
def signed_q1(tmp_path):
    store, plan_id = ready_office(tmp_path / "office.sqlite")
    report_ops.sign_off(store, plan_id, "2025-Q1", signer="Thái Văn Ngự")
    yield store, plan_id
    store.close()


def test_nothing_signed_nothing_to_compare(tmp_path):
    store, plan_id = ready_office(tmp_path / "office.sqlite")
    assert changes_since_signed(store.db, plan_id, "2025-H1") == {"period": "2025-H1", "baseline": None, "items": []}
    store.close()


def test_six_months_against_the_signed_quarter_one(signed_q1, run):
    store, plan_id = signed_q1
    assert changes_since_signed(store.db, plan_id, "2025-H1")["items"] == []  # all carried, nothing new
    rate, tc11 = find_item(store.db, plan_id, "TCTP 3.4.2"), find_item(store.db, plan_id, "TC 1.1")
    progress_ops.set_progress(store, rate, "2025-H1", status="done", actual_value="99")
    evidence_ops.add_evidence(store, tc11, "2025-H1", number="20/BC-UBND", summary="Báo cáo 6 tháng")
    found = changes_since_signed(store.db, plan_id, "2025-H1")
    assert found["baseline"]["period"] == "2025-Q1" and found["baseline"]["version"] == 1
    by_code = {item["code"]: {c["field"]: (c["old"], c["new"]) for c in item["changes"]} for item in found["items"]}
    assert by_code["TCTP 3.4.2"] == {"status": ("in_progress", "done"), "value": (97.5, 99)}
    assert by_code["TC 1.1"]["evidence"][1][-1].startswith("Báo cáo 6 tháng số 20/BC-UBND")
    assert set(by_code) == {"TCTP 3.4.2", "TC 1.1"}
    path = store.path
    store.close()
    code, out, _ = run("--db", path, "report", "changes", "--plan", plan_id, "--period", "2025-H1", "--json")
    assert code == 0 and json.loads(out)["items"] == found["items"]
    code, out, _ = run("--db", path, "report", "changes", "--plan", plan_id, "--period", "2025-H1")
    assert "Trạng thái: Đang thực hiện → Hoàn thành" in out


def test_a_correction_compares_with_the_previous_version(signed_q1):
    store, plan_id = signed_q1
    report_ops.open_correction(store, plan_id, "2025-Q1", reason="Sửa số liệu TCTP 3.4.2")
    progress_ops.set_progress(store, find_item(store.db, plan_id, "TCTP 3.4.2"), "2025-Q1", result="Đúng hạn 98%.")
    found = changes_since_signed(store.db, plan_id, "2025-Q1")
    assert found["baseline"]["period"] == "2025-Q1"
    assert [(i["code"], [c["field"] for c in i["changes"]]) for i in found["items"]] == [("TCTP 3.4.2", ["result"])]
