"""Which texts a window shows cut: a label, a button, a tab, a combo box's current item, a line
edit's text or placeholder, a group box title, a menu's text and shortcut — each measured with
the widget's own font against the room the widget has, after layout.

Qt cuts silently: a label or button narrower than its size hint clips its text, a placeholder is
elided ("Tìm (Ctrl+F) — gõ có …"), a combo box clips its current item. The officer then reads
half a word (". ỦY BAN NHÂN DÂN"). tests/test_ui_text_fit.py runs this over the main window (each
tab) and every dialog on a 1366×768 screen. A widget that elides on purpose and shows the whole
text in its tooltip (ElidingComboBox) is not cut.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit, QMenu, QStyle, QStyleOptionComboBox,
    QStyleOptionFrame, QStylePainter, QTabBar, QToolButton, QWidget,
)

# A line edit's text starts this far inside its contents rect (QLineEditPrivate::horizontalMargin), each side.
LINE_EDIT_MARGIN = 2
# A menu item: the check/icon column on the left, the gap between text and shortcut, the right border.
MENU_ITEM_ALLOWANCE = 44


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0


def _name(widget: QWidget) -> str:
    owner = widget.window()
    return f"{type(owner).__name__}/{type(widget).__name__}"


def line_edit_room(edit: QLineEdit) -> int:
    """The width a line edit draws its text (and placeholder) in: inside its frame and text
    margins, less its side buttons (the clear button counts even while hidden: it comes with
    the first letter typed)."""
    option = QStyleOptionFrame()
    option.initFrom(edit)
    option.lineWidth = edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, option, edit) \
        if edit.hasFrame() else 0
    contents = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    margins = edit.textMargins()
    side = sum(button.width() for button in edit.findChildren(QToolButton) if button.parent() is edit)
    return contents.width() - margins.left() - margins.right() - 2 * LINE_EDIT_MARGIN - side


def make_room(edit: QLineEdit, *typical: str) -> QLineEdit:
    """At least the width that shows `typical` contents (and the placeholder) whole."""
    overhead = edit.width() - line_edit_room(edit)  # the frame, margins and side buttons, whatever the width
    longest = max((edit.fontMetrics().horizontalAdvance(text) for text in (*typical, edit.placeholderText())),
                  default=0)
    edit.setMinimumWidth(max(edit.minimumWidth(), longest + overhead + 1))
    return edit


class ElidingComboBox(QComboBox):
    """A combo box for texts longer than any field (a plan's title): the current item ends in
    "…" where it would be cut, and the whole of it is in the tooltip and in the open list."""

    shows_whole_text_in_tooltip = True

    def __init__(self, tooltip_lead: str = "", parent=None):
        super().__init__(parent)
        self.tooltip_lead = tooltip_lead
        self.currentIndexChanged.connect(lambda _i: self._say_whole())

    def _say_whole(self) -> None:
        text = self.currentText()
        self.setToolTip(f"{self.tooltip_lead}: {text}" if self.tooltip_lead and text else text or self.tooltip_lead)

    def showPopup(self) -> None:  # noqa: N802 (Qt's name): the list as wide as its texts, within the screen
        screen = self.screen().availableGeometry().width() if self.screen() else 1366
        widest = max((self.fontMetrics().horizontalAdvance(self.itemText(i)) for i in range(self.count())), default=0)
        self.view().setMinimumWidth(min(widest + 40, screen - 20))
        super().showPopup()

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt's name)
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        option.currentText = self.fontMetrics().elidedText(option.currentText, Qt.TextElideMode.ElideRight,
                                                           combo_room(self))
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


def combo_room(combo: QComboBox) -> int:
    option = QStyleOptionComboBox()
    option.initFrom(combo)
    option.editable = combo.isEditable()
    option.currentText = combo.currentText()
    option.frame = combo.hasFrame()
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    icon = combo.itemIcon(combo.currentIndex()) if combo.currentIndex() >= 0 else None
    icon_room = combo.iconSize().width() + 4 if icon is not None and not icon.isNull() else 0
    return field.width() - 2 - icon_room


def cut_texts(top: QWidget) -> list[str]:
    """One line for every text `top` shows cut; nothing when all are whole."""
    problems: list[str] = []
    for widget in [top, *top.findChildren(QWidget)]:
        if not _shown(widget):
            continue
        problems.extend(_cut_in(widget))
    return problems


def _cut_in(widget: QWidget) -> list[str]:
    fm = widget.fontMetrics()
    if isinstance(widget, QLabel):
        if widget.wordWrap() or not widget.text() or widget.width() >= widget.sizeHint().width():
            return []
        return [f"{_name(widget)} “{widget.text()}”: {widget.width()} < {widget.sizeHint().width()} px"]
    if isinstance(widget, QAbstractButton):
        if not widget.text() or widget.width() >= widget.sizeHint().width():
            return []
        return [f"{_name(widget)} “{widget.text()}”: {widget.width()} < {widget.sizeHint().width()} px"]
    if isinstance(widget, QGroupBox):
        title = widget.title().replace("&&", "\0").replace("&", "").replace("\0", "&")
        need = fm.horizontalAdvance(title) + 16
        return [] if not title or widget.width() >= need else \
            [f"{_name(widget)} title “{title}”: {widget.width()} < {need} px"]
    if isinstance(widget, QTabBar):
        out = []
        for index in range(widget.count()):
            rect, hint = widget.tabRect(index), widget.tabSizeHint(index)
            if rect.width() < hint.width() or rect.right() > widget.width() or rect.left() < 0:
                out.append(f"{_name(widget)} tab “{widget.tabText(index)}”: {rect.width()} < {hint.width()} px "
                           f"or outside 0–{widget.width()}")
        return out
    if isinstance(widget, QComboBox):
        if widget.isEditable():
            return []  # its line edit is measured as a line edit
        if getattr(widget, "shows_whole_text_in_tooltip", False):
            return [] if widget.currentText() in widget.toolTip() else \
                [f"{_name(widget)} current item “{widget.currentText()}” elided, not in its tooltip"]
        text, room = widget.currentText(), combo_room(widget)
        need = fm.horizontalAdvance(text)
        return [] if need <= room else [f"{_name(widget)} current item “{text}”: {need} > {room} px"]
    if isinstance(widget, QLineEdit):
        room = line_edit_room(widget)
        out = []
        for what, text in (("text", widget.displayText()), ("placeholder", widget.placeholderText())):
            need = fm.horizontalAdvance(text)
            if text and need > room:
                out.append(f"{_name(widget)} {what} “{text}”: {need} > {room} px")
        return out
    return []


def cut_menu_texts(menu: QMenu) -> list[str]:
    """The menu's items whose text and shortcut do not fit side by side in the menu, shown."""
    problems = []
    screen = menu.screen().availableGeometry()
    if not screen.contains(menu.geometry()):  # a menu wider than the screen shows its shortcuts cut at the edge
        problems.append(f"menu “{menu.title()}” at {menu.geometry().getRect()} is not inside the screen "
                        f"{screen.getRect()}")
    fm = menu.fontMetrics()
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        text = action.text().split("\t")[0].replace("&&", "\0").replace("&", "").replace("\0", "&")
        shortcut = action.shortcut().toString(action.shortcut().SequenceFormat.NativeText)
        need = fm.horizontalAdvance(text) + (fm.horizontalAdvance(shortcut) + 12 if shortcut else 0) \
            + MENU_ITEM_ALLOWANCE
        place = menu.actionGeometry(action)  # Qt lays items out wider than a menu it clamps to the screen
        room = min(place.right() + 1, menu.width()) - place.left()
        if shortcut and place.right() + 1 > menu.width():
            problems.append(f"menu “{menu.title()}” item “{text}”: its shortcut “{shortcut}” is past the menu's "
                            f"right edge ({place.right() + 1} > {menu.width()} px)")
        elif need > room:
            problems.append(f"menu “{menu.title()}” item “{text}” + “{shortcut}”: {need} > {room} px")
    return problems
