"""Reading printed dates in the forms newsrooms use."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from storydesk.metadata.dates import epoch_to_datetime, find_dates, is_date_only, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-12", date(2025, 3, 12)),
        ("2025-03-12T07:45:00Z", datetime(2025, 3, 12, 7, 45, tzinfo=UTC)),
        ("12 March 2025", date(2025, 3, 12)),
        ("Wednesday 12 March 2025 06:12", datetime(2025, 3, 12, 6, 12)),
        ("March 12, 2025", date(2025, 3, 12)),
        ("Thu, Mar. 13, 2025", date(2025, 3, 13)),
        ("Dec. 10, 2022", date(2022, 12, 10)),
        ("12.03.2025, 15:20", datetime(2025, 3, 12, 15, 20)),
        ("Tue, 18 Mar 2025 08:15:00 +0000", datetime(2025, 3, 18, 8, 15)),
        ("March 12, 2025 at 9:05 pm", datetime(2025, 3, 12, 21, 5)),
    ],
)
def test_parse_date(text: str, expected: date | datetime) -> None:
    value = parse_date(text)
    if isinstance(value, datetime) and value.tzinfo and not getattr(expected, "tzinfo", None):
        value = value.replace(tzinfo=None)
    assert value == expected


def test_no_date_in_plain_prose() -> None:
    assert parse_date("The ferry sailed on Tuesday evening.") is None
    assert find_dates("About 200 passengers and 14 crew, 3 boats.") == []


def test_impossible_dates_are_ignored() -> None:
    assert find_dates("31 February 2025") == []


def test_epoch_stamps_in_range_only() -> None:
    assert epoch_to_datetime("1741759920") == datetime(2025, 3, 12, 6, 12, tzinfo=UTC)
    assert epoch_to_datetime("0000000042") is None


@pytest.mark.parametrize(
    "line",
    ["Saturday 10 December 2022 04:19", "Published: 12 March 2025", "TERVISK, Lorvania, March 12, "
     "2025", "12.03.2025, 15:20 | Panorama | Translated from the German", "Updated 2025-03-12"],
)
def test_date_only_lines(line: str) -> None:
    assert is_date_only(line) is not None


@pytest.mark.parametrize(
    "line",
    ["On March 12, 2025 the ferry capsized at the harbour mouth.",
     "The inquiry will report by 12 June 2025, the minister said."],
)
def test_sentences_with_dates_are_not_date_lines(line: str) -> None:
    assert is_date_only(line) is None
