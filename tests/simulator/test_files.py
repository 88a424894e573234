"""Files API through the real SDK: upload, list, retrieve, content, delete."""

from __future__ import annotations

import openai
import pytest

from .helpers import chat_jsonl


def test_upload_retrieve_content_and_delete(client: openai.OpenAI) -> None:
    data = chat_jsonl()
    uploaded = client.files.create(file=("訓練データ.jsonl", data), purpose="fine-tune")

    assert uploaded.id.startswith("file-")
    assert uploaded.bytes == len(data)
    assert uploaded.filename == "訓練データ.jsonl"
    assert uploaded.purpose == "fine-tune"
    assert client.files.retrieve(uploaded.id).id == uploaded.id
    assert client.files.content(uploaded.id).read() == data

    deleted = client.files.delete(uploaded.id)
    assert deleted.deleted is True
    with pytest.raises(openai.NotFoundError) as caught:
        client.files.retrieve(uploaded.id)
    assert caught.value.status_code == 404
    assert "No such File object" in caught.value.message


def test_list_filters_by_purpose_and_pages_with_after(client: openai.OpenAI) -> None:
    ids = [client.files.create(file=(f"part{i}.jsonl", b"{}\n"), purpose="fine-tune").id for i in range(3)]
    other = client.files.create(file=("notes.txt", b"hello"), purpose="user_data").id

    first = client.files.list(purpose="fine-tune", limit=2)
    assert [f.id for f in first.data] == [ids[2], ids[1]]  # newest first by default
    assert first.has_more is True
    second = client.files.list(purpose="fine-tune", limit=2, after=first.data[-1].id)
    assert [f.id for f in second.data] == [ids[0]]
    assert second.has_more is False

    ascending = client.files.list(order="asc")
    assert [f.id for f in ascending.data] == [*ids, other]
    # The SDK follows the cursor itself when iterating.
    assert [f.id for f in client.files.list(purpose="fine-tune", limit=1)] == list(reversed(ids))


def test_fine_tune_purpose_requires_jsonl(client: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        client.files.create(file=("train.csv", b"a,b\n"), purpose="fine-tune")
    assert "Must be .jsonl" in caught.value.message
    assert caught.value.param == "file"


def test_unknown_purpose_is_refused(client: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        client.files.create(file=("train.jsonl", b"{}\n"), purpose="homework")  # type: ignore[arg-type]
    assert caught.value.param == "purpose"
