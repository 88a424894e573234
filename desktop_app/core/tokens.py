"""Token counts and the training-cost estimate, offline: the encodings ship in ``resources/tokenizers``.

Counting follows OpenAI's cookbook ("Chat_finetuning_data_prep"): each message costs 3 tokens plus the tokens of
each of its values (role and content; 1 more for a ``name``), and each example 3 more. Text is encoded with
``encode_ordinary``, so strings such as ``<|endoftext|>`` in user data count as the plain text they are.

Nothing here touches the network or writes a file: the ``.tiktoken`` files are read and checked against their
sha256 by this module, never through tiktoken's downloader or its cache.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
import statistics
import threading
import types
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import tiktoken
import tiktoken_ext.openai_public

from desktop_app.core.dataset import Dataset, Example
from desktop_app.core.models import base_model_id, default_epochs, is_legacy_model
from desktop_app.core.prices import PriceTable, shipped_price_table, training_cost_usd
from desktop_app.resources import TOKENIZERS_DIR

O200K_BASE = "o200k_base"
CL100K_BASE = "cl100k_base"

ENCODING_SHA256: Mapping[str, str] = types.MappingProxyType(
    {
        # Also in resources/tokenizers/README.md; tiktoken_ext.openai_public expects the same values.
        O200K_BASE: "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
        CL100K_BASE: "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    }
)
"""The encodings we ship, with the sha256 of their files."""

# Longest training example (tokens) per base model; longer ones are truncated, and billed only up to this.
# From OpenAI's fine-tuning guide (shared reference, "Data formats"); models.py has no such field yet.
EXAMPLE_TOKEN_LIMITS: Mapping[str, int] = types.MappingProxyType(
    {
        "gpt-4o-mini-2024-07-18": 65_536,
        "gpt-4o-2024-08-06": 65_536,
        "gpt-4.1-2025-04-14": 65_536,
        "gpt-4.1-mini-2025-04-14": 65_536,
        "gpt-4.1-nano-2025-04-14": 65_536,
        "gpt-3.5-turbo-0125": 16_385,
    }
)

TOKENS_PER_MESSAGE = 3
TOKENS_PER_NAME = 1
TOKENS_PER_EXAMPLE = 3
"""The cookbook's allowance for the reply primer that ends every example."""

PROGRESS_EVERY = 1000
"""Rows between ``progress`` / ``should_stop`` calls in :func:`count_dataset`."""

_CL100K_EXACT = frozenset({"gpt-4", "davinci-002", "babbage-002"})
_CL100K_PREFIXES = ("gpt-4-", "gpt-3.5", "gpt-35")  # gpt-4-turbo, gpt-4-0613; "gpt-35" is Azure's spelling
_SPECIAL_TOKEN_SHAPE = re.compile(r"<\|[^|<>\s]{1,64}\|>")


