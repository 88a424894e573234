"""The base-model catalogue, legacy detection and the default-epochs rule."""

from __future__ import annotations

import dataclasses

import pytest

from desktop_app.core.models import (
    BASE_MODELS,
    base_model_id,
    default_epochs,
    find_model,
    is_legacy_model,
)


@pytest.mark.parametrize(
    ("n_examples", "epochs"),
    [
        (1, 25),  # 100 // 1 capped at 25
        (4, 25),
        (5, 20),
        (10, 10),
        (24, 4),  # the seed's 24 rows: 72 < 100 -> 100 // 24
        (33, 3),  # 99 < 100 -> 100 // 33
        (34, 3),  # 102: the default
        (1000, 3),
        (8333, 3),  # 24,999: still the default
        (8334, 2),  # 25,002 > 25,000 -> 25,000 // 8,334
        (12_500, 2),
        (25_000, 1),
        (100_000, 1),  # 25,000 // 100,000 = 0, raised to 1
    ],
)
def test_default_epochs_follows_the_documented_rule(n_examples: int, epochs: int) -> None:
    assert default_epochs(n_examples) == epochs


def test_default_epochs_for_no_examples() -> None:
    assert default_epochs(0) == 3


@pytest.mark.parametrize(
    ("model_id", "legacy"),
    [
        ("davinci-002", True),
        ("babbage-002", True),
        ("ft:davinci-002:my-org:content:8abc123", True),
        ("ft:babbage-002:my-org::8abc123", True),
        ("curie:ft-personal-2023-03-01-10-00-00", True),
        ("DAVINCI-002", True),
        ("gpt-4o-mini-2024-07-18", False),
        ("ft:gpt-4o-mini-2024-07-18:my-org:content:9xyz", False),
        ("gpt-3.5-turbo-0125", False),
        ("glm-4-flash", False),
        ("davinci-002-lookalike", False),
    ],
)
def test_is_legacy_model(model_id: str, legacy: bool) -> None:
    assert is_legacy_model(model_id) is legacy


def test_base_model_id() -> None:
    assert base_model_id("ft:gpt-4.1-mini-2025-04-14:org:suffix:abc") == "gpt-4.1-mini-2025-04-14"
    assert base_model_id("davinci:ft-acme-2023-01-01") == "davinci"
    assert base_model_id("gpt-4o") == "gpt-4o"


def test_catalogue_is_consistent() -> None:
    ids = [model.id for model in BASE_MODELS]
    assert len(ids) == len(set(ids))
    for model in BASE_MODELS:
        assert model.family == ("legacy" if is_legacy_model(model.id) else "chat")
    assert {m.id for m in BASE_MODELS if m.family == "legacy"} == {"davinci-002", "babbage-002"}


def test_catalogue_keeps_shutdown_dates_but_no_prices() -> None:
    # Prices live in resources/prices.json (tests/core/test_prices.py checks them against this catalogue).
    mini = find_model("gpt-4o-mini-2024-07-18")
    assert mini is not None
    assert str(mini.shutdown_date) == "2027-01-14"
    assert not any("price" in name or "usd" in name for name in (f.name for f in dataclasses.fields(mini)))


def test_find_model_for_a_fine_tune() -> None:
    found = find_model("ft:gpt-4o-mini-2024-07-18:org:content:abc")
    assert found is not None
    assert found.id == "gpt-4o-mini-2024-07-18"
    assert find_model("unknown-model") is None
