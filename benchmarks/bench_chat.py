"""The Chat tab's streaming, history and Compare mode against bare baselines: ``uv run python benchmarks/bench_chat.py``.

Everything runs on the offscreen platform, with the interpreter's switch interval the window sets
(``main_window.SWITCH_INTERVAL_S``). Stalls are measured as in bench_ui_stall.py: a precise heartbeat
``QTimer`` (``--interval`` ms) records when it ticks; the longest gap between two ticks is the longest time the
window could not react. Target ≤ 50 ms; the baseline is the same heartbeat with nothing streaming, in the same
run, for as long as the stream took (at most ``IDLE_MAX_S``).

The answer: realistic model output in Markdown, generated reproducibly: numbered ``##`` sections of paragraphs
with **bold** and `code`, bullet lists (some nested), numbered lists, tables, fenced code blocks of 20-80 lines
(Python, JavaScript, SQL, shell, JSON), ``###`` headings and mixed Chinese/English paragraphs, about
``--tokens`` o200k tokens (~81,000 characters). It is cut into the model's real tokens (tiktoken's
``decode_with_offsets``; a character split across tokens goes with the later one): ~4 characters a piece.
Its first sections (just over 10 % of it) are repeated in shape, with other words, as its last sections, so
the first and last 10 % hold the same kinds of Markdown: a cost that differs between them comes from the
length already shown, not from what is being rendered.

1. Streaming (a ``Transcript`` alone in a 1280x800 window, after a question): the pieces come from a
   ``WorkerPool`` worker's ``progress`` signal (queued to the UI thread) at ``--rates`` tokens/s (0: as fast as
   the worker can report), into a QObject slot that does what ``ChatTab._on_progress`` does (append to the
   answer's text, ``Transcript.feed``); ``begin_answer`` first, ``finish_answer(Footer(...))`` when the worker
   ends. ``Transcript.rendered`` gives each flush's characters and seconds. Figures:
   - growth: the cost per character in the last 10 % of the answer over the same in the first 10 % (medians
     over the flushes there, so that one flush that waited for the interpreter's lock or ran a garbage
     collection does not decide it), of the flushes alone and of everything the UI thread did between two
     flushes (``time.thread_time``: the pieces' slots, the flush, the lazy layout, the paint, the heartbeat).
     Target ≤ 1.2. Baseline: the same ratio for a bare render (``markdown.render`` + ``QTextBrowser.setHtml`` +
     layout + paint) of each 10 % alone: what the content itself does. Each repeat's line also gives the cost
     in every tenth of the answer. Too few flushes to compare (the run as fast as possible): no growth row.
   - longest UI stall (best and worst repeat, and the 99th percentile gap); target ≤ 50 ms; baseline idle.
     Each repeat's line says how much of the longest stall was spent in flushes.
   - rendering time: the sum of the flushes and ``finish_answer``; and the UI thread's CPU time over the whole
     stream. Baseline: rendering the whole answer once: ``markdown.render`` + ``QTextBrowser.setHtml`` in the
     same size, its layout forced to the end, and one repaint (best of several).
   Linearity (the same flushes without the event loop's timing): the first ``--naive-chars`` characters of
   the answer, in slices of the median characters per flush of the first paced run, each slice followed by a
   pass of the event loop; the Transcript (``feed`` + ``flush``) against a naive view that re-renders the
   whole answer so far with ``render`` + ``setHtml`` at every flush (its layout left lazy, as ``setHtml`` leaves
   it, so a lower bound). Baseline of the growths: the bare render
   of those two tenths alone (not matched in content here: a long code block at the end costs the transcript
   more per character, as its open block is re-rendered at each flush). The naive total is also extrapolated
   to the whole answer (its per-flush cost fitted as a + b * length).
2. Opening a 1,000-message conversation: a ``ConversationStore`` in the temporary profile gets 500 exchanges
   (questions of 20-200 mixed characters, Markdown answers of 300-2,000 characters) and a 2-message
   conversation (the baseline), then the real ``MainWindow`` (1280x800, Practice mode, Chat tab shown) opens
   them alternately with ``ChatTab.open_conversation``: timed from the call until ``conversationOpened`` has
   been emitted and the transcript's viewport has painted. Split into: the read and the tab's slot (from the
   call until the transcript starts changing: ``store.branch()`` in a worker, the hand-over, the tab's turns
   and settings), the render (until ``conversationOpened``: ``Transcript.show_messages``, which renders the
   last ``SHOWN_AT_ONCE`` messages and links the rest) and the paint. Target ≤ 300 ms. Also: a bare
   ``store.branch()`` in the UI thread, and, once, the "Show earlier messages" link (every message rendered
   in one slot), no target.
3. Compare mode: the real ``ComparePanel`` (1280x800, on the window's session and pool) with 3 columns, each a
   model fine-tuned on the Practice service with one of three long answers (and 9 short ones), asked that
   answer's question: the service streams each answer in its 200 pieces (its cap; ~400 characters each)
   ``--stream-delay`` apart, all three at once over HTTP through the openai SDK (the service runs in the
   app's process, as in Practice mode). With the default 2 ms that is each 81,000-character answer in
   about 0.5 s: far faster than any model writes, a stress test of the panel. The longest stall is split at the first piece's arrival: before it,
   the ``send()`` slot and the requests being made and answered; after it, the streaming. A first, unreported
   ask warms the connections up; at least ``COMPARE_REPEATS`` follow. Then, since the service's pieces are far
   bigger than tokens, the same three answers streamed token by token at the first rate of ``--rates`` into
   three ``Transcript`` widgets side by side (1280x800), each fed by its own worker, at once. Longest UI
   stall in each; target ≤ 50 ms; baseline idle. Growth of the three: the mean of the columns' growths (the
   worst of three noisy figures would only measure the noise).

Every table shows the best repeat (the shortest stall, the lowest growth, the fastest time: other processes
only add time), and for stalls the worst one too; every repeat's figures are printed above the tables.
``ratio`` is the figure over the target (≤ 1 meets it); ``vs base`` is the figure over the baseline measured in
the same run. ``--skip 1,3`` leaves parts out. About 2.5 minutes with the defaults.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt is imported

import argparse
import math
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from _common import mixed_text  # benchmarks/ is on sys.path when a script runs
from _window import (
    Gap,
    PaintWatch,
    open_practice_window,
    percentile,
    wait,
    wait_until,
)
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QMainWindow, QTextBrowser, QWidget

from desktop_app.core.dataset import Dataset, Example
from desktop_app.core.formats import chat_jsonl_lines, to_jsonl_bytes
from desktop_app.core.markdown import render
from desktop_app.core.tokens import encoding_for_model, get_encoding
from desktop_app.providers.openai_compatible import ConnectionConfig, OpenAICompatibleProvider, ServiceKind
from desktop_app.providers.types import JobRequest
from desktop_app.simulator import SimulatorConfig
from desktop_app.storage.conversations import ConversationStore
from desktop_app.storage.paths import AppPaths
from desktop_app.ui.chat.answering import PieceBuffer, PiecesReady
from desktop_app.ui.chat.compare import ComparePanel
from desktop_app.ui.chat.transcript import SHOWN_AT_ONCE, Action, Footer, ShownMessage, Transcript
from desktop_app.ui.main_window import SWITCH_INTERVAL_S, MainWindow
from desktop_app.ui.workers import Cancelled, CancelToken, Reporter, Worker, WorkerPool

TARGET_STALL_MS = 50.0
TARGET_GROWTH = 1.2
TARGET_OPEN_MS = 300.0
MODEL = "gpt-4o-mini-2024-07-18"
WIDTH, HEIGHT = 1280, 800
COPY_LABEL = "Copy code"
HEAD_SHARE = 0.10  # the first and last tenth of the answer are compared
IDLE_MAX_S = 10.0
STREAM_DELAY_S = 0.002  # the Practice service's pause between streamed pieces (SimulatorConfig.fast's)
STEP_TIMEOUT_S = 300
MIN_LINEARITY_FLUSHES = 10
COMPARE_REPEATS = 5  # at least, each well under a second
TRAINING_EXAMPLES = 10  # the Practice service's minimum
FOOTER = Footer(
    meta="≈ 20,000 tokens · first token 0.31 s · 20.0 s in all",
    actions=(
        (Action.COPY, "Copy"),
        (Action.REGENERATE, "Regenerate"),
        (Action.ADD_TO_DATASET, "Add to dataset"),
    ),
)

Row = tuple[str, float, float | None, float | None, str]  # figure, ours, target, baseline, unit


# ---- the model's answer ----------------------------------------------------------------------------------
WORDS = [
    "the",
    "model",
    "answer",
    "training",
    "data",
    "example",
    "prompt",
    "token",
    "loss",
    "epoch",
    "batch",
    "learning",
    "rate",
    "validation",
    "split",
    "dataset",
    "file",
    "upload",
    "job",
    "checkpoint",
    "fine-tune",
    "service",
    "request",
    "response",
    "stream",
    "window",
    "table",
    "column",
    "row",
    "value",
    "field",
    "error",
    "warning",
    "check",
    "result",
    "metric",
    "accuracy",
    "step",
    "run",
    "time",
    "cost",
    "price",
    "limit",
    "default",
    "option",
    "setting",
    "user",
    "system",
    "assistant",
    "message",
    "role",
    "content",
    "format",
    "output",
    "input",
    "text",
    "line",
    "block",
    "list",
    "item",
]
NAMES = ["rows", "model", "client", "job", "result", "tokens", "batch", "config", "path", "records"]
LANGUAGES = ["python", "javascript", "sql", "bash", "json"]


class Writer:
    """Markdown as a model writes it. ``shape`` decides the structure (how many sentences, items, rows, code
    lines; where the bold and code go), ``words`` the words: two writers with the same ``shape`` seed write
    text of the same shape and length in other words."""

    def __init__(self, shape_seed: str, words_seed: str) -> None:
        self.shape = random.Random(shape_seed)
        self.words = random.Random(words_seed)

    def word(self) -> str:
        return self.words.choice(WORDS)

    def sentence(self) -> str:
        count = self.shape.randint(8, 22)
        picked = [self.word() for _ in range(count)]
        for _ in range(self.shape.randint(0, 2)):
            at = self.shape.randrange(count)
            picked[at] = f"**{picked[at]} {self.word()}**"
        for _ in range(self.shape.randint(0, 2)):
            at = self.shape.randrange(count)
            picked[at] = f"`{self.words.choice(NAMES)}.{self.word()}()`"
        text = " ".join(picked)
        return text[0].upper() + text[1:] + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.shape.randint(2, 5)))

    def chinese(self) -> str:
        return mixed_text(self.words, self.shape.randint(120, 400)).rstrip(" ，") + "。"

    def bullets(self) -> str:
        items: list[str] = []
        for _ in range(self.shape.randint(3, 6)):
            items.append(f"- {self.sentence()}")
            if self.shape.random() < 0.3:
                items.extend(f"  - {self.sentence()}" for _ in range(self.shape.randint(1, 3)))
        return "\n".join(items)

    def numbered(self) -> str:
        return "\n".join(f"{n}. {self.sentence()}" for n in range(1, self.shape.randint(3, 6) + 1))

    def table(self) -> str:
        columns = self.shape.randint(3, 5)
        header = "| " + " | ".join(self.word().title() for _ in range(columns)) + " |"
        aligns = (" --- ", " :--- ", " ---: ", " :---: ")
        delimiter = "|" + "|".join(self.shape.choice(aligns) for _ in range(columns)) + "|"
        rows = [header, delimiter]
        for _ in range(self.shape.randint(3, 8)):
            cells = []
            for _ in range(columns):
                kind = self.shape.randrange(4)
                if kind == 0:
                    cells.append(f"`{self.words.choice(NAMES)}`")
                elif kind == 1:
                    cells.append(f"{self.words.randint(1, 9999):,}")
                elif kind == 2:
                    cells.append(mixed_text(self.words, self.shape.randint(4, 12)).strip(" ，"))
                else:
                    cells.append(f"**{self.word()}** {self.word()}")
            rows.append("| " + " | ".join(cells) + " |")
        return "\n".join(rows)

    def code_line(self, language: str, depth: int) -> str:
        name, attr, value = self.words.choice(NAMES), self.word(), self.words.randint(0, 999)
        pad = "    " * depth
        lines = {
            "python": [
                f"{pad}{name} = load_{attr}(path, limit={value})",
                f"{pad}for item in {name}:",
                f'{pad}if item.{attr} > {value} and "{attr}" not in seen:',
                f'{pad}total += len(item.{attr})  # <{attr}> & "{name}"',
            ],
            "javascript": [
                f"{pad}const {name} = await fetch{attr.title()}({value});",
                f"{pad}for (const item of {name}) {{",
                f"{pad}if (item.{attr} > {value} && !seen.has('{attr}')) {{",
                f"{pad}total += item.{attr}.length; // <{attr}> & {name}",
            ],
            "sql": [
                f"{pad}SELECT {name}.{attr}, COUNT(*) AS n",
                f"{pad}FROM {name} JOIN {attr} ON {name}.id = {attr}.{name}_id",
                f"{pad}WHERE {name}.{attr} > {value} AND {attr}.kind <> '{name}'",
                f"{pad}GROUP BY {name}.{attr} ORDER BY n DESC LIMIT {value};",
            ],
            "bash": [
                f"{pad}uv run python -m app.{attr} --{name} {value}",
                f'{pad}for f in data/*.jsonl; do wc -l "$f"; done',
                f"{pad}grep -c '\"{attr}\"' {name}.jsonl | sort -n > out_{value}.txt",
                f"{pad}export {name.upper()}_{attr.upper()}={value}",
            ],
            "json": [
                f'{pad}"{name}": {{"{attr}": {value}, "enabled": true}},',
                f'{pad}"{attr}": ["{name}", "{self.word()}", {value}],',
                f'{pad}"label": "{self.word()} <{attr}> & more",',
                f'{pad}"{name}_{attr}": null,',
            ],
        }[language]
        return lines[self.shape.randrange(len(lines))]

    def code(self, low: int = 20, high: int = 80) -> str:
        language = self.shape.choice(LANGUAGES)
        lines: list[str] = []
        depth = 0
        for _ in range(self.shape.randint(low, high)):
            lines.append(self.code_line(language, depth))
            depth = max(0, min(3, depth + self.shape.choice((-1, 0, 0, 1))))
        return f"```{language}\n" + "\n".join(lines) + "\n```"

    def section(self, number: int) -> str:
        title = " ".join(self.word() for _ in range(self.shape.randint(2, 5))).title()
        parts = [f"## {number}. {title}", self.paragraph()]
        kinds: list[Callable[[], str]] = [
            self.bullets,
            self.numbered,
            self.table,
            self.code,
            self.chinese,
            self.paragraph,
        ]
        self.shape.shuffle(kinds)
        for kind in kinds:
            if kind == self.code and self.shape.random() < 0.35:
                continue
            parts.append(kind())
            if self.shape.random() < 0.25:
                parts.append("### " + " ".join(self.word() for _ in range(3)).title())
        return "\n\n".join(parts)

    def short_answer(self, low: int, high: int) -> str:
        """An answer of about ``low``-``high`` characters (history): whole blocks, so valid Markdown."""
        wanted = self.shape.randint(low, high)
        parts = [self.paragraph()]
        size = len(parts[0])
        while size < wanted:
            kind = self.shape.randrange(5)
            if kind == 0:
                part = self.bullets()
            elif kind == 1:
                part = self.code(4, 20)
            elif kind == 2:
                part = self.table()
            elif kind == 3:
                part = self.chinese()
            else:
                part = self.paragraph()
            parts.append(part)
            size += len(part) + 2
        return "\n\n".join(parts)


@dataclass(frozen=True)
class Answer:
    text: str
    pieces: tuple[str, ...]  # the model's tokens, as streamed
    head: int  # characters of the first sections (the "first 10 %")
    tail: int  # characters of their repeat at the end (the "last 10 %")


def make_answer(seed: int, tokens: int) -> Answer:
    """About ``tokens`` tokens of Markdown whose first ~10 % is repeated in shape as its last ~10 %."""
    encoding = get_encoding(encoding_for_model(MODEL))

    def count(text: str) -> int:
        return len(encoding.encode_ordinary(text))

    head: list[str] = []
    number = 1
    while sum(count(s) for s in head) < tokens * HEAD_SHARE:
        head.append(Writer(f"{seed}-{number}", f"{seed}-head-{number}").section(number))
        number += 1
    head_tokens = sum(count(s) for s in head)
    middle: list[str] = []
    while head_tokens * 2 + sum(count(s) for s in middle) < tokens:
        middle.append(Writer(f"{seed}-{number}", f"{seed}-middle-{number}").section(number))
        number += 1
    tail = [
        Writer(f"{seed}-{k}", f"{seed}-tail-{k}").section(number + k - 1) for k in range(1, len(head) + 1)
    ]
    text = "\n\n".join(head + middle + tail) + "\n"
    ids = encoding.encode_ordinary(text)
    decoded, offsets = encoding.decode_with_offsets(ids)
    if decoded != text:
        raise SystemExit("the tokenizer did not give the answer back")
    ends = [*offsets[1:], len(text)]
    pieces = tuple(text[start:end] for start, end in zip(offsets, ends, strict=True) if end > start)
    tail_chars = len("\n\n".join(tail)) + 1
    return Answer(text, pieces, len("\n\n".join(head)) + 2, tail_chars)


# ---- the event loop ----------------------------------------------------------------------------------------
class Heartbeat:
    """A precise timer that records when it ticks; a gap between two ticks is a stall of the event loop."""

    def __init__(self, interval_ms: int) -> None:
        self.ticks: list[float] = []
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.ticks.append(time.perf_counter())

    def start(self) -> None:
        self.ticks = []
        self._tick()
        self._timer.start()

    def stop(self) -> list[Gap]:
        self._timer.stop()
        self._tick()
        return [Gap(a, b, "") for a, b in zip(self.ticks, self.ticks[1:], strict=False)]

    def idle(self, seconds: float) -> list[Gap]:
        self.start()
        wait(round(seconds * 1000))
        return self.stop()


@dataclass(frozen=True)
class Stalls:
    longest: float  # ms
    p99: float

    @classmethod
    def of(cls, gaps: Sequence[Gap]) -> Stalls:
        values = [g.ms for g in gaps]
        return cls(max(values), percentile(values, 0.99))


def lowest(values: Iterable[float]) -> float:
    """The smallest of ``values`` that is a number (nan if none is)."""
    return min((v for v in values if not math.isnan(v)), default=float("nan"))


def best_of(repeats: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


# ---- 1. streaming ------------------------------------------------------------------------------------------
class AnswerFeed(QObject):
    """What ``ChatTab._on_progress`` and ``_on_answer_done`` do with a worker's pieces: the answer's text grows,
    the transcript is fed; at the end the transcript finishes the answer."""

    ended = Signal()

    def __init__(self, transcript: Transcript) -> None:
        super().__init__()
        self.transcript = transcript
        self.parts: list[str] = []
        self.finish_s = 0.0
        self.first_piece_at = 0.0
        self.last_piece_at = 0.0
        self._finish_started = 0.0
        transcript.answerShown.connect(self.on_shown)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def on_progress(self, news: object) -> None:
        if isinstance(news, PiecesReady):
            text = news.buffer.take()
            if not text:
                return
            self.last_piece_at = time.perf_counter()
            if not self.parts:
                self.first_piece_at = self.last_piece_at
            self.parts.append(text)
            self.transcript.feed(text)

    def on_finished(self) -> None:
        self._finish_started = time.perf_counter()
        self.transcript.finish_answer(FOOTER)  # answerShown once the backlog (if any) is shown

    def on_shown(self, _key: str) -> None:
        # The last step of the backlog and the answer's last block: already counted among the flushes.
        self.finish_s = 0.0
        self.ended.emit()


def paced(pieces: Sequence[str], rate: float) -> Callable[[CancelToken, Reporter], None]:
    """A worker's work: report ``pieces`` at ``rate`` a second (0: as fast as it can), on a fixed schedule."""

    def work(token: CancelToken, report: Reporter) -> None:
        buffer = PieceBuffer()  # as stream_answer hands pieces to the UI thread
        ready = PiecesReady(buffer)
        started = time.perf_counter()
        for index, piece in enumerate(pieces):
            if rate:
                delay = started + index / rate - time.perf_counter()
                if delay > 0 and token.sleep(delay):
                    raise Cancelled
            if buffer.put(piece):
                report(ready)

    return work


