"""The one way background work runs: a :class:`Worker` per task, a :class:`Poller` per long-lived watch.

Workers compute plain data in a pool thread and hand it over through typed signals; receivers live in the UI
thread and are the only ones that touch Qt models. Cancellation is cooperative: the work function receives a
:class:`CancelToken` and checks it between steps. Every live worker is registered in its :class:`WorkerPool`,
which cancels and awaits them when the window closes, so no thread outlives the UI.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from PySide6.QtCore import (
    QAbstractEventDispatcher,
    QCoreApplication,
    QEvent,
    QObject,
    QRunnable,
    Qt,
    QThread,
    QThreadPool,
    Signal,
)

log = logging.getLogger(__name__)

_T = TypeVar("_T")


class Cancelled(Exception):  # noqa: N818 - reads naturally at the raise site: `raise Cancelled`
    """Raised inside work functions to stop early; reported as cancellation, not as an error."""


GIVE_WAY_MAX_S = 0.05
"""Longest a worker waits for the window in one go; after it, the worker takes one more step anyway."""


class UiGate(QObject):
    """Gives the UI thread the interpreter's lock whenever it is handling events.

    Qt calls into Python for every cell and header it paints (``data``, ``flags``, ``headerData``… per role),
    and while a worker runs Python each such call waits for the lock, up to a switch interval each: a repaint
    of the table took half a second while 100,000 rows were being checked. While workers run (:meth:`watch`)
    the gate sees every event the UI thread handles, and from the first one until its event loop is about to
    wait again (``aboutToBlock``) a worker passing a checkpoint (:meth:`CancelToken.give_way`) waits, at most
    :data:`GIVE_WAY_MAX_S` per event; after :meth:`open` (shutting down, when the window waits for the
    workers) nobody waits.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.busy = False  # read without a lock by workers: a stale value costs one step, not correctness
        self._idle = threading.Event()
        self._idle.set()
        self._open = False
        self._watching = False

    @property
    def watching(self) -> bool:
        return self._watching

    def watch(self, on: bool) -> None:
        """Follow the UI thread's events (while workers run) or stop following them."""
        app = QCoreApplication.instance()
        dispatcher = QAbstractEventDispatcher.instance(self.thread())
        if app is None or dispatcher is None or on == self._watching:
            return
        self._watching = on
        if on:
            app.installEventFilter(self)
            dispatcher.aboutToBlock.connect(self._on_about_to_block, Qt.ConnectionType.DirectConnection)
        else:
            app.removeEventFilter(self)
            dispatcher.aboutToBlock.disconnect(self._on_about_to_block)
            self._on_about_to_block()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.busy and not self._open:
            self.busy = True
            self._idle.clear()
        return False

    def _on_about_to_block(self) -> None:
        self.busy = False
        self._idle.set()

    def wait_while_busy(self) -> None:
        if self.busy and not self._idle.wait(GIVE_WAY_MAX_S):
            # No word from the event loop for that long: one long task, or a loop that never waits (events
            # processed by hand). Go on until the next event rather than crawl a step per wait.
            self._on_about_to_block()

    def open(self) -> None:
        """Never hold a worker back again."""
        self._open = True
        self._on_about_to_block()


