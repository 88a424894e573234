"""Job options through the real SDK over real HTTP against the simulator: method (supervised / DPO) with beta,
hyperparameters, seed and metadata, in the shape OpenAI's spec gives ``POST /fine_tuning/jobs``."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.core.formats import chat_jsonl_lines, dpo_jsonl_lines, read_dataset, to_jsonl_bytes
from desktop_app.providers import (
    ConnectionConfig,
    ErrorKind,
    OpenAICompatibleProvider,
    ProviderError,
    ServiceKind,
)
from desktop_app.providers.types import Hyperparameters, Job, JobEvent, JobRequest
from desktop_app.simulator import SimulatorConfig, SimulatorServer

DATA = Path(__file__).resolve().parent.parent / "data"
MINI = "gpt-4o-mini-2024-07-18"


@pytest.fixture
def provider() -> Iterator[OpenAICompatibleProvider]:
    with SimulatorServer(config=SimulatorConfig.fast()) as server:
        config = ConnectionConfig(
            ServiceKind.COMPATIBLE,
            "test-key-not-real",
            base_url=server.base_url,
            timeout=10.0,
            max_retries=0,
        )
        p = OpenAICompatibleProvider(config)
        yield p
        p.close()


def chat_file(provider: OpenAICompatibleProvider) -> str:
    data = to_jsonl_bytes(chat_jsonl_lines(read_dataset(DATA / "content.xlsx").dataset))
    return provider.upload_training_file("content_prepared.jsonl", data).id


def preference_file(provider: OpenAICompatibleProvider) -> str:
    data = to_jsonl_bytes(dpo_jsonl_lines(read_dataset(DATA / "dpo.jsonl").dataset))
    return provider.upload_training_file("dpo_prepared.jsonl", data).id


def finished(provider: OpenAICompatibleProvider, job_id: str, timeout: float = 15.0) -> Job:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = provider.retrieve_job(job_id)
        if job.is_terminal:
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish in time")


def metrics(provider: OpenAICompatibleProvider, job_id: str) -> list[JobEvent]:
    events = provider.list_events(job_id, limit=100).items
    return sorted((e for e in events if e.step is not None), key=lambda e: e.data["step"])  # type: ignore[arg-type, return-value]


def test_dpo_job_with_beta(provider: OpenAICompatibleProvider) -> None:
    job = provider.create_job(
        JobRequest(
            MINI,
            preference_file(provider),
            suffix="prefs",
            method="dpo",
            beta=0.25,
            hyperparameters=Hyperparameters(n_epochs=1),
        )
    )
    assert job.method == "dpo"
    assert job.beta == 0.25
    assert job.hyperparameters.n_epochs == 1
    done = finished(provider, job.id)
    assert done.status == "succeeded", done.error
    assert done.method == "dpo"
    assert done.beta == 0.25
    assert done.fine_tuned_model is not None
    assert ":prefs:" in done.fine_tuned_model


def test_dpo_with_automatic_beta_sends_no_beta(provider: OpenAICompatibleProvider) -> None:
    job = provider.create_job(JobRequest(MINI, preference_file(provider), method="dpo"))
    assert job.method == "dpo"
    assert job.beta is None  # the service answers "auto"
    assert finished(provider, job.id).status == "succeeded"


def test_dpo_refused_where_the_service_does_not_offer_it(provider: OpenAICompatibleProvider) -> None:
    with pytest.raises(ProviderError) as raised:
        provider.create_job(JobRequest("gpt-3.5-turbo-0125", preference_file(provider), method="dpo"))
    assert raised.value.kind is ErrorKind.BAD_REQUEST


def test_supervised_job_reports_its_method(provider: OpenAICompatibleProvider) -> None:
    job = provider.create_job(JobRequest(MINI, chat_file(provider)))
    assert job.method == "supervised"
    assert job.beta is None
    assert job.metadata == {}


def test_metadata_round_trip(provider: OpenAICompatibleProvider) -> None:
    metadata = {"project": "tea-house", "owner": "茶舍", "k" * 64: "v" * 512}
    job = provider.create_job(JobRequest(MINI, chat_file(provider), metadata=metadata))
    assert job.metadata == metadata
    assert provider.retrieve_job(job.id).metadata == metadata
    listed = {j.id: j for j in provider.list_jobs().items}
    assert listed[job.id].metadata == metadata


def test_metadata_limits_are_enforced_by_the_service(provider: OpenAICompatibleProvider) -> None:
    training = chat_file(provider)
    too_many = {f"key{i}": "value" for i in range(17)}
    with pytest.raises(ProviderError) as raised:
        provider.create_job(JobRequest(MINI, training, metadata=too_many))
    assert raised.value.kind is ErrorKind.BAD_REQUEST
    with pytest.raises(ProviderError):
        provider.create_job(JobRequest(MINI, training, metadata={"k" * 65: "value"}))


def test_hyperparameters_are_honoured(provider: OpenAICompatibleProvider) -> None:
    training = chat_file(provider)
    two = provider.create_job(
        JobRequest(
            MINI,
            training,
            hyperparameters=Hyperparameters(n_epochs=2, batch_size=4, learning_rate_multiplier=0.5),
        )
    )
    assert two.hyperparameters == Hyperparameters(2, 4, 0.5)
    three = provider.create_job(JobRequest(MINI, training, hyperparameters=Hyperparameters(n_epochs=3)))
    two_done, three_done = finished(provider, two.id), finished(provider, three.id)
    assert two_done.hyperparameters == Hyperparameters(2, 4, 0.5)
    assert three_done.hyperparameters.n_epochs == 3
    # The plan follows the request: 24 examples in batches of 4 are 6 steps an epoch.
    steps = metrics(provider, two.id)
    assert steps
    assert steps[-1].step == (12, 12)
    # Tokens are billed per epoch: three epochs of the same file cost half as much again as two.
    assert two_done.trained_tokens is not None
    assert three_done.trained_tokens is not None
    assert three_done.trained_tokens * 2 == two_done.trained_tokens * 3


def test_bad_hyperparameters_are_refused_by_the_service(provider: OpenAICompatibleProvider) -> None:
    training = chat_file(provider)
    with pytest.raises(ProviderError) as raised:
        provider.create_job(JobRequest(MINI, training, hyperparameters=Hyperparameters(n_epochs=51)))
    assert raised.value.kind is ErrorKind.BAD_REQUEST
    with pytest.raises(ProviderError):
        provider.create_job(JobRequest(MINI, preference_file(provider), method="dpo", beta=2.5))


def test_seed_is_accepted_and_makes_runs_repeatable(provider: OpenAICompatibleProvider) -> None:
    training = chat_file(provider)

    def losses(seed: int) -> list[object]:
        job = provider.create_job(
            JobRequest(MINI, training, seed=seed, hyperparameters=Hyperparameters(n_epochs=1))
        )
        assert job.seed == seed  # the job says which seed it trains with
        assert finished(provider, job.id).status == "succeeded"
        return [event.data["train_loss"] for event in metrics(provider, job.id)]

    first, again, other = losses(42), losses(42), losses(7)
    assert first
    assert first == again
    assert first != other
