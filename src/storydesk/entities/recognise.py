"""Find the people, organisations and places an article names.

spaCy's small English pipeline finds the names; only its entity recogniser runs. In
`en_core_web_sm` the recogniser has its own token-to-vector layer (it listens to no other
component), so the shared `tok2vec`, the tagger, the parser, the attribute ruler and the
lemmatizer are switched off: the entities are the same and the step runs about twice as fast.

spaCy's labels map to three kinds: PERSON; ORG; GPE, LOC and FAC are PLACE (except the
buildings that stand for an institution: "the Pentagon", "the White House" are ORG). NORP
("Iranian", "Russians") is a nationality or group, not an entity, and is left out.

Each span is then tidied, cheaply, for errors the small model makes on news text:
a leading "the", page furniture ("Copyright ..."), a possessive ending, stray punctuation, a
sentence's full stop and lower-case words at the end ("Lorvanian navy") are trimmed; a span
running over a line break or into a byline ("Elsa Maishman - BBC News") is cut there, one
listing names ("Terwisk, Danika Rovel") is cut at its commas; a person's name is cut before
digits ("Sarkar10 December"); "Mr", "Mrs", "Ms", "Dr" ... written right before a person are
taken into the form ("Mr. Kirby", as the article wrote it); an ORG or PLACE right after a
person's title or an honorific ("harbour master Danika Rovel", "Mr Torvik") is a PERSON; a
dateline in capitals is a PLACE, cut from a name after it ("CORRIDEN — Bertil Torvik"); a
one-word PERSON after "in" or "near" is a PLACE ("a school in Lusk"); an acronym with full
stops labelled a place is an ORG ("K.F.R.S.", not "U.S."). Added where the model found
nothing: a name after a capitalised title ("Deputy Chief Fire Officer Agnes Torvik"), a
place after the word for it ("the village of Dolvitsa"), an acronym defined in brackets and
its long name. Dropped: one-character and
all-lower-case spans; nationality adjectives tagged as places ("Ukrainian"); plurals of
acronyms ("UAVs"); spans with symbols ("Ctrl + Enter"); and one-word names (not acronyms)
that the article writes in lower case at least as often as capitalised ("Strikes", a
headline word).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from typing import NamedTuple

from storydesk.entities.model import ORG, PERSON, PLACE
from storydesk.entities.names import (
    ACRONYM_SKIPS,
    HONORIFICS,
    ORGANISATION_WORDS,
    TITLE_WORDS,
    acronym_letters,
    fold,
    initials,
    person_name,
    place_alias,
)
from storydesk.nlp import english

# spaCy label -> entity kind; labels not listed (NORP, DATE, MONEY, ...) are not entities.
KIND_OF_LABEL = {"PERSON": PERSON, "ORG": ORG, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE}
# Buildings named for the institution in them.
INSTITUTION_BUILDINGS = frozenset({
    "pentagon", "white house", "kremlin", "downing street", "elysee palace", "élysée palace",
    "elysee", "élysée", "capitol", "capitol hill", "quai d'orsay", "blue house", "zhongnanhai",
})
# A title right before a name labelled ORG or PLACE shows a person; titles that also start
# the names of things ("former Yugoslavia", "General Assembly") are not cues.
PERSON_CUES = TITLE_WORDS - frozenset(
    "former acting interim deputy vice head chief leader general major private official "
    "officials founder owner executive chair justice king queen prince princess emperor "
    "empress pope cardinal bishop archbishop premier".split())
BATCH_SIZE = 64

_HONORIFIC_BEFORE = re.compile(
    r"(?<![\w.])(?:" + "|".join(sorted(h.capitalize() for h in HONORIFICS)) + r")\.?[ \u00a0]$")
_BYLINE_BREAK = re.compile(r"\s[-–—|]\s|\n")
_LEADING_THE = re.compile(r"(?:the|The|THE)\s+(?=\S)")
# Page furniture a span can start with: "Copyright Meridian Press Agency", "Photo: ...".
_NOISE_PREFIX = re.compile(r"(?i:copyright|photo(?:graph)?|image|picture|credit|source|"
                           r"read more|watch|video|listen|updated?|breaking|exclusive)"
                           r"\s*:?\s+(?=[A-Z])")
_LIST_SEPARATOR = re.compile(r"\s*[,;]\s+|\s*[()]\s*")
# Words before a name that make it a place whatever the recogniser took it for ("a school
# in Lusk", "the village of Dolvitsa"); not "at", which also comes before organisations.
IN_PLACE_BEFORE = re.compile(r"(?:\bin|\bnear|\boutside|\bvillage of|\btown of|\bcity of)\s+$",
                             re.IGNORECASE)
# A possessive after a name, which makes it a person's after all ("in Lusk's view").
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
# What follows the town of a dateline: "BRASKOW, Vesmark —", "ODRAVA —".
_DATELINE_AFTER = re.compile(r"\s*(?:,|[-–—])\s")
# A dateline in capitals before the first sentence: "CORRIDEN — " in "CORRIDEN — Bertil".
_DATELINE = re.compile(r"[A-Z][A-Z.'’ -]*[A-Z.]\s+[-–—]\s+(?=[A-Z][a-z])")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?[ \u00a0]+$")
_POSSESSIVE_END = re.compile(r"(?:['’]s|(?<=s)['’])$")
_LOWER_TAIL = re.compile(r"(?:\s+[a-z][\w'’-]*)+$")
# A full stop after a whole word ends the sentence; after "U.S." or "Inc." it is the name's.
_SENTENCE_STOP = re.compile(
    r"(?<![.\w])(?!(?:Inc|Corp|Ltd|Bros|Govt|Dept|Univ|Assn)\.$)[A-Za-z][a-z]{2,}\.$")
_EDGE_NOISE_START = "\"'“‘«(<[{-–—,.;:!? \t\u00a0"
_EDGE_NOISE_END = "\"'”’»)>]}-–—,;:!?* \t\u00a0"
_SYMBOLS = re.compile(r"[+=@#/\\<>*_^~|{}\[\]]|https?:|www\.")
_ACRONYM_PLURAL = re.compile(r"^[A-Z]{2,}s$")
_DEMONYM = re.compile(r"(?:ian|ians|eans|ese|ish)$")
_WORD = re.compile(r"[A-Za-z]+")


class Recognised(NamedTuple):
    """A name found in one article: character offsets into its text, the form as written
    (`text[start:end]`) and the kind ("PERSON", "ORG" or "PLACE")."""

    start: int
    end: int
    form: str
    kind: str


def recognise(text: str) -> list[Recognised]:
    """The people, organisations and places named in one article's cleaned text, in order."""
    return recognise_many([text])[0]


