"""What the benchmarks that drive the real window share (import after ``QT_QPA_PLATFORM`` is set)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from keyring.backend import KeyringBackend
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.simulator import SimulatorConfig
from desktop_app.storage.paths import AppPaths
from desktop_app.storage.secrets import SecretStore
from desktop_app.storage.settings import GUIDE_CLOSED, SettingsStore
from desktop_app.ui.gc_guard import UiThreadCollector
from desktop_app.ui.main_window import AppContext, MainWindow

STEP_TIMEOUT_S = 120  # the longest a benchmark waits for any one thing, unless it says otherwise


class MemoryKeyring(KeyringBackend):
    """Keys in a dict: a benchmark must not touch the machine's keyring."""

    priority = -10  # never picked by keyring's auto-detection

    def __init__(self) -> None:
        super().__init__()
        self._passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._passwords.pop((service, username), None)


@dataclass
class Gap:
    """Two heartbeat ticks: how long the event loop could not run a slot, and the phase it began in."""

    start: float
    end: float
    phase: str

    @property
    def ms(self) -> float:
        return (self.end - self.start) * 1000


def wait(ms: int) -> None:
    """Run the event loop for ``ms`` milliseconds."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def percentile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=1000, method="inclusive")[round(q * 1000) - 1]


def wait_until(condition: Callable[[], bool], what: str, timeout_s: float = STEP_TIMEOUT_S) -> None:
    """Run the event loop until ``condition()`` holds; give up (exit) after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out after {timeout_s:.0f} s waiting for {what}")
        wait(5)


class PaintWatch(QObject):
    """Notes when ``widget`` has been painted while ``ready()`` holds: the time is taken once that paint (and
    the rest of the window's update it belongs to) is over, on the next pass of the event loop."""

    def __init__(self, widget: QWidget, ready: Callable[[], bool], timeout_s: float = STEP_TIMEOUT_S) -> None:
        super().__init__()
        self._widget = widget
        self._ready = ready
        self._timeout_s = timeout_s
        self._loop = QEventLoop()
        self._seen = False
        self.painted_at: float | None = None
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._seen and event.type() == QEvent.Type.Paint and self._ready():
            self._seen = True
            QTimer.singleShot(0, self._done)
        return False

    def _done(self) -> None:
        self.painted_at = time.perf_counter()
        self._loop.quit()

    def wait(self, what: str) -> float:
        if self.painted_at is None:
            timer = QTimer()
            timer.setSingleShot(True)
            timer.timeout.connect(self._loop.quit)
            timer.start(round(self._timeout_s * 1000))
            self._loop.exec()
            timer.stop()
        self._widget.removeEventFilter(self)
        if self.painted_at is None:
            raise SystemExit(f"timed out after {self._timeout_s:.0f} s waiting for {what}")
        return self.painted_at


_collector: UiThreadCollector | None = None


def collect_as_the_app_does() -> None:
    """Garbage collection as ``desktop_app.app`` sets it up: on the UI thread only (a UiThreadCollector for the
    process), and what start-up made frozen out of the collector's sight (here at once rather than after
    SETTLED_AFTER_MS: the window is up and connected)."""
    global _collector  # noqa: PLW0603 - one collector per process, as in the app
    if _collector is None:
        _collector = UiThreadCollector(QApplication.instance())
    _collector.freeze_after(0)
    wait(50)


def open_practice_window(
    base: Path, simulator_config: SimulatorConfig, *, size: tuple[int, int] | None = None, **context: Any
) -> MainWindow:
    """The real window on a throw-away profile under ``base`` (in-memory keyring, Practice mode, the first-run
    guide closed as for anyone who has used the app before), shown and connected to its service, which it
    does in the background once it has painted. ``context``: more AppContext fields (poll intervals...)."""
    paths = AppPaths(base=base)
    paths.ensure()
    store = SettingsStore(paths.settings_file)
    settings = store.load()
    settings.guide = GUIDE_CLOSED
    window = MainWindow(
        AppContext(
            paths=paths,
            settings_store=store,
            settings=settings,
            secrets=SecretStore(backend=MemoryKeyring()),
            simulator_config=simulator_config,
            confirm=lambda _title, _text: True,
            **context,
        )
    )
    if size is not None:
        window.resize(*size)
    window.show()
    wait_until(lambda: not window.session.state().loading_key, "the connection to the service")
    collect_as_the_app_does()
    return window
