from __future__ import annotations

import json
import math

import pytest

from desktop_app.core.chat_settings import (
    CONTEXT_MESSAGES_MAX,
    DEFAULT_CONTEXT_MESSAGES,
    MAX_TOKENS_MAX,
    SYSTEM_PROMPT_KEY,
    ChatSettings,
    context_window,
)

FULL = ChatSettings(
    system_prompt="你是青山茶舍的店员", temperature=0.7, top_p=0.9, max_tokens=512, context_messages=6
)


def test_defaults_leave_the_numbers_to_the_service() -> None:
    settings = ChatSettings()
    assert settings == ChatSettings(
        system_prompt="", temperature=None, top_p=None, max_tokens=None, context_messages=20
    )
    assert DEFAULT_CONTEXT_MESSAGES == 20
    assert settings.to_dict() == {"context_messages": 20}


def test_to_dict_omits_none_and_the_system_prompt() -> None:
    assert FULL.to_dict() == {"temperature": 0.7, "top_p": 0.9, "max_tokens": 512, "context_messages": 6}
    assert ChatSettings(system_prompt="x", max_tokens=100).to_dict() == {
        "max_tokens": 100,
        "context_messages": DEFAULT_CONTEXT_MESSAGES,
    }


def test_dict_round_trips_through_json() -> None:
    text = json.dumps(FULL.to_dict())
    assert ChatSettings.from_dict(json.loads(text), system_prompt=FULL.system_prompt) == FULL
    text = json.dumps(FULL.to_dict_with_prompt(), ensure_ascii=False)
    assert ChatSettings.from_dict_with_prompt(json.loads(text)) == FULL
    assert ChatSettings.from_dict_with_prompt(ChatSettings().to_dict_with_prompt()) == ChatSettings()


def test_with_prompt_dict_carries_the_system_prompt() -> None:
    assert FULL.to_dict_with_prompt() == {SYSTEM_PROMPT_KEY: FULL.system_prompt, **FULL.to_dict()}
    assert ChatSettings().to_dict_with_prompt()[SYSTEM_PROMPT_KEY] == ""


def test_from_dict_takes_the_prompt_from_its_argument_only() -> None:
    raw = {SYSTEM_PROMPT_KEY: "inside", "context_messages": 4}
    assert ChatSettings.from_dict(raw).system_prompt == ""
    assert ChatSettings.from_dict(raw, system_prompt="column").system_prompt == "column"
    assert ChatSettings.from_dict_with_prompt(raw).system_prompt == "inside"
    assert ChatSettings.from_dict_with_prompt({SYSTEM_PROMPT_KEY: 3}).system_prompt == ""


@pytest.mark.parametrize("raw", [None, [], "text", 3, {}, {"unknown": 1}])
def test_from_dict_of_nothing_usable_gives_defaults(raw: object) -> None:
    assert ChatSettings.from_dict(raw) == ChatSettings()
    assert ChatSettings.from_dict_with_prompt(raw) == ChatSettings()


def test_unknown_keys_from_a_later_version_are_ignored() -> None:
    raw = {**FULL.to_dict(), "presence_penalty": 0.5, "tools": [{"name": "x"}], 7: "number key"}
    assert ChatSettings.from_dict(raw, system_prompt=FULL.system_prompt) == FULL


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"temperature": 5}, ChatSettings(temperature=2.0)),
        ({"temperature": -1.5}, ChatSettings(temperature=0.0)),
        ({"temperature": 1}, ChatSettings(temperature=1.0)),
        ({"top_p": 1.5}, ChatSettings(top_p=1.0)),
        ({"top_p": -0.1}, ChatSettings(top_p=0.0)),
        ({"max_tokens": 0}, ChatSettings(max_tokens=1)),
        ({"max_tokens": 10**9}, ChatSettings(max_tokens=MAX_TOKENS_MAX)),
        ({"max_tokens": 256.0}, ChatSettings(max_tokens=256)),
        ({"context_messages": -3}, ChatSettings(context_messages=0)),
        ({"context_messages": 1000}, ChatSettings(context_messages=CONTEXT_MESSAGES_MAX)),
        ({"temperature": 10**400}, ChatSettings(temperature=2.0)),  # too big for a float: still clamped
    ],
)
def test_out_of_range_numbers_are_clamped(raw: dict[str, object], expected: ChatSettings) -> None:
    assert ChatSettings.from_dict(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        {"temperature": "0.7"},
        {"temperature": True},
        {"temperature": math.nan},
        {"temperature": math.inf},
        {"temperature": None},
        {"top_p": [0.5]},
        {"max_tokens": 12.5},
        {"max_tokens": False},
        {"max_tokens": "512"},
        {"max_tokens": math.inf},
        {"context_messages": "all"},
        {"context_messages": 2.5},
        {"context_messages": True},
        {"context_messages": None},
    ],
)
def test_wrongly_typed_values_are_dropped(raw: dict[str, object]) -> None:
    assert ChatSettings.from_dict(raw) == ChatSettings()


def test_one_bad_value_keeps_the_others() -> None:
    raw = {"temperature": "hot", "top_p": 0.5, "max_tokens": -1, "context_messages": 8}
    assert ChatSettings.from_dict(raw) == ChatSettings(top_p=0.5, max_tokens=1, context_messages=8)


@pytest.mark.parametrize(
    "bad",
    [
        {"temperature": 2.5},
        {"temperature": math.nan},
        {"top_p": 1.01},
        {"max_tokens": 0},
        {"max_tokens": MAX_TOKENS_MAX + 1},
        {"max_tokens": True},
        {"context_messages": -1},
        {"context_messages": CONTEXT_MESSAGES_MAX + 1},
    ],
)
def test_constructing_out_of_range_raises(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=next(iter(bad))):
        ChatSettings(**bad)  # type: ignore[arg-type]


def test_constructing_with_a_non_text_prompt_raises() -> None:
    with pytest.raises(TypeError, match="system_prompt"):
        ChatSettings(system_prompt=None)  # type: ignore[arg-type]


def test_whole_temperature_is_kept_as_a_float() -> None:
    settings = ChatSettings(temperature=1, top_p=0)
    assert isinstance(settings.temperature, float)
    assert isinstance(settings.top_p, float)
    assert json.dumps(settings.to_dict()) == '{"temperature": 1.0, "top_p": 0.0, "context_messages": 20}'


def test_settings_are_frozen() -> None:
    settings = ChatSettings()
    with pytest.raises(AttributeError):
        settings.temperature = 1.0  # type: ignore[misc]


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, []), (-1, []), (1, ["e"]), (2, ["d", "e"]), (5, ["a", "b", "c", "d", "e"]), (20, list("abcde"))],
)
def test_context_window_is_the_last_n(n: int, expected: list[str]) -> None:
    assert context_window(["a", "b", "c", "d", "e"], n) == expected


def test_context_window_of_nothing_and_of_a_tuple() -> None:
    assert context_window([], 20) == []
    window = context_window((1, 2, 3), 2)
    assert window == [2, 3]
    assert isinstance(window, list)
