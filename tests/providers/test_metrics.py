"""Loss and accuracy series: metrics events, the step_metrics.csv result file (raw or base64), merging both."""

from __future__ import annotations

import base64
import math
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.core.formats import chat_jsonl_lines, read_dataset, to_jsonl_bytes
from desktop_app.providers import ConnectionConfig, OpenAICompatibleProvider, ServiceKind
from desktop_app.providers.metrics import (
    MetricPoint,
    ResultFileError,
    merge_metrics,
    metrics_from_events,
    parse_result_csv,
)
from desktop_app.providers.types import Hyperparameters, JobEvent, JobRequest
from desktop_app.simulator import SimulatorConfig, SimulatorServer
from desktop_app.simulator.training import Plan, make_curve, result_csv

DATA = Path(__file__).resolve().parent.parent / "data"
T0 = 1_700_000_000


def metrics_event(at: int, data: dict[str, object], event_id: str = "e", type_: str = "metrics") -> JobEvent:
    return JobEvent(event_id, at, "info", "Step", type=type_, data=data)


def simulated_curve(*, with_validation: bool) -> tuple[Plan, bytes]:
    plan = Plan(n_epochs=3, batch_size=1, learning_rate_multiplier=1.8, steps_per_epoch=8)
    return plan, result_csv(make_curve(7, plan, with_validation=with_validation))


# ------------------------------------------------------------------------------------------------- events


def test_events_give_one_point_per_step_in_step_order() -> None:
    events = [
        metrics_event(
            T0 + 3, {"step": 3, "total_steps": 3, "train_loss": 0.5, "train_mean_token_accuracy": 0.8}
        ),
        metrics_event(T0 + 1, {"step": 1, "total_steps": 3, "train_loss": 1.5, "valid_loss": 1.7}),
        JobEvent("m", T0 + 2, "info", "Fine-tuning job started"),
        metrics_event(T0 + 2, {"step": 2, "total_steps": 3, "train_loss": 1}),
    ]
    assert metrics_from_events(events) == [
        MetricPoint(1, train_loss=1.5, valid_loss=1.7),
        MetricPoint(2, train_loss=1.0),
        MetricPoint(3, train_loss=0.5, train_accuracy=0.8),
    ]


def test_all_of_openais_metric_names_are_read() -> None:
    data: dict[str, object] = {
        "step": 88,
        "train_loss": 0.478,
        "train_mean_token_accuracy": 0.924,
        "valid_loss": 10.112,
        "valid_mean_token_accuracy": 0.145,
        "full_valid_loss": 0.567,
        "full_valid_mean_token_accuracy": 0.944,
    }
    assert metrics_from_events([metrics_event(T0, data)]) == [
        MetricPoint(88, 0.478, 0.924, 10.112, 0.145, 0.567, 0.944)
    ]


def test_later_event_for_the_same_step_wins() -> None:
    older = metrics_event(T0, {"step": 4, "train_loss": 2.0, "valid_loss": 2.5})
    newer = metrics_event(T0 + 9, {"step": 4, "train_loss": 1.0})
    expected = [MetricPoint(4, train_loss=1.0)]
    assert metrics_from_events([older, newer]) == expected
    assert metrics_from_events([newer, older]) == expected  # by time, not by position
    same_second = metrics_event(T0 + 9, {"step": 4, "train_loss": 0.25})
    assert metrics_from_events([newer, same_second]) == [MetricPoint(4, train_loss=0.25)]


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, "0.5", None, True, [1.0], {"v": 1}, 10**400])
def test_bad_values_are_left_out_without_raising(bad: object) -> None:
    event = metrics_event(T0, {"step": 2, "train_loss": bad, "valid_loss": 0.75})
    assert metrics_from_events([event]) == [MetricPoint(2, valid_loss=0.75)]


@pytest.mark.parametrize("step", [None, "3", -1, 2.5, math.nan, False])
def test_events_without_a_usable_step_are_skipped(step: object) -> None:
    events = [
        metrics_event(T0, {"step": step, "train_loss": 1.0}),
        metrics_event(T0, {"step": 5.0, "train_loss": 2.0}),
    ]
    assert metrics_from_events(events) == [MetricPoint(5, train_loss=2.0)]


def test_message_events_are_ignored_even_with_numbers() -> None:
    event = metrics_event(T0, {"step": 1, "train_loss": 1.0}, type_="message")
    assert metrics_from_events([event]) == []
    assert metrics_from_events([]) == []


