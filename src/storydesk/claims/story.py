"""A story's claims, conflicts, entities and timeline, from its articles.

`analyse_story` takes the articles of one story (text, paragraph blocks, publication date,
copy family, and the entity mentions found in each) and returns everything the dossier shows
about facts:

- claims: each fact with the passages that state it, the supporting articles, the number of
  independent sources (a copy family counts once), whether it is single-source, and who
  reported it first;
- conflicts: details of one fact that articles give differently, and titles given to one
  person differently;
- entities: people, organisations and places with their name variants per article;
- timeline: the claims that carry a date, resolved against each article's publication date,
  in order; publication times are listed apart, as `publications`;
- off_topic: the segments of articles about other events, left out of all of the above.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from storydesk.claims.align import (
    Aligner,
    ClaimUnit,
    SentenceVectors,
    WordVectors,
    asides,
    term_words,
    with_speaker,
    without_attribution,
)
from storydesk.claims.conflicts import (
    FIGURES,
    Conflict,
    Version,
    conflicts_in,
    title_after,
    title_before,
    title_conflicts,
    title_inside,
)
from storydesk.claims.numbers import TIME_UNITS, counts_alike, figures, vague_quantities
from storydesk.claims.units import Segment, Unit, claim_units, off_topic_segments
from storydesk.entities import Entity, story_entities
from storydesk.entities.model import PERSON
from storydesk.entities.names import ORGANISATION_WORDS, fold
from storydesk.entities.recognise import IN_PLACE_BEFORE
from storydesk.entities.variants import GENDERED_WORDS
from storydesk.metadata.dates import MONTHS
from storydesk.quotes.marks import quoted_passages
from storydesk.timeline import EventDate, find_event_dates, publication_day

# Words before a place that make it where something happened ("in Odesa", "near Brennick").
_LOCATIVE = re.compile(r"(?:\bin|\bat|\bnear|\boutside|\bvillage of|\btown of|\bcity of"
                       r"|\bport of|\bregion of)\s+(?:the\s+)?$", re.IGNORECASE)
# Words before a place things or people were taken to: "moved 84 patients to hospitals in
# Holmvik", "evacuated to Brask".
_DESTINATION = re.compile(
    r"\b(?:mov(?:e|ed|es|ing)|transfer(?:s|red|ring)?|taken|took|tak(?:e|es|ing)|flown|flew"
    r"|airlifted|evacuated|evacuating|relocated|sent|sending|diverted|brought|ferried|bus+ed"
    r"|rushed|carried)\b(?:\s+[\w-]+){0,5}?\s+to\s+(?:[\w-]+\s+){0,3}?"
    r"(?:(?:in|at|near)\s+)?(?:the\s+)?$", re.IGNORECASE)
# What joins the places of one list: "in Holmvik and Orlenburg".
_LISTED = re.compile(r"\s*(?:,|and|or|,\s*and|,\s*or)\s+(?:the\s+)?$")
# Words before a place named as a landmark: "40 kilometres from", "north of".
_LANDMARK = re.compile(r"(?:\b(?:kilometres|kilometers|km|miles|metres|meters|m)\s+"
                       r"(?:\w+\s+)?(?:from|of)|\b(?:north|south|east|west|northeast|northwest"
                       r"|southeast|southwest|outside|upstream|downstream)\s+of)\s+(?:the\s+)?$",
                       re.IGNORECASE)
# A date followed by how long after something else it was ("on Tuesday evening, a day after
# it flooded the town") is the day of another event than the one the sentence goes on to.
_SPAN_AFTER = re.compile(r",?\s+(?:a|an|one|two|three|four|five|six|seven|several|\d+)\s+"
                         r"(?:hours?|days?|weeks?|months?)\s+(?:after|before)\b", re.IGNORECASE)
# A speech verb right before a date makes it the day something was said ("Lawyers for Sarkis
# said on Wednesday that he would appeal"), not a date of the fact.
_SAID_ON = re.compile(r"\b(?:said|says|told\s+[\w.]+(?:\s+[\w.]+)?|added|stated|wrote)\s+"
                      r"(?:on\s+|late\s+|early\s+)?$", re.IGNORECASE)


@dataclass(slots=True)
class StoryArticle:
    """What the analysis needs of one article."""

    id: str
    text: str
    blocks: list[dict] = field(default_factory=list)
    published: str | None = None
    published_certain: bool = False
    outlet: str | None = None
    family: str | None = None  # the article its copy family descends from (itself if none)
    mentions: list[Any] | None = None  # entity mentions, when already found


@dataclass(slots=True)
class Passage:
    """Where an article states a claim."""

    article: str
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """The passage as a JSON-ready dict."""
        return {"article": self.article, "text": self.text, "start": self.start,
                "end": self.end}


@dataclass(slots=True)
class Claim:
    """One fact of the story and its support."""

    text: str
    passages: list[Passage]
    support: list[str]
    independent_sources: int
    first_reporter: str
    dates: list[tuple[str, EventDate]] = field(default_factory=list)  # (article, date)

    @property
    def single_source(self) -> bool:
        """Whether only one independent source carries the claim."""
        return self.independent_sources == 1

    def to_dict(self) -> dict[str, Any]:
        """The claim as in the export contract, with its passages and first reporter."""
        return {"text": self.text, "support": self.support,
                "independent_sources": self.independent_sources,
                "single_source": self.single_source, "first_reporter": self.first_reporter,
                "passages": [p.to_dict() for p in self.passages]}


@dataclass(slots=True)
class TimelineEvent:
    """A dated claim on the story's timeline."""

    date: str  # the resolved date's label: "2022-12-10", "2022-11", "2022-W49"
    earliest: date
    latest: date
    precision: str
    event: str
    articles: list[str]
    expressions: dict[str, str]  # article → the words that dated it
    certain: bool
    claim: int  # index into the story's claims

    def to_dict(self) -> dict[str, Any]:
        """The event as in the export contract (`date`, `event`, `articles`) and more."""
        return {"date": self.date, "earliest": self.earliest.isoformat(),
                "latest": self.latest.isoformat(), "precision": self.precision,
                "event": self.event, "articles": self.articles,
                "expressions": self.expressions, "certain": self.certain,
                "claim": self.claim}


