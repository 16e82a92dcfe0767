"""Conflicts between outlets' versions of one fact, and what is not a conflict."""

from __future__ import annotations

from datetime import date

from storydesk.claims.conflicts import (
    Version,
    conflicts_in,
    title_before,
    title_conflicts,
    title_inside,
)


def versions(*texts: str, **details) -> list[Version]:
    return [Version.read(f"a{n}", text, 0, len(text), **{k: v[n] for k, v in details.items()})
            for n, text in enumerate(texts)]


def test_a_different_count_is_a_conflict_with_every_value() -> None:
    found = conflicts_in(versions("The blast at the Harl depot killed 12 workers.",
                                  "Ten workers died in the blast at the Harl depot."))
    assert [(c.kind, c.about) for c in found] == [("number", "number of workers")]
    assert [(v.article, v.value) for v in found[0].values] == [("a0", "12"), ("a1", "Ten")]


def test_counts_of_people_in_different_states_are_no_conflict() -> None:
    """The dead are not the missing; the injured are compared with the injured."""
    assert conflicts_in(versions(
        "A ferry capsized on Tuesday evening, killing at least four people.",
        "Divers recovered a body on Wednesday, and six people are still unaccounted for.")) == []
    found = conflicts_in(versions("Two people were killed and 47 injured when the train left "
                                  "the rails.",
                                  "The crash killed two people and injured 52."))
    assert [[v.value for v in c.values] for c in found] == [["47", "52"]]


def test_the_same_figure_in_other_words_is_no_conflict() -> None:
    assert conflicts_in(versions("Ten workers died at the depot.",
                                 "The blast killed 10 workers at the depot.",
                                 "About 10 workers were killed.")) == []
    assert conflicts_in(versions("The outage hit 1.5 million homes in Varn.",
                                 "Some 1,500,000 homes lost power in Varn.")) == []


def test_a_rate_against_a_single_day_is_a_conflict() -> None:
    found = conflicts_in(versions("Crews downed about 10 drones a day over Selvik.",
                                  "Crews downed ten drones over Selvik on Sunday alone."))
    assert [c.kind for c in found] == ["number"]
    assert found[0].values[0].value == "about 10 a day"


def test_vague_quantities_of_different_size_conflict() -> None:
    found = conflicts_in(versions("The mill had been closed for many months.",
                                  "The mill had been closed for a few months."))
    assert [(c.kind, c.about) for c in found] == [("quantity", "how many months")]
    # Plural numbers differ by their order of magnitude; "many" has none.
    found = conflicts_in(versions("Dozens of boats joined.", "Hundreds of boats joined."))
    assert [(c.kind, c.about) for c in found] == [("quantity", "how many boats")]
    assert conflicts_in(versions("Dozens of boats joined.", "Scores of boats joined.")) == []
    assert conflicts_in(versions("Many boats joined.", "Hundreds of boats joined.")) == []


def test_vague_spans_of_time_in_different_units_conflict_when_they_cannot_meet() -> None:
    found = conflicts_in(versions("Findings are due within a few weeks.",
                                  "Findings are due within several months."))
    assert [(c.kind, c.about) for c in found] == [("quantity", "how long")]
    assert conflicts_in(versions("Talks lasted a few weeks.", "Talks lasted many days.")) == []


def test_different_days_and_places_conflict_but_one_place_spelled_twice_does_not() -> None:
    found = conflicts_in(versions(
        "The bridge at Tarn closed on Tuesday.", "The bridge at Tarn closed on Wednesday.",
        days=[[("Tuesday", date(2025, 3, 4))], [("Wednesday", date(2025, 3, 5))]]))
    assert [c.kind for c in found] == ["date"]
    found = conflicts_in(versions(
        "The fire started in Osk.", "The fire started in Brennick.",
        places=[[("Osk", "Osk")], [("Brennick", "Brennick")]]))
    assert [c.kind for c in found] == ["place"]
    assert conflicts_in(versions(
        "The fire started in Kievka.", "The fire started in Kyivka.",
        places=[[("Kievka", "Kyivka")], [("Kyivka", "Kyivka")]])) == []


def test_one_article_alone_has_no_conflict() -> None:
    text = "Ten workers died; 12 workers died."
    assert conflicts_in([Version.read("a", text, 0, len(text))]) == []


def test_titles_read_before_a_name() -> None:
    text = "In Lorn, Interior Minister Hana Vell said. Later, press officer Ivo Sand spoke."
    assert title_before(text, text.index("Hana")) == "Interior Minister"
    assert title_before(text, text.index("Ivo")) == "press officer"
    assert title_before("Yesterday Hana Vell said", len("Yesterday ")) == ""


