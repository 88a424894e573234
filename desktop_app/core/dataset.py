"""The dataset as plain rows: what the Data tab edits, what import produces and export consumes.

One row (:class:`Example`) is one training example. Its last exchange is in plain fields the table shows and
edits (``prompt`` = the last user message, ``completion`` = the answer trained on), so single-turn data, by far
the most common, costs three strings per row. Multi-turn conversations keep their earlier messages in
``history``, tool calls between the question and the answer in ``steps``; preference (DPO) pairs keep the
non-preferred answer in ``rejected``. The conversation a row stands for is::

    [system] + history + [user: prompt] + steps + [assistant: completion]

with the system message taken from the row, else the dataset's default, else none; and with no user message
when ``prompt`` is empty (some conversations have none).
"""

from __future__ import annotations

import dataclasses
import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

from desktop_app.core.errors import DatasetError

PAYLOAD_VERSION: Final = 2
"""Version of the plain-dict form written by :meth:`Dataset.to_payload`; bump it when the shape changes.
Version 1 (single-turn rows only, without split or settings) is still read."""

PROJECT_FORMAT: Final = "finetune-desk-dataset"
"""The ``format`` marker of a dataset project file (the payload plus this marker)."""

EXAMPLE_FIELDS: Final = ("prompt", "completion", "system")
"""The text fields every row has (the table's main columns)."""

ROLES: Final = ("system", "user", "assistant", "tool")
"""Message roles of OpenAI's chat fine-tuning format."""

Role = Literal["system", "user", "assistant", "tool"]


@dataclass(frozen=True, slots=True)
class Message:
    """One message of a conversation, as OpenAI's chat fine-tuning format has it."""

    role: Role
    content: str
    weight: int | None = None
    """Assistant messages: 0 = shown to the model but not trained on, 1 = trained on; None = the default (1)."""
    tool_calls: str = ""
    """Assistant messages: the calls it makes, as the JSON text of OpenAI's ``tool_calls`` list."""
    tool_call_id: str = ""
    """Tool messages: the call this result answers."""
    name: str = ""
    """Optional participant name."""

    def to_json(self) -> dict[str, Any]:
        """The message as OpenAI's chat format writes it (``tool_calls`` parsed back into JSON)."""
        record: dict[str, Any] = {"role": self.role}
        if self.name:
            record["name"] = self.name
        if self.tool_calls:
            if self.content:
                record["content"] = self.content
            record["tool_calls"] = json.loads(self.tool_calls)
        else:
            record["content"] = self.content
        if self.tool_call_id:
            record["tool_call_id"] = self.tool_call_id
        if self.weight is not None:
            record["weight"] = self.weight
        return record


@dataclass(slots=True)
class Example:
    """One training example: the row the Data tab edits."""

    prompt: str
    """The last user message (empty: the conversation has no user message there)."""
    completion: str
    """The final assistant message, the answer trained on (for DPO, the preferred answer)."""
    system: str = ""
    """The row's own system message; empty means the dataset's default system prompt (if any)."""
    history: tuple[Message, ...] = ()
    """Earlier messages of a multi-turn conversation, before ``prompt``."""
    steps: tuple[Message, ...] = ()
    """Messages between ``prompt`` and ``completion``: the assistant's tool calls and their results."""
    weight: int | None = None
    """Weight of the final answer (see :attr:`Message.weight`)."""
    tool_calls: str = ""
    """Tool calls the final answer makes (JSON text of OpenAI's list); usually empty."""
    tools: str = ""
    """The functions offered to the model in this example (JSON text of OpenAI's ``tools`` list)."""
    rejected: str = ""
    """Preference (DPO) data: the non-preferred answer. Empty for supervised examples."""
    note: str = ""
    """The user's own note on the row; never exported for training."""
    validation: bool = False
    """In the validation split (see :class:`Split`)."""

    @property
    def is_multi_turn(self) -> bool:
        return bool(self.history or self.steps)

    @property
    def turns(self) -> int:
        """User messages in the conversation (1 for a single question and answer)."""
        return sum(1 for message in self.history if message.role == "user") + (1 if self.prompt else 0)

    def messages(self, default_system: str = "") -> list[Message]:
        """The whole conversation the row stands for (see the module docstring)."""
        result: list[Message] = []
        system = self.system or default_system
        if system:
            result.append(Message("system", system))
        result.extend(self.history)
        if self.prompt:
            result.append(Message("user", self.prompt))
        result.extend(self.steps)
        result.append(Message("assistant", self.completion, self.weight, self.tool_calls))
        return result

    def texts(self) -> Iterator[str]:
        """Every text the row trains on or shows (for search, token and special-token checks)."""
        yield self.system
        for message in self.history:
            yield message.content
        yield self.prompt
        for message in self.steps:
            yield message.content
        yield self.completion
        yield self.rejected


