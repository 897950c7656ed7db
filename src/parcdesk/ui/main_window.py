"""The ParcDesk window: the plan and its progress, the overview, and what goes around them.

The window is the controller: panels emit what the officer did, the window runs the core's
operation for it (ui/operations.py), and refreshes only what the operation's result says
changed (`apply_changes`) — after an undo or a redo alike.
"""

from __future__ import annotations

from datetime import date

from pathlib import Path

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QMainWindow, QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from parcdesk.db import plans as plan_store
from parcdesk.db.agencies import list_agencies
from parcdesk.db.connection import StoreError
from parcdesk.db.evidence import evidence_counts, list_evidence
from parcdesk.db.items import get_item, load_tree
from parcdesk.carry import carried_label, carries_value
from parcdesk.db.progress import get_progress, own_progress, progress_of_plan
from parcdesk.db.search import plan_progress_texts, plan_search_folds
from parcdesk.db.settings import load_settings
from parcdesk.db.store import Store
from parcdesk.errors import UserError
from parcdesk.filtering import SearchIndex
from parcdesk.model import ItemDraft, PlanItem, Progress
from parcdesk.ops import carry as carry_ops
from parcdesk.ops import items as item_ops
from parcdesk.ops import progress as progress_ops
from parcdesk.ops import reports as report_ops
from parcdesk.ops.base import OpChanges, OpResult
from parcdesk.overview import compute_overview, cutoff_date
from parcdesk.paths import settings_dir
from parcdesk.periods import Period, earlier_in_year, parse_period, periods_of_years
from parcdesk.report.figures import PeriodFigures, period_figures, report_date
from parcdesk.report.signoff import is_period_locked
from parcdesk.text import format_date, format_number
from parcdesk.ui import qt_vi
from parcdesk.ui.changes_panel import ChangesPanel
from parcdesk.ui.evidence_panel import EvidencePanel
from parcdesk.ui.menus import build_menus
from parcdesk.ui.operations import OpRunner
from parcdesk.ui import pending_saves, previews
from parcdesk.ui.overview_panel import OverviewPanel
from parcdesk.ui.pending_saves import PendingSave, PendingSaves, keepable
from parcdesk.ui.plan_view import PlanView
from parcdesk.ui.report_panel import ReportPanel
from parcdesk.ui.screen_fit import available_geometry, fit_window
from parcdesk.ui.text_fit import ElidingComboBox


def plan_label(plan, known: list) -> str:
    """How the plan selector names a plan: its year(s), number and title — never an internal
    id. Two plans with one title and year are told apart by the issue date, else the day made."""
    years = str(plan.year_from) if plan.year_from == plan.year_to else f"{plan.year_from}–{plan.year_to}"
    parts = [f"Năm {years}"]
    if plan.number:
        parts.append(f"số {plan.number}")
    twins = [p for p in known if p.id != plan.id and p.title == plan.title and p.year_from == plan.year_from
             and p.number == plan.number]
    if twins:
        if plan.issued_on and all(p.issued_on != plan.issued_on for p in twins):
            parts.append(f"ngày {format_date(plan.issued_on)}")
        else:
            made = (plan.created_at or "")[:10]
            parts.append(f"tạo ngày {format_date(made)}" if made else "bản khác")
    return f"{' · '.join(parts)} – {plan.title}"


# What each panel's save runs: kind → the operation, called as operation(store, *target, **change).
SAVE_OPERATIONS = {"progress": (progress_ops, "set_progress"), "item": (item_ops, "edit_item"),
                   "draft": (report_ops, "save_draft")}


def save_operation(kind: str):
    module, name = SAVE_OPERATIONS[kind]
    return getattr(module, name)  # looked up at each save, as a module's function (tests replace it)


