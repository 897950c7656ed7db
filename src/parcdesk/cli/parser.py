"""argparse, speaking Vietnamese: its own English errors become one Vietnamese line."""

from __future__ import annotations

import argparse
import re

from parcdesk.errors import UserError

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
]


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
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="hiện hướng dẫn rồi thoát")

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
