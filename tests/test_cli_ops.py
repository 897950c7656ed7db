"""The command line's commands over the operations layer: items, evidence, plan details,
agencies, the overview, history, undo and redo — each with JSON out, and bad input as one
Vietnamese line, exit 2 and the data file untouched."""

import hashlib
import json

import pytest

INIT = ["init", "--unit", "UBND thị trấn Ia Kha", "--kind", "thị trấn", "--superior", "UBND huyện Ia Grai",
        "--place", "Ia Kha", "--signer", "Thái Văn Ngự"]
Q1 = "2025-Q1"


@pytest.fixture
def db(tmp_path, run):
    path = tmp_path / "office.sqlite"
    assert run("--db", path, *INIT)[0] == 0
    code, out, err = run("--db", path, "plan", "new", "--year", 2025)
    assert code == 0 and json.loads(out)["id"] == 1, err
    return path


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ok(run, db, *args):
    code, out, err = run("--db", db, *args)
    assert code == 0, err
    return json.loads(out) if "--json" in args else out


def refused(run, db, *args):
    """The command fails with one Vietnamese line and leaves the data file as it was; → the line."""
    before = digest(db)
    code, out, err = run("--db", db, *args)
    assert (code, out) == (2, "") and len(err.strip().splitlines()) == 1, (code, out, err)
    assert digest(db) == before
    return err.strip()


def item_json(run, db, code):
    shown = ok(run, db, "plan", "show", "--plan", 1, "--json")

    def find(items):
        for item in items:
            if item["code"] == code:
                return item
            hit = find(item["children"])
            if hit:
                return hit
    return find(shown["items"])


def test_item_add_edit_move_delete(run, db):
    added = ok(run, db, "item", "add", "--plan", 1, "--parent", "I", "--position", 1, "--level", "task",
               "--code", "NV 9", "--title", "Rà soát thủ tục", "--target", "Đạt 100%", "--timeframe", "Quý II/2025",
               "--lead", "Công an; Văn phòng – Thống kê", "--partner", "Đoàn Thanh niên", "--json")
    assert (added["code"], added["level"], added["leads"], added["partners"]) == (
        "NV 9", "task", ["Công an", "Văn phòng – Thống kê"], ["Đoàn Thanh niên"])
    assert added["target"]["value"] == 100.0 and added["timeframe"]["due"] == ["2025-06-30"]
    assert [c["code"] for c in item_json(run, db, "I")["children"][:2]] == ["NV 9", "TC 1.1"]

    edited = ok(run, db, "item", "edit", "--plan", 1, "--item", "NV 9", "--title", "Rà soát lại",
                "--target", "Đạt từ 90% trở lên", "--lead", "", "--notes", "ghi chú", "--json")
    assert (edited["title"], edited["target"]["value"], edited["leads"], edited["notes"]) == (
        "Rà soát lại", 90.0, [], "ghi chú")
    assert item_json(run, db, "NV 9")["title"] == "Rà soát lại"

    assert ok(run, db, "item", "move", "--plan", 1, "--item", "NV 9", "--down", "--json")["position"] == 2
    assert ok(run, db, "item", "move", "--plan", 1, "--item", "NV 9", "--up", "--json")["position"] == 1
    moved = ok(run, db, "item", "move", "--plan", 1, "--item", "NV 9", "--top", "--position", 2, "--json")
    assert (moved["parent"], moved["position"]) == (None, 2)
    shown = ok(run, db, "plan", "show", "--plan", 1, "--json")
    assert [i["code"] for i in shown["items"][:3]] == ["I", "NV 9", "II"]
    assert ok(run, db, "item", "move", "--plan", 1, "--item", "NV 9", "--indent", "--json")["parent"] == "I"
    assert ok(run, db, "item", "move", "--plan", 1, "--item", "NV 9", "--outdent", "--json")["parent"] is None
    back = ok(run, db, "item", "move", "--plan", 1, "--item", "NV 9", "--parent", "TC 1.1", "--json")
    assert back["parent"] == "TC 1.1" and back["position"] == len(item_json(run, db, "TC 1.1")["children"])

    assert ok(run, db, "item", "delete", "--plan", 1, "--item", "NV 9", "--json")["deleted"] == added["id"]
    assert item_json(run, db, "NV 9") is None


