"""The quote ledger on the reference seeds (../shared/seeds; skipped when absent): the
renderings the product promises to tell apart, checked through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run

pytestmark = [pytest.mark.seeds, pytest.mark.slow]


@pytest.fixture(scope="module")
def dossier(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The seeds' one story dossier, built by `ingest` with default settings."""
    db = tmp_path_factory.mktemp("seeds-ledger") / "seeds.db"
    run("ingest", str(seeds_dir), "--db", str(db), "--quiet")
    out = tmp_path_factory.getbasetemp() / "dossiers.json"
    run("export", "--db", str(db), "--stories", "--format", "json", "--output", str(out))
    dossiers = json.loads(out.read_text(encoding="utf-8"))
    assert len(dossiers) == 1
    return dossiers[0]


def statement_with(dossier: dict, *phrases: str) -> dict:
    """The one statement that has a rendering containing each phrase."""
    found = [s for s in dossier["statements"]
             if all(any(p in r["text"] for r in s["renderings"]) for p in phrases)]
    assert len(found) == 1, [[r["text"] for r in s["renderings"]] for s in found]
    return found[0]


def rendering(statement: dict, phrase: str) -> dict:
    return next(r for r in statement["renderings"] if phrase in r["text"])


def test_good_deals_is_an_altered_rendering_of_sordid_deals(dossier: dict) -> None:
    statement = statement_with(dossier, "sordid deals", "good deals")
    assert "Cleverly" in statement["speaker"]
    good = rendering(statement, "good deals")
    assert good["fidelity"] == "altered"
    assert good["reason"]


def test_the_reason_names_the_changed_word(dossier: dict) -> None:
    statement = statement_with(dossier, "sordid deals", "good deals")
    assert "sordid" in rendering(statement, "good deals")["reason"]


def test_main_military_base_is_an_altered_kirby_statement(dossier: dict) -> None:
    statement = statement_with(dossier, "top military backer", "main military base")
    assert "Kirby" in statement["speaker"]
    altered = [r for r in statement["renderings"] if r["fidelity"] == "altered"]
    assert altered and all("different sense" in r["reason"] for r in altered), altered


def test_translated_kirby_renderings_are_paraphrased(dossier: dict) -> None:
    statement = statement_with(dossier, "eager to cooperate", "seeking to collaborate")
    assert "Kirby" in statement["speaker"]
    seeking = [r for r in statement["renderings"] if "seeking to collaborate" in r["text"]]
    assert seeking and all(r["fidelity"] == "paraphrased" for r in seeking)


def test_quotes_command_prints_the_ledger(dossier: dict, seeds_dir: Path,
                                          tmp_path: Path) -> None:
    db = tmp_path / "seeds.db"
    run("ingest", str(seeds_dir), "--db", str(db), "--quiet", "--embedder", "lexical")
    story = json.loads(run("stories", "--db", str(db), "--json").splitlines()[0])["id"]
    printed = run("quotes", story, "--db", str(db))
    assert "Quote ledger of story" in printed
    assert "Kirby" in printed and "altered" in printed


def test_the_same_words_in_other_outlets_are_verbatim(dossier: dict) -> None:
    """Cleverly's "In return, Russia is offering ..." appears word for word in several
    outlets (one ends it with a comma, one with a full stop): one statement, verbatim."""
    found = [s for s in dossier["statements"]
             if any("In return, Russia is offering" in r["text"] for r in s["renderings"])]
    assert len(found) == 1, [[r["text"][:60] for r in s["renderings"]] for s in found]
    statement = found[0]
    assert "Cleverly" in statement["speaker"]
    same = [r for r in statement["renderings"] if "In return, Russia is offering" in r["text"]]
    assert len({r["article"] for r in same}) >= 3
    assert all(r["fidelity"] == "verbatim" for r in same if not r["reference"])
