"""The checks of the legacy ``openai tools fine_tunes.prepare_data`` (SDK 0.28.1), as data.

:func:`load` reads a file into prompt/completion :class:`Rows`, :func:`analyse` runs the fifteen checks
in the legacy order and returns one :class:`Remediation` per finding (what was found, a necessary change,
an optional fix to ask about, or an error that stops everything), and :func:`apply_recommended` applies the
optional fixes the caller accepts. :func:`plan_output` then names the files and splits classification data,
and :func:`advise` works out the advice the legacy tool printed. Nothing here prints or asks: ``desktop_app.cli`` does,
and the Data tab can reuse the same engine.

Behaviour follows the legacy tool exactly where it is not a plain bug (see ``tests/data/legacy_prepare``):
every check sees the rows as they were after the necessary changes, the optional fixes are pure functions
computed from that analysis and applied in order, and the final advice is computed from the rows written.
English texts are the legacy ones; ``code`` and ``params`` let a UI translate them.
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from desktop_app.core.errors import DatasetError
from desktop_app.core.fileio import atomic_writer
from desktop_app.core.formats import (
    JSON_SUFFIXES,
    LEGACY_ENDING_FALLBACK,
    LEGACY_ENDING_OPTIONS,
    LEGACY_SEPARATOR_FALLBACK,
    LEGACY_SEPARATOR_OPTIONS,
    READABLE_SUFFIXES,
    WORKBOOK_SUFFIXES,
    ImportResult,
    read_dataset,
)

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

TaskType = Literal["open-ended generation", "classification", "conditional generation"]

TEXT_SUFFIX = ".txt"
SUPPORTED_SUFFIXES = READABLE_SUFFIXES | {TEXT_SUFFIX}
RECOMMENDED_EXAMPLES = 100
"""Fewer than this and the legacy tool advised "a few hundred"."""
LONG_EXAMPLE_CHARS = 10_000
"""Characters of prompt + completion above which an example counts as long."""
LONG_SUFFIX_CHARS = 10
MAX_PROMPT_PREFIX_CHARS = 12
"""A common prompt prefix longer than this is offered for removal."""
MIN_COMPLETION_PREFIX_CHARS = 5
"""A common completion prefix at least this long is offered for removal."""
CLASSIFICATION_THRESHOLD = 3
"""Fewer distinct completions than rows / 3 means classification."""
MAX_VALID_EXAMPLES = 1000
TRAIN_FRACTION = 0.8
SPLIT_SEED = 42
PREPARED_SUFFIX = "_prepared"
GUIDE_URL = "https://platform.openai.com/docs/guides/fine-tuning/preparing-your-dataset"
FORMAT_LABELS = {".csv": "CSV", ".tsv": "TSV", ".xlsx": "XLSX", ".xlsm": "XLSM", ".txt": "TXT"}


@dataclass(frozen=True, slots=True)
class Pair:
    """One training example as prepare_data sees it."""

    prompt: str
    completion: str


Column = Literal["prompt", "completion"]


@dataclass(frozen=True)
class Rows:
    """Prompt/completion rows, held as two columns of equal length (iterating or indexing gives :class:`Pair`).

    Checks and fixes work a column at a time: a fix builds one new column (a list comprehension over strings)
    instead of a new object per row, and what several checks ask of the same rows (the number of distinct
    completions, a column as one string) is worked out once per instance.
    """

    prompts: tuple[str, ...] = ()
    completions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if len(self.prompts) != len(self.completions):
            raise ValueError(f"{len(self.prompts)} prompts but {len(self.completions)} completions")

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]]) -> Rows:
        columns = tuple(zip(*pairs, strict=True))
        return cls(*columns) if columns else cls()

    def __len__(self) -> int:
        return len(self.prompts)

    def __iter__(self) -> Iterator[Pair]:
        return map(Pair, self.prompts, self.completions)

    def __getitem__(self, index: int) -> Pair:
        return Pair(self.prompts[index], self.completions[index])

    def column(self, name: Column) -> tuple[str, ...]:
        return self.prompts if name == "prompt" else self.completions

    def with_column(self, name: Column, texts: Iterable[str]) -> Rows:
        """These rows with the ``name`` column replaced by ``texts``."""
        if name == "prompt":
            return Rows(tuple(texts), self.completions)
        return Rows(self.prompts, tuple(texts))

    def where(self, keep: Iterable[bool]) -> Rows:
        """The rows whose ``keep`` flag is true, in order."""
        flags = list(keep)
        return Rows(
            tuple(itertools.compress(self.prompts, flags)), tuple(itertools.compress(self.completions, flags))
        )

    def take(self, indexes: Sequence[int]) -> Rows:
        """The rows at ``indexes``, in that order."""
        prompts, completions = self.prompts, self.completions
        return Rows(tuple([prompts[i] for i in indexes]), tuple([completions[i] for i in indexes]))

    @functools.cached_property
    def distinct_completions(self) -> int:
        return len(set(self.completions))

    @functools.cached_property
    def prompt_text(self) -> str:
        """The prompts as one string, separated by NUL (see :func:`_joined`)."""
        return _joined(self.prompts)

    @functools.cached_property
    def completion_text(self) -> str:
        """The completions as one string, separated by NUL (see :func:`_joined`)."""
        return _joined(self.completions)

    def text(self, name: Column) -> str:
        return self.prompt_text if name == "prompt" else self.completion_text


Fix = Callable[[Rows], Rows]


@dataclass(frozen=True)
class Remediation:
    """What one check found and what it proposes.

    ``findings`` are printed as bullets when the check runs. ``necessary`` names a change that is always made
    (by :func:`load`, or by :func:`analyse` with ``fix``); otherwise ``question`` + ``fix`` is an optional
    change to ask about. An ``error`` stops the preparation. ``params`` carry the values in the texts, for a
    translating UI.
    """

    code: str
    findings: tuple[str, ...] = ()
    necessary: str | None = None
    question: str | None = None
    fix: Fix | None = field(default=None, compare=False)
    error: str | None = None
    params: Mapping[str, str | int] = field(default_factory=dict, compare=False)

    @property
    def changes_data(self) -> bool:
        return self.necessary is not None or self.question is not None


@dataclass(frozen=True)
class LoadedFile:
    """Rows read from a file, with what reading found (format conversion, renamed and extra columns)."""

    source: str
    rows: Rows
    reading: Remediation
    renamed_columns: Mapping[str, str] = field(default_factory=dict)
    """Field ("prompt"/"completion") -> the header or key it was read from, when not exactly the field."""
    extra_columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Analysis:
    """The checks' results in legacy order, and the rows after the necessary changes."""

    remediations: tuple[Remediation, ...]
    rows: Rows
    original_count: int

    @property
    def error(self) -> Remediation | None:
        last = self.remediations[-1] if self.remediations else None
        return last if last is not None and last.error is not None else None

    @property
    def necessary_changes(self) -> bool:
        return any(r.necessary is not None for r in self.remediations)


