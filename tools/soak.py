"""`make soak`: the long reliability runs of issue 11, outside `make test` (Linux: fork, kill -9,
tmpfs, chattr, bind mounts).

Each kill scenario forks a child that runs the real command line in-process (`parcdesk.cli.main`,
so parsing, opening with its checks, the write and the close are all exercised), lets it work a
random while, and kills it with SIGKILL. An edit is *acknowledged* when the child reported, before
the kill, that the command returned 0; after each kill the next start (`open_store`) must find
every acknowledged edit, a sound file (quick_check; integrity_check at the end), and no temporary
file of the dead child left. Injected faults (a full tmpfs, a read-only file, a read-only folder)
must end in exit 0 or exit 2 with one Vietnamese sentence, never a bug.

Prints a table; exits 1 on any lost edit, bug, unsound file or leftover. `--quick` runs fewer
cycles (a smoke of the soak itself).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "samples" / "ia-kha-2023.xlsx"
PERIOD = "2025-Q1"
BUG_MARKS = ("Traceback", "không mong muốn")
ENGLISH = ("disk", "error", "database", "readonly", "I/O", "locked", "malformed")


@dataclass
class Row:
    scenario: str
    cycles: int = 0
    acknowledged: int = 0
    lost: int = 0
    unsound: int = 0
    bugs: int = 0
    leftovers: int = 0
    notes: list[str] = field(default_factory=list)
    skipped: str = ""

    @property
    def ok(self) -> bool:
        return self.skipped != "" or not (self.lost or self.unsound or self.bugs or self.leftovers)


# --- running the command line ------------------------------------------------------------------

def cli(*args) -> tuple[int, str]:
    """The command line in this process: (exit code, stderr)."""
    from parcdesk.cli.main import main

    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, err.getvalue()


def fork_and_kill(work, delay: float, stderr_path: Path, kill_on: str | None = None,
                  chance: float = 0.0, rng: random.Random | None = None) -> list[str]:
    """Run `work(report)` in a forked child and SIGKILL it after `delay` seconds (or let it end),
    or as soon as it reports `kill_on` and a draw of `chance` says so; returns the lines the child
    reported before it died (its acknowledgements)."""
    import select

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        descriptor = os.open(stderr_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        os.dup2(descriptor, 2)
        sys.stderr = open(2, "w", buffering=1, closefd=False)
        out = os.fdopen(write_end, "w", buffering=1)
        try:
            work(lambda line: (out.write(line + "\n"), out.flush()))
        finally:
            os._exit(0)
    os.close(write_end)
    deadline = time.monotonic() + delay
    buffer, lines, ended = b"", [], False
    while not ended:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        ready, _, _ = select.select([read_end], [], [], min(left, 0.05))
        if ready:
            chunk = os.read(read_end, 65536)
            if not chunk:
                ended = True  # the child closed its end: it is exiting
                break
            buffer += chunk
            *complete, buffer = buffer.split(b"\n")
            lines += [line.decode() for line in complete]
            if kill_on and any(line.decode() == kill_on for line in complete) and rng.random() < chance:
                break
    if not ended:
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    while True:  # what was reported before the kill and not read yet
        chunk = os.read(read_end, 65536)
        if not chunk:
            break
        buffer += chunk
    os.close(read_end)
    lines += [line.decode() for line in buffer.split(b"\n") if line]
    return [line for line in lines if line != kill_on] if kill_on else lines


def bug_lines(stderr_path: Path) -> int:
    if not stderr_path.exists():
        return 0
    text = stderr_path.read_text(encoding="utf-8", errors="replace")
    stderr_path.unlink()
    return sum(mark in text for mark in BUG_MARKS)


def temp_leftovers(folder: Path) -> list[Path]:
    from parcdesk.db.files import TEMP_MARK

    return [p for p in folder.rglob("*") if TEMP_MARK in p.name or p.name.endswith(".tmp")]


def sound(path: Path, full: bool = False) -> bool:
    """The next start's view: open (quick_check inside), then the full check if asked."""
    from parcdesk.db.store import open_store
    from parcdesk.errors import UserError

    try:
        with open_store(path) as store:
            return not full or store.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    except UserError:
        return False


# --- building offices ------------------------------------------------------------------------------

