"""Find what was said in an article and who said it.

Direct quotes come from the quotation marks (`marks`): consecutive quoted passages of one
paragraph are one quote when only punctuation or a single attribution ("X," he said, "Y.")
stands between them. A quote is a statement when something attributes it (a reporting verb,
a colon, "according to") or when it stands as a sentence of its own right after another
statement (a continuation); short quoted words inside a sentence with no attribution are
scare quotes or terms ("kamikaze" drones) and are left out.

Reported speech comes from the dependency parse: a reporting or cognition verb ("said that",
"warned", "believes") and the clause it governs, or "according to X" and its sentence.

Speakers are the grammatical subjects of the cue, resolved by `speakers.Cast` to the full name
the article used. spaCy runs once per paragraph that holds a quotation mark or a cue word;
the other paragraphs only feed names to the cast through the entity recogniser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storydesk.nlp import english
from storydesk.quotes.cues import LEMMA_OF, QUOTE_VERBS, REPORT_VERBS, coarse_pos, lemma
from storydesk.quotes.marks import QuotedPassage, paragraphs, quoted_passages
from storydesk.quotes.model import Quote
from storydesk.quotes.speakers import (
    ORGANISATION_NOUNS,
    PRONOUNS,
    TITLES,
    Cast,
    Person,
    clean_name,
)

_CUE_WORD = re.compile(
    r"\b(?:said|says|say|saying|told|tells|tell|added|adds|adding|wrote|writes|asked|"
    r"according|stated|noted|explained|declared|warned|argued|claimed|believes?|thinks?|"
    r"insisted|announced|replied|responded|tweeted|suggested|called|believed|thought)\b",
    re.IGNORECASE)
_TERMINAL = re.compile(r"[.!?…](?:[\"”’'»)]+)?(?=\s|$)")
# Words whose full stop does not end a sentence ("Mr. Kirby", "Rep. Cummings (D-Md.)").
_ABBREVIATIONS = set("""
mr mrs ms dr sen rep gov gen lt col sgt capt adm cmdr st jr sr prof rev fr mt ft no vs etc
jan feb mar apr aug sept sep oct nov dec inc corp co ltd u.s u.k u.n d.c d-md r-ky d r i
""".split())
_QUOTE_MARK = re.compile(r"''|``|[\"“”„«»‘]")
_WORDS = re.compile(r"[a-z]+")
# spaCy components the extractor does without (see `cues`).
UNUSED_COMPONENTS = ["attribute_ruler", "lemmatizer"]
_GAP_JOINABLE = re.compile(r"^[\s,.;:!?…—–-]*$")
# Short quoted words with no attribution are terms or scare quotes.
SCARE_QUOTE_WORDS = 3
# A passage this long that stands as its own sentence is a statement even without a cue.
STANDALONE_WORDS = 5
# Quoted words no longer than this, with the sentence running on after them, are a fragment.
RUN_ON_WORDS = 6
# A quote standing alone continues the last speaker's words this close (characters) to them.
CONTINUATION_CHARS = 600
# An attribution between two parts of one quote is short ("X," he told reporters, "Y.").
ATTRIBUTION_GAP_WORDS = 30
SUBJECTS = {"nsubj", "nsubjpass"}
NAME_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "NORP": "ORG", "GPE": "ORG"}


@dataclass
class _Run:
    """Quoted passages read as one quote, with what attributes it."""

    passages: list[QuotedPassage]
    attribution: tuple[int, int] | None = None      # characters holding the cue

    @property
    def spans(self) -> list[tuple[int, int]]:
        return [span for p in self.passages for span in p.spans]


class Extractor:
    """Quote extraction and attribution over the shared spaCy pipeline."""

    def __init__(self) -> None:
        self.nlp = english()

    def extract(self, text: str) -> list[Quote]:
        """Direct quotes and reported speech of one article's cleaned text, in order."""
        return self.extract_many([text])[0]

    def extract_many(self, texts: Sequence[str], batch_size: int = 32) -> list[list[Quote]]:
        """`extract` for many articles, with spaCy batching their paragraphs."""
        jobs = [(i, start, end) for i, text in enumerate(texts) for start, end in units(text)]
        docs = self.nlp.pipe((texts[i][s:e] for i, s, e in jobs), batch_size=batch_size,
                             disable=UNUSED_COMPONENTS)
        per_article: list[list[tuple[int, object]]] = [[] for _ in texts]
        for (i, start, _), doc in zip(jobs, docs, strict=True):
            per_article[i].append((start, doc))
        return [_Article(text, parsed).quotes() for text, parsed in zip(texts, per_article,
                                                                         strict=True)]


