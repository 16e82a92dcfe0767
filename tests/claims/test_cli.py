"""The claims, conflicts, entities and timeline commands on the bundled fictional corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
PARTS = ("claims", "conflicts", "entities", "timeline")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("claims-cli") / "demo.db")
    run("ingest", str(CORPUS), "--db", path, "--quiet", "--no-quotes")
    return path


@pytest.fixture(scope="module")
def largest(db: str) -> str:
    return json.loads(run("stories", "--db", db, "--json", "--limit", "1").splitlines()[0])["id"]


@pytest.mark.parametrize("part", PARTS)
def test_each_part_prints_and_exports_as_json(db: str, largest: str, part: str) -> None:
    assert f"of story {largest}" in run(part, largest, "--db", db)
    assert isinstance(json.loads(run(part, largest, "--db", db, "--json")), list)


def test_claims_name_their_outlets_and_sources(db: str, largest: str) -> None:
    claims = json.loads(run("claims", largest, "--db", db, "--json"))
    assert claims and all(c["support"] and c["passages"] for c in claims)
    assert any(c["independent_sources"] >= 2 for c in claims)
    text = run("claims", largest, "--db", db)
    assert "independent sources" in text and "single source" in text


def test_the_dossier_export_carries_every_part(db: str) -> None:
    dossiers = json.loads(run("export", "--db", db, "--stories", "--format", "json"))
    for dossier in dossiers:
        assert set(PARTS) <= dossier.keys()
        assert all(e["variants"] for e in dossier["entities"])


def test_a_story_not_analysed_yet_says_how_to_fix_it(tmp_path: Path) -> None:
    path = str(tmp_path / "bare.db")
    run("ingest", str(CORPUS), "--db", path, "--quiet", "--no-quotes", "--no-claims")
    story = json.loads(run("stories", "--db", path, "--json", "--limit", "1").splitlines()[0])
    output = run("claims", story["id"], "--db", path, code=1)
    assert "has not been analysed yet" in output and "storydesk analyse" in output
    assert "Claims:" in run("analyse", "--db", path, "--quiet")
    assert "up to date" in run("analyse", "--db", path, "--quiet")
    assert json.loads(run("claims", story["id"], "--db", path, "--json"))


def test_an_unknown_story_is_a_clear_error(db: str) -> None:
    assert "no story" in run("timeline", "szzzzzzz", "--db", db, code=1).lower()
