"""Versioned schema migrations for the SQLite store.

Each migration is a list of SQL statements that moves the schema from version N-1 to N. The
version lives in SQLite's ``user_version`` pragma. A migration runs inside one transaction
together with the version bump, so a crash leaves the database at the old version or the new
one, never in between. Append new migrations; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[list[str]] = [
    # 1: articles, ingest runs and the outcome of every input, full-text index.
    [
        """CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started TEXT NOT NULL,
            finished TEXT,
            command TEXT,
            host TEXT,
            pid INTEGER,
            status TEXT NOT NULL DEFAULT 'running',
            accepted INTEGER NOT NULL DEFAULT 0,
            duplicates INTEGER NOT NULL DEFAULT 0,
            rejected INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE articles (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            file TEXT,
            url TEXT,
            outlet TEXT,
            authors TEXT NOT NULL DEFAULT '[]',
            title TEXT,
            published TEXT,
            published_certain INTEGER NOT NULL DEFAULT 0,
            language TEXT,
            text TEXT NOT NULL,
            blocks TEXT NOT NULL DEFAULT '[]',
            removed TEXT NOT NULL DEFAULT '[]',
            evidence TEXT NOT NULL DEFAULT '{}',
            notes TEXT NOT NULL DEFAULT '[]',
            run_id INTEGER REFERENCES runs(id),
            ingested_at TEXT NOT NULL
        )""",
        "CREATE INDEX articles_outlet ON articles(outlet)",
        "CREATE INDEX articles_published ON articles(published)",
        "CREATE INDEX articles_file ON articles(file)",
        """CREATE TABLE inputs (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            source TEXT NOT NULL,
            file TEXT,
            status TEXT NOT NULL CHECK (status IN ('accepted', 'duplicate', 'rejected')),
            reason TEXT,
            article_id TEXT
        )""",
        "CREATE INDEX inputs_run ON inputs(run_id, status)",
        # Files read to the end, so that a re-run can skip those unchanged since.
        """CREATE TABLE files (
            path TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            run_id INTEGER NOT NULL REFERENCES runs(id)
        )""",
        "CREATE INDEX inputs_source ON inputs(source)",
        """CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='seq',
            tokenize='unicode61 remove_diacritics 2'
        )""",
        # No insert trigger: Store.save_batch indexes each batch's new articles in one
        # statement, about twice as fast as a trigger firing row by row.
        """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.seq, old.title, old.text);
        END""",
        """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.seq, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
        END""",
    ],
    # 2: copy lineage, stories, and the fingerprints both are computed from.
    [
        "ALTER TABLE articles ADD COLUMN story TEXT",
        "ALTER TABLE articles ADD COLUMN copy_of TEXT",
        "ALTER TABLE articles ADD COLUMN copy_kind TEXT",
        "ALTER TABLE articles ADD COLUMN copy_evidence TEXT",
        "CREATE INDEX articles_story ON articles(story)",
        "CREATE INDEX articles_copy_of ON articles(copy_of)",
        # Term profile (hashed term ids and weights), MinHash signature, sentence embedding
        # (float16, absent when the article was fingerprinted without the semantic model).
        """CREATE TABLE fingerprints (
            seq INTEGER PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE,
            terms BLOB NOT NULL,
            weights BLOB NOT NULL,
            minhash BLOB NOT NULL,
            embedding BLOB
        )""",
        """CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            label TEXT,
            size INTEGER NOT NULL DEFAULT 0,
            sources INTEGER NOT NULL DEFAULT 0,
            outlets TEXT NOT NULL DEFAULT '[]',
            first_published TEXT,
            last_published TEXT,
            run_id INTEGER REFERENCES runs(id),
            updated_at TEXT NOT NULL
        )""",
    ],
    # 3: the quote ledger: quotes per article, statements and renderings per story.
    [
        """CREATE TABLE quotes (
            id INTEGER PRIMARY KEY,
            seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            spans TEXT NOT NULL,
            direct INTEGER NOT NULL,
            form TEXT NOT NULL DEFAULT 'quote',
            speaker TEXT,
            speaker_mention TEXT,
            cue TEXT,
            UNIQUE (seq, position)
        )""",
        "CREATE INDEX quotes_speaker ON quotes(speaker)",
        # Articles whose quotes were extracted, and by which version of the extractor.
        """CREATE TABLE quotes_read (
            seq INTEGER PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE,
            extractor INTEGER NOT NULL
        )""",
        """CREATE TABLE statements (
            id INTEGER PRIMARY KEY,
            story TEXT NOT NULL,
            position INTEGER NOT NULL,
            speaker TEXT,
            reference INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE
        )""",
        "CREATE INDEX statements_story ON statements(story, position)",
        """CREATE TABLE renderings (
            statement INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
            quote INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
            fidelity TEXT NOT NULL
                CHECK (fidelity IN ('verbatim', 'trimmed', 'paraphrased', 'altered')),
            diff TEXT NOT NULL,
            reason TEXT,
            similarity REAL,
            PRIMARY KEY (statement, quote)
        )""",
        "CREATE INDEX renderings_quote ON renderings(quote)",
        # The article set a story's statements were aligned over; a story is aligned again
        # when its articles change.
        "ALTER TABLE stories ADD COLUMN ledger_of TEXT",
    ],
    # 4: claims, conflicts, entities and timeline: entity mentions per article (the costly
    # part, kept so that a story that grows is analysed without reading its articles again),
    # and each story's analysis as one JSON document with the article state it was made from.
    [
        """CREATE TABLE mentions_read (
            seq INTEGER PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE,
            analyser INTEGER NOT NULL,
            mentions TEXT NOT NULL
        )""",
        """CREATE TABLE analyses (
            story TEXT PRIMARY KEY,
            analysed_of TEXT NOT NULL,
            analysis TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        # Word vectors distilled from the sentence model, kept so that each word of the
        # corpus is encoded once (float16, 384 values).
        """CREATE TABLE word_vectors (
            word TEXT PRIMARY KEY,
            vector BLOB NOT NULL
        ) WITHOUT ROWID""",
    ],
    # 5: batch runs over partitioned input: which partitions of which plan are merged into
    # this store, recorded in the transaction that merges them, so that a rerun merges each
    # partition exactly once.
    [
        """CREATE TABLE partitions_merged (
            plan TEXT NOT NULL,
            partition INTEGER NOT NULL,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            articles INTEGER NOT NULL,
            PRIMARY KEY (plan, partition)
        )""",
    ],
]

SCHEMA_VERSION = len(MIGRATIONS)


class SchemaError(Exception):
    """The database was written by a newer storydesk, or is not a storydesk database."""


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to date; returns the version the database is now at."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise SchemaError(
            f"database schema version {version} is newer than this storydesk "
            f"(knows {SCHEMA_VERSION}); upgrade storydesk"
        )
    for number in range(version + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while this one waited for the lock.
            if conn.execute("PRAGMA user_version").fetchone()[0] >= number:
                conn.execute("ROLLBACK")
                continue
            for statement in MIGRATIONS[number - 1]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION
