"""Rough token pieces for streaming, usage figures and max_tokens; no tokenizer needed."""

from __future__ import annotations

import math
import re

# Han, kana, Hangul and full-width punctuation: one piece per character, as tokenizers roughly do.
_CJK = "\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_PIECE_RE = re.compile(rf"[{_CJK}]|\s*[^\s{_CJK}]+|\s+")


def split_pieces(text: str) -> list[str]:
    """Word-sized pieces (CJK: character-sized) whose concatenation is `text`."""
    return _PIECE_RE.findall(text)


def piece_tokens(piece: str) -> int:
    """About one token per CJK character and per four other characters of a word."""
    stripped = piece.strip()
    return max(1, math.ceil(len(stripped) / 4)) if stripped else 0


def estimate_tokens(text: str) -> int:
    return sum(piece_tokens(piece) for piece in split_pieces(text))


def truncate_tokens(text: str, max_tokens: int | None) -> tuple[str, bool]:
    """`text` cut to at most `max_tokens` estimated tokens, and whether it was cut."""
    if max_tokens is None:
        return text, False
    used = 0
    kept: list[str] = []
    for piece in split_pieces(text):
        used += piece_tokens(piece)
        if used > max_tokens:
            while kept and not kept[-1].strip():
                kept.pop()  # no dangling whitespace before the cut
            return "".join(kept), True
        kept.append(piece)
    return text, False


def cut_at_stop(text: str, stops: list[str]) -> tuple[str, bool]:
    """`text` up to the earliest stop sequence (excluded), and whether one was found."""
    cut = len(text)
    for stop in stops:
        if stop:
            index = text.find(stop)
            if 0 <= index < cut:
                cut = index
    return text[:cut], cut < len(text)


def message_text(content: object) -> str:
    """The text of a message's content: a string, or the text parts of a list of content parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(
            str(part.get("text", ""))
            for part in content
            if isinstance(part, dict) and part.get("type") == "text"
        )
    return ""
