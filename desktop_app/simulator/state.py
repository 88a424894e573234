"""In-memory files, fine-tuning jobs and models; jobs advance lazily from wall-clock timestamps.

Nothing ticks in the background: every request first brings each unfinished job up to "now",
creating the events, checkpoints and results that would have appeared meanwhile, stamped with
the times they would have had.
"""

from __future__ import annotations

import base64
import dataclasses
import random
import string
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from desktop_app.simulator.answers import ExampleIndex, Pair
from desktop_app.simulator.catalogue import (
    BASE_MODELS,
    PREFERENCE_TUNABLE,
    TUNING_ALIASES,
    BaseModel,
    ModelFamily,
    base_model,
    tunable_base,
)
from desktop_app.simulator.config import SimulatorConfig
from desktop_app.simulator.errors import ApiError, bad_request, not_found
from desktop_app.simulator.training import AUTO, Plan, StepMetrics, make_curve, plan_training, result_csv
from desktop_app.simulator.validation import DataFormat, DatasetError, check_dataset

TERMINAL_STATUSES = frozenset({"succeeded", "failed", "cancelled"})
FILE_PURPOSES = frozenset({"assistants", "batch", "fine-tune", "vision", "user_data", "evals"})
KEPT_CHECKPOINTS = 3
MAX_SEED = 2_147_483_647

_ALNUM = string.ascii_letters + string.digits
_JOB_KEYS = frozenset(
    {
        "model",
        "training_file",
        "validation_file",
        "hyperparameters",
        "suffix",
        "seed",
        "method",
        "metadata",
        "integrations",
    }
)
_HYPERPARAMETER_KEYS = {
    "supervised": frozenset({"n_epochs", "batch_size", "learning_rate_multiplier"}),
    "dpo": frozenset({"n_epochs", "batch_size", "learning_rate_multiplier", "beta"}),
}

_T = TypeVar("_T")


@dataclass
class StoredFile:
    id: str
    filename: str
    purpose: str
    data: bytes
    created_at: int
    sequence: int

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "object": "file",
            "bytes": len(self.data),
            "created_at": self.created_at,
            "expires_at": None,
            "filename": self.filename,
            "purpose": self.purpose,
            "status": "processed",
            "status_details": None,
        }


@dataclass
class Event:
    id: str
    created_at: int
    level: Literal["info", "warn", "error"]
    message: str
    type: Literal["message", "metrics"]
    data: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        return {
            "object": "fine_tuning.job.event",
            "id": self.id,
            "created_at": self.created_at,
            "level": self.level,
            "message": self.message,
            "data": self.data,
            "type": self.type,
        }


@dataclass
class Checkpoint:
    id: str
    created_at: int
    job_id: str
    step: int
    model: str
    metrics: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        return {
            "object": "fine_tuning.job.checkpoint",
            "id": self.id,
            "created_at": self.created_at,
            "fine_tuned_model_checkpoint": self.model,
            "fine_tuning_job_id": self.job_id,
            "metrics": self.metrics,
            "step_number": self.step,
        }


@dataclass
class FineTune:
    """A model a finished job (or one of its checkpoints) serves."""

    name: str
    base: BaseModel
    created: int
    index: ExampleIndex
    listed: bool

    def as_json(self, organization: str) -> dict[str, Any]:
        return {
            "id": self.name,
            "object": "model",
            "created": self.created,
            "owned_by": f"user-{organization}",
            "shutdown_date": self.base.shutdown_date,
        }


@dataclass(frozen=True)
class InferenceModel:
    """What answers a chat or completion request: a base model (no index) or a fine-tune."""

    name: str
    family: ModelFamily
    index: ExampleIndex | None


