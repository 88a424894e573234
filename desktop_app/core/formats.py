"""Import and export of training data: spreadsheets, CSV/TSV, JSONL (chat and legacy) and JSON (Alpaca).

Reading never modifies the source (files are opened read-only). Every failure is a :class:`DatasetError` naming
the file and the line (text files) or row (spreadsheets, header = row 1).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal

import python_calamine

from desktop_app.core.dataset import (
    CONVERSATION_KEYS,
    Dataset,
    Example,
    conversation_extras,
    example_from_record,
)
from desktop_app.core.errors import DatasetError
from desktop_app.core.fileio import atomic_writer
from desktop_app.core.project import PROJECT_SUFFIX, load_project
from desktop_app.core.records import RecordError, chat_record, dpo_record, encode, record_to_example
from desktop_app.core.sniff import check_source

CONVERSATION_COLUMN = "conversation (JSON)"
"""Table column holding what a flat table cannot: earlier messages, tool calls, weights (see write_table)."""

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"})
DELIMITED_SUFFIXES = {".csv": ",", ".tsv": "\t"}
JSON_SUFFIXES = frozenset({".jsonl", ".json"})
TEXT_SUFFIX = ".txt"
READABLE_SUFFIXES = (
    WORKBOOK_SUFFIXES | DELIMITED_SUFFIXES.keys() | JSON_SUFFIXES | {TEXT_SUFFIX, PROJECT_SUFFIX}
)
WRITABLE_TABLE_SUFFIXES = frozenset({".xlsx", ".csv", ".tsv"})

# Header names recognised for each field, matched after strip() + casefold(); earlier names win when a table
# has several (a table with both "prompt" and "question" reads "prompt" and reports "question" as extra).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "prompt": ("prompt", "question", "问题", "提问", "instruction", "input", "query", "用户"),
    "completion": (
        "completion",
        "answer",
        "回答",
        "答案",
        "response",
        "output",
        "chosen",
        "preferred_output",
    ),
    "system": ("system", "系统", "system prompt", "系统提示"),
    "rejected": ("rejected", "non_preferred_output", "较差回答", "拒绝"),
    "note": ("note", "notes", "备注", "注释"),
    "split": ("split", "划分"),
    "conversation": (CONVERSATION_COLUMN,),
}
TABLE_FIELDS = tuple(COLUMN_ALIASES)
"""Fields a table column can be mapped to (the column-mapping step offers these)."""
REQUIRED_FIELDS = ("prompt", "completion")
VALIDATION_LABELS = frozenset({"validation", "valid", "val", "验证", "验证集"})
"""Values of a "split" column that put a row in the validation split (anything else: training)."""

XLSX_MAX_CELL_CHARS = 32_767
# The characters openpyxl refuses (IllegalCharacterError): XML 1.0 forbids them.
XLSX_ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

LEGACY_SEPARATOR_OPTIONS = (
    " ->",
    "\n\n###\n\n",
    "\n\n===\n\n",
    "\n\n---\n\n",
    "\n\n===>\n\n",
    "\n\n--->\n\n",
)
LEGACY_SEPARATOR_FALLBACK = "\n\n### =>\n\n"
LEGACY_ENDING_OPTIONS = ("\n", ".", " END", "***", "+++", "&&&", "$$$", "@@@", "%%%")
LEGACY_ENDING_FALLBACK = " [END]"

TaskType = Literal["open-ended generation", "classification", "conditional generation"]


@dataclass(frozen=True)
class ImportWarning:  # noqa: A001 - the name the rest of the app uses; never raised as a Python warning
    """Something the user should know about an import that still succeeded."""

    code: str
    """Stable identifier: "extra_columns", "multiple_sheets", "blank_rows_skipped", "encoding_guessed"."""
    message: str
    """English; the UI translates by code + details."""
    details: dict[str, str] = field(default_factory=dict)


@dataclass
class ImportResult:
    dataset: Dataset
    warnings: list[ImportWarning] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)
    """All sheet names of a workbook (empty for other formats)."""
    column_map: dict[str, str] = field(default_factory=dict)
    """Field ("prompt", "completion", "system"...) -> the header it was read from (tables only)."""
    project: Path | None = None
    """The project file read (``.ftdesk``); the dataset's ``source`` is then the file it was first made from."""


# --------------------------------------------------------------------------------------------------- reading


def read_dataset(
    path: Path,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    columns: Mapping[str, str] | None = None,
    skip_bad: bool = False,
) -> ImportResult:
    """Read training examples from ``path``; the format follows the extension (case-insensitive).

    ``sheet`` picks a workbook sheet (default: the first); ``encoding`` overrides text-encoding detection;
    ``columns`` maps fields ("prompt", "completion", ... see :data:`TABLE_FIELDS`) to table headers, replacing
    the guess from the header names; with ``skip_bad`` JSON records that cannot be read are left out (and
    listed in a warning) instead of failing the import.
    """
    path = Path(path)
    suffix = check_readable(path, encoding)
    if suffix in WORKBOOK_SUFFIXES:
        return _read_workbook(path, sheet, columns)
    data = read_bytes(path)
    if suffix == PROJECT_SUFFIX:
        return ImportResult(load_project(path, data), project=path)
    text, used_encoding, warnings = decode_text(data, path, encoding)
    if not text.strip():
        raise DatasetError("The file is empty", code="empty_file", path=path)
    if suffix in DELIMITED_SUFFIXES:
        result = _read_delimited(text, path, DELIMITED_SUFFIXES[suffix], columns)
    elif suffix == ".jsonl":
        result = _examples_from_jsonl(text, path, skip_bad=skip_bad)
    elif suffix == ".json":
        result = _examples_from_json(text, path, skip_bad=skip_bad)
    else:
        result = _examples_from_lines(text)
    result.dataset.source = path
    result.dataset.encoding = used_encoding
    result.warnings[:0] = warnings
    return result


