"""Merge the names a story's articles use into one entity per person, organisation, place.

Forms merge only on evidence found in the story itself:

1. **One kind per name.** spaCy's small model labels one name differently from one sentence
   to the next ("Odessa" ORG, "Odesa" place; "Kirby’s" ORG). Forms with one skeleton (see
   `names.skeleton`) take the kind most of their mentions have (ties: person, then place,
   then organisation); a known place alias ("America", "Kiev") is a place; a one-word
   organisation or place written with a possessive whose word is a person's surname in the
   story is that person ("Kirby’s"); a nationality adjective of a place in the story
   ("Iraqi" beside "Iraq", "American" beside "America") is dropped.
2. **People** (`names.person_name`): titles and descriptions are not the name ("Mr. Kirby",
   "national security spokesman John Kirby", "Foreign Secretary James Cleverly").
   Full names merge when their surnames are one spelling (`names.same_word`) and their
   given names agree: equal, a spelling variant (Ebrahim/Ibrahim), or an initial
   ("J. Kirby", which joins only when exactly one full name fits it). A surname alone
   ("Kirby", "Mr Kirby") joins the full name with that surname only when exactly one person
   in the story has it; when two do ("Marta Kell", "Jonas Kell") a bare "Kell" is
   ambiguous and is attached to no one and not reported (it names one of two known people,
   so a separate "Kell" entity would be a third person who does not exist); with no full
   name it is an entity of its own. A given name alone ("Alisha") joins the one person with
   that given name when it is nobody's surname. An organisation label on one person's
   surname ("Rovel told reporters", labelled ORG), or an organisation or place label on a
   full name that matches one person ("Volodymyr Zelenskyy" as ORG), is corrected.
3. **Organisations and places**: one spelling (`names.same_words`, word by word, with a
   higher floor for places: Iran/Iraq, Austria/Australia, Niger/Nigeria, Sudan/South Sudan
   stay apart); the same words in another order, "of", "for", "the" aside ("Directorate for
   Maritime Safety" and "Maritime Safety Directorate", as a translation renders it); one
   place under another name (`names.PLACE_ALIASES`: US, U.S., USA, United States, America;
   UK, Britain); a shortened organisation name, two words or more, that ends exactly one
   longer one ("Coastal Lines" and "Tessel Coastal Lines", "National Security Council" and
   "US National Security Council"); an acronym and the long name it abbreviates: defined in
   the text ("International Atomic Energy Agency (IAEA)"), or else the only long name in the
   story whose initials, skipping "of", "the", "and", "for", spell it ("Northern Rail
   Authority" and "NRA"). An acronym matching nothing, or more than one long name, stays on
   its own; so does a shortened name that ends two longer ones.

The canonical name of an entity is its fullest form without titles (most words, "of",
"the" ... not counted), then the one used by most articles, then the most mentioned.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from storydesk.entities.genders import given_name_gender
from storydesk.entities.model import ORG, PERSON, PLACE, Entity, Mention
from storydesk.entities.names import (
    ACRONYM_SKIPS,
    HONORIFICS,
    ORGANISATION_WORDS,
    PersonName,
    acronym_letters,
    fold,
    initials,
    key_of,
    person_name,
    place_alias,
    same_given_names,
    same_word,
    same_words,
    skeleton,
    words_of,
)
from storydesk.entities.recognise import (
    full_name_surnames,
    known_acronyms,
    known_bodies,
    known_full_names,
    known_names_of_bodies,
    recognise_many,
    with_described_bodies,
    with_known_acronyms,
    with_known_names,
    with_names_partly_in_lower_case,
    with_titled_surnames,
)
from storydesk.quotes.marks import TERMINAL, ends_sentence

# Which kind wins a tied vote: the small model's commonest error is calling a person or a
# place an organisation.
KIND_PREFERENCE = {PERSON: 2, PLACE: 1, ORG: 0}
# Endings that make a nationality adjective or noun from a place name's stem.
DEMONYM_ENDINGS = ("i", "n", "an", "ian", "ean", "ese", "ish", "is", "ns", "ans", "ians",
                   "eans")
# Generic words a place name is written with or without: "River Ellow" or "Ellow", "Halden
# Province" or "Halden". Words that make a different place of a name ("Port", "Bay", "New",
# "City") are not among them.
GENERIC_PLACE_BEFORE = frozenset("river lake mount mt".split())
GENERIC_PLACE_AFTER = frozenset("province county region district oblast prefecture "
                                "governorate river".split())
# Honorifics and titles that tell a person's gender.
GENDERED_WORDS = {
    **dict.fromkeys("ms mrs miss madam dame lady spokeswoman chairwoman congresswoman "
                    "businesswoman councilwoman policewoman sportswoman".split(), "F"),
    **dict.fromkeys("mr sir lord spokesman chairman congressman businessman councilman "
                    "policeman sportsman".split(), "M"),
}
# Kin a person is named as, right before the name ("his sister Klara Reinholt").
KIN_GENDER = {
    **dict.fromkeys("sister wife daughter mother widow aunt niece grandmother girlfriend "
                    "granddaughter stepmother stepdaughter".split(), "F"),
    **dict.fromkeys("brother husband son father widower uncle nephew grandfather boyfriend "
                    "grandson stepfather stepson".split(), "M"),
}
PRONOUN_GENDER = {**dict.fromkeys("she her hers herself".split(), "F"),
                  **dict.fromkeys("he him his himself".split(), "M")}
_WORDS = re.compile(r"[A-Za-z]+")
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')
_SENTENCE_END = re.compile(r"[.!?][\"'”’]?(?=\s|$)")
_DEFINITION = re.compile(r"\s*\(\s*([A-Z](?:\.?[A-Z&]){1,8}\.?)\s*\)")
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")


class MentionLike(Protocol):
    """What `recognise` returns and `story_entities` reads: offsets, form and kind."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def form(self) -> str: ...
    @property
    def kind(self) -> str: ...


