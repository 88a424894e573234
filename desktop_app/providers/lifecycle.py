"""When the user's fine-tuned models stop working: services announce a shutdown date per model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.providers.types import ModelInfo

# Owners the services give their own models; a fine-tune listed under one of them is not the user's to lose.
_SERVICE_OWNERS = frozenset({"system", "openai", "openai-internal", "openai-dev"})


def parse_shutdown_date(value: str | None) -> dt.date | None:
    """A model's ``shutdown_date`` as a date: an ISO date (the spec's format), an ISO date-time, or unix time
    in seconds as a string (some services); None when absent or unreadable."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        try:
            return dt.datetime.fromtimestamp(int(text), tz=dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


@dataclass(frozen=True)
class FineTuneName:
    """The parts of an OpenAI fine-tuned model id, ``ft:BASE:ORG:SUFFIX:ID`` (suffix may be empty)."""

    base: str
    organization: str = ""
    suffix: str = ""
    id: str = ""


def parse_fine_tune_name(model_id: str) -> FineTuneName | None:
    """None unless ``model_id`` starts with ``ft:``; a checkpoint's ``ft:…:ckpt-step-N`` keeps its step in id."""
    if not model_id.startswith("ft:"):
        return None
    parts = model_id[3:].split(":")
    if not parts[0]:
        return None
    parts += [""] * (4 - len(parts))
    return FineTuneName(parts[0], parts[1], parts[2], ":".join(parts[3:]))


def is_users_fine_tune(model: ModelInfo) -> bool:
    return model.is_fine_tuned and model.owned_by.strip().lower() not in _SERVICE_OWNERS


def models_shutting_down(
    models: Sequence[ModelInfo], today: dt.date, *, within_days: int = 60
) -> list[tuple[ModelInfo, dt.date]]:
    """The user's fine-tuned models whose shutdown date is at most ``within_days`` away or already past,
    soonest first (then by id, so the order is stable)."""
    horizon = today + dt.timedelta(days=within_days)
    found: list[tuple[ModelInfo, dt.date]] = []
    for model in models:
        if not is_users_fine_tune(model):
            continue
        date = parse_shutdown_date(model.shutdown_date)
        if date is not None and date <= horizon:
            found.append((model, date))
    found.sort(key=lambda pair: (pair[1], pair[0].id))
    return found
