"""Longer words fit: in a pseudo-locale (every text ~40 % longer, accented, in brackets) no text is clipped.

A translation is usually longer than the English, and a window laid out for English cuts it off: a button
showing "[Šááṽ" or a window wider than the screen. The pseudo-locale (:mod:`desktop_app.ui.pseudo`) shows that
without waiting for a translator. The window is walked as a user sees it, at 1280×800, in English, Chinese and
the pseudo-locale, with and without the Getting-started guide: the sample examples open and checked, a job
trained and followed, a question asked in the Chat tab and the compare view, each tab and each of its inner
tabs shown, then the New job, Settings, Training prices, Uploaded files and Trained models dialogs.

In each view, a text counts as clipped when a visible widget has less room than it needs for it:
a label that does not wrap narrower than its text (or a wrapping one shorter than its lines), a button, check
box or radio button narrower than its text, a tab whose text is elided or scrolled away, a group box narrower
than its title, a combo box narrower than its current item, a spin box narrower than its longest value.
An :class:`~desktop_app.ui.widgets.ElidingComboBox` shortens its item on purpose: it passes when its tooltip
has the whole item.
The window itself must fit the screen: at most 1024 px wide without the guide and 1280 with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop_app.resources import sample_dataset_path
from desktop_app.ui.jobs.new_job_dialog import NewJobChoice
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pseudo import EXPANSION, PseudoTranslator, pseudo_text
from desktop_app.ui.translations import install_translations, remove_translations
from desktop_app.ui.widgets import ElidingComboBox
from tests.ui.chat_helpers import ask, open_chat
from tests.ui.shown_text import plain

MODEL = "gpt-4o-mini-2024-07-18"
SCREEN = (1280, 800)
WIDTH_WITHOUT_GUIDE = 1024  # a 1024-px-wide screen, or half of a large one
WIDTH_WITH_GUIDE = 1280
ACCENTED = re.compile(r"[áƀçďëƒĝĥîĵķĺɱñöþǫŕšţüṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ]")


# ---- the pseudo text ---------------------------------------------------------------------------------------
def test_letters_become_accented_look_alikes_between_brackets() -> None:
    text = pseudo_text("Save the dataset")
    assert text.startswith("[")
    assert text.endswith("]")
    assert not re.search(r"[A-Za-z]", text)
    assert len(ACCENTED.findall(text)) >= len("Savethedataset")
    assert pseudo_text("Save") == "[Šááṽëë]"


def test_texts_grow_by_about_forty_percent() -> None:
    for source in ("Open the sample examples", "Check results", "Training prices…", "Temperature:"):
        grown = len(pseudo_text(source)) - 2 - len(source)  # without the brackets
        letters = sum(c.isalpha() for c in source)
        assert abs(grown - EXPANSION * letters) <= 2, source


def test_placeholders_tags_entities_and_mnemonics_are_kept() -> None:
    assert pseudo_text("%1 of %2 steps done") == "[%1 ööƒ %2 šţëëëþš ďööñëë]"
    assert "%n" in pseudo_text("%n error(s)")
    assert "%L1" in pseudo_text("%L1 tokens")
    assert "%3" in pseudo_text("Logs: %3")
    assert pseudo_text("Opening… %1%").endswith("%1%]")
    assert pseudo_text("90% training").startswith("[90% ")
    bold = pseudo_text('<b>Note</b> see <a href="https://example.com/x">the guide</a> &amp; more')
    assert bold.count("<b>") == 1
    assert "</b>" in bold
    assert '<a href="https://example.com/x">' in bold
    assert "</a>" in bold
    assert "&amp;" in bold
    assert pseudo_text("&File").startswith("[&F")  # the key of the mnemonic stays: Alt+F still works
    assert pseudo_text("Save dataset &as…").count("&a") == 1
    assert "&&" in pseudo_text("Tea && cake")


def test_newlines_and_surrounding_spaces_are_kept() -> None:
    assert pseudo_text("  Lead\nnext: ") == "  [Ļëëááď\nñëëëẋţ:] "
    assert pseudo_text("(not used) ") == "[(ñööţ üüšëëď)] "
    assert pseudo_text("one\n\ntwo").count("\n") == 2
    assert pseudo_text("") == ""
    assert pseudo_text("  ") == "  "


def test_the_translator_answers_for_every_context_and_qt_fills_in_n(qapp: QApplication) -> None:
    translator = PseudoTranslator()
    qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate("DataTab", "Check") == pseudo_text("Check")
        plural = QCoreApplication.translate("Issues", "%n error(s)", "", 3)
        assert plural == pseudo_text("%n error(s)").replace("%n", "3")
        assert QCoreApplication.translate("QShortcut", "Ctrl") == "Ctrl"  # parsed back by QKeySequence
    finally:
        qapp.removeTranslator(translator)
    assert QCoreApplication.translate("DataTab", "Check") == "Check"


# ---- finding clipped text ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Clip:
    widget: str
    text: str
    width: int
    needed: int
    how: str = "wide"

    def __str__(self) -> str:
        return f"{self.widget} {self.text!r}: {self.width} px {self.how}, needs {self.needed}"


def _name(widget: QWidget) -> str:
    name = type(widget).__name__ + (f"#{widget.objectName()}" if widget.objectName() else "")
    parent = widget.parentWidget()
    while parent is not None and not (parent.objectName() and not parent.objectName().startswith("qt_")):
        parent = parent.parentWidget()
    return f"{name} (in {type(parent).__name__}#{parent.objectName()})" if parent is not None else name


def _label_clip(label: QLabel) -> Clip | None:
    if not label.text():  # empty, or a picture
        return None
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if label.height() < needed - 1:
            return Clip(_name(label), plain(label.text()), label.height(), needed, "high")
        return None
    if label.width() < label.sizeHint().width():
        return Clip(_name(label), plain(label.text()), label.width(), label.sizeHint().width())
    return None


def _tab_clips(bar: QTabBar) -> Iterator[Clip]:
    space = bar.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, None, bar)
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        text = plain(bar.tabText(index))
        rect = bar.tabRect(index)
        needed = bar.fontMetrics().horizontalAdvance(text) + space
        if rect.width() < needed or rect.right() > bar.width() or rect.left() < 0:
            yield Clip(f"tab of {_name(bar)}", text, rect.width(), needed)


def _combo_clip(combo: QComboBox) -> Clip | None:
    if combo.isEditable() or not combo.currentText():
        return None
    if isinstance(combo, ElidingComboBox):  # shortens its item on purpose, whole in the tooltip
        if combo.is_elided() and combo.currentText() not in combo.toolTip():
            return Clip(
                _name(combo), combo.currentText(), combo.width(), combo.sizeHint().width(), "(no tooltip)"
            )
        return None
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    icon = combo.iconSize().width() + 4 if not combo.itemIcon(combo.currentIndex()).isNull() else 0
    needed = combo.fontMetrics().horizontalAdvance(combo.currentText()) + icon
    if field.width() < needed:
        return Clip(_name(combo), combo.currentText(), field.width(), needed)
    return None


def widget_clips(widget: QWidget) -> Iterator[Clip]:
    if isinstance(widget, QLabel):
        clip = _label_clip(widget)
        if clip is not None:
            yield clip
    elif isinstance(widget, QAbstractButton):
        if widget.text() and widget.width() < widget.sizeHint().width():
            yield Clip(_name(widget), plain(widget.text()), widget.width(), widget.sizeHint().width())
    elif isinstance(widget, QGroupBox):
        needed = widget.fontMetrics().horizontalAdvance(plain(widget.title())) + 8
        if widget.title() and widget.width() < needed:
            yield Clip(_name(widget), plain(widget.title()), widget.width(), needed)
    elif isinstance(widget, QTabBar):
        yield from _tab_clips(widget)
    elif isinstance(widget, QComboBox):
        clip = _combo_clip(widget)
        if clip is not None:
            yield clip
    elif isinstance(widget, QAbstractSpinBox) and widget.width() < widget.minimumSizeHint().width():
        yield Clip(_name(widget), widget.text(), widget.width(), widget.minimumSizeHint().width())


def clipped(window: QWidget) -> list[Clip]:
    """The clipped texts in ``window`` as it is shown now (hidden widgets and other windows left out)."""
    found: list[Clip] = []
    for widget in [window, *window.findChildren(QWidget)]:
        if widget.window() is window and widget.isVisible():
            found.extend(widget_clips(widget))
    return found


def test_a_clipped_button_and_label_are_found(qtbot: QtBot) -> None:
    box = QWidget()
    qtbot.addWidget(box)
    box.resize(400, 100)
    button = QPushButton("A button with a rather long text", box)
    button.setGeometry(0, 0, 40, 30)
    label = QLabel("A label with a long text that does not wrap", box)
    label.setGeometry(0, 40, 50, 20)
    fine = QLabel("Short", box)
    fine.setGeometry(0, 70, 200, 20)
    box.show()
    qtbot.waitExposed(box)
    found = {clip.text for clip in clipped(box)}
    assert found == {"A button with a rather long text", "A label with a long text that does not wrap"}


# ---- the walk --------------------------------------------------------------------------------------------------
@pytest.fixture(params=["en", "zh_CN", "pseudo"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The app in a language (the pseudo-locale with English numbers); undone after, so later tests read
    English."""
    before = QLocale()
    translators: list[QTranslator]
    if request.param == "pseudo":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        translators = [PseudoTranslator(qapp)]
        qapp.installTranslator(translators[0])
    else:
        translators = install_translations(qapp, request.param)
    try:
        yield request.param
    finally:
        remove_translations(qapp, translators)
        QLocale.setDefault(before)