@dataclass
class _Form:
    """One distinct form of a story with its mentions and what is known about it."""

    form: str
    mentions: list[Mention] = field(default_factory=list)
    kind: str = ORG
    words: list[str] = field(default_factory=list)
    person: PersonName | None = None
    possessive: bool = False
    named_for: str = ""  # the key of the longer name it shortens ("Tamberg Brewery")


def story_entities(articles: Sequence[tuple[str, str]],
                   mentions: Sequence[Iterable[MentionLike]] | None = None) -> list[Entity]:
    """The people, organisations and places of one story, their variants merged.

    `articles` are (article id, cleaned text) pairs; `mentions` the names found in each
    article (by `recognise_many`, which runs when they are not given). Entities come most
    mentioned first; each keeps every form with the articles that used it.
    """
    if mentions is None:
        mentions = recognise_many([text for _, text in articles])
    mentions = [list(m) for m in mentions]
    surnames = full_name_surnames(m for article_mentions in mentions for m in article_mentions)
    names = known_full_names(m for article_mentions in mentions for m in article_mentions)
    named = known_names_of_bodies(m for article_mentions in mentions for m in article_mentions)
    bodies = known_bodies(named)
    acronyms = known_acronyms(m for article_mentions in mentions for m in article_mentions)
    mentions = [with_names_partly_in_lower_case(text, with_known_acronyms(
                    text, with_described_bodies(
                        text, with_titled_surnames(
                            text, with_known_names(text, article_mentions, names), surnames),
                        bodies), acronyms), named)
                for (_, text), article_mentions in zip(articles, mentions, strict=True)]
    texts = dict(articles)
    found = [Mention(article_id, m.start, m.end, m.form, m.kind)
             for (article_id, _), article_mentions in zip(articles, mentions, strict=True)
             for m in article_mentions]
    return merge_mentions(found, texts)


def merge_mentions(mentions: Iterable[Mention], texts: dict[str, str]) -> list[Entity]:
    """Merge a story's mentions (see the module's docstring); `texts` maps article ids, in
    story order, to their text, used to see possessives and acronyms defined in brackets.
    The entities hold copies of the mentions with the entity's kind."""
    forms = _distinct_forms(mentions, texts)
    _settle_kinds(forms)
    _organisations_taken_for_people(forms)
    forms = _drop_demonyms(forms)
    groups = _UnionFind(len(forms))
    dropped = _merge_people(forms, groups, texts)
    _merge_bodies(forms, groups, texts)
    by_key = {key_of(f.words): i for i, f in enumerate(forms)}
    for i, form in enumerate(forms):
        if form.named_for and form.named_for in by_key:
            groups.union(i, by_key[form.named_for])
    clusters: dict[int, list[_Form]] = defaultdict(list)
    for i, form in enumerate(forms):
        if i not in dropped:
            clusters[groups.find(i)].append(form)
    order = {article_id: n for n, article_id in enumerate(texts)}
    entities = [_entity(members, order) for members in clusters.values()]
    entities.sort(key=lambda e: (-len(e.mentions), e.kind, e.name))
    return entities


# --- forms and kinds ------------------------------------------------------------------------

def _distinct_forms(mentions: Iterable[Mention], texts: dict[str, str]) -> list[_Form]:
    by_form: dict[str, _Form] = {}
    for mention in mentions:
        entry = by_form.setdefault(mention.form, _Form(mention.form))
        entry.mentions.append(mention)
        text = texts.get(mention.article, "")
        if _POSSESSIVE_AFTER.match(text, mention.end):
            entry.possessive = True
    for entry in by_form.values():
        entry.words = words_of(entry.form)
        votes = Counter(m.kind for m in entry.mentions)
        entry.kind = max(votes, key=lambda kind: (votes[kind], KIND_PREFERENCE[kind]))
        entry.person = person_name(entry.form)
    return [f for f in by_form.values() if f.words]


def _vote_key(form: _Form) -> str:
    if form.kind == PERSON and form.person is not None:
        return key_of(form.person.words)
    return key_of(form.words)


