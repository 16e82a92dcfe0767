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
the article used. spaCy's tagger and parser run only on the sentences that attribute something
(`sentences.units`); names for the cast come from the parse and, everywhere, from their
capitals (`sentences.names_by_capitals`). The entity recogniser is not run: it cost as much as
the parser and, measured on PolNeAR, did not make speakers more accurate.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from storydesk.nlp import english
from storydesk.quotes.cues import QUOTE_VERBS, REPORT_VERBS, coarse_pos, lemma
from storydesk.quotes.marks import TERMINAL, QuotedPassage, ends_sentence, quoted_passages
from storydesk.quotes.model import Quote
from storydesk.quotes.parse import (
    CALENDAR,
    NOT_SPEAKERS,
    RELATIVES,
    SUBJECTS,
    appos_name,
    bare_infinitive,
    clause_of,
    entity_kind,
    name_part,
    noun_phrase,
    object_of,
    rest_of_sentence,
    span_of,
    subject_of,
)
from storydesk.quotes.sentences import names_by_capitals, units
from storydesk.quotes.speakers import (
    PRONOUNS,
    Cast,
    Person,
    clean_name,
    name_words,
)

_CUE_WORD = re.compile(
    r"\b(?:said|says|say|saying|told|tells|tell|added|adds|adding|wrote|writes|asked|"
    r"according|stated|noted|explained|declared|warned|argued|claimed|believes?|thinks?|"
    r"insisted|announced|replied|responded|tweeted|suggested|called|believed|thought)\b",
    re.IGNORECASE)
# A quote signed after a dash: “…” ― Martha Aguilar
_SIGNATURE = re.compile(
    r"[\"”’'»]*[ \t]*[―—–-]{1,2}[ \t]*((?:[A-Z][\w.’'-]*[ \t]?){1,4})(?=[ \t]*(?:[,/\n]|$))")
# spaCy components the extractor does without (see `cues`).
UNUSED_COMPONENTS = ["attribute_ruler", "lemmatizer", "ner"]
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


@dataclass
class _Run:
    """Quoted passages read as one quote, with what attributes it."""

    passages: list[QuotedPassage]
    attribution: tuple[int, int] | None = None      # characters holding the cue

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Character spans of all the passages, in order."""
        return [span for p in self.passages for span in p.spans]


class Extractor:
    """Quote extraction and attribution over the shared spaCy pipeline."""

    def __init__(self, beliefs: bool = False) -> None:
        """`beliefs`: also parse sentences whose only cue is a verb of belief or finding
        ("thinks", "found"); on PolNeAR that finds 4% more attributions and is 25% slower."""
        self.nlp = english()
        self.beliefs = beliefs

    def extract(self, text: str) -> list[Quote]:
        """Direct quotes and reported speech of one article's cleaned text, in order."""
        return self.extract_many([text])[0]

    def extract_many(self, texts: Sequence[str], batch_size: int = 32) -> list[list[Quote]]:
        """`extract` for many articles, with spaCy batching their paragraphs."""
        jobs = [(i, start, end) for i, text in enumerate(texts)
                for start, end in units(text, self.beliefs)]
        docs = self.nlp.pipe((texts[i][s:e] for i, s, e in jobs), batch_size=batch_size,
                             disable=UNUSED_COMPONENTS)
        per_article: list[list[tuple[int, object]]] = [[] for _ in texts]
        for (i, start, _), doc in zip(jobs, docs, strict=True):
            per_article[i].append((start, doc))
        return [_Article(text, parsed).quotes() for text, parsed in zip(texts, per_article,
                                                                         strict=True)]


def extract_quotes(text: str) -> list[Quote]:
    """Direct quotes and reported speech of one article (see `Extractor`)."""
    return shared_extractor().extract(text)


@cache
def shared_extractor() -> Extractor:
    """The default extractor, made once per process."""
    return Extractor()


