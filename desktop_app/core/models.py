"""The base models offered in the New-job dialog: their data format and announced shutdown dates.

Prices are not here: they live in one dated, editable table, ``resources/prices.json``
(:mod:`desktop_app.core.prices`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

ModelFamily = Literal["chat", "legacy"]
"""chat: ``{"messages": [...]}`` JSONL; legacy: ``{"prompt", "completion"}`` JSONL (davinci-002, babbage-002)."""


@dataclass(frozen=True)
class BaseModelInfo:
    id: str
    family: ModelFamily
    display_name: str
    shutdown_date: dt.date | None = None
    """Announced retirement of the base model (fine-tunes of it stop with it)."""


_RETIREMENT = dt.date(2027, 1, 14)

BASE_MODELS: tuple[BaseModelInfo, ...] = (
    BaseModelInfo("gpt-4o-mini-2024-07-18", "chat", "GPT-4o mini", _RETIREMENT),
    BaseModelInfo("gpt-4.1-mini-2025-04-14", "chat", "GPT-4.1 mini", _RETIREMENT),
    BaseModelInfo("gpt-4.1-nano-2025-04-14", "chat", "GPT-4.1 nano"),
    BaseModelInfo("gpt-4.1-2025-04-14", "chat", "GPT-4.1", _RETIREMENT),
    BaseModelInfo("gpt-4o-2024-08-06", "chat", "GPT-4o", _RETIREMENT),
    BaseModelInfo("gpt-3.5-turbo-0125", "chat", "GPT-3.5 Turbo"),
    BaseModelInfo("davinci-002", "legacy", "davinci-002 (prompt/completion)"),
    BaseModelInfo("babbage-002", "legacy", "babbage-002 (prompt/completion)"),
)

_BY_ID = {model.id: model for model in BASE_MODELS}

# Base models trained on prompt/completion pairs; the 2022 ones (davinci, curie, babbage, ada) are gone, but
# their old fine-tune ids ("davinci:ft-acme-2023-01-01") can still appear in a user's history.
LEGACY_BASES = frozenset({"davinci-002", "babbage-002", "davinci", "curie", "babbage", "ada"})

DEFAULT_EPOCHS = 3
_MIN_TARGET_EXAMPLES = 100
_MAX_TARGET_EXAMPLES = 25_000
_MAX_DEFAULT_EPOCHS = 25
_MIN_DEFAULT_EPOCHS = 1


def find_model(model_id: str) -> BaseModelInfo | None:
    """The catalogue entry for a base model id, or for the base of a fine-tuned id."""
    return _BY_ID.get(model_id) or _BY_ID.get(base_model_id(model_id))


def base_model_id(model_id: str) -> str:
    """``ft:gpt-4o-mini-2024-07-18:org:suffix:abc`` -> ``gpt-4o-mini-2024-07-18``; old ``curie:ft-...`` -> ``curie``.

    Other ids come back unchanged.
    """
    if model_id.startswith("ft:"):
        return model_id[3:].split(":", 1)[0]
    head, _, tail = model_id.partition(":")
    if tail.startswith("ft-"):
        return head
    return model_id


def is_legacy_model(model_id: str) -> bool:
    """True for models (base or fine-tuned) that take prompt/completion data and the completions endpoint."""
    return base_model_id(model_id.strip()).lower() in LEGACY_BASES


def default_epochs(n_examples: int) -> int:
    """The epochs OpenAI picks for "auto": 3, more for tiny datasets, fewer for huge ones (cookbook rule)."""
    if n_examples < 1:
        return DEFAULT_EPOCHS
    if n_examples * DEFAULT_EPOCHS < _MIN_TARGET_EXAMPLES:
        return min(_MAX_DEFAULT_EPOCHS, _MIN_TARGET_EXAMPLES // n_examples)
    if n_examples * DEFAULT_EPOCHS > _MAX_TARGET_EXAMPLES:
        return max(_MIN_DEFAULT_EPOCHS, _MAX_TARGET_EXAMPLES // n_examples)
    return DEFAULT_EPOCHS


SUFFIX_MAX_CHARS = 64
# OpenAI documents 1-64 characters; a colon would break the "ft:base:org:suffix:id" model name.
_SUFFIX_RE = re.compile(rf"[A-Za-z0-9_.\-\u4e00-\u9fff]{{1,{SUFFIX_MAX_CHARS}}}")


def is_valid_suffix(suffix: str) -> bool:
    """A fine-tuned model's name part: letters, digits, Chinese characters, "-", "_" and "." (1-64)."""
    return _SUFFIX_RE.fullmatch(suffix) is not None
