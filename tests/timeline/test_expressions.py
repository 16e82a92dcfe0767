"""Date expressions in news text, resolved against the publication date.

Every sentence here is invented: the towns, people and events are fictional.
"""

from __future__ import annotations

from datetime import date, datetime
from itertools import pairwise

import pytest

from storydesk.timeline import EventDate, find_event_dates

SATURDAY = date(2022, 12, 10)  # the regression article's publication day
NEW_YEAR = date(2023, 1, 5)  # a Thursday, just after the turn of the year


def only(text: str, published: date | datetime | str | None = SATURDAY,
         published_certain: bool = True) -> EventDate:
    """The single expression found in ``text``, checked for exact offsets."""
    found = find_event_dates(text, published, published_certain)
    assert len(found) == 1, [e.expression for e in found]
    event = found[0]
    assert text[event.start : event.end] == event.expression
    return event


# --- The regression article: published Saturday 10 December 2022 -------------------------


@pytest.mark.parametrize(
    ("sentence", "expression", "label", "precision"),
    [
        ("The ferry Kestrel ran aground on Friday near Varnholt.", "Friday", "2022-12-09", "day"),
        ("Coastguards reached the wreck early Saturday.", "early Saturday", "2022-12-10", "day"),
        ("The inquiry opened Dec. 10 in Osterby.", "Dec. 10", "2022-12-10", "day"),
        ("The ship was last inspected October 17 by the harbour board.", "October 17",
         "2022-10-17", "day"),
        ("Crew members complained about the engines last month.", "last month", "2022-11",
         "month"),
        ("The owners were warned in July, documents show.", "July", "2022-07", "month"),
        ("A second inspection was due on Nov. 15, officials said.", "Nov. 15", "2022-11-15",
         "day"),
    ],
)
def test_regression_article(sentence: str, expression: str, label: str, precision: str) -> None:
    event = only(sentence, SATURDAY)
    assert (event.expression, event.label(), event.precision) == (expression, label, precision)
    assert event.relative and event.certain


def test_date_of_publication_day_itself() -> None:
    event = only("The Varnholt council met on Dec. 11 to vote on the levy.", date(2022, 12, 11))
    assert event.label() == "2022-12-11"


def test_regression_article_as_a_whole() -> None:
    text = (
        "VARNHOLT, Lorvania — The ferry Kestrel ran aground on Friday, and coastguards reached "
        "the wreck early Saturday. The inquiry opened Dec. 10. The ship was last inspected "
        "October 17; crew members complained last month, and the owners were warned in July. "
        "A second inspection had been due on Nov. 15."
    )
    labels = [(e.expression, e.label()) for e in find_event_dates(text, "2022-12-10")]
    assert labels == [
        ("Friday", "2022-12-09"), ("early Saturday", "2022-12-10"), ("Dec. 10", "2022-12-10"),
        ("October 17", "2022-10-17"), ("last month", "2022-11"), ("July", "2022-07"),
        ("Nov. 15", "2022-11-15"),
    ]


# --- Printed dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expression", "label", "relative"),
    [
        ("The court in Osterby ruled on October 17, 2022, that the lease was void.",
         "October 17, 2022", "2022-10-17", False),
        ("The court in Osterby ruled on 17 October 2022 that the lease was void.",
         "17 October 2022", "2022-10-17", False),
        ("The strike began Oct. 17 and spread to two other ports.", "Oct. 17", "2022-10-17",
         True),
        ("Ilse Vantrell took office on Sept. 3 after a recount.", "Sept. 3", "2022-09-03",
         True),
        ("Ilse Vantrell took office on 3 September after a recount.", "3 September",
         "2022-09-03", True),
        ("Ilse Vantrell took office on the 3rd of September after a recount.",
         "3rd of September", "2022-09-03", True),
        ("The filing, dated 2022-12-01, lists 14 creditors.", "2022-12-01", "2022-12-01", False),
        ("The notice was posted on 25/12/2021 at the town hall.", "25/12/2021", "2021-12-25",
         False),
        ("The vote on Saturday, Dec. 3, 2022, was annulled.", "Saturday, Dec. 3, 2022",
         "2022-12-03", False),
        ("Tomas Brell was elected in May 2019, two years before the strike.", "May 2019",
         "2019-05", False),
        ("The quarry has been closed since 2014, residents say.", "2014", "2014", False),
        ("Marta Keel founded the firm in 2019 with two partners.", "2019", "2019", False),
        ("Work stopped in mid-2019 when the money ran out.", "mid-2019", "2019", False),
        ("Families were evacuated on Christmas Eve, the mayor said.", "Christmas Eve",
         "2022-12-24", True),
    ],
)
def test_printed_dates(sentence: str, expression: str, label: str, relative: bool) -> None:
    event = only(sentence, SATURDAY)
    assert (event.expression, event.label(), event.relative) == (expression, label, relative)