class CancelToken:
    def __init__(self, gate: UiGate | None = None) -> None:
        self.gate = gate
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], None]] = []

    def cancel(self) -> None:
        with self._lock:
            self._event.set()
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            callback()

    def on_cancel(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` when cancelled (at once if already): e.g. close a network stream blocked in a read."""
        with self._lock:
            if not self._event.is_set():
                self._callbacks.append(callback)
                return
        callback()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled

    def sleep(self, seconds: float) -> bool:
        """Wait up to ``seconds``; True if cancelled meanwhile."""
        return self._event.wait(seconds)

    def give_way(self) -> None:
        """Between two steps of work: let the window go first while it is handling events."""
        if self.gate is not None:
            self.gate.wait_while_busy()

    def step(self) -> None:
        """Between two steps of work: stop if cancelled, and let the window go first while it is busy."""
        self.raise_if_cancelled()
        self.give_way()


Reporter = Callable[[object], None]
WorkFunction = Callable[[CancelToken, Reporter], object]


def _ran_already(token: CancelToken, report: Reporter) -> object:
    raise RuntimeError("a worker runs once")


class Worker(QObject):
    """One background task. Connect to its signals, then start it through a :class:`WorkerPool`."""

    started = Signal()
    progress = Signal(object)
    result = Signal(object)
    error = Signal(object)  # the exception, as data
    cancelled = Signal()
    finished = Signal()

    def __init__(self, fn: WorkFunction, name: str, tag: object = None, gate: UiGate | None = None) -> None:
        super().__init__()
        self.setObjectName(name)
        self.name = name
        self.tag = tag  # what the caller needs to recognise the result, e.g. the session generation
        self.token = CancelToken(gate)
        self._fn = fn

    def cancel(self) -> None:
        self.token.cancel()

    def run(self) -> None:
        """Runs in a pool thread; every exception becomes a signal."""
        # Let go of the work function here: what it captured (often a copy of every row) is then freed in this
        # thread when run() returns, not on the UI thread when the worker is deleted (100,000 copied rows: ~13 ms).
        fn, self._fn = self._fn, _ran_already
        self.started.emit()
        try:
            value = fn(self.token, self.progress.emit)
        except Cancelled:
            self.cancelled.emit()
        except Exception as exc:
            log.exception("worker %s failed", self.name)
            self.error.emit(exc)
        else:
            if self.token.cancelled:
                self.cancelled.emit()
            else:
                self.result.emit(value)
        finally:
            self.finished.emit()


def paced(items: Iterable[_T], token: CancelToken) -> Iterator[_T]:
    """``items``, with a checkpoint after each one: the window goes first while it is busy, and a cancelled
    worker stops (every 1,024 items)."""
    gate = token.gate
    if gate is None:
        yield from items
        return
    for count, item in enumerate(items, 1):
        yield item
        if gate.busy:
            gate.wait_while_busy()
        if not count & 1023:
            token.raise_if_cancelled()


class PacedRows(list[_T]):
    """A list whose iteration passes a checkpoint after every item (see :func:`paced`).

    Code that loops over ``dataset.examples`` in a worker gets this by being handed a ``PacedRows`` instead
    of the plain list: the core's loops stay free of Qt and of workers.
    """

    def __init__(self, rows: Iterable[_T], token: CancelToken) -> None:
        super().__init__(rows)
        self.token = token

    def __iter__(self) -> Iterator[_T]:
        return paced(super().__iter__(), self.token)


class _Runnable(QRunnable):
    def __init__(self, worker: Worker) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._worker = worker

    def run(self) -> None:
        self._worker.run()


class WorkerPool(QObject):
    """Owns a thread pool and the registry of live workers; ``shutdown`` on quit."""

    idle = Signal()  # the last live worker finished

    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._live: set[Worker] = set()
        self._watched: set[Worker] = set()  # the live workers the gate watches the window for
        self._closed = False
        self.gate = UiGate(self)

    def start(
        self,
        fn: WorkFunction,
        name: str,
        *,
        connect: Callable[[Worker], None] | None = None,
        tag: object = None,
        waits_on_network: bool = False,
    ) -> Worker:
        """Run ``fn`` in a pool thread. ``waits_on_network``: the work mostly waits for a service (a streamed
        answer), so the window's events are not watched for its sake (see :class:`UiGate`): watching costs
        every event a call into Python, and those calls wait for the interpreter's lock while such workers
        run, which made three streamed answers at once freeze the window for up to 70 ms."""
        worker = Worker(fn, name, tag, self.gate)
        if self._closed:  # a slot still queued when the window closed: the work would outlive it
            log.debug("not starting %s: shutting down", name)
            worker.cancel()
            return worker
        if connect is not None:
            connect(worker)
        self._live.add(worker)
        if not waits_on_network:
            self._watched.add(worker)
            self.gate.watch(True)
        worker.finished.connect(lambda w=worker: self._forget(w))
        self._pool.start(_Runnable(worker))
        return worker

    def _forget(self, worker: Worker) -> None:
        if self._closed:
            # Shut down: a finish queued before then may arrive after the window (and this pool's gate) went.
            return
        self._live.discard(worker)
        self._watched.discard(worker)
        worker.deleteLater()
        if not self._watched:
            self.gate.watch(False)
        if not self._live:
            self.idle.emit()

    @property
    def live_count(self) -> int:
        return len(self._live)

    def cancel_all(self) -> None:
        for worker in list(self._live):
            worker.cancel()

    def shutdown(self, timeout_ms: int = 3_000) -> bool:
        """Cancel everything and wait for the threads; True if all finished in time. Nothing starts after."""
        self._closed = True
        self.gate.open()  # this thread now waits for the workers: none may wait for it
        self.cancel_all()
        done = self._pool.waitForDone(timeout_ms)
        if not done:
            log.warning("background work still running after %d ms at shutdown", timeout_ms)
        else:
            # Every run has returned; their "finished" signals, queued for this thread, may not have been
            # delivered yet (nothing runs the event loop during shutdown), so forget the workers here.
            self._live.clear()
            self._watched.clear()
        return bool(done)


class Poller(QThread):
    """Calls ``fetch`` every ``interval`` seconds in its own thread and reports through signals.

    It never dies of an exception: failures are reported through ``failed`` and polling goes on, backing off
    (honouring a service's Retry-After) until a call succeeds again. ``poke`` asks for a fetch now; ``stop``
    ends the loop and joins the thread.
    """

    polled = Signal(object)
    failed = Signal(object)

    MAX_BACKOFF = 60.0

    def __init__(
        self,
        fetch: Callable[[], object],
        interval: float,
        *,
        backoff_hint: Callable[[Exception], float | None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._interval = interval
        self._backoff_hint = backoff_hint
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._paused = False

    def set_interval(self, seconds: float) -> None:
        with self._lock:
            self._interval = seconds

    @property
    def interval(self) -> float:
        with self._lock:
            return self._interval

    def pause(self) -> None:
        """No more fetches until :meth:`resume` or :meth:`poke` (the window has been hidden for long)."""
        with self._lock:
            self._paused = True

    def resume(self) -> None:
        with self._lock:
            self._paused = False

    @property
    def paused(self) -> bool:
        with self._lock:
            return self._paused

    def poke(self) -> None:
        """Fetch now (also when paused: once)."""
        self._wake.set()

    def request_stop(self) -> None:
        """Ask the loop to end without waiting: it may be inside a slow network call."""
        self._stopping.set()
        self._wake.set()

    def stop(self, timeout_ms: int = 3_000) -> bool:
        """Ask the loop to end and wait for it; False if it is still inside a call after ``timeout_ms``."""
        self.request_stop()
        if self.isRunning() and not self.wait(timeout_ms):
            log.warning("poller did not stop within %d ms", timeout_ms)
            return False
        return True

    def run(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            try:
                value = self._fetch()
            except Exception as exc:  # noqa: BLE001 - a poller reports every failure and keeps polling
                failures += 1
                log.info("poll failed (%d in a row): %s", failures, exc)
                if not self._stopping.is_set():
                    self.failed.emit(exc)
                delay = self._delay_after_failure(exc, failures)
            else:
                failures = 0
                if not self._stopping.is_set():
                    self.polled.emit(value)
                with self._lock:
                    delay = self._interval
            with self._lock:
                paused = self._paused
            self._wake.wait(None if paused else delay)
            self._wake.clear()

    def _delay_after_failure(self, exc: Exception, failures: int) -> float:
        with self._lock:
            base = self._interval
        delay = min(self.MAX_BACKOFF, base * (2 ** min(failures - 1, 6)))
        hint = self._backoff_hint(exc) if self._backoff_hint is not None else None
        if hint is not None:
            delay = max(delay, min(float(hint), self.MAX_BACKOFF))
        return float(delay)
