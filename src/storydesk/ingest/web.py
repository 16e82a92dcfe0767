"""Articles and feeds fetched from URLs given on the command line."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx

from storydesk import __version__
from storydesk.article import RawDocument, Rejection
from storydesk.config import Settings
from storydesk.ingest.base import InputError, Record, binary_kind, check_text, human_size
from storydesk.ingest.feeds import is_feed, read_feed
from storydesk.ingest.html import html_text

USER_AGENT = f"storydesk/{__version__} (+news research; offline-first)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml")
TEXT_TYPES = ("text/plain",)


def is_url(value: str) -> bool:
    """Whether a command-line argument is an http(s) URL rather than a path."""
    return value.lower().startswith(("http://", "https://"))


def fetch(url: str, settings: Settings, client: httpx.Client | None = None) -> tuple[bytes, str]:
    """Download ``url``: returns the body and its content type.

    Raises :class:`InputError` on network errors, HTTP errors, bodies over the size limit, and
    content types storydesk cannot read.
    """
    own = client is None
    client = client or httpx.Client(
        timeout=httpx.Timeout(settings.timeout), follow_redirects=True,
        headers={"User-Agent": USER_AGENT}, max_redirects=5,
    )
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise InputError(f"HTTP {response.status_code} {response.reason_phrase}")
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type and not content_type.startswith(HTML_TYPES + FEED_TYPES + TEXT_TYPES):
                raise InputError(f"unsupported content type {content_type!r} (expected HTML, "
                                 "a feed or plain text)")
            declared = int(response.headers.get("content-length") or 0)
            if declared > settings.max_bytes:
                raise InputError(f"response is {human_size(declared)}, over the "
                                 f"{human_size(settings.max_bytes)} limit")
            chunks, size = [], 0
            deadline = time.monotonic() + settings.timeout
            for chunk in response.iter_bytes():
                if time.monotonic() > deadline:  # httpx's timeout bounds each read, not all
                    raise InputError(f"timed out after {settings.timeout:g} s (download too slow)")
                size += len(chunk)
                if size > settings.max_bytes:
                    raise InputError(f"response is over the {human_size(settings.max_bytes)} "
                                     "limit")
                chunks.append(chunk)
            return b"".join(chunks), content_type
    except httpx.TimeoutException as e:
        raise InputError(f"timed out after {settings.timeout:g} s ({type(e).__name__})") from e
    except httpx.HTTPError as e:
        raise InputError(f"could not fetch: {e}") from e
    finally:
        if own:
            client.close()


def read_url(url: str, settings: Settings) -> Iterator[Record]:
    """Fetch a URL and yield its article (an HTML page or a text file) or its feed's entries."""
    try:
        body, content_type = fetch(url, settings)
    except InputError as e:
        yield Rejection(url, str(e))
        return
    if not body.strip():
        yield Rejection(url, "empty response")
    elif kind := binary_kind(body):
        yield Rejection(url, f"not HTML or text: looks like {kind}")
    elif content_type.startswith(FEED_TYPES) or is_feed(body):
        yield from read_feed(body, url, None)
    elif content_type.startswith(TEXT_TYPES):
        try:
            yield RawDocument(url, check_text(body), "text", fields={"url": url},
                              fields_source="url")
        except InputError as e:
            yield Rejection(url, str(e))
    else:
        yield RawDocument(url, html_text(body), "html", fields={"url": url}, fields_source="url")