def example_from_messages(
    messages: Sequence[Message], *, tools: str = "", rejected: str = "", note: str = ""
) -> Example:
    """The row for a conversation; it must end with an assistant message (raises ``ValueError`` otherwise).

    A leading system message becomes the row's system text; the last user message before the final answer is
    the prompt; messages between them are ``steps``, earlier ones ``history``.
    """
    if not messages or messages[-1].role != "assistant":
        raise ValueError("the conversation must end with an assistant message")
    final = messages[-1]
    body = list(messages[:-1])
    system = ""
    if body and body[0].role == "system":
        system = body.pop(0).content
    last_user = next((i for i in range(len(body) - 1, -1, -1) if body[i].role == "user"), None)
    history: tuple[Message, ...] = ()
    if last_user is None:
        prompt, steps = "", tuple(body)
    else:
        prompt, history, steps = (
            body[last_user].content,
            tuple(body[:last_user]),
            tuple(body[last_user + 1 :]),
        )
        user = body[last_user]
        if user.name or user.weight is not None or not user.content:
            # What the prompt field cannot show (a name, a weight, an empty message) stays a message.
            prompt, history, steps = "", (), tuple(body)
    return Example(
        prompt,
        final.content,
        system,
        history,
        steps,
        final.weight,
        final.tool_calls,
        tools,
        rejected,
        note,
    )


SplitPreset = Literal["none", "90/10", "80/20", "custom"]
SPLIT_PRESETS: Final[dict[str, float]] = {"none": 0.0, "90/10": 0.1, "80/20": 0.2}


@dataclass(frozen=True, slots=True)
class Split:
    """How the validation split was drawn; the rows themselves carry the result (:attr:`Example.validation`)."""

    preset: SplitPreset
    fraction: float
    """Share of rows held out for validation (0 < fraction < 1)."""
    seed: int


@dataclass
class Dataset:
    """Training examples plus where they came from and the settings saved with them."""

    examples: list[Example] = field(default_factory=list)
    source: Path | None = None
    sheet: str | None = None
    """Sheet read from a workbook."""
    encoding: str | None = None
    """Text encoding detected or chosen for a CSV/TSV file."""
    default_system: str = ""
    """System prompt for rows that have none of their own."""
    split: Split | None = None
    base_model: str = ""
    """The base model the user prepares the data for (token limits and prices follow it)."""
    legacy_separator: str | None = None
    """Legacy prompt/completion export: the separator chosen (None: the suggested one)."""
    legacy_ending: str | None = None
    """Legacy prompt/completion export: the ending chosen (None: the suggested one)."""

    def __len__(self) -> int:
        return len(self.examples)

    @property
    def is_preference(self) -> bool:
        """Preference (DPO) data: some row has a non-preferred answer."""
        return any(example.rejected for example in self.examples)

    def train_examples(self) -> list[Example]:
        return [example for example in self.examples if not example.validation]

    def validation_examples(self) -> list[Example]:
        return [example for example in self.examples if example.validation]

    def copy(self) -> Dataset:
        """An independent copy: editing the copy's examples never changes this dataset."""
        return dataclasses.replace(self, examples=[dataclasses.replace(e) for e in self.examples])

    def with_examples(self, examples: list[Example]) -> Dataset:
        """The same settings over other rows (e.g. one split)."""
        return dataclasses.replace(self, examples=examples)

    def to_payload(self) -> dict[str, Any]:
        """Plain JSON-ready dict (autosave and project files); rows list only what differs from the defaults."""
        return {
            "version": PAYLOAD_VERSION,
            "source": str(self.source) if self.source is not None else None,
            "sheet": self.sheet,
            "encoding": self.encoding,
            "default_system": self.default_system,
            "split": None
            if self.split is None
            else {"preset": self.split.preset, "fraction": self.split.fraction, "seed": self.split.seed},
            "base_model": self.base_model,
            "legacy_separator": self.legacy_separator,
            "legacy_ending": self.legacy_ending,
            "examples": [_example_to_payload(example) for example in self.examples],
        }

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> Dataset:
        """Inverse of :meth:`to_payload`; raises :class:`DatasetError` (code ``"bad_payload"``) on bad input."""
        return _PayloadReader(payload).dataset()


