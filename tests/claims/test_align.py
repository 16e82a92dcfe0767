"""Aligning the facts of a story's sentences when one outlet packs several into a sentence."""

from __future__ import annotations

import pytest

from storydesk.claims.align import Aligner, ClaimUnit, term_words
from storydesk.claims.story import StoryArticle, analyse_story
from storydesk.claims.words import shared_word_vectors

LEAD = ("A gas explosion wrecked a bakery in Orvik late Friday, killing at least 14 people and "
        "forcing some 600 residents of the Tallow quarter from their homes.")
TOLL = "The death toll from the bakery explosion in Orvik rose to 14, police said."
HOMES = ("About 450 residents of the Tallow quarter were forced out of their homes by the "
         "blast, the town council said.")


def article(article_id: str, text: str, day: int) -> StoryArticle:
    return StoryArticle(article_id, text, published=f"2025-03-{day:02d}T09:00:00+00:00",
                        published_certain=True, outlet=f"Outlet {article_id}",
                        family=article_id)


def analysed(*articles: tuple[str, str, int]) -> dict:
    """The analysis of a story of (id, text, day) articles, with the installed word vectors."""
    return analyse_story([article(*a) for a in articles], shared_word_vectors()).to_dict()


@pytest.fixture(scope="module")
def bakery() -> dict:
    """Three outlets: one sentence with the blast, the toll and the evacuation; one with the
    toll; one with the evacuation (and another figure for it)."""
    return analyse_story([
        article("a", LEAD + "\n\nRescue teams searched the rubble overnight with dogs.", 7),
        article("b", TOLL + "\n\nThe bakery had passed a gas inspection in January.", 8),
        article("c", HOMES + "\n\nA school gym is housing most of them.", 8),
    ], shared_word_vectors()).to_dict()


def claim_holding(analysis: dict, article: str, text: str) -> dict:
    return next(c for c in analysis["claims"]
                if any(p["article"] == article and text in p["text"] for p in c["passages"]))


def test_each_fact_of_a_sentence_is_supported_by_the_outlet_that_reports_it(
        bakery: dict) -> None:
    assert claim_holding(bakery, "b", "death toll")["support"] == ["a", "b"]
    assert claim_holding(bakery, "c", "450 residents")["support"] == ["a", "c"]


def test_a_conflict_compares_only_the_part_that_states_the_fact(bakery: dict) -> None:
    (conflict,) = bakery["conflicts"]
    assert [(v["article"], v["value"]) for v in conflict["values"]] == [
        ("a", "some 600"), ("c", "About 450")]
    assert conflict["values"][0]["text"] == (
        "forcing some 600 residents of the Tallow quarter from their homes")


def test_parts_alike_only_in_common_words_do_not_align() -> None:
    """"killing four people" in a sentence about an older accident is not this one's
    "killing two people": the parts share no figure and no name."""
    units = [ClaimUnit("a", 0, "An express train derailed near Oleskovo early on Saturday, "
                                "killing two people and injuring 47."),
             ClaimUnit("a", 1, "The driver and a passenger in the front carriage died."),
             ClaimUnit("b", 0, "It was the worst accident on the network since 2011, when a "
                                "freight train hit a bus outside Grenby, killing four people."),
             ClaimUnit("b", 1, "The express had been carrying 312 passengers to Varnholt.")]
    aligner = Aligner(units, shared_word_vectors())
    groups = aligner.groups()
    assert not any({0, 2} <= set(g.members) for g in groups)


def test_a_later_toll_is_no_date_conflict_with_the_blast() -> None:
    """The blast was "late Friday"; the toll "rose to 14 on Saturday". The two sentences
    align on the toll, so only that part of the first is compared: no date conflict."""
    analysis = analyse_story([
        article("a", LEAD, 7),
        article("b", "The death toll from the bakery explosion in Orvik rose to 14 on "
                     "Saturday, police said.", 8),
    ], shared_word_vectors()).to_dict()
    assert claim_holding(analysis, "b", "death toll")["support"] == ["a", "b"]
    assert not [c for c in analysis["conflicts"] if c["kind"] == "date"]