@pytest.mark.parametrize("args, says", [
    (["item", "add", "--plan", 1, "--level", "task", "--title", "  "], "--title"),
    (["item", "add", "--plan", 1, "--level", "task", "--title", "x", "--parent", "TC 99"], "TC 99"),
    (["item", "add", "--plan", 1, "--level", "chapter", "--title", "x"], "--level"),
    (["item", "add", "--plan", 1, "--level", "task", "--title", "x", "--position", 0], "--position"),
    (["item", "add", "--plan", 7, "--level", "task", "--title", "x"], "7"),
    (["item", "edit", "--plan", 1, "--item", "TC 1.1"], "--title"),
    (["item", "edit", "--plan", 1, "--item", "TC 1.1", "--title", ""], "Tên mục"),
    (["item", "move", "--plan", 1, "--item", "TC 1.1", "--up"], "đầu nhóm"),
    (["item", "move", "--plan", 1, "--item", "TC 1.1", "--up", "--top"], "--top"),
    (["item", "move", "--plan", 1, "--item", "I", "--parent", "TC 1.1"], "chính nó"),
    (["item", "move", "--plan", 1, "--item", "TC 1.1", "--up", "--position", 2], "--position"),
    (["item", "delete", "--plan", 1, "--item", "#9999"], "#9999"),
    (["evidence", "add", "--plan", 1, "--item", "TC 1.1", "--period", Q1, "--number", "1", "--date", "30/02/2025"],
     "30/02/2025"),
    (["evidence", "add", "--plan", 1, "--item", "TC 1.1", "--period", Q1, "--number", "1", "--date", "hôm qua"],
     "--date"),
    (["evidence", "add", "--plan", 1, "--item", "TC 1.1", "--period", Q1], "ít nhất"),
    (["evidence", "add", "--plan", 1, "--item", "TC 1.1", "--period", "2025-Q5", "--number", "1"], "2025-Q5"),
    (["evidence", "add", "--plan", 1, "--item", "TC 1.1", "--period", Q1, "--file", "/không/có.pdf"], "có.pdf"),
    (["evidence", "list", "--plan", 1, "--item", "TC 42"], "TC 42"),
    (["evidence", "remove", "--id", 404], "Không tìm thấy"),
    (["plan", "edit", "--plan", 1], "--title"),
    (["plan", "edit", "--plan", 1, "--issued", "2025-02-30"], "--issued"),
    (["plan", "edit", "--plan", 1, "--title", " "], "Tên kế hoạch"),
    (["plan", "delete", "--plan", 5], "5"),
    (["agency", "rename", "--agency", "Sở Không Có", "--to", "X"], "Sở Không Có"),
    (["agency", "alias", "--agency", "Sở Không Có", "--alias", "X"], "Sở Không Có"),
    (["overview", "--plan", 1, "--period", Q1, "--date", "32/1/2025"], "32/1/2025"),
    (["overview", "--plan", 3, "--period", Q1], "3"),
    (["history", "--limit", 0], "--limit"),
    (["redo"], "làm lại"),
])
def test_bad_input_is_one_line_exit_2_and_nothing_changed(run, db, args, says):
    assert says in refused(run, db, *args)


def test_evidence_add_list_remove(run, db, tmp_path):
    scan = tmp_path / "quyet-dinh.pdf"
    scan.write_bytes(b"%PDF-1.4 demo")
    added = ok(run, db, "evidence", "add", "--plan", 1, "--item", "TC 1.1", "--period", Q1, "--number", "45/QĐ-UBND",
               "--date", "05/3/2025", "--summary", "Quyết định kiện toàn", "--file", scan, "--json")
    assert (added["number"], added["issued_on"], added["file_name"], added["item_code"]) == (
        "45/QĐ-UBND", "2025-03-05", "quyet-dinh.pdf", "TC 1.1")
    iso = ok(run, db, "evidence", "add", "--plan", 1, "--item", "TC 1.2", "--period", "2025-H1", "--summary", "Báo cáo",
             "--date", "2025-04-01", "--json")
    assert iso["issued_on"] == "2025-04-01"
    listed = ok(run, db, "evidence", "list", "--plan", 1, "--json")
    assert [(e["id"], e["item_code"], e["period"]) for e in listed["evidence"]] == [
        (added["id"], "TC 1.1", Q1), (iso["id"], "TC 1.2", "2025-H1")]
    assert ok(run, db, "evidence", "list", "--plan", 1, "--period", Q1, "--json")["count"] == 1
    assert ok(run, db, "evidence", "list", "--plan", 1, "--item", "TC 1.2", "--json")["count"] == 1
    removed = ok(run, db, "evidence", "remove", "--id", added["id"], "--json")
    assert removed["removed"]["id"] == added["id"]
    assert [e["id"] for e in ok(run, db, "evidence", "list", "--plan", 1, "--json")["evidence"]] == [iso["id"]]


