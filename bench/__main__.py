"""`make bench`: every bench/bench_*.py, each figure against its floor measured in the same run."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> int:
    names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("bench_"))
    only = sys.argv[1:]
    rows = []
    for name in names:
        if only and not any(o in name for o in only):
            continue
        module = importlib.import_module(f"bench.{name}")
        rows.extend(module.run())
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
