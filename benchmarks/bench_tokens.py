"""Token counting speed against a bare tiktoken loop, in the same run: ``uv run python benchmarks/bench_tokens.py``.

Generates 100,000 rows of mixed Chinese/English text (~200 characters per cell), then reports the best of several
runs for the checks plus ``count_dataset`` plus the special-token scan (what the Data tab runs; gpt-4o-mini,
o200k_base), and ``count_dataset`` alone, vs ``sum(len(enc.encode_ordinary(p)) +
len(enc.encode_ordinary(c)))`` over the same rows. Throughput is content tokens per second for both (the
cookbook's per-message overheads are arithmetic, not encoding work). Target: ≥ 3 M tokens/s and ≥ 0.7× the
bare loop's throughput.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable

from _common import mixed_text  # benchmarks/ is on sys.path when a script runs

from desktop_app.core.dataset import Dataset, Example
from desktop_app.core.tokens import count_dataset, encoding_for_model, get_encoding, special_token_rows
from desktop_app.core.validation import check_dataset, token_issues

MODEL = "gpt-4o-mini-2024-07-18"
TARGET_TOKENS_PER_SECOND = 3_000_000
TARGET_RATIO = 0.7


def make_dataset(rows: int, seed: int = 42) -> Dataset:
    rng = random.Random(seed)
    return Dataset([Example(mixed_text(rng, 200), mixed_text(rng, 200)) for _ in range(rows)])


def best_of(repeats: int, action: Callable[[], object]) -> float:
    times: list[float] = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    dataset = make_dataset(args.rows)
    characters = sum(len(e.prompt) + len(e.completion) for e in dataset.examples)
    print(
        f"dataset: {args.rows} rows, {characters / 1e6:.2f} M characters, made in {time.perf_counter() - started:.2f} s"
    )

    started = time.perf_counter()
    encoding = get_encoding(encoding_for_model(MODEL))
    print(f"first get_encoding (read, sha256, parse): {time.perf_counter() - started:.2f} s")
    encode = encoding.encode_ordinary
    examples = dataset.examples

    def bare() -> int:
        return sum(len(encode(e.prompt)) + len(encode(e.completion)) for e in examples)

    tokens = bare()
    report = count_dataset(dataset, MODEL)
    overhead = (3 + 1) * 2 + 3  # user and assistant messages (role = 1 token each) plus the example's 3
    assert sum(report.row_tokens) == tokens + overhead * args.rows

    def checks_and_tokens() -> None:
        """What the Data tab's workers do: every check, the token count, then the special-token scan."""
        check_dataset(dataset)
        counted = count_dataset(dataset, MODEL, progress=lambda _d, _t: None)
        token_issues(counted, special_token_rows(dataset))

    bare_time = best_of(args.repeats, bare)
    count_time = best_of(args.repeats, lambda: count_dataset(dataset, MODEL, progress=lambda _d, _t: None))
    ours_time = best_of(args.repeats, checks_and_tokens)
    bare_rate = tokens / bare_time
    ours_rate = tokens / ours_time
    ratio = ours_rate / bare_rate

    print(f"content tokens: {tokens:,} ({tokens / characters:.2f} per character)")
    print(f"{'task':<16}{'seconds':>10}{'M tokens/s':>12}")
    print(f"{'count_dataset':<16}{count_time:>10.3f}{tokens / count_time / 1e6:>12.2f}")
    print(f"{'checks + tokens':<16}{ours_time:>10.3f}{ours_rate / 1e6:>12.2f}")
    print(f"{'bare loop':<16}{bare_time:>10.3f}{bare_rate / 1e6:>12.2f}")
    verdict = "meets" if ours_rate >= TARGET_TOKENS_PER_SECOND and ratio >= TARGET_RATIO else "MISSES"
    print(
        f"throughput ratio ours/bare: {ratio:.2f} ({verdict} the target: ≥ {TARGET_TOKENS_PER_SECOND / 1e6:.0f} M "
        f"tokens/s and ≥ {TARGET_RATIO}×)"
    )


if __name__ == "__main__":
    main()
