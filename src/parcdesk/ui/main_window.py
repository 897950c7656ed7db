"""The ParcDesk window: the plan and its progress, the overview, and what goes around them.

The window is the controller: panels emit what the officer did, the window runs the core's
operation for it (ui/operations.py), and refreshes only what the operation's result says
changed (`apply_changes`) — after an undo or a redo alike.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from parcdesk.db import plans as plan_store
from parcdesk.db.agencies import list_agencies
from parcdesk.db.evidence import evidence_counts, list_evidence
from parcdesk.db.items import get_item, load_tree
from parcdesk.db.progress import get_progress, progress_of_plan
from parcdesk.db.search import plan_search_texts
from parcdesk.db.settings import load_settings
from parcdesk.db.store import Store
from parcdesk.errors import UserError
from parcdesk.filtering import SearchIndex
from parcdesk.model import ItemDraft, PlanItem, Progress
from parcdesk.ops import items as item_ops
from parcdesk.ops import progress as progress_ops
from parcdesk.ops import reports as report_ops
from parcdesk.ops.base import OpChanges, OpResult
from parcdesk.overview import compute_overview
from parcdesk.periods import Period, periods_of_year
from parcdesk.report.signoff import is_period_locked
from parcdesk.ui import qt_vi
from parcdesk.ui.evidence_panel import EvidencePanel
from parcdesk.ui.menus import build_menus
from parcdesk.ui.operations import OpRunner
from parcdesk.ui.overview_panel import OverviewPanel
from parcdesk.ui.plan_view import PlanView
from parcdesk.ui.report_panel import ReportPanel


class MainWindow(QMainWindow):
    def __init__(self, store: Store, settings: QSettings, today: date | None = None, parent=None):
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.today = today or date.today()
        self.plan = None
        self.period: Period | None = None
        self.search_index: SearchIndex | None = None
        self._statuses: dict[int, str] = {}
        self._buckets: dict[int, str] = {}
        self._evidence: dict[int, int] = {}
        self._progress: dict[int, Progress] = {}
        self._deadline_day = 15
        self._search_stale = True
        self._locked = False
        self._overview = None
        self._overview_stale = False
        self._agency_names: list[str] = []
        self.ops = OpRunner(store, self.show_error, self)
        self.setWindowTitle("ParcDesk")

        self.plan_combo = QComboBox()
        self.plan_combo.setMinimumContentsLength(40)
        self.plan_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.plan_combo.setToolTip("Kế hoạch đang xem")
        self.period_combo = QComboBox()
        self.period_combo.setToolTip("Kỳ báo cáo đang ghi tiến độ (Ctrl+1 … Ctrl+4)")
        self.unit_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("Kế hoạch:"))
        top.addWidget(self.plan_combo, 1)
        top.addSpacing(12)
        top.addWidget(QLabel("Kỳ:"))
        top.addWidget(self.period_combo)
        top.addSpacing(12)
        top.addWidget(self.unit_label)

        self.evidence_panel = EvidencePanel(store, self.ops)
        self.plan_view = PlanView(self.evidence_panel)
        self.overview_panel = OverviewPanel()
        self.report_panel = ReportPanel(store, self.ops)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.plan_view, "Kế hoạch và tiến độ")
        self.tabs.addTab(self.overview_panel, "Tổng quan")
        self.tabs.addTab(self.report_panel, "Báo cáo")
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.location_label = QLabel()
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.location_label)
        self.actions = build_menus(self)

        # wiring
        self.plan_combo.activated.connect(lambda _i: self.open_plan(self.plan_combo.currentData()))
        self.period_combo.activated.connect(lambda _i: self.set_period(self.period_combo.currentData()))
        self.plan_view.tree.selectionModel().currentChanged.connect(lambda *_: self._selection_changed())
        self.plan_view.tree.doubleClicked.connect(lambda _i: self.plan_view.side_tabs.setCurrentIndex(1))
        self.plan_view.filter_bar.filters_changed.connect(lambda _f: self.apply_filters())
        self.plan_view.progress_panel.progress_edited.connect(self._progress_edited)
        self.plan_view.item_panel.item_edited.connect(self._item_edited)
        self.overview_panel.item_activated.connect(self.go_to_item)
        self.report_panel.draft_edited.connect(self._draft_edited)
        self.ops.changed.connect(self.apply_changes)
        self.ops.stepped.connect(self._stepped)
        self.tabs.currentChanged.connect(lambda _i: self._tab_changed())

        self.refresh_office()
        self.refresh_plans()
        self.restore_layout()

    # ------------------------------------------------------------ the office, plans, periods

    def refresh_office(self) -> None:
        office = load_settings(self.store.db)
        self._deadline_day = office.report_deadline_day
        self.unit_label.setText(office.unit_name)
        self.location_label.setText(f"Tệp dữ liệu: {self.store.path}")
        self.location_label.setToolTip("Sao lưu thư mục này là giữ được toàn bộ dữ liệu của đơn vị, "
                                       "kể cả tài liệu kiểm chứng.")

    def refresh_plans(self, select_id: int | None = None) -> None:
        known = plan_store.list_plans(self.store.db)
        self.plan_combo.clear()
        for plan in known:
            self.plan_combo.addItem(f"{plan.title} (số {plan.id})" if not plan.number else
                                    f"{plan.number} – {plan.title}", plan.id)
        wanted = select_id or self.settings.value(self._last_plan_key(), None, int)
        ids = [plan.id for plan in known]
        if wanted not in ids:
            wanted = ids[0] if ids else None
        self.open_plan(wanted)

    def _last_plan_key(self) -> str:
        return f"plans/last/{str(self.store.path)}"

    def open_plan(self, plan_id: int | None) -> None:
        self.flush_edits()
        if plan_id is None:
            self.plan = None
            self.plan_view.model.reload([])
            self.period_combo.clear()
            self.report_panel.show_report(None, None)
            self.statusBar().showMessage("Chưa có kế hoạch nào: chọn Tệp › Kế hoạch mới… để bắt đầu.")
            self._selection_changed()
            return
        self.plan = plan_store.get_plan(self.store.db, plan_id)
        self.plan_combo.setCurrentIndex(self.plan_combo.findData(plan_id))
        self.settings.setValue(self._last_plan_key(), plan_id)
        self.period_combo.clear()
        for period in periods_of_year(self.plan.year_from):
            self.period_combo.addItem(f"{period.short_label} {period.year}", period.code)
        self.period = self._default_period()
        self.period_combo.setCurrentIndex(self.period_combo.findData(self.period.code))
        self.reload_tree(select_id=None)
        self.report_panel.show_report(self.plan, self.period)
        self.plan_view.tree.expandToDepth(0)
        # start on the first item whose progress is recorded, not on an area heading
        first = next((item for root in self.plan_view.model.roots for item in root.walk()
                      if item.is_tracked), None)
        if first is not None:
            self.plan_view.select(first.id)

    def _default_period(self) -> Period:
        """The period whose report is due next, within the plan's year."""
        for period in periods_of_year(self.plan.year_from):
            if self.today <= period.end:
                return period
        return periods_of_year(self.plan.year_from)[-1]

    def set_period(self, code: str) -> None:
        self.flush_edits()
        self.period = next(p for p in periods_of_year(self.plan.year_from) if p.code == code)
        self.period_combo.setCurrentIndex(self.period_combo.findData(code))
        self.load_period_data()
        self._selection_changed()
        self.report_panel.show_report(self.plan, self.period)

    # ------------------------------------------------------------ tree and period data

    def _refresh_agency_names(self) -> None:
        """Read when the tree or an item changes, not at every click on an item."""
        self._agency_names = [agency.name for agency in list_agencies(self.store.db)]

    def reload_tree(self, select_id: int | None) -> None:
        self._refresh_agency_names()
        view = self.plan_view
        expanded = view.expanded_ids()
        current = select_id if select_id is not None else view.current_item_id()
        view.model.reload(load_tree(self.store.db, self.plan.id), self.plan.year_from)
        self.load_period_data()
        view.expand_ids(expanded)
        if current is not None:
            item = view.model.item_by_id(current)
            if item is not None and item.parent_id is not None:
                view.tree.expand(view.model.index_of(item.parent_id))
            view.select(current)
        view.filter_bar.set_leads(self._agency_names)

    def load_period_data(self) -> None:
        """Read the whole period from the file: on opening a plan or a period, or a new tree."""
        if self.plan is None:
            return
        db, code = self.store.db, self.period.code
        self._progress = progress_of_plan(db, self.plan.id, code)
        self._evidence = evidence_counts(db, self.plan.id, code)
        self._locked = is_period_locked(db, self.plan.id, code)
        self._recompute(None)

    def _recompute(self, changed_ids: set[int] | None) -> None:
        """The period's figures again from what is in memory (the tree, progress, evidence counts).

        With `changed_ids`, only those items are judged again — by the same rule, compute_overview
        run on them alone — and only their rows redrawn; the whole overview (areas, leads, what is
        due) is computed when its tab shows it, not at every keystroke in a 5,000-item plan."""
        model = self.plan_view.model
        if changed_ids is None:
            self._overview = None
            self._overview = self.overview()
            self._statuses = {s.item.id: s.status for s in self._overview.states}
            self._buckets = {s.item.id: s.bucket for s in self._overview.states}
            model.set_period_data(self._statuses, self._buckets, self._evidence)
        else:
            items = [item for item in map(model.item_by_id, changed_ids) if item is not None]
            partial = compute_overview(items, self._progress, self._evidence, self.period, self.today,
                                       self._deadline_day)
            for item_id in changed_ids:  # an item may have stopped being tracked (made an area)
                self._statuses.pop(item_id, None)
                self._buckets.pop(item_id, None)
            for state in partial.states:
                self._statuses[state.item.id], self._buckets[state.item.id] = state.status, state.bucket
            model.set_period_data(self._statuses, self._buckets, self._evidence, rows=changed_ids)
            self._overview = None
        self._search_stale = True
        if self.tabs.currentWidget() is self.overview_panel:
            self.overview_panel.show_overview(self.overview())
            self.overview_panel.show_year_flags(self.plan_view.model.year_flagged())
            self._overview_stale = False
        else:
            self._overview_stale = True  # drawn when its tab is opened: most edits happen elsewhere
        self.apply_filters()
        buckets = list(self._buckets.values())
        self.statusBar().showMessage(
            f"{self.period.short_label} {self.period.year}: {buckets.count('done')}/{len(buckets)} mục hoàn thành, "
            f"{buckets.count('late')} mục quá hạn." + (" Kỳ này đã chốt báo cáo." if self._locked else ""))

    def overview(self):
        """The shown period's overview, computed from memory when first asked for after a change."""
        if self._overview is None:
            self._overview = compute_overview(self.plan_view.model.roots, self._progress, self._evidence,
                                              self.period, self.today, self._deadline_day)
        return self._overview

    def _tab_changed(self) -> None:
        if self.tabs.currentWidget() is self.overview_panel and self._overview_stale and self.plan is not None:
            self.overview_panel.show_overview(self.overview())
            self.overview_panel.show_year_flags(self.plan_view.model.year_flagged())
            self._overview_stale = False

    def apply_filters(self) -> None:
        if self.plan is None:
            return
        filters = self.plan_view.filter_bar.filters()
        if not filters.active:
            self.plan_view.model.set_visible(None)
            return
        if self._search_stale or self.search_index is None:  # rebuilt when a filter needs it, not per edit
            self.search_index = SearchIndex(self.plan_view.model.roots,
                                            plan_search_texts(self.store.db, self.plan.id, self.period.code))
            self._search_stale = False
        visible = self.search_index.visible_ids(filters, self._statuses,
                                                self._buckets, self._evidence)
        self.plan_view.model.set_visible(visible)
        if visible is not None:
            self.plan_view.tree.expandAll()

    # ------------------------------------------------------------ selection

    def current_item(self) -> PlanItem | None:
        item_id = self.plan_view.current_item_id()
        return self.plan_view.model.item_by_id(item_id) if item_id is not None else None

    def _selection_changed(self) -> None:
        item = self.current_item()
        view = self.plan_view
        year = self.plan.year_from if self.plan else self.today.year
        view.item_panel.show_item(item, year, self._agency_names)
        if item is None or self.period is None:
            view.progress_panel.show_progress(None, None, None)
            self.evidence_panel.set_target(None, self.period.code if self.period else "", True)
            return
        progress = get_progress(self.store.db, item.id, self.period.code)
        view.progress_panel.show_progress(item, self.period, progress, read_only=self._locked)
        tracked = item.is_tracked
        self.evidence_panel.set_target(item.id if tracked else None, self.period.code, self._locked)

    def go_to_item(self, item_id: int) -> None:
        self.tabs.setCurrentWidget(self.plan_view)
        self.plan_view.filter_bar.search.clear()
        self.plan_view.select(item_id)

    # ------------------------------------------------------------ operations

    def _progress_edited(self, change: dict) -> None:
        item = self.current_item()
        if item is None:
            return
        if self.ops.run(progress_ops.set_progress, item.id, self.period.code, typing=True, **change) is None:
            self.plan_view.progress_panel.save_failed()
        else:
            self._show_saved()

    def _item_edited(self, change: dict) -> None:
        item = self.current_item()
        if item is None:
            return
        if self.ops.run(item_ops.edit_item, item.id, typing=True, **change) is None:
            self.plan_view.item_panel.save_failed()
        else:
            self._show_saved()

    def _draft_edited(self, change: dict) -> None:
        # None means "unchanged" to save_draft; an emptied field is saved as ""
        change = {k: ("" if v is None and k != "signer_id" else v) for k, v in change.items()}
        if self.ops.run(report_ops.save_draft, self.plan.id, self.period.code, typing=True, **change) is None:
            self.report_panel.save_failed()
        else:
            self._show_saved()

    def add_item(self, as_child: bool) -> None:
        if self.plan is None:
            return
        current = self.current_item()
        if as_child and current is not None:
            parent_id, position = current.id, len(current.children)
            level = {"area": "criterion", "criterion": "subcriterion"}.get(current.level, "task")
        elif current is not None:
            parent_id, position, level = current.parent_id, current.position + 1, current.level
        else:
            parent_id, position, level = None, None, "area"
        draft = ItemDraft(title="Mục mới", level=level)
        result = self.ops.run(item_ops.add_item, self.plan.id, draft, parent_id, position)
        if result is not None:
            self.plan_view.select(result.value)
            self.plan_view.side_tabs.setCurrentIndex(1)
            self.plan_view.item_panel.title.setFocus()
            self.plan_view.item_panel.title.selectAll()

    def delete_item(self) -> None:
        item = self.current_item()
        if item is None:
            return
        below = sum(1 for _ in item.walk()) - 1
        extra = f" cùng {below} mục con" if below else ""
        text = (f"Xóa “{item.code} {item.title}”{extra}, kèm tiến độ và tài liệu kiểm chứng đã ghi?\n"
                "Có thể hoàn tác bằng Ctrl+Z.").replace("“ ", "“")
        if qt_vi.ask(self, text, yes="Xóa", no="Không xóa", danger=True):
            self.ops.run(item_ops.delete_item, item.id)

    def move_current(self, how: str) -> None:
        item = self.current_item()
        if item is None:
            return
        model = self.plan_view.model
        siblings = model.roots if item.parent_id is None else model.item_by_id(item.parent_id).children
        index = siblings.index(item)
        if how == "up" and index > 0:
            self.ops.run(item_ops.move_item, item.id, item.parent_id, index - 1)
        elif how == "down" and index < len(siblings) - 1:
            self.ops.run(item_ops.move_item, item.id, item.parent_id, index + 1)
        elif how == "indent" and index > 0:
            self.ops.run(item_ops.indent_item, item.id)
        elif how == "outdent" and item.parent_id is not None:
            self.ops.run(item_ops.outdent_item, item.id)
        else:
            self.statusBar().showMessage("Không di chuyển được mục theo hướng này.", 4000)

    # ------------------------------------------------------------ refreshing what an operation changed

    def apply_changes(self, changes: OpChanges) -> None:
        """Refresh only what `changes` names (an operation's, an undo's or a redo's)."""
        if changes.settings:
            self.refresh_office()
        if changes.plans and (self.plan is None or changes.plans - {self.plan.id} or
                              self.plan.id not in {p.id for p in plan_store.list_plans(self.store.db)}):
            self.refresh_plans(self.plan.id if self.plan is not None else None)  # plans came or went
            return
        if self.plan is None:
            return
        if self.plan.id in changes.plans:
            self.plan = plan_store.get_plan(self.store.db, self.plan.id)
            index = self.plan_combo.findData(self.plan.id)
            self.plan_combo.setItemText(index, f"{self.plan.title} (số {self.plan.id})" if not self.plan.number
                                        else f"{self.plan.number} – {self.plan.title}")
        if changes.agencies or self.plan.id in changes.structure:
            self.reload_tree(select_id=None)  # keeps the selection and what is expanded
            self._selection_changed()
        else:
            self._refresh_rows(changes)
        shown = (self.plan.id, self.period.code)
        if shown in changes.signed or shown in changes.drafts:  # signed off, or reopened for a correction
            locked_before = self._locked
            self._locked = is_period_locked(self.store.db, *shown)
            if self._locked != locked_before:
                self._recompute(set())
                self._selection_changed()

    def _refresh_rows(self, changes: OpChanges) -> None:
        db, code, model = self.store.db, self.period.code, self.plan_view.model
        edited = {item_id for item_id in changes.items if model.item_by_id(item_id) is not None}
        for item_id in edited:
            model.item_changed(get_item(db, item_id))
        progressed = {i for i, period in changes.progress if period == code and model.item_by_id(i) is not None}
        for item_id in progressed:
            self._progress[item_id] = get_progress(db, item_id, code)
        documented = {i for i, period in changes.evidence if period == code and model.item_by_id(i) is not None}
        for item_id in documented:
            self._evidence[item_id] = len(list_evidence(db, item_id, code))
        touched = edited | progressed | documented
        if not touched:
            return
        if edited:
            self._refresh_agency_names()  # the edit may have named a new agency
            self.plan_view.item_panel.set_agencies(self._agency_names)
        self._recompute(touched)
        current = self.current_item()
        if current is None or current.id not in touched:
            return
        if current.id in edited:
            self.plan_view.item_panel.item_saved(current)
        if current.id in edited or current.id in progressed:
            self.plan_view.progress_panel.progress_saved(get_progress(db, current.id, code))

    def _stepped(self, result: OpResult) -> None:
        """After an undo or a redo, show the officer the item it changed, if it is not in view."""
        if self.plan is None:
            return
        changes = result.changes
        ids = {i for i, p in changes.progress | changes.evidence if p == self.period.code} | changes.items
        ids = {i for i in ids if self.plan_view.model.item_by_id(i) is not None}
        current = self.current_item()
        if ids and (current is None or current.id not in ids):
            self.go_to_item(min(ids))

    def show_error(self, error: UserError) -> None:
        self.statusBar().showMessage(f"Chưa lưu được: {error}")
        qt_vi.warn(self, str(error))

    # ------------------------------------------------------------ housekeeping

    def _show_saved(self) -> None:
        QTimer.singleShot(0, lambda: self.statusBar().showMessage("Đã lưu.", 2500))

    def flush_edits(self) -> None:
        """Save whatever is being typed (before switching plan or period, and on closing)."""
        self.plan_view.progress_panel.flush()
        self.plan_view.item_panel.flush()
        self.report_panel.flush()

    def restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 780)
        for key, splitter in (("window/splitter", self.plan_view.splitter),
                              ("window/progress_splitter", self.plan_view.progress_splitter)):
            state = self.settings.value(key)
            if state is not None:
                splitter.restoreState(state)

    def closeEvent(self, event) -> None:  # noqa: N802
        self.flush_edits()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.plan_view.splitter.saveState())
        self.settings.setValue("window/progress_splitter", self.plan_view.progress_splitter.saveState())
        self.settings.sync()
        super().closeEvent(event)