@dataclass(frozen=True)
class OutputFile:
    path: str
    rows: Rows


@dataclass(frozen=True)
class Advice:
    """What to tell the user about the rows written (or the file as it is)."""

    task: TaskType
    separator: str
    """Common suffix of the prompts: the string prompts must end with when using the model ("" for none)."""
    stop: str
    """The stop sequence to use with the model ("" for no advice)."""
    estimated_seconds: float
    """The legacy tool's training time estimate (queue not included)."""


@dataclass(frozen=True)
class OutputPlan:
    """The files to write and the extra options of the legacy create command for them."""

    files: tuple[OutputFile, ...]
    create_options: str
    """Validation file and classification metrics options (empty when not split)."""


# ------------------------------------------------------------------------------------------------ reading


def load(source: str | os.PathLike[str]) -> LoadedFile:
    """Read ``source`` (.csv, .tsv, .xlsx, .xlsm, .json, .jsonl or .txt); never modifies it.

    Raises :class:`DatasetError` naming the file and the line or row when it cannot be read.
    """
    name = os.fspath(source)
    path = Path(name)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise DatasetError("The file does not exist.", code="not_found", path=path)
    if suffix not in SUPPORTED_SUFFIXES:
        listed = ", ".join(s.upper() for s in sorted(SUPPORTED_SUFFIXES))
        found = f"ends with the extension `{path.suffix}`" if path.suffix else "is missing a file extension"
        raise DatasetError(
            f"Your file must have one of the following extensions: {listed}. Your file {found}, which is not"
            " supported.",
            code="unsupported_type",
            path=path,
            details={"suffix": path.suffix, "supported": listed},
        )
    if suffix == TEXT_SUFFIX:
        return _load_text(name, path)
    result = read_dataset(path)
    examples = result.dataset.examples
    conversation = next((i for i, e in enumerate(examples) if e.history or e.steps or e.tool_calls), None)
    if conversation is not None:
        raise DatasetError(
            f"Example {conversation + 1} is a conversation of several messages; prompt/completion data has one"
            " prompt and one completion per example. Check it with `finetune-desk check` for chat models.",
            code="not_single_turn",
            path=path,
            details={"example": str(conversation + 1)},
        )
    rows = Rows(tuple([e.prompt for e in examples]), tuple([e.completion for e in examples]))
    findings: list[str] = []
    necessary: str | None = None
    renamed: dict[str, str] = {}
    extra: list[str] = []
    if suffix in JSON_SUFFIXES:
        shape = _json_shape(path, result)
        if suffix == ".jsonl" and len(rows) == 1:
            findings.append(
                "Your JSONL file appears to be in a JSON format. Your file will be converted to JSONL format"
            )
            necessary = "Your format `JSON` will be converted to `JSONL`"
        elif suffix == ".json" and shape.lines:
            findings.append(
                "Your JSON file appears to be in a JSONL format. Your file will be converted to JSONL format"
            )
            necessary = "Your format `JSON` will be converted to `JSONL`"
        if shape.converted:
            findings.append(
                "Your records are chat (`messages`) or Alpaca (`instruction`/`output`) records. Each is read as"
                " one prompt-completion pair"
            )
            necessary = "Your chat/Alpaca records will be converted to prompt-completion pairs in JSONL"
        extra = shape.extra_keys
        if "system" not in extra and any(example.system for example in result.dataset.examples):
            extra.append("system")
    else:
        label = FORMAT_LABELS.get(suffix, suffix[1:].upper())
        if suffix in WORKBOOK_SUFFIXES:
            findings.append("Based on your file extension, your file is formatted as an Excel file")
        else:
            findings.append(f"Based on your file extension, your file is formatted as a {label} file")
        necessary = f"Your format `{label}` will be converted to `JSONL`"
        renamed = {
            field_name: header
            for field_name, header in result.column_map.items()
            if field_name in ("prompt", "completion") and header != field_name
        }
        # The legacy tool used prompt and completion only: columns read as other fields are extra to it.
        extra.extend(
            header
            for field_name, header in result.column_map.items()
            if field_name not in ("prompt", "completion")
        )
    for warning in result.warnings:
        if warning.code == "multiple_sheets":
            findings.append(
                "Your Excel file contains more than one sheet. Please either save as csv or ensure all data is"
                " present in the first sheet. WARNING: Reading only the first sheet..."
            )
        elif warning.code == "extra_columns":
            extra[:0] = [c for c in warning.details["columns"].split(", ") if c]
        elif warning.code == "encoding_guessed":
            findings.append(f"The file is not UTF-8; read it as {warning.details['encoding']}")
        else:
            findings.append(warning.message.rstrip("."))
    reading = Remediation(
        "file_format", tuple(findings), necessary, params={"format": suffix[1:].upper(), "path": name}
    )
    return LoadedFile(name, rows, reading, renamed, tuple(extra))


