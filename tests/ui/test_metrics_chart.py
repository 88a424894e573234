"""The live metrics chart: what it paints, how it grows as points arrive, hover, big series, tiny sizes."""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Sequence

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRectF
from PySide6.QtGui import QColor, QImage, QPalette
from pytestqt.qtbot import QtBot

from desktop_app.providers.metrics import MetricPoint
from desktop_app.ui.jobs import chart as chart_module
from desktop_app.ui.jobs.chart import MetricsChart, nice_step, ticks

WIDTH, HEIGHT = 480, 240


def loss_at(step: int) -> float:
    return 0.4 + 2.0 * math.exp(-step / 60) + 0.05 * math.sin(step)


def run(steps: int, *, valid_every: int = 10, epochs: int = 3, start: int = 1) -> list[MetricPoint]:
    """A falling loss with validation every ``valid_every`` steps and full validation at each epoch's end."""
    points = []
    epoch_end = max(1, (start + steps - 1) // epochs)
    for step in range(start, start + steps):
        loss = loss_at(step)
        points.append(
            MetricPoint(
                step,
                train_loss=loss,
                train_accuracy=min(1.0, 1.0 - loss / 4),
                valid_loss=loss + 0.1 if step % valid_every == 0 else None,
                valid_accuracy=min(1.0, 0.95 - loss / 4) if step % valid_every == 0 else None,
                full_valid_loss=loss + 0.12 if step % epoch_end == 0 else None,
            )
        )
    return points


@pytest.fixture
def chart(qtbot: QtBot) -> MetricsChart:
    widget = MetricsChart()
    qtbot.addWidget(widget)
    widget.resize(WIDTH, HEIGHT)
    return widget


def rgb(image: QImage) -> np.ndarray:
    """The image as a height x width x 3 array."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    data = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())
    return data[:, : image.width() * 3].reshape(image.height(), image.width(), 3).copy()


def colour_mask(chart: MetricsChart, colour: QColor, min_share: float = 0.35) -> np.ndarray:
    """Where the rendered chart shows ``colour`` over the background, at least ``min_share`` of it.

    Antialiasing spreads a thin line over two pixel rows as blends of the colour and the background, so a
    pixel counts when it lies on that blend (within a few levels) rather than only when it matches exactly.
    """
    pixels = rgb(chart.grab().toImage()).astype(float)
    base = chart.palette().color(QPalette.ColorRole.Base)
    background = np.array([base.red(), base.green(), base.blue()], dtype=float)
    direction = np.array([colour.red(), colour.green(), colour.blue()], dtype=float) - background
    share = ((pixels - background) @ direction) / (direction @ direction)
    residual = np.linalg.norm(pixels - background - share[..., None] * direction, axis=2)
    return (share >= min_share) & (share <= 1.1) & (residual <= 24)


def inside(mask: np.ndarray, rect: QRectF) -> np.ndarray:
    return mask[
        math.ceil(rect.top()) : math.floor(rect.bottom()), math.ceil(rect.left()) : math.floor(rect.right())
    ]


def rightmost_column(mask: np.ndarray) -> int:
    columns = np.flatnonzero(mask.any(axis=0))
    return int(columns.max()) if len(columns) else -1


def polygon_xy(chart: MetricsChart, kind: chart_module.SeriesKind) -> list[tuple[float, float]]:
    polygon = chart.prepared_polygon(kind)
    return [(polygon.at(i).x(), polygon.at(i).y()) for i in range(polygon.size())]


# ------------------------------------------------------------------------------------------------ painting


def test_empty_state_says_so_and_draws_no_curve(chart: MetricsChart) -> None:
    train = chart.series_colour("train")
    assert chart.placeholder_text() == "Metrics appear here once training starts"
    assert not colour_mask(chart, train).any()
    assert chart.axis_ranges() is None
    assert chart.y_tick_labels() == []
    # The message itself is painted: something other than the background in the middle of the widget.
    pixels = rgb(chart.grab().toImage()).astype(int)
    background = chart.palette().color(QPalette.ColorRole.Base)
    middle = pixels[HEIGHT // 2 - 10 : HEIGHT // 2 + 10, :]
    assert (
        np.abs(middle - [background.red(), background.green(), background.blue()]).sum(axis=2) > 100
    ).any()


def test_training_line_is_painted_across_the_plot(chart: MetricsChart) -> None:
    chart.set_points(run(300), total_steps=300)
    assert chart.placeholder_text() == ""
    plot = chart.plot_rect()
    mask = colour_mask(chart, chart.series_colour("train"))
    in_plot = inside(mask, plot.adjusted(1, 1, -1, -1))
    assert in_plot.sum() > 200
    columns = np.flatnonzero(in_plot.any(axis=0))
    assert columns.min() < 5  # from step 1 at the left edge ...
    # ... to step 300 at the right edge, where the epoch's full-validation marker covers its last pixels.
    assert columns.max() > plot.width() - 16
    # The high early losses are drawn high up, the late ones low down.
    top_early = np.flatnonzero(in_plot[:, :20].any(axis=1)).min()
    top_late = np.flatnonzero(in_plot[:, -20:].any(axis=1)).min()
    assert top_early < top_late


def test_validation_and_full_validation_are_drawn_and_named(chart: MetricsChart) -> None:
    chart.set_points(run(300), total_steps=300)
    assert chart.shown_series() == ["train", "valid", "full_valid"]
    plot = chart.plot_rect()
    for kind in ("valid", "full_valid"):
        assert inside(colour_mask(chart, chart.series_colour(kind)), plot).sum() > 10, kind

    chart.set_points([MetricPoint(step, train_loss=1.0 / step) for step in range(1, 50)])
    assert chart.shown_series() == ["train"]
    assert not colour_mask(chart, chart.series_colour("full_valid")).any()


def test_axes_have_nice_ticks_and_loss_starts_at_zero(chart: MetricsChart) -> None:
    chart.set_points(run(300), total_steps=300)
    ranges = chart.axis_ranges()
    assert ranges is not None
    (x_low, x_high), (y_low, y_high) = ranges
    assert (x_low, x_high) == (1, 300)
    highest = max(p.full_valid_loss or p.valid_loss or p.train_loss or 0 for p in run(300))
    assert y_low == 0
    assert y_high > highest  # headroom above the highest value
    labels = chart.y_tick_labels()
    assert labels[0] in {"0", "0.0", "0.00"}
    values = [float(label) for label in labels]
    steps = {round(b - a, 6) for a, b in itertools.pairwise(values)}
    assert len(steps) == 1
    (step,) = steps
    assert step / 10 ** math.floor(math.log10(step)) in {1, 2, 5}
    x_values = [int(label) for label in chart.x_tick_labels()]
    assert x_values == sorted(x_values)
    assert all(value % 50 == 0 for value in x_values)


def test_nice_steps_are_1_2_5() -> None:
    assert nice_step(10, 5) == 2
    assert nice_step(3.2, 6) == 1
    assert nice_step(0.9, 4) == pytest.approx(0.5)
    assert nice_step(10_000, 8) == 2000
    assert nice_step(0, 5) == 1
    assert ticks(0, 1, 0.2) == pytest.approx([0, 0.2, 0.4, 0.6, 0.8, 1.0])


def test_accuracy_mode_shows_percent(chart: MetricsChart) -> None:
    chart.set_points(run(300), total_steps=300)
    assert not any(label.endswith("%") for label in chart.y_tick_labels())
    chart.set_metric("accuracy")
    labels = chart.y_tick_labels()
    assert labels[0] == "0%"
    assert labels[-1] == "100%"
    assert all(label.endswith("%") for label in labels)
    ranges = chart.axis_ranges()
    assert ranges is not None
    assert ranges[1] == (0, 1)
    # Full validation accuracy was never reported: that series is not shown in accuracy mode.
    assert chart.shown_series() == ["train", "valid"]
    assert inside(colour_mask(chart, chart.series_colour("train")), chart.plot_rect()).sum() > 200


def test_unknown_metric_is_refused(chart: MetricsChart) -> None:
    with pytest.raises(ValueError, match="metric"):
        chart.set_metric("perplexity")  # type: ignore[arg-type]


def test_metric_without_figures_says_so(chart: MetricsChart) -> None:
    chart.set_points([MetricPoint(step, train_loss=1.0) for step in range(1, 20)])
    chart.set_metric("accuracy")
    assert chart.placeholder_text() == "No accuracy figures reported for this job"
    assert chart.axis_ranges() is None
    assert not colour_mask(chart, chart.series_colour("train")).any()


# ------------------------------------------------------------------------------------------- live updates


def test_curve_grows_to_the_right_in_a_fixed_frame(chart: MetricsChart) -> None:
    points = run(300)
    chart.set_points(points[:100], total_steps=300)
    plot = chart.plot_rect()
    train = chart.series_colour("train")
    before = rightmost_column(inside(colour_mask(chart, train), plot))
    assert 0 < before < plot.width() * 0.45
    chart.append_points(points[100:200])
    after = rightmost_column(inside(colour_mask(chart, train), plot))
    assert after > before + plot.width() * 0.25
    assert chart.axis_ranges() == ((1, 300), (0, chart.axis_ranges()[1][1]))  # type: ignore[index]


def test_append_keeps_earlier_points(chart: MetricsChart) -> None:
    points = run(120)
    chart.set_points(points[:60], total_steps=120)
    chart.append_points(points[60:])
    assert chart.points() == points
    xy = polygon_xy(chart, "train")
    first = chart.map_to_widget(1, points[0].train_loss or 0)
    assert first is not None
    assert xy[0] == pytest.approx((first.x(), first.y()))
    assert len(xy) == 120  # 120 steps over ~400 pixels: nothing to thin out
    plot = chart.plot_rect()
    left_part = inside(colour_mask(chart, chart.series_colour("train")), plot)[:, : int(plot.width() * 0.4)]
    assert left_part.sum() > 50


def test_appending_point_by_point_draws_what_a_fresh_chart_draws(qtbot: QtBot, chart: MetricsChart) -> None:
    rng = random.Random(5)
    points = [MetricPoint(step, train_loss=1 + rng.random()) for step in range(1, 3001)]
    chart.set_points(points[:2500], total_steps=3000)
    chart.prepared_polygon("train")
    for point in points[2500:]:
        chart.append_points([point])
        if point.step % 7 == 0:
            chart.prepared_polygon("train")  # painted now and then, as a running job is
    fresh = MetricsChart()
    qtbot.addWidget(fresh)
    fresh.resize(WIDTH, HEIGHT)
    fresh.set_points(points, total_steps=3000)
    assert chart.axis_ranges() == fresh.axis_ranges()
    assert polygon_xy(chart, "train") == polygon_xy(fresh, "train")
    assert (rgb(chart.grab().toImage()) == rgb(fresh.grab().toImage())).all()


def test_appending_one_point_prepares_only_the_tail(
    chart: MetricsChart, monkeypatch: pytest.MonkeyPatch
) -> None:
    points = [MetricPoint(step, train_loss=2 - step / 10_000) for step in range(1, 10_001)]
    chart.set_points(points[:-1], total_steps=10_000)
    chart.prepared_polygon("train")
    seen: list[int] = []
    real = chart_module.column_extremes

    def spy(xs: np.ndarray, ys: np.ndarray, columns_per_unit: float) -> tuple[np.ndarray, int, int]:
        seen.append(len(xs))
        return real(xs, ys, columns_per_unit)

    monkeypatch.setattr(chart_module, "column_extremes", spy)
    chart.append_points(points[-1:])
    chart.prepared_polygon("train")
    assert len(seen) == 1
    per_column = 10_000 / chart.plot_rect().width()
    assert seen[0] <= per_column + 2  # the last column's points and the new one, not all 10,000


def test_earlier_and_repeated_steps_are_merged(chart: MetricsChart) -> None:
    chart.set_points([MetricPoint(step, train_loss=1.0) for step in (1, 2, 4)], total_steps=10)
    chart.append_points([MetricPoint(3, train_loss=2.0), MetricPoint(4, valid_loss=0.5)])
    assert [p.step for p in chart.points()] == [1, 2, 3, 4]
    assert chart.points()[-1] == MetricPoint(4, train_loss=1.0, valid_loss=0.5)
    assert len(polygon_xy(chart, "train")) == 4


def test_unknown_length_frame_grows_now_and_then(chart: MetricsChart) -> None:
    points = run(400)
    chart.set_points(points[:137])
    ranges = chart.axis_ranges()
    assert ranges is not None
    assert 137 <= ranges[0][1] <= 200
    chart.append_points(points[137:140])
    assert chart.axis_ranges() == ranges  # a few more steps: same frame, the polygon is only extended
    chart.append_points(points[140:400])
    grown = chart.axis_ranges()
    assert grown is not None
    assert grown[0][1] >= 400
    chart.set_total_steps(1000)
    assert chart.axis_ranges()[0] == (1, 1000)  # type: ignore[index]


def test_clear_returns_to_the_empty_state(chart: MetricsChart) -> None:
    chart.set_points(run(50), total_steps=50)
    chart.clear()
    assert chart.points() == []
    assert chart.total_steps() is None
    assert chart.placeholder_text() == "Metrics appear here once training starts"
    assert not colour_mask(chart, chart.series_colour("train")).any()


# ---------------------------------------------------------------------------------------- missing values


def test_steps_without_validation_do_not_break_its_line(chart: MetricsChart) -> None:
    points = run(300)
    chart.set_points(points, total_steps=300)
    valid_steps = [p.step for p in points if p.valid_loss is not None]
    assert len(polygon_xy(chart, "valid")) == len(valid_steps) == 30  # one polyline through all of them
    # Halfway between two validations, the validation line is still drawn.
    middle = chart.map_to_widget(155, 0)
    assert middle is not None
    mask = colour_mask(chart, chart.series_colour("valid"))
    column = mask[:, round(middle.x())]
    plot = chart.plot_rect()
    assert column[int(plot.top()) : int(plot.bottom())].any()


def test_missing_and_non_finite_training_values_are_skipped(chart: MetricsChart) -> None:
    points = [
        MetricPoint(step, train_loss=None if step % 5 == 0 else (math.nan if step == 7 else 1.0 + step / 100))
        for step in range(1, 41)
    ]
    chart.set_points(points, total_steps=40)
    xy = polygon_xy(chart, "train")
    assert len(xy) == 40 - 8 - 1
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in xy)
    plot = chart.plot_rect()
    in_plot = inside(colour_mask(chart, chart.series_colour("train")), plot)
    drawn = np.flatnonzero(in_plot.any(axis=0))
    assert len(drawn) > 0.9 * (drawn.max() - drawn.min())  # no gaps in the line


# ---------------------------------------------------------------------------------------------- big data


def test_ten_thousand_points_are_thinned_to_two_per_pixel_column(chart: MetricsChart) -> None:
    rng = random.Random(1)
    points = [MetricPoint(step, train_loss=1 + 0.1 * rng.random()) for step in range(1, 10_001)]
    points[6000] = MetricPoint(6001, train_loss=3.0)  # one spike must stay visible
    chart.set_points(points, total_steps=10_000)
    plot = chart.plot_rect()
    xy = polygon_xy(chart, "train")
    columns = math.ceil(plot.width()) + 1
    assert columns < len(xy) <= 2 * columns
    spike = chart.map_to_widget(6001, 3.0)
    assert spike is not None
    assert min(y for _, y in xy) == pytest.approx(spike.y())
    # Drawn, the spike reaches up there too.
    mask = inside(colour_mask(chart, chart.series_colour("train")), plot)
    assert np.flatnonzero(mask.any(axis=1)).min() <= spike.y() - plot.top() + 2


# -------------------------------------------------------------------------------------------------- hover


def test_hover_names_the_nearest_step_and_its_values(qtbot: QtBot, chart: MetricsChart) -> None:
    points = run(300)
    chart.set_points(points, total_steps=300)
    chart.show()
    qtbot.waitExposed(chart)
    where = chart.map_to_widget(120, 1.0)
    assert where is not None
    before = rgb(chart.grab().toImage())
    qtbot.mouseMove(chart, QPoint(round(where.x()), round(where.y())))
    qtbot.waitUntil(lambda: chart.hover_step() == 120)
    text = chart.hover_text()
    assert "Step 120" in text
    assert f"Training loss: {loss_at(120):.4f}" in text
    assert f"Validation loss: {loss_at(120) + 0.1:.4f}" in text
    assert (rgb(chart.grab().toImage()) != before).any()  # the guide line and the label are painted

    chart.set_metric("accuracy")
    assert "Training accuracy: " in chart.hover_text()
    assert chart.hover_text().split("\n")[1].endswith("%")

    near = chart.map_to_widget(123.4, 1.0)
    assert near is not None
    qtbot.mouseMove(chart, QPoint(round(near.x()), round(near.y())))
    qtbot.waitUntil(lambda: chart.hover_step() == 123)
    assert "Validation" not in chart.hover_text()  # step 123 had no validation

    qtbot.mouseMove(chart, QPoint(2, round(near.y())))  # over the axis labels: no step there
    qtbot.waitUntil(lambda: chart.hover_step() is None)
    assert chart.hover_text() == ""

    where = chart.map_to_widget(120, 0.5)  # accuracy's axes: the plot starts elsewhere ("100%" is wider)
    assert where is not None
    qtbot.mouseMove(chart, QPoint(round(where.x()), round(where.y())))
    qtbot.waitUntil(lambda: chart.hover_step() == 120)
    qtbot.mouseMove(chart, QPoint(WIDTH + 50, HEIGHT + 50))
    qtbot.waitUntil(lambda: chart.hover_step() is None)
    assert chart.hover_text() == ""


# ----------------------------------------------------------------------------------------- sizes, themes


@pytest.mark.parametrize("size", [(0, 0), (1, 1), (12, 8), (40, 20), (90, 50), (160, 70), (2000, 30)])
def test_tiny_sizes_paint_without_errors(qtbot: QtBot, chart: MetricsChart, size: Sequence[int]) -> None:
    chart.set_points(run(300), total_steps=300)
    chart.show()
    chart.resize(*size)
    chart.grab()
    chart.set_metric("accuracy")
    chart.grab()
    qtbot.mouseMove(chart, QPoint(size[0] // 2, size[1] // 2))
    chart.hover_text()
    chart.append_points(run(5, start=301))
    chart.grab()


def test_size_hints_suit_a_splitter(chart: MetricsChart) -> None:
    hint = chart.sizeHint()
    assert 300 <= hint.width() <= 800
    assert 150 <= hint.height() <= 400
    minimum = chart.minimumSizeHint()
    assert minimum.width() <= 150
    assert minimum.height() <= 100


def test_dark_palette_uses_light_series_colours(chart: MetricsChart) -> None:
    light = chart.series_colour("train")
    palette = chart.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1f22"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    chart.setPalette(palette)
    dark = chart.series_colour("train")
    assert dark.lightness() > light.lightness()
    chart.set_points(run(300), total_steps=300)
    assert inside(colour_mask(chart, dark), chart.plot_rect()).sum() > 200
    background = rgb(chart.grab().toImage())[5, 5]
    assert tuple(background) == (0x1E, 0x1F, 0x22)