@dataclass(slots=True)
class StoryAnalysis:
    """Everything `analyse_story` found."""

    claims: list[Claim]
    conflicts: list[Conflict]
    entities: list[Entity]
    timeline: list[TimelineEvent]
    publications: list[dict[str, Any]]
    off_topic: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """The analysis as the dossier's `claims`, `conflicts`, `entities`, `timeline`,
        `publications` and `off_topic`."""
        return {"claims": [c.to_dict() for c in self.claims],
                "conflicts": [c.to_dict() for c in self.conflicts],
                "entities": [e.to_dict() for e in self.entities],
                "timeline": [t.to_dict() for t in self.timeline],
                "publications": self.publications, "off_topic": self.off_topic}


def _anchor(article: StoryArticle, story_dates: list[str]) -> tuple[str | None, bool]:
    """The date an article's relative dates are read against, and whether it is certain:
    its own publication date, else (uncertain) the story's latest one. An undated article
    is no older than its story's dated ones, and news mostly reports the past, so "on
    Saturday" in it is best read back from the story's last day."""
    if article.published:
        return article.published, article.published_certain
    return (max(story_dates), False) if story_dates else (None, False)


def _sort_key(published: str | None) -> str:
    return published or "9999"


def vocabulary(articles: Sequence[StoryArticle]) -> set[str]:
    """The words of a story's claim units that alignment looks up in the word vectors."""
    words: set[str] = set()
    for article in articles:
        skip = off_topic_segments(article.text, article.blocks)
        for unit in claim_units(article.text, article.blocks, skip):
            if unit.checkable:
                words.update(w for w in term_words(unit.text).values() if w)
    return words


