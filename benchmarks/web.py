"""Web app benchmark: how long the story page of a large story takes to serve.

Builds a 200-article story from the bundled fictional wire report (each article a variant:
its own outlet, a reordered and partly reworded body, an extra paragraph of its own), ingests
it with the whole pipeline (stories, quote ledger, claims), then times the story page, the
story's API dossier, an article page and the story list through the app (in process, as a
browser's request would be handled, without the network).

Usage::

    .venv/bin/python benchmarks/web.py [--articles 200] [--repeat 10]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "examples" / "corpus" / "wire_original.txt"
WORDS = {"said": "told reporters", "about": "around", "ferry": "vessel",
         "at least": "no fewer than"}


def variants(count: int, seed: int = 7) -> list[dict[str, str]]:
    """`count` articles reporting the source's story in slightly different words."""
    rng = random.Random(seed)
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    title, body = lines[0], [p for p in lines[3:] if p.strip()]
    out = []
    for n in range(count):
        paragraphs = body[:1] + rng.sample(body[1:], len(body) - 1)
        text = "\n\n".join(paragraphs)
        for old, new in WORDS.items():
            if rng.random() < 0.5:
                text = text.replace(old, new)
        text += (f"\n\nResidents of district {n} said {rng.randint(2, 90)} boats joined the "
                 f"search on Wednesday, according to local councillor Ana Veld-{n}.")
        out.append({"title": title, "text": text, "outlet": f"Outlet {n:03d}",
                    "url": f"https://outlet{n:03d}.example/ferry", "date":
                    f"2025-03-{12 + n % 3:02d}T{6 + n % 12:02d}:00:00+00:00"})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    from click.testing import CliRunner
    from fastapi.testclient import TestClient

    from storydesk.cli import main as cli
    from storydesk.web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "story.jsonl"
        source.write_text("".join(json.dumps(a) + "\n" for a in variants(args.articles)),
                          encoding="utf-8")
        db = str(Path(tmp) / "web.db")
        started = time.perf_counter()
        result = CliRunner().invoke(cli, ["ingest", str(source), "--db", db, "--quiet"])
        assert result.exit_code == 0, result.output
        ingest_s = time.perf_counter() - started
        client = TestClient(create_app(db))
        story = client.get("/api/stories").json()[0]
        started = time.perf_counter()
        client.get(f"/story/{story['id']}")
        first = (time.perf_counter() - started) * 1000
        article = client.get(f"/api/stories/{story['id']}").json()["articles"][0]["id"]
        timings: dict[str, list[float]] = {}
        for name, path in (("story page", f"/story/{story['id']}"),
                           ("story dossier (API)", f"/api/stories/{story['id']}"),
                           ("article page (highlighted)", f"/article/{article}"),
                           ("story list", "/")):
            for _ in range(args.repeat):
                started = time.perf_counter()
                response = client.get(path)
                timings.setdefault(name, []).append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
        print(json.dumps({
            "articles": args.articles, "story_size": story["size"],
            "ingest_s": round(ingest_s, 1), "first_story_page_ms": round(first, 1),
            "page_bytes": len(client.get(f"/story/{story['id']}").content),
            **{f"{name} ms (median of {args.repeat})": round(statistics.median(values), 1)
               for name, values in timings.items()}}))


if __name__ == "__main__":
    main()
