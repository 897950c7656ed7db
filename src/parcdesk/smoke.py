"""`parcdesk --smoke`: the program proves on this machine that it runs, then exits.

Every build runs it, inside the bundle too: a temporary office from the built-in template,
the main window shown offscreen, a report signed off and exported as PDF and Excel, both
files read back and checked. One Vietnamese line per step; exit 0 when all pass, else one
Vietnamese line saying which step failed, and exit 1. Nothing outside a temporary folder
is touched (the window's settings go to an .ini file there, not to the user's settings).
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

YEAR = 2025
PERIOD = f"{YEAR}-Q1"
UNIT = "UBND thị trấn Ia Kha"
SIGNER = "Thái Văn Ngự"
# the report's own texts: signing off needs every section filled
SECTIONS = {
    "results": "Đã ban hành kế hoạch và triển khai đến các ban, ngành.",
    "shortcomings": "Một số nhiệm vụ còn chậm do công chức kiêm nhiệm.",
    "next_tasks": "Tiếp tục thực hiện các nhiệm vụ còn lại.",
    "proposals": "Không có.",
}
# what a draft of the built-in plan's report is at the least: the report, then its landscape appendix
MIN_PDF_PAGES = 2
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


class SmokeFailure(Exception):
    """A check that did not hold: its message is the Vietnamese line shown."""


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


@dataclass
class Smoke:
    folder: Path
    store: object = None
    plan_id: int = 0
    files: dict[str, Path] = field(default_factory=dict)

    # ------------------------------------------------------------ steps

    def resources(self) -> str:
        from parcdesk.resources import resource_path, resources_dir

        for parts in (("fonts", "LiberationSerif-Regular.ttf"), ("fonts", "LiberationSerif-Bold.ttf"),
                      ("templates", "par-xa.json"), ("agencies.json",), ("icons", "parcdesk.png")):
            resource_path(*parts)  # raises, naming the missing file
        return f"tài nguyên đi kèm có đủ ({resources_dir()})"

    def office(self) -> str:
        from parcdesk.db import agencies, plans, settings
        from parcdesk.db.items import find_item, load_tree, walk
        from parcdesk.db.progress import set_progress
        from parcdesk.db.store import open_store
        from parcdesk.report import drafts

        self.store = open_store(self.folder / "kiem-tra.sqlite", create=True)
        db = self.store.db
        settings.save_settings(db, unit_name=UNIT, unit_kind="thị trấn", superior="UBND huyện Ia Grai",
                               place="Ia Kha")
        agencies.load_default_agencies(db)
        settings.add_signer(db, SIGNER, "CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN")
        self.plan_id = plans.create_from_template(db, "par-xa", YEAR, source="smoke")
        set_progress(db, find_item(db, self.plan_id, "TC 1.1"), PERIOD, status="done", actual_value=100,
                     result="Đã hoàn thành kế hoạch quý.")
        set_progress(db, find_item(db, self.plan_id, "TC 1.2"), PERIOD, status="in_progress",
                     result="Đang thực hiện.")
        drafts.save_draft(db, self.plan_id, PERIOD, report_date=f"{YEAR}-04-05", **SECTIONS)
        count = sum(1 for _ in walk(load_tree(db, self.plan_id)))
        check(count > 50, f"kế hoạch tạo từ mẫu chỉ có {count} mục")
        return f"tạo tệp dữ liệu tạm từ mẫu “par-xa”: {count} mục, có tiến độ {PERIOD}"

    def window(self) -> str:
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from parcdesk.db.items import load_tree
        from parcdesk.ui import qt_vi
        from parcdesk.ui.app import app_icon
        from parcdesk.ui.main_window import MainWindow
        from parcdesk.ui.offscreen_fonts import point_qt_at_fonts

        point_qt_at_fonts()
        app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "parcdesk"])
        qt_vi.install(app)
        icon = app_icon()
        check(not icon.isNull(), "không nạp được biểu tượng của chương trình")
        settings = QSettings(str(self.folder / "cua-so.ini"), QSettings.Format.IniFormat)
        window = MainWindow(self.store, settings, today=date(YEAR, 3, 20))
        window.setWindowIcon(icon)
        try:
            window.resize(1280, 760)
            window.show()
            app.processEvents()
            check(window.isVisible(), "cửa sổ chính không hiện")
            rows = window.plan_view.model.rowCount()
            areas = len(load_tree(self.store.db, self.plan_id))
            check(rows == areas == 8, f"cây kế hoạch có {rows} dòng, cần 8 lĩnh vực")
            image = window.grab().toImage()
            check(not image.isNull() and image.width() > 0, "không vẽ được cửa sổ chính")
            platform = app.platformName()
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
        return f"hiện cửa sổ chính ({platform}): cây kế hoạch có {rows} lĩnh vực"

    def sign(self) -> str:
        from parcdesk.report.signoff import sign_off

        done = sign_off(self.store.db, self.plan_id, PERIOD, signer=SIGNER, source="smoke")
        return f"chốt báo cáo quý I năm {YEAR}, phiên bản {done.record.version}"

    def pdf(self) -> str:
        from parcdesk.report.signoff import report_to_export, verify_file, write_output

        data = report_to_export(self.store.db, self.plan_id, PERIOD).pdf()
        path = write_output(self.folder / "bao-cao.pdf", data)
        data = path.read_bytes()
        check(data.startswith(b"%PDF-"), "tệp PDF không bắt đầu bằng %PDF")
        check(data.rstrip().endswith(b"%%EOF"), "tệp PDF bị cụt (thiếu %%EOF)")
        pages = len(_PAGE_OBJECT.findall(data))
        check(pages >= MIN_PDF_PAGES, f"tệp PDF chỉ có {pages} trang")
        try:
            from pypdf import PdfReader  # a test dependency: not in the bundle, which checks the bytes
        except ImportError:
            pass
        else:
            import io

            reader = PdfReader(io.BytesIO(data))
            check(len(reader.pages) == pages, f"pypdf đếm {len(reader.pages)} trang, không phải {pages}")
            check("BÁO CÁO" in reader.pages[0].extract_text(), "trang đầu của PDF không có chữ “BÁO CÁO”")
        verdict = verify_file(self.store.db, path)
        check(verdict.ok, f"tệp PDF không khớp bản đã chốt: {verdict.message}")
        self.files["pdf"] = path
        return f"xuất báo cáo PDF: {pages} trang, {len(data) // 1024} KB, khớp bản đã chốt"

    def xlsx(self) -> str:
        import io

        from openpyxl import load_workbook

        from parcdesk.report.signoff import report_to_export, verify_file, write_output
        from parcdesk.report.xlsx import DATA_KEY_ROW, DATA_KEYS

        data = report_to_export(self.store.db, self.plan_id, PERIOD).xlsx()
        path = write_output(self.folder / "bao-cao.xlsx", data)
        workbook = load_workbook(io.BytesIO(path.read_bytes()))
        from parcdesk.report.proof import PROOF_SHEET
        from parcdesk.report.selfcheck import check_file

        check(workbook.sheetnames == ["Phụ lục", "Dữ liệu", PROOF_SHEET], f"tệp Excel có các trang {workbook.sheetnames}")
        sheet = workbook["Dữ liệu"]
        check([c.value for c in sheet[DATA_KEY_ROW]] == DATA_KEYS, "dòng mã cột của trang “Dữ liệu” không đúng")
        rows = [dict(zip(DATA_KEYS, (c.value for c in row))) for row in sheet.iter_rows(min_row=DATA_KEY_ROW + 1)]
        by_code = {row["item_code"]: row for row in rows}
        first = by_code.get("TC 1.1") or {}
        check(first.get("status") == "done" and first.get("unit_name") == UNIT and first.get("period_code") == PERIOD,
              f"ô của mục TC 1.1 không đúng: {first}")
        verdict = verify_file(self.store.db, path)
        check(verdict.ok, f"tệp Excel không khớp bản đã chốt: {verdict.message}")
        alone = check_file(path)  # as the superior body checks it, without the data file
        check(alone.ok, f"tệp Excel không tự kiểm tra được: {alone.message}")
        self.files["xlsx"] = path
        return f"xuất báo cáo Excel: {len(rows)} dòng dữ liệu, khớp bản đã chốt và nội dung nó mang theo"

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None


STEPS = (
    ("tài nguyên", Smoke.resources),
    ("dữ liệu mẫu", Smoke.office),
    ("cửa sổ", Smoke.window),
    ("chốt báo cáo", Smoke.sign),
    ("PDF", Smoke.pdf),
    ("Excel", Smoke.xlsx),
)


def _say(text: str, stream=None) -> None:
    stream = stream or sys.stdout
    if stream is None:  # a windowed program on Windows has no console to write to
        return
    print(text, file=stream, flush=True)


def main() -> int:
    """Run every step; 0 when all pass, 1 at the first that does not."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # proving the program must not flash a window
    from parcdesk import __version__

    try:
        restore_messages = _quiet_offscreen_notice()
    except Exception as error:  # noqa: BLE001 - Qt itself does not load: the bundle is broken
        _say(f"Tự kiểm tra KHÔNG ĐẠT: không nạp được Qt ({type(error).__name__}: {error}).", sys.stderr)
        return 1
    try:
        return _run(__version__)
    finally:
        restore_messages()


