"""Claims, conflicts, entities and timeline in the store, kept up to date incrementally.

`update_analysis` works in two steps, each safe to interrupt:

1. `prepare`: entity recognition for every article not read by this recogniser version yet
   (spaCy's NER, the costly part) and the word vectors of the changed stories' new words, in
   worker processes, committed batch by batch;
2. the analysis of every story whose articles, copy relations or publication dates changed
   since it was last analysed, each story replaced in one transaction.

A story's analysis is stored as one JSON document (claims, conflicts, entities, timeline,
publications, off-topic segments); `story_analysis` reads it back for the CLI and exports.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from storydesk.claims.align import SentenceVectors, WordVectors
from storydesk.claims.story import StoryArticle, analyse_story, vocabulary
from storydesk.claims.words import StoredWordVectors, distil, save_word_vectors, table
from storydesk.engine import Engine, LocalEngine
from storydesk.entities.model import Mention
from storydesk.store.sqlite import Store, transaction
from storydesk.stories.queries import in_stories_args, in_stories_sql

# Bump when entity recognition changes, so that `storydesk analyse` reads articles again,
# and when a story's analysis changes, so that it analyses the stories again.
RECOGNISER_VERSION = 4
ANALYSER_VERSION = 9
BATCH = 24
WORD_BATCH = 256  # words per job when distilling word vectors: one batch of the model
ENTITIES, WORDS = "entities", "words"  # the kinds of `prepare`'s jobs
LANGUAGES = ("en", None)  # the recogniser reads English; others get no entities
Progress = Callable[[str, int, int], None]


@dataclass(slots=True)
class AnalysisReport:
    """What one analysis update did."""

    articles: int = 0
    mentions: int = 0
    stories: int = 0
    claims: int = 0
    conflicts: int = 0
    words: int = 0  # words whose vectors were distilled and stored
    seconds: float = 0.0


def _recognise_batch(job: list[tuple[int, str, bool]]) -> list[tuple[int, list[list[Any]]]]:
    """Entity mentions of (seq, text, is_english) articles; runs in a worker process."""
    from storydesk.entities import recognise_many

    english = [(seq, text) for seq, text, ok in job if ok]
    found: dict[int, list[list[Any]]] = {}
    if english:
        for (seq, _), mentions in zip(english, recognise_many([t for _, t in english]),
                                      strict=True):
            found[seq] = [[m.start, m.end, m.form, m.kind] for m in mentions]
    return [(seq, found.get(seq, [])) for seq, _, _ in job]


def _recognition_jobs(store: Store, min_sources: int
                      ) -> tuple[int, Iterator[tuple[str, Any]]]:
    """How many articles have no entity mentions from this recogniser version yet (with
    ``min_sources`` > 1, only in stories with that many independent sources), and their
    jobs in batches."""
    todo = [r[0] for r in store.conn.execute(
        "SELECT a.seq FROM articles a LEFT JOIN mentions_read r ON r.seq = a.seq "
        f"WHERE (r.seq IS NULL OR r.analyser != ?) {in_stories_sql(min_sources)} "
        "ORDER BY a.seq", (RECOGNISER_VERSION, *in_stories_args(min_sources)))]
    batches = store.text_batches(todo, BATCH, LANGUAGES)
    return len(todo), ((ENTITIES, batch) for batch in batches)


def _missing_words(store: Store, thorough: bool, min_sources: int) -> list[str]:
    """The words of the changed stories' claims that the store holds no vector for, after
    storing those the installation's table lists (see `storydesk.claims.words.table`)."""
    conn = store.conn
    todo, _ = _changed_stories(store, thorough, min_sources)
    parent = _parents(store)
    words: set[str] = set()
    for story in todo:
        words |= vocabulary(_story_articles(conn, story, parent))
    known: set[str] = set()
    wanted = sorted(words)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        marks = ",".join("?" * len(chunk))
        known.update(r[0] for r in conn.execute(
            f"SELECT word FROM word_vectors WHERE word IN ({marks})", chunk))
    missing = [w for w in wanted if w not in known]
    listed = table() or {}
    looked_up = [w for w in missing if w in listed]
    for start in range(0, len(looked_up), WORD_BATCH):
        chunk = looked_up[start:start + WORD_BATCH]
        save_word_vectors(conn, chunk, np.stack([listed[w] for w in chunk]))
    return [w for w in missing if w not in listed]


def _prepare_job(job: tuple[str, Any]) -> Any:
    """One job of `prepare`, in a worker process: the entity mentions of a batch of
    articles, or the vectors of a chunk of words."""
    kind, payload = job
    return _recognise_batch(payload) if kind == ENTITIES else distil(payload)


