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
    for reported speech. `form` tells how the words were found: "quote" (quoted words
    standing as an utterance), "partial" (quoted words inside the writer's own sentence:
    called the plan “a lie”; reported speech whose text is the quoted words), "clause" (the
    clause a reporting verb governs, or the sentence around "according to") or "object"
    (what a reporting verb takes when it has no clause: "asked her to call him").
    """

    text: str
    start: int
    end: int
    direct: bool
    speaker: str | None = None
    speaker_mention: str | None = None
    cue: str | None = None
    spans: tuple[tuple[int, int], ...] = field(default=())
    form: str = "quote"

    @property
    def partial(self) -> bool:
        """Quoted words inside the writer's own sentence."""
        return self.form == "partial"

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
            "form": self.form,
            "partial": self.partial,
        }