def new_office(path: Path) -> tuple[int, list[str]]:
    code, err = cli("--db", path, "init", "--unit", "UBND thị trấn Ia Kha", "--signer", "Thái Văn Ngự",
                    "--position", "CHỦ TỊCH")
    assert code == 0, err
    code, err = cli("--db", path, "plan", "new", "--year", "2025")
    assert code == 0, err
    from parcdesk.db.store import open_store

    with open_store(path) as store:
        codes = [row[0] for row in store.db.execute(
            "SELECT code FROM items WHERE plan_id = 1 AND code != '' ORDER BY id")]
    return 1, sorted(set(codes))


def results_in(path: Path) -> dict[str, str]:
    from parcdesk.db.store import open_store

    with open_store(path) as store:
        return dict(store.db.execute(
            "SELECT i.code, p.result FROM progress p JOIN items i ON i.id = p.item_id WHERE p.period = ?",
            [PERIOD]).fetchall())


# --- scenarios -------------------------------------------------------------------------------------

def soak_edits(work: Path, cycles: int, remove_wal: str, rng: random.Random) -> Row:
    """kill -9 during random `progress set`. With `remove_wal` the -wal and -shm files are then
    deleted too, as a cleaning tool, or a copy of the .sqlite file alone, would: "idle" kills the
    child between two edits (the officer's program crashing while nobody saves), "any" at any
    moment, a checkpoint in progress included (the documented limit: see the README)."""
    row = Row({"": "sửa ngẫu nhiên, kill -9", "idle": "xóa -wal sau kill giữa hai lần sửa",
               "any": "xóa -wal sau kill bất kỳ lúc nào"}[remove_wal])
    path = work / f"sua{remove_wal}.sqlite"
    plan_id, codes = new_office(path)
    codes = codes[:40]
    accepted: dict[str, set[str]] = {code: {""} for code in codes}  # code → values the file may hold
    stderr_path = work / "child-stderr.txt"
    for cycle in range(cycles):
        def edit(report, cycle=cycle):
            child_rng = random.Random(cycle)
            for n in range(10_000):
                code = child_rng.choice(codes)
                value = f"c{cycle}-e{n}"
                report(f"WILL\t{code}\t{value}")
                if cli("--db", path, "progress", "set", "--plan", plan_id, "--item", code,
                       "--period", PERIOD, "--result", value)[0] == 0:
                    report(f"ACK\t{code}\t{value}")
                if remove_wal == "idle":
                    report("IDLE")
                    time.sleep(0.01)

        if remove_wal == "idle":
            lines = fork_and_kill(edit, 2.0, stderr_path, kill_on="IDLE", chance=0.15, rng=rng)
        else:
            lines = fork_and_kill(edit, rng.uniform(0.02, 0.25), stderr_path)
        row.bugs += bug_lines(stderr_path)
        if remove_wal:
            for side in ("-wal", "-shm"):
                Path(f"{path}{side}").unlink(missing_ok=True)
        # what each key may now hold: the last acknowledged value or any attempted after it
        pending: dict[str, set[str]] = {}
        for line in lines:
            kind, code, value = line.split("\t")
            if kind == "WILL":
                pending.setdefault(code, set()).add(value)
            else:
                row.acknowledged += 1
                pending[code] = {value}
                accepted[code] = set()  # an acknowledged value replaces what was there before
        for code, values in pending.items():
            accepted[code] = accepted.get(code, set()) | values
        row.cycles += 1
        if not sound(path):
            row.unsound += 1
            row.notes.append(f"chu kỳ {cycle}: tệp không nguyên vẹn")
            break
        actual = results_in(path)
        for code, values in accepted.items():
            if values and actual.get(code, "") not in values:
                row.lost += 1
                row.notes.append(f"chu kỳ {cycle}: {code} = {actual.get(code, '')!r}, chờ {sorted(values)}")
                if os.environ.get("SOAK_KEEP"):
                    shutil.copyfile(path, Path(os.environ["SOAK_KEEP"]) / f"lost-{cycle}.sqlite")
                    Path(os.environ["SOAK_KEEP"], f"lost-{cycle}.txt").write_text("\n".join(lines))
            accepted[code] = {actual.get(code, "")}
        row.leftovers += len(temp_leftovers(work))
    if not sound(path, full=True):
        row.unsound += 1
    return row


