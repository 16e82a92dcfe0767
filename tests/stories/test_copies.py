"""Copy links between pairs of articles: kinds, direction and evidence."""

from __future__ import annotations

import itertools

import numpy as np

from storydesk.stories.copies import (
    CopyDoc,
    SentenceCache,
    align,
    choose_links,
    rewritten_copy,
    split_sentences,
    verbatim_copy,
)

PARAGRAPHS = [
    "Flood barriers on the river Aske failed on Thursday night, sending water into the lower "
    "town of Brandholm for the first time since 1987.",
    "The mayor, Agnes Tull, said about 600 homes had been evacuated and that two schools would "
    "serve as shelters until the water receded.",
    "Engineers from the regional water board said a sluice gate had jammed half open, and that "
    "they had warned about its condition in a report last spring.",
    "Residents described waking to alarms shortly after two in the morning and wading through "
    "knee-deep water to reach the evacuation buses.",
    "The board said it would publish the findings of its inspection within a month.",
]
LOCAL = ("In the neighbouring village of Orrby, volunteers filled sandbags through the night "
         "at the fire station on Mill Lane.")


def doc(seq: int, paragraphs: list[str], published: str | None = "2024-05-02",
        outlet: str | None = None, furniture: str = "") -> CopyDoc:
    return CopyDoc.of(seq, f"a{seq}", "\n".join(paragraphs), published, True, "en", outlet,
                      furniture)


def test_exact_copy_ignores_spacing_and_case() -> None:
    a = doc(1, PARAGRAPHS)
    b = doc(2, [p.upper() + "  " for p in PARAGRAPHS])
    link = verbatim_copy(a, b)
    assert link is not None and link.kind == "exact"


def test_near_duplicate_after_light_edits() -> None:
    edited = [p.replace("600", "650").replace("Thursday", "Friday") for p in PARAGRAPHS]
    link = verbatim_copy(doc(1, PARAGRAPHS), doc(2, edited, published="2024-05-03"))
    assert link is not None and link.kind == "near-duplicate"
    assert (link.original, link.copy) == ("a1", "a2")  # the earlier one is the original


def test_syndicated_copy_with_a_paragraph_cut_and_one_added() -> None:
    syndicated = [*PARAGRAPHS[:2], *PARAGRAPHS[3:], LOCAL]
    link = verbatim_copy(doc(1, PARAGRAPHS), doc(2, syndicated))
    assert link is not None and link.kind in {"syndicated", "near-duplicate"}
    if link.kind == "syndicated":
        assert link.evidence["passages"], "the shared passages are the evidence"
        assert link.evidence["containment"] >= 0.6


def test_syndicated_copy_with_a_third_of_the_text_new() -> None:
    syndicated = [*PARAGRAPHS[:3], LOCAL, LOCAL.replace("Orrby", "Kelsund")]
    link = verbatim_copy(doc(1, PARAGRAPHS), doc(2, syndicated))
    assert link is not None and link.kind == "syndicated"
    assert any("sluice gate had jammed" in p for p in link.evidence["passages"])


def test_the_article_crediting_the_other_outlet_is_the_copy() -> None:
    # The copy is fuller and earlier-ingested, but its byline credits the original's outlet.
    wire = doc(2, PARAGRAPHS[:4], outlet="Aske Valley Wire")
    local = doc(1, [*PARAGRAPHS[:4], LOCAL], outlet="Brandholm Post",
                furniture="By Ruth Lenn (Aske Valley Wire)")
    link = verbatim_copy(local, wire)
    assert link is not None and (link.original, link.copy) == ("a2", "a1")


def test_articles_sharing_one_quote_are_not_copies() -> None:
    other = doc(2, [
        "Opposition councillors demanded an emergency session after the Aske barriers failed.",
        PARAGRAPHS[1],
        "The water board declined to comment on the timing of its repairs.",
        "Insurers said claims were likely to exceed those of the 1987 flood.",
    ])
    assert verbatim_copy(doc(1, PARAGRAPHS), other) is None


def test_alignment_keeps_order() -> None:
    similarity = np.array([[0.9, 0.1, 0.1], [0.1, 0.1, 0.95], [0.1, 0.92, 0.1]])
    pairs = align(similarity)
    assert pairs in ([(0, 0), (1, 2)], [(0, 0), (2, 1)])
    assert all(a1 < a2 and b1 < b2 for (a1, b1), (a2, b2) in itertools.pairwise(pairs))


def fake_encoder(sentences: list[str]) -> np.ndarray:
    """Sentences that share their first three words get the same vector."""
    keys = sorted({" ".join(s.lower().split()[:3]) for s in sentences})
    out = np.zeros((len(sentences), len(keys) + 1), dtype=np.float32)
    for row, sentence in enumerate(sentences):
        out[row, keys.index(" ".join(sentence.lower().split()[:3]))] = 1.0
    return out


def test_rewrite_is_found_by_in_order_sentence_alignment() -> None:
    original = doc(1, PARAGRAPHS)
    rewrite = doc(2, [p.replace("said", "stated").replace("would", "will") for p in PARAGRAPHS],
                  published="2024-05-03")
    link = rewritten_copy(original, rewrite, SentenceCache(fake_encoder))
    assert link is not None and link.kind == "rewritten"
    assert (link.original, link.copy) == ("a1", "a2")
    assert link.evidence["coverage"] == 1.0 and link.evidence["examples"]
    shuffled = doc(3, list(reversed(PARAGRAPHS)), published="2024-05-03")
    assert rewritten_copy(original, shuffled, SentenceCache(fake_encoder)) is None


def test_translation_is_named_as_such() -> None:
    translated = CopyDoc.of(2, "a2", "\n".join(PARAGRAPHS), "2024-05-03", True, "de")
    link = rewritten_copy(doc(1, PARAGRAPHS), translated, SentenceCache(fake_encoder))
    assert link is not None and link.kind == "translated"


def test_one_link_per_copy_prefers_the_stronger_kind() -> None:
    a, b = doc(1, PARAGRAPHS), doc(2, PARAGRAPHS)
    c = doc(3, [*PARAGRAPHS[:4], LOCAL], published="2024-05-03")
    links = [verbatim_copy(a, c), verbatim_copy(a, b), verbatim_copy(b, c)]
    chosen = choose_links([link for link in links if link])
    assert set(chosen) == {"a2", "a3"}
    assert chosen["a3"].original == "a1"  # an original that is itself no copy


def test_sentences_split_on_paragraphs_and_full_stops() -> None:
    text = "Short.\nThe first long sentence is here. The second one follows it now.\nTiny bit"
    assert split_sentences(text) == ["The first long sentence is here.",
                                     "The second one follows it now."]
