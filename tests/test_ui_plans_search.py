"""The plan selector names plans by year, number and title; a restart comes back to the last plan,
period and item; the search ranks hits and the filters keep the tree as the officer left it."""

from datetime import date

import pytest
from PySide6.QtCore import QSettings

from helpers import office_with_plan
from parcdesk.db import plans as plan_store
from parcdesk.db.items import find_item
from parcdesk.db.progress import set_progress
from parcdesk.db.search import search_items
from parcdesk.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


@pytest.fixture
def office(tmp_path):
    store, plan_id = office_with_plan(tmp_path / "office.sqlite", year=2025)
    yield store, plan_id
    store.close()


def open_window(qtbot, store, tmp_path):
    win = MainWindow(store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), today=date(2025, 3, 20))
    qtbot.addWidget(win)
    win.show()
    return win


def test_two_plans_with_one_title_are_told_apart_without_internal_numbers(qtbot, office, tmp_path):
    store, plan_id = office
    twin = plan_store.create_from_template(store.db, "par-xa", 2025)
    plan_store.update_plan(store.db, twin, issued_on="2025-01-15", number="13/KH-UBND")
    win = open_window(qtbot, store, tmp_path)
    labels = [win.plan_combo.itemText(i) for i in range(win.plan_combo.count())]
    assert len(set(labels)) == 2 and all(label.startswith("Năm 2025") for label in labels)
    assert not any("(số " in label for label in labels)
    assert any("số 13/KH-UBND" in label for label in labels)


def test_a_restart_comes_back_to_the_plan_period_and_item(qtbot, office, tmp_path):
    store, plan_id = office
    win = open_window(qtbot, store, tmp_path)
    item_id = find_item(store.db, plan_id, "TCTP 6.1.1")
    win.set_period("2025-9M")
    win.go_to_item(item_id)
    win.close()
    again = open_window(qtbot, store, tmp_path)
    assert again.period.code == "2025-9M" and again.current_item().id == item_id


def test_searching_with_marks_puts_the_phrase_first(office):
    store, plan_id = office
    hits = search_items(store.db, "giải ngân", plan_id=plan_id)
    assert hits[0].code == "TCTP 6.1.1"
    assert sum("giải ngân" in hit.title.lower() for hit in hits) * 2 > len(hits)  # most hold the phrase
    folded = search_items(store.db, "giai ngan", plan_id=plan_id)
    assert folded[0].code == "TCTP 6.1.1" and len(folded) > len(hits)  # without marks: the folded match


def test_a_whole_word_ranks_above_a_words_beginning(office):
    store, plan_id = office
    codes = [hit.title.lower() for hit in search_items(store.db, "ngan", plan_id=plan_id)]
    first_nganh = next(n for n, title in enumerate(codes) if "ngành" in title and "ngân" not in title)
    last_ngan = max(n for n, title in enumerate(codes) if "ngân" in title)
    assert last_ngan < first_nganh
    assert [h.code for h in search_items(store.db, "ngân", plan_id=plan_id)] == \
        [h.code for h in search_items(store.db, "ngân", plan_id=plan_id) if "ngân" in h.title.lower()]


def test_the_window_search_selects_the_best_hit_and_clearing_keeps_the_tree(qtbot, office, tmp_path):
    store, plan_id = office
    win = open_window(qtbot, store, tmp_path)
    view = win.plan_view
    view.tree.collapseAll()
    area = view.model.item_by_id(find_item(store.db, plan_id, "TCTP 3.4.2")).parent_id
    view.tree.expand(view.model.index_of(area))
    while view.model.item_by_id(area).parent_id is not None:
        area = view.model.item_by_id(area).parent_id
        view.tree.expand(view.model.index_of(area))
    opened = view.expanded_ids()
    view.select(find_item(store.db, plan_id, "TCTP 3.4.2"))
    view.filter_bar.search.setText("giải ngân")
    assert win.current_item().code == "TCTP 6.1.1"  # the panel shows a hit, the best one
    assert win.plan_view.progress_panel.heading.text().startswith("TCTP 6.1.1")
    view.filter_bar.search.setText("")
    assert opened <= view.expanded_ids()  # what was open is open again
    assert win.current_item().code == "TCTP 6.1.1"  # and the selection stays


def test_the_done_filter_takes_in_late_finished_and_the_tree_shows_both(qtbot, office, tmp_path):
    store, plan_id = office
    late_done = find_item(store.db, plan_id, "TC 1.2")
    set_progress(store.db, late_done, "2025-Q1", status="done_late")
    win = open_window(qtbot, store, tmp_path)
    bar = win.plan_view.filter_bar
    bar.status.setCurrentIndex(bar.status.findData("done"))
    assert win.current_item().id == late_done
    assert win.plan_view.model.index_of(late_done).isValid()


def test_areas_typed_in_capitals_read_in_sentence_case_in_the_tree_and_the_overview(qtbot, office, tmp_path):
    from parcdesk.db.items import update_item
    store, plan_id = office
    area_id = store.db.execute("SELECT id FROM items WHERE plan_id = ? AND code = 'III'", [plan_id]).fetchone()[0]
    update_item(store.db, area_id, title="CẢI CÁCH THỦ TỤC HÀNH CHÍNH")  # as an older import kept it
    win = open_window(qtbot, store, tmp_path)
    index = win.plan_view.model.index_of(area_id)
    assert index.data() == "III – Cải cách thủ tục hành chính"
    win.tabs.setCurrentWidget(win.overview_panel)
    areas = win.overview_panel.area_model
    names = [areas.index(row, 0).data() for row in range(areas.rowCount())]
    assert "III. Cải cách thủ tục hành chính" in names
    assert not any(name.isupper() for name in names)
