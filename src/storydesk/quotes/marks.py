"""Quotation marks: find the quoted passages of a text, before any parsing.

News text mixes every convention: typographic “…” and ‘…’, straight "…", doubled
apostrophes ''…'' (wire copy), guillemets «…», and German „…“. Apostrophes look like
closing single quotes (the ministry’s, ’90s, Jones’), and a quote that runs over several
paragraphs is left open at the end of each one and reopened at the start of the next.
This module pairs the marks paragraph by paragraph and links such continuations, so that
the extractor sees each quoted passage as one or more character spans. It also tells where
a sentence ends (`ends_sentence`: not after "Mr." or "U.S."), for the quote extractor and
for the other readers of article text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Punctuation that may end a sentence, with closing marks after it.
TERMINAL = re.compile(r"[.!?…](?:[\"”’'»)]+)?(?=\s|$)")
# Words whose full stop does not end a sentence ("Mr. Kirby", "Rep. Cummings (D-Md.)").
_ABBREVIATIONS = set("""
mr mrs ms dr sen rep gov gen lt col sgt capt adm cmdr st jr sr prof rev fr mt ft no vs etc
jan feb mar apr aug sept sep oct nov dec inc corp co ltd u.s u.k u.n d.c d-md r-ky d r i
""".split())

# A paragraph is a run of text between line breaks.
_PARAGRAPH = re.compile(r"[^\n]+")
# Every mark that may open or close a quotation; '' (two apostrophes) and `` are wire
# copy's stand-ins for double quotes.
_MARK = re.compile(r"''|``|[\"“”„«»‘’]")
_OPENERS = {"“", "„", "«", "``"}
_CLOSERS = {"”", "»"}
_AMBIGUOUS = {'"', "''"}
_SINGLE_OPEN, _SINGLE_CLOSE = "‘", "’"
# What may stand right before an opening mark and right after a closing one.
_BEFORE_OPEN = set(" \t\n([{—–-:;,/\u00a0") | {""}
_AFTER_CLOSE = set(" \t)]}—–-:;,.!?/\u00a0…") | {""}


@dataclass(frozen=True)
class QuotedPassage:
    """Quoted words: one span per paragraph it covers (content only, marks excluded)."""

    spans: tuple[tuple[int, int], ...]
    closed: bool

    @property
    def start(self) -> int:
        """Where the first span begins."""
        return self.spans[0][0]

    @property
    def end(self) -> int:
        """Where the last span ends."""
        return self.spans[-1][1]


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty line of `text`."""
    for match in _PARAGRAPH.finditer(text):
        if match.group().strip():
            yield match.start(), match.end()


def _char(text: str, i: int) -> str:
    return text[i] if 0 <= i < len(text) else ""


def _opens(text: str, start: int, end: int) -> bool:
    """Whether a mark at text[start:end] is placed like an opening mark."""
    return _char(text, start - 1) in _BEFORE_OPEN and not _char(text, end).isspace() \
        and _char(text, end) != ""


def _closes(text: str, start: int, end: int) -> bool:
    """Whether a mark at text[start:end] is placed like a closing mark."""
    return not _char(text, start - 1).isspace() and (
        _char(text, end) in _AFTER_CLOSE or _char(text, end) in "\"”’'")


def _pair_marks(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int | None]:
    """Quoted spans inside one paragraph, and where a quote left open begins (or None).

    Double marks are paired first; single ‘…’ count only outside any double quote (inside
    one they are a quote within the quote and stay part of its content).
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None        # content start of the open double quote
    open_mark = ""
    single_at: int | None = None
    for match in _MARK.finditer(text, start, end):
        mark, m_start, m_end = match.group(), match.start(), match.end()
        if open_at is None and single_at is None:
            if mark in _OPENERS or (mark in _AMBIGUOUS and _opens(text, m_start, m_end)):
                open_at, open_mark = m_end, mark
            elif mark == _SINGLE_OPEN and _opens(text, m_start, m_end):
                single_at = m_end
            continue
        if open_at is not None:
            if mark in _CLOSERS or mark in _AMBIGUOUS or (mark == "“" and open_mark == "„"):
                # An ambiguous mark placed like an opener right after a closed passage
                # would be a new quote; inside an open one it closes it.
                spans.append((open_at, m_start))
                open_at = None
            elif mark == "“" and _opens(text, m_start, m_end) and m_start > open_at:
                # A new opening mark while one is open: the earlier one was never closed.
                spans.append((open_at, m_start))
                open_at, open_mark = m_end, mark
            continue
        # Inside a single-quoted passage double marks are a quote within the quote; a
        # ’ closes it unless it is an apostrophe ("don’t", "the days’ notice").
        if mark == _SINGLE_CLOSE and _closes(text, m_start, m_end) \
                and not _char(text, m_end).isalpha() and not _plural_possessive(text, m_start):
            spans.append((single_at, m_start))
            single_at = None
    return [s for s in spans if text[s[0]:s[1]].strip()], open_at


def _plural_possessive(text: str, at: int) -> bool:
    """Whether the ’ at `at` ends a plural possessive ("nine days’ notice")."""
    return _char(text, at - 1) == "s" and _char(text, at + 1) == " " \
        and _char(text, at + 2).islower()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def quoted_passages(text: str) -> list[QuotedPassage]:
    """Every quoted passage of `text`, in order, with multi-paragraph quotes linked.

    A paragraph that leaves a quote open continues it into the next paragraph when that
    one starts with an opening mark (the newsroom convention); otherwise the open quote
    ends with its paragraph and is marked as not closed.
    """
    passages: list[QuotedPassage] = []
    carried: list[tuple[int, int]] = []      # spans of a quote still open
    for p_start, p_end in paragraphs(text):
        body_start = p_start + len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip())
        starts_quoted = _MARK.match(text, body_start) is not None
        spans, open_at = _pair_marks(text, p_start, p_end)
        if carried:
            if starts_quoted and spans and spans[0][0] <= body_start + 2:
                passages.append(QuotedPassage((*carried, _trim(text, *spans[0])), True))
                spans = spans[1:]
            elif starts_quoted and not spans and open_at is not None:
                carried.append(_trim(text, open_at, p_end))
                continue
            else:
                passages.append(QuotedPassage(tuple(carried), False))
            carried = []
        passages.extend(QuotedPassage((_trim(text, *s),), True) for s in spans)
        if open_at is not None:
            carried = [_trim(text, open_at, p_end)]
    if carried:
        passages.append(QuotedPassage(tuple(carried), False))
    return passages


def ends_sentence(text: str, stop: int) -> bool:
    """Whether the punctuation at `stop` ends a sentence (not "Mr." or "E.")."""
    if text[stop] != ".":
        return True
    word = re.search(r"[\w.()-]*$", text[max(0, stop - 12):stop]).group()
    word = word.lower().strip("()")
    return not (len(word) == 1 or word in _ABBREVIATIONS or "." in word)
