"""Plain-text files: one article per file, in any common encoding."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from storydesk.article import RawDocument, Rejection
from storydesk.config import Settings
from storydesk.ingest.base import InputError, Record, check_text


class TextReader:
    """Reads a ``.txt`` scrape (UTF-8, UTF-16/32 with a BOM, or a detected legacy encoding)."""

    name = "text"

    def read(self, path: Path, data: bytes, settings: Settings) -> Iterator[Record]:
        """Yield the file's article, or its rejection."""
        try:
            text = check_text(data)
        except InputError as e:
            yield Rejection(str(path), str(e), path.name)
            return
        yield RawDocument(str(path), text, "text", file=path.name)
