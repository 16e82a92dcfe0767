"""Reporting words: the verbs that attribute speech, in all their forms, read without
spaCy's lemmatizer.

The extractor runs spaCy without its lemmatizer and attribute ruler (a fifth of the
pipeline's time) and without its entity recogniser; the few words it needs lemmas for are the
reporting verbs, whose forms are generated here, and the coarse part of speech comes from the
fine-grained tag.
"""

from __future__ import annotations

import re

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

# Irregular past forms of the verbs above.
_IRREGULAR = {
    "said": "say", "told": "tell", "wrote": "write", "written": "write", "thought": "think",
    "knew": "know", "known": "know", "felt": "feel", "found": "find", "saw": "see",
    "seen": "see", "meant": "mean", "heard": "hear", "understood": "understand",
    "read": "read", "began": "begin", "begun": "begin", "shot": "shoot", "put": "put",
    "led": "lead", "spoke": "speak", "spoken": "speak", "hit": "hit", "fought": "fight",
    "taught": "teach", "sought": "seek", "forecast": "forecast", "cried": "cry",
    "replied": "reply", "implied": "imply", "denied": "deny", "testified": "testify",
    "signalled": "signal", "shown": "show", "proven": "prove", "led.": "lead",
}


def _forms(lemma: str) -> set[str]:
    """Regular inflections of a verb: says, said-like -ed, saying."""
    if lemma.endswith("e"):
        stem = lemma[:-1]
        ed, ing = lemma + "d", stem + "ing"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        ed, ing = lemma[:-1] + "ied", lemma + "ing"
    else:
        ed, ing = lemma + "ed", lemma + "ing"
    third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z", "o")) else "s")
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        third = lemma[:-1] + "ies"
    forms = {lemma, third, ed, ing}
    # A short verb ending consonant-vowel-consonant doubles it: admit, admitted, admitting.
    if len(lemma) <= 6 and re.match(r".*[^aeiou][aeiou][bdgklmnprt]$", lemma):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


LEMMA_OF: dict[str, str] = {form: lemma for lemma in sorted(REPORT_VERBS)
                            for form in _forms(lemma)}
LEMMA_OF.update(_IRREGULAR)


def lemma(token) -> str:
    """The lemma of a reporting verb form, else the word itself, lower-cased."""
    return LEMMA_OF.get(token.lower_, token.lower_)


def coarse_pos(token) -> str:
    """The universal part of speech from the fine-grained Penn tag."""
    tag = token.tag_
    if tag.startswith("VB"):
        return "VERB"
    if tag == "MD":
        return "AUX"
    if tag in ("NNP", "NNPS"):
        return "PROPN"
    if tag.startswith("NN"):
        return "NOUN"
    if tag.startswith("PRP"):
        return "PRON"
    return tag