def _settle_kinds(forms: list[_Form]) -> None:
    """One kind for all forms with one skeleton; place aliases are places; a possessive
    one-word organisation or place that is a person's surname is that person; a name of
    several words written elsewhere as one word is no person's."""
    for form in forms:
        if form.kind == PERSON and len(form.words) > 1 and key_of(form.words[:1]) == "st":
            form.kind, form.person = PLACE, None  # "St. Ebba": a town, not the saint
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for form in forms:
        votes[_vote_key(form)][form.kind] += len(form.mentions)
    for form in forms:
        count = votes[_vote_key(form)]
        form.kind = max(count, key=lambda kind: (count[kind], KIND_PREFERENCE[kind]))
        if place_alias(form.words):
            form.kind = PLACE
        if (form.kind != PERSON and len(form.words) > 1 and form.person is not None
                and fold(form.words[0]).rstrip(".") in HONORIFICS):
            form.kind = PERSON       # "Ms Anholt" labelled ORG or PLACE
        if form.kind == PERSON and acronym_letters(form.form) is not None:
            form.kind, form.person = ORG, None  # "S.C.P.A." labelled a person
    # A person's name is not written as one word: "Cinder Moth", labelled a person beside
    # the organisation "Cindermoth", is that organisation.
    single = {skeleton(f.words[0]): f.kind for f in forms
              if len(f.words) == 1 and f.kind != PERSON}
    for form in forms:
        joined = skeleton("".join(form.words))
        if form.kind == PERSON and len(form.words) > 1 and joined in single:
            form.kind = single[joined]
    # A given name and a surname the story writes after "Mr" or "Ms" are a person's:
    # "Nikola Sarbu", labelled an organisation, beside "Mr Sarbu".
    honoured = {skeleton(f.person.surname_key) for f in forms
                if f.kind == PERSON and f.person is not None and len(f.words) == 2
                and fold(f.words[0]).rstrip(".") in GENDERED_WORDS}
    for form in forms:
        if (form.kind == ORG and len(form.words) == 2 and form.person is not None
                and form.person.full and skeleton(form.person.surname_key) in honoured
                and not {fold(w) for w in form.words} & ORGANISATION_WORDS):
            form.kind = PERSON
    full_people = [f.person for f in forms
                   if f.kind == PERSON and f.person is not None and f.person.full]
    surnames = {skeleton(p.surname_key) for p in full_people}
    for form in forms:
        if (form.kind != PERSON and form.possessive and len(form.words) == 1
                and skeleton(form.words[0]) in surnames):
            form.kind = PERSON
            form.person = person_name(form.words[0])
    _settle_place_names(forms, full_people)


def _generic_place_name(words: list[str]) -> str | None:
    """The key of the name a place is written with a generic word around ("River Ellow",
    "Halden Province" give the keys of "Ellow", "Halden"), or None."""
    if len(words) < 2:
        return None
    if fold(words[0]).rstrip(".") in GENERIC_PLACE_BEFORE:
        return key_of(words[1:]) or None
    if fold(words[-1]) in GENERIC_PLACE_AFTER:
        return key_of(words[:-1]) or None
    return None


def _settle_place_names(forms: list[_Form], full_people: list[PersonName]) -> None:
    """A name with a generic place word ("River Ellow", "Carrick Province") is a place, and
    so is its bare name ("Ellow", "Carrick") when exactly one such place has it; a one-word
    name labelled a person that is nobody's name in the story and a spelling of a one-word
    place ("Zelenka" beside "Selenka") is that place."""
    generic: dict[str, set[str]] = defaultdict(set)
    for form in forms:
        name = _generic_place_name(form.words)
        if name is not None and form.kind != PERSON:
            form.kind = PLACE
            generic[name].add(key_of(form.words))

    def someones_name(word: str) -> bool:
        return any(same_word(p.surname_key, word, "surname")
                   or any(same_word(g, word, "given") for g in p.given) for p in full_people)

    for form in forms:
        if (form.kind != PLACE and len(generic.get(key_of(form.words), ())) == 1
                and not someones_name(form.words[-1])):
            form.kind = PLACE
    places = [f.words[0] for f in forms if f.kind == PLACE and len(f.words) == 1]
    for form in forms:
        if (form.kind == PERSON and len(form.words) == 1 and not someones_name(form.words[0])
                and any(same_word(form.words[0], place, "place") for place in places)):
            form.kind = PLACE


def _drop_demonyms(forms: list[_Form]) -> list[_Form]:
    """Without the one-word organisations and places that are the adjective or people of a
    place in the story ("Iranian" beside "Iran", "Iraqis" beside "Iraq")."""
    stems: dict[str, set[str]] = defaultdict(set)      # stem -> the places it comes from
    for form in forms:
        if form.kind == PLACE and len(form.words) == 1:
            name = fold(form.words[0])
            for stem in (name, name[:-1]) if name[-1:] in "aeiouy" else (name,):
                if len(stem) >= 3:
                    stems[stem].add(name)

    def is_demonym(form: _Form) -> bool:
        if form.kind == PERSON or len(form.words) != 1 or acronym_letters(form.form):
            return False
        word = fold(form.words[0])
        return any(word.endswith(ending) and stems.get(word[:-len(ending)], set()) - {word}
                   for ending in DEMONYM_ENDINGS)

    return [form for form in forms if not is_demonym(form)]


