"""Scale benchmark: the batch pipeline on the local engine and on Dask, 1 and 2 workers.

The corpus is the synthetic one of ``benchmarks/stories.py`` (events reported by 1 to 20
outlets, one report in ten a syndicated copy; fixed seed), written as JSONL shards of 1,000
articles. Each measurement is a fresh process running ``run_batch`` into a fresh database and
work folder with the lexical embedder: read and clean, fingerprint, merge, copies and stories
over the whole corpus (the analysis of multi-source stories is measured separately by
``--analysis``, on a smaller corpus: it runs spaCy on every article of such stories).

Recorded per run: wall time per step, articles/s, peak RSS of the coordinating process and of
the largest worker, and a digest of the copy relations and story assignments, which must be
the same for every engine and worker count.

Usage::

    .venv/bin/python benchmarks/scale.py --articles 200000 --runs local:2 dask:1 dask:2
    .venv/bin/python benchmarks/scale.py --articles 50000 --runs local:2 dask:2
    .venv/bin/python benchmarks/scale.py --analysis 1000 --runs local:2 dask:2
    .venv/bin/python benchmarks/scale.py --report      # write the table into RESULTS.md
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from ingest import (  # noqa: E402 - shared benchmark helpers
    RESULTS,
    WORK,
    _stop_forkserver,
    machine,
    table,
)
from stories import generate  # noqa: E402 - the synthetic event corpus

SECTION = "## Scale: local engine and Dask (benchmarks/scale.py)"
MEASURES = WORK / "scale.jsonl"
SHARD = 1000


def write_shards(articles: list[dict[str, Any]], folder: Path, shard: int = SHARD) -> None:
    """Write generated articles as JSONL shards (``shard`` articles each) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, start in enumerate(range(0, len(articles), shard)):
        with (folder / f"shard-{number:05d}.jsonl").open("w", encoding="utf-8") as handle:
            for record in articles[start : start + shard]:
                outlet = record["outlet"]
                handle.write(json.dumps({
                    "url": f"https://{outlet.lower().replace(' ', '')}.example/{record['key']}",
                    "title": record["title"], "text": "\n\n".join(record["paragraphs"]),
                    "outlet": outlet, "authors": record["authors"],
                    "published": record["published"]}, ensure_ascii=False) + "\n")


def corpus(total: int) -> Path:
    """The shards of ``total`` generated articles (cached in the benchmark work folder)."""
    folder = WORK / f"scale-{total}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        write_shards(generate(total), folder)
        (folder / ".complete").write_text("ok")
    return folder


def relations_digest(db: Path) -> str:
    """A digest of every article's story and copy relation."""
    from storydesk.store.sqlite import Store

    with Store(db) as store:
        rows = store.conn.execute(
            "SELECT id, story, copy_of, copy_kind FROM articles ORDER BY id").fetchall()
    return hashlib.sha1(json.dumps([list(r) for r in rows]).encode()).hexdigest()[:16]


def measure(total: int, engine: str, workers: int, analysis: bool) -> dict[str, Any]:
    """One run, in this (fresh) process."""
    from storydesk.batch import run_batch
    from storydesk.engine import open_engine
    from storydesk.store.sqlite import Store
    from storydesk.stories.engine import StorySettings

    folder = corpus(total)
    scratch = WORK / f"scale-run-{engine}-{workers}"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    db = scratch / "store.db"
    started = time.perf_counter()
    with open_engine(engine, None, workers) as runner, Store(db) as store:
        report = run_batch([str(folder)], store, scratch / "work", runner,
                           stories=StorySettings(embedder="lexical"), analyse=analysis)
        seconds = time.perf_counter() - started
        worker_peaks = _worker_peaks(runner) if runner.name == "dask" else None
        stories = store.conn.execute("SELECT count(*) FROM stories").fetchone()[0]
        multi = store.conn.execute("SELECT count(*), coalesce(sum(size), 0) FROM stories "
                                   "WHERE sources >= 2").fetchone()
    if worker_peaks is None:  # the local engine's kept pool is closed with the engine
        worker_peaks = _local_worker_peaks()
    return {"articles": report.accepted, "engine": engine, "workers": workers,
            "analysis": analysis, "seconds": round(seconds, 1),
            "steps": {k: round(v, 1) for k, v in report.seconds.items()},
            "merge_seconds": round(report.merge_seconds, 1),
            "rate": round(report.accepted / seconds, 1),
            "main_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "worker_peak_mb": round(max(worker_peaks, default=0)),
            "partitions": report.partitions, "stories": stories,
            "multi_source_stories": multi[0], "articles_in_multi_source": multi[1],
            "digest": relations_digest(db), "when": time.strftime("%Y-%m-%d %H:%M")}


