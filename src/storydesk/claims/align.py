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

Outlets pack facts into sentences differently: one writes "A flood tore through Tarnwick,
killing at least 12 people and forcing 1,500 residents from their homes", another gives the
toll and the evacuation a sentence each. A unit is therefore also compared part by part (cut
at participle clauses, "when"/"after" clauses, "; " and ", and"; a relative clause set off
by commas is a part about what it follows, and the part around it reads without it), and a
pair scores as its closest parts when they share a figure, a day or a rare name. The
sentence then supports each fact its parts state, but the outlets that report two different
facts of it do not join each other through it, and a conflict compares only the parts that
state the fact. Parts of two sentences grouped with other facts that state one fact together
make a claim of their own.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from storydesk.claims.conflicts import Version, spans_of_time
from storydesk.claims.numbers import (
    AGE_OF,
    PEOPLE,
    PERSON_NOUNS,
    SCALES,
    SMALL_NUMBERS,
    TIME_UNITS,
    Figure,
    Vague,
    counts_alike,
    figures,
    singular,
    vague_quantities,
)
from storydesk.entities.names import PLACE_ALIASES, initials, place_alias
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
# death toll rose to twelve") add this to their score. Small counts of people or of time
# ("two people", "three days") recur in unrelated facts of a story and do not count; small
# counts of things ("five carriages") do (see `_telling`).
FIGURE_AGREEMENT = 0.1
# Two units that each give a vague span of time ("within a few weeks" / "within several
# months") add this: they may state one fact and dispute how long it takes.
SPAN_AGREEMENT = 0.05
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
    "saint": "st",
}
_POSSESSIVE_END = re.compile(r"['’]s$")
_TOKEN = re.compile(r"[^\W\d_][\w’'-]*|\d[\d,.]*\d|\d")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_CAPITALISED_WORD = re.compile(r"\b[A-Z][\w’'-]*")
# Spelled numbers as the digits other outlets write ("twelve" is "12").
_SPELLED = {word: str(int(value)) for word, value in {**SMALL_NUMBERS, **SCALES}.items()
            if len(word) > 2}


def _alias_pattern(alias: str, names: tuple[str, ...]) -> str:
    """A place alias as news writes it: the initials of another of the place's names in
    capitals, dotted or not ("US", "U.S."), never the pronoun "us"; a name capitalised
    ("United States", "Kyiv")."""
    if alias.upper() in {initials(other.split()) for other in names if " " in other}:
        return r"(?-i:" + r"\.?".join(alias.upper()) + r")\.?(?!\w)"
    return r"(?-i:" + r"\s+".join(w[:1].upper() + w[1:] for w in alias.split()) + r")\b"


_PLACE_ALIAS = re.compile(r"\b(?:" + "|".join(_alias_pattern(a, names) for names, a in sorted(
    ((names, a) for names in PLACE_ALIASES for a in names), key=lambda n: -len(n[1]))) + ")")
_CLOCK = re.compile(r"\b(?P<hour>1[0-2]|0?[1-9])(?:[:.](?P<minute>[0-5]\d))?\s*"
                    r"(?P<half>[ap])\.?m\b\.?", re.IGNORECASE)

_CLOCK_24 = re.compile(r"\b(?P<hour>1[3-9]|2[0-3]):(?P<minute>[0-5]\d)\b")


@lru_cache(maxsize=65536)
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
# After a trailing "said", who said it, not what: "..., said the town would rebuild" is speech.
_FINITE = r"(?:would|will|was|were|is|are|had|has|have|could|should|can|may|might|did|does)"
_TRAILING_ATTRIBUTION = re.compile(
    rf"(?:,[”\"’']?|[”\"])\s+(?:[\w.’'-]+\s+){{0,10}}?{_SPEECH}\b(?!\s+that\b)"
    rf"(?:(?!\b{_FINITE}\b)[^,;:“”\"]){{0,60}}$",
    re.IGNORECASE)
# Who speaks at a sentence's start comes before any relative clause ("The carriages left
# the rails, which the notice also said ..." states a fact before its "said"). "said" and
# "told" may stand alone before what was said ("Police said the man ..."); the other verbs
# only with "that" ("The gang claimed responsibility" states a fact).
_SAY = r"(?:said|says|told|tells|according\s+to)"
_LEADING_ATTRIBUTION = re.compile(
    rf"^(?:(?!,\s+(?:which|who|but|while|although|whereas)\b)[^“”\"]){{0,120}}?"
    rf"(?<!\band\s)\b(?:{_SAY}\s+"
    rf"(?:that\s+|on\s+\w+\s+that\s+)?|{_SPEECH}\s+(?:on\s+\w+\s+)?that\s+)(?=[^,]{{20}})",
    re.IGNORECASE)


# "..., according to a preliminary count by the emergency service, ..." inside a sentence.
_INNER_ATTRIBUTION = re.compile(r",\s+according\s+to\s+[^,;“”\"]{3,80}(?=,|$)", re.IGNORECASE)