# --- people ---------------------------------------------------------------------------------

def _merge_people(forms: list[_Form], groups: _UnionFind, texts: dict[str, str]) -> set[int]:
    """Union the forms that name one person; return the forms to drop (no name left, or a
    surname or initial shared by more than one person)."""
    people = _People(forms, groups, texts)
    people.merge_full_names()
    people.correct_labels()
    people.attach_initialled()
    people.attach_single_words()
    return people.dropped


_TITLE_HONORIFICS = frozenset({"dr", "prof"})


def _one_person(a: PersonName, b: PersonName) -> bool:
    """Two full names of one person: one surname, compatible given names."""
    return same_word(a.surname_key, b.surname_key, "surname") and same_given_names(a, b)


class _People:
    """The person forms of a story, sorted by what they hold, merged step by step."""

    def __init__(self, forms: list[_Form], groups: _UnionFind, texts: dict[str, str]) -> None:
        self.forms, self.groups, self.texts = forms, groups, texts
        self.genders: dict[int, str | None] | None = None
        self.dropped: set[int] = set()
        self.complete: list[int] = []       # "John Kirby"
        self.initialled: list[int] = []     # "J. Kirby"
        self.single: list[int] = []         # "Kirby", "Mr Kirby"
        self.by_surname: _Index | None = None
        self.by_given: dict[str, list[int]] | None = None
        for i, form in enumerate(forms):
            if form.kind != PERSON:
                continue
            if form.person is None:
                self.dropped.add(i)
            elif not form.person.full:
                self.single.append(i)
            elif form.person.initial_only:
                self.initialled.append(i)
            else:
                self.complete.append(i)

    def name(self, i: int) -> PersonName:
        """The person name of form `i`."""
        name = self.forms[i].person
        assert name is not None
        return name

    def matching(self, surname: str, test: Callable[[PersonName], bool]) -> set[int]:
        """The groups of full names with a surname spelled near `surname` for which `test`
        holds."""
        if self.by_surname is None:
            self.by_surname = _Index(self.complete, lambda k: [self.name(k).surname_key])
        near = self.by_surname.near([surname])
        return {self.groups.find(k) for k in near if test(self.name(k))}

    def with_given_name(self, word: str) -> set[int]:
        """The groups of full names whose first given name is `word`."""
        if self.by_given is None:
            self.by_given = defaultdict(list)
            for k in self.complete:
                self.by_given[skeleton(self.name(k).given[0])].append(k)
        return {self.groups.find(k) for k in self.by_given.get(skeleton(word), ())}

    def _candidates(self, i: int) -> set[int]:
        """The people a single-word form may name (see `attach_single_words`)."""
        word = self.name(i).surname_key
        matches = self.matching(word, lambda p, w=word: same_word(p.surname_key, w, "surname"))
        if not matches:
            initialled = {self.groups.find(k) for k in self.initialled
                          if k not in self.dropped
                          and same_word(self.name(k).surname_key, word, "surname")}
            matches = initialled if len(initialled) == 1 else set()
        return matches or self.with_given_name(word)

    def of_title(self, groups: set[int], form: _Form) -> set[int]:
        """The one group of `groups` written with the title `form` has ("Mayor Kell": the
        person named "Mayor Marta Kell"); else all of `groups`."""
        # "Dr" and "Prof" tell a person apart as titles do; "Mr" and "Ms" tell a gender.
        titles = {fold(w).rstrip(".") for w in form.words[:-1]} - set(GENDERED_WORDS) \
            - (HONORIFICS - _TITLE_HONORIFICS)
        if not titles:
            return groups
        titled = set()
        for k in self.complete:
            group = self.groups.find(k)
            if group not in groups:
                continue
            for mention in self.forms[k].mentions:
                text = self.texts.get(mention.article, "")
                before = _WORDS.findall(text[max(0, mention.start - 40):mention.start])[-3:]
                if titles & {fold(w).rstrip(".") for w in [*before, *self.forms[k].words]}:
                    titled.add(group)
        return titled if len(titled) == 1 else groups

    def of_gender(self, groups: set[int], gender: str | None) -> set[int]:
        """The one group of `groups` that may be of `gender` (all others are known to be of
        the other), else all of `groups` (a bare surname stays ambiguous). Genders come from
        the full names' titles, pronouns and given names (see `given_name_gender`), and
        from honorifics already attached."""
        if gender is None:
            return groups
        if self.genders is None:
            votes: dict[int, Counter[str]] = defaultdict(Counter)
            for k in self.complete + self.initialled:
                votes[self.groups.find(k)].update(
                    _gender_evidence(self.forms[k], self.texts))
            for k in self.complete:         # "Dorota Brandovan" is a woman's name
                told = given_name_gender(self.name(k).given[0])
                if told:
                    votes[self.groups.find(k)][told] += 1
            named = {self.groups.find(k) for k in self.complete + self.initialled}
            for k in self.single:           # "Ms Kell", once it is known to be Marta Kell
                group = self.groups.find(k)
                if group in named and _honorific_gender(self.forms[k].words):
                    votes[group][_honorific_gender(self.forms[k].words) or ""] += 1
            # Most signs, not all, must agree: a pronoun after a name may be someone
            # else's ("Katja Orrin, his lawyer, said he would appeal").
            self.genders = {group: _majority(count) for group, count in votes.items()}
        known = {group: self.genders.get(group) for group in groups}
        # Who is not known to be of the other gender may be the one meant.
        fitting = {group for group, g in known.items() if g in (gender, None)}
        return fitting if len(fitting) == 1 else groups

    def merge_full_names(self) -> None:
        """Union full names of one person."""
        for i, j in _candidate_pairs(self.complete, lambda k: [self.name(k).surname_key]):
            if _one_person(self.name(i), self.name(j)):
                self.groups.union(i, j)

    def correct_labels(self) -> None:
        """An organisation label on exactly one person's surname ("Rovel told reporters"),
        an organisation or place label on a full name that is one known person."""
        for i, form in enumerate(self.forms):
            if form.kind == PERSON or form.person is None:
                continue
            name = form.person
            if len(form.words) == 1 and form.kind == ORG and not acronym_letters(form.form):
                word = skeleton(form.words[0])
                matches = self.matching(word, lambda p, w=word: skeleton(p.surname_key) == w)
            elif len(form.words) > 1 and name.full and not name.initial_only:
                matches = self.matching(name.surname_key,
                                        lambda p, name=name: _one_person(p, name))
            else:
                continue
            if len(matches) == 1:
                form.kind, form.person = PERSON, person_name(" ".join(form.words))
                self.groups.union(i, matches.pop())

    def attach_initialled(self) -> None:
        """"J. Kirby" joins the one full name it fits; it is dropped when it fits more, and
        initialled forms of nobody known merge among themselves."""
        for i in self.initialled:
            initialled = self.name(i)
            matches = self.matching(initialled.surname_key,
                                    lambda p, name=initialled: _one_person(p, name))
            if len(matches) == 1:
                self.groups.union(i, matches.pop())
            elif matches:
                self.dropped.add(i)
        loose = [i for i in self.initialled
                 if i not in self.dropped and self.groups.find(i) == i]
        for i, j in _candidate_pairs(loose, lambda k: [self.name(k).surname_key]):
            if _one_person(self.name(i), self.name(j)):
                self.groups.union(i, j)

    def attach_single_words(self) -> None:
        """"Kirby" joins the one person with that surname (a full name, else an initialled
        one), or else the one person with that given name; it is dropped when it fits more
        than one person, and stays on its own, merged with its spellings, when it fits none.

        Between namesakes, a title settles it ("Mayor Kell" is the Kell written "Mayor
        Marta Kell"), and so does an honorific when the other namesakes are known to be of
        the other gender; what one round settles ("Ms Kell" is Marta) may settle another
        form in the next ("Mr Kell" is then the other Kell)."""
        leftover, pending = [], list(self.single)
        while pending:
            ambiguous = []
            for i in pending:
                matches = self._candidates(i)
                if len(matches) > 1:
                    matches = self.of_title(matches, self.forms[i])
                if len(matches) > 1:
                    matches = self.of_gender(matches, _honorific_gender(self.forms[i].words))
                if len(matches) == 1:
                    self.groups.union(i, matches.pop())
                elif matches:
                    ambiguous.append(i)
                else:
                    leftover.append(i)
            if len(ambiguous) == len(pending):
                self.dropped.update(ambiguous)
                break
            pending, self.genders = ambiguous, None     # genders learnt from the new members
        for i, j in _candidate_pairs(leftover, lambda k: [self.name(k).surname_key]):
            if same_word(self.name(i).surname_key, self.name(j).surname_key, "surname"):
                self.groups.union(i, j)


