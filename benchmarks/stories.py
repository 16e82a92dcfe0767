"""Copies and stories benchmark: how fast storydesk finds copies and clusters a large corpus.

Generates a reproducible synthetic corpus of events (fixed seed; fictional places, people and
figures from the word lists of ``benchmarks/ingest.py``). Each event is reported by one to
twenty articles from different outlets within three days: the reports share the event's
people, place, organisation and two key facts, and tell the rest in their own sentences; about
one article in ten is a syndicated copy of an earlier report (a paragraph cut, a local one
added). Many events are of the same kind (the word lists hold a dozen topics), so separating
them takes names and figures, as in real news.

The articles are stored directly (ingestion is measured by ``benchmarks/ingest.py``); then, in
a fresh process per measurement, ``update_stories`` runs on the whole corpus: fingerprints,
verbatim copies, clustering, rewrite checks and story labels. Reported: wall time, articles
per second, peak RSS, and, as a sanity check, B-cubed F1 of the stories against the generated
events and recall of the generated copies.

Usage::

    .venv/bin/python benchmarks/stories.py                       # 10k, 30k and 100k, lexical
    .venv/bin/python benchmarks/stories.py --sizes 2000 --embedder minilm
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from ingest import (  # noqa: E402 - the shared synthetic-text generator
    COUNTRIES,
    RESULTS,
    WORK,
    StoryWriter,
    _person_name,
    _place,
    machine,
    make_outlets,
    table,
)

SEED = 20221210
SECTION = "## Copies and stories (benchmarks/stories.py)"


def event_sizes(rng: random.Random) -> int:
    """Articles per event: many singletons, a long tail of big stories."""
    roll = rng.random()
    if roll < 0.35:
        return 1
    if roll < 0.70:
        return rng.randint(2, 3)
    if roll < 0.95:
        return rng.randint(4, 8)
    return rng.randint(9, 20)


def generate(total: int, seed: int = SEED) -> list[dict[str, Any]]:
    """``total`` synthetic articles with their event and, for copies, the copied article."""
    rng = random.Random(seed)
    outlets = make_outlets(seed)
    articles: list[dict[str, Any]] = []
    event = 0
    while len(articles) < total:
        event += 1
        place, country = _place(rng), rng.choice(COUNTRIES)
        writer = StoryWriter(rng, place, country)
        day = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(days=rng.randrange(700))
        facts = [writer.statement(), writer.quote()]
        reports: list[dict[str, Any]] = []
        for _ in range(event_sizes(rng)):
            if len(articles) >= total:
                break
            outlet = rng.choice(outlets)
            published = day + timedelta(hours=rng.randrange(72))
            if reports and rng.random() < 0.1:
                source = rng.choice(reports)
                published = datetime.fromisoformat(source["published"]) + timedelta(
                    hours=rng.randint(1, 12))
                paragraphs = list(source["paragraphs"])
                if len(paragraphs) > 3:
                    paragraphs.pop(rng.randrange(1, len(paragraphs)))
                paragraphs.insert(len(paragraphs) - 1, writer.statement())
                title, copy_of = source["title"], source["key"]
            else:
                paragraphs = [" ".join(facts), *writer.body(rng.randint(200, 450))]
                title, copy_of = writer.headline(), None
            record = {
                "key": f"e{event}-{len(reports)}", "event": event, "copy_of": copy_of,
                "title": title, "paragraphs": paragraphs, "outlet": outlet.name,
                "authors": [_person_name(rng)], "published": published.isoformat()[:19],
            }
            reports.append(record)
            articles.append(record)
    return articles


def build_db(total: int, db: Path) -> Path:
    """Store the generated articles (cached: reused when it exists)."""
    from storydesk.article import Article, article_id, content_hash
    from storydesk.store.sqlite import Store

    truth = db.with_suffix(".truth.json")
    if db.exists() and truth.exists():
        return truth
    db.unlink(missing_ok=True)
    articles = generate(total)
    keys: dict[str, str] = {}
    with Store(db) as store:
        run = store.begin_run("benchmark")
        batch: list[Article] = []
        for record in articles:
            text = "\n".join(record["paragraphs"])
            url = f"https://{record['outlet'].lower().replace(' ', '')}.example/{record['key']}"
            digest = content_hash(text, url)
            keys[record["key"]] = article_id(digest)
            batch.append(Article(
                id=article_id(digest), content_hash=digest, source=url, text=text,
                title=record["title"], url=url, outlet=record["outlet"],
                authors=record["authors"], published=record["published"],
                published_certain=True, language="en"))
            if len(batch) == 2000:
                store.save_batch(run, batch)
                batch = []
        store.save_batch(run, batch)
        store.finish_run(run)
    truth.write_text(json.dumps({
        keys[r["key"]]: {"event": r["event"],
                         "copy_of": keys[r["copy_of"]] if r["copy_of"] else None}
        for r in articles}), encoding="utf-8")
    return truth


def bcubed_f1(gold: dict[str, Any], pred: dict[str, Any]) -> float:
    """B-cubed F1 of a clustering against gold labels (same keys)."""
    gold_sets: dict[Any, set[str]] = defaultdict(set)
    pred_sets: dict[Any, set[str]] = defaultdict(set)
    for key in gold:
        gold_sets[gold[key]].add(key)
        pred_sets[pred[key]].add(key)
    precision = recall = 0.0
    for key in gold:
        g, p = gold_sets[gold[key]], pred_sets[pred[key]]
        shared = len(g & p)
        precision += shared / len(p)
        recall += shared / len(g)
    precision, recall = precision / len(gold), recall / len(gold)
    return 2 * precision * recall / (precision + recall)


def measure(db: str, embedder: str) -> dict[str, Any]:
    """Run in a fresh process: update stories on a copy of the corpus database."""
    from storydesk.store.sqlite import Store
    from storydesk.stories.engine import StorySettings, update_stories

    start = time.perf_counter()
    with Store(db) as store:
        report = update_stories(store, StorySettings(embedder=embedder))
        seconds = time.perf_counter() - start
        rows = store.conn.execute("SELECT id, story, copy_of FROM articles").fetchall()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak, "stories": report.new_stories,
            "copies": dict(report.copies),
            "assigned": {r[0]: [r[1], r[2]] for r in rows}}


def run_one(total: int, embedder: str) -> dict[str, Any]:
    """Build (or reuse) the corpus, measure in a subprocess, score against the truth."""
    WORK.mkdir(parents=True, exist_ok=True)
    base = WORK / f"stories-{total}.db"
    truth = json.loads(build_db(total, base).read_text(encoding="utf-8"))
    scratch = WORK / f"stories-{total}-{embedder}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(scratch) + suffix).unlink(missing_ok=True)
    shutil.copy(base, scratch)
    done = subprocess.run(
        [sys.executable, __file__, "--measure", str(scratch), "--embedder", embedder],
        capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assigned = result.pop("assigned")
    gold = {k: v["event"] for k, v in truth.items()}
    pred = {k: assigned[k][0] for k in truth}
    copies = [k for k, v in truth.items() if v["copy_of"]]
    found = sum(1 for k in copies if assigned[k][1] is not None)
    result.update(articles=total, embedder=embedder, rate=total / result["seconds"],
                  bcubed=bcubed_f1(gold, pred), copy_recall=found / max(1, len(copies)),
                  events=len(set(gold.values())))
    return result


def write_results(rows: list[dict[str, Any]], path: Path) -> None:
    """Replace this benchmark's section of RESULTS.md."""
    cells = [[f"{r['articles']:,}", r["embedder"], f"{r['seconds']:.1f}", f"{r['rate']:,.0f}",
              f"{r['peak_mb']:,.0f}",
              f"{r['events']:,}", f"{r['stories']:,}", f"{r['bcubed']:.3f}",
              f"{r['copy_recall']:.3f}"] for r in rows]
    headers = ["articles", "embedder", "seconds", "articles/s", "peak RSS MB", "events",
               "stories", "B-cubed F1", "copy recall"]
    lines = [SECTION, "", f"Measured {datetime.now(UTC):%Y-%m-%d} on {machine()}.",
             "Commands: `python benchmarks/stories.py` (lexical rows), then "
             "`python benchmarks/stories.py --sizes 1000 --embedder minilm --append`.", "",
             table(cells, headers), ""]
    scaled = sorted((r for r in rows if r["embedder"] == rows[0]["embedder"]),
                    key=lambda r: r["articles"])
    if len(scaled) > 1:
        first, last = scaled[0], scaled[-1]
        growth = (last["seconds"] / first["seconds"]) / (last["articles"] / first["articles"])
        per_million = ((last["peak_mb"] - first["peak_mb"]) / 1024
                       / (last["articles"] - first["articles"]) * 1e6)
        lines += [f"With the {first['embedder']} embedder, time grows {growth:.2f}× as fast "
                  "as the corpus from "
                  f"{first['articles']:,} to {last['articles']:,} articles "
                  "(1.00 = linear). Memory grows by "
                  f"{per_million:.2f} GB per million articles (peak RSS slope between the "
                  "smallest and the largest run).", ""]
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    if SECTION in text:
        head, _, rest = text.partition(SECTION)
        tail = rest[rest.find("\n## "):] if "\n## " in rest else ""
        text = head + "\n".join(lines) + tail
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(lines)
    path.write_text(text, encoding="utf-8")


