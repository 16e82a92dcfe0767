"""HTML pages: one article per page, extracted by trafilatura in the cleaning stage."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from storydesk.article import RawDocument, Rejection
from storydesk.config import Settings
from storydesk.ingest.base import Record, binary_kind


class HtmlReader:
    """Reads a saved ``.html``/``.htm`` page. Extraction happens in worker processes."""

    name = "html"

    def read(self, path: Path, data: bytes, settings: Settings) -> Iterator[Record]:
        """Yield the page as a raw HTML document, or a rejection for non-HTML content."""
        if kind := binary_kind(data):
            yield Rejection(str(path), f"not HTML: looks like {kind}", path.name)
            return
        head = data[:4096].lower()
        if b"<" not in head:
            yield Rejection(str(path), "not HTML: no markup in the first 4 KB", path.name)
            return
        yield RawDocument(str(path), html_text(data), "html", file=path.name)


def html_text(data: bytes) -> str:
    """Decode an HTML page: its declared charset, else UTF-8, else a detected encoding."""
    from trafilatura.utils import decode_file

    return str(decode_file(data))