def test_plan_edit_and_delete(run, db):
    edited = ok(run, db, "plan", "edit", "--plan", 1, "--number", "15/KH-UBND", "--issued", "10/01/2025",
                "--title", "Kế hoạch CCHC 2025", "--appendix-title", "Phụ lục I", "--basis", "Căn cứ A",
                "--basis", "Căn cứ B", "--json")
    assert (edited["number"], edited["issued_on"], edited["title"], edited["appendix_title"], edited["basis"]) == (
        "15/KH-UBND", "2025-01-10", "Kế hoạch CCHC 2025", "Phụ lục I", ["Căn cứ A", "Căn cứ B"])
    assert ok(run, db, "plan", "list", "--json")[0]["number"] == "15/KH-UBND"
    assert ok(run, db, "plan", "delete", "--plan", 1, "--json") == {"deleted": 1, "title": "Kế hoạch CCHC 2025"}
    assert ok(run, db, "plan", "list", "--json") == []
    assert "Đã hoàn tác: Xóa kế hoạch" in ok(run, db, "undo")
    assert ok(run, db, "plan", "list", "--json")[0]["item_count"] == 63


def test_agency_rename_alias_merge(run, db):
    ok(run, db, "agency", "rename", "--agency", "Công an", "--to", "Công an thị trấn")
    ok(run, db, "agency", "alias", "--agency", "Công an thị trấn", "--alias", "CA TT")
    agencies = {a["name"]: a for a in ok(run, db, "agency", "list", "--json")}
    assert "Công an" not in agencies and "CA TT" in agencies["Công an thị trấn"]["aliases"]
    count = agencies["Công an thị trấn"]["item_count"] + agencies["Ban Chỉ huy Quân sự"]["item_count"]
    ok(run, db, "agency", "merge", "Công an thị trấn", "Ban Chỉ huy Quân sự")
    agencies = {a["name"]: a for a in ok(run, db, "agency", "list", "--json")}
    assert "Ban Chỉ huy Quân sự" not in agencies and 0 < agencies["Công an thị trấn"]["item_count"] <= count
    assert "Ban Chỉ huy Quân sự" in agencies["Công an thị trấn"]["aliases"]
    assert "đã là một cơ quan" in refused(run, db, "agency", "merge", "Công an thị trấn", "CA TT")


def test_overview_json_is_the_windows_figures(run, db):
    ok(run, db, "progress", "set", "--plan", 1, "--item", "TC 1.1", "--period", Q1, "--status", "done")
    ok(run, db, "progress", "set", "--plan", 1, "--item", "TC 1.2", "--period", Q1, "--status", "in_progress")
    ok(run, db, "evidence", "add", "--plan", 1, "--item", "TC 1.1", "--period", Q1, "--number", "1/QĐ")
    figures = ok(run, db, "overview", "--plan", 1, "--period", Q1, "--date", "20/02/2025", "--json")
    # the same computation the window runs, at the same day
    from datetime import date

    from parcdesk.db.evidence import evidence_counts
    from parcdesk.db.items import load_tree
    from parcdesk.db.progress import progress_of_plan
    from parcdesk.db.store import open_store
    from parcdesk.overview import compute_overview
    from parcdesk.periods import parse_period

    with open_store(db) as store:
        expected = compute_overview(load_tree(store.db, 1), progress_of_plan(store.db, 1, Q1),
                                    evidence_counts(store.db, 1, Q1), parse_period(Q1), date(2025, 2, 20))
    assert figures["date"] == "2025-02-20" and figures["tracked"] == len(expected.states) > 2
    assert figures["buckets"] == expected.totals
    assert figures["buckets"]["done"] == 1 and figures["buckets"]["in_progress"] == 1
    assert figures["statuses"]["done"] == 1 and sum(figures["statuses"].values()) == figures["tracked"]
    assert figures["by_area"] == expected.by_area and figures["by_lead"] == expected.by_lead
    assert [o["id"] for o in figures["overdue"]] == [s.item.id for s in expected.overdue]
    assert [d["date"] for d in figures["due"]] == [e.when.isoformat() for e in expected.due_next]
    assert len(figures["lacking_evidence"]) == len(expected.lacking_evidence) == figures["tracked"] - 1
    # with no date, or one after the period: the period's end, as the report takes it
    assert ok(run, db, "overview", "--plan", 1, "--period", Q1, "--date", "2025-06-01", "--json")["date"] == "2025-03-31"
    text = ok(run, db, "overview", "--plan", 1, "--period", Q1, "--date", "20/02/2025")
    assert f"tính đến ngày 20/02/2025: {figures['tracked']} mục theo dõi" in text and "Hoàn thành: 1" in text