def test_every_outlet_that_gives_a_value_is_listed_in_the_conflict() -> None:
    """An outlet that repeats the first report word for word gives its value too."""
    analysis = analyse_story([
        article("a", LEAD, 7),
        article("r", LEAD, 7),
        article("c", HOMES, 8),
    ], shared_word_vectors()).to_dict()
    (conflict,) = analysis["conflicts"]
    assert [(v["article"], v["value"]) for v in conflict["values"]] == [
        ("a", "some 600"), ("r", "some 600"), ("c", "About 450")]


def test_attribution_leaves_the_fact_before_a_relative_clause_and_a_said_that_clause() -> None:
    from storydesk.claims.align import without_attribution

    text = ("Four of the ferry's six lifeboats were launched, according to the coastguard, "
            "which also said the crew had sent a distress call shortly after three in the "
            "morning, when the engine failed.")
    assert without_attribution(text).startswith("Four of the ferry's six lifeboats")
    text = ("In a statement on Tuesday evening, Harbour Master Ada Lunn said that the port "
            "would reopen on Monday.")
    assert "the port would reopen on Monday" in without_attribution(text)
    # "... and said" follows a fact of its own, not who speaks.
    text = ("Harbour Master Ada Lunn ordered an inquiry into the collision and said it would "
            "report within weeks.")
    assert without_attribution(text).startswith("Harbour Master Ada Lunn ordered an inquiry")


def test_a_day_few_sentences_give_agrees_two_sentences_as_a_figure_does() -> None:
    """"two days earlier" in an article of 10 March and "on March 8" in another: two
    sentences that give one day score higher, unless most of the story gives that day."""
    from storydesk.claims.align import FIGURE_AGREEMENT

    march_8, march_9 = 739318, 739319
    def units(day_a: int, day_b: int, filler_day: int) -> list[ClaimUnit]:
        filler = ["Rescue teams searched the rubble overnight with dogs.",
                  "The bakery had opened in the old market hall in 1998.",
                  "Three houses next to the bakery were destroyed by the blast.",
                  "Neighbours said they had smelled gas in the street for days."]
        return [ClaimUnit("a", 0, "A leak at the bakery had been reported two days earlier.",
                          days=((40, day_a),)),
                ClaimUnit("b", 0, "Records show a leak at the bakery was logged on March 8.",
                          days=((50, day_b),)),
                *(ClaimUnit(f"c{n}", 0, text, days=((0, filler_day),))
                  for n, text in enumerate(filler))]

    agreeing = Aligner(units(march_8, march_8, march_9)).score(0, 1)
    apart = Aligner(units(march_8, march_9, march_9)).score(0, 1)
    common = Aligner(units(march_8, march_8, march_8)).score(0, 1)
    assert agreeing == pytest.approx(apart + FIGURE_AGREEMENT, abs=0.02)
    assert common < agreeing


def test_a_time_of_day_is_a_term_that_names_a_moment() -> None:
    from storydesk.claims.align import term_words

    assert "@2:00a" in term_words("The river burst its banks at about 2 a.m. on Tuesday.")
    assert "@2:00a" in term_words("The water broke through the embankment at 2am.")
    assert "@10:30p" in term_words("The last ferry left at 10.30 p.m.")


def test_a_country_written_three_ways_is_one_term() -> None:
    from storydesk.claims.align import term_words

    terms = [{t for t in term_words(text) if t.startswith("&")} for text in (
        "Tariffs had cut the company's U.S. sales by a third.",
        "Sales to the United States have fallen by a third.",
        "Its US sales fell by a third, and it told us so.")]
    assert terms == [{"&united-states"}] * 3
    assert not {t for t in term_words("Let us know.") if t.startswith("&")}


def test_a_name_written_as_two_words_matches_it_written_as_one() -> None:
    units = [ClaimUnit("a", 0, "Investigators said a criminal group known as Cinder Moth "
                                "was behind the attack."),
             ClaimUnit("b", 0, "The ransomware gang Cindermoth has claimed the attack.")]
    Aligner(units)
    assert "cindermoth" in units[0].words and "cindermoth" in units[1].words


