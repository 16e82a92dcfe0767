"""Conflicts: where outlets that state one fact disagree on a detail.

Within a group of aligned claim units (one fact, several articles), each article's version is
read for the details that can be compared: figures by what they count ("about 10 drones a
day" / "10 of 15 drones" / "ten drones"), vague quantities ("many months" / "a few months"),
day dates, and the place an event happened. A detail that two articles give differently is a
conflict, recorded with every article's value and passage. The same value in other words is
not a conflict: "ten" and "10", "1.5 million" and "1,500,000", "about 10" and "10",
"Odessa" and "Odesa" (one place, by the story's entity variants).

A person's title is compared across the whole story: "Foreign Secretary James Cleverly" in
one outlet and "Foreign Minister James Cleverly" in another is a conflict; "spokesman" and
"national security council spokesperson" are not (one contains the other, and spokesman,
spokeswoman and spokesperson are one role).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from storydesk.claims.numbers import (
    AGE_OF,
    PEOPLE,
    PERSON_NOUNS,
    TIME_UNITS,
    Figure,
    Vague,
    duration,
    figures,
    vague_quantities,
)


@dataclass(slots=True)
class Version:
    """One article's version of a fact, with the details read from it."""

    article: str
    text: str
    start: int
    end: int
    figures: list[Figure] = field(default_factory=list)
    vague: list[Vague] = field(default_factory=list)
    days: list[tuple[str, date]] = field(default_factory=list)  # (expression, day)
    places: list[tuple[str, str]] = field(default_factory=list)  # (form, entity name)
    named: set[str] = field(default_factory=set)  # every place it names (entity names)
    # Months it names without a day ("by the end of September"): (expression, first day).
    months: list[tuple[str, date]] = field(default_factory=list)
    # What a reader is shown, when wider than the text read: the part with who said it
    # ("The water board said 412 homes had been flooded"), as (text, start, end).
    shown: tuple[str, int, int] | None = None

    @classmethod
    def read(cls, article: str, text: str, start: int, end: int,
             days: Sequence[tuple[str, date]] = (),
             places: Sequence[tuple[str, str]] = (), named: Iterable[str] = ()) -> Version:
        """A version with its figures and vague quantities read from the text; `places`
        are where it says the fact happened ("in Odesa"), `named` every place it names."""
        return cls(article, text, start, end, figures(text), vague_quantities(text),
                   list(days), list(places), set(named) | {name for _, name in places})


@dataclass(slots=True)
class Value:
    """What one article says about the disputed detail."""

    article: str
    value: str
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """The value as in the export contract (`article`, `value`, `text`) plus offsets."""
        return {"article": self.article, "value": self.value, "text": self.text,
                "start": self.start, "end": self.end}


@dataclass(slots=True)
class Conflict:
    """A detail of one fact that articles give differently."""

    about: str
    kind: str  # "number" | "quantity" | "date" | "place" | "title"
    values: list[Value]

    def to_dict(self) -> dict[str, Any]:
        """The conflict as in the export contract."""
        return {"about": self.about, "kind": self.kind,
                "values": [v.to_dict() for v in self.values]}


def _value(version: Version, shown: str) -> Value:
    text, start, end = version.shown or (version.text, version.start, version.end)
    return Value(version.article, shown, text, start, end)


def _one_per_article(pairs: list[tuple[Version, Any]]) -> list[tuple[Version, Any]]:
    seen: set[str] = set()
    out = []
    for version, item in pairs:
        if version.article not in seen:
            seen.add(version.article)
            out.append((version, item))
    return out


SPEED_RATES = frozenset({"hour", "minute", "second"})
_BESIDES = re.compile(r"\s+(?:other|more|additional|further|extra)\b", re.IGNORECASE)


