"""Date expressions in news text, resolved against the article's publication date.

A news story dates its events in many ways: "Oct. 17, 2022", "Dec. 10", "early Saturday",
"yesterday", "last month", "in July", "two days later", "last summer". This module finds
them and turns each into the interval of days it denotes, with a precision and a flag for
whether the reading is safe.

Rules, with the publication day as the anchor:

* A year-less date ("Dec. 28") takes the year that puts it nearest to publication, ties to
  the past; when the other reading is nearly as near (the date lies about half a year away)
  it is marked uncertain. A weekday printed with it ("Friday, Dec. 9") picks the year.
* A bare weekday ("on Friday", "early Saturday") is the most recent such day on or before
  publication day, so in a Saturday paper "Saturday" is that day. "next" and "this coming"
  look forward, "last" and "this past" back; "last Friday" and "next Monday" can also mean
  the day in the previous or next calendar week, and are uncertain where the two differ.
  Future wording before a bare weekday ("will", "would", "is due to", "until") makes it the
  next such day instead ("is due to visit on Thursday").
* A year-less month ("in July") is the most recent such month not after the publication
  month; when that month is only one or two months ahead it may mean the coming one, and is
  uncertain.
* Weeks run Monday to Sunday; seasons are the northern meteorological ones (spring is March
  to May, winter December to February). "Early", "mid" and "late" narrow a month, year or
  season to its first, middle or last third; the precision stays that of the whole.
* "Two days later" and "the next day" count from the nearest day-precise date before them
  in the text (within about 500 characters), else from publication, and are then uncertain.
* Words that only show that a word is a date ("on", "in", "since") stay outside the
  expression; words that change what it means ("last", "early", "next") are part of it.
* Slashed numeric dates are read month first (US style) unless the first number is over 12;
  when both readings are possible the date is marked uncertain. Dotted ones (10.12.2022)
  are read day first, as in :mod:`storydesk.metadata.dates`.

Speed: every pattern starts at the date word itself (a month, a weekday, a digit, or one of
a few words such as "yesterday" or "week"), so :mod:`re` can skip ahead to the places worth
trying; the words before a match ("in", "last", "early") are read afterwards, in Python.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from storydesk.metadata.dates import MONTHS, parse_date
from storydesk.quotes.marks import ends_sentence

DAY, WEEK, MONTH, YEAR, SEASON = "day", "week", "month", "year", "season"


@dataclass(frozen=True, slots=True)
class EventDate:
    """A date expression found in a text and the interval of days it denotes.

    ``start``/``end`` are character offsets (end exclusive), so ``text[start:end]`` is
    ``expression``. ``relative`` is True when the reading needed the publication date;
    ``certain`` is False when that date was uncertain or the reading is ambiguous.
    """

    start: int
    end: int
    expression: str
    earliest: date
    latest: date
    precision: str  # "day" | "week" | "month" | "year" | "season"
    relative: bool
    certain: bool

    def label(self) -> str:
        """The interval in ISO 8601 at its precision: ``2022-12-10``, ``2022-12``, ``2022``,
        ``2022-12-05/2022-12-11`` for a week and ``2022-06/2022-08`` for a season."""
        if self.precision == DAY:
            return self.earliest.isoformat()
        if self.precision == MONTH:
            return self.earliest.isoformat()[:7]
        if self.precision == YEAR:
            return str(self.earliest.year)
        if self.precision == SEASON:
            return f"{self.earliest.isoformat()[:7]}/{self.latest.isoformat()[:7]}"
        return f"{self.earliest.isoformat()}/{self.latest.isoformat()}"


class _Anchor(NamedTuple):
    day: date
    certain: bool


class _Reading(NamedTuple):
    earliest: date
    latest: date
    precision: str
    relative: bool
    certain: bool


# --- Word tables --------------------------------------------------------------------------

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_ABBREVIATIONS = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
    "sat": 5, "sun": 6,
}
_FULL_MONTHS = {
    max((name for name, n in MONTHS.items() if n == number), key=len) for number in range(1, 13)
}
_MONTH_ABBREVIATIONS = sorted(set(MONTHS) - _FULL_MONTHS)
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_HOLIDAYS = {
    "christmas eve": (12, 24), "christmas day": (12, 25), "boxing day": (12, 26),
    "new year's eve": (12, 31), "new year's day": (1, 1),
}
_PERIODS = ("week", "weekend", "month", "year")
_UNITS = ("day", "days", "week", "weeks", "month", "months", "year", "years")
_RELATIVE_DAYS = ("today", "tonight", "yesterday", "tomorrow")
_PARTS_OF_DAY = ("morning", "afternoon", "evening", "night")

# Words before a date: a preposition, a modifier, a relation ("in early July", "late last
# year", "this coming Tuesday").
_MODIFIERS = {"early", "late", "mid", "earlier", "later"}
# Prepositions that make a bare month or year a date ("in March", "since 2014"). May is
# also a surname and a verb, so it takes only the ones that rarely come before a person.
_MONTH_LEADS = {
    "in", "since", "between", "until", "till", "during", "before", "after", "by", "from", "through",
    "throughout", "of",
}
_MAY_LEADS = {"in", "since", "until", "till", "during"}
_OF_YEAR = {"end", "start", "beginning", "middle", "half", "part", "course"}  # "end of 2019"
_WEEKEND_LEADS = {"over", "at", "during"}
_LEADS = _MONTH_LEADS | _WEEKEND_LEADS

_DETERMINERS = {
    "the", "a", "an", "every", "each", "that", "one", "any", "following", "previous", "same",
    "other", "some",
}
_FORWARD_LEADS = {"until", "till", "by"}
# Days in names: "Good Friday", "Black Friday", "the Mail on Sunday", "Sunday Times".
_NAME_BEFORE_WEEKDAY = {
    "Black", "Good", "Bloody", "Super", "Cyber", "Ash", "Palm", "Easter", "Holy", "Maundy",
    "Shrove", "Giving", "Man", "Girl", "Whit", "Low", "Plough", "Mothering", "Travel",
}
_NAME_AFTER_WEEKDAY = {
    "Times", "Telegraph", "Express", "Mirror", "Mail", "Post", "Herald", "Independent",
    "Tribune", "Club", "Mosque", "Group", "Island", "Night", "Morning", "Sport", "People",
}
# "May resigned", "May said": the surname, not the month.
_MAY_VERBS = {
    "said", "says", "told", "was", "is", "has", "had", "will", "would", "became", "took",
    "left", "won", "lost", "came", "made", "met", "called", "added", "wrote", "announced",
}
_CHAIN_REACH = 500  # how far back (characters) "the next day" looks for its date


# --- Patterns -----------------------------------------------------------------------------

_Trie = dict[str, "_Trie"]


def _forms(phrases: tuple[str, ...] | list[str] | set[str], lower: bool = True) -> str:
    """One pattern for ``phrases`` as printed: in lower case (unless ``lower`` is False),
    capitalised or in capitals. Spaces match any run of white space.

    The pattern is a trie ("t(?:o(?:day|night)|his)"): :mod:`re` tries alternatives one by
    one, so a flat list of many words costs a comparison per word wherever one could start,
    a trie one per letter. Starting with a literal also lets :mod:`re` skip ahead to the
    places worth trying, which ``(?i:...)`` would prevent.
    """
    root: _Trie = {}
    for phrase in phrases:
        forms = {phrase[:1].upper() + phrase[1:], phrase.upper()}
        if lower:
            forms.add(phrase)
        for form in forms:
            node = root
            for char in form:
                node = node.setdefault(char, {})
            node[""] = {}
    return _trie_pattern(root)


def _trie_pattern(node: _Trie) -> str:
    alternatives, final_letters = [], []
    for char, child in sorted(node.items()):
        if not char:
            continue
        rest = _trie_pattern(child)
        if rest or char == " ":
            alternatives.append((r"\s+" if char == " " else re.escape(char)) + rest)
        else:
            final_letters.append(re.escape(char))
    if final_letters:
        alternatives.append(
            final_letters[0] if len(final_letters) == 1 else "[" + "".join(final_letters) + "]"
        )
    if not alternatives:
        return ""
    if len(alternatives) == 1 and "" not in node:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")" + ("?" if "" in node else "")


def _month(name: str = "month") -> str:
    # Names of months and days are capitalised in news copy: that keeps "may" and "march"
    # the verbs out. Only abbreviations take a full stop.
    abbreviations = [a.capitalize() for a in _MONTH_ABBREVIATIONS]
    same_width: dict[int, list[str]] = {}
    for word in abbreviations + [a.upper() for a in abbreviations]:
        same_width.setdefault(len(word), []).append(word)
    dotted = "|".join(f"(?<={'|'.join(words)})" for words in same_width.values())
    return f"(?P<{name}>" + _forms(list(MONTHS), lower=False) + rf")(?:(?:{dotted})\.)?(?!\w)"


# A day of the month; the look-behind, after the first digit, stops re from trying again at
# each digit of a longer number.
_DAY = r"(?P<{}>[0-9](?<![\w.,:/-][0-9])[0-9]?)(?:st|nd|rd|th)?(?![\w:])(?![.,][0-9])"
_YEAR = r"(?P<{}>(?:19|20)[0-9][0-9])(?!\w)(?![.,][0-9])"


def _day(name: str = "day") -> str:
    return _DAY.format(name)


def _year(name: str = "year") -> str:
    return _YEAR.format(name)


_MONTH_FIRST_RE = re.compile(
    _month() + r"(?:\s+" + _day() + r"(?:,?\s+" + _year() + r")?|(?:\s+of)?,?\s+"
    + _year("month_year") + r")?"
)
_WEEKDAY_FIRST_RE = re.compile(
    r"(?P<weekday>" + _forms(list(WEEKDAYS) + list(_WEEKDAY_ABBREVIATIONS), lower=False) + r")"
    r"(?P<dot>\.)?(?!\w)(?:,?\s+(?:" + _month() + r"\s+" + _day() + r"|" + _day("day2")
    + r"(?:\s+of)?\s+" + _month("month2") + r")(?:,?\s+" + _year() + r")?"
    r"|\s+(?P<part_of_day>" + _forms(_PARTS_OF_DAY) + r")(?!\w))?"
)
_DAY_FIRST_RE = re.compile(_day() + r"(?:\s+of)?\s+" + _month() + r"(?:,?\s+" + _year() + r")?")
_ISO_RE = re.compile(
    r"(?P<year>(?:19|20)(?<![\w/.-][0-9]{2})[0-9][0-9])-(?P<month>0[1-9]|1[0-2])-"
    r"(?P<day>[0-3][0-9])(?![0-9/-])"
)
_NUMERIC_RE = re.compile(
    r"(?P<first>[0-9](?<![\w/.-][0-9])[0-9]?)(?P<sep>[/.])(?P<second>[0-9]{1,2})(?P=sep)"
    r"(?P<year>(?:19|20)[0-9][0-9])(?![\w/])(?![.,][0-9])"
)
_YEAR_RE = re.compile(
    r"(?P<year>(?:19|20)(?<![\w.,/][0-9]{2})[0-9][0-9])(?![\w/-])(?![.,][0-9])"
    r"(?!\s*(?:%|per\s?cent))"
)
_HOLIDAY_RE = re.compile(
    r"(?P<holiday>Christmas Eve|Christmas Day|Boxing Day|New Year['’]s (?:Eve|Day))(?!\w)"
    r"(?:,?\s+" + _year() + r")?"
)
# The other date words; which one matched decides how the words around it are read.
_WORD_RE = re.compile(
    r"(?P<word>" + _forms((*_SEASON_START, *_PERIODS, *_UNITS, *_RELATIVE_DAYS, *_PARTS_OF_DAY))
    + r")(?!\w)"
)
_SEASON_YEAR_TAIL = re.compile(
    r"(?:\s+of)?,?\s+" + _year() + r"(?:[-/–](?P<year2>[0-9]{2}|[0-9]{4})(?!\w))?"
)
_COUNT_TAIL = re.compile(r"\s+(?P<direction>" + _forms(("ago", "later", "earlier", "before",
                                                          "after")) + r")(?!\w)")
_PART_OF_DAY_TAIL = re.compile(r"\s+(?:" + _forms(_PARTS_OF_DAY) + r")(?!\w)")
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?)\]—–]|$)")
# A visit, opening or hearing told in the present tense is scheduled: "the minister, who visits
# the town on Thursday", "the ferry service resumes on Monday".
_SCHEDULED = re.compile(
    r"\b(?:visits|arrives|meets|travels|opens|reopens|begins|starts|resumes|holds|hosts|"
    r"faces|returns|flies|heads|tours|addresses|launches|testifies|appears|goes)\b"
    r"[^.,;:!?]{0,60}$",
    re.IGNORECASE,
)
# Where a clause of its own begins inside a sentence.
_CLAUSE_START = re.compile(r",\s+(?=(?:after|when|as|but|while|because|although|and)\b)|;\s+",
                           re.IGNORECASE)
# A perfect tense: what had happened by a day is behind it.
_PERFECT = re.compile(r"\b(?:had|has|have)\s+(?:\w+\s+)?\w+(?:ed|en|ne|wn|t)\b", re.IGNORECASE)
_PLANNED_FOR = re.compile(r"\bfor\s*$|\b(?:is|are|was|were)\s+(?:due|expected|scheduled)\s*$",
                          re.IGNORECASE)
_FUTURE_CUES = re.compile(
    r"\b(?:will|shall|would|(?:is|are|was|were)\s+(?:due|expected|scheduled|set|planning)\s+to|"
    r"(?:is|are|was|were)\s+(?:\w+\s+)?(?:planned|scheduled|set|due|expected)\s+(?:for|on)|"
    r"plans?\s+to|planned\s+to|planning\s+to|(?:is|are)\s+to|"
    r"(?:may|might|should)\s+(?!have\b|not\b)\w+|could\s+be\s+\w+|"
    r"(?:agreed|agrees?|promised|pledged|vowed|decided|intends?|intended|hopes?|hoped)"
    r"\s+to\s+\w+)\b|['’]ll\b",
    re.IGNORECASE,
)


# --- Calendar helpers ---------------------------------------------------------------------


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _season_span(season: str, year: int) -> tuple[date, date]:
    first = _SEASON_START[season]
    last_year, last_month = _shift_month(year, first, 2)
    return date(year, first, 1), _month_span(last_year, last_month)[1]


def _part_of_span(earliest: date, latest: date, part: str) -> tuple[date, date]:
    """The early, middle or late third of an interval ("early July", "late 2019")."""
    third = ((latest - earliest).days + 1) // 3
    if part == "early":
        return earliest, earliest + timedelta(days=third - 1)
    if part == "mid":
        return earliest + timedelta(days=third), latest - timedelta(days=third)
    if part == "late":
        return latest - timedelta(days=third - 1), latest
    return earliest, latest


def _nearest_date(
    month: int, day: int, anchor: date, weekday: int | None = None
) -> tuple[date, bool] | None:
    """The date with this month and day nearest to ``anchor`` (ties to the past), and whether
    the choice is clear; None when no year has such a date."""
    years = range(anchor.year - 1, anchor.year + 2)
    if month == 2 and day == 29:
        years = range(anchor.year - 4, anchor.year + 5)
    candidates = []
    for year in years:
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    matching = [c for c in candidates if weekday is None or c.weekday() == weekday]
    clear = bool(matching)
    ranked = sorted(matching or candidates, key=lambda c: (abs((c - anchor).days), c > anchor))
    if len(ranked) > 1:
        gap = abs((ranked[1] - anchor).days) - abs((ranked[0] - anchor).days)
        clear = clear and gap > 60
    return ranked[0], clear


# --- The words around a match -------------------------------------------------------------


def _words_before(text: str, start: int, limit: int = 4) -> list[tuple[str, int]]:
    """Up to ``limit`` words (letters or digits) right before ``start``, nearest first, each
    with its offset. Only spaces may separate them, or a hyphen right before ``start``
    ("mid-July"); punctuation ends the run, and a word glued to it ("1.5", "said,") is left
    out, except an opening quote or bracket."""
    floor = max(0, start - 60)
    chunk = text[floor:start]
    hyphen = chunk.endswith("-")
    if hyphen:
        chunk = chunk[:-1]
    elif not chunk.endswith(" "):
        return []
    pieces = chunk.rsplit(" ", 2 * limit)
    words: list[tuple[str, int]] = []
    offset = floor + len(chunk) + 1
    for index in range(len(pieces) - 1, -1, -1):
        piece = pieces[index]
        offset -= len(piece) + 1
        if index == 0 and floor > 0:
            break  # may be cut mid-word
        if not piece:
            if hyphen and not words:
                break  # "- July"
            continue
        if piece.isalnum():
            words.append((piece, offset))
            if len(words) == limit:
                break
            continue
        word = piece.rsplit("\n", 1)[-1].lstrip("\"'“‘(—–")
        if word.isalnum():
            words.append((word, offset + len(piece) - len(word)))
        break
    return words


def _next_word(text: str, end: int) -> str:
    """The word just after ``end``, if only spaces separate them (trailing punctuation off)."""
    chunk = text[end : end + 30]
    stripped = chunk.lstrip(" \t")
    if stripped == chunk or not stripped or stripped[0].isspace():
        return ""
    return stripped.split(None, 1)[0].rstrip(".,;:!?'’\"”)")


class _Prefix(NamedTuple):
    """What the words before a date word say: where the expression starts, its modifier
    ("early"), relation ("last", "this coming"), the preposition before it ("in"), and the
    word before all that, as printed."""

    start: int
    part: str
    relation: str
    lead: str
    before: str


def _prefix(text: str, start: int, words: list[tuple[str, int]] | None = None) -> _Prefix:
    if words is None:
        words = _words_before(text, start)
    lowered = [word.lower() for word, _ in words] + ["", ""]
    used, begin, part, relation, lead = 0, start, "", "", ""
    if lowered[0] in ("coming", "past") and lowered[1] == "this":
        relation, used = f"this {lowered[0]}", 2
    elif lowered[0] in ("last", "next", "this"):
        relation, used = lowered[0], 1
    if lowered[used] == "on" and lowered[used + 1] in ("early", "late") and not relation:
        part, used = lowered[used + 1], used + 2  # "late on Tuesday"
    elif lowered[used] in _MODIFIERS:
        part, used = lowered[used], used + 1
    if lowered[used:used + 2] == ["least", "at"] and lowered[used + 2] in _FORWARD_LEADS:
        used += 2  # "until at least Saturday"
    if used:
        begin = words[used - 1][1]
    if lowered[used] in _LEADS:
        lead, used = lowered[used], used + 1
    before = words[used][0] if used < len(words) else ""
    return _Prefix(begin, part, relation, lead, before)


def _sentence_start(text: str, start: int) -> bool:
    index = start - 1
    while index >= 0 and text[index] in " \t\"'“‘«(—–-":
        index -= 1
    return index < 0 or text[index] in ".!?:\n"


def _clause_after(text: str, start: int) -> str:
    """The rest of the clause a date expression at `start` stands in, after its day."""
    day = _DAY_WORD.search(text, start)
    end = day.end() if day else start
    stop = _CLAUSE_END_AFTER.search(text, end)
    return text[end:stop.start() if stop else len(text)]


# A weekday (with its part of the day) and what ends the clause after it.
_DAY_WORD = re.compile(r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                       r"(?:\s+(?:morning|afternoon|evening|night))?")
_CLAUSE_END_AFTER = re.compile(r"[.;!?\n]|,\s+(?=(?:after|when|as|but|while|because|"
                               r"although|and)\b)")
# A weekday named for what it will be: "Monday will be a day of national mourning",
# "Monday has been declared a day of mourning", "declared Monday a day of mourning".
_DAY_WILL_BE = re.compile(r"(?:\s+(?:morning|afternoon|evening|night))?\s+(?:will|is\s+to|"
                          r"(?:has|have)\s+been\s+(?:declared|designated|named|set\s+aside)|"
                          r"(?:was|is)\s+(?:declared|designated|named))\b", re.IGNORECASE)
_DECLARED_BEFORE = re.compile(r"\b(?:declared|designated|named|proclaimed)\s+$",
                              re.IGNORECASE)
# A weekday in the possessive, which what follows tells of: "Friday's vote will decide".
_POSSESSIVE_DAY = re.compile(r"(?:\w+\s+)*?(?i:monday|tuesday|wednesday|thursday|friday|"
                             r"saturday|sunday)['’]s\b")


def _sentence_before(text: str, start: int) -> str:
    """The sentence's words before `start`; the full stop of an abbreviation ("St. Idrun",
    "Dr. Lenz") does not end it."""
    begin = start
    while True:
        begin = max(text.rfind(mark, 0, begin) for mark in ".!?\n")
        if begin < 0 or ends_sentence(text, begin):
            return text[begin + 1 : start]


def publication_day(published: date | datetime | str | None) -> date | None:
    """The day of a publication date given as a date, a date-time or a string (ISO 8601 or
    as written); None when there is none, it cannot be read, or it is a placeholder such as
    0001-01-01."""
    if published is None:
        return None
    if isinstance(published, str):
        try:
            published = date.fromisoformat(published.strip()[:10])
        except ValueError:
            published = parse_date(published)
    if isinstance(published, datetime):
        published = published.date()
    if published is None or not 1000 <= published.year < 9000:
        return None
    return published


def _anchor_of(published: date | datetime | str | None, certain: bool) -> _Anchor | None:
    """The publication day as an anchor; None when `publication_day` finds none."""
    day = publication_day(published)
    return None if day is None else _Anchor(day, certain)


def _month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _weekday_number(name: str) -> int:
    key = name.lower().rstrip(".")
    return WEEKDAYS.index(key) if key in WEEKDAYS else _WEEKDAY_ABBREVIATIONS[key]


def _relative(anchor: _Anchor, earliest: date, latest: date, precision: str,
              clear: bool = True) -> _Reading:
    return _Reading(earliest, latest, precision, True, anchor.certain and clear)


# --- Readings -----------------------------------------------------------------------------


def _calendar_date(
    month_name: str, day_text: str, year_text: str | None, weekday_name: str | None,
    anchor: _Anchor | None,
) -> _Reading | None:
    """A printed day of a month, with or without a year (and perhaps a weekday)."""
    month, day = _month_number(month_name), int(day_text)
    weekday = _weekday_number(weekday_name) if weekday_name else None
    if year_text:
        try:
            value = date(int(year_text), month, day)
        except ValueError:
            return None
        clear = weekday is None or value.weekday() == weekday
        return _Reading(value, value, DAY, False, clear)
    if anchor is None:
        return None
    nearest = _nearest_date(month, day, anchor.day, weekday)
    if nearest is None:
        return None
    value, clear = nearest
    return _relative(anchor, value, value, DAY, clear)


def _month_reading(month: int, relation: str, part: str, anchor: _Anchor,
                   forward: bool = False) -> _Reading:
    """A month named without a year: "in July", "last March", "early next June"; said of the
    future ("will finish by June"), the next such month."""
    here, clear = anchor.day, True
    if relation in ("last", "this past"):
        year = here.year if month < here.month else here.year - 1
    elif relation in ("next", "this coming"):
        year = here.year if month > here.month else here.year + 1
    elif relation == "this":
        year = here.year
    elif forward:
        year = here.year if month >= here.month else here.year + 1
    else:
        year = here.year if month <= here.month else here.year - 1
        clear = (month - here.month) % 12 not in (1, 2)  # "in January", said in December
    return _relative(anchor, *_part_of_span(*_month_span(year, month), part), MONTH, clear)


def _weekday_reading(
    text: str, prefix: _Prefix, weekday: int, anchor: _Anchor, day_end: int
) -> _Reading:
    here, relation = anchor.day, prefix.relation
    back = (here.weekday() - weekday) % 7
    ahead = (weekday - here.weekday()) % 7
    clear = True
    if relation in ("next", "this coming"):
        value = here + timedelta(days=ahead or 7)
        # "next Monday" may also mean the Monday of next week
        clear = relation == "this coming" or value == _monday(here) + timedelta(days=7 + weekday)
    elif relation in ("last", "this past"):
        value = here - timedelta(days=back or 7)
        clear = relation == "this past" or value == _monday(here) - timedelta(days=7 - weekday)
    elif relation == "this":
        value = _monday(here) + timedelta(days=weekday)
    else:
        before = _CLAUSE_START.split(_sentence_before(text, prefix.start))[-1]
        after = _clause_after(text, prefix.start)
        forward = ((prefix.lead in _FORWARD_LEADS
                    and not _PERFECT.search(before) and not _PERFECT.search(after))
                   or _FUTURE_CUES.search(before) or _SCHEDULED.search(before)
                   or _PLANNED_FOR.search(before)
                   or (_POSSESSIVE_DAY.match(text, prefix.start)
                       and _FUTURE_CUES.search(after))
                   or _DECLARED_BEFORE.search(before)
                   or bool(_DAY_WILL_BE.match(text, day_end)))
        # Said of the future in its clause ("is due to visit on Thursday", "will reopen on
        # Monday", "who visits the town on Thursday", "called a vote for Friday", "by
        # Friday", "Friday's vote will decide", "Monday will be a day of mourning"), a bare
        # weekday is the next such day;
        # otherwise the last one ("should reopen on Friday, after crews cleared it on
        # Tuesday", "had received 3,000 calls by Tuesday night", "By Monday evening the
        # toll had risen").
        value = here + timedelta(days=ahead) if forward else here - timedelta(days=back)
    return _relative(anchor, value, value, DAY, clear)


def _season_reading(
    season: str, year_match: re.Match[str] | None, prefix: _Prefix, anchor: _Anchor | None
) -> _Reading | None:
    part, relation = prefix.part, prefix.relation
    if year_match:
        year, clear = int(year_match["year"]), True
        if season == "winter" and not year_match["year2"]:
            # "winter 2022" most often means the one that ends in 2022, but not always
            year, clear = year - 1, False
        return _Reading(*_part_of_span(*_season_span(season, year), part), SEASON, False, clear)
    if not relation or anchor is None:
        return None  # "in the summer" is too loose to date
    here = anchor.day
    spans = [_season_span(season, year) for year in range(here.year - 2, here.year + 2)]
    if relation in ("last", "this past"):
        span = max(s for s in spans if s[1] < here)
    elif relation in ("next", "this coming"):
        span = min(s for s in spans if s[0] > here)
    else:
        current = [s for s in spans if s[0] <= here <= s[1]]
        span = current[0] if current else _season_span(season, here.year)
    return _relative(anchor, *_part_of_span(*span, part), SEASON)


def _period_reading(period: str, prefix: _Prefix, anchor: _Anchor) -> _Reading | None:
    """"last week", "earlier this month", "early next year", "this weekend"."""
    if prefix.relation not in ("last", "this", "next"):
        return None
    here, part = anchor.day, prefix.part
    step = {"last": -1, "this": 0, "next": 1}[prefix.relation]
    clear = True
    if period in ("week", "weekend"):
        earliest = _monday(here) + timedelta(weeks=step)
        latest = earliest + timedelta(days=6)
        if period == "weekend":
            if part:
                return None
            earliest += timedelta(days=5)
            clear = step != 1 or here.weekday() >= 5  # "next weekend" said on a Tuesday
        precision = WEEK
    elif period == "month":
        earliest, latest = _month_span(*_shift_month(here.year, here.month, step))
        precision = MONTH
    else:
        earliest, latest = date(here.year + step, 1, 1), date(here.year + step, 12, 31)
        precision = YEAR
    if part == "earlier" and step == 0:
        latest = here
    elif part == "later" and step == 0:
        earliest = here
    else:  # "later next year" is read as "late next year"
        part = {"earlier": "early", "later": "late"}.get(part, part)
        earliest, latest = _part_of_span(earliest, latest, part)
    return _relative(anchor, earliest, latest, precision, clear)


def _ago_reading(count: int, unit: str, anchor: _Anchor) -> _Reading:
    here = anchor.day
    if unit == "day":
        value = here - timedelta(days=count)
        return _relative(anchor, value, value, DAY)
    if unit == "week":
        monday = _monday(here - timedelta(weeks=count))
        return _relative(anchor, monday, monday + timedelta(days=6), WEEK)
    if unit == "month":
        return _relative(anchor, *_month_span(*_shift_month(here.year, here.month, -count)),
                         MONTH)
    return _relative(anchor, date(here.year - count, 1, 1), date(here.year - count, 12, 31),
                     YEAR)


# --- Readers: one per pattern -------------------------------------------------------------
#
# A reader turns a match into the span of the expression and either a reading or, for an
# expression counted from an earlier date ("two days later"), the offset; None drops it.

_Found = tuple[int, int, _Reading | timedelta]
_Reader = Callable[[re.Match[str], str, _Anchor | None], _Found | None]


def _read_month_first(match: re.Match[str], text: str, anchor: _Anchor | None) -> _Found | None:
    """"Oct. 17, 2022", "Dec. 10", "July 2021", and months after "in", "last", "early"."""
    start, end = match.span()
    if match["day"]:
        reading = _calendar_date(match["month"], match["day"], match["year"], None, anchor)
        return (start, end, reading) if reading else None
    prefix = _prefix(text, start)
    if prefix.part in ("earlier", "later"):
        return None
    month = _month_number(match["month"])
    if match["month_year"]:
        span = _part_of_span(*_month_span(int(match["month_year"]), month), prefix.part)
        begin = prefix.start if prefix.part else start
        return begin, end, _Reading(*span, MONTH, False, True)
    if anchor is None:
        return None
    name = match["month"].lower()
    if name in _MONTH_ABBREVIATIONS and not prefix.part:
        return None  # "in Dec." is rare; "Jan" and "Mar" are also words
    if prefix.relation and prefix.before.lower() in _DETERMINERS:
        return None  # "the last March of the season"
    if not (prefix.relation or prefix.part):
        # a bare "March" may be a march, and "May" a person or a verb
        if prefix.lead not in (_MAY_LEADS if name == "may" else _MONTH_LEADS):
            return None
        if name == "may" and _may_is_a_name(text, end, prefix.lead):
            return None
    forward = prefix.lead in _FORWARD_LEADS or bool(
        _FUTURE_CUES.search(_sentence_before(text, prefix.start)))
    return prefix.start, end, _month_reading(month, prefix.relation, prefix.part, anchor,
                                             forward)


def _may_is_a_name(text: str, end: int, lead: str) -> bool:
    """Whether "May" after ``lead`` reads as the surname: "in May's cabinet", "since May
    resigned"."""
    if text[end : end + 2] in ("'s", "’s"):
        return True
    following = _next_word(text, end)
    return following in _MAY_VERBS or (
        lead in ("since", "until", "till") and following.islower() and following.endswith("ed")
    )


