"""Copy lineage: which article is a copy of which, of what kind, and on what evidence.

Kinds, strongest first:

- ``exact``: the same text once spacing, case and punctuation are ignored;
- ``near-duplicate``: shingle Jaccard similarity of at least ``NEAR_DUPLICATE``
  (light edits: a changed headline, a corrected figure, a different footer);
- ``syndicated``: most of the shorter text appears word for word in the other, in long passages
  (a wire story with paragraphs added or cut);
- ``rewritten`` / ``translated``: little shared wording, but the sentences of one follow the
  sentences of the other in the same order with the same content (found by aligning sentence
  embeddings); ``translated`` when the two articles are in different languages.

Which is the original: an article that credits the other's outlet (a syndication byline, a
photo credit) is the copy; otherwise the one published first. Publication days are compared,
and times only when both are known; an article without a known date cannot be shown to be
first, so a dated one wins. On the same day, a verbatim copy's original is the fuller text
(syndication cuts), a rewrite's original the shorter (rewrites and translations add words);
the one ingested first breaks a last tie.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from storydesk.stories.minhash import SHINGLE, overlap, shingle_hashes, words

NEAR_DUPLICATE = 0.8
SYNDICATED = 0.6  # containment: share of the shorter text's shingles found in the other
MIN_PASSAGE_WORDS = 12
ALIGN_FLOOR = 0.6  # sentence pairs less similar than this are never aligned
REWRITE_COVERAGE = 0.6  # share of the shorter article's sentences aligned in order
REWRITE_SIMILARITY = 0.83  # mean similarity of the aligned sentences
MIN_SENTENCES = 3
NAME_ORDER = 0.45  # share of names and figures that a rewrite keeps in the same order
MAX_SENTENCES = 40  # longer articles are compared by their first sentences

NAME_OR_FIGURE = re.compile(r"\b[A-Z][\w'’-]+|\b\d[\d,.]*")
KIND_RANK = {"exact": 0, "near-duplicate": 1, "syndicated": 2, "translated": 3, "rewritten": 3}
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’']?\s+(?=[\"“‘'(]?[A-Z0-9])")


@dataclass(slots=True)
class CopyDoc:
    """What copy detection needs of an article."""

    seq: int
    id: str
    text: str
    published: str | None
    published_certain: bool
    language: str | None
    outlet: str | None = None
    furniture: str = ""  # bylines, credits and other lines cleaning removed
    tokens: list[str] = field(default_factory=list)
    shingles: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))

    @classmethod
    def of(cls, seq: int, id: str, text: str, published: str | None, certain: bool,
           language: str | None, outlet: str | None = None, furniture: str = "") -> CopyDoc:
        """Build one, with its words and shingles."""
        tokens = words(text)
        return cls(seq, id, text, published, certain, language, outlet, furniture, tokens,
                   shingle_hashes(tokens))

    def credits(self, other: CopyDoc) -> bool:
        """Whether this article names the other's outlet (in its text, byline or credits)."""
        name = (other.outlet or "").strip().lower()
        if len(name) < 4 or name == (self.outlet or "").strip().lower():
            return False
        return name in self.text.lower() or name in self.furniture.lower()


@dataclass(slots=True)
class CopyLink:
    """``copy`` is a copy of ``original``; ``evidence`` holds the figures and passages."""

    copy: str
    original: str
    kind: str
    evidence: dict[str, Any]


def first_of(a: CopyDoc, b: CopyDoc, verbatim: bool = True) -> tuple[CopyDoc, CopyDoc]:
    """Order two copies as (original, copy); see the module docstring for the rules."""
    if a.credits(b) != b.credits(a):
        return (b, a) if a.credits(b) else (a, b)

    def key(doc: CopyDoc) -> tuple[int, str, str, int, int]:
        day = (doc.published or "")[:10]
        length = len(doc.tokens)
        return (0 if day else 1, day, "", -length if verbatim else length, doc.seq)

    key_a, key_b = key(a), key(b)
    if key_a[1] == key_b[1] and len(a.published or "") > 10 and len(b.published or "") > 10:
        key_a = (*key_a[:2], a.published or "", *key_a[3:])
        key_b = (*key_b[:2], b.published or "", *key_b[3:])
    return (a, b) if key_a <= key_b else (b, a)


def shared_passages(doc: CopyDoc, other: set[int], limit: int = 3) -> list[str]:
    """The longest passages of ``doc`` whose every shingle occurs in ``other``."""
    runs: list[tuple[int, int]] = []
    start = None
    hits = [int(h) in other for h in doc.shingles]
    for i, hit in enumerate([*hits, False]):
        if hit and start is None:
            start = i
        elif not hit and start is not None:
            runs.append((start, i - 1 + SHINGLE))
            start = None
    runs = [r for r in runs if r[1] - r[0] >= MIN_PASSAGE_WORDS]
    runs.sort(key=lambda r: r[0] - r[1])
    return [" ".join(doc.tokens[s:e]) for s, e in runs[:limit]]


def verbatim_copy(a: CopyDoc, b: CopyDoc) -> CopyLink | None:
    """An exact, near-duplicate or syndicated link between two articles, if there is one."""
    if not a.tokens or not b.tokens:
        return None
    original, copy = first_of(a, b)
    if a.tokens == b.tokens:
        return CopyLink(copy.id, original.id, "exact", {"jaccard": 1.0, "containment": 1.0})
    jaccard, containment = overlap(a.shingles.tolist(), b.shingles.tolist())
    figures = {"jaccard": round(jaccard, 3), "containment": round(containment, 3)}
    if jaccard >= NEAR_DUPLICATE:
        return CopyLink(copy.id, original.id, "near-duplicate", figures)
    if containment >= SYNDICATED:
        passages = shared_passages(copy, set(original.shingles.tolist()))
        if passages:
            return CopyLink(copy.id, original.id, "syndicated", {**figures, "passages": passages})
    return None


