"""The story report as one self-contained HTML file: no script, no external resource.

Every article-derived string reaches the page through Jinja2's autoescaping, and links are
only ever fragment links ("#p-…") or the article's own URL when it is http(s); the page
carries a Content-Security-Policy that allows no script at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import pairwise
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

SVG_WIDTH = 900
ROW_HEIGHT = 22


@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("storydesk.dossier", "templates"),
                       autoescape=select_autoescape(["html", "j2"], default=True),
                       trim_blocks=True, lstrip_blocks=True)


def anchor(article: str, start: int) -> str:
    """The id of a passage's anchor in the report."""
    return f"p-{article}-{start}"


@dataclass(frozen=True, slots=True)
class Links:
    """Where a report's references point: anchors in the same page (``pages`` empty: the
    offline report, which holds every article's text) or article pages under ``pages`` (the
    web app's ``/article/``)."""

    pages: str = ""

    def passage(self, article: str, start: int) -> str:
        """A claim passage or a conflicting value."""
        return f"{self._page(article)}#{anchor(article, start)}"

    def quote(self, article: str, start: int) -> str:
        """A quote's rendering."""
        return f"{self._page(article)}#{quote_anchor(article, start)}"

    def article(self, article: str) -> str:
        """An article's text."""
        return self._page(article) or f"#a-{article}"

    def _page(self, article: str) -> str:
        return f"{self.pages}{article}" if self.pages else ""


def quote_anchor(article: str, start: int) -> str:
    """The id of a quote's anchor in an article's text."""
    return f"q-{article}-{start}"


def safe_url(url: str | None) -> str | None:
    """The article's URL when it is an http(s) link, else None (no javascript: or data:)."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def segments(text: str, spans: list[tuple[int, int, str, str]]) -> list[dict[str, Any]]:
    """The text cut at every span boundary; each piece with the classes of the spans that
    cover it and the anchors that start there. `spans` are (start, end, class, anchor id)."""
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out = []
    for begin, end in pairwise(cuts):
        if begin >= end:
            continue
        classes = sorted({c for s, e, c, _ in spans if s <= begin and end <= e})
        anchors = [a for s, _, _, a in spans if s == begin and a]
        out.append({"text": text[begin:end], "classes": " ".join(classes),
                    "anchors": list(dict.fromkeys(anchors))})
    return out


def _timeline_svg(timeline: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Positions of the dated events on a time axis."""
    dated = [e for e in timeline if e.get("earliest")]
    if not dated:
        return None
    days = [date.fromisoformat(e["earliest"]).toordinal() for e in dated]
    low, high = min(days), max(days)
    span = max(high - low, 1)
    left, right = 110, SVG_WIDTH - 20
    points = []
    for row, (event, day) in enumerate(zip(dated, days, strict=True)):
        x = left + (right - left) * (day - low) / span
        points.append({"x": round(x, 1), "y": 30 + row * ROW_HEIGHT, "date": event["date"],
                       "label": event["event"][:90], "certain": event.get("certain", True)})
    return {"width": SVG_WIDTH, "height": 40 + len(points) * ROW_HEIGHT, "left": left,
            "right": right, "points": points,
            "first": date.fromordinal(low).isoformat(), "last": date.fromordinal(high).isoformat()}


def highlighted(text: str, quotes: list[dict[str, Any]], claims: list[dict[str, Any]],
                article: str, conflicts: Sequence[dict[str, Any]] = ()) -> list[dict[str, Any]]:
    """An article's text in segments, its quotes and the passages of ``claims`` it supports
    highlighted and anchored (see :func:`segments`); the passages of its values in
    ``conflicts`` anchored too (a conflict may quote a part of a claim's sentence)."""
    spans = [(q["start"], q["end"], "quote", quote_anchor(article, q["start"])) for q in quotes]
    for claim in claims:
        for passage in claim["passages"]:
            if passage["article"] == article:
                spans.append((passage["start"], passage["end"], "claim",
                              anchor(article, passage["start"])))
    for conflict in conflicts:
        for value in conflict["values"]:
            if value["article"] == article and value.get("start") is not None:
                spans.append((value["start"], value["end"], "claim",
                              anchor(article, value["start"])))
    return segments(text, spans)


def view(dossier: dict[str, Any], links: Links | None = None) -> dict[str, Any]:
    """The data the template shows, computed from a report dossier."""
    links = links or Links()
    outlet = {a["id"]: a["outlet"] or a["id"] for a in dossier["articles"]}
    claims = dossier["claims"]
    summary = []
    for item in dossier.get("summary", []):
        claim = claims[item["claim"]] if item.get("claim") is not None else None
        cited = []
        for passage in (claim or {}).get("passages", []):
            cited.append({"outlet": outlet.get(passage["article"], passage["article"]),
                          "href": links.passage(passage["article"], passage["start"])})
        summary.append({**item, "links": list({link["outlet"]: link for link in cited}
                                              .values())})
    matrix_claims = [c for c in claims if not c["single_source"]][:30]
    matrix = [{"article": a, "outlet": outlet[a["id"]],
               "statements": [any(r["article"] == a["id"] for r in s["renderings"])
                              for s in dossier["statements"]],
               "claims": [a["id"] in c["support"] for c in matrix_claims]}
              for a in dossier["articles"]]
    texts = [{**article, "href": safe_url(article.get("url")),
              "segments": highlighted(article["text"], article["quotes"], claims,
                                      article["id"], dossier.get("conflicts", []))}
             for article in dossier.get("texts", [])]
    return {"dossier": dossier, "outlet": outlet, "summary": summary, "matrix": matrix,
            "matrix_claims": matrix_claims, "texts": texts,
            "svg": _timeline_svg(dossier["timeline"]), "links": links}


def render_html(dossier: dict[str, Any], home: str | None = None,
                links: Links | None = None) -> str:
    """The report of a story as one HTML page; ``home`` links back to a story list and
    ``links`` says where references point (both for the web app)."""
    return _environment().get_template("report.html.j2").render(**view(dossier, links),
                                                                  home=home)