def _read_weekday_first(
    match: re.Match[str], text: str, anchor: _Anchor | None
) -> _Found | None:
    """"Friday", "early Saturday", "last Friday night", "Saturday, Dec. 10, 2022"."""
    start, end = match.span()
    month, day = match["month"] or match["month2"], match["day"] or match["day2"]
    if month:
        reading = _calendar_date(month, day, match["year"], match["weekday"], anchor)
        prefix = _prefix(text, start)
        begin = prefix.start if prefix.part in ("early", "late") and not prefix.relation else start
        return (begin, end, reading) if reading else None
    if anchor is None or match["weekday"].lower() not in WEEKDAYS:
        return None  # an abbreviated day name ("Sun") is a date only beside a date
    if match["dot"]:
        end = match.end("weekday")
    prefix = _prefix(text, start)
    if prefix.before in _NAME_BEFORE_WEEKDAY or text[max(0, start - 8) : start] == "Mail on ":
        return None
    if _next_word(text, match.end("weekday")) in _NAME_AFTER_WEEKDAY:
        return None
    if prefix.part == "mid":
        return None
    if prefix.before.lower() in _DETERMINERS:
        return None  # "every Friday", "the Friday before the vote", "the last Friday of"
    reading = _weekday_reading(text, prefix, _weekday_number(match["weekday"]), anchor,
                               match.end("weekday"))
    return prefix.start, end, reading