def check_readable(path: Path, encoding: str | None = None) -> str:
    """``path``'s suffix (lower case) once it is known to be a kind of file we read and its first bytes look
    like one (:func:`~desktop_app.core.sniff.check_source`); a :class:`DatasetError` otherwise."""
    suffix = path.suffix.lower()
    if suffix not in READABLE_SUFFIXES:
        raise DatasetError(
            f"Unsupported file type {path.suffix or '(none)'!r}; use one of {', '.join(sorted(READABLE_SUFFIXES))}",
            code="unsupported_type",
            path=path,
            details={"suffix": path.suffix, "supported": ", ".join(sorted(READABLE_SUFFIXES))},
        )
    check_source(path, encoding=encoding)
    return suffix


def _examples_from_lines(text: str) -> ImportResult:
    """A .txt file, as the legacy tool read it: each line a completion with an empty prompt (open-ended
    generation). Blank lines are left out (and counted in a warning)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    examples = [Example("", line) for line in lines if line.strip()]
    blank = len(lines) - len(examples) - (1 if text.endswith(("\n", "\r")) else 0)
    warnings = []
    if blank:
        warnings.append(
            ImportWarning("blank_rows_skipped", f"Skipped {blank} empty line(s).", {"count": str(blank)})
        )
    return ImportResult(Dataset(examples), warnings)


def read_bytes(path: Path) -> bytes:
    """The whole file; a :class:`DatasetError` naming it when it cannot be read."""
    try:
        with path.open("rb") as handle:
            return handle.read()
    except OSError as exc:
        raise DatasetError(
            f"Cannot read the file: {exc.strerror or exc}",
            code="read_failed",
            path=path,
            details={"reason": str(exc.strerror or exc)},
        ) from exc


def decode_text(data: bytes, path: Path, encoding: str | None) -> tuple[str, str, list[ImportWarning]]:
    """Text and the encoding used: strict UTF-8 (BOM or not), then GB18030, then charset-normalizer.

    GB18030 comes before detection because charset-normalizer misreads mostly-ASCII GBK files (a cp1250
    "success" with mojibake), while strict GB18030 rarely fails on them; but GB18030 also "decodes" some
    Western single-byte files into garbage, hence the "encoding_guessed" warning so the UI offers a preview.
    """
    if encoding is not None:
        try:
            return _strip_bom(data.decode(encoding)), encoding, []
        except LookupError as exc:
            raise DatasetError(
                f"Unknown text encoding {encoding!r}",
                code="unknown_encoding",
                path=path,
                details={"encoding": encoding},
            ) from exc
        except UnicodeDecodeError as exc:
            raise _decode_error(path, data, exc, encoding) from exc
        except ValueError as exc:  # codecs that are not text encodings, or names Python rejects outright
            raise DatasetError(
                f"{encoding!r} cannot be used as a text encoding",
                code="unknown_encoding",
                path=path,
                details={"encoding": encoding},
            ) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        return text, "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8", []
    try:
        text = data.decode("gb18030")
        used = "gb18030"
    except UnicodeDecodeError as exc:
        import charset_normalizer  # noqa: PLC0415 - the rare last resort; importing it costs ~30 ms at start-up

        best = charset_normalizer.from_bytes(data).best()
        if best is None:
            raise _decode_error(path, data, exc, None) from exc
        text, used = _strip_bom(str(best)), str(best.encoding)
    warning = ImportWarning(
        "encoding_guessed",
        f"The file is not UTF-8; read it as {used}. Check the preview and choose another encoding if the text"
        " looks wrong.",
        {"encoding": used},
    )
    return text, used, [warning]


def _strip_bom(text: str) -> str:
    return text.removeprefix("\ufeff")


def _decode_error(path: Path, data: bytes, exc: UnicodeDecodeError, encoding: str | None) -> DatasetError:
    line = data.count(b"\n", 0, exc.start) + 1
    tried = encoding or "UTF-8, GB18030 and automatic detection"
    return DatasetError(
        f"Cannot decode the text with {tried} (byte {exc.start + 1})",
        code="decode_failed",
        path=path,
        line=line,
        details={"encoding": encoding or "", "byte": str(exc.start + 1)},
    )


# Tables (workbooks and delimited text) ------------------------------------------------------------------------


def open_sheet(path: Path, sheet: str | None) -> tuple[list[str], str, python_calamine.CalamineSheet]:
    """(all sheet names, the sheet chosen, its cells) of a workbook: ``sheet``, else the first one.

    Failures are :class:`DatasetError`: "sheet_not_found", "empty_file", "bad_workbook", "read_failed".
    """
    try:
        with python_calamine.CalamineWorkbook.from_path(path) as workbook:
            sheets = list(workbook.sheet_names)
            if sheet is not None and sheet not in sheets:
                raise DatasetError(
                    f"No sheet named {sheet!r}; the workbook has {', '.join(sheets)}",
                    code="sheet_not_found",
                    path=path,
                    details={"sheet": sheet, "sheets": ", ".join(sheets)},
                )
            if not sheets:
                raise DatasetError("The workbook has no sheets", code="empty_file", path=path)
            chosen = sheet if sheet is not None else sheets[0]
            return sheets, chosen, workbook.get_sheet_by_name(chosen)
    except python_calamine.CalamineError as exc:
        raise DatasetError(
            f"Cannot open the workbook: {exc}",
            code="bad_workbook",
            path=path,
            details={"reason": str(exc)},
        ) from exc
    except OSError as exc:
        raise DatasetError(
            f"Cannot read the file: {exc}", code="read_failed", path=path, details={"reason": str(exc)}
        ) from exc


def sheet_rows(table: python_calamine.CalamineSheet) -> Iterator[tuple[int, list[str]]]:
    """(Excel's row number, the row's cells as text), row by row from the sheet's first row.

    Row by row, not ``to_python()``: that one call holds the interpreter's lock ~170 ms at 100,000 rows,
    freezing the window while a worker reads; between rows other threads get their turn. Most cells are text
    already: the type test inline spares a function call per cell (a third of the time).
    """
    for number, cells in enumerate(table.iter_rows(), 1):
        yield number, [c if type(c) is str else _cell_text(c) for c in cells]


def _read_workbook(path: Path, sheet: str | None, columns: Mapping[str, str] | None) -> ImportResult:
    if not path.is_file():
        raise DatasetError(
            "Cannot read the file: not found", code="read_failed", path=path, details={"reason": ""}
        )
    sheets, chosen, table = open_sheet(path, sheet)

    warnings: list[ImportWarning] = []
    if sheet is None and len(sheets) > 1:
        warnings.append(
            ImportWarning(
                "multiple_sheets",
                f"The workbook has {len(sheets)} sheets ({', '.join(sheets)}); read the first, {chosen!r}.",
                {"sheets": ", ".join(sheets), "sheet": chosen, "count": str(len(sheets))},
            )
        )
    first_column = table.start[1] if table.start is not None else 0  # the rows start at the first used column
    result = _table_to_result(
        sheet_rows(table), path, sheet_label=chosen, columns=columns, first_column=first_column
    )
    result.dataset.sheet = chosen
    result.sheets = sheets
    result.warnings[:0] = warnings
    return result


def _cell_text(value: object) -> str:
    """A cell as Excel shows it in the General format (as far as the value alone allows)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15g")  # Excel keeps 15 significant digits
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds") if value.time() else value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return "" if value is None else str(value)


