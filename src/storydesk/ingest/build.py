"""Turning a raw document into an article: extract, clean, read metadata, fingerprint.

This is the CPU-heavy part of ingestion and runs in worker processes; it touches no database
and no files, so it can run anywhere, in any order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from storydesk.article import Article, Evidence, RawDocument, Rejection, article_id, content_hash
from storydesk.clean.text import clean_text
from storydesk.metadata import assemble
from storydesk.metadata.language import identify

_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_HEADING = re.compile(r"^#{1,6}\s+", re.M)
_DOCUMENT = re.compile(r"<(?:html|body)\b", re.I)
# The exact publication time most news sites declare; htmldate keeps only its day.
_PUBLISHED_META = re.compile(
    r"<meta\s[^>]*?(?:property|name|itemprop)=[\"'](?:article:published_time|og:published_time|"
    r"datePublished|pubdate|publish-date)[\"'][^>]*?>", re.I)
_CONTENT = re.compile(r"\scontent=[\"']([^\"']+)[\"']", re.I)
_SENTENCE = re.compile(r"(?:\w+\W+){5,}\w+[.!?…\"”’)]")


@lru_cache(maxsize=1)
def extraction_config() -> Any:
    """trafilatura settings for extraction in worker processes (built once)."""
    from trafilatura.settings import use_config

    config = use_config()
    # No SIGALRM-based timeout: extraction runs in worker processes, which the pipeline bounds.
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def extract_html(html: str, url: str | None = None) -> tuple[str, dict[str, Any]] | None:
    """The main text of an HTML page (headings on lines of their own) and its metadata.

    Returns None when trafilatura finds no article text in the page.
    """
    import trafilatura

    if not _DOCUMENT.search(html[:4096]):
        html = f"<html><body>{html}</body></html>"  # a fragment, as feeds and dumps carry
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_formatting=True, include_comments=False,
        include_tables=True, config=extraction_config(),
    )
    if doc is None or not (doc.text or "").strip():
        return None
    text = _EMPHASIS.sub(r"\2", _HEADING.sub("", doc.text))
    meta = {
        "title": doc.title,
        "authors": [a.strip() for a in re.split(r";|\|", doc.author or "") if a.strip()],
        "url": doc.url,
        "outlet": doc.sitename,
        "date": doc.date,
    }
    return text, {k: v for k, v in meta.items() if v}


def _first(evidence: list[Evidence]) -> Any:
    return evidence[0].value if evidence else None


def build_article(doc: RawDocument,
                  outlets: Mapping[str, str] | None = None) -> Article | Rejection:
    """Clean ``doc`` and read its metadata; a rejection when no article text remains."""
    outlets = outlets or {}
    sources: assemble.Sources = []
    if doc.fields:
        sources.append((doc.fields, doc.fields_source or "input field"))
    text = doc.content
    html_date = None
    if doc.format == "html":
        extracted = extract_html(text, url=doc.fields.get("url"))
        if extracted is None:
            return Rejection(doc.source, "no article text found in the HTML page", doc.file)
        text, html_meta = extracted
        if not _SENTENCE.search(text):
            return Rejection(doc.source, "no article text found in the HTML page (only link "
                             "or menu text, no sentence)", doc.file)
        html_date = html_meta.pop("date", None)
        if (tag := _PUBLISHED_META.search(doc.content[:100_000])) and (
            stamp := _CONTENT.search(tag.group(0))
        ):
            sources.append(({"date": stamp.group(1)}, "html metadata (published time)"))
        sources.append((html_meta, "html metadata"))
    known_title = next((str(f["title"]) for f, _ in sources if f.get("title")), None)
    cleaned = clean_text(text, known_title)
    if not cleaned.text.strip():
        reasons = sorted({r.reason for r in cleaned.removed})
        why = f" (all of it was page furniture: {', '.join(reasons)})" if reasons else ""
        return Rejection(doc.source, f"no article text{why}", doc.file)

    evidence: dict[str, list[Evidence]] = {
        "title": assemble.choose_title(sources, cleaned),
        "url": assemble.choose_url(sources),
        "authors": assemble.choose_authors(sources, cleaned),
        "published": assemble.choose_published(sources, cleaned, html_date),
    }
    url = _first(evidence["url"])
    evidence["outlet"] = assemble.choose_outlet(sources, cleaned, url, doc.file, doc.source,
                                                outlets)
    body = "\n".join(cleaned.text[b.start : b.end] for b in cleaned.blocks if b.kind == "paragraph")
    detection = identify(body or cleaned.text)
    language = detection.code if detection else None
    if detection:
        evidence["language"] = [Evidence(detection.code, "language detector", detection.method)]
    published = evidence["published"][0] if evidence["published"] else None
    digest = content_hash(cleaned.text, url, doc.file)
    return Article(
        id=article_id(digest),
        content_hash=digest,
        source=doc.source,
        file=doc.file,
        text=cleaned.text,
        title=_first(evidence["title"]),
        url=url,
        outlet=_first(evidence["outlet"]),
        authors=_first(evidence["authors"]) or [],
        published=published.value if published else None,
        published_certain=bool(published and published.certain),
        language=language,
        blocks=cleaned.blocks,
        removed=cleaned.removed,
        evidence={k: v for k, v in evidence.items() if v},
        notes=doc.notes + assemble.disagreements(evidence["published"]),
    )
