"""Score a story dossier export against a labelled set (tests/analysis/data and the others,
see `SETS`).

Each measure is what a reader checks: are two passages that state one fact one claim; is a
labelled disagreement reported as a conflict (and is every reported conflict a real one); are
the forms of one entity merged and those of different entities kept apart; does the timeline
date each labelled expression right; does each claim count its independent sources right;
are off-topic passages kept out of the claims.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
# The labelled sets, each a folder of articles.jsonl, labels.json and a README.
SETS = {name: Path(__file__).parent / name
        for name in ("data", "data2", "data3", "data4", "data5", "blind")}


@dataclass
class Score:
    """Precision and recall from counts, with the misses kept for reading."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def __str__(self) -> str:
        return (f"P {self.precision:.3f} R {self.recall:.3f} "
                f"(tp {self.tp} fp {self.fp} fn {self.fn})")


def load_labels(folder: Path = DATA) -> dict[str, Any]:
    return json.loads((folder / "labels.json").read_text(encoding="utf-8"))


class Dossiers:
    """The exported dossiers and articles, looked up by the labels' article slugs."""

    def __init__(self, dossiers: list[dict[str, Any]], articles: list[dict[str, Any]],
                 slugs: dict[str, str]) -> None:
        self.dossiers = dossiers
        self.text = {a["id"]: a["text"] for a in articles}
        self.id_of = {}  # slug -> article id
        for article in articles:
            for slug, url in slugs.items():
                if article["url"] == url:
                    self.id_of[slug] = article["id"]
        self.story_of = {a["id"]: d["story"] for d in dossiers for a in d["articles"]}
        self.dossier = {d["story"]: d for d in dossiers}

    def where(self, passage: dict[str, str]) -> tuple[str, int] | None:
        """(article id, character offset) of a labelled passage in the cleaned text."""
        article = self.id_of.get(passage["article"])
        if article is None:
            return None
        at = self.text[article].find(passage["text"])
        return (article, at) if at >= 0 else None

    def claims_at(self, passage: dict[str, str]) -> list[int]:
        """Indexes (in the story's claims) of the claims whose passages hold the labelled one."""
        found = self.where(passage)
        if found is None:
            return []
        article, at = found
        story = self.dossier.get(self.story_of.get(article, ""))
        if story is None:
            return []
        return [n for n, claim in enumerate(story["claims"])
                if any(p["article"] == article and p["start"] <= at < p["end"]
                       for p in claim["passages"])]


def score_pairs(d: Dossiers, labels: dict[str, Any]) -> Score:
    score = Score()
    for pair in labels["claim_pairs"]:
        a, b = d.claims_at(pair["a"]), d.claims_at(pair["b"])
        same_story = (d.story_of.get(d.id_of.get(pair["a"]["article"], ""))
                      == d.story_of.get(d.id_of.get(pair["b"]["article"], "")))
        predicted = bool(set(a) & set(b)) and same_story
        if predicted and pair["same"]:
            score.tp += 1
        elif predicted:
            score.fp += 1
            score.misses.append(f"FP {pair['a']['text']!r} ~ {pair['b']['text']!r}")
        elif pair["same"]:
            score.fn += 1
            score.misses.append(f"FN {pair['a']['text']!r} ~ {pair['b']['text']!r}")
    return score


def _covers(conflict: dict[str, Any], d: Dossiers, passages: list[dict[str, str]]) -> int:
    """How many of the labelled passages the reported conflict's values hold."""
    held = 0
    for passage in passages:
        found = d.where(passage)
        if found and any(v["article"] == found[0] and v["start"] <= found[1] < v["end"]
                         for v in conflict["values"]):
            held += 1
    return held


def score_conflicts(d: Dossiers, labels: dict[str, Any]) -> Score:
    score = Score()
    reported = [c for dossier in d.dossiers for c in dossier["conflicts"]]
    matched: set[int] = set()
    for gold in labels["conflicts"]:
        hits = [n for n, c in enumerate(reported) if _covers(c, d, gold["passages"]) >= 2]
        if hits:
            score.tp += 1
            matched.update(hits)
        else:
            score.fn += 1
            score.misses.append(f"FN {gold['about']}: "
                                + " / ".join(p["value"] for p in gold["passages"]))
    for n, conflict in enumerate(reported):
        if n not in matched:
            score.fp += 1
            score.misses.append(f"FP {conflict['about']}: "
                                + " / ".join(str(v["value"]) for v in conflict["values"]))
    return score


