"""Batch runs: the same stories and copies on every engine and partitioning, and nothing lost
or duplicated when a worker dies or the run is interrupted."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from benchmarks.scale import write_shards
from benchmarks.stories import generate

from storydesk.batch import PlanMismatch, run_batch
from storydesk.batch.plan import cut, make_plan
from storydesk.config import Settings
from storydesk.engine import DaskEngine, LocalEngine
from storydesk.ingest.pipeline import ingest
from storydesk.store.sqlite import Store
from storydesk.stories.engine import StorySettings, update_stories
from tests.conftest import CORPUS

GENERATED = 1500
LEXICAL = StorySettings(embedder="lexical")
Relations = list[tuple[Any, ...]]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated events in JSONL shards, plus the bundled fictional corpus."""
    folder = tmp_path_factory.mktemp("batch") / "corpus"
    articles = generate(GENERATED, seed=7)
    write_shards(articles, folder / "generated", shard=150)
    shutil.copytree(CORPUS, folder / "fictional")
    copies = sum(1 for a in articles if a["copy_of"])
    (folder.parent / "copies.json").write_text(json.dumps(copies))
    return folder


def relations(db: Path) -> Relations:
    """Every article's story and copy relation, as a user would compare two runs."""
    with Store(db) as store:
        return [tuple(r) for r in store.conn.execute(
            "SELECT id, story, copy_of, copy_kind FROM articles ORDER BY id")]


def batch(corpus: Path, db: Path, engine: Any, partitions: int | None,
          **options: Any) -> Relations:
    with Store(db) as store:
        run_batch([str(corpus)], store, db.with_suffix(".work"), engine, Settings(),
                  LEXICAL, partitions, analyse=False, **options)
    return relations(db)


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Relations:
    """The corpus through `storydesk ingest` and story clustering, on this machine."""
    db = tmp_path_factory.mktemp("reference") / "ingest.db"
    with Store(db) as store:
        ingest([str(corpus)], store, Settings(jobs=1))
        update_stories(store, LEXICAL)
    return relations(db)


def test_reference_run_finds_the_generated_stories_and_copies(
        corpus: Path, reference: Relations) -> None:
    """The comparisons below are between meaningful results: many stories, the copies."""
    generated_copies = json.loads((corpus.parent / "copies.json").read_text())
    stories = {story for _, story, _, _ in reference}
    copies = [r for r in reference if r[2] is not None]
    assert len(reference) == GENERATED + 10
    assert 200 < len(stories) < GENERATED
    assert generated_copies > 50
    assert len(copies) >= 0.95 * generated_copies


def test_every_engine_and_partitioning_gives_the_same_stories_and_copies(
        corpus: Path, reference: Relations, tmp_path: Path) -> None:
    assert batch(corpus, tmp_path / "one.db", LocalEngine(1), partitions=1) == reference
    assert batch(corpus, tmp_path / "local.db", LocalEngine(2), partitions=7) == reference
    with DaskEngine(workers=2) as engine:
        assert batch(corpus, tmp_path / "dask.db", engine, partitions=4) == reference


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(
        corpus: Path, reference: Relations, tmp_path: Path) -> None:
    db = tmp_path / "killed.db"
    killed: list[int] = []
    with DaskEngine(workers=2) as engine:
        def kill_one_worker(stage: str, done: int, total: int) -> None:
            if stage == "partitions" and done == 1 and not killed:
                pid = sorted(engine.client.run(os.getpid).values())[0]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

        assert batch(corpus, db, engine, partitions=12, progress=kill_one_worker) == reference
        assert killed and killed[0] not in engine.client.run(os.getpid).values()
    with Store(db) as store:
        merged = store.conn.execute("SELECT count(*) FROM partitions_merged").fetchone()[0]
        outcomes = store.conn.execute(
            "SELECT status, count(*) FROM inputs GROUP BY status").fetchall()
    assert merged == 12
    assert dict(outcomes)["accepted"] == GENERATED + 10  # each article exactly once


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGKILL],
                         ids=["interrupted", "killed"])
