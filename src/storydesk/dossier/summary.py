"""A neutral, offline, extractive cited summary of a story dossier.

Every summary sentence is the text of a claim passage, cleaned only at its edges (a leading
dateline, surrounding whitespace, unbalanced quotation marks at the start or end), so each
sentence is the words of an article that it cites. Nothing is generated or paraphrased.

Selection
    Claims are scored by *relevance*: their independent support (``independent_sources``,
    the main weight) and coverage (how many articles support them), plus a small bonus for
    claims that carry figures, dates or names. Claims are then picked one at a time by
    maximal marginal relevance (MMR)::

        score = LAMBDA * relevance - (1 - LAMBDA) * redundancy

    where redundancy is the highest Jaccard overlap of lower-case content words with a
    sentence already chosen. A claim that overlaps a chosen one by ``DUPLICATE_OVERLAP`` or
    more is never chosen (a near-duplicate adds nothing). Candidates come in tiers, and a
    tier is drawn from only when the tiers before it cannot fill the requested count:

    1. multi-source claims that read as sentences;
    2. single-source claims that read as sentences (marked ``single_source``);
    3. multi-source, then single-source, claims whose text starts with a lower-case letter
       (usually the tail of a reported-speech sentence) - used only when nothing else is left.

    Claims are skipped outright when their cleaned text has fewer than ``MIN_WORDS`` words,
    is a question, or is a direct quote with no attribution outside the quotation marks.

Order
    The chosen sentences are told earliest fact first. Each gets a date: the earliest date of
    the timeline entries that point at its claim (certain entries preferred over uncertain
    ones); a claim the timeline does not date takes the publication date of its first
    reporter's article, the latest the fact can have happened. Sentences are sorted by that
    date, then by the first reporter's publication time, then by the claim's position in its
    first reporter's article (the passage's ``start``; stories put their main facts first),
    then by claim index. Sentences with no date at all come last, in the same order.

Deterministic: every ranking breaks ties by claim index.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["DUPLICATE_OVERLAP", "LAMBDA", "MIN_WORDS", "SummarySentence", "summarise"]

LAMBDA = 0.7
"""MMR trade-off between relevance (1.0) and novelty (0.0)."""

DUPLICATE_OVERLAP = 0.6
"""Content-word Jaccard overlap at or above which two claims count as near-duplicates."""

MIN_WORDS = 6
"""Claims whose cleaned text has fewer words than this are fragments and are skipped."""

_INDEPENDENT_WEIGHT = 0.75
_COVERAGE_WEIGHT = 0.25
_DETAIL_BONUS = 0.1  # at most, shared between figures, dates and names

# "TARNWICK, Vesmark — ", "LONDON (Reuters) - ", "TERVISK (ENS) - ": a city in capitals, an
# optional region, an optional agency in brackets, then a dash and whitespace.
_DATELINE = re.compile(
    r"""^\s*
    [A-Z][A-Z.'’\-]{2,}(?:\s+[A-Z][A-Z.'’\-]+)*        # city, in capitals
    (?:\s*,\s*[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*)*)?  # , Region
    (?:\s*\([^()\n]{1,40}\))?                          # (Agency)
    \s*(?:[-–—]+\s+|[–—]\s*)                           # a dash""",
    re.VERBOSE,
)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_FIGURE = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty"
    r"|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|dozens"
    r"|half)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|Wednesday"
    r"|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|tomorrow)\b|\b(?:1[89]|20)\d\d\b"
)
_NAME = re.compile(r"(?<=\s)[A-Z][a-z]+(?:[\s-][A-Z][a-z]+)*")
_OPENING_QUOTES = "“„«"
_CLOSING_QUOTES = "”»"
_STRAIGHT_QUOTE = '"'
_BEFORE_OPENING = " \t\n([{—–-/"
_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own said same says she should so some such than that the
    their theirs them themselves then there these they this those through to too under until
    up very was we were what when where which while who whom why will with would you your
    yours yourself told""".split()
)


@dataclass(slots=True)
class SummarySentence:
    """One sentence of a story summary, with the sources that support it."""

    sentence: str
    """The words of the first reporter's passage for the claim, trimmed at its edges."""
    cites: list[str]
    """Names of the outlets that support it (article id when no outlet), independent first."""
    articles: list[str]
    """Ids of the supporting articles."""
    claim: int
    """Index of the claim in the dossier's ``claims``."""
    single_source: bool
    """True when only one independent source supports the claim."""

    def to_dict(self) -> dict[str, Any]:
        """The sentence as the export's ``summary`` item."""
        return {
            "sentence": self.sentence,
            "cites": list(self.cites),
            "articles": list(self.articles),
            "claim": self.claim,
            "single_source": self.single_source,
        }


@dataclass(slots=True)
class _Candidate:
    """A claim that may go into the summary."""

    index: int
    text: str
    words: frozenset[str]
    tier: int
    relevance: float
    sort_key: tuple[Any, ...]
    cites: list[str]
    articles: list[str]
    single_source: bool