# ------------------------------------------------------------------------------------------------- payload

_OPTIONAL_TEXT_FIELDS: Final = ("system", "tool_calls", "tools", "rejected", "note")
CONVERSATION_KEYS: Final = ("history", "steps", "weight", "tool_calls", "tools")
"""What a row has beyond flat columns (a table keeps these as JSON in one column)."""


def conversation_extras(example: Example) -> dict[str, Any]:
    """The parts of a row a flat table cannot hold, as plain JSON-ready data (empty for single-turn rows)."""
    record = _example_to_payload(example)
    return {key: record[key] for key in CONVERSATION_KEYS if key in record}


def example_from_record(record: dict[str, Any]) -> Example:
    """A row from its payload form (see :meth:`Dataset.to_payload`); raises :class:`DatasetError`
    (``"bad_payload"``) when it is damaged."""
    return _PayloadReader(record).example(0, record)


def _example_to_payload(example: Example) -> dict[str, Any]:
    record: dict[str, Any] = {"prompt": example.prompt, "completion": example.completion}
    for name in _OPTIONAL_TEXT_FIELDS:
        value = getattr(example, name)
        if value:
            record[name] = value
    if example.history:
        record["history"] = [_message_to_payload(message) for message in example.history]
    if example.steps:
        record["steps"] = [_message_to_payload(message) for message in example.steps]
    if example.weight is not None:
        record["weight"] = example.weight
    if example.validation:
        record["validation"] = True
    return record


def _message_to_payload(message: Message) -> dict[str, Any]:
    record: dict[str, Any] = {"role": message.role, "content": message.content}
    for name in ("tool_calls", "tool_call_id", "name"):
        value = getattr(message, name)
        if value:
            record[name] = value
    if message.weight is not None:
        record["weight"] = message.weight
    return record