def _read_day_first(match: re.Match[str], text: str, anchor: _Anchor | None) -> _Found | None:
    """"17 October 2022", "3 March", "the 9th of December"."""
    reading = _calendar_date(match["month"], match["day"], match["year"], None, anchor)
    return (match.start(), match.end(), reading) if reading else None


def _read_iso(match: re.Match[str], text: str, anchor: _Anchor | None) -> _Found | None:
    try:
        value = date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None
    return match.start(), match.end(), _Reading(value, value, DAY, False, True)


def _read_numeric(match: re.Match[str], text: str, anchor: _Anchor | None) -> _Found | None:
    """``12/10/2022`` (month first, as in US copy) and ``10.12.2022`` (day first, as in
    European copy); a slashed date that could be read either way is uncertain."""
    first, second, year = int(match["first"]), int(match["second"]), int(match["year"])
    if match["sep"] == "." or first > 12:
        day, month, clear = first, second, True
    else:
        day, month, clear = second, first, second > 12 or first == second
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return match.start(), match.end(), _Reading(value, value, DAY, False, clear)


def _read_year(match: re.Match[str], text: str, anchor: _Anchor | None) -> _Found | None:
    """A year after a preposition or a modifier: "in 2019", "since 2014", "mid-2019"."""
    prefix = _prefix(text, match.start())
    if prefix.relation or prefix.part in ("earlier", "later"):
        return None
    if text[match.start() - 1 : match.start()] == "-" and not prefix.part:
        return None  # "2018-2019", but "mid-2019"
    if not prefix.part:
        if prefix.lead not in _MONTH_LEADS:
            return None  # a number like 2019 on its own may be a count
        if prefix.lead == "of" and prefix.before.lower() not in _OF_YEAR:
            return None  # "a total of 2019"
    year = int(match["year"])
    span = _part_of_span(date(year, 1, 1), date(year, 12, 31), prefix.part)
    return prefix.start, match.end(), _Reading(*span, YEAR, False, True)