def _load_text(name: str, path: Path) -> LoadedFile:
    """A .txt file: each line is a completion with an empty prompt (so: open-ended generation)."""
    data = _read_bytes(path)
    findings = ["Based on your file extension, you provided a text file"]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise DatasetError(
                f"Cannot decode the text with UTF-8 or GB18030 (byte {exc.start + 1})",
                code="decode_failed",
                path=path,
                line=data.count(b"\n", 0, exc.start) + 1,
                details={"encoding": "", "byte": str(exc.start + 1)},
            ) from exc
        findings.append("The file is not UTF-8; read it as gb18030")
    if not text.strip():
        raise DatasetError("The file is empty", code="empty_file", path=path)
    # As Python's text mode read it for the legacy tool: universal newlines, then one row per "\n".
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = tuple(text.split("\n"))
    rows = Rows(("",) * len(lines), lines)
    reading = Remediation(
        "file_format",
        tuple(findings),
        "Your format `TXT` will be converted to `JSONL`",
        params={"format": "TXT", "path": name},
    )
    return LoadedFile(name, rows, reading)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DatasetError(
            f"Cannot read the file: {reason}", code="read_failed", path=path, details={"reason": reason}
        ) from exc


@dataclass(frozen=True)
class _JsonShape:
    lines: bool
    """The text is several JSON values, one per line (JSONL), rather than one JSON document."""
    converted: bool
    """Some records were chat or Alpaca records rather than prompt/completion ones."""
    extra_keys: list[str]


def _json_shape(path: Path, result: ImportResult) -> _JsonShape:
    """How the JSON text is laid out and which keys besides prompt/completion its records have.

    ``read_dataset`` already validated the file, so this second, lighter parse cannot fail on what it reads.
    """
    text = _read_bytes(path).decode(result.dataset.encoding or "utf-8-sig").removeprefix("\ufeff")
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        records: list[object] = [json.loads(line) for line in text.split("\n") if line.strip()]
        lines = True
    else:
        records = document if isinstance(document, list) else [document]
        lines = False
    keys: dict[str, None] = {}
    converted = False
    for record in records:
        if not isinstance(record, dict):
            continue
        if "prompt" in record or "completion" in record:
            keys.update(dict.fromkeys(str(key) for key in record))
        else:
            converted = True
    extra = [key for key in keys if key not in ("prompt", "completion")]
    return _JsonShape(lines, converted, extra)


# ----------------------------------------------------------------------------------------------- analysis


def analyse(loaded: LoadedFile) -> Analysis:
    """Run the checks in the legacy order; stop after the first error.

    Each check sees the rows after the previous checks' necessary changes (the extra columns were already
    left out by :func:`load`; empty completions are dropped here).
    """
    rows = loaded.rows
    remediations: list[Remediation] = [loaded.reading]
    for check in _checks(loaded):
        remediation = check(rows)
        if remediation is None:
            continue
        remediations.append(remediation)
        if remediation.error is not None:
            break
        if remediation.necessary is not None and remediation.fix is not None:
            rows = remediation.fix(rows)
    return Analysis(
        tuple(r for r in remediations if r.findings or r.changes_data or r.error),
        rows,
        len(loaded.rows),
    )


def _checks(loaded: LoadedFile) -> list[Callable[[Rows], Remediation | None]]:
    return [
        check_example_count,
        lambda _rows: check_column_name(loaded, "prompt"),
        lambda _rows: check_column_name(loaded, "completion"),
        lambda _rows: check_extra_columns(loaded),
        check_empty_completions,
        check_task_type,
        check_duplicates,
        check_long_examples,
        lambda rows: check_upper_case(rows, "prompt"),
        lambda rows: check_upper_case(rows, "completion"),
        check_prompt_separator,
        check_prompt_prefix,
        check_completion_prefix,
        check_completion_ending,
        check_leading_space,
    ]


def apply_recommended(analysis: Analysis, decide: Callable[[Remediation], bool]) -> tuple[Rows, bool]:
    """Apply, in order, the optional fixes ``decide`` accepts; returns the rows and whether any was applied.

    ``decide`` sees every remediation that changes the data, in order (so a caller can also show the
    necessary changes where they belong); its answer counts only for those with a ``question``.
    """
    rows = analysis.rows
    applied = False
    for remediation in analysis.remediations:
        if not remediation.changes_data:
            continue
        accepted = decide(remediation)
        if remediation.question is not None and remediation.fix is not None and accepted:
            rows = remediation.fix(rows)
            applied = True
    return rows, applied


def check_example_count(rows: Rows) -> Remediation:
    advice = (
        ""
        if len(rows) >= RECOMMENDED_EXAMPLES
        else ". In general, we recommend having at least a few hundred examples. We've found that performance"
        " tends to linearly increase for every doubling of the number of examples"
    )
    return Remediation(
        "example_count",
        (f"Your file contains {len(rows)} prompt-completion pairs{advice}",),
        params={"count": len(rows), "recommended": RECOMMENDED_EXAMPLES},
    )


