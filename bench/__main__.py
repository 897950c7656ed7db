"""`make bench`: every bench/bench_*.py, each figure against its floor measured in the same run."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path


def run_module(name: str) -> list[dict]:
    """One bench module in a fresh process: what an earlier module left in memory (a Qt
    application, caches, garbage to collect) must not slow the next one's figures."""
    result = subprocess.run([sys.executable, "-m", "bench", "--one", name], capture_output=True, text=True,
                            encoding="utf-8", check=True, cwd=Path(__file__).resolve().parents[1])
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(importlib.import_module(f"bench.{sys.argv[2]}").run()))
        return 0
    names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("bench_"))
    only = sys.argv[1:]
    rows = []
    for name in names:
        if only and not any(o in name for o in only):
            continue
        rows.extend(run_module(name))
    header = f"{'phép đo':<44} {'giây':>9} {'nền (s)':>9} {'tỉ lệ':>7} {'mục tiêu':>12}  kết quả"
    print(header)
    print("-" * len(header))
    missed = 0
    for row in rows:
        goals = []
        ok = True
        if row.get("goal_ratio") is not None:
            ok = row["ratio"] <= row["goal_ratio"]
            goals.append(f"≤{row['goal_ratio']:g}×")
        if row.get("goal_seconds") is not None:
            ok = ok and row["seconds"] <= row["goal_seconds"]
            goals.append(f"≤{row['goal_seconds']:g}s")
        missed += not ok
        goal = ", ".join(goals)
        extra = f"  {row['note']}" if row.get("note") else ""
        print(f"{row['name']:<44} {row['seconds']:>9.4f} {row['floor_seconds']:>9.4f} {row['ratio']:>6.2f}× "
              f"{goal:>12}  {'đạt' if ok else 'CHƯA ĐẠT'}{extra}")
    print(f"\n{len(rows) - missed}/{len(rows)} phép đo đạt mục tiêu.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
