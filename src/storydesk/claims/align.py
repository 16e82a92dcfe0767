"""Align claim units across a story's articles: the same fact, told by several outlets.

Two units state the same fact when they share its rare words: the names, figures and content
words that the rest of the story does not repeat everywhere. Each unit becomes a set of
normalised terms (lower case, crude stems, spelled numbers as digits, common irregular verb
forms as their base: "shot" is "shoot", "downed" is "down"), weighted by how rare the term is
among the story's units (IDF). The score of a pair mixes their cosine with their overlap
coefficient, so that a short version of a fact still matches a longer one that adds details.

Candidate pairs come from an inverted index over the rarer terms, so a story of a few hundred
articles is not compared pair by pair. Units are grouped greedily, strongest pair first, and
two groups merge only when their members agree on average too (no chaining of one fact into
another through a sentence that mentions both) and hold no two units of one article (an
article states a fact once; two of its sentences are two facts).

Outlets tell one fact in other words ("31 people were hurt" / "Thirty-one people were
injured"): with word vectors (see :mod:`storydesk.claims.words`), a term one unit lacks still
counts in proportion to the closest word the other unit has; the cosine of the two units'
IDF-weighted centroids of word vectors joins the score, and each unit's nearest units by
centroid become candidates too. The thorough mode uses MiniLM sentence vectors instead of the
centroids.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from storydesk.claims.numbers import SCALES, SMALL_NUMBERS, figures, singular
from storydesk.similarity.features import STOPWORDS

# Thresholds, chosen on the project's own labelled claim pairs (tests/analysis/data).
SAME_FACT = 0.42  # a pair this close states the same fact
GROUP_AGREEMENT = 0.30  # two groups merge when their members agree this much on average
# With sentence vectors (the thorough mode), their cosine takes this share of the score;
# with word vectors alone, the cosine of the units' centroids of word vectors does.
SENTENCE_SHARE = 0.5
SAME_FACT_WITH_SENTENCES = 0.36
CENTROID_SHARE = 0.4
SAME_FACT_WITH_CENTROIDS = 0.55
COSINE_SHARE = 0.5  # the score mixes cosine (this share) and overlap coefficient
SOFT_MATCH = 0.55  # words this similar count as a match, in proportion to their similarity
NEIGHBOURS = 8  # with word vectors, each unit's nearest units by centroid are candidates
NEIGHBOUR_MIN = 0.5
COMMON_SHARE = 0.5  # terms in more than this share of units do not propose candidates
# Two units that give one figure of one counted thing ("killing at least 12 people" / "the
# death toll rose to twelve") add this to their score. Small counts ("two people") recur in
# unrelated facts of a story and do not count.
FIGURE_AGREEMENT = 0.1
FIGURE_MIN = 10

IRREGULAR = {
    "shot": "shoot", "downed": "down", "said": "say", "told": "tell", "took": "take",
    "taken": "take", "gave": "give", "given": "give", "sent": "send", "made": "make",
    "began": "begin", "begun": "begin", "fell": "fall", "fallen": "fall", "hit": "hit",
    "held": "hold", "left": "leave", "led": "lead", "met": "meet", "paid": "pay",
    "rose": "rise", "risen": "rise", "sought": "seek", "thought": "think", "won": "win",
    "lost": "lose", "brought": "bring", "bought": "buy", "built": "build", "caught": "catch",
    "chose": "choose", "chosen": "choose", "drove": "drive", "driven": "drive",
    "fled": "flee", "flew": "fly", "flown": "fly", "fought": "fight", "found": "find",
    "killed": "kill", "struck": "strike", "stricken": "strike", "spoke": "speak",
    "spoken": "speak", "stole": "steal", "stolen": "steal", "wrote": "write",
    "written": "write", "broke": "break", "broken": "break", "kept": "keep", "knew": "know",
    "known": "know", "ran": "run", "saw": "see", "seen": "see", "went": "go", "gone": "go",
    "people": "people", "dead": "die", "died": "die", "deaths": "die", "death": "die",
    "defence": "defense", "neighbours": "neighbor", "neighbour": "neighbor",
}
_POSSESSIVE_END = re.compile(r"['’]s$")
_TOKEN = re.compile(r"[^\W\d_][\w’'-]*|\d[\d,.]*\d|\d")
# Spelled numbers as the digits other outlets write ("twelve" is "12").
_SPELLED = {word: str(int(value)) for word, value in {**SMALL_NUMBERS, **SCALES}.items()
            if len(word) > 2}


def stem(word: str) -> str:
    """A crude stem that joins the forms news writing uses for one word."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.strip("'")
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word in _SPELLED:
        return _SPELLED[word]
    for ending, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)] + keep
            break
    if word.endswith("e") and len(word) > 5:
        word = word[:-1]
    return word


