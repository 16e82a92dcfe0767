"""Language identification in two stages: function words, then lingua.

Stage one counts the commonest function words of the seven largest Latin-script news languages
in the opening of the body. When most of its words belong to one language and no other comes
close, that is the answer: in running news prose, "the", "of", "was", "said" are as sure a sign
of English as any statistical model gives, at a hundredth of the cost. Everything else (other
languages, other scripts, mixed or headline-only text) goes to stage two, lingua, a statistical
detector that works on short text, built once per process for the languages news piles mostly
come in; ``STORYDESK_LANGUAGES`` (comma-separated ISO 639-1 codes, or ``all``) changes that set.
Only the opening of the body is read: enough for a confident answer, and lingua's cost grows
faster than the length of the text.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

DEFAULT_LANGUAGES = [
    "ar", "cs", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "he", "hi", "hr", "hu",
    "id", "it", "ja", "ko", "lt", "lv", "nb", "nl", "pl", "pt", "ro", "ru", "sk", "sl", "sr",
    "sv", "tr", "uk", "ur", "vi", "zh",
]
SAMPLE_CHARS = 200
MIN_CHARS = 20

# Frequent function words, each list chosen to be distinctive against the others.
FUNCTION_WORDS = {
    "en": "the of and to is was that for with said he his has have were which who this from by "
          "are its be at it an not but they their been had would will".split(),
    "de": "der die das und ist nicht mit den dem des ein eine einen sich auf für von zu im sie "
          "wurde auch es bei nach wie aus sind hat".split(),
    "fr": "le les et est une des du dans pour que qui sur pas par au aux sont il elle ont été "
          "avec ce cette mais ou".split(),
    "es": "el los las y que del por una con para se es al como su lo fue más pero sus este "
          "esta entre sin".split(),
    "pt": "o os as e que do da dos das em um uma com para não por foi é ao se no na mas seu "
          "sua".split(),
    "it": "il gli di che è per una del della dei delle non con sono nel alla ha si anche più "
          "dal degli".split(),
    "nl": "het een en van is dat op niet met voor zijn aan ook er werd bij naar hij ze wordt "
          "heeft dit".split(),
}
_WORD_LANGUAGES: dict[str, list[str]] = {}
for _code, _words in FUNCTION_WORDS.items():
    for _word in _words:
        _WORD_LANGUAGES.setdefault(_word, []).append(_code)
MIN_WORDS = 12  # below this a function-word count proves little
MIN_SHARE = 0.12  # of the sample's words that must be the winner's function words
MIN_HITS = 4
MIN_LEAD = 3.0  # how many times the runner-up's count the winner's must be

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Detection:
    """A detected language (ISO 639-1) and how it was decided."""

    code: str
    method: str


def by_function_words(snippet: str) -> Detection | None:
    """The language whose function words dominate ``snippet``, if one clearly does."""
    words = _WORD.findall(snippet.lower())
    if len(words) < MIN_WORDS:
        return None
    counts = Counter(code for w in words for code in _WORD_LANGUAGES.get(w, ()))
    if not counts:
        return None
    (best, hits), *rest = counts.most_common(2)
    runner_up = rest[0][1] if rest else 0
    if hits >= max(MIN_HITS, MIN_SHARE * len(words)) and hits >= MIN_LEAD * runner_up:
        return Detection(best, f"function words ({hits} of {len(words)} words)")
    return None


_preloaded: LanguageDetector | None = None


def warm_up() -> None:
    """Build the detector with every language model loaded now rather than on demand.

    Worth it in long-lived worker processes (about a second, once); forked workers share the
    loaded models with the process they were forked from.
    """
    global _preloaded
    _preloaded = _builder().with_preloaded_language_models().build()


def detector() -> LanguageDetector:
    """The process-wide lingua detector: the warmed-up one, or one that loads on demand."""
    return _preloaded or _lazy_detector()


@lru_cache(maxsize=1)
def _lazy_detector() -> LanguageDetector:
    return _builder().build()


def _builder() -> LanguageDetectorBuilder:
    wanted = os.environ.get("STORYDESK_LANGUAGES", "").strip().lower()
    if wanted == "all":
        builder = LanguageDetectorBuilder.from_all_languages()
    else:
        codes = wanted.replace(",", " ").split() if wanted else DEFAULT_LANGUAGES
        languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in codes]
        builder = LanguageDetectorBuilder.from_languages(*languages)
    return builder.with_low_accuracy_mode()


def sample(text: str, size: int = SAMPLE_CHARS) -> str:
    """The part of an article the detector reads: the body's opening, cut at a word boundary."""
    if len(text) <= size:
        return text
    cut = text.rfind(" ", 0, size)
    return text[: cut if cut > size // 2 else size]


def identify(text: str) -> Detection | None:
    """The language of ``text`` and how it was decided; None when it is too short to tell."""
    snippet = sample(text)
    if len(_WORD.findall(snippet)) < 3 or sum(map(len, _WORD.findall(snippet))) < MIN_CHARS:
        return None
    if found := by_function_words(snippet):
        return found
    language = detector().detect_language_of(snippet)
    return Detection(language.iso_code_639_1.name.lower(), "lingua") if language else None


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None when the text is too short to tell."""
    found = identify(text)
    return found.code if found else None
