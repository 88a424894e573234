"""Garbage collection runs on the UI thread only (a worker must never destroy a widget)."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desktop_app.ui.gc_guard import UiThreadCollector, gc_paused


class _Cycle:
    def __init__(self) -> None:
        self.me = self
        self.label = QLabel("held by a reference cycle")


def test_cycles_holding_widgets_are_collected_on_the_ui_thread(qtbot: QtBot, qapp: QApplication) -> None:
    collector = UiThreadCollector(qapp, interval_ms=20)
    try:
        assert not gc.isenabled()
        destroyed_in: list[threading.Thread] = []
        cycle = _Cycle()
        cycle.label.destroyed.connect(lambda: destroyed_in.append(threading.current_thread()))
        gone = weakref.ref(cycle)
        del cycle

        kept: list[list[int]] = []

        def churn() -> None:  # a worker allocating a lot: it would trigger the automatic collector
            kept.extend([index] for index in range(200_000))

        worker = threading.Thread(target=churn)
        worker.start()
        worker.join()
        assert gone() is not None  # nothing was collected in the worker
        qtbot.waitUntil(lambda: gone() is None, timeout=5_000)  # the timer's collection, on this thread
        kept.clear()
        assert destroyed_in == [threading.main_thread()]
    finally:
        collector.stop()
    assert gc.isenabled() or not collector._was_enabled


def test_after_start_up_what_lives_on_is_out_of_the_collectors_sight(
    qtbot: QtBot, qapp: QApplication
) -> None:
    collector = UiThreadCollector(qapp, interval_ms=20)
    try:
        frozen_before = gc.get_freeze_count()
        survivors = [[index] for index in range(10_000)]  # made during "start-up", alive for good
        wanted = frozen_before + len(survivors)
        collector.freeze_after(50)
        qtbot.waitUntil(lambda: gc.get_freeze_count() >= wanted, timeout=5_000)
        assert survivors[-1] == [9_999]
    finally:
        collector.stop()
        gc.unfreeze()  # back to normal for the tests that follow


def test_a_pause_keeps_what_it_made_out_of_sight_only_when_asked() -> None:
    gc.unfreeze()
    try:
        with gc_paused() as pause:
            made = [[i] for i in range(1_000)]
            assert not gc.isenabled()
        assert gc.get_freeze_count() == 0  # not asked: everything stays in sight
        with gc_paused() as pause:
            made += [[i] for i in range(1_000)]
            pause.keep = len(made) >= 2_000  # decided inside, once the block knows what it read
        assert gc.get_freeze_count() >= len(made)
    finally:
        gc.unfreeze()