@dataclass
class Job:
    id: str
    created: float
    model: str
    base: BaseModel
    parent: FineTune | None
    training_file: str
    validation_file: str | None
    training_data: bytes
    validation_data: bytes | None
    data_format: DataFormat
    method_type: str
    hyperparameters: dict[str, Any]
    suffix: str | None
    seed: int
    metadata: dict[str, str] | None
    integrations: list[Any] | None
    model_tag: str
    status: str = "validating_files"
    events: list[Event] = field(default_factory=list)
    queued_at: float = 0.0
    run_start: float = 0.0
    paused_total: float = 0.0
    paused_at: float | None = None
    plan: Plan | None = None
    curve: list[StepMetrics] = field(default_factory=list)
    steps_done: int = 0
    tokens_per_epoch: int = 0
    index: ExampleIndex | None = None
    checkpoints: list[Checkpoint] = field(default_factory=list)
    fine_tuned_model: str | None = None
    finished_at: float | None = None
    error: dict[str, Any] | None = None
    result_files: list[str] = field(default_factory=list)
    trained_tokens: int | None = None


class SimulatorState:
    """All server-side data, guarded by one lock; methods return OpenAI-shaped dicts or raise ApiError."""

    def __init__(self, config: SimulatorConfig, clock: Callable[[], float] = time.time) -> None:
        self.config = config
        self._clock = clock
        self._lock = threading.RLock()
        self._ids = random.Random()
        self._sequence = 0
        self._files: dict[str, StoredFile] = {}
        self._jobs: dict[str, Job] = {}
        self._models: dict[str, FineTune] = {}

    # ---------------------------------------------------------------- helpers

    def new_id(self, prefix: str, length: int = 24) -> str:
        with self._lock:
            return prefix + "".join(self._ids.choices(_ALNUM, k=length))

    def now(self) -> float:
        return self._clock()

    def _next_sequence(self) -> int:
        self._sequence += 1
        return self._sequence

    @property
    def _org(self) -> str:
        return self.config.organization

    # ---------------------------------------------------------------- files

    def create_file(self, filename: str, purpose: str, data: bytes) -> dict[str, Any]:
        if purpose not in FILE_PURPOSES:
            raise bad_request(
                f"'{purpose}' is not one of {sorted(FILE_PURPOSES)} - 'purpose'",
                param="purpose",
            )
        if purpose == "fine-tune" and not filename.lower().endswith(".jsonl"):
            raise bad_request("Invalid file format for Fine-Tuning API. Must be .jsonl", param="file")
        with self._lock:
            stored = StoredFile(
                self.new_id("file-", 22),
                filename,
                purpose,
                data,
                int(self._clock()),
                self._next_sequence(),
            )
            self._files[stored.id] = stored
            return stored.as_json()

    def list_files(self, purpose: str | None, after: str | None, limit: int, order: str) -> dict[str, Any]:
        if order not in ("asc", "desc"):
            raise bad_request("order must be 'asc' or 'desc'", param="order")
        with self._lock:
            self._advance_all()
            files = sorted(self._files.values(), key=lambda f: (f.created_at, f.sequence))
            if order == "desc":
                files.reverse()
            if purpose:
                files = [f for f in files if f.purpose == purpose]
            page, has_more = _page(files, after, limit, lambda f: f.id)
            return {
                "object": "list",
                "data": [f.as_json() for f in page],
                "first_id": page[0].id if page else None,
                "last_id": page[-1].id if page else None,
                "has_more": has_more,
            }

    def _file(self, file_id: str) -> StoredFile:
        stored = self._files.get(file_id)
        if stored is None:
            raise not_found(f"No such File object: {file_id}", param="id")
        return stored

    def retrieve_file(self, file_id: str) -> dict[str, Any]:
        with self._lock:
            self._advance_all()
            return self._file(file_id).as_json()

    def file_content(self, file_id: str) -> bytes:
        with self._lock:
            self._advance_all()
            return self._file(file_id).data

    def delete_file(self, file_id: str) -> dict[str, Any]:
        with self._lock:
            self._advance_all()
            self._file(file_id)
            del self._files[file_id]
            return {"id": file_id, "object": "file", "deleted": True}

    # ---------------------------------------------------------------- jobs: creation

    def create_job(self, body: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(body) - _JOB_KEYS)
        if unknown:
            raise bad_request(f"Unrecognized request argument supplied: {unknown[0]}")
        model = body.get("model")
        if not isinstance(model, str) or not model:
            raise bad_request("Missing required parameter: 'model'.", "model", "missing_required_parameter")
        training_file = body.get("training_file")
        if not isinstance(training_file, str) or not training_file:
            raise bad_request(
                "Missing required parameter: 'training_file'.", "training_file", "missing_required_parameter"
            )
        validation_file = body.get("validation_file")
        if validation_file is not None and not isinstance(validation_file, str):
            raise bad_request("validation_file must be a file ID string.", "validation_file")
        suffix = _check_suffix(body.get("suffix"))
        seed = _check_seed(body.get("seed"))
        metadata = _check_metadata(body.get("metadata"))
        integrations = body.get("integrations")
        if integrations is not None and (not isinstance(integrations, list) or len(integrations) > 5):
            raise bad_request("integrations must be a list of at most 5 items.", "integrations")
        method_type, hyperparameters = _check_method(body.get("method"), body.get("hyperparameters"))

        with self._lock:
            self._advance_all()
            base, parent = self._tuning_target(model)
            if method_type == "dpo" and base.id not in PREFERENCE_TUNABLE:
                raise bad_request(f"Model {model} does not support the dpo method.", "method.type")
            training = self._tuning_file(training_file, "training_file")
            validation = (
                None if validation_file is None else self._tuning_file(validation_file, "validation_file")
            )
            if method_type == "dpo":
                data_format: DataFormat = "preference"
            else:
                data_format = "completion" if base.family == "completion" else "chat"
            now = self._clock()
            job = Job(
                id=self.new_id("ftjob-"),
                created=now,
                model=model if parent is not None else base.id,
                base=base,
                parent=parent,
                training_file=training.id,
                validation_file=None if validation is None else validation.id,
                training_data=training.data,
                validation_data=None if validation is None else validation.data,
                data_format=data_format,
                method_type=method_type,
                hyperparameters=hyperparameters,
                suffix=suffix,
                seed=self._ids.randint(0, MAX_SEED) if seed is None else seed,
                metadata=metadata,
                integrations=integrations,
                model_tag=self.new_id("", 8),
            )
            self._jobs[job.id] = job
            self._event(job, now, f"Created fine-tuning job: {job.id}")
            if validation is None:
                self._event(job, now, f"Validating training file: {training.id}")
            else:
                self._event(
                    job, now, f"Validating training file: {training.id} and validation file: {validation.id}"
                )
            return self._job_json(job)

    def _tuning_target(self, model: str) -> tuple[BaseModel, FineTune | None]:
        base = tunable_base(model)
        if base is not None:
            return base, None
        parent = self._models.get(model)
        if parent is not None:
            return parent.base, parent
        raise bad_request(
            f"Model {model} is not available for fine-tuning or does not exist.",
            "model",
            "model_not_available",
        )

    def _tuning_file(self, file_id: str, param: str) -> StoredFile:
        stored = self._files.get(file_id)
        if stored is None:
            raise bad_request(f"invalid {param}: {file_id}", param)
        if stored.purpose != "fine-tune":
            raise bad_request(
                f"File {file_id} has purpose '{stored.purpose}'; fine-tuning needs a file uploaded "
                "with purpose 'fine-tune'.",
                param,
            )
        return stored

    # ---------------------------------------------------------------- jobs: reading and control

    def _job(self, job_id: str) -> Job:
        job = self._jobs.get(job_id)
        if job is None:
            raise not_found(f"No fine-tuning job found with ID {job_id}.", param="fine_tuning_job_id")
        return job

    def list_jobs(self, after: str | None, limit: int, metadata: dict[str, str]) -> dict[str, Any]:
        with self._lock:
            self._advance_all()
            jobs = list(reversed(self._jobs.values()))
            if metadata:
                jobs = [j for j in jobs if all((j.metadata or {}).get(k) == v for k, v in metadata.items())]
            page, has_more = _page(jobs, after, limit, lambda j: j.id)
            return {"object": "list", "data": [self._job_json(j) for j in page], "has_more": has_more}

    def retrieve_job(self, job_id: str) -> dict[str, Any]:
        with self._lock:
            self._advance_all()
            return self._job_json(self._job(job_id))

    def cancel_job(self, job_id: str) -> dict[str, Any]:
        with self._lock:
            self._advance_all()
            job = self._job(job_id)
            if job.status in TERMINAL_STATUSES:
                raise bad_request(
                    f"Job {job_id} has already {_FINISHED_WORDS[job.status]} and cannot be cancelled."
                )
            now = self._clock()
            job.status = "cancelled"
            job.finished_at = now
            job.paused_at = None
            self._event(job, now, "Fine-tuning job cancelled")
            return self._job_json(job)

    def pause_job(self, job_id: str) -> dict[str, Any]:
        with self._lock:
            self._advance_all()
            job = self._job(job_id)
            if job.status != "running":
                raise bad_request(f"Job {job_id} is {job.status}; only a running job can be paused.")
            now = self._clock()
            job.status = "paused"
            job.paused_at = now
            self._event(job, now, "Fine-tuning job paused")
            return self._job_json(job)

    def resume_job(self, job_id: str) -> dict[str, Any]:
        with self._lock:
            self._advance_all()
            job = self._job(job_id)
            if job.status != "paused" or job.paused_at is None:
                raise bad_request(f"Job {job_id} is {job.status}; only a paused job can be resumed.")
            now = self._clock()
            job.paused_total += now - job.paused_at
            job.paused_at = None
            job.status = "running"
            self._event(job, now, "Fine-tuning job resumed")
            return self._job_json(job)

    def list_events(self, job_id: str, after: str | None, limit: int) -> dict[str, Any]:
        with self._lock:
            self._advance_all()
            events = list(reversed(self._job(job_id).events))
            page, has_more = _page(events, after, limit, lambda e: e.id)
            return {"object": "list", "data": [e.as_json() for e in page], "has_more": has_more}

    def list_checkpoints(self, job_id: str, after: str | None, limit: int) -> dict[str, Any]:
        with self._lock:
            self._advance_all()
            checkpoints = sorted(self._job(job_id).checkpoints, key=lambda c: c.step, reverse=True)
            page, has_more = _page(checkpoints, after, limit, lambda c: c.id)
            return {
                "object": "list",
                "data": [c.as_json() for c in page],
                "first_id": page[0].id if page else None,
                "last_id": page[-1].id if page else None,
                "has_more": has_more,
            }

    # ---------------------------------------------------------------- models

    def list_models(self) -> dict[str, Any]:
        with self._lock:
            self._advance_all()
            data = [m.as_json() for m in BASE_MODELS]
            data += [ft.as_json(self._org) for ft in self._models.values() if ft.listed]
            return {"object": "list", "data": data}

    def retrieve_model(self, model_id: str) -> dict[str, Any]:
        with self._lock:
            self._advance_all()
            base = base_model(model_id)
            if base is not None:
                return base.as_json()
            fine_tune = self._models.get(model_id)
            if fine_tune is None or not fine_tune.listed:
                raise _model_not_found(model_id)
            return fine_tune.as_json(self._org)

    def delete_model(self, model_id: str) -> dict[str, Any]:
        with self._lock:
            self._advance_all()
            if base_model(model_id) is not None:
                raise ApiError(
                    403,
                    f"You do not have permission to delete {model_id}: only fine-tuned models can be deleted.",
                    param="model",
                )
            fine_tune = self._models.get(model_id)
            if fine_tune is None or not fine_tune.listed:
                raise _model_not_found(model_id)
            del self._models[model_id]
            return {"id": model_id, "object": "model", "deleted": True}

    def set_shutdown_date(self, model_id: str, shutdown_date: str | None) -> None:
        """Announce (or withdraw) a fine-tuned model's shutdown date, as OpenAI does when its base model is
        deprecated. Not an HTTP endpoint: tests and the practice service call it."""
        with self._lock:
            self._advance_all()
            fine_tune = self._models.get(model_id)
            if fine_tune is None:
                raise _model_not_found(model_id)
            fine_tune.base = dataclasses.replace(fine_tune.base, shutdown_date=shutdown_date)

    def inference_model(self, name: str) -> InferenceModel:
        """The model a chat or completion request names; 404 model_not_found if there is none."""
        with self._lock:
            self._advance_all()
            base = base_model(TUNING_ALIASES.get(name, name))
            if base is not None:
                # An alias answers under its snapshot's name, as OpenAI's responses do.
                return InferenceModel(base.id, base.family, None)
            fine_tune = self._models.get(name)
            if fine_tune is None:
                raise _model_not_found(name)
            return InferenceModel(name, fine_tune.base.family, fine_tune.index)

    # ---------------------------------------------------------------- lifecycle

    def _advance_all(self) -> None:
        now = self._clock()
        for job in self._jobs.values():
            if job.status not in TERMINAL_STATUSES:
                self._advance(job, now)

    def _advance(self, job: Job, now: float) -> None:
        config = self.config
        if job.status == "validating_files":
            validated_at = job.created + config.validating_seconds
            if now < validated_at:
                return
            self._validate(job, validated_at)
        if job.status == "queued":
            started_at = job.queued_at + config.queued_seconds
            if now < started_at:
                return
            job.status = "running"
            job.run_start = started_at
            self._event(job, started_at, "Fine-tuning job started")
        if job.status == "running":
            self._train(job, now)

    def _validate(self, job: Job, at: float) -> None:
        try:
            dataset = check_dataset(
                job.training_data, job.data_format, min_examples=self.config.min_training_examples
            )
        except DatasetError as error:
            self._fail(job, at, "invalid_training_file", "training_file", error.message)
            return
        with_validation = job.validation_data is not None
        if job.validation_data is not None:
            try:
                check_dataset(job.validation_data, job.data_format)
            except DatasetError as error:
                self._fail(job, at, "invalid_validation_file", "validation_file", error.message)
                return
        plan = plan_training(
            dataset.n_examples,
            job.hyperparameters,
            steps_per_epoch=self.config.steps_per_epoch,
            max_total_steps=self.config.max_total_steps,
        )
        job.plan = plan
        job.curve = make_curve(job.seed, plan, with_validation=with_validation)
        job.tokens_per_epoch = dataset.n_tokens
        inherited: Sequence[Pair] = job.parent.index.pairs if job.parent is not None else ()
        job.index = ExampleIndex((*dataset.pairs, *inherited))
        job.status = "queued"
        job.queued_at = at
        self._event(job, at, "Files validated, moving job to queued state")

    def _fail(self, job: Job, at: float, code: str, param: str, detail: str) -> None:
        which = "training" if param == "training_file" else "validation"
        message = f"The job failed due to an invalid {which} file. {detail}"
        job.status = "failed"
        job.finished_at = at
        job.error = {"code": code, "message": message, "param": param}
        self._event(job, at, message, level="error")

    def _train(self, job: Job, now: float) -> None:
        plan = job.plan
        assert plan is not None  # set when validation passed
        step_seconds = self.config.step_seconds
        total = plan.total_steps
        origin = job.run_start + job.paused_total
        # A hair of tolerance so a step landing exactly on `now` counts despite float error.
        done = total if step_seconds <= 0 else min(total, int((now - origin) / step_seconds + 1e-9))
        for step in range(job.steps_done + 1, done + 1):
            at = origin + step * step_seconds
            metrics = job.curve[step - 1]
            self._event(job, at, metrics.message(total), kind="metrics", data=metrics.as_data(total))
            if step % plan.steps_per_epoch == 0:
                self._checkpoint(job, at, metrics)
        job.steps_done = max(job.steps_done, done)
        if job.steps_done >= total:
            self._succeed(job, origin + total * step_seconds)

    def _model_name(self, job: Job, tag: str) -> str:
        return f"ft:{job.base.id}:{self._org}:{job.suffix or ''}:{tag}"

    def _checkpoint(self, job: Job, at: float, metrics: StepMetrics) -> None:
        assert job.index is not None
        data = metrics.as_data(0)
        del data["total_steps"]
        checkpoint = Checkpoint(
            id=self.new_id("ftckpt_"),
            created_at=int(at),
            job_id=job.id,
            step=metrics.step,
            model=f"{self._model_name(job, self.new_id('', 8))}:ckpt-step-{metrics.step}",
            metrics=data,
        )
        job.checkpoints.append(checkpoint)
        self._models[checkpoint.model] = FineTune(
            checkpoint.model, job.base, int(at), job.index, listed=False
        )
        # OpenAI keeps the checkpoints of the last three epochs only.
        while len(job.checkpoints) > KEPT_CHECKPOINTS:
            dropped = job.checkpoints.pop(0)
            self._models.pop(dropped.model, None)
        self._event(job, at, f"Checkpoint created at step {metrics.step}")

    def _succeed(self, job: Job, at: float) -> None:
        assert job.plan is not None
        assert job.index is not None
        name = self._model_name(job, job.model_tag)
        job.fine_tuned_model = name
        self._models[name] = FineTune(name, job.base, int(at), job.index, listed=True)
        self._event(job, at, f"New fine-tuned model created: {name}")
        self._event(job, at, "Evaluating model against our usage policies")
        self._event(job, at, "Usage policy evaluations completed, model is now enabled for sampling")
        if "result_files" not in self.config.disabled_endpoints:
            content = result_csv(job.curve)
            if self.config.base64_result_files:
                content = base64.b64encode(content)
            result = StoredFile(
                self.new_id("file-", 22),
                "step_metrics.csv",
                "fine-tune-results",
                content,
                int(at),
                self._next_sequence(),
            )
            self._files[result.id] = result
            job.result_files = [result.id]
        job.trained_tokens = job.tokens_per_epoch * job.plan.n_epochs
        job.finished_at = at
        job.status = "succeeded"
        self._event(job, at, "The job has successfully completed")

    def _event(
        self,
        job: Job,
        at: float,
        message: str,
        *,
        level: Literal["info", "warn", "error"] = "info",
        kind: Literal["message", "metrics"] = "message",
        data: dict[str, Any] | None = None,
    ) -> None:
        job.events.append(Event(self.new_id("ftevent-"), int(at), level, message, kind, data or {}))

    def _job_json(self, job: Job) -> dict[str, Any]:
        if job.plan is not None:
            hyperparameters: dict[str, Any] = {
                "batch_size": job.plan.batch_size,
                "learning_rate_multiplier": job.plan.learning_rate_multiplier,
                "n_epochs": job.plan.n_epochs,
            }
        else:
            hyperparameters = {
                key: job.hyperparameters.get(key, AUTO)
                for key in ("batch_size", "learning_rate_multiplier", "n_epochs")
            }
        method_hyperparameters = dict(hyperparameters)
        if job.method_type == "dpo":
            method_hyperparameters["beta"] = job.hyperparameters.get("beta", AUTO)
        estimated_finish = None
        if job.status == "running" and job.plan is not None:
            finish = job.run_start + job.paused_total + job.plan.total_steps * self.config.step_seconds
            estimated_finish = int(finish) + 1
        return {
            "object": "fine_tuning.job",
            "id": job.id,
            "created_at": int(job.created),
            "error": job.error,
            "fine_tuned_model": job.fine_tuned_model,
            "finished_at": None if job.finished_at is None else int(job.finished_at),
            "hyperparameters": hyperparameters,
            "model": job.model,
            "organization_id": f"org-{self._org}",
            "result_files": list(job.result_files),
            "seed": job.seed,
            "status": job.status,
            "trained_tokens": job.trained_tokens,
            "training_file": job.training_file,
            "validation_file": job.validation_file,
            "integrations": job.integrations,
            "metadata": job.metadata,
            "method": {"type": job.method_type, job.method_type: {"hyperparameters": method_hyperparameters}},
            "estimated_finish": estimated_finish,
            "user_provided_suffix": job.suffix,
        }


