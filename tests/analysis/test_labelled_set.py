"""Claims, conflicts, entities, timeline and sources on our labelled fictional set.

The set (tests/analysis/data, see its README) is ingested as a user would, with default
settings; the story dossiers are exported and scored. Each measure's precision and recall
must stay at or above the floors the project pins here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storydesk.cli import main
from tests.analysis import scoring

FLOOR = 0.85


@pytest.fixture(scope="module")
def dossiers(tmp_path_factory: pytest.TempPathFactory) -> scoring.Dossiers:
    folder = tmp_path_factory.mktemp("labelled")
    db = str(folder / "set.db")
    runner = CliRunner()
    data = scoring.DATA / "articles.jsonl"
    result = runner.invoke(main, ["ingest", str(data), "--db", db, "--no-quotes", "-q"])
    assert result.exit_code == 0, result.output
    stories = folder / "stories.json"
    articles = folder / "articles.jsonl"
    for args in (["--stories", "--format", "json", "-o", str(stories)],
                 ["--format", "jsonl", "-o", str(articles)]):
        result = runner.invoke(main, ["export", "--db", db, *args])
        assert result.exit_code == 0, result.output
    slugs = {json.loads(line)["id"]: json.loads(line)["url"]
             for line in data.read_text(encoding="utf-8").splitlines()}
    return scoring.Dossiers(json.loads(stories.read_text(encoding="utf-8")),
                            [json.loads(line) for line in
                             Path(articles).read_text(encoding="utf-8").splitlines()], slugs)


@pytest.fixture(scope="module")
def labels() -> dict:
    return scoring.load_labels()


def _check(name: str, score: scoring.Score, precision: bool = True) -> None:
    print(f"\n{name}: {score}\n  " + "\n  ".join(score.misses[:40]))
    assert score.recall >= FLOOR, f"{name} recall {score}"
    if precision:
        assert score.precision >= FLOOR, f"{name} precision {score}"


def test_same_fact_pairs_are_one_claim(dossiers: scoring.Dossiers, labels: dict) -> None:
    _check("claim pairs", scoring.score_pairs(dossiers, labels))


def test_conflicts_are_found_and_real(dossiers: scoring.Dossiers, labels: dict) -> None:
    _check("conflicts", scoring.score_conflicts(dossiers, labels))


def test_entity_variants_merge_and_namesakes_stay_apart(dossiers: scoring.Dossiers,
                                                        labels: dict) -> None:
    _check("entities", scoring.score_entities(dossiers, labels))


def test_timeline_dates_labelled_expressions(dossiers: scoring.Dossiers, labels: dict) -> None:
    _check("timeline", scoring.score_timeline(dossiers, labels), precision=False)


def test_claims_count_independent_sources(dossiers: scoring.Dossiers, labels: dict) -> None:
    _check("independent sources", scoring.score_sources(dossiers, labels), precision=False)


def test_off_topic_passages_are_no_claims(dossiers: scoring.Dossiers, labels: dict) -> None:
    _check("off-topic", scoring.score_off_topic(dossiers, labels), precision=False)