def _figure_conflicts(versions: Sequence[Version], same_rate: bool = False) -> list[Conflict]:
    # A speed is another quantity than a length: "140 kilometres an hour" is not set
    # against "two kilometres". A count per day is still set against one day's count
    # ("about 10 drones a day" / "ten drones on Sunday alone"), unless `same_rate`.
    by_noun: dict[tuple[str, str], list[tuple[Version, Figure]]] = {}
    # "212 people" is another count of "About 140 residents" when versions mix the two.
    nouns = {f.counts for v in versions for f in v.figures}
    people = next(iter(nouns & PEOPLE), None)
    for version in versions:
        for figure in version.figures:
            if figure.counts:
                speed = figure.rate if same_rate or figure.rate in SPEED_RATES else ""
                noun = people if people and figure.counts in PERSON_NOUNS else figure.counts
                # "three other rifles" are counted besides the seven rifles named before
                # them: they are compared only with other counts of "other" rifles.
                if _BESIDES.match(version.text, figure.end):
                    noun = f"other {noun}"
                by_noun.setdefault((noun, speed), []).append((version, figure))
    out = []
    for (noun, _), found in by_noun.items():
        per_article: dict[str, list[Figure]] = {}
        for version, figure in found:
            per_article.setdefault(version.article, []).append(figure)
        if len(per_article) < 2:
            continue
        # Two articles agree when any of their figures of this noun agree ("Three people
        # were killed and about 800 evacuated" / "Around 800 people were evacuated").
        every = {v.article: v.figures for v, _ in found}
        # One version giving both values tells a change, not a dispute: "Eight patients were
        # in intensive care, up from six a day earlier" / "Six patients are in intensive care".
        values = {f.value for _, f in found}
        if len(values) > 1 and any(values <= {f.value for f in v.figures} for v in versions):
            continue
        if all(_agree(per_article[x], per_article[y], every[x], every[y])
               for x, y in _compared(versions[0].article, list(per_article))):
            continue
        about = noun if noun.startswith(AGE_OF) else f"number of {_plural(noun)}"
        out.append(Conflict(about, "number",
                            [_value(v, f.describe()) for v, f in _shown(found)]))
    return out


def _shown(found: list[tuple[Version, Figure]]) -> list[tuple[Version, Figure]]:
    """One figure per article for a conflict: the first reporter's first, and for each
    other article the figure that gives the first reporter's value if it has one ("Four
    people are confirmed dead and seven are missing" shows "seven" against "Seven people
    were still missing"), else its first of the noun."""
    shown = _one_per_article(found)
    reference = shown[0][1]
    return shown[:1] + [
        (version, next((f for f in version.figures if f.same_value(reference)
                        and (not f.counts or f.counts == reference.counts)), figure))
        for version, figure in shown[1:]]


def _compared(reference: str, ids: list[str]) -> list[tuple[str, str]]:
    """The pairs of articles whose versions are compared: the reference (first reporter)
    against each other one when it gives the detail, else every pair. Comparing two
    versions that each agree with the reference only through different parts of it ("Three
    people were killed and about 800 evacuated") would set unrelated details side by side."""
    if reference in ids:
        return [(reference, other) for other in ids if other != reference]
    return [(x, y) for n, x in enumerate(ids) for y in ids[n + 1:]]


def _agree(these: list[Figure], those: list[Figure], all_these: list[Figure],
           all_those: list[Figure]) -> bool:
    """Whether two articles agree on the figures of one noun: any pair agrees, one's figure
    is the sum of two of the other's (a whole and its parts), or one's figures of the noun
    all appear among the other's figures of any noun ("Three people were killed and about
    800 residents evacuated" / "Around 800 people"). Figures of people in different states
    ("killing at least four people" / "six people are still unaccounted for"), or in a state
    and in none ("Three people died" / "20,000 people marched"), neither agree nor
    disagree."""
    if not any(a.state == b.state for a in these for b in those):
        return True
    if any(a.same_value(b) for a in these for b in those):
        return True
    # A whole and its parts: "23 pirates" / "12 Somali and 11 Yemeni pirates".
    if any(a.value in _sums(all_those) for a in these) or any(
            b.value in _sums(all_these) for b in those):
        return True
    return (all(any(a.same_value(b) for b in all_those) for a in these)
            or all(any(b.same_value(a) for a in all_these) for b in those))