def soak_import(work: Path, cycles: int, rng: random.Random) -> Row:
    row = Row("kill -9 khi nhập kế hoạch")
    pristine = work / "nhap-goc.sqlite"
    new_office(pristine)
    reference = work / "nhap-mau.sqlite"
    shutil.copyfile(pristine, reference)
    took = timed(lambda: cli("--db", reference, "plan", "import", SAMPLE, "--year", "2023"))
    expected_items = _count(reference, "SELECT count(*) FROM items WHERE plan_id = 2")
    stderr_path = work / "child-stderr.txt"
    path = work / "nhap.sqlite"
    for cycle in range(cycles):
        shutil.copyfile(pristine, path)
        lines = fork_and_kill(lambda report: report("ACK") if cli("--db", path, "plan", "import", SAMPLE,
                                                                      "--year", "2023")[0] == 0 else None,
                              rng.uniform(0, 2 * took), stderr_path)
        row.bugs += bug_lines(stderr_path)
        row.cycles += 1
        row.acknowledged += len(lines)
        if not sound(path):
            row.unsound += 1
            continue
        plans = _count(path, "SELECT count(*) FROM plans")
        items = _count(path, "SELECT count(*) FROM items WHERE plan_id = 2")
        if (lines and plans != 2) or (plans == 2 and items != expected_items) or plans not in (1, 2):
            row.lost += 1
            row.notes.append(f"chu kỳ {cycle}: {plans} kế hoạch, {items} mục")
        row.leftovers += len(temp_leftovers(work))
    return row


def timed(action) -> float:
    """How long one uninterrupted run takes: kills are then spread over all of it."""
    start = time.monotonic()
    code, err = action()
    assert code == 0, err
    return time.monotonic() - start


