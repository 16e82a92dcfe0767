"""Who is speaking: one entity per person or organisation within an article.

An article names a person fully once ("John Kirby, a spokesman for the National Security
Council") and then shortly ("Mr. Kirby", "Kirby", "he", "the spokesman"). `Cast` keeps the
people and organisations an article has named, in order, with the descriptions attached to
them, and resolves a later mention to the full name it refers to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from storydesk.entities.names import acronym_letters, initials, place_alias

# Honorifics and titles dropped when comparing names ("Mr. Kirby" is "Kirby").
TITLES = set("""
mr mrs ms miss mx dr prof sir dame lord lady rev fr sen senator rep representative gov governor
president vice secretary minister gen general lt col sgt capt adm cmdr judge justice mayor
chairman chairwoman chair speaker ambassador prince princess king queen sheikh pope
former acting deputy chief premier prime attorney state us u.s. sec councillor councilor
councilman councilwoman alderman commissioner inspector superintendent detective officer
professor coach bishop archbishop rabbi imam father sister brother chancellor colonel
major captain lieutenant sergeant admiral commander corporal marshal brigadier
""".split())
MALE_TITLES = {"mr", "sir", "lord", "king", "prince", "father", "brother"}
FEMALE_TITLES = {"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "sister"}
PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "they": None, "i": None,
            "we": None, "it": None}
# Nouns that describe an organisation rather than a person ("the ministry said").
ORGANISATION_NOUNS = set("""
ministry department agency office government administration campaign committee council
company firm group party police army military navy ministry commission court union
organisation organization authority authorities bank board bureau service spokesperson's
embassy team newspaper paper outlet network channel site website magazine agency institute
center centre foundation coalition alliance kremlin pentagon guild association federation
society university college school hospital club league corporation inc ltd trust fund
council ministry parliament assembly senate congress house court tribunal union agency
network press times post news herald journal tribune force forces guard
""".split())
_OCCUPATION_ENDINGS = ("er", "or", "ist")
_NAME_CONNECTORS = {"of", "for", "the", "de", "da", "van", "von", "al", "bin", "and", "on"}
# Words in front of a name that are not a role ("former", "by", "said").
_NOT_ROLES = set("""former acting late then new said told says by with from to as and but
when after before while also both added according""".split())
# How far back (characters) a pronoun still reaches a person known to match it.
RECENT_CHARS = 1500
_WORD = re.compile(r"[\w’'.-]+")
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")


def name_words(text: str) -> list[str]:
    """The words of a name with titles and possessive endings dropped, lower-cased."""
    return list(_name_words(text))


@lru_cache(maxsize=65536)
def _name_words(text: str) -> tuple[str, ...]:
    words = [_POSSESSIVE.sub("", w).strip(".").lower() for w in _WORD.findall(text)]
    return tuple(w for w in words if w and w not in TITLES)


def clean_name(text: str) -> str:
    """A name as displayed: titles at the front and possessive endings removed."""
    words = _WORD.findall(text)
    # Keep the name after a description: "U.S. security council spokesman John Kirby".
    for i in range(len(words) - 1, 0, -1):
        if words[i - 1].islower() and words[i - 1] not in _NAME_CONNECTORS:
            words = words[i:]
            break
    # Drop a description in front: "fire chief Joaquim Sarrell", "Winemaker Lucia Montaner"
    # (an occupation ending in -er, -or, -ist, -ian before a first and last name).
    while len(words) > 1 and words[0].islower():
        words = words[1:]
    if len(words) >= 3 and words[0].lower().endswith(_OCCUPATION_ENDINGS) \
            and words[-1].lower() not in ORGANISATION_NOUNS:
        words = words[1:]
    # Drop a leading title with its qualifiers: "Harbour Minister Ana Pirc" is "Ana Pirc"
    # (an organisation keeps its words: "State Department").
    titles = [i for i, w in enumerate(words[:-1]) if w.strip(".").lower() in TITLES]
    if words and words[-1].lower() in ORGANISATION_NOUNS:
        titles = []
    if titles and all(w[:1].isupper() or w.lower() in ("of", "for", "the")
                      for w in words[:titles[-1]]):
        words = words[titles[-1] + 1:]
    # The recogniser sometimes runs on into a description ("Ivo Brenk events").
    while len(words) > 1 and words[-1].islower():
        words = words[:-1]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    return " ".join(words).strip(" ,.")


def place_name(name: str) -> str | None:
    """The one name of a country written in several ways ("the U.S.", "US", "America" →
    "United States"), or None when `name` is not such a form."""
    key = place_alias(name.split())
    if key is None:
        return None
    return " ".join(w if w in ("of", "the") else w.capitalize() for w in key.split())


def role_word(mention: str, name: str) -> str | None:
    """The role a mention gives in front of a name: "spokesperson" of "US national security
    council spokesperson John Kirby", "president" of "Ukraine's President Volodymyr
    Zelensky"; None when nothing stands before the name."""
    first = name.split()[0] if name.split() else ""
    at = mention.find(first) if first else -1
    if at <= 0:
        return None
    before = [_POSSESSIVE.sub("", w).strip(".,").lower() for w in _WORD.findall(mention[:at])]
    if not before or not before[-1].isalpha() or len(before[-1]) < 3 \
            or before[-1] in _NAME_CONNECTORS or before[-1] in _NOT_ROLES:
        return None
    return before[-1]


