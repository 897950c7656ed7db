"""The import window on the acceptance samples: preview, corrections, nothing written before "Nhập"."""

from datetime import date

import pytest
from PySide6.QtCore import QSettings

from helpers import new_office, office_with_plan
from parcdesk.db import plans as plan_store
from parcdesk.db.items import load_tree
from parcdesk.ui import qt_vi
from parcdesk.ui.import_dialog import ImportDialog, describe
from parcdesk.ui.setup_dialog import SetupDialog


def row_count(connection_db):
    return connection_db.execute("SELECT (SELECT count(*) FROM plans) + (SELECT count(*) FROM items)").fetchone()[0]


@pytest.fixture
def office(tmp_path):
    store = new_office(tmp_path / "office.sqlite")
    yield store
    store.close()


def test_preview_then_import_a_new_plan(qtbot, office, shared_dir):
    dialog = ImportDialog(office, 2023)
    qtbot.addWidget(dialog)
    before = row_count(office.db)
    assert dialog.load(str(shared_dir / "samples" / "ia-kha-2023.xlsx"))
    assert dialog.tree.topLevelItemCount() == 8
    assert [dialog.tree.topLevelItem(i).childCount() for i in range(8)] == [7, 5, 12, 5, 6, 4, 10, 6]
    first = dialog.tree.topLevelItem(0).child(0)
    assert (first.text(0), first.text(1)) == ("TC 1.1", "Thực hiện kế hoạch CCHC")
    assert row_count(office.db) == before  # looking writes nothing
    dialog.tree.setCurrentItem(first)
    dialog.level.setCurrentIndex(dialog.level.findData("task"))
    dialog.change_level()
    dialog.confirm()
    plan_id = dialog.summary["plan"]
    roots = load_tree(office.db, plan_id)
    assert [len(area.children) for area in roots] == [7, 5, 12, 5, 6, 4, 10, 6]
    assert roots[0].children[0].level == "task" and roots[0].children[1].level == "criterion"
    assert plan_store.get_plan(office.db, plan_id).year_from == 2023


def test_remapping_a_column_rereads_the_appendix(qtbot, office, shared_dir):
    dialog = ImportDialog(office, 2023)
    qtbot.addWidget(dialog)
    dialog.load(str(shared_dir / "samples" / "ia-kha-2023.xlsx"))
    fields = [dialog.columns.cellWidget(r, 1).currentData() for r in range(dialog.columns.rowCount())]
    target_column = fields.index("target")
    dialog.remap(target_column, "ignore")
    first = dialog.tree.topLevelItem(0).child(0)
    assert first.text(3) == ""  # no target any more
    assert dialog.columns.cellWidget(target_column, 1).currentData() == "ignore"


def test_dry_run_into_an_existing_plan_shows_changes_and_writes_nothing(qtbot, tmp_path, shared_dir, monkeypatch):
    store, plan_id = office_with_plan(tmp_path / "o.sqlite", year=2023)
    shown = []
    monkeypatch.setattr(qt_vi, "inform", lambda parent, text, *a, **k: shown.append(text))
    dialog = ImportDialog(store, 2023, plan_id)
    qtbot.addWidget(dialog)
    dialog.load(str(shared_dir / "samples" / "ia-kha-2023.docx"))
    dialog.into.setChecked(True)
    before = store.db.execute("SELECT count(*), group_concat(title) FROM items").fetchone()
    summary = dialog.check()
    assert summary["changes"]["unchanged"] + summary["changes"]["updated"] > 40
    assert shown and "Thêm" in shown[0]
    assert store.db.execute("SELECT count(*), group_concat(title) FROM items").fetchone() == before
    store.close()