@dataclass
class StreamRun:
    seconds: float = 0.0  # from the worker's start until the answer is finished
    ui_cpu: float = 0.0  # the UI thread's CPU seconds meanwhile
    cpu_at_start: float = 0.0
    finish_s: float = 0.0
    delivery: float = 0.0  # from the first piece's arrival in the UI thread to the last one's
    flushes: list[tuple[int, float]] = field(default_factory=list)  # (characters, seconds) per flush
    marks: list[tuple[float, float]] = field(default_factory=list)  # (perf_counter, UI thread CPU) at its end
    gaps: list[Gap] = field(default_factory=list)

    @property
    def rendering(self) -> float:
        return sum(s for _, s in self.flushes) + self.finish_s

    def cpu_per_flush(self) -> list[tuple[int, float]]:
        """(characters, UI thread CPU since the previous flush ended): everything the UI thread did for them,
        the flush, the pieces' slots, the lazy layout, the paint (and the heartbeat)."""
        before = [self.cpu_at_start] + [cpu for _, cpu in self.marks[:-1]]
        return [
            (chars, cpu - previous)
            for (chars, _), (_, cpu), previous in zip(self.flushes, self.marks, before, strict=True)
        ]

    def longest_gap(self) -> tuple[Gap, float, int]:
        """The longest stall, and the seconds and number of flushes that ended within it."""
        gap = max(self.gaps, key=lambda g: g.ms)
        inside = [
            s for (_, s), (at, _) in zip(self.flushes, self.marks, strict=True) if gap.start < at <= gap.end
        ]
        return gap, sum(inside), len(inside)