# The csv module refuses fields over 131,072 characters by default; a long answer is legitimate data.
csv.field_size_limit(2**31 - 1)


def _read_delimited(
    text: str, path: Path, delimiter: str, columns: Mapping[str, str] | None = None
) -> ImportResult:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def records() -> Iterator[tuple[int, list[str]]]:
        # Row numbers count records (blank lines included), as a spreadsheet opening the file would show them.
        row_number = 0
        try:
            for record in reader:
                row_number += 1
                yield row_number, record
        except csv.Error as exc:
            raise DatasetError(
                f"Malformed CSV: {exc}",
                code="bad_csv",
                path=path,
                line=reader.line_num,
                details={"reason": str(exc)},
            ) from exc

    return _table_to_result(records(), path, sheet_label=None, columns=columns)


def _table_to_result(
    rows: Iterable[tuple[int, list[str]]],
    path: Path,
    sheet_label: str | None,
    columns: Mapping[str, str] | None = None,
    first_column: int = 0,
) -> ImportResult:
    """``first_column``: Excel's index of the rows' first cell (a sheet whose data starts in column C: 2)."""
    iterator = iter(rows)
    header: list[str] | None = None
    header_row = 1
    for row_number, cells in iterator:
        if any(c.strip() for c in cells):
            header, header_row = [c.strip() for c in cells], row_number
            break
    where = f"sheet {sheet_label!r}" if sheet_label is not None else "the file"
    if header is None:
        raise DatasetError(f"No data in {where}", code="empty_file", path=path)

    if columns is None:
        column_map, indices, extra = guess_columns(header, first_column)
    else:
        column_map, indices, extra = _chosen_columns(header, columns, path, header_row, first_column)
    missing = [name for name in REQUIRED_FIELDS if name not in indices]
    if missing:
        found = [h for h in header if h]
        raise DatasetError(
            f"Missing column(s) {', '.join(missing)}; found {', '.join(found) or 'none'}. "
            f"Name the question column 'prompt' (or 问题) and the answer column 'completion' (or 回答), "
            "or choose the columns when opening the file.",
            code="missing_columns",
            path=path,
            row=header_row,
            details={"missing": ", ".join(missing), "found": ", ".join(found)},
        )

    order = [name for name in TABLE_FIELDS if name in indices]
    positions = [indices[name] for name in order]
    width = max(positions) + 1
    simple = order in (["prompt", "completion"], ["prompt", "completion", "system"])
    examples: list[Example] = []
    blank_rows = 0
    for row_number, cells in iterator:
        if len(cells) < width:
            cells = [*cells, *([""] * (width - len(cells)))]  # noqa: PLW2901 - padding short rows in place
        values = [cells[at] for at in positions]
        if not any(values) and not any(c.strip() for c in cells):
            blank_rows += 1
            continue
        if simple:  # the common case, one constructor call
            examples.append(Example(*values))  # type: ignore[arg-type]  # two or three texts
        else:
            examples.append(_table_example(dict(zip(order, values, strict=True)), path, row_number))

    if not examples:
        raise DatasetError(
            f"Only a header row in {where}, no examples", code="empty_file", path=path, row=header_row
        )
    warnings: list[ImportWarning] = []
    if extra:
        warnings.append(
            ImportWarning(
                "extra_columns",
                f"Ignored column(s) {', '.join(extra)}: they are not part of training examples.",
                {"columns": ", ".join(extra)},
            )
        )
    if blank_rows:
        warnings.append(
            ImportWarning(
                "blank_rows_skipped", f"Skipped {blank_rows} empty row(s).", {"count": str(blank_rows)}
            )
        )
    return ImportResult(Dataset(examples, source=path), warnings=warnings, column_map=column_map)


