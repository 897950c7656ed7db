"""Timing helpers: best of several runs, so a busy machine's noise does not count."""

from __future__ import annotations

import time


def best_of(fn, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def figure(name: str, seconds: float, floor_seconds: float, goal_ratio: float | None,
           goal_seconds: float | None = None) -> dict:
    return {
        "name": name,
        "seconds": seconds,
        "floor_seconds": floor_seconds,
        "ratio": seconds / floor_seconds if floor_seconds else float("inf"),
        "goal_ratio": goal_ratio,
        "goal_seconds": goal_seconds,
    }


def best_of_interleaved(functions, repeat: int = 5) -> list[float]:
    """Best time of each function, their runs taken in turn: a burst of noise on this shared
    machine then hits a measurement and its floor alike, not one of them."""
    best = [float("inf")] * len(functions)
    for _ in range(repeat):
        for index, function in enumerate(functions):
            best[index] = min(best[index], best_of(function, 1))
    return best