def _majority(signs: Counter[str]) -> str | None:
    """The gender more than half the signs show, if any."""
    if not signs:
        return None
    gender, count = signs.most_common(1)[0]
    return gender if 2 * count > sum(signs.values()) else None


def _honorific_gender(words: list[str]) -> str | None:
    """"F" for a form starting with Ms, Mrs or Miss, "M" for Mr, else None."""
    return GENDERED_WORDS.get(fold(words[0]).rstrip(".")) if len(words) > 1 else None


def _sentence_start(text: str, at: int, reach: int = 40) -> int:
    """Where the sentence holding `at` starts, looked for at most `reach` characters back
    (a full stop after "Mr" or "Dr" ends none)."""
    begin = max(0, at - reach)
    for stop in TERMINAL.finditer(text, begin, at):
        if ends_sentence(text, stop.start()):
            begin = stop.end()
    return max(begin, text.rfind("\n", begin, at) + 1)


def _gender_evidence(form: _Form, texts: dict[str, str]) -> Counter[str]:
    """Signs of a full-name person's gender, one per mention that shows one: a gendered
    title, honorific or word of kin in the form or in the three words of its sentence before
    it ("spokeswoman Lena Dravic", "Ms Lena Dravic", "his sister Klara Reinholt"), or else
    only she/her or only he/his pronouns in the rest of the sentence naming the person and
    the next one, quotations left out (a quoted "she" is
    someone the person speaks of)."""
    signs: Counter[str] = Counter()
    name_words = len(form.person.words) if form.person is not None else 0
    own_titles = [fold(w).rstrip(".") for w in form.words[:len(form.words) - name_words]]
    for mention in form.mentions:
        text = texts.get(mention.article, "")
        # Only the words of its own sentence: not "Ms Kell said. Emil Kell ...".
        window = text[_sentence_start(text, mention.start):mention.start]
        before = [fold(w) for w in _WORDS.findall(window)[-3:]]
        titles = {GENDERED_WORDS.get(w) for w in [*own_titles, *before]}
        # "his sister Klara Reinholt", "Mr Rusu's wife, Mirela Rusu"; not "the mother of".
        titles |= {KIN_GENDER.get(w) for n, w in enumerate(before)
                   if not set(before[n + 1:]) & {"of", "to"}}
        titles.discard(None)
        if len(titles) == 1:
            signs[titles.pop() or ""] += 1
            continue
        if any(w in KIN_GENDER and before[n + 1:n + 2] == ["of"]
               for n, w in enumerate(before)):
            continue    # "the wife of Stefan Rusu, at her flat": the pronouns are hers
        stop = _SENTENCE_END.search(text, mention.end)
        following = _SENTENCE_END.search(text, stop.end()) if stop else None
        after = _QUOTED.sub(" ", text[mention.end:following.end() if following else None])
        if form.person is not None:
            # Pronouns after the surname is named again are of whoever it names then ("...
            # Mr Rusu's wife, Mirela Rusu, at her flat").
            after = after.split(form.person.surname, 1)[0]
        pronouns = {PRONOUN_GENDER[w] for w in _WORDS.findall(after.lower())
                    if w in PRONOUN_GENDER}
        if len(pronouns) == 1:
            signs[pronouns.pop()] += 1
    return signs