def units(text: str) -> list[tuple[int, int]]:
    """The sentences worth parsing: those with words outside quotation marks that hold a
    quotation mark (an attribution or a partial quote may be there) or a reporting word.
    Sentences wholly inside a quote, and sentences with nothing attributed, are never
    parsed; that is most of an article."""
    inside = [(p.start, p.end) for p in quoted_passages(text)]
    out = []
    for start, end in paragraphs(text):
        for s_start, s_end in sentence_spans(text, start, end):
            outside = _outside(text, s_start, s_end, inside)
            if not _WORDS.search(outside.lower()):
                continue
            if _QUOTE_MARK.search(text, s_start, s_end) or any(
                    w in LEMMA_OF or w == "according" for w in _WORDS.findall(outside.lower())):
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
    for m in _TERMINAL.finditer(text, start, end):
        if ends_sentence(text, m.start()):
            out.append((begin, m.end()))
            begin = m.end()
    if text[begin:end].strip():
        out.append((begin, end))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in out]


def ends_sentence(text: str, stop: int) -> bool:
    """Whether the punctuation at `stop` ends a sentence (not "Mr." or "E.")."""
    if text[stop] != ".":
        return True
    word = re.search(r"[\w.()-]*$", text[max(0, stop - 12):stop]).group()
    word = word.lower().strip("()")
    return not (len(word) == 1 or word in _ABBREVIATIONS or "." in word)


def extract_quotes(text: str) -> list[Quote]:
    """Direct quotes and reported speech of one article (see `Extractor`)."""
    return _shared_extractor().extract(text)


_EXTRACTOR: Extractor | None = None


def _shared_extractor() -> Extractor:
    global _EXTRACTOR
    if _EXTRACTOR is None:
        _EXTRACTOR = Extractor()
    return _EXTRACTOR


