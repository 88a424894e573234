"""How long the window freezes while the Data tab works on a big file: ``uv run python benchmarks/bench_ui_stall.py``.

Writes a 100,000-row workbook of mixed Chinese/English text (~200 characters per cell) to a temporary folder,
opens the real ``MainWindow`` on the offscreen platform (temporary profile, in-memory keyring, Practice mode),
and for each of ``--repeats`` runs drives its Data tab through what a user does with a file, phase by phase:
- import: ``DataTab.open_file(path)`` until ``loaded`` (read in a worker, then the table is filled);
- checks: until ``checked`` (the tab starts ``run_checks`` itself; the issues are shown);
- tokens: until ``tokensCounted`` (``count_tokens``, started by the checks; the cost line is updated);
- export: ``DataTab.export_to(...)`` of chat JSONL until ``exported``;
- settle: 1 s more, for work the tab put on a timer (the autosave).

A heartbeat ``QTimer`` (``--interval`` ms, precise) records ``time.perf_counter()`` at every tick; the gap between
two ticks is how long the event loop could not run a slot, i.e. how long the window was frozen. Each gap is
charged to the phase running when it began, so the slot that ends a phase, and whatever work that slot starts
(the tab chains open -> checks -> token count itself), is charged to that phase. The heartbeat's slot is Python,
so it also feels a worker thread that keeps the GIL: so does every slot and ``data()`` call of the real window.

Baseline: the same heartbeat over the same window with nothing running, for as long as the run took, right after
it. Target: longest stall ≤ 50 ms. The ``ratio`` column is each figure over that target (≤ 1 meets it); the
baseline column shows what the idle loop gives on this machine in the same run, so its ratio is the floor.
The table shows the best repeat, the one whose longest stall is shortest (other processes only add stalls), and
the best idle run; every repeat's longest stall is listed above it, the first one with its one-time costs.

``--profile`` adds a watchdog thread that samples the UI thread's Python stack while a tick is overdue, and
records garbage collections (``gc.callbacks``, in whichever thread runs them); every stall over the target is
then listed with the functions the UI thread was in and the collections that overlapped it. When the UI
thread is in no Python code of the project (Qt's own C++ work, or waiting for the GIL), the other threads'
innermost project frames are listed instead. The sampler is one more thread wanting the GIL, so it lengthens
stalls while workers run: take the figures from a run without ``--profile``.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt is imported

import argparse
import bisect
import gc
import math
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from _common import make_workbook  # benchmarks/ is on sys.path when a script runs
from _window import Gap, open_practice_window, percentile, wait
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.simulator import SimulatorConfig
from desktop_app.ui.data.tab import ExportKind
from desktop_app.ui.main_window import MainWindow

TARGET_MS = 50.0
PHASES = ("import", "checks", "tokens", "export", "settle")
SETTLE_MS = 1_000
EXPORT_DELAY_MS = 20
RUN_TIMEOUT_S = 900
STOPPED_CHECK_MS = 500  # the worker pool went idle: has the tab started nothing new since?
SAMPLE_EVERY_S = 0.004
OVERDUE_S = 0.010  # the sampler starts looking once a tick is this late
GC_REPORTED_S = 0.005  # collections shorter than this are summed up, not listed
# Where an idle thread sits (a poller's or the Practice service's wait): not the one keeping the GIL.
IDLE_CALLS = frozenset({"wait", "select", "poll", "sleep", "accept", "recv", "recv_into", "readinto"})


class Heartbeat:
    """A precise timer that records when it ticks; :meth:`mark` notes when the tab moves to another phase."""

    def __init__(self, interval_ms: int) -> None:
        self.ticks: list[float] = []
        self.marks: list[tuple[float, str]] = []  # (time, phase) at each phase change
        self.last_tick = time.perf_counter()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.ticks.append(now)
        self.last_tick = now

    def start(self, phase: str) -> None:
        self.ticks.clear()
        self.marks.clear()
        self.mark(phase)
        self._tick()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._tick()

    def mark(self, phase: str) -> None:
        self.marks.append((time.perf_counter(), phase))

    def gaps(self) -> list[Gap]:
        starts = [t for t, _ in self.marks]
        result = []
        for before, after in zip(self.ticks, self.ticks[1:], strict=False):
            phase = self.marks[max(0, bisect.bisect_right(starts, before) - 1)][1]
            result.append(Gap(before, after, phase))
        return result


@dataclass
class StallProfile:
    """What the UI thread was doing while ticks were overdue, and the garbage collections meanwhile."""

    samples: dict[float, Counter[str]] = field(default_factory=dict)  # by the tick that began the stall
    collections: list[tuple[float, float, int, str]] = field(default_factory=list)  # start, end, gen, thread


class StallSampler(threading.Thread):
    """Samples the UI thread's Python stack while the heartbeat is overdue; records every gc pass."""

    def __init__(self, heartbeat: Heartbeat, profile: StallProfile) -> None:
        super().__init__(name="stall-sampler", daemon=True)
        self._heartbeat = heartbeat
        self._profile = profile
        self._stopping = threading.Event()
        self._main = threading.main_thread().ident
        self._gc_started: dict[int, float] = {}

    def run(self) -> None:
        while not self._stopping.wait(SAMPLE_EVERY_S):
            began = self._heartbeat.last_tick
            if time.perf_counter() - began < OVERDUE_S:
                continue
            frames = sys._current_frames()
            main = frames.get(self._main or 0)
            if main is None:
                continue
            where = _describe(traceback.extract_stack(main))
            if where is None:  # no slot of ours: Qt's C++ code, or waiting for a worker to let go of the GIL
                stacks = [
                    traceback.extract_stack(frame)
                    for ident, frame in frames.items()
                    if ident not in (self._main, threading.get_ident())
                ]
                others = [
                    _describe(stack, innermost=2) for stack in stacks if stack[-1].name not in IDLE_CALLS
                ]
                busy = sorted(o for o in others if o is not None)
                where = "UI thread in Qt/waiting; others: " + (" | ".join(busy) or "idle")
            self._profile.samples.setdefault(began, Counter())[where] += 1

    def on_gc(self, phase: str, info: dict[str, int]) -> None:
        ident = threading.get_ident()
        if phase == "start":
            self._gc_started[ident] = time.perf_counter()
        elif ident in self._gc_started:
            name = "UI" if ident == self._main else "worker"  # Qt's pool threads have no Python name
            started = self._gc_started.pop(ident)
            self._profile.collections.append((started, time.perf_counter(), info["generation"], name))

    def stop(self) -> None:
        self._stopping.set()
        self.join()