def _table_example(values: Mapping[str, str], path: Path, row: int) -> Example:
    conversation = values.get("conversation", "").strip()
    validation = values.get("split", "").strip().casefold() in VALIDATION_LABELS
    if not conversation:
        return Example(
            values["prompt"],
            values["completion"],
            values.get("system", ""),
            rejected=values.get("rejected", ""),
            note=values.get("note", ""),
            validation=validation,
        )

    def bad(reason: str) -> DatasetError:
        return DatasetError(
            f"The conversation column is damaged: {reason}",
            code="bad_conversation",
            path=path,
            row=row,
            column=CONVERSATION_COLUMN,
            details={"reason": reason},
        )

    try:
        extras = json.loads(conversation)
    except (ValueError, RecursionError) as exc:
        raise bad("not valid JSON") from exc
    if not isinstance(extras, dict):
        raise bad("not a JSON object")
    record: dict[str, Any] = {key: extras[key] for key in CONVERSATION_KEYS if key in extras}
    record.update(
        (name, values[name])
        for name in ("prompt", "completion", "system", "rejected", "note")
        if name in values
    )
    record["validation"] = validation
    try:
        return example_from_record(record)
    except DatasetError as exc:
        raise bad(exc.details.get("reason", exc.message)) from exc


def guess_columns(
    header: Sequence[str], first_column: int = 0
) -> tuple[dict[str, str], dict[str, int], list[str]]:
    """(field -> header name, field -> column index, names of ignored columns), from the header's names;
    ``first_column`` is Excel's index of the header's first cell (for the names of unnamed columns)."""
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        positions.setdefault(name.strip().casefold(), index)
    indices: dict[str, int] = {}
    for field_name, aliases in COLUMN_ALIASES.items():
        for alias in aliases:
            position = positions.get(alias.casefold())
            if position is not None and position not in indices.values():
                indices[field_name] = position
                break
    return _mapped(header, indices, first_column)


def _mapped(
    header: Sequence[str], indices: dict[str, int], first_column: int
) -> tuple[dict[str, str], dict[str, int], list[str]]:
    used = set(indices.values())
    extra = [column_label(name, i, first_column) for i, name in enumerate(header) if i not in used]
    column_map = {field_name: header[index] for field_name, index in indices.items()}
    return column_map, indices, extra


def _chosen_columns(
    header: Sequence[str], columns: Mapping[str, str], path: Path, header_row: int, first_column: int
) -> tuple[dict[str, str], dict[str, int], list[str]]:
    """The user's choice: field -> header name (or "column C" for a column without a name)."""
    labels: dict[str, int] = {}
    for index, name in enumerate(header):
        labels.setdefault(column_label(name, index, first_column), index)  # a repeated name: its first column
    indices: dict[str, int] = {}
    for field_name, label in columns.items():
        if field_name not in COLUMN_ALIASES:
            raise ValueError(f"unknown field {field_name!r}")
        if label not in labels:
            raise DatasetError(
                f"No column named {label!r}; found {', '.join(labels)}",
                code="column_not_found",
                path=path,
                row=header_row,
                details={"column": label, "found": ", ".join(labels)},
            )
        indices[field_name] = labels[label]
    return _mapped(header, indices, first_column)


def column_label(name: str, index: int, first_column: int = 0) -> str:
    """How a column is named to the user and in ``read_dataset(columns=...)``: its header, or "column C" (Excel's
    letter) when the header cell is blank; ``index`` counts from the row's first cell, Excel's ``first_column``."""
    return name or f"column {column_letter(first_column + index)}"


