"""Figures and vague quantities read the way a fact-checker compares them."""

from __future__ import annotations

import pytest

from storydesk.claims.numbers import figures, vague_quantities


def only(text: str):
    found = figures(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "value", "counts"), [
    ("Rescuers pulled ten people from the water.", 10, "people"),
    ("Rescuers pulled 10 people from the water.", 10, "people"),
    ("The storm left 1.5 million homes without power.", 1_500_000, "home"),
    ("The storm left 1,500,000 homes without power.", 1_500_000, "home"),
    ("The fund gave half a million euros to farmers.", 500_000, "euro"),
    ("Twenty-five trawlers stayed in port.", 25, "trawler"),
    ("A dozen boats joined the search.", 12, "boat"),
    ("Two dozen boats joined the search.", 24, "boat"),
    ("Half a dozen boats joined the search.", 6, "boat"),
    ("The council approved a $275 million bridge plan.", 275_000_000, "$ bridge"),
    ("Turnout reached 64 percent in Marrowby.", 64, "%"),
    ("Divers found 3 wrecks near Osk.", 3, "wreck"),
])
def test_the_same_figure_in_any_spelling(text: str, value: float, counts: str) -> None:
    figure = only(text)
    assert figure.value == value
    assert figure.counts == counts


@pytest.mark.parametrize("text", [
    "The ferry left at 7.50 a.m. on March 3, 2025.",
    "A 22-year-old deckhand was arrested in 2019.",
    "Its Su-35 escorts and 155mm guns were seen on 17 October.",
    "She is one of the port's longest-serving pilots.",
])
def test_dates_times_ages_and_model_names_are_not_figures(text: str) -> None:
    assert figures(text) == []


def test_bounds_estimates_rates_and_totals() -> None:
    assert only("more than 1.5 million people").bound == "lower"
    assert only("up to 40 percent of the grid").bound == "upper"
    about = only("Crews cleared about 10 roads a day.")
    assert (about.bound, about.rate, about.value) == ("about", "day", 10)
    share = only("The air force shot down 10 of 15 drones.")
    assert (share.value, share.total, share.counts) == (10, 15, "drone")


def test_same_value_allows_wording_not_other_numbers() -> None:
    ten, spelled, about, twelve, rate = (only(t) for t in (
        "10 drones", "ten drones", "about 10 drones", "12 drones", "10 drones a day"))
    assert ten.same_value(spelled) and ten.same_value(about)
    assert not ten.same_value(twelve)
    assert not ten.same_value(rate)


def test_a_bound_allows_figures_close_to_it_on_its_side() -> None:
    over, exact, far, under = (only(t) for t in (
        "more than 300 passengers", "312 passengers", "450 passengers", "298 passengers"))
    assert over.same_value(exact) and exact.same_value(over)
    assert not over.same_value(far) and not over.same_value(under)
    up_to, close = only("up to 50 homes"), only("48 homes")
    assert up_to.same_value(close) and not up_to.same_value(only("60 homes"))


def test_an_estimate_agrees_with_a_bound_only_on_its_side() -> None:
    over = only("more than 700 jobs")
    assert not over.same_value(only("about 640 jobs"))
    assert not only("about 640 jobs").same_value(over)
    assert over.same_value(only("about 720 jobs")) and over.same_value(only("about 690 jobs"))
    assert not only("up to 50 homes").same_value(only("about 60 homes"))


def test_vague_quantities_have_a_size_and_a_noun() -> None:
    found = vague_quantities("It sent a limited number of drones many months before, "
                             "and a few months later hundreds of drones.")
    assert [(v.size, v.counts) for v in found] == [
        ("small", "drone"), ("large", "month"), ("small", "month"), ("large", "drone")]


@pytest.mark.parametrize("text", ["Thirty-one people were injured, four of them seriously.",
                                  "Five of its eight carriages left the tracks.",
                                  "In all, 12 were taken to hospital."])
