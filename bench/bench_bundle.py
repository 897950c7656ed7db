"""The bundled program (dist/parcdesk, `make bundle`): start to a shown window, and size on disk.

Start: the bundle opened on a demo office with `--smoke-start` (the usual start: lock, open,
main window; it prints a line once the window has painted, offscreen, then quits), timed
from launching the process to that line. Floor: the same executable with `--version`, i.e.
starting the bundled Python and the command line with no window. Goal: ≤ 1.5 s.
Size: dist/parcdesk on disk in MB, against the goal of 200 MB (shown as the floor).
A missing bundle is built first (`make bundle`); if that fails the rows say it was skipped.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.timing import best_of, figure

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "parcdesk"
SHOWN = "Cửa sổ đã hiện."
GOAL_SECONDS = 1.5
GOAL_MB = 200.0


def executable() -> Path:
    return BUNDLE / ("parcdesk-lenh.exe" if sys.platform == "win32" else "parcdesk")


def size_mb(folder: Path) -> float:
    """Bytes on disk (allocated blocks where the system says, as `du` does), in MB."""
    total = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            stat = path.stat()
            blocks = getattr(stat, "st_blocks", None)
            total += blocks * 512 if blocks is not None else stat.st_size
    return total / 1_000_000


def _skipped(note: str) -> list[dict]:
    row = figure("gói: khởi động → hiện cửa sổ", float("nan"), float("nan"), goal_ratio=None)
    row["note"] = note
    return [row]


def seconds_to_window(command: list[str], env: dict[str, str]) -> float:
    """Seconds from launching `command` (a program with `--smoke-start`) to its line saying the
    window is shown. Also the Windows lane's figure (tools/windows/), there with `wine` in front."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               stdin=subprocess.DEVNULL, text=True, encoding="utf-8", errors="replace")
    try:
        for line in process.stdout:
            if line.strip() == SHOWN:
                return time.perf_counter() - started
        raise RuntimeError(f"{' '.join(command)} ended without showing its window")
    finally:
        process.stdout.close()
        process.wait(timeout=60)


def best_start(command: list[str], env: dict[str, str], runs: int = 5) -> float:
    """The best of `runs` starts, after a first that fills the disk cache (as on the officer's
    every later start)."""
    seconds_to_window(command, env)
    return min(seconds_to_window(command, env) for _ in range(runs))


def bundle_env(folder: Path) -> dict[str, str]:
    """Offscreen, with the settings and data in `folder`, not the user's."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(folder / "config"),
           "XDG_DATA_HOME": str(folder / "data")}
    env.pop("PARCDESK_DB", None)
    return env


def start_seconds(program: str) -> float:
    """The bundle at `program` opened on a demo office: best start to its shown window."""
    folder = Path(tempfile.mkdtemp(prefix="parcdesk-bench-bundle-"))
    env = bundle_env(folder)
    db = folder / "demo.sqlite"
    subprocess.run([program, "--db", str(db), "demo"], env=env, check=True, capture_output=True)
    return best_start([program, "--db", str(db), "--smoke-start"], env)


def run() -> list[dict]:
    if not executable().exists():
        built = subprocess.run(["make", "bundle"], cwd=ROOT, capture_output=True, text=True)
        if built.returncode != 0 or not executable().exists():
            return _skipped("bỏ qua: chưa có dist/parcdesk và `make bundle` không thành công")
    program = str(executable())
    env = bundle_env(Path(tempfile.mkdtemp(prefix="parcdesk-bench-version-")))

    def version() -> None:
        subprocess.run([program, "--version"], env=env, check=True, capture_output=True)

    start = figure("gói: khởi động → hiện cửa sổ", start_seconds(program), best_of(version, 5), goal_ratio=None,
                   goal_seconds=GOAL_SECONDS)
    size = size_mb(BUNDLE)
    on_disk = figure("gói: dung lượng MB (nền = mục tiêu 200)", size, GOAL_MB, goal_ratio=1.0)
    on_disk["note"] = f"{size:.0f} MB trên đĩa ({sys.platform})"
    return [start, on_disk]
