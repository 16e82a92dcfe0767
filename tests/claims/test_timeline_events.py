"""How a story's timeline dates a claim its versions date differently."""

from __future__ import annotations

from storydesk.claims.story import StoryArticle, analyse_story

BRIDGE = ("Engineers closed the old Marle footbridge on {day} after cracks were found in "
          "its main span, the town council said.")


def story(first: str, second: str) -> list[StoryArticle]:
    """Two outlets reporting the bridge closure, a day apart."""
    return [
        StoryArticle("a", BRIDGE.format(day=first), published="2025-10-14T09:00:00+00:00",
                     published_certain=True, outlet="Marle Courier", family="a"),
        StoryArticle("b", BRIDGE.format(day=second), published="2025-10-15T09:00:00+00:00",
                     published_certain=True, outlet="Valley Herald", family="b"),
    ]


def bridge_events(articles: list[StoryArticle]) -> list[dict]:
    analysis = analyse_story(articles).to_dict()
    claim = next(n for n, c in enumerate(analysis["claims"]) if "footbridge" in c["text"])
    assert set(analysis["claims"][claim]["support"]) == {"a", "b"}
    return [e for e in analysis["timeline"] if e["claim"] == claim]


def test_versions_giving_one_day_are_one_event() -> None:
    """ "Monday" on the 14th and "October 13" on the 15th are the same day."""
    events = bridge_events(story("Monday", "October 13"))
    assert [(e["date"], sorted(e["expressions"])) for e in events] == [("2025-10-13",
                                                                        ["a", "b"])]


def test_versions_giving_other_days_are_events_of_their_own() -> None:
    """ "Monday" written on the 14th is the 13th, "Sunday" on the 15th the 12th: the
    timeline shows both dates, each with the outlet that gives it, rather than one."""
    events = bridge_events(story("Monday", "Sunday"))
    assert [(e["date"], e["articles"]) for e in events] == [("2025-10-12", ["b"]),
                                                            ("2025-10-13", ["a"])]



def test_an_event_is_told_in_the_words_of_the_version_that_dates_it() -> None:
    """The first reporter gives no day; the event reads as the outlet that gives one."""
    articles = story("Monday", "Monday")
    articles[0] = StoryArticle(
        "a", "Engineers closed the old Marle footbridge after cracks were found in its main "
        "span, the town council said.", published="2025-10-14T09:00:00+00:00",
        published_certain=True, outlet="Marle Courier", family="a")
    events = bridge_events(articles)
    assert [(e["date"], e["event"]) for e in events] == [
        ("2025-10-13", BRIDGE.format(day="Monday"))]


def test_a_sentence_opening_with_a_name_of_the_story_is_a_claim() -> None:
    """"Sarkis" is its only capital; the story names Edvin Sarkis in full."""
    articles = [
        StoryArticle("a", "Former minister Edvin Sarkis was jailed on Tuesday for taking "
                     "bribes.\n\nSarkis, who had been free on bail, was taken into custody "
                     "in the courtroom.", published="2025-10-14T09:00:00+00:00",
                     published_certain=True, outlet="Marle Courier", family="a"),
        StoryArticle("b", "A court jailed the former minister Edvin Sarkis on Tuesday.",
                     published="2025-10-14T12:00:00+00:00", published_certain=True,
                     outlet="Valley Herald", family="b"),
    ]
    texts = [c["text"] for c in analyse_story(articles).to_dict()["claims"]]
    assert any(t.startswith("Sarkis, who had been free on bail") for t in texts)
