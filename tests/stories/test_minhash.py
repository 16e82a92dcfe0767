"""MinHash signatures and LSH: near-copies are found, unrelated texts are not."""

from __future__ import annotations

import numpy as np
import pytest

from storydesk.stories.minhash import (
    candidate_pairs,
    estimated_jaccard,
    overlap,
    shingle_hashes,
    signature,
    words,
)

BASE = (
    "The harbour authority of Pellmarsh closed the northern quay on Sunday after a crane "
    "collapsed onto a moored freighter, injuring three dock workers. The authority said the "
    "quay would stay closed while engineers from the port insurer inspected the remaining "
    "cranes, a process it expected to take at least a week. Unions called for an independent "
    "review of maintenance records going back five years."
)
EDITED = BASE.replace("three dock workers", "four dock workers").replace("Sunday", "Monday")
OTHER = (
    "A regional orchestra in Velmont announced a season of free open-air concerts in the old "
    "botanical garden, funded by a local brewery and the city's culture office. Tickets are "
    "not needed, but the organisers ask visitors to bring their own chairs and to leave the "
    "lawns as clean as they found them."
)


def sig(text: str) -> np.ndarray:
    return signature(shingle_hashes(words(text)))


def test_signature_is_stable_and_estimates_jaccard() -> None:
    assert np.array_equal(sig(BASE), sig(BASE))
    exact, _ = overlap(shingle_hashes(words(BASE)).tolist(),
                       shingle_hashes(words(EDITED)).tolist())
    assert abs(estimated_jaccard(sig(BASE), sig(EDITED)) - exact) < 0.15
    assert estimated_jaccard(sig(BASE), sig(OTHER)) < 0.1


def test_lsh_finds_the_edited_copy_only() -> None:
    signatures = np.array([sig(BASE), sig(OTHER), sig(EDITED)])
    assert candidate_pairs(signatures, np.array([2])) == {(0, 2)}
    assert candidate_pairs(signatures, np.array([1])) == set()


def test_spacing_case_and_punctuation_do_not_matter() -> None:
    shouted = BASE.upper().replace(",", " ,").replace(".", " . ")
    assert np.array_equal(sig(shouted), sig(BASE))


def test_short_and_empty_texts_have_signatures() -> None:
    assert len(sig("Breaking news")) == len(sig(BASE))
    assert len(sig("")) == len(sig(BASE))


def test_links_keep_each_pair_once_with_its_strongest_or_summed_weight() -> None:
    from storydesk.stories.cluster import Links

    a, b = np.array([3, 1, 2, 1, 4]), np.array([1, 3, 2, 2, 0])
    w = np.array([0.4, 0.7, 0.9, 0.5, 0.2])
    strongest = Links.of(a, b, w)
    assert list(zip(strongest.a.tolist(), strongest.b.tolist(), strongest.w.tolist(),
                    strict=True)) == [(0, 4, 0.2), (1, 2, 0.5), (1, 3, 0.7)]  # no loop 2-2
    summed = Links.of(a, b, w, combine="sum")
    assert summed.w.tolist() == [0.2, 0.5, pytest.approx(1.1)]
