"""The bad-input table of issue 11, command-line rows: one Vietnamese sentence, exit 2, data intact.

Each argument is checked once, in cli/parser.py, for every command; numbers in
parsing/numbers.py. These tests replay each row on a real office file and compare its bytes.
"""

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from officer_text import assert_officer_sentence

INIT = ["init", "--unit", "UBND thị trấn Ia Kha", "--kind", "thị trấn"]
HUGE = "99999999999999999999"  # past SQLite's 64-bit integers: an OverflowError when bound
BAD_UTF8 = "Kết quả \udcff\udcfe"  # what Python makes of bytes that are not UTF-8 in argv
SET = ["progress", "set", "--plan", "1", "--item", "TC 1.1", "--period", "2025-Q1"]


def digest(path: Path) -> str:
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    return hashlib.sha256(data + (wal.read_bytes() if wal.exists() else b"")).hexdigest()


@pytest.fixture
def office(tmp_path, run):
    path = tmp_path / "office.sqlite"
    assert run("--db", path, *INIT)[0] == 0
    assert run("--db", path, "plan", "new", "--year", "2025")[0] == 0
    assert run("--db", path, *SET, "--value", "97,5")[0] == 0
    return path


def refused_and_intact(run, office, *args) -> str:
    before = digest(office)
    code, out, err = run("--db", office, *args)
    assert code == 2, (args, out, err)
    assert out == ""
    assert_officer_sentence(err)
    assert digest(office) == before
    return err


@pytest.mark.parametrize("value", ["NaN", "nan", "1e400", "inf", "-inf", "1_000", "٩٧", "٩٧,٥", "97,5abc",
                                   "1" + "0" * 400, "150", "-5"])
def test_bad_actual_value(run, office, value):
    err = refused_and_intact(run, office, *SET, f"--value={value}")  # "-inf" would read as an option
    assert err.startswith("Giá trị thực tế “")
    code, out, _ = run("--db", office, "progress", "show", "--plan", "1", "--period", "2025-Q1", "--json")
    row = next(r for r in json.loads(out)["items"] if r["code"] == "TC 1.1")
    assert row["value"] == 97.5  # the value recorded before is still there, not cleared


def test_decimal_comma_and_point_both_accepted(run, office):
    for typed, stored in (("97.5", 97.5), ("99,25%", 99.25), ("100", 100.0)):
        code, out, err = run("--db", office, *SET, "--value", typed)
        assert code == 0, err
        assert json.loads(out)["value"] == stored


def test_json_output_never_holds_infinity(run, office):
    # a value stored by an earlier version, before numbers were checked
    with sqlite3.connect(office) as conn:
        conn.execute("UPDATE progress SET actual_value = 9e999")
    code, out, err = run("--db", office, "progress", "show", "--plan", "1", "--period", "2025-Q1", "--json")
    assert code == 0, err

    def no_constants(name):
        raise AssertionError(f"{name} in JSON output")

    rows = json.loads(out, parse_constant=no_constants)["items"]
    assert next(r for r in rows if r["code"] == "TC 1.1")["value"] is None


@pytest.mark.parametrize("args", [
    ["plan", "show", "--plan", HUGE],
    ["progress", "show", "--plan", HUGE, "--period", "2025-Q1"],
    ["progress", "set", "--plan", HUGE, "--item", "TC 1.1", "--period", "2025-Q1", "--value", "1"],
    ["search", "thu tuc", "--plan", HUGE],
    ["report", "export", "--plan", HUGE, "--period", "2025-Q1", "--pdf", "x.pdf"],
    ["plan", "export", "--plan", HUGE, "--pdf", "x.pdf"],
    ["plan", "new", "--year", "2026", "--from", HUGE],
    ["plan", "show", "--plan", "-" + HUGE],
    ["plan", "show", "--plan", "0"],
    ["plan", "show", "--plan", "-1"],
    ["plan", "show", "--plan", "1_0"],
    ["plan", "show", "--plan", "١"],
    ["init", "--deadline-day", HUGE],
], ids=lambda a: " ".join(a[:2]) + " " + a[a.index(next(x for x in a if x.startswith("-"))) + 1][:6])
def test_bad_number_argument(run, office, args):
    err = refused_and_intact(run, office, *args)
    assert err.startswith("Lệnh không hợp lệ: tham số --")


@pytest.mark.parametrize("command", [["plan", "new"], ["plan", "import", "tep.xlsx"]])
@pytest.mark.parametrize("year", ["0", "-5", "99999", "1999", "2101", HUGE])
def test_bad_year(run, office, tmp_path, command, year):
    err = refused_and_intact(run, office, *command, "--year", year)
    assert "--year" in err and "từ 2000 đến 2100" in err


@pytest.mark.parametrize("args", [
    SET + ["--result", BAD_UTF8],
    SET + ["--difficulties", BAD_UTF8],
    SET + ["--proposals", BAD_UTF8],
    ["progress", "set", "--plan", "1", "--item", BAD_UTF8, "--period", "2025-Q1", "--value", "1"],
    ["plan", "new", "--year", "2026", "--title", BAD_UTF8],
    ["init", "--unit", BAD_UTF8],
    ["search", BAD_UTF8],
    ["agency", "merge", "Văn phòng", BAD_UTF8],
    ["report", "edit", "--plan", "1", "--period", "2025-Q1", "--results", BAD_UTF8],
    ["plan", "import", BAD_UTF8 + ".xlsx", "--year", "2025"],
], ids=lambda a: " ".join(x for x in a if x.startswith("--") or x.isalpha())[:40])
def test_text_that_is_not_utf8(run, office, args):
    err = refused_and_intact(run, office, *args)
    assert "không đọc được" in err and "\udcff" not in err


def test_every_argument_is_checked_without_naming_it_in_english(run, office):
    # positional arguments are named by their Vietnamese metavar, never "query" or "keep"
    for args in (["search", BAD_UTF8], ["agency", "merge", BAD_UTF8, "x"]):
        err = refused_and_intact(run, office, *args)
        assert "tham số TỪ_KHÓA" in err or "tham số TÊN_GIỮ" in err, err
