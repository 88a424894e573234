"""What a simulated model says: the nearest training example's answer, or a labelled practice reply."""

from __future__ import annotations

import difflib
import heapq
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

_SPACE_RE = re.compile(r"\s+")
_PUNCTUATION_RE = re.compile(r"[^\w\s]+")  # question marks and the like match every question
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


def _content(text: str) -> str:
    return _SPACE_RE.sub(" ", _PUNCTUATION_RE.sub(" ", text)).strip()


def _grams(text: str) -> frozenset[str]:
    """The character bigrams of the text without its punctuation."""
    return bigrams(_content(text))


def bigrams(text: str) -> frozenset[str]:
    # Character bigrams work for Chinese (no spaces between words) as well as English.
    if len(text) < 2:
        return frozenset({text}) if text else frozenset()
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


@dataclass
class ExampleIndex:
    """Training pairs with precomputed bigrams, built once per job.

    Shared bigrams count by how rare they are among the prompts (their inverse document frequency): words every
    question has ("你们", "吗", "what is") say little about which question was meant, rare ones ("营业", "parking")
    say much.
    """

    pairs: Sequence[Pair]
    _normalized: list[str] = field(init=False, repr=False)
    _grams: list[frozenset[str]] = field(init=False, repr=False)
    _weights: dict[str, float] = field(init=False, repr=False)
    _postings: dict[str, list[int]] = field(init=False, repr=False)
    _totals: list[float] = field(init=False, repr=False)
    _unseen_weight: float = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._normalized = [normalize(p.prompt)[:_MAX_COMPARE_CHARS] for p in self.pairs]
        self._grams = [_grams(text) for text in self._normalized]
        postings: dict[str, list[int]] = {}
        for index, grams in enumerate(self._grams):
            for gram in grams:
                postings.setdefault(gram, []).append(index)
        count = len(self._grams)
        self._postings = postings
        self._weights = {gram: math.log(1 + count / len(found)) for gram, found in postings.items()}
        self._unseen_weight = math.log(1 + count) if count else 1.0
        self._totals = [sum(self._weights[gram] for gram in grams) for grams in self._grams]

    def __len__(self) -> int:
        return len(self.pairs)

    def _weight(self, gram: str) -> float:
        return self._weights.get(gram, self._unseen_weight)

    def similarities(self, query_grams: frozenset[str]) -> list[float]:
        """Weighted Jaccard of the query with every prompt: the weight of the bigrams both share over the
        weight of all they have. Only the prompts sharing a bigram are visited (through the postings)."""
        shared = [0.0] * len(self._grams)
        for gram in query_grams:
            weight = self._weight(gram)
            for index in self._postings.get(gram, ()):
                shared[index] += weight
        query_total = sum(self._weight(gram) for gram in query_grams)
        return [
            both / (total + query_total - both) if both else 0.0
            for both, total in zip(shared, self._totals, strict=True)
        ]

    def nearest(self, query: str) -> int:
        """Index of the pair whose prompt is most like `query` (the first on ties)."""
        if not self.pairs:
            raise ValueError("No training pairs to answer from")
        wanted = normalize(query)[:_MAX_COMPARE_CHARS]
        scores = self.similarities(_grams(wanted))
        ranked = heapq.nlargest(_RERANK, range(len(scores)), key=lambda i: (scores[i], -i))
        best_index, best_score = ranked[0], -1.0
        for index in ranked:
            ratio = difflib.SequenceMatcher(None, wanted, self._normalized[index], autojunk=False).ratio()
            score = 0.8 * scores[index] + 0.2 * ratio  # the text's order breaks near-ties
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
