"""Story labels and figures: key names, first date, size, outlets, independent sources."""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter

from storydesk.similarity.features import STOPWORDS

NAME = re.compile(r"(?:[A-Z][\w'’.-]*[\w]|[A-Z])(?:\s+(?:[A-Z][\w'’.-]*[\w]|[A-Z]))*")
HEAD_CHARS = 400


def key_names(heads: list[str], limit: int = 3) -> list[str]:
    """The names most of the heads mention (each head counted once per name)."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for head in heads:
        seen = set()
        for match in NAME.finditer(head):
            words = [w for w in match.group().split() if w.lower() not in STOPWORDS]
            if not words:
                continue
            name = " ".join(words)
            if name not in seen:
                seen.add(name)
                counts[name] += 1
                first_seen.setdefault(name, len(first_seen))
    chosen: list[str] = []
    for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], first_seen[kv[0]])):
        if any(name in other or other in name for other in chosen):
            continue
        chosen.append(name)
        if len(chosen) == limit:
            break
    return chosen


def families(rows: list[sqlite3.Row]) -> int:
    """How many independent sources: articles with their copies folded into one."""
    parent = {r["id"]: r["copy_of"] for r in rows}

    def root(article: str) -> str:
        seen = set()
        while parent.get(article) and article not in seen:
            seen.add(article)
            article = parent[article]
        return article

    return len({root(r["id"]) for r in rows})


def refresh_stories(conn: sqlite3.Connection, story_ids: list[str], now: str) -> None:
    """Recompute label and figures of these stories (inside the caller's transaction)."""
    for story in story_ids:
        rows = conn.execute(
            "SELECT id, title, substr(text, 1, ?) AS head, outlet, published, copy_of "
            "FROM articles WHERE story = ? ORDER BY published IS NULL, published, seq",
            (HEAD_CHARS, story)).fetchall()
        if not rows:
            conn.execute("DELETE FROM stories WHERE id = ?", (story,))
            continue
        heads = [(r["title"] or "") + "\n" + r["head"] for r in rows]
        dates = [r["published"][:10] for r in rows if r["published"]]
        names = key_names(heads)
        label = ", ".join(names) if names else (rows[0]["title"] or rows[0]["head"][:60])
        if dates:
            label += f" ({min(dates)})"
        outlets = sorted({r["outlet"] for r in rows if r["outlet"]})
        conn.execute(
            "INSERT INTO stories(id, label, size, sources, outlets, first_published, "
            "last_published, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET label = excluded.label, size = excluded.size, "
            "sources = excluded.sources, outlets = excluded.outlets, "
            "first_published = excluded.first_published, "
            "last_published = excluded.last_published, updated_at = excluded.updated_at",
            (story, label, len(rows), families(rows), json.dumps(outlets, ensure_ascii=False),
             min(dates) if dates else None, max(dates) if dates else None, now))
