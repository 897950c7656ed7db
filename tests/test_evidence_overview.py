"""Evidence files beside the database, and the overview of a period."""

from datetime import date

import pytest

from helpers import office_with_plan
from parcdesk.db.evidence import (
    add_evidence, evidence_counts, evidence_file, list_evidence, remove_evidence, restore_evidence,
    sha256_of, update_evidence,
)
from parcdesk.db.items import find_item, load_tree
from parcdesk.db.progress import progress_of_plan, set_progress
from parcdesk.errors import UserError
from parcdesk.overview import compute_overview
from parcdesk.periods import parse_period


@pytest.fixture
def office(tmp_path):
    store, plan_id = office_with_plan(tmp_path / "office.sqlite", year=2025)
    yield store, plan_id
    store.close()


def test_attached_file_is_copied_with_its_hash(office, tmp_path):
    store, plan_id = office
    scan = tmp_path / "Báo cáo số 15.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    item_id = find_item(store.db, plan_id, "TC 1.2")
    evidence = add_evidence(store, item_id, "2025-Q1", number="15/BC-UBND", issued_on="2025-03-10",
                            summary="Báo cáo CCHC quý I", file=scan)
    copy = evidence_file(store, evidence)
    assert copy.parent == store.evidence_dir and copy.read_bytes() == scan.read_bytes()
    assert evidence.sha256 == sha256_of(scan) and evidence.file_name == "Báo cáo số 15.pdf"
    assert copy.name.isascii()
    assert evidence_counts(store.db, plan_id, "2025-Q1") == {item_id: 1}


def test_replace_remove_and_undo(office, tmp_path):
    store, plan_id = office
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    first.write_bytes(b"one")
    second.write_bytes(b"two")
    item_id = find_item(store.db, plan_id, "TC 1.2")
    evidence = add_evidence(store, item_id, "2025-Q1", number="15/BC-UBND", file=first)
    old_copy = evidence_file(store, evidence)
    replaced = update_evidence(store, evidence.id, file=second)
    # the replaced copy stays in the folder: undoing the replacement points at it again
    assert evidence_file(store, replaced).read_bytes() == b"two" and old_copy.read_bytes() == b"one"
    removed = remove_evidence(store, evidence.id)
    assert list_evidence(store.db, item_id, "2025-Q1") == []
    restore_evidence(store, removed)
    assert [e.number for e in list_evidence(store.db, item_id, "2025-Q1")] == ["15/BC-UBND"]


@pytest.mark.parametrize("kwargs, message", [
    ({}, "cần ít nhất số hiệu"),
    ({"number": "1/BC", "issued_on": "2025-02-30"}, "Ngày văn bản “2025-02-30” không hợp lệ"),
])
def test_bad_evidence_is_refused(office, kwargs, message):
    store, plan_id = office
    with pytest.raises(UserError, match=message):
        add_evidence(store, find_item(store.db, plan_id, "TC 1.2"), "2025-Q1", **kwargs)
    assert store.db.execute("SELECT count(*) FROM evidence").fetchone()[0] == 0


def test_missing_source_file(office, tmp_path):
    store, plan_id = office
    with pytest.raises(UserError, match="Không tìm thấy tệp"):
        add_evidence(store, find_item(store.db, plan_id, "TC 1.2"), "2025-Q1", number="1", file=tmp_path / "no.pdf")


def overview_of(store, plan_id, period_code, today):
    period = parse_period(period_code)
    return compute_overview(load_tree(store.db, plan_id), progress_of_plan(store.db, plan_id, period.code),
                            evidence_counts(store.db, plan_id, period.code), period, today)


def test_overview_counts_overdue_and_due_next(office):
    store, plan_id = office
    done = find_item(store.db, plan_id, "TC 1.1")
    set_progress(store.db, done, "2025-Q1", status="done")
    set_progress(store.db, find_item(store.db, plan_id, "TC 1.2"), "2025-Q1", status="in_progress")
    overview = overview_of(store, plan_id, "2025-Q1", today=date(2025, 3, 1))
    area_one = overview.by_area["I. Công tác chỉ đạo điều hành CCHC"]
    assert (area_one["done"], area_one["in_progress"], area_one["not_started"]) == (1, 1, 5)
    assert sum(overview.totals.values()) == 55
    assert overview.due_next[0].when == date(2025, 3, 15) and overview.due_next[0].item is None
    assert overview.overdue == []  # nothing is due before 1 March in this plan
    assert len(overview.lacking_evidence) == 55


def test_items_past_their_due_date_are_late(office):
    store, plan_id = office
    from parcdesk.db.items import update_item

    item_id = find_item(store.db, plan_id, "TC 1.2")
    update_item(store.db, item_id, timeframe_text="Quý I")
    overview = overview_of(store, plan_id, "2025-H1", today=date(2025, 5, 2))
    late = [s.item.id for s in overview.overdue]
    assert late == [item_id] and overview.overdue[0].overdue_since == date(2025, 3, 31)
    set_progress(store.db, item_id, "2025-H1", status="done_late")
    assert overview_of(store, plan_id, "2025-H1", today=date(2025, 5, 2)).overdue == []


def test_an_item_due_today_is_due_not_late_and_late_the_day_after(office):
    store, plan_id = office
    from parcdesk.db.items import update_item

    item_id = find_item(store.db, plan_id, "TC 1.2")
    update_item(store.db, item_id, timeframe_text="Chậm nhất ngày 31/3/2025")
    on_the_day = overview_of(store, plan_id, "2025-Q1", today=date(2025, 3, 31))
    assert item_id not in [s.item.id for s in on_the_day.overdue]
    assert item_id in [e.item.id for e in on_the_day.due_next if e.item is not None]
    day_after = overview_of(store, plan_id, "2025-H1", today=date(2025, 4, 1))
    assert [s.item.id for s in day_after.overdue] == [item_id]
