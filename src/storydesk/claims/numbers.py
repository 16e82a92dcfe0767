"""Figures and vague quantities in a sentence, read so that two outlets' versions compare.

"ten drones", "10 drones" and "about 10 Iranian drones a day" all carry the figure 10 about
drones; the last is approximate and a rate. "1.5 million people", "1,500,000 people" and
"more than 1.5 million people" carry 1,500,000 (the last as a lower bound). "a few months"
and "many months" carry no figure but a vague quantity of months, one small and one large.

Years, clock times, ages, day numbers of dates and parts of names ("Su-35") are not figures.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "m": 1e6, "mn": 1e6, "bn": 1e9, "k": 1e3, "dozen": 12}
# Words before a figure that make it a bound or an estimate.
LOWER_BOUNDS = ("more than", "over", "at least", "upwards of", "in excess of", "no fewer than",
                "no less than")
UPPER_BOUNDS = ("fewer than", "less than", "under", "up to", "as many as", "at most",
                "no more than", "nearly", "almost")
ESTIMATES = ("about", "around", "approximately", "roughly", "some", "an estimated",
             "estimated", "close to", "nearly", "almost", "more or less")
# Vague quantities by size: a conflict is a small one against a large one.
VAGUE = {
    "a few": "small", "few": "small", "a handful of": "small", "a couple of": "small",
    "a limited number of": "small", "a small number of": "small", "limited": "small",
    "several": "some", "a number of": "some", "some": "some",
    "many": "large", "numerous": "large", "countless": "large", "dozens of": "large",
    "hundreds of": "large", "thousands of": "large", "millions of": "large",
    "scores of": "large", "a large number of": "large", "a lot of": "large", "lots of": "large",
}
# Plural numbers used as vague quantities, by order of magnitude: "dozens of villagers"
# are not "hundreds of villagers", though both are many.
MAGNITUDES = {"dozens of": 1, "scores of": 1, "hundreds of": 2, "thousands of": 3,
              "millions of": 6}
# How many units a vague quantity of each size may be ("a few weeks": two to four weeks),
# and a unit of time in days: "a few weeks" and "several months" cannot be one span.
SIZE_SPANS = {"small": (2.0, 4.0), "some": (3.0, 7.0), "large": (4.0, math.inf)}
TIME_UNITS = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.4,
              "year": 365.0}
RATES = {"a day": "day", "per day": "day", "each day": "day", "every day": "day",
         "daily": "day", "a week": "week", "per week": "week", "each week": "week",
         "a month": "month", "per month": "month", "a year": "year", "per year": "year",
         "annually": "year", "an hour": "hour", "per hour": "hour"}
_MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|"
           "april|june|july|august|september|october|november|december")
_SPELLED = "|".join(sorted((w for w in SMALL_NUMBERS if w != "one"), key=len, reverse=True))
_SPELLED_WORD = rf"(?:{_SPELLED})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
_SCALE_WORDS = "hundred|thousand|million|billion|trillion|dozen|bn|mn|m|k"
_SCALE = rf"(?:{_SCALE_WORDS})\b"
FIGURE = re.compile(
    r"(?P<currency>\$(?:US|A|C|NZ)?|[£€¥]|(?:US|A|C|NZ|HK)\$|USD\s|EUR\s|GBP\s)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    rf"|\b(?:a|one|half\s+a|{_SPELLED_WORD})(?=\s+(?:{_SCALE_WORDS})\b)"
    rf"|\b{_SPELLED_WORD}\b|\ba\s+dozen\b|\bdozen\b)"
    r"(?P<half>\s+and\s+a\s+half\b)?"  # "six and a half years"
    rf"(?:\s*(?P<scale>{_SCALE})(?:\s+(?P<scale2>{_SCALE}))?)?"
    r"(?P<percent>\s*(?:%|percent\b|per\s+cent\b))?",
    re.IGNORECASE)
_MODIFIER = re.compile(
    r"(?:" + "|".join(re.escape(w) for w in sorted(
        set(LOWER_BOUNDS + UPPER_BOUNDS + ESTIMATES), key=len, reverse=True))
    + r")\s+$", re.IGNORECASE)
_VAGUE = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(VAGUE, key=len,
                                                                        reverse=True))
                    + r")\s+(?P<noun>[a-z][\w-]*)", re.IGNORECASE)
_RATE = re.compile(r"\s*(?:[\w-]+\s+){0,3}?(?P<rate>" + "|".join(
    re.escape(r) for r in sorted(RATES, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_OF_TOTAL = re.compile(r"\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+|the\s+[\w’'-]+['’]s\s+)?"
                       r"(?P<total>\d[\d,.]*|"
                       rf"{_SPELLED_WORD})\b", re.IGNORECASE)
_NOUN = re.compile(r"[A-Za-z][\w’'-]*")
# Words after a figure that say it is not a count of something.
_NOT_COUNT_AFTER = re.compile(
    r"(?:\s*(?:a\.m\.|p\.m\.|am\b|pm\b|gmt|utc|bst|o'clock|-year-old|-years-old|year-old"
    r"|years?\s+old|th\b|st\b|nd\b|rd\b|:\d|\.\d\d\s*(?:a\.m|p\.m)|-[a-z]"
    rf"|\.?\s*(?:{_MONTHS})\b)|(?:mm|km)\b)",  # "155mm guns"; not "58 km"
    re.IGNORECASE)
# A measure written as one word with its unit: "an 8-metre shaft", "a 26-foot wall".
_UNIT_COMPOUND = re.compile(r"-(metre|meter|foot|mile|kilometre|kilometer|inch|tonne|ton|"
                            r"acre|hectare|yard|millimetre|centimetre)\b", re.IGNORECASE)
_NOT_COUNT_BEFORE = re.compile(
    rf"(?:\b(?:{_MONTHS})\.?\s*|[-/:]|\b[A-Z]{{1,4}}-?|\bno\.\s*|\bnumber\s+|\bat\s+)$",
    re.IGNORECASE)
# After a span of time, words that make it a point in time or an age: "two years later".
_NOT_A_DURATION = re.compile(r"(?:\s+(?:of\s+)?(?:minutes?|hours?|days?|weeks?|months?|years?))?"
                             r"\s+(?:earlier|later|old)\b", re.IGNORECASE)
_UNIT_AFTER = re.compile(r"(?:[\s-]+(?:minutes?|hours?|days?|weeks?|months?|years?))?",
                         re.IGNORECASE)


def duration(text: str, found: Figure | Vague) -> str | None:
    """A span of time as written, with its unit ("three months", "several weeks"), or None
    when it is a point in time or an age ("two years later", "five years old")."""
    if _NOT_A_DURATION.match(text, found.end):
        return None
    end = _UNIT_AFTER.match(text, found.end)
    return text[found.start:end.end() if end else found.end].strip()


# A person's age set between commas after the name: "Kiril Dobrev, 29, was caught".
_NAME_BEFORE_AGE = re.compile(r"([A-Z][\w'’-]+),\s*$")
# What an age counts: "age of Dobrev", so that two people's ages are not set side by side.
AGE_OF = "age of "
_AGE_AFTER = re.compile(r"\s*,")
# A number that is part of a name: "Regional Road 14", "Route 9", "Flight 370", "Gate 4".
_NAMED_BY_NUMBER = re.compile(
    r"\b(?:Road|Route|Highway|Motorway|Flight|Gate|Platform|Terminal|Block|Ward|Room|Line|"
    r"Bus|Train|Building|Exit|Junction|Pier|Berth|Level|Floor|Zone|Sector|Section|Article|"
    r"Chapter|Precinct|Runway|Track|Tower|Unit|Reactor|Lane|Amendment|Resolution|Directive|"
    r"Regulation|Paragraph|Clause|Cell|Bay|Shaft|Well|Pad|Tunnel)\s+$")
# Units of length, area and weight, each to the one its figures are compared in.
CONVERSIONS = {
    "kilometre": (1.0, "kilometre"), "km": (1.0, "kilometre"),
    "mile": (1.609344, "kilometre"), "metre": (1.0, "metre"), "m": (1.0, "metre"),
    "foot": (0.3048, "metre"), "feet": (0.3048, "metre"), "yard": (0.9144, "metre"),
    "square kilometre": (1.0, "square kilometre"), "hectare": (0.01, "square kilometre"),
    "acre": (0.00404686, "square kilometre"), "square mile": (2.589988, "square kilometre"),
    "inch": (0.0254, "metre"), "millimetre": (0.001, "metre"), "centimetre": (0.01, "metre"),
    "tonne": (1.0, "tonne"), "ton": (0.907185, "tonne"), "kilogram": (0.001, "tonne"),
    "kg": (0.001, "tonne"),
    "cubic metre": (1.0, "cubic metre"), "litre": (0.001, "cubic metre"),
    "liter": (0.001, "cubic metre"), "gallon": (0.00378541, "cubic metre"),
    "barrel": (0.158987, "cubic metre"),
}
_SQUARE = re.compile(r"\s+square\s", re.IGNORECASE)
_CUBIC = re.compile(r"\s+cubic\s", re.IGNORECASE)
_NAUTICAL = re.compile(r"\s+nautical\s", re.IGNORECASE)
# A figure in brackets right after another restates it in other units.
_CONVERTED = re.compile(r"\s*(?:[^\W\d]+\s*){0,2}\(\s*(?:about|around|roughly|some|"
                        r"approximately|approx\.|c\.)?\s*")
_BRACKET_END = re.compile(r"[^(),;]{0,30}\)")
# "at" before a number is a time or an age ("at 3", "died at 80"), unless a value is put at it.
_VALUED_AT = re.compile(r"\b(?:valued|estimated|put|priced|pegged|stood|stands|set|capped|"
                        r"fixed|totalled|totaled)\s+at\s+$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:1[89]\d\d|20\d\d)$")
# Speeds written with a unit of their own: "90 km/h" is 90 kilometres an hour.
SPEED_UNITS = {"km/h": "kilometre", "kph": "kilometre", "mph": "mile"}
_SPEED_WORDS = {"kilometre": " kilometres", "mile": " miles"}
_SPEED_UNIT = re.compile(r"\s*(?P<unit>km/h|kph|mph)\b", re.IGNORECASE)
_PARTICIPLE_BEFORE = re.compile(r"\b([a-z]+ed|hurt)\s+$", re.IGNORECASE)
_FEW = re.compile(r"(?:a\s+few|several|a\s+couple\s+of)\s+$", re.IGNORECASE)
# Words ending like participles that are not: "during the storm".
_NOT_PARTICIPLES = {"during", "including", "according", "regarding", "concerning", "bed",
                    "red", "need", "speed", "seed", "feed", "hundred"}
# What "people" counts too: "1,500 residents" and "about 1,500 people" may be the same.
PERSON_NOUNS = frozenset("""
resident villager passenger worker employee staff patient civilian soldier child children
adult student pupil visitor tourist fan protester demonstrator migrant refugee victim
inhabitant member customer voter survivor evacuee teacher nurse doctor officer firefighter
miner farmer driver pilot guard prisoner inmate pilgrim player athlete volunteer official
""".split())
PEOPLE = frozenset({"people", "person"})


# Nouns news writes for one counted thing ("about 30 houses" / "some 30 homes").
_ALIKE_COUNTS = (
    frozenset({"house", "home", "dwelling"}),
    frozenset({"aircraft", "plane", "airplane", "jet"}),
    frozenset({"ship", "vessel"}),
    frozenset({"car", "vehicle"}),
    frozenset({"tin", "can"}),
    frozenset({"coach", "bus"}),
    frozenset({"child", "kid"}),
    frozenset({"lorry", "truck"}),
)
_ALIKE_COUNT = {noun: group for group in _ALIKE_COUNTS for noun in group}


def counts_alike(x: str, y: str) -> bool:
    """Whether figures of x and of y may count the same: one thing, two words for it ("houses"
    / "homes"), or people and a kind of people."""
    return x == y or y in _ALIKE_COUNT.get(x, ()) or (
        bool({x, y} & PEOPLE) and {x, y} - PEOPLE <= PERSON_NOUNS)


# Words that may sit between a figure and what it counts.
_SKIP_AFTER = {"of", "the", "more", "other", "additional", "further", "new", "extra",
               "fresh", "or", "so"}
_PLURAL = re.compile(r"^[a-z][a-z’'-]*[^s’'\W]s$")  # "schools", not "class" or "news"
# Words after a figure that show it counts nothing named: "four of them", "12 were killed".
_NOT_COUNTED = {"its", "their", "them", "his", "her", "our", "your", "those", "these", "this",
                "that", "which", "who", "whom", "and", "a", "an", "on", "in", "at", "to",
                "for", "by", "from", "with", "as", "were", "was", "are", "is", "be", "been",
                "have", "had", "has", "will", "would", "could", "may", "might", "said",
                "during", "after", "before", "since", "into", "near", "when", "while",
                "because", "if", "but", "or"}


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure in a sentence: its value and what it counts."""

    start: int
    end: int
    text: str  # as written, with its modifier: "about 10", "more than 1.5 million"
    value: float
    counts: str  # the word it counts, singular and lower case: "drone", "people", "%", "$"
    bound: str = ""  # "lower" (more than), "upper" (up to), "about", or "" for exact
    rate: str = ""  # "day" for "10 a day"
    total: float | None = None  # "10 of 15" → 15
    state: str = ""  # what those counted are: "dead", "injured", "flooded", ... (STATES)

    def same_value(self, other: Figure) -> bool:
        """Whether the two figures say the same thing, allowing for how estimates and
        bounds are worded ("about 10" = "10"; "more than 1.5 million" = "over 1.5 million";
        "more than 300" allows "312")."""
        if self.rate != other.rate:
            return False
        if self.value == other.value:
            return True
        low, high = sorted((self.value, other.value))
        about = next((f for f in (self, other) if f.bound == "about"), None)
        if about is not None:
            bound = other if about is self else self
            if bound.bound in ("lower", "upper"):
                # "about 640" is not "more than 700": an estimate agrees with a bound when
                # it lies, or nearly lies, on the bound's side.
                return (bound.value < ABOUT_SLACK * about.value <= 1.25 * bound.value
                        if bound.bound == "lower" else
                        0.75 * bound.value <= about.value / ABOUT_SLACK < bound.value)
            return high - low <= 0.1 * high
        return self._allows(other) or other._allows(self)

    def _allows(self, other: Figure) -> bool:
        """Whether a bound allows a figure close to it: "more than 300" allows "312", "up
        to 50" allows "48" (within a quarter of the bound, on its side), and "more than 100"
        allows "up to 120"."""
        if not self.value:
            return False
        if {self.bound, other.bound} == {"lower", "upper"}:
            # "more than 100 mph" and "up to 120 mph" may both be true.
            low, high = (self, other) if self.bound == "lower" else (other, self)
            return low.value < high.value <= 1.5 * low.value
        if other.bound in ("lower", "upper"):
            return False
        if self.bound == "lower":
            return self.value <= other.value <= 1.25 * self.value
        if self.bound == "upper":
            return 0.75 * self.value <= other.value <= self.value
        return False

    def describe(self) -> str:
        """The figure in words: "about 10 a day", "10 of 15"."""
        text = self.text
        if self.total is not None and " of " not in text:
            text += f" of {_plain(self.total)}"
        if self.rate and self.rate not in text and not _SPEED_UNIT.search(text):
            unit = _SPEED_WORDS.get(self.counts, "") if self.rate == "hour" else ""
            text += f"{unit} {'an' if self.rate == 'hour' else 'a'} {self.rate}"
        return text


