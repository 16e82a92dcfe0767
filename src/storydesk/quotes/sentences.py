"""Sentences and names found from the text alone, before any parsing.

`units` picks the sentences the extractor parses; `names_by_capitals` finds the names in the
rest, so that a pronoun can still reach a person introduced in a sentence nobody parsed.
"""

from __future__ import annotations

import re

from storydesk.quotes.cues import LEMMA_OF, QUOTE_VERBS
from storydesk.quotes.marks import TERMINAL, ends_sentence, paragraphs, quoted_passages
from storydesk.quotes.speakers import ORGANISATION_NOUNS, TITLES

_QUOTE_MARK = re.compile(r"''|``|[\"“”„«»‘]")
_WORDS = re.compile(r"[a-z]+")
_SPEECH_FORMS = {form for form, lemma in LEMMA_OF.items() if lemma in QUOTE_VERBS}


def units(text: str, beliefs: bool = False) -> list[tuple[int, int]]:
    """The sentences worth parsing: those with words outside quotation marks that hold a
    quotation mark (an attribution or a partial quote may be there) or a word of speech
    ("said", "according to"); with `beliefs`, also a word of belief or finding ("thinks",
    "found"). Sentences wholly inside a quote, and sentences with nothing attributed, are
    never parsed."""
    cues = LEMMA_OF if beliefs else _SPEECH_FORMS
    inside = [(p.start, p.end) for p in quoted_passages(text)]
    out = []
    for start, end in paragraphs(text):
        for s_start, s_end in sentence_spans(text, start, end):
            outside = _outside(text, s_start, s_end, inside)
            if not _WORDS.search(outside.lower()):
                continue
            if _QUOTE_MARK.search(text, s_start, s_end) or any(
                    w in cues or w == "according"
                    for w in _WORDS.findall(outside.lower())):
                out.append((s_start, s_end))
    return out


def _outside(text: str, start: int, end: int, inside: list[tuple[int, int]]) -> str:
    """The characters of text[start:end] that are not quoted words."""
    chars = list(text[start:end])
    for a, b in inside:
        for i in range(max(a, start), min(b, end)):
            chars[i - start] = " "
    return "".join(chars)


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of text[start:end] by their closing punctuation (not "Mr." or "U.S.")."""
    out, begin = [], start
    for m in TERMINAL.finditer(text, start, end):
        if ends_sentence(text, m.start()):
            out.append((begin, m.end()))
            begin = m.end()
    if text[begin:end].strip():
        out.append((begin, end))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in out]


_NAME = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov|Gen|Prof)\.?\s+)?"
    r"[A-ZÀ-ÖØ-Þ][\w’'-]+(?:\s+(?:(?:of|for)\s+(?:the\s+)?|de\s+|van\s+|von\s+|al-)?"
    r"[A-ZÀ-ÖØ-Þ][\w’'-]+)*")
# ", a spokesman for the port authority," right after a name.
_DESCRIPTION = re.compile(r",\s+(?:a|an|the)\s+([^,.;:“”\"]{3,80}?)\s*[,.;]")
_NOT_NAME_START = set("the a an in on at for and but or if as it this that these those he she "
                      "they we i his her their its our after before when while since".split())


def names_by_capitals(text: str) -> list[tuple[int, str, str, str]]:
    """Names found by their capitals: a title and a name ("Ms. Halloran") or two capitalised
    words or more ("Margit Halloran", "Ministry of Harbours"), with the description set
    beside them ("Tomas Verel, a spokesman for the port authority,"). They give the article's
    cast without running the entity recogniser, so that a later "she said" or "the spokesman
    said" finds the person introduced."""
    out = []
    for match in _NAME.finditer(text):
        words = match.group().split()
        while words and words[0].lower() in _NOT_NAME_START:
            words = words[1:]
        titled = bool(words) and words[0].strip(".").lower() in TITLES
        if len(words) < 2 and not titled:
            continue
        name = " ".join(words)
        kind = "ORG" if any(w.lower() in ORGANISATION_NOUNS for w in words) else "PERSON"
        described = _DESCRIPTION.match(text, match.end())
        out.append((match.end() - len(name), name, kind,
                    described.group(1) if described else ""))
    return out