_FINISHED_WORDS = {"succeeded": "succeeded", "failed": "failed", "cancelled": "been cancelled"}


def _model_not_found(model: str) -> ApiError:
    return ApiError(
        404,
        f"The model `{model}` does not exist or you do not have access to it.",
        param="model",
        code="model_not_found",
    )


def _page(items: list[_T], after: str | None, limit: int, key: Callable[[_T], str]) -> tuple[list[_T], bool]:
    """Cursor pagination: the `limit` items following the one whose id is `after`."""
    start = 0
    if after:
        ids = [key(item) for item in items]
        if after not in ids:
            return [], False
        start = ids.index(after) + 1
    page = items[start : start + limit]
    return page, start + limit < len(items)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_suffix(suffix: object) -> str | None:
    if suffix is None:
        return None
    if not isinstance(suffix, str) or not 1 <= len(suffix) <= 64:
        raise bad_request("suffix must be a string of 1 to 64 characters.", "suffix")
    return suffix


def _check_seed(seed: object) -> int | None:
    if seed is None:
        return None
    if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed <= MAX_SEED:
        raise bad_request(f"seed must be an integer from 0 to {MAX_SEED}.", "seed")
    return seed


def _check_metadata(metadata: object) -> dict[str, str] | None:
    if metadata is None:
        return None
    if not isinstance(metadata, dict) or len(metadata) > 16:
        raise bad_request("metadata must be an object with at most 16 keys.", "metadata")
    for key, value in metadata.items():
        if not isinstance(key, str) or len(key) > 64 or not isinstance(value, str) or len(value) > 512:
            raise bad_request(
                "metadata keys must be strings of at most 64 characters and values strings of at most 512.",
                "metadata",
            )
    return dict(metadata)


