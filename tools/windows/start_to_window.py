"""Seconds from starting ParcDesk to its first shown window, as bench/bench_bundle.py measures them.

    python tools/windows/start_to_window.py -- COMMAND...   the best of 5 (after one warm-up) of
                                                             COMMAND --smoke-start, in this environment
    python tools/windows/start_to_window.py --bundle PROGRAM  the same for a Linux bundle, on a demo office

The lane (lane.sh) gives the first `wine …\\parcdesk.exe` (the installed program, the officer's
data file) and the second dist/parcdesk/parcdesk, so that its table sets the two side by side.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.bench_bundle import best_start, start_seconds  # noqa: E402


def main(argv: list[str]) -> int:
    if argv[:1] == ["--bundle"] and len(argv) == 2:
        seconds = start_seconds(argv[1])
    elif argv[:1] == ["--"] and len(argv) > 1:
        seconds = best_start([*argv[1:], "--smoke-start"], dict(os.environ))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(f"{seconds:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