# What counted people or things are: "seven are missing" is no count of the dead, "47
# injured" none of the missing; "412 homes had been flooded" and "600 homes were left under
# water" count one thing, "transfer 48 patients" and "moved 84 patients" another.
STATES = {
    **dict.fromkeys("killed dead died die killing deaths fatalities bodies lives".split(),
                    "dead"),  # "claimed the lives of two workers"
    **dict.fromkeys("injured hurt wounded injuring wounding".split(), "injured"),
    **dict.fromkeys("missing unaccounted".split(), "missing"),
    **dict.fromkeys("rescued saved".split(), "rescued"),
    **dict.fromkeys("evacuated displaced moved transferred transfer relocated".split(),
                    "evacuated"),
    **dict.fromkeys(("flooded", "submerged", "inundated", "under water"), "flooded"),
    **dict.fromkeys("arrested detained".split(), "arrested"),
}
_STATE = re.compile(r"\b(" + "|".join(STATES) + r")\b", re.IGNORECASE)
_STATE_BEFORE = re.compile(r"\b(" + "|".join(STATES) + r")\s+(?:[\w-]+\s+){0,2}$",
                           re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:.!?]|\s(?:and|but|while|as|when|after)\s", re.IGNORECASE)
# An estimate ("about 290") agrees with a bound ("more than 300") it misses by this factor.
ABOUT_SLACK = 1.05


