"""A quick look at a file before importing it: the first rows, the sheets, the encoding, a column guess.

:func:`preview_file` reads only what the preview shows: one sheet of a workbook, converted row by row until
enough rows are found, or the first :data:`PREVIEW_BYTES` of a text file. Cells read as :func:`read_dataset`
reads them, and header labels are the names :func:`read_dataset` accepts in ``columns=`` (an unnamed column is
``"column C"``), so a choice made on the preview can be handed to the real import unchanged.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from desktop_app.core.errors import DatasetError
from desktop_app.core.formats import (
    DELIMITED_SUFFIXES,
    WORKBOOK_SUFFIXES,
    check_readable,
    column_label,
    decode_text,
    guess_columns,
    open_sheet,
    sheet_rows,
)

PREVIEW_BYTES = 256 * 1024
"""How much of a text file is decoded for the preview; smaller files are decoded whole."""
PREVIEW_ROWS = 50
MAX_LINE_CHARS = 1_000
"""Lines of a JSON/JSONL/TXT preview are cut here (a JSON file may be one line of megabytes)."""

PreviewKind = Literal["table", "text"]


@dataclass(frozen=True)
class FilePreview:
    """What the import dialog shows. For ``kind == "table"`` (workbooks, CSV, TSV) ``header`` / ``rows``; for
    ``kind == "text"`` (JSON, JSONL, TXT) ``lines``."""

    path: Path
    kind: PreviewKind
    sheets: list[str] = field(default_factory=list)
    """All sheet names of a workbook, in workbook order (empty for text files)."""
    sheet: str | None = None
    """The sheet shown."""
    encoding: str | None = None
    """The text encoding used (text files only)."""
    encoding_guessed: bool = False
    """The encoding was detected and is not UTF-8: the user should check the text."""
    header: list[str] = field(default_factory=list)
    """Column labels: the header cells (stripped), ``"column C"`` for an unnamed one. Empty: no data at all."""
    first_column: int = 0
    """Excel's 0-based index of ``header[0]``. Calamine leaves out empty columns left of the data, and
    read_dataset's "column C" labels count from the first column it returns, so with data starting in column B
    the unnamed third column is labelled "column B" for read_dataset but shown as D in Excel."""
    header_row: int | None = None
    """1-based row of the header, as Excel shows it (CSV: the record number)."""
    rows: list[list[str]] = field(default_factory=list)
    """The first data rows, blank ones left out, each exactly as wide as the header."""
    row_numbers: list[int] = field(default_factory=list)
    """The 1-based row number of each entry of ``rows``."""
    total_rows: int | None = None
    """Rows below the header (blank ones included), or lines of a text preview; None when finding out would
    mean reading the whole file."""
    column_map: dict[str, str] = field(default_factory=dict)
    """The guess from the header names: field ("prompt", "completion", ...) -> header label."""
    lines: list[str] = field(default_factory=list)
    """First lines of decoded text (``kind == "text"``)."""
    truncated: bool = False
    """Only the start of a text file was decoded."""


def preview_file(
    path: Path, *, sheet: str | None = None, encoding: str | None = None, max_rows: int = PREVIEW_ROWS
) -> FilePreview:
    """The start of ``path`` as :func:`read_dataset` would read it with the same ``sheet`` and ``encoding``.

    Raises :class:`DatasetError` with the codes :func:`read_dataset` uses (``decode_failed`` naming the line,
    ``unknown_encoding``, ``sheet_not_found``, ``bad_workbook``, ``bad_csv``, ``read_failed``, ...). An empty
    sheet is not an error here: the preview has no header, so the user can pick another sheet.
    """
    path = Path(path)
    suffix = check_readable(path, encoding)
    if suffix in WORKBOOK_SUFFIXES:
        return _preview_workbook(path, sheet, max_rows)
    data, truncated = _read_head(path, PREVIEW_BYTES)
    if truncated:
        data = _whole_characters(data, encoding)
    text, used, warnings = decode_text(data, path, encoding)
    if truncated:
        text = _complete_lines(text)
    guessed = any(w.code == "encoding_guessed" for w in warnings)
    if suffix in DELIMITED_SUFFIXES:
        start, total = _preview_delimited(
            text, path, DELIMITED_SUFFIXES[suffix], max_rows, truncated=truncated
        )
        return FilePreview(
            path,
            "table",
            encoding=used,
            encoding_guessed=guessed,
            header=start.header,
            header_row=start.header_row,
            rows=start.rows,
            row_numbers=start.row_numbers,
            total_rows=total,
            column_map=start.column_map,
            truncated=truncated,
        )
    lines = text.splitlines()
    shown = [_cut(line) for line in lines[:max_rows]]
    return FilePreview(
        path,
        "text",
        encoding=used,
        encoding_guessed=guessed,
        lines=shown,
        total_rows=None if truncated else len(lines),
        truncated=truncated,
    )


# Workbooks -----------------------------------------------------------------------------------------------


def _preview_workbook(path: Path, sheet: str | None, max_rows: int) -> FilePreview:
    sheets, chosen, table = open_sheet(path, sheet)
    if table.start is None or table.end is None:
        return FilePreview(path, "table", sheets=sheets, sheet=chosen, total_rows=0)
    last_row, first_column = table.end[0] + 1, table.start[1]
    # sheet_rows converts one row at a time and starts at the sheet's first row, blank rows above the data
    # included: its row numbers are Excel's, and only the rows shown are converted.
    start = _table_start(sheet_rows(table), max_rows, first_column)
    return FilePreview(
        path,
        "table",
        sheets=sheets,
        sheet=chosen,
        header=start.header,
        first_column=first_column,
        header_row=start.header_row,
        rows=start.rows,
        row_numbers=start.row_numbers,
        total_rows=last_row - start.header_row if start.header_row is not None else 0,
        column_map=start.column_map,
    )


# Text ----------------------------------------------------------------------------------------------------


def _read_head(path: Path, limit: int) -> tuple[bytes, bool]:
    """The first ``limit`` bytes and whether the file goes on after them."""
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise DatasetError(
            f"Cannot read the file: {exc.strerror or exc}",
            code="read_failed",
            path=path,
            details={"reason": str(exc.strerror or exc)},
        ) from exc
    return (data[:limit], True) if len(data) > limit else (data, False)


def _whole_characters(data: bytes, encoding: str | None) -> bytes:
    """The start of a file cut at a character boundary, so a character split by the cut is not a decode
    error (and does not make detection give up on UTF-8)."""
    if encoding is None:
        # Detection tries UTF-8 and GB18030 first; in both (and in every other ASCII-compatible encoding
        # detection may pick) a newline byte is never part of a longer character.
        end = data.rfind(b"\n")
        if end >= 0:
            return data[: end + 1]
        candidates = ["utf-8", "gb18030"]
    else:
        candidates = [encoding]
    for name in candidates:
        try:
            decoder = codecs.getincrementaldecoder(name)()
            decoder.decode(data, final=False)
        except (LookupError, ValueError):  # UnicodeDecodeError is a ValueError; decode_text reports it
            continue
        pending, _flags = decoder.getstate()
        return data[: len(data) - len(pending)]
    return data


def _complete_lines(text: str) -> str:
    """The text up to its last line break: the start of a file cut anywhere, without a partial last line
    (unless it is all one line)."""
    end = text.rfind("\n")
    return text[: end + 1] if end >= 0 else text


def _preview_delimited(
    text: str, path: Path, delimiter: str, max_rows: int, *, truncated: bool
) -> tuple[_TableStart, int | None]:
    """The table's start, and the number of records below the header when the whole file was decoded."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as exc:
        raise DatasetError(
            f"Malformed CSV: {exc}",
            code="bad_csv",
            path=path,
            line=reader.line_num,
            details={"reason": str(exc)},
        ) from exc
    if truncated and records and text.count('"') % 2:
        records.pop()  # the cut fell inside a quoted cell of several lines: its record is incomplete
    # Records are numbered as read_dataset numbers them (blank lines count), so row numbers agree.
    start = _table_start(enumerate(records, start=1), max_rows)
    if truncated:
        return start, None
    return start, len(records) - start.header_row if start.header_row is not None else 0


