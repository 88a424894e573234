"""Provider-layer cost over the wire, against bare HTTP in the same run: ``uv run python benchmarks/bench_provider.py``.

Starts the practice service on a loopback port, seeds it through our provider with ~50 fine-tuning jobs
(a 12-example chat JSONL made inline), then reports per-call milliseconds (best of several medians) for:
- ``provider.list_jobs(limit=50)`` vs a bare ``httpx2`` GET of ``/fine_tuning/jobs?limit=50`` + ``json.loads``;
- ``provider.list_events(job_id, limit=100)`` vs a bare GET of ``/fine_tuning/jobs/{id}/events?limit=100``;
- ``provider.stream_chat`` to the full answer vs a bare streaming POST to ``/chat/completions`` read line by
  line until ``[DONE]``; the service streams without its simulated typing delay, so this is client overhead.
Both sides keep one keep-alive connection. The service runs in this process and shares the GIL, so its own
work is inside both columns: ratios understate the client-side difference, the ms columns do not hide it.

(This benchmark found the service's ~40 ms stall per answer, Nagle's algorithm meeting delayed ACKs; the
service now disables Nagle on its sockets.)
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import threading
import time
from collections.abc import Callable

import httpx2
from _common import mixed_text  # benchmarks/ is on sys.path when a script runs

from desktop_app.providers.openai_compatible import ConnectionConfig, OpenAICompatibleProvider, ServiceKind
from desktop_app.providers.types import ChatMessage, GenerationOptions, JobRequest
from desktop_app.simulator import SimulatorConfig, SimulatorServer

BASE_MODEL = "gpt-4o-mini-2024-07-18"


def _text(rng: random.Random, length: int) -> str:
    return mixed_text(rng, length)


def make_jsonl(examples: int, seed: int = 42) -> tuple[bytes, list[str]]:
    """A valid chat JSONL file and its user questions."""
    rng = random.Random(seed)
    lines: list[str] = []
    questions: list[str] = []
    for number in range(examples):
        question = f"Q{number}: {_text(rng, 40)}"
        questions.append(question)
        record = {
            "messages": [
                {"role": "system", "content": "You answer questions about Green Hill Tea House."},
                {"role": "user", "content": question},
                {"role": "assistant", "content": _text(rng, 150)},
            ]
        }
        lines.append(json.dumps(record, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode(), questions


def best_median(repeats: int, iterations: int, action: Callable[[], object]) -> float:
    """Best (lowest) of `repeats` medians of `iterations` single-call timings, in seconds."""
    medians: list[float] = []
    for _ in range(repeats):
        times: list[float] = []
        for _ in range(iterations):
            started = time.perf_counter()
            action()
            times.append(time.perf_counter() - started)
        medians.append(statistics.median(times))
    return min(medians)


def bare_get(client: httpx2.Client, url: str) -> object:
    response = client.get(url)
    response.raise_for_status()
    return json.loads(response.content)


def bare_stream(client: httpx2.Client, url: str, body: dict[str, object]) -> str:
    pieces: list[str] = []
    with client.stream("POST", url, json=body) as response:
        response.raise_for_status()
        for line in response.iter_lines():
            if not line.startswith("data: "):
                continue
            data = line[len("data: ") :]
            if data == "[DONE]":
                break
            choices = json.loads(data)["choices"]
            if choices:
                content = choices[0]["delta"].get("content")
                if content:
                    pieces.append(content)
    return "".join(pieces)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=50)
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    threads_before = set(threading.enumerate())
    content, questions = make_jsonl(12)
    config = SimulatorConfig.fast(stream_chunk_delay=0.0)
    with SimulatorServer(config=config) as server:
        base = server.base_url
        provider = OpenAICompatibleProvider(ConnectionConfig(ServiceKind.COMPATIBLE, "bench", base_url=base))
        bare = httpx2.Client(headers={"Authorization": "Bearer bench"})
        try:
            started = time.perf_counter()
            uploaded = provider.upload_training_file("bench.jsonl", content)
            for _ in range(args.jobs):
                provider.create_job(JobRequest(base_model=BASE_MODEL, training_file_id=uploaded.id))
            deadline = time.monotonic() + 30
            while True:
                jobs = provider.list_jobs(limit=args.jobs).items
                if all(job.is_terminal for job in jobs) or time.monotonic() > deadline:
                    break
                time.sleep(0.05)
            assert len(jobs) == args.jobs, len(jobs)
            assert all(job.status == "succeeded" for job in jobs), {job.status for job in jobs}
            job = jobs[-1]
            assert job.fine_tuned_model is not None
            model = job.fine_tuned_model
            print(f"seeded: {len(jobs)} succeeded jobs in {time.perf_counter() - started:.2f} s")

            jobs_url = f"{base}/fine_tuning/jobs?limit=50"
            events_url = f"{base}/fine_tuning/jobs/{job.id}/events?limit=100"
            chat_url = f"{base}/chat/completions"
            question = questions[0]
            chat_body: dict[str, object] = {
                "model": model,
                "messages": [{"role": "user", "content": question}],
                "stream": True,
            }
            messages = [ChatMessage("user", question)]
            options = GenerationOptions()

            def ours_chat() -> str:
                return "".join(provider.stream_chat(model, messages, options))

            # Same answers on both sides, and a warm connection for each before timing.
            listed = bare_get(bare, jobs_url)
            assert isinstance(listed, dict)
            assert len(provider.list_jobs(limit=50).items) == len(listed["data"])
            events = bare_get(bare, events_url)
            assert isinstance(events, dict)
            n_events = len(provider.list_events(job.id, limit=100).items)
            assert n_events == len(events["data"])
            answer = bare_stream(bare, chat_url, chat_body)
            assert answer == ours_chat() != ""
            print(
                f"list_jobs: {len(listed['data'])} jobs; list_events: {n_events} events; chat: {len(answer)} chars"
            )

            n, r = args.iterations, args.repeats
            rows = [
                (
                    "list_jobs",
                    best_median(r, n, lambda: provider.list_jobs(limit=50)),
                    best_median(r, n, lambda: bare_get(bare, jobs_url)),
                ),
                (
                    "list_events",
                    best_median(r, n, lambda: provider.list_events(job.id, limit=100)),
                    best_median(r, n, lambda: bare_get(bare, events_url)),
                ),
                (
                    "stream_chat",
                    best_median(r, n, ours_chat),
                    best_median(r, n, lambda: bare_stream(bare, chat_url, chat_body)),
                ),
            ]
        finally:
            bare.close()
            provider.close()

    leftover = [t for t in threading.enumerate() if t not in threads_before and t.is_alive()]
    assert not leftover, leftover

    print(f"{'task':<14}{'ours (ms)':>11}{'baseline (ms)':>15}{'ratio':>8}")
    for task, ours, bare_time in rows:
        print(f"{task:<14}{ours * 1e3:>11.3f}{bare_time * 1e3:>15.3f}{ours / bare_time:>8.3g}")


if __name__ == "__main__":
    main()
