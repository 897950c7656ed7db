"""What the command line prints: JSON for machines, plain lines for people."""

from __future__ import annotations

import json
import sys


def emit_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def emit(line: str = "") -> None:
    sys.stdout.write(line + "\n")