def _worker_peaks(runner: Any) -> list[float]:
    """Peak RSS (MB) of each Dask worker process."""
    peaks = runner.client.run(_own_peak)
    return list(peaks.values())


def _local_worker_peaks() -> list[float]:
    """Peak RSS (MB) of the largest local worker process, once the engine (and its pool)
    is closed: with the forkserver stopped, it is in the children's usage."""
    _stop_forkserver()
    return [resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024]


def _own_peak() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(total: int, spec: str, analysis: bool) -> dict[str, Any]:
    """Measure ``engine:workers`` in a fresh process and append the result."""
    engine, workers = spec.split(":")
    corpus(total)
    done = subprocess.run([sys.executable, __file__, "--measure", str(total), engine, workers]
                          + (["--analysis-run"] if analysis else []),
                          capture_output=True, text=True)
    if done.returncode:
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit(f"{spec} failed")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    with MEASURES.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(result) + "\n")
    print(json.dumps(result), flush=True)
    return result


def report() -> None:
    """Write the measured runs into RESULTS.md."""
    runs = [json.loads(line) for line in MEASURES.read_text(encoding="utf-8").splitlines()]
    latest: dict[tuple[Any, ...], dict[str, Any]] = {}
    for run in runs:
        latest[(run["analysis"], run["articles"], run["engine"], run["workers"])] = run
    rows = []
    for (_, _, _, _), r in sorted(latest.items()):
        steps = r["steps"]
        in_main = r["engine"] == "local" and r["workers"] == 1  # no pool: jobs run in main
        rows.append([f"{r['articles']:,}", "analysis" if r["analysis"] else "to stories",
                     f"{r['engine']} {r['workers']}", f"{r['seconds']:,.1f}",
                     f"{steps.get('partitions', 0):,.1f}", f"{r.get('merge_seconds', 0):,.1f}",
                     f"{steps.get('stories', 0):,.1f}", f"{steps.get('analysis', 0):,.1f}",
                     f"{r['rate']:,.0f}", f"{r['main_peak_mb']:,}",
                     "(in main)" if in_main else f"{r['worker_peak_mb']:,}", r["digest"]])
    text = "\n".join([
        SECTION, "",
        f"Measured {runs[-1]['when']} on {machine()}.",
        "Command: `python benchmarks/scale.py --articles N --runs local:2 dask:2 local:1 dask:1`, "
        "then `--report`. Each row is a fresh process, database and work folder.", "",
        table(rows, ["articles", "pipeline", "engine, workers", "seconds", "partitions s",
                     "of which merge s", "stories s", "analysis s", "articles/s",
                     "peak RSS main MB", "peak RSS worker MB", "result digest"]),
        "", "Seconds are wall time from starting the engine (a LocalCluster for Dask) to the "
        "end of the run. Partitions: reading, cleaning and fingerprinting on the workers "
        "while this process merges each finished partition into the store (merge s). "
        "Stories: copies and story clustering over the whole corpus, in this process. "
        "Analysis: quote ledger, entities and claims of the stories with at least two "
        "independent sources. The digest covers every article's story, copy_of and "
        "copy_kind: equal digests, equal results.",
    ])
    old = RESULTS.read_text(encoding="utf-8")
    lines = old.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip() == SECTION), None)
    if start is None:
        new = old.rstrip("\n") + "\n\n" + text + "\n"
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")),
                   len(lines))
        new = "".join(lines[:start]) + text + "\n\n" + "".join(lines[end:])
    RESULTS.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--analysis", type=int, default=0, metavar="N",
                        help="measure the whole pipeline with analysis on N articles instead")
    parser.add_argument("--runs", nargs="+", default=["local:2", "dask:1", "dask:2"])
    parser.add_argument("--report", action="store_true")
    parser.add_argument("--measure", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--analysis-run", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        total, engine, workers = args.measure
        print(json.dumps(measure(int(total), engine, int(workers), args.analysis_run)))
        return
    if args.report:
        report()
        return
    WORK.mkdir(parents=True, exist_ok=True)
    for spec in args.runs:
        run_one(args.analysis or args.articles, spec, bool(args.analysis))


if __name__ == "__main__":
    main()
