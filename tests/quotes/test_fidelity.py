"""Fidelity of quote renderings: accuracy on the labelled set, reasons and diffs."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from storydesk.quotes.fidelity import KINDS, Fidelity, classify, words
from storydesk.similarity.minilm import shared_model

DATA = Path(__file__).parent / "data" / "fidelity.jsonl"
OVERALL_FLOOR = 0.9
PER_CLASS_FLOOR = 0.8


def _labelled() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def verdicts() -> list[tuple[dict, Fidelity]]:
    """Every labelled pair classified, with the sentence similarities encoded in one batch."""
    rows = _labelled()
    vectors = shared_model().encode(
        [r["reference"] for r in rows] + [r["rendering"] for r in rows]
    )
    n = len(rows)
    return [
        (row, classify(row["reference"], row["rendering"],
                       similarity=float(vectors[i] @ vectors[n + i])))
        for i, row in enumerate(rows)
    ]


def test_labelled_set_covers_every_kind() -> None:
    rows = _labelled()
    counts = Counter(r["kind"] for r in rows)
    assert len(rows) >= 72
    assert set(counts) == set(KINDS)
    assert min(counts.values()) >= 15


def test_accuracy_on_labelled_set(verdicts: list[tuple[dict, Fidelity]]) -> None:
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for row, verdict in verdicts:
        total[row["kind"]] += 1
        right[row["kind"]] += verdict.kind == row["kind"]
        if verdict.kind != row["kind"]:
            print(f"  expected {row['kind']}, got {verdict.kind}: {verdict.diff_text()}")
    for kind in KINDS:
        print(f"{kind:12s} {right[kind]:3d}/{total[kind]:3d} = {right[kind] / total[kind]:.2f}")
    overall = sum(right.values()) / sum(total.values())
    print(f"{'overall':12s} {overall:.3f}")
    assert overall >= OVERALL_FLOOR
    for kind in KINDS:
        assert right[kind] / total[kind] >= PER_CLASS_FLOOR, kind


def test_every_altered_verdict_has_a_reason(verdicts: list[tuple[dict, Fidelity]]) -> None:
    for _, verdict in verdicts:
        assert (verdict.reason is not None) == (verdict.kind == "altered")


def test_number_change_is_named_in_the_reason() -> None:
    verdict = classify("They shot down about 10 drones a day.",
                       "They shot down about 15 drones a day.", similarity=0.95)
    assert verdict.kind == "altered"
    assert verdict.reason == "'10' became '15': number changed"
    assert {"op": "replace", "a": "10", "b": "15"} in verdict.diff
    assert "[-10-] {+15+}" in verdict.diff_text()


def test_spelled_number_equal_to_digits_is_no_change() -> None:
    verdict = classify("Ten drones were shot down on Saturday.",
                       "10 drones were shot down on Saturday.")
    assert verdict.kind == "verbatim"
    assert verdict.reason is None
    assert verdict.similarity == 1.0


def test_added_negation_is_the_reason() -> None:
    verdict = classify("We will sign the treaty in June.",
                       "We will not sign the treaty in June.", similarity=0.9)
    assert verdict.kind == "altered"
    assert verdict.reason.startswith("negation added")
    assert "'will' became 'will not'" in verdict.reason


def test_polarity_reversal_of_one_adjective() -> None:
    verdict = classify("It was a disastrous harvest for the valley.",
                       "It was a wonderful harvest for the valley.", similarity=0.9)
    assert verdict.kind == "altered"
    assert verdict.reason == "'disastrous' became 'wonderful': polarity reversed"


def test_quantity_qualifier_change() -> None:
    verdict = classify("Many months before the vote we warned them.",
                       "A few months before the vote we warned them.", similarity=0.95)
    assert verdict.kind == "altered"
    assert "quantity changed" in verdict.reason
    assert "Many" in verdict.reason


def test_changed_name_is_altered_but_a_spelling_variant_is_not() -> None:
    changed = classify("We met President Ardell in Velmar.",
                       "We met President Corvino in Velmar.", similarity=0.9)
    assert changed.kind == "altered"
    assert changed.reason == "'Ardell' became 'Corvino': name changed"
    variant = classify("We met President Ardell in Odesa.",
                       "We met President Ardell in Odessa.", similarity=0.97)
    assert variant.kind != "altered"


def test_different_sense_noun_and_near_synonym() -> None:
    base = classify("Iran has become Russia's top military backer.",
                    "Iran has become Russia's main military base.")
    assert base.kind == "altered"
    assert "'backer' became 'base'" in base.reason
    synonym = classify("Iran has become Russia's top military backer.",
                       "Iran has become Russia's main military backer.")
    assert synonym.kind == "paraphrased"


def test_spelling_variants_are_verbatim_by_rule() -> None:
    verdict = classify("The theatre's behaviour was normalised after the jewellery catalogue.",
                       "The theater's behavior was normalized after the jewellery catalog.")
    assert verdict.kind == "verbatim"
    assert [w.key for w in words("theatre behaviour normalised")] == [
        "theater", "behavior", "normalized"]
    # Words that merely look alike stay apart.
    assert [w.key for w in words("four filled")] != [w.key for w in words("for filed")]


def test_ellipsis_trim_and_its_diff() -> None:
    verdict = classify("We repaired the pier, we repainted the lighthouse and we opened the café.",
                       "We repaired the pier … and we opened the café", similarity=0.9)
    assert verdict.kind == "trimmed"
    cut = [step for step in verdict.diff if step["op"] != "equal"]
    assert cut == [{"op": "replace", "a": "we repainted the lighthouse", "b": "…"}]


def test_reported_speech_is_paraphrase() -> None:
    verdict = classify("I will not resign over this report.",
                       "He would not resign over the report.")
    assert verdict.kind == "paraphrased"
    assert 0.5 < verdict.similarity <= 1.0


def test_export_fields() -> None:
    exported = classify("We will sign.", "We will not sign.", similarity=0.9).as_export()
    assert exported["fidelity"] == "altered"
    assert exported["reason"]
    assert all(set(step) == {"op", "a", "b"} for step in exported["diff"])
