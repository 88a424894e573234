"""Builders of training files and polling helpers shared by the simulator tests."""

from __future__ import annotations

import http.client
import json
import time
from typing import Any

import openai
import pytest
from openai.types.fine_tuning import FineTuningJob

from desktop_app.simulator import SimulatorServer

TERMINAL = ("succeeded", "failed", "cancelled")

CAPITALS = [
    ("What is the capital of France?", "Paris is the capital of France."),
    ("What is the capital of Japan?", "Tokyo is the capital of Japan."),
    ("What is the capital of Kenya?", "Nairobi is the capital of Kenya."),
    ("What is the capital of Peru?", "Lima is the capital of Peru."),
    ("What is the capital of Canada?", "Ottawa is the capital of Canada."),
    ("中国的首都是哪里？", "中国的首都是北京。"),
    ("日本的首都是哪里？", "日本的首都是东京。"),
    ("How do I reset my password?", "Open Settings, choose Account, then Reset password."),
    ("How many legs does a spider have?", "A spider has eight legs."),
    ("Translate 'thank you' into Spanish.", "'Thank you' in Spanish is 'gracias'."),
    ("What colour is the sky on a clear day?", "On a clear day the sky is blue."),
    ("Who wrote Hamlet?", "William Shakespeare wrote Hamlet."),
]


def chat_jsonl(
    pairs: list[tuple[str, str]] | None = None, system: str | None = "You are a quiz helper."
) -> bytes:
    lines = []
    for question, answer in pairs if pairs is not None else CAPITALS:
        messages: list[dict[str, Any]] = []
        if system:
            messages.append({"role": "system", "content": system})
        messages += [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]
        lines.append(json.dumps({"messages": messages}, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode("utf-8")


def legacy_jsonl() -> bytes:
    lines = [
        json.dumps({"prompt": f"{question} ->", "completion": f" {answer}\n"}, ensure_ascii=False)
        for question, answer in CAPITALS
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def wait_for(
    client: openai.OpenAI,
    job_id: str,
    statuses: tuple[str, ...] = TERMINAL,
    timeout: float = 10.0,
) -> FineTuningJob:
    """Poll a job until it reaches one of `statuses`; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        job = client.fine_tuning.jobs.retrieve(job_id)
        if job.status in statuses:
            return job
        if time.monotonic() > deadline:
            pytest.fail(f"job {job_id} still {job.status} after {timeout} s, wanted {statuses}")
        time.sleep(0.02)


def upload(client: openai.OpenAI, data: bytes, name: str = "train.jsonl") -> str:
    return client.files.create(file=(name, data), purpose="fine-tune").id


def train(
    client: openai.OpenAI,
    data: bytes | None = None,
    model: str = "gpt-4o-mini-2024-07-18",
    **options: Any,
) -> FineTuningJob:
    """Upload `data`, create a job and wait for it to finish."""
    file_id = upload(client, data if data is not None else chat_jsonl())
    job = client.fine_tuning.jobs.create(model=model, training_file=file_id, **options)
    return wait_for(client, job.id)


def connect(server: SimulatorServer) -> http.client.HTTPConnection:
    return http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)


def raw_request(
    connection: http.client.HTTPConnection,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