def test_undo_redo_history_across_invocations(run, db):
    ok(run, db, "item", "edit", "--plan", 1, "--item", "TC 1.1", "--title", "Tên mới")
    ok(run, db, "progress", "set", "--plan", 1, "--item", "TC 1.1", "--period", Q1, "--status", "done")
    history = ok(run, db, "history", "--limit", 2, "--json")
    assert [h["operation"] for h in history] == ["progress.set", "item.edit"]
    edit = history[1]
    fields = next(c["fields"] for c in edit["changes"] if c["table"] == "items")
    assert fields["title"]["new"] == "Tên mới" and fields["title"]["old"] != "Tên mới"
    assert edit["source"] == "cli" and edit["state"] == "done"
    text = ok(run, db, "history", "--limit", 2)
    assert "Sửa mục TC 1.1" in text and "→ “Tên mới”" in text

    assert ok(run, db, "undo", "--json")["label"].startswith("Ghi tiến độ TC 1.1")
    assert "Đã hoàn tác: Sửa mục TC 1.1" in ok(run, db, "undo")
    assert item_json(run, db, "TC 1.1")["title"] == fields["title"]["old"]
    states = {h["operation"]: h["state"] for h in ok(run, db, "history", "--json")[:2]}
    assert states == {"progress.set": "undone", "item.edit": "undone"}
    assert "Đã làm lại: Sửa mục TC 1.1" in ok(run, db, "redo")
    assert item_json(run, db, "TC 1.1")["title"] == "Tên mới"
    progress = ok(run, db, "progress", "show", "--plan", 1, "--period", Q1, "--json")
    assert {r["code"]: r["status"] for r in progress["items"]}["TC 1.1"] == "not_started"


def test_init_and_plan_new_are_undone_as_whole_steps(run, tmp_path):
    path = tmp_path / "fresh.sqlite"
    ok(run, path, *INIT)
    ok(run, path, "plan", "new", "--year", 2025)
    assert [h["operation"] for h in ok(run, path, "history", "--json")] == ["plan.new", "signer.add", "office.setup"]
    for _ in range(2):
        ok(run, path, "undo")
    assert ok(run, path, "plan", "list", "--json") == [] and ok(run, path, "agency", "list", "--json")
    # the setup itself stays: taking it back would leave a file with no office
    assert "Không hoàn tác được “Thiết lập đơn vị" in refused(run, path, "undo")


def test_undo_after_demo_has_nothing_to_take_back(run, tmp_path):
    """The demo builds a new file: its data is the starting point, not a pile of undo steps."""
    path = tmp_path / "demo.sqlite"
    ok(run, path, "demo")
    assert ok(run, path, "history", "--json") == []
    assert "Không còn thao tác nào để hoàn tác" in refused(run, path, "undo")


