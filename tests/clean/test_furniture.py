"""Cleaning scraped text: furniture goes, with its reason; every article sentence stays."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storydesk.clean.furniture import match_rule
from storydesk.clean.text import clean_text, normalise_line
from tests.conftest import CORPUS, seed_path

# The furniture lines of each reference article, as PRODUCT.md lists them by kind.
SEED_FURNITURE = {
    "000": [
        "date 2022-12-10", "Jump to content", "Liveupdated1670645969", "Alisha Rahaman Sarkar",
        "Saturday 10 December 2022 04:19", "Comments", "1670645947", "1670643656",
        "Alisha Rahaman Sarkar10 December 2022 04:19",
        "Alisha Rahaman Sarkar10 December 2022 03:40",
    ],
    "001": [
        "date 2022-12-09", "Elsa Maishman - BBC News", "·2 min read",
        "Russian President Vladimir Putin meets Ianian President Ebrahim Raisi in July.",
        "Russian President Vladimir Putin with Ianian President Ebrahim Raisi in July.",
    ],
    "002": [
        "BBC News by Elsa Maishman and Sam Hancock", "photo credit, Reuters",
        "Ukraine accused Iran of sending drones to Russia, which the Middle Eastern country "
        "denied, then admitted.",
        "Russian President Vladimir Putin and Iranian President Ibrahim Raisi in July.",
        "Russia’s war against Ukraine continues to affect many cities and regions in Donbas, "
        "including Bakhmut.",
    ],
    "003": [
        "8", "READ MORE", "Russia restocks supply of Iranian kamikaze drones to strike Ukraine",
    ],
    "004": [
        "As US Stalls on Ukraine Aid, Europe Leads Worldwide Hunt for Critically Needed "
        "Artillery Shells",
        "Other Topics of Interest", "It’s a good time to manufacture 155mm howitzer rounds.",
        "To suggest a correction or clarification, write to us here",
        "You can also highlight the text and press Ctrl + Enter", "Comments (0)",
        "Write the first comment for this!",
    ],
}

# The furniture of the fictional corpus (see examples/README.md).
CORPUS_FURNITURE = {
    "harbour_courier_syndicated.txt": [
        "date 2025-03-12", "Jump to content", "The Harbour Courier",
        "News | Island | Sport | Weather | Notices", "Subscribe",
        "By Ilse Varga, Meridian Press Agency", "Comments", "·3 min read", "Share", "READ MORE",
        "Skelde council approves new car park at the old fish market after two-year row",
        "Advertisement", "Copyright Meridian Press Agency. All rights reserved.",
        "To suggest a correction or clarification, write to us here",
        "Spotted something wrong? Let our desk know", "Comments (0)",
        "Write the first comment for this!", "No one has commented yet - start the conversation",
        "Sign in or register to comment", "Most read", "Back to top",
    ],
    "live_blog.txt": [
        "Liveupdated1741777500", "Marta Quell", "Wednesday 12 March 2025 06:12", "Comments", "12",
        "Share", "Marta Quell12 March 2025 11:05", "1741777500", "Ben Orrin12 March 2025 10:20",
        "1741774800",
    ],
    "agency_digest.txt": [
        "By Pavel Orsk, Eastwater News Service", "Thu, Mar. 13, 2025",
        "photo credit, Eastwater News Service / Ruth Amsel",
        "Harbour tolls in Tervisk to rise 6 percent from April", "Other Topics of Interest",
        "The port authority says higher dues are needed to pay for dredging the inner basin.",
    ],
    "wire_original.txt": [
        "Ilse Varga - Meridian Press Agency", "TERVISK, Lorvania, March 12, 2025",
    ],
    "translated_rewrite.txt": [
        "Nordaue Allgemeine by Katrin Wollmer and Jonas Brett",
        "12.03.2025, 15:20 | Panorama | Translated from the German",
        "photo credit, Meridian Press Agency",
    ],
}


def raw_lines(text: str) -> list[str]:
    """The non-blank lines of a raw scrape, normalised as the cleaner normalises them."""
    lines = []
    for line in text.splitlines():
        line = normalise_line(line)
        m = re.match(r"date (\d{4}-\d{2}-\d{2}) ?(.*)", line)
        if m:  # a scraper's date stamp shares its line with the next element
            lines += [f"date {m.group(1)}", m.group(2)]
        elif line:
            lines.append(line)
    return [line for line in lines if line]


def check_cleaning(raw: str, furniture: list[str]) -> None:
    """Every listed furniture line is gone and recorded; every other line is kept whole."""
    cleaned = clean_text(raw)
    kept = set(cleaned.text.split("\n\n"))
    removed = {r.text for r in cleaned.removed}
    for line in furniture:
        assert line not in kept, f"furniture kept: {line!r}"
        assert line in removed, f"furniture not recorded as removed: {line!r}"
    for line in raw_lines(raw):
        if line not in furniture:
            assert line in kept, f"article line lost: {line!r}"
    assert all(r.reason for r in cleaned.removed)


@pytest.mark.seeds
@pytest.mark.parametrize("number", sorted(SEED_FURNITURE))
def test_seed_furniture_removed_and_no_sentence_lost(seeds_dir: Path, number: str) -> None:
    raw = seed_path(seeds_dir, number).read_text(encoding="utf-8")
    check_cleaning(raw, SEED_FURNITURE[number])


@pytest.mark.parametrize("name", sorted(CORPUS_FURNITURE))
def test_corpus_furniture_removed_and_no_sentence_lost(name: str) -> None:
    raw = (CORPUS / name).read_text(encoding="utf-8")
    furniture = CORPUS_FURNITURE[name]
    cleaned = clean_text(raw)
    if name == "live_blog.txt":  # every post ends with an author line and an epoch stamp
        furniture = furniture + [r.text for r in cleaned.removed
                                 if r.reason in ("author and time line", "epoch stamp")]
    if name in ("agency_digest.txt", "translated_rewrite.txt"):  # photo captions
        furniture = furniture + [r.text for r in cleaned.removed if r.reason == "photo caption"]
    check_cleaning(raw, furniture)


def test_removals_say_why() -> None:
    raw = "Ferry service resumes\n·4 min read\nREAD MORE\nTolls rise again in April\n" \
          "The ferry sailed at dawn on Monday with forty passengers aboard.\nComments (3)\n"
    reasons = {r.text: r.reason for r in clean_text(raw).removed}
    assert reasons == {
        "·4 min read": "reading time",
        "READ MORE": "related-content marker",
        "Tolls rise again in April": "teaser headline (another article)",
        "Comments (3)": "comment widget",
    }


def test_headings_kept_as_structure() -> None:
    raw = ("Harbour reopens after storm\n\nThe harbour reopened on Monday, officials said.\n\n"
           "Repairs to the breakwater\n\nCrews worked through the night to repair the wall.\n")
    cleaned = clean_text(raw)
    kinds = [(b.kind, cleaned.text[b.start:b.end]) for b in cleaned.blocks]
    assert kinds == [
        ("title", "Harbour reopens after storm"),
        ("paragraph", "The harbour reopened on Monday, officials said."),
        ("heading", "Repairs to the breakwater"),
        ("paragraph", "Crews worked through the night to repair the wall."),
    ]


def test_a_repeated_paragraph_is_kept_once() -> None:
    line = "The council voted to close the bridge to lorries until the inspection ends."
    cleaned = clean_text(f"{line}\n{line}\nIt will reopen in May.")
    assert cleaned.text.split("\n\n") == [line, "It will reopen in May."]
    assert [r.reason for r in cleaned.removed] == ["repeated line"]


WORDS = st.sampled_from(
    "the council harbour minister said on Tuesday that ferry would sail again after inspectors "
    "found no fault with its engines while residents waited for news of relatives and the "
    "coastguard reported 14 people rescued about 200 passengers a spokeswoman told reporters "
    "comments share read more photo credit by live updated".split()
)
SENTENCE = st.builds(
    lambda words, end: (" ".join(words).capitalize() + end),
    st.lists(WORDS, min_size=6, max_size=30),
    st.sampled_from([".", ".", ".", "?", "!", "”"]),
)
FURNITURE = st.sampled_from([
    "Jump to content", "Comments", "·2 min read", "READ MORE", "Share", "1741777500",
    "Comments (4)", "Advertisement", "Write the first comment for this!", "12",
    "To suggest a correction or clarification, write to us here",
])


def near_repeat(lines: list[tuple[str, str]], index: int) -> bool:
    """Whether a line nearly repeats a neighbour (a caption pair or a line scraped twice)."""
    words = set(lines[index][1].lower().split())
    for other in (index - 1, index + 1):
        if 0 <= other < len(lines):
            theirs = set(lines[other][1].lower().split())
            if len(words & theirs) / len(words | theirs) >= 0.5:
                return True
    return False


PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=4).map(lambda s: ("prose", " ".join(s)))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(PARAGRAPH, FURNITURE.map(lambda f: ("furniture", f))),
                min_size=1, max_size=25))
def test_prose_is_never_removed(lines: list[tuple[str, str]]) -> None:
    """Whatever furniture surrounds them, paragraphs of whole sentences are kept."""
    cleaned = clean_text("\n".join(text for _, text in lines))
    kept = cleaned.text.split("\n\n")
    for index, (kind, text) in enumerate(lines):
        # A one-line question or exclamation after "READ MORE" may be a teaser headline;
        # a paragraph that closes with a full stop never is.
        if kind == "prose" and text.endswith("."):
            assert text in kept or near_repeat(lines, index)
        elif kind == "furniture" and len(text.split()) > 1:
            assert text not in kept


@pytest.mark.parametrize("line", [
    "Read comments from residents who said the ferry was late.",
    "Share on the harbour wall the council put up new signs.",
    "Join the conversation the council started with the harbour board on Tuesday.",
])
def test_a_sentence_that_starts_like_a_widget_is_kept(line: str) -> None:
    assert match_rule(line) is None


@pytest.mark.parametrize("line", [
    "Read comments (12)", "View all 45 comments →", "Be the first to comment on this story!",
    "No one has commented yet - start the conversation", "Comments are closed.",
    "Share on WhatsApp (opens in new window)", "Share this article",
])
def test_widgets_are_furniture(line: str) -> None:
    assert match_rule(line) is not None
