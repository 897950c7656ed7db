"""The operations layer: every operation done → undone → equal to before → redone → equal to after;
the period lock judged by effect; undo after reopening; sign-off as a barrier."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import office_with_plan
from report_fixtures import PERIOD, ready_office

from parcdesk.db import oplog
from parcdesk.db.agencies import find_agency
from parcdesk.db.items import find_item, get_item
from parcdesk.db.progress import get_progress
from parcdesk.db.store import open_store
from parcdesk.errors import UserError
from parcdesk.importer import analyse
from parcdesk.model import ItemDraft
from parcdesk.ops import agencies as agency_ops
from parcdesk.ops import evidence as evidence_ops
from parcdesk.ops import items as item_ops
from parcdesk.ops import office as office_ops
from parcdesk.ops import plans as plan_ops
from parcdesk.ops import progress as progress_ops
from parcdesk.ops import reports as report_ops
from parcdesk.ops import undo as undo_ops

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"


def state(store) -> dict:
    """Every row of every table an operation may change, in a comparable form."""
    return {table: sorted(map(tuple, store.db.execute(f"SELECT rowid, * FROM [{table}]").fetchall()), key=repr)
            for table in oplog.logged_tables(store.db)}


@pytest.fixture
def office(tmp_path):
    store, plan_id = office_with_plan(tmp_path / "office.sqlite")
    yield store, plan_id
    store.close()


def _evidence_file(tmp_path: Path) -> Path:
    path = tmp_path / "Thông báo 19.pdf"
    path.write_bytes(b"%PDF-1.4 minh chung")
    return path


def _cases(tmp_path):
    """(name, operation) pairs: each takes (store, plan_id) and does one operation."""
    def item(store, plan_id, code="TC 1.1"):
        return find_item(store.db, plan_id, code)

    def evidence_id(store, plan_id):
        return evidence_ops.add_evidence(store, item(store, plan_id), PERIOD, number="01/TB",
                                         file=_evidence_file(tmp_path)).value.id

    return [
        ("progress.set", lambda s, p: progress_ops.set_progress(s, item(s, p), PERIOD, status="done",
                                                                actual_value="97,5", result="Xong")),
        ("item.add", lambda s, p: item_ops.add_item(s, p, ItemDraft(level="task", title="Nhiệm vụ mới"),
                                                    item(s, p, "I"), 0)),
        ("item.edit", lambda s, p: item_ops.edit_item(s, item(s, p), title="Tên mới", target_text="Đạt 100%",
                                                      lead=["Công an"])),
        ("item.move", lambda s, p: item_ops.move_item(s, item(s, p, "TC 1.2"), item(s, p, "II"), 0)),
        ("item.delete", lambda s, p: item_ops.delete_item(s, item(s, p, "I"))),
        ("evidence.add", lambda s, p: evidence_ops.add_evidence(s, item(s, p), PERIOD, number="01/TB",
                                                                file=_evidence_file(tmp_path))),
        ("evidence.remove", lambda s, p: evidence_ops.remove_evidence(s, evidence_id(s, p))),
        ("plan.new", lambda s, p: plan_ops.create_next_year(s, p)),
        ("plan.edit", lambda s, p: plan_ops.edit_plan(s, p, title="Kế hoạch CCHC sửa", number="13/KH-UBND")),
        ("plan.delete", lambda s, p: plan_ops.delete_plan(s, p)),
        ("agency.rename", lambda s, p: agency_ops.rename_agency(s, find_agency(s.db, "Công an"), "Công an xã")),
        ("agency.alias", lambda s, p: agency_ops.add_alias(s, find_agency(s.db, "Công an"), "CA xã")),
        ("agency.merge", lambda s, p: agency_ops.merge_agencies(s, find_agency(s.db, "Văn phòng - Thống kê"),
                                                                find_agency(s.db, "Công an"))),
        ("settings.edit", lambda s, p: office_ops.save_settings(s, place="Ia Grai", report_deadline_day=20)),
        ("signer.add", lambda s, p: office_ops.add_signer(s, "Nguyễn Văn B", "PHÓ CHỦ TỊCH")),
        ("report.edit", lambda s, p: report_ops.save_draft(s, p, PERIOD, results="Kết quả", number="12")),
    ]


@pytest.mark.parametrize("name", [name for name, _ in _cases(Path("."))])
def test_do_undo_redo_round_trip(office, tmp_path, name):
    store, plan_id = office
    operation = dict(_cases(tmp_path))[name]
    if name == "evidence.remove":  # the record to remove comes first, as its own operation
        first = operation
        evidence_ops.add_evidence(store, find_item(store.db, plan_id, "TC 1.1"), PERIOD, number="01/TB",
                                  file=_evidence_file(tmp_path))
        operation = lambda s, p: evidence_ops.remove_evidence(  # noqa: E731
            s, s.db.execute("SELECT max(id) FROM evidence").fetchone()[0])
        del first
    before = state(store)
    result = operation(store, plan_id)
    after = state(store)
    assert result.op_id is not None and result.changes and after != before
    undone = undo_ops.undo(store)
    assert undone.op_id == result.op_id and state(store) == before
    redone = undo_ops.redo(store)
    assert redone.op_id == result.op_id and state(store) == after
    assert undone.changes.to_dict() == result.changes.to_dict() == redone.changes.to_dict()


def test_merged_import_is_one_undo_step(office, shared_dir):
    store, plan_id = office
    preview = analyse(shared_dir / "samples" / "ia-kha-2023.xlsx", store.db)
    before = state(store)
    result = plan_ops.import_plan(store, preview, year=2025, into_plan_id=plan_id)
    assert result.value["changes"]["updated"] or result.value["changes"]["added"]
    after = state(store)
    assert after != before
    undo_ops.undo(store)
    assert state(store) == before
    undo_ops.redo(store)
    assert state(store) == after


def test_undo_after_reopening_and_from_another_connection(tmp_path):
    path = tmp_path / "office.sqlite"
    store, plan_id = office_with_plan(path)
    item_id = find_item(store.db, plan_id, "TC 1.1")
    progress_ops.set_progress(store, item_id, PERIOD, status="done", result="Xong")
    store.close()
    with open_store(path) as again:
        assert undo_ops.peek_undo(again).kind == "progress.set"
        undo_ops.undo(again)
        assert get_progress(again.db, item_id, PERIOD).status == "not_started"
        undo_ops.redo(again)
        assert get_progress(again.db, item_id, PERIOD).result == "Xong"


def test_typing_in_one_field_is_one_undo_step(office):
    store, plan_id = office
    item_id = find_item(store.db, plan_id, "TC 1.1")
    for text in ("Đ", "Đã", "Đã xong"):
        progress_ops.set_progress(store, item_id, PERIOD, result=text, typing=True)
    progress_ops.set_progress(store, item_id, PERIOD, status="done")
    undo_ops.undo(store)
    assert get_progress(store.db, item_id, PERIOD).result == "Đã xong"
    undo_ops.undo(store)
    assert get_progress(store.db, item_id, PERIOD).result == ""


def test_an_operation_that_changes_nothing_leaves_no_undo_step(office):
    store, plan_id = office
    item_id = find_item(store.db, plan_id, "TC 1.1")
    progress_ops.set_progress(store, item_id, PERIOD, status="done")
    count = store.db.execute("SELECT count(*) FROM operations").fetchone()[0]
    result = progress_ops.set_progress(store, item_id, PERIOD, status="done")
    assert result.op_id is None and not result.changes
    assert store.db.execute("SELECT count(*) FROM operations").fetchone()[0] == count


def test_a_new_operation_forgets_what_was_undone(office):
    store, plan_id = office
    item_id = find_item(store.db, plan_id, "TC 1.1")
    progress_ops.set_progress(store, item_id, PERIOD, status="done")
    undo_ops.undo(store)
    progress_ops.set_progress(store, item_id, PERIOD, status="failed")
    with pytest.raises(UserError, match="Không còn thao tác nào để làm lại"):
        undo_ops.redo(store)


# ---------------------------------------------------------------- the lock after sign-off

@pytest.fixture
def signed(tmp_path, shared_dir):
    store, plan_id = ready_office(tmp_path / "office.sqlite")
    report_ops.sign_off(store, plan_id, PERIOD, signer="Thái Văn Ngự")
    yield store, plan_id
    store.close()


def _refusals(tmp_path):
    def item(store, plan_id, code="TC 1.1"):
        return find_item(store.db, plan_id, code)

    lead = "Văn phòng - Thống kê"
    return {
        "target": lambda s, p: item_ops.edit_item(s, item(s, p), target_text="Đạt 50%"),
        "threshold": lambda s, p: item_ops.edit_item(s, item(s, p, "TCTP 3.4.2"), threshold=None, target_manual=True),
        "title": lambda s, p: item_ops.edit_item(s, item(s, p), title="Tên khác"),
        "lead": lambda s, p: item_ops.edit_item(s, item(s, p), lead=["Công an"]),
        "delete": lambda s, p: item_ops.delete_item(s, item(s, p)),
        "delete area": lambda s, p: item_ops.delete_item(s, item(s, p, "I")),
        "indent": lambda s, p: item_ops.indent_item(s, item(s, p, "TC 1.2")),
        "progress": lambda s, p: progress_ops.set_progress(s, item(s, p), PERIOD, status="failed"),
        "evidence add": lambda s, p: evidence_ops.add_evidence(s, item(s, p), PERIOD, number="9/TB"),
        "evidence remove": lambda s, p: evidence_ops.remove_evidence(
            s, s.db.execute("SELECT min(id) FROM evidence").fetchone()[0]),
        "draft": lambda s, p: report_ops.save_draft(s, p, PERIOD, results="Sửa lại"),
        "merge lead away": lambda s, p: agency_ops.merge_agencies(s, find_agency(s.db, "Công an"),
                                                                  find_agency(s.db, lead)),
        "plan delete": lambda s, p: plan_ops.delete_plan(s, p),
    }


@pytest.mark.parametrize("name", list(_refusals(Path("."))))
def test_signed_period_refuses_every_writer(signed, tmp_path, name):
    store, plan_id = signed
    before = state(store)
    with pytest.raises(UserError, match=r"đã chốt \(phiên bản 1.*phiên bản mới kèm lý do|đã có báo cáo chốt") as refused:
        _refusals(tmp_path)[name](store, plan_id)
    assert "\n" not in str(refused.value)
    assert state(store) == before


def test_signed_period_leaves_other_work_open(signed):
    store, plan_id = signed
    item_id = find_item(store.db, plan_id, "TC 1.1")
    progress_ops.set_progress(store, item_id, "2025-H1", status="done")
    item_ops.edit_item(store, item_id, notes="Ghi chú không in trong báo cáo", partners=["Công an"])
    item_ops.add_item(store, plan_id, ItemDraft(level="task", title="Nhiệm vụ bổ sung"),
                      find_item(store.db, plan_id, "I"), 0)
    agency_ops.rename_agency(store, find_agency(store.db, "Công an"), "Công an thị trấn")
    assert get_item(store.db, item_id).notes == "Ghi chú không in trong báo cáo"


def test_correction_reopens_and_undo_never_crosses_a_signoff(signed):
    store, plan_id = signed
    with pytest.raises(UserError, match="Không hoàn tác được qua lần chốt báo cáo"):
        undo_ops.undo(store)
    report_ops.open_correction(store, plan_id, PERIOD, "Sai số liệu TCTP 3.4.2")
    item_id = find_item(store.db, plan_id, "TCTP 3.4.2")
    progress_ops.set_progress(store, item_id, PERIOD, actual_value="98")
    item_ops.edit_item(store, item_id, target_text="Trên 99% hồ sơ đúng hạn")
    report_ops.sign_off(store, plan_id, PERIOD, signer="Thái Văn Ngự")
    with pytest.raises(UserError, match="Không hoàn tác được"):
        undo_ops.undo(store)
    assert get_progress(store.db, item_id, PERIOD).actual_value == 98
    with pytest.raises(UserError, match=r"phiên bản 2"):
        progress_ops.set_progress(store, item_id, PERIOD, actual_value="50")


def test_a_refusal_names_what_was_asked_and_the_item_by_its_code(signed):
    store, plan_id = signed
    item_id = find_item(store.db, plan_id, "TC 1.1")
    with pytest.raises(UserError, match="Không xóa được mục “TC 1.1”"):
        item_ops.delete_item(store, item_id)  # its lead links go with it, but the deletion is the news
    with pytest.raises(UserError, match="Không sửa được mục “TC 1.1”"):
        item_ops.edit_item(store, item_id, code="TC 9.9")  # named by the code it has, not the one typed
    with pytest.raises(UserError, match="Không chuyển được mục TC 1.2"):
        item_ops.move_item(store, find_item(store.db, plan_id, "TC 1.2"), find_item(store.db, plan_id, "I"), 0)
    with pytest.raises(UserError, match="Không đổi được cơ quan chủ trì của mục “"):
        agency_ops.merge_agencies(store, find_agency(store.db, "Công an"),
                                  find_agency(store.db, "Văn phòng - Thống kê"))
