"""Aligning quote renderings across a story's articles into statements."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from storydesk.quotes.align import Rendering, Statement, align, pick_reference, same_speaker

DATA = Path(__file__).parent / "data" / "statements.jsonl"
FIELDS = ("article", "text", "speaker", "direct", "published", "index")


def _stories() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]


def _rendering(row: dict) -> Rendering:
    return Rendering(**{name: row[name] for name in FIELDS})


@pytest.fixture(scope="module")
def aligned() -> list[tuple[dict, list[Statement]]]:
    """Each labelled mini-story aligned once."""
    return [(story, align([_rendering(r) for r in story["renderings"]]))
            for story in _stories()]


def _labels(story: dict) -> dict[tuple[str, int], set[str]]:
    return {(r["article"], r["index"]): set(r["statement"].split("|"))
            for r in story["renderings"]}


def test_fixture_has_several_multi_article_stories() -> None:
    stories = _stories()
    assert len(stories) >= 3
    for story in stories:
        assert 3 <= len({r["article"] for r in story["renderings"]}) <= 5


def test_statements_match_the_labelled_groups(aligned) -> None:
    for story, statements in aligned:
        labels = _labels(story)
        assert sum(len(s.renderings) for s in statements) == len(story["renderings"])
        found: dict[str, int] = {}
        for number, statement in enumerate(statements):
            keys = [(r.article, r.index) for r, _ in statement.renderings]
            # A rendering labelled with several statements (it spans two quotes of another
            # article) may join any one of them; the group's label is what all members share.
            shared = set.intersection(*(labels[k] for k in keys))
            assert shared, (story["story"], [labels[k] for k in keys])
            for label in shared:
                if all(labels[k] == {label} or len(labels[k]) > 1 for k in keys):
                    assert found.setdefault(label, number) == number, (story["story"], label)
        single = {next(iter(v)) for v in labels.values() if len(v) == 1}
        assert single <= set(found), (story["story"], single - set(found))


def test_labelled_fidelity_kinds(aligned) -> None:
    for story, statements in aligned:
        expected = {(r["article"], r["index"]): r["kind"] for r in story["renderings"]
                    if "kind" in r}
        for statement in statements:
            for rendering, fidelity in statement.renderings:
                key = (rendering.article, rendering.index)
                if key in expected:
                    assert fidelity.kind == expected[key], (key, fidelity.diff_text())
                if fidelity.kind == "altered":
                    assert fidelity.reason


def test_one_article_never_has_two_different_quotes_in_a_statement(aligned) -> None:
    for _, statements in aligned:
        for statement in statements:
            texts: dict[str, set[str]] = {}
            for rendering, _ in statement.renderings:
                texts.setdefault(rendering.article, set()).add(rendering.text)
            assert all(len(t) == 1 for t in texts.values())


def test_speakers_of_a_statement_are_one_person(aligned) -> None:
    for _, statements in aligned:
        for statement in statements:
            for rendering, _ in statement.renderings:
                if rendering.speaker:
                    assert same_speaker(rendering.speaker, statement.speaker)


def test_reference_is_the_fullest_direct_rendering(aligned) -> None:
    for _, statements in aligned:
        for statement in statements:
            assert statement.reference in [r for r, _ in statement.renderings]
            direct = [r for r, _ in statement.renderings if r.direct]
            if direct:
                assert statement.reference.direct
                longest = max(len(r.text.split()) for r in direct)
                assert len(statement.reference.text.split()) >= longest - 1
            reference_verdict = dict(statement.renderings)[statement.reference]
            assert reference_verdict.kind == "verbatim"


def test_output_order_is_deterministic_and_by_earliest_rendering(aligned) -> None:
    story, statements = aligned[0]
    shuffled = [_rendering(r) for r in story["renderings"]]
    random.Random(7).shuffle(shuffled)
    again = align(shuffled)
    assert [s.as_export() for s in again] == [s.as_export() for s in statements]
    firsts = [min(r.order() for r, _ in s.renderings) for s in statements]
    assert firsts == sorted(firsts)


def test_speaker_name_forms() -> None:
    assert same_speaker("John Kirby", "Kirby")
    assert same_speaker("Mr. Kirby", "Mr Kirby")
    assert same_speaker("John Kirby", "J. Kirby")
    assert same_speaker("Ebrahim Raisi", "Ibrahim Raisi")
    assert not same_speaker("John Kirby", "Jane Kirby")
    assert not same_speaker("John Kirby", "Antony Blinken")
    assert not same_speaker(None, "Kirby")


def test_unknown_speaker_joins_only_on_a_strong_match() -> None:
    renderings = [
        Rendering("a", "The new ferry will carry four hundred passengers a day.", "Ada Lenz",
                  published="2031-01-01T08:00:00Z"),
        Rendering("b", "The new ferry will carry 400 passengers a day.", None,
                  published="2031-01-01T09:00:00Z"),
        Rendering("c", "The old pier needs a new roof before the winter.", None,
                  published="2031-01-01T10:00:00Z"),
    ]
    statements = align(renderings)
    assert [[r.article for r, _ in s.renderings] for s in statements] == [["a", "b"], ["c"]]
    assert statements[0].speaker == "Ada Lenz"
    assert statements[1].speaker is None


def test_pick_reference_prefers_direct_then_earliest() -> None:
    reported = Rendering("a", "she said the harbour would be closed for the whole of the spring",
                         "Ada Lenz", direct=False, published="2031-01-01")
    early = Rendering("b", "The harbour will be closed in spring.", "Ada Lenz",
                      published="2031-01-02")
    late = Rendering("c", "The harbour will be closed in spring!", "Ada Lenz",
                     published="2031-01-03")
    assert pick_reference([late, reported, early]) == early


def test_empty_story() -> None:
    assert align([]) == []


def test_copies_of_an_article_align_like_the_article(aligned) -> None:
    """Syndicated copies repeat an article's quotes word for word: each copy's renderings
    join the statements the original's join, with the same fidelity."""
    story, statements = aligned[0]
    renderings = [_rendering(r) for r in story["renderings"]]
    original = renderings[-1].article
    copies = [Rendering(f"{r.article}-copy{n}", r.text, r.speaker, r.direct,
                        r.published, r.index)
              for n in range(5) for r in renderings if r.article == original]
    with_copies = align(renderings + copies)
    assert len(with_copies) == len(statements)
    for before, after in zip(statements, with_copies, strict=True):
        kinds = {(r.article, r.index): f.kind for r, f in before.renderings}
        for r, f in after.renderings:
            assert f.kind == kinds[(r.article.split("-copy")[0], r.index)]
        assert len(after.renderings) == len(before.renderings) + 5 * sum(
            1 for r, _ in before.renderings if r.article == original)
