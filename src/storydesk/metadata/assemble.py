"""Choosing each metadata value from the evidence, and keeping the evidence.

Every field (title, outlet, authors, url, published, language) collects candidates from what the
input carried (a dump's columns, a feed entry, HTML metadata), from furniture lines the cleaner
read (date lines, bylines, epoch stamps), from the text, and from the user's outlet map. The
candidates are ranked by how trustworthy their kind is; the first one is the value, and all of
them are kept so a user can see why.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

from storydesk.article import Evidence
from storydesk.clean.text import CleanText
from storydesk.metadata.dates import find_dates, parse_date

WELCOME_OUTLET = re.compile(
    r"\b(?:welcome\s+to|you\s+are\s+reading|this\s+is)\s+(?P<outlet>(?:The\s+)?"
    r"[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,4})['’]s?\s+(?:live\s+)?(?:coverage|blog|live)",
    re.I,
)
COPYRIGHT_OUTLET = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?P<outlet>[A-Z][\w&.' -]{1,60})"
)


def _iso(value: date | datetime) -> str:
    return value.isoformat()


def domain_of(url: str | None) -> str | None:
    """The host of a URL without a leading "www."."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    return host.removeprefix("www.") or None


def lookup_outlet(outlets: Mapping[str, str], url: str | None, file: str | None,
                  source: str) -> Evidence | None:
    """The user's outlet map: keys are domains (matching sub-domains too) or file-name globs."""
    host = domain_of(url)
    for key, name in outlets.items():
        key_l = key.lower()
        if host and (host == key_l or host.endswith("." + key_l)):
            return Evidence(name, "outlet map", f"domain {host} → {name}")
        for candidate in (file, source):
            if candidate and fnmatch.fnmatch(candidate, key):
                return Evidence(name, "outlet map", f"{candidate} matches {key} → {name}")
    return None


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        parts = re.split(r"\s*(?:;|\||\band\b|,(?=\s*[A-Z][a-z]+\s+[A-Z]))\s*", value)
        return [p.strip() for p in parts if p.strip()]
    return [str(v).strip() for v in value if str(v).strip()]


Sources = list[tuple[Mapping[str, Any], str]]


def choose_title(sources: Sources, cleaned: CleanText) -> list[Evidence]:
    """Title candidates: the input's own title fields, then the headline the text opens with."""
    found = [Evidence(" ".join(str(fields["title"]).split()), origin, "title field")
             for fields, origin in sources if fields.get("title")]
    if cleaned.title:
        found.append(Evidence(cleaned.title, "headline", "first line of the text"))
    return found


def choose_authors(sources: Sources, cleaned: CleanText) -> list[Evidence]:
    """Author candidates: the input's author fields, bylines, live-blog author lines."""
    found = []
    for fields, origin in sources:
        if authors := _as_list(fields.get("authors")):
            found.append(Evidence(authors, origin, "authors field"))
    for kind in ("byline", "author and time"):
        names: list[str] = []
        lines = []
        for hint in cleaned.hints:
            if hint.kind == kind:
                names += [a for a in hint.authors if a not in names]
                lines.append(hint.text)
        if names:
            found.append(Evidence(names, kind, " / ".join(dict.fromkeys(lines))))
    return found


def choose_url(sources: Sources) -> list[Evidence]:
    """URL candidates: the input's URL fields (a dump column, a feed link, a canonical link)."""
    return [Evidence(str(fields["url"]).strip(), origin, "url field")
            for fields, origin in sources if fields.get("url")]