class _Article:
    """One article's text with its parsed paragraphs; works out its quotes."""

    def __init__(self, text: str, parsed: Iterable[tuple[int, object]]) -> None:
        self.text = text
        self.tokens = []                    # (absolute start, token) in order
        self.cast = Cast()
        self.doc_start: dict[int, int] = {}
        self.docs = []                      # keeps the docs alive while ids are used
        names: list[tuple[int, str, str, str]] = []     # position, name, kind, description
        parsed_ranges = []
        for start, doc in parsed:
            self.docs.append(doc)
            self.doc_start[id(doc)] = start
            parsed_ranges.append((start, start + len(doc.text)))
            for token in doc:
                self.tokens.append((start + token.idx, token))
            for ent in doc.ents:
                kind = NAME_LABELS.get(ent.label_)
                if kind:
                    # Keep a title just before the name: "Ms." tells who "she" is.
                    before = doc[ent.start - 1].text if ent.start else ""
                    name = f"{before} {ent.text}" if before.strip(".").lower() in TITLES \
                        else ent.text
                    names.append((start + ent.start_char, name, kind, _apposition(ent.root)))
        names += _unparsed_names(text, parsed_ranges)
        for position, name, kind, description in sorted(names):
            self.cast.add(name, kind, position, description)
        self.starts = [at for at, _ in self.tokens]
        self._note_named_speakers()
        self.quoted: list[tuple[int, int]] = []
        self.objects: set[int] = set()      # ids of reported quotes that are verb objects

    def _note_named_speakers(self) -> None:
        """Every reporting verb whose subject is a name marks who speaks from there on, so
        that a later "he said" finds the last person named as speaking."""
        for _, tok in self.tokens:
            if lemma(tok) not in REPORT_VERBS or coarse_pos(tok) != "VERB":
                continue
            subject = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
            if subject is None or subject.lower_ in PRONOUNS:
                continue
            kind = _entity_kind(subject)
            if kind == "PERSON":
                person = self.cast.resolve(clean_name(_name_part(subject)), self.at(subject),
                                           kind)
                if person is not None:
                    self.cast.note_speaker(self.at(tok), person)

    # -- helpers over absolute offsets -------------------------------------------------
    def tokens_in(self, start: int, end: int) -> list:
        import bisect
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [tok for _, tok in self.tokens[lo:hi]]

    def at(self, token) -> int:
        return self.doc_start[id(token.doc)] + token.idx

    def inside_quote(self, position: int) -> bool:
        return any(s <= position < e for s, e in self.quoted)

    # -- the two kinds of quote --------------------------------------------------------
    def quotes(self) -> list[Quote]:
        passages = quoted_passages(self.text)
        self.quoted = [self._with_marks(p) for p in passages]
        found = self._direct(passages)
        reported = self._reported(found)
        # A partial quote inside a reported clause we also found is part of it; one inside
        # a verb's object ("called the plan “a lie”") stands for that object.
        partials = [q for q in found if q.partial]
        clauses = [r for r in reported if id(r) not in self.objects]
        found = [q for q in found if not q.partial or not any(
            r.start <= q.start and q.end <= r.end for r in clauses)]
        reported = [r for r in reported if id(r) not in self.objects or not any(
            r.start <= q.start and q.end <= r.end for q in partials)]
        found += reported
        found.sort(key=lambda q: q.start)
        return found

    def _with_marks(self, passage: QuotedPassage) -> tuple[int, int]:
        """The characters of a passage with its marks and the spaces inside them."""
        start, end = passage.start, passage.end
        while start > 0 and self.text[start - 1] in " \u00a0":
            start -= 1
        while end < len(self.text) and self.text[end] in " \u00a0":
            end += 1
        start = max(0, start - (2 if self.text[max(0, start - 2):start] in ("''", "``")
                                else 1))
        end = min(len(self.text), end + (2 if self.text[end:end + 2] == "''" else 1))
        return start, end

    def _direct(self, passages: list[QuotedPassage]) -> list[Quote]:
        out: list[Quote] = []
        previous: Quote | None = None
        for run in self._runs(passages):
            quote = self._attribute(run, previous)
            if quote is not None:
                out.append(quote)
                previous = quote
        return out

    def _runs(self, passages: list[QuotedPassage]) -> list[_Run]:
        runs: list[_Run] = []
        for passage in passages:
            if runs and self._same_paragraph(runs[-1].passages[-1], passage):
                gap = (runs[-1].passages[-1].end + 1, passage.start - 1)
                gap_text = self.text[gap[0]:gap[1]]
                if _GAP_JOINABLE.match(gap_text):
                    runs[-1].passages.append(passage)
                    continue
                if runs[-1].attribution is None and len(gap_text.split()) \
                        <= ATTRIBUTION_GAP_WORDS and self._cue_in(*gap) is not None \
                        and self._continues(runs[-1], gap_text):
                    runs[-1].attribution = gap
                    runs[-1].passages.append(passage)
                    continue
                if _GAP_JOINABLE.match(gap_text) and runs[-1].attribution is not None:
                    runs[-1].passages.append(passage)
                    continue
            runs.append(_Run([passage]))
        return runs

    def _same_paragraph(self, a: QuotedPassage, b: QuotedPassage) -> bool:
        return "\n" not in self.text[a.end:b.start]

    def _continues(self, run: _Run, gap_text: str) -> bool:
        """Whether the words after an attribution gap continue the same quote."""
        last = self.text[run.passages[-1].start:run.passages[-1].end].rstrip()
        return last.endswith((",", ".", "!", "?", "…", "—", "-", ";")) or \
            gap_text.strip().startswith(",")

    def _cue_in(self, start: int, end: int):
        """The reporting word in text[start:end] outside quotes, if any."""
        tokens = [t for t in self.tokens_in(start, end) if not self.inside_quote(self.at(t))]
        for tok in tokens:
            if lemma(tok) in QUOTE_VERBS and coarse_pos(tok) in ("VERB", "AUX", "NOUN"):
                return tok
            if tok.lower_ == "according" and tok.nbor(1).lower_ == "to" if tok.i + 1 < len(
                    tok.doc) else False:
                return tok
        return None

    def _sentence_bounds(self, position: int, forward: bool) -> int:
        """Where the sentence around `position` ends (forward) or starts, outside quotes."""
        line_start = self.text.rfind("\n", 0, position) + 1
        line_end = self.text.find("\n", position)
        line_end = len(self.text) if line_end < 0 else line_end
        if forward:
            for m in _TERMINAL.finditer(self.text, position, line_end):
                if not self.inside_quote(m.start()) and self._ends_sentence(m.start()):
                    return m.end()
            return line_end
        last = line_start
        for m in _TERMINAL.finditer(self.text, line_start, position):
            if not self.inside_quote(m.start()) and self._ends_sentence(m.start()):
                last = m.end()
        return last

    def _ends_sentence(self, stop: int) -> bool:
        return ends_sentence(self.text, stop)

    def _attribute(self, run: _Run, previous: Quote | None) -> Quote | None:
        first, last = run.passages[0], run.passages[-1]
        content = " ".join(self.text[s:e] for s, e in run.spans)
        words = len(content.split())
        cue = None
        if run.attribution:
            cue = self._cue_in(*run.attribution)
        after = (last.end + 1, self._sentence_bounds(last.end + 1, forward=True))
        before = (self._sentence_bounds(first.start - 1, forward=False), first.start - 1)
        if cue is None:
            cue = self._cue_in(*after)
        if cue is None and content.rstrip().endswith((",", "?", "!", "—", "-")):
            cue = self._verb_after(after)
        if cue is None:
            cue = self._cue_in(*before)
        if cue is None and self._standalone(first, before):
            before = self._previous_paragraph_colon(first.start - 1) or before
        colon = self.text[before[0]:before[1]].rstrip().endswith(":")
        if cue is None and colon:
            cue = self._colon_cue(before)
        standalone = self._standalone(first, before)
        if cue is None:
            if words <= SCARE_QUOTE_WORDS or not standalone or (words < STANDALONE_WORDS and \
                    not content.rstrip().endswith((".", "!", "?"))):
                return None
            return self._quote(run, content, *self._continued_from(first.start, previous),
                               None)
        if (not standalone and not self._introduced(before, cue)) or self._runs_on(run, content):
            return self._partial(run, content)
        mention, person = self._speaker(cue)
        cue_text = ":" if cue.text == ":" else cue.text
        return self._quote(run, content, person.name if person else None, mention, cue_text)

    def _continued_from(self, position: int, previous: Quote | None
                        ) -> tuple[str | None, str | None]:
        """Speaker and mention of a quote standing alone after an attributed one: whoever
        spoke last, in a quote or in reported speech, within a few paragraphs."""
        noted = [(at, p) for at, p in self.cast.speakers if at < position]
        if noted and (previous is None or noted[-1][0] > previous.end) \
                and position - noted[-1][0] <= CONTINUATION_CHARS:
            return noted[-1][1].name, noted[-1][1].name
        if previous is None or position - previous.end > CONTINUATION_CHARS:
            return None, None
        return previous.speaker, previous.speaker_mention

    def _standalone(self, first: QuotedPassage, before: tuple[int, int]) -> bool:
        """Whether the quote opens its sentence (nothing but punctuation before it)."""
        return not re.search(r"\w", self.text[before[0]:before[1]])

    def _runs_on(self, run: _Run, content: str) -> bool:
        """Whether the sentence runs on after the quote ("“good deals” between the two
        countries have seen ..."): the quoted words are then a fragment of it."""
        if len(content.split()) > RUN_ON_WORDS or content.rstrip().endswith(
                (".", ",", "!", "?", "…", ":", ";", "—")):
            return False
        after = self.text[run.passages[-1].end:run.passages[-1].end + 40]
        after = after.lstrip("\"”’'» \u00a0")
        return bool(after) and after[0].islower() and not _CUE_WORD.match(after)

    def _partial(self, run: _Run, content: str) -> Quote | None:
        """Quoted words inside a sentence (called the plan “a lie”): a partial quote,
        reported as reported speech of the verb that governs it, when one does; otherwise
        a term or scare quote, left out."""
        tokens = [t for t in self.tokens_in(run.spans[0][0], run.spans[0][1]) if t.is_alpha]
        if not tokens or self.text[max(0, run.spans[0][0] - 12):run.spans[0][0]].lower() \
                .rstrip(" “\"'‘").endswith(("so-called", "dubbed", "known as")):
            return None
        last = tokens[-1]
        if last.dep_ in ("amod", "compound", "nmod") and last.head.i > last.i:
            return None                 # a quoted modifier: “kamikaze” drones
        node = tokens[0]
        for _ in range(8):
            if node.head is node:
                break
            node = node.head
            if lemma(node) in REPORT_VERBS and coarse_pos(node) == "VERB" \
                    and not self.inside_quote(self.at(node)):
                mention, person = self._speaker(node)
                if mention is None:
                    return None
                return self._quote(run, content, person.name if person else None, mention,
                                   node.text, direct=False, partial=True)
        return None

    def _verb_after(self, after: tuple[int, int]):
        """In '“...,” Hannity pressed.' any verb with a subject right after the quote is
        its attribution."""
        for tok in self.tokens_in(*after):
            if self.inside_quote(self.at(tok)):
                break
            if coarse_pos(tok) == "VERB" and any(c.dep_ in SUBJECTS for c in tok.children):
                return tok
        return None

    def _previous_paragraph_colon(self, position: int) -> tuple[int, int] | None:
        """The last sentence of the previous paragraph when it ends with a colon
        ("The letter continues:" followed by the quote as a paragraph of its own)."""
        line_start = self.text.rfind("\n", 0, position) + 1
        if self.text[line_start:position].strip():
            return None
        end = len(self.text[:line_start].rstrip())
        if end == 0 or self.text[end - 1] != ":":
            return None
        return self._sentence_bounds(end - 1, forward=False), end

    def _introduced(self, before: tuple[int, int], cue) -> bool:
        """Whether a quote in mid-sentence follows its introduction directly: a colon or
        comma ("he said: “...”", "told reporters, “...”") or the reporting verb itself
        ("chanting “...”")."""
        lead = self.text[before[0]:before[1]].rstrip(" \u00a0\"“”„«»‘’'")
        if lead.endswith((":", ",", "—", "–")):
            return True
        if lead.lower().endswith(("so-called", "dubbed", "known as")):
            return False
        tokens = [t for t in self.tokens_in(*before) if not t.is_space]
        return bool(tokens) and tokens[-1] is not None and tokens[-1].i == cue.i \
            and tokens[-1].doc is cue.doc

    def _colon_cue(self, before: tuple[int, int]):
        """For "X said:"-less colons ("Trump on Tuesday:"), the sentence's main verb or
        first name stands in for the cue."""
        tokens = [t for t in self.tokens_in(*before) if not t.is_punct]
        for tok in tokens:
            if tok.dep_ == "ROOT":
                return tok
        return tokens[0] if tokens else None

    def _quote(self, run: _Run, content: str, speaker: str | None, mention: str | None,
               cue: str | None, direct: bool = True, partial: bool = False) -> Quote:
        spans = tuple(run.spans)
        return Quote(text=content, start=spans[0][0], end=spans[-1][1], direct=direct,
                     speaker=speaker, speaker_mention=mention, cue=cue, spans=spans,
                     partial=partial)

    # -- speakers ----------------------------------------------------------------------
    def _speaker(self, cue) -> tuple[str | None, Person | None]:
        """The words naming who speaks through `cue`, and the entity they refer to."""
        subject = _subject_of(cue)
        if subject is None or self.inside_quote(self.at(subject)):
            subject = self._nearest_name(cue)
        if subject is None:
            return None, None
        mention_tokens = _mention(subject)
        start = self.at(mention_tokens[0])
        end = self.at(mention_tokens[-1]) + len(mention_tokens[-1].text)
        mention = self.text[start:end]
        kind = _entity_kind(subject)
        if subject.lower_ in PRONOUNS:
            person = self.cast.resolve(subject.lower_, start)
        elif kind:
            person = self.cast.resolve(clean_name(_name_part(subject)), start, kind)
        else:
            person = self.cast.resolve(mention, start)
            if person is None and _appos_name(subject) is not None:
                appos = _appos_name(subject)
                person = self.cast.resolve(_name_part(appos), start, _entity_kind(appos))
        return mention, person

    def _nearest_name(self, cue):
        """A named entity next to the cue, when the parse found no subject."""
        sent = cue.sent
        best = None
        for ent in sent.ents:
            if ent.label_ in NAME_LABELS and not self.inside_quote(self.at(ent.root)):
                distance = abs(ent.root.i - cue.i)
                if best is None or distance < best[0]:
                    best = (distance, ent.root)
        return best[1] if best else None


    # -- reported speech ---------------------------------------------------------------
    def _reported(self, direct: list[Quote]) -> list[Quote]:
        out: list[Quote] = []
        covered = [span for q in direct if not q.partial for span in q.spans]
        seen: set[tuple[int, int]] = set()
        for _, tok in self.tokens:
            content = None
            if lemma(tok) in REPORT_VERBS and coarse_pos(tok) in ("VERB", "AUX"):
                clause = _clause_of(tok)
                if clause is not None and _bare_infinitive(clause):
                    continue            # "have seen Iran send ...": perception, not speech
                content = _span_of(clause) if clause is not None else _object_of(tok)
                from_object = clause is None
            elif tok.lower_ == "according" and tok.i + 1 < len(tok.doc) \
                    and tok.nbor(1).lower_ == "to":
                content = _rest_of_sentence(tok)
                from_object = False
            if not content:
                continue
            start = self.at(content[0])
            end = self.at(content[-1]) + len(content[-1].text)
            # Nested reported speech ("X said Y believes Z") is kept; the same clause
            # twice, or one a direct quote already holds, is not.
            if self.inside_quote(self.at(tok)) or (start, end) in seen \
                    or _mostly_covered(start, end, covered):
                continue
            text = self.text[start:end].strip(" ,;:—–-\"“”")
            if len(text.split()) < 3:
                continue
            mention, person = self._reported_speaker(tok)
            quote = Quote(text=text, start=start, end=end, direct=False,
                          speaker=person.name if person else None, speaker_mention=mention,
                          cue=tok.text if tok.lower_ != "according" else "according to",
                          spans=((start, end),))
            out.append(quote)
            if from_object:
                self.objects.add(id(quote))
            seen.add((start, end))
        return out

    def _reported_speaker(self, cue) -> tuple[str | None, Person | None]:
        if cue.lower_ == "according":
            obj = next((c for c in cue.nbor(1).children if c.dep_ == "pobj"), None)
            if obj is None:
                return None, None
            tokens = _mention(obj)
            mention = " ".join(t.text for t in tokens)
            kind = _entity_kind(obj)
            person = self.cast.resolve(clean_name(_name_part(obj)), self.at(obj), kind) \
                if kind else self.cast.resolve(mention, self.at(obj))
            return mention, person
        return self._speaker(cue)