def _check_method(method: object, legacy: object) -> tuple[str, dict[str, Any]]:
    """The method type and its requested hyperparameters, from `method` or the deprecated field."""
    method_type = "supervised"
    from_method: object = None
    prefix = "hyperparameters"
    if method is not None:
        if not isinstance(method, dict):
            raise bad_request("method must be an object.", "method")
        method_type = method.get("type", "")
        if method_type == "reinforcement":
            raise bad_request("Reinforcement fine-tuning is not available in Practice mode.", "method.type")
        if method_type not in _HYPERPARAMETER_KEYS:
            raise bad_request("method.type must be 'supervised', 'dpo' or 'reinforcement'.", "method.type")
        settings = method.get(method_type) or {}
        if not isinstance(settings, dict):
            raise bad_request(f"method.{method_type} must be an object.", f"method.{method_type}")
        from_method = settings.get("hyperparameters")
        prefix = f"method.{method_type}.hyperparameters"
    if from_method and legacy:
        raise bad_request(
            "Give hyperparameters either in 'method' or in the deprecated 'hyperparameters', not both.",
            "hyperparameters",
        )
    requested = from_method or legacy or {}
    if not isinstance(requested, dict):
        raise bad_request(f"{prefix} must be an object.", prefix)
    if not from_method:
        prefix = "hyperparameters"
    allowed = _HYPERPARAMETER_KEYS[method_type]
    for key, value in requested.items():
        param = f"{prefix}.{key}"
        if key not in allowed:
            raise bad_request(f"Unrecognized hyperparameter: {key}", param)
        if value == AUTO:
            continue
        if key == "n_epochs" and not (_is_int(value) and 1 <= value <= 50):
            raise bad_request("n_epochs must be 'auto' or an integer from 1 to 50.", param)
        if key == "batch_size" and not (_is_int(value) and 1 <= value <= 256):
            raise bad_request("batch_size must be 'auto' or an integer from 1 to 256.", param)
        if key == "learning_rate_multiplier" and not (_is_number(value) and value > 0):
            raise bad_request("learning_rate_multiplier must be 'auto' or a number greater than 0.", param)
        if key == "beta" and not (_is_number(value) and 0 < value <= 2):
            raise bad_request("beta must be 'auto' or a number greater than 0 and at most 2.", param)
    return method_type, dict(requested)