def check_column_name(loaded: LoadedFile, name: str) -> Remediation | None:
    """The column (or key) was read under another name: a mis-cased one, or a synonym such as 问题."""
    header = loaded.renamed_columns.get(name)
    if header is None:
        return None
    if header.lower() == name:
        return Remediation(
            f"{name}_column",
            (f"The `{name}` column/key should be lowercase",),
            necessary=f"Lower case column name to `{name}`",
            params={"column": name, "header": header},
        )
    return Remediation(
        f"{name}_column",
        (f"The `{header}` column/key is read as the `{name}` column/key",),
        necessary=f"Rename column `{header}` to `{name}`",
        params={"column": name, "header": header},
    )


def check_extra_columns(loaded: LoadedFile) -> Remediation | None:
    extra = list(loaded.extra_columns)
    if not extra:
        return None
    return Remediation(
        "extra_columns",
        (
            "The input file should contain exactly two columns/keys per row. Additional columns/keys present"
            f" are: {extra!r}",
        ),
        necessary=f"Remove additional columns/keys: {extra!r}",
        params={"columns": ", ".join(extra)},
    )


def check_empty_completions(rows: Rows) -> Remediation | None:
    if all(rows.completions):
        return None
    empty = [index for index, completion in enumerate(rows.completions) if not completion]
    return Remediation(
        "empty_completions",
        (f"`completion` column/key should not contain empty strings. These are rows: {empty}",),
        necessary=f"Remove {len(empty)} rows with empty completions",
        fix=lambda current: current.where(map(bool, current.completions)),
        params={"count": len(empty), "rows": _index_list(empty)},
    )


def check_task_type(rows: Rows) -> Remediation | None:
    task = infer_task_type(rows)
    if task != "classification":
        return None
    return Remediation(
        "task_type",
        (
            f"Based on your data it seems like you're trying to fine-tune a model for {task}",
            "For classification, we recommend you try one of the faster and cheaper models, such as `ada`",
            "For classification, you can estimate the expected model performance by keeping a held out dataset,"
            " which is not used for training",
        ),
        params={"task": task},
    )


def check_duplicates(rows: Rows) -> Remediation | None:
    duplicated = duplicate_indexes(rows)
    if not duplicated:
        return None
    return Remediation(
        "duplicates",
        (f"There are {len(duplicated)} duplicated prompt-completion sets. These are rows: {duplicated}",),
        question=f"Remove {len(duplicated)} duplicate rows",
        fix=remove_duplicates,
        params={"count": len(duplicated), "rows": _index_list(duplicated)},
    )


def check_long_examples(rows: Rows) -> Remediation | None:
    if infer_task_type(rows) == "open-ended generation":
        return None
    long = long_indexes(rows)
    if not long:
        return None
    return Remediation(
        "long_examples",
        (
            f"There are {len(long)} examples that are very long. These are rows: {long}\nFor conditional"
            " generation, and for classification the examples shouldn't be longer than 2048 tokens.",
        ),
        question=f"Remove {len(long)} long examples",
        # Found again on the rows it is given: an earlier fix (duplicates) may have moved them. (The legacy
        # tool dropped by position-as-label there, which could drop the wrong rows.)
        fix=lambda current: current.where(length <= LONG_EXAMPLE_CHARS for length in _lengths(current)),
        params={"count": len(long), "rows": _index_list(long), "limit": LONG_EXAMPLE_CHARS},
    )


def _latin1_without(keep: Callable[[str], bool]) -> bytes:
    """The Latin-1 bytes whose character ``keep`` rejects: deleting them leaves those it accepts."""
    return bytes(code for code in range(0x100) if not keep(chr(code)))


_NOT_UPPER_LATIN1 = _latin1_without(lambda char: char.isalpha() and char.isupper())
_NOT_LOWER_LATIN1 = _latin1_without(lambda char: char.isalpha() and char.islower())


_MAX_LETTERS_ONE_BY_ONE = 10_000
"""Cased letters beyond Latin-1 counted one by one; a text with more (Greek, Cyrillic...) is counted by table."""


@functools.cache
def _cased_beyond_latin1() -> re.Pattern[str]:
    """Matches a letter from U+0100 to U+FFFF that is upper or lower case, or any character beyond U+FFFF.

    Built from this Python's Unicode data, as the legacy count used it. Beyond U+FFFF (emoji, mathematical
    letters, Deseret...) every character matches, to be classified when counted: listing the cased ones would
    cost more than the texts that have any.
    """
    starts: list[int] = []
    ends: list[int] = []
    for code in range(0x100, 0x10000):
        char = chr(code)
        if char.isalpha() and (char.isupper() or char.islower()):
            if ends and ends[-1] == code - 1:
                ends[-1] = code
            else:
                starts.append(code)
                ends.append(code)
    ranges = "".join(f"\\u{start:04x}-\\u{end:04x}" for start, end in zip(starts, ends, strict=True))
    return re.compile(f"[{ranges}\\U00010000-\\U0010ffff]")


def count_letter_case(texts: Iterable[str]) -> tuple[int, int]:
    """Upper- and lower-case letters in ``texts`` (``isalpha() and isupper()``/``islower()``, as legacy counted)."""
    return _count_letter_case_in("".join(texts))


