"""argparse, speaking Vietnamese: its own English errors become one Vietnamese line.

Every value on the command line is checked here, once, for every command: argparse looks a
value's converter up in the parser's registry by the argument's `type`, so registering one
for `None` (no type given: text) and for `int` covers each argument, in every subcommand and
group, without repeating a check in each command:

- text must be real text: a name or a path given as bytes that are not UTF-8 reaches Python
  as lone surrogates ("\udcff"), which SQLite, the PDF and the JSON output cannot encode;
- an integer is written with the digits 0–9 (Python's int() also takes "1_000" and Arabic-
  Indic digits) and fits SQLite's 64 bits (a larger one is an OverflowError when bound);
- `record_number` (a plan's or a version's number) is 1 or more, `year` lies in the years a
  plan can have (`db.plans.check_year`, the one rule).
"""

from __future__ import annotations

import argparse
import re

from parcdesk.db.plans import FIRST_YEAR, LAST_YEAR, check_year
from parcdesk.errors import UserError

_INTEGER_RE = re.compile(r"[+-]?[0-9]+")
_SQLITE_MAX = 2**63 - 1
_SHOWN = 24

_TRANSLATIONS = [
    (re.compile(r"the following arguments are required: (.+)"), "thiếu tham số bắt buộc: {0}"),
    (re.compile(r"unrecognized arguments: (.+)"), "không hiểu tham số: {0}"),
    (re.compile(r"argument (\S+): invalid int value: '(.*)'"), "tham số {0}: “{1}” không phải là số nguyên"),
    (re.compile(r"argument (\S+): invalid float value: '(.*)'"), "tham số {0}: “{1}” không phải là số"),
    (re.compile(r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.+)\)"),
     "tham số {0}: “{1}” không hợp lệ (chọn một trong: {2})"),
    (re.compile(r"argument (\S+): expected one argument"), "tham số {0} cần một giá trị"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), "không dùng {0} cùng với {1}"),
    (re.compile(r"one of the arguments (.+) is required"), "cần một trong các tham số: {0}"),
    # our converters' own (Vietnamese) reasons, after argparse's "argument --plan: "
    (re.compile(r"argument (\S+): (.+)"), "tham số {0}: {1}"),
]


def _shown(value: str) -> str:
    """The value as it can be printed: undecodable bytes as "?", cut when long."""
    text = value.encode("utf-8", "replace").decode("utf-8")
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


def _as_given(value: str) -> str:
    return value


def text(value: str) -> str:
    """Any text argument: refused when it holds bytes that are not UTF-8 (lone surrogates)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise argparse.ArgumentTypeError(
            f"“{_shown(value)}” chứa ký tự không đọc được (không phải chữ Unicode/UTF-8); hãy gõ lại"
        ) from None
    return value


def integer(value: str) -> int:
    """A whole number in the digits 0–9 that SQLite can hold."""
    value = text(value).strip()
    if not _INTEGER_RE.fullmatch(value):
        raise argparse.ArgumentTypeError(f"“{_shown(value)}” không phải là số nguyên viết bằng chữ số 0–9")
    number = int(value)
    if abs(number) > _SQLITE_MAX:
        raise argparse.ArgumentTypeError(f"số “{_shown(value)}” quá lớn")
    return number


def record_number(value: str) -> int:
    """The number of a plan, a report version …: 1 or more."""
    number = integer(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"số “{_shown(value.strip())}” không hợp lệ: số thứ tự bắt đầu từ 1")
    return number


def year(value: str) -> int:
    """A plan's year: the range is db.plans' (a year far past it is said as such, not as "too big")."""
    value = text(value).strip()
    if not _INTEGER_RE.fullmatch(value):
        raise argparse.ArgumentTypeError(f"“{_shown(value)}” không phải là số nguyên viết bằng chữ số 0–9")
    try:
        return check_year(int(value))
    except UserError:
        raise argparse.ArgumentTypeError(
            f"năm {_shown(value)} không hợp lệ: chỉ từ {FIRST_YEAR} đến {LAST_YEAR}") from None


def translate(message: str) -> str:
    for pattern, template in _TRANSLATIONS:
        match = pattern.search(message)
        if match:
            return template.format(*match.groups())
    return message


class VietnameseParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self.register("type", None, text)  # an argument without a type is text
        self.register("type", int, integer)
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="hiện hướng dẫn rồi thoát")

    def add_subparsers(self, **kwargs):
        # argparse converts every word after the command with the subparsers action's type
        # before handing them on: each is converted, and named, by its own argument instead
        action = super().add_subparsers(**kwargs)
        action.type = _as_given
        return action

    def error(self, message: str):
        raise UserError(f"Lệnh không hợp lệ: {translate(message)} (xem “{self.prog} --help”).")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "Cách dùng:")

    def format_help(self) -> str:
        text = super().format_help()
        return (
            text.replace("usage:", "Cách dùng:")
            .replace("positional arguments:", "Tham số:")
            .replace("options:", "Tùy chọn:")
        )
