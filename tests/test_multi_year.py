"""Multi-year plans: per-year targets read from one column per year or from one text naming the
years, each year judged against its own, and next year's target proposed by the domain rule."""

import pytest

from helpers import new_office
from import_builders import paragraph, table, write_docx, write_xlsx
from parcdesk.db import plans as plan_store
from parcdesk.db.items import get_item, load_tree, walk
from parcdesk.db.progress import set_progress
from parcdesk.errors import UserError
from parcdesk.importer import analyse
from parcdesk.model import YearTarget
from parcdesk.ops import items as item_ops
from parcdesk.ops import plans as plan_ops
from parcdesk.ops import undo
from parcdesk.parsing.nextyear import next_year_target
from parcdesk.parsing.targets import Threshold
from parcdesk.parsing.year_targets import parse_year_targets
from parcdesk.report.content import build_report_content
from parcdesk.statuses import achieved

P = "%"


@pytest.fixture
def office(tmp_path):
    store = new_office(tmp_path / "office.sqlite")
    yield store
    store.close()


@pytest.mark.parametrize(("text", "expected"), [
    ("Năm 2024: 80%; năm 2025: 85%", {2024: "80%", 2025: "85%"}),
    ("2024 đạt 80%, 2025 đạt 85%", {2024: "đạt 80%", 2025: "đạt 85%"}),
    ("Năm 2023 đạt 70%, năm 2024 đạt 80%, năm 2025 đạt 90%", {2023: "đạt 70%", 2024: "đạt 80%", 2025: "đạt 90%"}),
    ("Năm 2024 - 90%; Năm 2025 - 95%", {2024: "90%", 2025: "95%"}),
    # one year is not a list of years; a baseline and its quoted result are not either
    ("Năm 2024: 80%", {}),
    ("Tăng ít nhất 02% so với năm 2022 (năm 2022 là 83,99%)", {}),
    ("Trong năm 2024 - 2025 đạt 90%", {}),
    ("100% hồ sơ đúng hạn", {}),
])
def test_parse_year_targets(text, expected):
    assert parse_year_targets(text) == expected


def _tasks(preview):
    return [d for _, _, d in preview.walk() if d.level != "area" and not d.children]