def test_a_person_given_two_posts_is_a_title_conflict() -> None:
    titled = [("Hana Vell", "a0", "Interior Minister", 0, 9),
              ("Hana Vell", "a1", "Lorvanian Interior Secretary", 0, 9),
              ("Ivo Sand", "a0", "spokesman", 20, 28),
              ("Ivo Sand", "a1", "ministry spokesperson", 20, 28),
              ("Ivo Sand", "a2", "Interior Ministry spokeswoman", 20, 28)]
    found = title_conflicts(titled, lambda article, start, end: (f"in {article}", start, end))
    assert [(c.about, [v.value for v in c.values]) for c in found] == [
        ("title of Hana Vell", ["Interior Minister", "Lorvanian Interior Secretary"])]


def test_a_bound_and_a_figure_it_allows_are_no_conflict() -> None:
    assert conflicts_in(versions("The train was carrying more than 300 passengers.",
                                 "The train was carrying 312 passengers.")) == []


def test_a_speed_is_not_set_against_a_distance() -> None:
    found = conflicts_in(versions(
        "The train left the tracks about two kilometres from the station.",
        "The train left the tracks at about 140 kilometres an hour, two kilometres out."))
    assert found == []


def test_a_place_and_the_town_it_lies_in_are_no_conflict() -> None:
    """One outlet names the hospital, another the town, a third both: one place."""
    found = conflicts_in(versions(
        "The attack on the Orm Clinic began on Friday.",
        "The attack in Vessby began on Friday.",
        "The attack on the Orm Clinic in Vessby began on Friday.",
        places=[[("Orm Clinic", "Orm Clinic")], [("Vessby", "Vessby")],
                [("Orm Clinic", "Orm Clinic"), ("Vessby", "Vessby")]]))
    assert found == []


def test_a_title_set_before_a_name_with_a_comma() -> None:
    text = "The Northern Ferry Board's chairman, Ilse Varga, said the line would reopen."
    assert title_before(text, text.index("Ilse")).endswith("chairman")
    text = "The board met on Monday, Ilse Varga said."
    assert title_before(text, text.index("Ilse")) == ""


def test_places_a_version_names_together_are_no_conflict_wherever_it_puts_the_fact() -> None:
    """"born in Nashville, Tennessee" / "born in Tennessee": the second place of the first
    version is named, not put after "in"."""
    found = conflicts_in([
        Version.read("a0", "She was born in Tennessee in 1923.", 0, 34,
                     places=[("Tennessee", "Tennessee")]),
        Version.read("a1", "She was born in Nashville, Tennessee, in 1923.", 0, 46,
                     places=[("Nashville", "Nashville")], named=["Tennessee"])])
    assert found == []


def test_an_article_that_gives_the_first_reporters_figure_shows_that_figure() -> None:
    found = conflicts_in(versions("Seven people were still missing early Wednesday.",
                                  "Four people are confirmed dead and seven are missing.",
                                  "Two people are still missing, the coastguard said."))
    assert [[(v.article, v.value) for v in c.values] for c in found] == [
        [("a0", "Seven"), ("a1", "seven"), ("a2", "Two")]]


def test_a_place_and_a_country_or_a_district_of_it_are_no_conflict() -> None:
    """"in Canada" may hold "in Vancouver", and "Vessby" is in "North Vessby": neither pair
    is a conflict; two towns, or two countries, are."""
    def places(*names: str) -> list[Version]:
        return versions(*[f"The fire at the depot in {name} began on Friday." for name in names],
                        places=[[(name, name)] for name in names])

    assert conflicts_in(places("Canada", "Vancouver")) == []
    assert conflicts_in(places("Vessby", "North Vessby")) == []
    assert len(conflicts_in(places("Vessby", "Orrin"))) == 1
    assert len(conflicts_in(places("Canada", "Norway"))) == 1


def test_a_former_post_or_one_of_several_posts_is_no_title_conflict() -> None:
    """"former director" is a post held before; "club president and general manager" two
    posts held at once, and so are two posts one outlet gives; "head" is "chief"."""
    titled = [("Ola Brek", "a0", "former director", 0, 9),
              ("Ola Brek", "a1", "executive vice president", 0, 9),
              ("Tor Lund", "a0", "club president and general manager", 20, 28),
              ("Tor Lund", "a1", "president", 20, 28),
              ("Tor Lund", "a2", "general manager", 20, 28),
              ("Eva Holm", "a0", "Port Authority chairwoman", 40, 48),
              ("Eva Holm", "a0", "harbour master", 60, 68),
              ("Eva Holm", "a1", "harbour master", 40, 48),
              ("Eva Holm", "a2", "chairwoman", 40, 48),
              ("Ivo Sand", "a0", "survey chief", 80, 88),
              ("Ivo Sand", "a1", "survey head", 80, 88)]
    assert title_conflicts(titled, lambda article, start, end: ("", start, end)) == []


