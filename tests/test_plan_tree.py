"""The plan tree: template, next year's plan, editing, moving, deleting and undoing."""

import pytest

from helpers import new_office, office_with_plan
from parcdesk.db import history, plans
from parcdesk.db.items import (
    add_item, delete_item, find_item, indent_item, load_tree, move_item, outdent_item,
    restore_subtree, update_item, walk,
)
from parcdesk.db.progress import set_progress
from parcdesk.errors import UserError
from parcdesk.model import ItemDraft
from parcdesk.parsing.targets import Threshold


@pytest.fixture
def office(tmp_path):
    store, plan_id = office_with_plan(tmp_path / "office.sqlite")
    yield store, plan_id
    store.close()


def tree_shape(roots):
    return [(area.code, len(area.children)) for area in roots]


def test_template_plan_has_the_eight_par_index_areas(office):
    store, plan_id = office
    roots = load_tree(store.db, plan_id)
    assert tree_shape(roots) == [("I", 7), ("II", 5), ("III", 12), ("IV", 5), ("V", 6), ("VI", 4),
                                 ("VII", 10), ("VIII", 6)]
    first = roots[0].children[0]
    assert (first.code, first.level, first.title) == ("TC 1.1", "criterion", "Thực hiện kế hoạch CCHC")
    assert first.lead == ["Văn phòng – Thống kê"]
    assert first.threshold == Threshold(">=", 100.0, "%")


def test_template_years_follow_the_plan_year(office):
    store, plan_id = office
    sipas = load_tree(store.db, plan_id)[7].children[0]
    assert sipas.code == "TCTP 8.1.1"
    assert "so với năm 2024" in sipas.target_text
    # baseline year 2024, and no baseline value until the office enters its 2024 result
    assert sipas.threshold is None
    target = sipas.target_dict()
    assert (target["baseline_year"], target["baseline_value"], target["baseline_missing"]) == (2024, None, True)
    assert sipas.timeframe(2025).due[-1].year == 2025


def test_next_year_plan_copies_tree_and_targets_not_progress(office):
    store, plan_id = office
    item_id = find_item(store.db, plan_id, "TC 1.1")
    set_progress(store.db, item_id, "2025-Q1", status="done", actual_value=100)
    new_id = plans.create_next_year(store.db, plan_id)
    new_plan = plans.get_plan(store.db, new_id)
    assert (new_plan.year_from, new_plan.source_plan_id) == (2026, plan_id)
    old_tree, new_tree = load_tree(store.db, plan_id), load_tree(store.db, new_id)
    assert tree_shape(new_tree) == tree_shape(old_tree)
    # targets copied, their baseline years moved with the plan ("so với năm 2024" → 2025)
    assert [i.target_text.replace("2025", "2024") for i in walk(new_tree)] == [i.target_text for i in walk(old_tree)]
    timeframes = {i.timeframe_text for i in walk(new_tree)}
    assert "Trong năm 2026" in timeframes and "Trong năm 2025" not in timeframes
    new_ids = [i.id for i in walk(new_tree)]
    marks = ",".join("?" * len(new_ids))
    assert store.db.execute(f"SELECT count(*) FROM progress WHERE item_id IN ({marks})", new_ids).fetchone()[0] == 0


def test_find_item_by_code_path_number_and_id(office):
    store, plan_id = office
    tc = find_item(store.db, plan_id, "TC 1.1")
    assert find_item(store.db, plan_id, "tc1.1") == tc
    assert find_item(store.db, plan_id, f"#{tc}") == tc
    assert find_item(store.db, plan_id, "I/TC 1.1") == tc
    assert find_item(store.db, plan_id, "1.3.1") == find_item(store.db, plan_id, "TCTP 1.3.1")
    with pytest.raises(UserError, match="không có mục mang mã “TC 9.9”"):
        find_item(store.db, plan_id, "TC 9.9")


def test_ambiguous_task_numbers_ask_for_the_area(tmp_path):
    store = new_office(tmp_path / "o.sqlite")
    drafts = [ItemDraft(code=roman, level="area", title=f"Lĩnh vực {roman}",
                        children=[ItemDraft(code="1", title="Nhiệm vụ một")]) for roman in ("I", "II")]
    plan_id = plans.create_plan(store.db, title="KH", year_from=2025, drafts=drafts)
    with pytest.raises(UserError, match="trùng ở nhiều mục.*II/1"):
        find_item(store.db, plan_id, "1")
    second = find_item(store.db, plan_id, "II/1")
    assert load_tree(store.db, plan_id)[1].children[0].id == second
    store.close()


