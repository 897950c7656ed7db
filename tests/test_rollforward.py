"""Rolling a plan forward to a new year (issue 12, items 1, 5 and 8; the template's baseline).

The acceptance case: Quảng Trung's 2023 plan imported as a 2026 plan, preview accepted —
no 2023 left in titles and timeframes except where flagged, nothing overdue on 01/01/2026
because of a 2023 date — and the same for a 2027 plan made from it."""

import json
from datetime import date

import pytest

from parcdesk.db import plans as plan_store
from parcdesk.db.items import find_item, load_tree, walk
from parcdesk.db.progress import set_progress
from parcdesk.importer import analyse
from parcdesk.importer.proposals import source_year, target_proposals, year_rollforward
from parcdesk.ops import plans as plan_ops
from parcdesk.ops import undo as undo_ops
from parcdesk.overview import compute_overview
from parcdesk.parsing.targets import baseline_request, with_baseline
from parcdesk.parsing.years import own_years, shift_text, stale_years, year_spans
from parcdesk.periods import parse_period
from parcdesk.rollforward import year_flags
from helpers import new_office, office_with_plan

OWN = own_years(2023, 2023)


@pytest.mark.parametrize("text, expected", [
    ("Thường xuyên trong năm 2023", "Thường xuyên trong năm 2026"),
    ("- Xây dựng KH: quý I/2023; - Báo cáo", "- Xây dựng KH: quý I/2026; - Báo cáo"),
    ("Trước 31/11/2023", "Trước 31/11/2026"),
    ("Chậm nhất ngày 31 tháng 01 năm 2024", "Chậm nhất ngày 31 tháng 01 năm 2027"),
    # a decree's number, a cited document's date, a number holding a year: never moved
    ("Thực hiện Nghị định 30/2020/NĐ-CP trong năm 2023", "Thực hiện Nghị định 30/2020/NĐ-CP trong năm 2026"),
    ("Căn cứ Quyết định số 13/QĐ-UBND ngày 15/01/2023 của UBND xã", "Căn cứ Quyết định số 13/QĐ-UBND ngày 15/01/2023 của UBND xã"),
    ("Theo Thông tư số 01/2023/TT-VPCP ngày 05/4/2023", "Theo Thông tư số 01/2023/TT-VPCP ngày 05/4/2023"),
    ("Quyết định số 5/QĐ-UBND ngày 02 tháng 3 năm 2023", "Quyết định số 5/QĐ-UBND ngày 02 tháng 3 năm 2023"),
    ("Áp dụng ISO 9001:2015 năm 2023", "Áp dụng ISO 9001:2015 năm 2026"),
    ("giai đoạn 2021-2025", "giai đoạn 2021-2025"),
    # the baseline year moves; the result quoted from another year is dropped, never carried
    ("Tăng ít nhất 02% so với năm 2022 (năm 2022 là 83,99%)", "Tăng ít nhất 02% so với năm 2025"),
])
def test_one_rule_for_years(text, expected):
    assert shift_text(text, OWN, 3) == expected


def test_past_years_left_are_flagged_but_fixed_references_and_the_baseline_are_not():
    assert stale_years("Trong năm 2023", 2026) == [2023]
    assert stale_years("Nghị định 30/2020/NĐ-CP; Quyết định số 13/QĐ-UBND ngày 15/01/2023", 2026) == []
    assert stale_years("Tăng ít nhất 02% so với năm 2025", 2026) == []
    assert stale_years("Tăng ít nhất 02% so với năm 2022", 2026) == [2022]


def _imported(shared_dir, tmp_path, *options, year=2026):
    store = new_office(tmp_path / "office.sqlite")
    preview = analyse(shared_dir / "samples" / "quang-trung-2023.docx")
    summary = plan_ops.import_plan(store, preview, year=year, **dict(options)).value
    return store, summary


def _texts(store, plan_id):
    plan = plan_store.get_plan(store.db, plan_id)
    items = list(walk(load_tree(store.db, plan_id)))
    return plan, items