def column_letter(index: int) -> str:
    """Excel's name for a 0-based column: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


# JSON and JSONL ---------------------------------------------------------------------------------------------

MAX_REPORTED_BAD_RECORDS = 20
"""Bad records listed by line in an error or warning (all of them are counted)."""


class _Records:
    """Rows from JSON records, with every bad record collected (not just the first) so one message lists them."""

    def __init__(self, path: Path, *, skip_bad: bool) -> None:
        self.path = path
        self.skip_bad = skip_bad
        self.examples: list[Example] = []
        self.errors: list[DatasetError] = []

    def add(self, record: object, line: int) -> None:
        try:
            self.examples.append(record_to_example(record))
        except RecordError as exc:
            self.errors.append(
                DatasetError(exc.message, code=exc.code, path=self.path, line=line, details=exc.details)
            )

    def bad_line(self, error: DatasetError) -> None:
        self.errors.append(error)

    def result(self) -> ImportResult:
        warnings: list[ImportWarning] = []
        if self.errors:
            lines = ", ".join(str(e.line) for e in self.errors[:MAX_REPORTED_BAD_RECORDS])
            if not self.skip_bad or not self.examples:
                raise _with_others(self.errors, len(self.examples))
            warnings.append(
                ImportWarning(
                    "records_skipped",
                    f"Skipped {len(self.errors)} record(s) that could not be read (lines {lines}).",
                    {"count": str(len(self.errors)), "lines": lines},
                )
            )
        if not self.examples:
            raise DatasetError("The file has no records", code="empty_file", path=self.path)
        return ImportResult(Dataset(self.examples), warnings)


def _with_others(errors: list[DatasetError], readable: int) -> DatasetError:
    """The first error, saying how many other records failed too and how many could be read."""
    first = errors[0]
    if len(errors) == 1 and not readable:
        return first
    others = errors[1 : 1 + MAX_REPORTED_BAD_RECORDS]
    listed = "; ".join(f"line {e.line}: {e.message}" for e in others)
    more = f" ({len(errors) - 1} more: {listed})" if others else ""
    first.message = f"{first.message}{more}"
    first.args = (first.message,)
    first.details.update(
        {
            "bad_count": str(len(errors)),
            "bad_lines": ", ".join(str(e.line) for e in errors[:MAX_REPORTED_BAD_RECORDS]),
            "readable": str(readable),
        }
    )
    return first


def _examples_from_jsonl(text: str, path: Path, *, skip_bad: bool = False) -> ImportResult:
    records = _Records(path, skip_bad=skip_bad)
    # split("\n"), not splitlines(): U+2028 and friends may appear raw inside JSON strings.
    for line_number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            records.bad_line(_bad_json(path, line_number, exc))
            continue
        except (RecursionError, ValueError) as exc:
            records.bad_line(_unreadable_json(path, line_number, exc))
            continue
        records.add(record, line_number)
    return records.result()


def _examples_from_json(text: str, path: Path, *, skip_bad: bool = False) -> ImportResult:
    start = _skip_whitespace(text, 0)
    records = _Records(path, skip_bad=skip_bad)
    if text.startswith("{", start):
        # A single object, or (as legacy prepare_data accepted) JSON Lines saved with a .json name.
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            if exc.msg == "Extra data":
                return _examples_from_jsonl(text, path, skip_bad=skip_bad)
            raise _bad_json(path, exc.lineno, exc) from exc
        except (RecursionError, ValueError) as exc:
            raise _unreadable_json(path, _line_of(text, start), exc) from exc
        records.add(record, _line_of(text, start))
        return records.result()
    if not text.startswith("[", start):
        raise DatasetError(
            "Expected a JSON list of objects",
            code="not_a_table",
            path=path,
            line=_line_of(text, start),
        )
    for line, record in _iter_json_array(text, start, path):
        records.add(record, line)
    if not records.examples and not records.errors:
        raise DatasetError("The list is empty", code="empty_file", path=path)
    return records.result()


def _iter_json_array(text: str, start: int, path: Path) -> Iterator[tuple[int, Any]]:
    """Items of the top-level array with the line each starts on (so errors can name it)."""
    decoder = json.JSONDecoder()
    line, counted_to = 1, 0

    def line_at(position: int) -> int:
        nonlocal line, counted_to
        line += text.count("\n", counted_to, position)
        counted_to = position
        return line

    def expect_end(closing: int) -> None:
        after = _skip_whitespace(text, closing + 1)
        if after < len(text):
            raise DatasetError(
                "Invalid JSON: extra data after the list",
                code="bad_json",
                path=path,
                line=line_at(after),
                details={"reason": "Extra data"},
            )

    index = _skip_whitespace(text, start + 1)
    if text.startswith("]", index):
        expect_end(index)
        return
    while True:
        try:
            item, end = decoder.raw_decode(text, index)
        except json.JSONDecodeError as exc:
            raise _bad_json(path, exc.lineno, exc) from exc
        except (RecursionError, ValueError) as exc:
            raise _unreadable_json(path, line_at(index), exc) from exc
        yield line_at(index), item
        index = _skip_whitespace(text, end)
        if text.startswith(",", index):
            index = _skip_whitespace(text, index + 1)
        elif text.startswith("]", index):
            expect_end(index)
            return
        else:
            raise DatasetError(
                "Invalid JSON: expected ',' or ']' after a list item",
                code="bad_json",
                path=path,
                line=line_at(min(index, len(text))),
                details={"reason": "Expecting ',' delimiter"},
            )


def _skip_whitespace(text: str, index: int) -> int:
    length = len(text)
    while index < length and text[index] in " \t\r\n":
        index += 1
    return index


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _bad_json(path: Path, line: int, exc: json.JSONDecodeError) -> DatasetError:
    return DatasetError(
        f"Invalid JSON: {exc.msg} (column {exc.colno})",
        code="bad_json",
        path=path,
        line=line,
        details={"reason": exc.msg, "column": str(exc.colno)},
    )


def _unreadable_json(path: Path, line: int, exc: Exception) -> DatasetError:
    """Valid JSON syntax Python still cannot hold: nesting thousands deep, integers of thousands of digits."""
    reason = "nested too deeply" if isinstance(exc, RecursionError) else "a number is too long"
    return DatasetError(
        f"Invalid JSON: {reason}",
        code="bad_json",
        path=path,
        line=line,
        details={"reason": reason, "column": "1"},
    )


# --------------------------------------------------------------------------------------------------- writing


def chat_jsonl_lines(dataset: Dataset, system_prompt: str | None = None) -> Iterator[str]:
    """OpenAI chat fine-tuning lines (no newline), one per row: the whole conversation, with the row's system
    text, else ``system_prompt`` (default: the dataset's default system prompt), else none."""
    default = dataset.default_system if system_prompt is None else system_prompt
    for example in dataset.examples:
        if (
            example.history
            or example.steps
            or example.weight is not None
            or example.tool_calls
            or example.tools
        ):
            yield encode(chat_record(example, default))
            continue
        # Single question and answer (nearly every row): the same record, built directly.
        system = example.system or default
        messages = [{"role": "system", "content": system}] if system else []
        if example.prompt:
            messages.append({"role": "user", "content": example.prompt})
        messages.append({"role": "assistant", "content": example.completion})
        yield json.dumps({"messages": messages}, ensure_ascii=False)


def dpo_jsonl_lines(dataset: Dataset, system_prompt: str | None = None) -> Iterator[str]:
    """OpenAI preference (DPO) lines: the conversation up to the question as ``input``, the completion as
    ``preferred_output``, the rejected answer as ``non_preferred_output``. A row without a rejected answer
    raises :class:`DatasetError` (code "missing_rejected") naming it."""
    default = dataset.default_system if system_prompt is None else system_prompt
    for index, example in enumerate(dataset.examples):
        if not example.rejected:
            raise DatasetError(
                f"Example {index + 1} has no rejected (non-preferred) answer, which preference training needs",
                code="missing_rejected",
                details={"example": str(index + 1)},
            )
        yield encode(dpo_record(example, default))


def legacy_jsonl_lines(
    dataset: Dataset, separator: str = "", stop: str = "", *, leading_space: bool = False
) -> Iterator[str]:
    """Legacy ``{"prompt","completion"}`` lines for davinci-002 / babbage-002 (no newline).

    As prepare_data did: each prompt ends with ``separator``, each completion with ``stop``, and with
    ``leading_space`` each completion starts with a space. Markers already present are not doubled, so
    exporting prepared data again changes nothing. The defaults change nothing. Legacy models know no
    conversations: a multi-turn row (or one with tool calls) raises :class:`DatasetError` ("not_single_turn").
    """
    for index, example in enumerate(dataset.examples):
        if example.history or example.steps or example.tool_calls:
            raise DatasetError(
                f"Example {index + 1} is a conversation of several messages; prompt/completion models"
                " (davinci-002, babbage-002) train on single question-and-answer pairs only",
                code="not_single_turn",
                details={"example": str(index + 1)},
            )
        prompt, completion = example.prompt, example.completion
        if separator and not prompt.endswith(separator):
            prompt += separator
        if leading_space and not completion[:1].isspace():
            completion = " " + completion
        if stop and not completion.endswith(stop):
            completion += stop
        yield json.dumps({"prompt": prompt, "completion": completion}, ensure_ascii=False)


def to_jsonl_bytes(lines: Iterable[str]) -> bytes:
    """JSONL as UTF-8 bytes, one line per item, each ending with a newline (for uploads)."""
    return "".join(line + "\n" for line in lines).encode("utf-8")


def export_jsonl(lines: Iterable[str], path: Path) -> int:
    """Write JSONL (UTF-8, not ASCII-escaped) atomically; returns the number of lines written."""
    path = Path(path)
    count = 0
    try:
        with atomic_writer(path) as handle:
            for line in lines:
                handle.write(line.encode("utf-8"))
                handle.write(b"\n")
                count += 1
    except OSError as exc:
        raise _write_error(path, exc) from exc
    return count


def table_columns(dataset: Dataset) -> list[str]:
    """The columns :func:`write_table` writes: prompt and completion, then the others some row uses."""
    examples = dataset.examples
    names = ["prompt", "completion"]
    if any(example.system for example in examples):
        names.append("system")
    if any(example.rejected for example in examples):
        names.append("rejected")
    if any(example.note for example in examples):
        names.append("note")
    if dataset.split is not None or any(example.validation for example in examples):
        names.append("split")
    if any(conversation_extras(example) for example in examples if _has_extras(example)):
        names.append(CONVERSATION_COLUMN)
    return names


def _has_extras(example: Example) -> bool:
    return bool(
        example.history or example.steps or example.weight is not None or example.tool_calls or example.tools
    )


def _table_row(example: Example, names: Sequence[str]) -> list[str]:
    row: list[str] = []
    for name in names:
        if name == "split":
            row.append("validation" if example.validation else "train")
        elif name == CONVERSATION_COLUMN:
            row.append(encode(conversation_extras(example)) if _has_extras(example) else "")
        else:
            row.append(getattr(example, name))
    return row


def write_table(dataset: Dataset, path: Path) -> None:
    """Write the rows to .xlsx, .csv or .tsv, atomically, so that reading the file back gives the same rows.

    Columns: prompt and completion, then system, rejected, note and split when some row has them, and
    :data:`CONVERSATION_COLUMN` (JSON) for what a flat table cannot hold (earlier messages, tool calls,
    weights). CSV/TSV are UTF-8 with a BOM so Excel opens Chinese text correctly. For .xlsx every cell is
    checked first (control characters, > 32,767 characters) and a :class:`DatasetError` names the row instead
    of letting the library fail halfway or truncate silently.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in WRITABLE_TABLE_SUFFIXES:
        raise DatasetError(
            f"Cannot write {path.suffix or '(none)'!r}; use .xlsx, .csv or .tsv",
            code="unsupported_type",
            path=path,
            details={"suffix": path.suffix, "supported": ", ".join(sorted(WRITABLE_TABLE_SUFFIXES))},
        )
    fields = table_columns(dataset)
    simple = fields == ["prompt", "completion"]
    if simple:
        rows: Iterable[list[str]] = ([e.prompt, e.completion] for e in dataset.examples)
    else:
        rows = (_table_row(example, fields) for example in dataset.examples)
    try:
        if suffix == ".xlsx":
            rows = list(rows)
            _check_xlsx_cells(rows, fields, path)
            _write_xlsx(fields, rows, path)
        else:
            with atomic_writer(path) as handle:
                handle.write(codecs.BOM_UTF8)
                writer = csv.writer(_Utf8Sink(handle), delimiter=DELIMITED_SUFFIXES[suffix])
                writer.writerow(fields)
                writer.writerows(rows)
    except OSError as exc:
        raise _write_error(path, exc) from exc


class _Utf8Sink:
    """What csv.writer needs (``write``), encoding to UTF-8 straight into a binary file."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle

    def write(self, text: str) -> int:
        return self._handle.write(text.encode("utf-8"))


def _check_xlsx_cells(rows: Sequence[list[str]], fields: Sequence[str], path: Path) -> None:
    for index, row in enumerate(rows):
        for name, value in zip(fields, row, strict=True):
            bad = XLSX_ILLEGAL_CHARACTERS.search(value)
            if bad:
                code_point = f"U+{ord(bad.group()):04X}"
                raise DatasetError(
                    f"Contains control character {code_point}, which Excel files cannot hold",
                    code="illegal_character",
                    path=path,
                    row=index + 2,
                    column=name,
                    details={"character": code_point, "example": str(index + 1)},
                )
            if len(value) > XLSX_MAX_CELL_CHARS:
                raise DatasetError(
                    f"Text of {len(value)} characters is longer than an Excel cell holds ({XLSX_MAX_CELL_CHARS})",
                    code="cell_too_long",
                    path=path,
                    row=index + 2,
                    column=name,
                    details={
                        "length": str(len(value)),
                        "limit": str(XLSX_MAX_CELL_CHARS),
                        "example": str(index + 1),
                    },
                )


def _write_xlsx(fields: Sequence[str], rows: Iterable[list[str]], path: Path) -> None:
    import openpyxl  # noqa: PLC0415 - only writing Excel needs it; reading uses calamine, and imports cost start-up

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("data")
    sheet.append(list(fields))
    for row in rows:
        cells = [_xlsx_escape(value) for value in row]
        sheet.append([_xlsx_text_cell(sheet, value) if value.startswith("=") else value for value in cells])
    with atomic_writer(path) as handle:
        workbook.save(handle)


_XLSX_ESCAPE_LOOKALIKE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def _xlsx_escape(value: str) -> str:
    """Spell out what the sheet XML would otherwise lose, with the OOXML escape ``_xHHHH_`` readers decode.

    Text that already looks like an escape gets its "_" escaped (``_x005F_``); a carriage return would be read
    back as a line feed; a cell of only white space would be read back empty (it is not marked to be kept).
    """
    value = _XLSX_ESCAPE_LOOKALIKE.sub("_x005F_", value)
    if value and not value.strip():  # XML itself keeps non-ASCII white space (U+3000 and the like)
        return "".join(f"_x{ord(ch):04X}_" if ch.isascii() else ch for ch in value)
    return value.replace("\r", "_x000D_")


def _xlsx_text_cell(sheet: Any, value: str) -> Any:
    # openpyxl stores any string starting with "=" as a formula; training text must stay text.
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415 - see _write_xlsx

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def _write_error(path: Path, exc: OSError) -> DatasetError:
    reason = exc.strerror or str(exc)
    return DatasetError(
        f"Cannot write the file: {reason}", code="write_failed", path=path, details={"reason": reason}
    )


def prepared_path(source: Path, suffix: str = "_prepared", ext: str = ".jsonl") -> Path:
    """``content.xlsx`` -> ``content_prepared.jsonl``, or ``content_prepared (1).jsonl`` etc. when taken."""
    source = Path(source)
    candidate = source.with_name(f"{source.stem}{suffix}{ext}")
    number = 0
    while candidate.exists():
        number += 1
        candidate = source.with_name(f"{source.stem}{suffix} ({number}){ext}")
    return candidate


# ------------------------------------------------------------------------------- legacy prepare_data markers


def infer_task_type(dataset: Dataset) -> TaskType:
    """prepare_data's rule 6: all prompts empty -> open-ended; few distinct completions -> classification."""
    examples = dataset.examples
    if not any(example.prompt for example in examples):
        return "open-ended generation"
    if len({example.completion for example in examples}) < len(examples) / 3:
        return "classification"
    return "conditional generation"


def training_lines(dataset: Dataset, *, legacy: bool, system_prompt: str | None = None) -> Iterator[str]:
    """The JSONL lines a model trains on: chat messages, or for legacy models (davinci-002, babbage-002)
    prompt/completion pairs with the dataset's chosen separator and ending, else the ones ``prepare_data``
    would add."""
    if legacy:
        separator, ending = legacy_markers(dataset)
        return legacy_jsonl_lines(dataset, separator=separator, stop=ending)
    return chat_jsonl_lines(dataset, system_prompt=system_prompt)


def legacy_markers(dataset: Dataset) -> tuple[str, str]:
    """(separator, ending) for a legacy export: the user's choice where made, else the suggestion."""
    if dataset.legacy_separator is not None and dataset.legacy_ending is not None:
        return dataset.legacy_separator, dataset.legacy_ending
    separator, ending = suggest_legacy_markers(dataset)
    if dataset.legacy_separator is not None:
        separator = dataset.legacy_separator
    if dataset.legacy_ending is not None:
        ending = dataset.legacy_ending
    return separator, ending


@dataclass(frozen=True)
class LegacyFormat:
    """How a legacy (prompt/completion) model was trained: what ends each prompt, what ends each completion,
    and whether the completions held that ending themselves (then it is part of the answer, not an addition)."""

    separator: str
    ending: str
    ending_in_data: bool = False


def legacy_format(dataset: Dataset) -> LegacyFormat:
    """The format :func:`training_lines` gives ``dataset`` for a legacy model."""
    separator, ending = legacy_markers(dataset)
    in_data = (
        bool(ending)
        and bool(dataset.examples)
        and all(e.completion.endswith(ending) for e in dataset.examples)
    )
    return LegacyFormat(separator, ending, in_data)


def suggest_legacy_markers(dataset: Dataset) -> tuple[str, str]:
    """(separator to end prompts with, ending to end completions with), by prepare_data's rules 11 and 14.

    A common suffix the data already has is kept (returned as is, so exporting adds nothing); otherwise the
    first candidate that appears in no prompt / completion. Open-ended data gets no separator; only
    conditional generation gets an ending. Identical prompts (or completions) raise ``DatasetError``
    (codes "identical_prompts" / "identical_completions"), as prepare_data stopped there too.
    """
    if not dataset.examples:
        raise DatasetError("No examples", code="no_examples")
    prompts = [example.prompt for example in dataset.examples]
    completions = [example.completion for example in dataset.examples]
    task = infer_task_type(dataset)

    separator = ""
    if task != "open-ended generation":
        if all(prompt == prompts[0] for prompt in prompts):
            raise DatasetError(
                "All prompts are identical; leave them blank for open-ended generation, or make them differ",
                code="identical_prompts",
                details={"prompt": prompts[0]},
            )
        separator = _common_suffix(prompts) or _first_absent(
            (s for s in LEGACY_SEPARATOR_OPTIONS if s != " ->" or not any("\n" in p for p in prompts)),
            prompts,
            LEGACY_SEPARATOR_FALLBACK,
        )

    ending = ""
    if task == "conditional generation":
        if all(completion == completions[0] for completion in completions):
            raise DatasetError(
                "All completions are identical",
                code="identical_completions",
                details={"completion": completions[0]},
            )
        ending = _common_suffix(completions) or _first_absent(
            LEGACY_ENDING_OPTIONS, completions, LEGACY_ENDING_FALLBACK
        )
    return separator, ending


def _common_suffix(texts: Sequence[str]) -> str:
    # The common prefix of all reversed texts is the common prefix of the smallest and largest of them.
    reversed_texts = [text[::-1] for text in texts]
    low, high = min(reversed_texts), max(reversed_texts)
    length = 0
    while length < len(low) and low[length] == high[length]:
        length += 1
    return low[:length][::-1]


def _first_absent(options: Iterable[str], texts: Sequence[str], fallback: str) -> str:
    for option in options:
        if not any(option in text for text in texts):
            return option
    return fallback
