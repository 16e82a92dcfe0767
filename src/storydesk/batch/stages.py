"""The per-partition stages of a batch run: read and clean, then fingerprint.

Each stage is a plain function of one partition, run wherever the engine runs it. It writes
its output into the partition's own SQLite file in the work folder and then a completion
marker (``part-00007.read.done``, ``part-00007.fingerprint.done``, JSON with its counts). A
stage whose marker exists is skipped, so a rerun after a crash, a kill or a lost worker does
only the partitions not finished. Outputs are written under a temporary name and renamed, or
in one transaction, so a stage killed half-way leaves nothing a rerun could mistake for done.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storydesk.article import Rejection
from storydesk.batch.plan import Shard
from storydesk.config import Settings
from storydesk.ingest.build import build_article
from storydesk.ingest.pipeline import Target, file_stamp, read_safely
from storydesk.similarity.score import Embedder
from storydesk.store.sqlite import Prepared, prepare
from storydesk.stories.engine import lexical_fingerprints, with_heads

PART_SCHEMA = """
CREATE TABLE records (n INTEGER PRIMARY KEY, kind TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE files (path TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL);
CREATE TABLE fingerprints (n INTEGER PRIMARY KEY, terms BLOB NOT NULL, weights BLOB NOT NULL,
                           minhash BLOB NOT NULL, embedding BLOB);
"""
FINGERPRINT_BATCH = 256


@dataclass(slots=True, frozen=True)
class PartitionJob:
    """One partition's work: its shards, its file, and the settings of the run."""

    index: int
    shards: tuple[Shard, ...]
    work: str
    settings: Settings
    embedder: str

    @property
    def path(self) -> Path:
        """The partition's SQLite file."""
        return Path(self.work) / "parts" / f"part-{self.index:05d}.db"

    def marker(self, stage: str) -> Path:
        """The completion marker of one stage."""
        return Path(self.work) / "parts" / f"part-{self.index:05d}.{stage}.done"


def done(job: PartitionJob, stage: str) -> dict[str, Any] | None:
    """The counts a finished stage recorded, or None when it has not finished (or its output
    has been removed since)."""
    if not job.path.exists():
        return None
    try:
        return json.loads(job.marker(stage).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _mark(job: PartitionJob, stage: str, counts: dict[str, Any]) -> None:
    temporary = job.marker(stage).with_suffix(f".tmp-{os.getpid()}")
    temporary.write_text(json.dumps(counts), encoding="utf-8")
    temporary.replace(job.marker(stage))


def prepare_partition(job: PartitionJob) -> dict[str, Any]:
    """Run the stages of one partition that have not finished; returns their counts."""
    return {"read": done(job, "read") or read_partition(job),
            "fingerprint": done(job, "fingerprint") or fingerprint_partition(job)}


def read_partition(job: PartitionJob) -> dict[str, Any]:
    """Read, clean and build the articles of every shard of the partition.

    Every record becomes an article or a rejection with its reason, in input order; the
    files read are noted with their size and time, so the store knows them as read.
    """
    started = time.perf_counter()
    job.path.parent.mkdir(parents=True, exist_ok=True)
    temporary = job.path.with_name(f"{job.path.name}.tmp-{os.getpid()}")
    temporary.unlink(missing_ok=True)
    counts = {"articles": 0, "rejected": 0}
    conn = sqlite3.connect(temporary)
    try:
        conn.executescript(PART_SCHEMA)
        n = 0
        for shard in job.shards:
            target = Target(shard.name, Path(shard.path) if shard.path else None)
            for record in read_safely(target, job.settings):
                built = record if isinstance(record, Rejection) else _build(record, job)
                kind = "rejected" if isinstance(built, Rejection) else "article"
                conn.execute("INSERT INTO records VALUES (?, ?, ?)", (n, kind, _dump(built)))
                counts["articles" if kind == "article" else "rejected"] += 1
                n += 1
            stamp = file_stamp(target)
            if stamp is not None:
                conn.execute("INSERT INTO files VALUES (?, ?, ?)", tuple(stamp))
        conn.commit()
    finally:
        conn.close()
    temporary.replace(job.path)
    counts["seconds"] = round(time.perf_counter() - started, 3)
    _mark(job, "read", counts)
    return counts


def _build(record: Any, job: PartitionJob) -> Prepared | Rejection:
    try:
        article = build_article(record, job.settings.outlets)
        return prepare(article) if not isinstance(article, Rejection) else article
    except Exception as e:  # one pathological page must not sink a partition
        return Rejection(record.source, f"could not process ({type(e).__name__}: {e})",
                         record.file)


def _dump(item: Prepared | Rejection) -> str:
    if isinstance(item, Rejection):
        return json.dumps([item.source, item.reason, item.file], ensure_ascii=False)
    return json.dumps([item.id, item.content_hash, item.source, item.file, list(item.values)],
                      ensure_ascii=False)


def load_record(kind: str, data: str) -> Prepared | Rejection:
    """A record of a partition file, as the store takes it."""
    values = json.loads(data)
    if kind == "rejected":
        return Rejection(*values)
    return Prepared(values[0], values[1], values[2], values[3], tuple(values[4]))


def fingerprint_partition(job: PartitionJob) -> dict[str, Any]:
    """Term profile, MinHash signature and head embedding of every article of the partition,
    written in one transaction."""
    started = time.perf_counter()
    embedder = Embedder(job.embedder)
    conn = sqlite3.connect(job.path, timeout=60)
    try:
        rows = []
        for n, data in conn.execute("SELECT n, data FROM records WHERE kind = 'article' "
                                    "ORDER BY n"):
            values = load_record("article", data).values
            rows.append((n, values[7], values[11], values[10]))  # title, text, language
        fingerprints = []
        for start in range(0, len(rows), FINGERPRINT_BATCH):
            batch = rows[start : start + FINGERPRINT_BATCH]
            lexical = lexical_fingerprints([(n, title, text) for n, title, text, _ in batch])
            fingerprints += with_heads(lexical, [r[1:] for r in batch], embedder)
        with conn:
            conn.execute("DELETE FROM fingerprints")
            conn.executemany("INSERT INTO fingerprints VALUES (?, ?, ?, ?, ?)", fingerprints)
    finally:
        conn.close()
    counts = {"articles": len(fingerprints), "seconds": round(time.perf_counter() - started, 3)}
    _mark(job, "fingerprint", counts)
    return counts
