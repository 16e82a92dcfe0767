"""The command line as a user meets it: help, ingest, list, show, search, export, runs."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storydesk.cli import main
from tests.conftest import CORPUS, run

COMMANDS = ["ingest", "articles", "show", "search", "export", "runs", "cluster", "stories",
            "story", "similarity", "ledger", "quotes", "batch"]
CONTRACT_FIELDS = {"file", "id", "url", "outlet", "authors", "title", "published", "text",
                   "story", "copy_of", "quotes"}


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_command_has_help(command: str | None) -> None:
    output = run(*([command] if command else []), "--help")
    assert "Usage:" in output
    if command is None:
        for name in COMMANDS:
            assert name in output


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "cli.db")
    output = run("ingest", str(CORPUS), "--db", path, "--quiet")
    assert "10 accepted" in output and "0 rejected" in output
    assert "2 new story(ies)" in output and "1 syndicated" in output
    return path


def test_reingest_changes_nothing(db: str) -> None:
    before = run("export", "--db", db)
    output = run("ingest", str(CORPUS), "--db", db, "--quiet")
    assert "8 unchanged since an earlier run (skipped)" in output
    assert "0 accepted, 0 duplicate" in output
    assert run("export", "--db", db) == before


def test_articles_lists_every_article(db: str) -> None:
    output = run("articles", "--db", db, "--json")
    records = [json.loads(line) for line in output.splitlines()]
    assert len(records) == 10
    assert {r["outlet"] for r in records} >= {"Meridian Press Agency", "The Harbour Courier"}
    dated = [r["published"] for r in records if r["published"]]
    assert dated == sorted(dated)


def test_show_with_removed_furniture(db: str) -> None:
    records = [json.loads(line) for line in run("articles", "--db", db, "--json").splitlines()]
    courier = next(r for r in records if r["file"] == "harbour_courier_syndicated.txt")
    output = run("show", courier["id"][:6], "--db", db, "--removed", "--evidence")
    assert "The Harbour Courier" in output and "masthead" in output
    assert "READ MORE" in output and "related-content marker" in output
    assert "Skelde council approves new car park" in output  # listed as a removed teaser
    assert "Kestrel Dawn" in output


def test_show_unknown_id_is_a_clear_error(db: str) -> None:
    result = CliRunner().invoke(main, ["show", "ffffffffffff", "--db", db])
    assert result.exit_code == 1
    assert "no article 'ffffffffffff'" in result.output


def test_search_finds_words_and_phrases(db: str) -> None:
    output = run("search", "Lindmoor", "--db", db)
    assert "Brennick" in output or "Lindmoor" in output
    assert run("search", '"families fund"', "--db", db).count("\n") >= 1
    assert "No matches." in run("search", "zeppelin", "--db", db)
    assert "No matches." not in run("search", 'Kestrel AND (', "--db", db)  # bad syntax: words


def test_export_jsonl_follows_the_contract(db: str, tmp_path: Path) -> None:
    out = tmp_path / "export.jsonl"
    run("export", "--db", db, "--format", "jsonl", "--output", str(out))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 10
    for record in records:
        assert set(record) >= CONTRACT_FIELDS
        assert record["text"] and record["id"]
        assert isinstance(record["authors"], list)
    assert {r["file"] for r in records} >= {"wire_original.txt", "coastal_wire.jsonl"}


def test_stories_and_story_show_lineage(db: str) -> None:
    listing = run("stories", "--db", db)
    assert "Kestrel Dawn" in listing and "Lindmoor" in listing
    first = next(json.loads(line) for line in run("stories", "--db", db, "--json").splitlines())
    assert first["size"] == 7 and first["sources"] == 5
    output = run("story", first["id"], "--db", db)
    assert "syndicated copy of" in output and "rewritten copy of" in output
    assert "containment" in output and "coverage" in output
    assert "Every article is already in a story." in run("cluster", "--db", db)


def test_show_names_the_copy_and_its_evidence(db: str) -> None:
    records = [json.loads(line) for line in run("export", "--db", db).splitlines()]
    courier = next(r for r in records if r["file"] == "harbour_courier_syndicated.txt")
    wire = next(r for r in records if r["file"] == "wire_original.txt")
    assert courier["copy_of"] == wire["id"] and courier["story"] == wire["story"]
    output = run("show", courier["id"], "--db", db)
    assert f"{wire['id']} (syndicated" in output and "shared passage:" in output
    assert "copied by" in run("show", wire["id"], "--db", db)


def test_similarity_scores_pairs(tmp_path: Path) -> None:
    wire = (CORPUS / "wire_original.txt").read_text(encoding="utf-8")
    rewrite = (CORPUS / "translated_rewrite.txt").read_text(encoding="utf-8")
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(json.dumps({"pair_id": "same", "text1": wire, "text2": rewrite}) + "\n"
                     + json.dumps({"pair_id": "other", "text1": wire,
                                   "text2": "Lorvanian central bank holds its rate at 3.25 "
                                            "percent, citing slower wage growth."}) + "\n",
                     encoding="utf-8")
    output = run("similarity", "--pairs", str(pairs), "--embedder", "lexical")
    scores = {r["pair_id"]: r["similarity"] for r in map(json.loads, output.splitlines())}
    assert scores["same"] > 0.5 > scores["other"]


def test_similarity_rejects_a_malformed_line(tmp_path: Path) -> None:
    pairs = tmp_path / "bad.jsonl"
    pairs.write_text('{"pair_id": "x", "text1": "a"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["similarity", "--pairs", str(pairs)])
    assert result.exit_code == 1 and "line 1" in result.output


def test_export_csv(db: str) -> None:
    rows = list(csv.DictReader(io.StringIO(run("export", "--db", db, "--format", "csv"))))
    assert len(rows) == 10
    wire = next(r for r in rows if r["file"] == "translated_rewrite.txt")
    assert wire["authors"] == "Katrin Wollmer; Jonas Brett"


def test_runs_lists_ingest_runs(db: str) -> None:
    output = run("runs", "--db", db)
    assert "finished" in output and "ingest" in output
    assert "Run 1" in run("runs", "1", "--db", db, "--status", "accepted")


def test_commands_on_a_missing_database_explain(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["articles", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no storydesk database" in result.output


def test_bad_field_mapping_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(CORPUS), "--db", str(tmp_path / "x.db"),
                                       "--field", "body", "--no-stories"])
    assert result.exit_code == 2
    assert "FIELD=COLUMN" in result.output


def test_article_text_cannot_drive_the_terminal(tmp_path: Path) -> None:
    page = tmp_path / "markup.txt"
    page.write_text("Harbour [bold red]alarm[/] raised\n\nOfficials said the "
                    "\x1b[31mharbour\x1b[0m alarm was raised at "
                    "[link=http://x.example]dawn[/link] on Monday.\n",
                    encoding="utf-8")
    db = str(tmp_path / "m.db")
    run("ingest", str(page), "--db", db, "--quiet", "--no-stories")
    article_id = json.loads(run("articles", "--db", db, "--json"))["id"]
    output = run("show", article_id, "--db", db)
    assert "[bold red]alarm[/]" in output
    assert "[link=http://x.example]dawn[/link]" in output
    assert "\x1b" not in output
