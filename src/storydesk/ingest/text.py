"""Plain-text files: one article per file, in any common encoding."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from storydesk.article import RawDocument, Rejection
from storydesk.config import Settings
from storydesk.ingest.base import Record, text_of


class TextReader:
    """Reads a ``.txt`` scrape (UTF-8, UTF-16/32 with a BOM, or a detected legacy encoding)."""

    name = "text"

    def read(self, path: Path, data: bytes, settings: Settings) -> Iterator[Record]:
        """Yield the file's article, or its rejection."""
        text = text_of(path, data)
        if isinstance(text, Rejection):
            yield text
        else:
            yield RawDocument(str(path), text, "text", file=path.name)
