"""Token counts offline: the shipped encoding files, the cookbook's formula, and the cost estimate."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import statistics
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tiktoken
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.dataset import Dataset, Example
from desktop_app.core.formats import read_dataset
from desktop_app.core.models import default_epochs
from desktop_app.core.prices import shipped_price_table
from desktop_app.core.tokens import (
    CL100K_BASE,
    ENCODING_SHA256,
    O200K_BASE,
    CountCancelled,
    Distribution,
    ExampleTokens,
    TokenizerError,
    count_dataset,
    count_example_tokens,
    count_message_tokens,
    encoding_for_model,
    find_special_tokens,
    get_encoding,
    load_encoding,
    tokenizers_dir,
)

DATA = Path(__file__).resolve().parents[1] / "data"
TOKENIZERS = Path(__file__).resolve().parents[2] / "resources" / "tokenizers"
DOCUMENTED_SHA256 = {
    "o200k_base": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    "cl100k_base": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
}
MIXED = "青山茶舍的招牌是桂花乌龙冷泡茶 🍵🫖, open 9:00–21:00!\n  Tabs\tand   spaces… ﻿"
MINI = "gpt-4o-mini-2024-07-18"

# --------------------------------------------------------------------- watching for writes and connections

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_WATCHED_EVENTS = frozenset(
    {
        "os.mkdir",
        "os.rename",
        "os.replace",
        "os.remove",
        "shutil.copyfile",
        "socket.connect",
        "socket.getaddrinfo",
    }
)
_recording: list[list[str]] = []  # non-empty only inside _side_effects()


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _recording:
        return
    if event == "open" and isinstance(args[2], int) and args[2] & _WRITE_FLAGS:
        _recording[-1].append(f"open for writing: {args[0]}")
    elif event in _WATCHED_EVENTS:
        _recording[-1].append(f"{event}: {args[:1]}")


sys.addaudithook(_audit)  # audit hooks cannot be removed; this one does nothing outside _side_effects()


@pytest.fixture
def side_effects() -> Iterator[list[str]]:
    """Every file opened for writing, folder made, file moved or connection tried while the test runs."""
    seen: list[str] = []
    _recording.append(seen)
    try:
        yield seen
    finally:
        _recording.remove(seen)


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No network; HOME, TMPDIR and tiktoken's cache point into empty folders under the returned path."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError("network is off in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    for name in ("home", "tmp", "tiktoken-cache"):
        (tmp_path / name).mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "tiktoken-cache"))
    monkeypatch.delenv("DATA_GYM_CACHE_DIR", raising=False)
    return tmp_path


# ------------------------------------------------------------------------------------------ shipped files


@pytest.mark.parametrize("name", sorted(DOCUMENTED_SHA256))
def test_shipped_file_has_the_documented_sha256(name: str) -> None:
    digest = hashlib.sha256((TOKENIZERS / f"{name}.tiktoken").read_bytes()).hexdigest()
    readme = (TOKENIZERS / "README.md").read_text(encoding="utf-8")
    assert digest == DOCUMENTED_SHA256[name] == ENCODING_SHA256[name]
    assert re.search(rf"\| {name}\.tiktoken \|.*\| {digest} \|", readme)


def test_tokenizers_dir_is_the_resources_folder_unless_overridden(tmp_path: Path) -> None:
    assert tokenizers_dir() == TOKENIZERS
    assert tokenizers_dir(tmp_path) == tmp_path


@pytest.mark.parametrize("name", [O200K_BASE, CL100K_BASE])
def test_encodings_load_offline_and_write_nothing(name: str, offline: Path, side_effects: list[str]) -> None:
    encoding = load_encoding(name)
    assert encoding.decode(encoding.encode_ordinary(MIXED)) == MIXED
    assert side_effects == []
    assert [p for p in offline.rglob("*") if p.is_file()] == []


@pytest.mark.parametrize(
    ("name", "ids"),
    [
        (O200K_BASE, [24912, 2375]),  # tiktoken's README and OpenAI's tokenizer page give these ids
        (CL100K_BASE, [15339, 1917]),
    ],
)
def test_known_ids(name: str, ids: list[int]) -> None:
    encoding = get_encoding(name)
    assert encoding.encode_ordinary("hello world") == ids
    assert encoding.decode(ids) == "hello world"


@pytest.mark.parametrize("name", [O200K_BASE, CL100K_BASE])
def test_same_encoding_as_tiktoken_builds_itself(name: str, offline: Path) -> None:
    # tiktoken's documented offline route: its download cache pre-filled with the file (under sha1 of the URL).
    urls = {
        O200K_BASE: "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
        CL100K_BASE: "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
    }
    cache_key = hashlib.sha1(urls[name].encode()).hexdigest()
    shutil.copyfile(TOKENIZERS / f"{name}.tiktoken", offline / "tiktoken-cache" / cache_key)
    reference = tiktoken.get_encoding(name)
    ours = get_encoding(name)
    assert ours.name == reference.name
    assert ours.n_vocab == reference.n_vocab
    assert ours._pat_str == reference._pat_str
    assert ours._special_tokens == reference._special_tokens
    assert ours.encode_ordinary(MIXED * 3) == reference.encode_ordinary(MIXED * 3)


@pytest.mark.parametrize("text", [MIXED, "", "  ", "<|endoftext|>", "😀" * 50, "a" * 5000])
def test_round_trip(text: str) -> None:
    for name in (O200K_BASE, CL100K_BASE):
        encoding = get_encoding(name)
        assert encoding.decode(encoding.encode_ordinary(text)) == text


def test_get_encoding_loads_once_across_threads() -> None:
    seen: list[tiktoken.Encoding] = []
    threads = [threading.Thread(target=lambda: seen.append(get_encoding(O200K_BASE))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 4
    assert all(encoding is seen[0] for encoding in seen)


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(TokenizerError) as caught:
        load_encoding(O200K_BASE, tmp_path)
    assert caught.value.code == "missing_file"
    assert caught.value.path == tmp_path / "o200k_base.tiktoken"
    assert "o200k_base.tiktoken" in str(caught.value)


def test_corrupt_file_is_refused(tmp_path: Path) -> None:
    data = bytearray((TOKENIZERS / "cl100k_base.tiktoken").read_bytes())
    data[100] ^= 1
    (tmp_path / "cl100k_base.tiktoken").write_bytes(bytes(data))
    with pytest.raises(TokenizerError) as caught:
        load_encoding(CL100K_BASE, tmp_path)
    assert caught.value.code == "corrupt_file"
    assert caught.value.path == tmp_path / "cl100k_base.tiktoken"
    assert "damaged" in str(caught.value)


def test_unknown_encoding_is_refused() -> None:
    with pytest.raises(TokenizerError) as caught:
        get_encoding("p50k_base")
    assert caught.value.code == "unknown_encoding"


# ----------------------------------------------------------------------------------------------- models


@pytest.mark.parametrize(
    ("model_id", "encoding"),
    [
        ("gpt-4o-mini-2024-07-18", O200K_BASE),
        ("gpt-4o-2024-08-06", O200K_BASE),
        ("gpt-4.1-nano-2025-04-14", O200K_BASE),
        ("ft:gpt-4.1-mini-2025-04-14:acme::AbC123", O200K_BASE),
        ("ft:gpt-4o-mini-2024-07-18:acme:tea:ckpt-step-10", O200K_BASE),
        ("o4-mini-2025-04-16", O200K_BASE),
        ("o1", O200K_BASE),
        ("gpt-3.5-turbo-0125", CL100K_BASE),
        ("ft:gpt-3.5-turbo-0125:acme::xyz", CL100K_BASE),
        ("gpt-35-turbo", CL100K_BASE),
        ("gpt-4", CL100K_BASE),
        ("gpt-4-0613", CL100K_BASE),
        ("GPT-4-turbo", CL100K_BASE),
        ("davinci-002", CL100K_BASE),
        ("ft:babbage-002:acme::xyz", CL100K_BASE),
        ("glm-4-flash", O200K_BASE),
        ("", O200K_BASE),
    ],
)
def test_encoding_for_model(model_id: str, encoding: str) -> None:
    assert encoding_for_model(model_id) == encoding


# ------------------------------------------------------------------------------------------ one example


def test_chat_example_follows_the_cookbook_formula() -> None:
    encoding = get_encoding(O200K_BASE)
    example = Example("你们几点开门？", "每天 9:00 到 21:00。", system="你是客服小青。")

    def n(text: str) -> int:
        return len(encoding.encode_ordinary(text))

    expected = (
        (3 + n("system") + n("你是客服小青。"))
        + (3 + n("user") + n("你们几点开门？"))
        + (3 + n("assistant") + n("每天 9:00 到 21:00。"))
        + 3
    )
    counted = count_example_tokens(example, encoding, system_prompt="ignored: the row has its own")
    assert counted == ExampleTokens(total=expected, assistant=n("每天 9:00 到 21:00。"))
    messages = [
        {"role": "system", "content": example.system},
        {"role": "user", "content": example.prompt},
        {"role": "assistant", "content": example.completion},
    ]
    assert count_message_tokens(messages, encoding) == expected


def test_system_prompt_fills_in_and_no_system_means_no_message() -> None:
    encoding = get_encoding(CL100K_BASE)
    bare = Example("hi", "hello")
    without = count_example_tokens(bare, encoding).total
    with_default = count_example_tokens(bare, encoding, system_prompt="Be brief.").total
    assert with_default - without == 3 + len(encoding.encode_ordinary("system")) + len(
        encoding.encode_ordinary("Be brief.")
    )
    assert (
        count_message_tokens(
            [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}], encoding
        )
        == without
    )


def test_a_name_costs_one_more_token() -> None:
    encoding = get_encoding(O200K_BASE)
    plain = count_message_tokens([{"role": "user", "content": "hi"}], encoding)
    named = count_message_tokens([{"role": "user", "content": "hi", "name": "bob"}], encoding)
    assert named - plain == 1 + len(encoding.encode_ordinary("bob"))


def test_legacy_counts_prompt_and_completion() -> None:
    encoding = get_encoding(CL100K_BASE)
    example = Example("Q: tea?\n\n###\n\n", " Oolong.\n", system="not used by legacy models")
    counted = count_example_tokens(example, encoding, legacy=True)
    assert counted.total == len(encoding.encode_ordinary(example.prompt)) + len(
        encoding.encode_ordinary(example.completion)
    )
    assert counted.assistant == len(encoding.encode_ordinary(example.completion))


def test_special_token_text_counts_as_ordinary_text() -> None:
    encoding = get_encoding(O200K_BASE)
    example = Example("<|endoftext|> <|im_start|>user", "<|endofprompt|>")
    counted = count_example_tokens(example, encoding)
    assert counted.assistant == len(encoding.encode_ordinary("<|endofprompt|>")) > 1


# -------------------------------------------------------------------------------------------- a dataset


@pytest.fixture(scope="module")
def content() -> Dataset:
    return read_dataset(DATA / "content.xlsx").dataset


def test_count_dataset_on_content(content: Dataset) -> None:
    report = count_dataset(content, MINI)
    encoding = get_encoding(O200K_BASE)
    n = len(content)
    assert report.encoding == O200K_BASE
    assert not report.legacy
    assert report.n_examples == n
    assert report.row_tokens == [count_example_tokens(e, encoding).total for e in content.examples]
    assert report.row_assistant_tokens == [
        len(encoding.encode_ordinary(e.completion)) for e in content.examples
    ]
    for dist, values in (
        (report.tokens_per_example, report.row_tokens),
        (report.assistant_tokens_per_example, report.row_assistant_tokens),
    ):
        assert dist.count == n
        assert dist.min <= dist.p10 <= dist.median <= dist.p90 <= dist.max
        assert (dist.min, dist.max) == (min(values), max(values))
        assert dist.mean == pytest.approx(statistics.fmean(values))
        assert dist.median == pytest.approx(statistics.median(values))
    assert report.messages_per_example.min >= 2
    assert report.messages_per_example.max <= 3
    assert report.example_limit == 65_536
    assert report.rows_over_limit == []
    assert report.billed_tokens_per_epoch == sum(report.row_tokens)
    assert report.epochs == default_epochs(n)
    assert report.training_tokens == report.billed_tokens_per_epoch * report.epochs
    price = shipped_price_table().price_for(MINI)
    assert price is not None
    assert report.usd_per_1m_tokens == 3.00
    assert report.price_date == price.checked
    assert report.estimated_usd == pytest.approx(report.billed_tokens_per_epoch * report.epochs * 3.00 / 1e6)
    assert report.estimated_usd_for(1) == pytest.approx(report.billed_tokens_per_epoch * 3.00 / 1e6)


def test_system_prompt_adds_a_message_to_rows_without_one(content: Dataset) -> None:
    plain = count_dataset(content, MINI)
    prompted = count_dataset(content, MINI, system_prompt="你是青山茶舍的客服小青。")
    assert prompted.messages_per_example.min == 3
    assert all(after > before for before, after in zip(plain.row_tokens, prompted.row_tokens, strict=True))


def test_fine_tune_ids_use_their_base_model(content: Dataset) -> None:
    report = count_dataset(content, f"ft:{MINI}:acme:tea:AbC123")
    assert report.example_limit == 65_536
    assert report.usd_per_1m_tokens == 3.00
    assert report.row_tokens == count_dataset(content, MINI).row_tokens


def test_unknown_model_has_no_price_and_no_limit(content: Dataset) -> None:
    report = count_dataset(content, "my-local-model")
    assert report.encoding == O200K_BASE
    assert report.example_limit is None
    assert report.estimated_usd is None
    assert report.estimated_usd_for(3) is None
    assert report.price_date is None
    assert report.billed_tokens_per_epoch == sum(report.row_tokens)


def test_legacy_model_counts_pairs(content: Dataset) -> None:
    report = count_dataset(content, "davinci-002")
    encoding = get_encoding(CL100K_BASE)
    assert report.legacy
    assert report.encoding == CL100K_BASE
    assert report.row_tokens == [
        len(encoding.encode_ordinary(e.prompt)) + len(encoding.encode_ordinary(e.completion))
        for e in content.examples
    ]


def test_rows_over_the_limit_are_flagged_and_billed_up_to_it(content: Dataset) -> None:
    limit = 35
    report = count_dataset(content, MINI, limit=limit)
    assert report.example_limit == limit
    assert report.rows_over_limit == [i for i, tokens in enumerate(report.row_tokens) if tokens > limit]
    assert 0 < len(report.rows_over_limit) < len(content)
    assert report.billed_tokens_per_epoch == sum(min(limit, tokens) for tokens in report.row_tokens)
    assert report.billed_tokens_per_epoch < sum(report.row_tokens)


def test_progress_and_cancel(content: Dataset) -> None:
    big = Dataset(content.examples * 100)  # 2,400 rows
    calls: list[tuple[int, int]] = []
    count_dataset(big, MINI, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1000, 2400), (2000, 2400), (2400, 2400)]

    asked: list[int] = []

    def stop_on_second_ask() -> bool:
        asked.append(1)
        return len(asked) == 2

    with pytest.raises(CountCancelled) as caught:
        count_dataset(big, MINI, should_stop=stop_on_second_ask)
    assert (caught.value.rows_done, caught.value.rows_total) == (1000, 2400)


def test_empty_dataset() -> None:
    report = count_dataset(Dataset(), MINI)
    assert report.n_examples == 0
    assert report.tokens_per_example == Distribution(0, 0, 0, 0.0, 0.0, 0.0, 0.0)
    assert report.billed_tokens_per_epoch == 0
    assert report.estimated_usd == 0.0


@given(st.lists(st.integers(min_value=0, max_value=100_000), min_size=1, max_size=200))
def test_distribution_quantiles_match_numpy_linear(values: list[int]) -> None:
    dist = Distribution.of(values)
    assert dist.min <= dist.p10 <= dist.median <= dist.p90 <= dist.max
    assert dist.median == pytest.approx(statistics.median(values))
    if len(values) >= 2:  # method="inclusive" is numpy's default "linear" quantile
        deciles = statistics.quantiles(values, n=10, method="inclusive")
        assert (dist.p10, dist.p90) == (pytest.approx(deciles[0]), pytest.approx(deciles[-1]))


# ------------------------------------------------------------------------------------------ special tokens


def test_find_special_tokens() -> None:
    text = "Answer<|endoftext|> then <|im_start|>user\nhi<|im_end|> and <|endoftext|> again"
    assert find_special_tokens(text) == ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    assert find_special_tokens("plain text, even with | pipes | and <angle> brackets") == []
    assert find_special_tokens("青山茶舍") == []


def test_token_issues_point_at_their_rows() -> None:
    from desktop_app.core.dataset import Dataset, Example
    from desktop_app.core.tokens import count_dataset, special_token_rows
    from desktop_app.core.validation import Severity, token_issues

    dataset = Dataset([Example("hi", "fine"), Example("q", "a <|im_start|>"), Example("x", "y" * 50)])
    report = count_dataset(dataset, "gpt-4o-mini-2024-07-18", limit=20)
    specials = special_token_rows(dataset)
    assert specials == {1: ["<|im_start|>"]}
    issues = token_issues(report, specials)
    assert {(i.code, i.row) for i in issues} == {("too_many_tokens", 2), ("special_token", 1)}
    assert all(i.severity is Severity.WARNING for i in issues)
    legacy_system = Dataset([Example("q", "a", system="<|endoftext|>")])
    assert special_token_rows(legacy_system, legacy=True) == {}  # legacy models never see the system text
    assert special_token_rows(legacy_system) == {0: ["<|endoftext|>"]}