def names_in_order(text: str) -> list[str]:
    """Capitalised words and figures of a text, in order (stop words left out)."""
    from storydesk.similarity.features import STOPWORDS

    return [w.lower() for w in NAME_OR_FIGURE.findall(text) if w.lower() not in STOPWORDS]


def name_order_overlap(a: CopyDoc, b: CopyDoc) -> float:
    """How much of the shorter article's sequence of names and figures the other repeats in
    the same order. Rewrites and translations keep it; independent reports mostly do not,
    which makes it a cheap filter before aligning sentences."""
    names_a, names_b = names_in_order(a.text), names_in_order(b.text)
    if not names_a or not names_b:
        return 0.0
    matcher = difflib.SequenceMatcher(None, names_a, names_b, autojunk=False)
    common = sum(block.size for block in matcher.get_matching_blocks())
    return common / min(len(names_a), len(names_b))


def split_sentences(text: str, min_words: int = 4) -> list[str]:
    """Sentences of a cleaned text (paragraph breaks always end a sentence)."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        for sentence in SENTENCE_END.split(paragraph.strip()):
            if len(sentence.split()) >= min_words:
                out.append(sentence.strip())
    return out


def align(similarity: np.ndarray, floor: float = ALIGN_FLOOR) -> list[tuple[int, int]]:
    """The in-order alignment of sentences that maximises the summed excess similarity.

    A monotone alignment (like a sequence alignment of two texts, gaps free): sentence i of one
    text may pair with sentence j of the other only if earlier pairs come before both.
    """
    rows, cols = similarity.shape
    gain = np.where(similarity >= floor, similarity - floor, -np.inf)
    best = np.zeros((rows + 1, cols + 1))
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            diagonal = best[i - 1, j - 1] + gain[i - 1, j - 1]
            best[i, j] = max(best[i - 1, j], best[i, j - 1], diagonal)
    pairs: list[tuple[int, int]] = []
    i, j = rows, cols
    while i > 0 and j > 0:
        if best[i, j] == best[i - 1, j]:
            i -= 1
        elif best[i, j] == best[i, j - 1]:
            j -= 1
        else:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
    return pairs[::-1]


Encoder = Callable[[list[str]], np.ndarray]


class SentenceCache:
    """Sentences of each article and their embeddings, computed once per article."""

    def __init__(self, encode: Encoder) -> None:
        self.encode = encode
        self.items: dict[str, tuple[list[str], np.ndarray]] = {}

    def __call__(self, doc: CopyDoc) -> tuple[list[str], np.ndarray]:
        """The article's sentences and their unit vectors."""
        if doc.id not in self.items:
            sentences = split_sentences(doc.text)[:MAX_SENTENCES]
            self.items[doc.id] = (sentences, self.encode(sentences))
        return self.items[doc.id]


def rewritten_copy(a: CopyDoc, b: CopyDoc, sentences: SentenceCache) -> CopyLink | None:
    """A rewritten or translated link: the sentences of both align in order, most of them."""
    if name_order_overlap(a, b) < NAME_ORDER:
        return None
    sentences_a, vectors_a = sentences(a)
    sentences_b, vectors_b = sentences(b)
    if min(len(sentences_a), len(sentences_b)) < MIN_SENTENCES:
        return None
    similarity = vectors_a @ vectors_b.T
    pairs = align(similarity)
    if not pairs:
        return None
    coverage = len(pairs) / min(len(sentences_a), len(sentences_b))
    mean = float(np.mean([similarity[i, j] for i, j in pairs]))
    if coverage < REWRITE_COVERAGE or mean < REWRITE_SIMILARITY:
        return None
    original, copy = first_of(a, b, verbatim=False)
    kind = "translated" if a.language and b.language and a.language != b.language else "rewritten"
    flip = original is b
    examples = sorted(pairs, key=lambda p: -similarity[p])[:3]
    evidence = {
        "aligned_sentences": len(pairs),
        "coverage": round(coverage, 3),
        "mean_similarity": round(mean, 3),
        "examples": [
            {
                "original": (sentences_b if flip else sentences_a)[j if flip else i],
                "copy": (sentences_a if flip else sentences_b)[i if flip else j],
                "similarity": round(float(similarity[i, j]), 3),
            }
            for i, j in examples
        ],
    }
    return CopyLink(copy.id, original.id, kind, evidence)


def choose_links(links: list[CopyLink]) -> dict[str, CopyLink]:
    """One link per copy: the strongest kind, an original that is no copy itself, then the
    closest figures."""
    copies = {link.copy for link in links}

    def strength(link: CopyLink) -> tuple[int, bool, float, str]:
        figure = link.evidence.get("jaccard", link.evidence.get("mean_similarity", 0.0))
        return KIND_RANK[link.kind], link.original in copies, -float(figure), link.original

    chosen: dict[str, CopyLink] = {}
    for link in links:
        current = chosen.get(link.copy)
        if current is None or strength(link) < strength(current):
            chosen[link.copy] = link
    return chosen
