"""Settings of the practice service: timing, optional endpoints, key requirement."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

# Names accepted in `disabled_endpoints`; each makes the matching routes answer 404 like a
# service that lacks them ("result_files" makes jobs finish without a result file; "files" takes away
# the file list, as some compatible services only accept uploads).
OPTIONAL_ENDPOINTS = frozenset(
    {"pause", "resume", "cancel", "checkpoints", "events", "result_files", "chat", "completions", "files"}
)


@dataclass(frozen=True)
class SimulatorConfig:
    """How the simulated service behaves. Durations are wall-clock seconds."""

    validating_seconds: float = 1.0
    queued_seconds: float = 1.0
    step_seconds: float = 0.05
    # None: ceil(examples / batch_size), reduced so a job has at most `max_total_steps` steps.
    steps_per_epoch: int | None = None
    max_total_steps: int = 100
    disabled_endpoints: frozenset[str] = frozenset()
    # None accepts any Authorization header or none; a string requires "Bearer <that key>".
    require_api_key: str | None = None
    # Pause between streamed pieces so a UI visibly streams.
    stream_chunk_delay: float = 0.03
    min_training_examples: int = 10
    # Some accounts get the result CSV base64-encoded; clients must accept both.
    base64_result_files: bool = False
    organization: str = "practice"
    max_upload_bytes: int = 512 * 1024 * 1024

    def __post_init__(self) -> None:
        unknown = set(self.disabled_endpoints) - OPTIONAL_ENDPOINTS
        if unknown:
            raise ValueError(
                f"Unknown endpoint name(s) in disabled_endpoints: {sorted(unknown)}; "
                f"known: {sorted(OPTIONAL_ENDPOINTS)}"
            )
        for name in ("validating_seconds", "queued_seconds", "step_seconds", "stream_chunk_delay"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if self.steps_per_epoch is not None and self.steps_per_epoch < 1:
            raise ValueError("steps_per_epoch must be at least 1 or None")
        if self.max_total_steps < 1:
            raise ValueError("max_total_steps must be at least 1")
        # Accept any iterable of names (a set literal) while keeping the field hashable.
        object.__setattr__(self, "disabled_endpoints", frozenset(self.disabled_endpoints))

    @classmethod
    def fast(cls, **overrides: Any) -> SimulatorConfig:
        """Timing for tests: a 10-example job goes from create to succeeded in well under 2 s."""
        values: dict[str, Any] = {
            "validating_seconds": 0.05,
            "queued_seconds": 0.05,
            "step_seconds": 0.004,
            "max_total_steps": 60,
            "stream_chunk_delay": 0.002,
        }
        values.update(overrides)
        return cls(**values)

    def replace(self, **changes: Any) -> SimulatorConfig:
        return dataclasses.replace(self, **changes)