# -- parse helpers ---------------------------------------------------------------------
def _subject_of(verb):
    """The subject of `verb`, climbing through participles and conjunctions
    ("..., saying" / "and added")."""
    node = verb
    for _ in range(4):
        for child in node.children:
            if child.dep_ in SUBJECTS:
                return child
        if node.dep_ in ("advcl", "conj", "xcomp", "ccomp", "relcl", "acl") \
                and node.head is not node:
            node = node.head
            continue
        if node.dep_ == "relcl":
            return node.head
        break
    # "..., said Smith": an inverted subject can be parsed as an object or attribute.
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "npadvmod") and coarse_pos(child) == "PROPN":
            return child
    return None


# What a reporting verb reports when it has no clause: "asked her to call him", "called on
# the governor to resign", "denied the claim".
_OBJECT_DEPS = {"dobj", "xcomp", "oprd", "attr"}
_OBJECT_PREPOSITIONS = {"on", "for", "about", "of"}


def _object_of(verb) -> list:
    """The words a reporting verb governs to its right when it has no clause."""
    parts = [c for c in verb.rights if c.dep_ in _OBJECT_DEPS
             or (c.dep_ == "prep" and c.lower_ in _OBJECT_PREPOSITIONS)]
    if not parts:
        return []
    tokens = sorted({t for part in parts for t in part.subtree}, key=lambda t: t.i)
    tokens = tokens[next(i for i, t in enumerate(tokens) if t.i >= parts[0].i):]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    return tokens


