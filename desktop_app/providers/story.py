"""A fine-tuning job's story in plain words, as the legacy ``openai api fine_tunes.follow`` told it.

The service's events are terse and partly technical (one per training step); :func:`job_story` turns them into a
short list of lines: created, validated, started, one line per finished epoch, checkpoints, the new model, and
how it ended. Each line carries a stable ``kind`` and the ``params`` its words need, so the UI can say it in the
user's language; ``text`` is the English the command line and the logs use.

Messages are recognised by their wording, which OpenAI, its compatible services and the simulator share; the
match is forgiving (case, hyphens, optional words) and anything unrecognised is kept as the service wrote it.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from desktop_app.core.models import is_legacy_model
from desktop_app.core.prices import PriceTable
from desktop_app.providers.types import Job, JobEvent

STORY_KINDS = frozenset(
    {
        "created",  # params: job_id
        "cost",  # params: amount ("1.23"), currency ("USD")
        "validating",  # params: training_file, and validation_file when there is one
        "validated",  # no params: files passed validation, the job goes to the queue
        "queued",  # params: queue_number when the service gave one
        "started",
        "epoch",  # params: epoch, epochs
        "checkpoint",  # params: step, and model when the message names it
        "model_created",  # params: model
        "evaluating",  # safety (usage policy) checks of the new model
        "enabled",  # the checks passed: the model can be used
        "succeeded",
        "failed",  # params: reason (may be empty)
        "cancelled",
        "paused",
        "resumed",
        "message",  # params: text, the event's own words
    }
)

LEVELS = ("info", "warning", "error")

# OpenAI allows at most 50 epochs; a value far beyond that is bad data, and counting epochs for it would only
# flood the story.
_MAX_EPOCHS = 1000


@dataclass(frozen=True)
class StoryLine:
    at: int
    """Unix seconds of the event."""
    kind: str
    """One of :data:`STORY_KINDS`."""
    params: Mapping[str, str] = field(default_factory=dict)
    """What the words need, e.g. ``{"epoch": "2", "epochs": "3"}``."""
    text: str = ""
    """Plain English, for the command line and logs."""
    level: str = "info"
    """``"info"``, ``"warning"`` or ``"error"``."""


# ---------------------------------------------------------------------------------------------- recognition

_FT = r"fine[- ]?tun(?:e|ing)"
# "the job", "fine-tuning job", "fine tuning job", "fine-tune", "training job", "job", ...
_JOB = rf"(?:the\s+)?(?:(?:{_FT}|training)\s+)?(?:job|{_FT}|training)"
_FLAGS = re.IGNORECASE

_STEP_MESSAGE = re.compile(r"^\s*step\s+(\d+)\s*/\s*(\d+)\b", _FLAGS)
_CREATED = re.compile(rf"^created\s+{_FT}(?:\s+job)?\b\s*(?::\s*(?P<job_id>\S+))?", _FLAGS)
_VALIDATING = re.compile(r"^validating\b", _FLAGS)
_TRAINING_FILE = re.compile(r"\btraining\s+file:\s*(?P<id>[^\s,;]+)", _FLAGS)
_VALIDATION_FILE = re.compile(r"\bvalidation\s+file:\s*(?P<id>[^\s,;]+)", _FLAGS)
_VALIDATED = re.compile(
    r"^(?:files?\s+(?:were\s+|have\s+been\s+|has\s+been\s+)?validated|validation\s+passed)\b", _FLAGS
)
_QUEUED = re.compile(
    rf"^(?:{_JOB}\s+(?:is\s+|was\s+|has\s+been\s+)?(?:en)?queued|{_JOB}\s+is\s+in\s+the\s+queue|(?:en)?queued)\b",
    _FLAGS,
)
_QUEUE_NUMBER = re.compile(r"\bqueue\s+(?:number|position)\s*:?\s*(\d+)", _FLAGS)
_STARTED = re.compile(rf"^{_JOB}\s+(?:has\s+)?started\b", _FLAGS)
_EPOCH = re.compile(
    r"^(?:completed\s+epoch\s+(?P<a>\d+)\s*/\s*(?P<b>\d+)|epoch\s+(?P<c>\d+)\s*/\s*(?P<d>\d+)\s+(?:completed|done|finished))\b",
    _FLAGS,
)
_CHECKPOINT = re.compile(r"^checkpoint\b.*?\bstep\s+(\d+)", _FLAGS)
_FT_MODEL = re.compile(r"\b(ft:[^\s,;]+)")
_MODEL_CREATED = re.compile(
    r"^(?:new\s+fine[- ]?tuned\s+model\s+(?:created|uploaded)|uploaded\s+model|(?:fine[- ]?tuned\s+)?model\s+created)"
    r"\b\s*:?\s*(?P<model>\S+)?",
    _FLAGS,
)
_EVALUATING = re.compile(r"^evaluating\s+(?:the\s+)?model\s+against\b", _FLAGS)
_ENABLED = re.compile(
    r"usage\s+polic(?:y|ies)\s+evaluations?\s+completed|\bmodel\s+is\s+now\s+enabled\b|\benabled\s+for\s+sampling\b",
    _FLAGS,
)
_SUCCEEDED = re.compile(
    rf"^{_JOB}\s+(?:has\s+)?(?:successfully\s+completed|completed\s+successfully|succeeded)\b", _FLAGS
)
_FAILED = re.compile(rf"^{_JOB}\s+(?:has\s+)?failed\b", _FLAGS)
_DUE_TO = re.compile(r"^due\s+to\s+(?:an?\s+|the\s+)?", _FLAGS)
_CANCELLED = re.compile(rf"^(?:{_JOB}\s+(?:was\s+|has\s+been\s+|is\s+)?)?cancell?ed\b", _FLAGS)
_PAUSED = re.compile(rf"^{_JOB}\s+(?:was\s+|has\s+been\s+|is\s+)?paused\b", _FLAGS)
_RESUMED = re.compile(rf"^{_JOB}\s+(?:was\s+|has\s+been\s+|is\s+)?resumed\b", _FLAGS)
_COST = re.compile(rf"^{_FT}\s+costs?\s+(?P<currency>[^\d\s.]*)\s*(?P<amount>\d+(?:\.\d+)?)", _FLAGS)

# Where each kind sits in a job's life: used only to tell which way round the caller's events are.
_PHASE = {
    "created": 0,
    "validating": 1,
    "validated": 2,
    "queued": 2,
    "started": 3,
    "model_created": 5,
    "evaluating": 6,
    "enabled": 7,
    "succeeded": 8,
    "failed": 8,
    "cancelled": 8,
}
_TRAINING_PHASE = 4

_TERMINAL_KIND = {"succeeded": "succeeded", "failed": "failed", "cancelled": "cancelled"}


@dataclass(frozen=True)
class _Reading:
    """What one event says: a story line's kind and params, or a training step (for epoch lines)."""

    kind: str | None  # None: a training step, not a line of its own
    params: dict[str, str]
    step: tuple[int, int] | None = None


