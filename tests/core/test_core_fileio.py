"""Atomic writes: all or nothing, and ordinary permissions on the result."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from desktop_app.core.fileio import atomic_write_bytes, atomic_writer


def test_writes_new_file(tmp_path: Path) -> None:
    path = tmp_path / "new.bin"
    atomic_write_bytes(path, b"data")
    assert path.read_bytes() == b"data"
    assert [p.name for p in tmp_path.iterdir()] == ["new.bin"]


def test_error_inside_keeps_old_file_and_removes_temp(tmp_path: Path) -> None:
    path = tmp_path / "file.txt"
    path.write_bytes(b"old")

    def write_half_then_fail() -> None:
        with atomic_writer(path) as handle:
            handle.write(b"half")
            raise ValueError("stop")

    with pytest.raises(ValueError, match="stop"):
        write_half_then_fail()
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.txt"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_result_has_umask_permissions_not_private_temp_ones(tmp_path: Path) -> None:
    path = tmp_path / "shared.jsonl"
    atomic_write_bytes(path, b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
