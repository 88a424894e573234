"""Unhandled exceptions anywhere are logged and shown; the app keeps running."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Signal

from desktop_app.storage.secrets import default_redactor

log = logging.getLogger("desktop_app.crash")


class ErrorReporter(QObject):
    """Receives exceptions from any thread; ``errorOccurred`` is delivered in the UI thread."""

    errorOccurred = Signal(str, str)  # summary, traceback text

    def report(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None, where: str
    ) -> None:
        log.critical("unhandled exception in %s", where, exc_info=(exc_type, exc, tb))
        redact = default_redactor().redact  # the window shows it: mask keys as the log does
        text = redact("".join(traceback.format_exception(exc_type, exc, tb)))
        self.errorOccurred.emit(redact(f"{exc_type.__name__}: {exc}"), text)


def install_exception_hooks(reporter: ErrorReporter) -> None:
    def on_main(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        reporter.report(exc_type, exc, tb, "the main thread")

    def on_thread(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else "a thread"
        reporter.report(args.exc_type, args.exc_value, args.exc_traceback, name)

    sys.excepthook = on_main
    threading.excepthook = on_thread


def restore_exception_hooks() -> None:
    sys.excepthook = sys.__excepthook__
    threading.excepthook = threading.__excepthook__
