"""Whole numbers typed by people or put in URLs by clients: page numbers, page sizes, ids.

Any Unicode digit is not the test for them: "²" is one (and `int()` fails on it), "٣" too
(`int()` reads it as 3, but no client means it). And a number has to fit the database: beyond
2**63 - 1 SQLite raises OverflowError and PostgreSQL refuses the query, where the answer
should simply be "no such object" or "not a valid number".
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from rest_framework import serializers

# The largest id a BigAutoField (DEFAULT_AUTO_FIELD) holds, on SQLite and PostgreSQL alike.
MAX_ID = 2**63 - 1
# The largest value of an IntegerField or PositiveIntegerField on PostgreSQL (version numbers,
# positions).
MAX_INT = 2**31 - 1

# Digits as clients write them: ASCII only, not every Unicode digit ("²", "٣").
ASCII_NUMBER = re.compile(r"[0-9]+")


def parse_positive_int(raw: object, *, maximum: int = MAX_ID) -> int | None:
    """`raw` as a whole number from 1 to `maximum`, written in ASCII digits; None otherwise.

    Accepts an int too (an already converted URL argument), under the same bounds.
    """
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        number = raw
    elif isinstance(raw, str) and ASCII_NUMBER.fullmatch(raw):
        # Longer than the maximum's digits cannot fit; don't make int() read a megabyte.
        if len(raw.lstrip("0")) > len(str(maximum)):
            return None
        number = int(raw)
    else:
        return None
    return number if 1 <= number <= maximum else None


def positive_ints(raws, *, maximum: int = MAX_ID) -> set[int]:
    """The values of `raws` (e.g. a form's getlist) that are positive whole numbers; the rest,
    typed wrong or tampered with, are left out."""
    return {n for n in (parse_positive_int(raw, maximum=maximum) for raw in raws) if n is not None}


class PositiveIntegerParameter(serializers.IntegerField):
    """A query parameter that is an id or a number: ASCII digits, from 1 up to `maximum`.

    DRF's IntegerField also takes "٣", " 7" and "7.0", which the OpenAPI document (type
    integer) does not allow, and any size, which the database does not.
    """

    def __init__(self, *, maximum: int = MAX_ID, **kwargs):
        super().__init__(min_value=1, max_value=maximum, **kwargs)

    def to_internal_value(self, data):
        raw = str(data)
        if not ASCII_NUMBER.fullmatch(raw):
            self.fail("invalid")
        number = parse_positive_int(raw, maximum=self.max_value)
        if number is None:
            self.fail(
                "min_value" if not raw.strip("0") else "max_value",
                min_value=self.min_value,
                max_value=self.max_value,
            )
        return number


class ModelIdsChoiceField(forms.ModelMultipleChoiceField):
    """Objects ticked by id, where an id that cannot exist is refused as invalid before the
    query: SQLite raises OverflowError on `pk__in` with a number past 2**63 - 1."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        if key == "pk":
            for pk in value:
                if parse_positive_int(str(pk)) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super()._check_values(value)