class TokenizerError(Exception):
    """An encoding file is missing, damaged or unknown.

    ``code`` is ``"unknown_encoding"``, ``"missing_file"`` or ``"corrupt_file"``; ``path`` names the file.
    """

    def __init__(self, message: str, *, code: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path is not None else self.message


class CountCancelled(Exception):  # noqa: N818 - a request honoured, not an error
    """:func:`count_dataset` stopped because ``should_stop()`` said so."""

    def __init__(self, rows_done: int, rows_total: int) -> None:
        super().__init__(f"Token count cancelled after {rows_done} of {rows_total} rows")
        self.rows_done = rows_done
        self.rows_total = rows_total


# ---------------------------------------------------------------------------------------------- encodings


def tokenizers_dir(base: Path | None = None) -> Path:
    """The folder holding the ``.tiktoken`` files: ``base`` if given, else ``resources/tokenizers`` next to the
    ``desktop_app`` package (also inside a PyInstaller bundle, where ``__file__`` lies under the bundle root)."""
    if base is not None:
        return base
    return TOKENIZERS_DIR


def encoding_for_model(model_id: str) -> str:
    """The encoding of a model or of a fine-tune of it: cl100k_base for gpt-3.5, gpt-4 (not 4o / 4.1),
    davinci-002 and babbage-002; o200k_base for gpt-4o, gpt-4.1, the o-series and anything unknown."""
    base = base_model_id(model_id.strip()).lower()
    if base in _CL100K_EXACT or base.startswith(_CL100K_PREFIXES):
        return CL100K_BASE
    return O200K_BASE


def load_encoding(name: str, directory: Path | None = None) -> tiktoken.Encoding:
    """Build encoding ``name`` from its shipped file (uncached; see :func:`get_encoding`).

    Raises :class:`TokenizerError` if the name is not one we ship or the file is missing or damaged.
    """
    expected = ENCODING_SHA256.get(name)
    if expected is None:
        raise TokenizerError(
            f"Unknown encoding {name!r}; shipped: {', '.join(ENCODING_SHA256)}", code="unknown_encoding"
        )
    path = tokenizers_dir(directory) / f"{name}.tiktoken"
    ranks_read: list[Path] = []

    def read_ranks(_url: str, expected_hash: str | None = None) -> dict[bytes, int]:
        # Stands in for tiktoken's load_tiktoken_bpe, which would download ``_url`` and cache it.
        if expected_hash is not None and expected_hash != expected:
            raise TokenizerError(
                f"tiktoken expects sha256 {expected_hash} for {name}, we ship {expected}",
                code="corrupt_file",
                path=path,
            )
        ranks_read.append(path)
        return _read_ranks(path, expected)

    # tiktoken's own constructor gives the regex and special tokens; a copy of it with our reader as its
    # ``load_tiktoken_bpe`` reads the shipped file instead (no library state is changed).
    constructor = tiktoken_ext.openai_public.ENCODING_CONSTRUCTORS[name]
    offline = types.FunctionType(
        constructor.__code__,
        {**constructor.__globals__, "load_tiktoken_bpe": read_ranks},
        constructor.__name__,
        constructor.__defaults__,
        constructor.__closure__,
    )
    kwargs: dict[str, Any] = offline()
    if not ranks_read:  # a future tiktoken that loads ranks another way; the offline test would catch it too
        raise TokenizerError(
            f"tiktoken {tiktoken.__version__} builds {name} differently", code="unknown_encoding"
        )
    return tiktoken.Encoding(**kwargs)


def _read_ranks(path: Path, expected_sha256: str) -> dict[bytes, int]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise TokenizerError("Tokenizer file is missing", code="missing_file", path=path) from None
    except OSError as exc:
        raise TokenizerError(f"Tokenizer file cannot be read: {exc}", code="missing_file", path=path) from exc
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected_sha256:
        raise TokenizerError(
            f"Tokenizer file is damaged (sha256 {actual}, expected {expected_sha256})",
            code="corrupt_file",
            path=path,
        )
    ranks: dict[bytes, int] = {}
    try:
        for line in data.splitlines():
            if line:
                token, rank = line.split()
                ranks[base64.b64decode(token)] = int(rank)
    except ValueError as exc:  # binascii.Error included; unreachable once the hash matched
        raise TokenizerError(f"Tokenizer file is damaged: {exc}", code="corrupt_file", path=path) from exc
    return ranks


_encodings: dict[str, tiktoken.Encoding] = {}
_encodings_lock = threading.Lock()


def get_encoding(name: str) -> tiktoken.Encoding:
    """Encoding ``name`` from the shipped files, loaded once per process (thread-safe; ~0.5 s the first time)."""
    with _encodings_lock:
        encoding = _encodings.get(name)
        if encoding is None:
            encoding = _encodings[name] = load_encoding(name)
        return encoding


def find_special_tokens(text: str) -> list[str]:
    """Strings shaped like special tokens (``<|endoftext|>``, ``<|im_start|>``, ``<|fim_prefix|>``...) in ``text``,
    each once, in order of appearance. They count as plain text here, but in training data they are usually
    a leftover from another tool's chat template."""
    if "<|" not in text:
        return []
    return list(dict.fromkeys(_SPECIAL_TOKEN_SHAPE.findall(text)))


def special_token_rows(
    dataset: Dataset, *, system_prompt: str = "", legacy: bool = False
) -> dict[int, list[str]]:
    """0-based rows whose trained text holds special-token-shaped strings, with the strings found.

    The system text is trained only for chat models, and a row's own system text wins over ``system_prompt``.
    """
    found_by_row: dict[int, list[str]] = {}
    for index, example in enumerate(dataset.examples):
        system = "" if legacy else (example.system or system_prompt)
        if example.history or example.steps or example.rejected:
            texts = [system, *list(example.texts())[1:]]  # texts() starts with the row's own system text
        else:
            texts = [system, example.prompt, example.completion]
        found = find_special_tokens("\n".join(texts))
        if found:
            found_by_row[index] = found
    return found_by_row


# ------------------------------------------------------------------------------------------------ counting


@dataclass(frozen=True, slots=True)
class ExampleTokens:
    total: int
    """Tokens the example costs in training (before truncation at the model's limit)."""
    assistant: int
    """Tokens of the assistant's reply (the completion) alone."""


def count_message_tokens(messages: Iterable[Mapping[str, str]], encoding: tiktoken.Encoding) -> int:
    """The cookbook's ``num_tokens_from_messages`` for one chat example (any keys; ``name`` costs 1 more)."""
    total = TOKENS_PER_EXAMPLE
    for message in messages:
        total += TOKENS_PER_MESSAGE
        for key, value in message.items():
            total += len(encoding.encode_ordinary(value))
            if key == "name":
                total += TOKENS_PER_NAME
    return total


class _RowCounter:
    """Counts rows with the per-message overheads worked out once (the roles' tokens do not change)."""

    def __init__(self, encoding: tiktoken.Encoding, system_prompt: str, *, legacy: bool) -> None:
        self.encode = encoding.encode_ordinary
        self.legacy = legacy
        self.default_system = system_prompt

        def overhead(role: str) -> int:
            return TOKENS_PER_MESSAGE + len(self.encode(role))

        self.fixed = TOKENS_PER_EXAMPLE + overhead("user") + overhead("assistant")
        self.system_overhead = overhead("system")
        self.last_system = system_prompt
        self.last_system_tokens = len(self.encode(system_prompt))

    def count(self, example: Example) -> tuple[int, int, int]:
        """(total tokens, assistant tokens, messages) of one row."""
        encode = self.encode
        if example.history or example.steps or example.tools or example.tool_calls or example.rejected:
            return self.count_conversation(example)
        assistant = len(encode(example.completion))
        if self.legacy:
            return len(encode(example.prompt)) + assistant, assistant, 2
        total = self.fixed + len(encode(example.prompt)) + assistant
        system = example.system or self.default_system
        if not system:
            return total, assistant, 2
        if system != self.last_system:  # rows usually share one system text: encode it once
            self.last_system = system
            self.last_system_tokens = len(encode(system))
        return total + self.system_overhead + self.last_system_tokens, assistant, 3

    def count_conversation(self, example: Example) -> tuple[int, int, int]:
        """A whole conversation, the cookbook's way: 3 per example, per message 3 + its role and text (+1 for a
        name); tool calls and the tools offered count as their JSON text. A rejected (DPO) answer counts as one
        more assistant message. Legacy models see prompt + completion only."""
        encode = self.encode
        if self.legacy:
            assistant = len(encode(example.completion))
            return len(encode(example.prompt)) + assistant, assistant, 2
        messages = example.messages(self.default_system)
        total, assistant = TOKENS_PER_EXAMPLE, 0
        for message in messages:
            tokens = (
                len(encode(message.content)) + len(encode(message.tool_calls))
                if message.tool_calls
                else len(encode(message.content))
            )
            total += TOKENS_PER_MESSAGE + len(encode(message.role)) + tokens
            if message.name:
                total += TOKENS_PER_NAME + len(encode(message.name))
            if message.role == "assistant" and message.weight != 0:
                assistant += tokens
        if example.rejected:
            rejected = len(encode(example.rejected))
            total += TOKENS_PER_MESSAGE + len(encode("assistant")) + rejected
        if example.tools:
            total += len(encode(example.tools))
        return total, assistant, len(messages)


def count_example_tokens(
    example: Example, encoding: tiktoken.Encoding, *, system_prompt: str = "", legacy: bool = False
) -> ExampleTokens:
    """Tokens of one row as trained: chat messages (system from the row, else ``system_prompt``, else none),
    or for legacy models prompt + completion."""
    total, assistant, _ = _RowCounter(encoding, system_prompt, legacy=legacy).count(example)
    return ExampleTokens(total, assistant)


@dataclass(frozen=True, slots=True)
class Distribution:
    """Like the cookbook's ``print_distribution``; quantiles interpolate linearly, as numpy's default does.
    All zero when there are no values."""

    count: int
    min: int
    max: int
    mean: float
    median: float
    p10: float
    p90: float

    @classmethod
    def of(cls, values: Iterable[int]) -> Distribution:
        ordered = sorted(values)
        if not ordered:
            return cls(0, 0, 0, 0.0, 0.0, 0.0, 0.0)

        def quantile(q: float) -> float:
            position = q * (len(ordered) - 1)
            low = int(position)
            high = min(low + 1, len(ordered) - 1)
            return ordered[low] + (ordered[high] - ordered[low]) * (position - low)

        return cls(
            count=len(ordered),
            min=ordered[0],
            max=ordered[-1],
            mean=statistics.fmean(ordered),
            median=quantile(0.5),
            p10=quantile(0.1),
            p90=quantile(0.9),
        )


@dataclass(frozen=True)
class TokenReport:
    """Token counts of a dataset for one model, and what training it would cost."""

    model_id: str
    encoding: str
    legacy: bool
    """Counted as prompt/completion pairs (davinci-002, babbage-002) rather than chat messages."""
    row_tokens: list[int] = field(repr=False)
    """Per row (same order as ``dataset.examples``): tokens as trained."""
    row_assistant_tokens: list[int] = field(repr=False)
    messages_per_example: Distribution
    tokens_per_example: Distribution
    assistant_tokens_per_example: Distribution
    example_limit: int | None
    """Longest example the model trains on (tokens); None when unknown (nothing is then flagged or cut)."""
    rows_over_limit: list[int]
    """0-based indexes of rows longer than ``example_limit`` (OpenAI truncates them)."""
    billed_tokens_per_epoch: int
    """Σ min(limit, tokens) over the rows."""
    epochs: int
    """What "auto" picks for this many examples (:func:`~desktop_app.core.models.default_epochs`)."""
    training_tokens: int
    """``billed_tokens_per_epoch × epochs``."""
    usd_per_1m_tokens: float | None
    """From the price table handed to :func:`count_dataset`; None when the model has no price there."""
    price_date: date | None
    """When that price was checked (or typed in by the user)."""
    estimated_usd: float | None
    """None when the model's price is unknown."""

    @property
    def n_examples(self) -> int:
        return len(self.row_tokens)

    def estimated_usd_for(self, epochs: int) -> float | None:
        """The estimate for a chosen number of epochs instead of "auto"."""
        if self.usd_per_1m_tokens is None:
            return None
        return training_cost_usd(self.usd_per_1m_tokens, self.billed_tokens_per_epoch, epochs)


def count_dataset(
    dataset: Dataset,
    model_id: str,
    *,
    system_prompt: str = "",
    limit: int | None = None,
    should_stop: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
    prices: PriceTable | None = None,
) -> TokenReport:
    """Count every row for ``model_id`` and estimate the cost of training on it.

    The price comes from ``prices`` (the shipped table if None; the app hands in the user's table).
    ``limit`` overrides the model's per-example token limit. ``progress(done, total)`` and ``should_stop()``
    are called every :data:`PROGRESS_EVERY` rows (meant for a worker thread); when ``should_stop()`` returns
    True this raises :class:`CountCancelled`.
    """
    encoding_name = encoding_for_model(model_id)
    legacy = is_legacy_model(model_id)
    counter = _RowCounter(get_encoding(encoding_name), system_prompt, legacy=legacy)
    count = counter.count
    examples = dataset.examples
    n_rows = len(examples)
    totals: list[int] = []
    assistants: list[int] = []
    messages: list[int] = []
    # A plain per-row loop: faster than encode_ordinary_batch on this kind of data (shared ecosystem notes).
    # One pass over ``examples`` itself (not slices of it), so a caller's paced sequence paces this loop too.
    rows = iter(examples)
    for start in range(0, n_rows, PROGRESS_EVERY):
        if should_stop is not None and should_stop():
            raise CountCancelled(start, n_rows)
        if progress is not None and start:
            progress(start, n_rows)
        for example in itertools.islice(rows, PROGRESS_EVERY):
            total, assistant, n_messages = count(example)
            totals.append(total)
            assistants.append(assistant)
            messages.append(n_messages)
    if progress is not None:
        progress(n_rows, n_rows)

    if limit is None:
        limit = EXAMPLE_TOKEN_LIMITS.get(base_model_id(model_id.strip()))
    if limit is None:
        billed = sum(totals)
        over: list[int] = []
    else:
        billed = sum(min(limit, tokens) for tokens in totals)
        over = [index for index, tokens in enumerate(totals) if tokens > limit]
    epochs = default_epochs(n_rows)
    price = (prices if prices is not None else shipped_price_table()).price_for(model_id)
    return TokenReport(
        model_id=model_id,
        encoding=encoding_name,
        legacy=legacy,
        row_tokens=totals,
        row_assistant_tokens=assistants,
        messages_per_example=Distribution.of(messages),
        tokens_per_example=Distribution.of(totals),
        assistant_tokens_per_example=Distribution.of(assistants),
        example_limit=limit,
        rows_over_limit=over,
        billed_tokens_per_epoch=billed,
        epochs=epochs,
        training_tokens=billed * epochs,
        usd_per_1m_tokens=None if price is None else price.usd_per_1m_tokens,
        price_date=None if price is None else price.checked,
        estimated_usd=None if price is None else price.estimate_usd(billed, epochs),
    )
