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
from storydesk.quotes.marks import QuotedPassage, paragraphs, quoted_passages
from storydesk.quotes.model import Quote
from storydesk.quotes.speakers import PRONOUNS, TITLES, Cast, Person, clean_name

# Verbs that introduce a direct quote (lemmas).
QUOTE_VERBS = set("""
say tell add write ask continue explain reply respond declare state note recall tweet post
insist argue warn claim announce answer conclude shout chant yell scream exclaim joke quip
remark observe admit acknowledge concede confirm deny report read put describe call testify
caution predict promise vow pledge suggest urge plead boast complain lament muse mutter
whisper cry sigh recount emphasize emphasise stress assert maintain contend counter retort
point begin open close summarize summarise repeat echo quote tease reflect reason start
press demand surmise charge interject shoot snap fire gush thunder proclaim tout wonder scoff
laugh chime relate email text post inform assure reiterate advise offer acknowledge brag sneer
interrupt plead query inquire beg cheer boom rail blast lash slam hit mock thank
""".split())
# Verbs whose clause is reported speech or an attributed belief (lemmas).
REPORT_VERBS = QUOTE_VERBS | set("""
believe think know feel hope fear expect want wish worry doubt consider find show reveal
indicate mean imply signal acknowledge agree disagree estimate calculate project forecast
allege accuse criticize criticise blame praise demand propose recommend request order
hint speculate guess assume understand learn hear see decide determine realize realise
conclude judge rule say prefer prove demonstrate recognize recognise notice discover
""".split())
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
_GAP_JOINABLE = re.compile(r"^[\s,.;:!?…—–-]*$")
# Short quoted words with no attribution are terms or scare quotes.
SCARE_QUOTE_WORDS = 3
# A passage this long that stands as its own sentence is a statement even without a cue.
STANDALONE_WORDS = 5
# Quoted words no longer than this, with the sentence running on after them, are a fragment.
RUN_ON_WORDS = 6
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
        jobs = [(i, start, end) for i, text in enumerate(texts)
                for start, end in paragraphs(text)]
        docs = self.nlp.pipe((texts[i][s:e] for i, s, e in jobs), batch_size=batch_size)
        per_article: list[list[tuple[int, object]]] = [[] for _ in texts]
        for (i, start, _), doc in zip(jobs, docs, strict=True):
            per_article[i].append((start, doc))
        return [_Article(text, parsed).quotes() for text, parsed in zip(texts, per_article,
                                                                         strict=True)]


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
        for start, doc in parsed:
            self.docs.append(doc)
            self.doc_start[id(doc)] = start
            for token in doc:
                self.tokens.append((start + token.idx, token))
            for ent in doc.ents:
                kind = NAME_LABELS.get(ent.label_)
                if kind:
                    # Keep a title just before the name: "Ms." tells who "she" is.
                    before = doc[ent.start - 1].text if ent.start else ""
                    name = f"{before} {ent.text}" if before.strip(".").lower() in TITLES \
                        else ent.text
                    self.cast.add(name, kind, start + ent.start_char, _apposition(ent.root))
        self.starts = [at for at, _ in self.tokens]
        self._note_named_speakers()
        self.quoted: list[tuple[int, int]] = []

    def _note_named_speakers(self) -> None:
        """Every reporting verb whose subject is a name marks who speaks from there on, so
        that a later "he said" finds the last person named as speaking."""
        for _, tok in self.tokens:
            if tok.lemma_.lower() not in REPORT_VERBS or tok.pos_ != "VERB":
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
        found += self._reported(found)
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
            if tok.lemma_.lower() in QUOTE_VERBS and tok.pos_ in ("VERB", "AUX", "NOUN"):
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
        """Whether the punctuation at `stop` ends a sentence (not "Mr." or "E.")."""
        if self.text[stop] != ".":
            return True
        word = re.search(r"[\w.()-]*$", self.text[max(0, stop - 12):stop]).group()
        word = word.lower().strip("()")
        return not (len(word) == 1 or word in _ABBREVIATIONS or "." in word)

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
            if previous is None or first.start - previous.end > 600:
                speaker, mention = None, None
            else:
                speaker, mention = previous.speaker, previous.speaker_mention
            return self._quote(run, content, speaker, mention, None)
        if not standalone and not self._introduced(before, cue) or self._runs_on(run, content):
            return self._partial(run, content)
        mention, person = self._speaker(cue)
        cue_text = ":" if cue.text == ":" else cue.text
        return self._quote(run, content, person.name if person else None, mention, cue_text)

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
            if node.lemma_.lower() in REPORT_VERBS and node.pos_ == "VERB" \
                    and not self.inside_quote(self.at(node)):
                mention, person = self._speaker(node)
                if mention is None:
                    return None
                return self._quote(run, content, person.name if person else None, mention,
                                   node.text, direct=False)
        return None

    def _verb_after(self, after: tuple[int, int]):
        """In '“...,” Hannity pressed.' any verb with a subject right after the quote is
        its attribution."""
        for tok in self.tokens_in(*after):
            if self.inside_quote(self.at(tok)):
                break
            if tok.pos_ == "VERB" and any(c.dep_ in SUBJECTS for c in tok.children):
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
               cue: str | None, direct: bool = True) -> Quote:
        spans = tuple(run.spans)
        return Quote(text=content, start=spans[0][0], end=spans[-1][1], direct=direct,
                     speaker=speaker, speaker_mention=mention, cue=cue, spans=spans)

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
        covered = [span for q in direct for span in q.spans]
        for _, tok in self.tokens:
            content = None
            if tok.lemma_.lower() in REPORT_VERBS and tok.pos_ in ("VERB", "AUX"):
                clause = _clause_of(tok)
                if clause is None:
                    continue
                content = _span_of(clause)
            elif tok.lower_ == "according" and tok.i + 1 < len(tok.doc) \
                    and tok.nbor(1).lower_ == "to":
                content = _rest_of_sentence(tok)
            if not content:
                continue
            start = self.at(content[0])
            end = self.at(content[-1]) + len(content[-1].text)
            if self.inside_quote(self.at(tok)) or _mostly_covered(start, end, covered):
                continue
            text = self.text[start:end].strip(" ,;:—–-\"“”")
            if len(text.split()) < 3:
                continue
            mention, person = self._reported_speaker(tok)
            out.append(Quote(text=text, start=start, end=end, direct=False,
                             speaker=person.name if person else None, speaker_mention=mention,
                             cue=tok.text if tok.lower_ != "according" else "according to",
                             spans=((start, end),)))
            covered.append((start, end))
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
        if child.dep_ in ("dobj", "attr", "npadvmod") and child.pos_ == "PROPN":
            return child
    return None


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
    return NAME_LABELS.get(token.ent_type_, "PERSON" if token.pos_ == "PROPN" else "")


def _appos_name(token):
    for child in token.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return child
    return None


def _apposition(head) -> str:
    """The description attached to a name ("a spokesman for the council")."""
    for child in head.children:
        if child.dep_ == "appos":
            return " ".join(t.text for t in child.subtree)
    if head.dep_ == "appos":
        return head.head.text
    titles = [t.text for t in head.lefts if t.dep_ == "compound" and t.pos_ == "NOUN"]
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


def _mostly_covered(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    length = max(end - start, 1)
    inside = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
    return inside / length >= 0.5