def test_claiming_responsibility_is_a_fact_not_an_attribution() -> None:
    from storydesk.claims.align import without_attribution

    text = "The ransomware gang Cindermoth has claimed responsibility for the hospital attack."
    assert without_attribution(text).startswith("The ransomware gang Cindermoth")
    text = "The gang claimed that it had copied the records of half a million patients."
    assert without_attribution(text).startswith("it had copied")


def test_a_sentence_that_tells_a_later_event_is_compared_by_the_part_that_restates() -> None:
    """The inquiry's Monday is not the capsizing's Tuesday: the inquiry sentence states the
    capsizing in its "after" part, and only that part is compared."""
    analysis = analyse_story([
        StoryArticle("a", "A ferry carrying about 200 passengers capsized outside Orvik "
                          "harbour on Tuesday evening, killing at least four people as a gale "
                          "swept the coast.\n\nRescue boats searched the bay overnight.",
                     published="2025-03-12T08:00:00+00:00", published_certain=True,
                     outlet="a", family="a"),
        StoryArticle("b", "ORVIK - The inquiry into the capsizing held its first session in "
                          "Orvik on Monday, almost a week after the ferry rolled over outside "
                          "the harbour with about 200 passengers aboard.\n\nThe owners "
                          "declined to comment.",
                     published="2025-03-18T08:00:00+00:00", published_certain=True,
                     outlet="b", family="b")], shared_word_vectors()).to_dict()
    assert claim_holding(analysis, "b", "first session")["support"] == ["a", "b"]
    assert [c for c in analysis["conflicts"] if c["kind"] == "date"] == []


def test_a_relative_clause_is_a_fact_of_what_it_follows() -> None:
    """"The weir at Dunmore, which feeds the old mill race, gave way" states that the weir
    gave way, and, apart, what it feeds: the clause is not cut into the main verb."""
    from storydesk.claims.align import part_text, parts

    text = "The weir at Dunmore, which feeds the old mill race, gave way early on Sunday."
    assert [part_text(text, span) for span in parts(text)] == [
        "The weir at Dunmore gave way early on Sunday",
        "The weir at Dunmore, which feeds the old mill race"]
    text = "Orla Fenn said the weir, which is 200 years old, would be rebuilt by spring."
    assert "the weir, which is 200 years old" in [part_text(text, s) for s in parts(text)]


def test_an_outlet_that_tells_a_fact_in_a_relative_clause_supports_it() -> None:
    analysis = analysed(
        ("a", "The weir at Dunmore, which feeds the old mill race, gave way early on "
                     "Sunday.", 7),
        ("b", "Engineers said the weir at Dunmore, which gave way as the river "
                     "peaked, would cost at least 3 million crowns to rebuild.", 8),
    )
    assert claim_holding(analysis, "a", "gave way early")["support"] == ["a", "b"]


def test_a_figure_in_a_relative_clause_is_no_figure_of_the_main_fact() -> None:
    """The plant's 410 workers are not the company's 900."""
    analysis = analysed(
        ("a", "Harbour Foods employs about 900 people in Vesmark and sells most of "
                     "its fish abroad.", 7),
        ("b", "Harbour Foods said the plant, which employs 410 people, will close by "
                     "the end of May.", 7),
    )
    assert not [c for c in analysis["conflicts"] if c["kind"] == "number"]


def test_parts_of_two_sentences_grouped_elsewhere_make_a_claim_of_their_own() -> None:
    """The lead's evacuation is a part of a sentence grouped with the toll, the water
    board's a part of one grouped with the homes flooded: the two parts are one fact."""
    analysis = analysed(
        ("a", "A storm surge swept through Brennick early on Monday, killing at least "
                     "14 people and forcing some 800 residents from their homes.", 7),
        ("b", "The death toll from the storm surge in Brennick rose to 14, police "
                     "said.", 7),
        ("c", "The harbour board said 230 homes had been flooded by Monday evening, "
                     "and about 800 residents had been moved out of their homes to schools.", 8),
        ("d", "More than 200 homes were flooded, according to the harbour board.", 8),
    )
    supports = [c["support"] for c in analysis["claims"]
                if any("800" in p["text"] for p in c["passages"])]
    assert ["a", "c"] in supports


