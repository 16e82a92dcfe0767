"""Word vectors for matching words of like meaning between two claims.

A claim unit that says "31 people were hurt" and one that says "Thirty-one people were
injured" share the figure but not the verb. The vectors here let the aligner see that "hurt"
and "injured" (or "staff" and "workers", "homes" and "houses") mean nearly the same.

The vectors come from the all-MiniLM-L6-v2 model the project already ships (see
:mod:`storydesk.similarity.minilm`), run on each word alone: a static vector per word,
distilled from the contextual model on demand and kept in memory, so a word is encoded once
per process whatever the number of claims it appears in. Nothing is downloaded.
"""

from __future__ import annotations

from functools import cache

import numpy as np

WORD_TOKENS = 8  # a word is at most this many word pieces
BATCH = 256
MAX_CACHED = 200_000


class WordVectors:
    """Unit vectors of single words, distilled from MiniLM and cached."""

    def __init__(self) -> None:
        from storydesk.similarity.minilm import shared_model

        self.model = shared_model()
        self.cache: dict[str, np.ndarray] = {}
        self.encoded = 0

    def __call__(self, words: list[str]) -> np.ndarray:
        """One 384-dimensional unit vector per word (in the order given)."""
        missing = sorted({w for w in words if w not in self.cache})
        if missing:
            if len(self.cache) + len(missing) > MAX_CACHED:
                self.cache.clear()
            vectors = self.model.encode(missing, batch_size=BATCH, max_tokens=WORD_TOKENS)
            self.cache.update(zip(missing, vectors, strict=True))
            self.encoded += len(missing)
        if not words:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self.cache[w] for w in words])


@cache
def shared_word_vectors() -> WordVectors:
    """The process's word vectors (the model is loaded once)."""
    return WordVectors()
