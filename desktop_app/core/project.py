"""The dataset project file (``.ftdesk``): the rows with everything the user decided about them.

Rows (conversations, rejected answers, per-row notes), the validation split (preset, seed and which rows),
the dataset-wide default system prompt, the base model and the legacy separator/ending: what an export to
JSONL or Excel cannot keep. UTF-8 JSON, written atomically; the source file is never touched.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Final

from desktop_app.core.dataset import PROJECT_FORMAT, Dataset
from desktop_app.core.errors import DatasetError
from desktop_app.core.fileio import atomic_writer, write_json

PROJECT_SUFFIX: Final = ".ftdesk"


def save_project(dataset: Dataset, path: Path, *, pause: Callable[[], None] | None = None) -> None:
    """Write ``dataset`` to ``path`` atomically (the previous file stays whole if this fails); ``pause`` is
    called between chunks of rows (see :func:`write_json`)."""
    path = Path(path)
    document = {"format": PROJECT_FORMAT, **dataset.to_payload()}
    try:
        with atomic_writer(path) as handle:
            write_json(handle, document, ("examples",), pause=pause)
            handle.write(b"\n")
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DatasetError(
            f"Cannot write the file: {reason}", code="write_failed", path=path, details={"reason": reason}
        ) from exc


def load_project(path: Path, data: bytes) -> Dataset:
    """The dataset saved in ``data`` (the bytes of ``path``); a :class:`DatasetError` names what is wrong."""
    path = Path(path)
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise DatasetError(
            "The project file is not UTF-8 text",
            code="bad_project",
            path=path,
            details={"reason": "not UTF-8"},
        ) from exc
    except json.JSONDecodeError as exc:
        raise DatasetError(
            f"The project file is damaged: {exc.msg}",
            code="bad_project",
            path=path,
            line=exc.lineno,
            details={"reason": exc.msg},
        ) from exc
    except (RecursionError, ValueError) as exc:
        raise DatasetError(
            "The project file is damaged", code="bad_project", path=path, details={"reason": str(exc)}
        ) from exc
    if not isinstance(document, dict) or document.get("format") != PROJECT_FORMAT:
        raise DatasetError(
            "Not a FineTune Desk dataset file", code="bad_project", path=path, details={"reason": "format"}
        )
    try:
        dataset = Dataset.from_payload(document)
    except DatasetError as exc:
        raise DatasetError(
            exc.message, code="bad_project", path=path, details={"reason": exc.details.get("reason", "")}
        ) from exc
    return dataset
