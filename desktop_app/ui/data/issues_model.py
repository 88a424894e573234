"""The list of check results under the table, and their wording in the user's language."""

from __future__ import annotations

from operator import attrgetter

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush

from desktop_app.core.formats import ImportWarning as DatasetImportWarning
from desktop_app.core.validation import Issue, Severity
from desktop_app.ui.colours import Tone, tone
from desktop_app.ui.help_terms import Term, term_help, term_title

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # 0-based dataset row the issue points at, or None

_SEVERITY_TONES = {
    Severity.ERROR: Tone.ERROR,
    Severity.WARNING: Tone.WARNING,
    Severity.INFO: Tone.INFO,
}

Index = QModelIndex | QPersistentModelIndex

# How many results the list shows at first and adds each time it is scrolled to its end. Views lay out every
# row they are given, each one a Python data() call and a text layout: 100,000 results (one warning a row) at
# once froze the window for 3.6 s.
FETCH_BATCH = 200

_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_ROW = attrgetter("row")


def describe_issue(issue: Issue) -> str:
    """The issue in the user's language; unknown codes fall back to the core's English text."""
    p = issue.params

    def arg(name: str) -> str:
        return str(p.get(name, ""))

    texts = {
        "no_examples": QCoreApplication.translate("Issues", "The dataset has no examples yet."),
        "too_few_examples": QCoreApplication.translate(
            "Issues", "Only %1 examples: training needs at least %2. Add more rows."
        )
        .replace("%1", arg("count"))
        .replace("%2", arg("minimum")),
        "few_examples": QCoreApplication.translate(
            "Issues", "%1 examples: it works, but %2 or more usually give clearly better results."
        )
        .replace("%1", arg("count"))
        .replace("%2", arg("recommended")),
        "empty_prompt": QCoreApplication.translate("Issues", "The prompt (question) is empty."),
        "too_many_tokens": QCoreApplication.translate(
            "Issues", "%1 tokens: more than the model trains on (%2); the rest is cut off."
        )
        .replace("%1", arg("tokens"))
        .replace("%2", arg("limit")),
        "special_token": QCoreApplication.translate(
            "Issues", "Contains %1, usually left over from another tool's chat template."
        ).replace("%1", arg("tokens")),
        "empty_completion": QCoreApplication.translate("Issues", "The completion (answer) is empty."),
        "duplicate_example": QCoreApplication.translate(
            "Issues", "Same question and answer as row %1."
        ).replace("%1", str(int(p.get("first_row", 0)) + 1)),
        "long_example": QCoreApplication.translate(
            "Issues", "Very long example (%1 characters): it may be cut off in training."
        ).replace("%1", arg("length")),
        "surrounding_whitespace": _whitespace_text(arg("column")),
        "no_system_message": IssueWords().no_system_message(_count(arg("count"))),
    }
    text = texts.get(issue.code)
    if text is None and issue.code.startswith("legacy_"):
        text = _legacy_texts(issue).get(issue.code)
    if text is None:
        return issue.message  # the core's English already names the row
    if issue.row is not None:
        return (
            QCoreApplication.translate("Issues", "Row %1: %2")
            .replace("%1", str(issue.row + 1))
            .replace("%2", text)
        )
    return text


def _shown(text: str) -> str:
    """A separator, ending or prefix in a message: line breaks as \\n, so they can be seen."""
    return text.replace("\n", "\\n")


def _whitespace_text(column: str) -> str:
    texts = {
        "prompt": QCoreApplication.translate(
            "Issues", "The prompt starts or ends with spaces or line breaks."
        ),
        "completion": QCoreApplication.translate(
            "Issues", "The answer starts or ends with spaces or line breaks: the model learns them too."
        ),
        "system": QCoreApplication.translate(
            "Issues", "The system message starts or ends with spaces or line breaks."
        ),
        "rejected": QCoreApplication.translate(
            "Issues", "The rejected answer starts or ends with spaces or line breaks."
        ),
    }
    return texts.get(column, texts["prompt"])


