"""What a simulated model says: the nearest training example's answer, or a labelled practice reply."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

_SPACE_RE = re.compile(r"\s+")
# difflib is quadratic: compare only the best candidates by bigrams, on bounded text.
_RERANK = 20
_MAX_COMPARE_CHARS = 2000


@dataclass(frozen=True)
class Pair:
    """A prompt and the answer the training data teaches for it."""

    prompt: str
    answer: str


def normalize(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip().casefold()


def bigrams(text: str) -> frozenset[str]:
    # Character bigrams work for Chinese (no spaces between words) as well as English.
    if len(text) < 2:
        return frozenset({text}) if text else frozenset()
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    union = len(a | b)
    return len(a & b) / union if union else 0.0


@dataclass
class ExampleIndex:
    """Training pairs with precomputed bigrams, built once per job."""

    pairs: Sequence[Pair]
    _normalized: list[str] = field(init=False, repr=False)
    _grams: list[frozenset[str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._normalized = [normalize(p.prompt)[:_MAX_COMPARE_CHARS] for p in self.pairs]
        self._grams = [bigrams(text) for text in self._normalized]

    def __len__(self) -> int:
        return len(self.pairs)

    def nearest(self, query: str) -> int:
        """Index of the pair whose prompt is most like `query` (the first on ties)."""
        if not self.pairs:
            raise ValueError("No training pairs to answer from")
        wanted = normalize(query)[:_MAX_COMPARE_CHARS]
        wanted_grams = bigrams(wanted)
        scored = sorted(
            ((jaccard(wanted_grams, grams), -i) for i, grams in enumerate(self._grams)),
            reverse=True,
        )[:_RERANK]
        best_index, best_score = -scored[0][1], -1.0
        for gram_score, negative_index in scored:
            index = -negative_index
            ratio = difflib.SequenceMatcher(None, wanted, self._normalized[index], autojunk=False).ratio()
            score = 0.6 * gram_score + 0.4 * ratio
            if score > best_score + 1e-12:
                best_score, best_index = score, index
        return best_index

    def answer(self, query: str) -> str:
        return self.pairs[self.nearest(query)].answer


def practice_reply(model: str, query: str) -> str:
    """A base model's answer: plainly labelled as simulated, echoing the question."""
    shown = _SPACE_RE.sub(" ", query).strip()
    if len(shown) > 80:
        shown = shown[:77] + "..."
    return (
        f"[Practice reply from {model}] This is a simulated answer from Practice mode; no real model "
        f'ran. You asked: "{shown}". Fine-tune a model in Practice mode and it will answer from your '
        "training examples."
    )
