"""The command line as a script or an officer would use it."""

import hashlib
import json
import sqlite3
import subprocess
import sys

import pytest


INIT = ["init", "--unit", "UBND thị trấn Ia Kha", "--kind", "thị trấn", "--superior", "UBND huyện Ia Grai",
        "--place", "Ia Kha"]


@pytest.fixture
def db(tmp_path, run):
    path = tmp_path / "office.sqlite"
    assert run("--db", path, *INIT)[0] == 0
    return path


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def new_plan(run, db, *extra):
    code, out, err = run("--db", db, "plan", "new", "--year", 2025, *extra)
    assert code == 0, err
    return json.loads(out)["id"]


def test_init_plan_new_list_show(run, db):
    plan_id = new_plan(run, db, "--template", "par-xa")
    code, out, _ = run("--db", db, "plan", "list", "--json")
    listed = json.loads(out)
    assert code == 0 and [(p["id"], p["year_from"], p["item_count"]) for p in listed] == [(plan_id, 2025, 63)]
    code, out, _ = run("--db", db, "plan", "show", "--plan", plan_id, "--json")
    shown = json.loads(out)
    assert shown["plan"]["id"] == plan_id
    areas = shown["items"]
    assert [a["code"] for a in areas] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    first = areas[0]["children"][0]
    assert first["level"] == "criterion" and first["code"] == "TC 1.1"
    assert first["target"] == {"text": "Hoàn thành 100% nhiệm vụ được giao", "comparator": ">=", "value": 100.0,
                               "unit": "%", "baseline_year": None, "baseline_value": None, "manual": False,
                               "baseline_missing": False}
    assert first["lead"] == "Văn phòng – Thống kê"
    assert isinstance(first["partners"], list) and first["partners"]
    assert first["timeframe"]["kind"] == "ongoing"
    sipas = areas[7]["children"][0]
    # baseline year 2024, no value until the office enters its 2024 result (never the template's 83,99)
    assert (sipas["target"]["comparator"], sipas["target"]["value"], sipas["target"]["baseline_year"],
            sipas["target"]["baseline_value"], sipas["target"]["baseline_missing"]) == (None, None, 2024, None, True)
    assert sipas["timeframe"] == {"text": "Trong năm 2025", "kind": "year", "due": ["2025-12-31"], "problem": None}


def test_plan_new_from_previous_year(run, db):
    plan_id = new_plan(run, db)
    code, out, err = run("--db", db, "plan", "new", "--year", 2026, "--from", plan_id)
    assert code == 0, err
    new_id = json.loads(out)["id"]
    shown = json.loads(run("--db", db, "plan", "show", "--plan", new_id, "--json")[1])
    assert shown["plan"]["year_from"] == 2026 and shown["plan"]["source_plan_id"] == plan_id
    assert shown["items"][7]["children"][0]["timeframe"]["due"] == ["2026-12-31"]


def test_progress_set_and_show(run, db):
    plan_id = new_plan(run, db)
    code, out, err = run("--db", db, "progress", "set", "--plan", plan_id, "--item", "TCTP 3.4.2",
                         "--period", "2025-Q1", "--status", "done", "--value", "97.5", "--result", "Đúng hạn 97,5%")
    assert code == 0, err
    code, out, _ = run("--db", db, "progress", "show", "--plan", plan_id, "--period", "2025-Q1", "--json")
    report = json.loads(out)
    rows = {row["code"]: row for row in report["items"]}
    assert (rows["TCTP 3.4.2"]["status"], rows["TCTP 3.4.2"]["value"], rows["TCTP 3.4.2"]["achieved"]) == (
        "done", 97.5, False)
    assert rows["TC 1.1"]["status"] == "not_started" and rows["TC 1.1"]["achieved"] is None
    assert report["counts"]["done"] == 1 and report["counts"]["not_started"] == 54


def test_search_json(run, db):
    new_plan(run, db)
    code, out, _ = run("--db", db, "search", "thu tuc", "--json")
    found = json.loads(out)
    assert code == 0 and found["count"] >= 10
    assert any(hit["code"] == "III" for hit in found["items"])


