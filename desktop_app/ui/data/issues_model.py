"""The list of check results under the table, and their wording in the user's language."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.core.formats import ImportWarning as DatasetImportWarning
from desktop_app.core.validation import Issue, Severity

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # 0-based dataset row the issue points at, or None

_SEVERITY_COLOURS = {
    Severity.ERROR: QColor("#b3261e"),
    Severity.WARNING: QColor("#8a5a00"),
    Severity.INFO: QColor("#1d4f91"),
}

Index = QModelIndex | QPersistentModelIndex


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
    }
    text = texts.get(issue.code)
    if text is None:
        return issue.message  # the core's English already names the row
    if issue.row is not None:
        return (
            QCoreApplication.translate("Issues", "Row %1: %2")
            .replace("%1", str(issue.row + 1))
            .replace("%2", text)
        )
    return text


def describe_import_warning(warning: DatasetImportWarning) -> str:
    d = warning.details
    texts = {
        "multiple_sheets": QCoreApplication.translate(
            "Issues", "The workbook has %1 sheets (%2); the sheet “%3” was read."
        )
        .replace("%1", d.get("count", ""))
        .replace("%2", d.get("sheets", ""))
        .replace("%3", d.get("sheet", "")),
        "extra_columns": QCoreApplication.translate(
            "Issues", "Ignored column(s) %1: only prompt, completion and system are used."
        ).replace("%1", d.get("columns", "")),
        "blank_rows_skipped": QCoreApplication.translate("Issues", "Skipped %1 empty row(s).").replace(
            "%1", d.get("count", "")
        ),
        "encoding_guessed": QCoreApplication.translate(
            "Issues", "The file is not UTF-8; it was read as %1. Check that the text looks right."
        ).replace("%1", d.get("encoding", "")),
    }
    return texts.get(warning.code, warning.message)


class IssueListModel(QAbstractListModel):
    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._issues: list[Issue] = []

    def set_issues(self, issues: list[Issue]) -> None:
        order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
        self.beginResetModel()
        self._issues = sorted(issues, key=lambda i: (order[i.severity], -1 if i.row is None else i.row))
        self.endResetModel()

    def issues(self) -> list[Issue]:
        return list(self._issues)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._issues)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._issues):
            return None
        issue = self._issues[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return describe_issue(issue)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_SEVERITY_COLOURS[issue.severity])
        if role == ROW_ROLE:
            return issue.row
        return None
