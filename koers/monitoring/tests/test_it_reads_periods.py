"""Periods as people write them: a year, a quarter or a month."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from ..periods import parse, validate_period


@pytest.mark.parametrize(
    "text,code,kind,starts,ends",
    [
        ("2016", "2016", "jaar", (2016, 1, 1), (2016, 12, 31)),
        ("2016-Q2", "2016-Q2", "kwartaal", (2016, 4, 1), (2016, 6, 30)),
        (" 2016-q4 ", "2016-Q4", "kwartaal", (2016, 10, 1), (2016, 12, 31)),
        ("2016-02", "2016-02", "maand", (2016, 2, 1), (2016, 2, 29)),
    ],
)
def test_it_reads_a_period(text, code, kind, starts, ends):
    period = parse(text)
    assert (period.code, period.kind) == (code, kind)
    assert (period.starts_on, period.ends_on) == (datetime.date(*starts), datetime.date(*ends))


@pytest.mark.parametrize(
    "text", ["", "16", "2016-Q5", "2016-13", "2016-00", "2016-1", "Q2-2016", None]
)
def test_it_refuses_what_is_no_period(text):
    with pytest.raises(ValidationError):
        parse(text)


def test_it_keeps_one_written_form():
    validate_period("2016-Q2")
    with pytest.raises(ValidationError):
        validate_period("2016-q2")


def test_periods_sort_by_their_end_and_the_shorter_first():
    codes = ["2017", "2016-Q4", "2016-12", "2016-Q1", "2017-01"]
    assert [p.code for p in sorted(parse(c) for c in codes)] == [
        "2016-Q1",
        "2016-12",
        "2016-Q4",
        "2017-01",
        "2017",
    ]


def test_it_names_a_period_in_dutch():
    with translation.override("nl"):
        assert parse("2016-Q2").label == "2e kwartaal 2016"
        assert parse("2016-05").label == "mei 2016"
        assert parse("2016").label == "2016"
