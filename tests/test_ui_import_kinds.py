"""The import window on a Word table of another district's kind (issue 13, items 12 and 18)."""

import pytest

from helpers import new_office
from import_builders import PAGE, write_both
from parcdesk.db.items import load_tree
from parcdesk.ui.import_dialog import ImportDialog

TOP = [{"text": "TT", "vmerge": "restart"}, {"text": "Nội dung công việc", "vmerge": "restart"},
       {"text": "Cơ quan thực hiện", "span": 2}, {"text": "Thời gian thực hiện", "vmerge": "restart"}]
SUB = [{"vmerge": "continue"}, {"vmerge": "continue"}, "Cơ quan chủ trì", "Cơ quan phối hợp", {"vmerge": "continue"}]


def heading(code, title):
    return [{"text": code, "bold": True}, {"text": title, "span": 4, "bold": True}]


ROWS = [
    TOP, SUB,
    heading("I", "Công tác chỉ đạo, điều hành"),
    ["1", "Ban hành kế hoạch cải cách hành chính", "Văn phòng - Thống kê", "Các ban, ngành liên quan", "Quý I"],
    ["2", "Rà soát văn bản", "Theo hướng dẫn các cấp có thẩm quyền", "Tư pháp - Hộ tịch", "Quý II"],
    heading("II", "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN"),
    PAGE, TOP, SUB,
    ["", {"text": "ĐIỆN TỬ, CHÍNH QUYỀN SỐ", "span": 4, "bold": True}],
    ["1", "Số hóa hồ sơ", "Bộ phận Một cửa", "toàn thể người dân trên địa bàn", "Quý III"],
    ["", "- Số hóa kết quả giải quyết thủ tục", "Bộ phận Một cửa", "", "Quý III"],
    heading("III", "CẢI CÁCH TÀI CHÍNH CÔNG"),
    ["1", "Công khai ngân sách", "Tài chính - Kế toán", "Lãnh đạo UBND", "Quý IV"],
]


@pytest.fixture
def office(tmp_path):
    store = new_office(tmp_path / "office.sqlite")
    yield store
    store.close()


def test_window_shows_the_shape_and_questions_what_is_no_agency(qtbot, office, tmp_path):
    path = write_both(tmp_path, "huyen-khac", ROWS, ["PHỤ LỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025"])["docx"]
    dialog = ImportDialog(office, 2025)
    qtbot.addWidget(dialog)
    assert dialog.load(str(path))
    areas = [dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())]
    assert [(a.text(0), a.text(1), a.childCount()) for a in areas] == [
        ("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", 2),
        ("II", "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ", 1),
        ("III", "CẢI CÁCH TÀI CHÍNH CÔNG", 1)]
    assert areas[1].child(0).childCount() == 1  # the "- …" row under its task
    assert areas[0].child(1).text(4) == ""  # the instruction is no lead
    warnings = [dialog.warnings.item(i).text() for i in range(dialog.warnings.count())]
    assert any("“Theo hướng dẫn các cấp có thẩm quyền” ở cột “Cơ quan thực hiện – Cơ quan chủ trì” là lời dặn" in w
               for w in warnings)
    assert any("Lĩnh vực “I” được viết lại bằng chữ in hoa" in w for w in warnings)
    names = {dialog.agencies.item(r, 0).text(): r for r in range(dialog.agencies.rowCount())}
    assert "Theo hướng dẫn các cấp có thẩm quyền" not in " ".join(names)
    flagged = names["⚠ toàn thể người dân trên địa bàn"]
    assert "không giống tên một cơ quan" in dialog.agencies.item(flagged, 0).toolTip()
    # the officer says which agency it is: the spelling in the file maps, the mark does not get in the way
    choice = dialog.agencies.cellWidget(flagged, 1)
    choice.setCurrentIndex(choice.findData("Văn phòng – Thống kê"))
    dialog.confirm()
    tree = load_tree(office.db, dialog.summary["plan"])
    task = tree[1].children[0]
    assert task.partners == ["Văn phòng – Thống kê"]
    assert tree[0].children[1].lead == [] and "Theo hướng dẫn" in tree[0].children[1].notes
