"""Every string the user reads in Chinese is Chinese: the window walked in zh_CN shows no English words.

The real window runs in zh_CN against Practice mode (the local simulated service, the default profile). The
test goes where a user goes, so that most widgets show real content rather than their empty start: it opens
the sample workbook in the Data tab and waits for the check, starts a job and follows it until it succeeded and
its story shows, asks the trained model one question in the Chat tab, and opens the dialogs the menus, buttons
and links open (New job, Settings, Training prices, Uploaded files, Trained models, the import preview, Find
and replace, Token statistics, the conversation and long-text editors, Add to dataset, About).

From each window it gathers what a user can read, shown or hidden (a hidden label shows later): label and
button texts, group titles, placeholders, tab texts and tooltips, window titles, tooltips, the texts of every
action in the menu bar (with submenus), toolbars, tool-button menus and context actions, header labels and
cells of every item view, combo box items, spin box prefixes, suffixes and special values, progress bar texts,
the job story and the chat transcript.

What legitimately stays in Latin letters is taken out first (see :func:`english_words`): the user's own data
(the workbook's cells and column names, the question, the model's answer, the suffix typed for the model),
identifiers and anything with a digit (ftjob-…, file-…, ft:… and gpt-… names, sizes, dates, money), e-mail
addresses, URLs, file names, snake_case names and code in straight double quotes (JSON examples), the model
catalogue's display names, and a short list of names the glossary keeps in English. Any run of three or more
ASCII letters left is an untranslated string, listed with the widget (class, object name, window) it was in.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    Qt,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QDoubleSpinBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTabBar,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop_app.core.models import BASE_MODELS
from desktop_app.resources import sample_dataset_path
from desktop_app.storage.settings import Profile, ProviderKind, practice_profile
from desktop_app.ui.chat.add_example_dialog import AddExampleDialog
from desktop_app.ui.data.table_model import COL_PROMPT
from desktop_app.ui.jobs.new_job_dialog import NewJobChoice
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.names import (
    SHIPPED_PRICE_SOURCES,
    model_display_name,
    price_source_text,
    profile_display_name,
)
from tests.ui.chat_helpers import ask, open_chat
from tests.ui.shown_text import plain

ROOT = Path(__file__).resolve().parents[2]
ZH_TS = ROOT / "resources" / "translations" / "finetune_desk_zh_CN.ts"
MODEL = "gpt-4o-mini-2024-07-18"
SUFFIX = "teashop"  # the model-name suffix the user typed: their data, shown in job titles and model names
QUESTION = "你们几点开门？"

# Names and terms that stay in Latin letters in the Chinese interface, each for a reason. Keep this short: a
# word belongs here only when a Chinese user reads it in English elsewhere too.
ALLOWED = (
    # The product (the glossary keeps "FineTune Desk") and the services and gateways it connects to.
    "FineTune Desk", "OpenAI", "Azure", "LiteLLM", "Nebius", "LocalAI",
    # File formats and technical names a user meets written so in other programs and in the services' pages.
    "JSON", "JSONL", "CSV", "Excel", "Markdown", "API", "DPO",
    # Kept by the glossary: "token" (as Chinese software writes it), the setting "Top-p", "服务地址 (Base URL)".
    "token", "tokens", "Top-p", "Base URL",
    # Key names, in shortcuts ("Ctrl+Enter", "Alt+↑").
    "Ctrl", "Alt", "Shift", "Enter",
    # A language's name in its own language, as language menus show them.
    "English",
)  # fmt: skip

_IDENTIFIER = re.compile(
    r"""^(ftjob-|ftckpt-|file-|ft:|gpt-|davinci|babbage)   # the service's ids and model names
    |@|://|^www\.                                          # e-mail addresses and URLs
    |^/|^~/|^[A-Za-z]:[\\/]                                # paths (the About box shows the data folders)
    |\w\.[A-Za-z]{2,6}$|^\.[A-Za-z]{2,6}$                  # file names and their extensions
    |_                                                     # snake_case names (call_…, o200k_base)
    """,
    re.VERBOSE,
)
_CODE = re.compile(r'"[^"\n]*"')  # in straight double quotes: code the user types as is (JSON examples)
# A word, a name or an id: what stands between spaces and (mostly Chinese) punctuation.
_TOKEN = re.compile(r"[^\s\u3000-\u303f\uff00-\uffef，。：；？！“”‘’、…·—–]+")
_LATIN_RUN = re.compile(r"[A-Za-z]{3,}")


# ---- collecting --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Seen:
    text: str
    where: str


def _menu_texts(menu: QMenu, where: str) -> Iterator[Seen]:
    for action in menu.actions():
        yield from _action_texts(action, f"{where} › {plain(menu.title()) or 'menu'}")


def _action_texts(action: QAction, where: str) -> Iterator[Seen]:
    if action.isSeparator():
        return
    yield Seen(plain(action.text()), f"action in {where}")
    if action.toolTip() and action.toolTip() != action.text():
        yield Seen(plain(action.toolTip()), f"action tooltip in {where}")
    if action.menu() is not None:
        yield from _menu_texts(action.menu(), where)


def _model_texts(view: QAbstractItemView, where: str) -> Iterator[Seen]:
    """Header labels and the cells' texts and tooltips (the first 200 rows, three levels of a tree)."""
    model = view.model()
    if model is None:
        return
    # PySide6 keeps the tree methods of list and table models private: they have no children anyway.
    flat = isinstance(model, (QAbstractListModel, QAbstractTableModel))

    def columns(parent: QModelIndex) -> int:
        return 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)

    for column in range(columns(QModelIndex())):
        header = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if isinstance(header, str):
            yield Seen(header, f"header of {where}")

    def rows(parent: QModelIndex, depth: int) -> Iterator[Seen]:
        for row in range(min(model.rowCount(parent), 200)):
            for column in range(columns(parent)):
                index = model.index(row, column, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = index.data(role)
                    if isinstance(value, str):
                        yield Seen(plain(value), f"cell of {where}")
            first = model.index(row, 0, parent)
            if depth < 3 and not flat and model.rowCount(first) > 0:
                yield from rows(first, depth + 1)

    yield from rows(QModelIndex(), 0)


def widget_texts(widget: QWidget, where: str) -> Iterator[Seen]:
    if widget.toolTip():
        yield Seen(plain(widget.toolTip()), f"tooltip of {where}")
    if isinstance(widget, QLabel):
        yield Seen(plain(widget.text()), where)
    elif isinstance(widget, QAbstractButton):
        yield Seen(plain(widget.text()), where)
        menu = widget.menu() if isinstance(widget, (QPushButton, QToolButton)) else None
        if menu is not None:
            yield from _menu_texts(menu, where)
    elif isinstance(widget, QGroupBox):
        yield Seen(plain(widget.title()), where)
    elif isinstance(widget, QLineEdit):
        yield Seen(widget.placeholderText(), f"placeholder of {where}")
    elif isinstance(widget, QTextBrowser):
        pass  # the story and the transcript are read on their own: they show the user's data too
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
        yield Seen(widget.placeholderText(), f"placeholder of {where}")
    elif isinstance(widget, QTabBar):
        for i in range(widget.count()):
            yield Seen(plain(widget.tabText(i)), f"tab of {where}")
            yield Seen(plain(widget.tabToolTip(i)), f"tab tooltip of {where}")
    elif isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield Seen(widget.itemText(i), f"item of {where}")
            tip = widget.itemData(i, Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str):
                yield Seen(plain(tip), f"item tooltip of {where}")
    elif isinstance(widget, QHeaderView):
        pass  # its labels are its view's model's, read with the view
    elif isinstance(widget, QAbstractItemView):
        yield from _model_texts(widget, where)
    elif isinstance(widget, QProgressBar) and widget.isTextVisible() and widget.maximum() > widget.minimum():
        yield Seen(widget.text(), f"text of {where}")
    if isinstance(widget, QAbstractSpinBox):
        yield Seen(widget.specialValueText(), f"special value of {where}")
        if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
            yield Seen(widget.prefix() + widget.suffix(), f"prefix/suffix of {where}")
    if widget.isWindow() or isinstance(widget, QDockWidget):
        yield Seen(widget.windowTitle(), f"window title of {where}")
    if widget.accessibleName():  # what a screen reader says
        yield Seen(widget.accessibleName(), f"accessible name of {where}")
    for action in widget.actions():  # context menus and shortcuts (e.g. the table's "Delete rows")
        yield from _action_texts(action, where)


def window_texts(root: QWidget) -> list[Seen]:
    """Everything readable in ``root`` and its children, shown or not (hidden texts show later)."""
    seen: list[Seen] = []
    window = type(root).__name__
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and widget.isWindow() and isinstance(widget, QDialog):
            continue  # a dialog is read on its own, while it is open
        where = type(widget).__name__ + (f"#{widget.objectName()}" if widget.objectName() else "")
        parent = widget.parentWidget()
        if parent is not None and parent.objectName() and not parent.objectName().startswith("qt_"):
            where += f" (in #{parent.objectName()})"
        seen.extend(widget_texts(widget, f"{where} in {window}"))
    if isinstance(root, MainWindow):
        for menu_action in root.menuBar().actions():
            seen.extend(_action_texts(menu_action, "the menu bar"))
        seen.append(Seen(root.statusBar().currentMessage(), "status bar message"))
    return [s for s in seen if s.text.strip()]


# ---- judging ---------------------------------------------------------------------------------------------------
def _model_names() -> list[str]:
    """The catalogue's display names ("GPT-4o mini", "davinci-002"): product names, longest first."""
    return sorted({m.display_name.split(" (")[0] for m in BASE_MODELS}, key=len, reverse=True)


def _without(text: str, phrases: Iterable[str]) -> str:
    for phrase in sorted(phrases, key=len, reverse=True):
        if phrase.strip():
            text = re.sub(rf"(?<![A-Za-z]){re.escape(phrase)}(?![A-Za-z])", " ", text)
    return text


def _is_identifier(token: str) -> bool:
    bare = token.strip("()[]{}<>'\",:;=+")
    return any(c.isdigit() for c in bare) or _IDENTIFIER.search(bare) is not None


def _names_code_and_ids_out(text: str) -> str:
    """``text`` without code, product names, the allowed terms and identifiers, its other characters kept."""
    text = _without(_CODE.sub(" ", text), [*_model_names(), *ALLOWED])
    return _TOKEN.sub(lambda token: " " if _is_identifier(token.group()) else token.group(), text)


def english_words(text: str, user_data: Iterable[str] = ()) -> list[str]:
    """The runs of Latin letters in ``text`` that are not identifiers, names, code nor the user's data (taken
    out after the identifiers, from which the user's part of an id like "ft:…:teashop:abc" is not cut)."""
    text = _without(_names_code_and_ids_out(text), [_names_code_and_ids_out(d) for d in user_data])
    return _LATIN_RUN.findall(text)


def untranslated(seen: Iterable[Seen], user_data: Iterable[str] = ()) -> dict[str, str]:
    """Each text with English words in it: where it was seen and the words."""
    data = list(user_data)
    found: dict[str, str] = {}
    for item in seen:
        words = english_words(item.text, data)
        if words and item.text not in found:
            found[item.text] = f"[{item.where}] words: {', '.join(words)}"
    return found


def test_english_words_keeps_ids_names_code_and_data_apart() -> None:
    assert english_words("训练任务 ftjob-abc 已创建") == []
    assert english_words("模型 ft:gpt-4o-mini-2024-07-18:personal:teashop:AbC") == []
    assert english_words("文件 file-xyz，content.xlsx，约 $0.42，保存为（.ftdesk）") == []
    assert english_words("GPT-4o mini 的价格；davinci-002（提示/回答格式）") == []
    assert english_words("用 JSONL 导出，Ctrl+Enter 发送；服务地址（Base URL）") == []
    assert english_words('例如 [{"type": "function"}]，call_…') == []
    assert english_words("日志：/home/mei/.local/state/FineTuneDesk/logs") == []
    assert english_words("你好 teashop", ["teashop"]) == []
    assert english_words("模型 ft:gpt-4o-mini-2024-07-18:practice:teashop:ZIOZpIqk", ["teashop"]) == []
    assert english_words("Job created") == ["Job", "created"]
    assert english_words("已创建 (queued)") == ["queued"]
    assert english_words("Base model") == ["Base", "model"]
    assert english_words("FineTune Desk — Practice mode") == ["Practice", "mode"]


# ---- the walk ----------------------------------------------------------------------------------------------------


def test_built_in_names_are_translated_and_the_users_are_kept(chinese: list[QTranslator]) -> None:
    assert model_display_name("davinci-002 (prompt/completion)") == "davinci-002（提示/回答格式）"
    assert model_display_name("GPT-4o mini") == "GPT-4o mini"
    assert price_source_text(SHIPPED_PRICE_SOURCES[0]).startswith("OpenAI 微调指南")
    assert price_source_text("my reseller's list") == "my reseller's list"
    assert profile_display_name(practice_profile()) == "练习模式"
    mine = Profile(id="gw", name="Practice", kind=ProviderKind.COMPATIBLE, base_url="https://example.com/v1")
    assert profile_display_name(mine) == "Practice"  # a name the user chose


def _read_dialog(
    qtbot: QtBot, dialog: QDialog, seen: list[Seen], ready: Callable[[], bool] | None = None
) -> None:
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    if ready is not None:
        qtbot.waitUntil(ready, timeout=15_000)
    seen.extend(window_texts(dialog))
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)


