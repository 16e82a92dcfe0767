"""The installation's table of word vectors: the same vectors as distilling."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storydesk.claims import words
from storydesk.claims.words import build_table, distil, load_table, table_words, whole_words

SAMPLE = ["flood", "river", "homes", "injured", "hurt", "minister", "drones", "bridge"]


def test_whole_words_are_words_not_pieces_or_markers() -> None:
    listed = whole_words()
    assert len(listed) > 15_000
    assert {"flood", "river", "minister"} <= set(listed)
    assert not any(w.startswith("##") or w.startswith("[") for w in listed)


def test_the_table_also_holds_inflected_forms_the_model_writes_in_pieces() -> None:
    """Forms such as "arraigned" are common in news but not whole in MiniLM's vocabulary:
    without them in the table, each corpus would distil them again."""
    listed = set(table_words())
    assert set(whole_words()) <= listed
    assert {"arraigned", "aftershocks", "apprehended"} <= listed - set(whole_words())
    assert all(w.isalpha() and w.islower() for w in listed)


def test_a_table_holds_the_vectors_distilling_gives(tmp_path: Path) -> None:
    path = tmp_path / "table.npz"
    assert build_table(path, SAMPLE) == len(SAMPLE)
    table = load_table(path)
    assert table is not None and sorted(table) == sorted(SAMPLE)
    expected = distil(SAMPLE)
    found = np.stack([table[w].astype(np.float32) for w in SAMPLE])
    assert np.allclose(found, expected, atol=2e-3)


def test_word_vectors_look_words_up_and_distil_the_rest(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "table.npz"
    build_table(path, SAMPLE[:4])
    monkeypatch.setattr(words, "table_path", lambda: path)
    vectors = words.WordVectors()
    found = vectors(SAMPLE)
    assert vectors.encoded == len(SAMPLE) - 4          # only the words the table lacks
    assert np.allclose(found, distil(SAMPLE), atol=2e-3)


def test_a_table_of_another_model_or_a_broken_file_is_not_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a table")
    assert load_table(broken) is None
    assert load_table(tmp_path / "absent.npz") is None
    other = tmp_path / "other.npz"
    build_table(other, SAMPLE[:2])
    load_table.cache_clear()
    monkeypatch.setattr(words, "model_digest", lambda: "another model")
    assert load_table(other) is None
    load_table.cache_clear()
