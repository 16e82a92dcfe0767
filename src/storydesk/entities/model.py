"""Value types of the entities step: a mention in one article, an entity across a story."""

from __future__ import annotations

from dataclasses import dataclass, field

PERSON = "PERSON"
ORG = "ORG"
PLACE = "PLACE"
KINDS = (PERSON, ORG, PLACE)


@dataclass(slots=True)
class Mention:
    """One naming of an entity in one article.

    `form` is the article's words exactly as written (`text[start:end]` of the article's
    cleaned text), after a leading "the", a possessive ending and stray punctuation are
    trimmed; a title stays ("Mr. Kirby"). `kind` is "PERSON", "ORG" or "PLACE".
    """

    article: str
    start: int
    end: int
    form: str
    kind: str


@dataclass(slots=True)
class Entity:
    """A person, organisation or place of a story, with every form the articles used.

    `name` is the canonical form (the fullest, then the most used); `variants` maps each form
    as written to the sorted ids of the articles that used it; `mentions` are all the
    mentions, in article order.
    """

    name: str
    kind: str
    variants: dict[str, list[str]] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        """Sorted ids of the articles that mention the entity."""
        return sorted({m.article for m in self.mentions})

    def to_dict(self) -> dict:
        """The entity as the story dossier exports it: name, type, the forms with the
        articles using each (most widely used first), and the number of mentions."""
        forms = sorted(self.variants.items(), key=lambda item: (-len(item[1]), item[0]))
        return {
            "name": self.name,
            "type": self.kind,
            "variants": [{"form": form, "articles": list(ids)} for form, ids in forms],
            "mentions": len(self.mentions),
        }
