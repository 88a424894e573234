"""What a chat question is sent with: the system prompt and the generation settings of one conversation.

``None`` for a number means "not sent: the service's own default". The dict forms are what the conversation
store (``Conversation.settings``) and the settings file keep. Reading them back never fails: a file written
by a later version, or edited by hand, may hold keys this version does not know (ignored), numbers out of
range (clamped into range) or values of the wrong type (dropped, so the default is used).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeGuard, TypeVar

__all__ = [
    "CONTEXT_MESSAGES_MAX",
    "CONTEXT_MESSAGES_MIN",
    "DEFAULT_CONTEXT_MESSAGES",
    "MAX_TOKENS_MAX",
    "MAX_TOKENS_MIN",
    "SYSTEM_PROMPT_KEY",
    "TEMPERATURE_MAX",
    "TEMPERATURE_MIN",
    "TOP_P_MAX",
    "TOP_P_MIN",
    "ChatSettings",
    "context_window",
]

T = TypeVar("T")

TEMPERATURE_MIN, TEMPERATURE_MAX = 0.0, 2.0  # OpenAI's documented range
TOP_P_MIN, TOP_P_MAX = 0.0, 1.0
MAX_TOKENS_MIN, MAX_TOKENS_MAX = 1, 128_000  # the largest output any current chat model allows, with room
CONTEXT_MESSAGES_MIN, CONTEXT_MESSAGES_MAX = 0, 200
DEFAULT_CONTEXT_MESSAGES = 20  # ten questions and their answers

SYSTEM_PROMPT_KEY = "system_prompt"  # only in the "with prompt" dicts; the store keeps it in its own column
_TEMPERATURE, _TOP_P, _MAX_TOKENS, _CONTEXT_MESSAGES = (
    "temperature",
    "top_p",
    "max_tokens",
    "context_messages",
)


@dataclass(frozen=True)
class ChatSettings:
    """One conversation's settings. Construct it with values in range (``ValueError`` otherwise); use
    :meth:`from_dict` for values read from a file."""

    system_prompt: str = ""
    temperature: float | None = None
    top_p: float | None = None
    max_tokens: int | None = None
    context_messages: int = DEFAULT_CONTEXT_MESSAGES  # the last N messages sent with a question; 0: none

    def __post_init__(self) -> None:
        if not isinstance(self.system_prompt, str):
            raise TypeError(f"system_prompt must be text, not {type(self.system_prompt).__name__}")
        for name, value, low, high in (
            (_TEMPERATURE, self.temperature, TEMPERATURE_MIN, TEMPERATURE_MAX),
            (_TOP_P, self.top_p, TOP_P_MIN, TOP_P_MAX),
        ):
            if value is None:
                continue
            if not _is_real(value) or not low <= value <= high:
                raise ValueError(f"{name} must be a number from {low} to {high} or None, not {value!r}")
            object.__setattr__(self, name, float(value))  # 1 and 1.0 are the same setting; keep one type
        if self.max_tokens is not None and not _is_whole_in(self.max_tokens, MAX_TOKENS_MIN, MAX_TOKENS_MAX):
            raise ValueError(
                f"max_tokens must be a whole number from {MAX_TOKENS_MIN} to {MAX_TOKENS_MAX} or None, "
                f"not {self.max_tokens!r}"
            )
        if not _is_whole_in(self.context_messages, CONTEXT_MESSAGES_MIN, CONTEXT_MESSAGES_MAX):
            raise ValueError(
                f"context_messages must be a whole number from {CONTEXT_MESSAGES_MIN} to "
                f"{CONTEXT_MESSAGES_MAX}, not {self.context_messages!r}"
            )

    def to_dict(self) -> dict[str, object]:
        """The generation settings as plain JSON values, for ``Conversation.settings``: no system prompt (the
        store keeps it in its own column) and no ``None`` (a missing key means the service's default)."""
        values: dict[str, object] = {}
        if self.temperature is not None:
            values[_TEMPERATURE] = self.temperature
        if self.top_p is not None:
            values[_TOP_P] = self.top_p
        if self.max_tokens is not None:
            values[_MAX_TOKENS] = self.max_tokens
        values[_CONTEXT_MESSAGES] = self.context_messages
        return values

    def to_dict_with_prompt(self) -> dict[str, object]:
        """:meth:`to_dict` plus the system prompt under :data:`SYSTEM_PROMPT_KEY`: everything in one dict, as
        the settings file remembers the last values used with a provider profile."""
        return {SYSTEM_PROMPT_KEY: self.system_prompt, **self.to_dict()}

    @classmethod
    def from_dict(cls, raw: object, system_prompt: str = "") -> ChatSettings:
        """Settings from :meth:`to_dict`'s form, as read from a file; never raises. ``system_prompt`` comes
        from elsewhere (the store's column); a system prompt inside ``raw`` is ignored.

        Unknown keys are ignored, numbers out of range are clamped into it, and anything else that is not a
        usable value (text, ``true``, NaN, a fraction where a whole number belongs) is dropped, so the
        default is used."""
        values: Mapping[object, object] = raw if isinstance(raw, Mapping) else {}
        context_messages = _whole(values.get(_CONTEXT_MESSAGES), CONTEXT_MESSAGES_MIN, CONTEXT_MESSAGES_MAX)
        return cls(
            system_prompt=system_prompt,
            temperature=_real(values.get(_TEMPERATURE), TEMPERATURE_MIN, TEMPERATURE_MAX),
            top_p=_real(values.get(_TOP_P), TOP_P_MIN, TOP_P_MAX),
            max_tokens=_whole(values.get(_MAX_TOKENS), MAX_TOKENS_MIN, MAX_TOKENS_MAX),
            context_messages=DEFAULT_CONTEXT_MESSAGES if context_messages is None else context_messages,
        )

    @classmethod
    def from_dict_with_prompt(cls, raw: object) -> ChatSettings:
        """Settings from :meth:`to_dict_with_prompt`'s form; never raises, as :meth:`from_dict`."""
        prompt = raw.get(SYSTEM_PROMPT_KEY) if isinstance(raw, Mapping) else None
        return cls.from_dict(raw, system_prompt=prompt if isinstance(prompt, str) else "")


def context_window(messages: Sequence[T], n: int) -> list[T]:
    """The last ``n`` messages (all of them when there are fewer); none for ``n`` of 0 or less."""
    if n <= 0:
        return []
    return list(messages[-n:])


def _is_real(value: object) -> TypeGuard[int | float]:
    if isinstance(value, bool):
        return False
    # An int is always finite; math.isfinite would overflow on one too big for a float.
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


def _is_whole_in(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _real(value: object, low: float, high: float) -> float | None:
    if not _is_real(value):
        return None
    return float(min(max(value, low), high))


def _whole(value: object, low: int, high: int) -> int | None:
    """A whole number clamped into range; 3.0 counts (JSON writers may add the point), 3.5 does not."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not value.is_integer():  # also False for NaN and infinities
            return None
        value = int(value)
    if not isinstance(value, int):
        return None
    return min(max(value, low), high)
