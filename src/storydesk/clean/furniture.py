"""Page furniture: the lines a scraper keeps that are not part of the article.

Each rule names what the line is ("comment widget", "reading time", "epoch stamp"), so that a
user can see exactly what was taken out and why (``storydesk show ID --removed``). Rules are
deliberately narrow: a line is removed only when it matches a known kind of furniture as a
whole, because losing an article sentence is worse than keeping a stray widget label.
Lines that carry metadata (date lines, bylines, epoch stamps) are removed from the text but
handed to the metadata readers as :class:`Hint` records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storydesk.metadata.dates import (
    FoundDate,
    epoch_to_datetime,
    find_dates,
    is_date_only,
)


@dataclass(slots=True)
class Hint:
    """Metadata read off a furniture line: kind is "date line", "epoch stamp", "byline", ..."""

    kind: str
    line: int
    text: str
    value: object = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None


# Whole-line patterns, each with the reason shown to the user.
LINE_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?:jump|skip)\s+to\s+(?:main\s+)?(?:content|navigation|search)|"
                r"back\s+to\s+top|(?:main\s+)?menu|home(?:page)?|search|"
                r"sign\s+in|log\s*in|register|(?:sign\s+in|log\s*in)\s+or\s+register", re.I),
     "navigation link"),
    (re.compile(r"[^|•·]{1,30}(?:\s+[|•·]\s+[^|•·]{1,30}){2,}"), "navigation menu"),
    (re.compile(r"live\s*(?:updated|updates?|now)?\s*\d{9,11}|live\s*updated|live updates", re.I),
     "live-blog marker"),
    (re.compile(r"[·•|]?\s*\d{1,3}\s*(?:min(?:ute)?s?)\.?\s+read", re.I), "reading time"),
    # A widget's words run on for three words at most ("Be the first to comment on this
    # story!", "No one has commented yet - start the conversation"); a longer line that
    # starts alike is a sentence ("Read comments from residents who ...").
    (re.compile(r"(?:(?:view|show|load|add|post|read)\s+(?:all\s+)?(?:\d+\s+)?comments?|"
                r"(?:write|be)\s+the\s+first\s+(?:to\s+)?comment|"
                r"join\s+the\s+(?:conversation|discussion)|"
                r"(?:no\s+one|nobody)\s+has\s+commented\s+yet|"
                r"(?:sign\s+in|log\s*in)(?:\s+or\s+register)?\s+to\s+(?:comment|reply)|"
                r"comments?\s+(?:are|have been)\s+closed)(?:\s*[-–—|:·])?(?:\s+\S+){0,3}[.!]?\s*|"
                r"comments?\s*(?:\(\d+\))?|\d+\s+comments?", re.I),
     "comment widget"),
    (re.compile(r"(?:photo|image|picture|video)\s*(?:credit|source)s?\s*[,:].{0,80}|"
                r"(?:photo|image|picture)\s*:\s*\S.{0,60}", re.I),
     "photo credit"),
    (re.compile(r"to\s+suggest\s+a\s+correction.*|"
                r"(?:you\s+can\s+also\s+)?highlight\s+the\s+text\s+and\s+press\s+ctrl.*|"
                r"(?:spotted|found|see)\s+(?:an?\s+)?(?:error|mistake|typo|something\s+wrong)\??"
                r"\s*(?:let|tell|report|contact|write|email).{0,60}|"
                r"report\s+an?\s+(?:error|correction|typo)\.?", re.I),
     "correction-request footer"),
    (re.compile(r"share|subscribe|print|e-?mail|tweet|save|listen|follow|"
                r"share\s+(?:this|on)\b(?:[^.!?]{0,40}|(?:\s+\S+){0,3})|"
                r"(?:share|tweet|email|print)(?:\s*[|·/]\s*"
                r"(?:share|tweet|email|print|facebook|twitter|whatsapp|linkedin))+|"
                r"follow\s+us\s+on\b.{0,60}|sign\s+up\s+(?:for|to)\s+(?:our|the)\b.{0,80}|"
                r"subscribe\s+(?:now|today|to\s+our)\b.{0,80}", re.I),
     "sharing or sign-up widget"),
    (re.compile(r"advertisement|sponsored(?:\s+content)?|ad\s*feedback|"
                r"skip\s+(?:ad|advertisement)", re.I),
     "advertisement label"),
    (re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?.{0,80}|all\s+rights\s+reserved\.?", re.I),
     "copyright footer"),
    (re.compile(r"(?:we\s+use\s+cookies|this\s+(?:site|website)\s+uses\s+cookies|"
                r"accept\s+(?:all\s+)?cookies).{0,200}", re.I),
     "cookie notice"),
]

RELATED_MARKER = re.compile(
    r"(?:read\s+more|more\s+on\s+this\s+story|related(?:\s+(?:articles?|stories|content|"
    r"topics?|reading|coverage))?|recommended(?:\s+for\s+you)?|you\s+(?:may|might)\s+also\s+"
    r"like|also\s+read|see\s+also|most\s+(?:read|popular|viewed)|trending(?:\s+now)?|"
    r"other\s+topics\s+of\s+interest|more\s+(?:stories|from|top\s+stories).{0,40}|"
    r"editor'?s\s+picks?|what\s+to\s+read\s+next|top\s+stories)\s*:?",
    re.I,
)
DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*(.*)$", re.I)
EPOCH_LINE = re.compile(r"\d{10}")
LONE_NUMBER = re.compile(r"\d{1,6}")
YEAR = re.compile(r"\d{4}")

_NAME_WORD = r"[A-Z][a-zA-Z'’.-]+"
_PARTICLE = r"(?:de|da|del|der|van|von|bin|ibn|al|el|la|le|di|du|dos|ten|ter)"
PERSON_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{1,3}}"
OUTLET_NAME = r"(?:The\s+)?[A-Z][\w&'’.-]*(?:\s+(?:of\s+|the\s+)?[A-Z0-9][\w&'’.-]*){0,4}"
NAMES = rf"{PERSON_NAME}(?:\s*(?:,|and|&)\s*{PERSON_NAME})*"

BYLINE_RULES = [
    # "By Jane Doe and John Roe, Outlet" / "By Jane Doe"
    re.compile(rf"by\s+(?P<names>{NAMES})(?:\s*[,|–—-]\s*(?P<outlet>{OUTLET_NAME}))?", re.I),
    # "Jane Doe - Outlet"
    re.compile(rf"(?P<names>{NAMES})\s+[|–—-]\s+(?P<outlet>{OUTLET_NAME})"),
    # "Outlet by Jane Doe and John Roe"
    re.compile(rf"(?P<outlet>{OUTLET_NAME})\s+by\s+(?P<names>{NAMES})"),
]
AUTHOR_TIME = re.compile(rf"(?P<name>{PERSON_NAME})\s*(?P<when>\d{{1,2}}\s+[A-Z][a-z]+\.?\s+\d{{4}}"
                         r"(?:,?\s+\d{1,2}:\d{2})?|[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4}"
                         r"(?:,?\s+\d{1,2}:\d{2})?)")
NAME_ONLY = re.compile(PERSON_NAME)
# Words that, capitalised at the start of a "name", show the line is a headline instead.
NOT_NAME_WORDS = {
    "the", "a", "an", "in", "on", "at", "to", "of", "and", "for", "with", "from", "as", "is",
    "us", "uk", "news", "live", "breaking", "update", "watch", "video", "photos", "more",
    "read", "share", "comments", "home", "world", "politics", "business", "opinion", "analysis",
}


def split_names(names: str) -> list[str]:
    """Split "Jane Doe, John Roe and Ann Poe" into the three names."""
    parts = re.split(r"\s*(?:,|\band\b|&)\s*", names)
    return [" ".join(p.split()) for p in parts if p.strip()]


def looks_like_person(name: str) -> bool:
    """Whether a capitalised word run is plausibly a person's name (two to four words)."""
    words = name.split()
    if not 2 <= len(words) <= 5:
        return False
    if any(w.lower().strip(".") in NOT_NAME_WORDS for w in words):
        return False
    return not any(ch.isdigit() for ch in name)


