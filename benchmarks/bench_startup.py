"""Cold start to an idle main window, against a bare Qt window: ``uv run python benchmarks/bench_startup.py``.

Each run is a new process (``python -m desktop_app --temp-basedir --startup-report``, offscreen, a throw-away
profile in Practice mode), timed from the moment it is spawned until it prints its report, which it does once
the window has painted and the event loop has run dry (desktop_app/ui/startup.py). Figures:
- to idle: spawn → the idle window (the figure the target is about: ≤ 1.0 s). The process's own view is
  listed too (from the start of ``desktop_app.__main__``: painted, idle, and connected — the Practice service
  reached through the openai SDK, which a worker imports after the window is idle).
- baseline: the same for a bare PySide6 script that shows a ``QMainWindow`` with three empty tabs and prints
  at the same moment (first paint, then a zero-time timer). Ratio = ours / baseline.
Python's bytecode cache is on (an installed app has its .pyc files): a first, unreported run of each writes
it. ``--no-bytecode`` reports a run with every module compiled from source instead (a first start right after
installing from source), for information only.
Best and median of ``--repeats`` runs, interleaved (baseline, ours, baseline, ours, ...).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 1.0

BARE = """
import json, sys, time
started = time.perf_counter()
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget
app = QApplication(sys.argv[:1])
window = QMainWindow()
tabs = QTabWidget()
for name in ("Data", "Jobs", "Chat"):
    tabs.addTab(QWidget(), name)
window.setCentralWidget(tabs)
window.resize(1180, 760)
figures = {}
def idle():
    figures["idle_ms"] = round((time.perf_counter() - started) * 1000, 1)
    print(json.dumps(figures), flush=True)
    QTimer.singleShot(0, app.quit)
class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "painted_ms" not in figures:
            figures["painted_ms"] = round((time.perf_counter() - started) * 1000, 1)
            QTimer.singleShot(0, idle)
        return False
probe = Probe()
window.installEventFilter(probe)
window.show()
app.exec()
"""


def environment(*, bytecode: bool) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not bytecode:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="ftd-nopyc-")  # no cache to read either
    return env


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, dict[str, float]]:
    """Seconds from spawn to the first report line (the idle window), and every figure reported."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    if not line.strip():
        process.kill()
        raise SystemExit(f"no report from {' '.join(command)} (exit status {process.wait()})")
    figures: dict[str, float] = json.loads(line)
    for later in process.stdout:  # the app reports its connection on a second line
        if later.strip():
            figures.update(json.loads(later))
    process.wait(timeout=60)
    return elapsed, figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--no-bytecode", action="store_true", help="also report a start without .pyc files")
    args = parser.parse_args()

    ours = [sys.executable, "-m", "desktop_app", "--temp-basedir", "--startup-report"]
    bare = [sys.executable, "-c", BARE]
    env = environment(bytecode=True)
    run_once(bare, env)  # writes the bytecode caches; not reported
    run_once(ours, env)

    results: dict[str, list[tuple[float, dict[str, float]]]] = {"bare": [], "ours": []}
    for _ in range(args.repeats):
        results["bare"].append(run_once(bare, env))
        results["ours"].append(run_once(ours, env))

    def summary(name: str) -> tuple[float, float]:
        walls = [wall for wall, _ in results[name]]
        return min(walls), statistics.median(walls)

    bare_best, bare_median = summary("bare")
    ours_best, ours_median = summary("ours")
    print(f"cold start to an idle window, {args.repeats} runs each (spawn → idle, offscreen):")
    print(f"  bare Qt window:  best {bare_best * 1000:6.0f} ms   median {bare_median * 1000:6.0f} ms")
    print(f"  FineTune Desk:   best {ours_best * 1000:6.0f} ms   median {ours_median * 1000:6.0f} ms")
    print(
        f"  ratio ours / bare: best {ours_best / bare_best:.2f}×   median {ours_median / bare_median:.2f}×;"
        f" median / target ({TARGET_S:.1f} s): {ours_median / TARGET_S:.2f}×"
    )
    for key in ("painted_ms", "idle_ms", "connected_ms"):
        values = [report[key] for _, report in results["ours"] if key in report]
        print(f"  in the process, {key[:-3]:9s}: median {statistics.median(values):6.0f} ms")
    if args.no_bytecode:
        wall, report = run_once(ours, environment(bytecode=False))
        print(f"  without bytecode caches (every module compiled): {wall * 1000:.0f} ms to idle; {report}")
    verdict = "meets" if ours_median <= TARGET_S else "MISSES"
    print(f"verdict: {verdict} the target (median {ours_median:.2f} s ≤ {TARGET_S:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
