"""The story report as Markdown.

Article-derived text is escaped for Markdown and for the HTML that Markdown viewers pass
through: `<`, `>` and `&` become entities, and Markdown's own marks are backslashed, so an
article cannot inject links, images or markup into the report.
"""

from __future__ import annotations

import re
from typing import Any

_MARKS = re.compile(r"([\\`*_{}\[\]()#+\-!|~])")


def md(text: object) -> str:
    """Text made inert in Markdown."""
    value = str(text if text is not None else "")
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKS.sub(r"\\\1", " ".join(value.split()))


def render_markdown(dossier: dict[str, Any]) -> str:
    """The report of a story as a Markdown document."""
    outlet = {a["id"]: a["outlet"] or a["id"] for a in dossier["articles"]}

    def outlets(ids: list[str]) -> str:
        return ", ".join(md(outlet.get(i, i)) for i in dict.fromkeys(ids))

    lines = [f"# {md(dossier.get('label') or dossier['story'])}", "",
             f"Story {md(dossier['story'])}: {len(dossier['articles'])} article(s), "
             f"{dossier['independent_sources']} independent source(s).", "", "## Summary", ""]
    for n, item in enumerate(dossier.get("summary", []), 1):
        mark = " *(single source)*" if item.get("single_source") else ""
        lines.append(f"{n}. {md(item['sentence'])} [{', '.join(md(c) for c in item['cites'])}]"
                     f"{mark}")
    if dossier.get("generated_summary"):
        lines += ["", "## Generated summary, checked against its sources", ""]
        for n, item in enumerate(dossier["generated_summary"], 1):
            if item["supported"]:
                lines.append(f"{n}. {md(item['sentence'])} "
                             f"[{', '.join(md(c) for c in item['cites'])}]")
            else:
                lines.append(f"{n}. **unverified** ~~{md(item['sentence'])}~~ "
                             f"({md(item['why'])})")
    lines += ["", "## Quote ledger", ""]
    for n, statement in enumerate(dossier["statements"], 1):
        lines.append(f"### S{n}. {md(statement['speaker'] or 'unknown speaker')}")
        lines.append("")
        for r in statement["renderings"]:
            kind = "reference" if r.get("reference") else r["fidelity"]
            lines.append(f"- **{kind}** {md(outlet.get(r['article'], r['article']))}: "
                         f"{md(r['text'])}" + (f" — why: {md(r['reason'])}" if r["reason"]
                                               else ""))
        lines.append("")
    lines += ["## Claims", ""]
    for n, claim in enumerate(dossier["claims"], 1):
        badge = ("single source" if claim["single_source"]
                 else f"{claim['independent_sources']} independent sources")
        lines.append(f"{n}. {md(claim['text'])} — *{badge}*: {outlets(claim['support'])}")
    lines += ["", "## Conflicts", ""]
    for conflict in dossier["conflicts"]:
        lines.append(f"- **{md(conflict['kind'])}: {md(conflict['about'])}**")
        for value in conflict["values"]:
            lines.append(f"  - {md(outlet.get(value['article'], value['article']))}: "
                         f"**{md(value['value'])}** — {md(value['text'])}")
    lines += ["", "## Entities", "", "| name | type | forms |", "|---|---|---|"]
    for entity in dossier["entities"]:
        forms = "; ".join(f"{md(v['form'])} ({outlets(v['articles'])})"
                          for v in entity["variants"])
        lines.append(f"| {md(entity['name'])} | {entity['type']} | {forms} |")
    lines += ["", "## Timeline", ""]
    for event in dossier["timeline"]:
        mark = "" if event["certain"] else " (uncertain)"
        lines.append(f"- **{md(event['date'])}**{mark} {md(event['event'])} "
                     f"({outlets(event['articles'])})")
    lines += ["", "## Articles", ""]
    for article in dossier["articles"]:
        copy = (f" — {md(article.get('copy_kind') or 'copy')} of "
                f"{md(outlet.get(article['copy_of'], article['copy_of']))}"
                if article["copy_of"] else "")
        lines.append(f"- {md(outlet[article['id']])}: {md(article['title'] or article['id'])} "
                     f"({md(article['published'] or 'date unknown')}){copy}")
    return "\n".join(lines) + "\n"
