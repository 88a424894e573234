"""Loss and accuracy per training step, for the live chart: from metrics events and from the result file.

While a job runs, its metrics events carry each step's numbers; once it has finished, the result file
(``step_metrics.csv``) holds them all. :func:`merge_metrics` joins the two, so the chart can start from events
and be completed (or corrected) by the file.
"""

from __future__ import annotations

import base64
import csv
import dataclasses
import io
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from desktop_app.providers.types import JobEvent


@dataclass(frozen=True)
class MetricPoint:
    step: int
    train_loss: float | None = None
    train_accuracy: float | None = None
    valid_loss: float | None = None
    valid_accuracy: float | None = None
    full_valid_loss: float | None = None
    full_valid_accuracy: float | None = None


VALUE_FIELDS = (
    "train_loss",
    "train_accuracy",
    "valid_loss",
    "valid_accuracy",
    "full_valid_loss",
    "full_valid_accuracy",
)

# The names services use for each field, preferred first: OpenAI's events and checkpoints say
# "*_mean_token_accuracy", its step_metrics.csv says "train_accuracy"; the legacy results.csv said "training_*" and
# "validation_*".
_ALIASES: Mapping[str, tuple[str, ...]] = {
    "train_loss": ("train_loss", "training_loss"),
    "train_accuracy": ("train_mean_token_accuracy", "train_accuracy", "training_token_accuracy"),
    "valid_loss": ("valid_loss", "validation_loss"),
    "valid_accuracy": ("valid_mean_token_accuracy", "valid_accuracy", "validation_token_accuracy"),
    "full_valid_loss": ("full_valid_loss",),
    "full_valid_accuracy": ("full_valid_mean_token_accuracy", "full_valid_accuracy"),
}
_COLUMN_FIELD = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}


class ResultFileError(ValueError):
    """A result file that cannot be read as step metrics.

    ``line`` is the 1-based line of the (decoded) CSV text, ``column`` the header name of the bad cell;
    ``code`` is one of ``"not_text"``, ``"empty_file"``, ``"no_step_column"``, ``"bad_csv"``, ``"bad_row"``,
    ``"bad_step"``, ``"bad_number"``.
    """

    def __init__(
        self, message: str, *, code: str, line: int | None = None, column: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = [f"line {self.line}"] if self.line is not None else []
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


# ------------------------------------------------------------------------------------------------- events


def metrics_from_events(events: Iterable[JobEvent]) -> list[MetricPoint]:
    """One point per reported step, by step; values that are not finite numbers are left out (None).

    When two events report the same step, the later one (by time, then by position) wins whole.
    """
    chosen: dict[int, tuple[int, MetricPoint]] = {}
    for event in events:
        if event.type != "metrics":
            continue
        step = _step_value(event.data.get("step"))
        if step is None:
            continue
        values = {name: _first_number(event.data, aliases) for name, aliases in _ALIASES.items()}
        point = MetricPoint(step, **values)
        previous = chosen.get(step)
        if previous is None or event.created_at >= previous[0]:
            chosen[step] = (event.created_at, point)
    return [chosen[step][1] for step in sorted(chosen)]


def _step_value(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return int(value)
    return None


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:  # an int too big for a float
        return None
    return number if math.isfinite(number) else None


def _first_number(data: Mapping[str, object], aliases: Iterable[str]) -> float | None:
    for alias in aliases:
        number = _number(data.get(alias))
        if number is not None:
            return number
    return None


# ----------------------------------------------------------------------------------------------- CSV file


def parse_result_csv(content: bytes) -> list[MetricPoint]:
    """The points of a step_metrics.csv, by step; ``content`` is the CSV itself or its base64 text.

    OpenAI's files endpoint hands result files out base64-encoded, other services (and the simulator) as the
    CSV itself. Empty cells (and "nan") become None; a repeated step keeps its last row.

    Raises :class:`ResultFileError` naming the line for anything that is not such a CSV.
    """
    text = _decode(content)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        while header is not None and not any(cell.strip() for cell in header):
            header = next(reader, None)
        if header is None:
            raise ResultFileError("The result file is empty.", code="empty_file", line=1)
        header_line = reader.line_num
        names = [cell.strip().lstrip("\ufeff").lower() for cell in header]
        if "step" not in names:
            shown = ", ".join(repr(cell) for cell in header[:8]) or "nothing"
            raise ResultFileError(
                f"This is not a step metrics CSV: the header has no 'step' column (found {shown}).",
                code="no_step_column",
                line=header_line,
            )
        step_index = names.index("step")
        columns = [
            (index, name, _COLUMN_FIELD[name]) for index, name in enumerate(names) if name in _COLUMN_FIELD
        ]
        rows: dict[int, MetricPoint] = {}
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            line = reader.line_num
            if len(row) != len(names):
                raise ResultFileError(
                    f"The row has {len(row)} cells but the header has {len(names)}.",
                    code="bad_row",
                    line=line,
                )
            step = _parse_step(row[step_index], line)
            values: dict[str, float | None] = {}
            for index, name, field_name in columns:
                number = _parse_cell(row[index], line, name)
                if values.get(field_name) is None:
                    values[field_name] = number
            rows[step] = MetricPoint(step, **values)
    except csv.Error as error:
        raise ResultFileError(
            f"This is not valid CSV: {error}.", code="bad_csv", line=reader.line_num
        ) from error
    return [rows[step] for step in sorted(rows)]


def _decode(content: bytes) -> str:
    raw = _text_or_none(content)
    if raw is not None and _looks_like_csv(raw):
        return raw
    compact = b"".join(content.split())
    if compact:
        try:
            decoded = base64.b64decode(compact, validate=True)
        except ValueError:  # binascii.Error: not base64
            decoded = None
        if decoded is not None:
            text = _text_or_none(decoded)
            if text is not None:
                return text
    if raw is None:
        raise ResultFileError(
            "The result file is neither text nor base64-encoded text.", code="not_text", line=None
        )
    return raw


def _text_or_none(content: bytes) -> str | None:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _looks_like_csv(text: str) -> bool:
    for line in text.splitlines():
        if line.strip():
            return "," in line or line.strip().lower() == "step"
    return True  # blank: let the parser say it is empty


def _parse_step(cell: str, line: int) -> int:
    value = cell.strip()
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or not number.is_integer() or number < 0:
        shown = repr(value) if value else "an empty cell"
        raise ResultFileError(
            f"The step must be a whole number, not {shown}.", code="bad_step", line=line, column="step"
        )
    return int(number)


def _parse_cell(cell: str, line: int, column: str) -> float | None:
    value = cell.strip()
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise ResultFileError(
            f"{value!r} is not a number.", code="bad_number", line=line, column=column
        ) from None
    # pandas writes missing values as "nan"; a chart has nothing to draw for them either way.
    return number if math.isfinite(number) else None


# ------------------------------------------------------------------------------------------------- merging


def merge_metrics(*series: Iterable[MetricPoint]) -> list[MetricPoint]:
    """One point per step, by step: a value from a later series replaces an earlier one; None never does.

    Typical use: ``merge_metrics(metrics_from_events(events), parse_result_csv(content))``, so the file's
    numbers win and the events fill in what the file lacks (full validation figures, steps after the file).
    """
    merged: dict[int, MetricPoint] = {}
    for points in series:
        for point in points:
            earlier = merged.get(point.step)
            if earlier is None:
                merged[point.step] = point
                continue
            changes = {
                name: getattr(point, name) for name in VALUE_FIELDS if getattr(point, name) is not None
            }
            merged[point.step] = dataclasses.replace(earlier, **changes)
    return [merged[step] for step in sorted(merged)]