def _sums(found: list[Figure]) -> set[float]:
    """The sums of two of a version's figures."""
    return {a.value + b.value for i, a in enumerate(found) for b in found[i + 1:]}


def _plural(noun: str) -> str:
    if noun in ("%", "people") or noun.startswith("$"):
        return {"%": "per cent"}.get(noun, noun)
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"


def _vague_conflicts(versions: Sequence[Version]) -> list[Conflict]:
    by_noun: dict[str, list[tuple[Version, Vague]]] = {}
    for version in versions:
        for vague in version.vague:
            by_noun.setdefault(vague.counts, []).append((version, vague))
    out = []
    for noun, found in by_noun.items():
        found = _one_per_article(found)
        said = {v.article: q for v, q in found}
        if any(_differ(said[x], said[y])
               for x, y in _compared(versions[0].article, list(said))):
            out.append(Conflict(f"how many {_plural(noun)}", "quantity",
                                [_value(v, q.text) for v, q in found]))
    # Vague amounts of time in different units ("a few weeks" / "several months"), or a
    # vague amount and a figure it cannot be ("several weeks" / "three months").
    spans = _one_per_article([(v, span) for v in versions if (span := _time_span(v))])
    said = {v.article: span for v, span in spans}
    if any(x[3] for x in said.values()) and any(
            (said[x][3] or said[y][3]) and _apart(said[x][1], said[y][1])
            and (said[x][2] != said[y][2] or not (said[x][3] and said[y][3]))
            for x, y in _compared(versions[0].article, list(said))):
        out.append(Conflict("how long", "quantity", [_value(v, span[0])
                                                     for v, span in spans]))
    return out


def spans_of_time(version: Version) -> list[Figure | Vague]:
    """A version's spans of time, vague ones ("several weeks") first, then figures of a unit
    of time ("three months"); not points in time ("two years later")."""
    return [*(q for q in version.vague if q.days and duration(version.text, q)),
            *(f for f in version.figures if f.counts in TIME_UNITS and not f.rate
              and duration(version.text, f))]


def _time_span(version: Version) -> tuple[str, tuple[float, float], str, bool] | None:
    """A version's first span of time (see `spans_of_time`): as written, in days, its unit,
    and whether it is vague."""
    spans = spans_of_time(version)
    if not spans:
        return None
    found = spans[0]
    written = duration(version.text, found) or found.text
    if isinstance(found, Vague):
        return written, found.days or (0.0, math.inf), found.counts, True
    low = high = found.value * TIME_UNITS[found.counts]
    if found.bound == "lower":
        high = math.inf
    elif found.bound == "upper":
        low = 0.0
    elif found.bound == "about":
        low, high = low * 0.75, high * 1.25
    return written, (low, high), found.counts, False


def _differ(a: Vague, b: Vague) -> bool:
    """Whether two vague quantities of one thing cannot be the same: a few against many,
    dozens against hundreds."""
    if {a.size, b.size} == {"small", "large"}:
        return True
    return a.magnitude is not None and b.magnitude is not None and a.magnitude != b.magnitude


def _apart(a: tuple[float, float] | None, b: tuple[float, float] | None) -> bool:
    return a is not None and b is not None and (a[1] < b[0] or b[1] < a[0])


def _date_conflicts(versions: Sequence[Version]) -> list[Conflict]:
    """Versions that each give one day, and differ; else versions that each name one month
    and no other date, and differ ("will close by the end of September" / "by the end of
    December")."""
    for dated, shown in ((lambda v: v.days, date.isoformat),
                         (lambda v: v.months, lambda d: d.isoformat()[:7])):
        found = _one_per_article([(v, dated(v)[0]) for v in versions if len(dated(v)) == 1])
        day = {v.article: d for v, (_, d) in found}
        if any(day[x] != day[y] for x, y in _compared(versions[0].article, list(day))):
            return [Conflict("date", "date", [_value(v, f"{expr} ({shown(day)})")
                                              for v, (expr, day) in found])]
    return []


