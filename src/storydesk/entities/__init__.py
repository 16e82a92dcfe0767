"""The people, organisations and places of a story, with their name variants merged.

`recognise` finds the names in one article with spaCy's entity recogniser (`recognise_many`
for a batch); `story_entities` merges the forms a story's articles used into one `Entity`
each, keeping which article used which form (rules in `variants`, name tools in `names`).
"""

from storydesk.entities.model import KINDS, ORG, PERSON, PLACE, Entity, Mention
from storydesk.entities.recognise import Recognised, recognise, recognise_many
from storydesk.entities.variants import merge_mentions, story_entities

__all__ = [
    "KINDS",
    "ORG",
    "PERSON",
    "PLACE",
    "Entity",
    "Mention",
    "Recognised",
    "merge_mentions",
    "recognise",
    "recognise_many",
    "story_entities",
]