def without_attribution(text: str) -> str:
    """A unit's words without who said them: the speaker's name and title say who reported
    the fact, not what it is, and would make any two statements of one speaker alike."""
    text = _INNER_ATTRIBUTION.sub("", text.rstrip(" ."))
    stripped = _TRAILING_ATTRIBUTION.sub("", text).strip()
    if stripped == text.rstrip(" .").strip():
        stripped = _LEADING_ATTRIBUTION.sub("", stripped)
    return stripped if len(stripped.split()) >= 4 else text


def with_speaker(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A part's span widened to who said it, when only its speaker stands between it and
    either end of the unit: "The water board said | 412 homes had been flooded by Tuesday
    afternoon", "... | and about 1,500 people had been evacuated, officials said." Parts are
    read without their speaker (see `parts`); a reader is shown it."""
    start, end = span
    leading = _LEADING_ATTRIBUTION.match(text)
    if leading and not text[leading.end():start].strip(" ,"):
        start = 0
    body = text.rstrip(" .")
    trailing = _TRAILING_ATTRIBUTION.search(body)
    if trailing and not text[end:trailing.start()].strip(" ,"):
        end = len(text.rstrip())
    return start, end


# Where a unit joins facts that other outlets may report apart: "... burst its banks, killing
# at least 12 people and forcing some 1,500 residents from their homes".
_PART_BREAK = re.compile(
    r",\s+(?=(?:\w+ing|which|who|when|while|after|as|but|although|where)\b)"
    r"|,?\s+and\s+(?=\w+ing\b)|\s+(?=(?:after|when|while|but)\s)|,\s+and\s+|;\s+",
    re.IGNORECASE)
# Where a clause around a figure begins or ends.
_CLAUSE_BOUND = re.compile(r"[,;:]\s|\s(?:and|but|while|when|after|according\s+to)\s",
                           re.IGNORECASE)
# A relative clause between commas, with more of the sentence after it: group 2 is the clause.
_RELATIVE = re.compile(r"(,\s+)((?:which|who)\b[^,;]*?)(,\s+)(?=[a-z])")
_SAID_RELATIVE = re.compile(rf"^(?:which|who)\s+(?:also\s+)?{_SPEECH}\s+(?:that\s+)?",
                            re.IGNORECASE)
_SAID_BEFORE = re.compile(rf"\b{_SAY}\s+(?:that\s+)?", re.IGNORECASE)
MIN_PART_TERMS = 3  # a part with fewer terms is too slight to state a fact alone
# A pair with a part matches only when the two share a figure, or a name (a term written
# with a capital or in digits) this rare among the story's units (or in at most two of
# them): "killing two people" is not "killing four people", nor is "drones strike energy
# infrastructure" a sentence about drone strikes that cut power to a city.
PART_ANCHOR_SHARE = 0.1


def parts(text: str) -> list[tuple[int, int]]:
    """The spans (start, end in `text`) of the parts of a unit that may state a fact of
    their own; none when it has one part. A part is looked for in the unit without its
    attribution, and left out when that cut it.

    A relative clause set off by commas inside a sentence ("The footbridge at Marle, which
    links the two halves of the town, collapsed shortly before midnight") is a fact of its
    own about what it follows: its part runs from there to the clause's end, and the part
    around it states the sentence's own fact without it (see `part_text`)."""
    stripped = without_attribution(text)
    # The clauses are masked, so that the sentence is not cut inside them.
    masked = _RELATIVE.sub(lambda m: m.group(1) + "x" * (m.end(2) - m.start(2)) + m.group(3),
                           stripped)
    bounds, at = [], 0
    for cut in _PART_BREAK.finditer(masked):
        bounds.append((at, cut.start()))
        at = cut.end()
    bounds.append((at, len(stripped)))
    pieces = [stripped[a:b].strip(" ,;") for a, b in bounds]
    for clause in _RELATIVE.finditer(stripped):
        home = next(a for a, b in bounds if a <= clause.start() < b)
        # What the clause follows, without who said it ("AMF said the plant, which ...").
        said = list(_SAID_BEFORE.finditer(stripped, home, clause.start()))
        home = said[-1].end() if said else home
        pieces.append(stripped[home:clause.end(2)].strip(" ,;"))
    pieces = [p for p in pieces if p]
    if len(pieces) < 2:
        return []
    spans = []
    for piece in pieces:
        start = text.find(piece)
        if start >= 0:
            spans.append((start, start + len(piece)))
    return spans


def part_text(text: str, span: tuple[int, int]) -> str:
    """What a part of a unit says: its text, without the relative clauses set off by
    commas inside it (each is a part of its own, see `parts`), nor a speaker's clause it
    opens with (", which also said the train had been travelling at 90 km/h")."""
    return _SAID_RELATIVE.sub("", _RELATIVE.sub(" ", text[span[0]:span[1]]))


def _part_words(text: str, span: tuple[int, int]) -> dict[str, str]:
    """The terms of a part (see `term_words`); a relative clause's part leaves out the
    names of what it follows, which anchor it (see `Aligner._anchored`) but would outweigh
    the clause: "Interior Secretary Anselm Ruvik, who visits the town on Thursday" is
    "He is due to visit Tarnwick on Thursday"."""
    words = term_words(part_text(text, span))
    start = _pieces(text, span)[0][0]
    if start > span[0]:  # a relative clause's part
        named = {stem(w) for w in _CAPITALISED_WORD.findall(text, span[0], start)}
        words = {t: w for t, w in words.items() if t not in named}
    else:
        for term, word in term_words(subject_of(text, span)).items():
            words.setdefault(term, word)
    return words


def subject_of(text: str, span: tuple[int, int]) -> str:
    """The subject a part shares with the sentence's start when the two are joined by
    "and" as one verb's ("The train was carrying 312 passengers and travelling at about
    140 km/h": the travelling is the train's), when it is short; else ""."""
    start = _SHARED_VERB.match(text)
    if start is None or not _AND_BEFORE.search(text[:span[0]]) \
            or not _PARTICIPLE.match(text, span[0]):
        return ""
    subject = start.group(1)
    return subject if len(subject.split()) <= MAX_SUBJECT_WORDS else ""


# A sentence whose subject comes before a finite verb with a participle ("The train was
# carrying"), and the "and" before a second participle of it ("... and travelling").
MAX_SUBJECT_WORDS = 6
_SHARED_VERB = re.compile(rf"^(.+?)\s+{_FINITE}\s+(?:been\s+)?[a-z]+ing\b")
_AND_BEFORE = re.compile(r"\sand\s+$")
_PARTICIPLE = re.compile(r"[a-z]+ing\b")


def _pieces(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """The stretches of `text` a part at `span` states: a relative clause's part states
    the clause (what it follows is named, not stated); another part, what lies around its
    relative clauses."""
    for clause in _RELATIVE.finditer(text):
        if clause.end(2) == span[1] and span[0] <= clause.start(2):
            return [(clause.start(2), span[1])]
    out, at = [], span[0]
    for start, end in asides(text, span):
        out.append((at, start))
        at = end
    return [*out, (at, span[1])]


def asides(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """The relative clauses set off by commas inside the part of `text` at `span` (the
    whole unit or one of its parts): facts about what they follow, not the part's own. In
    "the plant, which employs 640 people, will close", 640 is no figure of the closure."""
    return [(clause.start(2), clause.end(2))
            for clause in _RELATIVE.finditer(text, span[0], span[1])]


def term_words(text: str) -> dict[str, str]:
    """The normalised content terms of a unit (without its attribution), each with the word
    it came from ("" for figures, which are written as "#value" terms too)."""
    return dict(_term_words(text))


@lru_cache(maxsize=32768)
def _term_words(text: str) -> dict[str, str]:
    """`term_words`, remembered (callers get a copy): a story's units are read for their
    terms when its vocabulary is gathered and again when it is aligned."""
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
    for match in _PLACE_ALIAS.finditer(text):  # "U.S." / "United States" / "America"
        out["&" + (place_alias(match.group().split()) or "").replace(" ", "-")] = ""
    for match in _CLOCK.finditer(text):  # "at about 2 a.m." / "at 2am": one time of day
        hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
        out[f"@{hour}:{minute:02d}{match.group('half')[0].lower()}"] = ""
    for match in _CLOCK_24.finditer(text):  # "at 23:40" is "at 11:40 p.m."
        out[f"@{int(match.group('hour')) - 12}:{match.group('minute')}p"] = ""
    for figure in figures(text):
        if figure.counts.startswith(AGE_OF):
            continue    # an age tells who, not which fact
        out[f"#{figure.value:g}"] = ""
        # A measure's unit it is compared in ("square kilometre" for hectares) is no
        # word of the text: the words already hold the one it is written in.
        if figure.counts and not figure.counts.startswith(("square ", "cubic ")):
            counted = singular(figure.counts)
            out.setdefault(stem(counted) if counted.isalpha() else counted,
                           counted if counted.isalpha() else "")
    return out


@dataclass(slots=True)
class ClaimUnit:
    """A unit to align: which article it is in and its text."""

    article: str
    index: int  # position among the article's units
    text: str
    words: dict[str, str] = field(default_factory=dict)  # term → the word it came from
    # The days it gives, resolved: (offset in its text, day as an ordinal).
    days: tuple[tuple[int, int], ...] = ()
    # Where its text writes those days ("October 16", "Thursday"): a day agrees two units as
    # a day, however it is written, not as the words of a date.
    dated: tuple[tuple[int, int], ...] = ()
    # The name of the person its opening "He" or "She" stands for ("" when none): "He and a
    # 19-year-old student died at the scene" names the driver of the sentence before.
    refers: str = ""

    @property
    def said(self) -> str:
        """Its text with the days it gives blanked out (offsets kept)."""
        text = self.text
        for start, end in self.dated:
            text = text[:start] + " " * (end - start) + text[end:]
        return text


SMALL_COUNTS_UNTOLD = frozenset({*TIME_UNITS, "minute", "second", "time"})


def _telling(figure: Figure) -> bool:
    """Whether a figure tells which fact it is of: a count of at least `FIGURE_MIN`, or a
    small count of things ("five of its eight carriages" / "Five carriages derailed"). Small
    counts of people, or of hours, days and years, recur in a story's unrelated facts."""
    if figure.counts.startswith(AGE_OF):
        return False    # "Kiril Dobrev, 29," tells who, not which fact
    return figure.value >= FIGURE_MIN or (
        bool(figure.counts) and figure.counts not in PEOPLE | PERSON_NOUNS
        and figure.counts not in SMALL_COUNTS_UNTOLD) or (
        bool(figure.state) and figure.counts in PERSON_NOUNS)


def _same_figure(a: Sequence[Figure], b: Sequence[Figure]) -> bool:
    """Whether two lists of figures share one ("at least 12" / "twelve", "more than 300" /
    "312") of one counted thing (or of something only one of them names)."""
    return any(x.same_value(y) for x in a for y in b
               if not (x.counts and y.counts and not counts_alike(x.counts, y.counts))
               and not (x.state and y.state and x.state != y.state))


_NAME_PAIR = re.compile(r"\b([A-Z][a-z]+)\s+(?=([A-Z][a-z]+)\b)")


def _join_split_names(units: Sequence[ClaimUnit]) -> None:
    """Give a name written as two words the term of the one word another unit of the story
    writes ("Cinder Moth" / "Cindermoth"), in place of the terms of its two words."""
    singles = {t for unit in units for t in unit.words}
    for unit in units:
        for first, second in _NAME_PAIR.findall(unit.text):
            joined = stem(first + second)
            if joined in singles and joined not in unit.words:
                unit.words[joined] = ""
                for word in (first, second):
                    unit.words.pop(stem(word.lower()), None)


_DEMONYM = re.compile(r"\b[A-Z][a-z]+(?:ian|ean|an)s?\b")


def _join_demonyms(units: Sequence[ClaimUnit]) -> None:
    """Give a unit that names a place's people or adjective ("the Karvonian owner") the
    term of the place another unit of the story names ("based in Karvonia")."""
    terms = {t for unit in units for t in unit.words}
    for unit in units:
        for word in _DEMONYM.findall(unit.text):
            bare = word.lower().removesuffix("s")
            for cut in (1, 2, 3):
                root = bare[:-cut]
                place = next((t for t in (stem(root), stem(root + "e"), stem(root + "a"))
                              if len(t) >= 4 and t in terms), None)
                if place is not None:
                    unit.words.setdefault(place, root)
                    break


@dataclass(slots=True)
class _View:
    """What is compared of a unit, or of one of its parts: its terms and their total IDF
    weight, its figures, and (with word vectors) its words' vectors and their centroid."""

    words: dict[str, str]
    weight: float
    figures: list[Figure]
    span: tuple[int, int]  # where it is in its unit's text
    names: set[str]  # terms written with a capital or in digits
    held: list[str] = field(default_factory=list)  # terms that have a word vector
    near: frozenset[str] = frozenset()  # the story's words of like meaning to its words
    held_words: frozenset[str] = frozenset()  # the words of its held terms
    vectors: np.ndarray | None = None  # one row per held term
    centroid: np.ndarray | None = None
    every_figure: list[Figure] = field(default_factory=list)  # small counts too
    spans_of_time: int = 0  # how many vague spans of time it gives ("a few weeks")
    days: frozenset[int] = frozenset()  # the days it gives, as ordinals
    rare_names: frozenset[str] = frozenset()  # its names that anchor parts


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

    A unit that joins several facts ("..., killing at least 12 people and forcing some 1,500
    residents from their homes") is compared part by part too, and a pair scores as its
    closest parts: an outlet that reports one of those facts in a sentence of its own
    supports it.
    """

    def __init__(self, units: Sequence[ClaimUnit], word_vectors: WordVectors | None = None,
                 sentence_vectors: SentenceVectors | None = None) -> None:
        self.units = list(units)
        for unit in self.units:
            if not unit.words:
                unit.words = term_words(unit.said)
        _join_split_names(self.units)
        _join_demonyms(self.units)
        df = Counter(t for u in self.units for t in u.words)
        n = max(len(self.units), 1)
        self._anchors = {t for t, c in df.items() if c <= max(2, PART_ANCHOR_SHARE * n)}
        # A day agrees two units as a rare name does: the day of the event itself is given
        # by many of a story's units and tells nothing of which fact they state.
        day_df = Counter(day for u in self.units for day in {d for _, d in u.days})
        self._rare_days = {d for d, c in day_df.items() if c <= max(2, PART_ANCHOR_SHARE * n)}
        self.idf = {t: math.log((n + 1) / (c + 0.5)) + 0.1 for t, c in df.items()}
        referred = [self._referred(unit) for unit in self.units]
        for unit, terms in zip(self.units, referred, strict=True):
            unit.words |= terms
        # Names: words the story's units write with a capital and never in lower case.
        written = {token for u in self.units for token in _WORD.findall(u.text)}
        self._names = {stem(word.lower()) for word in written
                       if word[0].isupper() and word.lower() not in written}
        self._rare_idf = math.log((n + 1) / 0.5) + 0.1  # a part's term no unit has whole
        self.common = {t for t, c in df.items() if n > 8 and c > COMMON_SHARE * n}
        # Each unit's views: the unit itself first, then its parts.
        # A part opening the unit holds its opening pronoun, and the name it stands for.
        self.views = [[self._view(u.words, said, (0, len(said)), u.days, named.keys())]
                      + [view for a, b in parts(u.text)
                         for terms in [named if a == 0 else {}]
                         if len((view := self._view(
                             _part_words(said, (a, b)) | terms, said, (a, b), u.days,
                             terms.keys())).words) + bool(view.days) >= MIN_PART_TERMS]
                      for u, named in zip(self.units, referred, strict=True)
                      for said in [u.said]]
        self._embedded = word_vectors is not None and bool(self.units)
        if self._embedded:
            self._embed(word_vectors)
        self._sentences: np.ndarray | None = None
        self.same_fact = SAME_FACT
        self._share = 0.0
        self.scores: dict[tuple[int, int], float] = {}
        # For pairs with views that state the same fact without both being whole units: the
        # spans of every such pair of views (a whole unit has the span of its text), the
        # closest first.
        Spans = tuple[tuple[int, int], tuple[int, int]]
        self.part_matches: dict[tuple[int, int], list[Spans]] = {}
        if sentence_vectors is not None and self.units:
            self._sentences = sentence_vectors([u.text for u in self.units])
            self.same_fact, self._share = SAME_FACT_WITH_SENTENCES, SENTENCE_SHARE
        elif self._embedded:
            # The word vectors' weighted centroid is a cheap sentence vector of its own.
            self._sentences = np.stack([views[0].centroid for views in self.views])
            self.same_fact, self._share = SAME_FACT_WITH_CENTROIDS, CENTROID_SHARE

    def _referred(self, unit: ClaimUnit) -> dict[str, str]:
        """The terms of the name a unit's opening pronoun stands for, when the story's units
        seldom name that person: "He" for a story's main figure tells nothing of which fact
        a sentence states."""
        if not unit.refers:
            return {}
        terms = term_words(unit.refers)
        return terms if terms.keys() <= self._anchors else {}

    def _view(self, words: dict[str, str], text: str, span: tuple[int, int],
              days: Sequence[tuple[int, int]] = (), referred: Collection[str] = ()) -> _View:
        weight = sum(self.idf.get(t, self._rare_idf) for t in words)
        whole = span == (0, len(text))
        stripped = without_attribution(text if whole else part_text(text, span))
        holes = [] if whole else asides(text, span)
        every = figures(stripped)
        found = [f for f in every if _telling(f)]
        tokens = _TOKEN.findall(stripped)
        if tokens and not tokens[0][0].isdigit():
            tokens = tokens[1:]  # a sentence's first word has its capital anyway
        names = {stem(token) if token[0].isupper() else token.replace(",", "")
                 for token in tokens if not token[0].islower()}
        names |= {t for t in words if t.startswith("@")}  # a time of day names a moment
        names |= set(referred)  # the person a pronoun stands for is named
        anchors = names & (term_words(stripped).keys() | set(referred)) & self._anchors
        names &= words.keys()
        return _View(words, weight, found, span, names, every_figure=every,
                     spans_of_time=sum(1 for q in vague_quantities(stripped) if q.days),
                     rare_names=frozenset(anchors),
                     days=frozenset(day for at, day in days
                                    if span[0] <= at < span[1] and day in self._rare_days
                                    and (whole or not any(a <= at < b for a, b in holes))))

    def _embed(self, word_vectors: WordVectors) -> None:
        """Vectors for every view's words, and each view's IDF-weighted centroid."""
        vocabulary = sorted({w for views in self.views for v in views
                             for w in v.words.values() if w})
        found = word_vectors(vocabulary) if vocabulary else np.zeros((0, 1), np.float32)
        vector_of = dict(zip(vocabulary, found, strict=True))
        dim = found.shape[1]
        # Each word's words of like meaning in the story, with their similarity: a pair of
        # views then looks its soft matches up instead of multiplying vectors.
        self._alike: dict[str, dict[str, float]] = defaultdict(dict)
        for start in range(0, len(vocabulary), 1024):
            sims = found[start:start + 1024] @ found.T
            for row, col in zip(*np.nonzero(sims >= SOFT_MATCH), strict=True):
                if start + row != col:
                    self._alike[vocabulary[start + row]][vocabulary[col]] = float(sims[row, col])
        for view in (v for views in self.views for v in views):
            view.held = [t for t, w in view.words.items() if w]
            view.vectors = (np.stack([vector_of[view.words[t]] for t in view.held])
                            if view.held else np.zeros((0, dim), dtype=np.float32))
            view.centroid = np.zeros(dim, dtype=np.float32)
            view.held_words = frozenset(view.words[t] for t in view.held)
            view.near = frozenset().union(*(self._alike[w].keys() for w in view.held_words
                                            if w in self._alike))
            if view.held:
                weights = np.array([self.idf.get(t, self._rare_idf) for t in view.held],
                                   dtype=np.float32)
                centroid = weights @ view.vectors
                view.centroid = centroid / max(float(np.linalg.norm(centroid)), 1e-9)

    def _matched(self, a: _View, b: _View) -> tuple[float, float]:
        """The IDF weight of view a's terms found in view b, and of b's found in a: exact
        matches count fully, words of like meaning by their similarity."""
        idf, rare = self.idf, self._rare_idf
        shared = sum(idf.get(t, rare) for t in a.words.keys() & b.words.keys())
        match_a = match_b = shared
        if a.vectors is not None and b.vectors is not None and a.near & b.held_words:
            only_a = {a.words[t]: t for t in a.held if t not in b.words}
            only_b = {b.words[t]: t for t in b.held if t not in a.words}
            if only_a and only_b:
                alike = self._alike
                best_b: dict[str, float] = {}
                for word, term in only_a.items():
                    near = alike.get(word)
                    if not near:
                        continue
                    common = near.keys() & only_b.keys()
                    if common:
                        match_a += idf.get(term, rare) * max(near[w] for w in common)
                        for w in common:
                            if near[w] > best_b.get(w, 0.0):
                                best_b[w] = near[w]
                match_b += sum(idf.get(only_b[w], rare) * c for w, c in best_b.items())
        return match_a, match_b

    def _words_score(self, a: _View, b: _View) -> float:
        """The mean of the cosine and the overlap coefficient of two views' matched term
        weights."""
        match_a, match_b = self._matched(a, b)
        cosine = math.sqrt(match_a * match_b / (a.weight * b.weight))
        overlap = max(match_a / a.weight, match_b / b.weight)
        return COSINE_SHARE * cosine + (1 - COSINE_SHARE) * overlap

    def _view_score(self, a: _View, b: _View, sentence: float | None, share: float) -> float:
        """Two views' score: their words', mixed with their sentence vectors' similarity
        (taking `share` of the score) when there is one, plus `FIGURE_AGREEMENT` when they
        give one figure, one day or one time of day ("at about 2 a.m.")."""
        if not a.weight or not b.weight:
            return 0.0
        score = self._words_score(a, b)
        if sentence is not None:
            score = share * sentence + (1 - share) * score
        agree = (_same_figure(a.figures, b.figures) or bool(a.days & b.days)
                 or any(t[0] == "@" for t in a.rare_names & b.rare_names))
        if agree:
            return score + FIGURE_AGREEMENT
        # Two vague spans of time ("within a few weeks" / "within several months") may
        # be one fact's, disputed.
        return score + (SPAN_AGREEMENT if a.spans_of_time and b.spans_of_time else 0.0)

    def score(self, i: int, j: int) -> float:
        """How surely units i and j state the same fact, from 0 to 1: from the words they
        share and, with vectors, the similarity of their sentence vectors (see
        `_view_score`); the closest pair of their parts counts when it is closer."""
        whole_i, whole_j = self.views[i][0], self.views[j][0]
        if not whole_i.weight or not whole_j.weight:
            return 0.0
        sentence = (float(self._sentences[i] @ self._sentences[j])
                    if self._sentences is not None else None)
        best = self._view_score(whole_i, whole_j, sentence, self._share)
        if len(self.views[i]) > 1 or len(self.views[j]) > 1:
            # Parts have no sentence vectors of their own: their words' centroids stand in,
            # and a pair with a part counts by its margin over the threshold for centroids.
            shift = self.same_fact - (SAME_FACT_WITH_CENTROIDS if self._embedded
                                      else SAME_FACT)
            matches = []
            for a in self.views[i]:
                for b in self.views[j]:
                    if (a is whole_i and b is whole_j) or not self._anchored(a, b) \
                            or not self._tell_alike(a, b):
                        continue
                    centroid = (float(a.centroid @ b.centroid)
                                if a.centroid is not None and b.centroid is not None else None)
                    part = self._view_score(a, b, centroid, CENTROID_SHARE) + shift
                    if part >= self.same_fact:
                        matches.append((part, a.span, b.span))
                    best = max(best, part)
            if matches:
                matches.sort(key=lambda m: -m[0])
                self.part_matches[(i, j)] = [(a, b) for _, a, b in matches]
        return min(1.0, best)

    def _anchored(self, a: _View, b: _View) -> bool:
        """Whether two views share a figure, a day or a rare name (see
        `PART_ANCHOR_SHARE`)."""
        return (bool(a.rare_names & b.rare_names) or bool(a.days & b.days)
                or _same_figure(a.figures, b.figures))

    def _tell_alike(self, a: _View, b: _View) -> bool:
        """Whether two views share more than whom they name: a figure, a day or a word
        that is no name ("Ruvik, who visits the town" is not "Ruvik has promised a fund")."""
        return (_same_figure(a.figures, b.figures) or bool(a.days & b.days)
                or any(not t[0].isdigit() and t[0] not in "#&@" for t in
                       (a.words.keys() & b.words.keys()) - self._names))

    def fact_views(self, i: int) -> list[_View]:
        """The views of unit i that each state one fact: its parts, or the unit itself when
        it has none."""
        return self.views[i][1:] or self.views[i][:1]

    def context(self, a: _View, b: _View) -> float:
        """How alike two views are in what they say besides their figures: the cosine of
        the IDF weights of the terms they share, figures and what they count left aside.
        "More than 120 planned operations have been postponed" and "About 40 planned
        operations were postponed" are alike; a short part is not alike a long sentence
        that holds its few words. In "Ten people were killed and at least 50 injured",
        "injured" is counted, not said of the ten. Only the same words count: "killed" and
        "injured" are close in meaning but count different people."""
        counted = {stem(f.counts) for view in (a, b) for f in view.every_figure
                   if f.counts.isalpha()}
        # ... and the words a figure is written with ("140 kilometres per hour").
        counted |= {t for view in (a, b) for f in view.every_figure for t in term_words(f.text)}

        def weights(view: _View) -> dict[str, float]:
            return {t: self.idf.get(t, self._rare_idf) for t in view.words
                    if not (t.startswith("#") or t[:1].isdigit() or t in counted)}

        these, those = weights(a), weights(b)
        if not these or not those:
            return 0.0
        shared = sum(w for t, w in these.items() if t in those)
        return shared / math.sqrt(sum(these.values()) * sum(those.values()))

    def figure_context(self, a: Version, b: Version) -> float:
        """How alike two versions say what they say of a thing both count with different
        figures, read in the clause around each figure: "roughly 800 schools were closed"
        and "1,140 schools were closed for the whole day" say it alike, whatever else their
        sentences add."""
        return self._clauses_alike(a, b, [
            (f, g) for f in a.figures for g in b.figures
            if f.counts and counts_alike(f.counts, g.counts) and not f.same_value(g)])

    def time_context(self, a: Version, b: Version) -> float:
        """`figure_context` for two spans of time, one of them vague: "reporting cracks in
        the hillside for three months" / "noticed cracks in the hillside for several
        weeks"."""
        return self._clauses_alike(a, b, [
            (f, g) for f in spans_of_time(a) for g in spans_of_time(b)
            if isinstance(f, Vague) or isinstance(g, Vague)])

    def _clauses_alike(self, a: Version, b: Version, pairs: list[tuple[Any, Any]]) -> float:
        """The closest the clauses around the pairs of details of a and b say alike."""
        best = 0.0
        for f, g in pairs:
            these, those = (self._clause_weights(v.text, x) for v, x in ((a, f), (b, g)))
            if these and those:
                shared = sum(w for t, w in these.items() if t in those)
                best = max(best, shared / math.sqrt(sum(these.values())
                                                    * sum(those.values())))
        return best

    def _clause_weights(self, text: str, figure: Figure | Vague) -> dict[str, float]:
        """The IDF weights of the terms of the clause around a figure, without the figure
        and what it counts."""
        start = max((m.end() for m in _CLAUSE_BOUND.finditer(text, 0, figure.start)), default=0)
        end = next((m.start() for m in _CLAUSE_BOUND.finditer(text, figure.end)), len(text))
        skip = {stem(figure.counts), *term_words(figure.text)}
        return {t: self.idf.get(t, self._rare_idf) for t in term_words(text[start:end])
                if not (t.startswith("#") or t[:1].isdigit() or t in skip)}

    def matched_spans(self, i: int, j: int) -> tuple[tuple[int, int], tuple[int, int]]:
        """Where in units i and j the fact they share is stated (spans in each unit's text,
        after `groups`): the closest pair of views with a part that states it alone, even
        when the whole units score higher ("killing at least 14 people" in a sentence that
        also says when the blast was, against "the toll rose to 14 on Saturday"), else the
        whole units. Parts are preferred to a whole unit that has parts: "The inquiry held
        its first session on Monday, almost a week after the ship rolled over with 200
        passengers aboard" states the capsizing in its second part, not its Monday."""
        if (i, j) in self.part_matches:
            return self._most_specific(i, j, self.part_matches[(i, j)])
        if (j, i) in self.part_matches:
            a, b = self._most_specific(j, i, self.part_matches[(j, i)])
            return b, a
        return (0, len(self.units[i].text)), (0, len(self.units[j].text))

    def _most_specific(self, i: int, j: int, matches: list[tuple[tuple[int, int],
                       tuple[int, int]]]) -> tuple[tuple[int, int], tuple[int, int]]:
        """The closest of `matches` (closest first) with the fewest whole units that have
        parts."""
        def wholes(match: tuple[tuple[int, int], tuple[int, int]]) -> int:
            return sum(span == (0, len(self.units[n].text)) and len(self.views[n]) > 1
                       for n, span in zip((i, j), match, strict=True))

        return min(matches, key=wholes)

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
        vectors = self._sentences  # sentence vectors, or the centroids of word vectors
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
                # As for merging groups: the unit must agree with the group on average, and
                # not join it through another fact of a member's sentence.
                agreement = sum(pair(unit, m) for m in members) / len(members)
                if (self.units[unit].article not in seen and agreement >= GROUP_AGREEMENT
                        and not any(self._splits(m, unit, members) for m in members
                                    if pair(unit, m) >= self.same_fact)):
                    groups[key].members.append(unit)
                    seen.add(self.units[unit].article)

    def _facts_apart(self, scores: dict[tuple[int, int], float], groups: list[Group],
                     split: set[tuple[int, int]]) -> list[Group]:
        """Facts that units state through parts and that no group holds: "forcing some
        1,500 residents from their homes" in a sentence whose group is the flood's toll, and
        "about 1,500 people had been evacuated" in one whose group is the homes flooded.
        Parts that match each other make a group of their own, and so do units kept out
        of a group as another fact of a sentence that states several (`split`): "Work will
        move to the yard in Kell Bay, which will take on about 90 welders" is grouped with
        the welders, and "... would move work to Kell Bay" joins it in a group of its own."""
        together = {(x, y) for g in groups for x in g.members for y in g.members if x < y}
        parent: dict[tuple[int, tuple[int, int]], tuple[int, tuple[int, int]]] = {}

        def root(node: tuple[int, tuple[int, int]]) -> tuple[int, tuple[int, int]]:
            while parent.setdefault(node, node) != node:
                node = parent[node]
            return node

        links: dict[tuple[int, int], float] = {}
        for (i, j), score in scores.items():
            if score < self.same_fact or (i, j) in together or (
                    (i, j) not in split and (i, j) not in self.part_matches
                    and (j, i) not in self.part_matches):
                continue
            span_i, span_j = self.matched_spans(i, j)
            if (i, j) not in split and (span_i == (0, len(self.units[i].text))
                                        or span_j == (0, len(self.units[j].text))):
                continue  # a whole unit states one fact: its group says where it belongs
            parent[root((i, span_i))] = root((j, span_j))
            links[(i, j)] = score
        facts: dict[tuple[int, tuple[int, int]], set[int]] = defaultdict(set)
        for node in list(parent):
            facts[root(node)].add(node[0])
        out = []
        for members in facts.values():
            articles = [self.units[m].article for m in members]
            if len(members) < 2 or len(set(articles)) < len(articles) or any(
                    members <= set(g.members) for g in groups):
                continue
            out.append(Group(sorted(members), [s for (i, j), s in links.items()
                                               if i in members and j in members]))
        return out

    def _spans(self, unit: int, other: int) -> list[tuple[int, int]]:
        """The parts of `unit` through which it states a fact of `other`'s (none when only
        the whole units match; see `part_matches`)."""
        if (unit, other) in self.part_matches:
            spans = [a for a, _ in self.part_matches[(unit, other)]]
        else:
            spans = [b for _, b in self.part_matches.get((other, unit), [])]
        whole = (0, len(self.units[unit].text))
        return [span for span in spans if span != whole]

    def _splits(self, unit: int, other: int, mates: Sequence[int]) -> bool:
        """Whether `unit` states `other`'s fact in one part and a fact of one of its
        `mates` in another: then `other` and that mate report different facts of it."""
        spans = self._spans(unit, other)
        for mate in mates:
            if mate in (unit, other) or self.scores.get(
                    (min(unit, mate), max(unit, mate)), 0.0) < self.same_fact:
                continue
            others = self._spans(unit, mate)
            if not spans:
                # `other` matched the whole unit: it reports the unit's other fact when it
                # shares no figure, day or rare name with the part `mate` matched.
                if others and not self._tied(unit, others, other):
                    return True
                continue
            text = self.units[unit].text
            if others and not any(a[0] < b[1] and b[0] < a[1]
                                  for x in spans for a in _pieces(text, x)
                                  for y in others for b in _pieces(text, y)):
                return True
        return False

    def _tied(self, unit: int, spans: Sequence[tuple[int, int]], other: int) -> bool:
        """Whether unit `other` gives a figure, a day or a rare name of the parts of `unit`
        at `spans` (a day however common in the story: "who is expected in Tarnwick on
        October 16" / "He is due to visit Tarnwick on Thursday")."""
        days = {day for _, day in self.units[other].days}
        return any(self._anchored(view, theirs) for view in self.views[unit][1:]
                   if view.span in spans for theirs in self.views[other]) or any(
            day in days for at, day in self.units[unit].days
            for a, b in spans if a <= at < b)

    def aligned(self, i: int, j: int) -> bool:
        """Whether units i and j were scored as stating the same fact (after `groups`)."""
        return self.scores.get((min(i, j), max(i, j)), 0.0) >= self.same_fact

    def groups(self) -> list[Group]:
        """The units grouped by fact, largest groups first, then by first unit."""
        scores = self.candidates()
        self.scores = scores
        group_of = list(range(len(self.units)))
        groups = {i: Group([i]) for i in range(len(self.units))}
        split: set[tuple[int, int]] = set()  # pairs kept apart as facts of one sentence
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
            if self._splits(i, j, a.members) or self._splits(j, i, b.members):
                split.add((i, j))
                continue  # another fact of a sentence that states several
            a.members.extend(b.members)
            a.scores.extend([*b.scores, score])
            for member in b.members:
                group_of[member] = gi
            del groups[gj]
        self._attach(scores, groups)
        out = [Group(sorted(g.members), g.scores) for g in groups.values()]
        out.extend(self._facts_apart(scores, out, split))
        return sorted(out, key=lambda g: (-len({self.units[m].article for m in g.members}),
                                          g.members[0]))
