"""The dataset report the Data tab shows, as plain data and plain English text (for ``finetune-desk check``).

:func:`build_report` gathers what the Data tab computes for a loaded file: import notes, problems by code,
token distributions, rows over the model's limit, special-token-shaped strings and the cost estimate.
:func:`format_report` renders it as English text; :func:`report_to_json` as JSON for scripts.

Row numbers in a report are 1-based example numbers, as the Data tab numbers its rows (the header of a table
and skipped blank rows are not counted), so they match the row labels the user sees in the app.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from desktop_app.core.formats import ImportResult
from desktop_app.core.prices import PriceTable
from desktop_app.core.tokens import Distribution, count_dataset, special_token_rows
from desktop_app.core.validation import Issue, Severity, check_for_model, has_blocking_errors

DEFAULT_MODEL = "gpt-4o-mini-2024-07-18"
EXAMPLE_ROWS = 5
"""How many example row numbers a report lists for each kind of problem."""
ROW_CONVENTION = "Row numbers are example numbers as in the Data tab (1 = first example; header not counted)."

# What a per-row problem is, for the summary line ("empty prompt: 2 rows (rows 3, 7)").
_ROW_PROBLEM_TEXT = {
    "empty_prompt": "empty prompt",
    "empty_completion": "empty completion (answer)",
    "duplicate_example": "repeats an earlier row",
    "long_example": "very long example (characters)",
}
_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class ProblemSummary:
    """All issues of one code: how many, and the first few rows they are on."""

    code: str
    severity: str
    """"error", "warning" or "info"."""
    count: int
    rows: list[int]
    """Up to :data:`EXAMPLE_ROWS` 1-based example numbers; empty for whole-dataset issues."""
    message: str
    """English: the issue's own message for whole-dataset issues, else what the problem is."""


@dataclass(frozen=True)
class SpecialTokenFinding:
    """A special-token-shaped string (``<|endoftext|>``...) found inside the text of some rows."""

    token: str
    count: int
    """Rows containing it."""
    rows: list[int]
    """Up to :data:`EXAMPLE_ROWS` 1-based example numbers."""


@dataclass(frozen=True)
class DatasetReport:
    source: str | None
    rows: int
    sheet: str | None
    sheets: list[str]
    text_encoding: str | None
    """Text encoding of a CSV/TSV/JSON file; None for workbooks."""
    import_warnings: list[str]
    problems: list[ProblemSummary]
    """Errors first, then warnings, then notes; by first appearance within each."""
    errors: int
    warnings: int
    blocking: bool
    """True when OpenAI would refuse the file (any error)."""
    special_tokens: list[SpecialTokenFinding]
    model_id: str
    tokenizer: str
    legacy: bool
    system_prompt: str
    messages_per_example: Distribution
    tokens_per_example: Distribution
    assistant_tokens_per_example: Distribution
    example_limit: int | None
    rows_over_limit: int
    rows_over_limit_examples: list[int]
    """Up to :data:`EXAMPLE_ROWS` 1-based example numbers."""
    epochs: int
    billed_tokens_per_epoch: int
    training_tokens: int
    usd_per_1m_tokens: float | None
    price_date: dt.date | None
    estimated_usd: float | None


