"""What a name is made of, and when two spellings of a name are the same name.

Three small tools the merging rules (`variants`) are built from:

* a person's name without its titles ("Foreign Secretary James Cleverly" is James Cleverly,
  "Mr. Kirby" is Kirby), split into given names and a surname;
* the *skeleton* of a word: its spelling with the differences that transliteration and
  house style make removed (case, diacritics, doubled letters, y/i, ph/f, k/c/q, kh/ch/h,
  x/ks; ø, æ, ß, ł ... spelled out), so Zelensky, Zelenskyy and Zelenskiy, or Odesa and
  Odessa, have one skeleton;
* `same_word`, which also accepts spellings that differ in their vowels only (Ebrahim and
  Ibrahim, Mohammed and Muhammad), in a first letter that transliterations swap (h/g, s/z,
  one vowel for another: Hradovets and Gradovets, Oleskovo and Aleskovo) or by one letter
  in a long word, with a length floor
  below which nothing but an equal skeleton counts: Iran and Iraq, Kell and Bell, Maria and
  Mario stay apart.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Words naming a person's title, office or role, never part of the name. Lower case,
# without a final dot.
TITLE_WORDS = frozenset("""
mr mrs ms miss mx dr prof sir dame lord lady rev revd fr hon
president vice secretary minister ministers premier chancellor senator sen rep representative
congressman congresswoman governor gov mayor ambassador envoy consul commissioner
spokesman spokeswoman spokesperson spokespeople chairman chairwoman chair chief director
general gen colonel col lieutenant lt major maj captain capt sergeant sgt admiral adm
commander cmdr brigadier marshal corporal cpl private pte officer inspector detective
superintendent supt constable judge justice attorney prosecutor king queen prince princess
emperor empress pope cardinal bishop archbishop rabbi imam sheikh ayatollah professor
leader founder manager coach head deputy acting former interim master warden official
officials aide adviser advisor lawmaker legislator diplomat negotiator mp mep councillor
councilor sheriff editor correspondent reporter analyst economist researcher spokesmen
executive ceo cfo coo chairperson owner doctor nurse surgeon pilot skipper priest pastor
""".split())
# Title words that are also surnames (John Major, Carole King): the last word of a name is
# never taken for a title when it is one of these.
SURNAME_TITLES = frozenset("king major general marshal justice judge bishop cardinal head "
                           "chief coach chair leader prince private".split())
# Short forms of address that a news article writes directly before a name ("Mr Kirby").
HONORIFICS = frozenset("mr mrs ms miss mx dr prof sir dame".split())
# Lower-case words that belong to a surname ("Ursula von der Leyen", "bin Salman").
PARTICLES = frozenset("von van der den de del della di da dos du la le al el bin ibn ben abu"
                      .split())
# Words after a surname that are not the surname ("Martin Luther King Jr.").
NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())
# Words that make a name an organisation's wherever it stands ("St. Aurelia Regional
# Hospital", "Kestrey Fire Service").
ORGANISATION_WORDS = frozenset("""
authority council ministry department agency board company corporation inc ltd group bank
university college school hospital clinic party union society association institute
inspectorate directorate bureau service services office court club committee commission
police army navy force forces news times post press radio network foundation federation
trust church foods brewery distillery factory mill mine museum gallery prison penitentiary
""".split())
# One given name in the forms languages and their transliterations give it, as news in
# English writes them ("Piotr" in Polish, "Petr" in Czech, "Pyotr" from Russian). Spelling
# variants of one form (Aleksandr / Alexandr) need no entry: `same_word` finds them.
GIVEN_NAME_FORMS: tuple[tuple[str, ...], ...] = (
    ("peter", "piotr", "petr", "pyotr", "petro", "pietro", "pedro", "pierre", "peder"),
    ("alexander", "aleksandr", "oleksandr", "aleksander", "alessandro", "alejandro",
     "alexandre", "alexandros"),
    ("alexei", "aleksei", "alexey", "oleksiy", "oleksii"),
    ("michael", "mikhail", "mykhailo", "michal", "michele", "miguel", "michel", "mikael"),
    ("paul", "pawel", "pavel", "pavlo", "pablo", "paolo", "pal"),
    ("andrew", "andrei", "andrey", "andriy", "andrii", "andrzej", "andreas", "andres",
     "andre"),
    ("nicholas", "nikolai", "nikolay", "mykola", "mikolaj", "nicolas", "niklas", "nikolaos"),
    ("stephen", "steven", "stefan", "stepan", "esteban", "stefano", "etienne", "stephane"),
    ("joseph", "jozef", "josef", "iosif", "giuseppe", "jose", "youssef", "yusuf"),
    ("james", "jakub", "jacob", "yakov", "jacques", "giacomo", "jakob"),
    ("john", "jan", "johann", "johannes", "ivan", "juan", "giovanni", "jean", "ioannis",
     "janos", "joao"),
    ("george", "georgy", "georgiy", "jerzy", "jiri", "giorgio", "jorge", "georg", "georgios"),
    ("eugene", "yevgeny", "evgeny", "yevhen", "eugeniusz", "eugen"),
    ("vladimir", "volodymyr", "wlodzimierz"),
    ("sergei", "sergey", "serhiy", "serhii", "sergio", "serge"),
    ("dmitry", "dmitri", "dmytro"),
    ("gregory", "grigory", "grigori", "hryhoriy", "grzegorz", "gregor", "gregorio"),
    ("catherine", "katherine", "kateryna", "ekaterina", "yekaterina", "katarzyna",
     "caterina", "katerina"),
    ("helen", "elena", "olena", "yelena", "helena", "eleni"),
    ("mary", "maria", "marie", "mariya", "mariia", "marija"),
    ("anna", "anne", "hanna", "ganna"),
    ("elizabeth", "elisabeth", "elzbieta", "elisabetta", "isabel", "yelizaveta"),
    ("olga", "olha"),
)
# Words an acronym's letters skip in the long name ("Institute for the Study of War": ISW).
ACRONYM_SKIPS = frozenset("of the and for on in at to a an de du la & -".split())

# Place names that neither spelling nor initials connect, one set per place. Each set names
# the place as news English writes it; the first entry is only a key.
PLACE_ALIASES: tuple[tuple[str, ...], ...] = (
    ("united states", "us", "usa", "united states of america", "america"),
    ("united kingdom", "uk", "britain", "great britain"),
    ("united arab emirates", "uae", "emirates"),
    ("soviet union", "ussr"),
    ("kyiv", "kiev"),
    ("myanmar", "burma"),
    ("netherlands", "holland"),
    ("czech republic", "czechia"),
    ("turkey", "türkiye", "turkiye"),
    ("ivory coast", "côte d'ivoire", "cote d'ivoire"),
    ("democratic republic of the congo", "drc", "dr congo"),
)
_ALIAS_KEY = {alias: names[0] for names in PLACE_ALIASES for alias in names}

# Shortest skeleton for which a near spelling counts, by what the word is. Places get the
# highest bar: neighbouring countries often have names one letter apart.
SPELLING_FLOOR = {"given": 5, "surname": 5, "body": 5, "place": 6}
# Words at least this long may differ by one letter (a typo, a transliteration)...
ONE_EDIT_FLOOR = {"given": 99, "surname": 7, "body": 7, "place": 8}
# A name of several words may differ by one letter in all when it is this long ("United
# Stated", a typo of "United States")...
LONG_NAME_ONE_EDIT = 10
# ...when they are also this close by Jaro-Winkler.
ONE_EDIT_JARO_WINKLER = 0.92

VOWELS = frozenset("aeiou")
# First letters that transliterations from Cyrillic and other scripts swap: Hradovets and
# Gradovets (Г as h or g), Selenka and Zelenka (З as s or z); two vowels also swap (see
# `same_word`: Oleskovo and Aleskovo).
TRANSLITERATED_INITIALS = frozenset({frozenset("hg"), frozenset("sz")})
_WORD = re.compile(r"[^\s]+")
_DOTTED = re.compile(r"^(?:[A-Z]\.){2,}[A-Z]?\.?$")
_CAPS = re.compile(r"^[A-Z][A-Z&]{1,5}$")
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ul)[-‑]", re.IGNORECASE)
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ul|bin|ibn|abu)[-‑]\w", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")


# Letters that NFKD does not decompose, written as English news spells them without the mark.
_UNDECOMPOSED = str.maketrans({
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "ẞ": "SS",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
    "ı": "i", "ħ": "h", "Ħ": "H",
})


def fold(text: str) -> str:
    """Lower case without diacritics, with typographic apostrophes made plain; letters NFKD
    leaves whole are spelled out ("Østby" → "ostby", "Łódź" → "lodz", "Æbelø" → "aebelo")."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """The spelling of a word with transliteration and house-style differences removed.

    Letters only, lower case, no diacritics; an initial y before a vowel→j; ae, oe, ue after
    a consonant→a, o, u (German umlauts spelled out: "Mueller" / "Müller"); x→ks, tch→ch,
    Polish cz→ch and sz→sh, tz→ts, ph→f, ck/c/q→k, then kh (and so ch)→h, w→v, y→i, j→i
    where it is a vowel (not before a vowel, or between a consonant and a vowel: "Iljin" /
    "Ilyin"); runs of one letter collapsed. "Zelenskyy",
    "Zelensky" and "Zelenskiy" all give "zelenski"; "Odessa" and "Odesa" give "odesa";
    "Mikhail" and "Michail" give "mihail"; "Yuri" and "Jurij" give "juri"; "Demczyk" and
    "Demchik" give "demhik".
    """
    letters = "".join(c for c in fold(word) if c.isalpha())
    letters = re.sub(r"^y(?=[aeiou])", "j", letters)  # "Yaroslav" / "Jaroslav"
    letters = re.sub(r"(?<=[^aeiou])([aou])e", r"\1", letters)  # "Mueller" / "Müller"
    for old, new in (("x", "ks"), ("tch", "ch"), ("cz", "ch"), ("sz", "sh"), ("tz", "ts"),
                     ("ph", "f"), ("ck", "k"), ("c", "k"),
                     ("q", "k"), ("kh", "h"), ("w", "v"), ("y", "i")):
        letters = letters.replace(old, new)
    letters = re.sub(r"j(?![aeiou])", "i", letters)
    letters = re.sub(r"(?<=[^aeiouy])j(?=[aeiou])", "i", letters)  # "Iljin" / "Ilyin"
    return re.sub(r"(.)\1+", r"\1", letters)


def _consonants(skel: str) -> str:
    return "".join(c for c in skel if c not in VOWELS)


def _shape(skel: str) -> str:
    """Consonants as C, each run of vowels as one V: "ebrahim" is VCCVCVC."""
    return re.sub("V+", "V", "".join("V" if c in VOWELS else "C" for c in skel))


def _last_vowels(skel: str) -> str:
    match = re.search(r"[aeiou]+$", skel)
    return match.group() if match else ""


def jaro_winkler(a: str, b: str, prefix_scale: float = 0.1) -> float:
    """Jaro-Winkler similarity of two strings, from 0 (nothing alike) to 1 (equal)."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    reach = max(max(len(a), len(b)) // 2 - 1, 0)
    used_b = [False] * len(b)
    matched_a = []
    for i, char in enumerate(a):
        for j in range(max(0, i - reach), min(len(b), i + reach + 1)):
            if not used_b[j] and b[j] == char:
                used_b[j] = True
                matched_a.append(char)
                break
    if not matched_a:
        return 0.0
    matched_b = [b[j] for j in range(len(b)) if used_b[j]]
    transpositions = sum(x != y for x, y in zip(matched_a, matched_b, strict=True)) / 2
    m = len(matched_a)
    jaro = (m / len(a) + m / len(b) + (m - transpositions) / m) / 3
    prefix = 0
    for x, y in zip(a[:4], b[:4], strict=False):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * prefix_scale * (1 - jaro)


