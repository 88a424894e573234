"""The dataset as plain rows: what the Data tab edits, what import produces and export consumes."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core.errors import DatasetError

PAYLOAD_VERSION = 1
"""Version of the plain-dict form written by :meth:`Dataset.to_payload`; bump it when the shape changes."""

EXAMPLE_FIELDS = ("prompt", "completion", "system")


@dataclass(slots=True)
class Example:
    """One training pair (single turn): the row the Data tab edits."""

    prompt: str
    completion: str
    system: str = ""


@dataclass
class Dataset:
    """Training examples plus where they came from (to show the user, and to re-read with other options)."""

    examples: list[Example] = field(default_factory=list)
    source: Path | None = None
    sheet: str | None = None
    """Sheet read from a workbook."""
    encoding: str | None = None
    """Text encoding detected or chosen for a CSV/TSV file."""

    def __len__(self) -> int:
        return len(self.examples)

    def copy(self) -> Dataset:
        """An independent copy: editing the copy's examples never changes this dataset."""
        return dataclasses.replace(self, examples=[dataclasses.replace(e) for e in self.examples])

    def to_payload(self) -> dict[str, Any]:
        """Plain JSON-ready dict (for autosave and recovery)."""
        return {
            "version": PAYLOAD_VERSION,
            "source": str(self.source) if self.source is not None else None,
            "sheet": self.sheet,
            "encoding": self.encoding,
            "examples": [
                {"prompt": e.prompt, "completion": e.completion, "system": e.system} for e in self.examples
            ],
        }

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> Dataset:
        """Inverse of :meth:`to_payload`; raises :class:`DatasetError` (code ``"bad_payload"``) on bad input."""

        def bad(reason: str) -> DatasetError:
            return DatasetError(
                f"Saved dataset is damaged: {reason}", code="bad_payload", details={"reason": reason}
            )

        if not isinstance(payload, dict):
            raise bad("not an object")
        version = payload.get("version")
        if version != PAYLOAD_VERSION:
            raise bad(f"unknown version {version!r}")
        raw_examples = payload.get("examples")
        if not isinstance(raw_examples, list):
            raise bad("'examples' is not a list")
        examples: list[Example] = []
        for index, item in enumerate(raw_examples):
            if not isinstance(item, dict):
                raise bad(f"example {index + 1} is not an object")
            values: dict[str, str] = {}
            for name in EXAMPLE_FIELDS:
                value = item.get(name, "")
                if not isinstance(value, str):
                    raise bad(f"example {index + 1}: {name!r} is not text")
                values[name] = value
            examples.append(Example(**values))
        optional: dict[str, str | None] = {}
        for name in ("source", "sheet", "encoding"):
            value = payload.get(name)
            if value is not None and not isinstance(value, str):
                raise bad(f"{name!r} is not text")
            optional[name] = value
        source = optional["source"]
        return cls(
            examples=examples,
            source=Path(source) if source is not None else None,
            sheet=optional["sheet"],
            encoding=optional["encoding"],
        )
