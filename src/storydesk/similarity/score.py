"""The story score: how likely two articles report the same story, from 0 to 1.

It combines two kinds of evidence, measured on the development sets (see benchmarks/RESULTS.md):

- lexical: cosine of the articles' TF-IDF term profiles, in which names and figures weigh
  most (see :mod:`storydesk.similarity.features`); this is what separates two events of the
  same kind. Its square root is used: cosines of long texts are small numbers, and the root
  puts them on the scale of the semantic score.
- semantic: cosine of all-MiniLM-L6-v2 embeddings of the article's head (title and lead, the
  first ``HEAD_TOKENS`` tokens), which sees the same story told in other words.

With both, the score is their mean; with the lexical evidence alone (the ``lexical`` embedder,
for very large corpora, or articles not in English) it is the lexical part. Clustering, copy
candidates and ``storydesk similarity`` all use this one score.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from storydesk.similarity import features

if TYPE_CHECKING:
    from storydesk.similarity.minilm import MiniLM

HEAD_TOKENS = 192
SENTENCE_TOKENS = 64
EMBEDDERS = ("minilm", "lexical")
SEMANTIC_LANGUAGES = frozenset({"en", None})  # the model was trained on English


def combine(lexical: float, semantic: float | None) -> float:
    """The story score from a lexical cosine and, when available, a semantic cosine."""
    lexical_part = math.sqrt(min(max(lexical, 0.0), 1.0))
    if semantic is None:
        return lexical_part
    return 0.5 * lexical_part + 0.5 * min(max(semantic, 0.0), 1.0)


class Embedder:
    """Article-head embeddings with MiniLM, or none at all for the ``lexical`` embedder."""

    def __init__(self, name: str = "minilm") -> None:
        if name not in EMBEDDERS:
            raise ValueError(f"unknown embedder {name!r}; choose from {', '.join(EMBEDDERS)}")
        self.name = name
        self._model: MiniLM | None = None

    @property
    def semantic(self) -> bool:
        """Whether this embedder produces semantic vectors."""
        return self.name == "minilm"

    def _minilm(self) -> MiniLM:
        if self._model is None:
            from storydesk.similarity.minilm import shared_model

            self._model = shared_model()
        return self._model

    def heads(self, texts: Sequence[str]) -> np.ndarray | None:
        """Unit vectors of the texts' heads, or None for the lexical embedder."""
        if not self.semantic:
            return None
        return self._minilm().encode(list(texts), max_tokens=HEAD_TOKENS)

    def sentences(self, sentences: list[str]) -> np.ndarray:
        """Unit vectors of single sentences (for aligning rewritten copies)."""
        return self._minilm().encode(sentences, batch_size=32, max_tokens=SENTENCE_TOKENS)


@dataclass(slots=True)
class Pair:
    """One pair to score."""

    id: str
    text1: str
    text2: str


def score_pairs(pairs: Sequence[Pair], embedder: Embedder) -> list[float]:
    """Story scores for pairs of texts.

    Document frequencies come from all the texts given, as they would from a corpus.
    """
    texts = [t for p in pairs for t in (p.text1, p.text2)]
    profiles = [features.profile(t) for t in texts]
    df = features.DocumentFrequencies.of([ids for ids, _ in profiles])
    vectors = [features.tfidf(ids, weights, df) for ids, weights in profiles]
    heads = embedder.heads(texts)
    scores = []
    for n in range(len(pairs)):
        a, b = 2 * n, 2 * n + 1
        lexical = features.sparse_cosine(profiles[a][0], vectors[a], profiles[b][0], vectors[b])
        semantic = float(heads[a] @ heads[b]) if heads is not None else None
        scores.append(round(combine(lexical, semantic), 6))
    return scores
