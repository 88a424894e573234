"""A pseudo-locale built at run time: every text longer, in accented letters and between brackets.

Run the app (or the screenshots, or a test) with it to see, in English-speaking eyes, what a translation does
to the layout: text that is clipped ("[Šááṽ" with no "]"), text left out of translation (plain English), and
widgets too narrow for longer words. ``packaging/screenshots.py --lang pseudo`` uses it.

The transformation keeps what the code or Qt reads in a text: placeholders (%1, %L1, %n, %Ln), HTML tags and
entities, "&" mnemonics (with their key letter, so Alt+F still works), newlines and the spaces around it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QObject, QTranslator

# Each ASCII letter and an accented look-alike of the same width class, so text stays readable.
_LOOK_ALIKES = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçďëƒĝĥîĵķĺɱñöþǫŕšţüṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
_VOWELS = frozenset("aeiouyAEIOUY")
EXPANSION = 0.4  # German and Finnish run 30-40 % longer than English; short texts more

# What stays as it is: placeholders, tags, entities, a mnemonic "&" with its key (or "&&", a literal "&").
_KEPT = re.compile(
    r"""%L?(?:\d{1,2}|n)        # QString::arg and plural placeholders
    |<[^<>]*>                   # an HTML tag
    |&(?:[A-Za-z]+|\#\d+|\#x[0-9A-Fa-f]+);   # an HTML entity
    |&&|&[^\s&]                 # a literal "&", or a mnemonic and its key
    """,
    re.VERBOSE,
)
_WORD = re.compile(r"[A-Za-z]+")

# Texts Qt reads rather than shows: left alone, as a real translation leaves them.
_PASS_THROUGH_CONTEXTS = frozenset({"QShortcut"})  # key names, parsed back by QKeySequence
_PASS_THROUGH = frozenset({("QGuiApplication", "QT_LAYOUT_DIRECTION")})  # "LTR" or "RTL"


def _stretch(word: str) -> str:
    """``word`` in look-alikes, about 40 % longer: its vowels (or its last letter) said longer."""
    extra = max(1, round(len(word) * EXPANSION)) if len(word) > 1 else 0
    positions = [i for i, letter in enumerate(word) if letter in _VOWELS] or [len(word) - 1]
    repeats = [1] * len(word)
    for turn in range(extra):
        repeats[positions[turn % len(positions)]] += 1
    return "".join(letter * count for letter, count in zip(word, repeats, strict=True)).translate(
        _LOOK_ALIKES
    )


def _stretch_text(text: str) -> str:
    return _WORD.sub(lambda match: _stretch(match.group()), text)


def pseudo_text(source: str) -> str:
    """``source`` pseudo-localised: "&Save %1 rows" → "[&Sááṽë %1 ŕöööŵš]"."""
    stripped = source.strip()
    if not stripped:
        return source
    start = source.index(stripped[0])
    lead, body, trail = source[:start], stripped, source[start + len(stripped) :]
    parts: list[str] = []
    position = 0
    for kept in _KEPT.finditer(body):
        parts.append(_stretch_text(body[position : kept.start()]))
        parts.append(kept.group())
        position = kept.end()
    parts.append(_stretch_text(body[position:]))
    return f"{lead}[{''.join(parts)}]{trail}"


class PseudoTranslator(QTranslator):
    """A translator that answers every text with :func:`pseudo_text` of it; Qt then fills in %n itself."""

    def translate(
        self,
        context: str,
        sourceText: str,  # noqa: N803 - Qt's own parameter names
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str:
        if not sourceText or context in _PASS_THROUGH_CONTEXTS or (context, sourceText) in _PASS_THROUGH:
            return sourceText
        return pseudo_text(sourceText)

    def isEmpty(self) -> bool:
        return False


def install_pseudo_translation(app: QCoreApplication, parent: QObject | None = None) -> PseudoTranslator:
    """Install the pseudo-locale on ``app`` (undo with ``translations.remove_translations(app, [it])``)."""
    translator = PseudoTranslator(parent or app)
    app.installTranslator(translator)
    return translator