def _overdue_at(store, plan_id, day):
    plan = plan_store.get_plan(store.db, plan_id)
    overview = compute_overview(load_tree(store.db, plan_id), {}, {}, parse_period(f"{plan.year_from}-Q1"), day)
    return overview.overdue


def _check_rolled(store, plan_id, year):
    plan, items = _texts(store, plan_id)
    assert plan.year_from == year
    assert "2023" not in plan.title and "2023" not in plan.appendix_title
    for item in items:
        for text in (item.title, item.timeframe_text):
            if "2023" in text:  # left only in a cited document's number or date, or flagged on the item
                fixed = {s.year for s in year_spans(text) if s.fixed in ("số văn bản", "ngày của văn bản")}
                assert 2023 in fixed or any("2023" in flag for flag in year_flags(item, year)), (item.code, text)
    # flagged: only the programme phase that ended before the plan's year ("giai đoạn 2021-2025")
    flagged = [i for i in items if year_flags(i, year)]
    assert flagged and all("2021-2025" in i.title for i in flagged)
    # no item is overdue on 1 January because of a date of an earlier year
    late = _overdue_at(store, plan_id, date(year, 1, 1))
    assert [s for s in late if s.overdue_since.year < year] == []


def test_quang_trung_2023_imported_as_2026_then_2027_from_it(shared_dir, tmp_path):
    store, summary = _imported(shared_dir, tmp_path)
    rewrites = summary["rollforward"]["rewrites"]
    assert summary["rollforward"]["from_year"] == 2023 and len(rewrites) >= 20
    assert summary["title"] == "Các nhiệm vụ trọng tâm cải cách hành chính năm 2026 - UBND xã Quang Trung"
    assert {"old": "Quý 1 năm 2023", "new": "Quý 1 năm 2026"}.items() <= next(
        r for r in rewrites if r["old"] == "Quý 1 năm 2023").items()
    _check_rolled(store, summary["plan"], 2026)

    next_id = plan_ops.create_next_year(store, summary["plan"], 2027).value
    _check_rolled(store, next_id, 2027)
    plan, items = _texts(store, next_id)
    assert "năm 2027" in plan.title
    assert not [i for i in items if "2026" in i.timeframe_text]


def test_keep_years_leaves_them_and_they_are_flagged(shared_dir, tmp_path):
    store, summary = _imported(shared_dir, tmp_path, ("keep_years", True))
    assert summary["rollforward"]["rewrites"] and not any(r["accepted"] for r in summary["rollforward"]["rewrites"])
    plan, items = _texts(store, summary["plan"])
    assert "năm 2023" in plan.title
    flagged = [i for i in items if any(f.startswith("còn ghi năm cũ: 2023") for f in year_flags(i, 2026))]
    assert len(flagged) >= 15
    # kept, the 2023 deadlines are overdue on 1 January 2026: exactly what the flag warns of
    assert [s for s in _overdue_at(store, summary["plan"], date(2026, 1, 1)) if s.overdue_since.year == 2023]


def test_some_rewrites_accepted_the_rest_flagged(shared_dir, tmp_path):
    store, summary = _imported(shared_dir, tmp_path, ("accepted_years", [0]))
    taken = [r for r in summary["rollforward"]["rewrites"] if r["accepted"]]
    assert [r["where"] for r in taken] == ["Tên kế hoạch"]
    plan, items = _texts(store, summary["plan"])
    assert "năm 2026" in plan.title
    assert any(year_flags(i, 2026) for i in items)


def test_import_with_rollforward_is_one_undo_step(shared_dir, tmp_path):
    store, summary = _imported(shared_dir, tmp_path)
    undo_ops.undo(store)
    assert plan_store.list_plans(store.db) == []


def test_dry_run_keeps_the_proposals_of_the_preview(shared_dir, tmp_path):
    store = new_office(tmp_path / "office.sqlite")
    preview = analyse(shared_dir / "samples" / "quang-trung-2023.docx")
    first = plan_ops.import_plan(store, preview, year=2026, dry_run=True).value
    assert plan_store.list_plans(store.db) == []
    assert source_year(preview) == 2023 and len(year_rollforward(preview, 2026).rewrites) == len(
        first["rollforward"]["rewrites"])


