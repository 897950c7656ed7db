"""Importing a 2,000-row appendix (.xlsx), against openpyxl merely reading the same file.

The floor is what any importer must at least do: open the workbook in openpyxl's read-only
mode and walk every cell's value. The import does that too (with fonts and merged cells),
then finds the header, joins and checks rows, builds the tree and parses every target and
agency cell; the second figure adds writing the plan into a fresh database.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

from bench.timing import best_of_interleaved, figure
from parcdesk.db import agencies
from parcdesk.db.store import open_memory
from parcdesk.importer import analyse, apply

ROWS = 2000
HEADER = ("TT", "Nội dung công việc", "Mục tiêu, yêu cầu", "Cơ quan chủ trì", "Cơ quan phối hợp",
          "Thời gian thực hiện", "Ghi chú")
WORDS = ("thủ tục hành chính", "cải cách", "công khai", "Bộ phận Một cửa", "đúng hạn", "hồ sơ",
         "dịch vụ công trực tuyến", "kiểm tra", "tuyên truyền", "số hóa", "đào tạo", "tài chính công")
LEADS = ("Văn phòng - Thống kê", "Tư pháp - Hộ tịch", "Tài chính - Kế toán", "Địa chính - Xây dựng")
TARGETS = ("Hoàn thành 100% nhiệm vụ được giao", "Giải quyết đúng hạn trên 99% hồ sơ", "Từ 50 TTHC trở lên",
           "Thực hiện đầy đủ, đúng quy định", "Tăng ít nhất 02% so với năm 2022 (năm 2022 là 83,99%)")
TIMES = ("Quý I", "Thường xuyên trong năm", "Định kỳ hàng quý", "Trước 31/12/2025", "Theo kế hoạch")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
         "XVI", "XVII", "XVIII", "XIX", "XX")


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def write_appendix(path: Path, rows: int = ROWS, seed: int = 2000) -> Path:
    """A sheet like the offices' own: title rows, a header, 20 areas (bold, merged) of tasks."""
    rng = random.Random(seed)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Phu luc"
    sheet.append(["Phụ lục kèm theo Kế hoạch cải cách hành chính năm 2025"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    sheet.append([])
    sheet.append(HEADER)
    per_area = rows // len(ROMAN)
    written = 0
    for numeral in ROMAN:
        sheet.append([numeral, " ".join(rng.choice(WORDS) for _ in range(3)).upper()])
        row = sheet.max_row
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(HEADER))
        sheet.cell(row, 1).font = sheet.cell(row, 2).font = Font(bold=True)
        written += 1
        for task in range(1, per_area):
            sheet.append([task, " ".join(rng.choice(WORDS) for _ in range(8)), rng.choice(TARGETS),
                          rng.choice(LEADS), "Các ban, ngành; " + rng.choice(LEADS), rng.choice(TIMES),
                          rng.choice(("", "", "Ưu tiên"))])
            written += 1
    workbook.save(path)
    return path


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as folder:
        path = write_appendix(Path(folder) / "phu-luc-2000.xlsx")

        def floor():
            workbook = openpyxl.load_workbook(path, read_only=True)
            for sheet in workbook.worksheets:
                for _ in sheet.iter_rows(values_only=True):
                    pass
            workbook.close()

        store = open_memory()
        agencies.load_default_agencies(store.db)

        def read_only():
            return analyse(path)

        def full():
            preview = analyse(path)
            apply(store.db, preview, year=2025)

        preview = analyse(path)
        assert sum(preview.counts().values()) == ROWS, preview.counts()
        # Interleaved, so that a busy machine slows the floor and the import alike.
        floor_seconds, read_seconds, full_seconds = best_of_interleaved([floor, read_only, full], repeat=5)
        results = [
            figure(f"nhập phụ lục {_n(ROWS)} dòng: đọc, hiểu bảng", read_seconds, floor_seconds, goal_ratio=2),
            # the goal is the whole import, written plan included, within 2× of the floor
            figure(f"nhập phụ lục {_n(ROWS)} dòng: cả ghi vào dữ liệu", full_seconds, floor_seconds,
                   goal_ratio=2),
        ]
        store.close()
        return results