# States of the United States; with the countries and continents of the world (from
# Babel's territory names), regions that may hold a smaller place another version names.
US_STATES = frozenset(name.strip().lower() for name in """
Alabama, Alaska, Arizona, Arkansas, California, Colorado, Connecticut, Delaware, Florida,
Georgia, Hawaii, Idaho, Illinois, Indiana, Iowa, Kansas, Kentucky, Louisiana, Maine, Maryland,
Massachusetts, Michigan, Minnesota, Mississippi, Missouri, Montana, Nebraska, Nevada,
New Hampshire, New Jersey, New Mexico, New York, North Carolina, North Dakota, Ohio,
Oklahoma, Oregon, Pennsylvania, Rhode Island, South Carolina, South Dakota, Tennessee, Texas,
Utah, Vermont, Virginia, Washington, West Virginia, Wisconsin, Wyoming""".split(","))


@cache
def regions() -> frozenset[str]:
    """Lower-case names of countries, continents and US states."""
    from babel import Locale

    return US_STATES | {name.lower() for name in Locale("en").territories.values()}


# The last word of a region's name: "Genesee County" may hold "Saginaw".
REGION_WORDS = frozenset("""county province region district state oblast prefecture
department governorate canton shire municipality""".split())


def _regional(names: set[str]) -> bool:
    """Whether every place of a set is a country, a continent, a US state or a region named
    as one ("Genesee County", "Halden Province"): "in Canada" may hold "in Vancouver", and
    is no conflict with it."""
    return all(name.lower() in regions() or name.lower().split()[-1] in REGION_WORDS
               for name in names)


STREET_WORDS = frozenset("""street avenue road lane square boulevard drive highway bridge
quay wharf pier""".split())


def _streets(names: set[str]) -> bool:
    """Whether every place of a set is a street, a square or the like, which lies in a
    town another version may name instead: "in High Street" / "in Banstead"."""
    return all(name.lower().split()[-1] in STREET_WORDS for name in names)


def _within(inner: str, outer: str) -> bool:
    """Whether one place name's words are all in another's: "Banstead" / "Banstead High
    Street", "Philadelphia" / "Northeast Philadelphia"."""
    words = set(outer.lower().split())
    return set(inner.lower().split()) <= words


def _place_conflicts(versions: Sequence[Version],
                     named_together: Sequence[set[str]] = ()) -> list[Conflict]:
    found = _one_per_article([(v, v.places) for v in versions if v.places])
    if len(found) < 2:
        return []
    named = {v.article: {name for _, name in places} for v, places in found}
    # Places one version, or one sentence of the story (`named_together`), names together
    # are one place told closer or wider ("the hospital in Marrowgate", "in Banstead,
    # Surrey"), or places that shared the event ("felt in Oman and the United Arab
    # Emirates"): naming either is no conflict.
    together = [v.named for v in versions if len(v.named) > 1] + list(named_together)

    def agree(x: set[str], y: set[str]) -> bool:
        return (bool(x & y) or any(x & names and y & names for names in together)
                or any(_within(a, b) or _within(b, a) for a in x for b in y)
                or _regional(x) != _regional(y) or _streets(x) != _streets(y))

    if all(agree(named[x], named[y]) for x, y in _compared(versions[0].article, list(named))):
        return []
    return [Conflict("place", "place", [_value(v, ", ".join(dict.fromkeys(f for f, _ in p)))
                                        for v, p in found])]


FIGURES = ("number", "quantity")
DETAILS = (*FIGURES, "date", "place")


def conflicts_in(versions: Sequence[Version], same_rate: bool = False,
                 kinds: Sequence[str] = DETAILS,
                 named_together: Sequence[set[str]] = ()) -> list[Conflict]:
    """The conflicts among versions of one fact from different articles, in the `kinds`
    of detail asked for; the first version is the reference (the first reporter's) that
    the others are compared with. With `same_rate`, a count per day is not set against a
    count without a rate; `named_together` are sets of places a sentence of the story
    names together, which are no conflict."""
    if len({v.article for v in versions}) < 2:
        return []
    found = []
    if "number" in kinds:
        found += _figure_conflicts(versions, same_rate)
    if "quantity" in kinds:
        found += _vague_conflicts(versions)
    if "date" in kinds:
        found += _date_conflicts(versions)
    if "place" in kinds:
        found += _place_conflicts(versions, named_together)
    return found


