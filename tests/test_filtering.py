"""The window's filter, as the core computes it: matches with their ancestors."""

import pytest

from helpers import office_with_plan
from parcdesk.db.items import find_item, load_tree
from parcdesk.db.progress import set_progress
from parcdesk.db.search import plan_search_texts
from parcdesk.filtering import Filters, SearchIndex


@pytest.fixture
def office(tmp_path):
    store, plan_id = office_with_plan(tmp_path / "office.sqlite", year=2025)
    yield store, plan_id
    store.close()


def visible_codes(store, plan_id, filters, statuses=None, buckets=None, evidence=None):
    roots = load_tree(store.db, plan_id)
    index = SearchIndex(roots, plan_search_texts(store.db, plan_id, "2025-Q1"))
    visible = index.visible_ids(filters, statuses or {}, buckets or {}, evidence or {})
    return None if visible is None else {index.items[i].code for i in visible}


def test_no_filter_shows_everything(office):
    assert visible_codes(*office, Filters(query="   ")) is None


def test_words_in_any_order_without_marks(office):
    assert visible_codes(*office, Filters(query="nguoi dan xin loi")) == {"III", "TCTP 3.4.4"}


def test_progress_text_of_the_period_is_searched(office):
    store, plan_id = office
    set_progress(store.db, find_item(store.db, plan_id, "TC 1.5"), "2025-Q1", result="Sáng kiến “Trợ lý Zalo” cho người dân")
    assert visible_codes(store, plan_id, Filters(query="tro ly zalo")) == {"I", "TC 1.5"}


def test_status_late_lead_and_evidence_filters(office):
    store, plan_id = office
    item = find_item(store.db, plan_id, "TC 2.3")
    buckets = {item: "late"}
    assert visible_codes(store, plan_id, Filters(status="late"), buckets=buckets) == {"II", "TC 2.3"}
    assert visible_codes(store, plan_id, Filters(overdue_only=True), buckets=buckets) == {"II", "TC 2.3"}
    led = visible_codes(store, plan_id, Filters(lead="Tư pháp – Hộ tịch"))
    assert {"II", "TC 2.3"} <= led and "I" not in led
    without = visible_codes(store, plan_id, Filters(without_evidence_only=True), evidence={item: 1})
    assert "TC 2.3" not in without and "TC 1.1" in without and len(without) == 8 + 54