def _settle(qtbot: QtBot) -> None:
    """Let posted layout requests and resizes run: a layout settles over a few passes of the event loop."""
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(20)


def _status_of(window: MainWindow, job_id: str) -> str:
    row = window.jobs_tab.model.row_of(job_id)
    return window.jobs_tab.model.job(row).status if row is not None else ""


def _prepare(qtbot: QtBot, window: MainWindow) -> None:
    """Content in every tab: the sample checked, one job trained, one question asked."""
    data = window.data_tab
    with qtbot.waitSignal(data.checked, timeout=15_000):
        data.open_file(sample_dataset_path())
    data.table.selectRow(2)
    if data.issues_model.rowCount() > 0:
        data.issues_view.setCurrentIndex(data.issues_model.index(0, 0))
    jobs = window.jobs_tab
    window.tabs.setCurrentWidget(jobs)
    qtbot.waitUntil(jobs.new_button.isEnabled, timeout=10_000)
    with qtbot.waitSignal(jobs.jobCreated, timeout=15_000) as created:
        assert jobs.start_job(NewJobChoice(MODEL, "teashop", 1)) is not None
    job_id = created.args[0]
    qtbot.waitUntil(lambda: _status_of(window, job_id) == "succeeded", timeout=30_000)
    jobs.select_job(job_id)
    job = jobs.selected_job()
    assert job is not None
    assert job.fine_tuned_model
    chat = open_chat(qtbot, window)
    chat.select_model(job.fine_tuned_model)
    ask(qtbot, chat, data.model.example(3).prompt)


