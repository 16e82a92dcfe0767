"""The quote ledger in the store, used as a reader would: ingest, export, the `quotes` and
`ledger` commands, on the bundled fictional corpus."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from storydesk.cli import main
from tests.conftest import CORPUS, run

FIDELITIES = {"verbatim", "trimmed", "paraphrased", "altered"}


@pytest.fixture(scope="module")
def ledger_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The fictional corpus ingested with default settings (stories and quote ledger)."""
    db = str(tmp_path_factory.mktemp("ledger") / "corpus.db")
    run("ingest", str(CORPUS), "--db", db, "--quiet")
    return db


def exported(db: str) -> list[dict]:
    return [json.loads(line) for line in run("export", "--db", db).splitlines()]


def test_every_article_has_its_quotes_with_offsets_into_its_text(ledger_db: str) -> None:
    records = exported(ledger_db)
    assert all(isinstance(r["quotes"], list) for r in records)
    direct = [(r, q) for r in records for q in r["quotes"] if q["direct"]]
    assert len(direct) >= 10
    for record, quote in direct:
        first_word = quote["text"].split()[0].strip("“”\"'‘’,.")
        assert first_word in record["text"][quote["start"]:quote["end"]], quote
    with_speaker = [q for _, q in direct if q["speaker"]]
    assert len(with_speaker) >= 0.8 * len(direct)


def test_the_ledger_of_a_story_lists_statements_with_fidelity(ledger_db: str) -> None:
    stories = [json.loads(line) for line in run("stories", "--db", ledger_db,
                                                 "--json").splitlines()]
    largest = max(stories, key=lambda s: s["size"])
    statements = json.loads(run("quotes", largest["id"], "--db", ledger_db, "--json"))
    assert statements
    for statement in statements:
        assert sum(r["reference"] for r in statement["renderings"]) == 1
        assert {r["fidelity"] for r in statement["renderings"]} <= FIDELITIES
        for r in statement["renderings"]:
            assert r["fidelity"] != "altered" or r["reason"]
    across = [s for s in statements if len({r["article"] for r in s["renderings"]}) > 1]
    assert across, "the wire story's quotes are rendered by its copies too"
    printed = run("quotes", largest["id"], "--db", ledger_db)
    assert "Quote ledger of story" in printed


def test_story_dossiers_carry_the_statements(ledger_db: str, tmp_path: Path) -> None:
    out = tmp_path / "dossiers.json"
    run("export", "--db", ledger_db, "--stories", "--format", "json", "--output", str(out))
    dossiers = json.loads(out.read_text(encoding="utf-8"))
    assert {d["story"] for d in dossiers} == {
        json.loads(line)["id"] for line in run("stories", "--db", ledger_db,
                                               "--json").splitlines()}
    assert any(d["statements"] for d in dossiers)


def test_ledger_is_incremental(ledger_db: str, tmp_path: Path) -> None:
    db = str(tmp_path / "copy.db")
    shutil.copy(ledger_db, db)
    assert "up to date" in run("ledger", "--db", db, "--quiet")
    extra = tmp_path / "extra.txt"
    extra.write_text("Harbour crane fails again\n\n“We will fix it by Monday,” said Ada Rell, "
                     "the harbour's chief engineer.\n", encoding="utf-8")
    output = run("ingest", str(extra), "--db", db, "--quiet")
    assert "Quotes: 1 found in 1 article(s)" in output
    with sqlite3.connect(db) as conn:
        read = conn.execute("SELECT COUNT(*) FROM quotes_read").fetchone()[0]
    assert read == len(exported(db))


def test_no_quotes_then_ledger(tmp_path: Path) -> None:
    db = str(tmp_path / "later.db")
    run("ingest", str(CORPUS), "--db", db, "--quiet", "--no-quotes")
    assert all(r["quotes"] is None for r in exported(db))
    output = run("ledger", "--db", db, "--quiet")
    assert "Quotes:" in output
    assert all(isinstance(r["quotes"], list) for r in exported(db))


def test_csv_cannot_hold_dossiers(ledger_db: str) -> None:
    result = CliRunner().invoke(main, ["export", "--db", ledger_db, "--stories", "--format",
                                       "csv"])
    assert result.exit_code != 0
    assert "--format json" in result.output
