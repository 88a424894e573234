"""The base models the practice service offers, with their API family and shutdown dates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ModelFamily = Literal["chat", "completion"]


@dataclass(frozen=True)
class BaseModel:
    id: str
    created: int
    family: ModelFamily
    tunable: bool
    shutdown_date: str | None = None
    owned_by: str = "system"

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "object": "model",
            "created": self.created,
            "owned_by": self.owned_by,
            "shutdown_date": self.shutdown_date,
        }


# Shutdown dates from OpenAI's deprecations page (fine-tunes shut down with their base model).
BASE_MODELS: tuple[BaseModel, ...] = (
    BaseModel("gpt-4o-mini-2024-07-18", 1721172717, "chat", tunable=True, shutdown_date="2027-01-14"),
    BaseModel("gpt-4.1-mini-2025-04-14", 1744317547, "chat", tunable=True, shutdown_date="2027-01-14"),
    BaseModel("gpt-4.1-nano-2025-04-14", 1744321707, "chat", tunable=True),
    BaseModel("gpt-3.5-turbo-0125", 1706048358, "chat", tunable=True),
    # An alias, listed as the real service lists it; fine-tuning resolves it to the snapshot.
    BaseModel("gpt-4o-mini", 1721172741, "chat", tunable=True, shutdown_date="2027-01-14"),
    BaseModel("babbage-002", 1692634615, "completion", tunable=True),
    BaseModel("davinci-002", 1692634301, "completion", tunable=True),
)

# Aliases OpenAI resolves to a dated snapshot when creating a fine-tuning job.
TUNING_ALIASES = {
    "gpt-4o-mini": "gpt-4o-mini-2024-07-18",
    "gpt-4.1-mini": "gpt-4.1-mini-2025-04-14",
    "gpt-4.1-nano": "gpt-4.1-nano-2025-04-14",
    "gpt-3.5-turbo": "gpt-3.5-turbo-0125",
}

_BY_ID = {model.id: model for model in BASE_MODELS}

# DPO is offered on the newer chat snapshots only.
PREFERENCE_TUNABLE = frozenset(
    {"gpt-4o-mini-2024-07-18", "gpt-4.1-mini-2025-04-14", "gpt-4.1-nano-2025-04-14"}
)


def base_model(model_id: str) -> BaseModel | None:
    return _BY_ID.get(model_id)


def tunable_base(model_id: str) -> BaseModel | None:
    """The snapshot a fine-tuning request for `model_id` trains, or None if it cannot be tuned."""
    model = _BY_ID.get(TUNING_ALIASES.get(model_id, model_id))
    return model if model is not None and model.tunable else None
