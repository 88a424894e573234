"""The live metrics chart against a bare drawPolyline, in the same run: ``uv run python benchmarks/bench_chart.py``.

Generates a noisy falling loss over ``--points`` steps (validation every 50 steps, full validation at 3 epoch
ends) and renders ``MetricsChart`` into a ``--width`` x ``--height`` QImage on the offscreen platform. Reports the
best of ``--repeats`` runs for:
- set_points of all points and one paint (the polygons are prepared from scratch);
- appending one point and one paint (only the tail is prepared again), the usual tick of a running job;
- one paint with nothing changed;
- a resize and one paint (everything is mapped again for the new size).
Baseline: ``QPainter.drawPolyline`` of a pre-built QPolygonF of all the training points, already in pixels,
antialiased, with the default 1 px pen, into a same-size QImage (filled first, as the chart fills its
background): about the least any chart drawing that curve can do. The chart draws at most two points per pixel
column, but as 1.5 px segments (a 1.5 px polyline of the same points would take ~60 ms; see ``_Prepared`` in
chart.py), and adds the validation line and markers, grid, tick labels and legend: a paint costs about two
baselines, an appended point about as much as a paint with nothing changed.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt is imported

import argparse
import math
import random
import time
from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage, QPainter, QPolygonF
from PySide6.QtWidgets import QApplication

from desktop_app.providers.metrics import MetricPoint
from desktop_app.ui.jobs.chart import MetricsChart


def make_points(count: int, seed: int = 42) -> list[MetricPoint]:
    rng = random.Random(seed)
    epoch_end = max(1, count // 3)
    points = []
    for step in range(1, count + 1):
        loss = 0.3 + 2.2 * math.exp(-step / (count / 6)) + rng.gauss(0, 0.08)
        points.append(
            MetricPoint(
                step,
                train_loss=loss,
                train_accuracy=min(1.0, 1 - loss / 3),
                valid_loss=loss + 0.05 if step % 50 == 0 else None,
                full_valid_loss=loss + 0.07 if step % epoch_end == 0 else None,
            )
        )
    return points


def best_of(repeats: int, action: Callable[[], object], setup: Callable[[], object] | None = None) -> float:
    times: list[float] = []
    for _ in range(repeats):
        if setup is not None:
            setup()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--points", type=int, default=10_000)
    parser.add_argument("--width", type=int, default=800)
    parser.add_argument("--height", type=int, default=400)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()

    app = QApplication.instance() or QApplication([])
    points = make_points(args.points)
    image = QImage(args.width, args.height, QImage.Format.Format_ARGB32_Premultiplied)

    scale_x = (args.width - 1) / max(1, args.points - 1)
    polyline = QPolygonF(
        [QPointF((p.step - 1) * scale_x, args.height * (1 - (p.train_loss or 0) / 3)) for p in points]
    )

    def bare() -> None:
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.drawPolyline(polyline)
        painter.end()

    chart = MetricsChart()
    chart.resize(args.width, args.height)

    def paint() -> None:
        chart.render(image)

    def set_and_paint() -> None:
        chart.set_points(points, total_steps=args.points)
        paint()

    def all_but_last() -> None:
        chart.set_points(points[:-1], total_steps=args.points)
        paint()

    def append_and_paint() -> None:
        chart.append_points(points[-1:])
        paint()

    sizes = [(args.width, args.height), (args.width - 40, args.height - 20)]

    def resize_and_paint() -> None:
        sizes.reverse()
        chart.resize(*sizes[0])
        paint()

    bare_time = best_of(args.repeats, bare)
    set_time = best_of(args.repeats, set_and_paint, setup=chart.clear)
    append_time = best_of(args.repeats, append_and_paint, setup=all_but_last)
    paint_time = best_of(args.repeats, paint)
    resize_time = best_of(args.repeats, resize_and_paint)
    drawn = chart.prepared_polygon("train").size()
    chart.deleteLater()
    app.processEvents()

    print(
        f"points: {args.points}, image {args.width}x{args.height}; "
        f"training polygon drawn: {drawn} points ({len(polyline)} in the baseline)"
    )
    results = [
        ("set_points + paint", set_time),
        ("append 1 + paint", append_time),
        ("paint, no change", paint_time),
        ("resize + paint", resize_time),
    ]
    print(f"{'task':<20}{'ours (ms)':>11}{'baseline (ms)':>15}{'ratio':>8}")
    for task, ours in results:
        print(f"{task:<20}{ours * 1000:>11.3f}{bare_time * 1000:>15.3f}{ours / bare_time:>8.3g}")


if __name__ == "__main__":
    main()
