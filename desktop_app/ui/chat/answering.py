"""Asking a model one question and streaming its answer, from a worker thread.

The chat and the comparison view both use :func:`stream_answer`: it sends the request the model's kind needs
(chat messages, or a legacy completion prompt ending in the training separator and stopped at the training
ending), reports the pieces, and returns the answer's numbers: first-token latency, duration and tokens (as
the service counted them, else counted here with the model's tokenizer, marked estimated).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject

from desktop_app.core.dataset import Dataset
from desktop_app.core.errors import DatasetError
from desktop_app.core.formats import LegacyFormat, legacy_format
from desktop_app.core.models import is_legacy_model
from desktop_app.core.tokens import TokenizerError, encoding_for_model, get_encoding
from desktop_app.providers.base import TextStream, TrainingProvider
from desktop_app.providers.errors import ErrorKind, ProviderError
from desktop_app.providers.types import ChatMessage, GenerationOptions
from desktop_app.ui.chat.saving import ExchangeSaver
from desktop_app.ui.workers import CancelToken

LEGACY_MAX_TOKENS = 512  # a legacy model stops at the training ending; this bounds one that never writes it


@dataclass(frozen=True)
class AnswerRequest:
    model: str
    messages: tuple[ChatMessage, ...]  # chat models: system, the context, the question
    prompt: str  # legacy completion models: the question and the training separator
    options: GenerationOptions
    ending_is_text: str = ""  # the stop sequence is the data's own last words: given back when it stops there

    @property
    def legacy(self) -> bool:
        return is_legacy_model(self.model)


@dataclass(frozen=True)
class AnswerStats:
    first_token_ms: int | None
    total_ms: int
    prompt_tokens: int | None
    completion_tokens: int | None
    estimated: bool  # the service gave no counts: counted here with the model's tokenizer
    finish_reason: str  # "stop", "length" (hit the token limit), "stopped" (by the user), ...


class AnswerWords(QObject):
    """The words under an answer. A QObject because Qt's translation tools read plural forms ("%n
    token(s)") only from ``tr()`` calls."""

    def describe(self, stats: AnswerStats) -> str:
        """An answer's numbers in a line: "≈ 42 tokens · first token 0.31 s · 1.2 s in all"."""
        parts: list[str] = []
        if stats.completion_tokens is not None:
            tokens = self.tr("%n token(s)", "", stats.completion_tokens)
            parts.append(("≈ " if stats.estimated else "") + tokens)
        if stats.first_token_ms is not None:
            parts.append(self.tr("first token %1 s").replace("%1", f"{stats.first_token_ms / 1000:.2f}"))
        if stats.total_ms:
            parts.append(self.tr("%1 s in all").replace("%1", f"{stats.total_ms / 1000:.1f}"))
        if stats.finish_reason == "length":
            parts.append(self.tr("cut short by the max tokens setting"))
        elif stats.finish_reason == "stopped":
            parts.append(self.tr("stopped"))
        return " · ".join(parts)


def describe_stats(stats: AnswerStats) -> str:
    """:meth:`AnswerWords.describe`."""
    return AnswerWords().describe(stats)


class PieceBuffer:
    """Pieces of an answer on their way from the streaming thread to the UI thread. The UI is woken once
    per batch (when the buffer was empty), not once per piece: a fast service sending thousands of pieces a
    second would otherwise queue thousands of signals, handled in one long pass of the event loop."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._parts: list[str] = []
        self._chars = 0

    def put(self, piece: str) -> bool:
        """Add a piece; True if the buffer was empty (the UI must be woken)."""
        with self._lock:
            was_empty = not self._parts
            self._parts.append(piece)
            self._chars += len(piece)
            return was_empty

    def take(self) -> str:
        """Everything that arrived since the last take."""
        with self._lock:
            text = "".join(self._parts)
            self._parts.clear()
            self._chars = 0
            return text

    @property
    def waiting(self) -> int:
        """Characters put and not taken yet."""
        return self._chars


BACKLOG_CHARS = 2_000
"""Characters the window has not taken yet beyond which a stream waits for it: a service faster than the
window (three at once, or a local model) would otherwise only take the interpreter's lock from it."""
BACKLOG_WAIT_S = 0.002
BACKLOG_MAX_WAIT_S = 0.5  # a window that takes nothing (the answer was left) does not hold the stream up long


@dataclass(frozen=True)
class PiecesReady:
    """Reported when pieces wait in ``buffer``: the receiver calls ``buffer.take()``."""

    buffer: PieceBuffer


TrainedFormat = Callable[[str, str], "LegacyFormat | None"]
"""(profile id, model) → how that legacy model was trained, when the app kept it (called in workers)."""


def legacy_markers_of(dataset: Dataset | None) -> tuple[str, str]:
    """The separator and ending the training data used; none if they cannot be told (no or odd data)."""
    found = _legacy_format_of(dataset)
    return (found.separator, found.ending) if found is not None else ("", "")


def _legacy_format_of(dataset: Dataset | None) -> LegacyFormat | None:
    if dataset is None or not dataset.examples:
        return None
    try:
        return legacy_format(dataset)  # the separator and ending the export used, chosen or suggested
    except DatasetError:
        return None


