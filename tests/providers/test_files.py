"""Uploaded files through the provider: list, delete, find an earlier upload, upload progress, services
without a file list. The real SDK over real HTTP against the simulator."""

from __future__ import annotations

import hashlib
import json
import re

import openai
import pytest

from desktop_app.providers import (
    ErrorKind,
    OpenAICompatibleProvider,
    ProviderError,
    UnsupportedFeatureError,
)
from desktop_app.providers.base import UPLOAD_ATTEMPTS
from desktop_app.providers.types import Capability
from desktop_app.simulator import Fault, SimulatorConfig, SimulatorServer
from tests.practice_service import make_provider


def jsonl(count: int, word: str = "hello") -> bytes:
    lines = [
        json.dumps(
            {"messages": [{"role": "user", "content": f"{word} {i}"}, {"role": "assistant", "content": "hi"}]}
        )
        for i in range(count)
    ]
    return ("\n".join(lines) + "\n").encode()


LIST = r"/v1/files"
CONTENT = r"/v1/files/[^/]+/content"


def requests_to(server: SimulatorServer, method: str, path: str) -> int:
    return sum(1 for r in server.requests if r.method == method and re.fullmatch(path, r.path))


# ------------------------------------------------------------------------------------------------ list


def test_list_files_newest_first_and_by_purpose(
    server: SimulatorServer, provider: OpenAICompatibleProvider
) -> None:
    ids = [provider.upload_training_file(f"part{i}.jsonl", jsonl(3 + i)).id for i in range(3)]
    with openai.OpenAI(api_key="sk-test", base_url=server.base_url, max_retries=0) as client:
        notes = client.files.create(file=("notes.txt", b"not for training"), purpose="user_data").id

    listed = provider.list_files()
    assert [f.id for f in listed] == list(reversed(ids))
    first = listed[-1]
    assert first.filename == "part0.jsonl"
    assert first.bytes == len(jsonl(3))
    assert first.purpose == "fine-tune"
    assert first.status == "processed"
    assert first.created_at > 0

    everything = provider.list_files(purpose=None)
    assert [f.id for f in everything] == [notes, *reversed(ids)]
    assert {f.id for f in provider.list_files(purpose="user_data")} == {notes}
    assert provider.supports(Capability.FILES)


def test_list_files_follows_every_page(server: SimulatorServer, provider: OpenAICompatibleProvider) -> None:
    ids = [provider.upload_training_file(f"p{i}.jsonl", jsonl(2)).id for i in range(5)]
    provider.files_page_size = 2
    before = requests_to(server, "GET", LIST)
    listed = provider.list_files()
    assert [f.id for f in listed] == list(reversed(ids))  # each exactly once
    assert requests_to(server, "GET", LIST) - before == 3  # 2 + 2 + 1


def test_list_files_of_an_empty_account(provider: OpenAICompatibleProvider) -> None:
    assert provider.list_files() == []


# ------------------------------------------------------------------------------------------------ delete


def test_delete_file_removes_it_from_the_service(provider: OpenAICompatibleProvider) -> None:
    keep = provider.upload_training_file("keep.jsonl", jsonl(2))
    gone = provider.upload_training_file("gone.jsonl", jsonl(3))
    provider.delete_file(gone.id)
    assert [f.id for f in provider.list_files()] == [keep.id]
    with pytest.raises(ProviderError) as raised:
        provider.delete_file(gone.id)  # already deleted: about the file, not a missing feature
    assert not isinstance(raised.value, UnsupportedFeatureError)
    assert raised.value.kind is ErrorKind.NOT_FOUND
    assert raised.value.operation == "delete_file"
    assert provider.supports(Capability.FILES)


def test_content_of_a_deleted_file_is_not_a_missing_feature(provider: OpenAICompatibleProvider) -> None:
    gone = provider.upload_training_file("gone.jsonl", jsonl(2))
    provider.delete_file(gone.id)
    with pytest.raises(ProviderError) as raised:
        provider.fetch_file_content(gone.id)
    assert not isinstance(raised.value, UnsupportedFeatureError)
    assert raised.value.kind is ErrorKind.NOT_FOUND
    assert provider.supports(Capability.RESULT_FILES)  # result files of other jobs still show


