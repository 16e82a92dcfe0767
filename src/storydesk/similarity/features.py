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
from collections.abc import Sequence

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


_IDS: dict[str, int] = {}


def term_id(term: str) -> int:
    """A stable 32-bit id for a term (the same in every process and on every machine)."""
    found = _IDS.get(term)
    if found is None:
        found = zlib.crc32(term.encode("utf-8"))
        if len(_IDS) < 2_000_000:  # a bounded cache of the vocabulary
            _IDS[term] = found
    return found


# What each distinct token counts as: its term and its weight, or None (a stop word).
_TOKENS: dict[str, tuple[str, float] | None] = {}


def _token_term(token: str) -> tuple[str, float] | None:
    lower = token.lower().strip("'’-")
    if (len(lower) < 2 and not lower.isdigit()) or lower in STOPWORDS:
        return None
    if token[0].isdigit():
        return lower.replace(",", ""), NAME_WEIGHT
    return lower, NAME_WEIGHT if token[0].isupper() else 1.0


def term_counts(text: str, title: str | None = None) -> Counter[str]:
    """Weighted term counts of an article: names and numbers weigh ``NAME_WEIGHT``.

    The title, when known and not already the first line of the text, is counted as text.
    """
    if title and not text.startswith(title):
        text = title + "\n" + text
    counts: Counter[str] = Counter()
    known = _TOKENS
    for token, n in Counter(TOKEN.findall(text)).items():
        if token in known:
            entry = known[token]
        else:
            entry = _token_term(token)
            if len(known) < 2_000_000:  # a bounded cache of the vocabulary
                known[token] = entry
        if entry is not None:
            counts[entry[0]] += entry[1] * n
    return counts


def profile(text: str, title: str | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The article's hashed term profile: sorted unique term ids and their weighted counts."""
    counts = term_counts(text, title)
    ids = np.fromiter((term_id(t) for t in counts), dtype=np.uint32, count=len(counts))
    weights = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
    order = np.argsort(ids, kind="stable")
    ids, weights = ids[order], weights[order]
    # Two terms with the same 32-bit id (rare) are one term.
    unique, first = np.unique(ids, return_index=True)
    if len(unique) < len(ids):
        weights = np.add.reduceat(weights, first)
        ids = unique
    return ids, weights


class DocumentFrequencies:
    """Document frequencies of term ids: sorted ids and their counts, and the corpus size."""

    def __init__(self, ids: np.ndarray | None = None, counts: np.ndarray | None = None,
                 documents: int = 0) -> None:
        self.ids = np.zeros(0, dtype=np.uint32) if ids is None else ids
        self.counts = np.zeros(0, dtype=np.int64) if counts is None else counts
        self.documents = documents

    @classmethod
    def of(cls, profiles: Sequence[np.ndarray]) -> DocumentFrequencies:
        """Count the terms of a corpus (each profile's unique, sorted term ids)."""
        if not profiles:
            return cls()
        ids, counts = np.unique(np.concatenate(profiles), return_counts=True)
        return cls(ids, counts, len(profiles))

    def idf(self, ids: np.ndarray) -> np.ndarray:
        """Smoothed inverse document frequency, ``ln((1 + N) / (1 + df)) + 1``."""
        df = np.zeros(len(ids), dtype=np.float32)
        if len(self.ids):
            where = np.minimum(np.searchsorted(self.ids, ids), len(self.ids) - 1)
            found = self.ids[where] == ids
            df[found] = self.counts[where[found]]
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
    if len(a_ids) > len(b_ids):
        a_ids, a_vals, b_ids, b_vals = b_ids, b_vals, a_ids, a_vals
    if not len(a_ids):
        return 0.0
    where = np.minimum(np.searchsorted(b_ids, a_ids), len(b_ids) - 1)
    found = b_ids[where] == a_ids
    return float(np.dot(a_vals[found], b_vals[where[found]]))


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
