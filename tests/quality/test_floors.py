"""Quality floors on the labelled development sets, measured as a user would: through the
command line and the shared scorers. Skipped when ../shared is absent.

The floors are the targets the project committed to; the figures measured when they were
pinned are in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SHARED, run, seed_path

ECB = SHARED / "data" / "ecbplus-dev"
SEMEVAL = SHARED / "data" / "semeval8-dev"
EVAL = SHARED / "eval"
ECB_SUBTOPIC_BCUBED_F1 = 0.93
SEMEVAL_PEARSON = 0.86

pytestmark = [pytest.mark.slow, pytest.mark.seeds]


def scorer(name: str, *args: str) -> dict:
    """Run one of the shared scorers; its last line is a JSON summary."""
    done = subprocess.run([sys.executable, str(EVAL / name), *args], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def mixed_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ECB+ dev and the five seeds, ingested together with default settings, exported."""
    if not ECB.is_dir() or not (SHARED / "seeds").is_dir():
        pytest.skip("../shared/data/ecbplus-dev or ../shared/seeds is not present")
    folder = tmp_path_factory.mktemp("ecb")
    db, export = folder / "mixed.db", folder / "mixed.jsonl"
    inputs = [str(p) for p in sorted(ECB.glob("*.txt"))] + [str(SHARED / "seeds")]
    run("ingest", *inputs, "--db", str(db), "--quiet", "--no-quotes", "--no-claims")
    run("export", "--db", str(db), "--format", "jsonl", "--output", str(export))
    return export


def test_ecb_plus_events_of_the_same_kind_are_told_apart(mixed_export: Path) -> None:
    result = scorer("score_clusters.py", str(ECB / "gold.jsonl"), str(mixed_export),
                    "--label", "subtopic")
    assert result["bcubed"]["f1"] >= ECB_SUBTOPIC_BCUBED_F1, result


def test_seeds_mixed_with_ecb_plus_are_one_story_with_one_copy(mixed_export: Path) -> None:
    records = [json.loads(line) for line in mixed_export.read_text(encoding="utf-8").splitlines()]
    seeds = {r["file"][:3]: r for r in records if r["source"].startswith(str(SHARED / "seeds"))}
    assert sorted(seeds) == ["000", "001", "002", "003", "004"]
    story = seeds["000"]["story"]
    assert {r["story"] for r in seeds.values()} == {story}
    assert [r["file"] for r in records if r["story"] == story and r["file"][:3] not in seeds] \
        == []
    assert seeds["002"]["copy_of"] == seeds["001"]["id"]
    assert seeds["002"]["copy_kind"] in {"rewritten", "translated"}
    ids = {r["id"] for r in seeds.values()}
    others = [r for r in records if r["copy_of"] in ids or (r["id"] in ids and r["copy_of"])]
    assert [r["id"] for r in others] == [seeds["002"]["id"]]


def test_semeval_story_similarity_follows_human_ratings(tmp_path: Path) -> None:
    if not SEMEVAL.is_dir():
        pytest.skip("../shared/data/semeval8-dev is not present")
    predictions = tmp_path / "similarity.jsonl"
    run("similarity", "--pairs", str(SEMEVAL / "pairs.jsonl"), "--output", str(predictions))
    result = scorer("score_pairs.py", str(SEMEVAL / "pairs.jsonl"), str(predictions))
    assert result["missing"] == 0
    assert result["pearson"] >= SEMEVAL_PEARSON, result


def test_seeds_alone_are_one_story(seeds_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "seeds.db")
    run("ingest", str(seeds_dir), "--db", db, "--quiet")
    lines = run("export", "--db", db).splitlines()
    records = {r["file"][:3]: r for r in map(json.loads, lines)}
    assert len({r["story"] for r in records.values()}) == 1
    copies = {k: (r["copy_of"], r["copy_kind"]) for k, r in records.items() if r["copy_of"]}
    assert copies == {"002": (records["001"]["id"], "rewritten")}
    assert seed_path(seeds_dir, "002").name == records["002"]["file"]
