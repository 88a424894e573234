from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from desktop_app.storage.fileio import atomic_write_bytes, atomic_write_text, set_aside


def test_writes_new_file_and_replaces_existing(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    atomic_write_text(target, "first")
    atomic_write_text(target, "第二 second")
    assert target.read_bytes() == "第二 second".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_text_encoding_is_applied(tmp_path: Path) -> None:
    target = tmp_path / "gbk.txt"
    atomic_write_text(target, "中文", encoding="gb18030")
    assert target.read_bytes() == "中文".encode("gb18030")


def test_failed_replace_keeps_old_content_and_removes_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "settings.json"
    target.write_bytes(b"old")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError("simulated: file in use")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PermissionError, match="simulated"):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_failed_write_keeps_old_content_and_removes_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "data.json"
    target.write_bytes(b"old")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["data.json"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_existing_permissions_are_kept_and_new_files_are_private(tmp_path: Path) -> None:
    shared = tmp_path / "shared.txt"
    shared.write_text("x")
    shared.chmod(0o644)
    atomic_write_text(shared, "y")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644
    private = tmp_path / "private.txt"
    atomic_write_text(private, "z")
    assert stat.S_IMODE(private.stat().st_mode) == 0o600


def test_set_aside_never_overwrites_an_earlier_copy(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    target.write_text("one")
    first = set_aside(target)
    target.write_text("two")
    second = set_aside(target)
    assert first != second
    assert not target.exists()
    assert (first.read_text(), second.read_text()) == ("one", "two")
    assert first.name.startswith("a.json.corrupt-")
