"""Nothing the officer typed is lost when the data file cannot take it (locked, full, read-only):
the window keeps it, says so once, tries again, asks on closing, and offers it at the next start."""

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from helpers import office_with_plan
from parcdesk.db.connection import StoreError
from parcdesk.db.items import find_item
from parcdesk.db.progress import get_progress
from parcdesk.ops import progress as progress_ops
from parcdesk.ui import pending_saves, qt_vi
from parcdesk.ui.main_window import MainWindow
from test_ui_save_target import click_row, replace_text, sign_off_q1

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

LOCKED = StoreError("Tệp dữ liệu đang bị một chương trình khác khóa.", "busy")
FULL = StoreError("Không ghi được vào tệp dữ liệu: ổ đĩa đã đầy.", "full")


@pytest.fixture
def office(tmp_path):
    store, plan_id = office_with_plan(tmp_path / "data" / "office.sqlite", year=2025)
    yield store, plan_id
    store.close()


def open_window(qtbot, store, tmp_path):
    win = MainWindow(store, QSettings(str(tmp_path / "settings" / "s.ini"), QSettings.Format.IniFormat),
                     today=date(2025, 3, 20))
    qtbot.addWidget(win)
    win.resize(1280, 760)
    win.show()
    return win


@pytest.fixture
def window(qtbot, office, tmp_path):
    return open_window(qtbot, office[0], tmp_path)


@pytest.fixture
def warnings_shown(monkeypatch):
    shown = []
    monkeypatch.setattr(qt_vi, "warn", lambda parent, text, *a, **k: shown.append(text))
    return shown


@pytest.fixture
def questions(monkeypatch):
    """The pending saves' lists answered: `answers` in order (then "keep"); each question kept."""
    asked, answers = [], []

    def choose(parent, text, entries, choices):
        asked.append((text, [(e.where, e.field_label, e.text) for e in entries], list(choices)))
        return answers.pop(0) if answers else "keep"

    monkeypatch.setattr(pending_saves, "choose", choose)
    return asked, answers


class Disk:
    """The data file's environment, switched by the test: a save raises `error` while it is set."""

    def __init__(self, monkeypatch):
        self.error = None
        real = progress_ops.set_progress

        def set_progress(*args, **kwargs):
            if self.error is not None:
                raise self.error
            return real(*args, **kwargs)

        monkeypatch.setattr(progress_ops, "set_progress", set_progress)


@pytest.fixture
def disk(monkeypatch):
    return Disk(monkeypatch)


def recovery_files(tmp_path):
    return sorted((tmp_path / "settings").glob("chua-luu-*.json"))


def test_typing_for_a_is_kept_through_b_and_c_said_once_and_saved_when_the_file_is_free(
        qtbot, window, office, tmp_path, disk, warnings_shown):
    store, plan_id = office
    a, b, c = (find_item(store.db, plan_id, code) for code in ("TCTP 3.4.2", "TCTP 3.4.4", "TCTP 3.4.5"))
    before_a = get_progress(store.db, a, "2025-Q1").result
    click_row(window, a)
    panel = window.plan_view.progress_panel
    disk.error = LOCKED
    replace_text(panel.result, "Đã tiếp nhận 40 hồ sơ")
    QTest.keyClick(panel.result, Qt.Key.Key_Tab)  # leaves the field: the save is tried, the file is locked
    click_row(window, b)
    replace_text(panel.result, "Kết quả của B")  # a second save of the same kind of error: quiet
    click_row(window, c)

    assert warnings_shown == [str(LOCKED)]  # one dialog for the one problem, not one per retry
    waiting = {(e.target, e.field): e.text for e in window.pending.waiting()}
    assert waiting == {((a, "2025-Q1"), "result"): "Đã tiếp nhận 40 hồ sơ",
                       ((b, "2025-Q1"), "result"): "Kết quả của B"}
    assert window.pending_button.isVisible()
    assert window.pending_button.text() == "2 thay đổi chưa lưu được — sẽ thử lại"
    assert len(recovery_files(tmp_path)) == 1  # beside the window's settings, not the data file
    assert get_progress(store.db, a, "2025-Q1").result == before_a

    click_row(window, a)  # back on A: the field shows the waiting text, marked, not the file's older one
    assert panel.result.toPlainText() == "Đã tiếp nhận 40 hồ sơ" and panel.result.unsaved
    window.retry_pending()  # the timer, while still locked: quiet
    assert warnings_shown == [str(LOCKED)] and len(window.pending) == 2

    disk.error = None  # the other program let go of the file
    window.retry_pending()  # what the timer runs
    assert get_progress(store.db, a, "2025-Q1").result == "Đã tiếp nhận 40 hồ sơ"
    assert get_progress(store.db, b, "2025-Q1").result == "Kết quả của B"
    assert len(window.pending) == 0 and not window.pending_button.isVisible()
    assert not panel.result.unsaved and panel.result.toPlainText() == "Đã tiếp nhận 40 hồ sơ"
    assert recovery_files(tmp_path) == []
    assert warnings_shown == [str(LOCKED)]


