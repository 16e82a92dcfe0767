"""A batch run: partitioned input through the whole pipeline, on any engine, resumable.

1. **Plan** the shards and partitions (:mod:`storydesk.batch.plan`), or find the plan of an
   interrupted run in the work folder.
2. **Partitions**: on the engine's workers, each unfinished partition is read, cleaned and
   fingerprinted (:mod:`storydesk.batch.stages`), with a completion marker per stage.
3. **Merge**: as partitions come back, in order, each is written into the SQLite store in one
   transaction that also records it as merged, so it is merged exactly once. Articles enter
   the store in input order whatever the partitioning; an article seen before is recorded as
   a duplicate.
4. **Copies and stories**, over the whole corpus at once (LSH buckets and nearest-neighbour
   candidates, the neighbour graph and its communities; see :mod:`storydesk.stories.engine`):
   the result depends on the articles, not on the partitions or the engine.
5. **Analysis** (quote ledger, claims, entities, timeline) on the engine, only for stories with
   at least ``min_sources`` independent sources.

Each step commits as it goes, so a run killed at any point is finished by running it again.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from storydesk.article import Rejection
from storydesk.batch.plan import Plan, make_plan, open_plan, run_settings
from storydesk.batch.stages import PartitionJob, done, load_record, prepare_partition
from storydesk.config import Settings
from storydesk.engine import Engine
from storydesk.store.sqlite import FileStamp, Store, transaction
from storydesk.stories.engine import StoryReport, StorySettings, update_stories

if TYPE_CHECKING:
    from storydesk.claims.analysis import AnalysisReport
    from storydesk.quotes.ledger import LedgerReport

Progress = Callable[[str, int, int], None]
MIN_SOURCES = 2


@dataclass(slots=True)
class BatchReport:
    """What a batch run did."""

    plan: str = ""
    partitions: int = 0
    resumed: bool = False
    prepared_before: int = 0  # partitions an earlier run prepared but did not merge
    merged_before: int = 0  # partitions an earlier run had merged into the store
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    stories: StoryReport | None = None
    ledger: LedgerReport | None = None
    analysis: AnalysisReport | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    merge_seconds: float = 0.0  # of seconds["partitions"], spent merging into the store


def run_batch(inputs: list[str], store: Store, work: Path, engine: Engine,
              settings: Settings | None = None, stories: StorySettings | None = None,
              partitions: int | None = None, analyse: bool = True,
              min_sources: int = MIN_SOURCES, progress: Progress | None = None,
              command: str = "", keep_work: bool = False) -> BatchReport:
    """Run the pipeline over ``inputs`` into ``store``, with partition outputs in ``work``.

    Once every partition is merged, the partition files are removed (the plan and the
    markers stay) unless ``keep_work``.
    """
    settings = settings or Settings()
    stories = stories or StorySettings()
    report = BatchReport()
    clock = time.perf_counter()
    plan = make_plan(list(inputs), run_settings(settings, stories.embedder,
                                                stories.window_days), partitions)
    plan, report.resumed = open_plan(work, plan, partitions is not None)
    report.plan, report.partitions = plan.id, len(plan.partitions)
    merged = {r[0] for r in store.conn.execute(
        "SELECT partition FROM partitions_merged WHERE plan = ?", (plan.id,))}
    report.merged_before = len(merged)
    jobs = [PartitionJob(p, tuple(plan.shards_of(p)), str(work.resolve()), settings,
                         stories.embedder)
            for p in range(len(plan.partitions))]
    report.prepared_before = sum(1 for j in jobs if j.index not in merged
                                 and done(j, "fingerprint") is not None)
    report.seconds["plan"] = time.perf_counter() - clock

    clock = time.perf_counter()
    todo = [j for j in jobs if j.index not in merged]
    if todo or (plan.missing and not plan.partitions and not report.resumed):
        _prepare_and_merge(store, plan, todo, len(jobs), engine, report, progress,
                           command or "batch " + " ".join(inputs))
    if not keep_work:
        for job in jobs:
            job.path.unlink(missing_ok=True)
    report.seconds["partitions"] = time.perf_counter() - clock

    clock = time.perf_counter()
    report.stories = update_stories(store, stories, progress, engine)
    report.seconds["stories"] = time.perf_counter() - clock
    if analyse:
        report.ledger, report.analysis = analyse_sources(store, engine, min_sources, progress)
        report.seconds["analysis"] = time.perf_counter() - clock - report.seconds["stories"]
    return report


def _prepare_and_merge(store: Store, plan: Plan, todo: list[PartitionJob], total: int,
                       engine: Engine, report: BatchReport, progress: Progress | None,
                       command: str) -> None:
    """Prepare the partitions not merged yet on the engine, and merge each, in order, as it
    comes back; the whole is one run in the store."""
    run_id = store.begin_run(command)
    status = "interrupted"
    try:
        if plan.missing and not plan.partitions:
            store.save_batch(run_id, _missing(plan))
        if progress:
            progress("partitions", total - len(todo), total)
        for n, (job, _) in enumerate(engine.map(prepare_partition, ((j, j) for j in todo)), 1):
            clock = time.perf_counter()
            counts = merge_partition(store, plan, job, run_id)
            report.merge_seconds += time.perf_counter() - clock
            report.accepted += counts["accepted"]
            report.duplicates += counts["duplicate"]
            report.rejected += counts["rejected"]
            if progress:
                progress("partitions", total - len(todo) + n, total)
        status = "finished"
    finally:
        store.finish_run(run_id, status)


def merge_partition(store: Store, plan: Plan, job: PartitionJob, run_id: int) -> dict[str, int]:
    """Write one partition's articles, rejections, read files and fingerprints into the store,
    and record the partition as merged, in one transaction. Returns the outcome counts."""
    part = sqlite3.connect(f"file:{job.path}?mode=ro", uri=True)
    try:
        records = part.execute("SELECT n, kind, data FROM records ORDER BY n").fetchall()
        stamps = [FileStamp(*r) for r in part.execute("SELECT path, size, mtime_ns FROM files")]
        prints = {r[0]: r[1:] for r in part.execute("SELECT * FROM fingerprints")}
    finally:
        part.close()
    # Inputs that do not exist are recorded with the first partition.
    missing = _missing(plan) if job.index == 0 else []
    items = [*missing, *(load_record(kind, data) for _, kind, data in records)]
    conn = store.conn
    with transaction(conn):
        outcomes = store.insert_batch(run_id, items, stamps)
        accepted = [(n, o.article_id)
                    for (n, _, _), o in zip(records, outcomes[len(missing):], strict=True)
                    if o.status == "accepted"]
        seq_of = dict(conn.execute(
            f"SELECT id, seq FROM articles WHERE id IN ({','.join('?' * len(accepted))})",
            [a for _, a in accepted]).fetchall()) if accepted else {}
        conn.executemany("INSERT OR REPLACE INTO fingerprints VALUES (?, ?, ?, ?, ?)",
                         [(seq_of[article], *prints[n]) for n, article in accepted
                          if n in prints])
        conn.execute("INSERT INTO partitions_merged VALUES (?, ?, ?, ?)",
                     (plan.id, job.index, run_id, len(accepted)))
    counts = {"accepted": 0, "duplicate": 0, "rejected": 0}
    for outcome in outcomes:
        counts[outcome.status] += 1
    return counts


def _missing(plan: Plan) -> list[Rejection]:
    return [Rejection(name, reason) for name, reason in plan.missing]


def analyse_sources(store: Store, engine: Engine, min_sources: int,
                    progress: Progress | None = None) -> tuple[LedgerReport, AnalysisReport]:
    """The quote ledger and the claims analysis of the stories with at least ``min_sources``
    independent sources, on the engine."""
    from storydesk.claims.analysis import update_analysis
    from storydesk.claims.words import shared_word_vectors
    from storydesk.quotes.ledger import update_ledger

    ledger = update_ledger(store, progress, engine, min_sources)
    analysis = update_analysis(store, progress, engine, word_vectors=shared_word_vectors(),
                               min_sources=min_sources)
    return ledger, analysis