def choose_outlet(sources: Sources, cleaned: CleanText, url: str | None, file: str | None,
                  source: str, outlets: Mapping[str, str]) -> list[Evidence]:
    """Outlet candidates: outlet map, input field, byline, footer or welcome line, URL domain."""
    found = []
    if mapped := lookup_outlet(outlets, url, file, source):
        found.append(mapped)
    for fields, origin in sources:
        if fields.get("outlet"):
            found.append(Evidence(str(fields["outlet"]).strip(), origin, "outlet field"))
    # A masthead names the publisher; a byline may credit the agency the story came from.
    for kind in ("masthead", "byline"):
        for hint in cleaned.hints:
            if hint.kind == kind and hint.outlet:
                found.append(Evidence(hint.outlet, kind, hint.text))
    # A live blog greets its readers in its first or last lines.
    edges = cleaned.kept_lines[:3] + cleaned.kept_lines[-3:]
    for line in edges + [r.text for r in cleaned.removed]:
        if m := WELCOME_OUTLET.search(line):
            found.append(Evidence(m.group("outlet"), "welcome line", line))
            break
    for removal in cleaned.removed:
        if removal.reason == "copyright footer" and (m := COPYRIGHT_OUTLET.search(removal.text)):
            name = re.split(r"\.\s", m.group("outlet"))[0].strip(" .")
            if not re.search(r"all rights reserved", name, re.I):
                found.append(Evidence(name, "footer", removal.text))
    if host := domain_of(url):
        found.append(Evidence(host, "url domain", url or ""))
    return found


def choose_published(sources: Sources, cleaned: CleanText, html_date: str | None = None,
                     today: date | None = None) -> list[Evidence]:
    """Publication date candidates, best first.

    The input's own date field, a scraper's date line, HTML metadata, a printed date line, an
    epoch stamp; failing all of them, the latest full date the text mentions, marked uncertain
    (an article is published on or after the last date it reports). When the chosen value is a
    bare day and an epoch stamp or printed time falls on that day, the time is added.
    """
    today = today or datetime.now(UTC).date()
    found: list[Evidence] = []
    for fields, origin in sources:
        if fields.get("date"):
            raw = str(fields["date"])
            if value := parse_date(raw):
                found.append(Evidence(_iso(value), origin, f"date field {raw!r}"))
    ranked = {"date line": 0, "printed date": 2, "author and time": 3, "epoch stamp": 4}
    hints = sorted((h for h in cleaned.hints if h.kind in ranked and h.value),
                   key=lambda h: (ranked[h.kind], h.line))
    for hint in hints[:1]:
        if hint.kind == "date line":
            found.append(Evidence(_iso(hint.value), "date line", hint.text))
    if html_date and (value := parse_date(html_date)):
        found.append(Evidence(_iso(value), "html metadata", f"htmldate: {html_date}"))
    for hint in hints:
        if hint.kind != "date line":
            found.append(Evidence(_iso(hint.value), hint.kind, hint.text))
    if not found:
        mentioned = [d for d in find_dates("\n".join(cleaned.kept_lines)) if d.day <= today]
        if mentioned:
            latest = max(mentioned, key=lambda d: d.day)
            found.append(Evidence(latest.day.isoformat(), "inferred from text",
                                  f"latest date the text mentions: {latest.text!r}", certain=False))
    if found and len(found[0].value) == 10:
        day = found[0].value
        stamps = [h for h in hints if h.kind in ("epoch stamp", "printed date", "author and time")
                  and isinstance(h.value, datetime) and h.value.date().isoformat() == day]
        # Epoch stamps are exact and in UTC; printed times have no zone, so they come second.
        exact = [h for h in stamps if h.value.tzinfo is not None]
        stamps = exact or stamps
        if stamps:
            earliest = min(stamps, key=lambda h: h.value)
            chosen = found[0]
            found.insert(0, Evidence(_iso(earliest.value), f"{chosen.source} + {earliest.kind}",
                                     f"{chosen.detail}; time from {earliest.text!r}",
                                     chosen.certain))
    return found


def disagreements(published: list[Evidence]) -> list[str]:
    """Notes for date sources that name different days."""
    certain = [e for e in published if e.certain]
    days = {str(e.value)[:10] for e in certain}
    if len(days) <= 1:
        return []
    listing = "; ".join(f"{e.source}: {str(e.value)[:10]}" for e in certain)
    return [f"publication date sources disagree ({listing})"]
