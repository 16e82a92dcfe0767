"""Who is speaking: one entity per person or organisation within an article.

An article names a person fully once ("John Kirby, a spokesman for the National Security
Council") and then shortly ("Mr. Kirby", "Kirby", "he", "the spokesman"). `Cast` keeps the
people and organisations an article has named, in order, with the descriptions attached to
them, and resolves a later mention to the full name it refers to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Honorifics and titles dropped when comparing names ("Mr. Kirby" is "Kirby").
TITLES = set("""
mr mrs ms miss mx dr prof sir dame lord lady rev fr sen senator rep representative gov governor
president vice secretary minister gen general lt col sgt capt adm cmdr judge justice mayor
chairman chairwoman chair speaker ambassador prince princess king queen sheikh pope
former acting deputy chief premier prime attorney state us u.s. sec
""".split())
PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "they": None, "i": None,
            "we": None, "it": None}
# Nouns that describe an organisation rather than a person ("the ministry said").
ORGANISATION_NOUNS = set("""
ministry department agency office government administration campaign committee council
company firm group party police army military navy ministry commission court union
organisation organization authority authorities bank board bureau service spokesperson's
embassy team newspaper paper outlet network channel site website magazine agency institute
center centre foundation coalition alliance kremlin pentagon
""".split())
_WORD = re.compile(r"[\w’'.-]+")
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")


def name_words(text: str) -> list[str]:
    """The words of a name with titles and possessive endings dropped, lower-cased."""
    words = [_POSSESSIVE.sub("", w).strip(".").lower() for w in _WORD.findall(text)]
    return [w for w in words if w and w not in TITLES]


def clean_name(text: str) -> str:
    """A name as displayed: titles at the front and possessive endings removed."""
    words = _WORD.findall(text)
    while words and words[0].strip(".").lower() in TITLES:
        words = words[1:]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    return " ".join(words).strip(" ,.")


@dataclass
class Person:
    """One person or organisation named in the article."""

    name: str
    kind: str                                   # "PERSON" or "ORG"
    first_seen: int
    mentions: list[int] = field(default_factory=list)
    descriptions: set[str] = field(default_factory=set)

    def last_before(self, position: int) -> int:
        """Where this entity was last named before `position` (-1 if not yet)."""
        return max((m for m in self.mentions if m <= position), default=-1)

    @property
    def key(self) -> str:
        words = name_words(self.name)
        return words[-1] if words else self.name.lower()


@dataclass
class Cast:
    """The people and organisations of one article, in the order they are named."""

    people: list[Person] = field(default_factory=list)
    last_speaker: Person | None = None

    def _find(self, name: str, kind: str) -> Person | None:
        words = name_words(name)
        if not words:
            return None
        for person in reversed(self.people):
            if kind == "PERSON" and person.kind == "PERSON":
                theirs = name_words(person.name)
                # Same surname, and no clash of first names when both have one.
                if theirs and theirs[-1] == words[-1] and (
                        len(words) == 1 or len(theirs) == 1 or theirs[0] == words[0]):
                    return person
            elif person.kind == kind and name_words(person.name) == words:
                return person
        return None

    def add(self, name: str, kind: str, position: int, description: str = "") -> Person | None:
        """Record a mention of a named entity; returns the person it belongs to."""
        name = clean_name(name)
        if not name_words(name):
            return None
        person = self._find(name, kind)
        if person is None:
            person = Person(name, kind, position)
            self.people.append(person)
        else:
            person.first_seen = min(person.first_seen, position)
            if len(name_words(name)) > len(name_words(person.name)):
                person.name = name              # keep the fullest form
        person.mentions.append(position)
        if description:
            person.descriptions.update(name_words(description))
        return person

    def resolve(self, mention: str, position: int, kind: str = "") -> Person | None:
        """The person or organisation a mention refers to, looking back from `position`."""
        words = name_words(mention)
        lowered = mention.strip().lower()
        if lowered in PRONOUNS:
            return self._antecedent(position, organisation=lowered == "it")
        if kind in ("PERSON", "ORG"):
            return self._find(clean_name(mention), kind) or self.add(mention, kind, position)
        if not words:
            return None
        head = words[-1]
        earlier = [p for p in self.people if p.first_seen <= position]
        for person in reversed(earlier):
            if head in person.descriptions:
                return person
        if head in ORGANISATION_NOUNS:
            for person in reversed(earlier):
                if person.kind == "ORG" and head in name_words(person.name):
                    return person
        return None

    def _antecedent(self, position: int, organisation: bool = False) -> Person | None:
        """The last speaker, unless another entity of the kind was named since."""
        wanted = "ORG" if organisation else "PERSON"
        named = [(p.last_before(position), p) for p in self.people if p.kind == wanted]
        named = [(at, p) for at, p in named if at >= 0]
        if not named:
            return None
        latest_at, latest = max(named, key=lambda pair: pair[0])
        speaker = self.last_speaker
        if speaker is not None and speaker.kind == wanted:
            speaker_at = speaker.last_before(position)
            if speaker_at >= 0 and (latest is speaker or latest_at <= speaker_at + 1):
                return speaker
        return latest
