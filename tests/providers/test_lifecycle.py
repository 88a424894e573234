"""Which of the user's fine-tuned models shut down soon, and reading fine-tuned model names."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from desktop_app.providers import ConnectionConfig, OpenAICompatibleProvider, ServiceKind
from desktop_app.providers.lifecycle import (
    FineTuneName,
    is_users_fine_tune,
    models_shutting_down,
    parse_fine_tune_name,
    parse_shutdown_date,
)
from desktop_app.providers.types import JobRequest, ModelInfo
from desktop_app.simulator import SimulatorConfig, SimulatorServer

TODAY = dt.date(2026, 11, 25)


def ft(name: str, shutdown: str | None, owner: str = "user-abc") -> ModelInfo:
    return ModelInfo(f"ft:gpt-4o-mini-2024-07-18:acme:{name}:AbC123", 1_700_000_000, owner, shutdown)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2027-01-14", dt.date(2027, 1, 14)),
        (" 2027-01-14 ", dt.date(2027, 1, 14)),
        ("2027-01-14T00:00:00Z", dt.date(2027, 1, 14)),
        ("2027-01-14T10:30:00+00:00", dt.date(2027, 1, 14)),
        ("1799884800", dt.date(2027, 1, 14)),  # unix time, as some services send it
        (None, None),
        ("", None),
        ("soon", None),
        ("2027-13-45", None),
        ("99999999999999999999", None),
    ],
)
def test_parse_shutdown_date(value: str | None, expected: dt.date | None) -> None:
    assert parse_shutdown_date(value) == expected


def test_models_shutting_down_soonest_first_within_the_window() -> None:
    past = ft("past", "2026-10-01")
    today = ft("today", "2026-11-25")
    soon = ft("soon", "2026-12-20")
    edge = ft("edge", "2027-01-24")  # exactly 60 days away
    later = ft("later", "2027-01-25")
    unknown = ft("unknown", None)
    garbled = ft("garbled", "next year")
    base = ModelInfo("gpt-4o-mini-2024-07-18", 1, "system", "2026-12-01")
    openai_owned = ft("theirs", "2026-12-01", owner="openai")
    models = [later, soon, base, unknown, past, edge, garbled, today, openai_owned]

    found = models_shutting_down(models, TODAY)
    assert [(m.id.split(":")[3], d) for m, d in found] == [
        ("past", dt.date(2026, 10, 1)),
        ("today", dt.date(2026, 11, 25)),
        ("soon", dt.date(2026, 12, 20)),
        ("edge", dt.date(2027, 1, 24)),
    ]
    assert [m for m, _ in models_shutting_down(models, TODAY, within_days=0)] == [past, today]
    assert models_shutting_down([], TODAY) == []


def test_unix_time_shutdown_dates_count_too() -> None:
    model = ft("unix", "1764633600")  # 2025-12-02 UTC
    assert models_shutting_down([model], dt.date(2025, 11, 1)) == [(model, dt.date(2025, 12, 2))]


def test_only_the_users_fine_tunes() -> None:
    assert is_users_fine_tune(ft("a", None))
    assert is_users_fine_tune(ft("a", None, owner="org-123"))
    assert not is_users_fine_tune(ft("a", None, owner="system"))
    assert not is_users_fine_tune(ModelInfo("gpt-4o-mini", 1, "user-abc"))


@pytest.mark.parametrize(
    ("model_id", "expected"),
    [
        (
            "ft:gpt-4o-mini-2024-07-18:acme:support-bot:AbC123",
            FineTuneName("gpt-4o-mini-2024-07-18", "acme", "support-bot", "AbC123"),
        ),
        ("ft:babbage-002:acme::xyz", FineTuneName("babbage-002", "acme", "", "xyz")),
        (
            "ft:gpt-4o-mini-2024-07-18:acme:bot:AbC123:ckpt-step-40",
            FineTuneName("gpt-4o-mini-2024-07-18", "acme", "bot", "AbC123:ckpt-step-40"),
        ),
        ("ft:gpt-3.5-turbo", FineTuneName("gpt-3.5-turbo")),
        ("gpt-4o-mini", None),
        ("ft:", None),
    ],
)
def test_parse_fine_tune_name(model_id: str, expected: FineTuneName | None) -> None:
    assert parse_fine_tune_name(model_id) == expected


def test_shutdown_dates_come_through_the_model_list() -> None:
    # No waiting: with zero durations a job finishes the moment the service next looks at it.
    config = SimulatorConfig.fast(validating_seconds=0, queued_seconds=0, step_seconds=0)
    with SimulatorServer(config=config) as server:
        provider = OpenAICompatibleProvider(
            ConnectionConfig(ServiceKind.COMPATIBLE, "sk-test", base_url=server.base_url, max_retries=0)
        )
        lines = [
            json.dumps(
                {"messages": [{"role": "user", "content": f"q{i}"}, {"role": "assistant", "content": "a"}]}
            )
            for i in range(12)
        ]
        uploaded = provider.upload_training_file("t.jsonl", ("\n".join(lines) + "\n").encode())
        job = provider.create_job(JobRequest("gpt-4.1-nano-2025-04-14", uploaded.id, suffix="x"))
        finished = provider.retrieve_job(job.id)
        assert finished.status == "succeeded"
        assert finished.fine_tuned_model is not None

        models = {m.id: m for m in provider.list_models()}
        assert models["gpt-4o-mini-2024-07-18"].shutdown_date == "2027-01-14"
        assert models[finished.fine_tuned_model].shutdown_date is None  # its base has no date announced
        server.state.set_shutdown_date(finished.fine_tuned_model, "2026-12-01")
        models = {m.id: m for m in provider.list_models()}
        assert models[finished.fine_tuned_model].shutdown_date == "2026-12-01"
        ending = models_shutting_down(list(models.values()), TODAY)
        assert [(m.id, d) for m, d in ending] == [(finished.fine_tuned_model, dt.date(2026, 12, 1))]
        provider.close()
