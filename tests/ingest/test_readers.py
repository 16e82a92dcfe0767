"""Each reader turns its kind of input into articles a user would recognise.

Title, outlet, authors, date, URL and text are checked as a user would check them after
``storydesk ingest``. All articles are invented for these tests.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from storydesk.config import Settings
from tests.ingest.conftest import RunIngest, WarcItem, html_page, write_warc

# -- plain text in every common encoding -----------------------------------------------------

CAFE_STORY = (
    "Harbour café wins fight to keep its terrace\n"
    "\n"
    "ORLAMUND, Velmora, May 6, 2025 - The café on Quay Street may keep its summer terrace, the "
    "planning board ruled on Tuesday, ending a dispute that had run since the autumn.\n"
    "\n"
    "“We were told it was a naïve idea to fight the council,” said the owner, Elin Marsk, who "
    "has served crème brûlée and coffee on the quay for eleven years. “We proved them wrong.”\n"
    "\n"
    "The board said the terrace must close at ten in the evening and leave room for the "
    "fish market’s vans on Saturdays.\n"
)
# The same story without typographic quotes, for Latin-1 (which has none).
CAFE_STORY_LATIN1 = (
    CAFE_STORY.replace("“", '"').replace("”", '"').replace("’", "'")
)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        pytest.param("utf8.txt", CAFE_STORY.encode("utf-8"), CAFE_STORY, id="utf-8"),
        pytest.param("bom.txt", CAFE_STORY.encode("utf-8-sig"), CAFE_STORY, id="utf-8-bom"),
        pytest.param("wide.txt", b"\xff\xfe" + CAFE_STORY.encode("utf-16-le"), CAFE_STORY,
                     id="utf-16-le-bom"),
        pytest.param("legacy.txt", CAFE_STORY.encode("cp1252"), CAFE_STORY, id="cp1252"),
        pytest.param("latin.txt", CAFE_STORY_LATIN1.encode("latin-1"), CAFE_STORY_LATIN1,
                     id="latin-1"),
    ],
)
def test_text_file_is_decoded_in_its_encoding(run_ingest: RunIngest, inbox: Path, name: str,
                                              data: bytes, expected: str) -> None:
    """Accented words and typographic quotes survive whatever encoding the scrape used."""
    (inbox / name).write_bytes(data)
    run = run_ingest([inbox])

    assert run.report.accepted == 1 and not run.report.rejected
    article = run.only()
    assert article.file == name
    assert article.title == "Harbour café wins fight to keep its terrace"
    assert not article.text.startswith("\ufeff")
    for words in ("The café on Quay Street", "naïve idea", "crème brûlée", "fish market"):
        assert words in article.text
    if "“" in expected:
        assert "“We were told" in article.text and "market’s vans" in article.text
    assert article.published is not None and article.published.startswith("2025-05-06")
    assert article.language == "en"


# -- HTML pages ------------------------------------------------------------------------------

TRAM_PARAGRAPHS = (
    "A fire broke out at the northern tram depot in Orlamund early on Wednesday, forcing the "
    "city transport authority to suspend every tram line for most of the morning.",
    "Firefighters from three stations had the blaze under control within two hours, a "
    "spokesman for the fire service said. Nobody was hurt, and the cause is not yet known.",
    "The authority said replacement buses would run on the busiest routes until the depot's "
    "power supply had been inspected, which could take until Friday.",
)
TRAM_URL = "https://www.velmoragazette.example/city/2025/06/04/tram-depot-fire"


def test_html_page_gives_metadata_from_meta_tags(run_ingest: RunIngest, inbox: Path) -> None:
    """Title, author, outlet (og:site_name), canonical URL and date come from the page head."""
    page = html_page("Tram depot fire halts service in Orlamund", "The Velmora Gazette",
                     TRAM_PARAGRAPHS, author="Petra Lindqvist",
                     published="2025-06-04T08:30:00Z", canonical=TRAM_URL)
    page = page.replace(f"<p>{TRAM_PARAGRAPHS[2]}</p>",
                        f"<h2>Buses replace trams</h2>\n<p>{TRAM_PARAGRAPHS[2]}</p>")
    (inbox / "tram.html").write_text(page, encoding="utf-8")
    run = run_ingest([inbox])

    assert run.report.accepted == 1 and not run.report.rejected
    article = run.only()
    assert article.title == "Tram depot fire halts service in Orlamund"
    assert article.authors == ["Petra Lindqvist"]
    assert article.outlet == "The Velmora Gazette"
    assert article.url == TRAM_URL
    assert article.published is not None and article.published.startswith("2025-06-04")
    assert "Buses replace trams" in article.headings
    for paragraph in TRAM_PARAGRAPHS:
        assert paragraph in article.text
    assert "All rights reserved" not in article.text
    assert "Sport" not in article.text  # the navigation bar is not part of the article


# -- dumps -----------------------------------------------------------------------------------

LIGHTHOUSE = {
    "title": "Lighthouse keeper retires after forty years",
    "maintext": "The last keeper of the Skarvik lighthouse handed over the keys on Saturday "
                "after forty years on the rock. The light has been automatic since spring, "
                "the coast authority said.",
    "url": "https://www.northcoastpost.example/2025/05/10/lighthouse",
    "date_publish": "2025-05-10 09:15:00",
    "date_download": "2025-05-11 02:00:00",
    "source_domain": "northcoastpost.example",
    "authors": ["Jon Ekdal"],
    "language": "en",
    "title_page": "Lighthouse keeper retires | North Coast Post",
}
TIMETABLE = {
    "title": "Summer ferry timetable adds evening crossings",
    "maintext": "Summer timetables for the island ferries start on June 1, with two extra "
                "evening crossings to Holm, the operator said on Friday. Tickets go on sale "
                "next week.",
    "url": "https://www.northcoastpost.example/2025/05/16/timetable",
    "date_publish": "2025-05-16 11:00:00",
    "source_domain": "northcoastpost.example",
    "authors": ["Ida Rask", "Tor Bjelke"],
}


def test_jsonl_with_news_please_fields(run_ingest: RunIngest, inbox: Path) -> None:
    """news-please's own field names (maintext, date_publish, source_domain) need no mapping."""
    lines = [json.dumps(LIGHTHOUSE), json.dumps(TIMETABLE)]
    (inbox / "northcoast.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = run_ingest([inbox])

    assert run.report.accepted == 2 and not run.report.rejected
    articles = {a.title: a for a in run.articles()}
    keeper = articles["Lighthouse keeper retires after forty years"]
    assert keeper.text == LIGHTHOUSE["maintext"]
    assert keeper.url == LIGHTHOUSE["url"]
    assert keeper.outlet == "northcoastpost.example"
    assert keeper.authors == ["Jon Ekdal"]
    assert keeper.published == "2025-05-10T09:15:00"
    assert keeper.source.endswith("northcoast.jsonl:1")
    timetable = articles["Summer ferry timetable adds evening crossings"]
    assert timetable.authors == ["Ida Rask", "Tor Bjelke"]
    assert timetable.published == "2025-05-16T11:00:00"
    assert timetable.source.endswith("northcoast.jsonl:2")


BRIDGE = {
    "headline": "Almsund bridge repairs finish two weeks early",
    "body_text": "Repairs to the Almsund bridge finished two weeks early, the roads office said "
                 "on Tuesday. The bridge reopens to cars on Thursday morning.",
    "link": "https://almsundnews.example/2025/04/01/bridge",
    "pubdate": "2025-04-01",
    "publisher": "Almsund News",
}


def test_jsonl_with_custom_field_mapping(run_ingest: RunIngest, inbox: Path) -> None:
    """A dump with its own text column is rejected with a hint, then read with the mapping."""
    (inbox / "almsund.jsonl").write_text(json.dumps(BRIDGE) + "\n", encoding="utf-8")

    unmapped = run_ingest([inbox])
    assert unmapped.report.accepted == 0
    reason = unmapped.reason("almsund.jsonl:1")
    assert "no article text" in reason and "--field text=" in reason

    mapped = run_ingest([inbox], Settings(jobs=1).with_field_map({"text": "body_text"}))
    assert mapped.report.accepted == 1 and not mapped.report.rejected
    article = mapped.only()
    assert article.text == BRIDGE["body_text"]
    assert article.title == BRIDGE["headline"]
    assert article.url == BRIDGE["link"]
    assert article.outlet == "Almsund News"
    assert article.published == "2025-04-01"


def test_unknown_field_in_mapping_is_refused() -> None:
    """Mapping a field storydesk does not know names the fields it does know."""
    with pytest.raises(ValueError, match=r"unknown article field.*body.*choose from"):
        Settings().with_field_map({"body": "body_text"})


CRANE = {"headline": "Container crane collapses at Ostvik terminal",
         "body": "A crane collapsed at the Ostvik container terminal on Sunday evening. No one "
                 "was hurt, the port authority said, but two berths will stay closed.",
         "link": "https://ostvik.example/2025/01/12/crane", "date": "2025-01-12",
         "outlet": "Ostvik Tidende", "author": "Mette Sund"}
LIBRARY = {"title": "Brunnstad library extends opening hours",
           "text": "The city library in Brunnstad will open until nine on weekdays from March, "
                   "the culture office said on Thursday.",
           "url": "https://brunnstad.example/2025/02/20/library", "published": "2025-02-20",
           "source": "Brunnstad Budstikke"}


@pytest.mark.parametrize(
    "payload",
    [pytest.param([CRANE, LIBRARY], id="list"),
     pytest.param({"status": "ok", "articles": [CRANE, LIBRARY]}, id="object-with-articles")],
)
def test_json_dump(run_ingest: RunIngest, inbox: Path, payload: object) -> None:
    """A JSON file holding a list of articles, or an object with an "articles" list."""
    (inbox / "export.json").write_text(json.dumps(payload), encoding="utf-8")
    run = run_ingest([inbox])

    assert run.report.accepted == 2 and not run.report.rejected
    articles = {a.outlet: a for a in run.articles()}
    crane = articles["Ostvik Tidende"]
    assert crane.title == CRANE["headline"]
    assert crane.text == CRANE["body"]
    assert crane.authors == ["Mette Sund"]
    assert crane.url == CRANE["link"]
    assert crane.published == "2025-01-12"
    assert crane.source.endswith("export.json#0")
    library = articles["Brunnstad Budstikke"]
    assert library.title == LIBRARY["title"]
    assert library.published == "2025-02-20"
    assert library.source.endswith("export.json#1")


def test_csv_dump_with_header(run_ingest: RunIngest, inbox: Path) -> None:
    """CSV rows, quoted cells with commas and line breaks, columns found by their header."""
    (inbox / "kvitfjell.csv").write_text(
        "title,text,url,date,outlet,author\n"
        '"Snow closes Kvitfjell pass","The Kvitfjell pass closed on Tuesday after heavy snow, '
        'the roads office said.\n\nIt may reopen on Thursday, if the wind drops.",'
        "https://kvitfjell.example/pass,2025-01-21,Kvitfjell Posten,Siri Aune\n"
        '"Ski lift gets new cabins","The Kvitfjell ski lift will get twelve new cabins '
        'before the winter season, the operator said on Monday.",'
        "https://kvitfjell.example/lift,2025-01-27,Kvitfjell Posten,Arne Vik\n",
        encoding="utf-8",
    )
    run = run_ingest([inbox])

    assert run.report.accepted == 2 and not run.report.rejected
    articles = {a.title: a for a in run.articles()}
    snow = articles["Snow closes Kvitfjell pass"]
    assert snow.outlet == "Kvitfjell Posten"
    assert snow.authors == ["Siri Aune"]
    assert snow.published == "2025-01-21"
    assert snow.url == "https://kvitfjell.example/pass"
    assert "heavy snow, the roads office said." in snow.text
    assert "It may reopen on Thursday" in snow.text
    assert snow.source.endswith("kvitfjell.csv:4")  # the row ends on line 4 of the file
    assert articles["Ski lift gets new cabins"].authors == ["Arne Vik"]


def test_gzipped_jsonl(run_ingest: RunIngest, inbox: Path) -> None:
    """A .jsonl.gz dump reads like the plain one."""
    with gzip.open(inbox / "northcoast.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps(LIGHTHOUSE) + "\n" + json.dumps(TIMETABLE) + "\n")
    run = run_ingest([inbox])

    assert run.report.accepted == 2 and not run.report.rejected
    assert {a.file for a in run.articles()} == {"northcoast.jsonl.gz"}
    assert {a.title for a in run.articles()} == {LIGHTHOUSE["title"], TIMETABLE["title"]}
    assert {a.source.rsplit(":", 1)[1] for a in run.articles()} == {"1", "2"}


# -- feeds -----------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>The Fjordline Observer</title>
  <link>https://fjordline.example/</link>
  <description>News from the Fjordline coast</description>
  <item>
    <title>Brattberg cable car reopens after storm damage</title>
    <link>https://fjordline.example/2025/02/03/cable-car</link>
    <guid>https://fjordline.example/2025/02/03/cable-car</guid>
    <dc:creator>Maren Holt</dc:creator>
    <pubDate>Mon, 03 Feb 2025 10:00:00 +0000</pubDate>
    <description>The cable car is running again.</description>
    <content:encoded><![CDATA[<p>The Brattberg cable car reopened on Monday after three
weeks of repairs to storm damage on its upper station.</p>
<p>Engineers replaced two support cables and the roof of the control cabin, the operator
said. Tickets are half price until the end of February.</p>]]></content:encoded>
  </item>
  <item>
    <title>Fjordline schools close early for winter break</title>
    <link>https://fjordline.example/2025/02/01/schools</link>
    <dc:creator>Ola Brenn</dc:creator>
    <pubDate>Sat, 01 Feb 2025 08:00:00 +0000</pubDate>
    <content:encoded><![CDATA[<p>Schools in the Fjordline district will close two days
before the winter break because of a heating fault in the district's largest school.</p>
<p>Pupils will get their homework by e-mail, the education office said on
Saturday.</p>]]></content:encoded>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Lakeside Courier</title>
  <id>urn:lakeside-courier</id>
  <updated>2025-03-01T12:00:00Z</updated>
  <entry>
    <title>Vesterhaug school roof repairs approved</title>
    <link href="https://lakeside.example/2025/03/01/roof"/>
    <id>urn:lakeside-courier:roof</id>
    <updated>2025-03-01T12:00:00Z</updated>
    <author><name>Hedda Lunn</name></author>
    <summary>The council approved repairs to the roof of the Vesterhaug school on Friday,
after inspectors found water damage in two classrooms.</summary>
  </entry>
</feed>
"""


def test_rss_with_full_text_in_content_encoded(run_ingest: RunIngest, inbox: Path) -> None:
    """Each RSS item is an article with its full text, author, date, link and feed title."""
    (inbox / "fjordline.rss").write_text(RSS, encoding="utf-8")
    run = run_ingest([inbox])

    assert run.report.accepted == 2 and not run.report.rejected
    articles = {a.title: a for a in run.articles()}
    cable = articles["Brattberg cable car reopens after storm damage"]
    assert cable.outlet == "The Fjordline Observer"
    assert cable.authors == ["Maren Holt"]
    assert cable.url == "https://fjordline.example/2025/02/03/cable-car"
    assert cable.published is not None and cable.published.startswith("2025-02-03T10:00")
    assert "three weeks of repairs" in " ".join(cable.text.split())
    assert "half price until the end of February" in cable.text
    assert "running again" not in cable.text  # the teaser <description> is not the text
    assert not any("summary" in note for note in cable.notes)
    assert articles["Fjordline schools close early for winter break"].authors == ["Ola Brenn"]


ONE_PARAGRAPH = (
    "<p>The Fjordline district will keep its night buses running through the summer, the "
    "transport office said on Wednesday, after a trial drew more riders than expected.</p>"
)


def test_rss_item_with_a_single_html_paragraph(run_ingest: RunIngest, inbox: Path) -> None:
    """A feed item whose full text is one <p> paragraph is still an article."""
    item = (
        "<item><title>Night buses stay for the summer</title>"
        "<link>https://fjordline.example/2025/02/05/night-buses</link>"
        "<pubDate>Wed, 05 Feb 2025 09:00:00 +0000</pubDate>"
        f"<content:encoded><![CDATA[{ONE_PARAGRAPH}]]></content:encoded></item>"
    )
    feed = RSS.replace("</channel>", item + "\n</channel>")
    (inbox / "fjordline.rss").write_text(feed, encoding="utf-8")
    run = run_ingest([inbox])

    assert run.report.rejected == []
    article = {a.title: a for a in run.articles()}["Night buses stay for the summer"]
    assert "night buses running through the summer" in article.text


def test_dump_with_a_single_html_paragraph(run_ingest: RunIngest, inbox: Path) -> None:
    """A dump whose text column holds one HTML paragraph is still an article."""
    record = {"title": "Night buses stay for the summer", "text": ONE_PARAGRAPH,
              "url": "https://fjordline.example/2025/02/05/night-buses"}
    (inbox / "buses.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    run = run_ingest([inbox])

    assert run.report.rejected == []
    assert "night buses running through the summer" in run.only().text


def test_atom_entry_with_only_a_summary(run_ingest: RunIngest, inbox: Path) -> None:
    """An entry carrying only <summary> is accepted, with a note that it is a summary."""
    (inbox / "lakeside.atom").write_text(ATOM, encoding="utf-8")
    run = run_ingest([inbox])

    assert run.report.accepted == 1 and not run.report.rejected
    article = run.only()
    assert article.title == "Vesterhaug school roof repairs approved"
    assert article.outlet == "Lakeside Courier"
    assert article.authors == ["Hedda Lunn"]
    assert article.url == "https://lakeside.example/2025/03/01/roof"
    assert article.published is not None and article.published.startswith("2025-03-01")
    assert "water damage in two classrooms" in article.text
    assert any("summary" in note for note in article.notes)


# -- WARC archives ---------------------------------------------------------------------------

DAM_PAGE = html_page(
    "Elvdal dam inspection finds cracks in spillway", "Riverbend Chronicle",
    ("Inspectors found small cracks in the spillway of the Elvdal dam during a routine check "
     "last week, the energy agency said on Monday.",
     "The agency said the dam was safe, but repairs would begin in the summer, when the "
     "water level in the reservoir is at its lowest."),
    author="Kari Strand", published="2025-04-14T07:00:00Z",
)
DAM_URL = "https://riverbend.example/2025/04/14/dam"


def crawl_items() -> list[WarcItem]:
    """A request, an HTML response and an image response, as a crawler writes them."""
    return [
        WarcItem(DAM_URL, kind="request"),
        WarcItem(DAM_URL, body=DAM_PAGE.encode("utf-8")),
        WarcItem("https://riverbend.example/static/logo.png", content_type="image/png",
                 body=b"\x89PNG\r\n\x1a\n" + bytes(64)),
    ]


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_html_response_becomes_an_article(run_ingest: RunIngest, inbox: Path,
                                                name: str) -> None:
    """The HTML response of a crawl is an article; its URL is the record's target URI."""
    write_warc(inbox / name, crawl_items(), gzip=name.endswith(".gz"))
    run = run_ingest([inbox])

    assert run.report.rejected == []
    assert run.report.accepted == 1
    article = run.only()
    assert article.title == "Elvdal dam inspection finds cracks in spillway"
    assert article.url == DAM_URL
    assert article.outlet == "Riverbend Chronicle"
    assert article.authors == ["Kari Strand"]
    assert "cracks in the spillway" in article.text


def test_warc_skips_requests_and_images_silently(run_ingest: RunIngest, inbox: Path) -> None:
    """Request records and non-HTML responses are not articles and not rejections either."""
    write_warc(inbox / "crawl.warc.gz", crawl_items())
    run = run_ingest([inbox])

    outcomes = run.store.outcomes(run.report.run_id, None)
    assert len(outcomes) == 1  # the HTML page; the request and the image leave no trace
    assert "logo.png" not in f"{outcomes}"


# -- URLs ------------------------------------------------------------------------------------

PORT_PAGE = html_page(
    "Storm closes Baltra ferry port", "Baltra Herald",
    ("A winter storm closed the ferry port at Baltra on Thursday, stranding hundreds of "
     "travellers in the terminal overnight.",
     "The port authority said crossings would resume once the wind dropped below gale force, "
     "probably on Friday afternoon."),
    author="Nils Vedder", published="2025-01-16T18:00:00Z",
).encode("utf-8")
TOLL_TEXT = (
    b"Baltra bridge toll to be scrapped\n\nThe toll on the Baltra bridge ends on May 1, the "
    b"roads office said on Monday. Drivers have paid it for twelve years.\n"
)


class NewsHandler(BaseHTTPRequestHandler):
    """Serves the test site: pages, a feed, plain text, errors, a big and a slow response."""

    stop = threading.Event()

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""

    def reply(self, body: bytes, content_type: str, length: bool = True) -> None:
        """Send a 200 response."""
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        """Route by path."""
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.route(self.path)  # the timeout tests hang up early

    def route(self, path: str) -> None:
        """Answer one request."""
        big = PORT_PAGE.replace(b"</body>", b"<!--" + b"x" * 5000 + b"--></body>")
        if path == "/news/storm.html":
            self.reply(PORT_PAGE, "text/html; charset=utf-8")
        elif path == "/feed.xml":
            self.reply(RSS.encode("utf-8"), "application/rss+xml")
        elif path == "/toll.txt":
            self.reply(TOLL_TEXT, "text/plain; charset=utf-8")
        elif path == "/report.pdf":
            self.reply(b"%PDF-1.7\n" + bytes(200), "application/pdf")
        elif path == "/logo.html":  # a misconfigured server calls its image HTML
            self.reply(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "text/html")
        elif path == "/big.html":
            self.reply(big, "text/html")
        elif path == "/big-unannounced.html":  # no Content-Length: only streaming can tell
            self.reply(big, "text/html", length=False)
        elif path == "/stalled.html":  # sends nothing for far longer than the timeout
            self.stop.wait(5)
            self.reply(PORT_PAGE, "text/html")
        elif path == "/trickle.html":  # a chunk every 0.25 s: 3 s for the whole page
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            step = len(PORT_PAGE) // 12 + 1
            for i in range(0, len(PORT_PAGE), step):
                self.wfile.write(PORT_PAGE[i : i + step])
                self.wfile.flush()
                if self.stop.wait(0.25):
                    return
        else:
            self.send_error(404, "Not Found")


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """A local web server on a random port; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), NewsHandler)
    server.daemon_threads = True
    NewsHandler.stop.clear()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    NewsHandler.stop.set()
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_url_html_page(run_ingest: RunIngest, site: str) -> None:
    """A fetched page is an article with its URL, title, author and outlet."""
    url = f"{site}/news/storm.html"
    run = run_ingest([url])

    assert run.report.accepted == 1 and not run.report.rejected
    article = run.only()
    assert article.source == url
    assert article.url == url
    assert article.title == "Storm closes Baltra ferry port"
    assert article.outlet == "Baltra Herald"
    assert article.authors == ["Nils Vedder"]
    assert "stranding hundreds of travellers" in article.text


def test_url_feed(run_ingest: RunIngest, site: str) -> None:
    """A fetched feed gives one article per item."""
    run = run_ingest([f"{site}/feed.xml"])

    assert run.report.accepted == 2 and not run.report.rejected
    assert {a.title for a in run.articles()} == {
        "Brattberg cable car reopens after storm damage",
        "Fjordline schools close early for winter break",
    }
    assert {a.outlet for a in run.articles()} == {"The Fjordline Observer"}


def test_url_plain_text(run_ingest: RunIngest, site: str) -> None:
    """A text/plain URL is read as a text scrape."""
    url = f"{site}/toll.txt"
    run = run_ingest([url])

    assert run.report.accepted == 1 and not run.report.rejected
    article = run.only()
    assert article.title == "Baltra bridge toll to be scrapped"
    assert article.url == url
    assert "Drivers have paid it for twelve years." in article.text


@pytest.mark.parametrize(
    ("path", "settings", "words"),
    [
        pytest.param("/gone.html", Settings(jobs=1), ("404",), id="404"),
        pytest.param("/report.pdf", Settings(jobs=1),
                     ("unsupported content type", "application/pdf"), id="pdf"),
        pytest.param("/big.html", Settings(jobs=1, max_bytes=2000), ("over", "limit"),
                     id="over-limit-declared"),
        pytest.param("/big-unannounced.html", Settings(jobs=1, max_bytes=2000),
                     ("over", "limit"), id="over-limit-streamed"),
        pytest.param("/stalled.html", Settings(jobs=1, timeout=0.5), ("timed out",),
                     id="stalled"),
        pytest.param("/logo.html", Settings(jobs=1), ("png",), id="image-served-as-html"),
    ],
)
def test_url_rejections(run_ingest: RunIngest, site: str, path: str, settings: Settings,
                        words: tuple[str, ...]) -> None:
    """A URL that cannot be read is rejected, and the reason says why."""
    url = site + path
    started = time.monotonic()
    run = run_ingest([url], settings)

    assert run.report.accepted == 0 and run.articles() == []
    reason = run.reason(url)
    for word in words:
        assert word in reason
    assert time.monotonic() - started < 3


def test_url_trickling_past_the_timeout_is_rejected(run_ingest: RunIngest, site: str) -> None:
    """--timeout bounds the whole fetch: a page that takes 3 s is refused at 0.5 s."""
    url = f"{site}/trickle.html"
    started = time.monotonic()
    run = run_ingest([url], Settings(jobs=1, timeout=0.5))

    assert run.report.accepted == 0
    assert "timed out" in run.reason(url)
    assert time.monotonic() - started < 2
