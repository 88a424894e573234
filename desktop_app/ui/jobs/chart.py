"""A live chart of a job's loss or token accuracy by step, painted with QPainter (Essentials has no QtCharts).

Values are kept per series in plain arrays, so adding points costs only the new points. What is drawn is a
QPolygonF in widget pixels holding at most two points per device-pixel column (that column's lowest and highest
value, in step order, so spikes stay visible). It is built once for a given frame (plot rectangle and axis
ranges) and then extended in place as points arrive: only the last column is looked at again. A paint is a
handful of ``drawLines``/``drawPoints`` calls whatever the number of points (see ``_Prepared`` for why lines
are drawn as segments rather than as one polyline).
"""

from __future__ import annotations

import bisect
import math
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.providers.metrics import MetricPoint, merge_metrics

Metric = Literal["loss", "accuracy"]
SeriesKind = Literal["train", "valid", "full_valid"]
SERIES_KINDS: tuple[SeriesKind, ...] = ("train", "valid", "full_valid")
METRICS: tuple[Metric, ...] = ("loss", "accuracy")
FIELDS: dict[Metric, dict[SeriesKind, str]] = {
    "loss": {"train": "train_loss", "valid": "valid_loss", "full_valid": "full_valid_loss"},
    "accuracy": {"train": "train_accuracy", "valid": "valid_accuracy", "full_valid": "full_valid_accuracy"},
}

# Series colours: a colour-blind-safe blue/orange/green, a darker shade on light backgrounds and a lighter one
# on dark ones. The palette's highlight would follow the system accent, which may be orange or green and then
# clash with validation; everything else (background, text, grid, hover label) comes from the palette.
_SERIES_COLOURS: dict[SeriesKind, tuple[str, str]] = {
    "train": ("#1f63b5", "#6aa9ff"),
    "valid": ("#d2550a", "#ffa04d"),
    "full_valid": ("#17803a", "#5fd68a"),
}

# numpy (0.2 s to import) is imported by the functions that need it, when a chart first gets points.
if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]
    IndexArray = npt.NDArray[np.intp]


def nice_step(span: float, target: int) -> float:
    """A 1-2-5 tick step giving about ``target`` ticks over ``span``."""
    raw = span / max(target, 1)
    if not math.isfinite(raw) or raw <= 0:
        return 1.0
    base = 10.0 ** math.floor(math.log10(raw))
    return next((m * base for m in (1.0, 2.0, 5.0) if m * base >= raw * (1 - 1e-9)), 10.0 * base)


def ticks(low: float, high: float, step: float) -> list[float]:
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    return [i * step for i in range(first, last + 1)]


def _decimals(step: float) -> int:
    return max(0, -math.floor(math.log10(step) + 1e-9))


def column_extremes(xs: FloatArray, ys: FloatArray, columns_per_unit: float) -> tuple[IndexArray, int, int]:
    """The indices to draw of points sorted by x: per pixel column, the lowest and highest y in x order.

    Also returns where the last column starts (an index into ``xs``) and how many indices it gave, so a later
    call can redo just that column with the points that came after it.
    """
    import numpy as np  # noqa: PLC0415 - see above

    count = len(xs)
    columns = np.floor(xs * columns_per_unit).astype(np.int64)
    starts_column = np.empty(count, dtype=bool)
    starts_column[0] = True
    np.not_equal(columns[1:], columns[:-1], out=starts_column[1:])
    starts = np.flatnonzero(starts_column)
    ends = np.append(starts[1:], count)
    group = np.cumsum(starts_column) - 1
    order = np.lexsort((ys, group))  # by column, then by y: each column's lowest first, highest last
    lowest = order[starts]
    highest = order[ends - 1]
    first = np.minimum(lowest, highest)
    second = np.maximum(lowest, highest)
    pairs = np.stack((first, second), axis=1).ravel()
    keep = np.ones(len(pairs), dtype=bool)
    keep[1::2] = second != first
    last_count = 2 if second[-1] != first[-1] else 1
    return pairs[keep], int(starts[-1]), last_count