def test_people_and_a_kind_of_people_may_count_the_same() -> None:
    """"Some 1,500 residents" and "about 1,500 people" agree as one figure does; 1,500
    boats do not."""
    units = [ClaimUnit("a", 0, "Some 1,500 residents of Orvik fled the rising water on Monday."),
             ClaimUnit("b", 0, "About 1,500 people left their homes in Orvik as the water rose."),
             ClaimUnit("a", 1, "The council opened two schools as shelters."),
             ClaimUnit("b", 1, "Rescuers in boats searched the flooded streets of Orvik."),
             ClaimUnit("c", 0, "About 1,500 boats were damaged in the harbour at Orvik.")]
    aligner = Aligner(units, shared_word_vectors())
    aligner.groups()
    assert aligner.aligned(0, 1)
    assert not aligner.aligned(0, 4)


def test_a_day_counts_alike_however_it_is_written() -> None:
    """"on Thursday" and "on October 16" (the same day) agree as a day; the words of the
    date ("October", "16") are no terms that one version has and the other lacks."""
    day = 739540  # 2025-10-16, a Thursday

    def unit(article: str, text: str, written: str) -> ClaimUnit:
        at = text.index(written)
        return ClaimUnit(article, 0, text, days=((at, day),), dated=((at, at + len(written)),))

    other = [ClaimUnit("c", 0, "Storm damage shut the harbour at Osk."),
             ClaimUnit("d", 0, "The harbour master counted three sunk dinghies.")]
    by_weekday = unit("a", "The ferry to Marle will sail again on Thursday, the operator said.",
                      "Thursday")
    by_date = unit("a", "The ferry to Marle will sail again on October 16, the operator said.",
                   "October 16")
    to_match = unit("b", "Ferries to Marle are to resume on Thursday.", "Thursday")
    scores = [Aligner([written, to_match, *other], shared_word_vectors()).score(0, 1)
              for written in (by_weekday, by_date)]
    assert scores[0] == pytest.approx(scores[1])


def test_a_relative_clause_matches_the_fact_told_of_a_pronoun() -> None:
    """"She is due to visit Brennick on Thursday" is what "Deputy Minister Ilse Varga, who
    visits the town on Thursday, ..." says in its clause: the clause is compared without the
    names it follows, which the other sentence writes as "She"."""
    day = 739540

    def unit(article: str, index: int, text: str) -> ClaimUnit:
        at = text.index("Thursday")
        return ClaimUnit(article, index, text, days=((at, day),),
                         dated=((at, at + len("Thursday")),))

    units = [unit("a", 0, "She is due to visit Brennick on Thursday."),
             ClaimUnit("a", 1, "Ilse Varga said the council would set aside a repair fund of "
                               "2 million crowns."),
             unit("b", 0, "Deputy Minister Ilse Varga, who visits the town on Thursday, has "
                          "promised a repair fund of 2 million crowns."),
             ClaimUnit("b", 1, "The storm flooded 40 homes in Brennick."),
             ClaimUnit("c", 0, "Forty homes in Brennick were flooded by the storm.")]
    aligner = Aligner(units, shared_word_vectors())
    groups = [set(g.members) for g in aligner.groups()]
    assert {0, 2} in groups and {1, 2} in groups


def test_a_detail_another_outlet_adds_in_a_part_of_its_own_is_compared() -> None:
    """The first reporter tells the grounding and how long the checks take in one piece;
    another outlet gives the checks a clause of their own."""
    analysis = analysed(
        ("a", "The minister said the three other barges of the Oskel line would stay "
                     "in dock until inspectors had examined them, a process he expected to "
                     "take a few weeks.", 7),
        ("b", "He confirmed that the three other Oskel line barges will stay tied up "
                     "until the inspectors have been through them, and said the checks could "
                     "take many weeks.", 8),
    )
    assert [[v["value"] for v in c["values"]] for c in analysis["conflicts"]] == [
        ["a few weeks", "many weeks"]]