OUTLET_WORDS = {
    "news", "press", "agency", "service", "times", "post", "herald", "journal", "courier",
    "tribune", "gazette", "wire", "daily", "weekly", "telegraph", "guardian", "independent",
    "express", "mail", "observer", "reuters", "ap", "afp", "bbc", "cnn", "radio", "tv",
    "television", "broadcasting", "media", "network", "magazine", "review", "chronicle",
    "standard", "ledger", "monitor", "star", "sun", "mirror", "record", "today", "online",
    "bulletin", "dispatch", "examiner", "inquirer", "sentinel", "globe", "register",
}


def looks_like_outlet(name: str) -> bool:
    """Whether a capitalised word run names a news organisation ("Meridian Press Agency")."""
    return any(w.lower().strip(".,") in OUTLET_WORDS for w in name.split())


def match_byline(line: str) -> Hint | None:
    """Read a byline ("By Jane Doe", "Jane Doe - Outlet", "Outlet by Jane Doe")."""
    if len(line) > MAX_BYLINE_CHARS:
        return None
    for rule in BYLINE_RULES:
        m = rule.fullmatch(line.strip())
        if not m:
            continue
        authors = split_names(m.group("names"))
        outlet = m.groupdict().get("outlet")
        if outlet is None and len(authors) > 1 and looks_like_outlet(authors[-1]):
            outlet = authors.pop()  # "By Jane Doe, Meridian Press Agency"
        if not authors or not all(looks_like_person(a) for a in authors):
            continue
        if (rule is BYLINE_RULES[1] and looks_like_person(outlet or "")
                and not looks_like_outlet(outlet or "")):
            continue  # "Jane Doe - John Roe" is two names, not a name and an outlet
        return Hint("byline", 0, line, authors=authors, outlet=outlet)
    return None


def match_author_time(line: str) -> Hint | None:
    """Read a live-blog author-and-time line ("Jane Doe14 March 2025 06:12")."""
    if len(line) > MAX_BYLINE_CHARS or not YEAR.search(line):
        return None
    m = AUTHOR_TIME.fullmatch(line.strip())
    if not m or not looks_like_person(m.group("name")):
        return None
    found = find_dates(m.group("when"))
    value = found[0].value if found else None
    return Hint("author and time", 0, line, value=value, authors=[m.group("name")])


# All the rules at once: most lines match none, and one pass in C tells so.
ANY_RULE = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in LINE_RULES), re.I)
MAX_BYLINE_CHARS = 120


def match_rule(line: str) -> str | None:
    """The furniture reason for a whole line, or None when the line is not furniture."""
    stripped = line.strip()
    if not ANY_RULE.fullmatch(stripped):
        return None
    for pattern, reason in LINE_RULES:
        if pattern.fullmatch(stripped):
            return reason
    return None


def date_only(line: str) -> FoundDate | None:
    """A line that is only a printed date ("Saturday 10 December 2022 04:19")."""
    if len(line) > 100 or not re.search(r"\d{4}", line):
        return None
    return is_date_only(line)


def epoch_stamp(line: str) -> Hint | None:
    """A bare Unix epoch stamp line, as live blogs leave behind."""
    stripped = line.strip()
    if not EPOCH_LINE.fullmatch(stripped):
        return None
    moment = epoch_to_datetime(stripped)
    return Hint("epoch stamp", 0, line, value=moment) if moment else None