def _read_holiday(match: re.Match[str], text: str, anchor: _Anchor | None) -> _Found | None:
    month, day = _HOLIDAYS[" ".join(match["holiday"].lower().replace("’", "'").split())]
    if match["year"]:
        value = date(int(match["year"]), month, day)
        return match.start(), match.end(), _Reading(value, value, DAY, False, True)
    if anchor is None:
        return None
    value, clear = _nearest_date(month, day, anchor.day) or (anchor.day, False)
    return match.start(), match.end(), _relative(anchor, value, value, DAY, clear)


def _read_count(
    match: re.Match[str], text: str, words: list[tuple[str, int]], anchor: _Anchor | None
) -> _Found | None:
    """"three days ago", "a year ago", "two days later", "the next day", "the day before"."""
    end = match.end()
    unit = match["word"].lower().rstrip("s")
    lowered = [word.lower() for word, _ in words] + ["", ""]
    if unit == "day" and lowered[0] in ("next", "following", "previous") and lowered[1] == "the":
        offset = timedelta(days=-1 if lowered[0] == "previous" else 1)
        return words[1][1], end, offset
    tail = _COUNT_TAIL.match(text, end)
    if tail is None:
        return None
    direction = tail["direction"].lower()
    if direction in ("before", "after") and not _CLAUSE_END.match(text, tail.end()):
        return None  # "two days before the vote" counts from the vote
    if unit == "day" and lowered[0] == "the" and direction in ("before", "after"):
        return words[0][1], tail.end(), timedelta(days=-1 if direction == "before" else 1)
    number = lowered[0]
    if number.isdigit() and len(number) <= 3:
        count = int(number)
    elif number in _NUMBER_WORDS:
        count = _NUMBER_WORDS[number]
    else:
        return None
    start = words[0][1]
    if direction == "ago":
        if anchor is None:
            return None
        return start, tail.end(), _ago_reading(count, unit, anchor)
    if unit not in ("day", "week"):
        return None
    days = count * (7 if unit == "week" else 1)
    return start, tail.end(), timedelta(days=-days if direction in ("earlier", "before") else days)


