"""The one reading of whole numbers from people and clients (koers/core/numbers.py)."""

import pytest

from ..numbers import MAX_ID, parse_positive_int, positive_ints


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("1", 1),
        ("0042", 42),
        (str(MAX_ID), MAX_ID),
        (7, 7),
        ("0", None),
        ("-1", None),
        ("", None),
        (None, None),
        (" 7", None),
        ("7.0", None),
        ("²", None),  # passes str.isdigit(), fails int()
        ("٣", None),  # int() reads it as 3; no client means that
        (str(MAX_ID + 1), None),
        ("9" * 30, None),
        ("9" * 5000, None),  # longer than int() reads by default, and no work spent on it
        (True, None),
    ],
)
def test_it_reads_a_positive_whole_number_or_nothing(raw, expected):
    assert parse_positive_int(raw) == expected


def test_it_keeps_to_the_maximum_asked():
    assert parse_positive_int("500", maximum=500) == 500
    assert parse_positive_int("501", maximum=500) is None


def test_it_leaves_out_what_is_no_number():
    assert positive_ints(["3", "²", "3", "x", "9" * 30, "12"]) == {3, 12}
