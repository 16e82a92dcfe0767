"""Word vectors for matching words of like meaning between two claims.

A claim unit that says "31 people were hurt" and one that says "Thirty-one people were
injured" share the figure but not the verb. The vectors here let the aligner see that "hurt"
and "injured" (or "staff" and "workers", "homes" and "houses") mean nearly the same.

The vectors come from the all-MiniLM-L6-v2 model the project already ships (see
:mod:`storydesk.similarity.minilm`), run on each word alone: a static vector per word,
distilled from the contextual model on demand and kept in memory, so a word is encoded once
per process whatever the number of claims it appears in; `StoredWordVectors` keeps them in
the store too, so that a corpus's vocabulary is encoded once. Nothing is downloaded.

The words MiniLM's vocabulary holds whole (about 20,000 common words, four in five of a news
corpus's distinct words), and the lower-case words of spaCy's English pipeline (another
30,000: inflected forms such as "arraigned" or "aftershocks", which MiniLM writes in pieces),
are distilled once for the installation: `make install` runs ``python -m
storydesk.claims.words``, which writes their vectors to a table in the environment
(`table_path`); they are then looked up, not computed. Without the table, every word is
distilled on demand, with the same result.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from storydesk.engine import Engine, LocalEngine
from storydesk.store.sqlite import transaction

WORD_TOKENS = 8  # a word is at most this many word pieces
BATCH = 256
MAX_CACHED = 200_000
TABLE_VERSION = 2  # 2: spaCy's lower-case words too
TABLE_CHUNK = 1024  # words per job when building the table


def distil(words: list[str]) -> np.ndarray:
    """Vectors of words, each run alone through MiniLM (float32, one row per word)."""
    from storydesk.similarity.minilm import shared_model

    return shared_model().encode(words, batch_size=BATCH, max_tokens=WORD_TOKENS)


def table_path() -> Path:
    """Where the installation keeps its table of word vectors: this Python
    environment's ``share/storydesk`` folder."""
    return Path(sys.prefix) / "share" / "storydesk" / "word-vectors.npz"


def whole_words() -> list[str]:
    """The words MiniLM's vocabulary holds whole: entries of two letters or more, not word
    pieces ("##ing") or markers ("[CLS]")."""
    from storydesk.similarity.minilm import model_dir

    vocabulary = (model_dir() / "vocab.txt").read_text(encoding="utf-8").splitlines()
    return sorted({w for w in vocabulary if len(w) >= 2 and w.isalpha()})


def pipeline_words() -> list[str]:
    """The lower-case words of two letters or more that spaCy's English pipeline lists
    (its string store, shipped with it)."""
    from storydesk.nlp import english

    return sorted({s for s in english().vocab.strings
                   if len(s) >= 2 and s.isascii() and s.isalpha() and s.islower()})


def table_words() -> list[str]:
    """The words an installation's table holds: MiniLM's whole words and the pipeline's."""
    return sorted(set(whole_words()) | set(pipeline_words()))


def model_digest() -> str:
    """What a table was built from: the model's vocabulary and weights (by size)."""
    from storydesk.similarity.minilm import model_dir

    folder = model_dir()
    digest = hashlib.sha1((folder / "vocab.txt").read_bytes())
    digest.update(str((folder / "model.safetensors").stat().st_size).encode())
    return f"{TABLE_VERSION}:{digest.hexdigest()[:16]}"


def build_table(path: Path | None = None, words: list[str] | None = None,
                engine: Engine | None = None) -> int:
    """Distil `words` (`table_words` by default) and write their vectors (float16) to the
    table at `path`, in one replace; returns the number of words."""
    path = path or table_path()
    words = sorted(set(words if words is not None else table_words()))
    vectors = np.zeros((len(words), 384), dtype=np.float16)
    jobs = [(start, words[start:start + TABLE_CHUNK])
            for start in range(0, len(words), TABLE_CHUNK)]
    runner = engine if engine is not None else LocalEngine()
    for start, found in runner.map(distil, jobs, len(jobs) > 1):
        vectors[start:start + len(found)] = found
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial.npz")
    np.savez(partial, words=np.array(words), vectors=vectors,
             model=np.array(model_digest()))
    os.replace(partial, path)
    load_table.cache_clear()
    return len(words)


@lru_cache(maxsize=4)
def load_table(path: Path) -> dict[str, np.ndarray] | None:
    """The table's vectors by word, or None when there is none or it was built from
    another model."""
    if not path.is_file():
        return None
    try:
        with np.load(path) as data:
            if str(data["model"]) != model_digest():
                return None
            return dict(zip(data["words"].tolist(), data["vectors"], strict=True))
    except (OSError, ValueError, KeyError):
        return None                          # unreadable: distil on demand instead


def table() -> dict[str, np.ndarray] | None:
    """The installation's table (see `table_path`), or None."""
    return load_table(table_path())


class WordVectors:
    """Unit vectors of single words, distilled from MiniLM (or looked up in the
    installation's table) and cached."""

    def __init__(self) -> None:
        from storydesk.similarity.minilm import shared_model

        shared_model()                      # fails early when the model is missing
        self.cache: dict[str, np.ndarray] = {}
        self.encoded = 0

    def __call__(self, words: list[str]) -> np.ndarray:
        """One 384-dimensional unit vector per word (in the order given)."""
        missing = sorted({w for w in words if w not in self.cache})
        if missing:
            if len(self.cache) + len(missing) > MAX_CACHED:
                self.cache.clear()
            known = table() or {}
            looked_up = [w for w in missing if w in known]
            self.cache.update((w, known[w].astype(np.float32)) for w in looked_up)
            rest = [w for w in missing if w not in known]
            if rest:
                self.cache.update(zip(rest, distil(rest), strict=True))
                self.encoded += len(rest)
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


def main() -> None:
    """Build the installation's table of word vectors (``make install`` runs this)."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--output", type=Path, default=None,
                        help=f"where to write it (default: {table_path()})")
    args = parser.parse_args()
    path = args.output or table_path()
    if args.output is None and table() is not None:
        print(f"Word vectors: {path} is up to date.")
        return
    started = time.perf_counter()
    count = build_table(path)
    print(f"Word vectors: {count} words distilled in {time.perf_counter() - started:.0f} s "
          f"to {path}.")


if __name__ == "__main__":
    main()
