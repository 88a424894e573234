"""The one worker pattern: results, errors and cancellation arrive as signals; nothing outlives shutdown."""

from __future__ import annotations

import itertools
import threading
import time

import pytest
import shiboken6
from PySide6.QtCore import QTimer

from desktop_app.ui.workers import GIVE_WAY_MAX_S, CancelToken, Poller, Reporter, Worker, WorkerPool, paced


@pytest.fixture
def pool(qtbot):
    p = WorkerPool(max_threads=2)
    yield p
    assert p.shutdown(5_000)
    p.deleteLater()


def test_result_and_progress_arrive_in_the_ui_thread(qtbot, pool: WorkerPool) -> None:
    main = threading.get_ident()
    seen: list[tuple[object, int]] = []

    def work(token: CancelToken, report: Reporter) -> int:
        for i in range(3):
            report(i)
        return threading.get_ident()

    results: list[object] = []

    def connect(worker) -> None:
        worker.progress.connect(lambda value: seen.append((value, threading.get_ident())))
        worker.result.connect(results.append)

    pool.start(work, "sum", connect=connect)
    qtbot.waitUntil(lambda: bool(results), timeout=5_000)
    assert results[0] != main  # the work ran elsewhere
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert [v for v, _ in seen] == [0, 1, 2]
    assert all(thread == main for _, thread in seen)
    qtbot.waitUntil(lambda: pool.live_count == 0)


def test_errors_are_signals_not_crashes(qtbot, pool: WorkerPool) -> None:
    def work(token: CancelToken, report: Reporter) -> None:
        raise ValueError("bad row 7")

    errors: list[object] = []
    pool.start(work, "fails", connect=lambda worker: worker.error.connect(errors.append))
    qtbot.waitUntil(lambda: bool(errors), timeout=5_000)
    assert isinstance(errors[0], ValueError)
    assert "row 7" in str(errors[0])


def test_cooperative_cancel(qtbot, pool: WorkerPool) -> None:
    started = threading.Event()

    def work(token: CancelToken, report: Reporter) -> str:
        started.set()
        while not token.sleep(0.01):
            pass
        token.raise_if_cancelled()
        return "not reached"

    results: list[object] = []
    worker = pool.start(work, "long", connect=lambda w: w.result.connect(results.append))
    assert started.wait(5)
    with qtbot.waitSignal(worker.cancelled, timeout=5_000):
        worker.cancel()
    assert results == []


def test_shutdown_cancels_and_waits(qtbot) -> None:
    pool = WorkerPool()
    finished = threading.Event()

    def work(token: CancelToken, report: Reporter) -> None:
        token.sleep(30)
        finished.set()

    pool.start(work, "sleeper")
    started = time.monotonic()
    assert pool.shutdown(5_000)
    assert finished.is_set()
    assert time.monotonic() - started < 5
    pool.deleteLater()


def test_nothing_starts_after_shutdown(qtbot) -> None:
    pool = WorkerPool()
    assert pool.shutdown(1_000)
    ran = threading.Event()
    worker = pool.start(lambda token, report: ran.set(), "late")
    assert pool.live_count == 0
    assert worker.token.cancelled
    qtbot.wait(50)
    assert not ran.is_set()
    pool.deleteLater()


def test_a_finish_arriving_after_shutdown_and_the_pools_end_is_ignored(qtbot) -> None:
    # A worker's "finished" is queued for the UI thread; shutdown waits for the work itself, so the signal may
    # be handled after the window, with the pool and its gate, is gone (it raised in a later test once).
    pool = WorkerPool()
    finished: list[bool] = []

    def connect(worker: Worker) -> None:
        worker.finished.connect(lambda: finished.append(True))

    pool.start(lambda token, report: time.sleep(0.05), "ends during shutdown", connect=connect)
    assert pool.shutdown(2_000)
    assert pool.live_count == 0
    assert not finished  # queued, not handled yet
    shiboken6.delete(pool)  # the window and everything in it went
    qtbot.waitUntil(lambda: bool(finished), timeout=2_000)  # handled now, with no exception in the event loop