def _run(version: str) -> int:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="parcdesk-kiem-tra-", ignore_cleanup_errors=True) as folder:
        smoke = Smoke(Path(folder))
        try:
            for number, (label, step) in enumerate(STEPS, start=1):
                try:
                    said = step(smoke)
                except SmokeFailure as failure:
                    _say(f"Tự kiểm tra KHÔNG ĐẠT ở bước {number} ({label}): {failure}.", sys.stderr)
                    return 1
                except Exception as error:  # noqa: BLE001 - any error is a failed check, said in one line
                    _say(f"Tự kiểm tra KHÔNG ĐẠT ở bước {number} ({label}): "
                         f"{type(error).__name__}: {error}", sys.stderr)
                    if os.environ.get("PARCDESK_SMOKE_DEBUG"):
                        traceback.print_exc()
                    return 1
                _say(f"[{number}/{len(STEPS)}] {said[:1].upper()}{said[1:]}")
        finally:
            smoke.close()
    seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
    _say(f"Tự kiểm tra ĐẠT: ParcDesk {version} chạy được trên máy này ({seconds} giây).")
    return 0


def _quiet_offscreen_notice():
    """The offscreen platform says "does not support propagateSizeHints" of every window; not ours."""
    from PySide6.QtCore import qInstallMessageHandler

    previous = None

    def handler(kind, context, message):
        if "propagateSizeHints" in message:
            return
        if previous is not None:
            previous(kind, context, message)
        elif sys.stderr is not None:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handler)
    return lambda: qInstallMessageHandler(previous)


def quit_after_first_paint(window) -> None:
    """`--smoke-start`: once the window has painted, say so on stdout and quit the event loop."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    class FirstPaint(QObject):
        done = False

        def eventFilter(self, watched, event):  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint and not self.done:
                self.done = True
                QTimer.singleShot(0, finish)
            return False

    def finish() -> None:
        _say("Cửa sổ đã hiện.")
        QApplication.quit()

    watcher = FirstPaint(window)
    window.installEventFilter(watcher)
