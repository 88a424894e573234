"""Turn errors (data from the core and the providers) into messages in the user's language."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from desktop_app.core.errors import DatasetError
from desktop_app.core.tokens import TokenizerError
from desktop_app.providers.errors import ErrorKind, ProviderError, UnsupportedFeatureError
from desktop_app.storage.conversations import ConversationStoreError, StoreReadOnlyError


@dataclass(frozen=True)
class UserMessage:
    title: str
    text: str
    detail: str = ""  # technical detail for "show details": status, request id; never the key
    transient: bool = False  # things may work again by themselves (the app keeps trying)


def _operation_title(operation: str) -> str:
    titles = {
        "upload_file": QCoreApplication.translate("Errors", "Could not upload the training file"),
        "create_job": QCoreApplication.translate("Errors", "Could not create the training job"),
        "list_jobs": QCoreApplication.translate("Errors", "Could not load the job list"),
        "retrieve_job": QCoreApplication.translate("Errors", "Could not load the job"),
        "cancel_job": QCoreApplication.translate("Errors", "Could not cancel the job"),
        "pause_job": QCoreApplication.translate("Errors", "Could not pause the job"),
        "resume_job": QCoreApplication.translate("Errors", "Could not resume the job"),
        "list_events": QCoreApplication.translate("Errors", "Could not load the job's events"),
        "list_models": QCoreApplication.translate("Errors", "Could not load the model list"),
        "list_checkpoints": QCoreApplication.translate("Errors", "Could not load the job's checkpoints"),
        "list_files": QCoreApplication.translate("Errors", "Could not load the uploaded files"),
        "delete_file": QCoreApplication.translate("Errors", "Could not delete the file"),
        "fetch_file": QCoreApplication.translate("Errors", "Could not download the file"),
        "delete_model": QCoreApplication.translate("Errors", "Could not delete the model"),
        "chat": QCoreApplication.translate("Errors", "The model did not answer"),
        "completion": QCoreApplication.translate("Errors", "The model did not answer"),
        "test_connection": QCoreApplication.translate("Errors", "Connection test failed"),
    }
    return titles.get(operation, QCoreApplication.translate("Errors", "The service reported a problem"))


# What the user asked for (not background polling, which tries again by itself).
_USER_ACTIONS = frozenset(
    {"upload_file", "create_job", "cancel_job", "pause_job", "resume_job", "delete_file", "delete_model"}
)
# Answers the user asked for: nothing asks again by itself, and asking again does no harm.
_ANSWERS = frozenset({"chat", "completion"})


def wind_down_text() -> str:
    return QCoreApplication.translate(
        "Errors",
        "OpenAI no longer lets this account start fine-tuning jobs. Since May 2026 new organisations cannot "
        "fine-tune; since July 2026 neither can organisations that have not used a fine-tuned model in the last "
        "60 days; from 6 January 2027 nobody can start new jobs (models already trained keep working). "
        "Your data is safe: export it from the Data tab, try another OpenAI-compatible service in Settings, "
        "or keep learning in Practice mode.",
    )


def describe_provider_error(exc: ProviderError, *, is_openai: bool = False) -> UserMessage:
    title = _operation_title(exc.operation)
    kind = exc.kind
    if isinstance(exc, UnsupportedFeatureError):
        text = QCoreApplication.translate(
            "Errors", "This service does not offer this feature, so it has been hidden."
        )
    elif kind is ErrorKind.AUTHENTICATION:
        text = QCoreApplication.translate(
            "Errors",
            "The service did not accept the API key. Check the key in Settings (it may be mistyped or revoked).",
        )
    elif kind is ErrorKind.PERMISSION and exc.operation == "create_job" and is_openai:
        text = wind_down_text()
    elif kind is ErrorKind.PERMISSION:
        text = QCoreApplication.translate(
            "Errors",
            "Your account is not allowed to do this. Check the organization, project and key's role.",
        )
    elif kind is ErrorKind.NOT_FOUND and exc.is_missing_model:
        text = QCoreApplication.translate(
            "Errors",
            "The model “%1” is not available on this service: it may have been deleted, or its name is wrong. "
            "Choose another model.",
        ).replace("%1", exc.model or "")
    elif kind is ErrorKind.NOT_FOUND:
        text = QCoreApplication.translate(
            "Errors",
            "The service could not find it. It may have been deleted, or the address in Settings is wrong.",
        )
    elif kind is ErrorKind.BAD_REQUEST:
        text = QCoreApplication.translate("Errors", "The service rejected the request.")
    elif kind is ErrorKind.CONFLICT:
        text = QCoreApplication.translate(
            "Errors",
            "The service refused because the item changed meanwhile (for example the job already ended).",
        )
    elif kind in (ErrorKind.RATE_LIMIT, ErrorKind.SERVER) and exc.operation in _USER_ACTIONS | _ANSWERS:
        # Nothing retries a user's own action by itself (creating a job twice would cost twice).
        if kind is ErrorKind.RATE_LIMIT and exc.retry_after:
            text = QCoreApplication.translate(
                "Errors", "The service is busy or your quota is used up. Try again in %1 s."
            ).replace("%1", f"{exc.retry_after:g}")
        elif kind is ErrorKind.RATE_LIMIT:
            text = QCoreApplication.translate(
                "Errors", "The service is busy or your quota is used up. Try again in a moment."
            )
        else:
            text = QCoreApplication.translate(
                "Errors",
                "The service had an internal problem. This is usually temporary: try again in a moment.",
            )
    elif kind is ErrorKind.RATE_LIMIT:
        if exc.retry_after:
            text = QCoreApplication.translate(
                "Errors", "The service is busy or your quota is used up. The app will try again in %1 s."
            ).replace("%1", f"{exc.retry_after:g}")
        else:
            text = QCoreApplication.translate(
                "Errors", "The service is busy or your quota is used up. The app will try again shortly."
            )
    elif kind is ErrorKind.SERVER:
        text = QCoreApplication.translate(
            "Errors",
            "The service had an internal problem. This is usually temporary; the app will try again.",
        )
    elif kind is ErrorKind.TIMEOUT and exc.operation in _ANSWERS:
        text = QCoreApplication.translate(
            "Errors", "The service took too long to answer. Check your connection, then try again."
        )
    elif kind is ErrorKind.TIMEOUT:
        text = QCoreApplication.translate(
            "Errors", "The service took too long to answer. Check your connection; the app will try again."
        )
    elif kind is ErrorKind.CONNECTION:
        text = QCoreApplication.translate(
            "Errors",
            "Could not reach the service. Check your internet connection and the address in Settings.",
        )
    elif kind is ErrorKind.BAD_RESPONSE and exc.operation in _USER_ACTIONS:
        text = QCoreApplication.translate(
            "Errors",
            "The service's answer could not be read, so it is not known whether this was done: look at the "
            "list before trying again. A proxy or gateway in between, or an address in Settings that is not "
            "an OpenAI-compatible service, usually causes this.",
        )
    elif kind is ErrorKind.BAD_RESPONSE and exc.operation in _ANSWERS:
        text = QCoreApplication.translate(
            "Errors",
            "The service's answer could not be read. A proxy or gateway in between, or an address in Settings "
            "that is not an OpenAI-compatible service, usually causes this.",
        )
    elif kind is ErrorKind.BAD_RESPONSE:
        text = QCoreApplication.translate(
            "Errors",
            "The service's answer could not be read. A proxy or gateway in between, or an address in Settings "
            "that is not an OpenAI-compatible service, usually causes this; the app will try again.",
        )
    else:
        text = QCoreApplication.translate("Errors", "Something unexpected went wrong.")
    if exc.message and kind not in (ErrorKind.CONNECTION, ErrorKind.TIMEOUT, ErrorKind.UNSUPPORTED):
        text += "\n" + QCoreApplication.translate("Errors", "The service said: %1").replace("%1", exc.message)
    detail_parts = []
    if exc.status_code is not None:
        detail_parts.append(f"HTTP {exc.status_code}")
    if exc.code:
        detail_parts.append(exc.code)
    if exc.request_id:
        detail_parts.append(
            QCoreApplication.translate("Errors", "request id %1").replace("%1", exc.request_id)
        )
    return UserMessage(title, text, " · ".join(detail_parts), transient=exc.is_transient)


def describe_dataset_error(exc: DatasetError) -> UserMessage:
    where = []
    if exc.path is not None:
        where.append(exc.path.name)
    if exc.line is not None:
        where.append(QCoreApplication.translate("Errors", "line %1").replace("%1", str(exc.line)))
    if exc.row is not None:
        where.append(QCoreApplication.translate("Errors", "row %1").replace("%1", str(exc.row)))
    location = ", ".join(where)
    texts = {
        "missing_columns": QCoreApplication.translate(
            "Errors", "The table needs a prompt (question) column and a completion (answer) column. Found: %1"
        ).replace("%1", exc.details.get("found", "")),
        "bad_json": QCoreApplication.translate("Errors", "This line is not valid JSON."),
        "decode_failed": QCoreApplication.translate(
            "Errors", "The file's text encoding could not be recognised."
        ),
        "unknown_encoding": QCoreApplication.translate("Errors", "This text encoding is not known."),
        "empty_file": QCoreApplication.translate("Errors", "The file has no examples."),
        "unsupported_type": QCoreApplication.translate(
            "Errors",
            "This kind of file cannot be opened. Use .xlsx, .xls, .csv, .tsv, .jsonl, .json or .txt.",
        ),
        "column_not_found": QCoreApplication.translate(
            "Errors", "The chosen column “%1” is not in the file. Found: %2"
        )
        .replace("%1", exc.details.get("column", ""))
        .replace("%2", exc.details.get("found", "")),
        "trailing_messages": QCoreApplication.translate(
            "Errors",
            "The conversation ends after its last answer; nothing would be trained on the last messages.",
        ),
        "message_unrecognized_key": QCoreApplication.translate(
            "Errors", "A message has a field OpenAI does not accept: %1"
        ).replace("%1", exc.details.get("keys", "")),
        "unsupported_content": QCoreApplication.translate(
            "Errors", "A message holds an image or other non-text part; only text can be trained here."
        ),
        "bad_weight": QCoreApplication.translate(
            "Errors", "A message's weight must be 0 or 1, and only answers (assistant messages) have one."
        ),
        "bad_conversation": QCoreApplication.translate(
            "Errors", "The conversation column of this row is damaged."
        ),
        "missing_rejected": QCoreApplication.translate(
            "Errors", "Example %1 has no rejected answer, which preference (DPO) training needs."
        ).replace("%1", exc.details.get("example", "")),
        "not_single_turn": QCoreApplication.translate(
            "Errors",
            "Example %1 is a conversation; davinci-002 and babbage-002 train on single question-answer pairs only.",
        ).replace("%1", exc.details.get("example", "")),
        "bad_project": QCoreApplication.translate(
            "Errors", "This FineTune Desk dataset file is damaged or from another program."
        ),
        "encrypted_workbook": QCoreApplication.translate(
            "Errors",
            "The workbook is protected with a password. Open it in Excel, remove the password "
            "(File → Info → Protect Workbook), save it, and open it here again.",
        ),
        "wrong_extension": QCoreApplication.translate(
            "Errors", "The file is really %1 with the wrong name. Rename it to end with %2 and open it again."
        )
        .replace("%1", exc.details.get("description", ""))
        .replace("%2", exc.details.get("actual_suffix", "")),
        "binary_file": QCoreApplication.translate(
            "Errors", "This is not a text file (it looks like %1). Save it from its program as CSV or JSONL."
        ).replace("%1", exc.details.get("description", "")),
        "file_too_large": QCoreApplication.translate(
            "Errors", "The file is %1; files over %2 cannot be trained on, so they are not opened."
        )
        .replace("%1", exc.details.get("size", ""))
        .replace("%2", exc.details.get("limit", "")),
        "sheet_not_found": QCoreApplication.translate("Errors", "The workbook has no sheet of that name."),
        "bad_workbook": QCoreApplication.translate(
            "Errors", "The Excel file is damaged or not really an Excel file."
        ),
        "bad_csv": QCoreApplication.translate("Errors", "The CSV file is malformed (check its quotes)."),
        "read_failed": QCoreApplication.translate("Errors", "The file could not be read."),
        "not_a_table": QCoreApplication.translate("Errors", "The file does not contain a list of examples."),
        "bad_record": QCoreApplication.translate(
            "Errors",
            "This example is in no known format (messages, prompt/completion, instruction/output, conversations).",
        ),
        "bad_message": QCoreApplication.translate("Errors", "A message needs a role and text content."),
        "no_assistant": QCoreApplication.translate("Errors", "This example has no assistant answer."),
        "illegal_character": QCoreApplication.translate(
            "Errors", "This cell contains a control character that Excel files cannot hold."
        ),
        "cell_too_long": QCoreApplication.translate(
            "Errors", "This cell is longer than Excel's 32,767 characters."
        ),
        "write_failed": QCoreApplication.translate("Errors", "The file could not be written."),
        "identical_prompts": QCoreApplication.translate(
            "Errors",
            "Every prompt is the same, so a legacy model could not tell them apart. Vary the questions.",
        ),
        "identical_completions": QCoreApplication.translate(
            "Errors", "Every answer is the same, so there is nothing to learn. Vary the answers."
        ),
        "no_examples": QCoreApplication.translate("Errors", "There are no examples yet."),
        "bad_payload": QCoreApplication.translate("Errors", "The saved work could not be read back."),
    }
    text = texts.get(exc.code)
    if text is None:
        text = str(exc)  # the core's English names the file and place
    elif location:
        text = f"{location}: {text}"
    if int(exc.details.get("bad_count", "1") or 1) > 1:
        text += "\n" + (
            QCoreApplication.translate("Errors", "%1 records could not be read in all (lines %2).")
            .replace("%1", exc.details["bad_count"])
            .replace("%2", exc.details.get("bad_lines", ""))
        )
    return UserMessage(QCoreApplication.translate("Errors", "Could not use the file"), text, str(exc))


def describe_history_error(exc: ConversationStoreError) -> UserMessage:
    """The conversation history (chat) could not be read or written; chatting itself goes on."""
    if isinstance(exc, StoreReadOnlyError):
        return UserMessage(
            QCoreApplication.translate("Errors", "Conversations are not being kept"),
            QCoreApplication.translate(
                "Errors",
                "The history was written by a newer version of FineTune Desk: it is shown, but nothing new is "
                "kept. Update the app to keep conversations again.",
            ),
            str(exc),
        )
    return UserMessage(
        QCoreApplication.translate("Errors", "The conversation history could not be read or written"),
        QCoreApplication.translate(
            "Errors", "Chatting still works. Check that the disk has room and this file can be written: %1"
        ).replace("%1", str(exc.path)),
        str(exc),
    )


def describe_tokenizer_error(exc: TokenizerError) -> UserMessage:
    """The bundled tokenizer files (tiktoken's encodings) are shipped with the app: one missing or damaged
    means a damaged installation."""
    where = str(exc.path) if exc.path is not None else ""
    if exc.code == "unknown_encoding":
        text = QCoreApplication.translate(
            "Errors", "The model's tokenizer is not known to this version of the app."
        )
    elif exc.code == "corrupt_file":
        text = QCoreApplication.translate(
            "Errors", "The tokenizer file %1 is damaged. Reinstall the app."
        ).replace("%1", where)
    else:
        text = QCoreApplication.translate(
            "Errors", "The tokenizer file %1 is missing. Reinstall the app."
        ).replace("%1", where)
    return UserMessage(QCoreApplication.translate("Errors", "Tokens could not be counted"), text, str(exc))


def describe_exception(exc: BaseException, *, is_openai: bool = False) -> UserMessage:
    if isinstance(exc, TokenizerError):
        return describe_tokenizer_error(exc)
    if isinstance(exc, ProviderError):
        return describe_provider_error(exc, is_openai=is_openai)
    if isinstance(exc, DatasetError):
        return describe_dataset_error(exc)
    if isinstance(exc, ConversationStoreError):
        return describe_history_error(exc)
    if isinstance(exc, OSError):
        name = exc.filename if isinstance(exc.filename, str) else ""
        return UserMessage(
            QCoreApplication.translate("Errors", "A file could not be read or written"),
            f"{name}: {exc.strerror or exc}".strip(": "),
            repr(exc),
        )
    return UserMessage(
        QCoreApplication.translate("Errors", "Something unexpected went wrong"),
        QCoreApplication.translate("Errors", "The app kept running. Details were written to the log."),
        f"{type(exc).__name__}: {exc}",
    )
