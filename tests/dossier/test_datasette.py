"""`storydesk export --format sqlite`: a clean SQLite file with keys and full-text search."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def test_the_sqlite_export_matches_the_dossiers(tmp_path: Path) -> None:
    db = str(tmp_path / "store.db")
    run("ingest", str(CORPUS), "--db", db, "--quiet")
    target = tmp_path / "analysis.db"
    run("export", "--db", db, "--format", "sqlite", "-o", str(target))
    dossiers = json.loads(run("export", "--db", db, "--stories", "--format", "json"))
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT count(*) FROM stories").fetchone()[0] == len(dossiers)
        for table, part in (("claims", "claims"), ("conflicts", "conflicts"),
                            ("entities", "entities"), ("timeline", "timeline"),
                            ("statements", "statements"), ("summary", "summary")):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == sum(
                len(d[part]) for d in dossiers), table
        hits = conn.execute("SELECT a.id FROM articles_fts JOIN articles a "
                            "ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH 'ferry'")
        assert hits.fetchall()
        single = conn.execute("SELECT count(*) FROM claims c WHERE single_source = 1 AND "
                              "(SELECT count(DISTINCT article) FROM claim_support s "
                              "WHERE s.claim = c.id) > 1 AND independent_sources > 1"
                              ).fetchone()[0]
        assert single == 0


def test_the_sqlite_export_needs_a_file(tmp_path: Path) -> None:
    db = str(tmp_path / "store.db")
    run("ingest", str(CORPUS), "--db", db, "--quiet", "--no-quotes", "--no-claims")
    assert "--output" in run("export", "--db", db, "--format", "sqlite", code=2)


def test_datasette_opens_the_export_usefully(tmp_path: Path) -> None:
    """What a user sees in Datasette: the tables, a story's claims with their support,
    full-text search on the articles, and links between tables from the foreign keys."""
    datasette_app = pytest.importorskip("datasette.app")
    db = str(tmp_path / "store.db")
    run("ingest", str(CORPUS), "--db", db, "--quiet")
    target = tmp_path / "analysis.db"
    run("export", "--db", db, "--format", "sqlite", "-o", str(target))
    datasette = datasette_app.Datasette([str(target)])

    async def get(path: str) -> Any:
        response = await datasette.client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        return response.json()

    async def browse() -> None:
        tables = {t["name"]: t for t in (await get("/analysis.json"))["tables"]}
        assert {"stories", "articles", "claims", "claim_support", "conflicts", "entities",
                "timeline", "statements", "renderings", "summary"} <= tables.keys()
        assert tables["articles"]["fts_table"] == "articles_fts"
        found = await get("/analysis/articles.json?_search=ferry&_shape=array")
        assert found and all("ferry" in (a["text"] + (a["title"] or "")).lower()
                             for a in found)
        support = await get("/analysis/claim_support.json?_shape=array&_labels=on")
        assert support and isinstance(support[0]["claim"], dict)  # a link to its claim
        single = await get("/analysis.json?sql=select+text+from+claims+where+single_source"
                           "&_shape=array")
        assert single

    asyncio.run(browse())
