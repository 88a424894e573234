"""The Data tab's Qt model against plain Python access, in the same run: ``uv run python benchmarks/bench_table_model.py``.

Generates 100,000 rows of mixed Chinese/English text (~100 characters per cell), loads them into
``DatasetTableModel`` on the offscreen platform, then reports the best of several runs for:
- ``model.data(model.index(r, c))`` for every cell of 2,000 random rows (what a scrolling view asks for)
  vs reading the same attributes from the plain list;
- ``set_examples`` of all rows vs ``list(rows)``;
- ``set_issues`` with 5,000 issues vs grouping them into a dict of lists by row;
- ``examples()`` (the copies handed to workers) vs ``copy.copy`` of each row.
No view is attached, so resets and dataChanged cost what the model itself does, not what a view repaints.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt is imported

import argparse
import random
import time
from collections.abc import Callable

from _common import mixed_text  # benchmarks/ is on sys.path when a script runs
from PySide6.QtWidgets import QApplication

from desktop_app.core.dataset import EXAMPLE_FIELDS, Example
from desktop_app.core.validation import Issue, Severity
from desktop_app.ui.data.table_model import COL_COMPLETION, DatasetTableModel

ISSUE_CODES = (
    (Severity.ERROR, "empty_completion", "completion"),
    (Severity.WARNING, "duplicate_prompt", "prompt"),
    (Severity.WARNING, "long_text", None),
    (Severity.INFO, "trailing_space", "system"),
)


def _cell(rng: random.Random, length: int = 100) -> str:
    return mixed_text(rng, length)


def make_rows(count: int, seed: int = 42) -> list[Example]:
    rng = random.Random(seed)
    # A pool of cells keeps generation quick; rows still differ and hold ~100-character strings.
    pool = [_cell(rng) for _ in range(5_000)]
    return [
        Example(rng.choice(pool), rng.choice(pool), rng.choice(pool) if rng.random() < 0.3 else "")
        for _ in range(count)
    ]


def make_issues(count: int, rows: int, seed: int = 7) -> list[Issue]:
    rng = random.Random(seed)
    issues = []
    for _ in range(count):
        severity, code, column = rng.choice(ISSUE_CODES)
        issues.append(Issue(severity, code, rng.randrange(rows), column, {"length": 120}, f"{code} here"))
    return issues


def best_of(repeats: int, action: Callable[[], object]) -> float:
    times: list[float] = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def model_cells(model: DatasetTableModel, rows: list[int], columns: int) -> int:
    seen = 0
    for r in rows:
        for c in range(columns):
            if model.data(model.index(r, c)):
                seen += 1
    return seen


def plain_cells(examples: list[Example], rows: list[int]) -> int:
    seen = 0
    for r in rows:
        example = examples[r]
        for name in EXAMPLE_FIELDS:
            if getattr(example, name):
                seen += 1
    return seen


def plain_issues(issues: list[Issue], rows: int) -> dict[int, list[Issue]]:
    by_row: dict[int, list[Issue]] = {}
    for issue in issues:
        if issue.row is not None and 0 <= issue.row < rows:
            by_row.setdefault(issue.row, []).append(issue)
    return by_row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=2_000)
    parser.add_argument("--issues", type=int, default=5_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    app = QApplication.instance() or QApplication([])
    started = time.perf_counter()
    rows = make_rows(args.rows)
    issues = make_issues(args.issues, args.rows)
    print(
        f"rows: {len(rows)} (~100 chars per cell), issues: {len(issues)}, made in {time.perf_counter() - started:.2f} s"
    )

    model = DatasetTableModel()
    model.set_examples(rows)
    columns = len(EXAMPLE_FIELDS)  # the text columns every row has (the optional ones are derived or empty)
    assert model.rowCount() == args.rows
    assert model.columnCount() > columns
    sample = random.Random(1).sample(range(args.rows), args.sample)
    assert model_cells(model, sample, columns) == plain_cells(rows, sample)

    bare_cells = best_of(args.repeats, lambda: plain_cells(rows, sample))
    ours_cells = best_of(args.repeats, lambda: model_cells(model, sample, columns))
    bare_load = best_of(args.repeats, lambda: list(rows))
    ours_load = best_of(args.repeats, lambda: model.set_examples(rows))
    bare_issues = best_of(args.repeats, lambda: plain_issues(issues, args.rows))
    ours_issues = best_of(args.repeats, lambda: model.set_issues(issues))
    keys = [e.completion.casefold() for e in rows]
    bare_sort = best_of(args.repeats, lambda: sorted(range(len(rows)), key=keys.__getitem__))

    def sort_table() -> None:  # what a header click does: the order, then the rows moved in the model
        model.apply_order(model.sorted_order(COL_COMPLETION, descending=False))

    ours_sort = best_of(args.repeats, sort_table)
    bare_copies = best_of(args.repeats, lambda: list(rows))  # a snapshot: rows are never changed in place
    ours_copies = best_of(args.repeats, model.examples)
    assert model.examples() == rows
    model.deleteLater()
    app.processEvents()

    results = [
        (f"data {args.sample} rows", ours_cells, bare_cells),
        ("set_examples", ours_load, bare_load),
        ("set_issues", ours_issues, bare_issues),
        ("examples()", ours_copies, bare_copies),
        ("sort on a column", ours_sort, bare_sort),
    ]
    print(f"{'task':<18}{'ours (s)':>10}{'baseline (s)':>14}{'ratio':>8}")
    for task, ours, bare in results:
        print(f"{task:<18}{ours:>10.6f}{bare:>14.6f}{ours / bare:>8.3g}")


if __name__ == "__main__":
    main()