def settings_folder(settings: QSettings) -> Path:
    """The folder of the window's settings: an .ini file's own (portable mode, tests), else the
    user's settings folder (the registry has no folder)."""
    if settings.format() == QSettings.Format.IniFormat:
        return Path(settings.fileName()).parent
    return settings_dir()


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
        self._figures: PeriodFigures | None = None  # the shown period's cut-off and signed figures
        self._cutoff = self.today
        self._agency_names: list[str] = []
        self._expanded_before_filter: set[int] | None = None
        self.ops = OpRunner(store, self.show_error, self)
        self._env_error_said: str | None = None  # the kind of environment error a dialog has said
        self._refusal_shown = False  # the status bar shows a "Chưa lưu được" line
        self.pending = PendingSaves(pending_saves.recovery_folders(settings_folder(settings), Path(store.path)),
                                    Path(store.path), self)
        self._retry_timer = QTimer(self)
        self._retry_timer.setInterval(pending_saves.RETRY_MS)
        self._retry_timer.timeout.connect(self.retry_pending)
        self._retrying = False
        self.setWindowTitle("ParcDesk")

        self.plan_combo = ElidingComboBox("Kế hoạch đang xem")  # a plan's title is longer than any field
        self.plan_combo.setMinimumContentsLength(40)
        self.plan_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
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
        self.changes_panel = ChangesPanel()
        self.tabs.addTab(self.changes_panel, "Thay đổi từ báo cáo trước")
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.location_label = QLabel()
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pending_button = QPushButton()  # "N thay đổi chưa lưu được — sẽ thử lại": a click lists them
        self.pending_button.setFlat(True)
        self.pending_button.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.pending_button.setToolTip("Xem các thay đổi chưa lưu được vào tệp dữ liệu")
        self.pending_button.clicked.connect(self.show_pending)
        self.pending_button.hide()
        # the period's counts: a widget of the status bar, not a message, so that a passing message
        # (a menu's tip under the mouse, "Đã lưu.") hides it only while it is shown, never blanks it
        self.counts_label = QLabel()
        self.statusBar().addWidget(self.counts_label, 1)
        self.statusBar().addPermanentWidget(self.pending_button)
        self.statusBar().addPermanentWidget(self.location_label)
        self.actions = build_menus(self)

        # wiring
        self.plan_combo.activated.connect(lambda _i: self.open_plan(self.plan_combo.currentData()))
        self.period_combo.activated.connect(lambda _i: self.set_period(self.period_combo.currentData()))
        self.plan_view.tree.selectionModel().currentChanged.connect(lambda *_: self._selection_changed())
        self.plan_view.tree.doubleClicked.connect(lambda _i: self.plan_view.side_tabs.setCurrentIndex(1))
        self.plan_view.filter_bar.filters_changed.connect(lambda _f: self.apply_filters())
        self.plan_view.progress_panel.progress_edited.connect(self._progress_edited)
        self.plan_view.progress_panel.carry_requested.connect(self.carry_from_earlier)
        self.plan_view.item_panel.item_edited.connect(self._item_edited)
        self.overview_panel.item_activated.connect(self.go_to_item)
        self.changes_panel.item_activated.connect(self.go_to_item)
        self.report_panel.draft_edited.connect(self._draft_edited)
        self.ops.changed.connect(self.apply_changes)
        self.ops.changed.connect(lambda _changes: self._operation_succeeded())
        self.pending.changed.connect(self._pending_changed)
        self.ops.stepped.connect(self._stepped)
        self.tabs.currentChanged.connect(lambda _i: self._tab_changed())

        self.refresh_office()
        self.refresh_plans()
        self.restore_layout()
        self._pending_changed()

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
            self.plan_combo.addItem(plan_label(plan, known), plan.id)
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
            self.show_counts("Chưa có kế hoạch nào: chọn Tệp › Kế hoạch mới… để bắt đầu.")
            self._selection_changed()
            return
        self.plan = plan_store.get_plan(self.store.db, plan_id)
        remembered = self.settings.value(self._plan_key("item"), None)  # before the tree's selection moves
        self.plan_combo.setCurrentIndex(self.plan_combo.findData(plan_id))
        self.settings.setValue(self._last_plan_key(), plan_id)
        self.period_combo.clear()
        for period in self._periods():
            self.period_combo.addItem(f"{period.short_label} {period.year}", period.code)
        self.period = self._remembered_period() or self._default_period()
        self.period_combo.setCurrentIndex(self.period_combo.findData(self.period.code))
        self.reload_tree(select_id=None)
        self._show_report()
        self.plan_view.tree.expandToDepth(0)
        # start where the officer left off, else on the first item whose progress is recorded
        model = self.plan_view.model
        if remembered is not None and model.item_by_id(int(remembered)) is not None:
            self._reveal(int(remembered))
            return
        first = next((item for root in model.roots for item in root.walk() if item.is_tracked), None)
        if first is not None:
            self.plan_view.select(first.id)

    def _show_report(self) -> None:
        self.report_panel.show_report(self.plan, self.period)
        self._show_pending_in(self.report_panel, "draft")

    def _periods(self) -> list[Period]:
        return periods_of_years(self.plan.year_from, self.plan.year_to)

    def _plan_key(self, what: str) -> str:
        return f"plans/{str(self.store.path)}/{self.plan.id}/{what}"

    def _remembered_period(self) -> Period | None:
        code = self.settings.value(self._plan_key("period"), None)
        return next((p for p in self._periods() if p.code == code), None)

    def _default_period(self) -> Period:
        """The period whose report is due next, within the plan's years."""
        for period in self._periods():
            if self.today <= period.end:
                return period
        return self._periods()[-1]

    def set_period(self, code: str) -> None:
        self.flush_edits()
        self.period = next(p for p in self._periods() if p.code == code)
        self.settings.setValue(self._plan_key("period"), code)
        self.period_combo.setCurrentIndex(self.period_combo.findData(code))
        self.load_period_data()
        self._selection_changed()
        self._show_report()

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
        self._load_figures()
        self._recompute(None)

    def _load_figures(self) -> None:
        """The shown period's cut-off: the report's date (or the signed report's), as the report
        and `parcdesk overview` take it (report/figures.py)."""
        self._figures = period_figures(self.store.db, self.plan.id, self.period.code, today=self.today,
                                       roots=self.plan_view.model.roots, progress=self._progress,
                                       evidence=self._evidence)
        self._cutoff = self._figures.cutoff
        self._overview = self._figures.overview

    def _recompute(self, changed_ids: set[int] | None) -> None:
        """The period's figures again from what is in memory (the tree, progress, evidence counts).

        With `changed_ids`, only those items are judged again — by the same rule, compute_overview
        run on them alone — and only their rows redrawn; the whole overview (areas, leads, what is
        due) is computed when its tab shows it, not at every keystroke in a 5,000-item plan."""
        model = self.plan_view.model
        carried = {i: carried_label(p.carried_from) for i, p in self._progress.items() if p.carried_from}
        if changed_ids is None:
            self._overview = self.overview()
            self._statuses = {s.item.id: s.status for s in self._overview.states}
            self._buckets = {s.item.id: s.bucket for s in self._overview.states}
            model.set_period_data(self._statuses, self._buckets, self._evidence, carried=carried)
        else:
            items = [item for item in map(model.item_by_id, changed_ids) if item is not None]
            partial = compute_overview(items, self._progress, self._evidence, self.period, self._cutoff,
                                       self._deadline_day)
            for item_id in changed_ids:  # an item may have stopped being tracked (made an area)
                self._statuses.pop(item_id, None)
                self._buckets.pop(item_id, None)
            for state in partial.states:
                self._statuses[state.item.id], self._buckets[state.item.id] = state.status, state.bucket
            model.set_period_data(self._statuses, self._buckets, self._evidence, rows=changed_ids, carried=carried)
            self._overview = None
        self._search_stale = True
        if self.tabs.currentWidget() is self.overview_panel:
            self._show_overview()
            self.overview_panel.show_year_flags(self.plan_view.model.year_flagged())
        else:
            self._overview_stale = True  # drawn when its tab is opened: most edits happen elsewhere
        self.apply_filters()
        self.show_counts(self.status_text())

    def show_counts(self, text: str) -> None:
        """The status bar's standing line; a message shown over it (a refusal) goes."""
        self.counts_label.setText(text)
        self.statusBar().clearMessage()

    def status_text(self) -> str:
        """The status bar's figures: the report's counts at the report's cut-off, the signed ones once signed."""
        signed = self._figures.signed if self._figures is not None and self._locked else None
        if signed is not None:
            totals = signed.totals
            done, total, late = totals["done"], totals["total"], totals["late"]
        else:
            buckets = list(self._buckets.values())
            done, total, late = buckets.count("done"), len(buckets), buckets.count("late")
        text = (f"{self.period.short_label} {self.period.year}: {done}/{total} mục hoàn thành, {late} mục quá hạn "
                f"(tính đến ngày {format_date(self._cutoff)}).")
        if signed is not None:
            text += f" Số liệu đã chốt trong báo cáo phiên bản {signed.version}."
        elif self._locked:
            text += " Kỳ này đã chốt báo cáo."
        return text

    def overview(self):
        """The shown period's overview, computed from memory when first asked for after a change."""
        if self._overview is None:
            self._overview = compute_overview(self.plan_view.model.roots, self._progress, self._evidence,
                                              self.period, self._cutoff, self._deadline_day)
        return self._overview

    def _show_overview(self) -> None:
        overview = self.overview()
        self.overview_panel.show_overview(overview)
        if self._figures is not None:
            figures = PeriodFigures(self.period, self._cutoff, self._figures.deadline, overview,
                                    self._figures.signed if self._locked else None)
            self.overview_panel.show_caption(figures.caption, figures.totals if figures.signed else None)
        self._overview_stale = False

    def _tab_changed(self) -> None:
        if self.tabs.currentWidget() is self.changes_panel and self.plan is not None:
            self.changes_panel.show_changes(self.store.db, self.plan.id, self.period.code)  # read when shown
        if self.tabs.currentWidget() is self.overview_panel and self._overview_stale and self.plan is not None:
            self._show_overview()
            self.overview_panel.show_year_flags(self.plan_view.model.year_flagged())

    def apply_filters(self) -> None:
        """Show what the search and filters let through. The tree keeps what the officer opened:
        the expansion before filtering comes back when the filters are cleared, and the selected
        item stays selected. The right panel never shows an item the list no longer shows: when
        the selected item is filtered out, the best match is selected instead (none: nothing)."""
        if self.plan is None:
            return
        view = self.plan_view
        filters = view.filter_bar.filters()
        current = view.current_item_id()
        if not filters.active:
            if view.model.is_filtered():
                view.model.set_visible(None)
                view.expand_ids(self._expanded_before_filter or set())
                self._expanded_before_filter = None
                self._reveal(current)
            return
        if not view.model.is_filtered():
            self._expanded_before_filter = view.expanded_ids()
        if self._search_stale or self.search_index is None:  # rebuilt when a filter needs it, not per edit
            db, plan_id, code = self.store.db, self.plan.id, self.period.code
            self.search_index = SearchIndex(view.model.roots, plan_search_folds(db, plan_id, code),
                                            plan_progress_texts(db, plan_id, code))
            self._search_stale = False
        matches = self.search_index.ranked_matches(filters, self._statuses, self._buckets, self._evidence)
        if view.model.set_visible(self.search_index.with_ancestors(matches)):
            view.tree.expandAll()  # only when the rows changed: a keystroke that finds the same keeps the tree
        if current is not None and current in matches:
            self._reveal(current)
        else:  # the best match (a search ranks them), else the panel empties with the list
            best = next((i for i in matches if view.model.item_by_id(i).is_tracked), matches[0] if matches else None)
            if best is None:
                view.tree.setCurrentIndex(QModelIndex())
                self._selection_changed()
            else:
                self._reveal(best)

    def _reveal(self, item_id: int | None) -> None:
        """Select an item and open the branches above it; the panel follows the selection."""
        if item_id is None:
            return
        model, parent = self.plan_view.model, self.plan_view.model.item_by_id(item_id)
        while parent is not None and parent.parent_id is not None:
            parent = model.item_by_id(parent.parent_id)
            self.plan_view.tree.expand(model.index_of(parent.id))
        if self.plan_view.current_item_id() != item_id:
            self.plan_view.select(item_id)
        else:
            self.plan_view.tree.scrollTo(model.index_of(item_id))

    # ------------------------------------------------------------ selection

    def current_item(self) -> PlanItem | None:
        item_id = self.plan_view.current_item_id()
        return self.plan_view.model.item_by_id(item_id) if item_id is not None else None

    def _selection_changed(self) -> None:
        item = self.current_item()
        if item is not None and self.plan is not None:
            self.settings.setValue(self._plan_key("item"), item.id)  # where a restart comes back to
        view = self.plan_view
        year = self.plan.year_from if self.plan else self.today.year
        view.item_panel.show_item(item, year, self._agency_names)
        if item is None or self.period is None:
            view.progress_panel.show_progress(None, None, None)
            self.evidence_panel.set_target(None, self.period.code if self.period else "", True)
        else:
            progress = get_progress(self.store.db, item.id, self.period.code)
            view.progress_panel.show_progress(item, self.period, progress, read_only=self._locked,
                                              carried_note=self._carried_note(item, progress),
                                              can_carry=bool(earlier_in_year(self.period)))
            tracked = item.is_tracked
            self.evidence_panel.set_target(item.id if tracked else None, self.period.code, self._locked)
        self._show_pending_in(view.item_panel, "item")
        self._show_pending_in(view.progress_panel, "progress")
        if self._refusal_shown:  # a refusal said for what was shown before is stale now
            self._refusal_shown = False
            self.statusBar().clearMessage()  # the counts under it show again

    def _carried_note(self, item: PlanItem, progress: Progress) -> str:
        """"Mang sang từ quý I …" for a carried record, with the earlier count a count does not carry."""
        if not progress.carried_from:
            return ""
        note = f"Tiến độ {carried_label(progress.carried_from)}: sửa ở đây chỉ thay đổi kỳ này."
        unit = item.threshold.unit if item.threshold else None
        earlier = own_progress(self.store.db, item.id, progress.carried_from)
        if earlier is not None and earlier.actual_value is not None and not carries_value(unit):
            shown = format_number(earlier.actual_value, unit)
            note += (f" {parse_period(progress.carried_from).short_label} ghi {shown}: "
                     "số đếm không mang sang, hãy nhập số cộng dồn từ đầu năm.")
        return note

    def carry_from_earlier(self, every_item: bool) -> None:
        """"Chép từ kỳ trước": the nearest earlier period's records into the shown one, one undo step."""
        earlier = earlier_in_year(self.period)
        item = self.current_item()
        if not earlier or self.plan is None or (not every_item and item is None):
            return
        self.flush_edits()
        source = earlier[0]
        if every_item:
            own = sum(1 for p in self._progress.values() if not p.carried_from)
            if own and not qt_vi.ask(self, f"Chép tiến độ {source.label} sang {self.period.label} cho tất cả các "
                                     f"mục? {own} mục đã ghi riêng trong kỳ này sẽ được thay bằng số liệu kỳ trước "
                                     "(hoàn tác được bằng Ctrl+Z).", yes="Chép", no="Không chép"):
                return
            self.ops.run(carry_ops.carry_progress, self.plan.id, source.code, self.period.code)
        else:
            self.ops.run(carry_ops.carry_progress, self.plan.id, source.code, self.period.code, item_ids=[item.id])

    def go_to_item(self, item_id: int) -> None:
        self.tabs.setCurrentWidget(self.plan_view)
        self.plan_view.filter_bar.search.clear()
        self.plan_view.select(item_id)

    # ------------------------------------------------------------ operations

    # A panel's change names what it was made for (the item, period or report the typing was
    # for), never "what is selected now": a save flushed while the selection moves goes there.

    def _progress_edited(self, target: tuple[int, str], change: dict) -> None:
        self._save(self.plan_view.progress_panel, "progress", tuple(target), change)

    def _item_edited(self, item_id: int, change: dict) -> None:
        self._save(self.plan_view.item_panel, "item", (item_id,), change)

    def _draft_edited(self, target: tuple[int, str], change: dict) -> None:
        # None means "unchanged" to save_draft; an emptied field is saved as ""
        change = {k: ("" if v is None and k != "signer_id" else v) for k, v in change.items()}
        self._save(self.report_panel, "draft", tuple(target), change)

    def _save(self, panel, kind: str, target: tuple, change: dict) -> None:
        """Run a panel's save; a refusal puts the panel's field right first (back to the stored
        value, or kept and marked unsaved for an environment error), then is said, once. A text the
        environment stopped is kept in the window's pending saves, so that moving on never drops it."""
        field_name = panel.committing_field_name()

        def refused(error: UserError) -> None:
            panel.save_failed(error)
            if isinstance(error, StoreError) and field_name is not None and keepable(change.get(field_name)):
                self.pending.keep(PendingSave(kind, target, field_name, change[field_name],
                                              self._describe_target(kind, target)))
            self.say_save_error(error)

        if self.ops.run(save_operation(kind), *target, typing=True, on_error=refused, **change) is not None:
            self.pending.settle(kind, target, change)  # a newer text of a waiting field is saved: it waits no more
            self._show_saved()

    # ------------------------------------------------------------ saves waiting for the data file

    def _describe_target(self, kind: str, target: tuple) -> str:
        """What the officer calls a save's target, for the pending saves' list (and the next start's)."""
        if kind == "draft":
            plan_id, code = target
            return f"Báo cáo {parse_period(code).label}"
        item = self.plan_view.model.item_by_id(target[0])
        name = f"{item.code} {item.shown_title}".strip() if item is not None else f"Mục số {target[0]}"
        if len(name) > 70:
            name = name[:69].rstrip() + "…"
        if kind == "progress":
            period = parse_period(target[1])
            return f"{name} – {period.short_label} {period.year}"
        return name

    def say_save_error(self, error: UserError) -> None:
        """A refusal is said each time; an environment error once per kind of error (locked, full,
        read-only…) until a save succeeds: the retries at every pause stay quiet, the status bar says it."""
        if isinstance(error, StoreError):
            self.statusBar().showMessage(f"Chưa lưu được: {error}")
            self._refusal_shown = True
            if self._env_error_said == error.kind:
                return
            self._env_error_said = error.kind
        self.show_error(error)

    def _operation_succeeded(self) -> None:
        """The data file took a change: an environment error said before is over; try the waiting ones."""
        self._env_error_said = None
        if self.pending.waiting() and not self._retrying:
            QTimer.singleShot(0, self.retry_pending)

    def retry_pending(self) -> None:
        """Try every waiting save again (the timer, any operation that succeeded, the officer's
        "Thử lưu lại ngay"): each one the data file takes is done with; a refusal for good (the
        period got signed meanwhile, the item deleted) is said with the text, so it can be copied."""
        if self._retrying:
            return
        self._retrying = True
        try:
            for entry in self.pending.waiting():
                errors: list[UserError] = []
                done = self.ops.run(save_operation(entry.kind), *entry.target, typing=True,
                                    on_error=errors.append, **{entry.field: entry.value})
                if done is not None:
                    self.pending.drop(entry)
                    self._env_error_said = None
                elif isinstance(errors[0], StoreError):
                    self.say_save_error(errors[0])
                    break  # the file is still not writable: the others would fail the same way
                else:
                    self.pending.drop(entry)
                    self.show_error(UserError(f"{errors[0]} Nội dung đã gõ cho {entry.where} "
                                              f"({entry.field_label}): {entry.text}"))
        finally:
            self._retrying = False
        if not self.pending.waiting() and self._refusal_shown:
            self._refusal_shown = False
            self._show_saved()

    def _pending_changed(self) -> None:
        text = pending_saves.status_text(self.pending)
        self.pending_button.setText(text)
        self.pending_button.setVisible(bool(text))
        if self.pending.waiting():
            if not self._retry_timer.isActive():
                self._retry_timer.start()
        else:
            self._retry_timer.stop()

    def _show_pending_in(self, panel, kind: str) -> None:
        """Show a waiting text in its field when its target is shown again (the field would show
        the file's older value, and typing over it would replace the waiting text unseen)."""
        target = panel.save_target()
        if target is None or not len(self.pending):
            return
        target = target if isinstance(target, tuple) else (target,)
        for entry in self.pending.for_target(kind, target):
            field = panel.named_fields.get(entry.field)
            if field is not None:
                field.keep_pending(entry.text, target if kind != "item" else target[0])

    def show_pending(self) -> None:
        """The status bar's line clicked: the waiting saves listed, with "try now"."""
        if not len(self.pending):
            return
        text = "Các thay đổi dưới đây chưa lưu được vào tệp dữ liệu; chương trình sẽ tự thử lại."
        if pending_saves.choose(self, text, self.pending.entries(), pending_saves.LIST_CHOICES) == "retry":
            self.pending.release()
            self.retry_pending()

    def offer_recovered(self) -> None:
        """At the start: saves an earlier session could not make are listed, to apply or not."""
        if not self.pending.held():
            return
        answer = pending_saves.choose(self, pending_saves.start_question(self.pending), self.pending.held(),
                                      pending_saves.START_CHOICES)
        if answer == "apply":
            self.pending.release()
            self.retry_pending()
        elif answer == "discard":
            self.pending.clear()
        # "later" or closed: they stay held, in the recovery file, listed in the status bar

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
            known = plan_store.list_plans(self.store.db)
            for row, plan in enumerate(known):  # a new title may now be shared with another plan
                if self.plan_combo.itemData(row) == plan.id:
                    self.plan_combo.setItemText(row, plan_label(plan, known))
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
        earlier = {p.code for p in earlier_in_year(self.period)}
        redated = (self.plan.id, code) in changes.drafts and not self._locked and \
            cutoff_date(self.period, report_date(db, self.plan.id, code, self.today)) != self._cutoff
        if redated or any(period in earlier for _i, period in changes.progress | changes.evidence):
            # the shown period carries the earlier ones (carry.py), and its cut-off is its report's date
            self.load_period_data()
            self._selection_changed()
            return
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
            saved = get_progress(db, current.id, code)
            self.plan_view.progress_panel.progress_saved(saved, self._carried_note(current, saved))

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

    def undo(self) -> None:
        """The program's undo (the data file's log): what is being typed is saved first, so it is
        the step taken back and no typing is lost under it; the fields then show what the file holds."""
        self.flush_edits()
        self.ops.undo()

    def redo(self) -> None:
        self.flush_edits()
        self.ops.redo()

    def show_error(self, error: UserError) -> None:
        self.statusBar().showMessage(f"Chưa lưu được: {error}")
        self._refusal_shown = True  # until the officer moves on or a save succeeds
        qt_vi.warn(self, str(error))

    # ------------------------------------------------------------ housekeeping

    def _show_saved(self) -> None:
        self._refusal_shown = False
        QTimer.singleShot(0, lambda: self.statusBar().showMessage("Đã lưu.", 2500))

    def flush_edits(self) -> None:
        """Save whatever is being typed (before switching plan or period, and on closing)."""
        self.plan_view.progress_panel.flush()
        self.plan_view.item_panel.flush()
        self.report_panel.flush()

    def restore_layout(self) -> None:
        """The size and place of last time, inside the screen as it is now (a laptop may have
        come off a large monitor); maximised if it was. A first start on a small screen (the
        1366×768 office PC) opens maximised, so that the status bar is on the screen."""
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
            fit_window(self, self.width(), self.height())
        else:
            fit_window(self, 1280, 780)
        maximised = self.settings.value("window/maximised", None)
        small = available_geometry(self).height() < 800
        if (maximised is None and small) or str(maximised).lower() in ("true", "1"):
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        for key, splitter in (("window/splitter", self.plan_view.splitter),
                              ("window/progress_splitter", self.plan_view.progress_splitter)):
            state = self.settings.value(key)
            if state is not None:
                splitter.restoreState(state)

    def closeEvent(self, event) -> None:  # noqa: N802
        self.flush_edits()
        self.retry_pending()
        while self.pending.waiting():
            answer = pending_saves.choose(self, pending_saves.close_question(self.pending),
                                          self.pending.entries(), pending_saves.CLOSE_CHOICES)
            if answer == "retry":
                self.retry_pending()
            elif answer == "discard":
                self.pending.clear()
            else:  # "keep", or the question closed: the recovery file holds them for the next start
                break
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/maximised", self.isMaximized())
        self.settings.setValue("window/splitter", self.plan_view.splitter.saveState())
        self.settings.setValue("window/progress_splitter", self.plan_view.progress_splitter.saveState())
        self.settings.sync()
        previews.remove_made()
        super().closeEvent(event)