def test_slashed_dates_that_read_both_ways_are_uncertain() -> None:
    event = only("The permit was signed on 12/10/2022, the ministry said.")
    assert event.label() == "2022-12-10"  # month first, as in US copy
    assert not event.certain
    assert only("It was renewed on 12/25/2022.").certain


def test_weekday_that_contradicts_its_date_is_uncertain() -> None:
    event = only("The vote on Friday, Oct. 17, 2022, was annulled.", None)
    assert event.label() == "2022-10-17" and not event.certain  # Oct. 17, 2022 was a Monday


def test_impossible_dates_are_dropped() -> None:
    assert find_event_dates("Payments resume on Feb. 30 and April 31.", SATURDAY) == []


# --- Year-less dates across a new year ----------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("The storm hit Osterby on Dec. 28 and cut power to 3,000 homes.", "2022-12-28"),
        ("The trial of Tomas Brell opens Jan. 20, his lawyer said.", "2023-01-20"),
        ("The dam was finished on Nov. 2 after six years of work.", "2022-11-02"),
        ("The port reopens on March 1, the operator said.", "2023-03-01"),
        ("Payments are due by Feb. 29 in leap years.", "2024-02-29"),
    ],
)
def test_yearless_dates_across_new_year(sentence: str, label: str) -> None:
    assert only(sentence, NEW_YEAR).label() == label


def test_yearless_date_half_a_year_away_is_uncertain() -> None:
    event = only("The bridge was closed on July 20 for repairs.", NEW_YEAR)
    assert event.label() == "2022-07-20" and not event.certain


# --- Weekdays -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expression", "label", "certain"),
    [
        ("The council met on Saturday to approve the budget.", "Saturday", "2022-12-10", True),
        ("The council met Tuesday to approve the budget.", "Tuesday", "2022-12-06", True),
        ("The fire started late Tuesday in a warehouse.", "late Tuesday", "2022-12-06", True),
        ("Police were called late on Thursday.", "late on Thursday", "2022-12-08", True),
        ("Residents gathered on Friday night outside the hall.", "Friday night", "2022-12-09",
         True),
        ("Talks resume next Monday in Osterby.", "next Monday", "2022-12-12", True),
        ("Talks resume this coming Wednesday in Osterby.", "this coming Wednesday",
         "2022-12-14", True),
        ("The union walked out last Friday.", "last Friday", "2022-12-09", False),
        ("The union walked out last Monday.", "last Monday", "2022-12-05", False),
        ("The union walked out last Sunday.", "last Sunday", "2022-12-04", True),
        ("The minister will visit the site on Wednesday.", "Wednesday", "2022-12-14", True),
        ("A vigil is planned for Sunday evening.", "Sunday evening", "2022-12-11", True),
        ("The hearing is now scheduled for Tuesday.", "Tuesday", "2022-12-13", True),
        ("Ms Orla, who visits the town on Thursday, promised help.", "Thursday", "2022-12-15",
         True),
        ("The ferry service resumes on Monday.", "Monday", "2022-12-12", True),
        ("The ferry service resumed on Monday.", "Monday", "2022-12-05", True),
        ("Both sides have agreed to meet on Thursday.", "Thursday", "2022-12-15", True),
        ("The port stays closed until at least Tuesday.", "at least Tuesday", "2022-12-13",
         True),
        ("Residents may be allowed to return on Tuesday.", "Tuesday", "2022-12-13", True),
        ("The museum said it hoped to reopen on Thursday.", "Thursday", "2022-12-15", True),
        ("The minister planned to visit the town on Monday.", "Monday", "2022-12-12", True),
        ("The mayor could not be reached on Tuesday.", "Tuesday", "2022-12-06", True),
        ("A service will be held at the Church of St. Idrun on Wednesday.", "Wednesday",
         "2022-12-14", True),
        ("Police said Dr. Lenz was questioned on Wednesday.", "Wednesday", "2022-12-07", True),
        ("The premier has called a confidence vote for Friday.", "Friday", "2022-12-16",
         True),
        ("Lab results were expected Friday.", "Friday", "2022-12-16", True),
        ("The hotline had received 3,000 calls by Tuesday night.", "Tuesday night",
         "2022-12-06", True),
        ("The road should reopen soon, after crews cleared a blockage on Tuesday.",
         "Tuesday", "2022-12-06", True),
        ("Friday's vote will decide the budget.", "Friday", "2022-12-16", True),
        ("Friday's vote decided the budget.", "Friday", "2022-12-09", True),
        ("By Monday evening the toll had risen to nine.", "Monday evening", "2022-12-05",
         True),
        ("Police said Tuesday that the man will be charged.", "Tuesday", "2022-12-06", True),
        # A day named for what it will be.
        ("Monday will be a day of national mourning.", "Monday", "2022-12-12", True),
        ("Monday has been declared a day of mourning.", "Monday", "2022-12-12", True),
        ("The cabinet declared Monday a day of mourning.", "Monday", "2022-12-12", True),
        ("Monday was a day of mourning.", "Monday", "2022-12-05", True),
    ],
)
def test_weekdays(sentence: str, expression: str, label: str, certain: bool) -> None:
    event = only(sentence, SATURDAY)
    assert (event.expression, event.label(), event.certain) == (expression, label, certain)