@dataclass(slots=True)
class Prepared:
    """What `prepare` did."""

    articles: int = 0  # articles whose entity mentions were found
    mentions: int = 0
    words: int = 0  # words whose vectors were distilled and stored


def prepare(store: Store, words: bool = True, thorough: bool = False,
            progress: Progress | None = None, engine: Engine | None = None,
            min_sources: int = 1) -> Prepared:
    """What story analysis needs computed first, as one stream of jobs on the engine's
    workers: the entity mentions of articles not read by this recogniser version, then
    (with ``words``) the vectors of the changed stories' words that neither the store nor
    the installation's table holds. Each batch is committed as it comes back.

    One stream keeps every worker busy: the last entity batches run while the stories'
    vocabulary is gathered here and its first words are distilled."""
    conn = store.conn
    done = Prepared()
    articles, recognition = _recognition_jobs(store, min_sources)
    # With little to recognise, the words are gathered first, to know whether the work is
    # worth the workers; else while the workers recognise entities.
    early = words and articles <= BATCH
    missing = _missing_words(store, thorough, min_sources) if early else []

    def word_jobs() -> Iterator[tuple[str, Any]]:
        if not early:
            missing.extend(_missing_words(store, thorough, min_sources))
        for start in range(0, len(missing), WORD_BATCH):
            yield WORDS, missing[start:start + WORD_BATCH]

    jobs = itertools.chain(recognition, word_jobs() if words else ())
    parallel = articles > BATCH or len(missing) > WORD_BATCH
    engine = engine or LocalEngine()
    # Each job is its own context: its kind says what came back, its words where to save.
    for (kind, payload), result in engine.map(_prepare_job, ((job, job) for job in jobs),
                                              parallel):
        if kind == ENTITIES:
            rows = [(seq, RECOGNISER_VERSION, json.dumps(mentions, ensure_ascii=False))
                    for seq, mentions in result]
            with transaction(conn):
                conn.executemany("INSERT OR REPLACE INTO mentions_read VALUES (?, ?, ?)",
                                 rows)
            done.articles += len(result)
            done.mentions += sum(len(m) for _, m in result)
            if progress:
                progress("entities", done.articles, articles)
        else:
            save_word_vectors(conn, payload, result)
            done.words += len(payload)
            if progress:
                progress("vocabulary", done.words, len(missing))
    return done


def _story_key(rows: list[Any], thorough: bool) -> str:
    """What a story's analysis was made from: its articles, their copy relations and dates,
    the analyser version and the alignment mode."""
    state = "\n".join(f"{r['id']}|{r['copy_of']}|{r['published']}" for r in rows)
    mode = "thorough" if thorough else "fast"
    return f"{ANALYSER_VERSION}:{mode}:{hashlib.sha1(state.encode()).hexdigest()[:16]}"


def _family(article_id: str, parent: dict[str, str | None]) -> str:
    """The article a copy chain descends from (the article itself when it is no copy)."""
    seen = {article_id}
    while parent.get(article_id) and parent[article_id] not in seen:
        article_id = parent[article_id]  # type: ignore[assignment]
        seen.add(article_id)
    return article_id


def _changed_stories(store: Store, thorough: bool, min_sources: int = 1
                     ) -> tuple[list[str], dict[str, list[Any]]]:
    """The stories (with at least ``min_sources`` independent sources) whose articles
    changed since their last analysis in this mode, and the article rows of each."""
    rows_of: dict[str, list[Any]] = {}
    for row in store.conn.execute("SELECT a.id, a.story, a.copy_of, a.published FROM articles a "
                                  f"WHERE a.story IS NOT NULL {in_stories_sql(min_sources)} "
                                  "ORDER BY a.id", in_stories_args(min_sources)):
        rows_of.setdefault(row["story"], []).append(row)
    done_keys = {r["story"]: r["analysed_of"] for r in store.conn.execute(
        "SELECT story, analysed_of FROM analyses")}
    todo = sorted(s for s, rows in rows_of.items()
                  if done_keys.get(s) != _story_key(rows, thorough))
    return todo, rows_of


def _parents(store: Store) -> dict[str, str | None]:
    return {r["id"]: r["copy_of"] for r in store.conn.execute(
        "SELECT id, copy_of FROM articles")}


