"""Cumulative periods (carry.py): 6 tháng starts from Quý I, an edit there stays there, the lock
follows what a signed later report shows, and "Chép từ kỳ trước" is one undoable operation."""

import json

import pytest
from report_fixtures import SECTIONS, ready_office

from parcdesk.db.evidence import evidence_counts, list_evidence
from parcdesk.db.items import find_item
from parcdesk.db.progress import get_progress, own_progress, progress_of_plan
from parcdesk.ops import carry as carry_ops
from parcdesk.ops import evidence as evidence_ops
from parcdesk.ops import progress as progress_ops
from parcdesk.ops import reports as report_ops
from parcdesk.ops import undo
from parcdesk.ops.lock import PeriodLocked
from parcdesk.report.content import build_report_content
from parcdesk.errors import UserError

Q1, H1, M9 = "2025-Q1", "2025-H1", "2025-9M"


@pytest.fixture
def office(tmp_path):
    store, plan_id = ready_office(tmp_path / "office.sqlite")
    yield store, plan_id
    store.close()


def item(store, plan_id, code):
    return find_item(store.db, plan_id, code)


def count_item(store, plan_id):
    """An item whose target is a count (a unit other than %)."""
    row = store.db.execute("SELECT id FROM items WHERE plan_id = ? AND target_unit IS NOT NULL "
                           "AND target_unit != '%' AND level != 'area' LIMIT 1", [plan_id]).fetchone()
    assert row is not None, "the template has a counted target"
    return row[0]


def test_six_months_starts_from_quarter_one_marked_as_carried(office):
    store, plan_id = office
    tc11 = item(store, plan_id, "TC 1.1")  # done, 100 %, with evidence in Q1
    record = get_progress(store.db, tc11, H1)
    assert (record.status, record.actual_value, record.result) == ("done", 100, "Đã hoàn thành kế hoạch quý.")
    assert record.carried_from == Q1 and own_progress(store.db, tc11, H1) is None
    assert progress_of_plan(store.db, plan_id, H1)[tc11].carried_from == Q1
    assert progress_of_plan(store.db, plan_id, M9)[tc11].carried_from == Q1  # through an empty 6 tháng
    # evidence: the same record, linked (its own period kept), not a copy
    carried = list_evidence(store.db, tc11, H1)
    assert [(e.period, e.number) for e in carried] == [(Q1, "15/BC-UBND")]
    assert evidence_counts(store.db, plan_id, H1)[tc11] == 1
    assert store.db.execute("SELECT count(*) FROM evidence").fetchone()[0] == 1
    # the 6-month report counts it as done, with its evidence
    content = build_report_content(store.db, plan_id, H1, report_date="2025-07-05")
    q1 = build_report_content(store.db, plan_id, Q1)
    assert content["totals"]["done"] == q1["totals"]["done"] >= 1
    row = next(r for r in content["appendix"]["rows"] if r["id"] == tc11)
    assert row["status"] == "done" and row["carried_from"] == Q1 and row["carried_label"] == "mang sang từ quý I"
    assert row["evidence"] == q1["appendix"]["rows"][[r["id"] for r in q1["appendix"]["rows"]].index(tc11)]["evidence"]


def test_an_edit_in_six_months_leaves_quarter_one_as_it_was(office):
    store, plan_id = office
    tc11 = item(store, plan_id, "TC 1.1")
    before = own_progress(store.db, tc11, Q1)
    progress_ops.set_progress(store, tc11, H1, result="Đã hoàn thành kế hoạch 6 tháng.")
    assert own_progress(store.db, tc11, Q1) == before
    mine = own_progress(store.db, tc11, H1)
    assert (mine.status, mine.actual_value, mine.result) == ("done", 100, "Đã hoàn thành kế hoạch 6 tháng.")
    assert mine.carried_from is None  # its own record now
    # a change to Quý I no longer reaches an item 6 tháng has its own record of
    progress_ops.set_progress(store, tc11, Q1, status="in_progress")
    assert get_progress(store.db, tc11, H1).status == "done"