def analyse_story(articles: Sequence[StoryArticle], word_vectors: WordVectors | None = None,
                  sentence_vectors: SentenceVectors | None = None) -> StoryAnalysis:
    """Claims, conflicts, entities and timeline of one story's articles.

    Word vectors let claims in other words align; sentence vectors (slower, see
    :class:`~storydesk.claims.align.Aligner`) align looser paraphrases too.
    """
    by_id = {a.id: a for a in articles}
    story_dates = sorted(a.published for a in articles if a.published)
    order = {a.id: n for n, a in enumerate(sorted(
        articles, key=lambda a: (_sort_key(a.published), a.id)))}

    segments: dict[str, list[Segment]] = {}
    every_unit: dict[str, list[Unit]] = {}
    units: dict[str, list[Unit]] = {}
    for article in articles:
        segments[article.id] = off_topic_segments(article.text, article.blocks)
        every_unit[article.id] = claim_units(article.text, article.blocks,
                                             segments[article.id])
        units[article.id] = [u for u in every_unit[article.id] if u.checkable]

    entities = story_entities([(a.id, a.text) for a in articles],
                              [a.mentions for a in articles]
                              if all(a.mentions is not None for a in articles) else None)
    entities = _places_by_context(_outside_segments(entities, segments), by_id)
    mentions_in: dict[str, list[tuple[Any, Entity]]] = {}
    for entity in entities:
        for mention in entity.mentions:
            mentions_in.setdefault(mention.article, []).append((mention, entity))
    # A unit that opens with a name of the story is checkable, though that name is its only
    # capital ("Sarkis, who had been free on bail, was taken into custody").
    for article_id, found in mentions_in.items():
        opening = {m.start for m, _ in found}
        units[article_id] = [u for u in every_unit[article_id]
                             if u.checkable or u.start in opening]

    dates: dict[str, list[EventDate]] = {}
    for article in articles:
        anchor, certain = _anchor(article, story_dates)
        # Dates inside quotation marks are the speaker's ("people today are dying"), read
        # against a day the article does not give; the timeline keeps the writer's.
        quoted = [(p.start, p.end) for p in quoted_passages(article.text)]
        dates[article.id] = [d for d in find_event_dates(article.text, anchor, certain)
                             if not any(a <= d.start < b for a, b in quoted)]

    # Each unit with the days it gives: two outlets that date a fact alike ("on Thursday" /
    # "on October 16") agree on it as they do when they give one figure.
    every = [ClaimUnit(article.id, i, u.text,
                       days=tuple((d.start - u.start, d.earliest.toordinal()) for d in days),
                       dated=tuple((d.start - u.start, min(d.end, u.end) - u.start)
                                   for d in days),
                       refers=_referent(u, every_unit[article.id],
                                        mentions_in.get(article.id, [])))
             for article in sorted(articles, key=lambda a: order[a.id])
             for i, u in enumerate(units[article.id])
             for days in [[d for d in dates[article.id]
                           if d.precision == "day" and u.start <= d.start < u.end]]]
    unit_of = {(c.article, c.index): units[c.article][c.index] for c in every}
    # Copies repeat sentences word for word: each distinct sentence is aligned once, and its
    # repeats in other articles join whatever it joins.
    flat: list[ClaimUnit] = []
    position: dict[tuple[str, int], int] = {}
    repeats: dict[int, list[ClaimUnit]] = {}
    first_of: dict[str, int] = {}
    for unit in every:
        key = _normalised(unit.text)
        if key in first_of:
            position[(unit.article, unit.index)] = first_of[key]
            repeats[first_of[key]].append(unit)
        else:
            first_of[key] = position[(unit.article, unit.index)] = len(flat)
            repeats[len(flat)] = []
            flat.append(unit)
    aligner = Aligner(flat, word_vectors, sentence_vectors)
    groups = aligner.groups()
    comparable = _Comparable(entities, unit_of, dates, by_id)

    claims: list[Claim] = []
    conflicts: list[Conflict] = []
    for group in groups:
        members = [flat[m] for m in group.members]
        present = {c.article for c in members}
        for m in group.members:
            for repeat in repeats[m]:
                if repeat.article not in present:  # an article's own repeat adds nothing
                    members.append(repeat)
                    present.add(repeat.article)
        members.sort(key=lambda c: (order[c.article], c.index))
        passages = [Passage(c.article, unit_of[(c.article, c.index)].text,
                            unit_of[(c.article, c.index)].start,
                            unit_of[(c.article, c.index)].end) for c in members]
        support = sorted({p.article for p in passages}, key=lambda a: order[a])
        families = {by_id[a].family or a for a in support}
        # Details (dates, figures, places) are taken from the first reporter's version and
        # the versions aligned with it directly, not from others that joined through a third.
        first = position[(members[0].article, members[0].index)]
        direct = [p for p, c in zip(passages, members, strict=True)
                  if position[(c.article, c.index)] == first
                  or aligner.aligned(first, position[(c.article, c.index)])]
        # The timeline takes every version's dates: those that cannot be one day are
        # events of their own (see `_timeline`).
        claim_dates = [(p.article, d) for p in passages for d in dates[p.article]
                       if p.start <= d.start < p.end]
        claims.append(Claim(passages[0].text, passages, support, len(families), support[0],
                            claim_dates))
        if len(support) > 1:
            flat_of = {c.article: position[(c.article, c.index)] for c in members}
            conflicts.extend(_conflicts(
                _stated(first, direct, members, position, aligner), members, dates,
                mentions_in, by_id, comparable, _relayed(passages, direct, flat_of, aligner)))

    conflicts = joined(conflicts)
    conflicts.extend(_disputes(aligner, flat, unit_of, dates, mentions_in, by_id, comparable,
                               conflicts))
    conflicts.extend(_title_conflicts(entities, by_id, units))
    return StoryAnalysis(
        claims=claims, conflicts=conflicts, entities=entities,
        timeline=_timeline(claims),
        publications=[{"article": a.id, "outlet": a.outlet, "published": a.published,
                       "certain": a.published_certain}
                      for a in sorted(articles, key=lambda a: order[a.id])],
        off_topic=[{"article": article_id, "text": s.text, "start": s.start, "end": s.end,
                    "reason": s.reason}
                   for article_id, found in segments.items() for s in found])


def _stated(first: int, direct: list[Passage], members: list[ClaimUnit],
            position: dict[tuple[str, int], int], aligner: Aligner
            ) -> list[tuple[Passage, tuple[int, int]]]:
    """Each version of a claim aligned with the first reporter's, with the span of its
    passage that states the claim's fact: the first reporter's sentence and its copies
    first, then the others.

    Where a version matched a part of another ("killing at least 12 people" in a sentence
    that also says what the river did), the part that matched states the fact: the rest of
    the sentence states others. The first reporter's is the stretch of its sentence that
    the others matched."""
    index_of = {c.article: c.index for c in members}
    leads: list[tuple[Passage, tuple[int, int]]] = []
    others: list[tuple[Passage, tuple[int, int]]] = []
    first_spans = []
    for passage in direct:
        flat = position[(passage.article, index_of[passage.article])]
        if flat == first:
            leads.append((passage, (0, len(passage.text))))
            continue
        span, own = aligner.matched_spans(first, flat)
        first_spans.append(span)
        if len(aligner.views[first]) == 1:
            # The first reporter told the fact in a sentence of one piece ("... would stay
            # in port until inspected, a process he expected to take a few weeks"): what
            # another sentence adds in a part of its own ("..., and said the checks could
            # take many weeks") is of the same fact.
            own = (0, len(passage.text))
        others.append((passage, own))
    if first_spans:
        stretch = (min(a for a, _ in first_spans), max(b for _, b in first_spans))
        leads = [(p, stretch) for p, _ in leads]
    return leads + others


_OPENING_PRONOUN = re.compile(r"^(?P<pronoun>He|She)\s")
# What may stand before the subject of a sentence: a few words ("The driver,", "Greek prime
# minister", "There,"), no quotation.
_BEFORE_SUBJECT = re.compile(r"^[^\W\d][\w.'’-]*,?(?:\s+[^\W\d][\w.'’-]*,?){0,3}\s+$|^$")