def test_a_bad_file_says_why_and_keeps_the_window_empty(qtbot, office, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(qt_vi, "warn", lambda parent, text, *a, **k: shown.append(text))
    picture = tmp_path / "ke-hoach.xlsx"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    dialog = ImportDialog(office, 2025)
    qtbot.addWidget(dialog)
    assert not dialog.load(str(picture))
    assert len(shown) == 1 and "ke-hoach.xlsx" in shown[0]
    assert not dialog.import_button.isEnabled()


def test_first_start_from_last_years_file(qtbot, tmp_path, shared_dir):
    from parcdesk.db.store import open_store

    path = tmp_path / "moi.sqlite"
    dialog = SetupDialog(path, 2024)
    qtbot.addWidget(dialog)
    dialog.store_factory = lambda: open_store(path, create=True)
    dialog.form.unit.setText("UBND phường Nguyễn Nghiêm")
    dialog.form.kind.setCurrentText("phường")
    dialog.from_file.setChecked(True)
    dialog.file.setText(str(shared_dir / "samples" / "nguyen-nghiem-2024.xlsx"))
    reviewed = []
    dialog.review_import = lambda shown: reviewed.append(shown) or True
    dialog.accept()
    assert reviewed and reviewed[0].preview is not None  # the same preview as Tệp → Nhập kế hoạch
    assert dialog.store is not None
    plan = plan_store.list_plans(dialog.store.db)[0]
    assert plan.year_from == 2024 and plan.item_count > 30
    dialog.store.close()


def test_first_start_shows_the_year_rewrites_and_writes_what_was_ticked(qtbot, tmp_path, shared_dir):
    from PySide6.QtCore import Qt

    from parcdesk.db.items import load_tree, walk
    from parcdesk.db.store import open_store

    path = tmp_path / "moi.sqlite"
    dialog = SetupDialog(path, 2026)
    qtbot.addWidget(dialog)
    dialog.store_factory = lambda: open_store(path, create=True)
    dialog.form.unit.setText("UBND xã Quang Trung")
    dialog.from_file.setChecked(True)
    dialog.file.setText(str(shared_dir / "samples" / "quang-trung-2023.docx"))

    def review(shown):
        table = shown.rewrites
        assert table.rowCount() >= 20 and shown.pages.tabText(1) == f"Năm ({table.rowCount()})"
        assert shown.title.text().startswith("Các nhiệm vụ trọng tâm cải cách hành chính năm 2026")
        rows = {table.item(r, 2).text(): r for r in range(table.rowCount())}
        assert table.item(rows["Quý 1 năm 2023"], 3).text() == "Quý 1 năm 2026"
        table.item(rows["Quý 1 năm 2023"], 0).setCheckState(Qt.CheckState.Unchecked)  # this one stays
        assert shown.targets.rowCount() >= 1  # "từ 98% trở lên" found in a task's text, offered unticked
        shown.targets.item(0, 0).setCheckState(Qt.CheckState.Checked)
        return True

    dialog.review_import = review
    dialog.accept()
    plan = plan_store.list_plans(dialog.store.db)[0]
    assert plan.year_from == 2026 and "năm 2026" in plan.title
    items = list(walk(load_tree(dialog.store.db, plan.id)))
    timeframes = {i.timeframe_text for i in items}
    assert "Quý 1 năm 2023" in timeframes and "Thường xuyên trong năm 2026" in timeframes
    assert "Thường xuyên trong năm 2023" not in timeframes
    assert any(i.threshold is not None and i.target_manual for i in items)
    dialog.store.close()


def test_first_start_import_refused_in_the_preview_writes_nothing(qtbot, tmp_path, shared_dir):
    from parcdesk.db.store import open_store

    path = tmp_path / "moi.sqlite"
    dialog = SetupDialog(path, 2026)
    qtbot.addWidget(dialog)
    dialog.store_factory = lambda: open_store(path, create=True)
    dialog.form.unit.setText("UBND xã Quang Trung")
    dialog.from_file.setChecked(True)
    dialog.file.setText(str(shared_dir / "samples" / "quang-trung-2023.docx"))
    dialog.review_import = lambda shown: False
    dialog.accept()
    assert dialog.store is None and dialog.result() != dialog.DialogCode.Accepted


def test_describe_summary():
    text = describe({"file": "a.xlsx", "counts": {"area": 2, "criterion": 3, "subcriterion": 0, "task": 0},
                     "unknown_agencies": ["Đội thuế"],
                     "changes": {"added": 1, "updated": 2, "unchanged": 3, "fields": [], "not_in_file": []}})
    assert text.splitlines() == ["Tệp a.xlsx: 2 lĩnh vực, 3 tiêu chí.", "Thêm 1 mục, sửa 2 mục, giữ nguyên 3 mục.",
                                 "Cơ quan mới sẽ được thêm: Đội thuế"]


def test_window_menu_opens_import(qtbot, tmp_path, shared_dir, monkeypatch):
    from parcdesk.ui import dialogs
    from parcdesk.ui.main_window import MainWindow

    store, plan_id = office_with_plan(tmp_path / "o.sqlite", year=2023)
    window = MainWindow(store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), today=date(2023, 3, 1))
    qtbot.addWidget(window)
    monkeypatch.setattr(ImportDialog, "exec", lambda self: (self.confirm(), self.result())[1])
    new_id = dialogs.import_plan(window, str(shared_dir / "samples" / "quang-trung-2023.xlsx"))
    assert new_id is not None and window.plan.id == new_id != plan_id
    assert window.plan_view.model.rowCount() == 7
    store.close()