def test_a_plan_and_what_happened_are_no_date_conflict() -> None:
    """"will take out their buses again on Thursday" (after the article) is a plan; "began
    early Saturday" (before it) what happened: not two dates of one fact."""
    analysis = analysed(
        ("a", "The walkout at the Osk bus depot began early Saturday, when drivers "
                     "refused to take out their buses.", 10),
        ("b", "Drivers at the Osk bus depot will take out their buses again on "
                     "Thursday, the union said.", 10),
    )
    assert len(analysis["claims"]) == 1
    assert not [c for c in analysis["conflicts"] if c["kind"] == "date"]


def test_a_small_count_of_things_tells_which_fact_it_is() -> None:
    """"three of its four lifeboats" and "Three lifeboats" are one count of one thing: the
    two sentences state one fact in other words."""
    analysis = analysed(
        ("a", "The 14:20 ferry from Kelby to Ostrand was carrying 90 passengers when three "
              "of its four lifeboats were torn from their davits off the harbour wall.", 7),
        ("b", "Three lifeboats came loose, and one of them sank beside the pier.", 7),
    )
    assert claim_holding(analysis, "b", "Three lifeboats")["support"] == ["a", "b"]


def test_a_time_of_day_agrees_two_sentences_as_a_figure_does() -> None:
    """Two outlets give the moment the sea wall failed in other words: "at about 4 a.m."
    counts for them as a shared figure would (thorough mode)."""
    from storydesk.similarity.score import Embedder

    analysis = analyse_story([
        article("a", "The sea wall at Brenholm gave way at about 4 a.m., flooding the "
                     "promenade.", 7),
        article("b", "The harbour defences failed at about 4 a.m. on Sunday, the council "
                     "said.", 8),
    ], shared_word_vectors(), Embedder("minilm").sentences).to_dict()
    assert claim_holding(analysis, "b", "harbour defences")["support"] == ["a", "b"]


def test_a_speaker_after_but_does_not_take_the_fact_before_it() -> None:
    """"About 90 staff have been offered jobs ..., but many said the drive was too long"
    states the jobs before its "said": the sentence supports the plant's 90 staff."""
    analysis = analysed(
        ("a", "Production will move to the company's newer plant in Kell Bay, 30 kilometres "
              "along the coast, which will take on about 90 of the Ostrand staff.", 7),
        ("c", "About 90 staff have been offered jobs at its plant in Kell Bay, but many said "
              "the daily drive along the coast road was out of the question.", 8),
    )
    assert claim_holding(analysis, "c", "About 90 staff")["support"] == ["a", "c"]


def test_a_day_read_against_no_publication_date_is_no_date_conflict() -> None:
    """An undated article's "on Sunday" is read back from the story's last date, a guess:
    it is not set against a dated outlet's "early Saturday". Two dated outlets are."""
    saturday = ("The Osk ferry ran aground early Saturday off the Kell lighthouse, the "
                "coastguard said.")
    sunday = "The Osk ferry ran aground early on Sunday off the Kell lighthouse."

    def date_conflicts(second: StoryArticle) -> list[dict]:
        analysis = analyse_story([article("a", saturday, 10), second],
                                 shared_word_vectors()).to_dict()
        assert len(analysis["claims"]) == 1
        return [c for c in analysis["conflicts"] if c["kind"] == "date"]

    assert date_conflicts(StoryArticle("b", sunday, outlet="Outlet b", family="b")) == []
    assert len(date_conflicts(article("b", sunday, 10))) == 1


def test_two_spans_of_time_tell_one_disputed_fact() -> None:
    """"within a few weeks" / "within several months": two outlets give the time the
    findings will take, and disagree."""
    analysis = analysed(
        ("a", "Fisheries Minister Alda Renk ordered the Coastal Board to open an inquiry and "
              "said it would publish initial findings within a few weeks.", 7),
        ("b", "Fisheries Minister Alda Renk said the Coastal Board would deliver its first "
              "findings within several months, and that she would not guess at the cause.", 8),
    )
    assert [[v["value"] for v in c["values"]] for c in analysis["conflicts"]] == [
        ["a few weeks", "several months"]]


