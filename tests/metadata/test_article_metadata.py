"""Metadata of real and fictional articles: values, and the evidence each came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from storydesk.article import Article, RawDocument
from storydesk.ingest.build import build_article
from tests.conftest import seed_path


def build(path: Path, outlets: dict[str, str] | None = None) -> Article:
    """Build the article of a plain-text file."""
    doc = RawDocument(str(path), path.read_text(encoding="utf-8"), "text", file=path.name)
    article = build_article(doc, outlets)
    assert isinstance(article, Article), article
    return article


@pytest.mark.seeds
def test_seed_000_date_from_its_date_line_agrees_with_epoch_stamps(seeds_dir: Path) -> None:
    article = build(seed_path(seeds_dir, "000"))
    assert article.published[:10] == "2022-12-10"
    assert article.published_certain
    sources = [e.source for e in article.evidence["published"]]
    assert any("date line" in s for s in sources[:2])
    stamps = [e for e in article.evidence["published"] if "epoch" in e.source]
    assert stamps, "the live blog's epoch stamps are read"
    assert {str(e.value)[:10] for e in stamps} == {"2022-12-10"}
    assert not any("disagree" in note for note in article.notes)


@pytest.mark.seeds
def test_seed_001_date(seeds_dir: Path) -> None:
    article = build(seed_path(seeds_dir, "001"))
    assert article.published == "2022-12-09"
    assert article.evidence["published"][0].source == "date line"


@pytest.mark.seeds
@pytest.mark.parametrize(
    ("number", "authors", "outlet"),
    [
        ("000", ["Alisha Rahaman Sarkar"], "The Independent"),
        ("001", ["Elsa Maishman"], "BBC News"),
        ("002", ["Elsa Maishman", "Sam Hancock"], "BBC News"),
        ("003", [], None),
        ("004", [], None),
    ],
)
def test_seed_authors_from_bylines(seeds_dir: Path, number: str, authors: list[str],
                                   outlet: str | None) -> None:
    article = build(seed_path(seeds_dir, number))
    assert article.authors == authors
    assert article.outlet == outlet
    if authors:
        assert article.evidence["authors"][0].source in ("byline", "author and time")


@pytest.mark.seeds
def test_seeds_without_a_date_are_not_given_one(seeds_dir: Path) -> None:
    for number in ("002", "003", "004"):
        article = build(seed_path(seeds_dir, number))
        assert article.published is None or not article.published_certain


EXPECTED = {
    # file: (title starts, outlet, authors, published, outlet evidence source)
    "wire_original.txt": ("Ferry capsizes at mouth", "Meridian Press Agency", ["Ilse Varga"],
                          "2025-03-12", "byline"),
    "harbour_courier_syndicated.txt": ("Ferry capsizes at mouth", "The Harbour Courier",
                                       ["Ilse Varga"], "2025-03-12", "masthead"),
    "translated_rewrite.txt": ("Ferry overturned before harbour", "Nordaue Allgemeine",
                               ["Katrin Wollmer", "Jonas Brett"], "2025-03-12T15:20:00",
                               "byline"),
    "live_blog.txt": ("Tervisk ferry disaster", "The Lorvania Herald", ["Marta Quell"],
                      "2025-03-12T06:12:00", "welcome line"),
    "agency_digest.txt": ("Divers recover fifth body", "Eastwater News Service",
                          ["Pavel Orsk"], "2025-03-13", "byline"),
    "independent_report.html": ("Tervisk sets up families", "The Quayside Ledger",
                                ["Tomas Reyne"], "2025-03-13T07:45:00+00:00", "html metadata"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_metadata(corpus_articles: dict[str, list[Article]], name: str) -> None:
    title, outlet, authors, published, outlet_source = EXPECTED[name]
    (article,) = corpus_articles[name]
    assert article.title.startswith(title)
    assert article.outlet == outlet
    assert article.evidence["outlet"][0].source == outlet_source
    assert article.authors == authors
    assert article.published == published
    assert article.published_certain
    assert article.language == "en"


def test_corpus_feed_and_dump_metadata(corpus_articles: dict[str, list[Article]]) -> None:
    feed = {a.published[:10]: a for a in corpus_articles["regional_news.xml"]}
    assert set(feed) == {"2025-03-18", "2025-04-18"}
    assert feed["2025-04-18"].authors == ["Jorik Saal"]
    assert feed["2025-04-18"].outlet == "The Northshore Regional"
    assert feed["2025-04-18"].url.startswith("https://www.northshoreregional.example/")
    dump = sorted(corpus_articles["coastal_wire.jsonl"], key=lambda a: a.published)
    assert [a.authors for a in dump] == [["Selma Dray"], ["Edvin Kolse", "Marit Ahl"]]
    assert dump[0].evidence["published"][0].source == "dump field"


@pytest.mark.parametrize(
    "meta",
    ['<meta property="article:published_time" content="2025-06-02T16:05:00+02:00">',
     '<meta content="2025-06-02T16:05:00+02:00" itemprop="datePublished"/>'],
)
def test_html_publication_time_keeps_its_time_and_zone(meta: str) -> None:
    page = (f"<html><head><title>Dredging starts</title>{meta}</head><body><article>"
            "<h1>Dredging starts</h1><p>Dredging of the inner basin at Velm began on Monday "
            "morning and will last until the end of August, the port authority said.</p>"
            "</article></body></html>")
    article = build_article(RawDocument("page.html", page, "html", file="page.html"))
    assert article.published == "2025-06-02T16:05:00+02:00"
    assert article.evidence["published"][0].source == "html metadata (published time)"


def test_outlet_map_overrides(tmp_path: Path) -> None:
    path = tmp_path / "vt_0001.txt"
    path.write_text("Bridge reopens\nBy Ann Lind, Valley Post\n\nThe bridge reopened on "
                    "Monday after repairs that took three weeks, the council said.\n",
                    encoding="utf-8")
    assert build(path).outlet == "Valley Post"
    mapped = build(path, {"vt_*.txt": "Varn Valley Times"})
    assert mapped.outlet == "Varn Valley Times"
    assert mapped.evidence["outlet"][0].source == "outlet map"


def test_date_inferred_from_text_is_marked_uncertain(tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text("The council met on 3 February 2025 and again on 17 February 2025 to "
                    "discuss the harbour dues, which rise in April.\n", encoding="utf-8")
    article = build(path)
    assert article.published == "2025-02-17"
    assert not article.published_certain
    assert article.evidence["published"][0].source == "inferred from text"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Die Fähre kenterte am Dienstagabend vor der Hafeneinfahrt, mindestens vier Menschen "
         "kamen ums Leben, wie die Küstenwache mitteilte.", "de"),
        ("Le ferry a chaviré mardi soir à l'entrée du port, faisant au moins quatre morts, a "
         "indiqué la garde côtière.", "fr"),
        ("El transbordador volcó el martes por la noche a la entrada del puerto y murieron al "
         "menos cuatro personas, informó la guardia costera.", "es"),
    ],
)
def test_language_is_detected(tmp_path: Path, text: str, language: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    article = build(path)
    assert article.language == language
    assert article.evidence["language"][0].source == "language detector"
