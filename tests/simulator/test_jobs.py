"""Fine-tuning jobs through the real SDK: lifecycle, events, checkpoints, results, control."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from collections.abc import Callable
from typing import cast

import openai
import pytest

from desktop_app.simulator import SimulatorConfig, SimulatorServer

from .helpers import CAPITALS, chat_jsonl, train, upload, wait_for

MODEL = "gpt-4o-mini-2024-07-18"


def test_job_runs_to_success_with_model_results_and_tokens(client: openai.OpenAI) -> None:
    started = time.monotonic()
    job = train(client, suffix="quiz", seed=42)
    elapsed = time.monotonic() - started

    assert job.status == "succeeded"
    assert elapsed < 2.0
    assert job.error is None
    assert job.fine_tuned_model is not None
    assert re.fullmatch(rf"ft:{MODEL}:practice:quiz:[A-Za-z0-9]{{8}}", job.fine_tuned_model)
    assert job.trained_tokens is not None
    assert job.trained_tokens > 0
    assert job.finished_at is not None
    assert job.finished_at >= job.created_at
    assert job.seed == 42
    assert job.organization_id == "org-practice"
    # "auto" hyperparameters are resolved once the data is known: 12 examples -> 100 // 12 epochs.
    assert job.hyperparameters.n_epochs == 8
    assert job.method is not None
    assert job.method.type == "supervised"

    models = {m.id: m for m in client.models.list()}
    assert job.fine_tuned_model in models
    assert models[job.fine_tuned_model].owned_by == "user-practice"
    assert client.models.retrieve(job.fine_tuned_model).id == job.fine_tuned_model


def test_result_file_is_a_csv_with_a_falling_loss(client: openai.OpenAI) -> None:
    job = train(client, seed=3)
    assert len(job.result_files) == 1
    result = client.files.retrieve(job.result_files[0])
    assert result.purpose == "fine-tune-results"

    rows = list(csv.DictReader(io.StringIO(client.files.content(job.result_files[0]).text)))
    assert list(rows[0]) == [
        "step",
        "train_loss",
        "train_accuracy",
        "valid_loss",
        "valid_mean_token_accuracy",
    ]
    steps = [int(row["step"]) for row in rows]
    assert steps == list(range(1, len(rows) + 1))
    losses = [float(row["train_loss"]) for row in rows]
    third = len(losses) // 3
    assert sum(losses[:third]) / third > 2 * sum(losses[-third:]) / third
    assert all(row["valid_loss"] == "" for row in rows)  # no validation file


def test_same_seed_gives_the_same_curve(client: openai.OpenAI) -> None:
    first = train(client, seed=11)
    second = train(client, seed=11)
    third = train(client, seed=12)

    def content(job_result: str) -> str:
        return client.files.content(job_result).text

    assert content(first.result_files[0]) == content(second.result_files[0])
    assert content(first.result_files[0]) != content(third.result_files[0])


def test_events_are_newest_first_and_tell_the_story(client: openai.OpenAI) -> None:
    job = train(client)
    events = list(client.fine_tuning.jobs.list_events(job.id, limit=1000))

    messages = [e.message for e in events]
    assert messages[0] == "The job has successfully completed"
    assert messages[-1] == f"Created fine-tuning job: {job.id}"
    assert [e.created_at for e in events] == sorted((e.created_at for e in events), reverse=True)
    chronological = list(reversed(messages))
    for expected in (
        f"Validating training file: {job.training_file}",
        "Files validated, moving job to queued state",
        "Fine-tuning job started",
        f"New fine-tuned model created: {job.fine_tuned_model}",
    ):
        assert expected in chronological
    assert chronological.index("Fine-tuning job started") < chronological.index(
        f"New fine-tuned model created: {job.fine_tuned_model}"
    )

    metrics = [e for e in events if e.type == "metrics"]
    assert metrics
    last = metrics[0]
    assert isinstance(last.data, dict)
    assert last.data["step"] == last.data["total_steps"]
    assert {"train_loss", "train_mean_token_accuracy"} <= set(last.data)
    assert re.fullmatch(r"Step \d+/\d+: training loss=\d+\.\d\d", last.message)
    assert any(m.startswith("Checkpoint created at step") for m in messages)
    assert all(e.level == "info" for e in events)


def test_event_pages_follow_the_cursor_without_gaps(client: openai.OpenAI) -> None:
    job = train(client)
    everything = [e.id for e in client.fine_tuning.jobs.list_events(job.id, limit=1000).data]

    page = client.fine_tuning.jobs.list_events(job.id, limit=7)
    paged = [e.id for e in page.data]
    assert page.has_more is True
    while page.has_more:
        page = client.fine_tuning.jobs.list_events(job.id, limit=7, after=page.data[-1].id)
        paged += [e.id for e in page.data]

    assert paged == everything
    assert len(set(paged)) == len(paged)


def test_jobs_list_newest_first_with_pages_and_metadata(client: openai.OpenAI) -> None:
    file_id = upload(client, chat_jsonl())
    created = [
        client.fine_tuning.jobs.create(model=MODEL, training_file=file_id, metadata={"run": str(i)}).id
        for i in range(3)
    ]

    first = client.fine_tuning.jobs.list(limit=2)
    assert [j.id for j in first.data] == [created[2], created[1]]
    assert first.has_more is True
    second = client.fine_tuning.jobs.list(limit=2, after=first.data[-1].id)
    assert [j.id for j in second.data] == [created[0]]
    assert second.has_more is False
    assert [j.id for j in client.fine_tuning.jobs.list(metadata={"run": "1"})] == [created[1]]


def test_checkpoints_at_epoch_ends_keep_the_last_three(client: openai.OpenAI) -> None:
    job = train(client, method={"type": "supervised", "supervised": {"hyperparameters": {"n_epochs": 5}}})
    assert job.hyperparameters.n_epochs == 5

    checkpoints = client.fine_tuning.jobs.checkpoints.list(job.id).data
    total_steps = sum(
        1 for e in client.fine_tuning.jobs.list_events(job.id, limit=1000) if e.type == "metrics"
    )
    per_epoch = total_steps // 5
    assert [c.step_number for c in checkpoints] == [5 * per_epoch, 4 * per_epoch, 3 * per_epoch]
    for checkpoint in checkpoints:
        assert checkpoint.fine_tuning_job_id == job.id
        assert checkpoint.id.startswith("ftckpt_")
        assert checkpoint.fine_tuned_model_checkpoint.endswith(f":ckpt-step-{checkpoint.step_number}")
        assert checkpoint.metrics.train_loss is not None

    page = client.fine_tuning.jobs.checkpoints.list(job.id, limit=2)
    assert page.has_more is True
    rest = client.fine_tuning.jobs.checkpoints.list(job.id, limit=2, after=page.data[-1].id)
    assert [c.id for c in [*page.data, *rest.data]] == [c.id for c in checkpoints]


def test_validation_file_adds_validation_metrics(client: openai.OpenAI) -> None:
    validation = upload(client, chat_jsonl(CAPITALS[:4]), "valid.jsonl")
    job = train(client, validation_file=validation)
    assert job.status == "succeeded"
    assert job.validation_file == validation

    metrics = [e for e in client.fine_tuning.jobs.list_events(job.id, limit=1000) if e.type == "metrics"]
    with_validation = [e for e in metrics if isinstance(e.data, dict) and "valid_loss" in e.data]
    assert 0 < len(with_validation) < len(metrics)
    assert ", validation loss=" in with_validation[0].message
    rows = list(csv.DictReader(io.StringIO(client.files.content(job.result_files[0]).text)))
    assert any(row["valid_loss"] for row in rows)
    assert any(not row["valid_loss"] for row in rows)


def _broken(line_number: int, line: str) -> bytes:
    lines = chat_jsonl().decode("utf-8").splitlines()
    lines[line_number - 1] = line
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.mark.parametrize(
    ("line_number", "line", "fragment"),
    [
        (3, '{"messages": [', "invalid JSON"),
        (2, '["not", "an", "object"]', "must be a JSON object"),
        (4, '{"messages": [{"role": "user", "content": "hi"}]}', "assistant"),
        (
            5,
            '{"messages": [{"role": "robot", "content": "hi"}, {"role": "assistant", "content": "x"}]}',
            "robot",
        ),
        (
            6,
            '{"messages": [{"role": "user", "content": 5}, {"role": "assistant", "content": "x"}]}',
            "string",
        ),
        (7, '{"prompt": "hi", "completion": "there"}', "chat format"),
    ],
)
def test_bad_training_line_fails_the_job_naming_the_line(
    client: openai.OpenAI, line_number: int, line: str, fragment: str
) -> None:
    job = train(client, _broken(line_number, line))

    assert job.status == "failed"
    assert job.error is not None
    assert job.error.code == "invalid_training_file"
    assert job.error.param == "training_file"
    assert f"Line {line_number}" in job.error.message
    assert fragment in job.error.message
    assert job.fine_tuned_model is None
    errors = [e for e in client.fine_tuning.jobs.list_events(job.id) if e.level == "error"]
    assert len(errors) == 1
    assert f"Line {line_number}" in errors[0].message


def test_fewer_than_ten_examples_fails(client: openai.OpenAI) -> None:
    job = train(client, chat_jsonl(CAPITALS[:9]))

    assert job.status == "failed"
    assert job.error is not None
    assert job.error.message.endswith("Training file has 9 example(s), but must have at least 10 examples")


def test_create_refuses_bad_arguments(client: openai.OpenAI) -> None:
    file_id = upload(client, chat_jsonl())
    cases: list[tuple[dict[str, object], str]] = [
        ({"model": "gpt-9-ultra"}, "model"),
        ({"training_file": "file-doesnotexist"}, "training_file"),
        ({"suffix": "x" * 65}, "suffix"),
        ({"seed": -1}, "seed"),
        ({"hyperparameters": {"n_epochs": 51}}, "hyperparameters.n_epochs"),
        (
            {"method": {"type": "supervised", "supervised": {"hyperparameters": {"batch_size": 0}}}},
            "method.supervised.hyperparameters.batch_size",
        ),
        ({"hyperparameters": {"learning_rate_multiplier": 0}}, "hyperparameters.learning_rate_multiplier"),
    ]
    for overrides, param in cases:
        arguments: dict[str, object] = {"model": MODEL, "training_file": file_id, **overrides}
        with pytest.raises(openai.BadRequestError) as caught:
            client.fine_tuning.jobs.create(**arguments)  # type: ignore[arg-type]
        assert caught.value.param == param, overrides
    with pytest.raises(openai.BadRequestError) as unknown:
        client.fine_tuning.jobs.create(model=MODEL, training_file=file_id, extra_body={"colour": "blue"})
    assert "Unrecognized request argument supplied: colour" in unknown.value.message
    assert client.fine_tuning.jobs.list().data == []


def test_unknown_model_is_an_invalid_model_error(client: openai.OpenAI) -> None:
    file_id = upload(client, chat_jsonl())
    with pytest.raises(openai.BadRequestError) as caught:
        client.fine_tuning.jobs.create(model="gpt-9-ultra", training_file=file_id)
    assert caught.value.code == "model_not_available"
    assert "gpt-9-ultra" in caught.value.message


def test_cancel_stops_a_job_and_a_finished_job_cannot_be_cancelled(client: openai.OpenAI) -> None:
    file_id = upload(client, chat_jsonl())
    job = client.fine_tuning.jobs.create(model=MODEL, training_file=file_id)

    cancelled = client.fine_tuning.jobs.cancel(job.id)
    assert cancelled.status == "cancelled"
    time.sleep(0.3)  # long enough for the job to have finished had it not been cancelled
    assert client.fine_tuning.jobs.retrieve(job.id).status == "cancelled"
    assert client.fine_tuning.jobs.list_events(job.id, limit=1).data[0].message == "Fine-tuning job cancelled"

    with pytest.raises(openai.BadRequestError):
        client.fine_tuning.jobs.cancel(job.id)
    done = train(client)
    with pytest.raises(openai.BadRequestError) as caught:
        client.fine_tuning.jobs.cancel(done.id)
    assert "already succeeded" in caught.value.message


def test_pause_holds_training_and_resume_continues(
    make_server: Callable[..., SimulatorServer], make_client: Callable[..., openai.OpenAI]
) -> None:
    server = make_server(SimulatorConfig.fast(step_seconds=0.02))
    client = make_client(server)
    job = client.fine_tuning.jobs.create(model=MODEL, training_file=upload(client, chat_jsonl()))
    wait_for(client, job.id, ("running",))
    with pytest.raises(openai.BadRequestError):
        client.fine_tuning.jobs.resume(job.id)

    paused = client.fine_tuning.jobs.pause(job.id)
    # "paused" is missing from the SDK's status Literal; clients must accept it anyway.
    assert cast(str, paused.status) == "paused"

    def steps_done() -> int:
        return sum(1 for e in client.fine_tuning.jobs.list_events(job.id, limit=1000) if e.type == "metrics")

    before = steps_done()
    time.sleep(0.3)  # 15 steps' worth of time
    assert steps_done() == before
    assert cast(str, client.fine_tuning.jobs.retrieve(job.id).status) == "paused"
    with pytest.raises(openai.BadRequestError):
        client.fine_tuning.jobs.pause(job.id)

    assert client.fine_tuning.jobs.resume(job.id).status == "running"
    finished = wait_for(client, job.id)
    assert finished.status == "succeeded"
    messages = [e.message for e in client.fine_tuning.jobs.list_events(job.id, limit=1000)]
    assert messages.index("Fine-tuning job resumed") < messages.index("Fine-tuning job paused")


def test_fine_tuned_model_can_be_deleted(client: openai.OpenAI) -> None:
    job = train(client)
    assert job.fine_tuned_model is not None

    deleted = client.models.delete(job.fine_tuned_model)
    assert deleted.deleted is True
    assert deleted.id == job.fine_tuned_model
    assert job.fine_tuned_model not in {m.id for m in client.models.list()}
    with pytest.raises(openai.NotFoundError):
        client.models.retrieve(job.fine_tuned_model)
    with pytest.raises(openai.PermissionDeniedError):
        client.models.delete(MODEL)


def test_models_list_base_models_with_shutdown_dates(client: openai.OpenAI) -> None:
    models = {m.id: m for m in client.models.list()}
    assert {"gpt-4o-mini-2024-07-18", "gpt-4.1-nano-2025-04-14", "babbage-002", "davinci-002"} <= set(models)
    raw = json.loads(client.models.with_raw_response.list().text)
    dates = {item["id"]: item["shutdown_date"] for item in raw["data"]}
    assert dates["gpt-4o-mini-2024-07-18"] == "2027-01-14"
    assert dates["davinci-002"] is None
    with pytest.raises(openai.NotFoundError) as caught:
        client.models.retrieve("gpt-9-ultra")
    assert caught.value.code == "model_not_found"


def test_dpo_job_on_preference_data(client: openai.OpenAI) -> None:
    rows = [
        {
            "input": {"messages": [{"role": "user", "content": question}]},
            "preferred_output": [{"role": "assistant", "content": answer}],
            "non_preferred_output": [{"role": "assistant", "content": "I don't know."}],
        }
        for question, answer in CAPITALS
    ]
    data = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode()
    job = train(
        client,
        data,
        model="gpt-4.1-mini-2025-04-14",
        method={"type": "dpo", "dpo": {"hyperparameters": {"beta": 0.2}}},
    )
    assert job.status == "succeeded"
    assert job.method is not None
    assert job.method.type == "dpo"
    assert job.method.dpo is not None
    assert job.method.dpo.hyperparameters is not None
    assert job.method.dpo.hyperparameters.beta == 0.2

    with pytest.raises(openai.BadRequestError) as caught:
        client.fine_tuning.jobs.create(
            model=MODEL, training_file=job.training_file, method={"type": "reinforcement"}
        )
    assert caught.value.param == "method.type"


def test_a_fine_tune_can_be_tuned_further(client: openai.OpenAI) -> None:
    first = train(client, suffix="one")
    assert first.fine_tuned_model is not None
    extra = [(f"Line-separated\u2028question {i}?", f"Answer number {i}.") for i in range(10)]
    second = train(client, chat_jsonl(extra), model=first.fine_tuned_model, suffix="two")

    assert second.status == "succeeded"
    assert second.model == first.fine_tuned_model
    assert second.fine_tuned_model is not None
    assert second.fine_tuned_model.startswith(f"ft:{MODEL}:practice:two:")
    ask = client.chat.completions.create
    new = ask(model=second.fine_tuned_model, messages=[{"role": "user", "content": "question 7?"}])
    old = ask(model=second.fine_tuned_model, messages=[{"role": "user", "content": "Who wrote Hamlet?"}])
    assert new.choices[0].message.content == "Answer number 7."
    assert old.choices[0].message.content == "William Shakespeare wrote Hamlet."
