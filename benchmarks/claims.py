"""Claims benchmark: how fast storydesk analyses stories (claims, conflicts, entities, timeline).

The corpus is ECB+ dev in ../shared when present (462 articles in 40 stories of 3-22
articles), else the project's labelled fictional set. Articles are ingested and clustered
first (not timed); then the whole analysis step is timed through the store as `storydesk
analyse` runs it: entity recognition and the distilling of the stories' vocabulary into word
vectors as one stream of jobs on worker processes, then each story's claims, alignment,
conflicts, entities and timeline there too. Model loading is part of the timing, as it is
for a user; the word vectors are distilled on demand, so a first run pays for its vocabulary
(reported as `words_encoded`).

Usage::

    .venv/bin/python benchmarks/claims.py                 # fast mode, 2 workers
    .venv/bin/python benchmarks/claims.py --thorough      # with sentence vectors (slower)
    .venv/bin/python benchmarks/claims.py --limit 100
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ECB = ROOT.parent / "shared" / "data" / "ecbplus-dev"
LABELLED = ROOT / "tests" / "analysis" / "data" / "articles.jsonl"


def inputs(limit: int) -> tuple[list[str], str]:
    """What to ingest, and the corpus's name."""
    if ECB.is_dir():
        return [str(p) for p in sorted(ECB.glob("doc_*.txt"))[:limit]], "ecbplus-dev"
    return [str(LABELLED)], "labelled fictional set"


def run(limit: int, workers: int, thorough: bool) -> dict[str, object]:
    """Ingest and cluster, then time the analysis stages."""
    from storydesk.claims.analysis import analyse_stories, prepare
    from storydesk.claims.words import StoredWordVectors, shared_word_vectors
    from storydesk.config import Settings
    from storydesk.engine import LocalEngine
    from storydesk.ingest.pipeline import ingest
    from storydesk.store.sqlite import Store
    from storydesk.stories.engine import StorySettings, update_stories

    files, name = inputs(limit)
    # One engine for the stages, as `storydesk analyse` has: its workers load their models
    # once.
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store, \
            LocalEngine(workers, keep=True) as engine:
        ingest(files, store, Settings())
        update_stories(store, StorySettings())
        articles = store.count()
        started = time.perf_counter()
        prepared = prepare(store, thorough=thorough, engine=engine)
        read, mentions, encoded = prepared.articles, prepared.mentions, prepared.words
        recognised = time.perf_counter() - started
        words = StoredWordVectors(store.conn, shared_word_vectors())
        sentences = None
        if thorough:
            from storydesk.similarity.score import Embedder

            sentences = Embedder("minilm").sentences
        started = time.perf_counter()
        stories, claims, conflicts = analyse_stories(store, word_vectors=words,
                                                     sentence_vectors=sentences,
                                                     engine=engine)
        analysed = time.perf_counter() - started
        # Again with the vocabulary stored, as a later run on a growing corpus finds it:
        # the entities are recognised again, the words looked up.
        store.conn.execute("DELETE FROM analyses")
        store.conn.execute("DELETE FROM mentions_read")
        store.conn.commit()
        words = StoredWordVectors(store.conn, shared_word_vectors())
        started = time.perf_counter()
        prepare(store, thorough=thorough, engine=engine)
        analyse_stories(store, word_vectors=words, sentence_vectors=sentences,
                        engine=engine)
        warm = time.perf_counter() - started
    total = recognised + analysed
    return {
        "corpus": name, "articles": articles, "stories": stories, "workers": workers,
        "mode": "thorough" if thorough else "fast", "mentions": mentions, "claims": claims,
        "conflicts": conflicts, "words_encoded": encoded,
        "entities_and_vocabulary_s": round(recognised, 1),
        "stories_s": round(analysed, 1),
        "total_s": round(total, 1), "articles_per_s": round(read / total, 1),
        "stories_per_s": round(stories / total, 2),
        "total_s_vocabulary_stored": round(warm, 1),
        "articles_per_s_vocabulary_stored": round(read / warm, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=10_000, help="at most this many articles")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--thorough", action="store_true",
                        help="align claims with sentence vectors too (see `analyse --thorough`)")
    args = parser.parse_args()
    print(json.dumps(run(args.limit, args.workers, args.thorough)))


if __name__ == "__main__":
    main()
