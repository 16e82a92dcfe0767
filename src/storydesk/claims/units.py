"""Claim units: the sentences and clauses of an article that state something checkable.

An article's paragraphs are cut into sentences, and a sentence that reports two things
("Zelensky said this was a lie and that Ukraine was shooting down about 10 drones a day") into
its clauses. A unit is kept as a claim when it is a statement (not a question, not a heading)
that carries something a reader could check: a name, a figure, a vague quantity or a date.

Parts of an article about other events are set apart first: a digest of "Other developments",
a "READ MORE" teaser, a box of "Other Topics of Interest". They are returned as off-topic
segments, visible as such, and never yield claims.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storydesk.claims.numbers import figures, vague_quantities
from storydesk.quotes.marks import paragraphs
from storydesk.quotes.sentences import sentence_spans

# A line that opens a block about other articles or events.
OFF_TOPIC_MARKER = re.compile(
    r"^\W*(?:other\s+(?:developments|news|stories|topics(?:\s+of\s+interest)?|headlines)"
    r"|in\s+other\s+news|read\s+(?:more|also|next)|also\s+read|related(?:\s+\w+)?"
    r"|more\s+on\s+this\s+(?:story|topic)|see\s+also|recommended(?:\s+\w+)?|most\s+read"
    r"|you\s+may\s+also\s+like|what\s+else\s+(?:is\s+)?happening|top\s+stories"
    r"|latest\s+(?:news|stories)|elsewhere|more\s+(?:stories|news))\b[^.!?]{0,40}[:.]?\s*$",
    re.IGNORECASE)
# A marker with the other article's headline on the same line: "READ MORE: Port festival
# cancelled for second year", "Other news: Coastguard rescues two kayakers".
INLINE_TEASER = re.compile(
    r"^\W*(?:read\s+(?:more|also|next)|also\s+read|related|see\s+also|more\s+on\s+this"
    r"|(?:in\s+)?other\s+(?:news|stories|headlines)|more\s+news)"
    r"\s*[:—–|-]\s*(?P<headline>[^\n]{3,160})$", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*(?:[-–—•*·▪]|\d{1,2}[.)])\s+")
_TERMINAL = re.compile(r"[.!?…][\"”’'»)]*\s*$")
# Where a sentence holds a second reported fact: "..., adding that ...", "... and that ...".
_CLAUSE_BREAK = re.compile(
    r"(?:,\s+(?:adding|saying|noting|warning|suggesting|and\s+added)\s+that\s+"
    r"|,?\s+and\s+that\s+|;\s+)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w’'-]*|\d[\d,.]*")
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w’'-]+")
MIN_WORDS = 5
MIN_CLAUSE_WORDS = 4


@dataclass(slots=True)
class Unit:
    """One claim unit: a sentence or clause of an article (offsets end-exclusive)."""

    start: int
    end: int
    text: str
    paragraph: int
    checkable: bool  # carries a name, figure, quantity or date


@dataclass(slots=True)
class Segment:
    """A part of an article about something else, and why it was set apart."""

    start: int
    end: int
    text: str
    reason: str


def _paragraph_spans(text: str, blocks: Sequence[dict] | None,
                     kinds: tuple[str, ...] = ("paragraph",)) -> list[tuple[int, int]]:
    """Paragraph spans: the article's paragraph blocks when known, else its blank-line
    or line breaks. Titles and headings are not paragraphs (unless `kinds` says so)."""
    if blocks:
        spans = [(b["start"], b["end"]) for b in blocks if b.get("kind") in kinds]
        if spans:
            return spans
    return [(a, b) for a, b in paragraphs(text)]


def _is_title_like(line: str) -> bool:
    """A headline or teaser: no closing punctuation, several words, mostly capitalised."""
    words = line.split()
    if len(words) < 3 or _TERMINAL.search(line):
        return False
    capitals = sum(w[0].isupper() for w in words if w[0].isalpha())
    return capitals >= 0.5 * len(words)


def _names(text: str) -> set[str]:
    return {m.group().lower().rstrip("’'s") for m in _CAPITALISED.finditer(text)}


def _marker(line: str) -> bool:
    """Whether a paragraph marks other articles: "Other developments:", or "READ MORE:"
    with a headline after it (a headline, not a sentence of the story: no full stop)."""
    line = line.strip()
    if OFF_TOPIC_MARKER.match(line):
        return True
    teaser = INLINE_TEASER.match(line)
    return bool(teaser) and not _TERMINAL.search(teaser.group("headline"))


def off_topic_segments(text: str, blocks: Sequence[dict] | None = None) -> list[Segment]:
    """Parts of an article about other events: what follows a marker such as "Other
    developments:" or "READ MORE" (list items, teaser headlines, and paragraphs that name at
    most one thing the rest of the article names), and teaser headlines right before a
    marker."""
    # A "READ MORE: ..." line has no full stop, so the cleaner may have taken it for a
    # heading: headings are read here too.
    spans = _paragraph_spans(text, blocks, ("paragraph", "heading"))
    lines = [text[a:b] for a, b in spans]
    markers = [i for i, line in enumerate(lines) if _marker(line)]
    if not markers:
        return []
    off: dict[int, str] = {}
    for i in markers:
        off[i] = "marker of other articles" if OFF_TOPIC_MARKER.match(lines[i].strip()) \
            else "teaser for another article"
        if i > 0 and _is_title_like(lines[i - 1]):
            off[i - 1] = "teaser headline"
    core = " ".join(line for j, line in enumerate(lines) if j not in off and j < markers[0])
    core_names = _names(core)
    for i in markers:
        if not OFF_TOPIC_MARKER.match(lines[i].strip()):
            continue                # "READ MORE: <headline>" holds its teaser; the story goes on
        for j in range(i + 1, len(lines)):
            line = lines[j]
            if _LIST_ITEM.match(line):
                off[j] = "item of a digest of other events"
            elif _is_title_like(line):
                off[j] = "teaser headline"
            elif _marker(line):
                break
            elif len(_names(line) & core_names) <= 1 and j == max(off) + 1:
                # One shared name is often the country or the capital ("Halvorn").
                off[j] = "teaser for another article (names little the article names)"
            else:
                break
    return [Segment(spans[j][0], spans[j][1], lines[j], reason) for j, reason in
            sorted(off.items())]


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence's clauses where it joins two reported facts; the sentence itself when a
    part would be too short to stand alone."""
    cuts = [start]
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        left = text[cuts[-1]:match.start()]
        right = text[match.end():end]
        if (len(_WORD.findall(left)) >= MIN_CLAUSE_WORDS
                and len(_WORD.findall(right)) >= MIN_CLAUSE_WORDS):
            cuts.extend([match.start(), match.end()])
    cuts.append(end)
    return [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]