class _PayloadReader:
    def __init__(self, payload: object) -> None:
        self.payload = payload

    @staticmethod
    def bad(reason: str) -> DatasetError:
        return DatasetError(
            f"Saved dataset is damaged: {reason}", code="bad_payload", details={"reason": reason}
        )

    def dataset(self) -> Dataset:
        payload = self.payload
        if not isinstance(payload, dict):
            raise self.bad("not an object")
        version = payload.get("version")
        if version not in (1, PAYLOAD_VERSION) or isinstance(version, bool):
            raise self.bad(f"unknown version {version!r}")
        raw_examples = payload.get("examples")
        if not isinstance(raw_examples, list):
            raise self.bad("'examples' is not a list")
        examples = [self.example(index, item) for index, item in enumerate(raw_examples)]
        text: dict[str, str | None] = {}
        for name in ("source", "sheet", "encoding", "legacy_separator", "legacy_ending"):
            value = payload.get(name)
            if value is not None and not isinstance(value, str):
                raise self.bad(f"{name!r} is not text")
            text[name] = value
        for name in ("default_system", "base_model"):
            value = payload.get(name, "")
            if not isinstance(value, str):
                raise self.bad(f"{name!r} is not text")
            text[name] = value
        source = text["source"]
        return Dataset(
            examples=examples,
            source=Path(source) if source is not None else None,
            sheet=text["sheet"],
            encoding=text["encoding"],
            default_system=text["default_system"] or "",
            split=self.split(payload.get("split")),
            base_model=text["base_model"] or "",
            legacy_separator=text["legacy_separator"],
            legacy_ending=text["legacy_ending"],
        )

    def split(self, raw: object) -> Split | None:
        if raw is None:
            return None
        if not isinstance(raw, dict):
            raise self.bad("'split' is not an object")
        preset, fraction, seed = raw.get("preset"), raw.get("fraction"), raw.get("seed")
        if preset not in ("none", "90/10", "80/20", "custom"):
            raise self.bad(f"unknown split preset {preset!r}")
        if isinstance(fraction, bool) or not isinstance(fraction, int | float) or not 0 <= fraction < 1:
            raise self.bad("split fraction is not a number between 0 and 1")
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise self.bad("split seed is not a whole number")
        return Split(preset, float(fraction), seed)

    def example(self, index: int, item: object) -> Example:
        where = f"example {index + 1}" if self.payload is not item else "the row"
        if not isinstance(item, dict):
            raise self.bad(f"{where} is not an object")
        values: dict[str, str] = {}
        for name in (*EXAMPLE_FIELDS, *_OPTIONAL_TEXT_FIELDS):
            value = item.get(name, "")
            if not isinstance(value, str):
                raise self.bad(f"{where}: {name!r} is not text")
            values[name] = value
        if values["tool_calls"]:
            self.json_list(values["tool_calls"], f"{where}: 'tool_calls'")
        if values["tools"]:
            self.json_list(values["tools"], f"{where}: 'tools'")
        validation = item.get("validation", False)
        if not isinstance(validation, bool):
            raise self.bad(f"{where}: 'validation' is not true or false")
        return Example(
            prompt=values["prompt"],
            completion=values["completion"],
            system=values["system"],
            history=self.messages(item.get("history", []), f"{where}: 'history'"),
            steps=self.messages(item.get("steps", []), f"{where}: 'steps'"),
            weight=self.weight(item.get("weight"), where),
            tool_calls=values["tool_calls"],
            tools=values["tools"],
            rejected=values["rejected"],
            note=values["note"],
            validation=validation,
        )

    def messages(self, raw: object, where: str) -> tuple[Message, ...]:
        if not isinstance(raw, list):
            raise self.bad(f"{where} is not a list")
        messages: list[Message] = []
        for position, item in enumerate(raw, start=1):
            at = f"{where}, message {position}"
            if not isinstance(item, dict):
                raise self.bad(f"{at} is not an object")
            role = item.get("role")
            if role not in ROLES:
                raise self.bad(f"{at}: unknown role {role!r}")
            texts: dict[str, str] = {}
            for name in ("content", "tool_calls", "tool_call_id", "name"):
                value = item.get(name, "")
                if not isinstance(value, str):
                    raise self.bad(f"{at}: {name!r} is not text")
                texts[name] = value
            if texts["tool_calls"]:
                self.json_list(texts["tool_calls"], f"{at}: 'tool_calls'")
            messages.append(
                Message(
                    role,
                    texts["content"],
                    self.weight(item.get("weight"), at),
                    texts["tool_calls"],
                    texts["tool_call_id"],
                    texts["name"],
                )
            )
        return tuple(messages)

    def weight(self, raw: object, where: str) -> int | None:
        if raw is None:
            return None
        if isinstance(raw, bool) or raw not in (0, 1):
            raise self.bad(f"{where}: weight is not 0 or 1")
        return 1 if raw == 1 else 0

    def json_list(self, text: str, where: str) -> None:
        try:
            value = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise self.bad(f"{where} is not valid JSON") from exc
        if not isinstance(value, list):
            raise self.bad(f"{where} is not a JSON list")


# --------------------------------------------------------------------------------------------------- split


def validation_count(rows: int, fraction: float) -> int:
    """Rows a split holds out: ``round(rows × fraction)``, at least 1 and at most ``rows - 1`` (when it can)."""
    if fraction <= 0 or rows < 2:
        return 0
    return min(rows - 1, max(1, round(rows * fraction)))


def draw_split(rows: int, fraction: float, seed: int) -> list[bool]:
    """Which rows go to validation, drawn with ``random.Random(seed)``: the same rows for the same inputs, on
    every machine and Python version (``Random.sample`` on a seeded generator is stable)."""
    chosen = random.Random(seed).sample(range(rows), validation_count(rows, fraction))
    flags = [False] * rows
    for index in chosen:
        flags[index] = True
    return flags
