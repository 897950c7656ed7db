"""Actual values: the one reader (parsing/numbers.py), table-driven."""

import math

import pytest

from officer_text import assert_officer_sentence
from parcdesk.db.progress import parse_number
from parcdesk.errors import UserError
from parcdesk.parsing.numbers import MAX_COUNT, finite_or_none, parse_actual, problem, range_problem

READ = [
    ("97,5", None, 97.5),
    ("97.5", None, 97.5),
    ("97,5%", "%", 97.5),
    ("97,5 %", "%", 97.5),
    (" 100 ", "%", 100.0),
    ("0", "%", 0.0),
    ("1.234,5", None, 1234.5),
    ("1,234.5", None, 1234.5),
    ("1.234.567", "TTHC", 1234567.0),
    ("1.234", None, 1.234),  # a lone point was always a decimal point here
    ("52", "TTHC", 52.0),
    ("02", "sáng kiến", 2.0),
    ("+5", None, 5.0),
    ("", "%", None),
    ("  ", None, None),
    (None, "%", None),
    (97.5, "%", 97.5),
    (3, "TTHC", 3.0),
]


@pytest.mark.parametrize("value,unit,expected", READ, ids=[repr(r[0]) for r in READ])
def test_values_that_are_read(value, unit, expected):
    assert parse_actual(value, unit) == expected
    assert parse_number(value, unit) == expected  # db/progress delegates here
    assert problem(value, unit) is None


REFUSED = [
    # what Python's float() would have taken
    ("NaN", None, "không phải là một số"),
    ("nan", "%", "không phải là một số"),
    ("inf", None, "không phải là một số"),
    ("-Infinity", None, "không phải là một số"),
    ("1e400", None, "không phải là một số"),
    ("1e5", None, "không phải là một số"),
    ("1_000", None, "không phải là một số"),
    ("٩٧", "%", "chữ số 0–9"),  # Arabic-Indic digits
    ("۹۷", "%", "chữ số 0–9"),  # Extended Arabic-Indic
    ("９７", "%", "chữ số 0–9"),  # full-width
    ("१००", "%", "chữ số 0–9"),  # Devanagari
    ("1" + "0" * 400, None, "hữu hạn"),  # digits only, but past a float: infinity
    (float("nan"), "%", "hữu hạn"),
    (float("inf"), None, "hữu hạn"),
    (10**400, None, "quá lớn"),
    (True, None, "không phải là một số"),
    # not a number at all
    ("abc", None, "không phải là một số"),
    ("97,5,5", None, "không phải là một số"),
    ("1.23.4", None, "không phải là một số"),
    ("1,234,5", None, "không phải là một số"),
    ("--5", None, "không phải là một số"),
    ("5%%", "%", "không phải là một số"),
    # numbers outside the unit's range
    ("150", "%", "từ 0 đến 100"),
    ("100,01", "%", "từ 0 đến 100"),
    ("-3", "%", "từ 0 đến 100"),
    ("-1", "TTHC", "từ 0 đến"),
    ("-0,5", None, "từ 0 đến"),
    (str(MAX_COUNT + 1), "TTHC", "từ 0 đến 1.000.000.000"),
]


@pytest.mark.parametrize("value,unit,reason", REFUSED, ids=[repr(r[0])[:20] for r in REFUSED])
def test_values_that_are_refused(value, unit, reason):
    with pytest.raises(UserError) as refused:
        parse_actual(value, unit)
    message = str(refused.value)
    assert reason in message, message
    assert_officer_sentence(message)
    assert message.startswith("Giá trị thực tế “")
    assert problem(value, unit) == message  # the window asks the same question without raising


def test_the_sentence_says_what_is_allowed_for_the_unit():
    assert "tỉ lệ phần trăm phải từ 0 đến 100" in range_problem(101, "%")
    assert "số lượng phải từ 0 đến" in range_problem(-1, "TTHC")
    assert range_problem(100, "%") is None and range_problem(0, None) is None


def test_a_long_value_is_shown_cut():
    message = problem("x" * 10_000, None)
    assert len(message) < 200


def test_finite_or_none_keeps_json_valid():
    assert finite_or_none(float("inf")) is None and finite_or_none(float("nan")) is None
    assert finite_or_none(97.5) == 97.5 and finite_or_none("inf") == "inf" and finite_or_none(None) is None
    assert not math.isnan(finite_or_none(0.0))