def _read_season(
    match: re.Match[str], text: str, words: list[tuple[str, int]], anchor: _Anchor | None
) -> _Found | None:
    """"last summer", "this spring", "summer 2021", "the winter of 2021-22"."""
    start, end = match.span()
    season = match["word"].lower()
    tail = _SEASON_YEAR_TAIL.match(text, end)
    prefix = _prefix(text, start, words)
    if prefix.part in ("earlier", "later"):
        return None
    if season == "fall" and not tail and _next_word(text, end) in ("in", "of"):
        return None  # "this fall in prices"
    if prefix.relation and prefix.before.lower() in _DETERMINERS:
        return None
    reading = _season_reading(season, tail, prefix, anchor)
    if reading is None:
        return None
    begin = prefix.start if prefix.part or (prefix.relation and not tail) else start
    return begin, tail.end() if tail else end, reading


def _read_period(
    match: re.Match[str], text: str, words: list[tuple[str, int]], anchor: _Anchor
) -> _Found | None:
    """"last week", "earlier this month", "next year", "over the weekend"."""
    start, end = match.span()
    period = match["word"].lower()
    if period == "weekend" and len(words) > 1 and words[0][0].lower() == "the" and (
        words[1][0].lower() in _WEEKEND_LEADS
    ):
        here = anchor.day  # the weekend just gone, or the current one
        saturday = _monday(here) + timedelta(days=5 if here.weekday() >= 5 else -2)
        return words[0][1], end, _relative(anchor, saturday, saturday + timedelta(days=1), WEEK)
    prefix = _prefix(text, start, words)
    if prefix.before.lower() in _DETERMINERS:
        return None  # "the last week", "the next month": a stretch of time, not a unit
    reading = _period_reading(period, prefix, anchor)
    return (prefix.start, end, reading) if reading else None