def _count(path: Path, sql: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def big_office(path: Path) -> None:
    """About 8 MB (5,050 items with progress), so that a backup or a copy takes a while."""
    sys.path.insert(0, str(ROOT))
    from bench.bench_store import build

    build(path)


def soak_backup(work: Path, cycles: int, rng: random.Random) -> Row:
    row = Row("kill -9 khi sao lưu")
    path = work / "lon.sqlite"
    big_office(path)
    folder = work / "sao-luu"
    folder.mkdir()
    stderr_path = work / "child-stderr.txt"
    items = _count(path, "SELECT count(*) FROM items")
    took = timed(lambda: cli("--db", path, "backup", "--to", folder))
    for copy in folder.iterdir():
        copy.unlink()
    for cycle in range(cycles):
        lines = fork_and_kill(lambda report: report("ACK") if cli("--db", path, "backup", "--to", folder)[0] == 0
                              else None, rng.uniform(0, 2 * took), stderr_path)
        row.bugs += bug_lines(stderr_path)
        row.cycles += 1
        row.acknowledged += len(lines)
        finals = sorted(folder.glob("lon_sao-luu_*.sqlite"))
        if len(finals) < len(lines):  # a backup reported done is there
            row.lost += 1
        for copy in finals:  # every copy under its final name is whole
            if not sound(copy, full=True) or _count(copy, "SELECT count(*) FROM items") != items:
                row.unsound += 1
                row.notes.append(f"chu kỳ {cycle}: bản sao {copy.name} không nguyên vẹn")
            copy.unlink()
        if not sound(path):
            row.unsound += 1
    # the next backup sweeps what the killed ones left
    assert cli("--db", path, "backup", "--to", folder)[0] == 0
    row.leftovers += len(temp_leftovers(folder))
    return row


def old_version_file(path: Path, version: int, rows: int) -> None:
    """A file as ParcDesk `version` left it (the first `version` migrations), with `rows` history rows."""
    from parcdesk.db.connection import APPLICATION_ID
    from parcdesk.db.schema import MIGRATIONS

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN")
    for statements in MIGRATIONS[:version]:
        for statement in statements:
            conn.execute(statement)
    conn.execute("INSERT INTO settings (key, value) VALUES ('unit_name', 'UBND xã cũ')")
    conn.executemany("INSERT INTO history (at, entity, field, old, new) VALUES ('2024-01-01', 'x', 'f', ?, ?)",
                     [("cũ " * 20, f"mới {n}") for n in range(rows)])
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()


def soak_migration(work: Path, cycles: int, rng: random.Random) -> Row:
    from parcdesk.db.schema import CURRENT_VERSION

    row = Row(f"kill -9 khi nâng cấp v1→v{CURRENT_VERSION}")
    if CURRENT_VERSION < 2:
        row.skipped = "chỉ có một lược đồ: không có gì để nâng cấp"
        return row
    pristine = work / "cu-goc.sqlite"
    old_version_file(pristine, 1, 60_000)
    history = _count(pristine, "SELECT count(*) FROM history")
    folder = work / "nang-cap"
    folder.mkdir()
    path = folder / "cu.sqlite"
    stderr_path = work / "child-stderr.txt"
    shutil.copyfile(pristine, path)
    took = timed(lambda: cli("--db", path, "plan", "list"))
    for cycle in range(cycles):
        for leftover in folder.iterdir():
            leftover.unlink()
        shutil.copyfile(pristine, path)
        lines = fork_and_kill(lambda report: report("ACK") if cli("--db", path, "plan", "list")[0] == 0 else None,
                              rng.uniform(0, 2 * took), stderr_path)
        row.bugs += bug_lines(stderr_path)
        row.cycles += 1
        row.acknowledged += len(lines)
        for copy in folder.glob("cu.truoc-nang-cap-v*.sqlite"):  # a copy under its final name is whole
            conn = sqlite3.connect(copy)
            whole = (conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                     and conn.execute("PRAGMA user_version").fetchone()[0] == 1
                     and conn.execute("SELECT count(*) FROM history").fetchone()[0] == history)
            conn.close()
            if not whole:
                row.unsound += 1
                row.notes.append(f"chu kỳ {cycle}: bản sao trước nâng cấp không nguyên vẹn")
        version = _count_version(path)
        if lines and version != CURRENT_VERSION:
            row.lost += 1
        if not sound(path, full=True):  # the next start: migrates what was left at v1, sweeps
            row.unsound += 1
        if _count(path, "SELECT count(*) FROM history") != history:
            row.lost += 1
        row.leftovers += len(temp_leftovers(folder))
    return row


def _count_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def soak_signoff(work: Path, cycles: int, rng: random.Random) -> Row:
    row = Row("kill -9 khi chốt báo cáo")
    pristine = work / "chot-goc.sqlite"
    plan_id, codes = new_office(pristine)
    for code in codes[:10]:
        assert cli("--db", pristine, "progress", "set", "--plan", plan_id, "--item", code, "--period", PERIOD,
                   "--status", "done", "--result", "Xong")[0] == 0
    assert cli("--db", pristine, "report", "edit", "--plan", plan_id, "--period", PERIOD, "--results", "Không có.",
               "--shortcomings", "Không có.", "--next-tasks", "Không có.", "--proposals", "Không có.")[0] == 0
    path = work / "chot.sqlite"
    stderr_path = work / "child-stderr.txt"
    shutil.copyfile(pristine, path)
    took = timed(lambda: cli("--db", path, "report", "signoff", "--plan", plan_id, "--period", PERIOD,
                             "--signer", "Thái Văn Ngự", "--pdf", work / "mau.pdf"))
    for cycle in range(cycles):
        shutil.copyfile(pristine, path)
        out = work / f"bao-cao-{cycle}.pdf"
        lines = fork_and_kill(lambda report: report("ACK") if cli(
            "--db", path, "report", "signoff", "--plan", plan_id, "--period", PERIOD, "--signer", "Thái Văn Ngự",
            "--pdf", out)[0] == 0 else None, rng.uniform(0, 2 * took), stderr_path)
        row.bugs += bug_lines(stderr_path)
        row.cycles += 1
        row.acknowledged += len(lines)
        if not sound(path, full=True):
            row.unsound += 1
            continue
        signed = _count(path, "SELECT count(*) FROM signed_reports")
        if signed not in (0, 1) or (lines and signed != 1):
            row.lost += 1
        if signed:  # what was signed is whole: its content still hashes to its fingerprint
            code, err = cli("--db", path, "report", "versions", "--plan", plan_id, "--period", PERIOD)
            if code != 0:
                row.unsound += 1
                row.notes.append(f"chu kỳ {cycle}: {err.strip()}")
        if out.exists():
            code, _ = cli("--db", path, "report", "verify", out)
            if code != 0:
                row.notes.append(f"chu kỳ {cycle}: PDF dở dang dưới tên cuối")
                row.unsound += 1
            out.unlink()
        row.leftovers += len([p for p in temp_leftovers(work)])
    return row


# --- injected faults ------------------------------------------------------------------------------

def _sentence_ok(code: int, err: str) -> bool:
    if code == 0:
        return True
    text = " ".join(t for t in err.split() if "/" not in t)
    return code == 2 and err.strip().count("\n") == 0 and not any(w.lower() in text.lower() for w in ENGLISH) \
        and not any(mark in err for mark in BUG_MARKS)


def mount_tmpfs(folder: Path, size: str) -> str | None:
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True,
                          text=True)
    return None if done.returncode == 0 else (done.stderr.strip() or "mount bị từ chối")