def test_a_new_kind_of_error_is_said_and_a_success_ends_the_quiet(qtbot, window, office, disk, warnings_shown,
                                                                  questions):
    store, plan_id = office
    a, b = (find_item(store.db, plan_id, code) for code in ("TCTP 3.4.2", "TCTP 3.4.4"))
    click_row(window, a)
    panel = window.plan_view.progress_panel
    disk.error = LOCKED
    replace_text(panel.result, "Một")
    panel.flush()
    panel.flush()
    disk.error = FULL
    window.retry_pending()
    assert warnings_shown == [str(LOCKED), str(FULL)]
    disk.error = None
    window.retry_pending()  # saved: the problem is over
    disk.error = FULL
    click_row(window, b)
    replace_text(panel.result, "Hai")
    panel.flush()
    assert warnings_shown == [str(LOCKED), str(FULL), str(FULL)]


def test_any_operation_that_succeeds_tries_the_waiting_ones_again(qtbot, window, office, monkeypatch,
                                                                  warnings_shown):
    from parcdesk.ops import items as item_ops

    store, plan_id = office
    a, b = (find_item(store.db, plan_id, code) for code in ("TCTP 3.4.2", "TCTP 3.4.4"))
    click_row(window, a)
    panel = window.plan_view.progress_panel
    monkeypatch.setattr(progress_ops, "set_progress", lambda *a, **k: (_ for _ in ()).throw(LOCKED))
    replace_text(panel.result, "Chờ lưu")
    click_row(window, b)
    assert len(window.pending.waiting()) == 1
    monkeypatch.undo()
    monkeypatch.setattr(qt_vi, "warn", lambda parent, text, *a, **k: warnings_shown.append(text))
    window.ops.run(item_ops.edit_item, b, notes="Ghi chú mới")  # another save goes through
    qtbot.waitUntil(lambda: len(window.pending) == 0)
    assert get_progress(store.db, a, "2025-Q1").result == "Chờ lưu"


def test_closing_with_waiting_saves_asks_and_the_next_start_offers_them(qtbot, office, tmp_path, disk,
                                                                         warnings_shown, questions):
    store, plan_id = office
    asked, answers = questions
    a = find_item(store.db, plan_id, "TCTP 3.4.2")
    first = open_window(qtbot, store, tmp_path)
    first.plan_view.select(a)
    disk.error = LOCKED
    replace_text(first.plan_view.progress_panel.result, "Giữ cho lần sau")
    answers[:] = ["retry", "keep"]  # try again (still locked), then keep them for the next start
    first.close()

    assert [choices for _t, _e, choices in asked] == [list(pending_saves.CLOSE_CHOICES)] * 2
    text, listed, _ = asked[0]
    assert "1 thay đổi chưa lưu được" in text and str(recovery_files(tmp_path)[0]) in text
    assert [(field, typed) for _where, field, typed in listed] == [("Kết quả thực hiện", "Giữ cho lần sau")]
    assert listed[0][0].startswith("TCTP 3.4.2 ") and listed[0][0].endswith(" – Quý I 2025")
    assert len(recovery_files(tmp_path)) == 1

    disk.error = None
    asked.clear()
    answers[:] = ["apply"]
    again = open_window(qtbot, store, tmp_path)  # the next start
    assert again.pending_button.text() == "1 thay đổi từ lần trước chưa lưu vào tệp dữ liệu"
    again.offer_recovered()
    assert [(choices, entries) for _t, entries, choices in asked] == [
        (list(pending_saves.START_CHOICES), [(listed[0][0], "Kết quả thực hiện", "Giữ cho lần sau")])]
    assert get_progress(store.db, a, "2025-Q1").result == "Giữ cho lần sau"
    assert len(again.pending) == 0 and recovery_files(tmp_path) == []
    assert warnings_shown == [str(LOCKED)]