def _event_step(event: JobEvent) -> tuple[int, int] | None:
    """(step, total_steps) of a metrics event, from its data or else from its "Step k/N" message."""
    step, total = _count(event.data.get("step")), _count(event.data.get("total_steps"))
    if step is not None and total is not None and total > 0:
        return step, total
    match = _STEP_MESSAGE.match(event.message)
    if match is not None:
        parsed = int(match.group(1)), int(match.group(2))
        if parsed[1] > 0:
            return parsed
    return None


def _count(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


def _read(event: JobEvent, job: Job) -> _Reading:
    message = event.message.strip()
    if event.type == "metrics" or _STEP_MESSAGE.match(message):
        return _Reading(None, {}, _event_step(event))
    if match := _CREATED.match(message):
        return _Reading("created", {"job_id": match.group("job_id") or job.id})
    if _VALIDATING.match(message):
        params: dict[str, str] = {}
        if training := _TRAINING_FILE.search(message):
            params["training_file"] = training.group("id")
        if validation := _VALIDATION_FILE.search(message):
            params["validation_file"] = validation.group("id")
        if "training_file" not in params:
            params["training_file"] = job.training_file
        return _Reading("validating", params)
    if _VALIDATED.match(message):
        return _Reading("validated", {})
    if _QUEUED.match(message):
        number = _QUEUE_NUMBER.search(message)
        return _Reading("queued", {"queue_number": number.group(1)} if number else {})
    if _STARTED.match(message):
        return _Reading("started", {})
    if match := _EPOCH.match(message):
        epoch, epochs = match.group("a") or match.group("c"), match.group("b") or match.group("d")
        return _Reading("epoch", {"epoch": str(int(epoch)), "epochs": str(int(epochs))})
    if match := _CHECKPOINT.match(message):
        params = {"step": str(int(match.group(1)))}
        if model := _FT_MODEL.search(message):
            params["model"] = model.group(1).rstrip(".")
        return _Reading("checkpoint", params)
    if match := _MODEL_CREATED.match(message):
        model_name = (match.group("model") or "").rstrip(".") or job.fine_tuned_model or ""
        return _Reading("model_created", {"model": model_name})
    if _EVALUATING.match(message):
        return _Reading("evaluating", {})
    if _ENABLED.search(message):
        return _Reading("enabled", {})
    if _SUCCEEDED.match(message):
        return _Reading("succeeded", {})
    if _FAILED.match(message):
        reason = _failure_reason(message)
        if not reason and job.error is not None:
            reason = _failure_reason(job.error.message)
        return _Reading("failed", {"reason": reason})
    if _CANCELLED.match(message):
        return _Reading("cancelled", {})
    if _PAUSED.match(message):
        return _Reading("paused", {})
    if _RESUMED.match(message):
        return _Reading("resumed", {})
    if match := _COST.match(message):
        symbol = match.group("currency").strip()
        currency = "USD" if symbol in {"", "$"} else symbol.upper()
        return _Reading("cost", {"amount": f"{float(match.group('amount')):.2f}", "currency": currency})
    return _Reading("message", {"text": message})


def _failure_reason(message: str) -> str:
    """The cause, without the "The job failed due to" that the sentence around it already says."""
    text = message.strip()
    if match := _FAILED.match(text):
        text = text[match.end() :].lstrip(" :.,;-")
        text = _DUE_TO.sub("", text, count=1)
    return text[:1].upper() + text[1:]


# ------------------------------------------------------------------------------------------------- wording


def _text(kind: str, params: Mapping[str, str]) -> str:
    if kind == "created":
        job_id = params.get("job_id", "")
        return f"Created fine-tune: {job_id}" if job_id else "Created fine-tune"
    if kind == "cost":
        money = _money(params.get("amount", ""), params.get("currency", "USD"))
        if params.get("estimate"):
            return f"Fine-tune costs about {money} (at the app's prices)"
        return f"Fine-tune costs {money}"
    if kind == "validating":
        text = f"Validating training file: {params.get('training_file', '')}"
        if "validation_file" in params:
            text += f" and validation file: {params['validation_file']}"
        return text
    if kind == "validated":
        return "Files validated, fine-tune enqueued"
    if kind == "queued":
        number = params.get("queue_number")
        return f"Fine-tune enqueued. Queue number: {number}" if number else "Fine-tune enqueued"
    if kind == "epoch":
        return f"Completed epoch {params.get('epoch', '')}/{params.get('epochs', '')}"
    if kind == "checkpoint":
        return f"Checkpoint at step {params.get('step', '')}"
    if kind == "model_created":
        return f"Uploaded model: {params.get('model', '')}"
    if kind == "failed":
        reason = params.get("reason", "")
        return f"Fine-tune failed: {reason}" if reason else "Fine-tune failed"
    if kind == "message":
        return params.get("text", "")
    return _FIXED_TEXT[kind]


_FIXED_TEXT = {
    "started": "Fine-tune started",
    "evaluating": "Checking the model against usage policies",
    "enabled": "Model enabled for use",
    "succeeded": "Fine-tune succeeded",
    "cancelled": "Fine-tune cancelled",
    "paused": "Fine-tune paused",
    "resumed": "Fine-tune resumed",
}


def _money(amount: str, currency: str) -> str:
    return f"${amount}" if currency == "USD" else f"{currency} {amount}"


def _level(kind: str, event_level: str) -> str:
    if kind == "failed":
        return "error"
    if kind == "cancelled":
        return "warning"
    lowered = event_level.strip().lower()
    if lowered in {"warn", "warning"}:
        return "warning"
    if lowered in {"error", "err", "critical", "fatal"}:
        return "error"
    return "info"


def _line(at: int, kind: str, params: Mapping[str, str], level: str = "info") -> StoryLine:
    return StoryLine(at=at, kind=kind, params=dict(params), text=_text(kind, params), level=level)


# --------------------------------------------------------------------------------------------------- story


def trained_cost(job: Job, prices: PriceTable) -> float | None:
    """What the job cost at ``prices``, once the service says how many tokens it trained on."""
    if job.trained_tokens is None:
        return None
    price = prices.price_for(job.model)
    return None if price is None else job.trained_tokens * price.usd_per_1m_tokens / 1_000_000


def job_story(
    job: Job, events: Sequence[JobEvent], *, cost: float | None = None, currency: str = "USD"
) -> list[StoryLine]:
    """The job's story, oldest line first.

    ``events`` may come in any order: newest first as the service lists them, oldest first as
    :meth:`TrainingProvider.new_events` returns them, or shuffled. Lines are ordered by time; within one second
    the job's milestones keep their life order (created, validated, started, steps, new model, ending) and other
    messages keep the order the service gave them (the direction of the whole list is worked out first).

    Metrics events become "Completed epoch k/N" lines at the step where each epoch ends, when the job's epoch
    count is known. The story always starts with "created" (from the job when no event says so) followed by
    the ``cost`` line when a cost is given (the caller's estimate, e.g. :func:`trained_cost`: said to be one),
    and a finished job always ends with how it ended.
    """
    ordered = _in_time_order(events, job)
    explicit_cost = cost if cost is not None and math.isfinite(cost) else None
    lines: list[StoryLine] = []
    epochs = job.hyperparameters.n_epochs
    if epochs is not None and not 1 <= epochs <= _MAX_EPOCHS:
        epochs = None
    epochs_done = 0
    epoch_lines: set[int] = set()
    for event, reading in ordered:
        at = event.created_at
        if reading.kind is None:
            if reading.step is None or epochs is None:
                continue
            step, total = reading.step
            per_epoch = total // epochs
            if per_epoch < 1:
                continue
            while epochs_done < epochs and step >= _epoch_end(epochs_done + 1, epochs, per_epoch, total):
                epochs_done += 1
                if epochs_done not in epoch_lines:
                    epoch_lines.add(epochs_done)
                    lines.append(_line(at, "epoch", {"epoch": str(epochs_done), "epochs": str(epochs)}))
            continue
        if reading.kind == "epoch":
            number = int(reading.params["epoch"])
            if number in epoch_lines:
                continue
            epoch_lines.add(number)
        if reading.kind == "cost" and explicit_cost is not None:
            continue  # the caller's figure replaces the service's
        lines.append(_line(at, reading.kind, reading.params, _level(reading.kind, event.level)))

    if not any(line.kind == "created" for line in lines):
        first_at = min([job.created_at, *(line.at for line in lines)])
        lines.insert(0, _line(first_at, "created", {"job_id": job.id}))
    if explicit_cost is not None:
        index = next(i for i, line in enumerate(lines) if line.kind == "created")
        code = currency.strip().upper() or "USD"
        priced = {"amount": f"{explicit_cost:.2f}", "currency": code, "estimate": "1"}
        lines.insert(index + 1, _line(lines[index].at, "cost", priced))
    ending = _TERMINAL_KIND.get(job.status)
    if ending is not None and not any(line.kind == ending for line in lines):
        last_at = lines[-1].at
        at = max(last_at, job.finished_at if job.finished_at is not None else last_at)
        params: dict[str, str] = {}
        if ending == "failed":
            params["reason"] = _failure_reason(job.error.message) if job.error is not None else ""
        lines.append(_line(at, ending, params, _level(ending, "info")))
    return lines


def _epoch_end(epoch: int, epochs: int, per_epoch: int, total: int) -> int:
    # When total_steps does not divide evenly, the last epoch takes the remainder.
    return total if epoch == epochs else epoch * per_epoch


def _in_time_order(events: Sequence[JobEvent], job: Job) -> list[tuple[JobEvent, _Reading]]:
    readings = [(event, _read(event, job)) for event in events]
    if _looks_newest_first(readings):
        readings.reverse()
    # Stable: events of the same second keep the (now oldest-first) order...
    by_time = sorted(readings, key=lambda pair: pair[0].created_at)
    ordered: list[tuple[JobEvent, _Reading]] = []
    for _, same_second in itertools.groupby(by_time, key=lambda pair: pair[0].created_at):
        group = list(same_second)
        # ...except that milestones of the job's life (created, started, step k, the new model, the end) take
        # their places among themselves in life order; the service logs them so, a shuffled list is mended.
        slots = [index for index, pair in enumerate(group) if _progress_key(*pair) is not None]
        milestones = sorted(
            (group[index] for index in slots), key=lambda pair: _progress_key(*pair) or (0, 0, 0)
        )
        for index, pair in zip(slots, milestones, strict=True):
            group[index] = pair
        ordered.extend(group)
    return ordered


def _looks_newest_first(readings: Sequence[tuple[JobEvent, _Reading]]) -> bool:
    """Whether the list runs backwards in time, judged by timestamps and, within a second, by job phase.

    A fast job logs many events in one second, so the timestamps alone often cannot tell; the phase (created
    before started before training steps before the new model before the end) can.
    """
    forwards = backwards = 0
    previous: tuple[int, int, int] | None = None
    for event, reading in readings:
        key = _progress_key(event, reading)
        if key is None:
            continue
        if previous is not None:
            if key > previous:
                forwards += 1
            elif key < previous:
                backwards += 1
        previous = key
    return backwards > forwards


def _progress_key(event: JobEvent, reading: _Reading) -> tuple[int, int, int] | None:
    if reading.kind is None:
        if reading.step is None:
            return None
        return event.created_at, _TRAINING_PHASE, 2 * reading.step[0]
    if reading.kind == "checkpoint":
        # The service logs a checkpoint just after the step it was taken at.
        return event.created_at, _TRAINING_PHASE, 2 * int(reading.params["step"]) + 1
    phase = _PHASE.get(reading.kind)
    return None if phase is None else (event.created_at, phase, 0)


def progress(job: Job, events: Sequence[JobEvent]) -> tuple[int, int] | None:
    """The latest (step, total_steps) the metrics events report, or None before the first step.

    "Latest" is the newest event (the highest step among the newest second). A succeeded job counts as all
    steps done even when its last metrics events were not fetched.
    """
    latest: tuple[int, int, int] | None = None
    for event in events:
        if event.type != "metrics" and not _STEP_MESSAGE.match(event.message):
            continue
        step = _event_step(event)
        if step is None:
            continue
        candidate = (event.created_at, step[0], step[1])
        if latest is None or candidate[:2] > latest[:2]:
            latest = candidate
    if latest is None:
        return None
    _, step_done, total = latest
    if job.status == "succeeded":
        return total, total
    return step_done, total


def format_story_line(line: StoryLine) -> str:
    """``[YYYY-MM-DD HH:MM:SS] text`` in local time, like the legacy follow command printed."""
    try:
        stamp = datetime.fromtimestamp(line.at).strftime("%Y-%m-%d %H:%M:%S")
    except (OverflowError, OSError, ValueError):
        stamp = str(line.at)
    return f"[{stamp}] {line.text}"


def usage_hint(job: Job) -> str | None:
    """How to try the new model, for a succeeded job that has one; None otherwise."""
    name = job.fine_tuned_model
    if job.status != "succeeded" or not name:
        return None
    api = "completions API (prompt/completion)" if is_legacy_model(name) else "chat completions API"
    return f'Try it in the Chat tab, or call the {api} with model="{name}".'