@dataclass
class Person:
    """One person or organisation named in the article."""

    name: str
    kind: str                                   # "PERSON" or "ORG"
    first_seen: int
    mentions: list[int] = field(default_factory=list)
    descriptions: set[str] = field(default_factory=set)
    gender: str | None = None                   # "m" or "f" when a title or pronoun told

    def last_before(self, position: int) -> int:
        """Where this entity was last named before `position` (-1 if not yet)."""
        return max((m for m in self.mentions if m <= position), default=-1)

    @property
    def key(self) -> str:
        """The surname (last name word), lower-cased."""
        words = name_words(self.name)
        return words[-1] if words else self.name.lower()


@dataclass
class Cast:
    """The people and organisations of one article, in the order they are named."""

    people: list[Person] = field(default_factory=list)
    speakers: list[tuple[int, Person]] = field(default_factory=list)

    def note_speaker(self, position: int, person: Person) -> None:
        """Record that `person` speaks at `position` (a reporting verb with a named subject)."""
        self.speakers.append((position, person))
        self.speakers.sort(key=lambda pair: pair[0])

    def speaker_before(self, position: int) -> Person | None:
        """The last named speaker before `position`."""
        earlier = [p for at, p in self.speakers if at < position]
        return earlier[-1] if earlier else None

    def _find(self, name: str, kind: str) -> Person | None:
        words = name_words(name)
        if not words:
            return None
        if kind == "PERSON" or len(words) == 1:
            for person in reversed(self.people):
                theirs = name_words(person.name)
                # Same surname, and no clash of first names when both have one.
                if person.kind == "PERSON" and theirs and theirs[-1] == words[-1] and (
                        len(words) == 1 or len(theirs) == 1 or theirs[0] == words[0]):
                    return person
        for person in reversed(self.people):
            if person.kind == kind and name_words(person.name) == words:
                return person
        letters = acronym_letters(name)
        if kind == "ORG" and letters and len(letters) >= 3:
            for person in reversed(self.people):     # "ISW" is the Institute for the Study of War
                if person.kind == "ORG" and len(person.name.split()) >= len(letters) - 1 \
                        and initials(person.name.split()) == letters:
                    return person
        return None

    def add(self, name: str, kind: str, position: int, description: str = "") -> Person | None:
        """Record a mention of a named entity; returns the person it belongs to."""
        raw, name = name, clean_name(name)
        place = place_name(name)
        if place is not None:                   # "the U.S." and "US" are one speaker
            name, kind = place, "ORG"
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
        first = name.split()[0].strip(".").lower() if name.split() else ""
        title = _WORD.findall(raw)[0].strip(".").lower() if _WORD.findall(raw) else ""
        if title in MALE_TITLES or first in MALE_TITLES:
            person.gender = "m"
        elif title in FEMALE_TITLES or first in FEMALE_TITLES:
            person.gender = "f"
        if description:
            person.descriptions.update(name_words(description))
        self.describe(person, raw)
        return person

    def describe(self, person: Person, mention: str) -> None:
        """Remember the role a mention gives in front of a person's name ("spokesperson
        John Kirby"), so that a later "the spokesperson" finds them."""
        role = role_word(mention, clean_name(mention)) if person.kind == "PERSON" else None
        if role is not None and role not in MALE_TITLES | FEMALE_TITLES:
            person.descriptions.add(role)

    def resolve(self, mention: str, position: int, kind: str = "") -> Person | None:
        """The person or organisation a mention refers to, looking back from `position`."""
        words = name_words(mention)
        lowered = mention.strip().lower()
        if lowered in PRONOUNS:
            person = self._antecedent(position, organisation=lowered in ("it", "they"),
                                      gender=PRONOUNS[lowered])
            if person is None and lowered == "they":
                person = self._antecedent(position, gender=None)
            if person is not None and PRONOUNS[lowered] and person.gender is None:
                person.gender = PRONOUNS[lowered]
            return person
        if kind in ("PERSON", "ORG"):
            name = clean_name(mention)
            # A lone surname the recogniser took for an organisation is still the person.
            person = self._find(name, "PERSON") if len(words) == 1 else None
            return person or self._find(name, kind) or self.add(mention, kind, position)
        if not words:
            return None
        head = _POSSESSIVE.sub("", _WORD.findall(mention)[-1]).strip(".").lower()
        if len(words) == 1 and mention.strip()[:1].isupper():
            person = self._find(mention, "PERSON")     # a surname the tagger missed
            if person is not None:
                return person
        earlier = [p for p in self.people if p.first_seen <= position]
        if head in ORGANISATION_NOUNS:      # "the port authority": the authority named
            for person in reversed(earlier):
                if person.kind == "ORG" and head in name_words(person.name):
                    return person
        for person in reversed(earlier):    # "the spokesman", "the fire chief"
            if head in person.descriptions:
                return person
        if head in ORGANISATION_NOUNS:
            # "The Ukrainian air force": an organisation the article names by description.
            described = mention.split()
            while described and described[0].lower() in ("the", "a", "an"):
                described = described[1:]
            if len(described) >= 2 and described[0][:1].isupper():
                person = Person(" ".join(described), "ORG", position, [position])
                self.people.append(person)
                return person
        return None

    def _antecedent(self, position: int, organisation: bool = False,
                    gender: str | None = None) -> Person | None:
        """Who a pronoun at `position` stands for: the last person named as speaking, unless
        someone else of the kind has been named since; "she" skips people known to be men
        and "he" women, and prefers someone known to match when nobody spoke yet."""
        wanted = "ORG" if organisation else "PERSON"

        def fits(p: Person) -> bool:
            return p.kind == wanted and (gender is None or p.gender in (None, gender))

        named = [(p.last_before(position), p) for p in self.people if fits(p)]
        named = [(at, p) for at, p in named if at >= 0]
        if not named:
            return None
        latest_at, latest = max(named, key=lambda pair: pair[0])
        spoke = [(at, p) for at, p in self.speakers if at < position and fits(p)]
        if spoke:
            spoke_at, speaker = spoke[-1]
            # A lone word the parse took for a person ("Russia") does not interrupt.
            if latest is speaker or latest_at <= max(spoke_at, speaker.last_before(position)) \
                    or (len(name_words(latest.name)) < 2 and latest.gender is None):
                return speaker
        if gender:
            known = [(at, p) for at, p in named if p.gender == gender]
            if known:
                at, person = max(known, key=lambda pair: pair[0])
                if position - at <= RECENT_CHARS:
                    return person
        return latest
