"""Given names that tell a gender, read from the names package's data."""

from __future__ import annotations

from pathlib import Path

import pytest

from storydesk.entities import genders
from storydesk.entities.genders import build_table, given_name_gender, telling_names


@pytest.mark.parametrize(("given", "told"), [
    ("Dorota", "F"), ("Judit", "F"), ("Zoë", "F"), ("Anna-Lena", "F"),
    ("Matej", "M"), ("Paul", "M"), ("Goran", "M"),
    # A man's name in some countries and a woman's in others tells nothing.
    ("Nikola", None), ("Jan", None), ("Kim", None),
    ("J.", None), ("Xqzvbt", None),
])
def test_a_given_name_tells_a_gender_only_when_nearly_all_who_bear_it_share_one(
        given: str, told: str | None) -> None:
    assert given_name_gender(given) == told


def test_the_installations_table_holds_what_the_package_data_gives(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "given-names.json"
    count = build_table(path)
    assert count == len(telling_names()) > 50_000
    monkeypatch.setattr(genders, "table_path", lambda: path)
    genders.known_names.cache_clear()
    try:
        assert genders.known_names() == telling_names()
        path.write_text("not json")
        genders.known_names.cache_clear()
        assert genders.known_names() == telling_names()   # a broken table is not used
    finally:
        genders.known_names.cache_clear()
