"""How faithfully one rendering of a statement reproduces another.

`classify(reference, rendering)` compares two renderings of one statement word by word and
says whether the rendering is **verbatim** (same words once punctuation, case, typographic
marks, number formats and British/American spelling are set aside), **trimmed** (a part or
several parts of the reference, in order, possibly joined by an ellipsis), **paraphrased**
(other words, same meaning) or **altered** (the meaning changed), with a word-level diff and,
for altered, the reason in words.

A sentence embedding cannot be trusted with the last distinction: MiniLM scores "sordid
deals" against "good deals" at about 0.82, as close as many honest paraphrases. So the
decision is made on the edits of the word diff, each checked against lexical knowledge:
negation words, numbers (spelled or in digits), capitalised names, quantity words, the VADER
sentiment lexicon, words of direction (rise/fall, before/after), and for an isolated swap of
a content word, whether the new word keeps the old one's sense in its context. The sentence
similarity only decides between paraphrased and altered once no edit has been flagged.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

KINDS = ("verbatim", "trimmed", "paraphrased", "altered")
ELLIPSIS = "…"

# Below this sentence cosine two renderings with no flagged edit are taken to say different
# things. Honest paraphrases of a short quote (translated, tense shifted) score 0.6-0.9 with
# MiniLM; renderings that keep a few words but lose the point fall well under 0.5.
PARAPHRASE_MIN = 0.5

# A cut without an ellipsis, or a short one with it, that removes a negation word flips the
# sentence ("will not accept" -> "will accept"). Longer cuts remove whole clauses, whose
# negations belonged to what was cut.
SHORT_CUT_WORDS = 3

# VADER valences run from -4 to +4; a swap counts as a polarity reversal when the two sides
# have opposite signs, each at least POLARITY_MIN (weaker words are nearly neutral in the
# lexicon), and they lie POLARITY_GAP apart (a full "bad" to "good" step is 4.4, "hard" to
# "easy" about 2).
POLARITY_MIN = 0.3
POLARITY_GAP = 1.5

# Sense check of an isolated content-word swap. The swapped words are compared inside their
# nearest content-word neighbours ("military backer" / "military base"): near-synonyms in
# context score above 0.7 with MiniLM ("top military" / "main military" 0.81), words of other
# senses below it ("military base" 0.50). Out of context alone word vectors separate poorly,
# so the bare words only rescue a swap whose words are themselves close (above 0.6, e.g.
# "troops" / "soldiers" 0.89).
SENSE_CONTEXT_MIN = 0.70
SENSE_WORD_MIN = 0.60
# The check only runs when the rendering is otherwise faithful: in a rewording of many words
# the single swaps are part of the paraphrase and their contexts changed too.
SENSE_MAX_SWAPS = 2
# In a longer rewording, only a word right after an unchanged content word is compared, and
# the bar is lower: translations change many words without changing their sense.
ANCHORED_CONTEXT_MIN = 0.6
ANCHORED_WORD_MIN = 0.45
# Verbs that carry little meaning of their own in a phrase ("make an offer" / "put an
# offer"): a swap between them is wording, not sense.
LIGHT_VERBS = frozenset("""
make makes made making put puts putting take takes took taken taking give gives gave given
giving get gets got gotten getting have has had having do does did done doing go goes went
gone going come comes came coming keep keeps kept keeping set sets setting bring brings
brought bringing
""".split())

# Two capitalised names count as one spelled differently (Odesa/Odessa) above this
# character-level similarity.
NAME_VARIANT_MIN = 0.75

# ---------------------------------------------------------------------------------------
# Lexical knowledge: function words, negation, quantity and direction words, numbers and
# spelling rules.

FUNCTION_WORDS = frozenset("""
a an the this that these those some any each every either neither no all both
i me my mine we us our ours you your yours he him his she her hers it its they them their
theirs one ones who whom whose which what whatever whoever
am is are was were be been being have has had having do does did done will would shall
should can could may might must ought to of in on at by for with from into onto upon about
over under above below between among through during before after since until till as than
so and or but nor if then because while although though whether also just only even very
there here not too yet still already now again ever out up down off away back such own
same other another more most less least much many few several
""".split())

NEGATIONS = frozenset(
    "not no never none nobody nothing neither nor nowhere without hardly barely".split()
)

# Quantity and frequency words by the part of a whole they claim. A swap between classes
# ("many" -> "a few", "always" -> "rarely") changes what the speaker asserted; a swap inside
# one ("many" -> "numerous") does not. Zero ("none", "never") is left to the negation check.
_QUANTITY_CLASSES = {
    "all": "all every each entire whole always everyone everybody everything universally",
    "most": "most many much numerous lots plenty majority often usually mostly largely "
            "frequently dozens hundreds thousands millions countless",
    "some": "some several various sometimes occasionally partly",
    "few": "few little handful rarely seldom minority scarcely couple",
}
QUANTITY = {word: name for name, ws in _QUANTITY_CLASSES.items() for word in ws.split()}

# Words that point up or down a scale or forwards or backwards in time; a swap of opposite
# signs reverses what was reported ("prices have risen" -> "prices have fallen").
_UP = ("rise rises rising risen rose increase increases increased increasing grow grows grew "
       "grown growing higher up gain gains gained expand expanded boost boosted raise raised "
       "climb climbed climbing more after later")
_DOWN = ("fall falls falling fallen fell decrease decreases decreased decreasing decline "
         "declines declined shrink shrank shrunk lower down drop drops dropped lose lost "
         "reduce reduced cut cuts less fewer before earlier")
DIRECTION = {**{w: 1 for w in _UP.split()}, **{w: -1 for w in _DOWN.split()}}

_UNITS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * n for n, w in enumerate(
    "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_DIGITS = re.compile(r"^\d+(?:,\d{3})*(?:\.\d+)?$|^\d+(?:\.\d+)?$")


def number_value(keys: Sequence[str]) -> float | None:
    """The value of a run of number words ("twenty", "five"; "1,200", "million"), or None.

    Accepts digits, spelled numbers, and scale words after either ("two hundred",
    "1.5 million"); "and" is allowed inside a spelled number. A run that ends in "and" or
    starts with a scale word is not a number.
    """
    if not keys or keys[0] in _SCALES or keys[-1] == "and" or keys[0] == "and":
        return None
    total, current, seen_digits = 0.0, 0.0, False
    for n, key in enumerate(keys):
        if _DIGITS.match(key):
            if n > 0:  # digits only start a number: "10 15" are two numbers
                return None
            current, seen_digits = float(key.replace(",", "")), True
        elif key in _UNITS and not seen_digits:
            if current % 10 or (current and current < 20):
                return None  # "five six" is no number
            current += _UNITS[key]
        elif key in _TENS and not seen_digits:
            if current % 100:
                return None
            current += _TENS[key]
        elif key in _SCALES:
            scale = _SCALES[key]
            if key == "hundred" and not seen_digits:
                current *= scale
            else:
                total += current * scale
                current = 0.0
        elif key == "and" and n > 0 and not seen_digits:
            continue
        else:
            return None
    return total + current


# British to American spelling by rule, applied to both sides so that only the variant
# letters differ. Each rule asks for enough of a stem that real words do not collide
# ("four"/"for", "filled"/"filed" are left alone).
_SPELLING_RULES = [
    (re.compile(r"^([a-z]{3,})our(s|ed|ing|ite|ites|able|ably|ful|less|er|ers|hood|hoods)?$"),
     r"\1or\2"),  # colour, honour, neighbourhood, favourite
    (re.compile(r"^([a-z]{3,})is(e|es|ed|ing|er|ers|ation|ations)$"), r"\1iz\2"),  # organise
    (re.compile(r"^([a-z]{2,})ys(e|es|ed|ing)$"), r"\1yz\2"),  # analyse, paralyse
    (re.compile(r"^([a-z]{2,}[tb])re(s?)$"), r"\1er\2"),  # centre, litre, fibre
    (re.compile(r"^([a-z]{2,}[tb])red$"), r"\1ered"),  # centred
    (re.compile(r"^([a-z]+[fc]en)ce(s?)$"), r"\1se\2"),  # defence, offence, licence
    (re.compile(r"^([a-z]{2,}[ae])ll(ed|ing|er|ers|or|ors)$"), r"\1l\2"),  # travelled
    (re.compile(r"^([a-z]{4,})mme(s?)$"), r"\1m\2"),  # programme
    (re.compile(r"^([a-z]{3,})ogue(s?)$"), r"\1og\2"),  # catalogue, dialogue
    (re.compile(r"^([a-z]+)dgement(s?)$"), r"\1dgment\2"),  # judgement
    (re.compile(r"^([a-z]{3,}ward)s$"), r"\1"),  # towards, afterwards
]


def spelling_key(word: str) -> str:
    """A lower-case word with British spellings turned American by rule."""
    for pattern, replacement in _SPELLING_RULES:
        if pattern.match(word):
            return pattern.sub(replacement, word)
    return word


_WORD = re.compile(
    r"\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.|\d+(?:[.,]\d+)*%?|[^\W\d_]+(?:'[^\W\d_]+)*", re.UNICODE
)
_SENTENCE_END = re.compile(r"[.!?:;]\s*$")
_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"'})
_CONTRACTIONS = {"won't": ("will", "not"), "can't": ("can", "not"), "shan't": ("shall", "not"),
                 "cannot": ("can", "not"), "ain't": ("is", "not")}
_SUFFIXES = {"'re": "are", "'ve": "have", "'ll": "will", "'m": "am"}


# "U.K." and "U.S." are the words "UK" and "US".
_DOTTED_ABBREVIATION = re.compile(r"\b(?:[A-Z]\.){2,}")


@dataclass(frozen=True)
class Word:
    """One word of a quote: what the text shows and the key it is compared by."""

    surface: str
    key: str
    capitalised: bool = False  # capitalised away from the start of a sentence
    number: float | None = None


def words(text: str) -> list[Word]:
    """Split a quote into comparable words.

    Keys are lower case, spelled the American way by rule, numbers (spelled or in digits) as
    their value, contractions of negation expanded ("don't" gives "do" and "not"). An
    ellipsis, "..." or "[...]", becomes a word of its own whose key is "…".
    """
    text = _DOTTED_ABBREVIATION.sub(lambda m: m.group().replace(".", ""),
                                    text.translate(_TYPOGRAPHIC))
    raw: list[Word] = []
    sentence_start = True
    for match in _WORD.finditer(text):
        token = match.group()
        if token in ("...", ELLIPSIS) or token.startswith("["):
            raw.append(Word(token, ELLIPSIS))
            continue
        lower = token.lower()
        capitalised = token[0].isupper() and not sentence_start and lower != "i"
        sentence_start = bool(_SENTENCE_END.search(text[match.end():match.end() + 2]))
        raw.extend(_expand(token, lower, capitalised))
    return _merge_numbers(raw)


def _expand(token: str, lower: str, capitalised: bool) -> list[Word]:
    if lower in _CONTRACTIONS:
        first, second = _CONTRACTIONS[lower]
        return [Word(token, first), Word("", second)]
    if lower.endswith("n't"):
        return [Word(token, spelling_key(lower[:-3])), Word("", "not")]
    for suffix, full in _SUFFIXES.items():
        if lower.endswith(suffix):
            return [Word(token, spelling_key(lower[: -len(suffix)])), Word("", full)]
    if lower.endswith("'s"):  # possessive: the word's spelling rules still apply
        return [Word(token, spelling_key(lower[:-2]) + "'s", capitalised)]
    if lower.endswith("%"):
        return [Word(token, lower[:-1], number=number_value([lower[:-1]])),
                Word("", "percent")]
    return [Word(token, spelling_key(lower), capitalised)]


def _merge_numbers(raw: list[Word]) -> list[Word]:
    """Join runs of number words ("twenty five", "1,200 million") into one numeric word."""
    merged: list[Word] = []
    i = 0
    while i < len(raw):
        j = i
        while j < len(raw) and number_value([w.key for w in raw[i : j + 1]]) is not None:
            j += 1
        if j > i:
            value = number_value([w.key for w in raw[i:j]])
            surface = " ".join(w.surface for w in raw[i:j])
            merged.append(Word(surface, f"{value:g}", number=value))
            i = j
            continue
        word = raw[i]
        if word.key == "per" and i + 1 < len(raw) and raw[i + 1].key == "cent":
            merged.append(Word(f"{word.surface} {raw[i + 1].surface}", "percent"))
            i += 2
            continue
        merged.append(word)
        i += 1
    return merged


def _text(ws: Iterable[Word]) -> str:
    return " ".join(w.surface for w in ws if w.surface)


@dataclass(frozen=True)
class Fidelity:
    """The verdict on one rendering: kind, word diff, reason (for altered), similarity."""

    kind: str
    diff: list[dict] = field(default_factory=list)
    reason: str | None = None
    similarity: float = 1.0

    def diff_text(self, context: int = 4) -> str:
        """The diff in one line: ``[-removed-]``, ``{+added+}``, long equal runs shortened.

        Equal runs longer than ``2 * context`` words keep ``context`` words at each end.
        """
        parts: list[str] = []
        for i, step in enumerate(self.diff):
            if step["op"] == "equal":
                shown = step["b"].split()
                if len(shown) > 2 * context:
                    head = shown[:context] if i > 0 else []
                    tail = shown[-context:] if i < len(self.diff) - 1 else []
                    shown = [*head, "…", *tail]
                parts.append(" ".join(shown))
            if step["op"] in ("delete", "replace"):
                parts.append(f"[-{step['a']}-]")
            if step["op"] in ("insert", "replace"):
                parts.append(f"{{+{step['b']}+}}")
        return " ".join(p for p in parts if p)

    def as_export(self) -> dict:
        """The dossier fields for this rendering (PRODUCT.md: fidelity, diff, reason)."""
        return {"fidelity": self.kind, "diff": self.diff, "reason": self.reason,
                "similarity": round(self.similarity, 4)}


@dataclass(frozen=True)
class _Edit:
    """One non-equal step of the diff, with the words on either side."""

    op: str
    a: list[Word]
    b: list[Word]
    before: list[Word]  # the equal words just before, on the rendering's side
    after: list[Word]
    marked: bool  # the rendering shows an ellipsis at this edit
    at_edge: bool  # nothing of the rendering before or after it (a cut at the start/end)
    isolated: bool  # equal words (or the end of the text) on both sides


def word_diff(reference: str, rendering: str) -> list[dict]:
    """The word-level diff of ``reference`` into ``rendering``, as small dicts."""
    return _diff(words(reference), words(rendering))[0]


def _diff(ref: list[Word], ren: list[Word]) -> tuple[list[dict], list[_Edit]]:
    matcher = difflib.SequenceMatcher(
        None, [w.key for w in ref], [w.key for w in ren], autojunk=False
    )
    opcodes = matcher.get_opcodes()
    steps: list[dict] = []
    edits: list[_Edit] = []
    for n, (op, i1, i2, j1, j2) in enumerate(opcodes):
        a, b = ref[i1:i2], ren[j1:j2]
        steps.append({"op": op, "a": _text(a), "b": _text(b)})
        if op == "equal":
            continue
        prev_equal = n > 0 and opcodes[n - 1][0] == "equal"
        next_equal = n + 1 < len(opcodes) and opcodes[n + 1][0] == "equal"
        before = ren[opcodes[n - 1][3] : opcodes[n - 1][4]] if prev_equal else []
        after = ren[opcodes[n + 1][3] : opcodes[n + 1][4]] if next_equal else []
        content_b = [w for w in b if w.key != ELLIPSIS]
        edits.append(_Edit(
            op=op, a=a, b=content_b, before=before, after=after,
            marked=any(w.key == ELLIPSIS for w in b),
            at_edge=(j1 == 0 or j2 == len(ren)) and not content_b,
            isolated=(n == 0 or prev_equal) and (n + 1 == len(opcodes) or next_equal),
        ))
    return steps, edits


def classify(reference: str, rendering: str, *, similarity: float | None = None) -> Fidelity:
    """Classify ``rendering`` against ``reference``: verbatim, trimmed, paraphrased or altered.

    ``similarity`` is the MiniLM cosine of the two texts if the caller has it (align computes
    a story's in one batch); otherwise it is computed here when needed. A verbatim rendering
    gets 1.0 without running the model.
    """
    ref, ren = words(reference), words(rendering)
    steps, edits = _diff(ref, ren)
    if not edits or all(e.op == "insert" and e.at_edge for e in edits):
        # Same words, or the reference's words quoted exactly inside a longer rendering.
        return Fidelity("verbatim", steps, None, 1.0 if similarity is None else similarity)
    if similarity is None:
        similarity = text_similarity(reference, rendering)
    reasons = _meaning_changes(ref, edits)
    if reasons:
        return Fidelity("altered", steps, "; ".join(reasons), similarity)
    if all(not e.b for e in edits):  # only cuts, marked by an ellipsis or not
        return Fidelity("trimmed", steps, None, similarity)
    if similarity < PARAPHRASE_MIN:
        reason = f"wording shares little meaning with the reference (similarity {similarity:.2f})"
        return Fidelity("altered", steps, reason, similarity)
    return Fidelity("paraphrased", steps, None, similarity)


def _meaning_changes(ref: list[Word], edits: list[_Edit]) -> list[str]:
    """Reasons why the edits change the meaning; empty when none is found."""
    # Cuts at either end, or long cuts marked by an ellipsis, only shorten the quote.
    counted = [e for e in edits if e.b or not (e.at_edge or len(e.a) > SHORT_CUT_WORDS)]
    reasons = [
        *_negation_change(counted),
        *_polarity_changes(counted),
        *_number_changes(ref, counted),
        *_name_changes(counted),
        *_quantity_changes(counted),
        *_direction_changes(counted),
    ]
    # The sense check decides alone only for an otherwise faithful rendering; for one
    # already altered it also runs, so that the reason names a swapped word ("'sordid'
    # became 'good'") before the other changes.
    sense = _sense_changes(counted, already_altered=bool(reasons))
    if not sense and not reasons:
        sense = _anchored_sense_changes(counted)
    return list(dict.fromkeys([*sense, *reasons]))


def _content(ws: Sequence[Word]) -> list[Word]:
    return [w for w in ws if w.key not in FUNCTION_WORDS and w.key != ELLIPSIS and w.surface]


def _shown(ws: Sequence[Word]) -> str:
    return _text(ws) or "nothing"


def _negation_change(edits: list[_Edit]) -> list[str]:
    # Counted over all edits together, so that a moved negation ("don't think it will" /
    # "think it won't") is not taken for an added and a removed one.
    balance = 0
    first: _Edit | None = None
    for edit in edits:
        delta = (sum(w.key in NEGATIONS for w in edit.b)
                 - sum(w.key in NEGATIONS for w in edit.a))
        balance += delta
        if delta and first is None:
            first = edit
    if not balance or first is None:
        return []
    a, b = _with_context(first)
    verb = "added" if balance > 0 else "removed"
    return [f"negation {verb}: '{a}' became '{b}'"]


def _with_context(edit: _Edit) -> tuple[str, str]:
    """Both sides of an edit, with one neighbouring word when a side would be empty."""
    lead = edit.before[-1:] if edit.before else []
    trail = edit.after[:1] if not lead and edit.after else []
    return _shown([*lead, *edit.a, *trail]), _shown([*lead, *edit.b, *trail])


def _number_changes(ref: list[Word], edits: list[_Edit]) -> list[str]:
    known = {w.number for w in ref if w.number is not None}
    reasons = []
    for edit in edits:
        # A lone spelled "one" is as often a pronoun or determiner ("no one", "not one
        # home") as a number: it counts only against another number.
        old = [w for w in edit.a if w.number is not None]
        new = [w for w in edit.b if w.number is not None and w.number not in known]
        old = [w for w in old if new or w.surface.lower() != "one"]
        new = [w for w in new if old or w.surface.lower() != "one"]
        if new and old:
            reasons.append(f"'{_text(old)}' became '{_text(new)}': number changed")
        elif new and (edit.op == "replace" or len(edit.b) <= 2):
            reasons.append(f"'{_text(new)}' added: number changed")
        elif old and edit.op == "replace" and (_quantity_class(edit.b) or _content(edit.b)):
            reasons.append(f"'{_text(old)}' became '{_shown(edit.b)}': number changed")
    return reasons


_POSSESSIVE_END = re.compile(r"'s?$")


def _name_changes(edits: list[_Edit]) -> list[str]:
    reasons = []
    for edit in edits:
        old = [w for w in edit.a if w.capitalised]
        new = [w for w in edit.b if w.capitalised]
        if edit.op != "replace" or not old or not new:
            continue
        a, b = (_POSSESSIVE_END.sub("", _text(ws).lower()) for ws in (old, new))
        same = difflib.SequenceMatcher(None, a, b).ratio()
        # A demonym or short form of the same name ("Iran" / "Iranian") is a variant.
        stem = min(len(a), len(b))
        if same < NAME_VARIANT_MIN and not (stem >= 4 and a[:stem] == b[:stem]):
            reasons.append(f"'{_text(old)}' became '{_text(new)}': name changed")
    return reasons


def _quantity_class(ws: Sequence[Word]) -> set[str]:
    return {QUANTITY[w.key] for w in ws if w.key in QUANTITY}


def _quantity_changes(edits: list[_Edit]) -> list[str]:
    # Balanced over all edits, so that a qualifier moved by a reordering ("examine every
    # complaint" / "each complaint will be examined") is no change.
    removed: Counter[str] = Counter()
    added: Counter[str] = Counter()
    for edit in edits:
        removed.update(_quantity_class(edit.a))
        added.update(_quantity_class(edit.b))
    if removed == added:
        return []
    for edit in edits:
        if _quantity_class(edit.a) != _quantity_class(edit.b):
            a, b = _with_context(edit)
            return [f"'{a}' became '{b}': quantity changed"]
    return []


@cache
def _vader() -> dict[str, float]:
    """VADER's word valences, read from the lexicon file the vaderSentiment package ships."""
    import vaderSentiment

    path = Path(vaderSentiment.__file__).parent / "vader_lexicon.txt"
    valences: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            valences[parts[0].lower()] = float(parts[1])
    return valences


def valence(ws: Sequence[Word]) -> float:
    """The summed VADER valence of some words, looked up by surface and by spelling key."""
    lexicon = _vader()
    total = 0.0
    for w in ws:
        surface = w.surface.lower()
        total += lexicon.get(surface, lexicon.get(w.key, 0.0))
    return total


def _polarity_changes(edits: list[_Edit]) -> list[str]:
    reasons = []
    for edit in edits:
        if edit.op != "replace":
            continue
        old, new = valence(edit.a), valence(edit.b)
        opposite = old * new < 0 and min(abs(old), abs(new)) >= POLARITY_MIN
        if opposite and abs(old - new) >= POLARITY_GAP:
            reasons.append(f"'{_text(edit.a)}' became '{_text(edit.b)}': polarity reversed")
    return reasons


def _direction(ws: Sequence[Word]) -> int:
    return sum(DIRECTION.get(w.key, 0) for w in ws)


def _direction_changes(edits: list[_Edit]) -> list[str]:
    reasons = []
    for edit in edits:
        old, new = _direction(edit.a), _direction(edit.b)
        if old * new < 0:
            reasons.append(f"'{_text(edit.a)}' became '{_text(edit.b)}': direction reversed")
    return reasons


def _same_stem(a: str, b: str) -> bool:
    shared = len(_common_prefix(a, b))
    return shared >= 4 and shared >= 0.6 * min(len(a), len(b))


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _sense_changes(edits: list[_Edit], already_altered: bool = False) -> list[str]:
    """Isolated swaps of a content word for one of another sense ("backer" -> "base").

    Only when at most SENSE_MAX_SWAPS spots changed, unless ``already_altered`` (the rendering is
    already known to be altered, and the check only names the swap).
    """
    swaps = [e for e in edits if e.op == "replace" and _content(e.a) and _content(e.b)]
    changed = sum(1 for e in edits if e.b and (_content(e.a) or _content(e.b)))
    if not swaps or (changed > SENSE_MAX_SWAPS and not already_altered):
        return []
    candidates = []
    for edit in swaps:
        old, new = _content(edit.a), _content(edit.b)
        if not edit.isolated or len(old) > 2 or len(new) > 2:
            continue
        pairs = zip(old, new, strict=True) if len(old) == len(new) else None
        if pairs and all(_same_stem(x.key, y.key) for x, y in pairs):
            continue
        left = _content(edit.before)[-1:]
        right = _content(edit.after)[:1]
        if not left and not right:
            continue
        candidates.append((edit, _text([*left, *edit.a, *right]), _text([*left, *edit.b, *right])))
    if not candidates:
        return []
    texts = [t for _, a, b in candidates for t in (a, b)]
    texts += [t for edit, _, _ in candidates for t in (_text(edit.a), _text(edit.b))]
    vectors = _encode(texts)
    half = 2 * len(candidates)
    reasons = []
    for n, (edit, _, _) in enumerate(candidates):
        in_context = float(vectors[2 * n] @ vectors[2 * n + 1])
        bare = float(vectors[half + 2 * n] @ vectors[half + 2 * n + 1])
        if in_context < SENSE_CONTEXT_MIN and bare < SENSE_WORD_MIN:
            reasons.append(
                f"'{_text(edit.a)}' became '{_text(edit.b)}': different sense "
                f"(similarity in context {in_context:.2f})"
            )
    return reasons


def _verb_form(key: str) -> bool:
    return key.endswith(("ing", "ed"))


def _anchored_sense_changes(edits: list[_Edit]) -> list[str]:
    """In a longer rewording, the word right after an unchanged content word is the one it
    replaced ("military [base of Russia]" / "military [backer, Russia's]"): compare that
    pair in context, with a stricter bar than for isolated swaps."""
    candidates = []
    for edit in edits:
        if edit.op != "replace" or not edit.before:
            continue
        anchor = edit.before[-1]
        # A name as anchor is usually a subject, and the word after it a verb whose tense
        # or wording a rendering may change ("Russia tries" / "Russia sought").
        if anchor.key in FUNCTION_WORDS or anchor.capitalised or not edit.a or not edit.b:
            continue
        old, new = edit.a[0], edit.b[0]
        if old.key in FUNCTION_WORDS or new.key in FUNCTION_WORDS or old.capitalised \
                or new.capitalised or _same_stem(old.key, new.key) \
                or old.key in LIGHT_VERBS or new.key in LIGHT_VERBS \
                or _verb_form(old.key) != _verb_form(new.key):
            continue                # "joint production" / "working together": restructured
        candidates.append((old, new, f"{anchor.surface} {old.surface}",
                           f"{anchor.surface} {new.surface}"))
    if not candidates:
        return []
    vectors = _encode([t for *_, a, b in candidates for t in (a, b)]
                      + [w.surface for old, new, *_ in candidates for w in (old, new)])
    half = 2 * len(candidates)
    reasons = []
    for n, (old, new, _, _) in enumerate(candidates):
        in_context = float(vectors[2 * n] @ vectors[2 * n + 1])
        bare = float(vectors[half + 2 * n] @ vectors[half + 2 * n + 1])
        if in_context < ANCHORED_CONTEXT_MIN and bare < ANCHORED_WORD_MIN:
            reasons.append(f"'{old.surface}' became '{new.surface}': different sense "
                           f"(similarity in context {in_context:.2f})")
    return reasons


# Short phrases already encoded in this process: copies of a story repeat the same swaps.
_PHRASES: dict[str, np.ndarray] = {}
_PHRASES_MAX = 50_000


def _encode(texts: list[str]) -> np.ndarray:
    from storydesk.similarity.minilm import shared_model

    missing = sorted({t for t in texts if t not in _PHRASES})
    if missing:
        if len(_PHRASES) + len(missing) > _PHRASES_MAX:
            _PHRASES.clear()
        _PHRASES.update(zip(missing, shared_model().encode(missing), strict=True))
    return np.stack([_PHRASES[t] for t in texts])


def text_similarity(a: str, b: str) -> float:
    """MiniLM cosine of two texts (the model loads once per process)."""
    vectors = _encode([a, b])
    return float(vectors[0] @ vectors[1])