def _referent(unit: Unit, article_units: Sequence[Unit],
              mentions: Sequence[tuple[Any, Entity]]) -> str:
    """The name of the person a unit's opening "He" or "She" stands for: the subject of the
    sentence before, when it is the one person that sentence names and no title ("Ms",
    "Mr") tells another gender. "" when the pronoun is who said the fact ("He said ..."),
    or the sentence before opens with someone else, names several people or is what its
    subject said ("Fanning said the man pointed the gun at them. He then ...")."""
    opening = _OPENING_PRONOUN.match(unit.text)
    if opening is None or not _OPENING_PRONOUN.match(without_attribution(unit.text)):
        return ""
    before = [u for u in article_units if u.end <= unit.start]
    if not before or unit.paragraph - before[-1].paragraph > 1:
        return ""
    sentence = before[-1]
    named = [(m, e) for m, e in mentions
             if e.kind == PERSON and sentence.start <= m.start and m.end <= unit.start]
    if len({id(e) for _, e in named}) != 1:
        return ""
    mention, person = min(named, key=lambda pair: pair[0].start)
    at = mention.start - sentence.start
    if not _BEFORE_SUBJECT.match(sentence.text[:at]) \
            or sentence.text[at:mention.end - sentence.start] \
            not in without_attribution(sentence.text):  # who said it ("Kroon said he ...")
        return ""
    genders = {GENDERED_WORDS.get(fold(form.split()[0]).rstrip("."))
               for form in person.variants if len(form.split()) > 1} - {None}
    wanted = "F" if opening.group("pronoun") == "She" else "M"
    return person.name if genders <= {wanted} else ""


def _relayed(passages: list[Passage], direct: list[Passage], flat_of: dict[str, int],
             aligner: Aligner) -> list[tuple[Passage, str]]:
    """The claim's passages aligned with the first reporter's only through another outlet's
    (a direct one, not the first reporter's; `flat_of` gives each article's unit), each
    with the first such outlet."""
    out = []
    for passage in passages:
        if passage in direct:
            continue
        partner = next((d.article for d in direct[1:]
                        if aligner.aligned(flat_of[d.article], flat_of[passage.article])),
                       None)
        if partner is not None:
            out.append((passage, partner))
    return out


def _conflicts(stated: list[tuple[Passage, tuple[int, int]]], members: list[ClaimUnit],
               dates: dict[str, list[EventDate]],
               mentions_in: dict[str, list[tuple[Any, Entity]]],
               by_id: dict[str, StoryArticle], comparable: _Comparable,
               relayed: Sequence[tuple[Passage, str]] = ()) -> list[Conflict]:
    """The conflicts among the versions of a claim aligned with the first reporter's, each
    read in the span that states the claim's fact (see `_stated`). Figures are compared
    only between versions whose sentences may tell of one event. A `relayed` version (see
    `_relayed`) is compared on its date when its partner gives the first reporter's: "by the
    end of September" / "by the end of September" / "by the end of December"."""
    index_of = {c.article: c.index for c in members}
    versions = [_shown(_version(_narrowed(p, span), dates[p.article],
                                mentions_in.get(p.article, []), by_id[p.article].text,
                                _asides(p, span)), p, span) for p, span in stated]
    # Versions that put the fact in different places, or tell it as background, may be of
    # other events: their figures are not set against the first reporter's.
    lead = (members[0].article, members[0].index)
    where = {name for _, name in versions[0].places}
    counted = [v for v in versions
               if comparable(lead, (v.article, index_of[v.article]), by_names=False)
               and not (where and v.places and not where & {n for _, n in v.places})]
    # A day still ahead of its article ("will reopen on Thursday") is a plan; one behind
    # it, what happened ("began early Saturday"): the two are not one fact's dates.
    def ahead(version: Version) -> bool | None:
        published = publication_day(by_id[version.article].published)
        if published is None or len(version.days) != 1:
            return None
        return version.days[0][1] > published

    by_article = {v.article: v for v in versions}
    reference = _date_of(versions[0])
    relays = [(_version(passage, dates[passage.article], mentions_in.get(passage.article, []),
                        by_id[passage.article].text), by_article[partner])
              for passage, partner in relayed if partner in by_article]
    versions_by_date = versions + [
        version for version, partner in relays
        if reference is not None and _date_of(partner) == reference]
    # A count is relayed the same way: "had sought eight years" / "had asked for eight
    # years" / "had asked for nine years".
    counted += [version for version, partner in relays
                if partner in counted and _relays_count(versions[0], partner, version)
                and comparable(lead, (version.article, index_of[version.article]),
                               by_names=False)]
    side = ahead(versions[0])
    dated = [v for v in versions_by_date if side is None or ahead(v) in (None, side)]
    # Places are compared between versions that tell of the story's time, not background
    # ("the 2017 outbreak in Merrow Point").
    current = [v for v in versions
               if comparable(lead, (v.article, index_of[v.article]), by_names=False)]
    return (conflicts_in(counted, kinds=FIGURES) + conflicts_in(dated, kinds=("date",))
            + conflicts_in(current, kinds=("place",),
                           named_together=comparable.places_together()))


# Two versions of a detail that were not aligned as one claim (their figures differ, and
# the figures are what would have aligned them) are compared when their parts say this much
# alike besides the figures (see `Aligner.context`).
DISPUTE_CONTEXT = 0.55
# Two spans of time, one vague, are rarely given of unrelated things in like clauses: less
# alike clauses suffice ("reporting cracks in the hillside for three months" / "noticed
# cracks opening in the hillside for several weeks").
TIME_CONTEXT = 0.40
# A unit whose dates all lie this long before its article's publication is background (an
# earlier event), whose figures are not another version of the story's.
BACKGROUND_DAYS = 14


