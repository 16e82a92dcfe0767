"""Off-topic segments: teasers and digests of other articles inside an article."""

from __future__ import annotations

from storydesk.claims.units import off_topic_segments

STORY = [
    "Aldis Marine Foods will close its cannery in Port Aldis by the end of September.",
    "Union leader Maren Ostby said members would meet on Friday.",
]


def segments(*paragraphs: str) -> list[str]:
    return [s.text for s in off_topic_segments("\n\n".join(paragraphs))]


def test_read_more_with_a_headline_is_a_teaser_and_the_story_goes_on() -> None:
    teaser = "READ MORE: Harbour festival cancelled for second year over funding row"
    after = "Shops on Harbour Street said they expected to lose a third of their trade."
    assert segments(*STORY, teaser, after, "A vigil is planned for Sunday.") == [teaser]


def test_other_news_with_a_headline_is_a_teaser_too() -> None:
    teaser = "Other news: Ferry operator adds a night crossing to Vessel Island from May"
    after = "The union said its members had not been consulted."
    assert segments(*STORY, teaser, after) == [teaser]


def test_read_more_before_a_full_sentence_of_the_story_is_not_a_teaser() -> None:
    """ "Read more: the company said ..." ends like a sentence: the writer's own words."""
    line = "Read more: the company said the plant had lost money for three years."
    assert segments(*STORY, line) == []


def test_a_digest_after_a_marker_is_off_topic() -> None:
    digest = ["Other developments:", "- Varnholt council votes to rename its station",
              "- Grenby opens a new ferry terminal"]
    assert segments(*STORY, *digest) == digest


def test_digest_paragraphs_naming_only_the_country_or_capital_are_off_topic() -> None:
    """After "Other developments:", an item that shares one name with the story (the
    country) is another event; one naming the story's company and union is the story."""
    story = ["Aldis Marine Foods, Vesmark's largest cannery, will close its plant in Port "
             "Aldis.", "Union leader Maren Ostby said members would meet on Friday."]
    item = "The consumer watchdog in Vesmark fined a furniture retailer 3 million crowns."
    back = "Aldis Marine Foods said talks with Maren Ostby's union would resume."
    assert segments(*story, "Other developments:", item, back) == ["Other developments:", item]