@dataclass(frozen=True)
class _Frame:
    """Where data land in the widget: the plot rectangle and the axis ranges (and the device pixel ratio)."""

    left: float
    top: float
    width: float
    height: float
    x_low: float
    x_high: float
    y_low: float
    y_high: float
    pixel_ratio: float

    def x(self, step: float) -> float:
        return self.left + (step - self.x_low) * self.width / (self.x_high - self.x_low)

    def y(self, value: float) -> float:
        return self.top + self.height - (value - self.y_low) * self.height / (self.y_high - self.y_low)

    def step_at(self, x: float) -> float:
        return self.x_low + (x - self.left) * (self.x_high - self.x_low) / self.width


@dataclass
class _Prepared:
    """A series mapped into one frame: its points, and the same line as separate segments for drawLines.

    Segments, because Qt strokes a wide polyline as one path whose rasterising cost grows much faster than its
    length: 1,500 dense points at 1.5 px take ~60 ms as a polyline (~290 ms at a device pixel ratio of 2, where
    even a 1 px pen is 2 device pixels) but ~3 ms as segments with square caps, which cover the joins.
    """

    frame: _Frame
    points: QPolygonF = field(default_factory=QPolygonF)
    segments: QPolygonF = field(default_factory=QPolygonF)  # p0 p1 p1 p2 p2 p3 ...: pairs for drawLines
    consumed: int = 0  # source points already in ``points``
    tail_start: int = 0  # first source point of the last pixel column
    tail_emitted: int = 0  # entries of ``points`` that column gave


class _Series:
    """One field's finite values by step, in step order, with the drawing prepared for the last frame used."""

    def __init__(self) -> None:
        self.steps = array("d")
        self.values = array("d")
        self.low = math.inf
        self.high = -math.inf
        self.prepared: _Prepared | None = None

    def __len__(self) -> int:
        return len(self.steps)

    def extend(self, steps: FloatArray, values: FloatArray) -> None:
        """Add finite values at steps after those held. Steps without a value are simply not here, so the line
        goes straight on to the next step that has one."""
        if len(values):
            self.steps.frombytes(steps.tobytes())
            self.values.frombytes(values.tobytes())
            self.low = min(self.low, float(values.min()))
            self.high = max(self.high, float(values.max()))

    def prepare(self, frame: _Frame) -> _Prepared:
        """Map the points not yet mapped (all of them for a new frame), redoing only the last pixel column."""
        import numpy as np  # noqa: PLC0415 - see above

        prepared = self.prepared
        if prepared is None or prepared.frame != frame:
            prepared = self.prepared = _Prepared(frame)
        total = len(self.steps)
        if prepared.consumed == total:
            return prepared
        start = prepared.tail_start
        xs = frame.left + (np.array(self.steps[start:]) - frame.x_low) * (
            frame.width / (frame.x_high - frame.x_low)
        )
        ys = (frame.top + frame.height) - (np.array(self.values[start:]) - frame.y_low) * (
            frame.height / (frame.y_high - frame.y_low)
        )
        picked, last_start, last_count = column_extremes(xs, ys, frame.pixel_ratio)
        new_xs, new_ys = xs[picked], ys[picked]
        points, segments = prepared.points, prepared.segments
        if prepared.tail_emitted:
            points.remove(points.size() - prepared.tail_emitted, prepared.tail_emitted)
            segments.remove(
                max(0, segments.size() - 2 * prepared.tail_emitted),
                min(segments.size(), 2 * prepared.tail_emitted),
            )
        if not points.isEmpty():  # the new segments start where the line ends now
            end = points.at(points.size() - 1)
            seg_xs, seg_ys = np.insert(new_xs, 0, end.x()), np.insert(new_ys, 0, end.y())
        else:
            seg_xs, seg_ys = new_xs, new_ys
        points.append(list(map(QPointF, new_xs.tolist(), new_ys.tolist())))
        segments.append(
            list(map(QPointF, np.repeat(seg_xs, 2)[1:-1].tolist(), np.repeat(seg_ys, 2)[1:-1].tolist()))
        )
        prepared.consumed = total
        prepared.tail_start = start + last_start
        prepared.tail_emitted = last_count
        return prepared