def soak_full_disk(work: Path, cycles: int, rng: random.Random) -> Row:
    row = Row("ổ đĩa đầy (tmpfs 3 MB)")
    disk = work / "o-dia"
    refused = mount_tmpfs(disk, "3m")
    if refused:
        row.skipped = f"không gắn được tmpfs: {refused}"
        return row
    try:
        path = disk / "day.sqlite"
        plan_id, codes = new_office(path)
        expected: dict[str, str] = {}
        for cycle in range(cycles):
            if cycle % 10 == 0:  # a new fill level every ten attempts
                (disk / "fill").unlink(missing_ok=True)
                stat = os.statvfs(disk)
                keep = rng.randint(0, 40)
                with open(disk / "fill", "wb") as handle:
                    handle.write(b"\0" * max(0, (stat.f_bavail - keep) * stat.f_frsize))
            code_ = rng.choice(codes[:30])
            value = f"c{cycle} " + "nội dung dài " * rng.randint(1, 3000)
            command = rng.choice(["set", "set", "set", "backup", "import"])
            if command == "set":
                code, err = cli("--db", path, "progress", "set", "--plan", plan_id, "--item", code_,
                                "--period", PERIOD, "--result", value)
                if code == 0:
                    expected[code_] = value.strip()
                    row.acknowledged += 1
            elif command == "backup":
                code, err = cli("--db", path, "backup", "--to", disk / "sao-luu")
            else:
                code, err = cli("--db", path, "plan", "import", SAMPLE, "--year", "2023")
            row.cycles += 1
            if not _sentence_ok(code, err):
                row.bugs += 1
                row.notes.append(f"{command}: {err.strip()[:120]}")
            if code == 2 and "đầy" not in err and "khóa" not in err:
                row.notes.append(f"{command}: {err.strip()[:80]}")
        (disk / "fill").unlink(missing_ok=True)
        actual = results_in(path)
        row.lost = sum(1 for code_, value in expected.items() if actual.get(code_, "").strip() != value)
        row.unsound += not sound(path, full=True)
        row.leftovers += len(temp_leftovers(disk))
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)
    return row


def _attempts(path: Path, plan_id: int, codes: list[str], cycles: int, row: Row) -> None:
    for cycle in range(cycles):
        command = [("progress", "set", "--plan", plan_id, "--item", codes[cycle % len(codes)], "--period", PERIOD,
                    "--status", "failed"),
                   ("plan", "import", SAMPLE, "--year", "2023"),
                   ("init", "--unit", "UBND khác")][cycle % 3]
        code, err = cli("--db", path, *command)
        row.cycles += 1
        if code != 2 or not _sentence_ok(code, err) or "chỉ cho phép đọc" not in err:
            row.bugs += code != 2 or not _sentence_ok(code, err)
            row.notes.append(f"{command[0]} {command[1]}: {code} {err.strip()[:100]}")


def soak_read_only_file(work: Path, cycles: int) -> Row:
    row = Row("tệp dữ liệu chỉ đọc (chattr +i)")
    path = work / "chi-doc.sqlite"
    plan_id, codes = new_office(path)
    before = path.read_bytes()
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        row.skipped = "chattr +i không dùng được ở đây"
        return row
    try:
        _attempts(path, plan_id, codes, cycles, row)
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=False)
    row.lost += path.read_bytes() != before
    row.unsound += not sound(path, full=True)
    return row