def summarise(dossier: dict[str, Any], sentences: int = 6) -> list[SummarySentence]:
    """Up to ``sentences`` cited summary sentences for a story dossier (see the module
    docstring for how they are chosen and ordered). A story with no claims gives []."""
    claims = dossier.get("claims") or []
    if sentences <= 0 or not claims:
        return []
    articles = {a["id"]: a for a in dossier.get("articles") or [] if a.get("id")}
    reporters = {n: c.get("first_reporter") for n, c in enumerate(claims)}
    dates = _claim_dates(dossier.get("timeline") or [], reporters)
    max_independent = max((_independent(c) for c in claims), default=1) or 1
    max_coverage = max((len(c.get("support") or []) for c in claims), default=1) or 1
    candidates = [
        candidate
        for index, claim in enumerate(claims)
        if (candidate := _candidate(index, claim, articles, dates, max_independent,
                                    max_coverage)) is not None
    ]
    chosen = _select(candidates, sentences)
    chosen.sort(key=lambda c: c.sort_key)
    return [
        SummarySentence(sentence=c.text, cites=c.cites, articles=c.articles, claim=c.index,
                        single_source=c.single_source)
        for c in chosen
    ]


def _select(candidates: list[_Candidate], wanted: int) -> list[_Candidate]:
    """Pick up to ``wanted`` candidates by MMR, exhausting each tier before the next."""
    chosen: list[_Candidate] = []
    for tier in sorted({c.tier for c in candidates}):
        pool = [c for c in candidates if c.tier == tier]
        while pool and len(chosen) < wanted:
            best: _Candidate | None = None
            best_score = float("-inf")
            for candidate in pool:  # pool is in claim order, so ties go to the lower index
                redundancy = max((_jaccard(candidate.words, c.words) for c in chosen),
                                 default=0.0)
                score = LAMBDA * candidate.relevance - (1 - LAMBDA) * redundancy
                if score > best_score:
                    best, best_score = candidate, score
            assert best is not None
            pool.remove(best)
            chosen.append(best)
            pool = [c for c in pool
                    if all(_jaccard(c.words, s.words) < DUPLICATE_OVERLAP for s in chosen)]
        if len(chosen) >= wanted:
            break
    return chosen


def _candidate(index: int, claim: dict[str, Any], articles: dict[str, dict[str, Any]],
               dates: dict[int, str], max_independent: int,
               max_coverage: int) -> _Candidate | None:
    """The claim as a candidate, or None when its text cannot stand as a summary sentence."""
    support = [a for a in claim.get("support") or [] if a]
    reporter = claim.get("first_reporter") or (support[0] if support else None)
    passage = _reporter_passage(claim, reporter)
    if passage is None:
        return None
    raw = _strip_dateline(str(passage.get("text") or "").strip())
    if _is_unattributed_quote(raw):
        return None
    text = _strip_unbalanced_quotes(raw)
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS or _is_question(text):
        return None
    if reporter is None:
        reporter = passage.get("article")
    if not support and reporter:
        support = [reporter]
    independent = _independent(claim)
    single = bool(claim.get("single_source", independent <= 1))
    lower_start = _starts_lower(text)
    tier = (2 if lower_start else 0) + (1 if single else 0)
    coverage = len(support) / max_coverage
    relevance = (_INDEPENDENT_WEIGHT * independent / max_independent
                 + _COVERAGE_WEIGHT * coverage + _detail_bonus(text, index in dates))
    published = _published(articles.get(reporter or ""))
    date = dates.get(index) or published[:10]
    sort_key = (date == "", date, published, _position(passage), index)
    return _Candidate(
        index=index, text=text, words=_content_words(text), tier=tier, relevance=relevance,
        sort_key=sort_key, cites=_cites(support, reporter, articles), articles=support,
        single_source=single,
    )


def _reporter_passage(claim: dict[str, Any], reporter: str | None) -> dict[str, Any] | None:
    """The first reporter's passage for the claim (its first passage when the reporter has
    none; the claim text itself when there are no passages)."""
    passages = [p for p in claim.get("passages") or [] if str(p.get("text") or "").strip()]
    for passage in passages:
        if passage.get("article") == reporter:
            return passage
    if passages:
        return passages[0]
    if str(claim.get("text") or "").strip():
        return {"article": reporter, "text": claim["text"], "start": None}
    return None


def _claim_dates(timeline: Iterable[dict[str, Any]],
                 reporters: dict[int, str | None] | None = None) -> dict[int, str]:
    """Claim index -> the earliest date the timeline gives it (ISO ``YYYY-MM-DD``), using
    certain entries when the claim has any, else its uncertain ones; a date its first
    reporter (in `reporters`) gives comes before those only other outlets give."""
    reporters = reporters or {}
    found: dict[int, tuple[bool, bool, str]] = {}
    for entry in timeline:
        claim = entry.get("claim")
        date = str(entry.get("earliest") or entry.get("date") or "")[:10]
        if not isinstance(claim, int) or isinstance(claim, bool) or not date:
            continue
        reporter = reporters.get(claim)
        rank = (not entry.get("certain", True),
                bool(reporter) and reporter not in (entry.get("articles") or []), date)
        if claim not in found or rank < found[claim]:
            found[claim] = rank
    return {claim: date for claim, (_, _, date) in found.items()}


