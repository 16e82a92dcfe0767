"""The cited extractive summary, checked on small fictional dossiers the way a reader would:
every sentence is the words of a cited article, well-supported facts come first, nothing is
said twice, and the sentences are told in order."""

from __future__ import annotations

from typing import Any

import pytest

from storydesk.dossier.summary import SummarySentence, summarise

# Fictional outlets: "harbour" and "valley" are independent, "wire" syndicates "harbour".
ARTICLES = [
    {"id": "a-harbour", "outlet": "The Brisling Harbour Post", "title": "Ferry lost",
     "published": "2031-05-06T07:00:00", "copy_of": None},
    {"id": "a-valley", "outlet": "Ostrel Valley Gazette", "title": "Ferry lost off Brisling",
     "published": "2031-05-06T09:30:00", "copy_of": None},
    {"id": "a-wire", "outlet": "Pelmar Wire", "title": "Ferry lost",
     "published": "2031-05-06T08:00:00", "copy_of": "a-harbour"},
    {"id": "a-blog", "outlet": None, "title": "Notes from the quay",
     "published": "2031-05-07", "copy_of": None},
]
OUTLETS = {a["id"]: a["outlet"] or a["id"] for a in ARTICLES}


def claim(text: str, support: list[str], start: int = 0, independent: int | None = None,
          others: dict[str, str] | None = None) -> dict[str, Any]:
    """A claim first reported by ``support[0]`` in ``text`` at ``start``; ``others`` gives the
    wording of the other supporting articles (the same words when left out)."""
    others = others or {}
    if independent is None:
        independent = len({a for a in support if a != "a-wire"})
    passages = [{"article": article, "text": others.get(article, text),
                 "start": start if article == support[0] else start + 500,
                 "end": start + len(text)} for article in support]
    return {"text": text, "support": support, "independent_sources": independent,
            "single_source": independent <= 1, "first_reporter": support[0],
            "passages": passages}