def _disputes(aligner: Aligner, flat: list[ClaimUnit],
              unit_of: dict[tuple[str, int], Unit], dates: dict[str, list[EventDate]],
              mentions_in: dict[str, list[tuple[Any, Entity]]],
              by_id: dict[str, StoryArticle], comparable: _Comparable,
              found: list[Conflict]) -> list[Conflict]:
    """Conflicts between parts of units that no claim compared: of units not aligned as
    one claim because the figure they dispute is what they differ in ("More than 120
    planned operations have been postponed" / "About 40 planned operations were
    postponed"), or outside the part two aligned units state ("killing two workers" /
    "Three workers died", in sentences aligned on the explosion).

    Parts of two units (see `Aligner.fact_views`) are compared when they say the same
    besides their figures, count one kind of people in one state, or count parts of one
    whole, and may tell of one event (see `_Comparable`). Only figures and vague quantities
    are compared so: two dates in like sentences are more often two events. Disputes over
    one detail that share a passage become one conflict; one already reported by a claim is
    not repeated."""
    read: dict[int, list[tuple[Any, Version, set[str]]]] = {}

    def details(n: int) -> list[tuple[Any, Version, set[str]]]:
        """Unit n's parts with a detail to compare, and the things their details count."""
        if n not in read:
            read[n] = [(view, version, _counted_things(version.figures, version.vague))
                       for view in aligner.fact_views(n)
                       if (version := _part_version(flat[n], view.span, unit_of, dates,
                                                    mentions_in, by_id)) is not None]
        return read[n]

    counted: dict[int, set[str]] = {}

    def counts(n: int) -> set[str]:
        """What unit n's figures and vague quantities count, read from its whole text (a
        quick look before its parts are read)."""
        if n not in counted:
            text = flat[n].text
            counted[n] = _counted_things(figures(text), vague_quantities(text))
        return counted[n]

    pairs: list[Conflict] = []
    for i, j in aligner.scores:
        if not _alike_counts(counts(i), counts(j)) or not details(i) or not details(j):
            continue
        if not comparable((flat[i].article, flat[i].index), (flat[j].article, flat[j].index)):
            continue
        for a, first, counts_a in details(i):
            for b, second, counts_b in details(j):
                if not _alike_counts(counts_a, counts_b):
                    continue
                disputed = conflicts_in([first, second], same_rate=True, kinds=FIGURES)
                if disputed and (_of_one_whole(first, second) or _one_state(first, second)
                                 or (aligner.aligned(i, j) and _vague_times(first, second))
                                 or aligner.context(a, b) >= DISPUTE_CONTEXT
                                 or aligner.figure_context(first, second) >= DISPUTE_CONTEXT
                                 or aligner.time_context(first, second) >= TIME_CONTEXT):
                    pairs.extend(disputed)
    return _merged(pairs, found)


def _counted_things(found: Sequence[Any], vague: Sequence[Any]) -> set[str]:
    """What figures and vague quantities count; spans of time, vague ("several weeks") or
    not ("three months"), all count "time"."""
    return ({f.counts for f in found} | {"time" for f in found if f.counts in TIME_UNITS}
            | {"time" if q.days else q.counts for q in vague})


def _alike_counts(these: set[str], those: set[str]) -> bool:
    """Whether two sets of counted things share one (see `counts_alike`)."""
    return any(counts_alike(x, y) for x in these for y in those)


def _one_state(first: Version, second: Version) -> bool:
    """Whether two versions count one kind of people in one state, differently: "killing
    two workers" / "Three workers died"."""
    return any(f.state and f.state == g.state and f.counts == g.counts
               and not f.same_value(g) for f in first.figures for g in second.figures)


def _vague_times(first: Version, second: Version) -> bool:
    """Whether two versions each give a vague span of time ("has driven for the company for
    many years" / "had joined it only a few months ago")."""
    return any(q.days for q in first.vague) and any(q.days for q in second.vague)


def _of_one_whole(first: Version, second: Version) -> bool:
    """Whether two versions count parts of one whole: "five of its eight carriages" / "Six
    of the train's eight carriages"."""
    return any(f.total is not None and f.total == g.total and f.counts == g.counts
               and f.value != g.value for f in first.figures for g in second.figures)


# "the lowest since 1990" measures from a year; "since 2011, when ..." tells of it.
_SINCE_BEFORE = re.compile(r"\bsince\s+$", re.IGNORECASE)
_WHEN_AFTER = re.compile(r",?\s+when\b")
# What stands between a place and a wider one it lies in: "Banstead, Surrey".
_NESTED = re.compile(r",\s*|\s+in\s+(?:the\s+)?")


