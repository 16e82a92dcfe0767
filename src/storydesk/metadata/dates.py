"""Reading dates the way newsrooms print them.

Covers ISO dates and date-times, day-month-year and month-day-year forms with full or
abbreviated month names (``10 December 2022``, ``Saturday 10 December 2022 04:19``,
``Dec. 10, 2022``), and Unix epoch stamps. Relative dates ("on Friday") need a publication
date to resolve against; they belong to the timeline, not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_TIME = (
    r"(?:,?\s+(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?)?"
)
_YEAR = r"(?P<year>(?:19|20)\d{2})"

ISO_RE = re.compile(
    r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?:\.\d+)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?\b"
)
DMY_RE = re.compile(
    r"\b" + _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+" + _YEAR + _TIME,
    re.IGNORECASE,
)
MDY_RE = re.compile(
    r"\b" + _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR + _TIME,
    re.IGNORECASE,
)
# Day-first numeric dates with dots ("12.03.2025") are unambiguous in European usage; slashed
# forms ("03/12/2025") are not, so they are left alone.
DOTTED_RE = re.compile(
    r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)\d{2})\b" + _TIME
)
EPOCH_RE = re.compile(r"(?<!\d)(1[0-9]{9})(?!\d)")

# Epoch stamps outside this window are more likely ids or counts than times.
EPOCH_MIN = int(datetime(2000, 1, 1, tzinfo=UTC).timestamp())
EPOCH_MAX = int(datetime(2040, 1, 1, tzinfo=UTC).timestamp())


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date (and perhaps a time) printed in a text, with the span it was read from."""

    value: date | datetime
    text: str
    start: int
    end: int

    @property
    def iso(self) -> str:
        """The value as ISO 8601 (a date, or a date-time when a time was printed)."""
        return self.value.isoformat()

    @property
    def day(self) -> date:
        """The calendar day."""
        return self.value.date() if isinstance(self.value, datetime) else self.value


def _build(match: re.Match[str]) -> date | datetime | None:
    groups = match.groupdict()
    month_text = groups["month"]
    month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.lower().rstrip("."))
    try:
        day = date(int(groups["year"]), month or 0, int(groups["day"]))
    except (TypeError, ValueError):
        return None
    if groups.get("hour") is None:
        return day
    hour = int(groups["hour"])
    ampm = (groups.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        moment = datetime(
            day.year, day.month, day.day, hour, int(groups["minute"]), int(groups["second"] or 0)
        )
    except ValueError:
        return day
    tz = groups.get("tz")
    if tz == "Z":
        moment = moment.replace(tzinfo=UTC)
    elif tz:
        moment = datetime.fromisoformat(moment.isoformat() + tz[:3] + ":" + tz[-2:])
    return moment


YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# How far around a year a full date can reach: "Wednesday, September 24th, 2025 at 11:45 pm".
_BEFORE, _AFTER = 40, 30


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` around each four-digit year, merged where they overlap."""
    spans: list[tuple[int, int]] = []
    for m in YEAR_RE.finditer(text):
        start, end = max(0, m.start() - _BEFORE), min(len(text), m.end() + _AFTER)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def find_dates(text: str) -> list[FoundDate]:
    """Every full date (with a year) printed in ``text``, in order of appearance.

    Every date form has a four-digit year, so the patterns only run around years: scanning
    a long article costs little more than finding its numbers.
    """
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for lo, hi in _windows(text):
        window = text[lo:hi]
        for pattern in (ISO_RE, DMY_RE, MDY_RE, DOTTED_RE):
            for match in pattern.finditer(window):
                start, end = match.start() + lo, match.end() + lo
                if (start > lo and match.start() == 0 and text[start - 1].isalnum()) or any(
                    start < b and a < end for a, b in taken
                ):
                    continue  # cut mid-word by the window, or inside a date already found
                value = _build(match)
                if value is not None:
                    found.append(FoundDate(value, match.group(0), start, end))
                    taken.append((start, end))
    return sorted(found, key=lambda d: d.start)


def parse_date(text: str) -> date | datetime | None:
    """Parse a single date or date-time string; None when it holds no recognisable date.

    Accepts everything :func:`find_dates` recognises plus RFC 822 dates as used by feeds and
    e-mail (``Tue, 10 Dec 2022 04:19:00 GMT``).
    """
    text = text.strip()
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        if len(text) <= 10:
            return value.date()
        return value
    except ValueError:
        pass
    found = find_dates(text)
    if found:
        return found[0].value
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def epoch_to_datetime(stamp: str | int) -> datetime | None:
    """A Unix epoch stamp (seconds) as a UTC date-time, if it lies in a plausible range."""
    seconds = int(stamp)
    if not EPOCH_MIN <= seconds < EPOCH_MAX:
        return None
    return datetime.fromtimestamp(seconds, tz=UTC)


# A dateline's place ("TERVISK, Lorvania,") or a label ("Published:") before the date.
_DATE_PREFIX = re.compile(
    r"^(?:(?i:published|updated|posted|last updated|first published)\s*(?i:on|at)?\s*:?\s*|"
    r"(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3},\s*){1,3})"
)
# Section labels after the date ("12.03.2025, 15:20 | Panorama | Translated from the German").
_LABELS = re.compile(r"(?:\s*[|·•]\s*[^|·•]{1,40}){1,4}$")


def is_date_only(line: str) -> FoundDate | None:
    """The date when ``line`` is only a printed date, perhaps with a dateline's place before
    it or a few section labels after it; else None."""
    stripped = _LABELS.sub("", _DATE_PREFIX.sub("", line.strip())).strip(" .|·-–—")
    found = find_dates(stripped)
    if len(found) == 1 and found[0].start == 0 and found[0].end >= len(stripped) - 4:
        tail = stripped[found[0].end :].strip()
        if not tail or re.fullmatch(r"(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|[A-Z]{2,4})", tail):
            return found[0]
    return None
