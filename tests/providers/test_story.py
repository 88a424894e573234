"""The job's story: the simulator's real events end to end, OpenAI's and the legacy tool's wording, odd input."""

from __future__ import annotations

import itertools
import json
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from desktop_app.core.formats import chat_jsonl_lines, read_dataset, to_jsonl_bytes
from desktop_app.core.prices import shipped_price_table
from desktop_app.providers import ConnectionConfig, OpenAICompatibleProvider, ServiceKind
from desktop_app.providers.metrics import metrics_from_events, parse_result_csv
from desktop_app.providers.story import (
    STORY_KINDS,
    StoryLine,
    format_story_line,
    job_story,
    progress,
    trained_cost,
    usage_hint,
)
from desktop_app.providers.types import Hyperparameters, Job, JobError, JobEvent, JobRequest
from desktop_app.simulator import SimulatorConfig, SimulatorServer

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "finetune-desk-hypothesis")

DATA = Path(__file__).resolve().parent.parent / "data"
BASE = "gpt-4o-mini-2024-07-18"
T0 = 1_700_000_000


# ------------------------------------------------------------------------------------------------ helpers


def make_job(status: str = "running", n_epochs: int | None = 3, **changes: object) -> Job:
    values: dict[str, object] = {
        "id": "ftjob-abc",
        "model": BASE,
        "status": status,
        "created_at": T0,
        "training_file": "file-train",
        "hyperparameters": Hyperparameters(n_epochs=n_epochs),
    }
    values.update(changes)
    return Job(**values)  # type: ignore[arg-type]


class Log:
    """Builds events the way the simulator logs them: ids in order, a clock that only moves forward."""

    def __init__(self) -> None:
        self.events: list[JobEvent] = []

    def say(self, at: int, message: str, level: str = "info") -> Log:
        self.events.append(JobEvent(f"ftevent-{len(self.events):04d}", at, level, message))
        return self

    def step(self, at: int, step: int, total: int, **values: object) -> Log:
        data: dict[str, object] = {"step": step, "total_steps": total, "train_loss": 1.0 / step}
        data.update(values)
        self.events.append(
            JobEvent(
                f"ftevent-{len(self.events):04d}",
                at,
                "info",
                f"Step {step}/{total}: training loss={1.0 / step:.2f}",
                type="metrics",
                data=data,
            )
        )
        return self


def simulator_log(total: int = 6, epochs: int = 3, *, spread: bool = True) -> list[JobEvent]:
    """A whole successful job in the simulator's words; ``spread`` gives every event its own second."""
    tick = iter(range(10_000)) if spread else iter([0] * 10_000)
    log = Log()
    log.say(T0 + next(tick), "Created fine-tuning job: ftjob-abc")
    log.say(T0 + next(tick), "Validating training file: file-train")
    log.say(T0 + next(tick), "Files validated, moving job to queued state")
    log.say(T0 + next(tick), "Fine-tuning job started")
    per_epoch = total // epochs
    for step in range(1, total + 1):
        log.step(T0 + next(tick), step, total)
        if step % per_epoch == 0:
            log.say(T0 + next(tick), f"Checkpoint created at step {step}")
    end = T0 + next(tick)
    log.say(end, "New fine-tuned model created: ft:gpt-4o-mini-2024-07-18:practice:x:abc")
    log.say(end, "Evaluating model against our usage policies")
    log.say(end, "Usage policy evaluations completed, model is now enabled for sampling")
    log.say(end, "The job has successfully completed")
    return log.events


def kinds(lines: list[StoryLine]) -> list[str]:
    return [line.kind for line in lines]


def texts(lines: list[StoryLine]) -> list[str]:
    return [line.text for line in lines]


EXPECTED_SUCCESS = [
    "Created fine-tune: ftjob-abc",
    "Validating training file: file-train",
    "Files validated, fine-tune enqueued",
    "Fine-tune started",
    "Completed epoch 1/3",
    "Checkpoint at step 2",
    "Completed epoch 2/3",
    "Checkpoint at step 4",
    "Completed epoch 3/3",
    "Checkpoint at step 6",
    "Uploaded model: ft:gpt-4o-mini-2024-07-18:practice:x:abc",
    "Checking the model against usage policies",
    "Model enabled for use",
    "Fine-tune succeeded",
]


