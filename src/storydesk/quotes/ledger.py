"""The quote ledger in the store: extract quotes per article, align them per story.

`update_ledger` is incremental and safe to interrupt: each batch of articles is extracted and
committed in one transaction, and a story's statements are replaced in one transaction when
its set of articles has changed since they were aligned.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from storydesk.engine import Engine, LocalEngine
from storydesk.quotes.align import Rendering, Statement, align
from storydesk.quotes.model import Quote
from storydesk.store.sqlite import Store, transaction
from storydesk.stories.queries import in_stories_args, in_stories_sql

# Bump when extraction changes, so that `storydesk ledger` reads old articles again.
EXTRACTOR_VERSION = 2
BATCH = 48
# The extractor reads English; other articles are recorded as read with no quotes.
LANGUAGES = ("en", None)
Progress = Callable[[str, int, int], None]
# What a reporting verb takes as object ("denied sending drones") is exported with the
# article's quotes but too fragmentary to stand as a statement in the ledger.
LEDGER_EXCLUDES = "object"


@dataclass(slots=True)
class LedgerReport:
    """What one ledger update did."""

    articles: int = 0
    quotes: int = 0
    stories: int = 0
    statements: int = 0
    seconds: float = 0.0


def _extract_batch(job: list[tuple[int, str, bool]]) -> list[tuple[int, list[Quote]]]:
    """Quotes of (seq, text, is_english) articles; runs in a worker process."""
    from storydesk.quotes.extract import shared_extractor

    english = [(seq, text) for seq, text, ok in job if ok]
    found: dict[int, list[Quote]] = {}
    if english:
        extractor = shared_extractor()
        for (seq, _), quotes in zip(english, extractor.extract_many([t for _, t in english]),
                                    strict=True):
            found[seq] = quotes
    return [(seq, found.get(seq, [])) for seq, _, _ in job]


def extract_new(store: Store, progress: Progress | None = None,
                engine: Engine | None = None, min_sources: int = 1) -> tuple[int, int]:
    """Extract the quotes of every article not read by this extractor version yet (with
    ``min_sources`` > 1, only of articles in stories with that many independent sources).

    Returns (articles read, quotes found). Batches are extracted on the ``engine`` (default: this
    machine's cores), each worker loading spaCy once.
    """
    conn = store.conn
    todo = [r[0] for r in conn.execute(
        "SELECT a.seq FROM articles a LEFT JOIN quotes_read r ON r.seq = a.seq "
        f"WHERE (r.seq IS NULL OR r.extractor != ?) {in_stories_sql(min_sources)} "
        "ORDER BY a.seq", (EXTRACTOR_VERSION, *in_stories_args(min_sources)))]
    jobs = ((None, batch) for batch in store.text_batches(todo, BATCH, LANGUAGES))

    done = found = 0
    engine = engine or LocalEngine()
    for _, extracted in engine.map(_extract_batch, jobs, len(todo) > BATCH):
        found += _save_quotes(conn, extracted)
        done += len(extracted)
        if progress:
            progress("quotes", done, len(todo))
    return done, found


def _save_quotes(conn: Any, batch: list[tuple[int, list[Quote]]]) -> int:
    rows = [(seq, i, q.text, q.start, q.end, json.dumps(q.spans), int(q.direct),
             q.form, q.speaker, q.speaker_mention, q.cue)
            for seq, quotes in batch for i, q in enumerate(quotes)]
    seqs = [(seq,) for seq, _ in batch]
    with transaction(conn):
        conn.executemany("DELETE FROM quotes WHERE seq = ?", seqs)
        conn.executemany(
            "INSERT INTO quotes (seq, position, text, start, end, spans, direct, form, "
            "speaker, speaker_mention, cue) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        conn.executemany("INSERT OR REPLACE INTO quotes_read VALUES (?, ?)",
                         [(seq, EXTRACTOR_VERSION) for seq, _ in batch])
    return len(rows)


def _ledger_key(article_ids: list[str]) -> str:
    digest = hashlib.sha1("\n".join(sorted(article_ids)).encode()).hexdigest()[:16]
    return f"{EXTRACTOR_VERSION}:{digest}"


def align_stories(store: Store, progress: Progress | None = None,
                  min_sources: int = 1) -> tuple[int, int]:
    """Align the quotes of every story (with at least ``min_sources`` independent sources)
    whose articles changed since its last alignment.

    Returns (stories aligned, statements written).
    """
    conn = store.conn
    members: dict[str, list[str]] = {}
    for row in conn.execute("SELECT a.story, a.id FROM articles a WHERE a.story IS NOT NULL "
                            f"{in_stories_sql(min_sources)}", in_stories_args(min_sources)):
        members.setdefault(row["story"], []).append(row["id"])
    done_keys = {r["id"]: r["ledger_of"] for r in conn.execute("SELECT id, ledger_of FROM stories")}
    todo = [s for s, ids in members.items() if done_keys.get(s) != _ledger_key(ids)]
    stories = statements = 0
    for n, story in enumerate(sorted(todo), 1):
        statements += _align_story(conn, story, members[story])
        stories += 1
        if progress:
            progress("statements", n, len(todo))
    return stories, statements


def _align_story(conn: Any, story: str, article_ids: list[str]) -> int:
    rows = conn.execute(
        "SELECT q.id, q.position, q.text, q.direct, q.speaker, a.id AS article, a.published "
        "FROM quotes q JOIN articles a ON a.seq = q.seq WHERE a.story = ? AND q.form != ? "
        "ORDER BY a.seq, q.position", (story, LEDGER_EXCLUDES)).fetchall()
    quote_id = {(r["article"], r["position"]): r["id"] for r in rows}
    renderings = [Rendering(article=r["article"], text=r["text"], speaker=r["speaker"],
                            direct=bool(r["direct"]), published=r["published"],
                            index=r["position"]) for r in rows]
    found: list[Statement] = align(renderings) if renderings else []
    with transaction(conn):
        conn.execute("DELETE FROM statements WHERE story = ?", (story,))
        for position, statement in enumerate(found):
            ref = statement.reference
            cursor = conn.execute(
                "INSERT INTO statements (story, position, speaker, reference) "
                "VALUES (?, ?, ?, ?)",
                (story, position, statement.speaker, quote_id[(ref.article, ref.index)]))
            conn.executemany(
                "INSERT OR REPLACE INTO renderings VALUES (?, ?, ?, ?, ?, ?)",
                [(cursor.lastrowid, quote_id[(r.article, r.index)], f.kind,
                  json.dumps(f.diff, ensure_ascii=False), f.reason, round(f.similarity, 4))
                 for r, f in statement.renderings])
        conn.execute("UPDATE stories SET ledger_of = ? WHERE id = ?",
                     (_ledger_key(article_ids), story))
    return len(found)


def update_ledger(store: Store, progress: Progress | None = None,
                  engine: Engine | None = None, min_sources: int = 1) -> LedgerReport:
    """Extract quotes of new articles, then align the statements of changed stories
    (only those with at least ``min_sources`` independent sources, and their articles)."""
    started = time.perf_counter()
    report = LedgerReport()
    report.articles, report.quotes = extract_new(store, progress, engine, min_sources)
    report.stories, report.statements = align_stories(store, progress, min_sources)
    report.seconds = time.perf_counter() - started
    return report


# -- reading ------------------------------------------------------------------------------
def quotes_of(store: Store, article_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Export records of the quotes of some articles, by article id (those not read yet are
    left out)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for start in range(0, len(article_ids), 500):
        chunk = article_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for r in store.conn.execute(
                f"SELECT a.id AS article, r.seq IS NOT NULL AS was_read FROM articles a "
                f"LEFT JOIN quotes_read r ON r.seq = a.seq WHERE a.id IN ({marks})", chunk):
            if r["was_read"]:
                out[r["article"]] = []
        for r in store.conn.execute(
                "SELECT a.id AS article, q.* FROM quotes q JOIN articles a ON a.seq = q.seq "
                f"WHERE a.id IN ({marks}) ORDER BY q.seq, q.position", chunk):
            out.setdefault(r["article"], []).append(_quote_record(r))
    return out


def quotes_by_article(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Export records of the quotes of every article that has been read, by article id."""
    out: dict[str, list[dict[str, Any]]] = {
        r["id"]: [] for r in store.conn.execute(
            "SELECT a.id FROM articles a JOIN quotes_read r ON r.seq = a.seq")}
    for r in store.conn.execute(
            "SELECT a.id AS article, q.* FROM quotes q JOIN articles a ON a.seq = q.seq "
            "ORDER BY q.seq, q.position"):
        out.setdefault(r["article"], []).append(_quote_record(r))
    return out


def _quote_record(row: Any) -> dict[str, Any]:
    return {"text": row["text"], "speaker": row["speaker"],
            "speaker_mention": row["speaker_mention"], "direct": bool(row["direct"]),
            "start": row["start"], "end": row["end"], "cue": row["cue"],
            "form": row["form"], "partial": row["form"] == "partial",
            "spans": [list(s) for s in json.loads(row["spans"])]}


def story_statements(store: Store, story: str) -> list[dict[str, Any]]:
    """The statements of one story with their renderings, as the dossier exports them."""
    conn = store.conn
    out = []
    for st in conn.execute("SELECT * FROM statements WHERE story = ? ORDER BY position",
                           (story,)).fetchall():
        renderings = []
        for r in conn.execute(
                "SELECT r.*, q.text, q.direct, q.start, q.end, q.speaker_mention, "
                "a.id AS article, a.outlet, a.published, q.id = ? AS is_reference "
                "FROM renderings r JOIN quotes q ON q.id = r.quote "
                "JOIN articles a ON a.seq = q.seq WHERE r.statement = ? "
                "ORDER BY a.published IS NULL, a.published, a.seq, q.position",
                (st["reference"], st["id"])):
            renderings.append({
                "article": r["article"], "outlet": r["outlet"], "published": r["published"],
                "text": r["text"], "direct": bool(r["direct"]), "start": r["start"],
                "end": r["end"], "speaker_mention": r["speaker_mention"],
                "fidelity": r["fidelity"], "diff": json.loads(r["diff"]), "reason": r["reason"],
                "similarity": r["similarity"], "reference": bool(r["is_reference"])})
        out.append({"speaker": st["speaker"], "renderings": renderings})
    return out
