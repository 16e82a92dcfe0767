"""Language identification with lingua, a statistical detector that works on short text.

The detector is built once per process, lazily, for the languages news piles mostly come in;
``STORYDESK_LANGUAGES`` (comma-separated ISO 639-1 codes, or ``all``) widens or narrows that set.
Only the first few hundred characters of the body are read: enough for a confident answer, and
the cost of detection grows faster than the length of the text.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

DEFAULT_LANGUAGES = [
    "ar", "cs", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "he", "hi", "hr", "hu",
    "id", "it", "ja", "ko", "lt", "lv", "nb", "nl", "pl", "pt", "ro", "ru", "sk", "sl", "sr",
    "sv", "tr", "uk", "ur", "vi", "zh",
]
SAMPLE_CHARS = 120
MIN_CHARS = 20
_LETTERS = re.compile(r"[^\W\d_]")


_preloaded: LanguageDetector | None = None


def warm_up() -> None:
    """Build the detector with every language model loaded now rather than on demand.

    Worth it in long-lived worker processes (about a second, once); forked workers share the
    loaded models with the process they were forked from.
    """
    global _preloaded
    _preloaded = _builder().with_preloaded_language_models().build()


def detector() -> LanguageDetector:
    """The process-wide detector: the warmed-up one, or one that loads models on demand."""
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


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None when the text is too short to tell."""
    snippet = sample(text)
    if len(_LETTERS.findall(snippet)) < MIN_CHARS:
        return None
    language = detector().detect_language_of(snippet)
    return language.iso_code_639_1.name.lower() if language else None