def test_a_figure_followed_by_a_pronoun_or_verb_counts_no_named_thing(text: str) -> None:
    assert all(f.counts in {"", "people", "carriage"} for f in figures(text))
    assert not any(f.counts in {"them", "its", "were"} for f in figures(text))


def test_what_a_figure_counts_lies_past_a_participle() -> None:
    (figure,) = figures("More than 120 planned operations have been postponed.")
    assert figure.counts == "operation"
    (figure,) = figures("Two were killed and 47 injured.")[1:]
    assert figure.counts == "injured"


def test_a_few_dozen_is_about_three_dozen() -> None:
    (figure,) = figures("Only a few dozen homes were damaged.")
    assert (figure.text, figure.value, figure.bound, figure.counts) == (
        "a few dozen", 36.0, "about", "home")
    assert not figure.same_value(figures("About 200 homes were damaged.")[0])


def test_a_total_may_be_told_as_the_train_s() -> None:
    (figure,) = figures("Six of the train's eight carriages left the rails.")
    assert (figure.value, figure.total, figure.counts) == (6.0, 8.0, "carriage")


def test_a_speed_with_its_own_unit_is_a_figure() -> None:
    (figure,) = figures("The bus was travelling at around 90 km/h on the bend.")
    assert (figure.value, figure.counts, figure.rate) == (90.0, "kilometre", "hour")
    (other,) = figures("It was travelling at about 140 kilometres per hour.")
    assert (other.counts, other.rate) == ("kilometre", "hour")
    assert not figure.same_value(other)


def test_a_figure_after_a_participle_counts_what_the_participle_says() -> None:
    (_, injured) = figures("The crash killed two people and injured 52 in the town.")
    assert injured.counts == "injured"
    (_, also) = figures("Two people were killed and 47 injured.")
    assert also.counts == injured.counts


@pytest.mark.parametrize(("text", "states"), [
    ("Four people are confirmed dead and seven are missing.", ["dead", "missing"]),
    ("The storm swept the coast, killing at least four people.", ["dead"]),
    ("Two people were killed and 47 injured when the bus overturned.", ["dead", "injured"]),
    ("At least 14 people were rescued from the water.", ["rescued"]),
    ("The NRA said 47 people had been treated in hospital.", [""]),
    # Things have states too, in other words for one state.
    ("Some 230 cottages were left under water by the morning.", ["flooded"]),
    ("The council said 198 cottages had been flooded.", ["flooded"]),
    ("Crews moved 61 residents of the care home to a school gym.", ["evacuated"]),
    ("The clinic had to transfer 16 patients to Harlund.", ["evacuated"]),
])
def test_a_count_of_people_says_what_they_are(text: str, states: list[str]) -> None:
    assert [f.state for f in figures(text)] == states


def test_and_a_half_is_part_of_the_figure() -> None:
    (figure,) = figures("The court sent him to prison for six and a half years.")
    assert (figure.text, figure.value, figure.counts) == ("six and a half", 6.5, "year")
    (percent,) = figures("The offer of four and a half per cent was rejected.")
    assert percent.value == 4.5 and percent.counts == "%"


def test_a_noun_before_a_plural_one_describes_what_is_counted() -> None:
    assert [f.counts for f in figures(
        "The strike closed more than 1,100 state schools and two night-shift workers died; "
        "thieves copied 500,000 patient records.")] == ["school", "worker", "record"]
    # A plural first noun is what is counted, whatever follows it.
    assert [f.counts for f in figures("About 1,500 residents fled and 31 people injured.")] \
        == ["resident", "people"]


def test_a_lower_and_an_upper_bound_close_together_agree() -> None:
    (low,) = figures("Police chased him at speeds of more than 100 mph.")
    (high,) = figures("He reached speeds of up to 120 mph.")
    assert low.same_value(high) and high.same_value(low)
    (far,) = figures("The fire covered up to 900 hectares.")
    assert not figures("The fire covered more than 100 hectares.")[0].same_value(far)