# Role words a title is made of; the last of them is its head ("Foreign Secretary").
ROLE_HEADS = set("""
secretary minister spokesman spokeswoman spokesperson president chancellor premier governor
executive
mayor director chief head commissioner ambassador chairman chairwoman chair general admiral
commander prosecutor judge senator representative deputy leader manager officer inspector
superintendent coordinator envoy adviser advisor councillor councilor captain colonel major
sheriff marshal editor correspondent analyst professor founder owner curator conductor
treasurer principal dean rector coroner ombudsman administrator supervisor detective sergeant
constable lieutenant warden trustee speaker
""".split())
SAME_ROLE = {"spokeswoman": "spokesperson", "spokesman": "spokesperson",
             "chairwoman": "chair", "chairman": "chair", "advisor": "adviser",
             "councilor": "councillor", "head": "chief"}
_ROLE_WORD = re.compile(r"[A-Za-z][\w.’'-]*$")
_LOWER_ROLE = set("""
foreign interior defence defense home finance health justice prime deputy vice state
national security council house press transport economy trade energy environment
education labour labor agriculture culture treasury white chief general attorney executive
fire police army navy air force acting former regional provincial federal assistant junior
shadow interim presiding managing
""".split())


def title_before(text: str, start: int) -> str:
    """The title written right before a name at `start`: "UK Foreign Secretary" in "UK
    Foreign Secretary James Cleverly"; "" when there is none.

    Walking back from the name, a title is made of role words ("foreign", "secretary") and
    capitalised words ("UK", "White House"); a comma, a full stop or any other word ends it.
    """
    words: list[str] = []
    for n, word in enumerate(reversed(text[max(0, start - 80):start].split()[-6:])):
        if n == 0 and word.endswith(",") and word[:-1].lower() in ROLE_HEADS:
            word = word[:-1]  # "The authority's chairman, Piet Oddvar"
        elif word[-1] in ",.;:)”\"" and not word.lower().rstrip(".").endswith(("u.s", "u.k")):
            break
        bare = word.strip("(“\"").lower()
        if bare in ROLE_HEADS or bare in _LOWER_ROLE or word[:1].isupper() or (
                bare in ("and", "&") and words):  # "President and General Manager"
            words.insert(0, word.strip("(“\""))
            continue
        break
    while words and words[0].lower() in ("and", "&"):
        words.pop(0)
    if not any(w.lower() in ROLE_HEADS for w in words):
        return ""
    return " ".join(words)


