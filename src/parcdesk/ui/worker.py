"""Long work (backup, import, export) off the GUI thread, with a progress dialog that appears
only when the work lasts over half a second and that can cancel it.

Operations that take seconds (sign-off) run here too, through ui/operations.py. The job runs in a QThread and must open its own database connection there: SQLite
connections belong to one thread each.
"""

from __future__ import annotations

import gc

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QEventLoop, QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from parcdesk.errors import Cancelled

Job = Callable[[Callable[[int, int], None], Callable[[], bool]], object]


class _Runner(QObject):
    progressed = Signal(int, int)
    finished = Signal()

    def __init__(self, job: Job):
        super().__init__()
        self.job = job
        self.cancelled = False
        self.result = None
        self.error: BaseException | None = None

    def run(self) -> None:
        def report(done: int, total: int) -> None:
            if self.cancelled:
                raise Cancelled()
            self.progressed.emit(done, total)

        try:
            self.result = self.job(report, lambda: self.cancelled)
        except BaseException as error:  # handed back to the GUI thread, raised there
            self.error = error
        self.finished.emit()


class _Relay(QObject):
    """Lives in the GUI thread, so the worker's progress reaches the dialog through Qt's queue
    (a plain function connected to a worker's signal would run in the worker thread)."""

    def __init__(self, dialog: QProgressDialog):
        super().__init__()
        self.dialog = dialog

    @Slot(int, int)
    def show(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))


def run_with_progress(parent: QWidget | None, title: str, label: str, job: Job, *, cancellable: bool = True):
    """Run `job(report, is_cancelled)` in a worker; returns its result, raises its error
    (Cancelled when the officer pressed "Hủy"). Not `cancellable`: a job that commits at once
    (an operation) gets no "Hủy" button, since pressing it could not take the change back."""
    dialog = QProgressDialog(label, "Hủy", 0, 0, parent)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(500)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    runner = _Runner(job)
    thread = QThread()
    runner.moveToThread(thread)
    loop = QEventLoop()
    thread.started.connect(runner.run)
    runner.finished.connect(loop.quit)

    relay = _Relay(dialog)
    runner.progressed.connect(relay.show)

    def cancel() -> None:
        runner.cancelled = True
        dialog.setLabelText("Đang hủy…")

    dialog.canceled.connect(cancel)
    # No garbage collection while the worker runs: a collection started by the worker's
    # allocations would run in the worker thread and could destroy Qt objects of the GUI thread
    # held in reference cycles (a crash seen under load: QProgressDialog in a half-deleted state).
    # The GUI thread collects again once the worker has stopped.
    collecting = gc.isenabled()
    gc.disable()
    try:
        thread.start()
        loop.exec()
        thread.quit()
        thread.wait()
    finally:
        if collecting:
            gc.enable()
    cancelled = runner.cancelled
    dialog.canceled.disconnect(cancel)  # closing a progress dialog emits "canceled" too
    dialog.close()
    dialog.deleteLater()
    if runner.error is not None and not isinstance(runner.error, Cancelled):
        raise runner.error
    if cancelled:
        raise Cancelled()
    return runner.result


def write_files(parent: QWidget | None, title: str, outputs: list[tuple[Path, Callable[[], bytes]]]) -> list[Path]:
    """Render files off the GUI thread, then write them; each output is (path, render).

    Every file is rendered before any is written, so a failure leaves none half done.
    Raises Cancelled or UserError like run_with_progress.
    """
    from parcdesk.report.signoff import write_output

    def job(report, _is_cancelled):
        contents = []
        for done, (_path, render) in enumerate(outputs):
            report(done, len(outputs))
            contents.append(render())
        report(len(outputs), len(outputs))
        return [write_output(path, data) for (path, _render), data in zip(outputs, contents)]

    return run_with_progress(parent, title, "Đang tạo tệp PDF và Excel…", job)
