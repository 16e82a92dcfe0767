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


def test_every_direct_quote_has_a_speaker(dossier: dict) -> None:
    """Quoted words always come with who said them, including those attributed to "the
    spokesperson" or standing alone after an attributed quote."""
    unattributed = [r["text"][:60] for s in dossier["statements"] for r in s["renderings"]
                    if r["direct"] and not s["speaker"]]
    assert not unattributed


def test_the_spokesperson_is_kirby(dossier: dict) -> None:
    """One outlet names "US national security council spokesperson John Kirby" once, then
    quotes "the spokesperson" twice, the second time in a paragraph of its own."""
    dying = [s["speaker"] for s in dossier["statements"] for r in s["renderings"]
             if "dying" in r["text"]]
    assert len(dying) >= 2 and all(speaker == "John Kirby" for speaker in dying), dying


def test_a_lie_is_zelenskys_word(dossier: dict) -> None:
    """ "The admission was quickly slammed as “a lie” by President Volodymyr Zelensky": the
    agent of the passive verb speaks, not its subject."""
    lie = [s["speaker"] for s in dossier["statements"] for r in s["renderings"]
           if r["text"] == "a lie"]
    assert lie == ["Volodymyr Zelensky"]


def test_one_speaker_per_country_and_organisation(dossier: dict) -> None:
    """ "the US", "The US" and "the U.S." are one speaker, and so are "the Institute for the
    Study of War" and "the ISW"."""
    speakers = {s["speaker"] for s in dossier["statements"] if s["speaker"]}
    assert "United States" in speakers and "United Kingdom" in speakers
    assert not speakers & {"US", "U.S", "U.S.", "UK", "U.K", "U.K.", "ISW", "Institute"}
    assert "Institute for the Study of War" in speakers
