"""Plain data the providers hand to the rest of the app.

Every provider converts its service's answers into these frozen dataclasses, so the UI never sees an SDK
object and a new provider only has to fill them in.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")

# Statuses OpenAI documents, plus "paused" which its pause endpoint returns. Services may report others:
# the UI shows unknown statuses as they come and treats them as still active.
TERMINAL_STATUSES = frozenset({"succeeded", "failed", "cancelled"})
ACTIVE_STATUSES = frozenset({"validating_files", "queued", "running", "paused"})


class Capability(enum.Enum):
    """Optional parts of a training service; a provider may lack any of them."""

    PAUSE_RESUME = "pause_resume"
    CHECKPOINTS = "checkpoints"
    EVENTS = "events"
    RESULT_FILES = "result_files"
    DELETE_MODEL = "delete_model"
    LEGACY_COMPLETIONS = "legacy_completions"
    FILES = "files"
    """Listing the files uploaded to the service (deleting one needs no capability)."""
    STREAM_USAGE = "stream_usage"
    """Token counts at the end of a streamed answer (OpenAI's ``stream_options.include_usage``); some
    compatible services reject the option, and their answers then stream without counts."""


@dataclass(frozen=True)
class UploadedFile:
    id: str
    filename: str
    bytes: int
    created_at: int
    purpose: str
    status: str | None = None


@dataclass(frozen=True)
class JobError:
    code: str
    message: str
    param: str | None = None


@dataclass(frozen=True)
class Hyperparameters:
    """None means "let the service choose" (OpenAI's "auto")."""

    n_epochs: int | None = None
    batch_size: int | None = None
    learning_rate_multiplier: float | None = None


@dataclass(frozen=True)
class Job:
    id: str
    model: str
    status: str
    created_at: int
    training_file: str
    fine_tuned_model: str | None = None
    finished_at: int | None = None
    error: JobError | None = None
    validation_file: str | None = None
    result_files: tuple[str, ...] = ()
    trained_tokens: int | None = None
    estimated_finish: int | None = None
    suffix: str | None = None
    hyperparameters: Hyperparameters = field(default_factory=Hyperparameters)
    method: str | None = None
    """"supervised", "dpo", "reinforcement"…; None when the service does not say."""
    beta: float | None = None
    """DPO's beta as the service reports it; None for "auto" or other methods."""
    metadata: Mapping[str, str] = field(default_factory=dict)
    seed: int | None = None
    """The seed the job trained with (the service picks one when none was given); None when not said."""

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL_STATUSES

    @property
    def is_active(self) -> bool:
        return not self.is_terminal


@dataclass(frozen=True)
class JobEvent:
    id: str
    created_at: int
    level: str
    message: str
    type: str = "message"
    data: Mapping[str, object] = field(default_factory=dict)

    @property
    def step(self) -> tuple[int, int] | None:
        """(step, total_steps) of a metrics event, else None."""
        step, total = self.data.get("step"), self.data.get("total_steps")
        if isinstance(step, int) and isinstance(total, int) and total > 0:
            return step, total
        return None


@dataclass(frozen=True)
class Checkpoint:
    id: str
    model: str
    step: int
    created_at: int
    metrics: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class ModelInfo:
    id: str
    created: int
    owned_by: str
    shutdown_date: str | None = None

    @property
    def is_fine_tuned(self) -> bool:
        return self.id.startswith("ft:")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    has_more: bool

    @property
    def next_after(self) -> str | None:
        """Cursor for the next page: the id of the last item, as OpenAI's cursor pages expect."""
        if not self.has_more or not self.items:
            return None
        last = self.items[-1]
        item_id = getattr(last, "id", None)
        return item_id if isinstance(item_id, str) else None


@dataclass(frozen=True)
class JobRequest:
    base_model: str
    training_file_id: str
    validation_file_id: str | None = None
    suffix: str | None = None
    seed: int | None = None
    hyperparameters: Hyperparameters = field(default_factory=Hyperparameters)
    method: str = "supervised"
    """The training method: "supervised", or "dpo" (preference pairs; the file holds preference lines)."""
    beta: float | None = None
    """DPO only: how strongly training keeps to the base model (0 < beta ≤ 2); None = the service chooses."""
    metadata: Mapping[str, str] = field(default_factory=dict)
    """Up to 16 key-value pairs stored with the job (keys ≤ 64 characters, values ≤ 512); sent when not empty."""


@dataclass(frozen=True)
class ChatMessage:
    role: str
    content: str


@dataclass(frozen=True)
class GenerationOptions:
    """How to generate an answer; None leaves a setting to the service."""

    temperature: float | None = None
    max_tokens: int | None = None
    stop: tuple[str, ...] = ()
    top_p: float | None = None
    """Nucleus sampling: only the most likely tokens making up this share of probability (0-1) are drawn from."""


@dataclass(frozen=True)
class Usage:
    """The tokens one answer cost, as the service counted them."""

    prompt_tokens: int
    completion_tokens: int
