"""MinHash signatures over word shingles, and LSH banding to find near-copies fast.

A shingle is a run of ``SHINGLE`` consecutive words (lower-cased, punctuation dropped). Two
texts that share most shingles share most of their wording in the same order. A signature of
``PERMUTATIONS`` minimum hash values estimates the Jaccard similarity of two shingle sets;
cutting it into ``BANDS`` bands and bucketing identical bands finds the pairs whose Jaccard
similarity is likely above about (1/BANDS) ** (1/ROWS), here 0.42, in time linear in the corpus.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable

import numpy as np

SHINGLE = 5
PERMUTATIONS = 128
BANDS = 32
ROWS = PERMUTATIONS // BANDS
_PRIME = np.uint64((1 << 31) - 1)
_rng = np.random.default_rng(20221210)  # fixed: signatures must agree across runs and machines
_A = _rng.integers(1, int(_PRIME), PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, int(_PRIME), PERMUTATIONS, dtype=np.uint64)
WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased words of a text, punctuation and spacing ignored."""
    return WORD.findall(text.lower())


def shingle_hashes(tokens: list[str]) -> np.ndarray:
    """31-bit hashes of every run of ``SHINGLE`` words, in text order (one per start position).

    A text shorter than a shingle yields a single hash of all its words.
    """
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    hashed = np.array([zlib.crc32(t.encode("utf-8")) for t in tokens], dtype=np.uint64)
    width = min(SHINGLE, len(tokens))
    count = len(hashed) - width + 1
    combined = np.zeros(count, dtype=np.uint64)
    for offset in range(width):
        combined = (combined * np.uint64(1_000_003) + hashed[offset : offset + count]) % _PRIME
    return combined


def signature(shingles: np.ndarray) -> np.ndarray:
    """The MinHash signature (``PERMUTATIONS`` values) of a set of shingle hashes."""
    if len(shingles) == 0:
        return np.full(PERMUTATIONS, int(_PRIME), dtype=np.uint32)
    unique = np.unique(shingles)
    values = (unique[:, None] * _A[None, :] + _B[None, :]) % _PRIME
    return values.min(axis=0).astype(np.uint32)


def band_keys(sig: np.ndarray) -> list[bytes]:
    """One bucket key per band (the band index is part of the key)."""
    rows = sig.reshape(BANDS, ROWS)
    return [bytes([band]) + rows[band].tobytes() for band in range(BANDS)]


class LSHIndex:
    """Buckets of signature bands; yields the items that share a bucket with a query."""

    def __init__(self) -> None:
        self.buckets: dict[bytes, list[int]] = defaultdict(list)

    def add(self, item: int, sig: np.ndarray) -> None:
        """Index one item's signature."""
        for key in band_keys(sig):
            self.buckets[key].append(item)

    def candidates(self, sig: np.ndarray, limit: int = 200) -> set[int]:
        """Items sharing at least one band with ``sig`` (at most ``limit`` per bucket)."""
        found: set[int] = set()
        for key in band_keys(sig):
            found.update(self.buckets.get(key, ())[:limit])
        return found


def estimated_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """The share of equal signature values: an estimate of the shingle Jaccard similarity."""
    return float(np.mean(a == b))


def overlap(a: Iterable[int], b: Iterable[int]) -> tuple[float, float]:
    """Exact Jaccard similarity and containment (shared share of the smaller set)."""
    set_a, set_b = set(a), set(b)
    if not set_a or not set_b:
        return 0.0, 0.0
    shared = len(set_a & set_b)
    return shared / len(set_a | set_b), shared / min(len(set_a), len(set_b))