@dataclass(frozen=True, slots=True)
class Vague:
    """A vague quantity: "many months", "a few months"."""

    start: int
    end: int
    text: str
    size: str  # "small" | "some" | "large"
    counts: str
    magnitude: int | None = None  # "hundreds of": 2

    @property
    def days(self) -> tuple[float, float] | None:
        """The span of days a vague amount of time may be ("a few weeks": 14 to 28)."""
        unit = TIME_UNITS.get(self.counts)
        if unit is None:
            return None
        low, high = SIZE_SPANS[self.size]
        return low * unit, high * unit


def _plain(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def spelled_value(words: str) -> float | None:
    """The value of a spelled number: "ten" → 10, "twenty-five" → 25, "a dozen" → 12."""
    words = words.lower().strip()
    if words in ("a dozen", "dozen"):
        return 12.0
    if words in ("a", "one"):
        return 1.0
    if words == "half a":
        return 0.5
    total = 0.0
    for part in words.split("-"):
        if part not in SMALL_NUMBERS:
            return None
        total += SMALL_NUMBERS[part]
    return total


def singular(word: str) -> str:
    """A crude singular of a lower-case noun: "drones" → "drone", "people" stays."""
    word = word.lower().strip("’'")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]    # "inches", "crashes", "boxes", "buses" aside
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def figures(text: str) -> list[Figure]:
    """The figures in a sentence, with what each counts."""
    return list(_figures(text))