def test_check_and_backup(run, db, tmp_path):
    new_plan(run, db)
    assert run("--db", db, "check")[0] == 0
    code, out, _ = run("--db", db, "backup", "--to", tmp_path / "sao-luu", "--json")
    copy = json.loads(out)["backup"]
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT count(*) FROM items").fetchone()[0] == 63
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_check_reports_broken_links(run, db):
    new_plan(run, db)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DELETE FROM plans")
    conn.commit()
    conn.close()
    code, _, err = run("--db", db, "check")
    assert code == 2 and "liên kết hỏng" in err


@pytest.mark.parametrize("args, message", [
    (["plan", "show", "--plan", "99"], "Không có kế hoạch số 99."),
    (["progress", "set", "--plan", "1", "--item", "TC 9.9", "--period", "2025-Q1", "--status", "done"],
     "không có mục mang mã “TC 9.9”"),
    (["progress", "set", "--plan", "1", "--item", "TC 1.1", "--period", "2025-Q5", "--status", "done"],
     "Kỳ báo cáo “2025-Q5” không hợp lệ"),
    (["progress", "set", "--plan", "1", "--item", "TC 1.1", "--period", "2025-Q1", "--status", "xong"],
     "“xong” không hợp lệ"),
    (["progress", "set", "--plan", "1", "--item", "TC 1.1", "--period", "2025-Q1", "--value", "abc"],
     "không phải là một số"),
    (["plan", "show"], "thiếu tham số bắt buộc: --plan"),
    (["plan", "new", "--year", "năm"], "không phải là số nguyên"),
    (["plan", "new", "--year", "2025", "--template", "khong-co"], "Không có mẫu kế hoạch “khong-co”"),
])
def test_bad_input_is_one_vietnamese_line_and_changes_nothing(run, db, args, message):
    new_plan(run, db)
    before = digest(db)
    code, out, err = run("--db", db, *args)
    assert code == 2
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert digest(db) == before


def test_file_that_is_not_a_database(run, tmp_path):
    path = tmp_path / "anh.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + b"JFIF" * 100)
    before = digest(path)
    code, _, err = run("--db", path, "plan", "list")
    assert code == 2 and "không phải là tệp dữ liệu của ParcDesk" in err
    assert digest(path) == before


def test_newer_database_is_refused(run, db):
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    before = digest(db)
    code, _, err = run("--db", db, "plan", "list")
    assert code == 2 and "phiên bản ParcDesk mới hơn" in err
    assert digest(db) == before


def test_module_entry_point_has_no_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "parcdesk", "--db", str(tmp_path / "none.sqlite"), "plan", "list"],
        capture_output=True, text=True, encoding="utf-8",
    )
    assert result.returncode == 2
    assert result.stderr.startswith("Chưa có tệp dữ liệu") and "Traceback" not in result.stderr
    assert not (tmp_path / "none.sqlite").exists()


def test_demo_fills_a_quarter(run, tmp_path):
    path = tmp_path / "demo.sqlite"
    code, out, err = run("demo", "--db", path, "--json")
    assert code == 0, err
    plan_id = json.loads(out)["plan"]
    year = json.loads(run("--db", path, "plan", "list", "--json")[1])[0]["year_from"]
    report = json.loads(run("--db", path, "progress", "show", "--plan", plan_id, "--period", f"{year}-Q1", "--json")[1])
    counts = report["counts"]
    assert counts["done"] > 10 and counts["in_progress"] > 10 and sum(counts.values()) == 55
    assert any(row["achieved"] is True for row in report["items"])
    code, _, err = run("demo", "--db", path)
    assert code == 2 and "đã có dữ liệu" in err


def test_demo_has_progress_in_every_period_up_to_today(tmp_path):
    from datetime import date

    from parcdesk.db.progress import progress_of_plan
    from parcdesk.db.store import open_store
    from parcdesk.demo import build_demo

    plan_id = build_demo(tmp_path / "demo.sqlite", today=date(2025, 10, 2))
    with open_store(tmp_path / "demo.sqlite") as store:
        filled = {code: len(progress_of_plan(store.db, plan_id, code)) for code in ("2025-Q1", "2025-H1", "2025-9M", "2025")}
        done = {code: sum(p.status in ("done", "done_late") for p in progress_of_plan(store.db, plan_id, code).values())
                for code in ("2025-Q1", "2025-9M")}
    # an item left "not started" with nothing written has no row: most items have one in each period
    assert all(45 <= count <= 55 for count in filled.values()), filled
    assert done["2025-9M"] > done["2025-Q1"]