def _read_about_box(window: MainWindow, seen: list[Seen]) -> None:
    """Help › About opens a modal box with its own event loop: it is read and closed from inside that loop."""
    read: list[bool] = []

    def read_and_close() -> None:
        box = next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()), None
        )
        if box is None:
            QTimer.singleShot(20, read_and_close)
            return
        seen.extend(window_texts(box))
        read.append(True)
        box.accept()

    QTimer.singleShot(0, read_and_close)
    window._about()  # what Help › About FineTune Desk runs
    assert read


def _status_of(window: MainWindow, job_id: str) -> str:
    row = window.jobs_tab.model.row_of(job_id)
    return window.jobs_tab.model.job(row).status if row is not None else ""


def test_the_window_and_its_dialogs_show_no_untranslated_text(
    qtbot: QtBot, chinese: list[QTranslator], open_window: Callable[..., MainWindow]
) -> None:
    window = open_window()
    seen: list[Seen] = []
    user_data = [SUFFIX, QUESTION]

    # Data: the sample workbook, checked and its tokens counted.
    data = window.data_tab
    with qtbot.waitSignal(data.checked, timeout=15_000), qtbot.waitSignal(data.tokensCounted, timeout=15_000):
        data.open_file(sample_dataset_path())
    for example in data.current_dataset().examples:
        user_data += [example.prompt, example.completion, example.system, example.rejected, example.note]
    data.table.selectRow(0)

    # Jobs: a job from its creation until its model is ready, with its story.
    jobs = window.jobs_tab
    window.tabs.setCurrentWidget(jobs)
    qtbot.waitUntil(jobs.new_button.isEnabled, timeout=10_000)
    with qtbot.waitSignal(jobs.jobCreated, timeout=15_000) as created:
        assert jobs.start_job(NewJobChoice(MODEL, SUFFIX, 1)) is not None
    job_id = created.args[0]
    qtbot.waitUntil(lambda: _status_of(window, job_id) == "succeeded", timeout=30_000)
    jobs.select_job(job_id)
    done = QCoreApplication.translate("JobStory", "Training succeeded")
    qtbot.waitUntil(lambda: done in jobs.story_view.story_lines(), timeout=15_000)
    job = jobs.selected_job()
    assert job is not None
    assert job.fine_tuned_model
    seen.extend(Seen(line, "the job story") for line in jobs.story_view.story_lines())

    # Chat: one question to the trained model.
    chat = open_chat(qtbot, window)
    chat.select_model(job.fine_tuned_model)
    answer = ask(qtbot, chat, QUESTION)
    user_data += [answer, *answer.splitlines()]
    seen.extend(Seen(line, "the chat transcript") for line in chat.transcript_text().splitlines())

    seen.extend(window_texts(window))

    # The dialogs, opened as the menus, buttons and links open them.
    window.tabs.setCurrentWidget(jobs)
    new_job = jobs.open_new_job_dialog()
    assert new_job is not None
    _read_dialog(qtbot, new_job, seen, lambda: not new_job.is_busy() and new_job.evaluation() is not None)
    _read_dialog(qtbot, window.open_settings(), seen)
    _read_dialog(qtbot, window.open_prices(), seen)
    files = window.open_files()
    assert files is not None
    _read_dialog(qtbot, files, seen, lambda: not files.busy and files.model.rowCount() > 0)
    models = window.open_models()
    assert models is not None
    _read_dialog(qtbot, models, seen, lambda: not models.busy and models.model.rowCount() > 0)

    window.tabs.setCurrentWidget(data)
    importing = data.show_import_dialog(sample_dataset_path())
    qtbot.waitUntil(lambda: not importing.is_loading() and importing.preview() is not None, timeout=15_000)
    preview = importing.preview()
    assert preview is not None
    user_data += preview.header  # the workbook's column names
    _read_dialog(qtbot, importing, seen)
    replace = data.show_replace_dialog()
    replace.find_edit.setText("茶")
    seen.extend(window_texts(replace))
    replace.close()
    stats = data.show_statistics()
    assert stats is not None
    _read_dialog(qtbot, stats, seen)
    _read_dialog(qtbot, data.open_conversation_editor(0), seen)
    editor = data.open_text_editor(0, COL_PROMPT)
    _read_dialog(qtbot, editor, seen, lambda: not editor.is_loading())
    add = AddExampleDialog(QUESTION, answer, "", chat)  # what the answer's "Add to dataset" link opens
    add.open()
    _read_dialog(qtbot, add, seen)
    _read_about_box(window, seen)

    found = untranslated(seen, user_data)
    problems = [f"{text!r}  {where}" for text, where in found.items()]
    assert not problems, "untranslated in zh_CN:\n" + "\n".join(problems)


