"""The embedded SQLite store: articles, ingest runs, and the outcome of every input.

One database file holds everything, in WAL mode so that readers (the CLI, a web app, Datasette)
see a consistent snapshot while an ingest writes. Writes happen in batches, each one
transaction that stores the articles together with the outcomes of their inputs: a run killed
at any point leaves every committed batch whole and nothing half-written, and re-running skips
what is already there (content hashes are unique).
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, NamedTuple

from storydesk.article import Article, Block, Evidence, Rejection, Removal
from storydesk.store.migrations import migrate

Status = Literal["accepted", "duplicate", "rejected"]
ARTICLE_COLUMNS = (
    "id", "content_hash", "source", "file", "url", "outlet", "authors", "title", "published",
    "published_certain", "language", "text", "blocks", "removed", "evidence", "notes",
)


@dataclass(slots=True)
class Outcome:
    """What became of one input in an ingest run."""

    source: str
    status: Status
    reason: str | None = None
    article_id: str | None = None
    file: str | None = None


class FileStamp(NamedTuple):
    """A file as it was when it was read to the end: its path, size and modification time."""

    path: str
    size: int
    mtime_ns: int


@dataclass(slots=True)
class SearchHit:
    """A full-text search result with a highlighted snippet."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str


class NotFound(LookupError):
    """No article (or run) with that id."""


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction on an autocommit connection: taken with BEGIN IMMEDIATE (so a
    second writer waits instead of failing later), committed at the end, rolled back on any
    error or interruption."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # an interruption can land just after the COMMIT
            conn.execute("ROLLBACK")
        raise


def _process_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, owned by someone else
    return True


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Prepared(NamedTuple):
    """An article serialised for storage: what worker processes send back (cheap to pickle)."""

    id: str
    content_hash: str
    source: str
    file: str | None
    values: tuple[Any, ...]  # in ARTICLE_COLUMNS order


def prepare(article: Article) -> Prepared:
    """Serialise an article into the values of its database row."""
    values = (
        article.id, article.content_hash, article.source, article.file, article.url,
        article.outlet, _dump(article.authors), article.title, article.published,
        int(article.published_certain), article.language, article.text,
        _dump([b.to_dict() for b in article.blocks]),
        _dump([r.to_dict() for r in article.removed]),
        _dump({k: [e.to_dict() for e in v] for k, v in article.evidence.items()}),
        _dump(article.notes),
    )
    return Prepared(article.id, article.content_hash, article.source, article.file, values)


def article_from_row(row: sqlite3.Row) -> Article:
    """Rebuild an :class:`Article` from its database row."""
    return Article(
        id=row["id"], content_hash=row["content_hash"], source=row["source"], file=row["file"],
        url=row["url"], outlet=row["outlet"], authors=json.loads(row["authors"]),
        title=row["title"], published=row["published"],
        published_certain=bool(row["published_certain"]), language=row["language"],
        text=row["text"], blocks=[Block(**b) for b in json.loads(row["blocks"])],
        removed=[Removal(**r) for r in json.loads(row["removed"])],
        evidence={k: [Evidence(**e) for e in v] for k, v in json.loads(row["evidence"]).items()},
        notes=json.loads(row["notes"]),
    )