def test_lives_claimed_are_deaths() -> None:
    (figure,) = figures("The blast claimed the lives of two night-shift workers.")
    assert (figure.value, figure.counts, figure.state) == (2.0, "worker", "dead")


@pytest.mark.parametrize(("text", "value", "counts"), [
    ("The haul, valued at 6.4 million crowns, was taken.", 6_400_000, "crown"),
    ("The museum put the value of the pieces at 4,600,000 crowns.", 4_600_000, "crown"),
    ("Damage was put at $US1 million, authorities said.", 1_000_000, "$"),
])
def test_a_value_put_at_a_figure_is_a_figure(text: str, value: float, counts: str) -> None:
    figure = only(text)
    assert (figure.value, figure.counts) == (value, counts)


def test_a_time_or_an_age_after_at_is_no_figure() -> None:
    assert figures("The alarm went off at 3 and he died at 80.") == []


def test_a_figure_restated_in_brackets_in_other_units_is_read_once() -> None:
    assert [f.text for f in figures("Damage was put at $1 million ($1.52 million) on "
                                    "Saturday.")] == ["$1 million"]
    assert [f.text for f in figures("Police arrested 12 (10 men and 2 women).")] == \
        ["12", "10", "2"]


def test_measures_in_other_units_are_the_same_figure() -> None:
    hectares = only("The fire has burned 1,800 hectares of pine.")
    square_km = only("By Saturday it had burned about 18 square kilometres.")
    assert hectares.same_value(square_km) and hectares.counts == square_km.counts
    miles = only("The epicentre was 36 miles south-west of the port.")
    km = only("The epicentre was 58 kilometres south-west of the port.")
    assert miles.same_value(km)
    assert not only("The coach fell 15 metres down the slope.").same_value(
        only("The coach fell some 40 metres below the road."))
    cubic = only("The tank spilled about 25 cubic metres of brine.")
    litres = only("Around 25,000 litres of brine escaped.")
    assert cubic.same_value(litres) and cubic.counts == litres.counts == "cubic metre"
    assert only("The pipe leaked 25 metres from the pump.").counts == "metre"


def test_a_number_in_a_name_is_no_figure() -> None:
    assert figures("Regional Road 14 and Route 9 stay shut; Flight 370 landed at Gate 4.") == []


def test_a_measure_written_with_its_unit_in_one_word_is_a_figure() -> None:
    metres = only("They crawled along an 8-metre ventilation shaft.")
    feet = only("They squeezed through a 26-foot ventilation shaft.")
    assert (metres.counts, feet.counts) == ("metre", "metre") and metres.same_value(feet)
    assert figures("Its 155mm guns fired during a three-day strike.") == []


def test_rainfall_in_millimetres_and_inches_is_one_measure() -> None:
    assert only("Some 180 millimetres of rain fell.").same_value(
        only("Roughly seven inches of rain fell."))
    assert only("The epicentre was 58 km south-west of the port.").counts == "kilometre"


def test_an_age_after_a_name_counts_years_of_age() -> None:
    assert only("Kiril Dobrev, 29, was caught on Monday.").counts == "age of Dobrev"
    assert only("In Corriden, 40 people fled.").counts == "people"


def test_a_span_of_time_is_written_with_its_unit_unless_it_is_a_point_in_time() -> None:
    from storydesk.claims.numbers import duration
    text = "They had complained for three months; two years later it fell."
    spans = [duration(text, f) for f in figures(text)]
    assert spans == ["three months", None]


def test_two_words_for_one_counted_thing_count_alike() -> None:
    from storydesk.claims.numbers import counts_alike
    assert counts_alike("house", "home") and counts_alike("tin", "can")
    assert not counts_alike("house", "acre")
    assert only("about 30 houses were buried").same_value(only("some 30 homes were buried"))
