"""The story report as one self-contained HTML file: no script, no external resource.

Every article-derived string reaches the page through Jinja2's autoescaping, and links are
only ever fragment links ("#p-…") or the article's own URL when it is http(s); the page
carries a Content-Security-Policy that allows no script at all.
"""

from __future__ import annotations

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


def safe_url(url: str | None) -> str | None:
    """The article's URL when it is an http(s) link, else None (no javascript: or data:)."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def _segments(text: str, spans: list[tuple[int, int, str, str]]) -> list[dict[str, Any]]:
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


def view(dossier: dict[str, Any]) -> dict[str, Any]:
    """The data the template shows, computed from a report dossier."""
    outlet = {a["id"]: a["outlet"] or a["id"] for a in dossier["articles"]}
    claims = dossier["claims"]
    summary = []
    for item in dossier.get("summary", []):
        claim = claims[item["claim"]] if item.get("claim") is not None else None
        links = []
        for passage in (claim or {}).get("passages", []):
            links.append({"outlet": outlet.get(passage["article"], passage["article"]),
                          "href": "#" + anchor(passage["article"], passage["start"])})
        summary.append({**item, "links": list({link["outlet"]: link for link in links}
                                              .values())})
    matrix_claims = [c for c in claims if not c["single_source"]][:30]
    matrix = [{"article": a, "outlet": outlet[a["id"]],
               "statements": [any(r["article"] == a["id"] for r in s["renderings"])
                              for s in dossier["statements"]],
               "claims": [a["id"] in c["support"] for c in matrix_claims]}
              for a in dossier["articles"]]
    texts = []
    for article in dossier.get("texts", []):
        spans = [(q["start"], q["end"], "quote", f"q-{article['id']}-{q['start']}")
                 for q in article["quotes"]]
        for claim in claims:
            for passage in claim["passages"]:
                if passage["article"] == article["id"]:
                    spans.append((passage["start"], passage["end"], "claim",
                                  anchor(article["id"], passage["start"])))
        texts.append({**article, "href": safe_url(article.get("url")),
                      "segments": _segments(article["text"], spans)})
    return {"dossier": dossier, "outlet": outlet, "summary": summary, "matrix": matrix,
            "matrix_claims": matrix_claims, "texts": texts,
            "svg": _timeline_svg(dossier["timeline"]), "anchor": anchor}


def render_html(dossier: dict[str, Any], home: str | None = None) -> str:
    """The report of a story as one HTML page; `home` links back to a story list (the web
    app's)."""
    return _environment().get_template("report.html.j2").render(**view(dossier), home=home)