def _describe(stack: traceback.StackSummary, innermost: int = 4) -> str | None:
    """The innermost frames from the project (plus the very innermost one), or None when only this script's
    own driving frames are on the stack."""
    ours = [f for f in stack if "desktop_app" in f.filename]
    if not ours:
        return None
    picked = [f"{Path(f.filename).stem}.{f.name}:{f.lineno}" for f in ours[-innermost:]]
    last = stack[-1]
    if "desktop_app" not in last.filename:
        picked.append(f"[{Path(last.filename).name}:{last.name}]")
    return " > ".join(picked)


def make_window(base: Path) -> MainWindow:
    return open_practice_window(base, SimulatorConfig.fast())


def run_once(window: MainWindow, heartbeat: Heartbeat, source: Path, export: Path) -> float:
    """One pass through the phases; returns its duration in seconds."""
    tab = window.data_tab
    loop = QEventLoop()
    failures: list[object] = []
    waiting = [True]  # for a signal of the tab (not between the token count and the click on Export)

    def fail(exc: object) -> None:
        failures.append(exc)
        loop.quit()

    def start_export() -> None:
        waiting[0] = True
        heartbeat.mark("export")
        tab.export_to(export, ExportKind.CHAT)

    def on_tokens_counted() -> None:
        # A user's click on Export comes a moment later, not in the same pass of the event loop: let the
        # heartbeat tick in between, so the export's own stall is not merged into the last one of the count.
        waiting[0] = False
        QTimer.singleShot(EXPORT_DELAY_MS, start_export)

    def settle() -> None:
        waiting[0] = False
        heartbeat.mark("settle")
        QTimer.singleShot(SETTLE_MS, loop.quit)

    def check_stopped() -> None:
        # A failed token count only changes a label: without this the run would wait for its timeout.
        if waiting[0] and window.pool.live_count == 0:
            shown = tab.tokens_label.text() or tab.message_bar.text
            fail(RuntimeError(f"the tab stopped working during {heartbeat.marks[-1][1]}: {shown}"))

    connections = [
        (tab.loaded, lambda _n: heartbeat.mark("checks")),
        (tab.checked, lambda _issues: heartbeat.mark("tokens")),
        (tab.tokensCounted, lambda _report: on_tokens_counted()),
        (tab.exported, lambda _path: settle()),
        (tab.loadFailed, fail),
        (window.pool.idle, lambda: QTimer.singleShot(STOPPED_CHECK_MS, check_stopped)),
    ]
    for signal, slot in connections:
        signal.connect(slot)
    timeout = QTimer()
    timeout.setSingleShot(True)
    timeout.setInterval(RUN_TIMEOUT_S * 1000)
    timeout.timeout.connect(lambda: fail(TimeoutError(f"no export within {RUN_TIMEOUT_S} s")))
    timeout.start()
    started = time.perf_counter()
    heartbeat.start("import")
    tab.open_file(source)
    loop.exec()
    heartbeat.stop()
    elapsed = time.perf_counter() - started
    timeout.stop()
    for signal, slot in connections:
        signal.disconnect(slot)
    if failures:
        raise SystemExit(f"the run failed: {failures[0]!r}")
    return elapsed


