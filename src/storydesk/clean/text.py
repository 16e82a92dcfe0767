"""Cleaning a plain-text scrape into an article: furniture out, headings kept, nothing lost.

The cleaner works line by line, because scrapers put each page element on its own line. A line
is removed only when a furniture rule recognises the whole line (see :mod:`furniture`), or when
its neighbours show what it is: the headline after a "READ MORE" marker, the caption after a
photo credit, a name directly above a date line (a byline). Every removal is recorded with its
reason; every other line is kept, as the title, a heading, or a paragraph.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from storydesk.article import Block, Removal
from storydesk.clean import furniture
from storydesk.clean.furniture import Hint

QUOTE_CHARS = "\"“”„«»‘’'‚‹›"
MENU_REASONS = {"navigation menu", "navigation link", "sharing or sign-up widget"}
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# No furniture line is longer than this; longer lines skip the furniture rules.
MAX_FURNITURE_CHARS = 240


@dataclass(slots=True)
class CleanText:
    """The result of cleaning: article text, its block structure, removals and metadata hints."""

    text: str
    blocks: list[Block]
    removed: list[Removal]
    hints: list[Hint] = field(default_factory=list)
    kept_lines: list[str] = field(default_factory=list)

    @property
    def title(self) -> str | None:
        """The title line, if the text opened with one."""
        for block in self.blocks:
            if block.kind == "title":
                return self.text[block.start : block.end]
        return None


@dataclass(slots=True)
class _Line:
    number: int
    text: str
    reason: str | None = None

    @property
    def kept(self) -> bool:
        return self.reason is None and bool(self.text)


def normalise(raw: str) -> str:
    """Unicode NFC, one kind of line break, no invisible characters, no no-break spaces."""
    raw = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    if _INVISIBLE_RE.search(raw):
        raw = _INVISIBLE_RE.sub("", raw)
    return raw.replace("\u00a0", " ")


def normalise_line(line: str) -> str:
    """A line as the cleaner sees it: normalised, white space collapsed."""
    return " ".join(normalise(line).split())


def headline_like(line: str) -> bool:
    """A short line without closing punctuation: a headline, a heading or a teaser title."""
    words = line.split()
    if not 2 <= len(words) <= 25 or line[0] in QUOTE_CHARS + "-–—•*":
        return False
    return not line.rstrip(QUOTE_CHARS + ")").endswith((".", ",", ";", ":", "…"))


def short_dek(line: str) -> bool:
    """A one-sentence teaser summary: short, closed with a full stop, not a quote."""
    words = line.split()
    return (
        3 <= len(words) <= 15
        and line.endswith((".", "!", "?"))
        and not has_quote(line)
        and len(re.findall(r"[.!?](?:\s|$)", line)) == 1
    )


QUOTE_MARK = re.compile(r"[\"“”„«»‹›]|(?<![^\W\d_])['‘’‚]|['‘’‚](?![^\W\d_])")


def has_quote(text: str) -> bool:
    """Whether a line holds a quotation mark (an apostrophe inside a word does not count)."""
    return QUOTE_MARK.search(text) is not None


def _similar(a: str, b: str) -> float:
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return len(wa & wb) / max(1, len(wa | wb))


class _Cleaner:
    def __init__(self, raw: str) -> None:
        lines = normalise(raw).split("\n")
        self.lines = [_Line(n, " ".join(t.split())) for n, t in enumerate(lines, 1)]
        self.hints: list[Hint] = []

    def remove(self, index: int, reason: str) -> None:
        self.lines[index].reason = reason

    def hint(self, hint: Hint, index: int) -> None:
        hint.line = self.lines[index].number
        self.hints.append(hint)

    def next_kept(self, index: int, step: int = 1) -> int | None:
        i = index + step
        while 0 <= i < len(self.lines):
            if self.lines[i].kept:
                return i
            i += step
        return None

    def run(self) -> None:
        self.split_date_line()
        for i, line in enumerate(self.lines):
            if line.kept:
                self.classify(i)
        for i, line in enumerate(self.lines):
            if line.reason == "related-content marker":
                self.remove_teasers(i)
            elif line.reason == "photo credit":
                self.remove_caption(i)
        self.remove_pairs()
        self.remove_masthead()

    def split_date_line(self) -> None:
        """A scraper's leading " date 2022-12-10" stamp, maybe followed by more of the page."""
        first = next((i for i, line in enumerate(self.lines) if line.text), None)
        if first is None:
            return
        m = furniture.DATE_LINE.match(self.lines[first].text)
        if not m:
            return
        found = furniture.find_dates(m.group(1))
        if not found:
            return
        number = self.lines[first].number
        stamp = _Line(number, f"date {m.group(1)}", "date line")
        self.hint(Hint("date line", number, stamp.text, value=found[0].value), first)
        rest = _Line(number, m.group(2).strip())
        self.lines[first : first + 1] = [stamp, rest]

    def classify(self, i: int) -> None:
        text = self.lines[i].text
        if len(text) > MAX_FURNITURE_CHARS:
            return
        if found := furniture.date_only(text):
            self.remove(i, "date line")
            self.hint(Hint("printed date", 0, text, value=found.value), i)
            self.claim_byline_above(i)
            return
        reason = furniture.match_rule(text)
        if reason:
            self.remove(i, reason)
            stamp = re.search(r"\d{10}", text) if reason == "live-blog marker" else None
            if stamp and (moment := furniture.epoch_to_datetime(stamp.group(0))):
                self.hint(Hint("epoch stamp", 0, text, value=moment), i)
            return
        if hint := furniture.epoch_stamp(text):
            self.remove(i, "epoch stamp")
            self.hint(hint, i)
        elif hint := furniture.match_author_time(text):
            self.remove(i, "author and time line")
            self.hint(hint, i)
        elif hint := furniture.match_byline(text):
            self.remove(i, "byline")
            self.hint(hint, i)
        elif furniture.RELATED_MARKER.fullmatch(text):
            self.remove(i, "related-content marker")
        elif furniture.LONE_NUMBER.fullmatch(text):
            self.remove(i, "lone number (comment or share count)")

    def claim_byline_above(self, i: int) -> None:
        """A bare name on the line above a date line is the byline ("Jane Doe" / "10 May 2025")."""
        above = self.next_kept(i, -1)
        if above is None or above < i - 2:
            return
        text = self.lines[above].text
        if furniture.NAME_ONLY.fullmatch(text) and furniture.looks_like_person(text):
            self.remove(above, "byline")
            self.hint(Hint("byline", 0, text, authors=[text]), above)

    def remove_teasers(self, marker: int) -> None:
        """Headlines of other articles around a "READ MORE"-style marker, and their summary."""
        after = self.next_kept(marker)
        before = self.next_kept(marker, -1)
        if after is None or not headline_like(self.lines[after].text):
            return
        teaser = self.lines[after].text
        self.remove(after, "teaser headline (another article)")
        if before is None or self.lines[before].text != teaser:
            return
        # A teaser card (its headline on both sides of the marker) may carry a one-line summary;
        # a lone teaser headline is followed by the article again, so nothing more goes.
        self.remove(before, "teaser headline (another article)")
        dek = self.next_kept(after)
        if dek is not None and short_dek(self.lines[dek].text):
            self.remove(dek, "teaser summary (another article)")

    def remove_caption(self, credit: int) -> None:
        """The line after a photo credit is the photo's caption when it is one short sentence."""
        nxt = self.next_kept(credit)
        if nxt is None or nxt > credit + 2:
            return
        text = self.lines[nxt].text
        if len(text.split()) <= 40 and not has_quote(text):
            self.remove(nxt, "photo caption")

    def remove_masthead(self) -> None:
        """The site's name above its menu ("The Harbour Courier" / "News | Sport | ...")."""
        first = self.next_kept(-1)
        if first is None:
            return
        words = self.lines[first].text.split()
        below = next((line for line in self.lines[first + 1 :] if line.text), None)
        if (
            1 <= len(words) <= 5
            and all(w[0].isupper() or w.lower() in ("of", "and", "the", "&") for w in words)
            and below is not None
            and below.reason in MENU_REASONS
        ):
            self.remove(first, "masthead (site name)")
            self.hints.append(Hint("masthead", self.lines[first].number, self.lines[first].text,
                                   outlet=self.lines[first].text))

    def remove_pairs(self) -> None:
        """Adjacent repeats: a paragraph scraped twice, or an image's alt text and caption.

        An alt text and caption pair is two short, nearly identical lines (not the same) that
        come straight after other page furniture.
        """
        kept = [i for i, line in enumerate(self.lines) if line.kept]
        for a, b in itertools.pairwise(kept):
            between = self.lines[a + 1 : b]
            if not (self.lines[a].kept and self.lines[b].kept) or any(ln.text for ln in between):
                continue  # only lines next to each other (blank lines aside) repeat
            first, second = self.lines[a].text, self.lines[b].text
            above = next((ln for ln in reversed(self.lines[:a]) if ln.text), None)
            if first == second:
                self.remove(b, "repeated line")
            elif (
                above is not None
                and above.reason is not None
                and len(first.split()) <= 30
                and len(second.split()) <= 30
                and _similar(first, second) >= 0.6
                and not has_quote(first + " " + second)
            ):
                self.remove(a, "photo caption (alt text and caption pair)")
                self.remove(b, "photo caption (alt text and caption pair)")


def clean_text(raw: str, known_title: str | None = None) -> CleanText:
    """Clean a plain-text article: remove furniture, keep headings, record what went and why.

    ``known_title`` is the title when the input carried one (an HTML page, a feed entry); a
    first line equal to it is marked as the title rather than repeated as a heading.
    """
    cleaner = _Cleaner(raw)
    cleaner.run()
    kept = [line for line in cleaner.lines if line.kept]
    removed = [Removal(line.number, line.text, line.reason)
               for line in cleaner.lines if line.reason]

    parts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    seen_paragraph = False
    for index, line in enumerate(kept):
        text = line.text
        if known_title and index == 0 and " ".join(known_title.split()) == text:
            kind = "title"
        elif headline_like(text):
            kind = "title" if index == 0 and not known_title else "heading"
        else:
            kind = "paragraph"
            seen_paragraph = True
        if kind == "title" and seen_paragraph:
            kind = "heading"
        if parts:
            offset += 2  # the blank line between blocks
        blocks.append(Block(kind, offset, offset + len(text)))
        parts.append(text)
        offset += len(text)
    return CleanText("\n\n".join(parts), blocks, removed, cleaner.hints, [p for p in parts])
