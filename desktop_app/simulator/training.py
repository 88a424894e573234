"""Simulated training: resolved hyperparameters, a plausible seeded loss curve, the result CSV."""

from __future__ import annotations

import csv
import io
import math
import random
from dataclasses import dataclass
from typing import Any

AUTO = "auto"


def auto_epochs(n_examples: int) -> int:
    """OpenAI's documented default: 3, raised for small files and lowered for big ones."""
    n = max(1, n_examples)
    if n * 3 < 100:
        return min(25, 100 // n)
    if n * 3 > 25_000:
        return max(1, 25_000 // n)
    return 3


def auto_batch_size(n_examples: int) -> int:
    # About 0.2% of the examples, as OpenAI's auto batch sizes come out in practice.
    return max(1, min(256, round(n_examples * 0.002)))


def auto_learning_rate_multiplier(batch_size: int) -> float:
    return 2.0 if batch_size >= 8 else 1.8


@dataclass(frozen=True)
class Plan:
    n_epochs: int
    batch_size: int
    learning_rate_multiplier: float
    steps_per_epoch: int

    @property
    def total_steps(self) -> int:
        return self.n_epochs * self.steps_per_epoch


def plan_training(
    n_examples: int,
    hyperparameters: dict[str, Any],
    *,
    steps_per_epoch: int | None,
    max_total_steps: int,
) -> Plan:
    """Resolve "auto" values and choose how many simulated steps each epoch takes."""
    n_epochs = hyperparameters.get("n_epochs", AUTO)
    batch_size = hyperparameters.get("batch_size", AUTO)
    multiplier = hyperparameters.get("learning_rate_multiplier", AUTO)
    epochs = auto_epochs(n_examples) if n_epochs == AUTO else int(n_epochs)
    batch = auto_batch_size(n_examples) if batch_size == AUTO else int(batch_size)
    rate = auto_learning_rate_multiplier(batch) if multiplier == AUTO else float(multiplier)
    if steps_per_epoch is None:
        # Real step counts would make big files train for hours; keep a job to seconds.
        derived = math.ceil(n_examples / batch)
        steps_per_epoch = max(1, min(derived, max_total_steps // epochs))
    return Plan(epochs, batch, rate, steps_per_epoch)


@dataclass(frozen=True)
class StepMetrics:
    step: int
    train_loss: float
    train_mean_token_accuracy: float
    valid_loss: float | None = None
    valid_mean_token_accuracy: float | None = None
    full_valid_loss: float | None = None
    full_valid_mean_token_accuracy: float | None = None

    def as_data(self, total_steps: int) -> dict[str, Any]:
        data: dict[str, Any] = {
            "step": self.step,
            "train_loss": self.train_loss,
            "train_mean_token_accuracy": self.train_mean_token_accuracy,
            "total_steps": total_steps,
        }
        for key in (
            "valid_loss",
            "valid_mean_token_accuracy",
            "full_valid_loss",
            "full_valid_mean_token_accuracy",
        ):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data

    def message(self, total_steps: int) -> str:
        text = f"Step {self.step}/{total_steps}: training loss={self.train_loss:.2f}"
        if self.valid_loss is not None:
            text += f", validation loss={self.valid_loss:.2f}"
        if self.full_valid_loss is not None:
            text += f", full validation loss={self.full_valid_loss:.2f}"
        return text


def make_curve(seed: int, plan: Plan, *, with_validation: bool) -> list[StepMetrics]:
    """Loss falling roughly exponentially with noise; the same seed gives the same curve."""
    rng = random.Random(seed)
    total = plan.total_steps
    start = rng.uniform(1.8, 3.2)
    floor = rng.uniform(0.05, 0.35)
    rate = rng.uniform(2.5, 4.5)
    overfit = rng.uniform(0.05, 0.3)
    valid_every = max(1, plan.steps_per_epoch // 2)
    curve = []
    for step in range(1, total + 1):
        progress = step / total
        expected = floor + (start - floor) * math.exp(-rate * progress)
        loss = max(0.005, expected * (1 + rng.gauss(0, 0.08)))
        learned = 1 - (expected - floor) / (start - floor)
        accuracy = _clamp(0.4 + 0.55 * learned + rng.gauss(0, 0.015))
        valid_loss = valid_accuracy = full_loss = full_accuracy = None
        end_of_epoch = step % plan.steps_per_epoch == 0
        if with_validation and (step % valid_every == 0 or end_of_epoch):
            gap = 1.05 + overfit * progress
            valid_loss = _round(max(0.005, expected * gap * (1 + rng.gauss(0, 0.1))))
            valid_accuracy = _round(_clamp(accuracy - 0.03 * gap + rng.gauss(0, 0.02)))
            if end_of_epoch:
                full_loss = _round(expected * gap)
                full_accuracy = _round(_clamp(0.4 + 0.55 * learned - 0.03 * gap))
        curve.append(
            StepMetrics(
                step,
                _round(loss),
                _round(accuracy),
                valid_loss,
                valid_accuracy,
                full_loss,
                full_accuracy,
            )
        )
    return curve


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def _round(value: float) -> float:
    return round(value, 5)


def result_csv(curve: list[StepMetrics]) -> bytes:
    """The step_metrics.csv OpenAI attaches to a finished job; validation cells empty when not computed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["step", "train_loss", "train_accuracy", "valid_loss", "valid_mean_token_accuracy"])
    for metrics in curve:
        writer.writerow(
            [
                metrics.step,
                metrics.train_loss,
                metrics.train_mean_token_accuracy,
                "" if metrics.valid_loss is None else metrics.valid_loss,
                "" if metrics.valid_mean_token_accuracy is None else metrics.valid_mean_token_accuracy,
            ]
        )
    return buffer.getvalue().encode("utf-8")