def _walk_tabs(qtbot: QtBot, window: MainWindow, where: str) -> list[str]:
    """Each tab, each inner tab of it and the chat's compare view: what is clipped, and where."""
    problems: list[str] = []

    def look(view: str) -> None:
        _settle(qtbot)
        problems.extend(f"{where}, {view}: {clip}" for clip in clipped(window))

    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page = window.tabs.widget(index)
        name = window.tabs.tabText(index)
        look(name)
        for inner in page.findChildren(QTabWidget):
            if not inner.isVisible():
                continue
            for sub in range(1, inner.count()):
                inner.setCurrentIndex(sub)
                look(f"{name} › {inner.tabText(sub)}")
            inner.setCurrentIndex(0)
    chat = window.chat_tab
    window.tabs.setCurrentWidget(chat)
    chat.compare_mode_button.click()
    chat.compare.add_column()
    look("Chat › compare")
    chat.chat_mode_button.click()
    return problems


def _look_at_dialog(qtbot: QtBot, dialog: QDialog, ready: Callable[[], bool] | None = None) -> list[str]:
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    if ready is not None:
        qtbot.waitUntil(ready, timeout=15_000)
    _settle(qtbot)
    title = dialog.windowTitle()
    problems = [f"dialog {title!r}: {clip}" for clip in clipped(dialog)]
    hint = dialog.minimumSizeHint()
    if hint.width() > SCREEN[0] or hint.height() > SCREEN[1]:
        problems.append(f"dialog {title!r} needs {hint.width()}×{hint.height()} px: more than the screen")
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    return problems


def _width_problem(window: MainWindow, limit: int, where: str) -> list[str]:
    width = window.minimumSizeHint().width()
    return [f"{where}: the window needs {width} px, more than {limit}"] if width > limit else []


def test_no_text_is_clipped_and_the_window_fits_the_screen(
    qtbot: QtBot, language: str, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window()
    window.resize(*SCREEN)
    _prepare(qtbot, window)
    problems = _walk_tabs(qtbot, window, "without the guide")
    problems += _width_problem(window, WIDTH_WITHOUT_GUIDE, "without the guide")

    window.show_guide()
    window.resize(*SCREEN)
    problems += _walk_tabs(qtbot, window, "with the guide")
    problems += _width_problem(window, WIDTH_WITH_GUIDE, "with the guide")

    window.tabs.setCurrentWidget(window.jobs_tab)
    new_job = window.jobs_tab.open_new_job_dialog()
    assert new_job is not None
    problems += _look_at_dialog(
        qtbot, new_job, lambda: not new_job.is_busy() and new_job.evaluation() is not None
    )
    problems += _look_at_dialog(qtbot, window.open_settings())
    problems += _look_at_dialog(qtbot, window.open_prices())
    files = window.open_files()
    assert files is not None
    problems += _look_at_dialog(qtbot, files, lambda: not files.busy and files.model.rowCount() > 0)
    models = window.open_models()
    assert models is not None
    problems += _look_at_dialog(qtbot, models, lambda: not models.busy and models.model.rowCount() > 0)
    assert not problems, f"clipped in {language}:\n" + "\n".join(problems)