class _Comparable:
    """Whether the figures of two units may be set against each other: not when the units
    name places, or people, and none in common (two events of a kind: "killing three
    people" in Veyle, "killing 12 people" in Tarnwick; two players' points per game), nor
    when one is background, every date it gives lying weeks before its article ("the worst
    accident since 2011, when ... killing four people").

    Places and people are found by every form the story's entities take, not only where the
    recogniser tagged them: it misses some mentions ("Residents of Veyle returned ...") that
    it finds elsewhere in the story.
    """

    KINDS = ("PLACE", "PERSON")

    def __init__(self, entities: list[Entity], unit_of: dict[tuple[str, int], Unit],
                 dates: dict[str, list[EventDate]], by_id: dict[str, StoryArticle]) -> None:
        self.unit_of, self.dates, self.by_id = unit_of, dates, by_id
        self.finders = {kind: self._finder(entities, kind) for kind in self.KINDS}
        self._places = self._spans(entities, "PLACE")
        self._read: dict[tuple[str, int], tuple[dict[str, set[str]], bool]] = {}
        self._together: list[set[str]] | None = None

    @staticmethod
    def _finder(entities: list[Entity], kind: str) -> Callable[[str], set[str]]:
        found = _Comparable._spans(entities, kind)
        return lambda text: {name for _, _, name in found(text)}

    @staticmethod
    def _spans(entities: list[Entity], kind: str
               ) -> Callable[[str], list[tuple[int, int, str]]]:
        """A function giving where a text names the story's entities of a kind: (start, end,
        the entity's name) each."""
        name_of = {form.lower(): entity.name for entity in entities if entity.kind == kind
                   for form in entity.variants if len(form) > 2}
        if not name_of:
            return lambda text: []
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(form) for form in sorted(
            name_of, key=len, reverse=True)) + r")\b", re.IGNORECASE)
        return lambda text: [(m.start(), m.end(), name_of[m.group().lower()])
                             for m in pattern.finditer(text)]

    def _of(self, key: tuple[str, int]) -> tuple[dict[str, set[str]], list[EventDate]]:
        """A unit's names by kind, and its dates when it is background (else none)."""
        if key not in self._read:
            unit = self.unit_of[key]
            names = {kind: find(unit.text) for kind, find in self.finders.items()}
            names["PLACE"] = self._event_places(unit.text)
            self._read[key] = names, self._background(key[0], unit)
        return self._read[key]

    def _event_places(self, text: str) -> set[str]:
        """The places a text names that are not where something was taken: "transfer 48
        patients to other hospitals" and "moved 84 patients to hospitals in Holmvik and
        Orlenburg" may tell of one event."""
        kept: set[str] = set()
        away, last_end = False, -1
        for start, end, name in self._places(text):
            listed = last_end >= 0 and bool(_LISTED.fullmatch(text, last_end, start))
            away = (away and listed) or bool(_DESTINATION.search(text[max(0, start - 60):start]))
            if not away:
                kept.add(name)
            last_end = end
        return kept

    def places_together(self) -> list[set[str]]:
        """The pairs of places a sentence of the story names as one inside the other: "in
        Banstead, Surrey", "at the Kodak Theatre in Hollywood"."""
        if self._together is None:
            self._together = []
            for unit in self.unit_of.values():
                found = self._places(unit.text)
                self._together += [{a[2], b[2]} for a, b in itertools.pairwise(found)
                                   if a[2] != b[2] and _NESTED.fullmatch(unit.text, a[1], b[0])]
        return self._together

    def _background(self, article: str, unit: Unit) -> list[EventDate]:
        published = publication_day(self.by_id[article].published)
        if published is None:
            return []
        cutoff = published.toordinal() - BACKGROUND_DAYS
        text = self.by_id[article].text
        # A year a record is measured from is no time of the fact: "Turnout was 41.6 per
        # cent, the lowest since 1990"; but "the deadliest since 2011, when two trains
        # collided, killing four people" tells what happened then.
        given = [d for d in self.dates[article] if unit.start <= d.start < unit.end
                 and not (_SINCE_BEFORE.search(text, max(0, d.start - 8), d.start)
                          and not _WHEN_AFTER.match(text, d.end))]
        return given if all(d.latest.toordinal() < cutoff for d in given) else []

    def __call__(self, a: tuple[str, int], b: tuple[str, int], by_names: bool = True) -> bool:
        """Whether units a and b ((article, index) each) may tell of one event; without
        `by_names`, only whether neither is background, or both are of one earlier time
        ("The last strike, in 2016, lasted nine days" / "... in 2016, lasted 11 days")."""
        (names_a, old_a), (names_b, old_b) = self._of(a), self._of(b)
        if (old_a or old_b) and not (old_a and old_b and any(
                x.earliest <= y.latest and y.earliest <= x.latest
                for x in old_a for y in old_b)):
            return False
        return not by_names or not any(names_a[k] and names_b[k] and not names_a[k] & names_b[k]
                                       for k in self.KINDS)


def _part_version(unit: ClaimUnit, span: tuple[int, int], unit_of: dict[tuple[str, int], Unit],
                  dates: dict[str, list[EventDate]],
                  mentions_in: dict[str, list[tuple[Any, Entity]]],
                  by_id: dict[str, StoryArticle]) -> Version | None:
    """The version of the details in a part of a unit, or None when it gives no figure or
    vague quantity."""
    whole = unit_of[(unit.article, unit.index)]
    sentence = Passage(unit.article, whole.text, whole.start, whole.end)
    version = _shown(_version(_narrowed(sentence, span), dates[unit.article],
                              mentions_in.get(unit.article, []), by_id[unit.article].text,
                              _asides(whole, span)), sentence, span)
    # Two figures of one thing in a part ("killed 612 people and injured more than 1,400")
    # leave unclear which one another part's figure is set against.
    counted = Counter(f.counts for f in version.figures)
    version.figures = [f for f in version.figures if counted[f.counts] == 1]
    return version if version.figures or version.vague else None