@lru_cache(maxsize=32768)
def _figures(text: str) -> tuple[Figure, ...]:
    """`figures`, remembered: a story's sentences are read for figures several times."""
    out: list[Figure] = []
    taken_until = -1
    for match in FIGURE.finditer(text):
        if match.start() < taken_until:
            continue
        figure = _figure(text, match)
        if figure is None:
            continue
        if out and _CONVERTED.fullmatch(text, out[-1].end, figure.start) and \
                _BRACKET_END.match(text, figure.end) and " and " not in text[
                    figure.end:text.find(")", figure.end)]:
            taken_until = figure.end
            continue    # "1 million ($1.52 million)", "1,800 hectares (18 square km)"
        out.append(figure)
        taken_until = figure.end
    return tuple(out)


def _figure(text: str, match: re.Match[str]) -> Figure | None:
    number = match.group("number")
    start, end = match.start(), match.end()
    if number[0].isdigit():
        if _NAMED_BY_NUMBER.search(text[max(0, start - 12):start]):
            return None     # "Regional Road 14"
        if _NOT_COUNT_BEFORE.search(text[max(0, start - 12):start]) and not (
                (match.group("scale") or "," in number
                 or _VALUED_AT.search(text[max(0, start - 24):start]))
                and text[max(0, start - 3):start].lower() == "at "):
            return None     # not "at 3:14", but "valued at 6.4 million", "at 4,600,000"
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-."):
            return None
        if end < len(text) and (text[end].isalpha() and not match.group("scale")
                                and not match.group("percent")):
            return None
        if _YEAR.match(number) and not match.group("scale"):
            return None
        value = float(number.replace(",", ""))
    else:
        spelled = spelled_value(re.sub(r"\s+", " ", number))
        if spelled is None:
            return None
        value = spelled
    if match.group("half"):
        value += 0.5
    speed = _SPEED_UNIT.match(text, end)
    compound = _UNIT_COMPOUND.match(text, end)
    if speed is None and compound is None and _NOT_COUNT_AFTER.match(text, end):
        return None
    for scale in (match.group("scale"), match.group("scale2")):
        if scale:
            value *= SCALES[scale.lower()]
    if not number[0].isdigit() and value == 1 and not match.group("scale"):
        return None  # "one of the main backers", "a" alone
    total = None
    tail = end
    of_total = _OF_TOTAL.match(text, end)
    if of_total:
        total_text = of_total.group("total")
        total = (float(total_text.replace(",", "")) if total_text[0].isdigit()
                 else spelled_value(total_text))
        tail = of_total.end()
    if match.group("percent"):
        counts = "%"
    elif number.isdigit() and value < 120 and (named := _NAME_BEFORE_AGE.search(
            text, max(0, start - 40), start)) and _AGE_AFTER.match(text, end):
        counts = AGE_OF + named.group(1)    # "Kiril Dobrev, 29, was caught"
    else:
        counts = (SPEED_UNITS[speed.group("unit").lower()] if speed
                  else singular(compound.group(1).replace("meter", "metre")) if compound
                  else _counted(text, tail) or _counted_by_verb(text, start))
        if match.group("currency"):
            counts = "$" + (f" {counts}" if counts else "")
    modifier = _MODIFIER.search(text[max(0, start - 24):start])
    bound, shown_start = "", start
    few = _FEW.search(text[max(0, start - 16):start]) if number.lower() == "dozen" else None
    if few:  # "a few dozen homes": about three dozen
        value *= 3
        bound, shown_start = "about", start - len(few.group())
    elif modifier:
        word = modifier.group().strip().lower()
        bound = ("lower" if word in LOWER_BOUNDS else
                 "upper" if word in UPPER_BOUNDS and word not in ESTIMATES else "about")
        shown_start = start - len(modifier.group())
    if speed:  # "90 km/h"
        rate, shown_end = "hour", speed.end()
    else:
        rate_match = _RATE.match(text, tail)
        rate = RATES[rate_match.group("rate").lower()] if rate_match else ""
        shown_end = of_total.end() if of_total else end
    if _SQUARE.match(text, tail) and counts in ("kilometre", "mile", "metre", "km"):
        counts = "square " + ("kilometre" if counts == "km" else counts)
    elif _CUBIC.match(text, tail) and counts in ("metre", "m"):
        counts = "cubic metre"
    if counts in CONVERSIONS and not rate:
        # Measures in other units are compared in one: "1,800 hectares" is "18 square
        # kilometres", "36 miles" about "58 km" (a converted figure is rounded: "about").
        factor, counts = CONVERSIONS[counts]
        if _NAUTICAL.match(text, tail):
            factor = 1.852
        value = round(value * factor, 6)
        bound = bound or ("about" if factor != 1 else "")
    return Figure(start=shown_start, end=shown_end, text=text[shown_start:shown_end].strip(),
                  value=value, counts=counts, bound=bound, rate=rate, total=total,
                  state=_state(text, shown_start, end))