def _count_letter_case_in(text: str) -> tuple[int, int]:
    """:func:`count_letter_case` of one string, without a Python step per character.

    Latin-1 characters are counted in C: encoded to bytes (the others dropped), the bytes of other classes
    deleted, the rest measured. Beyond Latin-1 a regular expression (also run in C) finds the cased letters;
    CJK text has none, emoji are counted one by one, and a text with many (Greek, Cyrillic...) is counted
    by :func:`_count_letter_case_by_table` instead. That needs numpy, whose import alone takes longer than
    counting English and Chinese text this way.
    """
    latin1 = text.encode("latin-1", "ignore")
    upper = len(latin1.translate(None, _NOT_UPPER_LATIN1))
    lower = len(latin1.translate(None, _NOT_LOWER_LATIN1))
    if len(latin1) == len(text):
        return upper, lower
    beyond: Counter[str] = Counter()
    for number, found in enumerate(_cased_beyond_latin1().finditer(text)):
        if number == _MAX_LETTERS_ONE_BY_ONE:
            return _count_letter_case_by_table(text)
        beyond[found.group()] += 1
    more_upper, more_lower = _letter_case_of(beyond.items())
    return upper + more_upper, lower + more_lower


def _letter_case_of(counted: Iterable[tuple[str, int]]) -> tuple[int, int]:
    """Upper- and lower-case letters among characters counted one by one (character, occurrences)."""
    upper = lower = 0
    for char, count in counted:
        if char.isalpha():
            if char.isupper():
                upper += count
            if char.islower():
                lower += count
    return upper, lower


_UPPER, _LOWER = 1, 2


@functools.cache
def _bmp_letter_case() -> npt.NDArray[np.uint8]:
    """For each code point below U+10000: 1 upper-case letter, 2 lower-case letter, 0 anything else."""
    import numpy as np  # noqa: PLC0415 - only texts in cased scripts beyond Latin-1 need it

    chars = [chr(code) for code in range(0x10000)]
    table = np.zeros(0x10000, dtype=np.uint8)
    table[[code for code, char in enumerate(chars) if char.isalpha() and char.isupper()]] = _UPPER
    table[[code for code, char in enumerate(chars) if char.isalpha() and char.islower()]] = _LOWER
    return table


def _count_letter_case_by_table(text: str) -> tuple[int, int]:
    """:func:`count_letter_case` of one string by a table look-up per character, in C.

    UTF-32, not UTF-16: two lone surrogates next to each other stay two characters, as Python sees them.
    Characters beyond U+FFFF fall on U+FFFF (not a letter) in the table and are classified one by one.
    """
    import numpy as np  # noqa: PLC0415 - see _count_letter_case_in

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    kinds = _bmp_letter_case()[np.minimum(codes, 0xFFFF)]
    code_points, counts = np.unique(codes[codes > 0xFFFF], return_counts=True)
    astral_upper, astral_lower = _letter_case_of(
        zip(map(chr, code_points.tolist()), counts.tolist(), strict=True)
    )
    upper, lower = int(np.count_nonzero(kinds == _UPPER)), int(np.count_nonzero(kinds == _LOWER))
    return upper + astral_upper, lower + astral_lower


def check_upper_case(rows: Rows, column: Column) -> Remediation | None:
    """More than a third of the letters upper case (upper > lower / 2) in that column."""
    upper, lower = _count_letter_case_in(rows.text(column))
    if upper * 2 <= lower:
        return None

    def lower_case(current: Rows) -> Rows:
        return current.with_column(column, [text.lower() for text in current.column(column)])

    return Remediation(
        f"{column}_upper_case",
        (
            f"More than a third of your `{column}` column/key is uppercase. Uppercase {column}s tends to perform"
            " worse than a mixture of case encountered in normal language. We recommend to lower case the data"
            f" if that makes sense in your domain. See {GUIDE_URL} for more details",
        ),
        question=f"Lowercase all your data in column/key `{column}`",
        fix=lower_case,
        params={"column": column, "upper": upper, "lower": lower},
    )


def check_prompt_separator(rows: Rows) -> Remediation | None:
    """Prompts should end with a common separator; suggest one that appears in no prompt."""
    prompts = rows.prompts
    suggested = _suggest_separator_in(rows.prompt_text)
    if infer_task_type(rows) == "open-ended generation":
        return None
    suffix = common_suffix(prompts)
    if all(prompt == suffix for prompt in prompts):
        return Remediation(
            "prompt_separator",
            error=f"All prompts are identical: `{suffix}`\nConsider leaving the prompts blank if you want to do"
            " open-ended generation, otherwise ensure prompts are different",
            params={"prompt": suffix},
        )
    if suffix:
        finding = f"All prompts end with suffix `{_show(suffix)}`"
        if len(suffix) > LONG_SUFFIX_CHARS:
            finding += f". This suffix seems very long. Consider replacing with a shorter suffix, such as `{_show(suggested)}`"
        if any(suffix in prompt[: -len(suffix)] for prompt in prompts):
            finding += (
                f"\n  WARNING: Some of your prompts contain the suffix `{suffix}` more than once. We strongly"
                " suggest that you review your prompts and add a unique suffix"
            )
        return Remediation("prompt_separator", (finding,), params={"separator": suffix})
    return Remediation(
        "prompt_separator",
        (
            "Your data does not contain a common separator at the end of your prompts. Having a separator string"
            " appended to the end of the prompt makes it clearer to the fine-tuned model where the completion"
            f" should begin. See {GUIDE_URL} for more detail and examples. If you intend to do open-ended"
            " generation, then you should leave the prompts empty",
        ),
        question=f"Add a suffix separator `{_show(suggested)}` to all prompts",
        fix=lambda current: current.with_column("prompt", [prompt + suggested for prompt in current.prompts]),
        params={"separator": suggested},
    )