# ---- the sources ---------------------------------------------------------------------------------------------
def _translated_messages() -> set[tuple[str, str]]:
    """(context, source) of every message with a finished Chinese translation."""
    done: set[tuple[str, str]] = set()
    for context in ET.parse(ZH_TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in {"unfinished", "obsolete", "vanished"}:
                continue
            forms = [f.text for f in translation.iter("numerusform")] or [translation.text]
            if all(form and form.strip() for form in forms):
                done.add((name, message.findtext("source") or ""))
    return done


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def marked_texts(path: Path) -> Iterator[tuple[int, str, str]]:
    """(line, context, text) of each literal text given to tr(), translate() or QT_TRANSLATE_NOOP() in
    ``path``, wherever it stands: also inside an f-string, where lupdate does not look."""

    def visit(node: ast.AST, cls: str | None) -> Iterator[tuple[int, str, str]]:
        if isinstance(node, ast.ClassDef):
            cls = node.name
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            name = (
                func.attr
                if isinstance(func, ast.Attribute)
                else func.id
                if isinstance(func, ast.Name)
                else ""
            )
            first = _literal(node.args[0])
            second = _literal(node.args[1]) if len(node.args) > 1 else None
            if name == "tr" and first is not None and cls is not None:
                yield node.lineno, cls, first
            elif name in {"translate", "QT_TRANSLATE_NOOP"} and first is not None and second is not None:
                yield node.lineno, first, second
        for child in ast.iter_child_nodes(node):
            yield from visit(child, cls)

    yield from visit(ast.parse(path.read_text(encoding="utf-8")), None)


def test_every_marked_text_has_a_chinese_translation() -> None:
    """Strings the walk above does not reach (errors, rare states) are covered here: every literal handed to
    tr(), translate() or QT_TRANSLATE_NOOP() in the UI has a finished zh_CN translation under its context."""
    done = _translated_messages()
    sources = [*sorted((ROOT / "desktop_app" / "ui").rglob("*.py")), ROOT / "desktop_app" / "app.py"]
    missing: dict[tuple[str, str], str] = {}
    for path in sources:
        for line, context, text in marked_texts(path):
            if (context, text) not in done:
                missing.setdefault((context, text), f"{path.relative_to(ROOT)}:{line}")
    problems = [f"{where}: {context} {text!r}" for (context, text), where in missing.items()]
    assert not problems, (
        "no zh_CN translation (run resources/translations/update.py and translate; a text lupdate cannot "
        "see must be a literal in tr()/translate() outside f-strings):\n" + "\n".join(problems)
    )