@dataclass(frozen=True)
class _Layout:
    frame: _Frame
    plot: QRectF
    header: QRectF
    x_ticks: list[float]
    x_labels: list[str]
    y_ticks: list[float]
    y_labels: list[str]


class MetricsChart(QWidget):
    """Training, validation and full-validation loss (or token accuracy) by step; hover for a step's values.

    ``set_points`` replaces the data, ``append_points`` adds newer steps cheaply while a job runs. With
    ``total_steps`` known the x axis spans 1..total_steps, so a running job's curve grows into a fixed frame.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._metric: Metric = "loss"
        self._total_steps: int | None = None
        self._points: list[MetricPoint] = []
        self._series: dict[str, _Series] = {}
        self._steps_with: dict[Metric, list[int]] = {}
        self._points_with: dict[Metric, list[MetricPoint]] = {}
        self._hover_at: QPointF | None = None  # the mouse, while it is over the widget
        self._hover_step: int | None = None
        self._reset_data()

    # ------------------------------------------------------------------------------------------ data

    def set_points(self, points: Sequence[MetricPoint], total_steps: int | None = None) -> None:
        """Show ``points`` (any order; a repeated step is merged, later values winning) instead of the data."""
        self._total_steps = total_steps if total_steps and total_steps > 0 else None
        self._reset_data()
        self._add(merge_metrics(points))
        self._hover_changed()
        self.update()

    def append_points(self, points: Iterable[MetricPoint]) -> None:
        """Add steps after those shown; only the new points are prepared. Earlier or repeated steps are merged
        into the data (which then is prepared again whole)."""
        new = merge_metrics(points)
        if not new:
            return
        if self._points and new[0].step <= self._points[-1].step:
            merged = merge_metrics(self._points, new)
            self._reset_data()
            self._add(merged)
        else:
            self._add(new)
        self._hover_changed()
        self.update()

    def set_total_steps(self, total_steps: int | None) -> None:
        self._total_steps = total_steps if total_steps and total_steps > 0 else None
        self.update()

    def clear(self) -> None:
        self._total_steps = None
        self._reset_data()
        self._hover_at = None
        self._hover_step = None
        self.update()

    def points(self) -> list[MetricPoint]:
        return list(self._points)

    def total_steps(self) -> int | None:
        return self._total_steps

    def set_metric(self, metric: Metric) -> None:
        if metric not in METRICS:
            raise ValueError(f"metric must be one of {METRICS}, not {metric!r}")
        if metric != self._metric:
            self._metric = metric
            self._hover_changed()
            self.update()

    # Not ``metric()``: that is QPaintDevice's virtual, which Qt calls (devicePixelRatioF, painting); a Python
    # method of that name overrides it and crashes the process.
    def current_metric(self) -> Metric:
        return self._metric

    def _reset_data(self) -> None:
        self._points = []
        self._series = {name: _Series() for fields in FIELDS.values() for name in fields.values()}
        self._steps_with = {metric: [] for metric in METRICS}
        self._points_with = {metric: [] for metric in METRICS}

    def _add(self, points: Sequence[MetricPoint]) -> None:
        """Add points with steps after those held, a column at a time (10,000 points in a few ms)."""
        import numpy as np  # noqa: PLC0415 - see above

        if not points:
            return
        self._points.extend(points)
        steps = np.array([point.step for point in points], dtype=np.float64)
        for metric, fields in FIELDS.items():
            any_value = np.zeros(len(points), dtype=bool)
            for name in fields.values():
                values = np.array([getattr(point, name) for point in points], dtype=np.float64)  # None: NaN
                finite = np.isfinite(values)
                self._series[name].extend(steps[finite], values[finite])
                any_value |= finite
            chosen = any_value.tolist()
            self._points_with[metric].extend(compress(points, chosen))
            self._steps_with[metric].extend(point.step for point in compress(points, chosen))

    def _shown(self) -> list[tuple[SeriesKind, _Series]]:
        fields = FIELDS[self._metric]
        return [
            (kind, self._series[fields[kind]]) for kind in SERIES_KINDS if len(self._series[fields[kind]])
        ]

    # ------------------------------------------------------------------- what is shown (for the tab and tests)

    def shown_series(self) -> list[SeriesKind]:
        return [kind for kind, _ in self._shown()]

    def series_colour(self, kind: SeriesKind) -> QColor:
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        return QColor(_SERIES_COLOURS[kind][1 if dark else 0])

    def plot_rect(self) -> QRectF:
        layout = self._layout()
        return QRectF(layout.plot) if layout else QRectF()

    def axis_ranges(self) -> tuple[tuple[float, float], tuple[float, float]] | None:
        """((first step, last step), (lowest value, highest value)) of the axes, or None when nothing is plotted."""
        layout = self._layout()
        if layout is None:
            return None
        frame = layout.frame
        return (frame.x_low, frame.x_high), (frame.y_low, frame.y_high)

    def x_tick_labels(self) -> list[str]:
        layout = self._layout()
        return list(layout.x_labels) if layout else []

    def y_tick_labels(self) -> list[str]:
        layout = self._layout()
        return list(layout.y_labels) if layout else []

    def prepared_polygon(self, kind: SeriesKind) -> QPolygonF:
        """The polygon drawn for ``kind`` at the current size (prepared now if it is not yet)."""
        layout = self._layout()
        series = self._series[FIELDS[self._metric][kind]]
        if layout is None or not len(series):
            return QPolygonF()
        return QPolygonF(series.prepare(layout.frame).points)

    def map_to_widget(self, step: float, value: float) -> QPointF | None:
        layout = self._layout()
        if layout is None:
            return None
        return QPointF(layout.frame.x(step), layout.frame.y(value))

    def placeholder_text(self) -> str:
        """The text shown instead of a chart, or "" while a chart is shown."""
        if not self._points:
            return self.tr("Metrics appear here once training starts")
        if not self._shown():
            if self._metric == "accuracy":
                return self.tr("No accuracy figures reported for this job")
            return self.tr("No loss figures reported for this job")
        return ""

    def hover_step(self) -> int | None:
        return self._hover_step

    def hover_text(self) -> str:
        """What the hover label says: the step under the mouse and each shown series' value there."""
        return "\n".join(self._hover_lines())

    # ---------------------------------------------------------------------------------------- layout

    def _value_range(self, shown: list[tuple[SeriesKind, _Series]]) -> tuple[float, float]:
        low = min(series.low for _, series in shown)
        high = max(series.high for _, series in shown)
        if self._metric == "accuracy":
            return min(0.0, low), max(1.0, high)
        low = min(0.0, low)
        if high <= low:
            high = low + 1.0
        return low, high + (high - low) * 0.05  # headroom so the top of the curve does not touch the frame

    def _step_range(self) -> tuple[float, float]:
        first = float(min(1, self._points[0].step))
        last = self._points[-1].step
        if self._total_steps is not None and self._total_steps >= last:
            high = float(self._total_steps)
        else:
            # Unknown length: round up generously, so the frame (and the prepared polygons) change only now
            # and then as a running job's steps arrive, not with every point.
            unit = 10.0 ** math.floor(math.log10(max(last, 1))) / 2
            high = max(unit, math.ceil(last / unit) * unit)
        return first, max(high, first + 1)

    def _format_value(self, value: float, decimals: int) -> str:
        if self._metric == "accuracy":
            return f"{value * 100:.{decimals}f}%"
        return f"{value:.{decimals}f}"

    def _layout(self) -> _Layout | None:
        shown = self._shown()
        if not shown:
            return None
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        gap = math.ceil(line / 3)
        top = gap + line + gap  # the legend row
        bottom = self.height() - gap - line - gap / 2  # the step labels
        plot_height = bottom - top
        if plot_height < line or self.width() < 4 * line:
            return None

        low, high = self._value_range(shown)
        scale = 100.0 if self._metric == "accuracy" else 1.0
        y_step = nice_step((high - low) * scale, max(2, int(plot_height / (line * 2.2)))) / scale
        if self._metric == "loss":
            high = math.ceil(high / y_step - 1e-9) * y_step
            low = math.floor(low / y_step + 1e-9) * y_step
        y_ticks = ticks(low, high, y_step)
        decimals = _decimals(y_step * scale)
        y_labels = [self._format_value(value, decimals) for value in y_ticks]
        label_width = max(metrics.horizontalAdvance(text) for text in y_labels)

        x_low, x_high = self._step_range()
        widest_step = metrics.horizontalAdvance(f"{round(x_high)}")
        left = gap + label_width + gap
        right = self.width() - max(gap, widest_step / 2 + 2)
        plot_width = right - left
        if plot_width < 2 * line:
            return None
        x_target = max(1, int(plot_width / (widest_step + 2 * metrics.averageCharWidth() + gap)))
        x_step = max(1.0, nice_step(x_high - x_low, x_target))
        x_ticks = ticks(x_low, x_high, x_step)
        x_labels = [f"{round(step)}" for step in x_ticks]

        frame = _Frame(left, top, plot_width, plot_height, x_low, x_high, low, high, self.devicePixelRatioF())
        return _Layout(
            frame,
            QRectF(left, top, plot_width, plot_height),
            QRectF(gap, gap, self.width() - 2 * gap, line),
            x_ticks,
            x_labels,
            y_ticks,
            y_labels,
        )

    # ----------------------------------------------------------------------------------------- hover

    def _nearest_point(self) -> MetricPoint | None:
        layout = self._layout()
        if layout is None or self._hover_at is None:
            return None
        reach = self._marker_size()  # a little slack around the plot, so its edges are easy to reach
        if not layout.plot.adjusted(-reach, -reach, reach, reach).contains(self._hover_at):
            return None
        steps = self._steps_with[self._metric]
        if not steps:
            return None
        target = layout.frame.step_at(self._hover_at.x())
        index = bisect.bisect_left(steps, target)
        if index == len(steps) or (index > 0 and target - steps[index - 1] <= steps[index] - target):
            index -= 1
        return self._points_with[self._metric][index]

    def _hover_lines(self) -> list[str]:
        point = self._nearest_point()
        if point is None:
            return []
        lines = [self.tr("Step %1").replace("%1", str(point.step))]
        for kind, name in self._series_names().items():
            value = getattr(point, FIELDS[self._metric][kind])
            if value is not None and math.isfinite(value):
                shown = f"{value * 100:.1f}%" if self._metric == "accuracy" else f"{value:.4f}"
                lines.append(self.tr("%1: %2").replace("%1", name).replace("%2", shown))
        return lines

    def _hover_changed(self) -> None:
        point = self._nearest_point()
        self._hover_step = point.step if point else None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._hover_at = QPointF(event.position())
        previous = self._hover_step
        self._hover_changed()
        if self._hover_step != previous:
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover_at = None
        self._hover_step = None
        self.update()
        super().leaveEvent(event)

    # ------------------------------------------------------------------------------------------ size

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * 68, metrics.height() * 14)

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * 12, metrics.height() * 4)

    # --------------------------------------------------------------------------------------- painting

    def _series_names(self) -> dict[SeriesKind, str]:
        if self._metric == "accuracy":
            return {
                "train": self.tr("Training accuracy"),
                "valid": self.tr("Validation accuracy"),
                "full_valid": self.tr("Full validation accuracy"),
            }
        return {
            "train": self.tr("Training loss"),
            "valid": self.tr("Validation loss"),
            "full_valid": self.tr("Full validation loss"),
        }

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        painter.fillRect(self.rect(), base)
        message = self.placeholder_text()
        if message:
            self._paint_message(painter, message)
            return
        layout = self._layout()
        if layout is None:
            return  # too small to show anything readable
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_axes(painter, layout, base, text)
        self._paint_series(painter, layout, base)
        self._paint_legend(painter, layout, text)
        self._paint_hover(painter, layout, base)

    def _paint_message(self, painter: QPainter, message: str) -> None:
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        margin = self.fontMetrics().averageCharWidth()
        painter.drawText(
            QRectF(self.rect()).adjusted(margin, margin, -margin, -margin),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            message,
        )

    def _paint_axes(self, painter: QPainter, layout: _Layout, base: QColor, text: QColor) -> None:
        frame, plot = layout.frame, layout.plot
        metrics = QFontMetricsF(self.font())
        gap = math.ceil(metrics.height() / 3)
        painter.setPen(QPen(_mix(base, text, 0.12), 0))
        for value in layout.y_ticks:
            y = frame.y(value)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        for step in layout.x_ticks:
            x = frame.x(step)
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        painter.setPen(QPen(_mix(base, text, 0.45), 0))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.topLeft(), plot.bottomLeft())

        painter.setPen(_mix(base, text, 0.8))
        line = metrics.height()
        for value, label in zip(layout.y_ticks, layout.y_labels, strict=True):
            rect = QRectF(0, frame.y(value) - line / 2, plot.left() - gap, line)
            painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        for step, label in zip(layout.x_ticks, layout.x_labels, strict=True):
            width = metrics.horizontalAdvance(label) + 2
            rect = QRectF(frame.x(step) - width / 2, plot.bottom() + gap / 2, width, line)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)

    def _marker_size(self) -> float:
        return max(3.0, QFontMetricsF(self.font()).height() * 0.38)

    def _paint_series(self, painter: QPainter, layout: _Layout, base: QColor) -> None:
        painter.save()
        # A little beyond the frame, so a line along an edge is not cut in half.
        margin = self._marker_size()
        painter.setClipRect(layout.plot.adjusted(-margin, -margin, margin, margin))
        marker = self._marker_size()
        for kind, series in self._shown():
            colour = self.series_colour(kind)
            prepared = series.prepare(layout.frame)
            polygon = prepared.points
            if kind == "full_valid":
                # Few points (one per epoch): squares with a halo in the background colour.
                painter.setPen(_cap_pen(base, marker * 1.5 + 2, Qt.PenCapStyle.SquareCap))
                painter.drawPoints(polygon)
                painter.setPen(_cap_pen(colour, marker * 1.5, Qt.PenCapStyle.SquareCap))
                painter.drawPoints(polygon)
                continue
            painter.setPen(_cap_pen(colour, 1.5 if kind == "train" else 1.8, Qt.PenCapStyle.SquareCap))
            # QPolygonF is a QList<QPointF> (taken as is, no copy); the stubs do not say it is a sequence.
            painter.drawLines(prepared.segments)  # type: ignore[call-overload]
            if kind == "valid" and len(series) * marker * 2.5 <= layout.plot.width():
                painter.setPen(_cap_pen(colour, marker, Qt.PenCapStyle.RoundCap))
                painter.drawPoints(polygon)  # sparse enough that the polygon holds every point
        painter.restore()

    def _paint_legend(self, painter: QPainter, layout: _Layout, text: QColor) -> None:
        metrics = QFontMetricsF(self.font())
        header = layout.header
        swatch = metrics.averageCharWidth() * 2.5
        spacing = metrics.averageCharWidth() * 2
        names = self._series_names()
        items = [(kind, names[kind], metrics.horizontalAdvance(names[kind])) for kind, _ in self._shown()]
        title = self.tr("Accuracy") if self._metric == "accuracy" else self.tr("Loss")
        title_width = metrics.horizontalAdvance(title)

        def row_width() -> float:
            return sum(swatch + spacing / 2 + width for _, _, width in items) + spacing * (len(items) - 1)

        # Right-aligned; when the row is too narrow the title goes first, then series from the end.
        while items and row_width() + (title_width + spacing if title_width else 0.0) > header.width():
            if title_width:
                title_width = 0.0
            else:
                items.pop()
        if title_width:
            painter.setPen(text)
            painter.drawText(header, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        x = header.right() - row_width()
        middle = header.center().y()
        marker = self._marker_size()
        for kind, name, width in items:
            colour = self.series_colour(kind)
            if kind == "full_valid":
                painter.setPen(_cap_pen(colour, marker * 1.5, Qt.PenCapStyle.SquareCap))
                painter.drawPoint(QPointF(x + swatch / 2, middle))
            else:
                painter.setPen(QPen(colour, 2))
                painter.drawLine(QPointF(x, middle), QPointF(x + swatch, middle))
                if kind == "valid":
                    painter.setPen(_cap_pen(colour, marker, Qt.PenCapStyle.RoundCap))
                    painter.drawPoint(QPointF(x + swatch / 2, middle))
            x += swatch + spacing / 2
            painter.setPen(text)
            painter.drawText(
                QRectF(x, header.top(), width + 1, header.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
            x += width + spacing

    def _paint_hover(self, painter: QPainter, layout: _Layout, base: QColor) -> None:
        point = self._nearest_point()
        if point is None:
            return
        frame, plot = layout.frame, layout.plot
        palette = self.palette()
        x = frame.x(point.step)
        guide = QPen(_mix(base, palette.color(QPalette.ColorRole.Text), 0.55), 1, Qt.PenStyle.DashLine)
        painter.setPen(guide)
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        marker = self._marker_size() * 1.6
        ys: list[float] = []
        for kind, _ in self._shown():
            value = getattr(point, FIELDS[self._metric][kind])
            if value is not None and math.isfinite(value):
                ys.append(frame.y(value))
                painter.setPen(_cap_pen(base, marker + 2, Qt.PenCapStyle.RoundCap))
                painter.drawPoint(QPointF(x, ys[-1]))
                painter.setPen(_cap_pen(self.series_colour(kind), marker, Qt.PenCapStyle.RoundCap))
                painter.drawPoint(QPointF(x, ys[-1]))

        lines = self._hover_lines()
        metrics = QFontMetricsF(self.font())
        pad = metrics.averageCharWidth()
        width = max(metrics.horizontalAdvance(line) for line in lines) + 2 * pad
        height = metrics.height() * len(lines) + pad
        left = x + pad if x + pad + width <= plot.right() else x - pad - width
        left = max(0.0, min(left, self.width() - width))
        # Away from the curves: at the bottom when this step's values are in the upper half of the plot.
        upper = bool(ys) and sum(ys) / len(ys) < plot.center().y()
        top = plot.bottom() - pad / 2 - height if upper else plot.top() + pad / 2
        box = QRectF(left, max(0.0, top), width, height)
        painter.setPen(QPen(_mix(base, palette.color(QPalette.ColorRole.Text), 0.3), 1))
        painter.setBrush(palette.color(QPalette.ColorRole.ToolTipBase))
        painter.drawRoundedRect(box, pad / 2, pad / 2)
        painter.setPen(palette.color(QPalette.ColorRole.ToolTipText))
        painter.drawText(
            box.adjusted(pad, pad / 2, -pad, -pad / 2),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            "\n".join(lines),
        )


def _mix(background: QColor, foreground: QColor, amount: float) -> QColor:
    """``foreground`` laid over ``background`` at ``amount`` opacity, as an opaque colour."""
    return QColor.fromRgbF(
        background.redF() + (foreground.redF() - background.redF()) * amount,
        background.greenF() + (foreground.greenF() - background.greenF()) * amount,
        background.blueF() + (foreground.blueF() - background.blueF()) * amount,
    )


def _cap_pen(colour: QColor, width: float, cap: Qt.PenCapStyle) -> QPen:
    pen = QPen(colour, width)
    pen.setCapStyle(cap)
    return pen