def test_targets_found_in_the_task_text_are_proposed_and_accepted_by_key(shared_dir, tmp_path):
    preview = analyse(shared_dir / "samples" / "quang-trung-2023.docx")
    found = {p.text[:48]: p for p in target_proposals(preview)}
    proposal = found["Duy trì tỷ lệ giải quyết đúng hạn từ 98% trở lên"]
    assert (proposal.threshold.comparator, proposal.threshold.value, proposal.threshold.unit) == (">=", 98.0, "%")
    store = new_office(tmp_path / "office.sqlite")
    summary = plan_ops.import_plan(store, preview, year=2026, accept_targets=[proposal.key]).value
    assert [p["accepted"] for p in summary["target_proposals"]].count(True) == 1
    items = {i.title[:48]: i for i in walk(load_tree(store.db, summary["plan"]))}
    assert items["Duy trì tỷ lệ giải quyết đúng hạn từ 98% trở lên"].threshold.value == 98.0
    others = [i for k, i in items.items() if k != proposal.text[:48] and i.title.startswith("Duy trì 100%")]
    assert others and all(i.threshold is None for i in others)


# --- baselines --------------------------------------------------------------------------------


def test_template_2025_baseline_year_2024_and_no_invented_value(tmp_path):
    store, plan_id = office_with_plan(tmp_path / "office.sqlite", 2025)
    item = load_tree(store.db, plan_id)[7].children[0]
    assert item.code == "TCTP 8.1.1"
    assert baseline_request(item.target_text).year == 2024
    assert item.threshold is None
    assert year_flags(item, 2025) == ["chưa có số liệu năm trước (năm cơ sở 2024)"]
    everything = json.dumps([i.to_dict(2025) for i in load_tree(store.db, plan_id)], ensure_ascii=False)
    assert "83,99" not in everything and "83.99" not in everything and "là 8" not in everything


def test_baseline_value_entered_computes_the_threshold(tmp_path, run):
    db = tmp_path / "office.sqlite"
    store, plan_id = office_with_plan(db, 2025)
    store.close()
    code, out, err = run("--db", db, "item", "edit", "--plan", plan_id, "--item", "TCTP 8.1.1",
                         "--baseline-value", "84,5", "--json")
    assert code == 0, err
    target = json.loads(out)["target"]
    assert (target["comparator"], target["value"], target["baseline_year"], target["baseline_value"]) == (
        ">=", 86.5, 2024, 84.5)
    code, _, err = run("--db", db, "item", "edit", "--plan", plan_id, "--item", "TC 1.1", "--baseline-value", "80")
    assert code == 2 and "không có chỉ tiêu so với năm trước" in err


def test_next_year_baseline_from_last_years_recorded_result(tmp_path):
    store, plan_id = office_with_plan(tmp_path / "office.sqlite", 2025)
    item_id = find_item(store.db, plan_id, "TCTP 8.1.1")
    set_progress(store.db, item_id, "2025-9M", status="in_progress", actual_value=80)
    set_progress(store.db, item_id, "2025", status="done", actual_value=87.25)  # the year-end result wins
    _, roll, _ = plan_store.next_year_rollforward(store.db, plan_id, 2026)
    baseline = [r for r in roll.rewrites if r.kind == "baseline"]
    assert [r.code for r in baseline] == ["TCTP 8.1.1"]
    assert baseline[0].old == "chưa có số liệu năm trước (năm cơ sở 2025)"
    new_id = plan_ops.create_next_year(store, plan_id, 2026).value
    new = find_item(store.db, new_id, "TCTP 8.1.1")
    item = next(i for i in walk(load_tree(store.db, new_id)) if i.id == new)
    assert item.target_text == "Tăng ít nhất 02% so với năm 2025"
    assert (item.threshold.value, item.threshold.baseline_year, item.threshold.baseline_value) == (89.25, 2025, 87.25)
    # without a recorded result, the next one still asks for it
    other = next(i for i in walk(load_tree(store.db, new_id)) if i.code == "TCTP 8.1.2")
    assert other.threshold is None and year_flags(other, 2026) == ["chưa có số liệu năm trước (năm cơ sở 2025)"]


