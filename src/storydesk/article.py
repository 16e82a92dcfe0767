"""The records that flow through storydesk: raw documents from readers, and cleaned articles.

A reader turns an input (a file, a line of a dump, a feed entry, a WARC record, a URL) into a
:class:`RawDocument` or a :class:`Rejection`. The ingest pipeline turns each raw document into
an :class:`Article`: cleaned text, headings kept as structure, the furniture it removed with the
reason, and every metadata value with where it came from (:class:`Evidence`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

DocFormat = Literal["text", "html"]


@dataclass(slots=True)
class Evidence:
    """One metadata value and where it came from.

    ``source`` names the kind of evidence in the newsroom's words ("date line", "byline",
    "epoch stamp", "html metadata", "feed", "dump field", "url domain", "outlet map",
    "inferred from text", "language detector"); ``detail`` quotes the passage or field it was
    read from. ``certain`` is False for values that are guesses, such as a publication date
    inferred from the dates an article mentions.
    """

    value: Any
    source: str
    detail: str = ""
    certain: bool = True

    def to_dict(self) -> dict[str, Any]:
        """The evidence as a JSON-ready dict."""
        return {"value": self.value, "source": self.source, "detail": self.detail,
                "certain": self.certain}


@dataclass(slots=True)
class Removal:
    """A piece of page furniture taken out of an article's text, and why."""

    line: int  # 1-based line number in the text as it arrived
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """The removal as a JSON-ready dict."""
        return {"line": self.line, "text": self.text, "reason": self.reason}


@dataclass(slots=True)
class Block:
    """A span of the cleaned text: the title, a heading, or a paragraph (offsets end-exclusive)."""

    kind: Literal["title", "heading", "paragraph"]
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """The block as a JSON-ready dict."""
        return {"kind": self.kind, "start": self.start, "end": self.end}


@dataclass(slots=True)
class RawDocument:
    """What a reader yields: one article's content as it arrived, before cleaning.

    ``fields`` holds metadata that came with the input in structured form (a dump's columns, a
    feed entry's elements, a WARC record's headers), keyed by ``title``, ``url``, ``date``,
    ``outlet`` and ``authors``; ``fields_source`` says what kind of input they came from.
    """

    source: str  # where it came from: a path, path:line, path#entry, a URL
    content: str  # plain text or HTML, per ``format``
    format: DocFormat = "text"
    file: str | None = None  # the input file's base name, when the article came from a file
    fields: dict[str, Any] = field(default_factory=dict)
    fields_source: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Rejection:
    """An input that could not become an article, with the reason in plain words."""

    source: str
    reason: str
    file: str | None = None


@dataclass(slots=True)
class Article:
    """A cleaned news article with its metadata and the evidence for each value."""

    id: str
    content_hash: str
    source: str
    text: str
    file: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601 date or date-time
    published_certain: bool = False
    language: str | None = None  # ISO 639-1 code
    blocks: list[Block] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    # For each metadata field, every piece of evidence found, the chosen value's first.
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def headings(self) -> list[str]:
        """The headings of the article body, in order."""
        return [self.text[b.start : b.end] for b in self.blocks if b.kind == "heading"]


def content_hash(text: str, url: str | None, file: str | None = None) -> str:
    """Fingerprint an article by its cleaned text and where it was published.

    Two inputs are the same article when they carry the same cleaned text under the same URL,
    or, without a URL, in a file of the same name: ingesting the second changes nothing, even
    from another folder. The same text under another URL or file name is a copy (another
    outlet's, or a saved duplicate), which copy detection links later, so it is kept.
    """
    digest = hashlib.sha256()
    digest.update((url or f"file:{file or ''}").encode("utf-8"))
    digest.update(b"\x00")
    digest.update(" ".join(text.split()).encode("utf-8"))
    return digest.hexdigest()


def article_id(hash_hex: str) -> str:
    """The short, stable id shown to users: the first 12 hex digits of the content hash."""
    return hash_hex[:12]