def test_an_interrupted_run_resumes_without_redoing_finished_partitions(
        corpus: Path, reference: Relations, tmp_path: Path, signal_number: int) -> None:
    db, work = tmp_path / "resumed.db", tmp_path / "work"
    command = [sys.executable, "-m", "storydesk", "batch", str(corpus), "--db", str(db),
               "--work", str(work), "--partitions", "10", "--workers", "1",
               "--embedder", "lexical", "--no-analysis", "--quiet"]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    markers = work / "parts"
    deadline = time.monotonic() + 120
    while len(list(markers.glob("*.fingerprint.done"))) < 3 and first.poll() is None:
        assert time.monotonic() < deadline, "the run never finished a partition"
        time.sleep(0.02)
    first.send_signal(signal_number)
    _, errors = first.communicate(timeout=60)
    assert first.returncode != 0, "the run ended before it could be interrupted"
    if signal_number == signal.SIGINT:
        assert "run the same command again to resume" in " ".join(errors.split()), errors
    finished = {p.name: p.stat().st_mtime_ns for p in markers.glob("*.done")}
    assert 3 <= len([p for p in finished if p.endswith(".fingerprint.done")]) < 10

    second = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stderr
    assert "resumed:" in second.stdout
    assert relations(db) == reference
    for name, stamp in finished.items():  # finished partitions were not done again
        assert (markers / name).stat().st_mtime_ns == stamp
    with Store(db) as store:
        merged = store.conn.execute("SELECT count(*), count(DISTINCT partition) "
                                    "FROM partitions_merged").fetchone()
        accepted = store.conn.execute(
            "SELECT count(*), count(DISTINCT article_id) FROM inputs "
            "WHERE status = 'accepted'").fetchone()
    assert tuple(merged) == (10, 10)
    assert tuple(accepted) == (GENERATED + 10, GENERATED + 10)


def test_heavy_analysis_runs_only_for_stories_with_several_sources(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    lone = "A lone report. The Morrow Valley orchard festival opened on Saturday with 40 stalls."
    (corpus / "lone_report.txt").write_text(lone + "\n", encoding="utf-8")
    db = tmp_path / "analysed.db"
    with Store(db) as store:
        run_batch([str(corpus)], store, tmp_path / "work", LocalEngine(1), Settings(), LEXICAL)
        stories = {r["id"]: r["sources"] for r in store.conn.execute(
            "SELECT id, sources FROM stories")}
        analysed = {r[0] for r in store.conn.execute("SELECT story FROM analyses")}
        read = {r[0] for r in store.conn.execute(
            "SELECT a.story FROM quotes_read q JOIN articles a ON a.seq = q.seq")}
    several = {s for s, sources in stories.items() if sources >= 2}
    assert several and len(several) < len(stories)
    assert analysed == several
    assert read == several


def test_partitions_cover_every_shard_once_in_order() -> None:
    sizes = [5, 1, 1, 1, 9, 2, 2, 3]
    from storydesk.batch.plan import Shard

    shards = [Shard(str(n), str(n), size) for n, size in enumerate(sizes)]
    for count in range(1, 11):
        ranges = cut(shards, count)
        assert len(ranges) == min(count, len(shards))
        assert [i for start, end in ranges for i in range(start, end)] == list(range(8))


def test_a_work_folder_of_other_inputs_is_refused(tmp_path: Path) -> None:
    first, other = tmp_path / "a", tmp_path / "b"
    for folder, text in ((first, "One"), (other, "Two")):
        folder.mkdir()
        (folder / "story.txt").write_text(f"{text} report of a harbour fire.\n")
    with Store(tmp_path / "s.db") as store:
        run_batch([str(first)], store, tmp_path / "work", LocalEngine(1), Settings(), LEXICAL,
                  analyse=False)
        with pytest.raises(PlanMismatch, match="holds a run of other inputs"):
            run_batch([str(other)], store, tmp_path / "work", LocalEngine(1), Settings(),
                      LEXICAL, analyse=False)


def test_missing_inputs_are_recorded_once(tmp_path: Path) -> None:
    plan = make_plan([str(CORPUS), str(tmp_path / "nowhere")], {}, partitions=3)
    assert plan.missing == [(str(tmp_path / "nowhere"), "no such file, folder or URL")]
    with Store(tmp_path / "s.db") as store:
        for _ in range(2):
            run_batch([str(CORPUS), str(tmp_path / "nowhere")], store, tmp_path / "work",
                      LocalEngine(1), Settings(), LEXICAL, partitions=3, analyse=False)
        rejected = store.conn.execute(
            "SELECT source, reason FROM inputs WHERE status = 'rejected'").fetchall()
    assert [tuple(r) for r in rejected] == plan.missing