def soak_read_only_folder(work: Path, cycles: int) -> Row:
    row = Row("thư mục chỉ đọc (bind mount ro)")
    source = work / "thu-muc"
    source.mkdir()
    plan_id, codes = new_office(source / "o.sqlite")
    before = (source / "o.sqlite").read_bytes()
    view = work / "thu-muc-ro"
    view.mkdir()
    mounted = subprocess.run(["mount", "--bind", str(source), str(view)], capture_output=True, text=True)
    if mounted.returncode != 0:
        row.skipped = f"không gắn được: {mounted.stderr.strip()}"
        return row
    try:
        if subprocess.run(["mount", "-o", "remount,ro,bind", str(view)], capture_output=True).returncode != 0:
            row.skipped = "không gắn lại chỉ đọc được"
            return row
        _attempts(view / "o.sqlite", plan_id, codes, cycles, row)
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)
    row.lost += (source / "o.sqlite").read_bytes() != before
    row.unsound += not sound(source / "o.sqlite", full=True)
    return row


# --- the whole run ----------------------------------------------------------------------------------

def print_table(rows: list[Row], seconds: float) -> None:
    header = (f"{'tình huống':<34} {'chu kỳ':>7} {'đã xác nhận':>12} {'mất':>5} {'hỏng':>5} {'lỗi chương trình':>17} "
              f"{'tệp tạm':>8}  kết quả")
    print(header)
    print("-" * len(header))
    for row in rows:
        verdict = f"BỎ QUA: {row.skipped}" if row.skipped else ("đạt" if row.ok else "KHÔNG ĐẠT")
        print(f"{row.scenario:<34} {row.cycles:>7} {row.acknowledged:>12} {row.lost:>5} {row.unsound:>5} "
              f"{row.bugs:>17} {row.leftovers:>8}  {verdict}")
        for note in row.notes[:5]:
            print(f"    · {note}")
    print(f"\nThời gian: {seconds:.0f} giây.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="ít chu kỳ (thử nhanh)")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--json", help="ghi bảng kết quả dạng JSON vào tệp này")
    parser.add_argument("--only", help="chỉ chạy các tình huống có tên chứa chuỗi này")
    args = parser.parse_args(argv)
    if sys.platform != "linux":
        print("make soak chỉ chạy trên Linux (fork, kill -9, tmpfs).")
        return 0
    scale = 0.1 if args.quick else 1.0

    def n(cycles: int) -> int:
        return max(3, int(cycles * scale))

    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="parcdesk-soak-"))
    os.environ["XDG_DATA_HOME"] = str(work / "du-lieu-nguoi-dung")  # bug logs land here, to be counted
    start = time.monotonic()
    rows = []
    try:
        for name, scenario in (
            ("edits", lambda: soak_edits(work, n(520), "", rng)),
            ("wal-idle", lambda: soak_edits(work, n(120), "idle", rng)),
            ("wal-any", lambda: soak_edits(work, n(120), "any", rng)),
            ("import", lambda: soak_import(work, n(40), rng)),
            ("backup", lambda: soak_backup(work, n(40), rng)),
            ("migration", lambda: soak_migration(work, n(40), rng)),
            ("signoff", lambda: soak_signoff(work, n(30), rng)),
            ("full-disk", lambda: soak_full_disk(work, n(100), rng)),
            ("read-only-file", lambda: soak_read_only_file(work, n(15))),
            ("read-only-folder", lambda: soak_read_only_folder(work, n(15))),
        ):
            if args.only and args.only not in name:
                continue
            row = scenario()
            rows.append(row)
            print(f"… {row.scenario}: {row.cycles} chu kỳ, {time.monotonic() - start:.0f} s", file=sys.stderr)
        logs = list((work / "du-lieu-nguoi-dung").rglob("*.log"))
        if logs:
            rows.append(Row("nhật ký lỗi chương trình", bugs=len(logs), notes=[str(p) for p in logs]))
            print(logs[0].read_text(encoding="utf-8")[-3000:], file=sys.stderr)
    finally:
        subprocess.run(["umount", "-l", str(work / "o-dia")], capture_output=True, check=False)
        shutil.rmtree(work, ignore_errors=True)
    seconds = time.monotonic() - start
    print_table(rows, seconds)
    if args.json:
        Path(args.json).write_text(json.dumps([row.__dict__ for row in rows], ensure_ascii=False, indent=1))
    return 0 if all(row.ok for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