_SPEECH = (r"(?:said|says|told|tells|added|adds|stated|announced|explained|warned|noted"
           r"|claimed|insisted|according\s+to)")
# "..., said US national security council spokesman John Kirby." at a sentence's end, and
# "In response to his comments, Foreign Secretary James Cleverly said that" at its start.
_TRAILING_ATTRIBUTION = re.compile(
    rf"(?:,[”\"’']?|[”\"])\s+(?:[\w.’'-]+\s+){{0,10}}?{_SPEECH}\b[^,;:“”\"]{{0,60}}$",
    re.IGNORECASE)
_LEADING_ATTRIBUTION = re.compile(
    rf"^[^“”\"]{{0,120}}?\b{_SPEECH}\s+(?:that\s+|on\s+\w+\s+that\s+)?(?=[^,]{{20}})",
    re.IGNORECASE)


def without_attribution(text: str) -> str:
    """A unit's words without who said them: the speaker's name and title say who reported
    the fact, not what it is, and would make any two statements of one speaker alike."""
    stripped = _TRAILING_ATTRIBUTION.sub("", text.rstrip(" .")).strip()
    if stripped == text.rstrip(" .").strip():
        stripped = _LEADING_ATTRIBUTION.sub("", stripped)
    return stripped if len(stripped.split()) >= 4 else text


def term_words(text: str) -> dict[str, str]:
    """The normalised content terms of a unit (without its attribution), each with the word
    it came from ("" for figures, which are written as "#value" terms too)."""
    text = without_attribution(text)
    out: dict[str, str] = {}
    for token in _TOKEN.findall(text):
        lower = token.lower()
        if lower in STOPWORDS or len(lower) < 2:
            continue
        if token[0].isdigit():
            out[token.replace(",", "")] = ""
            continue
        for part in lower.split("-"):
            if part and part not in STOPWORDS and len(part) > 1:
                term = stem(part)
                # The word looked up in the word vectors: "obama" for "obama's".
                word = _POSSESSIVE_END.sub("", part).strip("'’")
                out[term] = "" if term.isdigit() else out.get(term) or word
    for figure in figures(text):
        out[f"#{figure.value:g}"] = ""
        if figure.counts:
            out.setdefault(singular(figure.counts),
                           figure.counts if figure.counts.isalpha() else "")
    return out


@dataclass(slots=True)
class ClaimUnit:
    """A unit to align: which article it is in and its text."""

    article: str
    index: int  # position among the article's units
    text: str
    words: dict[str, str] = field(default_factory=dict)  # term → the word it came from


@dataclass(slots=True)
class Group:
    """Units that state one fact, with the scores that joined them."""

    members: list[int]
    scores: list[float] = field(default_factory=list)


WordVectors = Callable[[list[str]], np.ndarray]
SentenceVectors = Callable[[list[str]], np.ndarray]