def test_with_baseline_is_the_one_computation():
    assert with_baseline("Tăng ít nhất 04% so với năm 2025", 77.89).value == pytest.approx(81.89)
    assert with_baseline("Hoàn thành 100% nhiệm vụ", 50) is None


# --- the command line -------------------------------------------------------------------------


def test_cli_import_dry_run_json_lists_rewrites_and_target_proposals(shared_dir, tmp_path, run):
    db = tmp_path / "office.sqlite"
    new_office(db).close()
    sample = shared_dir / "samples" / "quang-trung-2023.docx"
    code, out, err = run("--db", db, "plan", "import", sample, "--year", 2026, "--dry-run", "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["plan"] is None
    assert {"where": "Tên kế hoạch", "old": "Các nhiệm vụ trọng tâm cải cách hành chính năm 2023 - UBND xã Quang Trung",
            "new": "Các nhiệm vụ trọng tâm cải cách hành chính năm 2026 - UBND xã Quang Trung"}.items() <= \
        summary["rollforward"]["rewrites"][0].items()
    assert summary["target_proposals"] and not any(p["accepted"] for p in summary["target_proposals"])

    code, out, err = run("--db", db, "plan", "import", sample, "--year", 2026, "--json")
    rolled = json.loads(out)["plan"]
    code, out, err = run("--db", db, "plan", "import", sample, "--year", 2026, "--keep-years", "--accept-targets",
                         "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert "năm 2023" in summary["title"] and all(p["accepted"] for p in summary["target_proposals"])

    code, out, err = run("--db", db, "plan", "new", "--from", rolled, "--year", 2027, "--dry-run", "--json")
    answer = json.loads(out)
    assert answer["id"] is None and answer["rollforward"]["from_year"] == 2026
    assert any(r["old"] == "Quý 1 năm 2026" and r["new"] == "Quý 1 năm 2027" for r in answer["rollforward"]["rewrites"])
    assert len(plan_store.list_plans(new_office(db).db)) == 2  # a dry run made nothing

    code, out, err = run("--db", db, "plan", "new", "--from", summary["plan"], "--year", 2027, "--keep-years")
    answer = json.loads(out)
    titles = {p.id: p.title for p in plan_store.list_plans(new_office(db).db)}
    assert "năm 2023" in titles[answer["id"]]
    code, _, err = run("--db", db, "plan", "new", "--year", 2027, "--keep-years")
    assert code == 2 and "--from" in err


def test_item_panel_shows_missing_baseline_and_takes_the_value(qtbot, tmp_path):
    from parcdesk.ui.item_panel import ItemPanel

    store, plan_id = office_with_plan(tmp_path / "office.sqlite", 2025)
    item = next(i for i in walk(load_tree(store.db, plan_id)) if i.code == "TCTP 8.1.1")
    panel = ItemPanel()
    qtbot.addWidget(panel)
    edits = []
    panel.item_edited.connect(lambda item_id, change: edits.append(change))
    panel.show_item(item, 2025, [])
    assert not panel.baseline_row.isHidden()
    assert panel.flags_label.text() == "⚠ chưa có số liệu năm trước (năm cơ sở 2024)"
    panel.baseline.load("84,5")
    panel.baseline.committed.emit("84,5", item.id)
    assert edits[-1]["threshold"].value == pytest.approx(86.5) and edits[-1]["target_manual"] is True
    old = next(i for i in walk(load_tree(store.db, plan_id)) if i.code == "TC 1.1")
    old.timeframe_text = "Trong năm 2023"
    panel.show_item(old, 2025, [])
    assert panel.baseline_row.isHidden() and "còn ghi năm cũ: 2023" in panel.flags_label.text()