def main() -> None:
    """Parse arguments; measure each size; print and record the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,30000,100000",
                        help="comma-separated corpus sizes (default 10000,30000,100000)")
    parser.add_argument("--embedder", default="lexical", choices=["lexical", "minilm"])
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--rewrite", action="store_true",
                        help="only rewrite RESULTS.md from the rows of the last runs")
    parser.add_argument("--results", default=str(RESULTS))
    parser.add_argument("--append", action="store_true",
                        help="add these rows to the ones recorded by the last run")
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.embedder)))
        return
    rows = []
    store = WORK / "stories-rows.json"
    if (args.append or args.rewrite) and store.exists():
        rows = json.loads(store.read_text(encoding="utf-8"))
    if args.rewrite:
        write_results(rows, Path(args.results))
        return
    for size in (int(s) for s in args.sizes.split(",")):
        row = run_one(size, args.embedder)
        rows.append(row)
        print(f"{size:>8,} {args.embedder:<8} {row['seconds']:8.1f} s "
              f"{row['rate']:8,.0f} art/s  peak {row['peak_mb']:,.0f} MB  "
              f"B3 {row['bcubed']:.3f}  copies {row['copy_recall']:.3f}", flush=True)
    store.write_text(json.dumps(rows), encoding="utf-8")
    write_results(rows, Path(args.results))


if __name__ == "__main__":
    main()