def per_char(flushes: Sequence[tuple[int, float]], start: int, end: int) -> float:
    """The median seconds per character of the flushes whose middle falls in [start, end) of the answer (a
    median: a flush that waited for the interpreter's lock or ran a garbage collection does not move it)."""
    costs = []
    at = 0
    for count, spent in flushes:
        if count and start <= at + count / 2 < end:
            costs.append(spent / count)
        at += count
    return statistics.median(costs) if costs else float("nan")


def by_tenth(flushes: Sequence[tuple[int, float]], length: int) -> str:
    """Microseconds per character in each tenth of the answer."""
    return " ".join(
        f"{per_char(flushes, length * k // 10, length * (k + 1) // 10) * 1e6:.1f}" for k in range(10)
    )


def growth(flushes: Sequence[tuple[int, float]], answer: Answer) -> tuple[float, float, float]:
    """(per-character cost in the first 10 %, in the last 10 %, their ratio); nan without a flush in each."""
    length = len(answer.text)
    head = per_char(flushes, 0, answer.head)
    tail = per_char(flushes, length - answer.tail, length)
    return head, tail, tail / head


def stream_answers(
    transcripts: Sequence[Transcript],
    answers: Sequence[Answer],
    pool: WorkerPool,
    rate: float,
    heartbeat: Heartbeat,
) -> list[StreamRun]:
    """Stream each answer into its transcript, all at once, each from its own worker."""
    feeds = [AnswerFeed(t) for t in transcripts]
    runs = [StreamRun() for _ in transcripts]
    connections = []
    for transcript, run in zip(transcripts, runs, strict=True):
        transcript.clear_messages()
        transcript.add_message(ShownMessage("question", "user", "You", "Explain fine-tuning, with examples."))
        transcript.begin_answer("answer", MODEL)

        def on_rendered(chars: int, seconds: float, run: StreamRun = run) -> None:
            run.flushes.append((chars, seconds))
            run.marks.append((time.perf_counter(), time.thread_time()))

        transcript.rendered.connect(on_rendered)
        connections.append((transcript, on_rendered))
    wait(100)
    ended: list[float] = []
    for feed in feeds:
        feed.ended.connect(lambda: ended.append(time.perf_counter()))
    heartbeat.start()
    cpu = cpu_at_start = time.thread_time()
    started = time.perf_counter()
    for feed, answer in zip(feeds, answers, strict=True):

        def connect(worker: Worker, feed: AnswerFeed = feed) -> None:
            worker.progress.connect(feed.on_progress)
            worker.finished.connect(feed.on_finished)

        pool.start(paced(answer.pieces, rate), "stream", connect=connect)
    wait_until(lambda: len(ended) == len(feeds), "the answers to end", STEP_TIMEOUT_S)
    cpu = time.thread_time() - cpu
    gaps = heartbeat.stop()
    for transcript, slot in connections:
        transcript.rendered.disconnect(slot)
    for feed, answer, run, at in zip(feeds, answers, runs, ended, strict=True):
        if feed.text != answer.text:
            raise SystemExit("the answer did not arrive whole")
        run.seconds = at - started
        run.ui_cpu = cpu
        run.cpu_at_start = cpu_at_start
        run.finish_s = feed.finish_s
        run.delivery = feed.last_piece_at - feed.first_piece_at
        run.gaps = gaps
    return runs