def test_signed_period_refuses_every_change_from_the_command_line(run, db, tmp_path):
    ok(run, db, "progress", "set", "--plan", 1, "--item", "TC 1.1", "--period", Q1, "--status", "done")
    ok(run, db, "evidence", "add", "--plan", 1, "--item", "TC 1.1", "--period", Q1, "--number", "1/QĐ")
    evidence_id = ok(run, db, "evidence", "list", "--plan", 1, "--json")["evidence"][0]["id"]
    figures = ok(run, db, "overview", "--plan", 1, "--period", Q1, "--date", "31/3/2025", "--json")
    ok(run, db, "report", "edit", "--plan", 1, "--period", Q1, "--results", "Tốt.", "--shortcomings", "Không có.",
       "--next-tasks", "Tiếp tục.", "--proposals", "Không có.")
    ok(run, db, "report", "signoff", "--plan", 1, "--period", Q1, "--signer", "Thái Văn Ngự", "--date", "05/4/2025")
    lead = item_json(run, db, "TC 1.1")["leads"][0]
    attempts = [
        ("item", "edit", "--plan", 1, "--item", "TC 1.1", "--target", "Đạt 50%"),
        ("item", "delete", "--plan", 1, "--item", "TC 1.1"),
        ("evidence", "add", "--plan", 1, "--item", "TC 1.1", "--period", Q1, "--number", "2/QĐ"),
        ("evidence", "remove", "--id", evidence_id),
        ("report", "edit", "--plan", 1, "--period", Q1, "--results", "Khác"),
        ("agency", "merge", "Ban Chỉ huy Quân sự", lead),
    ]
    for attempt in attempts:
        sentence = refused(run, db, *attempt)
        assert "quý I năm 2025" in sentence and "phiên bản 1" in sentence and "đã chốt" in sentence, attempt
    after = ok(run, db, "overview", "--plan", 1, "--period", Q1, "--date", "31/3/2025", "--json")
    assert after.pop("signed")["version"] == 1 and "đã chốt" in after.pop("caption")  # now marked as signed
    assert figures.pop("signed") is None and figures.pop("caption")
    assert after == figures
    assert "Không hoàn tác được qua lần chốt báo cáo" in refused(run, db, "undo")


def test_signoff_takes_the_offices_only_signer_and_asks_when_there_are_several(run, db):
    ok(run, db, "report", "edit", "--plan", 1, "--period", Q1, "--results", "Tốt.", "--shortcomings", "Không có.",
       "--next-tasks", "Tiếp tục.", "--proposals", "Không có.")
    ok(run, db, "init", "--signer", "Nguyễn Văn B", "--position", "PHÓ CHỦ TỊCH")
    assert "hãy ghi --signer" in refused(run, db, "report", "signoff", "--plan", 1, "--period", Q1)
    ok(run, db, "report", "edit", "--plan", 1, "--period", Q1, "--signer", "Nguyễn Văn B")
    signed = ok(run, db, "report", "signoff", "--plan", 1, "--period", Q1, "--json")
    assert signed["signer"]["name"] == "Nguyễn Văn B"


def test_next_years_target_can_be_set_from_the_command_line(run, db):
    ok(run, db, "progress", "set", "--plan", 1, "--item", "TCTP 3.4.2", "--period", "2025", "--status", "done",
       "--value", "97")
    listed = ok(run, db, "plan", "new", "--from", 1, "--year", 2026, "--dry-run", "--json")["rollforward"]["rewrites"]
    proposed = [r for r in listed if r["kind"] == "next_target"]
    assert any(r["code"] == "TCTP 3.4.2" for r in proposed)
    assert "không khớp mục nào" in refused(run, db, "plan", "new", "--from", 1, "--year", 2026,
                                           "--next-target", "TC 9.9=50")
    new_id = ok(run, db, "plan", "new", "--from", 1, "--year", 2026, "--next-target", "TCTP 3.4.2=99,5",
                "--json")["id"]
    shown = ok(run, db, "plan", "show", "--plan", new_id, "--json")

    def walk(nodes):
        for node in nodes:
            yield node
            yield from walk(node.get("children", []))

    item = next(n for n in walk(shown["items"]) if n["code"] == "TCTP 3.4.2")
    assert item["target"]["value"] == 99.5


def test_a_years_own_target_is_set_from_the_command_line(run, db):
    ok(run, db, "item", "edit", "--plan", 1, "--item", "TCTP 3.4.2", "--year-target", "2025=Đạt từ 98% trở lên")
    shown = ok(run, db, "plan", "show", "--plan", 1, "--json")
    item = next(c for area in shown["items"] for c in area["children"] if c["code"] == "TCTP 3.4.2")
    assert [(t["year"], t["threshold"]["value"]) for t in item["year_targets"]] == [(2025, 98.0)]
    assert "NĂM=CHỈ_TIÊU" in refused(run, db, "item", "edit", "--plan", 1, "--item", "TCTP 3.4.2",
                                     "--year-target", "năm nay=90%")
