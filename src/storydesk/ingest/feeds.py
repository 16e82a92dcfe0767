"""RSS and Atom feeds: one article per entry, with the feed's full text when it carries it."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser

from storydesk.article import RawDocument, Rejection
from storydesk.config import Settings
from storydesk.ingest.base import Record, binary_kind

_TAG = re.compile(r"<[^>]+>")
FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)


def is_feed(data: bytes) -> bool:
    """Whether the bytes look like an RSS or Atom document."""
    return FEED_ROOT.search(data[:2048]) is not None


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC).isoformat()
    return entry.get("published") or entry.get("updated")


def _entry_body(entry: Any) -> tuple[str, str]:
    """The fullest text the entry carries, and which element it came from."""
    contents = entry.get("content") or []
    best = max(contents, key=lambda c: len(c.get("value", "")), default=None)
    if best and best.get("value", "").strip():
        return best["value"], "content"
    return entry.get("summary", "") or "", "summary"


def _authors(entry: Any) -> list[str]:
    names = [a.get("name", "") for a in entry.get("authors", []) if a.get("name")]
    if not names and entry.get("author"):
        names = [entry["author"]]
    return names


def read_feed(data: bytes, source: str, file: str | None) -> Iterator[Record]:
    """Yield the entries of a feed document; ``source`` names the file or URL it came from."""
    if kind := binary_kind(data):
        yield Rejection(source, f"not a feed: looks like {kind}", file)
        return
    parsed = feedparser.parse(data)
    entries = parsed.get("entries", [])
    if not entries:
        problem = parsed.get("bozo_exception")
        why = f"malformed feed XML ({problem})" if problem else "feed has no entries"
        yield Rejection(source, why, file)
        return
    feed_title = parsed.feed.get("title")
    notes = []
    if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
        notes.append(f"feed XML is not well-formed ({parsed['bozo_exception']}); read leniently")
    for index, entry in enumerate(entries):
        where = f"{source}#{entry.get('id') or entry.get('link') or index}"
        body, element = _entry_body(entry)
        if not _TAG.sub("", body).strip():
            yield Rejection(where, "feed entry has no text (no content or summary)", file)
            continue
        fields = {
            "title": entry.get("title"),
            "url": entry.get("link"),
            "date": _entry_date(entry),
            "outlet": feed_title,
            "authors": _authors(entry),
        }
        entry_notes = list(notes)
        if element == "summary":
            entry_notes.append("the feed carries only a summary of this article")
        yield RawDocument(where, body, "html" if _TAG.search(body) else "text", file=file,
                          fields={k: v for k, v in fields.items() if v}, fields_source="feed",
                          notes=entry_notes)


class FeedReader:
    """Reads an RSS/Atom feed file (``.rss``, ``.atom``, ``.xml``)."""

    name = "feed"

    def read(self, path: Path, data: bytes, settings: Settings) -> Iterator[Record]:
        """Yield one document per feed entry."""
        yield from read_feed(data, str(path), path.name)