class Bare:
    """The least work to show the finished answer: render it once, set it, lay it out, paint it."""

    def __init__(self) -> None:
        self.window = QMainWindow()
        self.browser = QTextBrowser(self.window)
        self.window.setCentralWidget(self.browser)
        self.window.resize(WIDTH, HEIGHT)
        self.window.show()

    def show(self, text: str) -> None:
        self.browser.setHtml(render(text, copy_label=COPY_LABEL))
        document = self.browser.document()
        document.documentLayout().blockBoundingRect(document.lastBlock())  # lays it out to the end
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.maximum())
        self.browser.viewport().repaint()

    def cost(self, text: str, repeats: int) -> float:
        def action() -> None:
            self.browser.clear()
            self.show(text)

        return best_of(repeats, action)

    def close(self) -> None:
        self.window.close()
        self.window.deleteLater()


@dataclass
class Linearity:
    chars: int
    step: int
    ours: list[tuple[int, float]]
    naive: list[tuple[int, float]]
    ours_total: float
    naive_total: float
    naive_extrapolated: float  # the naive total for the whole answer, from a + b * length per flush


def linearity(transcript: Transcript, bare: Bare, answer: Answer, chars: int, step: int) -> Linearity:
    """The first ``chars`` of the answer in ``step``-character flushes, into the transcript and, naively, by
    re-rendering everything so far at each flush; one pass of the event loop after each flush (the paint)."""
    app = QApplication.instance()
    assert app is not None
    text = answer.text[:chars]
    step = max(1, min(step, len(text) // MIN_LINEARITY_FLUSHES))  # enough flushes to fit a line through
    slices = [text[i : i + step] for i in range(0, len(text), step)]

    transcript.clear_messages()
    transcript.begin_answer("answer", MODEL)
    ours: list[tuple[int, float]] = []

    def on_rendered(count: int, seconds: float) -> None:
        ours.append((count, seconds))

    transcript.rendered.connect(on_rendered)
    started = time.perf_counter()
    for piece in slices:
        transcript.feed(piece)
        transcript.flush()
        app.processEvents()
    transcript.finish_answer(FOOTER)
    app.processEvents()
    ours_total = time.perf_counter() - started
    transcript.rendered.disconnect(on_rendered)

    browser = bare.browser
    browser.clear()
    bar = browser.verticalScrollBar()
    naive: list[tuple[int, float]] = []
    shown = ""
    started = time.perf_counter()
    for piece in slices:
        began = time.perf_counter()
        shown += piece
        browser.setHtml(render(shown, copy_label=COPY_LABEL))
        bar.setValue(bar.maximum())
        naive.append((len(piece), time.perf_counter() - began))
        app.processEvents()
    naive_total = time.perf_counter() - started

    # Fit the naive flush's cost to a + b * (characters shown), then sum it over the whole answer's flushes.
    lengths = [float(step * (i + 1)) for i in range(len(naive))]
    costs = [s for _, s in naive]
    slope, intercept = statistics.linear_regression(lengths, costs)
    flushes = math.ceil(len(answer.text) / step)
    extrapolated = sum(intercept + slope * min(step * (i + 1), len(answer.text)) for i in range(flushes))
    return Linearity(len(text), step, ours, naive, ours_total, naive_total, extrapolated)


def in_gap(gap: Gap, flushes: Sequence[tuple[float, float]]) -> tuple[float, int]:
    """Seconds and number of the flushes (end time, seconds) that ended within ``gap``."""
    inside = [seconds for at, seconds in flushes if gap.start < at <= gap.end]
    return sum(inside), len(inside)


def simple_growth(flushes: Sequence[tuple[int, float]], length: int) -> float:
    tenth = length * HEAD_SHARE
    return per_char(flushes, round(length - tenth), length) / per_char(flushes, 0, round(tenth))


def make_view(count: int) -> tuple[QWidget, list[Transcript]]:
    """``count`` transcripts side by side in a 1280x800 window."""
    window = QWidget()
    layout = QHBoxLayout(window)
    transcripts = [Transcript(window, copy_label=COPY_LABEL) for _ in range(count)]
    for transcript in transcripts:
        layout.addWidget(transcript)
    window.resize(WIDTH, HEIGHT)
    window.show()
    return window, transcripts


def rate_label(rate: float) -> str:
    return f"{rate:g} tok/s" if rate else "as fast as possible"


def describe_run(run: StreamRun, answer: Answer) -> str:
    gap, in_flushes, count = run.longest_gap()
    head, tail, ratio = growth(run.flushes, answer)
    cpu_head, cpu_tail, cpu_ratio = growth(run.cpu_per_flush(), answer)
    if math.isnan(ratio):
        growth_text = f"too few flushes to compare the first and last 10 % ({len(run.flushes)})"
    else:
        length = len(answer.text)
        growth_text = (
            f"flushes {head * 1e6:.2f} -> {tail * 1e6:.2f} µs/character (x{ratio:.2f}; by tenth: "
            f"{by_tenth(run.flushes, length)}), UI thread {cpu_head * 1e6:.1f} -> {cpu_tail * 1e6:.1f} "
            f"µs/character (x{cpu_ratio:.2f}; by tenth: {by_tenth(run.cpu_per_flush(), length)})"
        )
    return (
        f"{run.seconds:.1f} s, pieces delivered over {run.delivery * 1000:.0f} ms, {len(run.flushes)} flushes "
        f"(median {statistics.median(c for c, _ in run.flushes):.0f} characters, longest "
        f"{max(s for _, s in run.flushes) * 1000:.1f} ms); {growth_text}; longest stall {gap.ms:.1f} ms "
        f"({in_flushes * 1000:.1f} ms of it in {count} flush(es)); rendering {run.rendering:.2f} s, "
        f"UI thread CPU {run.ui_cpu:.2f} s"
    )


def bench_streaming(args: argparse.Namespace, answer: Answer, pool: WorkerPool) -> list[Row]:
    heartbeat = Heartbeat(args.interval)
    window, (transcript,) = make_view(1)
    bare = Bare()
    wait(200)
    print(
        f"answer: {len(answer.text):,} characters, {len(answer.pieces):,} tokens, "
        f"{answer.text.count('```') // 2} code blocks, {answer.text.count(chr(10) + '|'):,} table lines; "
        f"first/last 10 %: {answer.head:,}/{answer.tail:,} characters",
        flush=True,
    )
    # Baselines: the whole answer rendered once; each tenth alone (what the content does to the cost).
    whole = bare.cost(answer.text, max(args.repeats, 3))
    first = bare.cost(answer.text[: answer.head], max(args.repeats, 5)) / answer.head
    last = bare.cost(answer.text[-answer.tail :], max(args.repeats, 5)) / answer.tail
    print(
        f"bare render + setHtml + layout + paint of the whole answer: {whole * 1000:.1f} ms; of the first 10 % "
        f"{first * 1e6:.2f} µs/character, of the last {last * 1e6:.2f} (x{last / first:.2f})",
        flush=True,
    )
    rows: list[Row] = []
    step = 0
    for rate in args.rates:
        label = rate_label(rate)
        runs: list[StreamRun] = []
        idles: list[Stalls] = []
        for repeat in range(1, args.repeats + 1):
            (run,) = stream_answers([transcript], [answer], pool, rate, heartbeat)
            runs.append(run)
            idles.append(Stalls.of(heartbeat.idle(min(run.seconds, IDLE_MAX_S))))
            print(
                f"{label}, repeat {repeat}: {describe_run(run, answer)}; idle {idles[-1].longest:.1f} ms",
                flush=True,
            )
            if rate and not step:
                step = round(statistics.median(c for c, _ in run.flushes))
        flush_growth = lowest(growth(r.flushes, answer)[2] for r in runs)
        cpu_growth = lowest(growth(r.cpu_per_flush(), answer)[2] for r in runs)
        if not math.isnan(flush_growth):
            rows.append((f"{label}: growth, flushes", flush_growth, TARGET_GROWTH, last / first, "x"))
            rows.append((f"{label}: growth, UI thread CPU", cpu_growth, TARGET_GROWTH, last / first, "x"))
        rows.append(
            (
                f"{label}: longest UI stall",
                min(r.longest_gap()[0].ms for r in runs),
                TARGET_STALL_MS,
                min(i.longest for i in idles),
                "ms",
            )
        )
        rows.append(
            (
                f"{label}: longest stall, worst repeat",
                max(r.longest_gap()[0].ms for r in runs),
                None,
                max(i.longest for i in idles),
                "ms",
            )
        )
        rows.append(
            (
                f"{label}: 99th percentile gap",
                min(Stalls.of(r.gaps).p99 for r in runs),
                None,
                min(i.p99 for i in idles),
                "ms",
            )
        )
        rows.append(
            (f"{label}: rendering (flushes)", min(r.rendering for r in runs) * 1000, None, whole * 1000, "ms")
        )
        rows.append((f"{label}: UI thread CPU", min(r.ui_cpu for r in runs) * 1000, None, whole * 1000, "ms"))

    result = linearity(transcript, bare, answer, args.naive_chars, step or 160)
    tenth = round(result.chars * HEAD_SHARE)
    text = answer.text[: result.chars]
    content = (bare.cost(text[-tenth:], 5) / tenth) / (bare.cost(text[:tenth], 5) / tenth)
    ours_growth = simple_growth(result.ours, result.chars)
    naive_growth = simple_growth(result.naive, result.chars)
    print(
        f"linearity, first {result.chars:,} characters in {len(result.naive)} flushes of {result.step}: transcript "
        f"{result.ours_total:.2f} s (x{ours_growth:.2f} last/first 10 %), naive re-render "
        f"{result.naive_total:.2f} s (x{naive_growth:.2f}, longest flush "
        f"{max(s for _, s in result.naive) * 1000:.1f} ms); the content alone: x{content:.2f}; naive "
        f"extrapolated to the whole answer: {result.naive_extrapolated:.0f} s",
        flush=True,
    )
    kilo = f"{result.chars // 1000}k"
    rows.append((f"linearity {kilo}: growth, transcript", ours_growth, None, content, "x"))
    rows.append((f"linearity {kilo}: growth, naive setHtml", naive_growth, None, content, "x"))
    rows.append(
        (
            f"linearity {kilo}: total, transcript",
            result.ours_total * 1000,
            None,
            result.naive_total * 1000,
            "ms",
        )
    )
    rows.append(
        ("naive setHtml, whole answer (extrap.)", result.naive_extrapolated * 1000, None, whole * 1000, "ms")
    )
    bare.close()
    window.close()
    window.deleteLater()
    return rows


# ---- 2. opening a long conversation ----------------------------------------------------------------------
def fill_history(path: Path, messages: int) -> tuple[str, str]:
    """A conversation of ``messages`` messages (one branch) and one of 2; their ids."""
    rng = random.Random(7)
    with ConversationStore(path) as store:
        ids = []
        for count, title in ((messages, "Long conversation"), (2, "Short conversation")):
            conversation = store.create_conversation(profile_id="practice", model=MODEL, title=title)
            parent: str | None = None
            for index in range(count):
                if index % 2 == 0:
                    message = store.add_message(
                        conversation.id,
                        parent_id=parent,
                        role="user",
                        content=mixed_text(rng, rng.randint(20, 200)),
                        model=MODEL,
                    )
                else:
                    text = Writer(f"history-{title}-{index}", f"history-words-{index}").short_answer(
                        300, 2000
                    )
                    message = store.add_message(
                        conversation.id,
                        parent_id=parent,
                        role="assistant",
                        content=text,
                        model=MODEL,
                        prompt_tokens=rng.randint(200, 4000),
                        completion_tokens=len(text) // 4,
                        first_token_ms=rng.randint(200, 900),
                        finish_reason="stop",
                    )
                parent = message.id
            ids.append(conversation.id)
    return ids[0], ids[1]


def make_window(base: Path, stream_delay: float) -> MainWindow:
    window = open_practice_window(
        base, SimulatorConfig.fast(stream_chunk_delay=stream_delay), size=(WIDTH, HEIGHT)
    )
    window.tabs.setCurrentWidget(window.chat_tab)
    return window


@dataclass(frozen=True)
class Opening:
    read: float  # from the call until the transcript starts changing (the store read in a worker, hand-over)
    render: float  # until conversationOpened (show_messages)
    paint: float  # until the transcript has painted
    shown: int

    @property
    def total(self) -> float:
        return self.read + self.render + self.paint


def open_conversation(window: MainWindow, conversation_id: str) -> Opening:
    tab = window.chat_tab
    transcript = tab.transcript
    marks: dict[str, float] = {}

    def on_changed() -> None:
        marks.setdefault("render", time.perf_counter())

    def on_opened(_conversation_id: str) -> None:
        marks["opened"] = time.perf_counter()

    transcript.textChanged.connect(on_changed)
    tab.conversationOpened.connect(on_opened)
    watch = PaintWatch(transcript.viewport(), lambda: "opened" in marks, STEP_TIMEOUT_S)
    started = time.perf_counter()
    if tab.open_conversation(conversation_id) is None:
        raise SystemExit("the chat tab did not open the conversation")
    painted = watch.wait("the conversation to be painted")
    transcript.textChanged.disconnect(on_changed)
    tab.conversationOpened.disconnect(on_opened)
    render_at = marks.get("render", marks["opened"])
    return Opening(
        render_at - started, marks["opened"] - render_at, painted - marks["opened"], len(tab.turns)
    )


def show_everything(window: MainWindow) -> float:
    """The "Show earlier messages" link: every message of the conversation rendered, until painted."""
    transcript = window.chat_tab.transcript
    done: list[bool] = []
    watch = PaintWatch(transcript.viewport(), lambda: bool(done), STEP_TIMEOUT_S)
    started = time.perf_counter()
    transcript.show_messages(transcript.messages, shown=len(transcript.messages))
    done.append(True)
    return watch.wait("every message to be painted") - started


def bench_history(args: argparse.Namespace, window: MainWindow, big: str, small: str) -> list[Row]:
    store = window.conversations
    assert isinstance(store, ConversationStore)
    open_conversation(window, small)  # warm-up: Qt's and the store's first-time costs
    open_conversation(window, big)
    bigs: list[Opening] = []
    smalls: list[Opening] = []
    for repeat in range(1, max(args.repeats, 3) + 1):
        smalls.append(open_conversation(window, small))
        bigs.append(open_conversation(window, big))
        b, s = bigs[-1], smalls[-1]
        print(
            f"open, repeat {repeat}: {b.shown} messages {b.total * 1000:.0f} ms (read {b.read * 1000:.0f}, "
            f"render {b.render * 1000:.0f}, paint {b.paint * 1000:.0f}); {s.shown} messages "
            f"{s.total * 1000:.0f} ms (read {s.read * 1000:.0f}, render {s.render * 1000:.0f}, "
            f"paint {s.paint * 1000:.0f})",
            flush=True,
        )
    rendered = min(SHOWN_AT_ONCE, bigs[0].shown)
    everything = show_everything(window)
    bare_read = best_of(max(args.repeats, 3), lambda: store.branch(big))
    bare_small = best_of(max(args.repeats, 3), lambda: store.branch(small))
    print(
        f"the transcript renders the last {rendered} of {bigs[0].shown} messages (the rest behind a link); "
        f"'Show earlier messages' (all rendered) took {everything * 1000:.0f} ms; bare store.branch(): "
        f"{bare_read * 1000:.1f} ms ({bare_small * 1000:.2f} ms for 2)",
        flush=True,
    )
    best = min(bigs, key=lambda o: o.total)
    base = min(smalls, key=lambda o: o.total)
    n = best.shown
    return [
        (f"open {n} messages, to painted", best.total * 1000, TARGET_OPEN_MS, base.total * 1000, "ms"),
        ("  of it: read + the tab's slot", best.read * 1000, None, base.read * 1000, "ms"),
        ("  of it: render (show_messages)", best.render * 1000, None, base.render * 1000, "ms"),
        ("  of it: paint", best.paint * 1000, None, base.paint * 1000, "ms"),
        (f"bare store.branch() of {n}", bare_read * 1000, None, bare_small * 1000, "ms"),
        (f"show all {n} ('Show earlier')", everything * 1000, None, best.total * 1000, "ms"),
    ]


# ---- 3. Compare mode ---------------------------------------------------------------------------------------
def train_models(window: MainWindow, answers: Sequence[Answer], question: str) -> list[str]:
    """One model per answer, fine-tuned on the Practice service to give it for ``question``."""
    simulator = window.session.simulator
    if simulator is None:
        raise SystemExit("the window is not in Practice mode")
    provider = OpenAICompatibleProvider(
        ConnectionConfig(ServiceKind.PRACTICE, "practice", base_url=simulator.base_url, max_retries=0)
    )
    models = []
    try:
        for number, answer in enumerate(answers, 1):
            writer = Writer(f"train-{number}", f"train-words-{number}")
            rows = [Example(question, answer.text)] + [
                Example(f"Question {i}: {writer.sentence()}", writer.short_answer(100, 400))
                for i in range(TRAINING_EXAMPLES - 1)
            ]
            uploaded = provider.upload_training_file(
                f"compare-{number}.jsonl", to_jsonl_bytes(chat_jsonl_lines(Dataset(rows)))
            )
            job_id = provider.create_job(JobRequest(MODEL, uploaded.id, suffix=f"compare-{number}")).id

            def trained(job_id: str = job_id) -> bool:
                return provider.retrieve_job(job_id).status == "succeeded"

            wait_until(trained, "training", STEP_TIMEOUT_S)
            model = provider.retrieve_job(job_id).fine_tuned_model
            if model is None:
                raise SystemExit("a fine-tuning job gave no model")
            models.append(model)
    finally:
        provider.close()
    return models


@dataclass(frozen=True)
class CompareRun:
    seconds: float
    send: float  # the send() slot itself
    starting: float  # the longest stall before the first piece arrived (requests made, the service answering)
    streaming: float  # the longest stall after it
    p99: float
    idle: Stalls

    @property
    def longest(self) -> float:
        return max(self.starting, self.streaming)


def bench_compare_panel(
    args: argparse.Namespace, window: MainWindow, answers: Sequence[Answer], question: str
) -> list[Row]:
    models = train_models(window, answers, question)
    panel = ComparePanel(window.session, window.pool, None)
    panel.resize(WIDTH, HEIGHT)
    panel.show()
    panel.set_models(models)
    heartbeat = Heartbeat(args.interval)
    wait(300)
    pieces: list[int] = [0, 0, 0]
    first_piece: list[float] = []

    def on_chunk(column: int, _piece: str) -> None:
        pieces[column] += 1
        if not first_piece:
            first_piece.append(time.perf_counter())

    panel.answerChunk.connect(on_chunk)
    flushes: list[tuple[float, float]] = []  # (end, seconds)
    for column in panel.columns:
        column.transcript.rendered.connect(
            lambda _chars, seconds: flushes.append((time.perf_counter(), seconds))
        )
    finished: list[bool] = []
    panel.finished.connect(lambda: finished.append(True))
    runs: list[CompareRun] = []
    for repeat in range(1, max(args.repeats, COMPARE_REPEATS) + 2):
        finished.clear()
        first_piece.clear()
        pieces[:] = [0, 0, 0]
        flushes.clear()
        heartbeat.start()
        started = time.perf_counter()
        if len(panel.send(question)) != len(models):
            raise SystemExit("the panel did not ask every model")
        sent = time.perf_counter() - started
        wait_until(lambda: bool(finished), "the compared answers", STEP_TIMEOUT_S)
        seconds = time.perf_counter() - started
        gaps = heartbeat.stop()
        idle = Stalls.of(heartbeat.idle(max(seconds, 1.0)))
        if panel.answers() != [a.text for a in answers]:
            raise SystemExit(
                f"the compared answers are not the trained ones: {[c.error for c in panel.columns]}"
            )
        boundary = first_piece[0]
        starting = max((g.ms for g in gaps if g.start < boundary), default=0.0)
        streaming = max((g.ms for g in gaps if g.start >= boundary), default=0.0)
        run = CompareRun(seconds, sent, starting, streaming, Stalls.of(gaps).p99, idle)
        if repeat > 1:  # the first one warms the connections and the code paths up
            runs.append(run)
        worst = max((g for g in gaps if g.start >= boundary), key=lambda g: g.ms)
        spent, count = in_gap(worst, flushes)
        print(
            f"compare panel, 3 columns, repeat {repeat}{' (warm-up)' if repeat == 1 else ''}: {seconds:.2f} s, "
            f"{pieces} pieces, {len(flushes)} flushes (longest {max(s for _, s in flushes) * 1000:.1f} ms); "
            f"longest stall until the first piece {starting:.1f} ms (the send() slot {sent * 1000:.1f} ms), "
            f"after it {streaming:.1f} ms ({spent * 1000:.1f} ms of it in {count} flush(es)); idle "
            f"{idle.longest:.1f} ms",
            flush=True,
        )
    panel.stop()
    panel.close()
    panel.deleteLater()
    best = min(runs, key=lambda r: r.longest)
    return [
        (
            "ComparePanel x3 vs Practice: stall",
            best.longest,
            TARGET_STALL_MS,
            min(r.idle.longest for r in runs),
            "ms",
        ),
        (
            "  until the first piece",
            min(r.starting for r in runs),
            None,
            min(r.idle.longest for r in runs),
            "ms",
        ),
        ("  while streaming", min(r.streaming for r in runs), None, min(r.idle.longest for r in runs), "ms"),
        (
            "ComparePanel x3: stall, worst repeat",
            max(r.longest for r in runs),
            None,
            max(r.idle.longest for r in runs),
            "ms",
        ),
        (
            "ComparePanel x3: 99th percentile",
            min(r.p99 for r in runs),
            None,
            min(r.idle.p99 for r in runs),
            "ms",
        ),
    ]


def bench_three_streams(args: argparse.Namespace, answers: Sequence[Answer], pool: WorkerPool) -> list[Row]:
    rate = next((r for r in args.rates if r), 1000.0)
    heartbeat = Heartbeat(args.interval)
    window, transcripts = make_view(3)
    wait(200)
    results: list[tuple[float, float, float]] = []
    for repeat in range(1, args.repeats + 1):
        runs = stream_answers(transcripts, answers, pool, rate, heartbeat)
        stalls = Stalls.of(runs[0].gaps)
        seconds = max(r.seconds for r in runs)
        idle = Stalls.of(heartbeat.idle(min(seconds, IDLE_MAX_S)))
        ratios = [growth(r.flushes, a) for r, a in zip(runs, answers, strict=True)]
        ratio = statistics.fmean(g[2] for g in ratios)
        results.append((stalls.longest, idle.longest, ratio))
        gap = max(runs[0].gaps, key=lambda g: g.ms)
        spent, count = in_gap(
            gap, [(at, s) for r in runs for (_, s), (at, _) in zip(r.flushes, r.marks, strict=True)]
        )
        print(
            f"3 transcripts at {rate_label(rate)} each, repeat {repeat}: {seconds:.1f} s, longest stall "
            f"{stalls.longest:.1f} ms ({spent * 1000:.1f} ms of it in {count} flush(es); idle {idle.longest:.1f}), "
            f"99th percentile {stalls.p99:.1f} ms, longest flush "
            f"{max(s for r in runs for _, s in r.flushes) * 1000:.1f} ms, growth per column "
            + ", ".join(f"{h * 1e6:.2f} -> {t * 1e6:.2f} µs/character (x{g:.2f})" for h, t, g in ratios)
            + f" (mean x{ratio:.2f}), UI thread CPU {runs[0].ui_cpu:.1f} s",
            flush=True,
        )
    window.close()
    window.deleteLater()
    best = min(results)
    return [
        (
            f"3 transcripts, {rate_label(rate)}: stall",
            best[0],
            TARGET_STALL_MS,
            min(r[1] for r in results),
            "ms",
        ),
        (
            "3 transcripts: stall, worst repeat",
            max(r[0] for r in results),
            None,
            max(r[1] for r in results),
            "ms",
        ),
        ("3 transcripts: growth, mean of columns", lowest(r[2] for r in results), TARGET_GROWTH, None, "x"),
    ]


# ---- output --------------------------------------------------------------------------------------------
def print_table(title: str, rows: Sequence[Row]) -> None:
    print(f"\n{title}")
    print(f"{'figure':<40}{'ours':>10}{'target':>9}{'ratio':>8}{'baseline':>10}{'vs base':>9}{'unit':>6}")
    for label, figure, target, baseline, unit in rows:
        ratio = f"{figure / target:.2f}" if target else "-"
        shown_target = f"{target:g}" if target else "-"
        shown_base = f"{baseline:.2f}" if baseline is not None else "-"
        versus = f"{figure / baseline:.2f}" if baseline else "-"
        print(f"{label:<40}{figure:>10.2f}{shown_target:>9}{ratio:>8}{shown_base:>10}{versus:>9}{unit:>6}")


def verdicts(rows: Sequence[Row]) -> list[str]:
    return [
        f"{label.strip()}: {figure:.2f} {unit} ({'meets' if figure <= target else 'MISSES'} ≤ {target:g})"
        for label, figure, target, _, unit in rows
        if target is not None
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tokens", type=int, default=20_000, help="tokens of the streamed answer")
    parser.add_argument(
        "--rates",
        type=lambda text: [float(r) for r in text.split(",")],
        default=[1000.0, 0.0],
        help="tokens per second of the streams, comma-separated; 0: as fast as possible",
    )
    parser.add_argument("--messages", type=int, default=1_000, help="messages of the long conversation")
    parser.add_argument("--naive-chars", type=int, default=20_000, help="answer length for the naive view")
    parser.add_argument(
        "--stream-delay",
        type=float,
        default=STREAM_DELAY_S,
        help="seconds between the Practice service's streamed pieces in Compare mode (200 pieces an answer)",
    )
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--interval", type=int, default=2, help="heartbeat period in ms")
    parser.add_argument("--skip", default="", help="parts to leave out, comma-separated: 1,2,3")
    args = parser.parse_args()
    skip = {part.strip() for part in args.skip.split(",") if part.strip()}

    sys.setswitchinterval(SWITCH_INTERVAL_S)  # as the window sets it
    app = QApplication.instance() or QApplication([])
    started = time.perf_counter()
    answers = [make_answer(seed, args.tokens) for seed in (1, 2, 3)]
    question = "Explain how to fine-tune a model on our data, with examples."
    tables: list[tuple[str, list[Row]]] = []
    three: list[Row] = []
    pool = WorkerPool()
    try:
        if "1" not in skip:
            rows = bench_streaming(args, answers[0], pool)
            tables.append(("1. streaming a long Markdown answer into the Transcript", rows))
        if "3" not in skip:
            three = bench_three_streams(args, answers, pool)
        with tempfile.TemporaryDirectory() as folder:
            base = Path(folder) / "profile"
            paths = AppPaths(base=base)
            paths.ensure()
            if "2" not in skip:
                filled = time.perf_counter()
                big, small = fill_history(paths.conversations_file, args.messages)
                print(
                    f"history: {args.messages} messages kept in {time.perf_counter() - filled:.1f} s (not a figure)"
                )
            window = make_window(base, args.stream_delay)
            try:
                wait(500)
                wait_until(lambda: window.pool.live_count == 0, "the window's start-up work", STEP_TIMEOUT_S)
                if "2" not in skip:
                    rows = bench_history(args, window, big, small)
                    tables.append(("2. opening a conversation in the Chat tab", rows))
                if "3" not in skip:
                    rows = bench_compare_panel(args, window, answers, question)
                    tables.append(("3. Compare mode, 3 streams at once", rows + three))
            finally:
                window.shutdown()
                window.deleteLater()
                app.processEvents()
    finally:
        pool.shutdown()

    print(
        f"\nheartbeat every {args.interval} ms; best of {args.repeats} repeat(s) (opening: at least 3, Compare "
        f"panel: at least {COMPARE_REPEATS}); ratio = ours / target; "
        f"vs base = ours / baseline (same run); {time.perf_counter() - started:.0f} s in all"
    )
    for title, rows in tables:
        print_table(title, rows)
    print()
    for title, rows in tables:
        for line in verdicts(rows):
            print(f"{title[:2]} {line}")


if __name__ == "__main__":
    main()