def test_titles_joined_by_and_are_read_before_a_name() -> None:
    text = "The club's president and general manager Tor Lund resigned."
    assert title_before(text, text.index("Tor")) == "president and general manager"


def test_a_whole_and_its_parts_are_no_conflict() -> None:
    assert conflicts_in(versions("Marines detained 23 smugglers on the two boats.",
                                 "Marines detained 12 Kellish and 11 Orrian smugglers.")) == []


def test_one_dispute_reported_by_two_claims_is_one_conflict() -> None:
    """Two claims hold the sentence with "many weeks" (it states two facts): the dispute
    is shown once, with every outlet's value."""
    from storydesk.claims.conflicts import Conflict, Value
    from storydesk.claims.story import joined

    def value(article: str, said: str, start: int) -> Value:
        return Value(article, said, f"... {said} ...", start, start + 20)

    few, many = value("a", "a few weeks", 10), value("b", "many weeks", 40)
    found = joined([
        Conflict("how many weeks", "quantity", [few, many, value("c", "a few weeks", 5)]),
        Conflict("how many weeks", "quantity", [few, many, value("d", "a few weeks", 7)]),
        Conflict("how many weeks", "quantity", [value("e", "a few weeks", 3),
                                                value("f", "several weeks", 9)]),
    ])
    assert [[v.article for v in c.values] for c in found] == [["a", "b", "c", "d"], ["e", "f"]]


def test_a_count_of_people_in_a_state_and_one_in_none_are_no_conflict() -> None:
    assert conflicts_in(versions("Three people died when the crowd surged in Orrin.",
                                 "As many as 2,000 people marched through Orrin.")) == []


def test_a_street_and_a_town_are_no_conflict() -> None:
    def places(*names: str) -> list[Version]:
        return versions(*[f"The fire at the shop in {name} began on Friday." for name in names],
                        places=[[(name, name)] for name in names])

    assert conflicts_in(places("Mill Lane", "Vessby")) == []
    assert len(conflicts_in(places("Mill Lane", "Quay Road"))) == 1


def test_figures_counted_besides_others_are_no_version_of_them() -> None:
    """Three more rifles are not another count of the seven."""
    assert conflicts_in(versions(
        "Marines seized seven rifles from the smugglers' boat.",
        "Divers later found three more rifles from the smugglers' boat on the seabed.")) == []


def test_a_sentence_of_six_and_a_half_years_is_not_one_of_seven() -> None:
    found = conflicts_in(versions("The court sentenced Marsk to six and a half years.",
                                  "The jailing of Marsk for seven years ends the case."))
    assert [[v.value for v in c.values] for c in found] == [["six and a half", "seven"]]


def test_a_region_named_as_one_may_hold_a_town() -> None:
    """"in Harl County" and "in Brenby" may both be right; two towns are not."""
    assert conflicts_in(versions(
        "The chase ended on the motorway in Harl County.",
        "The chase ended on the motorway in Brenby.",
        places=[[("Harl County", "Harl County")], [("Brenby", "Brenby")]])) == []
    assert conflicts_in(versions(
        "The chase ended on the motorway in Osterby.",
        "The chase ended on the motorway in Brenby.",
        places=[[("Osterby", "Osterby")], [("Brenby", "Brenby")]]))


def test_a_presiding_judge_is_not_the_chief_judge() -> None:
    titled = [("Ada Lenk", "a0", "Presiding Judge", 0, 8), ("Ada Lenk", "a1", "Judge", 0, 8),
              ("Ada Lenk", "a2", "Chief Judge", 0, 8)]
    found = title_conflicts(titled, lambda article, start, end: (f"in {article}", start, end))
    assert [[v.value for v in c.values] for c in found] == [
        ["Presiding Judge", "Judge", "Chief Judge"]]


def test_a_count_of_people_disputes_a_count_of_a_kind_of_people() -> None:
    found = conflicts_in(versions(
        "About 140 residents were treated for breathing problems at Orm hospital.",
        "By Thursday 212 people had been treated for breathing problems at Orm hospital."))
    assert [[v.value for v in c.values] for c in found] == [["About 140", "212"]]


