"""Quote benchmark: how fast storydesk extracts and attributes quotes, and how well.

Speed: quote extraction plus speaker attribution (spaCy parse and entities, quotation marks,
reported speech, name resolution) over the PolNeAR development articles in ../shared when
present, else over the bundled fictional test articles repeated. Measured in this process
after the model has loaded (model loading is timed apart, as it happens once per process),
and through the store with ``extract_new`` on two worker processes, as `storydesk ingest`
runs it.

Quality, when ../shared is present: the shared scorer on the same export, at both overlap
thresholds, direct quotes and all attributions.

Usage::

    .venv/bin/python benchmarks/quotes.py               # everything, figures to stdout
    .venv/bin/python benchmarks/quotes.py --limit 200   # a quicker run
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear-dev"
SCORER = ROOT.parent / "shared" / "eval" / "score_quotes.py"
FICTIONAL = ROOT / "tests" / "quotes" / "data" / "extraction"


def corpus(limit: int) -> tuple[list[Path], bool]:
    """Article files to measure on, and whether they are PolNeAR's (so can be scored)."""
    if POLNEAR.is_dir():
        return sorted(POLNEAR.glob("*.txt"))[:limit], True
    files = sorted(FICTIONAL.glob("*.txt"))
    return (files * (limit // len(files) + 1))[:limit], False


def in_process(files: list[Path], beliefs: bool) -> dict[str, float]:
    """Model load time and articles/s of `Extractor.extract_many` in this process."""
    from storydesk.quotes.extract import Extractor

    started = time.perf_counter()
    extractor = Extractor(beliefs=beliefs)
    loaded = time.perf_counter() - started
    texts = [f.read_text(encoding="utf-8") for f in files]
    started = time.perf_counter()
    quotes = extractor.extract_many(texts)
    seconds = time.perf_counter() - started
    return {"model_load_s": round(loaded, 2), "articles": len(texts),
            "quotes": sum(len(q) for q in quotes), "seconds": round(seconds, 1),
            "articles_per_s": round(len(texts) / seconds, 1)}


def through_store(files: list[Path], workers: int, scored: bool) -> dict[str, object]:
    """Ingest without stories, then time `extract_new` with `workers` processes; score."""
    from storydesk.config import Settings
    from storydesk.engine import LocalEngine
    from storydesk.export import write_jsonl
    from storydesk.ingest.pipeline import ingest
    from storydesk.quotes.ledger import extract_new
    from storydesk.store.sqlite import Store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        with Store(db) as store:
            ingest([str(f) for f in dict.fromkeys(files)], store, Settings())
            started = time.perf_counter()
            articles, found = extract_new(store, engine=LocalEngine(workers))
            seconds = time.perf_counter() - started
            result: dict[str, object] = {
                "workers": workers, "articles": articles, "quotes": found,
                "seconds": round(seconds, 1), "articles_per_s": round(articles / seconds, 1)}
            if scored:
                pred = Path(tmp) / "pred.jsonl"
                with pred.open("w", encoding="utf-8") as handle:
                    write_jsonl(store, handle)
                done = subprocess.run(
                    [sys.executable, str(SCORER), str(POLNEAR / "gold.jsonl"), str(pred)],
                    capture_output=True, text=True, check=True)
                scores = json.loads(done.stdout.strip().splitlines()[-1])
                result["scores"] = {
                    name: {k: round(v, 4) for k, v in scores[name].items()
                           if k in ("p", "r", "f1", "speaker_acc") and v is not None}
                    for name in ("direct@0.3", "direct@0.8", "all@0.3", "all@0.8")}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=10_000, help="at most this many articles")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--beliefs", action="store_true",
                        help="in this process, also parse sentences of belief (see Extractor)")
    args = parser.parse_args()
    files, scored = corpus(args.limit)
    print(json.dumps({"corpus": "polnear-dev" if scored else "fictional (repeated)",
                      "beliefs": args.beliefs, "in_process": in_process(files, args.beliefs)}))
    print(json.dumps({"store": through_store(files, args.workers, scored)}))


if __name__ == "__main__":
    main()
