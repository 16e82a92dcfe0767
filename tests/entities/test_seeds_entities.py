"""Name variants on the reference seeds (../shared/seeds; skipped when absent): the five
reports of one event spell some names differently, and each name is one entity that keeps
every spelling. The raw files are read as they are, header noise and all."""

from __future__ import annotations

from pathlib import Path

import pytest

from storydesk.entities import Entity, story_entities

pytestmark = pytest.mark.seeds


@pytest.fixture(scope="module")
def entities(seeds_dir: Path) -> list[Entity]:
    articles = [(path.name[:3], path.read_text(encoding="utf-8"))
                for path in sorted(seeds_dir.glob("*.txt"))]
    assert len(articles) == 5
    return story_entities(articles)


def holding(entities: list[Entity], *forms: str) -> Entity:
    """The one entity with all the forms among its variants."""
    found = [e for e in entities if all(form in e.variants for form in forms)]
    assert len(found) == 1, [e.to_dict() for e in entities if set(forms) & set(e.variants)]
    return found[0]


def test_both_spellings_of_raisis_given_name_are_one_person(entities: list[Entity]) -> None:
    raisi = holding(entities, "Ebrahim Raisi", "Ibrahim Raisi")
    assert raisi.kind == "PERSON"
    assert raisi.name in ("Ebrahim Raisi", "Ibrahim Raisi")


def test_odesa_and_odessa_are_one_place(entities: list[Entity]) -> None:
    assert holding(entities, "Odesa", "Odessa").kind == "PLACE"


def test_kirby_with_and_without_his_title_is_one_person(entities: list[Entity]) -> None:
    kirby = holding(entities, "John Kirby", "Mr Kirby", "Mr. Kirby")
    assert kirby.name == "John Kirby"
    assert kirby.kind == "PERSON"
    assert len(kirby.variants["John Kirby"]) >= 4


def test_the_united_states_under_its_names_is_one_place(entities: list[Entity]) -> None:
    assert holding(entities, "US", "U.S.", "United States").kind == "PLACE"


def test_cleverly_is_one_person_whatever_his_title(entities: list[Entity]) -> None:
    assert holding(entities, "James Cleverly").kind == "PERSON"
    assert not [e for e in entities if e.name != "James Cleverly" and "Cleverly" in e.name]
