"""What the command line prints: JSON for machines, plain lines for people."""

from __future__ import annotations

import json
import sys

from parcdesk.parsing.numbers import finite_or_none


def emit_json(data) -> None:
    # Infinity/NaN are not JSON: a value stored before numbers were checked prints as null
    sys.stdout.write(json.dumps(_finite(data), ensure_ascii=False, indent=2, allow_nan=False) + "\n")


def _finite(data):
    if isinstance(data, dict):
        return {key: _finite(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [_finite(value) for value in data]
    return finite_or_none(data)


def emit(line: str = "") -> None:
    sys.stdout.write(line + "\n")
