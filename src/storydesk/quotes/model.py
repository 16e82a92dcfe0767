"""Value types shared by the quote modules."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Quote:
    """One attributed statement found in an article.

    `text` is what was said as the article renders it (for a direct quote, the words inside
    the quotation marks; the parts of a quote interrupted by its attribution are joined with a
    space). `spans` are the character ranges of those parts in the article's cleaned text;
    `start`/`end` cover them all. `speaker_mention` is the article's words for the speaker
    ("he", "the ministry", "John Kirby"), `speaker` the resolved name or None, `cue` the
    reporting words ("said", "according to", ":"). `direct` is True for quoted words, False
    for reported speech. A partial quote (quoted words inside the writer's own sentence:
    called the plan “a lie”) is reported speech whose text is the quoted words, with
    `partial` True.
    """

    text: str
    start: int
    end: int
    direct: bool
    speaker: str | None = None
    speaker_mention: str | None = None
    cue: str | None = None
    spans: tuple[tuple[int, int], ...] = field(default=())
    partial: bool = False

    def as_export(self) -> dict:
        """The export contract's fields for this quote (PRODUCT.md)."""
        return {
            "text": self.text,
            "speaker": self.speaker,
            "speaker_mention": self.speaker_mention,
            "direct": self.direct,
            "start": self.start,
            "end": self.end,
            "cue": self.cue,
            "partial": self.partial,
        }
