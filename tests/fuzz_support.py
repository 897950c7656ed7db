"""What the import fuzzers share: the files to damage, and one import through the real command line.

Used by tests/test_import_fuzz.py (the suite's mutator, fixed seed) and tools/fuzz_import.py
(another mutator and seed, for a fresh check). A damaged file must end in exit 0 or a
refusal — one Vietnamese sentence naming the file — and never in a bug; after a refusal or
a dry run the data file's bytes are what they were.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

import xlwt

from import_builders import paragraph, table, write_docx, write_xlsx
from officer_text import english_words

SHARED_SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
# What one damaged file may make the readers hold (tracemalloc's peak): a 40 KB file, 150 MB.
MEMORY_BOUND = 150 * 2**20
INIT = ["init", "--unit", "UBND thị trấn Ia Kha", "--kind", "thị trấn"]
HEADER = ["STT", "Nội dung công việc", "Cơ quan chủ trì", "Thời gian thực hiện", "Ghi chú"]


def built_seeds(folder: Path) -> list[Path]:
    """Small appendices of each format, made here: the shapes the readers handle, in few bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = [["KẾ HOẠCH cải cách hành chính năm 2025"], HEADER,
            ["I", "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH"],
            [1, "Rà soát thủ tục hành chính", "Văn phòng - Thống kê", "Quý I", ""],
            [2, "Niêm yết công khai 100% TTHC", "Tư pháp - Hộ tịch", "Thường xuyên", "x"],
            ["II", "CẢI CÁCH THỂ CHẾ"],
            [1, "Tối thiểu 80% hồ sơ đúng hạn", "Bộ phận Một cửa", "Trước 31/11/2023", 0.975]]
    xlsx = write_xlsx(folder / "tao.xlsx", rows, merges=["B3:E3", "B6:E6"], bold_rows=(2, 3, 6))
    legacy = write_xlsx(folder / "tao-tcvn3.xlsx", [HEADER, [1, "Rµ so¸t thñ tôc", "V¨n phßng", "Quý I", ""]],
                        font=".VnTime")
    docx = write_docx(folder / "tao.docx", [
        paragraph("Phụ lục số 01. CẢI CÁCH TỔ CHỨC BỘ MÁY", bold=True),
        table([HEADER, ["1", "Rà soát chức năng", {"text": "Văn phòng", "vmerge": "restart"}, "Quý II", ""],
               ["2", "Sắp xếp bộ phận", {"vmerge": "continue"}, "Năm 2025", ""],
               [{"text": "", "span": 2}, "Tư pháp", "Quý III", "ghi chú"]]),
    ])
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Phu luc")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if (r, c) != (2, 1):
                sheet.write(r, c, value)
    sheet.write_merge(2, 2, 1, 4, rows[2][1])
    xls = folder / "tao.xls"
    book.save(str(xls))
    return [xlsx, legacy, docx, xls]


def sample_seeds() -> list[Path]:
    """The appendices as offices send them (../shared/samples), or [] where that folder is absent."""
    if not SHARED_SAMPLES.is_dir():
        return []
    return sorted(p for p in SHARED_SAMPLES.iterdir() if p.suffix in (".xlsx", ".docx", ".xls"))


def digest(path: Path) -> str:
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    return hashlib.sha256(data + (wal.read_bytes() if wal.exists() else b"")).hexdigest()


@dataclass
class Outcome:
    code: int
    out: str
    err: str
    bug: str | None  # the traceback, when the program took it for a bug

    @property
    def refused(self) -> bool:
        return self.code == 2 and self.bug is None


def run_cli(args: list[str]) -> Outcome:
    """`parcdesk ARGS` in this process; a bug's traceback is kept rather than written to the log."""
    from parcdesk import logs
    from parcdesk.cli.main import main

    caught: list[str] = []
    real = logs.log_bug

    def keep(exc_info=None):
        caught.append("".join(traceback.format_exception(*(exc_info or sys.exc_info()))))
        return Path("(nhật ký thử)")

    out, err = io.StringIO(), io.StringIO()
    logs.log_bug = keep
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([str(a) for a in args])
    finally:
        logs.log_bug = real
    return Outcome(code, out.getvalue(), err.getvalue(), caught[0] if caught else None)


def problem_with(outcome: Outcome, file: Path) -> str | None:
    """Why this outcome of importing `file` is not acceptable, or None when it is."""
    if outcome.bug is not None:
        return "bug: " + outcome.bug.strip().splitlines()[-1]
    if outcome.code == 0:
        try:  # the summary, and nothing a library printed on the way
            json.loads(outcome.out)
        except ValueError:
            return f"--json output is not JSON: {outcome.out[:200]!r}"
        return None
    if outcome.code != 2:
        return f"exit {outcome.code}"
    message = outcome.err.rstrip("\n")
    if outcome.out or "\n" in message:
        return f"more than one line: {outcome.err!r}"
    if not message.startswith(f"Không nhập được tệp “{file.name}”: ") or not message.endswith("."):
        return f"not the refusal sentence: {message!r}"
    if english_words(message):
        return f"English in the refusal: {message!r}"
    return None


def new_office(path: Path) -> None:
    outcome = run_cli(["--db", path, *INIT])
    assert outcome.code == 0, outcome
