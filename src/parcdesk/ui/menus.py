"""Menus and keyboard shortcuts of the main window, in one place."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence


def _action(window, text: str, handler, shortcut=None, tip: str = "") -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: handler())
    return action


def build_menus(window) -> dict[str, QAction]:
    from parcdesk.ui import dialogs  # the dialogs the menus open

    actions: dict[str, QAction] = {}
    bar = window.menuBar()

    file_menu = bar.addMenu("&Tệp")
    actions["new_plan"] = _action(window, "&Kế hoạch mới…", lambda: dialogs.new_plan(window), "Ctrl+N",
                                  "Tạo kế hoạch từ mẫu PAR INDEX, từ kế hoạch năm trước hoặc kế hoạch trống")
    actions["import_plan"] = _action(window, "&Nhập kế hoạch từ tệp Word, Excel…", lambda: dialogs.import_plan(window),
                                     "Ctrl+I", "Đọc phụ lục kế hoạch từ tệp .docx, .xlsx hoặc .xls")
    actions["plan_info"] = _action(window, "Thông tin kế hoạch…", lambda: dialogs.plan_info(window), None,
                                   "Số, ngày ban hành, tên và căn cứ của kế hoạch")
    actions["export_plan"] = _action(window, "&Xuất kế hoạch (PDF, Excel)…", lambda: dialogs.export_plan(window),
                                     None, "In phụ lục phân công của kế hoạch để gửi các ban, ngành")
    actions["backup"] = _action(window, "&Sao lưu dữ liệu…", lambda: dialogs.backup(window), "Ctrl+Shift+S",
                                "Chép toàn bộ dữ liệu ra một thư mục (ổ USB, thư mục khác)")
    actions["consolidate"] = _action(window, "Tổng hợp báo cáo các xã, phường…", lambda: dialogs.open_consolidation(window),
                                     None, "Cho cơ quan cấp trên: nhận, kiểm tra và cộng số liệu báo cáo của nhiều đơn vị")
    actions["quit"] = _action(window, "Th&oát", window.close, "Ctrl+Q")
    for key in ("new_plan", "import_plan", "plan_info", "export_plan"):
        file_menu.addAction(actions[key])
    file_menu.addSeparator()
    file_menu.addAction(actions["backup"])
    file_menu.addSeparator()
    file_menu.addAction(actions["consolidate"])
    file_menu.addSeparator()
    file_menu.addAction(actions["quit"])

    edit_menu = bar.addMenu("&Sửa")
    # A text box with typing of its own to take back keeps these keys (ui/fields.py UndoKeys)
    undo = _action(window, "Hoàn tác", window.undo, "Ctrl+Z")
    redo = _action(window, "Làm lại", window.redo)
    redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    actions["undo"], actions["redo"] = undo, redo
    window.ops.bind_actions(undo, redo)
    edit_menu.aboutToShow.connect(window.ops.refresh_actions)  # the CLI may have written the log meanwhile
    edit_menu.addAction(undo)
    edit_menu.addAction(redo)
    edit_menu.addSeparator()
    actions["add"] = _action(window, "Thêm mục cùng cấp", lambda: window.add_item(False), "Ctrl+Return",
                             "Thêm một mục ngay dưới mục đang chọn, cùng cấp")
    actions["add_child"] = _action(window, "Thêm mục con", lambda: window.add_item(True), "Ctrl+Shift+Return",
                                   "Thêm một mục con vào mục đang chọn")
    actions["indent"] = _action(window, "Lùi vào (thành mục con của mục trên)",
                                lambda: window.move_current("indent"), "Alt+Right")
    actions["outdent"] = _action(window, "Đưa ra (lên một cấp)", lambda: window.move_current("outdent"), "Alt+Left")
    actions["up"] = _action(window, "Chuyển lên", lambda: window.move_current("up"), "Alt+Up")
    actions["down"] = _action(window, "Chuyển xuống", lambda: window.move_current("down"), "Alt+Down")
    actions["delete"] = _action(window, "Xóa mục…", window.delete_item, "Ctrl+Delete")
    for key in ("add", "add_child", "indent", "outdent", "up", "down", "delete"):
        edit_menu.addAction(actions[key])
    edit_menu.addSeparator()
    actions["find"] = _action(window, "&Tìm…", lambda: (window.tabs.setCurrentWidget(window.plan_view),
                                                       window.plan_view.filter_bar.search.setFocus(),
                                                       window.plan_view.filter_bar.search.selectAll()), "Ctrl+F")
    edit_menu.addAction(actions["find"])

    view_menu = bar.addMenu("&Xem")
    actions["show_plan"] = _action(window, "Kế hoạch và tiến độ", lambda: window.tabs.setCurrentIndex(0), "F2")
    actions["show_overview"] = _action(window, "Tổng quan", lambda: window.tabs.setCurrentIndex(1), "F3")
    actions["show_report"] = _action(window, "Báo cáo", lambda: window.tabs.setCurrentWidget(window.report_panel),
                                     "F4")
    actions["expand"] = _action(window, "Mở rộng toàn bộ cây", window.plan_view.tree.expandAll)
    actions["collapse"] = _action(window, "Thu gọn cây", lambda: window.plan_view.tree.expandToDepth(0))
    for key in ("show_plan", "show_overview", "show_report", "expand", "collapse"):
        view_menu.addAction(actions[key])
    view_menu.addSeparator()
    for number in range(1, 5):
        action = _action(window, f"Kỳ thứ {number}", lambda n=number: _choose_period(window, n - 1),
                         f"Ctrl+{number}")
        actions[f"period{number}"] = action
        window.addAction(action)

    lists_menu = bar.addMenu("&Danh mục")
    actions["agencies"] = _action(window, "Cơ quan, ban ngành…", lambda: dialogs.agencies(window), None,
                                  "Danh sách cơ quan với các cách viết; gộp hai cách viết làm một")
    actions["office"] = _action(window, "Thông tin đơn vị và người ký…", lambda: dialogs.office(window))
    lists_menu.addAction(actions["agencies"])
    lists_menu.addAction(actions["office"])

    help_menu = bar.addMenu("Trợ &giúp")
    actions["about"] = _action(window, "Giới thiệu ParcDesk", lambda: dialogs.about(window))
    actions["data_folder"] = _action(window, "Mở thư mục dữ liệu", lambda: dialogs.open_data_folder(window))
    help_menu.addAction(actions["data_folder"])
    help_menu.addAction(actions["about"])
    return actions


def _choose_period(window, index: int) -> None:
    if 0 <= index < window.period_combo.count():
        window.set_period(window.period_combo.itemData(index))
