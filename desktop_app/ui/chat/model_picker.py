"""Choosing the model to talk to: the user's own models and their checkpoints first, then base models, then
the models of the user's other profiles, in a group per profile.

:func:`gather_choices` runs in a worker (it asks the service for models, and for the checkpoints of the newest
finished jobs); :func:`gather_profile_choices` does the same for another profile (no checkpoints: the jobs
known are the active service's). :class:`ModelPicker` shows the result. Every choice carries the id of the
profile whose service answers with it. A service without a models list (some gateways, Azure deployments)
still works: the user types the model or deployment name.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QWidget

from desktop_app.core.models import base_model_id, find_model, is_legacy_model
from desktop_app.providers.base import TrainingProvider
from desktop_app.providers.errors import ProviderError
from desktop_app.providers.types import Capability, Job, ModelInfo
from desktop_app.ui.widgets import ElidingComboBox

log = logging.getLogger(__name__)

JOBS_FOR_CHECKPOINTS = 5  # the newest succeeded jobs whose checkpoints are offered
CHOICE_ROLE = Qt.ItemDataRole.UserRole + 1
INDENT = "    "  # a group's lines under its heading


@dataclass(frozen=True)
class ModelChoice:
    id: str
    kind: str  # "tuned", "checkpoint", "chat" or "legacy"
    created: int = 0  # unix time; 0 when unknown
    shutdown_date: str | None = None  # YYYY-MM-DD
    profile_id: str = ""  # the profile whose service answers with this model

    @property
    def base(self) -> str:
        parts = self.id.split(":")
        return parts[1] if parts[0] == "ft" and len(parts) > 1 else ""

    def is_shut_down(self, today: dt.date | None = None) -> bool:
        """True once the shutdown date has come: the service no longer answers with the model."""
        if not self.shutdown_date:
            return False
        try:
            day = dt.date.fromisoformat(self.shutdown_date)
        except ValueError:
            return False
        return day <= (today or dt.date.today())


@dataclass(frozen=True)
class ProfileModels:
    """The models of one of the user's other profiles, shown as a group named after it. ``note``: why they
    could not be listed (short, in the user's language), with ``detail`` for its tooltip."""

    profile_id: str
    name: str
    choices: tuple[ModelChoice, ...] = ()
    note: str = ""
    detail: str = ""


def model_label(model_id: str) -> str:
    """``ft:gpt-4o-mini-2024-07-18:org:content:abc`` reads as ``content · gpt-4o-mini-2024-07-18``."""
    parts = model_id.split(":")
    if parts[0] == "ft" and len(parts) >= 5 and parts[3]:
        label = f"{parts[3]} · {parts[1]}"
        return label + (f" · {parts[5]}" if len(parts) > 5 else "")  # a checkpoint: ...:ckpt-step-N
    return model_id


def order_models(models: list[ModelInfo]) -> list[ModelInfo]:
    """The user's fine-tuned models first (newest first), then chat models, then legacy completion models."""
    tuned = sorted((m for m in models if m.is_fine_tuned), key=lambda m: m.created, reverse=True)
    base = sorted((m for m in models if not m.is_fine_tuned), key=lambda m: (is_legacy_model(m.id), m.id))
    return tuned + base


def gather_choices(
    provider: TrainingProvider, jobs: Sequence[Job] = (), *, profile_id: str = ""
) -> list[ModelChoice]:
    """Every model to offer, in the order shown: the checkpoints are those of the newest succeeded ``jobs``
    (as the Jobs tab knows them: no second list of jobs is asked for). Failing to list them is no error."""
    models = order_models(provider.list_models())
    choices = _choices_of(models, profile_id)
    checkpoints = [
        replace(c, profile_id=profile_id) for c in _checkpoints(provider, jobs, {m.id for m in models})
    ]
    tuned = [c for c in choices if c.kind == "tuned"]
    return tuned + checkpoints + [c for c in choices if c.kind != "tuned"]


def gather_profile_choices(provider: TrainingProvider, profile_id: str) -> list[ModelChoice]:
    """The models of another profile's service, its fine-tuned ones first. Raises what listing raises."""
    return _choices_of(order_models(provider.list_models()), profile_id)


def _choices_of(models: list[ModelInfo], profile_id: str) -> list[ModelChoice]:
    return [
        ModelChoice(
            m.id,
            "tuned" if m.is_fine_tuned else "legacy" if is_legacy_model(m.id) else "chat",
            m.created,
            m.shutdown_date or announced_shutdown(m.id),
            profile_id,
        )
        for m in models
    ]


def announced_shutdown(model_id: str) -> str | None:
    """The shutdown date announced for a model or for the base it was trained from, as YYYY-MM-DD."""
    known = find_model(base_model_id(model_id))
    return known.shutdown_date.isoformat() if known is not None and known.shutdown_date else None


def _checkpoints(provider: TrainingProvider, jobs: Sequence[Job], listed: set[str]) -> list[ModelChoice]:
    if not provider.supports(Capability.CHECKPOINTS):
        return []
    found: list[ModelChoice] = []
    succeeded = sorted((j for j in jobs if j.status == "succeeded"), key=lambda j: j.created_at, reverse=True)
    try:
        for job in succeeded[:JOBS_FOR_CHECKPOINTS]:
            for checkpoint in provider.list_checkpoints(job.id).items:
                if checkpoint.model not in listed:
                    found.append(
                        ModelChoice(
                            checkpoint.model,
                            "checkpoint",
                            checkpoint.created_at,
                            announced_shutdown(checkpoint.model),
                        )
                    )
    except ProviderError as error:
        log.info("Checkpoints not offered in the chat: %s", error)
    return sorted(found, key=lambda c: c.created, reverse=True)


def _date(created: int) -> str:
    return dt.datetime.fromtimestamp(created, tz=dt.UTC).astimezone().strftime("%Y-%m-%d") if created else ""


class ModelPicker(ElidingComboBox):
    """A model list with the user's models marked ★ (checkpoints ◆), each with its base and date; a long
    name is shortened in the middle when the picker is narrow (whole in the list and the tooltip). The other
    profiles' models follow under a heading per profile (not selectable); a profile whose models could not be
    listed shows why instead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelPicker")

    def set_choices(
        self,
        choices: list[ModelChoice],
        *,
        keep: str | None = None,
        keep_profile: str | None = None,
        groups: Sequence[ProfileModels] = (),
    ) -> None:
        """Show ``choices`` (the active service's), then ``groups``; select ``keep`` (of ``keep_profile``, if
        given) if it is among them, else the first of ``choices``: another service is never chosen for the
        user."""
        if keep is None:
            keep, keep_profile = self.current_model(), self.current_profile_id()
        self.blockSignals(True)
        self.clear()
        previous_kind = ""
        for choice in choices:
            own = choice.kind in ("tuned", "checkpoint")
            if previous_kind and own != (previous_kind in ("tuned", "checkpoint")):
                self.insertSeparator(self.count())  # between your models and base ones
            previous_kind = choice.kind
            self._add(choice)
        for group in groups:
            if self.count():
                self.insertSeparator(self.count())
            self._add_heading(group.name, group.detail)
            if group.note:
                self._add_heading(INDENT + group.note, group.detail, note=True)
            for choice in group.choices:
                self._add(choice, group_name=group.name)
        self.blockSignals(False)
        if not (keep and self.select(keep, keep_profile)):
            self.setCurrentIndex(0 if choices else -1)

    def _add_heading(self, text: str, tip: str = "", *, note: bool = False) -> None:
        """A line that names a group (in bold) or, ``note``, says why it is empty: shown, never chosen."""
        where = self.count()
        self.addItem(text)
        model = self.model()
        if isinstance(model, QStandardItemModel):
            item = model.item(where)
            if item is not None:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                font = item.font()
                font.setBold(not note)
                item.setFont(font)
        if tip:
            self.setItemData(where, tip, Qt.ItemDataRole.ToolTipRole)

    def _add(self, choice: ModelChoice, index: int | None = None, *, group_name: str = "") -> None:
        if choice.kind == "tuned":
            label = "★ " + model_label(choice.id)
        elif choice.kind == "checkpoint":
            label = "◆ " + model_label(choice.id)
        else:
            label = choice.id
        date = _date(choice.created) if choice.kind in ("tuned", "checkpoint") else ""
        if date:
            label += f" · {date}"
        if group_name:
            label = INDENT + label  # under its profile's heading
        where = self.count() if index is None else index
        self.insertItem(where, label, choice.id)
        tip = [choice.id]
        if group_name:
            tip.append(group_name)
        if choice.base:
            tip.append(self.tr("Trained from %1").replace("%1", choice.base))
        if choice.shutdown_date:
            if choice.is_shut_down():
                tip.append(self.tr("Was shut down on %1").replace("%1", choice.shutdown_date))
            else:
                tip.append(self.tr("Shuts down on %1").replace("%1", choice.shutdown_date))
        self.setItemData(where, "\n".join(tip), Qt.ItemDataRole.ToolTipRole)
        self.setItemData(where, choice, CHOICE_ROLE)

    def add_model(self, model_id: str, profile_id: str = "", group_name: str = "") -> None:
        """Offer a model the service did not list (a checkpoint, a deployment name) first, and select it;
        ``profile_id``: of another profile's service (named ``group_name``)."""
        if not self.select(model_id, profile_id or None):
            kind = (
                "checkpoint"
                if model_id.startswith("ft:")
                else "legacy"
                if is_legacy_model(model_id)
                else "chat"
            )
            self._add(ModelChoice(model_id, kind, profile_id=profile_id), 0, group_name=group_name)
            self.setCurrentIndex(0)

    def select(self, model_id: str, profile_id: str | None = None) -> bool:
        """Select ``model_id``: the first listed, or the one of ``profile_id``'s service when given."""
        index = self.index_of(model_id, profile_id)
        if index < 0:
            return False
        self.setCurrentIndex(index)
        return True

    def index_of(self, model_id: str, profile_id: str | None = None) -> int:
        for index in range(self.count()):
            choice = self.itemData(index, CHOICE_ROLE)
            if not isinstance(choice, ModelChoice) or choice.id != model_id:
                continue
            if profile_id is None or choice.profile_id == profile_id:
                return index
        return -1

    def current_model(self) -> str | None:
        value = self.currentData()
        return value if isinstance(value, str) else None

    def current_choice(self) -> ModelChoice | None:
        value = self.currentData(CHOICE_ROLE)
        return value if isinstance(value, ModelChoice) else None

    def current_profile_id(self) -> str | None:
        choice = self.current_choice()
        return choice.profile_id if choice is not None else None

    def models(self) -> list[str]:
        return [m for i in range(self.count()) if isinstance(m := self.itemData(i), str)]

    def choices(self) -> list[ModelChoice]:
        """Every model offered, in order, with the profile each belongs to."""
        return [c for i in range(self.count()) if isinstance(c := self.itemData(i, CHOICE_ROLE), ModelChoice)]
