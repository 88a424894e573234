"""The benchmark scripts still run against today's code (tiny sizes; speed itself is not judged here)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.mark.parametrize(
    ("script", "args"),
    [
        ("bench_chart.py", ["--points", "500", "--repeats", "1"]),
        (
            "bench_chat.py",
            ["--tokens", "1500", "--rates", "5000,0", "--messages", "40", "--naive-chars", "900"],
        ),
        ("bench_import.py", ["--rows", "200", "--repeats", "1"]),
        (
            "bench_jobs.py",
            ["--jobs=30", "--events=300", "--repeats=1", "--stall-seconds=1", "--cpu-seconds=1"],
        ),
        ("bench_open_xlsx.py", ["--rows", "200", "--repeats", "1"]),
        ("bench_prepare.py", ["--rows", "200", "--repeats", "1", "--no-legacy"]),
        ("bench_provider.py", ["--jobs", "2", "--iterations", "3", "--repeats", "1"]),
        ("bench_startup.py", ["--repeats", "1"]),
        ("bench_table_model.py", ["--rows", "500", "--sample", "50", "--issues", "20", "--repeats", "1"]),
        ("bench_tokens.py", ["--rows", "300", "--repeats", "1"]),
        ("bench_ui_stall.py", ["--rows", "200", "--repeats", "1"]),
    ],
)
def test_benchmark_runs(script: str, args: list[str]) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-1500:] + result.stderr[-1500:]
    assert "ratio" in result.stdout
