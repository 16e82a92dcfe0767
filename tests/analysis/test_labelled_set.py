"""Claims, conflicts, entities, timeline and sources on our labelled fictional sets.

Each set (tests/analysis/data, data2, ..., data5 and blind, see their READMEs) is ingested
as a user would, with default settings; the story dossiers are exported and scored. Each measure's
precision and recall must stay at or above the floors pinned here for its set, a little
under what the current version measures (see benchmarks/RESULTS.md); the aim for every
measure is 0.85. The thorough mode (`storydesk analyse --thorough`) is measured on the
first set's claim pairs too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storydesk.cli import main
from tests.analysis import scoring

# (precision, recall) floors per set and measure; None where precision is not measured.
FLOORS = {
    # The set written with the issue: every precision and recall at or above the aim, 0.85.
    "data": {
        "claim pairs": (0.95, 0.85),
        "claim pairs, thorough": (0.95, 0.85),
        "conflicts": (0.90, 0.85),
        "entities": (0.95, 0.92),
        "timeline": (None, 0.93),
        "independent sources": (None, 0.85),
        "off-topic": (None, 0.85),
    },
    "data2": {
        "claim pairs": (0.95, 0.75),
        "conflicts": (0.85, 0.45),
        "entities": (0.95, 0.97),
        "timeline": (None, 0.93),
        "independent sources": (None, 0.75),
        "off-topic": (None, 0.85),
    },
    "data3": {
        "claim pairs": (0.85, 0.48),
        "conflicts": (0.90, 0.27),
        "entities": (0.95, 0.95),
        "timeline": (None, 0.95),
        "independent sources": (None, 0.65),
        "off-topic": (None, 0.85),
    },
    "data4": {
        "claim pairs": (0.90, 0.67),
        "conflicts": (0.75, 0.58),
        "entities": (0.95, 0.93),
        "timeline": (None, 0.95),
        "independent sources": (None, 0.57),
        "off-topic": (None, 0.85),
    },
    "data5": {
        "claim pairs": (0.90, 0.50),
        "conflicts": (0.80, 0.42),
        "entities": (0.95, 0.66),
        "timeline": (None, 0.94),
        "independent sources": (None, 0.70),
        "off-topic": (None, 0.85),
    },
    # The blind set is measured, not developed on: its floors only guard against losing
    # what the current version finds.
    "blind": {
        "claim pairs": (0.85, 0.53),
        "conflicts": (0.78, 0.40),
        "entities": (0.95, 0.74),
        "timeline": (None, 0.88),
        "independent sources": (None, 0.64),
        "off-topic": (None, 0.85),
    },
}


def analysed(folder: Path, thorough: bool = False,
             labelled: Path = scoring.DATA) -> scoring.Dossiers:
    """Ingest a labelled set (and, when thorough, analyse it again in that mode), export
    and read the dossiers."""
    db = str(folder / "set.db")
    runner = CliRunner()
    data = labelled / "articles.jsonl"
    result = runner.invoke(main, ["ingest", str(data), "--db", db, "--no-quotes", "-q"])
    assert result.exit_code == 0, result.output
    if thorough:
        result = runner.invoke(main, ["analyse", "--db", db, "--thorough", "-q"])
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


@pytest.fixture(scope="module", params=sorted(scoring.SETS))
def labelled_set(request: pytest.FixtureRequest,
                 tmp_path_factory: pytest.TempPathFactory) -> tuple[str, scoring.Dossiers, dict]:
    """A set's name, its exported dossiers and its labels."""
    name, folder = request.param, scoring.SETS[request.param]
    return (name, analysed(tmp_path_factory.mktemp(name), labelled=folder),
            scoring.load_labels(folder))


def _check(labelled: str, name: str, score: scoring.Score) -> None:
    print(f"\n{labelled}, {name}: {score}\n  " + "\n  ".join(score.misses[:40]))
    precision, recall = FLOORS[labelled][name]
    assert score.recall >= recall, f"{labelled}, {name} recall {score}"
    if precision is not None:
        assert score.precision >= precision, f"{labelled}, {name} precision {score}"


# What each measure checks: two passages that state one fact are one claim; a labelled
# disagreement is reported (and every reported conflict is a real one); the forms of one
# entity merge and namesakes stay apart; the timeline dates each labelled expression right;
# a claim counts its independent sources right; off-topic passages make no claims.
MEASURES = {
    "claim pairs": scoring.score_pairs,
    "conflicts": scoring.score_conflicts,
    "entities": scoring.score_entities,
    "timeline": scoring.score_timeline,
    "independent sources": scoring.score_sources,
    "off-topic": scoring.score_off_topic,
}


@pytest.mark.parametrize("measure", MEASURES)
def test_measure_stays_above_its_floor(labelled_set: tuple, measure: str) -> None:
    name, dossiers, labels = labelled_set
    _check(name, measure, MEASURES[measure](dossiers, labels))


@pytest.mark.slow
def test_thorough_mode_aligns_looser_paraphrases(tmp_path: Path) -> None:
    _check("data", "claim pairs, thorough",
           scoring.score_pairs(analysed(tmp_path, thorough=True), scoring.load_labels()))