def test_weekday_on_publication_day_with_future_wording_is_that_day() -> None:
    event = only("The minister will visit the site on Saturday.", SATURDAY)
    assert event.label() == "2022-12-10" and event.certain


# --- Relative days, weeks, months, years, seasons ----------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expression", "label", "precision"),
    [
        ("The mayor resigned yesterday, aides said.", "yesterday", "2022-12-09", "day"),
        ("The results are expected tomorrow morning.", "tomorrow morning", "2022-12-11", "day"),
        ("Shots were heard late last night in Varnholt.", "late last night", "2022-12-09", "day"),
        ("The ferry ran aground the previous evening.", "the previous evening", "2022-12-09",
         "day"),
        ("The roads reopened this morning.", "this morning", "2022-12-10", "day"),
        ("The board met the day before yesterday.", "the day before yesterday", "2022-12-08",
         "day"),
        ("The firm filed for bankruptcy three days ago.", "three days ago", "2022-12-07", "day"),
        ("Fishing crews protested last week.", "last week", "2022-11-28/2022-12-04", "week"),
        ("The strike ends this week, the union says.", "this week", "2022-12-05/2022-12-11",
         "week"),
        ("Crews worked over the weekend to clear the road.", "the weekend",
         "2022-12-10/2022-12-11", "week"),
        ("Prices fell sharply earlier this month.", "earlier this month", "2022-12", "month"),
        ("The levy takes effect next month.", "next month", "2023-01", "month"),
        ("Exports slowed earlier this year.", "earlier this year", "2022", "year"),
        ("The plant was sold last year to a rival.", "last year", "2021", "year"),
        ("The river burst its banks last summer.", "last summer", "2022-06/2022-08", "season"),
        ("New ferries arrive next spring.", "next spring", "2023-03/2023-05", "season"),
        ("Floods struck in the winter of 2021-22.", "winter of 2021-22", "2021-12/2022-02",
         "season"),
    ],
)
def test_relative_expressions(sentence: str, expression: str, label: str, precision: str) -> None:
    event = only(sentence, SATURDAY)
    assert (event.expression, event.label(), event.precision) == (expression, label, precision)


def test_intervals_behind_the_labels() -> None:
    event = only("Prices fell sharply earlier this month.")
    assert (event.earliest, event.latest) == (date(2022, 12, 1), SATURDAY)
    event = only("Work resumed in early July.")
    assert (event.earliest, event.latest) == (date(2022, 7, 1), date(2022, 7, 10))


def test_yearless_month_is_the_latest_not_after_publication() -> None:
    assert only("Sales collapsed in December, the report says.", NEW_YEAR).label() == "2022-12"
    event = only("Turnout was low in February.", NEW_YEAR)
    assert event.label() == "2022-02" and not event.certain  # may well mean the coming one
    # Said of the future, the month is the coming one.
    assert only("Elections are to be held in February.", NEW_YEAR).label() == "2023-02"
    assert only("She will report by the end of June.", NEW_YEAR).label() == "2023-06"


def test_counted_days_follow_the_date_before_them() -> None:
    text = "The dam failed on March 3, 2021. Two days later the village was evacuated."
    later = find_event_dates(text, SATURDAY)[1]
    assert (later.expression, later.label(), later.relative) == ("Two days later", "2021-03-05",
                                                                 False)
    event = only("Two days later the village was evacuated.")
    assert event.label() == "2022-12-12" and not event.certain  # counted from publication