# --- organisations and places ---------------------------------------------------------------

def _merge_bodies(forms: list[_Form], groups: _UnionFind, texts: dict[str, str]) -> None:
    """Union the organisation and place forms that name one thing."""
    bodies = [i for i, f in enumerate(forms) if f.kind != PERSON]
    acronyms: dict[str, list[int]] = defaultdict(list)
    named: list[int] = []
    by_alias: dict[str, int] = {}
    by_key: dict[str, int] = {}
    by_joined: dict[tuple[str, str], int] = {}
    for i in bodies:
        form = forms[i]
        alias = place_alias(form.words)
        if alias is not None:
            groups.union(i, by_alias.setdefault(alias, i))
        groups.union(i, by_key.setdefault(key_of(form.words), i))
        # A name written as one word or as two ("Cindermoth" / "Cinder Moth").
        groups.union(i, by_joined.setdefault((form.kind, skeleton("".join(form.words))), i))
        letters = acronym_letters(form.form)
        if letters is not None and alias is None:
            acronyms[letters].append(i)
        elif letters is None:
            named.append(i)

    for i, j in _candidate_pairs(named, lambda k: [forms[k].words[0], "".join(forms[k].words)]):
        a, b = forms[i], forms[j]
        role = "place" if PLACE in (a.kind, b.kind) else "body"
        if same_words(a.words, b.words, role):
            groups.union(i, j)
    by_content: dict[tuple[str, ...], int] = {}
    for i in named:
        content = _content_words(forms[i].words)
        if len(content) >= 2:
            groups.union(i, by_content.setdefault(content, i))
    _merge_shortened(forms, groups, named)
    _merge_generic_places(forms, groups, named)
    _merge_prefixes(forms, groups, named)
    _merge_head_nouns(forms, groups, named, texts)

    defined = _defined_acronyms(forms, named, texts)
    for letters, members in acronyms.items():
        for other in members[1:]:
            groups.union(members[0], other)
        targets = {groups.find(k) for k in defined.get(letters, ())}
        if not targets:
            targets = {groups.find(k) for k in named if initials(forms[k].words) == letters}
        if len(targets) == 1:
            groups.union(members[0], targets.pop())


def _content_words(words: list[str]) -> tuple[str, ...]:
    """A name's words without "of", "the", "for" ..., in a fixed order: "Directorate for
    Maritime Safety" and "Maritime Safety Directorate" have the same."""
    return tuple(sorted(skeleton(w) for w in words if fold(w) not in ACRONYM_SKIPS))


