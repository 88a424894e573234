"""Import and check speed against bare baselines, in the same run: ``uv run python benchmarks/bench_import.py``.

Writes a 20,000-row workbook of mixed Chinese/English text (~200 characters per cell) to a temporary folder,
then reports the best of several runs for:
- ``read_dataset`` vs ``CalamineWorkbook.from_path(...).get_sheet_by_index(0).to_python()``;
- ``check_dataset`` vs a bare loop over the rows that reads both fields.
Ratios (ours / baseline) travel between machines better than seconds.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import python_calamine
from _common import make_workbook  # benchmarks/ is on sys.path when a script runs

from desktop_app.core.dataset import Dataset
from desktop_app.core.formats import read_dataset
from desktop_app.core.validation import check_dataset


def best_of(repeats: int, action: Callable[[], object]) -> float:
    times: list[float] = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def baseline_read(path: Path) -> list[list[object]]:
    with python_calamine.CalamineWorkbook.from_path(path) as workbook:
        return list(workbook.get_sheet_by_index(0).to_python())


def baseline_loop(dataset: Dataset) -> int:
    seen = 0
    for example in dataset.examples:
        if example.prompt and example.completion:
            seen += 1
    return seen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.xlsx"
        started = time.perf_counter()
        make_workbook(path, args.rows)
        print(
            f"workbook: {args.rows} rows, {path.stat().st_size / 1e6:.1f} MB, written in "
            f"{time.perf_counter() - started:.2f} s"
        )

        baseline_read(path)  # warm the page cache for both contenders
        bare_read = best_of(args.repeats, lambda: baseline_read(path))
        ours_read = best_of(args.repeats, lambda: read_dataset(path))
        dataset = read_dataset(path).dataset
        assert len(dataset.examples) == args.rows

        bare_check = best_of(args.repeats, lambda: baseline_loop(dataset))
        ours_check = best_of(args.repeats, lambda: check_dataset(dataset))

    print(f"{'task':<16}{'ours (s)':>10}{'baseline (s)':>14}{'ratio':>8}")
    print(f"{'read xlsx':<16}{ours_read:>10.3f}{bare_read:>14.3f}{ours_read / bare_read:>8.2f}")
    print(f"{'check rows':<16}{ours_check:>10.4f}{bare_check:>14.4f}{ours_check / bare_check:>8.2f}")


if __name__ == "__main__":
    main()