def check_prompt_prefix(rows: Rows) -> Remediation | None:
    prompts = rows.prompts
    prefix = common_prefix(prompts)
    if not prefix or all(prompt == prefix for prompt in prompts):
        return None  # identical prompts were reported by the separator check
    finding = f"All prompts start with prefix `{prefix}`"
    cut = len(prefix)
    if cut <= MAX_PROMPT_PREFIX_CHARS:
        return Remediation("prompt_prefix", (finding,), params={"prefix": prefix})
    finding += (
        ". Fine-tuning doesn't require the instruction specifying the task, or a few-shot example scenario."
        " Most of the time you should only add the input data into the prompt, and the desired output into the"
        " completion"
    )
    return Remediation(
        "prompt_prefix",
        (finding,),
        question=f"Remove prefix `{prefix}` from all prompts",
        fix=lambda current: current.with_column("prompt", [prompt[cut:] for prompt in current.prompts]),
        params={"prefix": prefix},
    )


def check_completion_prefix(rows: Rows) -> Remediation | None:
    completions = rows.completions
    prefix = common_prefix(completions)
    if len(prefix) < MIN_COMPLETION_PREFIX_CHARS or all(c == prefix for c in completions):
        return None
    keep_space = prefix.startswith(" ")

    def remove_prefix(current: Rows) -> Rows:
        # A leading space helps tokenization, so a prefix that starts with one leaves one behind.
        lead = " " if keep_space else ""
        cut = len(prefix)
        return current.with_column("completion", [lead + text[cut:] for text in current.completions])

    return Remediation(
        "completion_prefix",
        (
            f"All completions start with prefix `{prefix}`. Most of the time you should only add the output data"
            " into the completion, without any prefix",
        ),
        question=f"Remove prefix `{prefix}` from all completions",
        fix=remove_prefix,
        params={"prefix": prefix},
    )


def check_completion_ending(rows: Rows) -> Remediation | None:
    """Completions should end with a common ending (conditional generation only)."""
    if infer_task_type(rows) != "conditional generation":
        return None
    completions = rows.completions
    suffix = common_suffix(completions)
    if all(completion == suffix for completion in completions):
        return Remediation(
            "completion_ending",
            error=f"All completions are identical: `{suffix}`\nEnsure completions are different, otherwise the"
            f" model will just repeat `{suffix}`",
            params={"completion": suffix},
        )
    suggested = _suggest_ending_in(rows.completion_text)
    if suffix:
        finding = f"All completions end with suffix `{_show(suffix)}`"
        if len(suffix) > LONG_SUFFIX_CHARS:
            finding += f". This suffix seems very long. Consider replacing with a shorter suffix, such as `{_show(suggested)}`"
        if any(suffix in completion[: -len(suffix)] for completion in completions):
            finding += (
                f"\n  WARNING: Some of your completions contain the suffix `{suffix}` more than once. We suggest"
                " that you review your completions and add a unique ending"
            )
        return Remediation("completion_ending", (finding,), params={"ending": suffix})
    return Remediation(
        "completion_ending",
        (
            "Your data does not contain a common ending at the end of your completions. Having a common ending"
            " string appended to the end of the completion makes it clearer to the fine-tuned model where the"
            f" completion should end. See {GUIDE_URL} for more detail and examples.",
        ),
        question=f"Add a suffix ending `{_show(suggested)}` to all completions",
        fix=lambda current: current.with_column(
            "completion", [completion + suggested for completion in current.completions]
        ),
        params={"ending": suggested},
    )


def check_leading_space(rows: Rows) -> Remediation | None:
    """Completions should start with a space (better tokenization for the legacy models)."""
    if rows and all(completion.startswith(" ") for completion in rows.completions):
        return None
    return Remediation(
        "completion_leading_space",
        (
            "The completion should start with a whitespace character (` `). This tends to produce better results"
            f" due to the tokenization we use. See {GUIDE_URL} for more details",
        ),
        question="Add a whitespace character to the beginning of the completion",
        fix=add_leading_space,
    )


# ------------------------------------------------------------------------------------------ building blocks


def infer_task_type(rows: Rows) -> TaskType:
    """All prompts empty: open-ended; fewer distinct completions than a third of the rows: classification."""
    if not any(rows.prompts):
        return "open-ended generation"
    if rows.distinct_completions < len(rows) / CLASSIFICATION_THRESHOLD:
        return "classification"
    return "conditional generation"


def common_prefix(texts: Sequence[str]) -> str:
    """The longest prefix all ``texts`` share ("" for none)."""
    if not texts:
        return ""
    low, high = min(texts), max(texts)
    length = 0
    while length < len(low) and low[length] == high[length]:
        length += 1
    return low[:length]


def common_suffix(texts: Sequence[str]) -> str:
    """The longest suffix all ``texts`` share ("" for none); stops as soon as nothing is shared."""
    if not texts:
        return ""
    suffix = texts[0]
    for text in texts:
        if not suffix:
            break
        if not text.endswith(suffix):
            shared = 0
            while shared < min(len(suffix), len(text)) and suffix[-1 - shared] == text[-1 - shared]:
                shared += 1
            suffix = suffix[len(suffix) - shared :]
    return suffix


def suggest_separator(prompts: Sequence[str]) -> str:
    """The first legacy separator found in no prompt (`` ->`` only when no prompt has a line break)."""
    return _suggest_separator_in(_joined(prompts))


def _suggest_separator_in(joined: str) -> str:
    options = (s for s in LEGACY_SEPARATOR_OPTIONS if not (s == " ->" and "\n" in joined))
    return _first_absent(options, joined, LEGACY_SEPARATOR_FALLBACK)


def suggest_ending(completions: Sequence[str]) -> str:
    """The first legacy completion ending found in no completion."""
    return _suggest_ending_in(_joined(completions))