def _merge_shortened(forms: list[_Form], groups: _UnionFind, named: list[int]) -> None:
    """An organisation of two or more words joins the one longer organisation whose name
    ends with it: "Coastal Lines" is "Tessel Coastal Lines", "National Security Council" is
    "US National Security Council"; with two such longer names it joins neither."""
    organisations = [i for i in named if forms[i].kind == ORG]
    endings: dict[str, list[int]] = defaultdict(list)
    for i in organisations:
        words = forms[i].words
        for cut in range(1, len(words) - 1):
            endings[key_of(words[cut:])].append(i)
    for i in organisations:
        if len(forms[i].words) < 2:
            continue
        longer = {groups.find(k) for k in endings.get(key_of(forms[i].words), ())}
        longer.discard(groups.find(i))
        if len(longer) == 1:
            groups.union(i, longer.pop())


def _merge_prefixes(forms: list[_Form], groups: _UnionFind, named: list[int]) -> None:
    """A name of two or more words joins the one longer name of its kind that starts with
    it ("St Aurelia" is "St. Aurelia Regional Hospital"; dots do not count); with two such
    longer names it joins neither. A place and an organisation named after it ("Tessel",
    "Tessel Times") differ in kind and stay apart."""
    starts: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in named:
        words = forms[i].words
        for cut in range(1 if forms[i].kind == ORG else 2, len(words)):
            if fold(words[cut - 1]) not in ACRONYM_SKIPS:
                starts[(forms[i].kind, key_of(words[:cut]))].append(i)
    for i in named:
        if len(forms[i].words) < 2:
            _merge_first_word(forms, groups, i, starts)
            continue
        longer = {groups.find(k)
                  for k in starts.get((forms[i].kind, key_of(forms[i].words)), ())}
        longer.discard(groups.find(i))
        if len(longer) == 1:
            groups.union(i, longer.pop())


def _merge_first_word(forms: list[_Form], groups: _UnionFind, i: int,
                      starts: dict[tuple[str, str], list[int]]) -> None:
    """A one-word organisation joins the one longer organisation its word starts: "Telmark"
    is "Telmark Group"; not a word also found naming a place, which an organisation may be
    named after ("Odrava", "Odrava State Penitentiary")."""
    if forms[i].kind != ORG or any(m.kind == PLACE for m in forms[i].mentions):
        return
    longer = {groups.find(k) for k in starts.get((ORG, key_of(forms[i].words)), ())}
    longer.discard(groups.find(i))
    if len(longer) == 1:
        groups.union(i, longer.pop())


def _organisations_taken_for_people(forms: list[_Form]) -> None:
    """A word the recogniser took for a person that starts the name of one organisation of
    the story, and that no person of the story has as surname, names that organisation:
    "Vantor said" beside "Vantor Fertilisers", and names the building named for an
    organisation ("Tamberg" beside "Tamberg Brewery")."""
    surnames = {fold(f.words[-1]) for f in forms if f.kind == PERSON and len(f.words) > 1}
    first_words: dict[str, set[str]] = defaultdict(set)
    buildings: dict[str, set[str]] = defaultdict(set)
    # Words that name a region too ("Kestrey Province"), which a body may be named for.
    regions = {fold(f.words[0]) for f in forms
               if len(f.words) > 1 and fold(f.words[-1]) in GENERIC_PLACE_AFTER}
    for form in forms:
        if form.kind == ORG and len(form.words) > 1:
            first_words[fold(form.words[0])].add(key_of(form.words))
        elif form.kind == PLACE and len(form.words) > 1 \
                and fold(form.words[-1]) in ORGANISATION_WORDS:
            buildings[fold(form.words[0])].add(key_of(form.words))
    for form in forms:
        if form.kind != PERSON or len(form.words) != 1 or fold(form.words[0]) in surnames:
            continue
        word = fold(form.words[0])
        if len(first_words.get(word, ())) == 1:
            form.kind, form.person = ORG, None
        elif not first_words.get(word) and len(buildings.get(word, ())) == 1 \
                and word not in regions:
            # "Tamberg has said it will pay" beside "Tamberg Brewery", labelled a building
            form.kind, form.person = ORG, None
            form.named_for = next(iter(buildings[word]))


def _merge_head_nouns(forms: list[_Form], groups: _UnionFind, named: list[int],
                      texts: dict[str, str]) -> None:
    """An organisation named by its head noun alone with "the" ("the Inspectorate") joins
    the one organisation of several words ending with that noun ("Railway Safety
    Inspectorate"); with two ("the Ministry" beside two ministries) it joins neither."""
    heads: dict[str, set[int]] = defaultdict(set)
    for i in named:
        if forms[i].kind == ORG and len(forms[i].words) > 1:
            heads[skeleton(forms[i].words[-1])].add(i)
    for i in named:
        form = forms[i]
        if form.kind != ORG or len(form.words) != 1 or not any(
                _THE_BEFORE.search(texts.get(m.article, "")[max(0, m.start - 5):m.start])
                for m in form.mentions):
            continue
        longer = {groups.find(k) for k in heads.get(skeleton(form.words[0]), ())}
        if len(longer) == 1:
            groups.union(i, longer.pop())


