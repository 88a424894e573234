"""A job's checkpoints: a thin adapter over plain :class:`Checkpoint` rows."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt

from desktop_app.providers.types import Checkpoint
from desktop_app.ui.jobs.jobs_model import format_time
from desktop_app.ui.row_table_model import RowTableModel

COL_STEP, COL_TRAIN_LOSS, COL_VALID_LOSS, COL_ACCURACY, COL_CREATED, COL_MODEL = range(6)
CHECKPOINT_MODEL_ROLE = Qt.ItemDataRole.UserRole + 1

# The metric names OpenAI reports for a checkpoint, best first for each column.
_TRAIN_LOSS = ("train_loss",)
_VALID_LOSS = ("full_valid_loss", "valid_loss")
_ACCURACY = ("full_valid_mean_token_accuracy", "valid_mean_token_accuracy", "train_mean_token_accuracy")


def _metric(checkpoint: Checkpoint, names: Sequence[str]) -> float | None:
    for name in names:
        value = checkpoint.metrics.get(name)
        if isinstance(value, int | float):
            return float(value)
    return None


class CheckpointsModel(RowTableModel[Checkpoint]):
    column_count = 6

    def set_checkpoints(self, checkpoints: Sequence[Checkpoint]) -> None:
        if list(checkpoints) != self._rows:
            self.replace_rows(checkpoints)

    def checkpoint(self, row: int) -> Checkpoint:
        return self.row_at(row)

    def column_titles(self) -> dict[int, str]:
        return {
            COL_STEP: self.tr("Step"),
            COL_TRAIN_LOSS: self.tr("Training loss"),
            COL_VALID_LOSS: self.tr("Validation loss"),
            COL_ACCURACY: self.tr("Token accuracy"),
            COL_CREATED: self.tr("Saved"),
            COL_MODEL: self.tr("Model name"),
        }

    def cell(self, checkpoint: Checkpoint, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_STEP:
                return str(checkpoint.step)
            if column in (COL_TRAIN_LOSS, COL_VALID_LOSS):
                value = _metric(checkpoint, _TRAIN_LOSS if column == COL_TRAIN_LOSS else _VALID_LOSS)
                return "" if value is None else f"{value:.4f}"
            if column == COL_ACCURACY:
                value = _metric(checkpoint, _ACCURACY)
                return "" if value is None else f"{value:.1%}"
            if column == COL_CREATED:
                return format_time(checkpoint.created_at)
            if column == COL_MODEL:
                return checkpoint.model
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            COL_STEP,
            COL_TRAIN_LOSS,
            COL_VALID_LOSS,
            COL_ACCURACY,
        ):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == CHECKPOINT_MODEL_ROLE:
            return checkpoint.model
        return None