# ----------------------------------------------------------------------------------------------- CSV file


def test_simulator_result_csv_is_read_point_by_point() -> None:
    plan, content = simulated_curve(with_validation=True)
    curve = make_curve(7, plan, with_validation=True)
    points = parse_result_csv(content)
    assert [p.step for p in points] == list(range(1, plan.total_steps + 1))
    assert [p.train_loss for p in points] == [m.train_loss for m in curve]
    assert [p.train_accuracy for p in points] == [m.train_mean_token_accuracy for m in curve]
    assert [p.valid_loss for p in points] == [m.valid_loss for m in curve]
    assert [p.valid_accuracy for p in points] == [m.valid_mean_token_accuracy for m in curve]
    assert any(p.valid_loss is None for p in points)  # empty cells where validation did not run
    assert any(p.valid_loss is not None for p in points)
    assert all(p.full_valid_loss is None for p in points)


def test_base64_result_file_reads_like_the_raw_one() -> None:
    _, content = simulated_curve(with_validation=False)
    raw = parse_result_csv(content)
    assert raw
    assert parse_result_csv(base64.b64encode(content)) == raw
    wrapped = base64.encodebytes(content)  # 76-character lines, as some tools write base64
    assert b"\n" in wrapped.strip()
    assert parse_result_csv(wrapped) == raw


def test_byte_order_mark_and_windows_line_ends_are_accepted() -> None:
    content = "\ufeffstep,train_loss\r\n1,0.5\r\n\r\n2,0.25\r\n".encode()
    expected = [MetricPoint(1, train_loss=0.5), MetricPoint(2, train_loss=0.25)]
    assert parse_result_csv(content) == expected
    assert parse_result_csv(base64.b64encode(content)) == expected


def test_full_validation_and_alternative_column_names() -> None:
    content = (
        b"step,train_mean_token_accuracy,training_loss,valid_loss,full_valid_loss,full_valid_mean_token_accuracy,"
        b"extra\n"
        b"10,0.9,0.3,0.4,0.45,0.88,whatever\n"
    )
    assert parse_result_csv(content) == [
        MetricPoint(
            10,
            train_loss=0.3,
            train_accuracy=0.9,
            valid_loss=0.4,
            full_valid_loss=0.45,
            full_valid_accuracy=0.88,
        )
    ]


def test_legacy_results_csv_columns() -> None:
    content = (
        b"step,elapsed_tokens,elapsed_examples,training_loss,training_sequence_accuracy,training_token_accuracy\n"
        b"1,25,1,1.25,0.0,0.5\n"
    )
    assert parse_result_csv(content) == [MetricPoint(1, train_loss=1.25, train_accuracy=0.5)]


def test_nan_cells_and_repeated_steps() -> None:
    content = b"step,train_loss,valid_loss\n2,0.5,nan\n1,0.75,\n2,0.4,0.6\n"
    assert parse_result_csv(content) == [
        MetricPoint(1, train_loss=0.75),
        MetricPoint(2, train_loss=0.4, valid_loss=0.6),
    ]


def test_header_only_gives_no_points() -> None:
    assert parse_result_csv(b"step,train_loss,train_accuracy\n") == []


@pytest.mark.parametrize(
    ("content", "code", "line", "column", "words"),
    [
        (b"", "empty_file", 1, None, "empty"),
        (b"\n\n", "empty_file", 1, None, "empty"),
        (b'{"error": "not found"}', "no_step_column", 1, None, "'step'"),
        (b"\n\nloss,accuracy\n0.5,0.9\n", "no_step_column", 3, None, "'loss'"),
        (b"step,train_loss\n1,0.5\n2,low\n", "bad_number", 3, "train_loss", "'low'"),
        (b"step,train_loss\n1,0.5\n\n3.5,0.1\n", "bad_step", 4, "step", "'3.5'"),
        (b"step,train_loss\n,0.5\n", "bad_step", 2, "step", "empty cell"),
        (b"step,train_loss\n1,0.5,0.7\n", "bad_row", 2, None, "3 cells"),
        (b"step,train_loss\n1,0.5\n2\n", "bad_row", 3, None, "1 cells"),
        (b'step,train_loss\n1,"0.5\n', "bad_csv", 2, None, "not valid CSV"),
        (b"\xff\xfe\x00\x01binary", "not_text", None, None, "neither text"),
    ],
)
def test_malformed_files_raise_naming_the_line(
    content: bytes, code: str, line: int | None, column: str | None, words: str
) -> None:
    with pytest.raises(ResultFileError) as raised:
        parse_result_csv(content)
    error = raised.value
    assert isinstance(error, ValueError)
    assert error.code == code
    assert error.line == line
    assert error.column == column
    assert words in str(error)
    if line is not None:
        assert str(error).startswith(f"line {line}")