def test_editing_target_reparses_and_records_history(office):
    store, plan_id = office
    item_id = find_item(store.db, plan_id, "TC 1.1")
    item = update_item(store.db, item_id, target_text="Trên 99% hồ sơ được giải quyết đúng hạn")
    assert item.threshold == Threshold(">", 99.0, "%")
    changes = history.changes_of(store.db, "item", item_id)
    assert [c["field"] for c in changes] == ["target_text", "threshold"]
    assert changes[0]["old"] == "Hoàn thành 100% nhiệm vụ được giao"


def test_manual_threshold_survives_a_target_text_edit(office):
    store, plan_id = office
    item_id = find_item(store.db, plan_id, "TC 1.4")
    update_item(store.db, item_id, threshold=Threshold(">=", 4.0, "hình thức"), target_manual=True)
    item = update_item(store.db, item_id, target_text="Tuyên truyền đủ 4 hình thức")
    assert item.threshold == Threshold(">=", 4.0, "hình thức") and item.target_manual


def test_agencies_are_matched_through_aliases(office):
    store, plan_id = office
    item_id = find_item(store.db, plan_id, "TC 1.1")
    item = update_item(store.db, item_id, lead=["Tài chính-Kế toán"], partners=["Tư pháp- Hộ tịch", "Công an"])
    assert item.lead == ["Tài chính – Kế toán"]
    assert item.partners[0] == "Tư pháp – Hộ tịch"


def test_indent_outdent_move_keep_order(office):
    store, plan_id = office
    area = load_tree(store.db, plan_id)[1]
    first, second, third = (child.id for child in area.children[:3])
    indent_item(store.db, second)
    area = load_tree(store.db, plan_id)[1]
    assert [c.id for c in area.children[:2]] == [first, third]
    assert [c.id for c in area.children[0].children] == [second]
    outdent_item(store.db, second)
    area = load_tree(store.db, plan_id)[1]
    assert [c.id for c in area.children[:3]] == [first, second, third]
    move_item(store.db, third, area.id, 0)
    assert [c.id for c in load_tree(store.db, plan_id)[1].children[:3]] == [third, first, second]
    assert [c.position for c in load_tree(store.db, plan_id)[1].children] == list(range(5))


def test_indent_first_item_and_moving_into_itself_are_refused(office):
    store, plan_id = office
    area = load_tree(store.db, plan_id)[0]
    with pytest.raises(UserError, match="không thể lùi vào"):
        indent_item(store.db, area.children[0].id)
    with pytest.raises(UserError, match="chính nó"):
        move_item(store.db, area.id, area.children[0].id, 0)
    with pytest.raises(UserError, match="ngoài cùng"):
        outdent_item(store.db, area.id)


def test_depth_is_limited_to_four(office):
    store, plan_id = office
    parent = load_tree(store.db, plan_id)[0].children[0].id
    for level in ("subcriterion", "task"):
        parent = add_item(store.db, plan_id, ItemDraft(title=f"Mục {level}", level=level), parent)
    with pytest.raises(UserError, match="tối đa 4 cấp"):
        add_item(store.db, plan_id, ItemDraft(title="Quá sâu"), parent)


def test_delete_then_undo_restores_subtree_progress_and_place(office):
    store, plan_id = office
    area = load_tree(store.db, plan_id)[2]
    target = area.children[3]
    set_progress(store.db, target.id, "2025-Q1", status="in_progress", result="Đang làm")
    before = [(c.id, c.code) for c in area.children]
    snapshot = delete_item(store.db, target.id)
    assert len(load_tree(store.db, plan_id)[2].children) == len(before) - 1
    restore_subtree(store.db, snapshot)
    restored = load_tree(store.db, plan_id)[2]
    assert [(c.id, c.code) for c in restored.children] == before
    row = store.db.execute("SELECT status, result FROM progress WHERE item_id = ?", [target.id]).fetchone()
    assert row == ("in_progress", "Đang làm")


def test_bad_plan_years_and_missing_plan(office):
    store, _ = office
    with pytest.raises(UserError, match="Năm 1999"):
        plans.create_plan(store.db, title="KH", year_from=1999)
    with pytest.raises(UserError, match="Không có kế hoạch số 999"):
        plans.get_plan(store.db, 999)
