"""Figures disputed by sentences that were not aligned as one claim: the figure is what they
differ in, so it is what kept them apart."""

from __future__ import annotations

import pytest

from storydesk.claims.story import StoryArticle, analyse_story
from storydesk.claims.words import shared_word_vectors


def article(article_id: str, text: str) -> StoryArticle:
    return StoryArticle(article_id, text, published="2025-03-10T09:00:00+00:00",
                        published_certain=True, outlet=f"Outlet {article_id}",
                        family=article_id)


def conflicts(*texts: str) -> list[dict]:
    """The number conflicts of a story whose articles are `texts` (ids a, b, ...)."""
    analysis = analyse_story([article(chr(ord("a") + n), "\n\n".join(paragraphs))
                              for n, paragraphs in enumerate(texts)],
                             shared_word_vectors()).to_dict()
    return [c for c in analysis["conflicts"] if c["kind"] == "number"]


STORM_A = ["A storm tore the roof off the sports hall in Brennmoor on Sunday night.",
           "Engineers worked through the night to restore power to the harbour district."]
STORM_B = ["The sports hall in Brennmoor lost its roof when the storm struck late on Sunday.",
           "Power was restored to most of the harbour district by Monday morning."]


def test_two_counts_of_one_thing_told_alike_are_a_conflict() -> None:
    found = conflicts(
        [*STORM_A, "More than 90 flights were cancelled at the airport on Monday."],
        [*STORM_B, "About 35 flights were cancelled at the airport on Monday, it said."])
    assert [[(v["article"], v["value"]) for v in c["values"]] for c in found] == [
        [("a", "More than 90"), ("b", "About 35")]]


def test_a_count_in_a_sentence_that_did_not_align_is_still_disputed() -> None:
    """The two sentences share too little to be one claim (their figures differ, and the
    first tells of the ambulances too), but the parts that count the operations say the
    same besides their figures."""
    found = conflicts(
        [*STORM_A, "The clinic diverted ambulances to the coast road all night, and more than "
                   "120 planned operations have been postponed."],
        [*STORM_B, "About 40 planned operations were postponed in the first three days after "
                   "the storm, a spokeswoman for the clinic told reporters."])
    assert [[(v["article"], v["value"]) for v in c["values"]] for c in found] == [
        [("a", "more than 120"), ("b", "About 40")]]


def test_counts_of_one_thing_in_one_state_told_in_other_words_are_disputed() -> None:
    """"left under water" and "flooded" tell one state of the cottages; the sentences
    share too little else to be one claim. The value is shown with who gave it."""
    found = conflicts(
        [*STORM_A, "The council said 198 cottages had been flooded by Monday noon, and the "
                   "ferry to Osk was suspended."],
        [*STORM_B, "Some 320 cottages were left under water along the estuary."])
    assert [[(v["article"], v["value"], v["text"]) for v in c["values"]] for c in found] == [
        [("a", "198", "The council said 198 cottages had been flooded by Monday noon"),
         ("b", "Some 320", "Some 320 cottages were left under water along the estuary.")]]


def test_where_people_were_taken_is_not_where_the_fact_happened() -> None:
    """One outlet names the towns the patients went to, the other does not: the towns do
    not make the two counts of moved patients two events."""
    found = conflicts(
        [*STORM_A, "The storm cut power to Brennmoor General, forcing staff to transfer 27 "
                   "patients to other clinics."],
        [*STORM_B, "The hospital moved 72 patients to clinics in Askvik and Tolle overnight."])
    assert [[(v["article"], v["value"]) for v in c["values"]] for c in found] == [
        [("a", "27"), ("b", "72")]]


def test_a_record_measured_since_an_earlier_year_is_still_this_events_figure() -> None:
    """"the lowest since 1994" does not make the turnout background, as "since 2011, when
    ..." makes the deaths then."""
    found = conflicts(
        [*STORM_A, "Turnout was 38 per cent, the lowest in a Brennmoor vote since 1994."],
        [*STORM_B, "Turnout in the runoff was 44 per cent, the commission said."])
    assert [[(v["article"], v["value"]) for v in c["values"]] for c in found] == [
        [("a", "38 per cent"), ("b", "44 per cent")]]


@pytest.mark.parametrize(("first", "second"), [
    # Two events of a kind in one story: the storm's toll in two cities.
    ("In Leeds, falling trees killed three people on Sunday.",
     "In Bristol, falling trees killed five people on Sunday."),
    # A toll from an earlier storm is background.
    ("It was the worst storm since 2011, when falling trees killed four people.",
     "Falling trees killed two people in the town on Sunday."),
    # In "Two people were killed and at least 50 injured", "injured" counts the 50.
    ("Two people were killed and at least 50 injured.",
     "Flying debris hit the crowd, injuring five people."),
], ids=["different places", "earlier event", "the dead and the injured"])
def test_counts_of_different_things_are_no_conflict(first: str, second: str) -> None:
    assert conflicts([*STORM_A, first], [*STORM_B, second]) == []


