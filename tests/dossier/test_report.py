"""`storydesk report`: a self-contained, valid, inert HTML page, Markdown and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import html5lib
import pytest

from tests.conftest import run

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
NAMESPACE = "{http://www.w3.org/1999/xhtml}"
HOSTILE = {
    "url": "javascript:alert(1)",
    "outlet": "The <b>Bold</b> Gazette",
    "title": "Harbour fire <script>alert('title')</script>",
    "date": "2025-05-02T08:00:00+00:00",
    "text": ("A fire destroyed two warehouses in Port Lume on Thursday night, the harbour "
             "office said. <script>alert('body')</script> Firefighter Ola Brenn said "
             "\"<img src=x onerror=alert(1)> the roof fell within minutes\". Damage was put "
             "at 3 million crowns &amp; rising, see [here](javascript:alert(2)) or "
             "<a href=\"javascript:alert(3)\">this</a>.\n\nThe harbour office said 40 "
             "workers were sent home on Friday while inspectors examined the quay."),
}


def largest_story(db: str) -> str:
    return json.loads(run("stories", "--db", db, "--json", "--limit", "1").splitlines()[0])["id"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    db = str(tmp_path_factory.mktemp("report") / "demo.db")
    run("ingest", str(CORPUS), "--db", db, "--quiet")
    return db, largest_story(db)


def parse(page: str):
    """The page parsed by html5lib in strict mode: any parse error raises."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(page)


def test_the_html_report_is_valid_and_self_contained(demo: tuple[str, str]) -> None:
    db, story = demo
    page = run("report", story, "--db", db)
    tree = parse(page)
    tags = {element.tag.removeprefix(NAMESPACE) for element in tree.iter()}
    assert "script" not in tags and "link" not in tags and "img" not in tags
    assert not [e for e in tree.iter() if e.get("src")]
    for section in ("summary", "coverage", "ledger", "claims", "conflicts", "entities",
                    "timeline", "lineage", "articles"):
        assert tree.find(f".//*[@id='{section}']") is not None, section
    assert tree.find(f".//{NAMESPACE}svg") is not None or "<svg" in page
    ids = {e.get("id") for e in tree.iter() if e.get("id")}
    fragments = [e.get("href") for e in tree.iter() if (e.get("href") or "").startswith("#")]
    assert fragments and all(href[1:] in ids for href in fragments)


def test_every_summary_citation_leads_to_a_passage(demo: tuple[str, str]) -> None:
    db, story = demo
    tree = parse(run("report", story, "--db", db))
    ids = {e.get("id") for e in tree.iter() if e.get("id")}
    summary = tree.find(f".//{NAMESPACE}h2[@id='summary']/../{NAMESPACE}ol")
    items = list(summary) if summary is not None else []
    assert items
    for item in items:
        links = [a.get("href") for a in item.iter(f"{NAMESPACE}a")]
        assert links, "a summary sentence cites no outlet"
        assert all(href.startswith("#") and href[1:] in ids for href in links)


def test_the_json_report_carries_a_cited_summary_and_texts(demo: tuple[str, str]) -> None:
    db, story = demo
    dossier = json.loads(run("report", story, "--db", db, "--format", "json"))
    assert dossier["summary"] and all(s["cites"] for s in dossier["summary"])
    texts = {t["id"]: t["text"] for t in dossier["texts"]}
    for sentence in dossier["summary"]:
        claim = dossier["claims"][sentence["claim"]]
        assert any(sentence["sentence"] in texts[p["article"]] for p in claim["passages"])


def test_markdown_report_lists_every_part(demo: tuple[str, str], tmp_path: Path) -> None:
    db, story = demo
    out = tmp_path / "report.md"
    run("report", story, "--db", db, "--format", "md", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    for heading in ("## Summary", "## Quote ledger", "## Claims", "## Conflicts",
                    "## Entities", "## Timeline", "## Articles"):
        assert heading in text


def test_hostile_article_text_renders_inert(tmp_path: Path) -> None:
    source = tmp_path / "hostile.jsonl"
    source.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = str(tmp_path / "hostile.db")
    run("ingest", str(source), "--db", db, "--quiet")
    story = largest_story(db)
    page = run("report", story, "--db", db)
    tree = parse(page)
    for element in tree.iter():
        tag = element.tag.removeprefix(NAMESPACE)
        assert tag not in ("script", "img", "iframe", "object", "embed")
        assert not [name for name in element.attrib if name.lower().startswith("on")]
        assert not (element.get("href") or "").lower().startswith(("javascript:", "data:"))
    assert "&lt;script&gt;" in page and "<script" not in page.lower()
    assert "Bold</b>" not in page and "The &lt;b&gt;Bold&lt;/b&gt; Gazette" in page
    markdown = run("report", story, "--db", db, "--format", "md")
    assert "<script" not in markdown.lower() and "<img" not in markdown.lower()
    assert "](javascript:" not in markdown


def test_an_unknown_story_is_a_clear_error(demo: tuple[str, str]) -> None:
    db, _ = demo
    assert "no story" in run("report", "szzzzzz", "--db", db, code=1).lower()
