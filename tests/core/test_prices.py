"""The price table: the shipped JSON, the user's overrides, damaged files and the cost estimate that uses them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.dataset import Dataset, Example
from desktop_app.core.formats import ImportResult
from desktop_app.core.models import BASE_MODELS, is_legacy_model
from desktop_app.core.prices import (
    USER_EDIT_SOURCE,
    Price,
    PriceFileError,
    PriceTable,
    load_price_table,
    save_user_prices,
    shipped_price_table,
    shipped_prices_path,
    training_cost_usd,
)
from desktop_app.core.report import build_report, format_report
from desktop_app.core.tokens import count_dataset

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "prices.json"
MINI = "gpt-4o-mini-2024-07-18"
TODAY = dt.date(2026, 11, 25)


def _user_file(path: Path, models: list[dict[str, Any]], **top: Any) -> Path:
    path.write_text(json.dumps({"format": 1, "updated": "2026-11-01", **top, "models": models}, indent=2))
    return path


def _row(model_id: str, price: float, checked: str = "2026-11-01", **more: Any) -> dict[str, Any]:
    return {"id": model_id, "usd_per_1m_training_tokens": price, "checked": checked, **more}


# ------------------------------------------------------------------------------------------ shipped table


def test_shipped_file_parses_and_is_the_default() -> None:
    assert shipped_prices_path() == SHIPPED
    table = load_price_table(SHIPPED, None)
    assert table.problems == ()
    assert table.user == ()
    assert table == shipped_price_table()
    assert shipped_price_table() is shipped_price_table()  # read once per process


def test_every_catalogue_model_has_a_price_row_that_agrees_with_the_catalogue() -> None:
    table = shipped_price_table()
    for model in BASE_MODELS:
        price = table.price_for(model.id)
        assert price is not None, model.id
        assert price.model_id == model.id
        assert price.display_name == model.display_name
        assert price.family == model.family == ("legacy" if is_legacy_model(model.id) else "chat")
        assert price.source
        assert price.origin == "shipped"
    ids = [price.model_id for price in table.shipped]
    assert len(ids) == len(set(ids))


def test_shipped_dates_are_not_in_the_future() -> None:
    table = shipped_price_table()
    today = dt.date.today()
    assert table.shipped_updated is not None
    assert table.shipped_updated <= today
    for price in table.shipped:
        assert price.checked <= table.shipped_updated <= today, price.model_id


def test_documented_prices() -> None:
    # The fine-tuning guide's worked example (shared reference): $3.00 for gpt-4o-mini, $8.00 for gpt-3.5-turbo.
    table = shipped_price_table()
    assert table.price_for(MINI).usd_per_1m_tokens == 3.00  # type: ignore[union-attr]
    assert table.price_for("gpt-3.5-turbo-0125").usd_per_1m_tokens == 8.00  # type: ignore[union-attr]


def test_no_price_literals_outside_the_table() -> None:
    models_source = (SHIPPED.parents[1] / "desktop_app" / "core" / "models.py").read_text(encoding="utf-8")
    assert "usd" not in models_source.lower()
    assert "3.00" not in models_source
    assert "25.00" not in models_source


# ----------------------------------------------------------------------------------------- fine-tuned ids


@pytest.mark.parametrize(
    ("model_id", "base"),
    [
        (MINI, MINI),
        (f"ft:{MINI}:acme:tea:AbC123", MINI),
        (f"ft:{MINI}:acme::AbC123:ckpt-step-300", MINI),
        ("  babbage-002 ", "babbage-002"),
        ("ft:babbage-002:acme::x1", "babbage-002"),
        ("davinci-002:ft-acme-2023-09-01", "davinci-002"),
    ],
)
def test_fine_tuned_ids_resolve_to_their_base(model_id: str, base: str) -> None:
    price = shipped_price_table().price_for(model_id)
    assert price is not None
    assert price.model_id == base


@pytest.mark.parametrize("model_id", ["my-local-model", "curie:ft-acme-2023-01-01", "ft:unknown:acme::1", ""])
def test_unknown_models_have_no_price(model_id: str) -> None:
    assert shipped_price_table().price_for(model_id) is None


# ------------------------------------------------------------------------------------------- user's file


def test_missing_user_file_is_no_problem(tmp_path: Path) -> None:
    table = load_price_table(SHIPPED, tmp_path / "prices.json")
    assert table.problems == ()
    assert table.rows == shipped_price_table().rows


def test_user_file_overrides_a_row_in_place_and_records_its_dates(tmp_path: Path) -> None:
    user = _user_file(tmp_path / "prices.json", [_row(MINI, 2.5, "2026-11-02", source="invoice")])
    table = load_price_table(SHIPPED, user)
    assert table.problems == ()
    price = table.price_for(MINI)
    assert price is not None
    assert (price.usd_per_1m_tokens, price.checked, price.source, price.origin) == (
        2.5,
        dt.date(2026, 11, 2),
        "invoice",
        "user",
    )
    assert price.display_name == "GPT-4o mini"
    assert table.user_updated == dt.date(2026, 11, 1)
    assert table.shipped_updated == shipped_price_table().shipped_updated
    assert [p.model_id for p in table.rows] == [p.model_id for p in shipped_price_table().rows]
    assert table.shipped_price(MINI) == shipped_price_table().price_for(MINI)
    # Fine-tunes of the model follow the user's price too.
    assert table.price_for(f"ft:{MINI}:acme:tea:AbC123") == price


def test_user_file_adds_rows_after_the_shipped_ones(tmp_path: Path) -> None:
    user = _user_file(
        tmp_path / "prices.json",
        [
            _row("glm-4-flash", 0.0, name="GLM-4 Flash (Zhipu)", source="bigmodel.cn"),
            _row("davinci-002-lookalike", 1),
        ],
    )
    table = load_price_table(SHIPPED, user)
    assert table.problems == ()
    assert [p.model_id for p in table.rows[-2:]] == ["glm-4-flash", "davinci-002-lookalike"]
    added = table.price_for("glm-4-flash")
    assert added is not None
    assert (added.display_name, added.family, added.usd_per_1m_tokens) == ("GLM-4 Flash (Zhipu)", "chat", 0.0)
    other = table.price_for("davinci-002-lookalike")
    assert other is not None
    assert (other.display_name, other.family, other.source) == ("davinci-002-lookalike", "chat", "")
    assert len(table) == len(shipped_price_table()) + 2


def test_damaged_user_file_falls_back_to_the_shipped_table_naming_file_and_line(tmp_path: Path) -> None:
    user = tmp_path / "prices.json"
    user.write_text('{\n  "format": 1,\n  "models": [\n    {"id": "x",, }\n  ]\n}\n', encoding="utf-8")
    table = load_price_table(SHIPPED, user)
    assert table.rows == shipped_price_table().rows
    assert table.user == ()
    (problem,) = table.problems
    assert problem.code == "bad_json"
    assert problem.path == user
    assert problem.line == 4
    assert problem.details["file"] == "user"
    assert str(problem).startswith(f"{user}, line 4: ")


@pytest.mark.parametrize(
    ("models", "field", "line"),
    [
        ([_row(MINI, -1)], "usd_per_1m_training_tokens", 6),
        ([_row(MINI, "3.00")], "usd_per_1m_training_tokens", 6),
        ([_row(MINI, True)], "usd_per_1m_training_tokens", 6),
        ([_row(MINI, 3, "1 Nov 2026")], "checked", 6),
        ([{"id": MINI, "usd_per_1m_training_tokens": 3}], "checked", 6),
        ([_row(MINI, 3, family="vision")], "family", 6),
        ([_row(MINI, 3, name=7)], "name", None),
        ([{"usd_per_1m_training_tokens": 3, "checked": "2026-11-01"}], "id", None),
        (["gpt-4o"], "models", None),
    ],
)
def test_bad_rows_are_reported_with_their_line(
    tmp_path: Path, models: list[Any], field: str, line: int | None
) -> None:
    user = _user_file(tmp_path / "prices.json", models)
    table = load_price_table(SHIPPED, user)
    assert table.rows == shipped_price_table().rows
    (problem,) = table.problems
    assert problem.code == "bad_value"
    assert problem.details["field"] == field
    assert problem.line == line
    assert str(user) in str(problem)


def test_non_finite_price_is_refused(tmp_path: Path) -> None:
    user = tmp_path / "prices.json"
    user.write_text('{"models": [{"id": "a", "usd_per_1m_training_tokens": NaN, "checked": "2026-01-01"}]}')
    (problem,) = load_price_table(SHIPPED, user).problems
    assert problem.details["field"] == "usd_per_1m_training_tokens"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("[]", "not_a_table"),
        ('{"models": {}}', "not_a_table"),
        ('{"format": 2, "models": []}', "unsupported_format"),
        ('{"updated": "yesterday", "models": []}', "bad_value"),
        (
            '{"models": [' + json.dumps(_row(MINI, 1)) + "," + json.dumps(_row(MINI, 2)) + "]}",
            "duplicate_model",
        ),
        ("", "bad_json"),
    ],
)
def test_other_damage_is_reported(tmp_path: Path, text: str, code: str) -> None:
    user = tmp_path / "prices.json"
    user.write_text(text, encoding="utf-8")
    table = load_price_table(SHIPPED, user)
    assert [problem.code for problem in table.problems] == [code]
    assert table.rows == shipped_price_table().rows


def test_file_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    user = tmp_path / "prices.json"
    user.write_bytes(b'{\n"models": [\n"\xff"]}')
    (problem,) = load_price_table(SHIPPED, user).problems
    assert (problem.code, problem.line) == ("bad_json", 3)


def test_unreadable_user_file_is_reported(tmp_path: Path) -> None:
    (problem,) = load_price_table(SHIPPED, tmp_path).problems  # a folder where the file should be
    assert problem.code == "unreadable"
    assert problem.path == tmp_path


def test_damaged_or_missing_shipped_file_leaves_an_empty_table_and_no_estimate(tmp_path: Path) -> None:
    broken = tmp_path / "shipped.json"
    broken.write_text("{", encoding="utf-8")
    user = _user_file(tmp_path / "prices.json", [_row("glm-4-flash", 0.5)])
    table = load_price_table(broken, user)
    assert [p.model_id for p in table.rows] == ["glm-4-flash"]
    assert [(p.code, p.details["file"]) for p in table.problems] == [("bad_json", "shipped")]
    missing = load_price_table(tmp_path / "nowhere.json", None)
    assert missing.rows == ()
    assert [p.code for p in missing.problems] == ["unreadable"]
    report = count_dataset(Dataset([Example("q", "a")] * 10), MINI, prices=missing)
    assert report.estimated_usd is None
    assert report.price_date is None


# ------------------------------------------------------------------------------------------------ editing


def test_an_edited_price_is_stamped_today_and_saved_atomically(tmp_path: Path) -> None:
    table = shipped_price_table().with_edited_price(MINI, 2.75, TODAY)
    price = table.price_for(MINI)
    assert price == Price(MINI, "GPT-4o mini", "chat", 2.75, TODAY, USER_EDIT_SOURCE, "user")
    assert table.user == (price,)
    assert table.shipped == shipped_price_table().shipped

    path = tmp_path / "data" / "prices.json"
    save_user_prices(path, table.user, today=TODAY)
    assert [p.name for p in path.parent.iterdir()] == ["prices.json"]  # no temporary file left behind
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["updated"] == "2026-11-25"
    assert document["models"] == [
        {
            "id": MINI,
            "name": "GPT-4o mini",
            "family": "chat",
            "usd_per_1m_training_tokens": 2.75,
            "checked": "2026-11-25",
            "source": USER_EDIT_SOURCE,
        }
    ]
    reloaded = load_price_table(SHIPPED, path)
    assert reloaded.problems == ()
    assert reloaded.price_for(MINI) == price
    assert reloaded.user_updated == TODAY


def test_editing_twice_keeps_one_user_row_in_place() -> None:
    table = shipped_price_table().with_edited_price(MINI, 1, TODAY).with_edited_price("babbage-002", 2, TODAY)
    table = table.with_edited_price(MINI, 4, TODAY + dt.timedelta(days=1))
    assert [(p.model_id, p.usd_per_1m_tokens) for p in table.user] == [(MINI, 4.0), ("babbage-002", 2.0)]
    assert table.price_for(MINI).checked == TODAY + dt.timedelta(days=1)  # type: ignore[union-attr]


@pytest.mark.parametrize("bad", [-0.01, float("nan"), float("inf")])
def test_edited_price_must_be_a_non_negative_number(bad: float) -> None:
    with pytest.raises(ValueError, match="0 or more"):
        shipped_price_table().with_edited_price(MINI, bad, TODAY)


def test_editing_an_unpriced_model_is_refused() -> None:
    with pytest.raises(KeyError):
        shipped_price_table().with_edited_price("my-local-model", 1, TODAY)


def test_restoring_shipped_prices_drops_the_users_rows_and_their_problems(tmp_path: Path) -> None:
    user = tmp_path / "prices.json"
    user.write_text("{", encoding="utf-8")
    damaged = load_price_table(SHIPPED, user)
    assert damaged.problems
    edited = damaged.with_edited_price(MINI, 1, TODAY)
    assert edited.problems == ()  # the damaged file is about to be replaced by these rows
    restored = edited.with_user_rows(())
    assert restored.rows == shipped_price_table().rows
    assert restored.user == ()


def test_price_file_error_reads_like_a_location() -> None:
    error = PriceFileError("oops", code="bad_json", path=Path("p.json"), line=3)
    assert str(error) == "p.json, line 3: oops"
    assert "line=3" in repr(error)
    assert str(PriceFileError("oops", code="unreadable", path=Path("p.json"))) == "p.json: oops"


# ------------------------------------------------------------------------------------------ cost estimate


def test_training_cost_formula() -> None:
    # price per 1M training tokens × billed tokens per epoch × epochs
    assert training_cost_usd(3.00, 100_000, 3) == pytest.approx(0.90)
    assert training_cost_usd(0.0, 100_000, 3) == 0.0


def test_cost_estimate_uses_an_edited_price(tmp_path: Path) -> None:
    dataset = Dataset([Example(f"问题 {i}", f"答案 {i}") for i in range(12)])
    shipped = count_dataset(dataset, MINI)
    path = tmp_path / "prices.json"
    save_user_prices(path, shipped_price_table().with_edited_price(MINI, 12.0, TODAY).user, today=TODAY)
    table = load_price_table(SHIPPED, path)

    edited = count_dataset(dataset, MINI, prices=table)
    assert edited.billed_tokens_per_epoch == shipped.billed_tokens_per_epoch
    assert edited.usd_per_1m_tokens == 12.0
    assert edited.price_date == TODAY
    assert edited.estimated_usd == pytest.approx(edited.billed_tokens_per_epoch * edited.epochs * 12.0 / 1e6)
    assert edited.estimated_usd == pytest.approx(shipped.estimated_usd * 4)  # type: ignore[operator]
    assert edited.estimated_usd_for(1) == pytest.approx(edited.billed_tokens_per_epoch * 12.0 / 1e6)
    fine_tune = count_dataset(dataset, f"ft:{MINI}:acme::x", prices=table)
    assert fine_tune.usd_per_1m_tokens == 12.0

    report = build_report(ImportResult(dataset), MINI, prices=table)
    assert report.usd_per_1m_tokens == 12.0
    assert "($12.00 per 1M training tokens, price as of 2026-11-25)" in format_report(report)
    assert build_report(ImportResult(dataset), MINI).usd_per_1m_tokens == 3.00


def test_table_is_immutable_and_comparable() -> None:
    table = PriceTable()
    assert table.rows == ()
    assert table.price_for(MINI) is None
    assert PriceTable() == table
