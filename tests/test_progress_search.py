"""Progress per period, 'achieved' computed from the value, and diacritics-blind search."""

import pytest

from helpers import new_office, office_with_plan
from parcdesk.db import history, settings
from parcdesk.db.items import find_item, update_item
from parcdesk.db.progress import get_progress, progress_of_plan, set_progress
from parcdesk.db.search import search_items
from parcdesk.errors import UserError
from parcdesk.parsing.targets import parse_target
from parcdesk.periods import parse_period
from parcdesk.statuses import achieved


@pytest.fixture
def office(tmp_path):
    store, plan_id = office_with_plan(tmp_path / "office.sqlite")
    yield store, plan_id
    store.close()


def test_settings_are_saved_and_validated(tmp_path):
    store = new_office(tmp_path / "o.sqlite")
    office = settings.load_settings(store.db)
    assert (office.unit_name, office.unit_kind, office.place) == ("UBND thị trấn Ia Kha", "thị trấn", "Ia Kha")
    with pytest.raises(UserError, match="Loại đơn vị"):
        settings.save_settings(store.db, unit_kind="tỉnh")
    signer = settings.add_signer(store.db, "Thái Văn Ngự", "Chủ tịch")
    assert (signer.position, signer.authority) == ("CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN")
    assert settings.add_signer(store.db, "Nguyễn Thị Hoa", "Phó Chủ tịch").authority == "KT. CHỦ TỊCH"
    assert settings.find_signer(store.db, "thai van ngu").name == "Thái Văn Ngự"
    store.close()


def test_progress_is_kept_per_period_and_partial_updates_keep_the_rest(office):
    store, plan_id = office
    item_id = find_item(store.db, plan_id, "TCTP 3.4.2")
    set_progress(store.db, item_id, "2025-Q1", status="in_progress", actual_value="97,5", result="Đúng hạn 97,5%")
    set_progress(store.db, item_id, "2025-Q1", difficulties="Mạng chậm")
    set_progress(store.db, item_id, "2025-H1", status="done", actual_value=100)
    q1 = get_progress(store.db, item_id, "2025-Q1")
    assert (q1.status, q1.actual_value, q1.result, q1.difficulties) == (
        "in_progress", 97.5, "Đúng hạn 97,5%", "Mạng chậm")
    assert get_progress(store.db, item_id, "2025-H1").actual_value == 100.0
    assert set(progress_of_plan(store.db, plan_id, "2025-Q1")) == {item_id}
    fields = [c["field"] for c in history.changes_of(store.db, "progress", item_id)]
    assert fields[:3] == ["2025-Q1:status", "2025-Q1:actual_value", "2025-Q1:result"]


@pytest.mark.parametrize("bad, message", [
    ({"status": "finished"}, "Trạng thái “finished” không hợp lệ"),
    ({"actual_value": "chín mươi"}, "không phải là một số"),
])
def test_bad_progress_input_is_refused_and_nothing_written(office, bad, message):
    store, plan_id = office
    item_id = find_item(store.db, plan_id, "TC 1.1")
    with pytest.raises(UserError, match=message):
        set_progress(store.db, item_id, "2025-Q1", **bad)
    assert store.db.execute("SELECT count(*) FROM progress").fetchone()[0] == 0


@pytest.mark.parametrize("text", ["2025-Q2", "Q1-2025", "2025-13", "1999"])
def test_bad_periods(text):
    with pytest.raises(UserError):
        parse_period(text)


@pytest.mark.parametrize("code, end, deadline, label", [
    ("2025-Q1", "2025-03-31", "2025-03-15", "quý I năm 2025"),
    ("2025-H1", "2025-06-30", "2025-06-15", "6 tháng đầu năm 2025"),
    ("2025-9m", "2025-09-30", "2025-09-15", "9 tháng đầu năm 2025"),
    ("2025", "2025-12-31", "2025-12-15", "năm 2025"),
])
def test_periods(code, end, deadline, label):
    period = parse_period(code)
    assert (period.end.isoformat(), period.report_deadline().isoformat(), period.label) == (end, deadline, label)


@pytest.mark.parametrize("target, status, value, expected", [
    ("Giải quyết đúng hạn 100%", "done", 100, True),
    ("Giải quyết đúng hạn 100%", "done", 97.5, False),
    ("Trên 99% hồ sơ đúng hạn", "in_progress", 99, False),
    ("Trên 99% hồ sơ đúng hạn", "in_progress", 99.2, True),
    ("Không có sai phạm", "done", 0, True),
    ("Không có sai phạm", "failed", 1, False),
    ("Từ 50 TTHC trở lên", "done", 52, True),
    ("Tăng ít nhất 02% so với năm 2022 (năm 2022 là 83,99%)", "done", 85.5, False),
    ("Tăng ít nhất 02% so với năm 2022 (năm 2022 là 83,99%)", "done", 86.0, True),
    ("Giải quyết đúng hạn 100%", "not_applicable", 100, None),
    ("Giải quyết đúng hạn 100%", "done", None, None),
    ("Thực hiện đầy đủ, đúng quy định", "done", 100, None),
])
def test_achieved_is_computed_from_the_value(target, status, value, expected):
    assert achieved(parse_target(target), status, value) is expected


@pytest.mark.parametrize("query, code", [
    ("thu tuc hanh chinh", "III"),
    ("THỦ TỤC", "III"),
    # the plan writes "TTHC"; the officer types the words it stands for
    ("thu tuc hanh chinh lien thong", "TCTP 3.3.3"),
    ("lien thong cung cap", "TCTP 3.3.3"),
    ("sipas tiep can", "TCTP 8.1.1"),
    ("dia chinh giai ngan", "TCTP 6.1.1"),
])
def test_search_ignores_diacritics_case_and_d(office, query, code):
    store, plan_id = office
    if code == "TCTP 6.1.1":
        update_item(store.db, find_item(store.db, plan_id, code), partners=["Địa chính – Xây dựng"])
    hits = search_items(store.db, query, plan_id=plan_id)
    assert code in [hit.code for hit in hits]


def test_search_finds_results_written_in_progress(office):
    store, plan_id = office
    item_id = find_item(store.db, plan_id, "TC 1.2")
    set_progress(store.db, item_id, "2025-Q1", result="Đã gửi báo cáo số 15/BC-UBND đúng hạn")
    hits = search_items(store.db, "bao cao so 15", plan_id=plan_id)
    assert [(h.item_id, h.in_progress) for h in hits] == [(item_id, True)]


def test_search_treats_like_wildcards_literally(office):
    store, plan_id = office
    assert search_items(store.db, "100", plan_id=plan_id)
    assert search_items(store.db, "1_0", plan_id=plan_id) == []
    assert search_items(store.db, "1%0", plan_id=plan_id) == []
    assert search_items(store.db, "   ", plan_id=plan_id) == []
