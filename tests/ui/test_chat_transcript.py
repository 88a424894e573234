"""The transcript widget: a streamed answer ends up exactly as the same answer rendered at once, whatever the
pieces; a conversation can be cut back to a message (a new branch); copy links stay right across answers;
reading back up is not interrupted by a streaming answer."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication, QTextDocument, QTextFormat
from pytestqt.qtbot import QtBot

from desktop_app.core.markdown import COPY_CODE_SCHEME
from desktop_app.ui.chat.answering import PieceBuffer
from desktop_app.ui.chat.transcript import FLUSH_MAX_CHARS, Footer, ShownMessage, Transcript

ANSWER = (
    "# 标题\n\n一段**加粗**的文字，还有`代码`和[链接](https://example.com)。\n\n"
    "1. 第一\n2. 第二\n   - 嵌套\n\n> 引用的话\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n"
    "```python\nfor i in range(3):\n    print(i)\n```\n\n---\n\nLast line with trailing text"
)


def _structure(document: QTextDocument) -> list[tuple[str, int, bool, bool, float, float]]:
    """Each block's text, heading level, list membership, rule and margins: what the reader sees, per block.
    (The margin above a rule may differ by a few pixels; its text-less block has no other margin to show.)"""
    shape = []
    block = document.begin()
    while block.isValid():
        fmt = block.blockFormat()
        rule = fmt.hasProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth)
        top = 0.0 if rule else fmt.topMargin()
        shape.append(
            (block.text(), fmt.headingLevel(), block.textList() is not None, rule, top, fmt.leftMargin())
        )
        block = block.next()
    return shape


def _transcript(qtbot: QtBot) -> Transcript:
    transcript = Transcript(copy_label="copy")
    qtbot.addWidget(transcript)
    transcript.resize(800, 600)
    transcript.show()
    return transcript


def _question(key: str = "q1", text: str = "问个问题") -> ShownMessage:
    return ShownMessage(key, "user", "You", text, Footer())


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_a_streamed_answer_ends_up_as_the_same_answer_rendered_at_once(qtbot: QtBot, seed: int) -> None:
    streamed = _transcript(qtbot)
    streamed.add_message(_question())
    streamed.begin_answer("a1", "model")
    pieces = random.Random(seed)
    position = 0
    flushes: list[int] = []
    streamed.rendered.connect(lambda chars, _seconds: flushes.append(chars))
    while position < len(ANSWER):
        size = pieces.randint(1, 7)
        streamed.feed(ANSWER[position : position + size])
        position += size
        if pieces.random() < 0.3:
            streamed.flush()  # as the timer would, at any point
    streamed.finish_answer(Footer(meta="meta"))
    assert sum(flushes) == len(ANSWER)  # every character shown once

    whole = _transcript(qtbot)
    whole.show_messages([_question(), ShownMessage("a1", "assistant", "model", ANSWER, Footer(meta="meta"))])
    assert _structure(streamed.document()) == _structure(whole.document())
    assert streamed.toPlainText() == whole.toPlainText()
    assert streamed.messages == whole.messages


def test_pieces_arriving_together_are_shown_in_one_update(qtbot: QtBot) -> None:
    transcript = _transcript(qtbot)
    transcript.begin_answer("a1", "model")
    flushes: list[int] = []
    transcript.rendered.connect(lambda chars, _seconds: flushes.append(chars))
    for piece in ["Hel", "lo ", "wor", "ld"]:
        transcript.feed(piece)
    assert flushes == []  # not yet: the timer coalesces them
    qtbot.waitUntil(lambda: flushes == [11], timeout=2_000)
    assert "Hello world" in transcript.toPlainText()


def test_cutting_back_to_a_message_removes_it_and_all_after(qtbot: QtBot) -> None:
    transcript = _transcript(qtbot)
    transcript.show_messages(
        [
            _question("q1", "first"),
            ShownMessage("a1", "assistant", "model", "answer **one**"),
            _question("q2", "second"),
            ShownMessage("a2", "assistant", "model", "answer two"),
        ]
    )
    transcript.truncate_from("q2")
    assert [m.key for m in transcript.messages] == ["q1", "a1"]
    assert transcript.toPlainText().endswith("answer one")
    transcript.add_message(_question("q3", "second, edited"))
    assert transcript.toPlainText().endswith("second, edited")
    fresh = _transcript(qtbot)
    fresh.show_messages(transcript.messages)
    assert _structure(fresh.document()) == _structure(transcript.document())

    transcript.truncate_from("q1")
    assert transcript.messages == []
    assert transcript.toPlainText() == ""


def test_copy_links_copy_the_right_code_across_answers(qtbot: QtBot) -> None:
    transcript = _transcript(qtbot)
    transcript.show_messages([ShownMessage("a1", "assistant", "m", "```\nold code\n```")])
    transcript.begin_answer("a2", "m")
    transcript.feed("Here:\n\n```sh\nnew code\n```\n\nand more")
    transcript.flush()
    hrefs = [
        f"{COPY_CODE_SCHEME}:{n}"
        for n in range(3)
        if f"{COPY_CODE_SCHEME}:{n}" in transcript.document().toHtml()
    ]
    assert hrefs == [f"{COPY_CODE_SCHEME}:0", f"{COPY_CODE_SCHEME}:1"]
    assert transcript.code_text(1) == "new code"  # while the answer still streams
    transcript.finish_answer(Footer())
    assert transcript.code_text(0) == "old code"
    assert transcript.code_text(1) == "new code"
    with qtbot.waitSignal(transcript.codeCopied) as copied:
        transcript.anchorClicked.emit(transcript.document().baseUrl().resolved(f"{COPY_CODE_SCHEME}:1"))  # type: ignore[arg-type]
    assert copied.args == ["new code"]
    assert QGuiApplication.clipboard().text() == "new code"


def test_reading_back_up_is_not_interrupted_by_the_stream(qtbot: QtBot) -> None:
    transcript = _transcript(qtbot)
    transcript.show_messages([ShownMessage(f"m{n}", "user", "You", f"line {n}") for n in range(80)])
    bar = transcript.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert bar.value() == bar.maximum()  # opened at the end
    transcript.begin_answer("a", "model")
    transcript.feed("streaming " * 50)
    transcript.flush()
    # At the end, it follows the answer: once per pass of the event loop, not inside the flush.
    qtbot.waitUntil(lambda: bar.value() == bar.maximum(), timeout=2_000)
    bar.setValue(0)  # the user scrolls up to read
    transcript.feed("more " * 200)
    transcript.flush()
    qtbot.wait(50)
    assert bar.value() == 0


def test_a_backlog_is_shown_in_steps_and_the_answer_ends_when_all_of_it_is_shown(qtbot: QtBot) -> None:
    transcript = _transcript(qtbot)
    transcript.begin_answer("a", "model")
    flushes: list[int] = []
    transcript.rendered.connect(lambda chars, _seconds: flushes.append(chars))
    text = "word " * 3_000  # 15,000 characters at once: a fast service
    transcript.feed(text)
    with qtbot.waitSignal(transcript.answerShown, timeout=5_000) as shown:
        transcript.finish_answer(Footer(meta="done"))
        assert flushes == [FLUSH_MAX_CHARS]  # one step now, the window gets a turn, then the rest
    assert shown.args == ["a"]
    assert flushes == [FLUSH_MAX_CHARS] * 3 + [len(text) - 3 * FLUSH_MAX_CHARS]
    assert transcript.messages[-1].text == text
    assert transcript.toPlainText().endswith("done")


def test_pieces_from_a_fast_service_wake_the_window_once_per_batch() -> None:
    buffer = PieceBuffer()
    assert buffer.put("a")  # the first piece wakes the receiver
    assert not buffer.put("b")  # later ones wait for it
    assert buffer.take() == "ab"
    assert buffer.take() == ""
    assert buffer.put("c")  # taken: the next piece wakes it again


def test_showing_earlier_messages_waits_while_an_answer_is_written(qtbot: QtBot) -> None:
    transcript = Transcript(copy_label="copy", shown_at_once=2)
    qtbot.addWidget(transcript)
    transcript.show_messages([_question(f"q{n}", f"question {n}") for n in range(5)])
    transcript.begin_answer("a", "model")
    transcript.feed("half an answer")
    transcript.flush()
    transcript.anchorClicked.emit(QUrl("chat:earlier/"))
    assert "question 2" not in transcript.toPlainText()  # not now
    transcript.feed(", and the rest")
    with qtbot.waitSignal(transcript.answerShown, timeout=2_000):
        transcript.finish_answer(Footer())
    assert transcript.messages[-1].text == "half an answer, and the rest"
    transcript.anchorClicked.emit(QUrl("chat:earlier/"))
    assert "question 1" in transcript.toPlainText()  # two more, the answer kept whole
    assert transcript.messages[-1].text == "half an answer, and the rest"