def joined(conflicts: list[Conflict]) -> list[Conflict]:
    """The conflicts of the story's claims, one per disagreement: two claims that hold the
    same sentence (one states two facts, each outlet matching one) may report one dispute
    twice. Conflicts over one detail that share two passages giving different values are
    one, with the values of both."""
    return _gathered(conflicts, lambda a, b: len({value for *_, value in a & b}) > 1)


def _merged(pairs: list[Conflict], found: list[Conflict]) -> list[Conflict]:
    """Disputes of one detail joined when they share a passage and its value (one value per
    article); one that shares a passage with a conflict already reported over the same
    detail joins it, and one whose every value such a conflict already gives is dropped."""
    def told(conflict: Conflict) -> set[tuple[str, str]]:
        """Which article gives which value (a claim's passage and a dispute's part of it
        start apart)."""
        return {(v.article, v.value.lower()) for v in conflict.values}

    out = []
    for dispute in _gathered(pairs, lambda a, b: bool(a & b)):
        # One that shares a value with a conflict over the same detail adds its other
        # outlets' values to that conflict ("Seven missing" / "Two missing", and "six").
        same = [c for c in found if c.about == dispute.about and c.kind == dispute.kind]
        if any(told(dispute) <= told(c) for c in same):
            continue  # already reported
        into = next((c for c in same if _passages(dispute) & _passages(c)), None)
        if into is None:
            out.append(dispute)
        else:
            _add_values(into, dispute)
    return out


def _passages(conflict: Conflict) -> set[tuple[str, int, str]]:
    """Where each value of a conflict is given, and the value."""
    return {(v.article, v.start, v.value) for v in conflict.values}


def _gathered(conflicts: list[Conflict],
              shares: Callable[[set[tuple[str, int, str]], set[tuple[str, int, str]]], bool]
              ) -> list[Conflict]:
    """Conflicts over one detail whose passages `shares` says overlap enough made one."""
    out: list[Conflict] = []
    for conflict in conflicts:
        into = next((c for c in out if c.about == conflict.about and c.kind == conflict.kind
                     and shares(_passages(c), _passages(conflict))), None)
        if into is None:
            out.append(Conflict(conflict.about, conflict.kind, list(conflict.values)))
        else:
            _add_values(into, conflict)
    return out


def _add_values(into: Conflict, other: Conflict) -> None:
    """Give `into` the values of `other`'s articles it has none of."""
    present = {v.article for v in into.values}
    into.values.extend(v for v in other.values if v.article not in present)


def _asides(passage: Passage | Unit, span: tuple[int, int]) -> list[tuple[int, int]]:
    """The relative clauses inside the part of a passage at `span` (offsets in the
    article; see `align.asides`)."""
    return [(passage.start + a, passage.start + b) for a, b in asides(passage.text, span)]


def _narrowed(passage: Passage, span: tuple[int, int]) -> Passage:
    """The part of a passage at `span` (offsets in its text)."""
    start, end = span
    return Passage(passage.article, passage.text[start:end], passage.start + start,
                   passage.start + end)


def _shown(version: Version, passage: Passage, span: tuple[int, int]) -> Version:
    """A version of the part of `passage` at `span`, shown with who said it (see
    `with_speaker`)."""
    start, end = with_speaker(passage.text, span)
    if (start, end) != span:
        version.shown = (passage.text[start:end], passage.start + start, passage.start + end)
    return version