def build_request(
    model: str,
    question: str,
    *,
    system: str = "",
    context: Sequence[ChatMessage] = (),
    options: GenerationOptions | None = None,
    dataset: Dataset | None = None,
    trained_format: LegacyFormat | None = None,
) -> AnswerRequest:
    """The request for ``question``: a chat with the system prompt and context, or for a legacy model a prompt
    ending in the training separator, stopped at the training ending (the user never sees either). Those are
    the ones the model was trained with (``trained_format``, kept when the app uploaded its data) where known,
    else ``dataset``'s."""
    options = options or GenerationOptions()
    if is_legacy_model(model):
        shape = trained_format or _legacy_format_of(dataset) or LegacyFormat("", "")
        separator, ending = shape.separator, shape.ending
        legacy_options = GenerationOptions(
            temperature=options.temperature,
            top_p=options.top_p,
            max_tokens=options.max_tokens or LEGACY_MAX_TOKENS,
            stop=(ending,) if ending else (),
        )
        # Markers the data already had (a common suffix, as prepare_data keeps them) are its own words: the
        # question may end with the separator already, and the answer ends with the ending.
        prompt = question if separator and question.endswith(separator) else question + separator
        return AnswerRequest(model, (), prompt, legacy_options, ending if shape.ending_in_data else "")
    messages = ([ChatMessage("system", system)] if system else []) + [*context, ChatMessage("user", question)]
    return AnswerRequest(model, tuple(messages), "", options)


def require_provider(
    get_provider: Callable[[], TrainingProvider | None], model: str, *, practice: bool = False
) -> TrainingProvider:
    """The provider to ask (connected here, in the worker), or the error the user is shown when there is
    none: a profile without a key, or a Practice service no longer running."""
    provider = get_provider()
    if provider is None:
        kind = ErrorKind.CONNECTION if practice else ErrorKind.AUTHENTICATION
        operation = "completion" if is_legacy_model(model) else "chat"
        raise ProviderError(kind, "no service to ask", operation=operation, model=model)
    return provider


def _wait_for_the_window(buffer: PieceBuffer, token: CancelToken) -> None:
    """While the window is behind (pieces wait untaken), read no further: the window catches up sooner."""
    waited = 0.0
    while buffer.waiting >= BACKLOG_CHARS and waited < BACKLOG_MAX_WAIT_S:
        if token.sleep(BACKLOG_WAIT_S):
            return
        waited += BACKLOG_WAIT_S


def stream_answer(
    provider: TrainingProvider,
    request: AnswerRequest,
    token: CancelToken,
    report: Callable[[object], None],
    *,
    saver: ExchangeSaver | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> AnswerStats:
    """Stream the answer, reporting :class:`PiecesReady` when pieces wait to be taken and, at the end,
    ``("stats", AnswerStats)``. The saver, if any, keeps the answer as it arrives, and how it ended. Errors
    are raised after the saver noted them."""
    started = clock()
    first_token_ms: int | None = None
    parts: list[str] = []
    stream: TextStream | None = None
    buffer = PieceBuffer()
    ready = PiecesReady(buffer)
    try:
        if request.legacy:
            stream = provider.stream_completion(request.model, request.prompt, request.options)
        else:
            stream = provider.stream_chat(request.model, request.messages, request.options)
        token.on_cancel(stream.close)  # Stop works even while a read waits on the network
        for piece in stream:
            if first_token_ms is None:
                first_token_ms = round((clock() - started) * 1000)
            parts.append(piece)
            if saver is not None:
                saver.add(piece)
            if buffer.put(piece):
                report(ready)
            token.give_way()  # a fast service (or three at once) must not starve the window
            _wait_for_the_window(buffer, token)
        if request.ending_is_text and parts and not token.cancelled and stream.finish_reason == "stop":
            parts.append(request.ending_is_text)
            if saver is not None:
                saver.add(request.ending_is_text)
            if buffer.put(request.ending_is_text):
                report(ready)
    except Exception as exc:
        if saver is not None:
            saver.end(finish_reason="error", error=str(exc), first_token_ms=first_token_ms)
        raise
    stats = _stats(
        request,
        stream,
        parts,
        first_token_ms=first_token_ms,
        total_ms=round((clock() - started) * 1000),
        stopped=token.cancelled,
    )
    if saver is not None:
        saver.end(
            finish_reason=stats.finish_reason,
            first_token_ms=first_token_ms,
            prompt_tokens=stats.prompt_tokens,
            completion_tokens=stats.completion_tokens,
        )
    report(("stats", stats))
    return stats


def _stats(
    request: AnswerRequest,
    stream: TextStream,
    parts: list[str],
    *,
    first_token_ms: int | None,
    total_ms: int,
    stopped: bool,
) -> AnswerStats:
    usage = stream.usage
    finish = "stopped" if stopped else (stream.finish_reason or "stop")
    if usage is not None:
        return AnswerStats(
            first_token_ms, total_ms, usage.prompt_tokens, usage.completion_tokens, False, finish
        )
    counted = _count(request.model, "".join(parts)) if parts else None
    return AnswerStats(first_token_ms, total_ms, None, counted, True, finish)


def _count(model: str, text: str) -> int | None:
    try:
        encoding = get_encoding(encoding_for_model(model))
    except TokenizerError:
        return None
    return len(encoding.encode(text, disallowed_special=()))
