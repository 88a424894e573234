"""Errors that carry what the user needs to find the problem: file, line or row, column.

The UI translates by ``code`` (with ``details`` as parameters); the CLI prints ``str(error)``, which is English.
"""

from __future__ import annotations

from pathlib import Path


class DatasetError(Exception):
    """A dataset could not be read, parsed or written.

    ``line`` is a 1-based line in a text file (JSONL, JSON, CSV); ``row`` is a 1-based spreadsheet row as the
    user sees it in Excel (the header is row 1). ``code`` is a stable identifier such as ``"missing_columns"``,
    ``"bad_json"``, ``"decode_failed"``, ``"empty_file"``, ``"unsupported_type"`` or ``"not_a_table"``.
    """

    def __init__(
        self,
        message: str,
        *,
        code: str,
        path: Path | None = None,
        line: int | None = None,
        row: int | None = None,
        column: str | None = None,
        details: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.path = path
        self.line = line
        self.row = row
        self.column = column
        self.details: dict[str, str] = dict(details or {})

    def location(self) -> str:
        """Where the problem is, in English: ``"data.jsonl, line 4"``, ``"content.xlsx, row 7, column 'prompt'"``."""
        parts: list[str] = []
        if self.path is not None:
            parts.append(str(self.path))
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column!r}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self.message!r}, code={self.code!r}, path={self.path!r}, "
            f"line={self.line!r}, row={self.row!r}, column={self.column!r}, details={self.details!r})"
        )
