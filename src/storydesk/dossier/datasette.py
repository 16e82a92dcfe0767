"""A clean SQLite file of the analysis, for Datasette or any SQL tool.

`write_sqlite` writes one table per thing a reader looks at, with foreign keys between them
and a full-text index of the articles: stories, articles (and `articles_fts`), statements and
renderings (the quote ledger), claims and claim_support, conflicts and conflict_values,
entities and entity_forms, timeline, and summary. It is written to a temporary file and moved
into place, so a reader never sees half a file.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from storydesk.export import story_dossier
from storydesk.store.sqlite import Store

# Datasette finds a table's full-text index by its `content="table"` clause, spelled with double
# quotes: with them, the articles table gets a search box.
SCHEMA = """
CREATE TABLE stories (id TEXT PRIMARY KEY, label TEXT, size INTEGER,
    independent_sources INTEGER, first_published TEXT, last_published TEXT);
CREATE TABLE articles (id TEXT PRIMARY KEY, story TEXT REFERENCES stories(id), url TEXT,
    outlet TEXT, title TEXT, published TEXT, copy_of TEXT REFERENCES articles(id),
    copy_kind TEXT, language TEXT, text TEXT);
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content="articles",
    content_rowid="rowid");
CREATE TABLE statements (id INTEGER PRIMARY KEY, story TEXT REFERENCES stories(id),
    speaker TEXT);
CREATE TABLE renderings (statement INTEGER REFERENCES statements(id),
    article TEXT REFERENCES articles(id), text TEXT, direct INTEGER, fidelity TEXT,
    reason TEXT, diff TEXT, is_reference INTEGER);
CREATE TABLE claims (id INTEGER PRIMARY KEY, story TEXT REFERENCES stories(id), text TEXT,
    independent_sources INTEGER, single_source INTEGER,
    first_reporter TEXT REFERENCES articles(id));
CREATE TABLE claim_support (claim INTEGER REFERENCES claims(id),
    article TEXT REFERENCES articles(id), text TEXT, start INTEGER, "end" INTEGER);
CREATE TABLE conflicts (id INTEGER PRIMARY KEY, story TEXT REFERENCES stories(id),
    about TEXT, kind TEXT);
CREATE TABLE conflict_values (conflict INTEGER REFERENCES conflicts(id),
    article TEXT REFERENCES articles(id), value TEXT, text TEXT);
CREATE TABLE entities (id INTEGER PRIMARY KEY, story TEXT REFERENCES stories(id), name TEXT,
    type TEXT, mentions INTEGER);
CREATE TABLE entity_forms (entity INTEGER REFERENCES entities(id), form TEXT,
    article TEXT REFERENCES articles(id));
CREATE TABLE timeline (id INTEGER PRIMARY KEY, story TEXT REFERENCES stories(id), date TEXT,
    earliest TEXT, latest TEXT, precision TEXT, event TEXT, certain INTEGER,
    claim INTEGER REFERENCES claims(id));
CREATE TABLE summary (story TEXT REFERENCES stories(id), position INTEGER, sentence TEXT,
    cites TEXT, single_source INTEGER, claim INTEGER REFERENCES claims(id));
"""


def write_sqlite(store: Store, path: str | Path) -> int:
    """Write the analysis of every story to a new SQLite file at `path`; returns the number
    of stories."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(suffix=".db", dir=path.parent or ".")
    os.close(handle)
    try:
        out = sqlite3.connect(temporary)
        out.executescript(SCHEMA)
        count = 0
        stories = store.conn.execute("SELECT * FROM stories ORDER BY id").fetchall()
        for row in store.conn.execute(
                "SELECT id, story, url, outlet, title, published, copy_of, copy_kind, "
                "language, text FROM articles ORDER BY seq"):
            out.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        tuple(row))
        for story in stories:
            _write_story(out, story_dossier(store, story), story)
            count += 1
        out.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
        out.commit()
        out.close()
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count


def _write_story(out: sqlite3.Connection, dossier: dict[str, Any], story: Any) -> None:
    sid = dossier["story"]
    out.execute("INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?)",
                (sid, dossier["label"], dossier["size"], dossier["independent_sources"],
                 story["first_published"], story["last_published"]))
    for statement in dossier["statements"]:
        cursor = out.execute("INSERT INTO statements (story, speaker) VALUES (?, ?)",
                             (sid, statement["speaker"]))
        out.executemany("INSERT INTO renderings VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [
            (cursor.lastrowid, r["article"], r["text"], int(r["direct"]), r["fidelity"],
             r["reason"], json.dumps(r["diff"], ensure_ascii=False), int(r["reference"]))
            for r in statement["renderings"]])
    claim_ids = []
    for claim in dossier["claims"]:
        cursor = out.execute(
            "INSERT INTO claims (story, text, independent_sources, single_source, "
            "first_reporter) VALUES (?, ?, ?, ?, ?)",
            (sid, claim["text"], claim["independent_sources"], int(claim["single_source"]),
             claim["first_reporter"]))
        claim_ids.append(cursor.lastrowid)
        out.executemany("INSERT INTO claim_support VALUES (?, ?, ?, ?, ?)", [
            (cursor.lastrowid, p["article"], p["text"], p["start"], p["end"])
            for p in claim["passages"]])
    for conflict in dossier["conflicts"]:
        cursor = out.execute("INSERT INTO conflicts (story, about, kind) VALUES (?, ?, ?)",
                             (sid, conflict["about"], conflict["kind"]))
        out.executemany("INSERT INTO conflict_values VALUES (?, ?, ?, ?)", [
            (cursor.lastrowid, v["article"], str(v["value"]), v["text"])
            for v in conflict["values"]])
    for entity in dossier["entities"]:
        cursor = out.execute(
            "INSERT INTO entities (story, name, type, mentions) VALUES (?, ?, ?, ?)",
            (sid, entity["name"], entity["type"], entity.get("mentions")))
        out.executemany("INSERT INTO entity_forms VALUES (?, ?, ?)", [
            (cursor.lastrowid, v["form"], article)
            for v in entity["variants"] for article in v["articles"]])
    out.executemany(
        "INSERT INTO timeline (story, date, earliest, latest, precision, event, certain, "
        "claim) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(sid, e["date"], e["earliest"], e["latest"], e["precision"], e["event"],
          int(e["certain"]), claim_ids[e["claim"]]) for e in dossier["timeline"]])
    out.executemany("INSERT INTO summary VALUES (?, ?, ?, ?, ?, ?)", [
        (sid, n, s["sentence"], json.dumps(s["cites"], ensure_ascii=False),
         int(s["single_source"]), claim_ids[s["claim"]])
        for n, s in enumerate(dossier["summary"])])