def _start_stepping(pool: WorkerPool, steps: list[float]) -> None:
    """A worker that notes the time of each of its steps (checkpoints between them) until cancelled."""
    started = threading.Event()

    def work(token: CancelToken, report: Reporter) -> None:
        for _ in paced(itertools.count(), token):
            steps.append(time.perf_counter())
            started.set()

    pool.start(work, "stepper")
    assert started.wait(5)


def _ui_task(qtbot, seconds: float) -> tuple[float, float]:
    """Python work on the UI thread for ``seconds``, run by an event (as a repaint's data() calls are)."""
    window: list[float] = []

    def task() -> None:
        begin = time.perf_counter()
        while time.perf_counter() - begin < seconds:
            pass
        window.extend((begin, time.perf_counter()))

    QTimer.singleShot(0, task)
    qtbot.waitUntil(lambda: bool(window), timeout=5_000)
    return window[0], window[1]


def test_a_paced_worker_lets_the_window_go_first(qtbot, pool: WorkerPool) -> None:
    steps: list[float] = []
    _start_stepping(pool, steps)
    begin, end = _ui_task(qtbot, 0.03)
    qtbot.waitUntil(lambda: steps[-1] > end, timeout=5_000)  # the worker goes on afterwards
    # Sharing the interpreter, the worker would take thousands of steps in those 30 ms; it takes at most the
    # one it was in when the event came.
    assert len([t for t in steps if begin + 0.002 < t < end]) <= 1
    assert any(t < begin for t in steps)
    pool.cancel_all()
    qtbot.waitUntil(lambda: pool.live_count == 0, timeout=5_000)
    assert not pool.gate.watching  # with no worker left, the window's events are no longer looked at
    assert not pool.gate.busy


def test_a_window_busy_for_long_does_not_stop_workers(qtbot, pool: WorkerPool) -> None:
    steps: list[float] = []
    _start_stepping(pool, steps)
    begin, end = _ui_task(qtbot, 4 * GIVE_WAY_MAX_S)
    # The worker waits one GIVE_WAY_MAX_S for the window, then goes on.
    assert [t for t in steps if begin + 1.5 * GIVE_WAY_MAX_S < t < end]
    pool.cancel_all()


def test_shutdown_from_a_busy_window_does_not_wait_for_the_gate(qtbot) -> None:
    pool = WorkerPool()
    steps: list[float] = []
    _start_stepping(pool, steps)
    took: list[float] = []

    def close() -> None:  # as closeEvent does: on the UI thread, inside an event
        started = time.perf_counter()
        assert pool.shutdown(5_000)
        took.append(time.perf_counter() - started)

    QTimer.singleShot(0, close)
    qtbot.waitUntil(lambda: bool(took), timeout=10_000)
    assert took[0] < GIVE_WAY_MAX_S  # the worker was let go at once, not after a wait for the window
    pool.deleteLater()


def test_poller_keeps_polling_through_failures(qtbot) -> None:
    calls = {"n": 0}

    def fetch() -> int:
        calls["n"] += 1
        if calls["n"] in (2, 3):
            raise ConnectionError("offline")
        return calls["n"]

    poller = Poller(fetch, 0.01, backoff_hint=lambda exc: 0.01)
    values: list[object] = []
    failures: list[object] = []
    poller.polled.connect(values.append)
    poller.failed.connect(failures.append)
    poller.start()
    try:
        qtbot.waitUntil(lambda: len(values) >= 3, timeout=10_000)
    finally:
        poller.stop()
    assert not poller.isRunning()
    assert len(failures) == 2
    assert all(isinstance(f, ConnectionError) for f in failures)
    assert values[:2] == [1, 4]  # it recovered after the failures


def test_a_worker_waiting_on_the_network_does_not_have_the_window_watched(qtbot, pool: WorkerPool) -> None:
    release = threading.Event()

    def wait_for_the_service(token: CancelToken, report: Reporter) -> None:
        release.wait(5)

    streaming = pool.start(wait_for_the_service, "stream", waits_on_network=True)
    assert pool.live_count == 1
    assert not pool.gate.watching  # no call into Python per event for its sake
    steps: list[float] = []
    _start_stepping(pool, steps)
    assert pool.gate.watching  # a worker stepping through work is watched for, as before
    pool.cancel_all()
    release.set()
    qtbot.waitUntil(lambda: pool.live_count == 0, timeout=5_000)
    assert not pool.gate.watching
    assert streaming.token.cancelled