def _merge_generic_places(forms: list[_Form], groups: _UnionFind, named: list[int]) -> None:
    """A bare place name joins the one place written with it and a generic word: "Ellow"
    is "River Ellow", "Halden" is "Halden Province"; with two such places it joins neither."""
    generic: dict[str, set[int]] = defaultdict(set)
    for i in named:
        name = _generic_place_name(forms[i].words)
        if name is not None and forms[i].kind == PLACE:
            generic[name].add(i)
    for i in named:
        form = forms[i]
        if form.kind != PLACE or _generic_place_name(form.words) is not None:
            continue
        places = {groups.find(k) for k in generic.get(key_of(form.words), ())}
        if len(places) == 1:
            groups.union(i, places.pop())


def _defined_acronyms(forms: list[_Form], named: list[int],
                      texts: dict[str, str]) -> dict[str, set[int]]:
    """Acronyms the articles define in brackets after a long name, with the forms defining
    them: "the International Atomic Energy Agency (IAEA)"."""
    defined: dict[str, set[int]] = defaultdict(set)
    for i in named:
        for mention in forms[i].mentions:
            match = _DEFINITION.match(texts.get(mention.article, ""), mention.end)
            if match:
                defined[match.group(1).replace(".", "")].add(i)
    return defined


# --- entities -------------------------------------------------------------------------------

def _entity(members: list[_Form], order: dict[str, int]) -> Entity:
    # The small model labels acronyms least reliably: the long names decide when there are.
    spelled_out = [f for f in members if acronym_letters(f.form) is None] or members
    weights: Counter[str] = Counter()
    for form in spelled_out:
        weights[form.kind] += len(form.mentions)
    kind = max(weights, key=lambda k: (weights[k], KIND_PREFERENCE[k]))
    mentions = sorted((replace(m, kind=kind) for f in members for m in f.mentions),
                      key=lambda m: (order.get(m.article, len(order)), m.article, m.start))
    used = [(f.form, sorted({m.article for m in f.mentions})) for f in members]
    used.sort(key=lambda item: (-len(item[1]), item[0]))
    variants = dict(used)
    return Entity(name=_canonical_name(members, kind), kind=kind, variants=variants,
                  mentions=mentions)


def _canonical_name(members: list[_Form], kind: str) -> str:
    """The fullest name (most words, not counting "of", "the" ...), then the one most
    articles used, then the most mentioned, then not in capitals, then the longest."""
    articles: dict[str, set[str]] = defaultdict(set)
    mentions: Counter[str] = Counter()
    for form in members:
        words = form.person.words if kind == PERSON and form.person is not None else form.words
        name = " ".join(words)
        articles[name].update(m.article for m in form.mentions)
        mentions[name] += len(form.mentions)

    def rank(name: str) -> tuple:
        shouted = name.isupper() and len(name.replace(".", "")) > 6
        fullness = len([w for w in name.split() if fold(w) not in ACRONYM_SKIPS])
        return (fullness, len(articles[name]), mentions[name], not shouted, len(name), name)

    return max(mentions, key=rank)


# --- plumbing -------------------------------------------------------------------------------

def _block_keys(words: Iterable[str]) -> set[tuple[str, str, int]]:
    """Keys under which two words that `same_word` could accept always meet: equal
    consonants (skeletons equal, or differing in vowels), the same first letter and
    lengths at most one apart (one edit), or all but the first letter equal (h/g, s/z)."""
    keys = set()
    for word in words:
        skel = skeleton(word)
        if skel:
            keys.add(("consonants", re.sub("[aeiou]", "", skel), 0))
            keys.add(("first", skel[0], len(skel)))
            keys.add(("first", skel[0], len(skel) + 1))
            keys.add(("tail", skel[1:], 0))
    return keys


class _Index:
    """Items found by the words they could be a spelling of (see `_block_keys`)."""

    def __init__(self, items: Iterable[int], words_of: Callable[[int], list[str]]) -> None:
        self.blocks: dict[tuple[str, str, int], list[int]] = defaultdict(list)
        for i in items:
            for key in _block_keys(words_of(i)):
                self.blocks[key].append(i)

    def near(self, words: list[str]) -> set[int]:
        """The items that share a key with `words`."""
        return {i for key in _block_keys(words) for i in self.blocks.get(key, ())}


def _candidate_pairs(items: list[int],
                     words_of: Callable[[int], list[str]]) -> Iterable[tuple[int, int]]:
    """The pairs of items that could be one spelling, so that no story compares every pair."""
    index = _Index(items, words_of)
    seen = set()
    for block in index.blocks.values():
        for x, i in enumerate(block):
            for j in block[x + 1:]:
                pair = (i, j) if i < j else (j, i)
                if pair not in seen:
                    seen.add(pair)
                    yield pair


class _UnionFind:
    """Disjoint sets over 0..n-1."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        """The representative of `i`'s set."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        """Join the sets of `i` and `j`."""
        root_i, root_j = self.find(i), self.find(j)
        if root_i != root_j:
            self.parent[max(root_i, root_j)] = min(root_i, root_j)