# ------------------------------------------------------------------------------------------------ find


def test_find_uploaded_file_matches_the_same_bytes_only(
    server: SimulatorServer, provider: OpenAICompatibleProvider
) -> None:
    content = jsonl(10)
    earlier = provider.upload_training_file("train.jsonl", content)
    provider.upload_training_file("other.jsonl", jsonl(4))

    found = provider.find_uploaded_file("train.jsonl", content)
    assert found is not None
    assert found.id == earlier.id

    same_size = content.replace(b"hello 1", b"hallo 1")
    assert len(same_size) == len(content)
    assert provider.find_uploaded_file("train.jsonl", same_size) is None  # same name and size, other bytes
    assert provider.find_uploaded_file("renamed.jsonl", content) is None
    assert provider.find_uploaded_file("train.jsonl", content + b"\n") is None


def test_find_uploaded_file_downloads_each_candidate_once(
    server: SimulatorServer, provider: OpenAICompatibleProvider
) -> None:
    content = jsonl(10)
    first = provider.upload_training_file("train.jsonl", content)
    second = provider.upload_training_file("train.jsonl", content)
    found = provider.find_uploaded_file("train.jsonl", content)
    assert found is not None
    assert found.id == second.id  # the newest of identical uploads
    downloads = requests_to(server, "GET", CONTENT)
    assert downloads == 1
    assert provider.find_uploaded_file("train.jsonl", content) == found
    assert requests_to(server, "GET", CONTENT) == downloads  # remembered

    provider.delete_file(second.id)
    again = provider.find_uploaded_file("train.jsonl", content)
    assert again is not None
    assert again.id == first.id


def test_find_uploaded_file_skips_files_the_service_will_not_hand_out(
    server: SimulatorServer, provider: OpenAICompatibleProvider
) -> None:
    # OpenAI answers 400 "Not allowed to download files of purpose: fine-tune".
    content = jsonl(10)
    provider.upload_training_file("train.jsonl", content)
    server.faults.add(Fault(path=r"^/v1/files/[^/]+/content$", method="GET", status=400, times=1))
    assert provider.find_uploaded_file("train.jsonl", content) is None
    assert provider.find_uploaded_file("train.jsonl", content) is None  # the refusal is remembered
    assert requests_to(server, "GET", CONTENT) == 1
    assert provider.supports(Capability.RESULT_FILES)


def test_find_uploaded_file_raises_server_failures(
    server: SimulatorServer, provider: OpenAICompatibleProvider
) -> None:
    content = jsonl(10)
    provider.upload_training_file("train.jsonl", content)
    server.faults.add(Fault(path=r"^/v1/files/[^/]+/content$", method="GET", status=500, times=1))
    with pytest.raises(ProviderError) as raised:
        provider.find_uploaded_file("train.jsonl", content)
    assert raised.value.kind is ErrorKind.SERVER
    assert provider.find_uploaded_file("train.jsonl", content) is not None  # not remembered as "no match"


# ------------------------------------------------------------------------------------------------ progress


def test_upload_reports_progress_up_to_the_whole_file(provider: OpenAICompatibleProvider) -> None:
    content = jsonl(3000)  # several of the HTTP client's 64 KiB chunks
    assert len(content) > 3 * 64 * 1024
    seen: list[tuple[int, int]] = []
    uploaded = provider.upload_training_file("big.jsonl", content, progress=lambda s, t: seen.append((s, t)))
    assert uploaded.bytes == len(content)
    assert len(seen) >= 3
    assert all(total == len(content) for _, total in seen)
    sent = [s for s, _ in seen]
    assert sent == sorted(sent)
    assert sent[-1] == len(content)
    assert provider.find_uploaded_file("big.jsonl", content) == uploaded  # the bytes arrived intact


def uploads(server: SimulatorServer) -> list[int | None]:
    return [r.status for r in server.requests if r.method == "POST" and r.path == "/v1/files"]