def build_report(
    import_result: ImportResult, model_id: str, system_prompt: str = "", *, prices: PriceTable | None = None
) -> DatasetReport:
    """Check and count ``import_result``'s dataset for ``model_id`` (``system_prompt`` for rows without one).

    The cost estimate uses ``prices`` (the shipped price table if None).

    May raise :class:`~desktop_app.core.tokens.TokenizerError` when a shipped tokenizer file is damaged.
    """
    dataset = import_result.dataset
    dataset.base_model = (
        model_id  # the checks follow the model: prepare_data's own for davinci-002 / babbage-002
    )
    issues = check_for_model(dataset)
    tokens = count_dataset(dataset, model_id, system_prompt=system_prompt, prices=prices)
    errors = sum(issue.severity is Severity.ERROR for issue in issues)
    warnings = sum(issue.severity is Severity.WARNING for issue in issues)
    return DatasetReport(
        source=str(dataset.source) if dataset.source is not None else None,
        rows=len(dataset.examples),
        sheet=dataset.sheet,
        sheets=list(import_result.sheets),
        text_encoding=dataset.encoding,
        import_warnings=[warning.message for warning in import_result.warnings],
        problems=_summarise(issues),
        errors=errors,
        warnings=warnings,
        blocking=has_blocking_errors(issues),
        special_tokens=_special_tokens(import_result, system_prompt, legacy=tokens.legacy),
        model_id=model_id,
        tokenizer=tokens.encoding,
        legacy=tokens.legacy,
        system_prompt=system_prompt,
        messages_per_example=tokens.messages_per_example,
        tokens_per_example=tokens.tokens_per_example,
        assistant_tokens_per_example=tokens.assistant_tokens_per_example,
        example_limit=tokens.example_limit,
        rows_over_limit=len(tokens.rows_over_limit),
        rows_over_limit_examples=[row + 1 for row in tokens.rows_over_limit[:EXAMPLE_ROWS]],
        epochs=tokens.epochs,
        billed_tokens_per_epoch=tokens.billed_tokens_per_epoch,
        training_tokens=tokens.training_tokens,
        usd_per_1m_tokens=tokens.usd_per_1m_tokens,
        price_date=tokens.price_date,
        estimated_usd=tokens.estimated_usd,
    )


def _summarise(issues: list[Issue]) -> list[ProblemSummary]:
    grouped: dict[tuple[Severity, str], list[Issue]] = {}
    for issue in issues:
        grouped.setdefault((issue.severity, issue.code), []).append(issue)
    ordered = sorted(grouped.items(), key=lambda item: _SEVERITY_ORDER[item[0][0]])  # stable: keeps order
    summaries: list[ProblemSummary] = []
    for (severity, code), group in ordered:
        rows = [issue.row + 1 for issue in group if issue.row is not None]
        whole_dataset = not rows
        summaries.append(
            ProblemSummary(
                code=code,
                severity=severity.value,
                count=len(group),
                rows=rows[:EXAMPLE_ROWS],
                message=group[0].message if whole_dataset else _ROW_PROBLEM_TEXT.get(code, code),
            )
        )
    return summaries


def _special_tokens(
    import_result: ImportResult, system_prompt: str, *, legacy: bool
) -> list[SpecialTokenFinding]:
    rows_by_token: dict[str, list[int]] = {}
    found_by_row = special_token_rows(import_result.dataset, system_prompt=system_prompt, legacy=legacy)
    for index, found in found_by_row.items():
        for token in found:
            rows_by_token.setdefault(token, []).append(index + 1)
    return [
        SpecialTokenFinding(token, len(rows), rows[:EXAMPLE_ROWS]) for token, rows in rows_by_token.items()
    ]


# ------------------------------------------------------------------------------------------------ output


def report_to_dict(report: DatasetReport) -> dict[str, Any]:
    """The report as JSON-ready plain data (dates as ISO strings)."""
    data = dataclasses.asdict(report)
    data["price_date"] = report.price_date.isoformat() if report.price_date is not None else None
    data["row_numbering"] = ROW_CONVENTION
    return data


def report_to_json(report: DatasetReport) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2)


def format_report(report: DatasetReport) -> str:
    """The report as plain English text, one section per paragraph, ending with a newline."""
    sections = [
        _file_section(report),
        _problems_section(report),
        _special_tokens_section(report),
        _tokens_section(report),
        _cost_section(report),
        _verdict(report),
    ]
    return "\n\n".join(section for section in sections if section) + "\n"


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _rows_text(rows: list[int], total: int) -> str:
    """``"3 rows: 4, 9, 12"``; past :data:`EXAMPLE_ROWS` ``"7 rows: 1, 2, 3, 4, 5, ... (2 more)"``."""
    listed = ", ".join(str(row) for row in rows)
    more = f", ... ({total - len(rows):,} more)" if total > len(rows) else ""
    return f"{_plural(total, 'row')}: {listed}{more}"