def _normalised(text: str) -> str:
    """A sentence's words for spotting repeats: lower case, punctuation and spacing aside."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _places_by_context(entities: list[Entity], by_id: dict[str, StoryArticle]
                       ) -> list[Entity]:
    """Organisations the recogniser found that a sentence puts something in ("In Bristol,
    falling trees ...", "recovered in Farrow Cross") made places: the small model tags
    some towns as organisations. Names with an organisation's word in them ("St. Aurelia
    Regional Hospital") stay organisations."""
    for entity in entities:
        words = {w.lower().strip(".,'’") for form in entity.variants for w in form.split()}
        if entity.kind == "ORG" and not words & ORGANISATION_WORDS and any(
                IN_PLACE_BEFORE.search(by_id[m.article].text[max(0, m.start - 16):m.start])
                for m in entity.mentions):
            entity.kind = "PLACE"
    return entities


def _outside_segments(entities: list[Entity], segments: dict[str, list[Segment]]
                      ) -> list[Entity]:
    """Entities with the mentions inside off-topic segments dropped (and entities left with
    no mention dropped)."""
    def inside(article: str, start: int) -> bool:
        return any(s.start <= start < s.end for s in segments.get(article, ()))

    out = []
    for entity in entities:
        kept = [m for m in entity.mentions if not inside(m.article, m.start)]
        if not kept:
            continue
        if len(kept) != len(entity.mentions):
            variants: dict[str, set[str]] = {}
            for m in kept:
                variants.setdefault(m.form, set()).add(m.article)
            entity.mentions = kept
            entity.variants = {form: sorted(ids) for form, ids in variants.items()}
        out.append(entity)
    return out


def _version(passage: Passage, dates: list[EventDate],
             mentions: list[tuple[Any, Entity]], text: str,
             asides: Sequence[tuple[int, int]] = ()) -> Version:
    """One article's version of a claim with its day dates and the places it happened.
    What lies in its `asides` (relative clauses, offsets in the article) is left out."""
    def stated(at: int) -> bool:
        return passage.start <= at < passage.end and not any(a <= at < b for a, b in asides)

    dates = [d for d in dates if not _SPAN_AFTER.match(text, d.end)]
    # The day a speaker spoke is no date of the fact. Beside another date it leaves unclear
    # which is the fact's ("recovered a fifth body late on Wednesday, ..., the coastguard
    # said on Thursday"), and both stay: a version with two days is compared on neither.
    spoken = [d for d in dates if _SAID_ON.search(text[max(0, d.start - 40):d.start])]
    if not any(stated(d.start) for d in dates if d not in spoken):
        dates = [d for d in dates if d not in spoken]
    # A day read against an uncertain date (an article without one) is no figure to set
    # against another outlet's.
    days = [(d.expression, d.earliest) for d in dates
            if stated(d.start) and d.precision == "day" and d.certain]
    # A month is compared only in a version that gives no other date: "in 2003, and ... in
    # February" tells of two events.
    given = [d for d in dates if stated(d.start)]
    months = [(d.expression, d.earliest.replace(day=1)) for d in given
              if len(given) == 1 and d.precision == "month" and _names_month(d.expression)]
    inside = [(m, entity) for m, entity in mentions
              if stated(m.start) and entity.kind == "PLACE"]
    places = [(text[m.start:m.end], entity.name) for m, entity in inside
              if _LOCATIVE.search(text[max(0, m.start - 16):m.start])]
    # A place something lies some way from ("a spa town about 40 kilometres from Quellin")
    # is a landmark, not another name of where the fact happened.
    named = {entity.name for m, entity in inside
             if not _LANDMARK.search(text[max(0, m.start - 40):m.start])}
    version = Version.read(passage.article, passage.text, passage.start, passage.end, days,
                           places, named)
    version.months = months
    if asides:
        version.figures = [f for f in version.figures if stated(passage.start + f.start)]
        version.vague = [q for q in version.vague if stated(passage.start + q.start)]
    return version


def _relays_count(first: Version, partner: Version, version: Version) -> bool:
    """Whether `partner` gives the first reporter's count of a thing `version` counts too."""
    return any(f.counts and f.counts == g.counts and f.same_value(g)
               and any(h.counts == f.counts for h in version.figures)
               for f in first.figures for g in partner.figures)


def _date_of(version: Version) -> date | None:
    """The one day, else the one month, a version gives; None when it gives none or
    several."""
    if len(version.days) == 1:
        return version.days[0][1]
    return version.months[0][1] if len(version.months) == 1 else None


def _names_month(expression: str) -> bool:
    """Whether a date expression names its month ("the end of September"), rather than
    telling it from the article's date ("last month")."""
    return any(word.strip(".").lower() in MONTHS for word in expression.split())


def _title_conflicts(entities: list[Entity], by_id: dict[str, StoryArticle],
                     units: dict[str, list[Unit]]) -> list[Conflict]:
    titled = []
    for entity in entities:
        if entity.kind != "PERSON":
            continue
        for mention in entity.mentions:
            text = by_id[mention.article].text
            name_start = mention.start + title_inside(text[mention.start:mention.end])
            title = title_before(text, name_start) or title_after(text, mention.end)
            if title:
                titled.append((entity.name, mention.article, title, mention.start,
                               mention.end))

    def passage(article: str, start: int, end: int) -> tuple[str, int, int]:
        """The claim unit around a mention, else its line."""
        for unit in units[article]:
            if unit.start <= start < unit.end:
                return unit.text, unit.start, unit.end
        text = by_id[article].text
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        return text[line_start:line_end], line_start, line_end

    return title_conflicts(titled, passage)


def _timeline(claims: list[Claim]) -> list[TimelineEvent]:
    """The dated claims, earliest first.

    A claim's versions usually date it alike ("on Monday", "October 13"); an event takes
    the first reporter's most precise date, else the most precise date of another version,
    the earliest reporter among equals. Versions whose dates cannot be the same day (one
    outlet's "Monday" is the 12th, another's the 13th) are not forced onto one date: each
    date is an event of its own, with the versions that give it.
    """
    rank = {"day": 0, "week": 1, "month": 2, "season": 3, "year": 4}
    events = []
    for index, claim in enumerate(claims):
        def preference(dated: tuple[str, EventDate], claim: Claim = claim) -> tuple:
            article, found = dated
            return (article != claim.first_reporter, rank.get(found.precision, 9),
                    claim.support.index(article))

        clusters: list[list[tuple[str, EventDate]]] = []
        for dated in sorted(claim.dates, key=lambda d: (rank.get(d[1].precision, 9),
                                                        preference(d))):
            found = dated[1]
            cluster = next((c for c in clusters if found.earliest <= c[0][1].latest
                            and c[0][1].earliest <= found.latest), None)
            if cluster is None:
                clusters.append([dated])
            else:
                cluster.append(dated)
        for cluster in clusters:
            teller, best = min(cluster, key=preference)
            expressions: dict[str, str] = {}
            for article, found in sorted(cluster, key=preference):
                expressions.setdefault(article, found.expression)
            # The event is told in the words of the version that dates it: another outlet's
            # sentence may give a day the first reporter's does not.
            told = next((p.text for p in claim.passages if p.article == teller
                         and p.start <= best.start < p.end), claim.text)
            events.append(TimelineEvent(
                date=best.label(), earliest=best.earliest, latest=best.latest,
                precision=best.precision, event=told,
                articles=[a for a in claim.support if a in expressions],
                expressions=expressions, certain=best.certain, claim=index))
    return sorted(events, key=lambda e: (e.earliest, e.latest, e.claim))