def dossier(claims: list[dict[str, Any]],
            timeline: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A story dossier holding the fictional articles and the given claims."""
    return {"story": "s-test", "articles": ARTICLES, "claims": claims, "conflicts": [],
            "entities": [], "timeline": timeline or [], "statements": []}


def dated(claim_index: int, earliest: str, certain: bool = True) -> dict[str, Any]:
    """A timeline entry dating a claim."""
    return {"date": earliest, "earliest": earliest, "latest": earliest, "event": "",
            "articles": [], "claim": claim_index, "certain": certain}


MULTI = ["a-harbour", "a-valley"]
STORY = dossier([
    claim("The ferry Marlow Tern sank two miles off Brisling on Tuesday night with 58 people "
          "aboard.", [*MULTI, "a-wire"], start=0),
    claim("Coastguard crews pulled 51 survivors from the water before dawn, the Brisling "
          "coastguard said.", MULTI, start=120),
    claim("The harbour board has suspended every sailing from Brisling until further notice.",
          MULTI, start=300),
    claim("A local fisherman said he had warned the crew about the swell that evening.",
          ["a-harbour"], start=420),
    claim("Volunteers opened the Brisling chapel hall to families waiting for news overnight.",
          ["a-valley"], start=200),
])


def passages_of(story: dict[str, Any], article_ids: list[str]) -> list[str]:
    """Every passage text that the given articles contribute to the story's claims."""
    return [p["text"] for c in story["claims"] for p in c["passages"]
            if p["article"] in article_ids]


def test_every_sentence_cites_an_outlet_and_quotes_a_cited_article() -> None:
    summary = summarise(STORY, sentences=5)
    assert len(summary) == 5
    for item in summary:
        assert item.cites, item
        assert all(OUTLETS[a] in item.cites for a in item.articles)
        assert any(item.sentence in text for text in passages_of(STORY, item.articles)), item


def test_multi_source_claims_fill_the_summary_before_single_source_ones() -> None:
    chosen = summarise(STORY, sentences=3)
    assert {s.claim for s in chosen} == {0, 1, 2}
    assert not any(s.single_source for s in chosen)


def test_single_source_claims_only_fill_the_gap_and_are_marked() -> None:
    summary = summarise(STORY, sentences=4)
    singles = [s for s in summary if s.single_source]
    assert len(singles) == 1 and singles[0].claim in {3, 4}
    assert len(singles[0].articles) == 1
    everything = summarise(STORY, sentences=10)
    assert {s.claim: s.single_source for s in everything} == {
        0: False, 1: False, 2: False, 3: True, 4: True}


def test_near_duplicate_claims_are_not_both_chosen() -> None:
    story = dossier([
        claim("The ferry Marlow Tern sank two miles off Brisling on Tuesday night with 58 "
              "people aboard.", MULTI, start=0),
        claim("The ferry Marlow Tern sank two miles off Brisling late on Tuesday night with 58 "
              "people on board.", MULTI, start=40),
        claim("The harbour board has suspended every sailing from Brisling until further "
              "notice.", MULTI, start=300),
    ])
    claims = [s.claim for s in summarise(story, sentences=3)]
    assert claims == [0, 2]


def test_redundant_claim_loses_to_a_new_fact_of_equal_support() -> None:
    story = dossier([
        claim("Coastguard crews pulled 51 survivors from the cold water before dawn on "
              "Wednesday.", MULTI, start=0),
        claim("Coastguard crews pulled survivors from the cold water before dawn, using two "
              "lifeboats.", MULTI, start=100),
        claim("The harbour board suspended every sailing from Brisling on Wednesday.", MULTI,
              start=200),
    ])
    assert [s.claim for s in summarise(story, sentences=2)] == [0, 2]


def test_stronger_independent_support_is_chosen_first() -> None:
    story = dossier([
        claim("A second ferry, the Dunlin Star, was held in port for checks on Wednesday.",
              ["a-harbour", "a-wire"], start=0),  # wire copies the harbour: one source
        claim("The harbour board suspended every sailing from Brisling on Wednesday.", MULTI,
              start=100),
    ])
    assert [s.claim for s in summarise(story, sentences=1)] == [1]


def test_sentences_follow_the_timeline_dates() -> None:
    story = dossier(
        [
            claim("An inquiry into the sinking will open at the Brisling guildhall next month.",
                  MULTI, start=0),
            claim("The Marlow Tern failed a stability check at Pelmar dockyard in 2029.",
                  MULTI, start=100),
            claim("The ferry Marlow Tern sank two miles off Brisling on Tuesday night.",
                  MULTI, start=200),
        ],
        timeline=[dated(0, "2031-06-01"), dated(1, "2029-01-01"), dated(2, "2031-05-05")],
    )
    assert [s.claim for s in summarise(story)] == [1, 2, 0]


def test_a_claim_takes_the_date_its_first_reporter_gives() -> None:
    """Another outlet's version dates claim 0 years earlier (its sentence adds what the
    ferry did in 2029); the summary tells claim 0 at its first reporter's date."""
    story = dossier(
        [
            claim("The ferry Marlow Tern sank two miles off Brisling on Tuesday night.",
                  MULTI, start=0),
            claim("The Marlow Tern failed a stability check at Pelmar dockyard in 2030.",
                  MULTI, start=100),
        ],
        timeline=[{**dated(0, "2031-05-05"), "articles": ["a-harbour"]},
                  {**dated(0, "2029-03-01"), "articles": ["a-valley"]},
                  {**dated(1, "2030-01-01"), "articles": ["a-harbour"]}],
    )
    assert [s.claim for s in summarise(story)] == [1, 0]


def test_undated_claims_go_by_publication_then_position() -> None:
    story = dossier(
        [
            claim("Volunteers opened the Brisling chapel hall to families overnight.",
                  ["a-valley", "a-harbour"], start=10),
            claim("Coastguard crews pulled 51 survivors from the water before dawn.", MULTI,
                  start=300),
            claim("The harbour board suspended every sailing from Brisling.", MULTI,
                  start=50),
            claim("The ferry Marlow Tern sank two miles off Brisling on Tuesday night.",
                  MULTI, start=900),
        ],
        timeline=[dated(3, "2031-05-05")],
    )
    # Claim 3 is dated the day before publication; the others are undated and take their
    # first reporter's publication date: the harbour (07:00) before the valley (09:30), and
    # within the harbour article by position.
    assert [s.claim for s in summarise(story)] == [3, 2, 1, 0]


def test_requested_count_is_respected() -> None:
    assert len(summarise(STORY, sentences=2)) == 2
    assert len(summarise(STORY)) == 5  # default 6, but only five claims qualify
    assert summarise(STORY, sentences=0) == []


@pytest.mark.parametrize("story", [{}, {"claims": []}, dossier([])])
def test_story_without_claims_gives_no_summary(story: dict[str, Any]) -> None:
    assert summarise(story) == []


@pytest.mark.parametrize(("passage", "expected"), [
    ("TARNWICK, Vesmark — The ferry Marlow Tern sank two miles off Brisling.",
     "The ferry Marlow Tern sank two miles off Brisling."),
    ("LONDON (Reuters) - The ferry Marlow Tern sank two miles off Brisling.",
     "The ferry Marlow Tern sank two miles off Brisling."),
    ("BRISLING (PW) - The ferry Marlow Tern sank two miles off Brisling.",
     "The ferry Marlow Tern sank two miles off Brisling."),
    ("  The ferry Marlow Tern sank two miles off Brisling.  ",
     "The ferry Marlow Tern sank two miles off Brisling."),
    ("UK - Vesmark talks on the sinking of the Marlow Tern resumed.",
     "UK - Vesmark talks on the sinking of the Marlow Tern resumed."),
])
def test_leading_datelines_and_whitespace_are_trimmed(passage: str, expected: str) -> None:
    summary = summarise(dossier([claim(passage, MULTI)]))
    assert [s.sentence for s in summary] == [expected]


def test_unbalanced_quotation_marks_at_the_edges_are_trimmed() -> None:
    story = dossier([
        claim('” The ferry Marlow Tern sank two miles off Brisling on Tuesday night.', MULTI),
        claim('"We lost the light early," she said, "and the swell was brutal."', MULTI,
              start=100),
        claim('The harbour master said the crew had been "told to wait for the tide.', MULTI,
              start=200),
    ])
    sentences = [s.sentence for s in summarise(story)]
    assert sentences == [
        "The ferry Marlow Tern sank two miles off Brisling on Tuesday night.",
        '"We lost the light early," she said, "and the swell was brutal."',
        'The harbour master said the crew had been "told to wait for the tide.',
    ]


def test_fragments_questions_and_unattributed_quotes_are_skipped() -> None:
    story = dossier([
        claim("Fifty-one survivors were rescued.", MULTI, start=0),  # five words
        claim("Why did the Marlow Tern leave port in a gale warning?", MULTI, start=100),
        claim('"We have never seen a swell like that on this coast."', MULTI, start=150),
        # A quote running on into the next paragraph has no closing mark and no speaker.
        claim('"We had boats in the water within minutes of the first call.', MULTI, start=170),
        claim("The ferry Marlow Tern sank two miles off Brisling on Tuesday night.", MULTI,
              start=200),
        claim('"We have never seen a swell like that," the harbour master said on Wednesday.',
              MULTI, start=300),
    ])
    assert [s.claim for s in summarise(story)] == [4, 5]


def test_lower_case_fragment_is_used_only_when_nothing_else_is_left() -> None:
    lower = claim("the harbour board would suspend every sailing from Brisling.", MULTI)
    single = claim("A local fisherman said he had warned the crew about the swell.",
                   ["a-valley"], start=100)
    assert [s.claim for s in summarise(dossier([lower, single]), sentences=1)] == [1]
    assert [s.sentence for s in summarise(dossier([lower]))] == [
        "the harbour board would suspend every sailing from Brisling."]


def test_cites_put_independent_outlets_first_and_name_each_once() -> None:
    story = dossier([
        claim("The ferry Marlow Tern sank two miles off Brisling on Tuesday night.",
              ["a-wire", "a-valley", "a-harbour", "a-blog"], independent=3),
    ])
    (item,) = summarise(story)
    # The wire copy reported it first, but it is a copy: independent outlets come first, by
    # publication time, and the blog with no outlet is cited by its article id.
    assert item.cites == ["The Brisling Harbour Post", "Ostrel Valley Gazette", "a-blog",
                          "Pelmar Wire"]
    assert item.articles == ["a-wire", "a-valley", "a-harbour", "a-blog"]


def test_sentence_is_the_first_reporters_wording() -> None:
    story = dossier([
        claim("The ferry Marlow Tern sank two miles off Brisling on Tuesday night.", MULTI,
              others={"a-valley": "The Marlow Tern went down near Brisling late on Tuesday."}),
    ])
    assert summarise(story)[0].sentence == (
        "The ferry Marlow Tern sank two miles off Brisling on Tuesday night.")


def test_to_dict_has_the_export_fields() -> None:
    item = SummarySentence(sentence="The ferry sank off Brisling on Tuesday night.",
                           cites=["Ostrel Valley Gazette"], articles=["a-valley"], claim=3,
                           single_source=True)
    assert item.to_dict() == {"sentence": "The ferry sank off Brisling on Tuesday night.",
                              "cites": ["Ostrel Valley Gazette"], "articles": ["a-valley"],
                              "claim": 3, "single_source": True}


def test_summary_is_deterministic_and_breaks_ties_by_claim_order() -> None:
    twins = dossier([
        claim("The harbour board suspended all sailings from Brisling for a week.", MULTI),
        claim("Volunteers opened the chapel hall at Brisling for anxious families.", MULTI),
    ])
    assert [s.claim for s in summarise(twins, sentences=1)] == [0]
    first = [s.to_dict() for s in summarise(STORY, sentences=4)]
    assert first == [s.to_dict() for s in summarise(STORY, sentences=4)]