# Shared ----------------------------------------------------------------------------------------------------


@dataclass
class _TableStart:
    header: list[str] = field(default_factory=list)
    header_row: int | None = None
    rows: list[list[str]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)
    column_map: dict[str, str] = field(default_factory=dict)


def _table_start(
    numbered: Iterable[tuple[int, list[str]]], max_rows: int, first_column: int = 0
) -> _TableStart:
    """The header (the first row with text, as read_dataset finds it) and the first non-blank rows below."""
    start = _TableStart()
    header: list[str] | None = None
    for number, cells in numbered:
        if header is None:
            if any(c.strip() for c in cells):
                header, start.header_row = [c.strip() for c in cells], number
            continue
        if len(start.rows) >= max_rows:
            break
        if not any(c.strip() for c in cells):
            continue
        width = len(header)
        start.rows.append(cells[:width] + [""] * (width - len(cells)))
        start.row_numbers.append(number)
    if header is not None:
        start.header = header_labels(header, first_column)
        start.column_map = guess_columns(header, first_column)[0]
    return start


def header_labels(header: Sequence[str], first_column: int = 0) -> list[str]:
    """The name of each column that ``read_dataset(columns=...)`` accepts: its header, or "column C"."""
    return [column_label(name, index, first_column) for index, name in enumerate(header)]


def _cut(line: str) -> str:
    return line if len(line) <= MAX_LINE_CHARS else line[:MAX_LINE_CHARS] + "…"
