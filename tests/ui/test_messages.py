"""Each kind of failure has its own plain-words message; the 403 on OpenAI job creation explains the wind-down."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.errors import DatasetError
from desktop_app.providers.errors import ErrorKind, ProviderError, UnsupportedFeatureError
from desktop_app.providers.types import Capability
from desktop_app.ui.errors import describe_exception, describe_provider_error


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        (ErrorKind.AUTHENTICATION, "did not accept the API key"),
        (ErrorKind.PERMISSION, "not allowed"),
        (ErrorKind.NOT_FOUND, "could not find"),
        (ErrorKind.BAD_REQUEST, "rejected"),
        (ErrorKind.CONFLICT, "changed meanwhile"),
        (ErrorKind.RATE_LIMIT, "busy"),
        (ErrorKind.SERVER, "internal problem"),
        (ErrorKind.TIMEOUT, "too long"),
        (ErrorKind.CONNECTION, "Could not reach"),
        (ErrorKind.BAD_RESPONSE, "could not be read"),
    ],
)
def test_every_kind_has_its_own_message(qapp, kind: ErrorKind, words: str) -> None:
    error = ProviderError(kind, "server words", operation="list_jobs", status_code=418, request_id="req_1")
    message = describe_provider_error(error)
    assert words in message.text
    assert message.title == "Could not load the job list"
    assert "req_1" in message.detail
    assert message.transient == (
        kind
        in (
            ErrorKind.RATE_LIMIT,
            ErrorKind.SERVER,
            ErrorKind.TIMEOUT,
            ErrorKind.CONNECTION,
            ErrorKind.BAD_RESPONSE,
        )
    )


def test_rate_limit_says_when_it_retries(qapp) -> None:
    message = describe_provider_error(
        ProviderError(ErrorKind.RATE_LIMIT, retry_after=20, operation="list_jobs")
    )
    assert "20 s" in message.text


def test_permission_denied_on_openai_job_creation_explains_the_wind_down(qapp) -> None:
    error = ProviderError(ErrorKind.PERMISSION, "denied", operation="create_job", status_code=403)
    assert "6 January 2027" in describe_provider_error(error, is_openai=True).text
    assert "6 January 2027" not in describe_provider_error(error, is_openai=False).text
    listing = ProviderError(ErrorKind.PERMISSION, "denied", operation="list_jobs", status_code=403)
    assert "6 January 2027" not in describe_provider_error(listing, is_openai=True).text


def test_unsupported_feature(qapp) -> None:
    message = describe_provider_error(UnsupportedFeatureError(Capability.PAUSE_RESUME, operation="pause_job"))
    assert "does not offer" in message.text
    assert message.title == "Could not pause the job"


def test_dataset_errors_name_the_file_and_place(qapp) -> None:
    error = DatasetError("bad", code="bad_json", path=Path("/tmp/data.jsonl"), line=4)
    assert describe_exception(error).text.startswith("data.jsonl, line 4:")
    unknown = DatasetError(
        "data.jsonl, row 9: something new", code="brand_new_code", path=Path("/tmp/data.jsonl")
    )
    assert "row 9" in describe_exception(unknown).text


def test_unexpected_exceptions_never_hide(qapp) -> None:
    message = describe_exception(RuntimeError("boom"))
    assert "kept running" in message.text
    assert "boom" in message.detail


def test_an_unreadable_answer_to_a_users_action_says_it_may_have_happened(qapp) -> None:
    error = ProviderError(ErrorKind.BAD_RESPONSE, operation="cancel_job")
    message = describe_provider_error(error)
    assert "not known whether this was done" in message.text
    assert "the app will try again" not in message.text  # nothing repeats a user's action by itself
    polled = describe_provider_error(ProviderError(ErrorKind.BAD_RESPONSE, operation="list_jobs"))
    assert "the app will try again" in polled.text
    assert polled.transient