def _read_relative_day(
    match: re.Match[str], text: str, words: list[tuple[str, int]], anchor: _Anchor
) -> _Found | None:
    """"yesterday", "late last night", "this morning", "the day before yesterday", "the
    previous morning"."""
    start, end = match.span()
    word = match["word"].lower()
    prefix = _prefix(text, start, words)
    if word in _PARTS_OF_DAY:
        if [w.lower() for w, _ in words[:2]] == ["previous", "the"]:
            # "derailed the previous morning": the day before the article's, most often;
            # uncertain, as it may be the day before another event the article tells.
            value = anchor.day - timedelta(days=1)
            return words[1][1], end, _relative(anchor, value, value, DAY, clear=False)
        if (word, prefix.relation) not in (("night", "last"), ("morning", "this"),
                                           ("afternoon", "this"), ("evening", "this")):
            return None  # "Friday night" is read with its weekday
        offset = -1 if word == "night" else 0
    else:
        if prefix.relation or prefix.part == "mid":
            return None
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
        lowered = [w.lower() for w, _ in words[:3]]
        if lowered in (["before", "day", "the"], ["after", "day", "the"]):
            offset *= 2  # "the day before yesterday", "the day after tomorrow"
            prefix = prefix._replace(start=words[2][1])
        elif not prefix.part and text[start].isupper() and not _sentence_start(text, start):
            return None  # the Today programme, USA Today
        if word in ("yesterday", "tomorrow"):
            tail = _PART_OF_DAY_TAIL.match(text, end)
            end = tail.end() if tail else end
    value = anchor.day + timedelta(days=offset)
    return prefix.start, end, _relative(anchor, value, value, DAY)