def test_base64_of_a_bad_file_reports_the_decoded_line() -> None:
    with pytest.raises(ResultFileError) as raised:
        parse_result_csv(base64.b64encode(b"step,train_loss\n1,0.5\n2,oops\n"))
    assert raised.value.line == 3
    assert raised.value.column == "train_loss"


# ------------------------------------------------------------------------------------------------- merging


def test_merge_fills_gaps_and_later_values_win() -> None:
    from_events = [
        MetricPoint(1, train_loss=1.0, full_valid_loss=1.2),
        MetricPoint(2, train_loss=0.9),
        MetricPoint(4, train_loss=0.7),
    ]
    from_file = [
        MetricPoint(1, train_loss=1.01, valid_loss=1.1),
        MetricPoint(2, train_loss=None, valid_loss=1.0),
        MetricPoint(3, train_loss=0.8),
    ]
    assert merge_metrics(from_events, from_file) == [
        MetricPoint(1, train_loss=1.01, valid_loss=1.1, full_valid_loss=1.2),
        MetricPoint(2, train_loss=0.9, valid_loss=1.0),
        MetricPoint(3, train_loss=0.8),
        MetricPoint(4, train_loss=0.7),
    ]
    assert merge_metrics(from_file, from_events)[0] == MetricPoint(
        1, train_loss=1.0, valid_loss=1.1, full_valid_loss=1.2
    )


def test_merge_of_nothing_and_of_one_series() -> None:
    assert merge_metrics() == []
    series = [MetricPoint(2, train_loss=0.5), MetricPoint(1, train_loss=0.75)]
    assert merge_metrics(series) == sorted(series, key=lambda p: p.step)
    assert merge_metrics(iter(series), iter([])) == merge_metrics(series)


# ---------------------------------------------------------------------------------------------- end to end


def wait_for(predicate: Callable[[], bool], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def test_base64_result_file_and_events_merge_end_to_end() -> None:
    """OpenAI's base64 result file, and a validation file so the events carry full-validation figures."""
    config = SimulatorConfig.fast(base64_result_files=True)
    with SimulatorServer(config=config) as server:
        provider = OpenAICompatibleProvider(
            ConnectionConfig(
                ServiceKind.COMPATIBLE,
                "sk-test-not-a-real-key",
                base_url=server.base_url,
                timeout=10.0,
                max_retries=0,
            )
        )
        try:
            training = to_jsonl_bytes(chat_jsonl_lines(read_dataset(DATA / "content.xlsx").dataset))
            training_id = provider.upload_training_file("train.jsonl", training).id
            validation_id = provider.upload_training_file(
                "valid.jsonl", (DATA / "chat.jsonl").read_bytes()
            ).id
            request = JobRequest(
                "gpt-4o-mini-2024-07-18",
                training_id,
                validation_file_id=validation_id,
                hyperparameters=Hyperparameters(n_epochs=2),
            )
            job_id = provider.create_job(request).id
            wait_for(lambda: provider.retrieve_job(job_id).status == "succeeded")
            job = provider.retrieve_job(job_id)
            content = provider.fetch_file_content(job.result_files[0])
            events = provider.new_events(job_id, None)
        finally:
            provider.close()

    assert not content.startswith(b"step"), "the simulator was asked for base64"
    from_file = parse_result_csv(content)
    from_events = metrics_from_events(events)
    assert [p.step for p in from_file] == [p.step for p in from_events]
    assert [p.train_loss for p in from_file] == [p.train_loss for p in from_events]
    assert [p.valid_loss for p in from_file] == [p.valid_loss for p in from_events]
    assert any(p.full_valid_loss is not None for p in from_events)
    assert all(p.full_valid_loss is None for p in from_file)  # the file has no full-validation columns

    merged = merge_metrics(from_events, from_file)
    assert [p.step for p in merged] == [p.step for p in from_file]
    assert [p.train_accuracy for p in merged] == [p.train_accuracy for p in from_file]
    assert [p.full_valid_loss for p in merged] == [p.full_valid_loss for p in from_events]