def _suggest_ending_in(joined: str) -> str:
    return _first_absent(LEGACY_ENDING_OPTIONS, joined, LEGACY_ENDING_FALLBACK)


def _joined(texts: Sequence[str]) -> str:
    # NUL never occurs in a separator or ending, so no option can match across two texts: searching one
    # string in C answers "found in any text" without a Python loop over the rows.
    return "\x00".join(texts)


def _first_absent(options: Iterable[str], joined: str, fallback: str) -> str:
    for option in options:
        if option not in joined:
            return option
    return fallback


def duplicate_indexes(rows: Rows) -> list[int]:
    """0-based positions of rows equal to an earlier row."""
    if len(set(rows.prompts)) == len(rows):
        return []  # distinct prompts, distinct rows: the usual case, without a tuple per row
    seen: set[tuple[str, str]] = set()
    duplicated: list[int] = []
    for index, row in enumerate(zip(rows.prompts, rows.completions, strict=True)):
        if row in seen:
            duplicated.append(index)
        seen.add(row)
    return duplicated


def remove_duplicates(rows: Rows) -> Rows:
    """Keep the first of each set of equal rows."""
    return Rows.from_pairs(dict.fromkeys(zip(rows.prompts, rows.completions, strict=True)))


def long_indexes(rows: Rows) -> list[int]:
    """0-based positions of examples with more than 10,000 characters of prompt + completion."""
    if not rows or max(map(len, rows.prompts)) + max(map(len, rows.completions)) <= LONG_EXAMPLE_CHARS:
        return []
    return [index for index, length in enumerate(_lengths(rows)) if length > LONG_EXAMPLE_CHARS]


def _lengths(rows: Rows) -> Iterator[int]:
    """Characters of prompt + completion, row by row."""
    return map(int.__add__, map(len, rows.prompts), map(len, rows.completions))


def add_leading_space(rows: Rows) -> Rows:
    return rows.with_column(
        "completion", [text if text.startswith(" ") else " " + text for text in rows.completions]
    )


def _show(text: str) -> str:
    """How the legacy tool showed separators and endings: line breaks as ``\\n``."""
    return text.replace("\n", "\\n")


def _index_list(indexes: Sequence[int]) -> str:
    return ", ".join(map(str, indexes))


# -------------------------------------------------------------------------------------------------- output


def output_paths(source: str, *, split: bool, exists: Callable[[str], bool] = os.path.exists) -> list[str]:
    """``content.xlsx`` -> ``content_prepared.jsonl`` (or ``_prepared_train``/``_prepared_valid``).

    When any of the names is taken, all get `` (1)``, `` (2)``... before ``.jsonl``. Strings, not paths, so
    the names print as the user typed the source (``./content_prepared.jsonl``), as the legacy tool did.
    """
    stem = os.path.splitext(source)[0]
    suffixes = ("_train", "_valid") if split else ("",)
    number = 0
    while True:
        counter = f" ({number})" if number else ""
        names = [f"{stem}{PREPARED_SUFFIX}{suffix}{counter}.jsonl" for suffix in suffixes]
        if not any(exists(name) for name in names):
            return names
        number += 1


def train_size(count: int) -> int:
    """Training rows of a split: all but 1,000, and at least 80 %."""
    return max(count - MAX_VALID_EXAMPLES, int(count * TRAIN_FRACTION))


def split_train_valid(rows: Rows) -> tuple[Rows, Rows]:
    """The legacy split: training rows drawn at random (seed 42) in drawn order, validation rows in file order.

    The draw is numpy's ``RandomState(42).permutation(len(rows))[:train_size]``, which pandas'
    ``DataFrame.sample(n, random_state=42)`` used, so the files match the legacy tool's.
    """
    chosen = permutation(len(rows), SPLIT_SEED)[: train_size(len(rows))]
    picked = set(chosen)
    return rows.take(chosen), rows.where(index not in picked for index in range(len(rows)))


def permutation(count: int, seed: int) -> list[int]:
    """``numpy.random.RandomState(seed).permutation(count)``, without numpy."""
    generator = _MersenneTwister(seed)
    order = list(range(count))
    for high in reversed(range(1, count)):
        other = generator.bounded(high)
        order[high], order[other] = order[other], order[high]
    return order


class _MersenneTwister:
    """MT19937 as numpy's legacy ``RandomState`` seeds and uses it (for reproducing its permutations)."""

    _SIZE = 624
    _SHIFT = 397
    _MASK32 = 0xFFFFFFFF

    def __init__(self, seed: int) -> None:
        state = [seed & self._MASK32]
        for index in range(1, self._SIZE):
            previous = state[-1]
            state.append((1812433253 * (previous ^ (previous >> 30)) + index) & self._MASK32)
        self._state = state
        self._position = self._SIZE

    def _twist(self) -> None:
        state = self._state
        for index in range(self._SIZE):
            y = (state[index] & 0x80000000) | (state[(index + 1) % self._SIZE] & 0x7FFFFFFF)
            value = state[(index + self._SHIFT) % self._SIZE] ^ (y >> 1)
            state[index] = value ^ 0x9908B0DF if y & 1 else value
        self._position = 0

    def next32(self) -> int:
        if self._position >= self._SIZE:
            self._twist()
        y = self._state[self._position]
        self._position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C5680
        y ^= (y << 15) & 0xEFC60000
        return y ^ (y >> 18)

    def next64(self) -> int:
        return (self.next32() << 32) | self.next32()

    def bounded(self, high: int) -> int:
        """Uniform in [0, high] by masked rejection, as numpy's ``random_interval``."""
        if high == 0:
            return 0
        mask = (1 << high.bit_length()) - 1
        draw = self.next32 if high <= self._MASK32 else self.next64
        while True:
            value = draw() & mask
            if value <= high:
                return value