def recognise_many(texts: Sequence[str], batch_size: int = BATCH_SIZE) -> list[list[Recognised]]:
    """`recognise` for many articles, batched through spaCy's `pipe` in this process."""
    nlp = english()
    docs = nlp.pipe(texts, batch_size=batch_size, disable=components_to_skip())
    found = []
    for text, doc in zip(texts, docs, strict=True):
        spans = ((ent.start_char, ent.end_char, ent.label_) for ent in doc.ents)
        found.append(clean_spans(text, spans))
    return found


def full_name_surnames(found: Iterable[Recognised]) -> Counter[str]:
    """The surnames of the people named in full ("Kell" of "Marta Kell"), each with the
    number of different full names that carry it (two for namesakes)."""
    # Titles aside: "Minister Oriane Dahl" and "Oriane Dahl" are one full name.
    names = {(name.given, name.surname) for m in found if m.kind == PERSON and " " in m.form
             if (name := person_name(m.form)) is not None and name.given}
    return Counter(surname for _, surname in names
                   if surname[:1].isupper() and len(surname) > 2 and " " not in surname)


def with_titled_surnames(text: str, found: list[Recognised],
                         surnames: Counter[str]) -> list[Recognised]:
    """Add the "Ms Sorn", "Governor Anholt" the small model misses: a title or honorific
    and then one of `surnames` (of people named in full in the story), where no mention
    stands already. An honorific is part of the form ("Ms Sorn", as "Mr. Kirby" is); another
    title is only when namesakes share the surname ("Mayor Kell" is not "Mr Kell"), so that
    the form tells them apart; else the form is the surname ("Anholt"). A surname only one
    person has, opening a sentence before a word in lower case or a comma ("Dahl signalled
    ...", "Dahl, who ...", or after a quotation: '," Dahl said'), is a mention too. An
    organisation or place that is one of `surnames`, alone or after a given name ("according
    to Oddsen", "Bertil Torvik"), is a person."""
    if not surnames:
        return found
    found = [_person_by_surname(m, surnames) for m in found]
    taken = {(m.start, m.end): n for n, m in enumerate(found)}
    out = list(found)
    pattern = re.compile(r"(?<![\w.])(?P<title>[A-Z][a-z]+)\.?[ \u00a0]+(?P<surname>"
                         + "|".join(re.escape(s) for s in sorted(surnames)) + r")(?![\w’'-])")
    for match in pattern.finditer(text):
        title = match.group("title").lower()
        if title not in TITLE_WORDS:
            continue
        keep_title = title in HONORIFICS or surnames[match.group("surname")] > 1
        start, end = match.start() if keep_title else match.start("surname"), match.end()
        mention = Recognised(start, end, text[start:end], PERSON)
        bare = taken.get((match.start("surname"), end))
        if bare is not None and keep_title:
            out[bare] = mention             # "Kell" of "Mayor Kell", between two Kells
        elif not any(m.start < end and match.start() < m.end for m in found):
            out.append(mention)
    # A bare surname opening a sentence, said to do something: "Dahl signalled on Tuesday".
    single = [s for s, count in surnames.items() if count == 1]
    if single:
        bare_pattern = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n)|(?<=[,.!?][\"”]\s))(?P<surname>"
                                  + "|".join(re.escape(s) for s in sorted(single))
                                  + r")(?=\s+[a-z]|,)", re.MULTILINE)
        for match in bare_pattern.finditer(text):
            start, end = match.span("surname")
            if not any(m.start < end and start < m.end for m in out):
                out.append(Recognised(start, end, text[start:end], PERSON))
    return sorted(out, key=lambda m: (m.start, m.end))


def known_full_names(found: Iterable[Recognised]) -> set[str]:
    """The full names of people as the recogniser found them ("Ilse Kavanic"), without a
    title or honorific before them."""
    return {m.form for m in found if m.kind == PERSON and " " in m.form
            and (name := person_name(m.form)) is not None and name.given
            and m.form.split()[0].rstrip(".").lower() not in TITLE_WORDS | HONORIFICS}


def with_known_names(text: str, found: list[Recognised], names: set[str]) -> list[Recognised]:
    """Add the mentions of `names` (full names the story's articles name, see
    `known_full_names`) that the small model missed in this text: "Ilse Kavanic, deputy
    commander ..." at the start of a paragraph, where it found nothing."""
    if not names:
        return found
    pattern = re.compile(r"(?<![\w’'-])(?:" + "|".join(
        re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?![\w’'-])")
    added = [Recognised(m.start(), m.end(), m.group(), PERSON) for m in pattern.finditer(text)
             if not any(f.start < m.end() and m.start() < f.end for f in found)]
    return sorted(found + added, key=lambda m: (m.start, m.end)) if added else found


def known_bodies(names: dict[str, str]) -> set[str]:
    """The organisations among `names` (see `known_names_of_bodies`) whose every word is
    capitalised ("National Institute of Public Health", "Odrava State Penitentiary")."""
    return {name for name, kind in names.items() if kind == ORG and all(
        w[:1].isupper() or w.lower() in ACRONYM_SKIPS for w in name.split())}


def known_acronyms(found: Iterable[Recognised]) -> set[str]:
    """The initials of the names of several words of the organisations the recogniser
    found ("NACO" for National Anti-Corruption Office). Acronyms it found alone are left
    out: it takes some for organisations that are none ("GMT", "KO")."""
    return {short for m in found if m.kind == ORG and len(m.form.split()) >= 2
            and len(short := initials(m.form.split())) >= 2}


_ACRONYM = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,8}|\b[A-Z]{2,8}\b")


def with_known_acronyms(text: str, found: list[Recognised],
                        letters: set[str]) -> list[Recognised]:
    """Add the acronyms of the story's organisations (see `known_acronyms`) that the
    recogniser missed in this text: "the H.W.P. has won" in a story that names the Harbour
    Workers' Party, with or without dots."""
    if not letters:
        return found
    added = [Recognised(m.start(), m.end(), m.group(), ORG) for m in _ACRONYM.finditer(text)
             if m.group().replace(".", "") in letters
             and not any(f.start < m.end() and m.start() < f.end for f in found)]
    return sorted(found + added, key=lambda m: (m.start, m.end)) if added else found


# The words of a name that outlets write in lower case: what kind of body or place it is.
GENERIC_IN_LOWER_CASE = ORGANISATION_WORDS | frozenset("""river lake mount island province
county region district oblast street road square bridge port harbour bay""".split())


def known_names_of_bodies(found: Iterable[Recognised]) -> dict[str, str]:
    """The names of several words of the organisations and places the recogniser found,
    with their kind: {"River Issel": PLACE, "Highland Police Directorate": ORG}."""
    return {m.form: m.kind for m in found if m.kind in (ORG, PLACE)
            and len(words := m.form.split()) >= 2 and words[0][:1].isupper()
            and words[0].lower() != "the"}


def with_names_partly_in_lower_case(text: str, found: list[Recognised],
                                    names: dict[str, str]) -> list[Recognised]:
    """Widen a mention to the story's longer name (see `known_names_of_bodies`) it is part
    of where this text writes the rest in lower case: "Issel" in "the river Issel" is
    "river Issel", "Highland" in "Highland police said" is "Highland police" (the start of
    Highland Police Directorate). Only words that say what kind of body or place it is are
    written so (`GENERIC_IN_LOWER_CASE`); a person's name is left as it is. The widened
    mention takes the longer name's kind."""
    if not names:
        return found
    kinds: dict[str, set[str]] = {}
    for name, kind in names.items():
        words = name.split()
        for n in range(2, len(words) + 1):
            if words[n - 1].lower() not in ACRONYM_SKIPS:
                kinds.setdefault(" ".join(words[:n]).lower(), set()).add(kind)
    pattern = re.compile(r"(?<![\w’'-])(?:" + "|".join(
        re.escape(s) for s in sorted(kinds, key=len, reverse=True)) + r")(?![\w’'-])",
        re.IGNORECASE)
    out = list(found)
    for match in pattern.finditer(text):
        start, end = match.span()
        written = match.group()
        lower = [w for w in written.split() if w.islower()]
        if (not lower or len(lower) == len(written.split())
                or not set(lower) <= GENERIC_IN_LOWER_CASE):
            continue    # as the name is written, all in lower case, or not a generic word
        inside = [m for m in out if start <= m.start and m.end <= end]
        if len(inside) > 1 or any(m.start < end and start < m.end for m in out
                                  if m not in inside) or any(m.kind == PERSON for m in inside):
            continue
        kind = set(kinds[written.lower()])
        if len(kind) == 1:
            out = [m for m in out if m not in inside]
            out.append(Recognised(start, end, written, kind.pop()))
    return sorted(out, key=lambda m: (m.start, m.end))


# A run of lower-case words, the first one after "the", "a", "its" or "their".
_LOWER_RUN = re.compile(r"\b(?:[Tt]he|[Aa]|[Ii]ts|[Tt]heir)\s+"
                        r"((?:[a-z][a-z’'-]*\s+){0,4}[a-z][a-z’'-]*)")


def with_described_bodies(text: str, found: list[Recognised],
                          bodies: set[str]) -> list[Recognised]:
    """Add the organisations of `bodies` (see `known_bodies`) that this text names in lower
    case, which the recogniser does not see as names: their words in another order ("the
    national public health institute" for the National Institute of Public Health), or the
    end of the name without the place it starts with ("the state penitentiary" for Odrava
    State Penitentiary). The words must hold a word that names a kind of organisation
    (`ORGANISATION_WORDS`), and an ending must end with it. An ending two bodies share
    names neither."""
    if not bodies:
        return found
    by_content: dict[tuple[str, ...], set[str]] = {}
    by_ending: dict[tuple[str, ...], set[str]] = {}
    for body in bodies:
        words = [w.lower() for w in body.split()]
        content = tuple(sorted(w for w in words if w not in ACRONYM_SKIPS))
        if len(content) >= 3:
            by_content.setdefault(content, set()).add(body)
        for start in range(1, len(words) - 1):
            ending = tuple(words[start:])
            if ending[0] not in ACRONYM_SKIPS:
                by_ending.setdefault(ending, set()).add(body)
    added = []
    for run in _LOWER_RUN.finditer(text):
        words = run.group(1).split()
        start = run.start(1)
        # The longest stretch from the run's first word that names one body.
        for n in range(len(words), 1, -1):
            stretch = tuple(words[:n])
            if stretch[-1] in ACRONYM_SKIPS or not ORGANISATION_WORDS & set(stretch):
                continue    # "the endangered species list in the first place"
            content = tuple(sorted(w for w in stretch if w not in ACRONYM_SKIPS))
            named = by_content.get(content, set())
            if stretch[-1] in ORGANISATION_WORDS:
                named = named | by_ending.get(stretch, set())
            if len(named) == 1:
                end = start + len(" ".join(stretch))
                if text[start:end] == " ".join(stretch) and not any(
                        f.start < end and start < f.end for f in found):
                    added.append(Recognised(start, end, text[start:end], ORG))
                break
    return sorted(found + added, key=lambda m: (m.start, m.end)) if added else found


def _person_by_surname(mention: Recognised, surnames: Counter[str]) -> Recognised:
    """The mention as a person's when it is a surname of the story's people, alone or after
    one more capitalised word that names no organisation's kind; else as it was."""
    words = mention.form.split()
    if mention.kind == PERSON or words[-1] not in surnames or len(words) > 2:
        return mention
    if len(words) == 2 and (not words[0][:1].isupper() or fold(words[0]) in ORGANISATION_WORDS
                            or words[0].isupper()):
        return mention
    return Recognised(mention.start, mention.end, mention.form, PERSON)


@cache
def components_to_skip() -> tuple[str, ...]:
    """The pipeline components the entity recogniser can do without: all but `ner` and the
    shared token-to-vector layers it listens to (none in en_core_web_sm)."""
    nlp = english()
    needed = {"ner"}
    for name, component in nlp.pipeline:
        if "ner" in getattr(component, "listening_components", ()):
            needed.add(name)
    return tuple(name for name in nlp.pipe_names if name not in needed)


def clean_spans(text: str, spans: Iterable[tuple[int, int, str]]) -> list[Recognised]:
    """Tidy spaCy's spans (start, end, label) of one text into entity mentions (see the
    module's docstring for what is trimmed and what is dropped)."""
    found: list[Recognised] = []
    words: Counter[str] | None = None
    for span_start, span_end, label in spans:
        kind = KIND_OF_LABEL.get(label)
        if kind is None:
            continue
        for part_start, part_end in _parts(text, span_start, span_end):
            span = _trim(text, part_start, part_end, kind)
            if span is None:
                continue
            start, end = span
            form = text[start:end]
            if not _looks_like_a_name(form, kind):
                continue
            if " " not in form and form[1:] != form[1:].upper():
                if words is None:
                    words = Counter(_WORD.findall(text))
                if words[form.lower()] >= max(1, words[form]):
                    continue        # a capitalised common word: "Strikes" in a headline
            found.append(_mention(text, start, end, label, kind))
    return _with_defined_names(text, _with_named_places(text, _with_titled_names(text, found)))


# A town named after the word for it: "the village of Dolvitsa", "near the town of Tiverno".
_PLACE_OF = re.compile(r"\b(?:town|village|city|hamlet|port|suburb|municipality|settlement|"
                       r"island|region|province|district)\s+of\s+(?P<name>[A-Z][a-z’'-]+"
                       r"(?:[ -][A-Z][a-z’'-]+)?)(?![\w’'-])")


def _with_named_places(text: str, found: list[Recognised]) -> list[Recognised]:
    """The mentions, with the places the recogniser missed after the word for what they
    are ("the village of Dolvitsa")."""
    added = [Recognised(m.start("name"), m.end("name"), m.group("name"), PLACE)
             for m in _PLACE_OF.finditer(text)
             if not any(f.start < m.end("name") and m.start("name") < f.end for f in found)]
    return sorted(found + added, key=lambda m: m.start) if added else found


# A run of capitalised words: a title and a name ("Deputy Chief Fire Officer Agnes Torvik").
_CAPITALISED_RUN = re.compile(r"(?<![\w’'-])[A-Z][a-z][\w’'-]*(?:[ \u00a0][A-Z][a-z][\w’'-]*)+"
                              r"(?![\w’'-]| [A-Z])")


def _with_titled_names(text: str, found: list[Recognised]) -> list[Recognised]:
    """The mentions, with the people the recogniser missed after a title in capitals:
    in "Chief Fire Officer Agnes Torvik told", the two or three words after the last
    title word are a person's name, unless one of them names an organisation's kind
    ("Officer Training School") or is a title itself."""
    added = []
    for run in _CAPITALISED_RUN.finditer(text):
        words = run.group().split()
        heads = [n for n, word in enumerate(words) if word.lower() in TITLE_WORDS]
        if not heads:
            continue
        name = words[heads[-1] + 1:]
        if not 2 <= len(name) <= 3 or any(fold(w) in ORGANISATION_WORDS for w in name):
            continue
        end = run.end()
        start = end - len(" ".join(name))
        if not any(m.start < end and start < m.end for m in found):
            added.append(Recognised(start, end, text[start:end], PERSON))
    return sorted(found + added, key=lambda m: m.start) if added else found


_BRACKETED_ACRONYM = re.compile(r"\(((?:[A-Z]\.){2,6}|[A-Z]{2,6})\)")
# Capitals in brackets that name no organisation: time zones and the like.
_NOT_ACRONYMS = frozenset("GMT UTC BST CET CEST EST EDT PST PDT AM PM TV ID PDF".split())
# The capitalised words (with "of", "and", ...) before an acronym defined in brackets.
_NAME_BEFORE_BRACKET = re.compile(r"((?:[A-Z][\w.'’&-]*\s+(?:(?:of|and|for|the|&)\s+)*)+)\($")


def _with_defined_names(text: str, found: list[Recognised]) -> list[Recognised]:
    """The mentions, with the long name an organisation's acronym is defined after ("The
    Fish and Food Workers' Union (FFWU)") where the recogniser missed it or took it for
    something else, and the acronym with it: the acronym's letters must be the name's
    initials. An acronym in brackets after no such name is a mention of its own."""
    acronyms = {m.form for m in found
                if m.kind == ORG and m.form.isupper() and " " not in m.form}
    # ... and the ones the recogniser missed
    acronyms |= set(_BRACKETED_ACRONYM.findall(text)) - _NOT_ACRONYMS
    added = []
    for acronym in acronyms:
        for bracket in re.finditer(rf"\({re.escape(acronym)}\)", text):
            alone = Recognised(bracket.start() + 1, bracket.end() - 1, acronym, ORG)
            before = _NAME_BEFORE_BRACKET.search(text, max(0, bracket.start() - 120),
                                                 bracket.start() + 1)
            name = before.group(1) if before else ""
            words = name.split()
            for cut in range(len(words)):  # the longest run of words with those initials
                if words[cut].lower() not in ACRONYM_SKIPS and \
                        initials(words[cut:]) == acronym.replace(".", ""):
                    start = before.start(1) + name.index(words[cut])
                    end = before.start(1) + len(name.rstrip())
                    added += [Recognised(start, end, text[start:end], ORG), alone]
                    break
            else:
                if place_alias([acronym]) is None:
                    added.append(alone)  # "the national health institute (N.I.P.H.)"
    # A name the recogniser found in part, or an acronym it found, is left as it was.
    added = [m for m in added if not any(m.start < f.end and f.start < m.end for f in found)]
    return sorted(found + added, key=lambda m: m.start) if added else found


def _mention(text: str, start: int, end: int, label: str, kind: str) -> Recognised:
    """The mention with the kind corrected where the context shows it."""
    form = text[start:end]
    words = form.split()
    if form.isupper() and (start == 0 or text[start - 1] == "\n") \
            and _DATELINE_AFTER.match(text, end):
        kind = PLACE             # a dateline: "BRASKOW, Vesmark —", "ODRAVA —"
    elif kind == PLACE and label == "FAC" and form.lower() in INSTITUTION_BUILDINGS:
        kind = ORG
    elif kind == PLACE and form.count(".") >= 3 and acronym_letters(form) \
            and place_alias(words) is None:
        kind = ORG               # "K.F.R.S." labelled as a place, unlike "U.S." or "U.S.A."
    elif kind == PERSON and len(words) == 1 \
            and IN_PLACE_BEFORE.search(text, max(0, start - 16), start) \
            and not _POSSESSIVE_AFTER.match(text, end):
        kind = PLACE             # "housed at a school in Lusk" labelled PERSON
    elif kind != PERSON and len(words) <= 3:
        before = _WORD_BEFORE.search(text[max(0, start - 30):start])
        if before and before.group(1).lower() in PERSON_CUES | HONORIFICS:
            kind = PERSON        # "harbour master Danika Rovel", "Mr Torvik" labelled ORG
        elif len(words) > 1 and words[0].rstrip(".").lower() in HONORIFICS:
            kind = PERSON        # "Ms Torvik" labelled ORG
    if kind == PERSON:
        start = _with_honorific(text, start)
    return Recognised(start, end, text[start:end], kind)


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span cut at commas, semicolons and brackets: "Terwisk, Danika Rovel" is two names,
    and so is "Fish and Food Workers' Union (FFWU"; a dateline is cut from the name after
    it ("CORRIDEN — Bertil Torvik")."""
    parts, part_start = [], start
    dateline = _DATELINE.match(text, start, end)
    if dateline:
        parts.append((start, dateline.end()))
        part_start = dateline.end()
    for separator in _LIST_SEPARATOR.finditer(text, part_start, end):
        parts.append((part_start, separator.start()))
        part_start = separator.end()
    parts.append((part_start, end))
    return parts


def _trim(text: str, start: int, end: int, kind: str) -> tuple[int, int] | None:
    """The span without what does not belong to the name, or None when nothing is left."""
    cut = _BYLINE_BREAK.search(text, start, end)
    if cut:
        end = cut.start()
    if kind == PERSON:
        digit = re.search(r"\d", text[start:end])
        if digit:
            end = start + digit.start()
    while start < end:
        before = (start, end)
        while start < end and text[start] in _EDGE_NOISE_START:
            start += 1
        while end > start and text[end - 1] in _EDGE_NOISE_END:
            end -= 1
        for prefix in (_LEADING_THE, _NOISE_PREFIX):
            match = prefix.match(text, start, end)
            if match:
                start = match.end()
        possessive = _POSSESSIVE_END.search(text[start:end])
        if possessive and possessive.start() > 0:
            end = start + possessive.start()
        if text[end - 1:end] == "." and _SENTENCE_STOP.search(text[start:end]):
            end -= 1
        tail = _LOWER_TAIL.search(text[start:end])
        if tail and tail.start() > 0:
            end = start + tail.start()
        if (start, end) == before:
            return start, end
    return None


def _looks_like_a_name(form: str, kind: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    if len(form) < 2 or len(letters) < 2 or not any(c.isupper() for c in letters):
        return False
    if _SYMBOLS.search(form) or _ACRONYM_PLURAL.match(form):
        return False
    return not (kind == PLACE and " " not in form and _DEMONYM.search(form))


def _with_honorific(text: str, start: int) -> int:
    """Move a person's start back over a "Mr", "Mrs", "Dr" ... written just before it."""
    window = max(0, start - 8)
    match = _HONORIFIC_BEFORE.search(text[window:start])
    return window + match.start() if match else start
