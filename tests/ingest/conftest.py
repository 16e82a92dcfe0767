"""Helpers for the reader and bad-input tests: running an ingest, writing WARC files.

Every article text here is invented for these tests (fictional towns, outlets and people).
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storydesk.article import Article
from storydesk.config import Settings
from storydesk.ingest.pipeline import RunReport, ingest
from storydesk.store.sqlite import Outcome, Store


@dataclass
class Run:
    """An ingest run and the store it wrote to (open until the test ends)."""

    report: RunReport
    store: Store

    def articles(self) -> list[Article]:
        """Every stored article."""
        return list(self.store.articles())

    def by_file(self) -> dict[str, list[Article]]:
        """Stored articles grouped by input file name."""
        grouped: dict[str, list[Article]] = {}
        for article in self.articles():
            grouped.setdefault(article.file or "", []).append(article)
        return grouped

    def only(self) -> Article:
        """The single stored article (fails if there is not exactly one)."""
        articles = self.articles()
        assert len(articles) == 1, [a.source for a in articles]
        return articles[0]

    def rejected(self, needle: str) -> list[Outcome]:
        """Rejections whose source contains ``needle`` (a file name, a URL path)."""
        return [o for o in self.report.rejected if needle in o.source]

    def reason(self, needle: str) -> str:
        """The reason of the one rejection whose source contains ``needle``, lower-cased."""
        found = self.rejected(needle)
        assert len(found) == 1, (needle, self.report.rejected)
        return (found[0].reason or "").lower()


RunIngest = Callable[..., Run]


@pytest.fixture
def run_ingest(tmp_path: Path) -> Iterator[RunIngest]:
    """Ingest inputs into a fresh database (outside the input folders); returns a :class:`Run`.

    Settings default to one job, so small runs build articles in-process.
    """
    stores: list[Store] = []
    counter = iter(range(1000))

    def run(inputs: Sequence[str | Path], settings: Settings | None = None) -> Run:
        store = Store(tmp_path / f"store-{next(counter)}.db")
        stores.append(store)
        report = ingest([str(i) for i in inputs], store, settings or Settings(jobs=1))
        return Run(report, store)

    yield run
    for store in stores:
        store.close()


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """An empty input folder."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


def html_page(title: str, outlet: str, paragraphs: Sequence[str], author: str | None = None,
              published: str | None = None, canonical: str | None = None) -> str:
    """A small, well-formed news page with the usual meta tags and some page furniture."""
    meta = [f'<meta property="og:site_name" content="{outlet}">',
            f'<meta property="og:title" content="{title}">']
    if author:
        meta.append(f'<meta name="author" content="{author}">')
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}">')
    if canonical:
        meta.append(f'<link rel="canonical" href="{canonical}">')
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f"<title>{title} | {outlet}</title>\n" + "\n".join(meta) + "\n</head><body>\n"
        '<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>\n'
        f"<article>\n<h1>{title}</h1>\n{body}\n</article>\n"
        f"<footer><p>© 2025 {outlet}. All rights reserved.</p></footer>\n</body></html>\n"
    )


@dataclass
class WarcItem:
    """One record to write into a WARC file."""

    url: str
    kind: str = "response"  # or "request"
    content_type: str = "text/html; charset=utf-8"
    body: bytes = b""


def write_warc(path: Path, items: Sequence[WarcItem], gzip: bool = True) -> list[int]:
    """Write ``items`` as WARC records with warcio; returns each record's start offset.

    With ``gzip`` each record is its own gzip member, as in CC-NEWS; the returned list ends
    with the file size, so record ``i`` spans ``offsets[i]:offsets[i + 1]``.
    """
    offsets = []
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        for item in items:
            offsets.append(handle.tell())
            if item.kind == "request":
                host = item.url.split("/")[2]
                request = f"GET / HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
                record = writer.create_warc_record(item.url, "request",
                                                   payload=io.BytesIO(request))
            else:
                headers = StatusAndHeaders("200 OK", [("Content-Type", item.content_type)],
                                           protocol="HTTP/1.1")
                record = writer.create_warc_record(item.url, "response",
                                                   payload=io.BytesIO(item.body),
                                                   http_headers=headers)
            writer.write_record(record)
        offsets.append(handle.tell())
    return offsets


def gzip_cut(data: bytes, start: int, end: int, keep: int) -> int:
    """Where to cut gzip member ``data[start:end]`` so that ``keep`` bytes of it decompress.

    Returns the smallest file length whose member prefix inflates to at least ``keep`` bytes:
    cutting there leaves a record that stops after about ``keep`` bytes of its uncompressed
    text (its WARC headers, HTTP headers or HTML body, depending on ``keep``).
    """
    for cut in range(start + 1, end):
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        if len(inflater.decompress(data[start:cut])) >= keep:
            return cut
    raise ValueError(f"member {start}:{end} inflates to fewer than {keep} bytes")


def member_text(data: bytes, start: int, end: int) -> bytes:
    """The uncompressed bytes of gzip member ``data[start:end]``."""
    return zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(data[start:end])
