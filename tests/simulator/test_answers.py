"""The Practice model's answer: the training example whose question is most like the one asked."""

from __future__ import annotations

from desktop_app.simulator.answers import ExampleIndex, Pair

PAIRS = [
    Pair("你们有奶茶吗？", "我们不做奶茶。"),
    Pair("晚上最晚几点能点单？", "最后点单时间是晚上八点半。"),
    Pair("你们今天开门吗？", "除了周二，每天都开门。"),
    Pair("你们店在哪里？", "青山路17号。"),
    Pair("Do you have parking?", "Free parking at the foot of the hill."),
    Pair("Do you have milk tea?", "No milk tea, only leaf tea."),
]


def test_words_every_question_has_count_less_than_the_words_that_name_the_topic() -> None:
    index = ExampleIndex(PAIRS)
    # "你们…吗" and "？" are in most questions; "几点" names what is asked.
    assert index.answer("你们营业到几点？") == "最后点单时间是晚上八点半。"
    assert index.answer("Do you have a parking lot?") == "Free parking at the foot of the hill."
    assert index.answer("店在哪") == "青山路17号。"


def test_an_exact_question_gets_its_own_answer_and_ties_go_to_the_first() -> None:
    index = ExampleIndex(PAIRS)
    for pair in PAIRS:
        assert index.answer(pair.prompt) == pair.answer
    twins = ExampleIndex([Pair("同一个问题", "第一"), Pair("同一个问题", "第二")])
    assert twins.answer("同一个问题") == "第一"
    assert twins.answer("完全无关") == "第一"