# ------------------------------------------------------------------------------------- end to end (simulator)


def wait_for(predicate: Callable[[], bool], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def connect(server: SimulatorServer) -> OpenAICompatibleProvider:
    config = ConnectionConfig(
        ServiceKind.COMPATIBLE,
        "test-key-not-real",
        base_url=server.base_url,
        timeout=10.0,
        max_retries=0,
    )
    return OpenAICompatibleProvider(config)


@pytest.fixture
def provider() -> Iterator[OpenAICompatibleProvider]:
    with SimulatorServer(config=SimulatorConfig.fast()) as server:
        client = connect(server)
        yield client
        client.close()


def all_events_newest_first(provider: OpenAICompatibleProvider, job_id: str) -> list[JobEvent]:
    events: list[JobEvent] = []
    after: str | None = None
    while True:
        page = provider.list_events(job_id, after=after, limit=7)
        events.extend(page.items)
        after = page.next_after
        if after is None:
            return events


def chat_bytes() -> bytes:
    return to_jsonl_bytes(chat_jsonl_lines(read_dataset(DATA / "content.xlsx").dataset))


def test_simulated_job_tells_its_story_end_to_end(provider: OpenAICompatibleProvider) -> None:
    uploaded = provider.upload_training_file("content.jsonl", chat_bytes())
    created = provider.create_job(
        JobRequest(BASE, uploaded.id, suffix="story", hyperparameters=Hyperparameters(n_epochs=3))
    )
    wait_for(lambda: provider.retrieve_job(created.id).status == "succeeded")
    job = provider.retrieve_job(created.id)
    assert job.hyperparameters.n_epochs == 3
    newest_first = all_events_newest_first(provider, job.id)
    oldest_first = provider.new_events(job.id, None)
    assert {e.id for e in newest_first} == {e.id for e in oldest_first}

    story = job_story(job, newest_first, cost=0.5)
    # Whichever way round the service's events come, the story is the same.
    assert job_story(job, oldest_first, cost=0.5) == story
    assert all(line.kind in STORY_KINDS for line in story)
    assert not [line for line in story if line.kind == "message"], "a simulator message was not recognised"
    milestones = [
        line.kind
        for line in story
        if line.kind in {"created", "validated", "queued", "started", "epoch", "model_created", "succeeded"}
    ]
    assert milestones == [
        "created",
        "validated",
        "started",
        "epoch",
        "epoch",
        "epoch",
        "model_created",
        "succeeded",
    ]
    assert [line.params["epoch"] for line in story if line.kind == "epoch"] == ["1", "2", "3"]
    assert {line.params["epochs"] for line in story if line.kind == "epoch"} == {"3"}
    assert story[0].params["job_id"] == job.id
    assert story[1].kind == "cost"
    assert story[1].text == "Fine-tune costs about $0.50 (at the app's prices)"
    assert job.fine_tuned_model is not None
    model_line = next(line for line in story if line.kind == "model_created")
    assert model_line.params["model"] == job.fine_tuned_model
    assert story[-1].text == "Fine-tune succeeded"
    assert [line.at for line in story] == sorted(line.at for line in story)

    step_and_total = progress(job, newest_first)
    assert step_and_total is not None
    total_steps = step_and_total[1]
    assert step_and_total == (total_steps, total_steps)
    # Each epoch ends where the service took its checkpoint.
    checkpoint_steps = [int(line.params["step"]) for line in story if line.kind == "checkpoint"]
    assert checkpoint_steps == [total_steps // 3 * k for k in (1, 2, 3)]

    hint = usage_hint(job)
    assert hint is not None
    assert job.fine_tuned_model in hint

    from_events = metrics_from_events(oldest_first)
    from_file = parse_result_csv(provider.fetch_file_content(job.result_files[0]))
    assert [p.step for p in from_file] == list(range(1, total_steps + 1))
    assert [p.step for p in from_events] == [p.step for p in from_file]
    assert [p.train_loss for p in from_file] == [p.train_loss for p in from_events]
    assert all(p.train_loss is not None for p in from_file)


def test_simulated_failure_and_cancel_end_to_end(provider: OpenAICompatibleProvider) -> None:
    lines = [json.loads(line) for line in chat_bytes().decode().splitlines()[:3]]
    too_few = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode()
    failing = provider.create_job(JobRequest(BASE, provider.upload_training_file("few.jsonl", too_few).id))
    wait_for(lambda: provider.retrieve_job(failing.id).status == "failed")
    failed_job = provider.retrieve_job(failing.id)
    story = job_story(failed_job, provider.new_events(failing.id, None))
    assert kinds(story) == ["created", "validating", "failed"]
    assert story[-1].level == "error"
    reason = story[-1].params["reason"]
    assert reason
    assert reason[0].isupper()
    assert story[-1].text == f"Fine-tune failed: {reason}"
    assert failed_job.error is not None
    assert reason.lower() in failed_job.error.message.lower()

    # Only the job, no events (a service without the events endpoint): still a story with its ending.
    bare = job_story(failed_job, [])
    assert kinds(bare) == ["created", "failed"]
    assert bare[-1].params["reason"] == reason

    cancelling = provider.create_job(
        JobRequest(BASE, provider.upload_training_file("c.jsonl", chat_bytes()).id)
    )
    cancelled_job = provider.cancel_job(cancelling.id)
    story = job_story(cancelled_job, provider.new_events(cancelling.id, None))
    assert kinds(story)[0] == "created"
    assert kinds(story)[-1] == "cancelled"
    assert story[-1].level == "warning"
    assert kinds(story).count("cancelled") == 1


# --------------------------------------------------------------------------------------------- ordering


def test_simulator_shaped_log_reads_like_the_legacy_follow() -> None:
    job = make_job("succeeded", fine_tuned_model="ft:gpt-4o-mini-2024-07-18:practice:x:abc")
    assert texts(job_story(job, simulator_log())) == EXPECTED_SUCCESS


@pytest.mark.parametrize("spread", [True, False])
@pytest.mark.parametrize("seed", range(5))
def test_shuffled_events_give_the_same_story(seed: int, spread: bool) -> None:
    events = simulator_log(spread=spread)
    shuffled = list(events)
    random.Random(seed).shuffle(shuffled)
    assert shuffled != events
    job = make_job("succeeded")
    assert texts(job_story(job, shuffled)) == EXPECTED_SUCCESS


def test_events_of_one_second_keep_the_service_order_either_way_round() -> None:
    # A fast job logs everything within one second: only the order of the list tells what came first.
    events = simulator_log(spread=False)
    job = make_job("succeeded")
    assert texts(job_story(job, events)) == EXPECTED_SUCCESS
    assert texts(job_story(job, list(reversed(events)))) == EXPECTED_SUCCESS


def test_other_messages_keep_their_place_among_milestones_of_the_same_second() -> None:
    log = Log().say(T0, "Fine-tuning job started").say(T0, "Warming up the GPUs").step(T0, 1, 2)
    log.say(T0, "Note after step one").step(T0, 2, 2)
    expected = ["created", "started", "message", "epoch", "message", "epoch"]
    for events in (log.events, list(reversed(log.events))):
        story = job_story(make_job(n_epochs=2), events)
        assert kinds(story) == expected
        assert [line.text for line in story if line.kind == "message"] == [
            "Warming up the GPUs",
            "Note after step one",
        ]


def test_ties_keep_their_position_when_nothing_tells_the_direction() -> None:
    log = Log().say(T0, "first note").say(T0, "second note").say(T0 - 5, "earlier note")
    story = job_story(make_job(), log.events)
    assert texts(story) == ["Created fine-tune: ftjob-abc", "earlier note", "first note", "second note"]
    assert story[0].at == T0 - 5  # created (from the job) never comes after what followed it


# ---------------------------------------------------------------------------------------------- wording


@pytest.mark.parametrize(
    ("message", "kind", "params", "text"),
    [
        # OpenAI's own wording
        (
            "Created fine-tuning job: ftjob-xyz",
            "created",
            {"job_id": "ftjob-xyz"},
            "Created fine-tune: ftjob-xyz",
        ),
        ("Created fine-tuning job", "created", {"job_id": "ftjob-abc"}, "Created fine-tune: ftjob-abc"),
        (
            "Validating training file: file-a and validation file: file-b",
            "validating",
            {"training_file": "file-a", "validation_file": "file-b"},
            "Validating training file: file-a and validation file: file-b",
        ),
        (
            "Files validated, moving job to queued state",
            "validated",
            {},
            "Files validated, fine-tune enqueued",
        ),
        ("Fine-tuning job started", "started", {}, "Fine-tune started"),
        (
            "Checkpoint created at step 88 with Snapshot ID: ft:gpt-4o-mini:org:sfx:9ABel2dg:ckpt-step-88",
            "checkpoint",
            {"step": "88", "model": "ft:gpt-4o-mini:org:sfx:9ABel2dg:ckpt-step-88"},
            "Checkpoint at step 88",
        ),
        (
            "New fine-tuned model created: ft:gpt-4o-mini:openai::7p4lURel",
            "model_created",
            {"model": "ft:gpt-4o-mini:openai::7p4lURel"},
            "Uploaded model: ft:gpt-4o-mini:openai::7p4lURel",
        ),
        (
            "Evaluating model against our usage policies before enabling",
            "evaluating",
            {},
            "Checking the model against usage policies",
        ),
        (
            "Usage policy evaluations completed, model is now enabled for sampling",
            "enabled",
            {},
            "Model enabled for use",
        ),
        ("Fine tuning job successfully completed", "succeeded", {}, "Fine-tune succeeded"),
        ("The job has successfully completed", "succeeded", {}, "Fine-tune succeeded"),
        ("FINE-TUNING JOB PAUSED", "paused", {}, "Fine-tune paused"),
        ("Fine-tuning job resumed", "resumed", {}, "Fine-tune resumed"),
        ("Fine-tuning job cancelled", "cancelled", {}, "Fine-tune cancelled"),
        ("Job was canceled by the user", "cancelled", {}, "Fine-tune cancelled"),
        # The legacy fine_tunes.follow wording
        (
            "Created fine-tune: ft-AF1WoRqd3aJAHsqc9NY7iL8F",
            "created",
            {"job_id": "ft-AF1WoRqd3aJAHsqc9NY7iL8F"},
            None,
        ),
        ("Fine-tune costs $1.5", "cost", {"amount": "1.50", "currency": "USD"}, "Fine-tune costs $1.50"),
        (
            "Fine-tune enqueued. Queue number: 2",
            "queued",
            {"queue_number": "2"},
            "Fine-tune enqueued. Queue number: 2",
        ),
        ("Fine-tune is in the queue. Queue number: 0", "queued", {"queue_number": "0"}, None),
        ("Fine-tune enqueued", "queued", {}, "Fine-tune enqueued"),
        ("Fine-tune started", "started", {}, "Fine-tune started"),
        ("Completed epoch 2/4", "epoch", {"epoch": "2", "epochs": "4"}, "Completed epoch 2/4"),
        (
            "Uploaded model: curie:ft-personal-2023",
            "model_created",
            {"model": "curie:ft-personal-2023"},
            None,
        ),
        ("Fine-tune succeeded", "succeeded", {}, "Fine-tune succeeded"),
    ],
)
def test_known_messages_are_recognised(
    message: str, kind: str, params: dict[str, str], text: str | None
) -> None:
    story = job_story(make_job(), Log().say(T0 + 1, f"  {message}").events)
    line = story[-1] if kind != "created" else story[0]
    assert line.kind == kind
    assert dict(line.params) == params
    if text is not None:
        assert line.text == text
    assert line.at == T0 + 1
    assert [entry.kind for entry in story].count(kind) == 1


def test_unknown_message_is_kept_in_its_own_words() -> None:
    log = Log().say(T0, "Moderation checks for snapshot ft:x passed.").say(T0 + 1, "Disk nearly full", "warn")
    log.say(T0 + 2, "Something broke", "error")
    story = job_story(make_job(), log.events)
    assert kinds(story) == ["created", "message", "message", "message"]
    assert [line.text for line in story[1:]] == [
        "Moderation checks for snapshot ft:x passed.",
        "Disk nearly full",
        "Something broke",
    ]
    assert story[1].params == {"text": "Moderation checks for snapshot ft:x passed."}
    assert [line.level for line in story[1:]] == ["info", "warning", "error"]


# -------------------------------------------------------------------------------------------- endings


def test_failed_event_gives_the_reason_without_repeating_itself() -> None:
    message = "The job failed due to an invalid training file. Line 3: expected a JSON object."
    job = make_job(
        "failed",
        finished_at=T0 + 5,
        error=JobError("invalid_training_file", message, "training_file"),
    )
    log = Log().say(T0, "Created fine-tuning job: ftjob-abc").say(T0 + 5, message, "error")
    story = job_story(job, log.events)
    assert kinds(story) == ["created", "failed"]
    failed = story[-1]
    assert failed.params == {"reason": "Invalid training file. Line 3: expected a JSON object."}
    assert failed.text == "Fine-tune failed: Invalid training file. Line 3: expected a JSON object."
    assert failed.level == "error"


def test_failed_job_without_a_failure_event_ends_with_the_jobs_error() -> None:
    job = make_job(
        "failed", finished_at=T0 + 60, error=JobError("server_error", "The GPU caught fire.", None)
    )
    log = Log().say(T0, "Created fine-tuning job: ftjob-abc").say(T0 + 10, "Fine-tuning job started")
    story = job_story(job, log.events)
    assert kinds(story) == ["created", "started", "failed"]
    assert story[-1].at == T0 + 60
    assert story[-1].text == "Fine-tune failed: The GPU caught fire."
    assert story[-1].level == "error"


def test_bare_failure_event_takes_its_reason_from_the_job() -> None:
    job = make_job("failed", error=JobError("oops", "Quota exceeded.", None))
    story = job_story(job, Log().say(T0 + 3, "Fine-tuning job failed").events)
    assert story[-1].params == {"reason": "Quota exceeded."}
    assert kinds(story).count("failed") == 1


def test_failed_job_without_any_error_says_just_failed() -> None:
    story = job_story(make_job("failed"), [])
    assert story[-1].text == "Fine-tune failed"
    assert story[-1].params == {"reason": ""}


def test_cancelled_job_without_an_event_ends_cancelled_at_the_last_event() -> None:
    log = Log().say(T0, "Created fine-tuning job: ftjob-abc").say(T0 + 7, "Fine-tuning job started")
    story = job_story(make_job("cancelled"), log.events)
    assert kinds(story) == ["created", "started", "cancelled"]
    assert story[-1].at == T0 + 7
    assert story[-1].level == "warning"
    assert story[-1].text == "Fine-tune cancelled"


def test_ending_from_the_job_never_goes_back_in_time() -> None:
    log = Log().say(T0 + 50, "Fine-tuning job started")
    story = job_story(make_job("cancelled", finished_at=T0 + 20), log.events)
    assert story[-1].kind == "cancelled"
    assert story[-1].at == T0 + 50


def test_running_job_gets_no_ending() -> None:
    story = job_story(make_job("running"), simulator_log()[:6])
    assert story[-1].kind not in {"succeeded", "failed", "cancelled"}
    assert story[-1].kind == "epoch"


def test_story_of_a_job_without_events_starts_at_its_creation() -> None:
    story = job_story(make_job("validating_files"), [])
    assert story == [StoryLine(T0, "created", {"job_id": "ftjob-abc"}, "Created fine-tune: ftjob-abc")]


def test_pause_and_resume_are_told() -> None:
    log = Log().say(T0, "Fine-tuning job started").say(T0 + 3, "Fine-tuning job paused")
    log.say(T0 + 9, "Fine-tuning job resumed")
    assert kinds(job_story(make_job(), log.events)) == ["created", "started", "paused", "resumed"]


# ---------------------------------------------------------------------------------------------- epochs


def test_epoch_lines_only_for_finished_epochs() -> None:
    log = Log()
    for step in range(1, 26):
        log.step(T0 + step, step, 60)
    story = job_story(make_job(n_epochs=3), log.events)
    assert [line.text for line in story if line.kind == "epoch"] == ["Completed epoch 1/3"]
    assert next(line for line in story if line.kind == "epoch").at == T0 + 20
    assert progress(make_job(), log.events) == (25, 60)


def test_unknown_epoch_count_gives_no_epoch_lines() -> None:
    story = job_story(make_job(n_epochs=None), simulator_log())
    assert "epoch" not in kinds(story)
    assert kinds(story)[-1] == "succeeded"


def test_metrics_events_never_become_lines_of_their_own() -> None:
    log = Log()
    for step in range(1, 5):
        log.step(T0 + step, step, 10)
    assert kinds(job_story(make_job(n_epochs=None), log.events)) == ["created"]


def test_uneven_epochs_end_the_last_one_at_the_final_step() -> None:
    log = Log()
    for step in range(1, 11):
        log.step(T0 + step, step, 10)
    story = job_story(make_job(n_epochs=3), log.events)
    assert [line.at - T0 for line in story if line.kind == "epoch"] == [3, 6, 10]


def test_sparse_metrics_finish_an_epoch_at_the_first_step_past_its_end() -> None:
    log = Log().step(T0 + 1, 5, 30).step(T0 + 2, 25, 30).step(T0 + 3, 30, 30)
    story = job_story(make_job(n_epochs=3), log.events)
    assert [(line.params["epoch"], line.at - T0) for line in story if line.kind == "epoch"] == [
        ("1", 2),
        ("2", 2),
        ("3", 3),
    ]


def test_step_messages_without_data_still_count() -> None:
    log = Log()
    for step in range(1, 5):
        log.say(T0 + step, f"Step {step}/4: training loss=0.5")
    story = job_story(make_job(n_epochs=2), log.events)
    assert kinds(story) == ["created", "epoch", "epoch"]
    assert progress(make_job(), log.events) == (4, 4)


def test_legacy_epoch_messages_and_metrics_do_not_repeat_an_epoch() -> None:
    log = Log().step(T0 + 1, 1, 2).say(T0 + 1, "Completed epoch 1/2").step(T0 + 2, 2, 2)
    story = job_story(make_job(n_epochs=2), log.events)
    assert [line.params["epoch"] for line in story if line.kind == "epoch"] == ["1", "2"]


# ------------------------------------------------------------------------------------------------ cost


def test_cost_line_follows_created() -> None:
    story = job_story(make_job(), simulator_log()[:4], cost=0.4234)
    assert kinds(story)[:3] == ["created", "cost", "validating"]
    assert story[1].text == "Fine-tune costs about $0.42 (at the app's prices)"
    assert story[1].params == {"amount": "0.42", "currency": "USD", "estimate": "1"}
    assert story[1].at == story[0].at


def test_cost_in_another_currency_puts_the_code_first() -> None:
    story = job_story(make_job(), [], cost=3.1, currency="eur")
    assert story[1].text == "Fine-tune costs about EUR 3.10 (at the app's prices)"
    assert story[1].params == {"amount": "3.10", "currency": "EUR", "estimate": "1"}


def test_given_cost_replaces_the_services_cost_message() -> None:
    events = Log().say(T0, "Fine-tune costs $9.99").events
    assert texts(job_story(make_job(), events, cost=1.0)) == [
        "Created fine-tune: ftjob-abc",
        "Fine-tune costs about $1.00 (at the app's prices)",
    ]
    assert texts(job_story(make_job(), events)) == ["Created fine-tune: ftjob-abc", "Fine-tune costs $9.99"]


def test_trained_cost_is_the_trained_tokens_at_the_base_models_price() -> None:
    table = shipped_price_table()
    job = make_job(status="succeeded", model="gpt-4o-mini-2024-07-18", trained_tokens=2_000_000)
    price = table.price_for("gpt-4o-mini-2024-07-18")
    assert price is not None
    assert trained_cost(job, table) == pytest.approx(2 * price.usd_per_1m_tokens)
    assert trained_cost(make_job(status="running", trained_tokens=None), table) is None  # not known yet
    assert trained_cost(make_job(model="someone-elses-model", trained_tokens=10), table) is None  # no price


def test_no_cost_line_without_a_usable_cost() -> None:
    assert "cost" not in kinds(job_story(make_job(), []))
    assert "cost" not in kinds(job_story(make_job(), [], cost=float("nan")))


# ------------------------------------------------------------------------------------ progress and words


def test_progress_is_the_newest_step() -> None:
    log = Log().say(T0, "Fine-tuning job started").step(T0 + 1, 1, 9).step(T0 + 2, 2, 9).step(T0 + 3, 3, 9)
    job = make_job()
    assert progress(job, list(reversed(log.events))) == (3, 9)
    assert progress(job, log.events[:1]) is None
    assert progress(make_job("succeeded"), log.events) == (9, 9)


def test_progress_ignores_steps_that_are_not_counts() -> None:
    event = JobEvent("e", T0, "info", "metrics", type="metrics", data={"step": True, "total_steps": 5})
    assert progress(make_job(), [event]) is None


def test_format_story_line_uses_local_time() -> None:
    line = StoryLine(T0, "started", {}, "Fine-tune started")
    expected = datetime.fromtimestamp(T0).strftime("%Y-%m-%d %H:%M:%S")
    assert format_story_line(line) == f"[{expected}] Fine-tune started"


def test_format_story_line_survives_an_impossible_time() -> None:
    assert format_story_line(StoryLine(10**20, "message", {}, "far future")) == f"[{10**20}] far future"


def test_usage_hint_names_the_model() -> None:
    chat = make_job("succeeded", fine_tuned_model="ft:gpt-4o-mini-2024-07-18:org:bot:abc")
    hint = usage_hint(chat)
    assert hint is not None
    assert 'model="ft:gpt-4o-mini-2024-07-18:org:bot:abc"' in hint
    assert "Chat tab" in hint
    assert "chat completions" in hint

    legacy = usage_hint(
        make_job("succeeded", model="davinci-002", fine_tuned_model="ft:davinci-002:org::xyz")
    )
    assert legacy is not None
    assert "chat completions" not in legacy
    assert "completions API" in legacy

    assert usage_hint(make_job("running", fine_tuned_model=None)) is None
    assert usage_hint(make_job("succeeded", fine_tuned_model=None)) is None
    assert usage_hint(make_job("failed", fine_tuned_model="ft:x")) is None


# ---------------------------------------------------------------------------------------------- property

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
messages = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        [
            "Fine-tuning job started",
            "Checkpoint created at step 3",
            "Completed epoch 2/3",
            "Fine-tune costs $1.25",
            "The job failed due to an invalid training file.",
            "Step 3/6: training loss=0.1",
            "Created fine-tuning job: ftjob-x",
            "New fine-tuned model created: ft:y",
            "Validating training file: file-z",
        ]
    ),
)
event_data = st.one_of(
    st.dictionaries(st.text(max_size=12), json_values, max_size=4),
    st.fixed_dictionaries(
        {"step": st.integers(-5, 10**6), "total_steps": st.integers(-5, 10**6)},
        optional={"train_loss": json_values},
    ),
)
events_strategy = st.lists(
    st.builds(
        JobEvent,
        id=st.text(max_size=8),
        created_at=st.integers(-(10**10), 10**10),
        level=st.sampled_from(["info", "warn", "error", "", "debug"]),
        message=messages,
        type=st.sampled_from(["message", "metrics", ""]),
        data=event_data,
    ),
    max_size=25,
)
jobs_strategy = st.builds(
    make_job,
    status=st.sampled_from(
        ["validating_files", "queued", "running", "paused", "succeeded", "failed", "cancelled"]
    ),
    n_epochs=st.none() | st.integers(-3, 5000),
    finished_at=st.none() | st.integers(-(10**10), 10**10),
    error=st.none() | st.builds(JobError, code=st.text(max_size=5), message=st.text(max_size=40)),
)


@settings(max_examples=300, deadline=None, database=None)
@given(
    job=jobs_strategy,
    events=events_strategy,
    cost=st.none() | st.floats(allow_nan=True, allow_infinity=True),
)
def test_story_never_raises_and_never_goes_back_in_time(
    job: Job, events: list[JobEvent], cost: float | None
) -> None:
    story = job_story(job, events, cost=cost)
    assert kinds(story).count("created") >= 1
    assert all(earlier.at <= later.at for earlier, later in itertools.pairwise(story))
    assert all(line.kind in STORY_KINDS for line in story)
    assert all(line.level in {"info", "warning", "error"} for line in story)
    epochs = [line for line in story if line.kind == "epoch"]
    assert len({line.params["epoch"] for line in epochs}) == len(epochs)
    if job.is_terminal:
        assert job.status in kinds(story)
    backwards = job_story(job, list(reversed(events)), cost=cost)
    assert all(earlier.at <= later.at for earlier, later in itertools.pairwise(backwards))
