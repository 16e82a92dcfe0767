"""Reading stories and copy lineage back from the store."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from storydesk.store.sqlite import NotFound, Store


def in_stories_sql(min_sources: int, alias: str = "a") -> str:
    """A condition on articles (``alias``) keeping those in stories with at least
    ``min_sources`` independent sources; empty when every article qualifies."""
    if min_sources <= 1:
        return ""
    return f"AND {alias}.story IN (SELECT id FROM stories WHERE sources >= ?)"


def in_stories_args(min_sources: int) -> tuple[int, ...]:
    """The parameters of :func:`in_stories_sql`."""
    return (min_sources,) if min_sources > 1 else ()


@dataclass(slots=True)
class StoryRow:
    """One story as listed."""

    id: str
    label: str
    size: int
    sources: int
    outlets: list[str]
    first_published: str | None
    last_published: str | None


@dataclass(slots=True)
class Member:
    """An article of a story, with its copy link."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    copy_of: str | None
    copy_kind: str | None
    copy_evidence: dict[str, Any] | None


def _story(row: Any) -> StoryRow:
    return StoryRow(row["id"], row["label"] or "", row["size"], row["sources"],
                    json.loads(row["outlets"]), row["first_published"], row["last_published"])


def list_stories(store: Store, min_size: int = 1, sort: str = "size",
                 limit: int | None = None) -> list[StoryRow]:
    """Stories with at least ``min_size`` articles, largest (or newest) first."""
    order = {"size": "size DESC, first_published DESC", "date": "first_published DESC, size DESC",
             "sources": "sources DESC, size DESC"}[sort]
    rows = store.conn.execute(
        f"SELECT * FROM stories WHERE size >= ? ORDER BY {order}, id LIMIT ?",
        (min_size, -1 if limit is None else limit)).fetchall()
    return [_story(r) for r in rows]


def get_story(store: Store, key: str) -> tuple[StoryRow, list[Member]]:
    """A story by id (or unique id prefix, or the id of one of its articles) and its members."""
    key = key.strip()
    row = store.conn.execute("SELECT * FROM stories WHERE id = ?", (key,)).fetchone()
    if row is None and len(key) >= 4:
        rows = store.conn.execute("SELECT * FROM stories WHERE id LIKE ? || '%' LIMIT 2",
                                  (key,)).fetchall()
        if len(rows) > 1:
            raise NotFound(f"{key!r} matches several stories; give more of the id")
        row = rows[0] if rows else None
    if row is None:
        try:
            article = store.get(key)
        except NotFound:
            raise NotFound(f"no story {key!r}") from None
        story = story_of(store, article.id)
        if story is None:
            raise NotFound(f"article {article.id} is in no story yet (run `storydesk cluster`)")
        row = store.conn.execute("SELECT * FROM stories WHERE id = ?", (story,)).fetchone()
    members = [
        Member(r["id"], r["title"], r["outlet"], r["published"], r["copy_of"], r["copy_kind"],
               json.loads(r["copy_evidence"]) if r["copy_evidence"] else None)
        for r in store.conn.execute(
            "SELECT id, title, outlet, published, copy_of, copy_kind, copy_evidence "
            "FROM articles WHERE story = ? ORDER BY published IS NULL, published, seq",
            (row["id"],))
    ]
    return _story(row), members


def story_of(store: Store, article_id: str) -> str | None:
    """The story an article belongs to, if any."""
    row = store.conn.execute("SELECT story FROM articles WHERE id = ?", (article_id,)).fetchone()
    return row[0] if row else None


def lineage(store: Store, article_id: str) -> dict[str, Any]:
    """An article's story, what it copies (kind, evidence) and which articles copy it."""
    row = store.conn.execute(
        "SELECT story, copy_of, copy_kind, copy_evidence FROM articles WHERE id = ?",
        (article_id,)).fetchone()
    copies = [dict(r) for r in store.conn.execute(
        "SELECT id, copy_kind AS kind, outlet FROM articles WHERE copy_of = ? ORDER BY seq",
        (article_id,))]
    return {
        "story": row["story"], "copy_of": row["copy_of"], "copy_kind": row["copy_kind"],
        "copy_evidence": json.loads(row["copy_evidence"]) if row["copy_evidence"] else None,
        "copies": copies,
    }
