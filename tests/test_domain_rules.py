"""Domain rules that hold in one place each: statuses and their labels, which items are
tracked, a signer's default authority."""

import ast

from test_architecture import ROOT, modules

from parcdesk.db import settings
from parcdesk.db.store import open_store
from parcdesk.model import PlanItem, default_authority
from parcdesk.statuses import BUCKET_LABELS, BUCKETS, STATUS_LABELS, bucket_of


def item(level="task", children=()):
    return PlanItem(id=1, plan_id=1, parent_id=None, position=0, code="", level=level, title="x",
                    children=list(children))


def test_tracked_items_are_leaves_that_are_not_areas():
    leaf = item("task")
    assert leaf.is_tracked
    assert not item("area").is_tracked  # an area with no items yet
    assert not item("criterion", [leaf]).is_tracked
    assert not item("area", [leaf]).is_tracked


def test_bucket_labels_are_the_status_labels_plus_late():
    assert all(BUCKET_LABELS[b] == STATUS_LABELS[b] for b in BUCKETS if b != "late")
    assert bucket_of("done_late", overdue=True) == "done" and bucket_of("in_progress", overdue=True) == "late"
    assert set(BUCKETS) == {bucket_of(status, overdue) for status in STATUS_LABELS for overdue in (False, True)}


def test_status_labels_are_written_only_in_statuses_py():
    # "Không đạt" is also the verdict on a measurable target ("Đạt"/"Không đạt"), a different thing
    labels = set(STATUS_LABELS.values()) - {"Không đạt"}
    copies = [f"{'/'.join(parts)}.py:{node.lineno}" for path, parts, tree in modules() if parts != ("statuses",)
              for node in ast.walk(tree) if isinstance(node, ast.Constant) and node.value in labels]
    assert ROOT.joinpath("statuses.py").exists() and copies == []


def test_default_authority_follows_the_position(tmp_path):
    assert default_authority("CHỦ TỊCH") == "TM. ỦY BAN NHÂN DÂN"
    assert default_authority("PHÓ CHỦ TỊCH") == "KT. CHỦ TỊCH"
    with open_store(tmp_path / "o.sqlite", create=True) as store:
        assert settings.add_signer(store.db, "Lê Văn A", "Phó Chủ tịch").authority == "KT. CHỦ TỊCH"
        assert settings.add_signer(store.db, "Thái Văn Ngự", "Chủ tịch").authority == "TM. ỦY BAN NHÂN DÂN"
