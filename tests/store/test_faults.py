"""The store under faults: repeated runs, a killed run, readers during a write, new schemas.

These run the real ``storydesk`` console script in subprocesses, as a user would, and look at
the database with separate read-only SQLite connections.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from storydesk.config import Settings
from storydesk.export import write_csv, write_jsonl
from storydesk.ingest.pipeline import ingest
from storydesk.store.migrations import SCHEMA_VERSION, SchemaError
from storydesk.store.sqlite import Store

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"
STORYDESK = Path(sys.executable).parent / "storydesk"
TOWNS = ("Arnholm", "Brisk", "Corvel", "Dunmere", "Eskby", "Falden", "Greywick", "Holmsted")
TOPICS = ("bus depot", "school roof", "river bridge", "market hall", "library", "harbour wall",
          "tram line", "swimming pool", "ferry quay", "fire station")
SUMMARY = re.compile(r"Run (\d+): (\d+) input\(s\).*?: (\d+) accepted, (\d+) duplicate, "
                     r"(\d+) rejected", re.S)


def write_articles(folder: Path, count: int) -> Path:
    """Write ``count`` short, distinct council stories as .txt files; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        town, topic = TOWNS[i % len(TOWNS)], TOPICS[(i // len(TOWNS)) % len(TOPICS)]
        (folder / f"item_{i:05d}.txt").write_text(
            f"{town} council debates {topic} plan {i}\n\n"
            f"Councillors in {town} met on Tuesday to discuss proposal {i} for the {topic}. "
            f"The vote was put off until next month, the council clerk said, after residents "
            f"asked for more time to comment on plan {i}.\n",
            encoding="utf-8",
        )
    return folder


def storydesk_env() -> dict[str, str]:
    """The environment for a storydesk subprocess: a wide terminal, no database override."""
    env = {**os.environ, "COLUMNS": "250", "NO_COLOR": "1"}
    env.pop("STORYDESK_DB", None)
    return env


def storydesk(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the storydesk console script to completion."""
    return subprocess.run([str(STORYDESK), *map(str, args)], env=storydesk_env(),
                          capture_output=True, text=True, timeout=timeout, check=False)


def summary(output: str) -> tuple[int, int, int, int, int]:
    """(run id, inputs, accepted, duplicates, rejected) from `storydesk ingest` output."""
    found = SUMMARY.search(output)
    assert found, output
    run_id, inputs, accepted, duplicates, rejected = map(int, found.groups())
    return run_id, inputs, accepted, duplicates, rejected


def read_only(db: Path) -> sqlite3.Connection:
    """A read-only connection to ``db`` (raises sqlite3.OperationalError if it is missing)."""
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)


def article_count(db: Path) -> int | None:
    """How many articles ``db`` holds, or None while it or its tables do not exist yet."""
    try:
        with closing(read_only(db)) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return None


def wait_for(condition: Callable[[], object], timeout: float, what: str) -> None:
    """Poll ``condition()`` every 20 ms until it is true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.02)


def live_group_members(pgid: int) -> list[int]:
    """Process ids in process group ``pgid`` that are still running (zombies excluded)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        state, group = fields[0], int(fields[2])
        if group == pgid and state not in ("Z", "X"):
            alive.append(int(stat.parent.name))
    return alive


# -- a. the same folder twice ----------------------------------------------------------------


def test_ingesting_the_same_folder_twice_changes_nothing(tmp_path: Path) -> None:
    """The second run stores nothing new, reports every article as a duplicate, and the
    export is byte for byte the same."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    db = tmp_path / "desk.db"

    files = sum(1 for p in corpus.rglob("*") if p.is_file() and not p.name.startswith("."))
    first = storydesk("ingest", corpus, "--db", db, "-q")
    assert first.returncode == 0, first.stderr
    _, inputs, articles, duplicates, rejected = summary(first.stdout)
    assert (inputs, duplicates, rejected) == (files, 0, 0)
    assert articles >= 10  # 6 files of one article, a 2-item feed, a 2-line dump
    export_before = storydesk("export", "--db", db)
    csv_before = storydesk("export", "--db", db, "--format", "csv")

    second = storydesk("ingest", corpus, "--db", db, "-q", "--recheck")  # read every file again
    assert second.returncode == 0, second.stderr
    run_id, inputs, accepted, duplicates, rejected = summary(second.stdout)
    assert (inputs, accepted, duplicates, rejected) == (files, 0, articles, 0)

    with Store(db, create=False) as store:
        assert store.count() == articles
        run = store.run(run_id)
        assert (run["status"], run["accepted"], run["duplicates"]) == ("finished", 0, articles)
        outcomes = store.outcomes(run_id, "duplicate")
        assert len(outcomes) == articles
        assert all(o.article_id and o.article_id in (o.reason or "") for o in outcomes)
        assert {o.article_id for o in outcomes} == {a.id for a in store.articles()}
    export_after = storydesk("export", "--db", db)
    csv_after = storydesk("export", "--db", db, "--format", "csv")
    assert export_before.returncode == export_after.returncode == 0
    assert len(export_after.stdout.splitlines()) == articles
    assert export_after.stdout == export_before.stdout
    assert csv_after.stdout == csv_before.stdout


def test_library_ingest_twice_gives_identical_exports(tmp_path: Path) -> None:
    """The same through the library API, with a worker pool on the second run."""
    db = tmp_path / "desk.db"
    with Store(db) as store:
        first = ingest([str(CORPUS)], store, Settings(jobs=1))
        jsonl_before, csv_before = _exports(store)
        second = ingest([str(CORPUS)], store, Settings(jobs=2, recheck=True))
        third = ingest([str(CORPUS)], store, Settings(jobs=2))  # skips every unchanged file
        jsonl_after, csv_after = _exports(store)
        assert first.accepted >= 10 and (first.duplicates, first.rejected) == (0, [])
        assert (second.accepted, second.duplicates, second.rejected) == (0, first.accepted, [])
        assert (third.accepted, third.duplicates, third.unchanged) == (0, 0, third.inputs)
        assert store.count() == first.accepted
    assert jsonl_after == jsonl_before
    assert csv_after == csv_before


def _exports(store: Store) -> tuple[str, str]:
    """The JSONL and CSV exports of ``store``."""
    jsonl, table = io.StringIO(), io.StringIO()
    write_jsonl(store, jsonl)
    write_csv(store, table)
    return jsonl.getvalue(), table.getvalue()


# -- b. a run killed with SIGKILL, then run again --------------------------------------------

FILES = 3000
BATCH = Settings().batch_size  # 500: several batches commit before the run ends


@pytest.mark.slow
def test_killed_run_resumes_with_every_file_exactly_once(tmp_path: Path) -> None:
    """SIGKILL the whole process group mid-run; the rerun stores each file exactly once."""
    inbox = write_articles(tmp_path / "inbox", FILES)
    db = tmp_path / "desk.db"
    command = [str(STORYDESK), "ingest", str(inbox), "--db", str(db), "--jobs", "2", "-q",
               "--no-stories"]

    victim = subprocess.Popen(command, env=storydesk_env(), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, start_new_session=True)
    try:
        wait_for(lambda: (article_count(db) or 0) > 0 or victim.poll() is not None, 60,
                 "the first batch to commit")
        assert victim.poll() is None, "the run finished before it could be killed"
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait(10)
    finally:
        if victim.poll() is None:
            os.killpg(victim.pid, signal.SIGKILL)
            victim.wait(10)
    assert victim.returncode == -signal.SIGKILL
    wait_for(lambda: not live_group_members(victim.pid), 10, "the worker processes to die")
    stored_at_kill = article_count(db)
    assert stored_at_kill is not None and 0 < stored_at_kill < FILES
    assert stored_at_kill % BATCH == 0  # whole batches only

    rerun = subprocess.run(command, env=storydesk_env(), capture_output=True, text=True,
                           timeout=180, check=False)
    assert rerun.returncode == 0, rerun.stderr
    _, inputs, accepted, duplicates, rejected = summary(rerun.stdout)
    skipped = re.search(r"(\d+) unchanged since an earlier run", rerun.stdout)
    unchanged = int(skipped.group(1)) if skipped else 0
    assert inputs == FILES and rejected == 0
    assert accepted + duplicates + unchanged == FILES
    assert duplicates + unchanged >= stored_at_kill  # what the killed run committed is kept

    with closing(read_only(db)) as conn:
        count, files = conn.execute(
            "SELECT count(*), count(DISTINCT file) FROM articles").fetchone()
        assert (count, files) == (FILES, FILES)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        runs = conn.execute(
            "SELECT accepted, duplicates, rejected, status FROM runs ORDER BY id").fetchall()
    assert len(runs) == 2
    assert runs[0][0] == stored_at_kill  # the killed run's counts match what it committed
    assert runs[0][3] == "interrupted"  # noticed by the rerun: its process is gone
    assert runs[1] == (accepted, duplicates + unchanged, 0, "finished")
    with Store(db, create=False) as store:  # the full-text index has every article too
        assert len(store.search("council", limit=FILES + 10)) == FILES


# -- c. readers while a run writes -----------------------------------------------------------

READER = r"""
import json, sys, time
from pathlib import Path
from storydesk.store.sqlite import Store

db, stop = sys.argv[1], Path(sys.argv[2])
counts, hits, listed = [], 0, 0
deadline = time.monotonic() + 120
with Store(db, create=False) as store:
    while time.monotonic() < deadline:
        finished = stop.exists()
        counts.append(store.conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        hits += len(store.search("council debates", limit=10))
        listed += len(list(store.articles(limit=5)))
        if finished:
            break
        time.sleep(0.01)
print(json.dumps({"counts": counts, "hits": hits, "listed": listed}))
"""


@pytest.mark.slow
def test_readers_see_a_growing_store_while_a_run_writes(tmp_path: Path) -> None:
    """Two processes query the store throughout an ingest: no errors, counts never go down."""
    files = 2500
    inbox = write_articles(tmp_path / "inbox", files)
    db = tmp_path / "desk.db"
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [str(STORYDESK), "ingest", str(inbox), "--db", str(db), "--jobs", "2", "-q",
         "--no-stories"],
        env=storydesk_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )
    readers: list[subprocess.Popen[str]] = []
    try:
        wait_for(lambda: article_count(db) is not None or writer.poll() is not None, 30,
                 "the database to be created")
        readers = [subprocess.Popen([sys.executable, "-c", READER, str(db), str(stop)],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                   for _ in range(2)]
        writer_out, writer_err = writer.communicate(timeout=180)
    finally:
        stop.touch()
        if writer.poll() is None:
            os.killpg(writer.pid, signal.SIGKILL)
            writer.wait(10)
    results = [reader.communicate(timeout=60) for reader in readers]

    assert writer.returncode == 0, writer_err
    assert "database is locked" not in writer_err
    assert summary(writer_out)[2] == files
    for reader, (out, err) in zip(readers, results, strict=True):
        assert reader.returncode == 0, err
        assert "database is locked" not in err
        seen = json.loads(out)
        counts = seen["counts"]
        assert counts == sorted(counts), "a reader saw the article count go down"
        assert counts[-1] == files
        assert seen["hits"] > 0 and seen["listed"] > 0
    observed = sorted({c for out, _ in results for c in json.loads(out)["counts"]})
    assert len(observed) >= 2, f"the readers saw only {observed}: nothing ran concurrently"


# -- d. schema versions ----------------------------------------------------------------------


def test_new_database_has_current_schema_and_wal(tmp_path: Path) -> None:
    """A database created by storydesk is at SCHEMA_VERSION and in WAL mode."""
    db = tmp_path / "fresh.db"
    Store(db).close()
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert {"articles", "runs", "inputs", "articles_fts"} <= tables
    finally:
        conn.close()


def test_reopening_keeps_schema_and_data(tmp_path: Path) -> None:
    """Opening an up-to-date database again migrates nothing and loses nothing."""
    db = tmp_path / "desk.db"
    with Store(db) as store:
        ingest([str(CORPUS / "wire_original.txt")], store, Settings(jobs=1))
    with Store(db, create=False) as store:
        assert store.count() == 1
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def newer_database(path: Path) -> Path:
    """An SQLite file claiming a schema version this storydesk does not know."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE articles (id TEXT, future_column TEXT)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    return path


def test_newer_schema_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    """A database from a newer storydesk is refused, and left as it was."""
    db = newer_database(tmp_path / "future.db")
    expected = (rf"schema version {SCHEMA_VERSION + 1} is newer than this storydesk "
                rf"\(knows {SCHEMA_VERSION}\); upgrade storydesk")
    with pytest.raises(SchemaError, match=expected):
        Store(db)
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert tables == {"articles"}  # nothing was migrated into it
    finally:
        conn.close()


@pytest.mark.parametrize("command", [("articles",), ("ingest", "-q"), ("runs",)])
def test_cli_refuses_newer_schema_without_a_traceback(tmp_path: Path,
                                                      command: tuple[str, ...]) -> None:
    """Every command says which database it cannot open and why, and exits with status 1."""
    db = newer_database(tmp_path / "future.db")
    args = list(command)
    if command[0] == "ingest":
        args.insert(1, str(CORPUS / "wire_original.txt"))
    done = storydesk(*args, "--db", db)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"cannot open {db}" in done.stderr
    assert "newer than this storydesk" in done.stderr and "upgrade storydesk" in done.stderr


def test_cli_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    """Pointing --db at some other file gives a one-line error, and the file is untouched."""
    notes = tmp_path / "notes.db"
    notes.write_text("Meeting notes: call the Vardholm harbour office on Monday.\n" * 20)
    before = notes.read_bytes()
    done = storydesk("articles", "--db", notes)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"cannot open {notes}" in done.stderr and "not a database" in done.stderr
    assert notes.read_bytes() == before