def test_what_carries_counts_rates_not_applicable_and_texts(office):
    store, plan_id = office
    counted = count_item(store, plan_id)
    progress_ops.set_progress(store, counted, Q1, status="in_progress", actual_value=20,
                              difficulties="Thiếu kinh phí.", proposals="Bổ sung kinh phí.")
    record = get_progress(store.db, counted, H1)
    assert record.status == "in_progress" and record.actual_value is None  # a count is not carried
    assert (record.difficulties, record.proposals) == ("", "")  # a period states its own
    rate = item(store, plan_id, "TCTP 3.4.2")  # 97,5 %
    assert get_progress(store.db, rate, H1).actual_value == 97.5  # a rate carries as last known
    progress_ops.set_progress(store, item(store, plan_id, "TC 1.2"), Q1, status="not_applicable")
    assert get_progress(store.db, item(store, plan_id, "TC 1.2"), H1).status == "not_applicable"


def test_carry_for_all_is_one_undoable_operation_and_replaces_the_later_record(office):
    store, plan_id = office
    tc11, rate = item(store, plan_id, "TC 1.1"), item(store, plan_id, "TCTP 3.4.2")
    progress_ops.set_progress(store, rate, H1, status="failed", result="Chưa đạt.")
    result = carry_ops.carry_progress(store, plan_id, Q1, H1, source="test")
    assert set(result.value) >= {tc11, rate} and (rate, H1) in result.changes.progress
    assert own_progress(store.db, rate, H1).status == "in_progress"
    assert own_progress(store.db, rate, H1).carried_from == Q1
    assert own_progress(store.db, tc11, H1).carried_from == Q1
    undo.undo(store)
    assert own_progress(store.db, tc11, H1) is None
    assert own_progress(store.db, rate, H1).status == "failed"
    with pytest.raises(UserError, match="không đứng trước"):
        carry_ops.carry_progress(store, plan_id, H1, Q1)


def test_carry_one_item(office):
    store, plan_id = office
    tc11, rate = item(store, plan_id, "TC 1.1"), item(store, plan_id, "TCTP 3.4.2")
    result = carry_ops.carry_progress(store, plan_id, Q1, H1, item_ids=[tc11])
    assert result.value == [tc11] and own_progress(store.db, rate, H1) is None
    assert "TC 1.1" in result.label


def test_a_signed_six_months_holds_what_it_carried_from_quarter_one(office):
    store, plan_id = office
    tc11, rate = item(store, plan_id, "TC 1.1"), item(store, plan_id, "TCTP 3.4.2")
    progress_ops.set_progress(store, rate, H1, status="done")  # its own record in 6 tháng
    report_ops.save_draft(store, plan_id, H1, report_date="2025-07-05", **SECTIONS)
    report_ops.sign_off(store, plan_id, H1, signer="Thái Văn Ngự")
    with pytest.raises(PeriodLocked, match="6 tháng"):
        progress_ops.set_progress(store, tc11, Q1, result="Sửa quý I.")  # 6 tháng shows it carried
    progress_ops.set_progress(store, rate, Q1, result="Sửa quý I.")  # 6 tháng has its own: free
    evidence = list_evidence(store.db, tc11, Q1)[0]
    with pytest.raises(PeriodLocked):
        evidence_ops.remove_evidence(store, evidence.id)


def test_progress_carry_and_show_on_the_command_line(office, run):
    store, plan_id = office
    path = store.path
    store.close()
    code, out, _ = run("--db", path, "progress", "show", "--plan", plan_id, "--period", H1)
    assert code == 0 and "Hoàn thành, 100% (đạt) [mang sang từ quý I]" in out
    code, out, _ = run("--db", path, "progress", "show", "--plan", plan_id, "--period", H1, "--json")
    rows = {row["code"]: row for row in json.loads(out)["items"]}
    assert rows["TC 1.1"]["carried_from"] == Q1 and rows["TCTP 1.3.1"]["carried_from"] is None
    code, out, _ = run("--db", path, "progress", "carry", "--plan", plan_id, "--from", Q1, "--to", H1,
                       "--item", "TC 1.1", "--json")
    assert code == 0 and len(json.loads(out)["carried"]) == 1
    code, out, err = run("--db", path, "progress", "carry", "--plan", plan_id, "--from", H1, "--to", Q1)
    assert code != 0 and "không đứng trước" in err