def analyse_stories(store: Store, progress: Progress | None = None,
                    word_vectors: WordVectors | None = None,
                    sentence_vectors: SentenceVectors | None = None,
                    min_sources: int = 1, engine: Engine | None = None
                    ) -> tuple[int, int, int]:
    """Analyse every story (with at least ``min_sources`` independent sources) whose
    articles changed since its last analysis; each story is stored in its own transaction.

    With an ``engine``, the stories are analysed on its workers, each sent with the word
    vectors of its vocabulary (the thorough mode's sentence vectors are MiniLM's, computed
    there); without one, in this process with the vectors given.

    Returns (stories analysed, claims, conflicts)."""
    conn = store.conn
    thorough = sentence_vectors is not None
    todo, rows_of = _changed_stories(store, thorough, min_sources)
    parent = _parents(store)
    if engine is None:
        results = ((story, analyse_story(_story_articles(conn, story, parent), word_vectors,
                                         sentence_vectors).to_dict()) for story in todo)
    else:
        jobs = ((story, _story_job(_story_articles(conn, story, parent), word_vectors,
                                   thorough)) for story in todo)
        results = engine.map(_analyse_job, jobs, len(todo) > 1)
    claims = conflicts = 0
    for n, (story, analysis) in enumerate(results, 1):
        claims += len(analysis["claims"])
        conflicts += len(analysis["conflicts"])
        with transaction(conn):
            conn.execute(
                "INSERT OR REPLACE INTO analyses (story, analysed_of, analysis, updated_at) "
                "VALUES (?, ?, ?, datetime('now'))",
                (story, _story_key(rows_of[story], thorough),
                 json.dumps(analysis, ensure_ascii=False)))
        if progress:
            progress("claims", n, len(todo))
    return len(todo), claims, conflicts


StoryJob = tuple[list[StoryArticle], dict[str, np.ndarray] | None, bool]


def _story_job(articles: list[StoryArticle], word_vectors: WordVectors | None,
               thorough: bool) -> StoryJob:
    """What a worker needs to analyse one story: its articles, the vectors of its words."""
    if word_vectors is None:
        return articles, None, thorough
    words = sorted(vocabulary(articles))
    return articles, dict(zip(words, word_vectors(words), strict=True)), thorough


def _analyse_job(job: StoryJob) -> dict[str, Any]:
    """One story's analysis as a dict; runs in a worker process."""
    articles, vectors, thorough = job
    sentences = None
    if thorough:
        from storydesk.similarity.score import Embedder

        sentences = Embedder("minilm").sentences
    return analyse_story(articles, _ShippedWordVectors(vectors) if vectors is not None else None,
                         sentences).to_dict()


class _ShippedWordVectors:
    """Word vectors sent with a job; a word not among them is distilled here."""

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        self.vectors = vectors

    def __call__(self, words: list[str]) -> np.ndarray:
        missing = [w for w in words if w not in self.vectors]
        if missing:
            from storydesk.claims.words import shared_word_vectors

            self.vectors.update(zip(missing, shared_word_vectors()(missing), strict=True))
        if not words:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self.vectors[w] for w in words])


def _story_articles(conn: Any, story: str, parent: dict[str, str | None]
                    ) -> list[StoryArticle]:
    out = []
    for r in conn.execute(
            "SELECT a.id, a.text, a.blocks, a.published, a.published_certain, a.outlet, "
            "m.mentions FROM articles a LEFT JOIN mentions_read m ON m.seq = a.seq "
            "WHERE a.story = ? ORDER BY a.seq", (story,)):
        mentions = ([Mention(r["id"], *m) for m in json.loads(r["mentions"])]
                    if r["mentions"] is not None else None)
        out.append(StoryArticle(
            id=r["id"], text=r["text"], blocks=json.loads(r["blocks"]),
            published=r["published"], published_certain=bool(r["published_certain"]),
            outlet=r["outlet"], family=_family(r["id"], parent), mentions=mentions))
    return out


def update_analysis(store: Store, progress: Progress | None = None,
                    engine: Engine | None = None, word_vectors: WordVectors | None = None,
                    sentence_vectors: SentenceVectors | None = None,
                    min_sources: int = 1) -> AnalysisReport:
    """Recognise the entities of new articles, then analyse the stories that changed.

    With ``min_sources`` > 1, only stories with that many independent sources (and their
    articles) are analysed: the heavy work follows what users look at.
    """
    started = time.perf_counter()
    report = AnalysisReport()
    prepared = prepare(store, word_vectors is not None, sentence_vectors is not None,
                       progress, engine, min_sources)
    report.articles, report.mentions, report.words = (prepared.articles, prepared.mentions,
                                                      prepared.words)
    if word_vectors is not None:
        word_vectors = StoredWordVectors(store.conn, word_vectors)
    report.stories, report.claims, report.conflicts = analyse_stories(
        store, progress, word_vectors, sentence_vectors, min_sources, engine or LocalEngine())
    report.seconds = time.perf_counter() - started
    return report


def story_analysis(store: Store, story: str) -> dict[str, Any] | None:
    """The stored analysis of a story (claims, conflicts, entities, timeline, publications,
    off_topic), or None when it has not been analysed."""
    row = store.conn.execute("SELECT analysis FROM analyses WHERE story = ?",
                             (story,)).fetchone()
    return json.loads(row["analysis"]) if row else None
