"""Language identification with lingua, a statistical detector that works on short text.

The detector is built once per process, lazily, for the languages news piles mostly come in;
``STORYDESK_LANGUAGES`` (comma-separated ISO 639-1 codes, or ``all``) widens or narrows that set.
Only the first few hundred characters of the body are read: enough for a confident answer, and
the cost of detection grows faster than the length of the text.
"""

from __future__ import annotations

import os
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

DEFAULT_LANGUAGES = [
    "ar", "cs", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "he", "hi", "hr", "hu",
    "id", "it", "ja", "ko", "lt", "lv", "nb", "nl", "pl", "pt", "ro", "ru", "sk", "sl", "sr",
    "sv", "tr", "uk", "ur", "vi", "zh",
]
SAMPLE_CHARS = 320
MIN_CHARS = 20


@lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    """The process-wide detector (built on first use)."""
    wanted = os.environ.get("STORYDESK_LANGUAGES", "").strip().lower()
    if wanted == "all":
        builder = LanguageDetectorBuilder.from_all_languages()
    else:
        codes = wanted.replace(",", " ").split() if wanted else DEFAULT_LANGUAGES
        languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in codes]
        builder = LanguageDetectorBuilder.from_languages(*languages)
    return builder.with_low_accuracy_mode().build()


def sample(text: str, size: int = SAMPLE_CHARS) -> str:
    """The part of an article the detector reads: the body's opening, cut at a word boundary."""
    if len(text) <= size:
        return text
    cut = text.rfind(" ", 0, size)
    return text[: cut if cut > size // 2 else size]


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None when the text is too short to tell."""
    snippet = sample(text)
    if sum(ch.isalpha() for ch in snippet) < MIN_CHARS:
        return None
    language = detector().detect_language_of(snippet)
    return language.iso_code_639_1.name.lower() if language else None