XLSX_ROWS = [
    ["Phụ lục: Chỉ tiêu cải cách hành chính giai đoạn 2023 - 2025"],
    ["STT", "Nội dung", "Chỉ tiêu", None, None, "Cơ quan chủ trì"],
    [None, None, "Năm 2023", "Năm 2024", "Năm 2025", None],
    ["I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
    [1, "Tỷ lệ hồ sơ giải quyết đúng hạn", "90%", "95%", "98%", "Văn phòng - Thống kê"],
    [2, "Tỷ lệ hồ sơ trực tuyến toàn trình", "30%", "40%", "50%", "Văn phòng - Thống kê"],
]


def test_xlsx_one_column_per_year_under_a_merged_header(tmp_path, office):
    path = write_xlsx(tmp_path / "nhieu-nam.xlsx", XLSX_ROWS, merges=["A1:F1", "A2:A3", "B2:B3", "C2:E2", "F2:F3"],
                      bold_rows=(2, 3, 4))
    preview = analyse(path)
    header = preview.appendices[0].header
    assert header.year_columns() == {2023: 2, 2024: 3, 2025: 4}
    first = _tasks(preview)[0]
    assert first.year_targets == {2023: "90%", 2024: "95%", 2025: "98%"}
    assert first.target_text == "Năm 2023: 90%; Năm 2024: 95%; Năm 2025: 98%"

    summary = plan_ops.import_plan(office, preview, year=2023).value
    plan = plan_store.get_plan(office.db, summary["plan"])
    assert (plan.year_from, plan.year_to) == (2023, 2025)
    item = next(i for i in walk(load_tree(office.db, plan.id)) if i.code == "1")
    assert {y: t.threshold for y, t in item.year_targets.items()} == {
        2023: Threshold(">=", 90.0, P), 2024: Threshold(">=", 95.0, P), 2025: Threshold(">=", 98.0, P)}
    # each year judged against its own target
    assert achieved(item.threshold_for(2023), "done", 93) is True
    assert achieved(item.threshold_for(2024), "done", 93) is False
    assert item.threshold_for(2030) == item.threshold  # a year without its own: the item's


def test_docx_columns_named_chi_tieu_nam_and_one_text_naming_years(tmp_path, office):
    body = [
        paragraph("PHỤ LỤC CHỈ TIÊU GIAI ĐOẠN 2024 - 2025", bold=True),
        table([
            ["TT", "Nội dung", "Chỉ tiêu năm 2024", "Chỉ tiêu năm 2025", "Cơ quan chủ trì"],
            ["1", "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến", "80%", "85%", "Văn phòng - Thống kê"],
        ]),
        table([
            ["TT", "Nội dung", "Mục tiêu", "Cơ quan chủ trì"],
            ["1", "Mức độ hài lòng của người dân", "2024 đạt 80%, 2025 đạt 85%", "Văn phòng - Thống kê"],
        ]),
    ]
    preview = analyse(write_docx(tmp_path / "nhieu-nam.docx", body))
    assert preview.appendices[0].header.year_columns() == {2024: 2, 2025: 3}
    columns, text = _tasks(preview)
    assert columns.year_targets == {2024: "80%", 2025: "85%"}
    assert text.year_targets is None and text.target_text == "2024 đạt 80%, 2025 đạt 85%"

    plan_id = plan_ops.import_plan(office, preview, year=2024).value["plan"]
    items = [i for i in walk(load_tree(office.db, plan_id)) if i.is_tracked]
    for item in items:
        assert item.threshold_for(2024) == Threshold(">=", 80.0, P)
        assert item.threshold_for(2025) == Threshold(">=", 85.0, P)


def test_one_target_column_alone_is_still_the_target(tmp_path):
    rows = [["STT", "Nội dung", "Chỉ tiêu năm 2024", "Cơ quan chủ trì"],
            [1, "Tỷ lệ hồ sơ đúng hạn", "98%", "Văn phòng - Thống kê"]]
    preview = analyse(write_xlsx(tmp_path / "mot-nam.xlsx", rows))
    assert preview.appendices[0].header.year_columns() == {}
    task = _tasks(preview)[0]
    assert (task.target_text, task.year_targets) == ("98%", None)


def _multi_year_plan(office, tmp_path):
    path = write_xlsx(tmp_path / "nhieu-nam.xlsx", XLSX_ROWS, merges=["A1:F1", "A2:A3", "B2:B3", "C2:E2", "F2:F3"],
                      bold_rows=(2, 3, 4))
    plan_id = plan_ops.import_plan(office, analyse(path), year=2023).value["plan"]
    items = {i.code: i for i in walk(load_tree(office.db, plan_id))}
    return plan_id, items


def test_report_and_progress_show_judge_each_year_against_its_own(tmp_path, office):
    plan_id, items = _multi_year_plan(office, tmp_path)
    item = items["1"]
    for period in ("2023", "2024"):
        set_progress(office.db, item.id, period, status="done", actual_value=93)
    verdicts = {}
    for period in ("2023", "2024"):
        content = build_report_content(office.db, plan_id, period)
        row = next(r for r in content["appendix"]["rows"] if r["code"] == "1")
        verdicts[period] = row["achieved"]
    assert verdicts == {"2023": True, "2024": False}
    from parcdesk.cli.plans import progress_rows
    _, rows = progress_rows(office.db, plan_id, "2024")
    assert next(r for r in rows if r["code"] == "1")["achieved"] is False


def test_per_year_targets_edited_through_ops_undone_and_locked_like_the_target(tmp_path, office):
    plan_id, items = _multi_year_plan(office, tmp_path)
    item_id = items["2"].id
    item_ops.edit_item(office, item_id, year_targets={2023: "30%", 2024: "45%", 2025: "50%"}, source="test")
    assert get_item(office.db, item_id).threshold_for(2024) == Threshold(">=", 45.0, P)
    manual = YearTarget(2025, "Tối thiểu 60%", Threshold(">=", 60.0, P), manual=True)
    item_ops.edit_item(office, item_id, year_targets={**get_item(office.db, item_id).year_targets, 2025: manual})
    assert get_item(office.db, item_id).year_targets[2025].manual
    undo.undo(office)
    assert get_item(office.db, item_id).threshold_for(2025) == Threshold(">=", 50.0, P)
    undo.undo(office)
    assert get_item(office.db, item_id).threshold_for(2024) == Threshold(">=", 40.0, P)
    # a new target text naming years is read again into per-year targets
    item_ops.edit_item(office, item_id, target_text="Năm 2023: 31%; năm 2024: 41%; năm 2025: 51%")
    assert get_item(office.db, item_id).threshold_for(2025) == Threshold(">=", 51.0, P)


def test_per_year_targets_locked_once_a_report_shows_the_item(tmp_path, office):
    from parcdesk.db import locks
    plan_id, items = _multi_year_plan(office, tmp_path)
    item_id = items["1"].id
    office.db.execute("INSERT INTO signed_reports (id, plan_id, plan_created_at, period, version, snapshot, sha256,"
                      " pdf_sha256, xlsx_sha256, signer_name, signer_position, signer_authority, signed_at)"
                      " VALUES (1, ?, (SELECT created_at FROM plans WHERE id = ?), '2023', 1, '{}', 'x', 'x', 'x',"
                      " 'A', 'CHỦ TỊCH', 'TM.', '2024-01-10')", [plan_id, plan_id])
    office.db.execute("INSERT INTO signed_report_items (report_id, item_id) VALUES (1, ?)", [item_id])
    office.db.conn.commit()
    assert locks.plan_of_item(office.db, item_id) == plan_id
    with pytest.raises(UserError, match="chỉ tiêu từng năm"):
        item_ops.edit_item(office, item_id, year_targets={2024: "99%", 2025: "99%"})
    assert get_item(office.db, item_id).threshold_for(2024) == Threshold(">=", 95.0, P)


def test_next_year_target_proposed_from_last_years_result(tmp_path, office):
    plan_id, items = _multi_year_plan(office, tmp_path)
    set_progress(office.db, items["1"].id, "2025", status="done", actual_value=99)  # above 98: ×1.1, capped
    set_progress(office.db, items["2"].id, "2025", status="done", actual_value=45)  # below 50: the central
    _, roll, _ = plan_store.next_year_rollforward(office.db, plan_id, 2026)
    proposals = {r.code: r for r in roll.rewrites if r.kind == "next_target"}
    assert set(proposals) == {"1", "2"}
    assert proposals["1"].threshold.value == next_year_target(99, 98) == 100.0
    assert proposals["2"].threshold.value == next_year_target(45, 50) == 50.0
    assert proposals["2"].old == "chỉ tiêu năm 2025: ≥ 50%; kết quả: 45%"
    assert proposals["1"].to_dict()["kind"] == "next_target"

    index = roll.rewrites.index(proposals["2"])
    new_id = plan_ops.create_next_year(office, plan_id, 2026, overrides={index: 55}).value
    new_items = {i.code: i for i in walk(load_tree(office.db, new_id))}
    assert new_items["1"].threshold_for(2026) == Threshold(">=", 100.0, P)
    assert new_items["2"].threshold_for(2026) == Threshold(">=", 55.0, P)
    assert "2023" not in new_items["2"].target_text