def _state(text: str, start: int, end: int) -> str:
    """What a figure of people says they are (see `STATES`): the state word in its clause
    after it ("seven are missing", "47 injured"), else right before it ("killing at least
    four people", "injured 52")."""
    after = _CLAUSE_END.split(text[end:end + 60], maxsplit=1)[0]
    for found in (_STATE.search(after), _STATE_BEFORE.search(text[max(0, start - 24):start])):
        if found:
            return STATES[found.group(1).lower()]
    return ""


# Punctuation that ends the phrase a figure heads: "$1 million, authorities said".
_PHRASE_END = re.compile(r"[,;:()]|\.(?:\s|$)")


def _counted(text: str, position: int) -> str:
    """The noun a figure counts: the first word after it, in its phrase, that is not a
    modifier we skip, looking past up to two adjectives ("10 Iranian-made drones" →
    "drone")."""
    window = _PHRASE_END.split(text[position:position + 60], maxsplit=1)[0]
    words = [w for w in _NOUN.findall(window)[:6] if w.lower() not in _SKIP_AFTER][:4]
    if not words or words[0].lower() in _NOT_COUNTED:
        return ""
    # A participle right before a noun describes it: "120 planned operations", "12
    # remaining hostages"; alone, it is what is counted: "47 injured".
    if (len(words) > 1 and words[0].lower().endswith(("ed", "ing"))
            and words[0].lower() not in _NOT_PARTICIPLES and words[1][0].islower()
            and words[1].lower() not in _NOT_COUNTED
            and re.match(rf"\s*{re.escape(words[0])}\s+{re.escape(words[1])}\b",
                         text[position:])):
        words = words[1:]
    # Capitalised words right after a figure are adjectives of origin ("10 Iranian drones").
    for n, word in enumerate(words[:3]):
        if word[0].isupper():
            continue
        # A noun before a plural one describes it: "1,100 state schools", "two night-shift
        # workers", "500,000 patient records".
        head = words[n + 1] if n + 1 < len(words) else ""
        if (head and _PLURAL.match(head) and not _PLURAL.match(word.split("-")[-1])
                and head.lower() not in _NOT_COUNTED
                and re.match(rf"\s*{re.escape(word)}\s+{re.escape(head)}\b",
                             text[text.find(word, position):])):
            return singular(head)
        return singular(word.split("-")[-1])
    return singular(words[0].split("-")[-1])