def test_ranks_and_posts_of_a_service_are_titles() -> None:
    """Two ranks, or a curator against a director, are conflicts; a rank beside a post
    ("Constable" / "police spokesperson") is held together with it."""
    titled = [("Mila Odd", "a0", "Chief Inspector", 0, 9),
              ("Mila Odd", "a1", "Superintendent", 0, 9),
              ("Sara Ark", "a0", "director", 20, 28),
              ("Sara Ark", "a1", "Chief curator", 20, 28),
              ("Tim Fenn", "a0", "Constable", 40, 48),
              ("Tim Fenn", "a1", "police spokesperson", 40, 48),
              ("Hen Dahl", "a0", "Speaker", 60, 68),
              ("Hen Dahl", "a1", "Deputy Speaker", 60, 68),
              ("Lena Marsk", "a0", "spokeswoman", 80, 88),
              ("Lena Marsk", "a1", "speaker", 80, 88)]
    found = title_conflicts(titled, lambda article, start, end: ("", start, end))
    assert [c.about for c in found] == ["title of Mila Odd", "title of Sara Ark",
                                        "title of Hen Dahl"]


def test_a_title_the_recogniser_took_into_a_name_is_read_as_a_title() -> None:
    assert title_inside("Superintendent Mirela Oddsen") == len("Superintendent ")
    assert title_inside("Deputy Chief Fire Officer Agnes Torvik") == len(
        "Deputy Chief Fire Officer ")
    assert title_inside("Mirela Oddsen") == 0
    assert title_inside("Fire Oddsen") == 0     # no role word, no title


def test_a_change_one_outlet_tells_in_full_is_no_conflict() -> None:
    """"up from six a day earlier" tells that six was the count before eight."""
    assert conflicts_in(versions("Six patients are in intensive care.",
                                 "Eight patients were in intensive care, up from six a day "
                                 "earlier.",
                                 "Eight of the patients remain in intensive care.")) == []
    assert [c.about for c in conflicts_in(versions(
        "Six patients are in intensive care.",
        "Eight of the patients remain in intensive care."))] == ["number of patients"]


def test_a_bare_rank_joins_the_title_that_holds_it() -> None:
    titled = [("Jan Oberg", "a0", "Her deputy", 0, 9),
              ("Jan Oberg", "a1", "Deputy Finance Minister", 0, 9),
              ("Ola Brek", "a0", "Finance Minister", 20, 28),
              ("Ola Brek", "a1", "Deputy Finance Minister", 20, 28)]
    found = title_conflicts(titled, lambda article, start, end: ("", start, end))
    assert [c.about for c in found] == ["title of Ola Brek"]


def test_one_post_in_either_word_order_and_two_peoples_ages_are_no_conflict() -> None:
    titled = [("Jerry Orr", "a0", "Deputy Sheriff", 0, 9),
              ("Jerry Orr", "a1", "Sheriff's Deputy", 0, 9)]
    assert title_conflicts(titled, lambda article, start, end: ("", start, end)) == []
    assert conflicts_in(versions("LuAnn Marie Johnson, 66, was killed on Wednesday night.",
                                 "Police said Carl Webb, 36, was killed on Wednesday night.")
                        ) == []
    assert [c.about for c in conflicts_in(versions(
        "LuAnn Marie Johnson, 66, was killed on Wednesday night.",
        "Police said LuAnn Marie Johnson, 67, was killed on Wednesday night."))] == [
        "age of Johnson"]


def test_counts_of_other_things_are_compared_with_each_other_only() -> None:
    """"14 other cooling towers" / "nine other cooling towers" differ; "three other rifles"
    is counted besides the seven named first, not against "nine rifles"."""
    assert [c.about for c in conflicts_in(versions(
        "Samples were taken from 14 other cooling towers in the city.",
        "Samples were taken from nine other cooling towers in the city."))] == [
        "number of other towers"]
    assert conflicts_in(versions("Police seized seven rifles and three other rifles.",
                                 "Police seized seven rifles.")) == []


def test_places_a_story_names_one_inside_the_other_are_no_conflict() -> None:
    """A sentence elsewhere in the story says "in Banstead, Surrey": the town lies in the
    county, and naming either is no conflict; Lenby and Brantby, never so named, differ."""
    found = conflicts_in(versions(
        "A fire destroyed the supermarket in Banstead on Friday.",
        "A fire destroyed a supermarket in Surrey on Friday.",
        places=[[("Banstead", "Banstead")], [("Surrey", "Surrey")]]),
        named_together=[{"Banstead", "Surrey"}])
    assert found == []
    found = conflicts_in(versions(
        "A fire destroyed the supermarket in Lenby on Friday.",
        "A fire destroyed a supermarket in Brantby on Friday.",
        places=[[("Lenby", "Lenby")], [("Brantby", "Brantby")]]),
        named_together=[{"Banstead", "Surrey"}])
    assert [c.kind for c in found] == ["place"]