def _count(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 0


class IssueWords(QObject):
    """Issue texts that depend on a count: a QObject because Qt's translation tools read plural forms only
    from ``tr()`` calls."""

    def no_system_message(self, count: int) -> str:
        return self.tr(
            "%n example(s) have no system message. A system prompt for every row (above the table) usually helps.",
            "",
            count,
        )

    def blank_rows_skipped(self, count: int) -> str:
        return self.tr("Skipped %n empty row(s).", "", count)

    def extra_columns(self, columns: str) -> str:
        """``columns``: their names, comma-separated."""
        count = len([name for name in columns.split(",") if name.strip()])
        return self.tr(
            "Ignored column(s) %1: only prompt, completion and system are used.", "", count
        ).replace("%1", columns)

    def leading_space(self, count: int) -> str:
        return self.tr(
            "%n answer(s) do not start with a space; with the legacy models' tokenizer a leading space works "
            "better.",
            "",
            count,
        )


def _legacy_texts(issue: Issue) -> dict[str, str]:
    """Texts of the legacy prepare_data checks (prompt/completion models: davinci-002, babbage-002)."""
    p = issue.params

    def arg(name: str) -> str:
        return _shown(str(p.get(name, "")))

    answers = issue.column == "completion"
    tasks = {
        "classification": QCoreApplication.translate(
            "Issues",
            "The answers repeat a few labels: this data trains a classifier. Keep some rows aside for "
            "validation to measure how well it classifies.",
        ),
        "conditional generation": QCoreApplication.translate(
            "Issues", "The data trains the model to write an answer for each prompt (conditional generation)."
        ),
        "open-ended generation": QCoreApplication.translate(
            "Issues",
            "Every prompt is empty: the data trains the model to write freely (open-ended generation).",
        ),
    }
    return {
        "legacy_conversation": QCoreApplication.translate(
            "Issues",
            "A conversation of several messages: prompt/completion models (davinci-002, babbage-002) train on "
            "one question and one answer only.",
        ),
        "legacy_system_ignored": QCoreApplication.translate(
            "Issues",
            "Prompt/completion models have no system message: system prompts are left out of the file.",
        ),
        "legacy_task_type": tasks.get(str(p.get("task", "")), issue.message),
        "legacy_duplicate": QCoreApplication.translate("Issues", "Same prompt and answer as row %1.").replace(
            "%1", str(int(p.get("first_row", 0)) + 1)
        ),
        "legacy_long_example": QCoreApplication.translate(
            "Issues",
            "Very long example (%1 characters of prompt and answer): keep examples under 2048 tokens.",
        ).replace("%1", arg("length")),
        "legacy_upper_case": (
            QCoreApplication.translate(
                "Issues",
                "More than a third of the letters in the answers are capitals; models do better on normal case.",
            )
            if answers
            else QCoreApplication.translate(
                "Issues",
                "More than a third of the letters in the prompts are capitals; models do better on normal case.",
            )
        ),
        "legacy_identical_prompts": QCoreApplication.translate(
            "Issues",
            "All prompts are the same (“%1”): leave them all empty for open-ended generation, or make them differ.",
        ).replace("%1", arg("prompt")),
        "legacy_identical_completions": QCoreApplication.translate(
            "Issues", "All answers are the same (“%1”): the model would only learn to repeat it."
        ).replace("%1", arg("completion")),
        "legacy_separator_found": QCoreApplication.translate(
            "Issues",
            "All prompts end with “%1”: it is the separator that tells the model where the answer begins.",
        ).replace("%1", arg("separator")),
        "legacy_separator_added": QCoreApplication.translate(
            "Issues",
            "The prompts do not end with a common separator: exports add “%1” to each (end your prompts with it "
            "when you use the model).",
        ).replace("%1", arg("separator")),
        "legacy_separator_chosen": QCoreApplication.translate(
            "Issues", "Exports end every prompt with the chosen separator “%1”."
        ).replace("%1", arg("separator")),
        "legacy_separator_missing": QCoreApplication.translate(
            "Issues",
            "The prompts do not end with a common separator and exports add none: “%1” would tell the model "
            "where the answer begins.",
        ).replace("%1", arg("separator")),
        "legacy_separator_long": QCoreApplication.translate(
            "Issues", "The separator “%1” is very long; a shorter one such as “%2” works as well."
        )
        .replace("%1", arg("separator"))
        .replace("%2", arg("suggested")),
        "legacy_separator_inside_many": QCoreApplication.translate(
            "Issues",
            "%1 prompts contain the separator “%2” before their end: a separator found in no prompt, such as "
            "“%3”, tells the model where the prompt ends.",
        )
        .replace("%1", arg("count"))
        .replace("%2", arg("separator"))
        .replace("%3", arg("suggested")),
        "legacy_ending_inside_many": QCoreApplication.translate(
            "Issues",
            "%1 answers contain the ending “%2” before their end: an ending found in no answer, such as “%3”, "
            "tells the model where to stop.",
        )
        .replace("%1", arg("count"))
        .replace("%2", arg("ending"))
        .replace("%3", arg("suggested")),
        "legacy_separator_inside": QCoreApplication.translate(
            "Issues",
            "The prompt contains the separator “%1” before its end: the model may start answering there.",
        ).replace("%1", arg("separator")),
        "legacy_prompt_prefix": QCoreApplication.translate(
            "Issues",
            "All prompts start with “%1”. Fine-tuning needs no instructions or examples in the prompt: usually "
            "only the input.",
        ).replace("%1", arg("prefix")),
        "legacy_completion_prefix": QCoreApplication.translate(
            "Issues",
            "All answers start with “%1”. Usually an answer should hold only the output, without a prefix.",
        ).replace("%1", arg("prefix")),
        "legacy_ending_found": QCoreApplication.translate(
            "Issues", "All answers end with “%1”: it is the ending that tells the model where to stop."
        ).replace("%1", arg("ending")),
        "legacy_ending_added": QCoreApplication.translate(
            "Issues",
            "The answers do not end with a common ending: exports add “%1” to each (use it as the stop "
            "sequence with the model).",
        ).replace("%1", arg("ending")),
        "legacy_ending_chosen": QCoreApplication.translate(
            "Issues", "Exports end every answer with the chosen ending “%1”."
        ).replace("%1", arg("ending")),
        "legacy_ending_missing": QCoreApplication.translate(
            "Issues",
            "The answers do not end with a common ending and exports add none: “%1” would tell the model where "
            "to stop.",
        ).replace("%1", arg("ending")),
        "legacy_ending_long": QCoreApplication.translate(
            "Issues", "The ending “%1” is very long; a shorter one such as “%2” works as well."
        )
        .replace("%1", arg("ending"))
        .replace("%2", arg("suggested")),
        "legacy_ending_inside": QCoreApplication.translate(
            "Issues", "The answer contains the ending “%1” before its end: the model may stop there."
        ).replace("%1", arg("ending")),
        "legacy_leading_space": IssueWords().leading_space(int(p.get("count", 0))),
    }


def describe_import_warning(warning: DatasetImportWarning) -> str:
    d = warning.details
    texts = {
        "multiple_sheets": QCoreApplication.translate(
            "Issues", "The workbook has %1 sheets (%2); the sheet “%3” was read."
        )
        .replace("%1", d.get("count", ""))
        .replace("%2", d.get("sheets", ""))
        .replace("%3", d.get("sheet", "")),
        "extra_columns": IssueWords().extra_columns(d.get("columns", "")),
        "blank_rows_skipped": IssueWords().blank_rows_skipped(_count(d.get("count", ""))),
        "encoding_guessed": QCoreApplication.translate(
            "Issues", "The file is not UTF-8; it was read as %1. Check that the text looks right."
        ).replace("%1", d.get("encoding", "")),
    }
    return texts.get(warning.code, warning.message)


class IssueListModel(QAbstractListModel):
    """Errors first, then warnings, then notes; within each, whole-dataset results and then by row.

    Shows :data:`FETCH_BATCH` results at first and more as the list is scrolled (Qt's canFetchMore/fetchMore),
    so a check that finds a problem in every one of 100,000 rows does not freeze the window; :meth:`issues`
    always returns them all.
    """

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._issues: list[Issue] = []
        self._shown = 0

    def set_issues(self, issues: list[Issue], *, ordered: bool = False) -> None:
        """Show ``issues``; ``ordered`` says they are already in list order (see :func:`in_list_order`, which a
        worker can run)."""
        self.beginResetModel()
        self._issues = list(issues) if ordered else in_list_order(issues)
        self._shown = min(len(self._issues), FETCH_BATCH)
        self.endResetModel()

    def issues(self) -> list[Issue]:
        return list(self._issues)

    def issue(self, row: int) -> Issue | None:
        """The result shown in list row ``row`` (None outside the list)."""
        return self._issues[row] if 0 <= row < self._shown else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._shown

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._shown < len(self._issues)

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        more = min(FETCH_BATCH, len(self._issues) - self._shown)
        if more > 0:
            self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
            self._shown += more
            self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= self._shown:
            return None
        issue = self._issues[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return describe_issue(issue)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(tone(_SEVERITY_TONES[issue.severity]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return _term_tooltip(issue.code)
        if role == ROW_ROLE:
            return issue.row
        return None


def _term_tooltip(code: str) -> str | None:
    """What the term a result is about means (hovering a result about the separator explains separators)."""
    for marker, term in (
        ("separator", Term.SEPARATOR),
        ("ending", Term.ENDING),
        ("system", Term.SYSTEM_PROMPT),
    ):
        if marker in code:
            return f"<b>{term_title(term)}</b><br>{term_help(term)}"
    return None


def in_list_order(issues: list[Issue]) -> list[Issue]:
    """By severity, then whole-dataset results, then by row; stable. Buckets and a C-level sort key rather than
    a tuple per issue: about half the time (100,000 issues: ~30-40 ms instead of ~40-95 ms)."""
    whole: dict[int, list[Issue]] = {}
    by_row: dict[int, list[Issue]] = {}
    for issue in issues:
        rank = _SEVERITY_RANK.get(issue.severity, len(_SEVERITY_RANK))
        (whole if issue.row is None else by_row).setdefault(rank, []).append(issue)
    ordered: list[Issue] = []
    for rank in sorted(whole.keys() | by_row.keys()):
        ordered += whole.get(rank, [])
        ordered += sorted(by_row.get(rank, []), key=_ROW)
    return ordered