def within_one_edit(a: str, b: str) -> bool:
    """True when one insertion, deletion or substitution turns `a` into `b` (or they are equal)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


def same_word(a: str, b: str, role: str) -> bool:
    """Whether two words are spellings of one name; `role` is "given", "surname", "body"
    (an organisation's word) or "place", and sets how long a word must be before anything
    but an equal skeleton counts (see `SPELLING_FLOOR`, `ONE_EDIT_FLOOR`)."""
    skel_a, skel_b = skeleton(a), skeleton(b)
    if skel_a == skel_b:
        return bool(skel_a)
    shorter = min(len(skel_a), len(skel_b))
    if shorter < SPELLING_FLOOR[role]:
        return False
    if any(spelled(skel_a) == spelled(skel_b) for spelled in _OTHER_SPELLINGS):
        return True
    if skel_a[1:] == skel_b[1:] and (frozenset((skel_a[0], skel_b[0])) in TRANSLITERATED_INITIALS
                                     or {skel_a[0], skel_b[0]} <= VOWELS):
        return True
    # Vowels differ, consonants and syllable shape agree: Ebrahim/Ibrahim, Kharkov/Kharkiv.
    # A different final vowel is a different name (Maria/Mario, Daniela/Daniele).
    if (_consonants(skel_a) == _consonants(skel_b) and _shape(skel_a) == _shape(skel_b)
            and _last_vowels(skel_a) == _last_vowels(skel_b)):
        return True
    return shorter >= ONE_EDIT_FLOOR[role] and _one_letter_apart(skel_a, skel_b)


# Letters transliterations render differently, each pair made one: Ukrainian h for Russian
# g ("Bohdan" / "Bogdan", "Hryhoriy"), Hungarian sz for s ("Szandor" / "Sandor"), the c of
# Slavic languages written with a Latin alphabet for ts ("Dolvica" / "Dolvitsa"; c is
# already k in a skeleton).
_OTHER_SPELLINGS = (lambda skel: skel.replace("h", "g"), lambda skel: skel.replace("sh", "s"),
                    lambda skel: skel.replace("ts", "k"))


def _one_letter_apart(skel_a: str, skel_b: str) -> bool:
    """One edit apart, not at the first letter nor in the final vowels, and close by
    Jaro-Winkler (a typo or a transliteration, not a different ending)."""
    return (skel_a[0] == skel_b[0] and _last_vowels(skel_a) == _last_vowels(skel_b)
            and within_one_edit(skel_a, skel_b)
            and jaro_winkler(skel_a, skel_b) >= ONE_EDIT_JARO_WINKLER)


def same_words(a: list[str], b: list[str], role: str) -> bool:
    """Two multi-word names are one when they have as many words and each pair is one word
    (so "South Sudan" is never "Sudan"), or when their skeletons are equal as a whole."""
    joined_a, joined_b = "".join(skeleton(w) for w in a), "".join(skeleton(w) for w in b)
    if joined_a == joined_b:
        return bool(joined_a)
    if len(a) != len(b):
        return False
    if len(a) > 1 and min(len(joined_a), len(joined_b)) >= LONG_NAME_ONE_EDIT \
            and _one_letter_apart(joined_a, joined_b):
        return True
    return all(same_word(x, y, role) for x, y in zip(a, b, strict=True))


def words_of(form: str) -> list[str]:
    """A name's words: no leading "the", no possessive ending, "&" kept as a word."""
    words = _WORD.findall(form.replace("’", "'"))
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    return [w.strip(",;:") for w in words if w.strip(",;:")]


def key_of(words: list[str]) -> str:
    """A lookup key for a name: the skeletons of its words ("Saint" written "St")."""
    return " ".join("st" if skel == "saint" else skel for w in words if (skel := skeleton(w)))


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name as a story wrote it, without titles: "Ebrahim Raisi" has given
    ("Ebrahim",) and surname "Raisi"; "Kirby" has no given names."""

    given: tuple[str, ...]
    surname: str

    @property
    def words(self) -> list[str]:
        """The name's words in order."""
        return [*self.given, *self.surname.split()]

    @property
    def full(self) -> bool:
        """A given name and a surname."""
        return bool(self.given)

    @property
    def initial_only(self) -> bool:
        """The given name is an initial ("J. Kirby")."""
        return bool(self.given) and len(self.given[0].rstrip(".")) == 1

    @property
    def surname_key(self) -> str:
        """The surname's last word, without an Arabic article ("al-Assad" is Assad)."""
        return _surname_key(self.surname)


@lru_cache(maxsize=65536)
def _surname_key(surname: str) -> str:
    return _ARABIC_ARTICLE.sub("", surname.split()[-1])


def person_name(form: str) -> PersonName | None:
    """The name in a person mention, titles and descriptions before it dropped.

    The name is the run of capitalised words (with particles such as "von", "bin") at the end
    of the form, stopping at the first title word: "US national security spokesman John
    Kirby" is John Kirby, "Foreign Minister James Cleverly" is James Cleverly, "Mr. Kirby" is
    Kirby. None when nothing is left ("the Minister").
    """
    words = words_of(form)
    while words and fold(words[-1]).rstrip(".") in NAME_SUFFIXES and len(words) > 1:
        words.pop()
    name: list[str] = []
    for word in reversed(words):
        bare = fold(word).rstrip(".")
        is_title = bare in TITLE_WORDS and not (not name and bare in SURNAME_TITLES)
        if is_title or not (word[:1].isupper() or bare in PARTICLES
                            or _ARTICLE_PREFIX.match(word)):
            break
        name.insert(0, word)
    # Particles at the front belong to a surname with no given name ("von der Leyen").
    split = len(name) - 1
    while split > 0 and fold(name[split - 1]) in PARTICLES:
        split -= 1
    if not name or not any(c.isalpha() for c in name[-1]):
        return None
    return PersonName(given=tuple(name[:split]), surname=" ".join(name[split:]))


def compatible_given(a: str, b: str) -> bool:
    """Two given names that may be one person's: equal, an initial of the other ("J." and
    "John"), spellings of one name (Ebrahim and Ibrahim), or one name in two languages'
    forms (Piotr and Petr, Oleksandr and Alexander; see `GIVEN_NAME_FORMS`)."""
    bare_a, bare_b = a.rstrip("."), b.rstrip(".")
    if len(bare_a) == 1 or len(bare_b) == 1:
        return fold(bare_a)[:1] == fold(bare_b)[:1]
    if same_word(bare_a, bare_b, "given"):
        return True
    key_a = _given_keys().get(skeleton(bare_a))
    return key_a is not None and key_a == _given_keys().get(skeleton(bare_b))


@lru_cache(maxsize=1)
def _given_keys() -> dict[str, str]:
    """The skeleton of each form in `GIVEN_NAME_FORMS` → the name's first form."""
    return {skeleton(form): forms[0] for forms in GIVEN_NAME_FORMS for form in forms}


def same_given_names(a: PersonName, b: PersonName) -> bool:
    """Whether two full names' given names may be one person's: the first given names are
    compatible (`compatible_given`), or a spelled-out given name of one is one of the other's
    ("Alisha Sarkar" and "Alisha Rahaman Sarkar"; "Harbour Master Danika Rovel", with a
    title the list does not know, and "Danika Rovel")."""
    if compatible_given(a.given[0], b.given[0]):
        return True
    spelled_a = [w for w in a.given if len(w.rstrip(".")) > 1]
    spelled_b = [w for w in b.given if len(w.rstrip(".")) > 1]
    return any(same_word(x, y, "given") for x in spelled_a for y in spelled_b)


def acronym_letters(form: str) -> str | None:
    """The letters of an acronym ("U.S." and "US" give "US", "IAEA" gives "IAEA"), or None
    when the form is not written as one."""
    words = words_of(form)
    if len(words) != 1:
        return None
    word = words[0]
    if _DOTTED.match(word):
        return word.replace(".", "")
    return word if _CAPS.match(word) else None


def initials(words: list[str]) -> str:
    """The acronym a long name would have: the first letters of its words, skipping "of",
    "the", "and", "for" and the like; a word in capitals counts whole ("US Navy" → USN)."""
    letters = []
    for word in words:
        if fold(word) in ACRONYM_SKIPS:
            continue
        for part in re.split(r"[-‑]", word):
            if acronym_letters(part):
                letters.append(acronym_letters(part) or "")
            elif part[:1].isalpha():
                letters.append(part[0].upper())
    return "".join(letters)


def place_alias(words: list[str]) -> str | None:
    """The key of the place an alias names ("U.S.", "America" → "united states"), or None."""
    plain = " ".join(fold(w).replace(".", "") for w in words)
    return _ALIAS_KEY.get(plain)
