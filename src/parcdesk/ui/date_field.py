"""The one date field of the window: dd/mm/yyyy typed freely (d/m too), read by the core's one
date reader (text.parse_date, which the command line uses as well). An impossible date is never
moved to a nearby day: the field keeps what was typed and says why in one sentence beside it,
and the dialog around it stays open with every other edit kept. A date that is possible but
doubtful (outside the plan's year, after the report's date) gets a visible question beside it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLabel, QLineEdit, QMenu, QToolButton, QVBoxLayout, \
    QWidget, QWidgetAction

from parcdesk.errors import UserError
from parcdesk.ui.screen_fit import grow_to_fit
from parcdesk.text import format_date, parse_date

PLACEHOLDER = "ngày/tháng/năm"
ERROR_COLOUR, QUESTION_COLOUR = "#b3261e", "#8a5a00"


class DateField(QWidget):
    """A line to type the date in, a calendar button, and the sentence beside them.

    `edit` may be given (the report panel's self-saving line); `what` names the date in the
    sentence ("Ngày ban hành …"); `doubt(day) -> str | None` asks about a possible date."""

    date_changed = Signal(object)  # the date now typed (or None for a blank field), once it reads

    def __init__(self, parent=None, *, what: str = "Ngày", edit: QLineEdit | None = None,
                 placeholder: str = PLACEHOLDER, doubt=None):
        super().__init__(parent)
        self.what = what
        self.doubt = doubt
        self.edit = edit if edit is not None else QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setToolTip("Ghi ngày/tháng/năm, ví dụ 05/4/2025 hoặc 05/04/2025")
        width = self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 24
        self.edit.setMinimumWidth(max(width, self.edit.fontMetrics().horizontalAdvance(placeholder) + 24))
        self.calendar_button = QToolButton()
        self.calendar_button.setText("Lịch…")
        self.calendar_button.setToolTip("Chọn ngày trên lịch")
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._menu = QMenu(self.calendar_button)
        self._calendar = QCalendarWidget()
        self._calendar.setGridVisible(True)
        holder = QWidgetAction(self._menu)
        holder.setDefaultWidget(self._calendar)
        self._menu.addAction(holder)
        self._menu.aboutToShow.connect(self._open_calendar)
        self._calendar.clicked.connect(self._picked)
        self.calendar_button.setMenu(self._menu)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.calendar_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.edit.textChanged.connect(lambda _t: self._check_while_typing())
        self.edit.editingFinished.connect(self.check)

    # ------------------------------------------------------------ values

    def set_date(self, day) -> None:
        """Show a stored date (a date, ISO text, or None for none)."""
        text = format_date(day) if day else ""
        loader = getattr(self.edit, "load", None)  # a self-saving line shows it without saving
        if loader is not None:
            loader(text)
        else:
            self.edit.setText(text)
        self.check()

    def text(self) -> str:
        return self.edit.text()

    def date(self) -> date | None:
        """The typed date, None when blank; UserError (the sentence) when it cannot be read."""
        return parse_date(self.edit.text(), what=self.what)

    def iso(self) -> str:
        day = self.date()
        return day.isoformat() if day else ""

    # ------------------------------------------------------------ saying what is wrong

    def problem(self) -> str | None:
        try:
            self.date()
        except UserError as error:
            return str(error)
        return None

    def check(self) -> bool:
        """Show the sentence for what is typed now; True when it reads (blank included)."""
        try:
            day = self.date()
        except UserError as error:
            self._say(str(error), ERROR_COLOUR)
            return False
        question = self.doubt(day) if (self.doubt and day) else None
        self._say(question, QUESTION_COLOUR)
        self.date_changed.emit(day)
        return True

    def _check_while_typing(self) -> None:
        # a half-typed date is not yet wrong: judged once it has a four-digit year, or on leaving
        text = self.edit.text().strip()
        if not text or (len(text.replace(" ", "")) >= 8 and text[-4:].isdigit()):
            self.check()
        elif self.message.isVisible() and self.message.property("colour") == ERROR_COLOUR:
            self._say(None, ERROR_COLOUR)

    def _say(self, text: str | None, colour: str) -> None:
        self.message.setText(text or "")
        self.message.setProperty("colour", colour)
        self.message.setStyleSheet(f"color: {colour};")
        self.message.setVisible(bool(text))
        if text:
            grow_to_fit(self)  # the whole sentence shows: the dialog around it grows to hold it

    # ------------------------------------------------------------ the calendar

    def _open_calendar(self) -> None:
        try:
            day = self.date() or date.today()
        except UserError:
            day = date.today()
        self._calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def _picked(self, qdate: QDate) -> None:
        self._menu.close()
        self.edit.setText(format_date(date(qdate.year(), qdate.month(), qdate.day())))
        self.edit.setFocus()
        self.edit.editingFinished.emit()