def test_one_upload_is_one_attempt_even_when_the_sdk_would_retry(server: SimulatorServer) -> None:
    provider = make_provider(server, max_retries=2)
    server.faults.add(Fault(path=r"^/v1/files$", method="POST", status=500, retry_after=0, times=1))
    with pytest.raises(ProviderError) as raised:
        provider.upload_training_file("big.jsonl", jsonl(3))
    assert raised.value.kind is ErrorKind.SERVER
    assert uploads(server) == [500]
    provider.close()


def test_upload_once_starts_again_after_a_failed_attempt(server: SimulatorServer) -> None:
    provider = make_provider(server, max_retries=1)
    content = jsonl(3000)
    server.faults.add(Fault(path=r"^/v1/files$", method="POST", status=500, retry_after=0, times=1))
    seen: list[int] = []
    uploaded, reused = provider.upload_file_once("big.jsonl", content, lambda s, _t: seen.append(s))
    assert not reused
    assert uploaded.bytes == len(content)
    assert seen.count(len(content)) == 2  # sent twice: the progress bar starts again
    restart = seen.index(len(content)) + 1
    assert seen[restart] < len(content)
    assert uploads(server) == [500, 200]
    assert [f.id for f in provider.list_files()] == [uploaded.id]
    provider.close()


@pytest.mark.parametrize(
    "fault",
    [
        pytest.param(Fault(path=r"^/v1/files$", method="POST", drop_mid_stream=True), id="answer-cut"),
        pytest.param(
            Fault(path=r"^/v1/files$", method="POST", malformed="truncated"), id="answer-unreadable"
        ),
        pytest.param(Fault(path=r"^/v1/files$", method="POST", malformed="html"), id="proxy-page"),
    ],
)
def test_upload_once_finds_a_file_whose_answer_was_lost(
    server: SimulatorServer, provider: OpenAICompatibleProvider, fault: Fault
) -> None:
    content = jsonl(50)
    server.faults.add(fault)
    uploaded, reused = provider.upload_file_once("train.jsonl", content)
    assert reused  # the service had stored it: no second copy
    assert uploads(server) == [None if fault.drop_mid_stream else 200]
    assert [f.id for f in provider.list_files()] == [uploaded.id]
    assert uploaded.bytes == len(content)


def test_upload_once_finds_a_file_whose_answer_came_too_late(server: SimulatorServer) -> None:
    provider = make_provider(server, timeout=0.4)
    server.faults.add(Fault(path=r"^/v1/files$", method="POST", delay=0.7))
    uploaded, reused = provider.upload_file_once("train.jsonl", jsonl(5))
    assert reused  # stored while the app waited to try again
    assert len(uploads(server)) == 1
    assert [f.id for f in provider.list_files()] == [uploaded.id]
    provider.close()


def test_upload_once_on_a_service_that_keeps_file_content_matches_name_and_size(
    server: SimulatorServer, provider: OpenAICompatibleProvider
) -> None:
    # OpenAI will not hand out fine-tuning files, so the content cannot be compared; a file of this name and
    # size stored since the attempt began is the one.
    other = provider.upload_training_file("train.jsonl", jsonl(50, "other"))
    server.faults.add(Fault(path=CONTENT, method="GET", status=400, times=None))
    server.faults.add(Fault(path=r"^/v1/files$", method="POST", drop_mid_stream=True))
    uploaded, reused = provider.upload_file_once("train.jsonl", jsonl(50, "wanted"))
    assert reused
    assert uploaded.id != other.id  # the newest, not the earlier file of the same name
    assert len(provider.list_files()) == 2


def test_upload_once_reuses_an_identical_earlier_upload(
    server: SimulatorServer, provider: OpenAICompatibleProvider
) -> None:
    content = jsonl(5)
    first, reused_first = provider.upload_file_once("train.jsonl", content)
    second, reused_second = provider.upload_file_once("train.jsonl", content)
    assert (reused_first, reused_second) == (False, True)
    assert second == first
    assert uploads(server) == [200]