def score_entities(d: Dossiers, labels: dict[str, Any]) -> Score:
    """Pairs of forms: merged when one entity of the story holds both."""
    story_articles = {s["name"]: [d.id_of[a] for a in s["articles"] if a in d.id_of]
                      for s in labels["stories"]}
    score = Score()
    groups_by_story: dict[str, list[list[str]]] = {}
    for group in labels["entities"]:
        groups_by_story.setdefault(group["story"], []).append(group["forms"])
    for trap in labels["distinct_entities"]:
        groups_by_story.setdefault(trap["story"], [])
    for story_name, groups in groups_by_story.items():
        stories = {d.story_of.get(a) for a in story_articles.get(story_name, [])}
        entities = [e for s in stories if s in d.dossier for e in d.dossier[s]["entities"]]
        holders: dict[str, set[int]] = {}
        for n, entity in enumerate(entities):
            for variant in entity["variants"]:
                holders.setdefault(variant["form"], set()).add(n)
        merged = _merged_in(holders)

        for forms in groups:
            for x, y in itertools.combinations(forms, 2):
                if merged(x, y):
                    score.tp += 1
                else:
                    score.fn += 1
                    score.misses.append(f"FN {x!r} / {y!r}")
        gold_group = {f: n for n, forms in enumerate(groups) for f in forms}
        apart = [(x, y) for x, y in itertools.combinations(sorted(gold_group), 2)
                 if gold_group[x] != gold_group[y]]
        traps = [tuple(t["forms"][:2]) for t in labels["distinct_entities"]
                 if t["story"] == story_name]
        for x, y in set(apart) | set(traps):
            if merged(x, y):
                score.fp += 1
                score.misses.append(f"FP {x!r} + {y!r}")
    return score


_HONORIFICS = {"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Sir", "Dame"}


def _merged_in(holders: dict[str, set[int]]):
    """Whether two labelled forms are held by one entity. A labelled form with a title the
    recogniser leaves out ("Mayor Kell") is held by the entity that holds the rest ("Kell")."""
    def held(form: str) -> set[int]:
        if form in holders:
            return holders[form]
        words = form.split()
        for cut in range(1, len(words)):
            if all(w[:1].isupper() for w in words[:cut]) and " ".join(words[cut:]) in holders:
                return holders[" ".join(words[cut:])]
        # A labelled full name the recogniser took in with the honorific before it
        # ("Anneliese Maro" of "Dr Anneliese Maro") is held by the entity that holds that
        # whole form; a bare surname is not ("Maro" is not "Dr Maro" and "Mr Maro" at once).
        if len(words) < 2:
            return set()
        return set().union(*(entities for written, entities in holders.items()
                             if written.endswith(" " + form)
                             and written[:-len(form) - 1].rstrip(".") in _HONORIFICS))

    return lambda x, y: bool(held(x) & held(y))


def score_timeline(d: Dossiers, labels: dict[str, Any]) -> Score:
    """A labelled date expression is right when a timeline event holds it with that date."""
    score = Score()
    for item in labels["timeline"]:
        found = d.where(item)
        story = d.dossier.get(d.story_of.get(found[0], "")) if found else None
        ok = False
        if story is not None:
            for event in story["timeline"]:
                expression = event["expressions"].get(found[0])
                claim = story["claims"][event["claim"]]
                held = any(p["article"] == found[0] and p["start"] <= found[1] < p["end"]
                           for p in claim["passages"])
                if held and expression and _same_words(item["expression"], expression) \
                        and event["date"] == item["date"]:
                    ok = True
        if ok:
            score.tp += 1
        else:
            score.fn += 1
            score.misses.append(f"FN {item['expression']!r} = {item['date']} in "
                                f"{item['text']!r}")
    return score


_LEADING = ("on ", "in ", "by ", "until ", "since ", "at ", "from ", "for ")


def _same_words(labelled: str, found: str) -> bool:
    """Whether a found expression is the labelled one, prepositions aside ("on Friday" /
    "Friday")."""
    a, b = labelled.lower(), found.lower()
    for word in _LEADING:
        a = a.removeprefix(word)
        b = b.removeprefix(word)
    return a in b or b in a


def score_sources(d: Dossiers, labels: dict[str, Any]) -> Score:
    """Claims counted with the labelled number of independent sources."""
    score = Score()
    for item in labels["single_source"] + labels["multi_source"]:
        found = d.where(item)
        claims = d.claims_at(item)
        story = d.dossier.get(d.story_of.get(found[0], "")) if found else None
        counts = [story["claims"][n]["independent_sources"] for n in claims] if story else []
        if item["independent_sources"] in counts:
            score.tp += 1
        else:
            score.fn += 1
            score.misses.append(f"FN {item['text']!r}: {counts} for "
                                f"{item['independent_sources']}")
    return score


def score_off_topic(d: Dossiers, labels: dict[str, Any]) -> Score:
    """Off-topic passages: in no claim, and shown as an off-topic segment."""
    score = Score()
    for item in labels["off_topic"]:
        found = d.where(item)
        story = d.dossier.get(d.story_of.get(found[0], "")) if found else None
        shown = story is not None and any(
            s["article"] == found[0] and s["start"] <= found[1] < s["end"]
            for s in story["off_topic"])
        if shown and not d.claims_at(item):
            score.tp += 1
        else:
            score.fn += 1
            score.misses.append(f"FN {item['text']!r}")
    return score
