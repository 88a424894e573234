"""When the window is ready: the start-up report for benchmarks/bench_startup.py.

"Ready" is the moment a user could use the window: it has painted once and the event loop has run dry (a
zero-time timer fires only after the events already queued). The connection to the service is reported on
its own: it is made in the background, after the window is ready.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.ui.main_window import MainWindow


class StartupProbe(QObject):
    """Prints one JSON line when ``window`` is idle (painted, idle), a second when it is connected; then quits.

    ``report`` replaces the printing (tests).
    """

    def __init__(
        self, window: MainWindow, started: float, report: Callable[[dict[str, float]], None] | None = None
    ) -> None:
        super().__init__(window)
        self._window = window
        self._started = started
        self._report = report or _print
        self.figures: dict[str, float] = {}
        window.installEventFilter(self)
        window.session.providerChanged.connect(self._on_provider)

    def _ms(self) -> float:
        return round((time.perf_counter() - self._started) * 1000, 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint and "painted_ms" not in self.figures:
            self.figures["painted_ms"] = self._ms()
            QTimer.singleShot(0, self._on_idle)
        return False

    def _on_idle(self) -> None:
        self._window.removeEventFilter(self)
        self.figures["idle_ms"] = self._ms()
        self._report({"painted_ms": self.figures["painted_ms"], "idle_ms": self.figures["idle_ms"]})
        self._finish()

    def _on_provider(self) -> None:
        if self._window.session.provider is not None and "connected_ms" not in self.figures:
            self.figures["connected_ms"] = self._ms()
            self._finish()

    def _finish(self) -> None:
        if "idle_ms" in self.figures and "connected_ms" in self.figures:
            self._report({"connected_ms": self.figures["connected_ms"]})
            QTimer.singleShot(0, QApplication.closeAllWindows)


def _print(figures: dict[str, float]) -> None:
    print(json.dumps(figures), file=sys.stdout, flush=True)  # the benchmark reads these lines
