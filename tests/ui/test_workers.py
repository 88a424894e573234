"""The one worker pattern: results, errors and cancellation arrive as signals; nothing outlives shutdown."""

from __future__ import annotations

import threading
import time

import pytest

from desktop_app.ui.workers import CancelToken, Poller, Reporter, WorkerPool


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
