"""Group the renderings of one statement across a story's articles.

Outlets quote a speaker at different lengths, split a quote at other places, translate or
report it in their own words, and now and then change it. `align` takes every quote of a
story and returns one `Statement` per thing a speaker said, with each outlet's rendering
classified against a reference rendering (`fidelity.classify`).

Two renderings are linked when their speakers are compatible ("John Kirby", "Kirby" and
"Mr. Kirby" are one person) and their words overlap or their meanings are close; a rendering
whose speaker is unknown needs a stronger match. Links are merged strongest first, and a merge
that would put two different quotes of one article into one statement is refused: an article
does not say the same thing twice in different words, while a speaker may well say two
different things on one subject.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from storydesk.quotes.fidelity import FUNCTION_WORDS, Fidelity, classify, words

# Share of the shorter rendering's content words found in the other (word containment).
# A trimmed or split rendering keeps nearly all its words inside the fuller one; two
# different statements of one speaker on one subject share names and topic words, rarely
# more than a third of them.
CONTAINMENT_STRONG = 0.8  # enough on its own, even when one speaker is unknown
CONTAINMENT_MIN = 0.5  # enough for renderings of one known speaker
MIN_SHARED_WORDS = 3  # containment of one or two words is chance

# MiniLM cosine of the two renderings. Translations and reported-speech paraphrases of one
# statement score 0.7-0.9; two different statements of a speaker on one subject 0.4-0.7.
SIMILARITY_STRONG = 0.85  # enough on its own, even when one speaker is unknown
SIMILARITY_MIN = 0.75  # enough for renderings of one known speaker
# Moderate similarity counts when some words are shared as well.
SIMILARITY_WITH_WORDS = 0.6
CONTAINMENT_WITH_MEANING = 0.3

# Name parts that are titles, not names.
TITLES = frozenset(
    "mr mrs ms miss mx dr prof professor sir dame lord lady president vice prime minister "
    "secretary mayor governor senator general gen colonel col captain capt chancellor "
    "spokesman spokeswoman spokesperson judge justice rev father sheikh king queen prince "
    "princess chief inspector commissioner ambassador foreign defence defense interior "
    "finance health deputy acting former".split()
)
# Two spellings of one name part (Ebrahim/Ibrahim) above this character similarity.
NAME_PART_VARIANT_MIN = 0.75


@dataclass(frozen=True)
class Rendering:
    """One outlet's rendering of a quote: where it is, what it says, who said it."""

    article: str
    text: str
    speaker: str | None = None
    direct: bool = True
    published: str | None = None
    index: int = 0

    def order(self) -> tuple:
        """Sort key: earliest publication first (undated last), then article and position."""
        return (self.published is None, self.published or "", self.article, self.index)


@dataclass
class Statement:
    """One thing a speaker said, with every rendering of it and how faithful each is."""

    speaker: str | None
    reference: Rendering
    renderings: list[tuple[Rendering, Fidelity]] = field(default_factory=list)

    def as_export(self) -> dict:
        """The dossier's statement fields (PRODUCT.md)."""
        return {
            "speaker": self.speaker,
            "reference": {"article": self.reference.article, "text": self.reference.text},
            "renderings": [
                {"article": r.article, "text": r.text, "direct": r.direct, **f.as_export()}
                for r, f in self.renderings
            ],
        }


def name_parts(name: str) -> list[str]:
    """The lower-case parts of a person's name without titles ("Mr. Kirby" -> ["kirby"])."""
    parts = re.findall(r"[^\W\d_]+", name.lower())
    return [p for p in parts if p not in TITLES]


def _close(a: str, b: str) -> bool:
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= NAME_PART_VARIANT_MIN


def same_speaker(a: str | None, b: str | None) -> bool:
    """Whether two resolved speaker names can be one person.

    The last name parts must match (spelling variants allowed); given names, when both
    names have them, must match too, or one be the other's initial.
    """
    if not a or not b:
        return False
    pa, pb = name_parts(a), name_parts(b)
    if not pa or not pb:
        return a.strip().lower() == b.strip().lower()
    if not _close(pa[-1], pb[-1]):
        return False
    if len(pa) > 1 and len(pb) > 1:
        first_a, first_b = pa[0], pb[0]
        if len(first_a) == 1 or len(first_b) == 1:
            return first_a[0] == first_b[0]
        return _close(first_a, first_b)
    return True


def _content_keys(text: str) -> frozenset[str]:
    return frozenset(w.key for w in words(text) if w.key not in FUNCTION_WORDS and w.key != "…")


def _containment(a: frozenset[str], b: frozenset[str]) -> tuple[float, int]:
    shared = len(a & b)
    smaller = min(len(a), len(b))
    return (shared / smaller if smaller else 0.0), shared


def _link_strength(
    a: Rendering, b: Rendering, keys_a: frozenset[str], keys_b: frozenset[str], cosine: float
) -> float | None:
    """How strongly two renderings look like one statement; None when they do not."""
    containment, shared = _containment(keys_a, keys_b)
    if shared < MIN_SHARED_WORDS:
        containment = 0.0
    strong = containment >= CONTAINMENT_STRONG or cosine >= SIMILARITY_STRONG
    if a.speaker and b.speaker:
        if not same_speaker(a.speaker, b.speaker):
            return None
        linked = (
            strong
            or containment >= CONTAINMENT_MIN
            or cosine >= SIMILARITY_MIN
            or (cosine >= SIMILARITY_WITH_WORDS and containment >= CONTAINMENT_WITH_MEANING)
        )
    else:
        linked = strong
    return max(containment, cosine) if linked else None