def test_a_town_the_recogniser_took_for_an_organisation_is_still_a_place() -> None:
    """Where the body was found: a place conflict, though the small model tags both
    villages as organisations."""
    analysis = analyse_story([
        article("a", "\n\n".join([*STORM_A, "The body of a 74-year-old man was recovered in "
                                            "Farrow Cross, police said."])),
        article("b", "\n\n".join([*STORM_B, "The body of a 74-year-old man was found in "
                                            "Dunlow, police said."]))],
        shared_word_vectors()).to_dict()
    places = [c for c in analysis["conflicts"] if c["kind"] == "place"]
    assert [[v["value"] for v in c["values"]] for c in places] == [["Farrow Cross", "Dunlow"]]


def test_publication_dates_that_are_partial_or_unreadable_are_no_anchor() -> None:
    """A feed's "2025-03" or a garbled date is no publication day: nothing is background."""
    analysis = analyse_story([
        StoryArticle("a", "\n\n".join([*STORM_A, "More than 90 flights were cancelled at "
                                                 "the airport on Monday."]),
                     published="2025-03", outlet="a", family="a"),
        StoryArticle("b", "\n\n".join([*STORM_B, "About 35 flights were cancelled at the "
                                                 "airport on Monday, it said."]),
                     published="not a date", outlet="b", family="b")],
        shared_word_vectors()).to_dict()
    assert [c["about"] for c in analysis["conflicts"] if c["kind"] == "number"] == [
        "number of flights"]


def test_a_speed_told_in_a_speakers_clause_is_disputed_and_shown_in_words() -> None:
    """Two speeds of the bus, one in a clause opened by its speaker ("which also said"); each
    is shown as a reader would write it ("about 95 kilometres an hour", not "about 95 a
    hour")."""
    found = conflicts(
        [*STORM_A, "The bus was carrying 40 pupils and travelling at about 95 kilometres per "
                   "hour when it left the road."],
        [*STORM_B, "The bus left the road near Osk, according to police, which also said the "
                   "bus had been travelling at around 60 km/h."])
    assert [[(v["article"], v["value"]) for v in c["values"]] for c in found] == [
        [("a", "about 95 kilometres an hour"), ("b", "around 60 km/h")]]



def test_counts_of_one_whole_are_disputed_whatever_else_the_sentences_say() -> None:
    """"three of its four tyres" / "Two of the bus's four tyres": parts of one whole,
    counted differently, though the two sentences share few other words."""
    found = conflicts(
        ["The 08:15 bus from Kell to Orrin was carrying 40 passengers when three of its "
         "four tyres burst on the coast road near Vessby, shortly before 9 a.m."],
        ["Two of the bus's four tyres blew out, according to the police, who also said the "
         "driver had braked hard."])
    assert [[v["value"] for v in c["values"]] for c in found] == [
        ["three of its four", "Two of the bus's four"]]


def test_vague_spans_of_time_in_aligned_sentences_are_compared() -> None:
    """The sentences align on the driver; the first reporter's is about his age only, so
    no claim compares how long he had driven for the firm: the dispute does."""
    analysis = analyse_story([
        article("a", "The driver, a 52-year-old man, was among the injured."),
        article("b", "The driver, Jaro Demek, 52, has driven for Alderway for many years "
                     "and knows the pass well."),
        article("c", "The driver, Jaro Demek, 52, had joined Alderway Tours only a few "
                     "months ago, according to colleagues."),
    ], shared_word_vectors()).to_dict()
    found = [c for c in analysis["conflicts"] if c["kind"] == "quantity"]
    assert [sorted(v["value"] for v in c["values"]) for c in found] == [
        ["a few months", "many years"]]


def test_a_span_of_time_and_a_vague_one_told_in_like_clauses_are_disputed() -> None:
    found = [c for c in analyse_story([
        article("a", "\n\n".join([*STORM_A, "Mayor Pavel Stanek said villagers had been "
                                   "reporting cracks in the hillside for "
                                   "three months."])),
        article("b", "\n\n".join([*STORM_B, "Residents said villagers had noticed cracks "
                                   "opening in the hillside for several weeks."])),
    ], shared_word_vectors()).to_dict()["conflicts"] if c["kind"] == "quantity"]
    assert [sorted(v["value"] for v in c["values"]) for c in found] == [
        ["several weeks", "three months"]]