def checkable(text: str) -> bool:
    """Whether a unit carries something to check: a figure, a vague quantity, a date or a
    name beyond its first word."""
    if figures(text) or vague_quantities(text):
        return True
    if re.search(r"\d", text):
        return True
    return bool(_CAPITALISED.search(text))


def claim_units(text: str, blocks: Sequence[dict] | None = None,
                skip: Sequence[Segment] = ()) -> list[Unit]:
    """The claim units of an article, in order, outside the `skip` segments.

    Questions, headings, lines without a full stop and sentences of fewer than
    ``MIN_WORDS`` words are left out; `checkable` tells statements of fact from lines
    with nothing a reader could verify.
    """
    skipped = [(s.start, s.end) for s in skip]
    out: list[Unit] = []
    for number, (p_start, p_end) in enumerate(_paragraph_spans(text, blocks)):
        if any(a <= p_start < b for a, b in skipped):
            continue
        paragraph = text[p_start:p_end]
        if not _TERMINAL.search(paragraph.rstrip()) and _is_title_like(paragraph):
            continue
        for s_start, s_end in sentence_spans(text, p_start, p_end):
            sentence = text[s_start:s_end].rstrip()
            if sentence.endswith("?") or len(_WORD.findall(sentence)) < MIN_WORDS:
                continue
            if not _TERMINAL.search(sentence) and _is_title_like(sentence):
                continue
            for c_start, c_end in _clauses(text, s_start, s_start + len(sentence)):
                clause = text[c_start:c_end]
                out.append(Unit(c_start, c_end, clause, number, checkable(clause)))
    return out