def _read_word(match: re.Match[str], text: str, anchor: _Anchor | None) -> _Found | None:
    """Seasons, weeks, months and years, "yesterday" and its kin, and counted days."""
    word = match["word"].lower()
    words = _words_before(text, match.start())
    if word in _SEASON_START:
        return _read_season(match, text, words, anchor)
    if word in _UNITS:
        counted = _read_count(match, text, words, anchor)
        if counted or word not in _PERIODS:
            return counted
    if anchor is None:
        return None
    if word in _PERIODS:
        return _read_period(match, text, words, anchor)
    return _read_relative_day(match, text, words, anchor)


_READERS: tuple[tuple[re.Pattern[str], _Reader], ...] = (
    (_MONTH_FIRST_RE, _read_month_first),
    (_WEEKDAY_FIRST_RE, _read_weekday_first),
    (_DAY_FIRST_RE, _read_day_first),
    (_ISO_RE, _read_iso),
    (_NUMERIC_RE, _read_numeric),
    (_YEAR_RE, _read_year),
    (_HOLIDAY_RE, _read_holiday),
    (_WORD_RE, _read_word),
)


def find_event_dates(
    text: str, published: date | datetime | str | None, published_certain: bool = True
) -> list[EventDate]:
    """Every date expression in ``text`` with the interval it denotes, in text order.

    ``published`` is the anchor for relative expressions (a date, a date-time or an ISO 8601
    string; an unreadable string counts as no anchor). Without an anchor only expressions
    carrying their own year are returned. With ``published_certain=False`` every expression
    that needed the anchor is marked uncertain. Expressions never overlap: where two
    readings compete for the same words, the longer wins.
    """
    anchor = _anchor_of(published, published_certain)
    candidates: list[tuple[int, int, int, _Reading | timedelta]] = []
    for order, (pattern, reader) in enumerate(_READERS):
        for match in pattern.finditer(text):
            start = match.start()
            if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
                continue  # inside a word or a number
            found = reader(match, text, anchor)
            if found is not None:
                candidates.append((found[0], found[1], order, found[2]))

    taken = bytearray(len(text))
    chosen = []
    for start, end, _order, reading in sorted(candidates, key=lambda c: (c[0] - c[1], c[0], c[2])):
        if taken.find(1, start, end) == -1:
            taken[start:end] = b"\x01" * (end - start)
            chosen.append((start, end, reading))

    events: list[EventDate] = []
    last_day: EventDate | None = None
    for start, end, reading in sorted(chosen, key=lambda c: c[0]):
        if isinstance(reading, timedelta):  # counted from the date before it
            if last_day is not None and start - last_day.end <= _CHAIN_REACH:
                value = last_day.earliest + reading
                reading = _Reading(value, value, DAY, last_day.relative, last_day.certain)
            elif anchor is not None:
                value = anchor.day + reading
                reading = _Reading(value, value, DAY, True, False)
            else:
                continue
        event = EventDate(start, end, text[start:end], *reading)
        events.append(event)
        if event.precision == DAY:
            last_day = event
    return events