_APPOSITION = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?(?P<title>(?:[\w’'.-]+\s+){0,4}?"
                         r"(?P<head>[A-Za-z]+))(?=\s+of\b|\s+for\b|\s+at\b|,|\.)")


def title_inside(form: str) -> int:
    """The length of the title a name's form starts with ("Superintendent " of
    "Superintendent Mirela Oddsen", which the recogniser took in), 0 when there is none."""
    words, length = form.split(" "), 0
    for word in words[:-1]:
        if word.lower() not in ROLE_HEADS and word.lower() not in _LOWER_ROLE:
            break
        length += len(word) + 1
    return length if any(w.lower() in ROLE_HEADS for w in form[:length].split()) else 0


def title_after(text: str, end: int) -> str:
    """The title set after a name that ends at `end`: "chairman" in "Piet Oddvar, the
    company's chairman, said"; "" when there is none."""
    match = _APPOSITION.match(text, end)
    if not match or match.group("head").lower() not in ROLE_HEADS:
        return ""
    words = [w for w in match.group("title").split()
             if w.lower() in ROLE_HEADS | _LOWER_ROLE | RANKS]
    return " ".join(words)


def role(title: str) -> tuple[str, ...]:
    """A title's role words in lower case, nationality and organisation names left out:
    "British Foreign Minister" → ("foreign", "minister")."""
    # A "speaker" in lower case speaks for a body (a spokesperson, as translations put
    # it); "Speaker" is the post that chairs a parliament.
    words = ["spokesperson" if w == "speaker" else w.lower().strip(".,")
             for w in title.split()]
    words = [SAME_ROLE.get(w, w) for w in words if w in ROLE_HEADS or w in _LOWER_ROLE
             or w in SAME_ROLE]
    return tuple(words)


def title_conflicts(titled: Sequence[tuple[str, str, str, int, int]],
                    passage: Callable[[str, int, int], tuple[str, int, int]]
                    ) -> list[Conflict]:
    """Conflicts in the titles given to one person: `titled` holds (person, article, title,
    start, end) for each titled mention; `passage` gives the sentence around a mention as
    (text, start, end)."""
    by_person: dict[str, list[tuple[str, str, int, int]]] = {}
    for person, article, title, start, end in titled:
        by_person.setdefault(person, []).append((article, title, start, end))
    out = []
    for person, mentions in by_person.items():
        heads: dict[str, tuple[str, list[tuple[str, ...]], int, int]] = {}
        posts: dict[str, list[tuple[str, ...]]] = {}
        for article, title, start, end in mentions:
            if _PAST_TITLE.search(title):
                continue  # "former president": a post held before
            roles = [words for part in _AND.split(title) if (words := role(part))]
            if roles:
                heads.setdefault(article, (title, roles, start, end))
                posts.setdefault(article, []).extend(roles)
        if len(heads) < 2 or any(_several(found) for found in posts.values()):
            continue  # one outlet giving two posts ("president and general manager", or
            # one in each of two sentences) shows the person holds several
        titles = [roles for _, roles, _, _ in heads.values()]
        if all(_one_post(a, b) for i, a in enumerate(titles) for b in titles[i + 1:]):
            continue
        values = [Value(article, title, *passage(article, start, end))
                  for article, (title, _, start, end) in heads.items()]
        out.append(Conflict(f"title of {person}", "title", values))
    return out


# Ranks in a police or armed force, which a person holds besides a post.
SERVICE_RANKS = frozenset("""constable sergeant inspector superintendent detective lieutenant
captain colonel major general admiral commander""".split())
RANKS = {"deputy", "vice", "acting", "assistant", "former", "junior", "shadow", "interim"}
_PAST_TITLE = re.compile(r"\b(?:former|ex|then|late)\b", re.IGNORECASE)
_AND = re.compile(r"\s+(?:and|&)\s+", re.IGNORECASE)  # "President and General Manager"


def _one_post(a: list[tuple[str, ...]], b: list[tuple[str, ...]]) -> bool:
    """Whether two titles, each one post or several ("team president and general
    manager"), may name one of the same posts."""
    return any(_compatible(x, y) for x in a for y in b)


def _several(roles: list[tuple[str, ...]]) -> bool:
    """Whether the roles one article gives a person name different posts."""
    return any(not _compatible(x, y) for i, x in enumerate(roles) for y in roles[i + 1:])


def _compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two role descriptions can name one post: the same head, the same rank, and
    modifiers that overlap or are missing from one ("spokesperson" / "national security
    council spokesperson"); "Foreign Secretary" / "Foreign Minister", "Governor" / "Deputy
    Governor" and "Interior Minister" / "Defence Minister" cannot. A police or military rank
    and a post are held together ("Constable" / "police spokesperson"), and so are a bare
    rank and a title with it ("her deputy" / "Deputy Finance Minister")."""
    if set(a) == set(b):
        return True     # "Deputy Sheriff" / "Sheriff's Deputy"
    if (a[-1] in SERVICE_RANKS) != (b[-1] in SERVICE_RANKS):
        return True     # a rank and a post: "Constable" / "police spokesperson"
    if (set(a) <= RANKS and set(a) <= set(b)) or (set(b) <= RANKS and set(b) <= set(a)):
        return True     # "her deputy" / "Deputy Finance Minister"
    if a[-1] != b[-1] or RANKS & set(a) != RANKS & set(b):
        return False
    a, b = tuple(w for w in a if w not in RANKS), tuple(w for w in b if w not in RANKS)
    return not a[:-1] or not b[:-1] or bool(set(a[:-1]) & set(b[:-1]))