def test_upload_once_gives_up_after_its_attempts(
    server: SimulatorServer, provider: OpenAICompatibleProvider
) -> None:
    server.faults.add(Fault(path=r"^/v1/files$", method="POST", drop=True, times=None))
    with pytest.raises(ProviderError) as raised:
        provider.upload_file_once("train.jsonl", jsonl(5))
    assert raised.value.kind is ErrorKind.CONNECTION
    assert uploads(server) == [None] * UPLOAD_ATTEMPTS
    assert provider.list_files() == []


def test_upload_once_stops_retrying_when_asked(
    server: SimulatorServer, provider: OpenAICompatibleProvider
) -> None:
    server.faults.add(Fault(path=r"^/v1/files$", method="POST", drop=True, times=None))
    with pytest.raises(ProviderError):
        provider.upload_file_once("train.jsonl", jsonl(5), should_stop=lambda: True)
    assert uploads(server) == [None]


def test_upload_once_does_not_repeat_a_refusal(
    server: SimulatorServer, provider: OpenAICompatibleProvider
) -> None:
    server.faults.add(Fault(path=r"^/v1/files$", method="POST", status=400, times=None))
    with pytest.raises(ProviderError) as raised:
        provider.upload_file_once("train.jsonl", jsonl(5))
    assert raised.value.kind is ErrorKind.BAD_REQUEST
    assert uploads(server) == [400]


def test_upload_without_progress_still_works(provider: OpenAICompatibleProvider) -> None:
    uploaded = provider.upload_training_file("small.jsonl", jsonl(2))
    assert uploaded.filename == "small.jsonl"


# ------------------------------------------------------------------------------------------------ unsupported


def test_service_without_a_file_list() -> None:
    with SimulatorServer(config=SimulatorConfig.fast(disabled_endpoints={"files"})) as server:
        provider = make_provider(server)
        content = jsonl(10)
        uploaded = provider.upload_training_file("train.jsonl", content)  # uploads still work
        assert provider.supports(Capability.FILES)
        with pytest.raises(UnsupportedFeatureError) as raised:
            provider.list_files()
        assert raised.value.capability is Capability.FILES
        assert raised.value.operation == "list_files"
        assert not provider.supports(Capability.FILES)
        listed_before = requests_to(server, "GET", LIST)
        assert provider.find_uploaded_file("train.jsonl", content) is None
        assert requests_to(server, "GET", LIST) == listed_before  # known now: not even asked
        provider.delete_file(uploaded.id)  # deleting needs no list
        provider.close()


class _Memory:
    """The app's record of its uploads, as the jobs cache keeps it (a dict here: the provider's side is tested)."""

    def __init__(self) -> None:
        self.digests: dict[str, str] = {}

    def digest_of(self, file_id: str) -> str | None:
        return self.digests.get(file_id)

    def remember(self, file_id: str, sha256: str) -> None:
        self.digests[file_id] = sha256


def test_the_apps_own_uploads_are_known_again_where_the_service_will_not_hand_them_out(
    server: SimulatorServer, provider: OpenAICompatibleProvider
) -> None:
    memory = _Memory()
    content = jsonl(10)
    first, reused = provider.upload_file_once("train.jsonl", content, memory=memory)
    assert not reused
    assert memory.digests == {first.id: hashlib.sha256(content).hexdigest()}
    # As on OpenAI: fine-tuning files cannot be downloaded. A new provider (a later run) knows the file anyway.
    server.faults.add(Fault(path=r"^/v1/files/[^/]+/content$", method="GET", status=400, times=None))
    later = make_provider(server)
    try:
        again, reused = later.upload_file_once("train.jsonl", content, memory=memory)
        assert reused
        assert again.id == first.id
        other, reused = later.upload_file_once("train.jsonl", jsonl(10, "howdy"), memory=memory)
        assert not reused  # the same name and size, other bytes: uploaded
        assert other.id != first.id
        assert requests_to(server, "GET", CONTENT) == 0  # the memory answered; nothing was downloaded
    finally:
        later.close()