class Store:
    """A storydesk database. Open one per process (or thread); close it when done."""

    def __init__(self, path: str | Path, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise FileNotFoundError(
                f"no storydesk database at {self.path} (create one with `storydesk ingest`)"
            )
        self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=60.0,
                                    check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA busy_timeout = 60000")
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.conn.execute("PRAGMA foreign_keys = ON")
        migrate(self.conn)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest runs -------------------------------------------------------------------------

    def begin_run(self, command: str) -> int:
        """Record the start of an ingest run; returns its id.

        Runs on this machine still marked "running" whose process is gone (killed, or the
        machine lost power) are marked "interrupted" first.
        """
        host = socket.gethostname()
        for row in self.conn.execute("SELECT id, pid FROM runs WHERE status = 'running' "
                                     "AND host = ?", (host,)).fetchall():
            if not _process_alive(row["pid"]):
                self.finish_run(row["id"], "interrupted")
        cur = self.conn.execute(
            "INSERT INTO runs(started, command, host, pid) VALUES (?, ?, ?, ?)",
            (_now(), command, host, os.getpid()),
        )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, status: str = "finished") -> None:
        """Mark a run as finished (or "interrupted", "failed")."""
        self.conn.execute("UPDATE runs SET finished = ?, status = ? WHERE id = ?",
                          (_now(), status, run_id))

    def save_batch(self, run_id: int,
                   results: Iterable[Article | Prepared | Rejection | Outcome],
                   files: Iterable[FileStamp] = ()) -> list[Outcome]:
        """Store a batch of articles and rejections in one transaction; returns the outcomes.

        An article whose content hash is already stored is not stored again: its outcome is
        "duplicate", naming the article it duplicates. An :class:`Outcome` is recorded as it
        is (an input skipped without reading). ``files`` are the input files whose last
        record is in this batch: once it commits, they count as read.
        """
        with transaction(self.conn):
            outcomes = self.insert_batch(run_id, results, files)
        return outcomes

    def insert_batch(self, run_id: int,
                     results: Iterable[Article | Prepared | Rejection | Outcome],
                     files: Iterable[FileStamp] = ()) -> list[Outcome]:
        """:meth:`save_batch` inside a transaction the caller holds (and commits with work
        of its own)."""
        outcomes: list[Outcome] = []
        insert = (f"INSERT OR IGNORE INTO articles({', '.join(ARTICLE_COLUMNS)}, run_id, "
                  f"ingested_at) VALUES ({', '.join('?' * (len(ARTICLE_COLUMNS) + 2))})")
        conn = self.conn
        stamp = _now()
        last_seq = conn.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]
        for item in results:
            if isinstance(item, Rejection):
                outcomes.append(Outcome(item.source, "rejected", item.reason, None, item.file))
                continue
            if isinstance(item, Outcome):
                outcomes.append(item)
                continue
            if isinstance(item, Article):
                item = prepare(item)
            cur = conn.execute(insert, (*item.values, run_id, stamp))
            if cur.rowcount == 1:
                outcomes.append(Outcome(item.source, "accepted", None, item.id, item.file))
                continue
            first = conn.execute("SELECT id, source FROM articles WHERE content_hash = ?",
                                 (item.content_hash,)).fetchone()
            outcomes.append(Outcome(
                item.source, "duplicate",
                f"already stored as article {first['id']} (from {first['source']})",
                first["id"], item.file,
            ))
        conn.execute("INSERT INTO articles_fts(rowid, title, text) "
                     "SELECT seq, title, text FROM articles WHERE seq > ?", (last_seq,))
        conn.executemany(
            "INSERT INTO inputs(run_id, source, file, status, reason, article_id) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(run_id, o.source, o.file, o.status, o.reason, o.article_id) for o in outcomes],
        )
        conn.executemany(
            "INSERT OR REPLACE INTO files(path, size, mtime_ns, run_id) VALUES (?, ?, ?, ?)",
            [(*stamp, run_id) for stamp in files],
        )
        counts = {s: sum(o.status == s for o in outcomes)
                  for s in ("accepted", "duplicate", "rejected")}
        conn.execute(
            "UPDATE runs SET accepted = accepted + ?, duplicates = duplicates + ?, "
            "rejected = rejected + ? WHERE id = ?",
            (counts["accepted"], counts["duplicate"], counts["rejected"], run_id),
        )
        return outcomes

    def read_in(self, stamp: FileStamp) -> int | None:
        """The run that read this file to the end, if it has not changed since; else None."""
        row = self.conn.execute("SELECT size, mtime_ns, run_id FROM files WHERE path = ?",
                                (stamp.path,)).fetchone()
        if row and (row["size"], row["mtime_ns"]) == (stamp.size, stamp.mtime_ns):
            return int(row["run_id"])
        return None

    def runs(self, limit: int = 20) -> list[sqlite3.Row]:
        """The most recent ingest runs, newest first."""
        return self.conn.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,)).fetchall()

    def run(self, run_id: int) -> sqlite3.Row:
        """One ingest run."""
        row = self.conn.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise NotFound(f"no ingest run {run_id}")
        return row

    def outcomes(self, run_id: int, status: Status | None = None) -> list[Outcome]:
        """The outcomes of a run's inputs, optionally only those with ``status``."""
        sql = "SELECT source, status, reason, article_id, file FROM inputs WHERE run_id = ?"
        args: list[Any] = [run_id]
        if status:
            sql += " AND status = ?"
            args.append(status)
        return [Outcome(*row) for row in self.conn.execute(sql + " ORDER BY id", args)]

    # -- reading articles --------------------------------------------------------------------

    def text_batches(self, seqs: list[int], size: int, languages: Iterable[str | None]
                     ) -> Iterator[list[tuple[int, str, bool]]]:
        """The texts of articles `seqs`, `size` at a time, as (seq, text, in one of
        `languages`), for stages that read articles on worker processes."""
        wanted = set(languages)
        for start in range(0, len(seqs), size):
            batch = seqs[start:start + size]
            marks = ",".join("?" * len(batch))
            yield [(r["seq"], r["text"], r["language"] in wanted) for r in self.conn.execute(
                f"SELECT seq, text, language FROM articles WHERE seq IN ({marks}) ORDER BY seq",
                batch)]

    def count(self) -> int:
        """How many articles the store holds."""
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def get(self, id_or_prefix: str) -> Article:
        """An article by id, or by a unique prefix of its id (at least 4 characters)."""
        key = id_or_prefix.strip().lower()
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (key,)).fetchone()
        if row is None and len(key) >= 4 and all(c in "0123456789abcdef" for c in key):
            rows = self.conn.execute("SELECT * FROM articles WHERE id LIKE ? || '%' LIMIT 2",
                                     (key,)).fetchall()
            if len(rows) > 1:
                raise NotFound(f"{id_or_prefix!r} matches several articles; give more of the id")
            row = rows[0] if rows else None
        if row is None:
            raise NotFound(f"no article {id_or_prefix!r}")
        return article_from_row(row)

    def articles(self, limit: int | None = None, offset: int = 0, outlet: str | None = None,
                 language: str | None = None) -> Iterator[Article]:
        """Articles in order of publication date (undated last), then of ingestion."""
        sql = "SELECT * FROM articles"
        where, args = [], []
        if outlet:
            where.append("outlet = ? COLLATE NOCASE")
            args.append(outlet)
        if language:
            where.append("language = ?")
            args.append(language)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY published IS NULL, published, seq LIMIT ? OFFSET ?"
        args += [limit if limit is not None else -1, offset]
        for row in self.conn.execute(sql, args):
            yield article_from_row(row)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over titles and texts (FTS5 syntax; plain words work as expected).

        A query that is not valid FTS5 syntax is searched as plain words instead.
        """
        sql = (
            "SELECT a.id, a.title, a.outlet, a.published, "
            "snippet(articles_fts, 1, '[', ']', '…', 16) AS snippet "
            "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 5.0, 1.0) LIMIT ?"
        )
        try:
            rows = self.conn.execute(sql, (query, limit)).fetchall()
        except sqlite3.OperationalError:
            # Control characters (a NUL ends an FTS5 string early) separate words too.
            printable = "".join(c if c.isprintable() else " " for c in query)
            words = ['"' + w.replace('"', '""') + '"' for w in printable.split()]
            if not words:
                return []
            rows = self.conn.execute(sql, (" ".join(words), limit)).fetchall()
        return [SearchHit(*row) for row in rows]
