"""Claims, conflicts, entities and timeline on the reference seeds (../shared/seeds; skipped
when absent), checked through the exported story dossier."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run

pytestmark = [pytest.mark.seeds, pytest.mark.slow]


@pytest.fixture(scope="module")
def dossier(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The seeds' one story dossier, built by `ingest` with default settings."""
    db = tmp_path_factory.mktemp("seeds-claims") / "seeds.db"
    run("ingest", str(seeds_dir), "--db", str(db), "--quiet", "--no-quotes")
    out = db.parent / "dossiers.json"
    run("export", "--db", str(db), "--stories", "--format", "json", "--output", str(out))
    dossiers = json.loads(out.read_text(encoding="utf-8"))
    assert len(dossiers) == 1
    return dossiers[0]


def claims_with(dossier: dict, phrase: str) -> list[dict]:
    return [c for c in dossier["claims"] if any(phrase in p["text"] for p in c["passages"])]


def test_drone_counts_are_differing_figures(dossier: dict) -> None:
    drones = [c for c in dossier["conflicts"] if c["kind"] == "number"
              and {"about 10 a day", "10 of 15", "ten"} <= {v["value"] for v in c["values"]}]
    assert len(drones) == 1
    assert len({v["article"] for v in drones[0]["values"]}) == 3


def test_many_months_against_a_few_months_is_a_conflict(dossier: dict) -> None:
    found = [c for c in dossier["conflicts"] if c["kind"] == "quantity"]
    assert any({"many months", "a few months"} <= {v["value"].lower() for v in c["values"]}
               for c in found)


def test_power_cuts_in_odessa_and_odesa_are_one_claim_of_two_sources(dossier: dict) -> None:
    odessa, odesa = claims_with(dossier, "in Odessa"), claims_with(dossier, "in Odesa")
    shared = [c for c in odessa if c in odesa]
    assert len(shared) == 1
    assert shared[0]["independent_sources"] == 2 and not shared[0]["single_source"]
    assert not [c for c in dossier["conflicts"]
                if any("1.5 million" in v["text"] for v in c["values"])]


def test_the_aid_package_is_single_source(dossier: dict) -> None:
    (aid,) = claims_with(dossier, "$275 million")
    assert aid["single_source"] and aid["independent_sources"] == 1


def test_odesa_spellings_are_one_place(dossier: dict) -> None:
    places = [e for e in dossier["entities"]
              if {"Odesa", "Odessa"} <= {v["form"] for v in e["variants"]}]
    assert len(places) == 1 and places[0]["type"] == "PLACE"


def test_the_cleverly_title_conflict_is_reported(dossier: dict) -> None:
    titles = [c for c in dossier["conflicts"] if c["kind"] == "title"]
    assert any({"Foreign Secretary", "Foreign Minister"}
               <= {" ".join(v["value"].split()[-2:]) for v in c["values"]} for c in titles)


def test_timeline_orders_the_dated_events(dossier: dict) -> None:
    def position(phrase: str, date: str) -> int:
        found = [n for n, e in enumerate(dossier["timeline"])
                 if phrase in " ".join(p["text"] for p in
                                       dossier["claims"][e["claim"]]["passages"])
                 and e["date"] == date]
        assert found, (phrase, date)
        return found[0]

    order = [position("on 17 October", "2022-10-17"), position("Nov. 15", "2022-11-15"),
             position("In his remarks on Friday", "2022-12-09"),
             position("on Dec. 10 alone", "2022-12-10"),
             position("On Dec. 11", "2022-12-11")]
    assert order == sorted(order)
    published = {p["article"]: p["published"] for p in dossier["publications"]}
    assert len(published) == len(dossier["articles"])


def test_other_developments_are_off_topic_not_claims(dossier: dict) -> None:
    assert not claims_with(dossier, "Belarus will allow the transit")
    assert not claims_with(dossier, "International Olympic Committee")
    assert any("Belarus will allow the transit" in s["text"] for s in dossier["off_topic"])
