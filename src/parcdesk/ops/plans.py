"""Plans: creating (empty, from the template, from last year's plan, from an imported file),
editing their details, deleting, and merging an imported file into a plan."""

from __future__ import annotations

from collections.abc import Sequence

from parcdesk.db import plans as plan_store
from parcdesk.db.store import Store
from parcdesk.importer import plan_import
from parcdesk.ops.base import OpChanges, OpResult, operation


def create_plan(store: Store, *, source: str = "", **fields) -> OpResult:
    """Fields as db.plans.create_plan takes them; value: the new plan's id."""
    with operation(store, "plan.new", f"Tạo kế hoạch “{fields.get('title', '')}”", source=source) as op:
        op.value = plan_store.create_plan(store.db, source=source, **fields)
    return op.result


def create_from_template(store: Store, template_id: str, year: int, *, source: str = "") -> OpResult:
    with operation(store, "plan.new", f"Tạo kế hoạch năm {year} theo mẫu", source=source) as op:
        op.value = plan_store.create_from_template(store.db, template_id, year, source=source)
    return op.result


def create_next_year(store: Store, source_plan_id: int, year: int | None = None, *, source: str = "",
                     keep_years: bool = False, accepted: Sequence[int] | None = None,
                     overrides: dict[int, float] | None = None) -> OpResult:
    """Next year's plan, its years rolled forward as accepted (db.plans.next_year_rollforward lists
    the proposals: `accepted` their indexes, None all; `keep_years` none): one operation."""
    with operation(store, "plan.new", f"Tạo kế hoạch năm sau từ kế hoạch số {source_plan_id}",
                   source=source) as op:
        op.value = plan_store.create_next_year(store.db, source_plan_id, year, source=source,
                                               keep_years=keep_years, accepted=accepted, overrides=overrides)
    return op.result


def edit_plan(store: Store, plan_id: int, *, source: str = "", typing: bool = False, **changes) -> OpResult:
    """Number, issued_on, title, appendix_title, basis; value: the plan as it now is."""
    merge_key = f"plan:{plan_id}:{','.join(sorted(changes))}" if typing else None
    with operation(store, "plan.edit", f"Sửa thông tin kế hoạch số {plan_id}", plan_id=plan_id, source=source,
                   merge_key=merge_key) as op:
        op.value = plan_store.update_plan(store.db, plan_id, source=source, **changes)
    return op.result


def delete_plan(store: Store, plan_id: int, *, source: str = "") -> OpResult:
    title = plan_store.get_plan(store.db, plan_id).title
    with operation(store, "plan.delete", f"Xóa kế hoạch “{title}”", plan_id=plan_id, source=source) as op:
        plan_store.delete_plan(store.db, plan_id, source=source)
    return op.result


def import_plan(store: Store, preview: plan_import.ImportPreview, *, year: int, into_plan_id: int | None = None,
                dry_run: bool = False, source: str = "import", **options) -> OpResult:
    """A file's plan as a new plan, or merged into `into_plan_id`: one operation, one undo step.
    value: the import's summary (see importer.plan_import.apply). A dry run writes nothing."""
    label = (f"Nhập tệp “{preview.path.name}” vào kế hoạch số {into_plan_id}" if into_plan_id is not None
             else f"Nhập kế hoạch từ tệp “{preview.path.name}”")
    if dry_run:
        summary = plan_import.apply(store.db, preview, year=year, into_plan_id=into_plan_id, dry_run=True,
                                    source=source, **options)
        return OpResult(op_id=None, label=label, changes=OpChanges(), value=summary)
    with operation(store, "plan.import", label, plan_id=into_plan_id, source=source) as op:
        op.value = plan_import.apply(store.db, preview, year=year, into_plan_id=into_plan_id, source=source,
                                     **options)
    return op.result