def _file_section(report: DatasetReport) -> str:
    lines = [f"File: {report.source or '(unnamed)'}", f"  Examples: {report.rows:,}"]
    if report.sheet is not None:
        others = f" (first of {len(report.sheets)} sheets)" if len(report.sheets) > 1 else ""
        lines.append(f"  Sheet: {report.sheet}{others}")
    if report.text_encoding is not None:
        lines.append(f"  Text encoding: {report.text_encoding}")
    lines.extend(f"  Import note: {warning}" for warning in report.import_warnings)
    lines.append(f"  {ROW_CONVENTION}")
    return "\n".join(lines)


def _problems_section(report: DatasetReport) -> str:
    if not report.problems:
        return "Problems: none found."
    lines = [f"Problems: {_plural(report.errors, 'error')}, {_plural(report.warnings, 'warning')}"]
    for problem in report.problems:
        label = {"error": "ERROR", "warning": "WARNING"}.get(problem.severity, "NOTE")
        if problem.rows:
            where = _rows_text(problem.rows, problem.count)
            lines.append(f"  {label} {problem.code} - {problem.message}: {where}")
        else:
            lines.append(f"  {label} {problem.code}: {problem.message}")
    return "\n".join(lines)


def _special_tokens_section(report: DatasetReport) -> str:
    if not report.special_tokens:
        return ""
    lines = [
        "Special tokens inside the text (usually left over from another tool's chat template; they are"
        " trained as plain text):"
    ]
    lines.extend(
        f"  WARNING {finding.token} in {_rows_text(finding.rows, finding.count)}"
        for finding in report.special_tokens
    )
    return "\n".join(lines)


def _tokens_section(report: DatasetReport) -> str:
    counted_as = "prompt + completion, legacy model" if report.legacy else "chat messages"
    header = f"{'':<32}{'min':>8}{'max':>8}{'mean':>10}{'median':>10}{'p10':>10}{'p90':>10}"
    lines = [
        f"Tokens for {report.model_id} ({report.tokenizer}, counted as {counted_as}):",
        header,
    ]
    distributions = [("tokens per example", report.tokens_per_example)]
    distributions.append(("assistant tokens per example", report.assistant_tokens_per_example))
    if not report.legacy:
        distributions.insert(0, ("messages per example", report.messages_per_example))
    for name, values in distributions:
        lines.append(
            f"  {name:<30}{values.min:>8,}{values.max:>8,}{values.mean:>10,.1f}{values.median:>10,.1f}"
            f"{values.p10:>10,.1f}{values.p90:>10,.1f}"
        )
    if report.example_limit is None:
        lines.append("  Per-example limit: unknown for this model (no rows are flagged).")
    elif report.rows_over_limit:
        where = _rows_text(report.rows_over_limit_examples, report.rows_over_limit)
        lines.append(
            f"  WARNING over the {report.example_limit:,}-token limit per example (truncated in training):"
            f" {where}"
        )
    else:
        lines.append(f"  No rows over the {report.example_limit:,}-token limit per example.")
    return "\n".join(lines)


def _cost_section(report: DatasetReport) -> str:
    lines = [
        "Training cost:",
        f"  Default epochs (auto): {report.epochs}",
        f"  Billed tokens: {report.billed_tokens_per_epoch:,} per epoch x {report.epochs} epochs"
        f" = {report.training_tokens:,}",
    ]
    if report.estimated_usd is None or report.usd_per_1m_tokens is None:
        lines.append(f"  Estimated cost: price unknown for {report.model_id}")
    else:
        as_of = f"price as of {report.price_date.isoformat()}" if report.price_date else "price date unknown"
        amount = "under $0.01" if 0 < report.estimated_usd < 0.005 else f"${report.estimated_usd:,.2f}"
        lines.append(
            f"  Estimated cost: {amount} (${report.usd_per_1m_tokens:,.2f} per 1M training tokens, {as_of})"
        )
    return "\n".join(lines)


def _verdict(report: DatasetReport) -> str:
    if report.blocking:
        return f"Result: {_plural(report.errors, 'error')}; fix them before training (OpenAI would refuse the file)."
    return "Result: no blocking errors."