def test_discarding_on_close_leaves_nothing_for_the_next_start(qtbot, office, tmp_path, disk, warnings_shown,
                                                               questions):
    store, plan_id = office
    asked, answers = questions
    first = open_window(qtbot, store, tmp_path)
    first.plan_view.select(find_item(store.db, plan_id, "TCTP 3.4.2"))
    disk.error = FULL
    replace_text(first.plan_view.progress_panel.result, "Bỏ đi")
    answers[:] = ["discard"]
    first.close()
    assert len(asked) == 1 and recovery_files(tmp_path) == []
    again = open_window(qtbot, store, tmp_path)
    again.offer_recovered()
    assert len(asked) == 1 and len(again.pending) == 0 and not again.pending_button.isVisible()


def test_a_recovery_file_held_for_later_stays_until_applied(qtbot, office, tmp_path, disk, warnings_shown,
                                                            questions):
    store, plan_id = office
    asked, answers = questions
    a = find_item(store.db, plan_id, "TCTP 3.4.2")
    first = open_window(qtbot, store, tmp_path)
    first.plan_view.select(a)
    disk.error = LOCKED
    replace_text(first.plan_view.progress_panel.result, "Để sau")
    first.close()  # "keep"
    disk.error = None
    answers[:] = ["later"]
    again = open_window(qtbot, store, tmp_path)
    again.offer_recovered()
    again.retry_pending()  # held: not tried until the officer says
    assert get_progress(store.db, a, "2025-Q1").result != "Để sau" and len(recovery_files(tmp_path)) == 1
    answers[:] = ["retry"]
    again.pending_button.click()  # the status bar's line: the list, and "Thử lưu lại ngay"
    assert asked[-1][2] == list(pending_saves.LIST_CHOICES)
    assert get_progress(store.db, a, "2025-Q1").result == "Để sau" and recovery_files(tmp_path) == []


def test_the_recovery_file_goes_elsewhere_when_the_settings_folder_is_not_writable(tmp_path):
    blocked = tmp_path / "settings-is-a-file"
    blocked.write_text("")  # a folder cannot be made here
    data = tmp_path / "data" / "office.sqlite"
    data.parent.mkdir()
    keeper = pending_saves.PendingSaves(pending_saves.recovery_folders(blocked, data), data)
    keeper.keep(pending_saves.PendingSave("progress", (1, "2025-Q1"), "result", "Chữ đã gõ", "TCTP 1"))
    assert keeper.written_to == data.parent / pending_saves.recovery_name(data)
    again = pending_saves.PendingSaves(pending_saves.recovery_folders(blocked, data), data)
    assert [(e.target, e.text, e.held) for e in again.entries()] == [((1, "2025-Q1"), "Chữ đã gõ", True)]


def test_the_list_dialog_shows_item_field_and_text(qtbot):
    entries = [pending_saves.PendingSave("progress", (1, "2025-Q1"), "result", "Đã làm xong", "TCTP 3.4.2 – Quý I 2025"),
               pending_saves.PendingSave("draft", (1, "2025-Q1"), "recipients", ["UBND huyện", "Lưu VT"],
                                         "Báo cáo quý I năm 2025")]
    dialog = pending_saves.PendingSavesDialog(None, "Câu hỏi", entries, pending_saves.START_CHOICES)
    qtbot.addWidget(dialog)
    rows = [[dialog.table.item(r, c).text() for c in range(3)] for r in range(dialog.table.rowCount())]
    assert rows == [["TCTP 3.4.2 – Quý I 2025", "Kết quả thực hiện", "Đã làm xong"],
                    ["Báo cáo quý I năm 2025", "Nơi nhận", "UBND huyện\nLưu VT"]]


def test_a_refusal_line_goes_when_the_officer_moves_on(qtbot, window, office, warnings_shown):
    store, plan_id = office
    a, b = (find_item(store.db, plan_id, code) for code in ("TCTP 3.4.2", "TCTP 3.4.4"))
    sign_off_q1(store, plan_id)
    click_row(window, a)
    panel = window.plan_view.item_panel
    replace_text(panel.target, "Không lưu được")
    QTest.keyClick(panel.target, Qt.Key.Key_Tab)
    assert window.statusBar().currentMessage().startswith("Chưa lưu được: Không sửa được mục")
    click_row(window, b)
    assert not window.statusBar().currentMessage().startswith("Chưa lưu được")
    assert len(window.pending) == 0  # a refusal for good is not kept: the field went back to the file's value