class _Article:
    """One article's text with its parsed paragraphs; works out its quotes."""

    def __init__(self, text: str, parsed: Iterable[tuple[int, object]]) -> None:
        self.text = text
        self.tokens = []                    # (absolute start, token) in order
        self.cast = Cast()
        self.doc_start: dict[int, int] = {}
        self.docs = []                      # keeps the docs alive while ids are used
        for start, doc in parsed:
            self.docs.append(doc)
            self.doc_start[id(doc)] = start
            for token in doc:
                self.tokens.append((start + token.idx, token))
        self.starts = [at for at, _ in self.tokens]
        self.quoted: list[tuple[int, int]] = []      # quoted passages, in order
        self.quoted_starts: list[int] = []

    def _note_named_speakers(self) -> None:
        """Every reporting verb whose subject is a name marks who speaks from there on, so
        that a later "he said" finds the last person named as speaking."""
        for _, tok in self.tokens:
            if tok.dep_ == "appos":
                self._describe(tok.head, tok)
            if lemma(tok) not in REPORT_VERBS or coarse_pos(tok) != "VERB" \
                    or self.inside_quote(self.at(tok)):
                continue                # words inside a quote are not the article's speakers
            subject = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
            if subject is None or subject.lower_ in PRONOUNS:
                continue
            kind = entity_kind(subject)
            if kind == "PERSON":
                person = self.cast.resolve(clean_name(name_part(subject)), self.at(subject),
                                           kind)
                if person is not None:
                    self.cast.describe(person, self._mention(subject)[0])
                    self.cast.note_speaker(self.at(tok), person)

    def _describe(self, head, appos) -> None:
        """Remember "a spokesman for the port" of "Tomas Verel, a spokesman for the port",
        so that a later "the spokesman" finds him."""
        name, description = (head, appos) if coarse_pos(head) == "PROPN" else (appos, head)
        if coarse_pos(name) != "PROPN" or coarse_pos(description) == "PROPN":
            return
        kind = entity_kind(name) or "PERSON"
        person = self.cast.resolve(clean_name(name_part(name)), self.at(name), kind)
        if person is not None:
            person.descriptions.update(
                w for w in name_words(" ".join(t.text for t in description.subtree)))

    # -- helpers over absolute offsets -------------------------------------------------
    def tokens_in(self, start: int, end: int) -> list:
        """Parsed tokens starting within text[start:end]."""
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [tok for _, tok in self.tokens[lo:hi]]

    def at(self, token) -> int:
        """Where `token` starts in the article text."""
        return self.doc_start[id(token.doc)] + token.idx

    def inside_quote(self, position: int) -> bool:
        """Whether `position` lies inside a quoted passage (marks included)."""
        i = bisect.bisect_right(self.quoted_starts, position) - 1
        return i >= 0 and position < self.quoted[i][1]

    # -- the two kinds of quote --------------------------------------------------------
    def quotes(self) -> list[Quote]:
        """Direct quotes, partial quotes and reported speech of the article, in order."""
        passages = quoted_passages(self.text)
        self.quoted = [self._with_marks(p) for p in passages]
        self.quoted_starts = [start for start, _ in self.quoted]
        # The cast comes from the names' capitals (the entity recogniser is not run); names
        # inside quotes are what the speakers talk about, not who speaks.
        for position, name, kind, description in names_by_capitals(self.text):
            if not self.inside_quote(position):
                self.cast.add(name, kind, position, description)
        self._note_named_speakers()
        found = self._direct(passages)
        reported = self._reported(found)
        # A partial quote inside a reported clause we also found is part of it; one inside
        # a verb's object ("called the plan “a lie”") stands for that object.
        partials = [q for q in found if q.partial]
        clauses = [r for r in reported if r.form != "object"]
        found = [q for q in found if not q.partial or not any(
            r.start <= q.start and q.end <= r.end for r in clauses)]
        reported = [r for r in reported if r.form != "object" or not any(
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
                if not quote.partial:       # a quoted fragment does not carry a speaker on
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
        """Whether the words after an attribution gap continue the same quote: the gap
        closes with a comma, colon or full stop ("X," he said, "Y."), not in mid-phrase
        ('said Ivan Sarek, describing the “kamikaze” drones')."""
        last = self.text[run.passages[-1].start:run.passages[-1].end].rstrip()
        closes = gap_text.rstrip(" \u00a0\"“”„«»‘’'").endswith((",", ":", ".", ";", "—", "–"))
        return closes and (last.endswith((",", ".", "!", "?", "…", "—", "-", ";"))
                           or gap_text.strip().startswith(","))

    def _cue_in(self, start: int, end: int, last: bool = False):
        """The reporting word in text[start:end] outside quotes, if any: a verb rather than
        a noun ("the report concluded"), the first one after a quote or, with `last`, the
        one nearest the quote that follows."""
        tokens = [t for t in self.tokens_in(start, end) if not self.inside_quote(self.at(t))]
        if last:
            tokens.reverse()
        nouns = []
        for tok in tokens:
            if lemma(tok) in QUOTE_VERBS:
                pos = coarse_pos(tok)
                if pos in ("VERB", "AUX"):
                    return tok
                if pos == "NOUN":
                    nouns.append(tok)
            if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) \
                    and tok.nbor(1).lower_ == "to":
                return tok
        return nouns[0] if nouns else None

    def _sentence_bounds(self, position: int, forward: bool) -> int:
        """Where the sentence around `position` ends (forward) or starts, outside quotes."""
        line_start = self.text.rfind("\n", 0, position) + 1
        line_end = self.text.find("\n", position)
        line_end = len(self.text) if line_end < 0 else line_end
        if forward:
            for m in TERMINAL.finditer(self.text, position, line_end):
                if not self.inside_quote(m.start()) and self._ends_sentence(m.start()):
                    return m.end()
            return line_end
        last = line_start
        for m in TERMINAL.finditer(self.text, line_start, position):
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
            cue = self._cue_in(*before, last=True)
        if cue is None and self._standalone(first, before):
            before = self._previous_paragraph_colon(first.start - 1) or before
        colon = self.text[before[0]:before[1]].rstrip().endswith(":")
        if cue is None and colon:
            cue = self._colon_cue(before)
        standalone = self._standalone(first, before)
        if cue is None and standalone:
            signed = _SIGNATURE.match(self.text, last.end + 1)
            if signed:                  # “…” ― Martha Aguilar
                name = signed.group(1).strip()
                person = self.cast.resolve(name, signed.start(1), "PERSON")
                return self._quote(run, content, person.name if person else name, name, "―")
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
                                   node.text, direct=False, form="partial")
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
               cue: str | None, direct: bool = True, form: str = "quote") -> Quote:
        spans = tuple(run.spans)
        return Quote(text=content, start=spans[0][0], end=spans[-1][1], direct=direct,
                     speaker=speaker, speaker_mention=mention, cue=cue, spans=spans,
                     form=form)

    # -- speakers ----------------------------------------------------------------------
    def _speaker(self, cue) -> tuple[str | None, Person | None]:
        """The words naming who speaks through `cue`, and the entity they refer to."""
        subject = subject_of(cue)
        if subject is None or self.inside_quote(self.at(subject)):
            subject = self._nearest_name(cue) or self._noun_after(cue)
        if subject is None:
            return None, None
        mention, start = self._mention(subject)
        if subject.lower_ in RELATIVES and subject.head.dep_ == "relcl":
            # "Zelensky, who said that ...": the mention is "who", the speaker its noun.
            return mention, self._speaker_named(subject.head.head)
        kind = entity_kind(subject)
        if subject.lower_ in PRONOUNS:
            person = self.cast.resolve(subject.lower_, start)
        elif kind:
            person = self.cast.resolve(clean_name(name_part(subject)), start, kind)
            if person is not None:
                self.cast.describe(person, mention)
        else:
            person = self.cast.resolve(mention, start)
            if person is None and appos_name(subject) is not None:
                appos = appos_name(subject)
                person = self.cast.resolve(name_part(appos), start, entity_kind(appos))
        return mention, person

    def _speaker_named(self, noun) -> Person | None:
        """The person or organisation a noun (a relative pronoun's antecedent) names."""
        kind = entity_kind(noun)
        if not kind:
            return None
        return self.cast.resolve(clean_name(name_part(noun)), self.at(noun), kind)

    def _mention(self, subject) -> tuple[str, int]:
        """The article's words for a speaker (the noun phrase `subject` heads), and where
        they start."""
        tokens = noun_phrase(subject)
        start = self.at(tokens[0])
        return self.text[start:self.at(tokens[-1]) + len(tokens[-1].text)], start

    def _nearest_name(self, cue):
        """A named entity next to the cue, when the parse found no subject."""
        sent = cue.sent
        best = None
        for tok in sent:
            if coarse_pos(tok) == "PROPN" and tok.dep_ != "compound" \
                    and tok.lower_ not in CALENDAR and not self.inside_quote(self.at(tok)):
                distance = abs(tok.i - cue.i)
                if best is None or distance < best[0]:
                    best = (distance, tok)
        return best[1] if best else None


    def _noun_after(self, cue):
        """In '..., read the email.' or 'Said Ellis: ...' the speaker follows the verb and
        the parse may not call it a subject: the first noun after the verb."""
        for tok in cue.doc[cue.i + 1:cue.i + 6]:
            if tok.is_punct or self.inside_quote(self.at(tok)):
                break
            if coarse_pos(tok) in ("NOUN", "PROPN") and tok.ent_type_ not in NOT_SPEAKERS:
                return tok.head if tok.dep_ == "compound" else tok
        return None

    # -- reported speech ---------------------------------------------------------------
    def _reported(self, direct: list[Quote]) -> list[Quote]:
        out: list[Quote] = []
        covered = [span for q in direct if not q.partial for span in q.spans]
        seen: set[tuple[int, int]] = set()
        for _, tok in self.tokens:
            content = None
            if lemma(tok) in REPORT_VERBS and coarse_pos(tok) in ("VERB", "AUX"):
                clause = clause_of(tok)
                if clause is not None and bare_infinitive(clause):
                    continue            # "have seen Iran send ...": perception, not speech
                content = span_of(clause) if clause is not None else object_of(tok)
                from_object = clause is None
            elif tok.lower_ == "according" and tok.i + 1 < len(tok.doc) \
                    and tok.nbor(1).lower_ == "to":
                content = rest_of_sentence(tok)
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
                          spans=((start, end),), form="object" if from_object else "clause")
            out.append(quote)
            seen.add((start, end))
        return out

    def _reported_speaker(self, cue) -> tuple[str | None, Person | None]:
        if cue.lower_ == "according":
            obj = next((c for c in cue.nbor(1).children if c.dep_ == "pobj"), None)
            if obj is None:
                return None, None
            tokens = noun_phrase(obj)
            mention = " ".join(t.text for t in tokens)
            kind = entity_kind(obj)
            person = self.cast.resolve(clean_name(name_part(obj)), self.at(obj), kind) \
                if kind else self.cast.resolve(mention, self.at(obj))
            return mention, person
        return self._speaker(cue)


def _mostly_covered(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    length = max(end - start, 1)
    inside = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
    return inside / length >= 0.5