def test_a_participle_after_and_shares_the_sentences_subject() -> None:
    """"The tram was carrying ... and travelling at about 70 km/h": the travelling is the
    tram's, and another outlet's speed for the tram disputes it."""
    analysis = analysed(
        ("a", "The tram was carrying about 80 passengers and travelling at about 70 "
              "kilometres per hour when it reached the bend at Osk Bridge.", 7),
        ("b", "Six of the tram's ten wheels left the rails, according to the inspectors, "
              "who also said the tram had been travelling at around 40 km/h.", 8),
    )
    assert [[v["value"] for v in c["values"]] for c in analysis["conflicts"]] == [
        ["about 70 kilometres an hour", "around 40 km/h"]]


def test_months_named_without_a_day_conflict() -> None:
    """"by the end of September" twice, "by the end of December" once: the closure's month
    is disputed, and the December sentence is compared though it matched the first
    reporter's only through the second outlet's."""
    analysis = analysed(
        ("a", "KELL — Kell Fisheries will close its smokehouse in Orrin by the end of "
              "September, putting 90 people out of work.", 7),
        ("b", "The Orrin smokehouse will stop production by the end of September.", 8),
        ("c", "The company, known as KF, said it would shut the smokehouse by the end of "
              "December and move production to Vessby.", 9),
    )
    assert [[v["value"] for v in c["values"]] for c in analysis["conflicts"]] == [
        ["September (2025-09)", "September (2025-09)", "December (2025-12)"]]


def test_an_outlet_matching_a_whole_sentence_is_kept_from_the_fact_of_its_clause() -> None:
    """c reports the sentence's clause (the 90 staff), b its main fact (the move): each is
    grouped with the sentence, not with the other."""
    aligner = Aligner([
        ClaimUnit("a", 0, "Production will move to the company's newer plant in Kell Bay, 30 "
                          "kilometres along the coast, which will take on about 90 of the "
                          "Ostrand staff."),
        ClaimUnit("b", 0, "The company said it would move production from Ostrand to its "
                          "newer plant in Kell Bay along the coast."),
        ClaimUnit("c", 0, "About 90 of the Ostrand staff will be taken on at Kell Bay."),
    ])
    assert sorted(g.members for g in aligner.groups()) == [[0, 1], [0, 2]]


FERRY_LEAD = ("ORRIN — A ferry capsized in the Orrin strait on Monday night.\n\n"
              "The pilot, Joran Vessik, 44, and a deckhand from Kell drowned at the scene. "
              "The coastguard rescued 31 passengers.")


def pilot_story(before: str, pronoun: str = "He") -> dict:
    """The ferry lead, and an outlet whose sentence on the drowning opens with `pronoun`
    after the sentence `before`."""
    return analysed(("a", FERRY_LEAD, 7),
                    ("b", f"{before} {pronoun} and a cook, Ana Brell, 23, drowned at the "
                          "scene.\n\nMost passengers were rescued.", 8))


def test_an_opening_he_stands_for_the_person_the_sentence_before_names() -> None:
    """"He and a cook ... drowned at the scene" is the pilot's death, which the lead
    reports by his name."""
    analysis = pilot_story("The ferry's pilot, Joran Vessik, had worked for Strait Lines "
                           "for 19 years, his family said.")
    assert claim_holding(analysis, "b", "a cook")["support"] == ["a", "b"]


@pytest.mark.parametrize(("before", "pronoun"), [
    # A title tells a man; "She" is someone else.
    ("Mr. Joran Vessik, the ferry's pilot, had worked for Strait Lines for 19 years.",
     "She"),
    # Two people named: either may be "He".
    ("The ferry's pilot, Joran Vessik, had worked with Petr Ostrand for 19 years.", "He"),
])
def test_an_opening_pronoun_stands_for_nobody_when_the_sentence_before_does_not_tell_who(
        before: str, pronoun: str) -> None:
    analysis = pilot_story(before, pronoun)
    assert claim_holding(analysis, "b", "a cook")["support"] == ["b"]


