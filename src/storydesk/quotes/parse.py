"""Reading the dependency parse: who is the subject of a reporting verb, what it reports,
and the words that name a speaker."""

from __future__ import annotations

from storydesk.quotes.cues import coarse_pos
from storydesk.quotes.speakers import ORGANISATION_NOUNS

SUBJECTS = {"nsubj", "nsubjpass"}
# Entity types that never speak ("said Wednesday").
NOT_SPEAKERS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
CALENDAR = set("""monday tuesday wednesday thursday friday saturday sunday january february
march april may june july august september october november december today yesterday""".split())
RELATIVES = {"who", "which", "that"}
_CLAUSES = {"ccomp", "relcl", "advcl", "xcomp", "acl", "conj"}
PEOPLE_NOUNS = set("""people official officials police staff crew public residents family
families experts source sources witnesses critics voters citizens victims survivors analysts
leadership management guy guys friend friends aide aides rival rivals ally allies colleague
colleagues fans delegates crowd audience one each all both many some few others someone
anyone everyone nobody""".split())
_PEOPLE_ENDINGS = ("man", "men", "woman", "women", "person", "er", "ers", "or", "ors", "ist",
                   "ists", "ian", "ians", "ant", "ants", "ent", "ents", "ee", "ees")
NAME_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "NORP": "ORG", "GPE": "ORG"}


def subject_of(verb):
    """The subject of `verb`, climbing through participles and conjunctions
    ("..., saying" / "and added")."""
    node, fallback = verb, None
    for _ in range(4):
        for child in node.children:
            if child.dep_ == "nsubjpass" and any(c.lower_ == "as" for c in node.children):
                agent = agent_of(node)      # "was slammed as “a lie” by Zelensky"
                if agent is not None:
                    return agent
            if child.dep_ in SUBJECTS:
                if node.i != verb.i and not could_speak(child):
                    # "..., suggesting": perhaps not the partnership's words; look higher.
                    fallback = fallback or child
                    break
                return child
        if node.dep_ in ("advcl", "conj", "xcomp", "ccomp", "relcl", "acl") \
                and node.head.i != node.i:  # spaCy makes a new Token object on each access
            node = node.head
            continue
        if node.dep_ == "relcl":
            return node.head
        break
    # "..., said Smith": an inverted subject can be parsed as an object or attribute.
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "npadvmod") and coarse_pos(child) == "PROPN" \
                and child.ent_type_ not in NOT_SPEAKERS and child.lower_ not in CALENDAR:
            return child
    return fallback


def agent_of(verb):
    """Who acts on a passive verb: "Zelensky" of "was slammed as “a lie” by Zelensky" (the
    parse may hang "by" on a word after the verb rather than on the verb)."""
    for tok in verb.subtree:
        if tok.i <= verb.i or tok.lower_ != "by" or tok.dep_ not in ("agent", "prep"):
            continue
        node, path = tok.head, True
        while node.i != verb.i:             # spaCy makes a new Token object on each access
            if node.dep_ in _CLAUSES or node.head.i == node.i:
                path = False
                break
            node = node.head
        obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if path and obj is not None and coarse_pos(obj) in ("PROPN", "PRON"):
            return obj
    return None


def could_speak(token) -> bool:
    """Whether a subject may be someone speaking: a name, a pronoun, an organisation or a
    word for people ("officials", "spokesman"); not "the partnership" or "the reports"."""
    if coarse_pos(token) in ("PROPN", "PRON"):
        return True
    word = token.lower_
    return word in ORGANISATION_NOUNS or word in PEOPLE_NOUNS or word.endswith(_PEOPLE_ENDINGS)


# What a reporting verb reports when it has no clause: "asked her to call him", "called on
# the governor to resign", "denied the claim".
_OBJECT_DEPS = {"dobj", "xcomp", "oprd", "attr"}
_OBJECT_PREPOSITIONS = {"on", "for", "about", "of"}


def object_of(verb) -> list:
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


def bare_infinitive(verb) -> bool:
    """A verb in its base form with no auxiliary or "that" ("saw them leave")."""
    return verb.tag_ == "VB" and not any(
        c.dep_ in ("aux", "auxpass", "mark") for c in verb.children)


def clause_of(verb):
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


def noun_phrase(head) -> list:
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


def name_part(head) -> str:
    """The proper-name tokens around `head` ("Mr. John Kirby" of "Mr. John Kirby's")."""
    if head.ent_type_:
        ents = [e for e in head.doc.ents if e.start <= head.i < e.end]
        if ents:
            return ents[0].text
    parts = [head]
    stack = [t for t in head.lefts if t.dep_ in ("compound", "flat")]
    while stack:
        tok = stack.pop()
        parts.append(tok)
        stack.extend(t for t in tok.lefts if t.dep_ in ("compound", "flat"))
    if head.lower_ in ORGANISATION_NOUNS:
        parts.extend(_name_continued(head))     # "Institute for the Study of War"
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))


def _name_continued(head) -> list:
    """The words of "for the Study of War" after an organisation's head word, when they are
    capitalised: a name, not a description ("the ministry of a small country")."""
    out = []
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "for", "on"):
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None or coarse_pos(obj) != "PROPN":
            continue
        appositions = {t.i for a in obj.subtree if a.dep_ == "appos" for t in a.subtree}
        words = [t for t in obj.subtree if t.i not in appositions and not t.is_punct]
        span = [prep, *words]
        contiguous = span[-1].i - span[0].i == len(span) - 1
        if contiguous and all(t.text[:1].isupper() or t.lower_ in ("of", "for", "on", "the",
                                                                     "and") for t in words):
            out.extend(span)
        break
    return out


def entity_kind(token) -> str:
    """ "PERSON" or "ORG" for a name token, "" for any other word: an entity type when the
    document has one, else a proper noun is an organisation when its name holds an
    organisation word or an acronym, a person otherwise."""
    if token.ent_type_:
        return NAME_LABELS.get(token.ent_type_, "")
    if coarse_pos(token) != "PROPN" or token.lower_ in CALENDAR:
        return ""
    # The proper nouns right before the head are the name ("council spokesperson John
    # Kirby" is a person; "National Security Council" an organisation).
    words = [token]
    while words[0].i > 0 and coarse_pos(words[0].nbor(-1)) == "PROPN":
        words.insert(0, words[0].nbor(-1))
    if any(t.lower_ in ORGANISATION_NOUNS for t in words) or (token.is_upper and len(token) > 1):
        return "ORG"
    return "PERSON"


def appos_name(token):
    """A proper noun set beside `token` in apposition ("the spokesman, Raul Tessen"), if any."""
    for child in token.children:
        if child.dep_ == "appos" and coarse_pos(child) == "PROPN":
            return child
    return None


def span_of(head) -> list:
    """The tokens of the clause headed by `head`, without a leading "that" or edge punctuation."""
    tokens = sorted(head.subtree, key=lambda t: t.i)
    while tokens and (tokens[0].is_punct or (tokens[0].lower_ == "that" and tokens[0].dep_
                      == "mark")):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    return tokens


def rest_of_sentence(according) -> list:
    """The words of the sentence outside the "according to X" phrase."""
    phrase = {t.i for t in according.subtree}
    tokens = [t for t in according.sent if t.i not in phrase]
    while tokens and tokens[0].is_punct:
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    return tokens
