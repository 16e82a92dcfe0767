"""Build a story's report dossier and write it as HTML, Markdown or JSON.

The report dossier is the exported story dossier (PRODUCT.md: articles, statements, claims,
conflicts, entities, timeline, summary) plus each article's cleaned text with the spans of
its quotes, so that a report can show every passage a conclusion rests on.
"""

from __future__ import annotations

import json
from typing import IO, Any

from storydesk.export import story_dossier
from storydesk.quotes.ledger import quotes_of
from storydesk.store.sqlite import Store
from storydesk.stories.queries import get_story

FORMATS = ("html", "md", "json")


def report_dossier(store: Store, story_id: str, texts: bool = True) -> dict[str, Any]:
    """The dossier of one story (id or unique prefix), with its articles' texts unless
    ``texts`` is False (the web app shows them on article pages).

    Raises :class:`~storydesk.store.sqlite.NotFound` for an unknown story.
    """
    story, _ = get_story(store, story_id)
    row = store.conn.execute("SELECT * FROM stories WHERE id = ?", (story.id,)).fetchone()
    dossier = story_dossier(store, row)
    if texts:
        dossier["texts"] = article_texts(store, dossier["articles"])
    return dossier


def article_texts(store: Store, articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each article's cleaned text and URL, with the spans of its quotes."""
    quotes = quotes_of(store, [a["id"] for a in articles])
    texts = []
    for article in articles:
        found = store.conn.execute("SELECT url, text FROM articles WHERE id = ?",
                                   (article["id"],)).fetchone()
        texts.append({**article, "url": found["url"], "text": found["text"],
                      "quotes": [{"start": q["start"], "end": q["end"],
                                  "speaker": q["speaker"], "direct": q["direct"]}
                                 for q in quotes.get(article["id"]) or []]})
    return texts


def write_report(dossier: dict[str, Any], fmt: str, out: IO[str]) -> None:
    """Write a report dossier as ``html`` (one self-contained file), ``md`` or ``json``."""
    if fmt == "json":
        json.dump(dossier, out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif fmt == "md":
        from storydesk.dossier.markdown import render_markdown

        out.write(render_markdown(dossier))
    elif fmt == "html":
        from storydesk.dossier.html import render_html

        out.write(render_html(dossier))
    else:
        raise ValueError(f"unknown report format {fmt!r}; choose from {', '.join(FORMATS)}")