def test_the_day_a_speaker_said_something_is_no_date_of_the_fact() -> None:
    """The lawyers spoke on Wednesday; the court sentenced Marsk on Tuesday."""
    analysis = analysed(
        ("a", "LENBY — A court in Lenby on Tuesday sentenced former harbour master Ivo Marsk "
              "to six years in prison for taking bribes from shipping agents.", 7),
        ("b", "Lawyers for Ivo Marsk, the former harbour master, said on Wednesday that he "
              "would appeal against the six-year prison sentence for taking bribes.", 8),
    )
    assert len(analysis["claims"]) == 1
    assert analysis["conflicts"] == []


def test_a_day_given_as_a_day_after_the_fact_is_another_events() -> None:
    """"began to fall on Tuesday evening, a day after it flooded": Tuesday is the day the
    river fell, not the day of the flood the other outlet dates to Monday."""
    analysis = analysed(
        ("a", "ORRIN, Vesmark — The River Sella flooded the centre of Orrin late Monday, "
              "killing two people and forcing about 300 residents from their homes, "
              "officials in Kell Province said.", 7),
        ("b", "The River Sella began to fall on Tuesday evening, a day after it flooded the "
              "centre of Orrin and left 2 people dead, but the town's mayor warned it would "
              "take months to repair the damage.", 8),
        ("c", "Residents of Orrin returned to their homes yesterday to begin clearing mud "
              "after the storm that killed two people in the town.", 9),
    )
    assert claim_holding(analysis, "b", "began to fall")["support"] == ["a", "b"]
    assert analysis["conflicts"] == []


def test_figures_of_one_earlier_event_are_compared() -> None:
    """Background both outlets date to 2016 is one earlier strike: its length is disputed.
    Background of another time is not set against it."""
    analysis = analysed(
        ("a", "KELL — Dock workers at Kell walked out on Monday. The last strike at the "
              "port, in 2016, lasted nine days and ended with a pay deal.", 3),
        ("b", "Kell dockers began a strike on Monday. The last strike at the port, in 2016, "
              "lasted 11 days.", 4),
        ("c", "Dockers at Kell stopped work on Monday. A strike at the port in 2009 lasted "
              "four days.", 4),
    )
    assert [[v["value"] for v in c["values"]] for c in analysis["conflicts"]] == [
        ["nine", "11"]]


def test_a_count_outside_the_part_two_outlets_aligned_on_is_still_disputed() -> None:
    """Aligned on the explosion, the two sentences also give the dead: two and three."""
    analysis = analysed(
        ("a", "OSTRA, Vesmark — An explosion ripped through a paint factory on the edge of "
              "Ostra late on Wednesday, killing two workers and forcing about 600 people "
              "from their homes.", 7),
        ("b", "Three workers died when the mixing hall at the Ostra paint factory exploded on "
              "Wednesday night, and families were still waiting to return home.", 8),
    )
    assert [c["support"] for c in analysis["claims"]] == [["a", "b"]]
    assert [[v["value"] for v in c["values"]] for c in analysis["conflicts"]] == [
        ["two", "Three"]]


def test_a_place_named_as_a_landmark_is_not_where_the_fact_happened() -> None:
    """"in Brantby, a spa town about 40 kilometres from Lenby": the money changed hands in
    Brantby, which the other outlet puts in Lenby."""
    analysis = analysed(
        ("a", "LENBY — A court in Lenby on Tuesday jailed the former port director Ivo Marsk "
              "for six years for taking bribes.\n\nThe court found that the money was handed "
              "over in envelopes during meetings in the car park of a hotel in Brantby, a spa "
              "town about 40 kilometres from Lenby.\n\nMarsk denied the charges.", 7),
        ("b", "Ivo Marsk, the former port director, was sentenced to six years in prison on "
              "Tuesday.\n\nAccording to the judgement, the cash changed hands in the car park "
              "of a hotel in Lenby, often late in the evening.\n\nHis lawyer said he would "
              "appeal.", 8),
    )
    assert [(c["kind"], [v["value"] for v in c["values"]]) for c in analysis["conflicts"]] == [
        ("place", ["Brantby", "Lenby"])]