def classification_options(rows: Rows) -> str:
    """The legacy create command's classification metrics options."""
    counts = Counter(rows.completions)
    options = " --compute_classification_metrics"
    if len(counts) == 2:
        # most_common keeps first-seen order among equal counts, as pandas' value_counts did
        positive = counts.most_common(1)[0][0]
        return f'{options} --classification_positive_class "{positive}"'
    return f"{options} --classification_n_classes {len(counts)}"


def plan_output(
    source: str, rows: Rows, *, split: bool, exists: Callable[[str], bool] = os.path.exists
) -> OutputPlan:
    """The files to write (names not taken yet): one, or for classification data with ``split`` a training
    and a validation file, plus the create command's options for them."""
    split = split and infer_task_type(rows) == "classification"
    names = output_paths(source, split=split, exists=exists)
    if not split:
        return OutputPlan((OutputFile(names[0], rows),), "")
    train, valid = split_train_valid(rows)
    options = f' -v "{names[1]}"' + classification_options(rows)
    return OutputPlan((OutputFile(names[0], train), OutputFile(names[1], valid)), options)


def advise(rows: Rows, *, original_count: int) -> Advice:
    """Advice for the final rows; ``original_count`` (rows read) matters for the time estimate only."""
    task = infer_task_type(rows)
    return Advice(
        task=task,
        separator=common_suffix(rows.prompts),
        stop=advised_stop(rows, task),
        estimated_seconds=estimate_training_seconds(rows, task, rows_removed=len(rows) < original_count),
    )


def advised_stop(rows: Rows, task: TaskType) -> str:
    """The stop sequence to advise: the completions' common ending.

    Not for classification: no ending is added there, and the legacy tool's advice of whatever the class
    names happen to share (``stop=["tive"]`` for positive/negative) would cut the answers short.
    """
    if task == "classification":
        return ""
    return common_suffix(rows.completions)


def estimate_training_seconds(rows: Rows, task: TaskType, *, rows_removed: bool) -> float:
    """The legacy tool's estimate for a `curie` model, queue not included.

    Classification: 1.44 s per example. Otherwise proportional to the bytes pandas counted for the table:
    8 per cell (two columns) plus its row index, which was a small range object unless rows had been
    removed, then 8 bytes per row plus the hash table pandas had built for it by then.
    """
    count = len(rows)
    if task == "classification":
        return count * 1.44 + 140
    index_bytes = 8 * count + _hash_table_bytes(count) if rows_removed else 132
    return (index_bytes + 16 * count) * 0.0515 + 140


def _hash_table_bytes(count: int) -> int:
    # pandas' khash table: power-of-two buckets (at least 4) filled to at most 77 %, 16 bytes per bucket,
    # 4 bytes of flags per 32 buckets, 40 bytes of header.
    buckets = 4
    while int(buckets * 0.77 + 0.5) < count:
        buckets *= 2
    return 40 + 4 * max(1, buckets >> 5) + 16 * buckets


def format_duration(seconds: float) -> str:
    """As the legacy tool rounded it: "2.78 minutes"."""
    if seconds < 60:
        return f"{round(seconds, 2)} seconds"
    if seconds < 3600:
        return f"{round(seconds / 60, 2)} minutes"
    if seconds < 86400:
        return f"{round(seconds / 3600, 2)} hours"
    return f"{round(seconds / 86400, 2)} days"


# json.dumps(text, ensure_ascii=False) for a plain str, without the per-call machinery (C when available).
_encode_string: Callable[[str], str] = json.encoder.encode_basestring

_WRITE_BATCH_ROWS = 512
"""Rows turned into text, encoded and written together: few calls, and a batch small enough (a few hundred KB)
to stay in the CPU cache from one step to the next (larger batches measured slower)."""


def jsonl_line(row: Pair) -> str:
    """One output line as pandas' ``to_json(orient="records", lines=True, force_ascii=False)`` wrote it:
    no spaces, UTF-8 text as is, control characters as ``\\u00XX``, and ``/`` escaped as ``\\/``."""
    return _jsonl_text([row.prompt], [row.completion]).removesuffix("\n")


def _jsonl_text(prompts: Iterable[str], completions: Iterable[str]) -> str:
    """The lines of these rows, each ending with a line break."""
    encode = _encode_string
    text = "".join(
        [
            f'{{"prompt":{encode(prompt)},"completion":{encode(completion)}}}\n'
            for prompt, completion in zip(prompts, completions, strict=True)
        ]
    )
    # Only the texts can hold "/" (the keys and JSON punctuation have none), so one pass escapes them all.
    return text.replace("/", "\\/")


def jsonl_chunks(rows: Rows) -> Iterator[bytes]:
    """The file's bytes (UTF-8, one :func:`jsonl_line` per row), a batch of rows at a time."""
    prompts, completions = rows.prompts, rows.completions
    for start in range(0, len(rows), _WRITE_BATCH_ROWS):
        stop = start + _WRITE_BATCH_ROWS
        yield _jsonl_text(prompts[start:stop], completions[start:stop]).encode("utf-8")


def write_outputs(plan: OutputPlan) -> None:
    """Write the planned files (atomically, UTF-8, one line per row)."""
    for output in plan.files:
        path = Path(output.path)
        try:
            with atomic_writer(path) as handle:
                for chunk in jsonl_chunks(output.rows):
                    handle.write(chunk)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise DatasetError(
                f"Cannot write the file: {reason}", code="write_failed", path=path, details={"reason": reason}
            ) from exc
