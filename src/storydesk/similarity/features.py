"""Lexical evidence of what an article is about: who, where, what, and which figures.

Two articles about the same kind of event (two earthquakes, two trials) share their topic
words; what tells them apart is names, places and figures. So the term profile of an article
weights capitalised words and numbers above ordinary content words, and TF-IDF weighting
(document frequencies from the corpus itself) makes rare names count most. Terms are hashed to
stable 32-bit ids so that a profile is a small pair of arrays, whatever the vocabulary.

A second, fixed-width view of the same profile (signed feature hashing to ``DENSE_DIM``
dimensions) feeds the approximate nearest-neighbour index; exact scores always come from the
sparse profiles.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping

import numpy as np

NAME_WEIGHT = 4.0  # a capitalised word or a number counts this much more than a common word
DENSE_DIM = 256

TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*\d|\d", re.UNICODE)

# Function words and reporting verbs: they say nothing about which event a text reports.
STOPWORDS = frozenset("""
a about above after again against all almost also although am among an and another any are
around as at be became because been before being below between both but by can could did do
does doing done down during each either else even ever every few for from further had has have
having he her here hers herself him himself his how however i if in into is it its itself just
least less let like made make many may me might more most much must my myself neither no nor
not now of off on once one only or other our ours ourselves out over own per perhaps rather
same she should since so some still such than that the their theirs them themselves then there
these they this those though through thus to too two under until up upon us very was we were
what when where whether which while who whom whose why will with within without would yet you
your yours yourself yourselves said says say saying told tells according added adds new also
mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday today yesterday
tomorrow week weeks year years month months day days time times
""".split())


def term_id(term: str) -> int:
    """A stable 32-bit id for a term (the same in every process and on every machine)."""
    return zlib.crc32(term.encode("utf-8"))


def term_counts(text: str, title: str | None = None) -> Counter[str]:
    """Weighted term counts of an article: names and numbers weigh ``NAME_WEIGHT``.

    The title, when known and not already the first line of the text, is counted as text.
    """
    if title and not text.startswith(title):
        text = title + "\n" + text
    counts: Counter[str] = Counter()
    for token in TOKEN.findall(text):
        lower = token.lower().strip("'’-")
        if (len(lower) < 2 and not lower.isdigit()) or lower in STOPWORDS:
            continue
        if token[0].isdigit():
            lower = lower.replace(",", "")
            counts[lower] += NAME_WEIGHT
        elif token[0].isupper():
            counts[lower] += NAME_WEIGHT
        else:
            counts[lower] += 1.0
    return counts


def profile(text: str, title: str | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The article's hashed term profile: sorted unique term ids and their weighted counts."""
    counts = term_counts(text, title)
    merged: dict[int, float] = {}
    for term, count in counts.items():
        key = term_id(term)
        merged[key] = merged.get(key, 0.0) + count
    ids = np.fromiter(sorted(merged), dtype=np.uint32, count=len(merged))
    weights = np.array([merged[int(i)] for i in ids], dtype=np.float32)
    return ids, weights


class DocumentFrequencies:
    """Document frequencies of term ids, updated as articles arrive."""

    def __init__(self, counts: Mapping[int, int] | None = None, documents: int = 0) -> None:
        self.counts: dict[int, int] = dict(counts or {})
        self.documents = documents

    def add(self, profiles: Iterable[np.ndarray]) -> None:
        """Count the terms of new articles (each profile's unique term ids)."""
        for ids in profiles:
            self.documents += 1
            for key in ids.tolist():
                self.counts[key] = self.counts.get(key, 0) + 1

    def idf(self, ids: np.ndarray) -> np.ndarray:
        """Smoothed inverse document frequency, ``ln((1 + N) / (1 + df)) + 1``."""
        get = self.counts.get
        df = np.fromiter((get(k, 0) for k in ids.tolist()), dtype=np.float32, count=len(ids))
        return np.log((1.0 + self.documents) / (1.0 + df)) + 1.0


def tfidf(ids: np.ndarray, weights: np.ndarray, df: DocumentFrequencies) -> np.ndarray:
    """Unit-length TF-IDF weights (sublinear term frequency) for one profile."""
    if len(ids) == 0:
        return weights
    values = (1.0 + np.log(weights)) * df.idf(ids)
    norm = float(np.linalg.norm(values))
    return values / norm if norm > 0 else values


def sparse_cosine(a_ids: np.ndarray, a_vals: np.ndarray,
                  b_ids: np.ndarray, b_vals: np.ndarray) -> float:
    """Cosine of two unit-length sparse vectors given as sorted ids and values."""
    _, ia, ib = np.intersect1d(a_ids, b_ids, assume_unique=True, return_indices=True)
    return float(np.dot(a_vals[ia], b_vals[ib]))


def dense_view(ids: np.ndarray, values: np.ndarray, dim: int = DENSE_DIM) -> np.ndarray:
    """Signed feature hashing of a sparse vector to ``dim`` dimensions, unit length.

    Inner products of these views estimate the sparse cosine; they only choose candidates.
    """
    out = np.zeros(dim, dtype=np.float32)
    if len(ids):
        mixed = (ids.astype(np.uint64) * np.uint64(0x9E3779B1)) & np.uint64(0xFFFFFFFF)
        slots = (mixed % np.uint64(dim)).astype(np.int64)
        signs = np.where((mixed >> np.uint64(16)) & np.uint64(1), 1.0, -1.0).astype(np.float32)
        np.add.at(out, slots, signs * values)
    norm = float(np.linalg.norm(out))
    return out / norm if norm > 0 else out