class _Groups:
    """Union-find over renderings that refuses to join two different quotes of one article."""

    def __init__(self, renderings: Sequence[Rendering], keys: Sequence[tuple[str, ...]]):
        self.parent = list(range(len(renderings)))
        # For each group root: article -> the word sequences of its quotes in the group.
        self.quotes: list[dict[str, set[tuple[str, ...]]]] = [
            {r.article: {k}} for r, k in zip(renderings, keys, strict=True)
        ]

    def root(self, i: int) -> int:
        """The group of rendering `i`."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> bool:
        """Join the groups of `i` and `j` unless that would put two different quotes of one
        article together; returns whether they are one group now."""
        ri, rj = self.root(i), self.root(j)
        if ri == rj:
            return True
        qi, qj = self.quotes[ri], self.quotes[rj]
        for article, texts in qj.items():
            if article in qi and (qi[article] | texts) != qi[article] & texts:
                return False
        low, high = min(ri, rj), max(ri, rj)
        self.parent[high] = low
        merged = self.quotes[low]
        for article, texts in self.quotes[high].items():
            merged.setdefault(article, set()).update(texts)
        return True


def pick_reference(group: Sequence[Rendering]) -> Rendering:
    """The fullest direct rendering (the fullest of all if none is direct), earliest on ties."""
    direct = [r for r in group if r.direct] or list(group)
    return min(direct, key=lambda r: (-len(words(r.text)), r.order()))


def _speaker_name(group: Sequence[Rendering]) -> str | None:
    names = [r.speaker for r in sorted(group, key=Rendering.order) if r.speaker]
    if not names:
        return None
    return max(names, key=lambda n: len(name_parts(n)))  # the fullest name, earliest first


def align(renderings: Sequence[Rendering], *, model=None) -> list[Statement]:
    """Group a story's renderings into statements, each rendering classified.

    ``model`` is anything with MiniLM's ``encode(list_of_texts)`` returning unit vectors
    (default: the shared MiniLM); all texts are encoded in one call. Statements come in the
    order of their earliest rendering, renderings inside a statement likewise.
    """
    items = sorted(renderings, key=Rendering.order)
    if not items:
        return []
    sequences = [tuple(w.key for w in words(r.text) if w.key != "…") for r in items]
    # Syndicated copies repeat the same quotes word for word: renderings with the same words
    # and speaker are one class, compared with others once (the same link every copy would
    # make), so a story of many copies costs about what its distinct quotes cost.
    classes: dict[tuple, list[int]] = {}
    for i, (r, sequence) in enumerate(zip(items, sequences, strict=True)):
        classes.setdefault((sequence, r.speaker), []).append(i)
    heads = [members[0] for members in classes.values()]
    texts = sorted({items[i].text for i in range(len(items))})
    if len({r.article for r in items}) == 1:
        # One article: only a repeated quote can join another, so no model is needed.
        vectors = np.eye(len(texts), dtype=np.float32)
    else:
        if model is None:
            from storydesk.similarity.minilm import shared_model

            model = shared_model()
        vectors = np.asarray(model.encode(texts), dtype=np.float32)
    row = {text: n for n, text in enumerate(texts)}
    vector_of = [vectors[row[r.text]] for r in items]

    def similarity(i: int, j: int) -> float:
        if sequences[i] == sequences[j]:
            return 1.0
        return float(vector_of[i] @ vector_of[j])

    groups = _Groups(items, sequences)
    for members in classes.values():
        for i in members[1:]:
            groups.join(members[0], i)
    keys = {i: _content_keys(items[i].text) for i in heads}
    links: list[tuple[float, int, int]] = []
    for n, i in enumerate(heads):
        for j in heads[n + 1:]:
            if items[i].article == items[j].article and sequences[i] != sequences[j]:
                continue
            strength = _link_strength(items[i], items[j], keys[i], keys[j], similarity(i, j))
            if strength is not None:
                links.append((strength, i, j))
    for _, i, j in sorted(links, key=lambda link: (-link[0], link[1], link[2])):
        groups.join(i, j)

    members: dict[int, list[int]] = {}
    for i in range(len(items)):
        members.setdefault(groups.root(i), []).append(i)
    statements = []
    fidelities: dict[tuple[str, str], Fidelity] = {}
    for root in sorted(members):  # roots are the smallest index, i.e. the earliest rendering
        indices = members[root]
        group = [items[i] for i in indices]
        reference = pick_reference(group)
        ref_index = indices[group.index(reference)]
        classified = []
        for i in indices:
            pair = (reference.text, items[i].text)
            if pair not in fidelities:          # copies repeat the same pairs
                fidelities[pair] = classify(*pair, similarity=similarity(ref_index, i))
            classified.append((items[i], fidelities[pair]))
        statements.append(Statement(_speaker_name(group), reference, classified))
    return statements
