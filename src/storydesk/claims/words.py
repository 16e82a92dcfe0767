"""Word vectors for matching words of like meaning between two claims.

A claim unit that says "31 people were hurt" and one that says "Thirty-one people were
injured" share the figure but not the verb. The vectors here let the aligner see that "hurt"
and "injured" (or "staff" and "workers", "homes" and "houses") mean nearly the same.

The vectors come from the all-MiniLM-L6-v2 model the project already ships (see
:mod:`storydesk.similarity.minilm`), run on each word alone: a static vector per word,
distilled from the contextual model on demand and kept in memory, so a word is encoded once
per process whatever the number of claims it appears in; `StoredWordVectors` keeps them in
the store too, so that a corpus's vocabulary is encoded once. Nothing is downloaded.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import cache

import numpy as np

from storydesk.store.sqlite import transaction

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


class StoredWordVectors:
    """Word vectors read from the store's `word_vectors` table when there, else computed by
    `compute` and saved (as float16) for later runs."""

    def __init__(self, conn: sqlite3.Connection,
                 compute: Callable[[list[str]], np.ndarray]) -> None:
        self.conn = conn
        self.compute = compute
        self.known: dict[str, np.ndarray] = {}
        self.encoded = 0

    def __call__(self, words: list[str]) -> np.ndarray:
        """One unit vector per word (in the order given)."""
        wanted = sorted({w for w in words if w not in self.known})
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for word, blob in self.conn.execute(
                    f"SELECT word, vector FROM word_vectors WHERE word IN ({marks})", chunk):
                self.known[word] = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
        missing = [w for w in wanted if w not in self.known]
        if missing:
            vectors = self.compute(missing)
            self.encoded += len(missing)
            save_word_vectors(self.conn, missing, vectors)
            self.known.update(zip(missing, vectors, strict=True))
        if not words:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self.known[w] for w in words])


def save_word_vectors(conn: sqlite3.Connection, words: list[str], vectors: np.ndarray) -> None:
    """Store word vectors (as float16) in one transaction."""
    rows = [(w, v.astype(np.float16).tobytes()) for w, v in zip(words, vectors, strict=True)]
    with transaction(conn):
        conn.executemany("INSERT OR IGNORE INTO word_vectors VALUES (?, ?)", rows)