def _cites(support: list[str], reporter: str | None,
           articles: dict[str, dict[str, Any]]) -> list[str]:
    """Outlet names of the supporting articles: independent articles (not copies) first, the
    first reporter leading its group, then by publication; each name once."""
    def key(item: tuple[int, str]) -> tuple[bool, bool, str, int]:
        position, article_id = item
        article = articles.get(article_id) or {}
        return (bool(article.get("copy_of")), article_id != reporter, _published(article),
                position)

    names: list[str] = []
    for _, article_id in sorted(enumerate(support), key=key):
        name = str((articles.get(article_id) or {}).get("outlet") or "").strip() or article_id
        if name not in names:
            names.append(name)
    return names


def _strip_dateline(text: str) -> str:
    """The text without a leading dateline ("TARNWICK, Vesmark — ")."""
    match = _DATELINE.match(text)
    if match and match.end() < len(text):
        return text[match.end():].lstrip()
    return text


def _quote_marks(text: str) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Matched (opening, closing) quotation-mark positions, unmatched opening marks and
    unmatched closing marks.

    Curly marks say which way they face; a straight mark opens when it follows whitespace,
    an opening bracket or dash (or starts the text) and is followed by a non-space."""
    pairs: list[tuple[int, int]] = []
    unmatched_closing: list[int] = []
    stack: list[int] = []
    for position, char in enumerate(text):
        if char == _STRAIGHT_QUOTE:
            before = text[position - 1] if position else " "
            after = text[position + 1] if position + 1 < len(text) else " "
            opening = before in _BEFORE_OPENING and not after.isspace()
        elif char in _OPENING_QUOTES:
            opening = True
        elif char in _CLOSING_QUOTES:
            opening = False
        else:
            continue
        if opening:
            stack.append(position)
        elif stack:
            pairs.append((stack.pop(), position))
        else:
            unmatched_closing.append(position)
    return pairs, stack, unmatched_closing


def _strip_unbalanced_quotes(text: str) -> str:
    """The text without unmatched quotation marks at its start or end (marks inside the text
    are kept: removing them would no longer quote the passage)."""
    text = text.strip()
    while text:
        _, opening, closing = _quote_marks(text)
        if 0 in opening or 0 in closing:
            text = text[1:].strip()
        elif len(text) - 1 in opening or len(text) - 1 in closing:
            text = text[:-1].strip()
        else:
            break
    return text


def _is_unattributed_quote(text: str) -> bool:
    """True when the text is a direct quote with no words outside the quotation marks (an
    unmatched opening mark quotes to the end, an unmatched closing one from the start)."""
    pairs, opening, closing = _quote_marks(text)
    spans = pairs + [(p, len(text) - 1) for p in opening] + [(0, p) for p in closing]
    if not spans:
        return False
    quoted = [False] * len(text)
    for start, end in spans:
        quoted[start:end + 1] = [True] * (end + 1 - start)
    outside = "".join(" " if flag else char for char, flag in zip(text, quoted, strict=True))
    return not _WORD.search(outside)


def _is_question(text: str) -> bool:
    """True when the text ends with a question mark (closing quotes and brackets aside)."""
    return text.rstrip(" \"'”’»)]").endswith("?")


def _starts_lower(text: str) -> bool:
    """True when the first letter of the text is lower-case."""
    for char in text:
        if char.isalpha():
            return char.islower()
    return False


def _content_words(text: str) -> frozenset[str]:
    """The lower-case content words of the text (stopwords left out)."""
    return frozenset(w for w in (m.lower() for m in _WORD.findall(text))
                     if w not in _STOPWORDS)


def _jaccard(first: frozenset[str], second: frozenset[str]) -> float:
    """Jaccard overlap of two word sets (0.0 when both are empty)."""
    union = first | second
    return len(first & second) / len(union) if union else 0.0


def _detail_bonus(text: str, dated: bool) -> float:
    """A small bonus for figures, dates and names (each a third of ``_DETAIL_BONUS``)."""
    details = (bool(_FIGURE.search(text)), dated or bool(_DATE.search(text)),
               bool(_NAME.search(text)))
    return _DETAIL_BONUS * sum(details) / len(details)


def _independent(claim: dict[str, Any]) -> int:
    """The claim's count of independent sources (at least 1)."""
    value = claim.get("independent_sources")
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return 1


def _published(article: dict[str, Any] | None) -> str:
    """The article's publication time as given (ISO text), or "" when unknown."""
    return str((article or {}).get("published") or "")


def _position(passage: dict[str, Any]) -> int:
    """The passage's start offset in its article (0 when unknown)."""
    start = passage.get("start")
    return start if isinstance(start, int) and not isinstance(start, bool) else 0
