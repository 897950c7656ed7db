"""Areas read alike on screen whichever way the plan typed them (issue 13, item 12)."""

import pytest

from parcdesk.model import PlanItem
from parcdesk.text import calm_capitals


@pytest.mark.parametrize("stored, shown", [
    ("CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "Cải cách thủ tục hành chính"),
    ("CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC", "Công tác chỉ đạo điều hành CCHC"),
    ("III. CẢI CÁCH THỂ CHẾ", "III. Cải cách thể chế"),
    ("XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ",
     "Xây dựng và phát triển chính quyền điện tử, chính quyền số"),
    ("TÁC ĐỘNG CỦA CCHC ĐẾN NGƯỜI DÂN, TỔ CHỨC", "Tác động của CCHC đến người dân, tổ chức"),
    ("Cải cách thể chế", "Cải cách thể chế"),  # any lower-case letter: as stored
    ("Xây dựng Chính quyền điện tử", "Xây dựng Chính quyền điện tử"),
    ("UBND", "UBND"),
])
def test_an_area_in_capitals_is_shown_in_sentence_case(stored, shown):
    assert calm_capitals(stored) == shown


def test_only_areas_are_calmed_and_the_stored_title_is_kept():
    area = PlanItem(id=1, plan_id=1, parent_id=None, position=1, code="II", level="area", title="CẢI CÁCH THỂ CHẾ")
    task = PlanItem(id=2, plan_id=1, parent_id=1, position=1, code="", level="task", title="RÀ SOÁT VĂN BẢN")
    assert area.shown_title == "Cải cách thể chế" and area.title == "CẢI CÁCH THỂ CHẾ"
    assert task.shown_title == "RÀ SOÁT VĂN BẢN"