def _counted_by_verb(text: str, start: int) -> str:
    """What a figure that names nothing it counts ("... and injured 52 in the town")
    counts when a participle comes right before it: the injured, as in "52 injured"."""
    before = _PARTICIPLE_BEFORE.search(text[max(0, start - 24):start])
    if before is None or before.group(1).lower() in _NOT_PARTICIPLES:
        return ""
    return before.group(1).lower()


def vague_quantities(text: str) -> list[Vague]:
    """Vague quantities with the noun they quantify ("many months", "a few months")."""
    return list(_vague_quantities(text))


@lru_cache(maxsize=32768)
def _vague_quantities(text: str) -> tuple[Vague, ...]:
    """`vague_quantities`, remembered: a story's sentences are read for them several times."""
    out = []
    for match in _VAGUE.finditer(text):
        phrase = match.group()[: match.start("noun") - match.start()].strip().lower()
        noun = match.group("noun").lower()
        if noun in ("of", "the", "other", "more") or noun in SMALL_NUMBERS:
            continue
        phrase = re.sub(r"\s+", " ", phrase)
        out.append(Vague(start=match.start(), end=match.end(), text=match.group(),
                         size=VAGUE[phrase], counts=singular(noun),
                         magnitude=MAGNITUDES.get(phrase)))
    return tuple(out)