def measure_idle(heartbeat: Heartbeat, seconds: float) -> None:
    heartbeat.start("idle")
    wait(round(seconds * 1000))
    heartbeat.stop()


def summarise(gaps: list[Gap]) -> dict[str, float]:
    values = [g.ms for g in gaps]
    figures = {"longest": max(values), "p99": percentile(values, 0.99)}
    for phase in PHASES:
        in_phase = [g.ms for g in gaps if g.phase == phase]
        figures[phase] = max(in_phase) if in_phase else float("nan")
    return figures


def report_stalls(gaps: list[Gap], profile: StallProfile, repeat: int) -> None:
    for gap in sorted((g for g in gaps if g.ms > TARGET_MS), key=lambda g: g.start):
        print(f"  repeat {repeat}: {gap.ms:7.1f} ms in {gap.phase}")
        samples = profile.samples.get(gap.start, Counter())
        total = sum(samples.values()) or 1
        for where, count in samples.most_common(4):
            print(f"      {100 * count / total:3.0f}%  {where}")
        small = 0.0
        for started, ended, generation, thread in profile.collections:
            if started < gap.end and ended > gap.start:
                if ended - started >= GC_REPORTED_S:
                    print(f"      gc gen {generation} in {thread} thread: {(ended - started) * 1000:.1f} ms")
                else:
                    small += ended - started
        if small >= GC_REPORTED_S:
            print(f"      smaller gc passes: {small * 1000:.1f} ms in all")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--interval", type=int, default=2, help="heartbeat period in ms")
    parser.add_argument("--profile", action="store_true", help="name what runs during each long stall")
    args = parser.parse_args()

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        source = base / "bench.xlsx"
        started = time.perf_counter()
        make_workbook(source, args.rows)
        print(
            f"workbook: {args.rows} rows, {source.stat().st_size / 1e6:.1f} MB, written in "
            f"{time.perf_counter() - started:.2f} s",
            flush=True,
        )
        source.read_bytes()  # warm the page cache
        window = make_window(base / "profile")
        wait(500)  # let start-up work (autosave restore, Practice service, tokenizer) finish
        while window.pool.live_count:
            wait(50)
        heartbeat = Heartbeat(args.interval)
        profile = StallProfile()
        sampler = StallSampler(heartbeat, profile) if args.profile else None
        if sampler is not None:
            gc.callbacks.append(sampler.on_gc)
            sampler.start()

        ours: list[dict[str, float]] = []
        bare: list[dict[str, float]] = []
        export = base / "export.jsonl"
        try:
            for repeat in range(1, args.repeats + 1):
                elapsed = run_once(window, heartbeat, source, export)
                gaps = heartbeat.gaps()
                with export.open("rb") as handle:
                    lines = sum(1 for _ in handle)
                assert lines == args.rows, (lines, args.rows)
                ours.append(summarise(gaps))
                worst = max(gaps, key=lambda g: g.ms)
                print(
                    f"repeat {repeat}: {elapsed:.1f} s, {len(gaps)} ticks, longest stall {worst.ms:.1f} ms "
                    f"in {worst.phase}",
                    flush=True,
                )
                if sampler is not None:
                    report_stalls(gaps, profile, repeat)
                measure_idle(heartbeat, elapsed)
                bare.append(summarise(heartbeat.gaps()))
        finally:
            if sampler is not None:
                sampler.stop()
                gc.callbacks.remove(sampler.on_gc)
            window.shutdown()
            window.deleteLater()
            app.processEvents()

    print(
        f"heartbeat every {args.interval} ms; best of {args.repeats} repeat(s) and idle run(s); "
        f"ratio = ours / {TARGET_MS:.0f} ms"
    )
    print(f"{'stall':<22}{'ours (ms)':>11}{'baseline (ms)':>15}{'ratio':>8}{'baseline ratio':>16}")
    best = min(ours, key=lambda figures: figures["longest"])
    idle = min(bare, key=lambda figures: figures["longest"])
    rows = [("longest (all phases)", "longest", idle["longest"]), ("99th percentile gap", "p99", idle["p99"])]
    rows += [(f"longest in {phase}", phase, idle["longest"]) for phase in PHASES]
    for label, key, baseline in rows:
        figure = best[key]
        if math.isnan(figure):  # no tick fell in this phase: it ended within a stall of the one before
            print(f"{label:<22}{'-':>11}{baseline:>15.1f}{'-':>8}{baseline / TARGET_MS:>16.2f}")
            continue
        print(
            f"{label:<22}{figure:>11.1f}{baseline:>15.1f}{figure / TARGET_MS:>8.2f}{baseline / TARGET_MS:>16.2f}"
        )
    longest = best["longest"]
    verdict = "meets" if longest <= TARGET_MS else "MISSES"
    print(f"longest stall: {longest:.1f} ms ({verdict} the target: ≤ {TARGET_MS:.0f} ms)")


if __name__ == "__main__":
    main()
