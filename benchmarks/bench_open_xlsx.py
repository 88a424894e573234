"""Opening an xlsx into the Data tab's table vs bare calamine, time and peak memory: ``uv run python benchmarks/bench_open_xlsx.py``.

Writes a 100,000-row workbook of mixed Chinese/English text (~200 characters per cell) to a temporary folder,
then, for each side, in a fresh subprocess per run (best of ``--repeats``):
- ours: ``read_dataset(path)`` then ``DatasetTableModel.set_examples(...)`` of its rows, with a
  ``QApplication`` on the offscreen platform (what opening a file in the Data tab does);
- bare: ``CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()``.
Target: ours ≤ 1.3× the time and ≤ 2× the peak memory of bare.

Peak memory is the child process's peak RSS minus that of an idle child of the same side, which imports the
same modules (and, for ours, makes the ``QApplication`` and an empty model) but opens nothing. Peak RSS is
``VmHWM`` from ``/proc/self/status`` (``ru_maxrss`` elsewhere): on Linux ``ru_maxrss`` keeps the high-water mark
from before ``exec``, i.e. the parent's RSS when it spawned the child, which would inflate the idle runs. RSS,
not ``tracemalloc``: calamine parses in Rust, whose allocations (the unzipped sheet XML, the shared strings)
``tracemalloc`` never sees, so it would understate the bare side; RSS counts every byte the process really held
at its high-water mark. A fresh child per run keeps one run's freed-but-kept memory out of the next run's peak.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import make_workbook  # benchmarks/ is on sys.path when a script runs

TARGET_TIME_RATIO = 1.3
TARGET_MEMORY_RATIO = 2.0


def _peak_kib() -> int:
    """This process's peak RSS in KiB: ``VmHWM`` where Linux has it, else ``ru_maxrss``."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource  # noqa: PLC0415

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS


def child(side: str, path: Path | None) -> None:
    """One measurement in this (fresh) process; ``path`` None is the idle run. Prints a JSON line."""
    elapsed = 0.0
    rows = 0
    if side == "ours":
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt is imported
        from PySide6.QtWidgets import QApplication  # noqa: PLC0415

        from desktop_app.core.formats import read_dataset  # noqa: PLC0415
        from desktop_app.ui.data.table_model import DatasetTableModel  # noqa: PLC0415

        app = QApplication.instance() or QApplication([])
        model = DatasetTableModel()
        if path is not None:
            started = time.perf_counter()
            model.set_examples(read_dataset(path).dataset.examples)
            elapsed = time.perf_counter() - started
            rows = model.rowCount()
        peak = _peak_kib()
        del model, app
    else:
        import python_calamine  # noqa: PLC0415

        if path is not None:
            started = time.perf_counter()
            with python_calamine.CalamineWorkbook.from_path(path) as workbook:
                table = workbook.get_sheet_by_index(0).to_python()
            elapsed = time.perf_counter() - started
            rows = len(table) - 1  # the header row
        peak = _peak_kib()
    print(json.dumps({"seconds": elapsed, "peak_kib": peak, "rows": rows}))


def run_child(side: str, path: Path | None) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", side]
    if path is not None:
        command.append(str(path))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        raise SystemExit(
            f"{side} child failed ({result.returncode}):\n{result.stdout[-1500:]}{result.stderr[-1500:]}"
        )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", choices=("ours", "bare"), help=argparse.SUPPRESS)
    parser.add_argument("path", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child, args.path)
        return

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.xlsx"
        started = time.perf_counter()
        make_workbook(path, args.rows)
        print(
            f"workbook: {args.rows} rows, {path.stat().st_size / 1e6:.1f} MB, written in "
            f"{time.perf_counter() - started:.2f} s",
            flush=True,
        )
        path.read_bytes()  # warm the page cache for both sides

        times: dict[str, list[float]] = {"ours": [], "bare": []}
        peaks: dict[str, list[int]] = {"ours": [], "bare": []}
        idle: dict[str, list[int]] = {"ours": [], "bare": []}
        for _ in range(args.repeats):
            for side in ("bare", "ours"):  # interleaved, so drift in the machine hits both alike
                idle[side].append(int(run_child(side, None)["peak_kib"]))
                measured = run_child(side, path)
                assert measured["rows"] == args.rows, measured
                times[side].append(measured["seconds"])
                peaks[side].append(int(measured["peak_kib"]))

    best = {side: min(times[side]) for side in times}
    delta_mb = {side: (min(peaks[side]) - min(idle[side])) / 1024 for side in peaks}
    time_ratio = best["ours"] / best["bare"]
    # Tiny workbooks can fit in what the idle child already held: no measurable delta, no memory ratio.
    memory_ratio = delta_mb["ours"] / delta_mb["bare"] if delta_mb["bare"] > 0 else float("nan")
    print(
        f"idle children's peak RSS: ours {min(idle['ours']) / 1024:.0f} MB, bare {min(idle['bare']) / 1024:.0f} MB"
    )
    print(f"{'task':<22}{'ours':>10}{'baseline':>12}{'ratio':>8}")
    print(f"{'open xlsx (s)':<22}{best['ours']:>10.3f}{best['bare']:>12.3f}{time_ratio:>8.2f}")
    print(
        f"{'peak RSS delta (MB)':<22}{delta_mb['ours']:>10.1f}{delta_mb['bare']:>12.1f}{memory_ratio:>8.2f}"
    )
    time_verdict = "meets" if time_ratio <= TARGET_TIME_RATIO else "MISSES"
    if math.isnan(memory_ratio):
        memory_verdict = "too small to judge"
    else:
        memory_verdict = "meets" if memory_ratio <= TARGET_MEMORY_RATIO else "MISSES"
    print(f"time ratio ours/bare: {time_ratio:.2f} ({time_verdict} the target: ≤ {TARGET_TIME_RATIO}×)")
    print(
        f"memory ratio ours/bare: {memory_ratio:.2f} ({memory_verdict} the target: ≤ {TARGET_MEMORY_RATIO:.0f}×)"
    )


if __name__ == "__main__":
    main()