class Aligner:
    """Scores and groups the claim units of one story.

    With `word_vectors` (unit vectors for words, see :mod:`storydesk.claims.words`), a term
    of one unit that the other lacks still counts when the other has a word of like meaning
    ("hurt" / "injured", "staff" / "workers"), in proportion to their similarity.
    """

    def __init__(self, units: Sequence[ClaimUnit], word_vectors: WordVectors | None = None,
                 sentence_vectors: SentenceVectors | None = None) -> None:
        self.units = list(units)
        for unit in self.units:
            if not unit.words:
                unit.words = term_words(unit.text)
        df = Counter(t for u in self.units for t in u.words)
        n = max(len(self.units), 1)
        self.idf = {t: math.log((n + 1) / (c + 0.5)) + 0.1 for t, c in df.items()}
        self.common = {t for t, c in df.items() if n > 8 and c > COMMON_SHARE * n}
        self.weight = [sum(self.idf[t] for t in u.words) for u in self.units]
        self._figures = [[f for f in figures(without_attribution(u.text))
                          if f.value >= FIGURE_MIN] for u in self.units]
        self._soft: list[tuple[list[str], np.ndarray]] | None = None
        self._centroids: np.ndarray | None = None
        if word_vectors is not None and self.units:
            self._embed(word_vectors)
        self._sentences: np.ndarray | None = None
        self.same_fact = SAME_FACT
        self._share = 0.0
        self.scores: dict[tuple[int, int], float] = {}
        if sentence_vectors is not None and self.units:
            self._sentences = sentence_vectors([u.text for u in self.units])
            self.same_fact, self._share = SAME_FACT_WITH_SENTENCES, SENTENCE_SHARE
        elif self._centroids is not None:
            # The word vectors' weighted centroid is a cheap sentence vector of its own.
            self._sentences = self._centroids
            self.same_fact, self._share = SAME_FACT_WITH_CENTROIDS, CENTROID_SHARE

    def _embed(self, word_vectors: WordVectors) -> None:
        """Vectors for every unit's words, and each unit's IDF-weighted centroid."""
        vocabulary = sorted({w for u in self.units for w in u.words.values() if w})
        found = word_vectors(vocabulary) if vocabulary else np.zeros((0, 1), np.float32)
        vector_of = dict(zip(vocabulary, found, strict=True))
        dim = found.shape[1]
        self._soft = []
        centroids = np.zeros((len(self.units), dim), dtype=np.float32)
        for i, unit in enumerate(self.units):
            held = [t for t, w in unit.words.items() if w]
            matrix = (np.stack([vector_of[unit.words[t]] for t in held]) if held
                      else np.zeros((0, dim), dtype=np.float32))
            self._soft.append((held, matrix))
            if held:
                weights = np.array([self.idf[t] for t in held], dtype=np.float32)
                centroid = weights @ matrix
                centroids[i] = centroid / max(float(np.linalg.norm(centroid)), 1e-9)
        self._centroids = centroids

    def _matched(self, i: int, j: int) -> tuple[float, float]:
        """The IDF weight of unit i's terms found in unit j, and of j's found in i: exact
        matches count fully, words of like meaning by their similarity."""
        a, b = self.units[i].words, self.units[j].words
        shared = sum(self.idf[t] for t in a.keys() & b.keys())
        match_a = match_b = shared
        if self._soft is not None:
            terms_a, vectors_a = self._soft[i]
            terms_b, vectors_b = self._soft[j]
            only_a = [k for k, t in enumerate(terms_a) if t not in b]
            only_b = [k for k, t in enumerate(terms_b) if t not in a]
            if only_a and only_b:
                sims = vectors_a[only_a] @ vectors_b[only_b].T
                best_a, best_b = sims.max(axis=1), sims.max(axis=0)
                match_a += sum(self.idf[terms_a[k]] * float(c)
                               for k, c in zip(only_a, best_a, strict=True) if c >= SOFT_MATCH)
                match_b += sum(self.idf[terms_b[k]] * float(c)
                               for k, c in zip(only_b, best_b, strict=True) if c >= SOFT_MATCH)
        return match_a, match_b

    def score(self, i: int, j: int) -> float:
        """How surely units i and j state the same fact, from 0 to 1: the mean of the cosine
        and the overlap coefficient of their matched term weights."""
        wa, wb = self.weight[i], self.weight[j]
        if not wa or not wb:
            return 0.0
        match_a, match_b = self._matched(i, j)
        cosine = math.sqrt(match_a * match_b / (wa * wb))
        overlap = max(match_a / wa, match_b / wb)
        words = COSINE_SHARE * cosine + (1 - COSINE_SHARE) * overlap
        bonus = FIGURE_AGREEMENT if self._same_figure(i, j) else 0.0
        if self._sentences is None:
            return min(1.0, words + bonus)
        sentence = float(self._sentences[i] @ self._sentences[j])
        return min(1.0, self._share * sentence + (1 - self._share) * words + bonus)

    def _same_figure(self, i: int, j: int) -> bool:
        """Whether units i and j give one figure ("at least 12" / "twelve", "more than 300"
        / "312") of one counted thing (or of something only one of them names)."""
        for a in self._figures[i]:
            for b in self._figures[j]:
                if a.counts and b.counts and a.counts != b.counts:
                    continue
                if a.same_value(b):
                    return True
        return False

    def candidates(self) -> dict[tuple[int, int], float]:
        """Pairs of units from different articles worth scoring, with their scores: those
        sharing a rare term, and (with word vectors) each unit's nearest units by centroid."""
        index: dict[str, list[int]] = defaultdict(list)
        for i, unit in enumerate(self.units):
            for term in unit.words:
                if term not in self.common:
                    index[term].append(i)
        pairs: set[tuple[int, int]] = set()
        for members in index.values():
            for x, i in enumerate(members):
                for j in members[x + 1:]:
                    if self.units[i].article != self.units[j].article:
                        pairs.add((i, j))
        vectors = self._sentences if self._sentences is not None else self._centroids
        if vectors is not None and len(self.units) > 1:
            articles = np.array([u.article for u in self.units])
            sims = vectors @ vectors.T
            sims[articles[:, None] == articles[None, :]] = -1.0
            nearest = np.argsort(-sims, axis=1)[:, :NEIGHBOURS]
            for i, row in enumerate(nearest):
                for j in row:
                    if sims[i, j] >= NEIGHBOUR_MIN:
                        pairs.add((min(i, int(j)), max(i, int(j))))
        return {p: self.score(*p) for p in sorted(pairs)}

    def _attach(self, scores: dict[tuple[int, int], float], groups: dict[int, Group]) -> None:
        """Let a sentence that states several facts support each of them: a unit close enough
        to a member of another group joins that group too, unless its article is there."""
        home = {m: key for key, g in groups.items() for m in g.members}
        extra: dict[int, set[int]] = defaultdict(set)
        for (i, j), score in scores.items():
            if score < self.same_fact or home[i] == home[j]:
                continue
            for unit, other in ((i, j), (j, i)):
                group = groups[home[other]]
                if self.units[unit].article not in {self.units[m].article
                                                    for m in group.members}:
                    extra[home[other]].add(unit)
        def pair(x: int, y: int) -> float:
            return scores.get((min(x, y), max(x, y)), 0.0)

        for key, units in extra.items():
            members = list(groups[key].members)
            seen = {self.units[m].article for m in members}
            for unit in sorted(units, key=lambda u: -max(pair(u, m) for m in members)):
                # As for merging groups: the unit must agree with the group on average.
                agreement = sum(pair(unit, m) for m in members) / len(members)
                if self.units[unit].article not in seen and agreement >= GROUP_AGREEMENT:
                    groups[key].members.append(unit)
                    seen.add(self.units[unit].article)

    def aligned(self, i: int, j: int) -> bool:
        """Whether units i and j were scored as stating the same fact (after `groups`)."""
        return self.scores.get((min(i, j), max(i, j)), 0.0) >= self.same_fact

    def groups(self) -> list[Group]:
        """The units grouped by fact, largest groups first, then by first unit."""
        scores = self.candidates()
        self.scores = scores
        group_of = list(range(len(self.units)))
        groups = {i: Group([i]) for i in range(len(self.units))}
        for (i, j), score in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
            if score < self.same_fact:
                break
            gi, gj = group_of[i], group_of[j]
            if gi == gj:
                continue
            a, b = groups[gi], groups[gj]
            if {self.units[x].article for x in a.members} & {
                    self.units[y].article for y in b.members}:
                continue  # one article states a fact once; two of its units are two facts
            cross = [scores.get((min(x, y), max(x, y)), 0.0)
                     for x in a.members for y in b.members]
            if sum(cross) / len(cross) < GROUP_AGREEMENT:
                continue
            a.members.extend(b.members)
            a.scores.extend([*b.scores, score])
            for member in b.members:
                group_of[member] = gi
            del groups[gj]
        self._attach(scores, groups)
        out = [Group(sorted(g.members), g.scores) for g in groups.values()]
        return sorted(out, key=lambda g: (-len({self.units[m].article for m in g.members}),
                                          g.members[0]))
