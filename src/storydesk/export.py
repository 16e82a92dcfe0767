"""Exports that follow the export contract: one JSON object (or CSV row) per article.

Fields filled by later stages of the pipeline (``story``, ``copy_of``, ``quotes``) are null
until those stages have run. Fields may be added; none may change meaning.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO, Any

from storydesk.article import Article
from storydesk.store.sqlite import Store

CSV_COLUMNS = ("file", "id", "url", "outlet", "authors", "title", "published",
               "published_certain", "language", "story", "copy_of", "copy_kind", "source", "text")


def article_record(article: Article, lineage: dict[str, Any] | None = None) -> dict[str, Any]:
    """The export-contract record for one article.

    ``lineage`` holds the story and copy fields (see :func:`lineage_of`); without it they are
    null.
    """
    lineage = lineage or {}
    return {
        "file": article.file,
        "id": article.id,
        "url": article.url,
        "outlet": article.outlet,
        "authors": article.authors,
        "title": article.title,
        "published": article.published,
        "published_certain": article.published_certain,
        "language": article.language,
        "text": article.text,
        "headings": article.headings,
        "story": lineage.get("story"),
        "copy_of": lineage.get("copy_of"),
        "copy_kind": lineage.get("copy_kind"),
        "copy_evidence": lineage.get("copy_evidence"),
        "quotes": None,
        "source": article.source,
        "evidence": {k: [e.to_dict() for e in v] for k, v in article.evidence.items()},
    }


def lineage_of(store: Store) -> dict[str, dict[str, Any]]:
    """Story and copy fields of every article, by article id."""
    out = {}
    for row in store.conn.execute(
            "SELECT id, story, copy_of, copy_kind, copy_evidence FROM articles"):
        out[row["id"]] = {
            "story": row["story"], "copy_of": row["copy_of"], "copy_kind": row["copy_kind"],
            "copy_evidence": json.loads(row["copy_evidence"]) if row["copy_evidence"] else None,
        }
    return out


def records(store: Store) -> Iterator[dict[str, Any]]:
    """Export records for every article in the store."""
    lineage = lineage_of(store)
    for article in store.articles():
        yield article_record(article, lineage.get(article.id))


def write_jsonl(store: Store, out: IO[str]) -> int:
    """Write one JSON object per line; returns the number of articles written."""
    count = 0
    for record in records(store):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(store: Store, out: IO[str]) -> int:
    """Write a CSV file with a header row (authors joined by "; "); returns the row count."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for record in records(store):
        record["authors"] = "; ".join(record["authors"])
        writer.writerow(record)
        count += 1
    return count
