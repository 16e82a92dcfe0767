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
from storydesk.claims.analysis import story_analysis
from storydesk.quotes.ledger import quotes_by_article, story_statements
from storydesk.store.sqlite import Store

CSV_COLUMNS = ("file", "id", "url", "outlet", "authors", "title", "published",
               "published_certain", "language", "story", "copy_of", "copy_kind", "source", "text")


def article_record(article: Article, lineage: dict[str, Any] | None = None,
                   quotes: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The export-contract record for one article.

    ``lineage`` holds the story and copy fields (see :func:`lineage_of`); without it they are
    null. ``quotes`` is null for an article whose quotes have not been extracted yet.
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
        "quotes": quotes,
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
    quotes = quotes_by_article(store)
    for article in store.articles():
        yield article_record(article, lineage.get(article.id), quotes.get(article.id))


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


PARQUET_BATCH = 5000
# Nested fields of the contract that Parquet holds as JSON text.
PARQUET_JSON = ("copy_evidence", "quotes", "evidence")


def write_parquet(store: Store, path: str) -> int:
    """Write every article's export record to a Parquet file (for very large corpora, and for
    Spark, DuckDB, pandas); returns the number written.

    Columns are the contract's fields; ``authors`` and ``headings`` are lists of strings, and
    ``copy_evidence``, ``quotes`` and ``evidence`` JSON text (null where the JSONL export has
    null). Written in row groups of ``PARQUET_BATCH`` articles, so memory stays bounded.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:
        raise RuntimeError("Parquet export needs pyarrow: pip install 'storydesk[parquet]'") \
            from e
    text, flag = pa.string(), pa.bool_()
    schema = pa.schema([
        ("file", text), ("id", text), ("url", text), ("outlet", text),
        ("authors", pa.list_(text)), ("title", text), ("published", text),
        ("published_certain", flag), ("language", text), ("text", text),
        ("headings", pa.list_(text)), ("story", text), ("copy_of", text), ("copy_kind", text),
        ("copy_evidence", text), ("quotes", text), ("source", text), ("evidence", text)])
    count = 0
    batch: list[dict[str, Any]] = []
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for record in records(store):
            for name in PARQUET_JSON:
                if record[name] is not None:
                    record[name] = json.dumps(record[name], ensure_ascii=False)
            batch.append(record)
            if len(batch) == PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema))
                count += len(batch)
                batch = []
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema))
            count += len(batch)
    return count


def story_dossiers(store: Store) -> Iterator[dict[str, Any]]:
    """One dossier per story (PRODUCT.md): its articles, statements, claims, conflicts,
    entities and timeline."""
    for story in store.conn.execute(
            "SELECT * FROM stories ORDER BY first_published IS NULL, first_published, id"):
        yield story_dossier(store, story)


def story_dossier(store: Store, story: Any) -> dict[str, Any]:
    """The dossier of one story (a row of the `stories` table)."""
    from storydesk.dossier.summary import summarise

    articles = [
        {"id": r["id"], "outlet": r["outlet"], "title": r["title"],
         "published": r["published"], "copy_of": r["copy_of"], "copy_kind": r["copy_kind"]}
        for r in store.conn.execute(
            "SELECT id, outlet, title, published, copy_of, copy_kind FROM articles "
            "WHERE story = ? ORDER BY published IS NULL, published, seq", (story["id"],))]
    dossier = {"story": story["id"], "label": story["label"], "size": story["size"],
               "independent_sources": story["sources"], "articles": articles,
               "statements": story_statements(store, story["id"]),
               **_analysis_parts(store, story["id"])}
    dossier["summary"] = [s.to_dict() for s in summarise(dossier)]
    return dossier


def _analysis_parts(store: Store, story: str) -> dict[str, Any]:
    """The dossier's claims, conflicts, entities and timeline (empty lists when the story
    has not been analysed), with publications and off-topic segments."""
    analysis = story_analysis(store, story) or {}
    return {part: analysis.get(part, []) for part in
            ("claims", "conflicts", "entities", "timeline", "publications", "off_topic")}


def write_dossiers(store: Store, out: IO[str], lines: bool = False) -> int:
    """Write the story dossiers as one JSON list (or, with ``lines``, one per line);
    returns the number of stories."""
    dossiers = list(story_dossiers(store))
    if lines:
        for dossier in dossiers:
            out.write(json.dumps(dossier, ensure_ascii=False) + "\n")
    else:
        json.dump(dossiers, out, ensure_ascii=False, indent=1)
        out.write("\n")
    return len(dossiers)