def test_counts_said_alike_in_their_own_clauses_are_disputed() -> None:
    """"roughly 800 schools were closed" / "1,140 schools were closed": the rest of each
    sentence (a survey, a ministry, the universities) says other things."""
    analysis = analysed(
        ("a", "ORLEN — Teachers across Vesmark walked out on Monday in a dispute over pay.\n\n"
              "At the height of the strike, roughly 800 schools were closed, according to a "
              "survey of the country's 12 school districts.", 7),
        ("b", "Teachers went on strike across Vesmark on Monday.\n\nAccording to the ministry, "
              "1,140 schools were closed for the whole day, and most universities stayed "
              "open.", 8),
    )
    assert [[v["value"] for v in c["values"]] for c in analysis["conflicts"]] == [
        ["roughly 800", "1,140"]]


def test_a_time_on_the_24_hour_clock_is_the_same_time_of_day() -> None:
    assert "@11:40p" in term_words("The blast happened at about 11:40 p.m. on Wednesday.")
    assert "@11:40p" in term_words("The explosion, at 23:40, rattled windows.")


def test_a_places_people_or_adjective_counts_as_the_place() -> None:
    units = [ClaimUnit("a", 0, "The plant belongs to a chemicals group based in Karvonia."),
             ClaimUnit("b", 0, "Its Karvonian owner said production would stop.")]
    Aligner(units)
    assert "karvonia" in units[1].words


def test_saint_and_st_are_one_term() -> None:
    assert term_words("In Saint Ebba every school was closed").keys() \
        & term_words("In St. Ebba all schools were shut").keys() >= {"st", "ebba", "school"}


def test_a_dispute_over_a_reported_detail_joins_that_conflict() -> None:
    """The missing, counted four ways, are one conflict, not two that overlap."""
    analysis = analysed(
        ("a", "TERVO — A ferry carrying 120 passengers capsized at the entrance to Tervo "
              "harbour on Tuesday evening.\n\nSeven people were still missing early "
              "Wednesday.", 4),
        ("b", "A ferry capsized off Tervo on Tuesday. Four people are confirmed dead and "
              "seven are missing.", 5),
        ("c", "Divers recovered a fifth body from the capsized ferry late on Wednesday, and "
              "six people are still unaccounted for, the coastguard said on Thursday.", 6),
        ("d", "The death toll from the Tervo ferry disaster rose to nine on Monday. Two "
              "people are still missing, the coastguard said.", 10),
    )
    assert [sorted((v["article"], v["value"]) for v in c["values"])
            for c in analysis["conflicts"]] == [
        [("a", "Seven"), ("b", "seven"), ("c", "six"), ("d", "Two")]]


def test_a_dispute_over_another_detail_of_the_same_kind_stays_its_own_conflict() -> None:
    """The rescued are counted in people as the missing are, by the same outlets: a
    conflict over the missing does not hide the one over the rescued."""
    analysis = analysed(
        ("a", "TERVO — A ferry capsized at the entrance to Tervo harbour on Tuesday evening."
              "\n\nSeven people were still missing early Wednesday.\n\nMost passengers were "
              "taken off by lifeboats before the ship rolled onto its side, and at least 14 "
              "people were rescued from the water.", 4),
        ("b", "A ferry capsized off Tervo on Tuesday. Four people are confirmed dead and "
              "seven are missing. The coastguard says at least 16 people were rescued from "
              "the water overnight.", 5),
        ("c", "The death toll from the Tervo ferry disaster rose to nine on Monday. Two "
              "people are still missing, the coastguard said.", 10),
    )
    assert sorted(sorted(v["value"].lower() for v in c["values"])
                  for c in analysis["conflicts"]) == [
        ["at least 14", "at least 16"], ["seven", "seven", "two"]]