def _bare_infinitive(verb) -> bool:
    """A verb in its base form with no auxiliary or "that" ("saw them leave")."""
    return verb.tag_ == "VB" and not any(
        c.dep_ in ("aux", "auxpass", "mark") for c in verb.children)


def _clause_of(verb):
    """The clause a reporting verb governs: its complement, or one hung on a phrase after
    it ("said in a statement that ...")."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            return child
    for child in verb.children:
        if child.dep_ == "prep":
            for obj in child.children:
                for grandchild in obj.children:
                    if grandchild.dep_ in ("acl", "ccomp") and any(
                            t.dep_ == "mark" and t.lower_ == "that" for t in grandchild.children):
                        return grandchild
    return None


def _mention(head) -> list:
    """The tokens of the noun phrase headed by `head`, without clauses or appositions."""
    keep = {"compound", "det", "amod", "poss", "nmod", "flat", "case", "nummod", "quantmod",
            "prep", "pobj", "punct"}
    tokens = [head]
    stack = [c for c in head.children if c.dep_ in keep]
    while stack:
        tok = stack.pop()
        if tok.dep_ == "punct" and tok.text not in (".", "’", "'"):
            continue
        if tok.dep_ == "prep" and tok.i < head.i:
            continue
        tokens.append(tok)
        stack.extend(c for c in tok.children if c.dep_ in keep - {"punct"})
    tokens.sort(key=lambda t: t.i)
    # Keep a contiguous stretch around the head.
    lo = hi = tokens.index(head)
    while lo > 0 and tokens[lo - 1].i == tokens[lo].i - 1:
        lo -= 1
    while hi + 1 < len(tokens) and tokens[hi + 1].i == tokens[hi].i + 1:
        hi += 1
    return tokens[lo:hi + 1]


def _name_part(head) -> str:
    """The proper-name tokens around `head` ("Mr. John Kirby" of "Mr. John Kirby's")."""
    if head.ent_type_:
        ents = [e for e in head.doc.ents if e.start <= head.i < e.end]
        if ents:
            return ents[0].text
    parts = [t for t in head.subtree if t.dep_ in ("compound", "flat") or t is head]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))


def _entity_kind(token) -> str:
    return NAME_LABELS.get(token.ent_type_, "PERSON" if coarse_pos(token) == "PROPN" else "")


def _appos_name(token):
    for child in token.children:
        if child.dep_ == "appos" and coarse_pos(child) == "PROPN":
            return child
    return None


def _apposition(head) -> str:
    """The description attached to a name ("a spokesman for the council")."""
    for child in head.children:
        if child.dep_ == "appos":
            return " ".join(t.text for t in child.subtree)
    if head.dep_ == "appos":
        return head.head.text
    titles = [t.text for t in head.lefts if t.dep_ == "compound" and coarse_pos(t) == "NOUN"]
    return " ".join(titles)


def _span_of(head) -> list:
    tokens = sorted(head.subtree, key=lambda t: t.i)
    while tokens and (tokens[0].is_punct or (tokens[0].lower_ == "that" and tokens[0].dep_
                      == "mark")):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    return tokens


def _rest_of_sentence(according) -> list:
    """The words of the sentence outside the "according to X" phrase."""
    phrase = {t.i for t in according.subtree}
    tokens = [t for t in according.sent if t.i not in phrase]
    while tokens and tokens[0].is_punct:
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    return tokens


_NAME = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov|Gen|Prof)\.?\s+)?"
    r"[A-Z][\w’'-]+(?:\s+(?:of\s+|de\s+|van\s+|von\s+|al-)?[A-Z][\w’'-]+)*")
_NOT_NAME_START = set("the a an in on at for and but or if as it this that these those he she "
                      "they we i his her their its our after before when while since".split())


def _unparsed_names(text: str, parsed: list[tuple[int, int]]) -> list[tuple[int, str, str, str]]:
    """Names in the sentences that were not parsed, found by their capitals: a title and a
    name ("Ms. Halloran") or two capitalised words or more ("Margit Halloran", "Ministry of
    Harbours"). They let a later "she said" find a person introduced there."""
    out = []
    for match in _NAME.finditer(text):
        if any(a <= match.start() < b for a, b in parsed):
            continue
        words = match.group().split()
        while words and words[0].lower() in _NOT_NAME_START:
            words = words[1:]
        titled = bool(words) and words[0].strip(".").lower() in TITLES
        if len(words) < 2 and not titled:
            continue
        name = " ".join(words)
        kind = "ORG" if any(w.lower() in ORGANISATION_NOUNS for w in words) else "PERSON"
        out.append((match.end() - len(name), name, kind, ""))
    return out


def _mostly_covered(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    length = max(end - start, 1)
    inside = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
    return inside / length >= 0.5