def test_the_next_day() -> None:
    text = "Brell was arrested on Friday. He was released the next day."
    found = find_event_dates(text, SATURDAY)
    assert [(e.expression, e.label()) for e in found] == [("Friday", "2022-12-09"),
                                                          ("the next day", "2022-12-10")]


# --- Things that are not dates ------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The first train leaves at 7.50 a.m. and the last at 11:40 p.m.",
        "Vantrell, 54, won 10 of 15 seats; her rival, aged 61, won 3.",
        "Former prime minister Theresa May said the deal may collapse.",
        "Protesters will march on the capital; the March was peaceful.",
        "Good Friday services went ahead, and Black Friday sales were muted.",
        "The Sunday Times and the Mail on Sunday both ran the story.",
        "She told the Today programme that prices may rise.",
        "The party won 2019 votes, and inflation reached 20 percent.",
        "June Okafor and April Lenz met August Brand at the port.",
        "The market opens every Friday, and on Sundays too.",
        "Over the next month, and in the last week, prices swung.",
        "The stake rose by 1.5 days' worth of output, 3,000 tonnes.",
    ],
)
def test_not_dates(sentence: str) -> None:
    assert find_event_dates(sentence, SATURDAY) == []


# --- Anchors ------------------------------------------------------------------------------


def test_uncertain_anchor_makes_every_relative_reading_uncertain() -> None:
    text = "On Friday, Dec. 2, 2022, the mayor resigned; the council met yesterday and in July."
    found = find_event_dates(text, SATURDAY, published_certain=False)
    assert [(e.expression, e.relative, e.certain) for e in found] == [
        ("Friday, Dec. 2, 2022", False, True), ("yesterday", True, False), ("July", True, False),
    ]


def test_without_anchor_only_absolute_dates_are_kept() -> None:
    text = "The dam failed on 17 October 2022; repairs began Dec. 10 and ended yesterday."
    found = find_event_dates(text, None)
    assert [e.expression for e in found] == ["17 October 2022"]


@pytest.mark.parametrize(
    "published",
    [SATURDAY, datetime(2022, 12, 10, 23, 40), "2022-12-10", "2022-12-10T04:19:00+00:00",
     "Sat, 10 Dec 2022 04:19:00 GMT"],
)
def test_publication_date_forms(published: date | datetime | str) -> None:
    assert only("The mayor resigned yesterday.", published).label() == "2022-12-09"


def test_unreadable_publication_date_counts_as_none() -> None:
    assert find_event_dates("The mayor resigned yesterday.", "soon") == []


# --- Offsets ------------------------------------------------------------------------------


def test_offsets_are_exact_and_expressions_never_overlap() -> None:
    text = (
        "OSTERBY — Early Saturday, Dec. 10, 2022, crews began work.\n"
        "It was the first dry day since late last month; last summer the site flooded twice, "
        "and in mid-July 2021 it burned. Talks resume next Monday. “We met on Friday night,” "
        "Brell said on Dec. 10. Three days ago, on 2022-12-07, the levy rose."
    )
    found = find_event_dates(text, SATURDAY)
    assert [e.expression for e in found] == [
        "Early Saturday, Dec. 10, 2022", "late last month", "last summer", "mid-July 2021",
        "next Monday", "Friday night", "Dec. 10", "Three days ago", "2022-12-07",
    ]
    for event in found:
        assert text[event.start : event.end] == event.expression
    for first, second in pairwise(found):
        assert first.end <= second.start


def test_label_formats() -> None:
    day = EventDate(0, 1, "x", date(2022, 12, 10), date(2022, 12, 10), "day", False, True)
    week = EventDate(0, 1, "x", date(2022, 12, 5), date(2022, 12, 11), "week", True, True)
    month = EventDate(0, 1, "x", date(2022, 12, 1), date(2022, 12, 31), "month", True, True)
    year = EventDate(0, 1, "x", date(2022, 1, 1), date(2022, 12, 31), "year", True, True)
    assert [e.label() for e in (day, week, month, year)] == [
        "2022-12-10", "2022-12-05/2022-12-11", "2022-12", "2022",
    ]


def test_the_previous_morning_is_the_day_before_publication_but_uncertain() -> None:
    """It may count from another event the article tells, not from its own day."""
    event = only("Crews cleared the line the previous morning.", SATURDAY)
    assert (event.expression, event.label(), event.certain) == (
        "the previous morning", "2022-12-09", False)
