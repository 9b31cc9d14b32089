"""Periods: what a reporting round covers, and later what an indicator observation is about.

A period is written the way people type it and the import's `period` column reads it: a year
(`2016`), a quarter (`2016-Q2`) or a month (`2016-05`). It is kept as that text; this module
parses it once into its first and last day, its kind and a Dutch label. Periods of different
kinds sort by their last day, the shorter first ("2016-Q4" and "2016-12" before "2016").
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?:Q(?P<quarter>[1-4])|(?P<month>0[1-9]|1[0-2])))?$")
KIND_RANK = {"maand": 0, "kwartaal": 1, "jaar": 2}
INVALID = gettext_lazy(
    "Schrijf de periode als een jaar (2016), een kwartaal (2016-Q2) of een maand (2016-05)."
)


@dataclass(frozen=True, order=False)
class Period:
    code: str
    kind: str  # "jaar", "kwartaal" or "maand"
    starts_on: datetime.date
    ends_on: datetime.date

    def __str__(self) -> str:
        return self.code

    @property
    def sort_key(self) -> tuple:
        return (self.ends_on, KIND_RANK[self.kind])

    def __lt__(self, other: "Period") -> bool:
        return self.sort_key < other.sort_key

    @property
    def label(self) -> str:
        """In words, for headings and chart axes: "2e kwartaal 2016", "mei 2016", "2016"."""
        if self.kind == "kwartaal":
            return _("%(n)se kwartaal %(year)s") % {
                "n": (self.starts_on.month + 2) // 3,
                "year": self.starts_on.year,
            }
        if self.kind == "maand":
            return date_format(self.starts_on, "F Y")
        return str(self.starts_on.year)

    def contains(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on


def parse(text: str) -> Period:
    """The period `text` names; ValidationError (in words for the person) when it names none."""
    match = PATTERN.match((text or "").strip().upper())
    if not match:
        raise ValidationError(INVALID, code="invalid")
    year = int(match["year"])
    if not 1900 <= year <= 2999:
        raise ValidationError(INVALID, code="invalid")
    if match["quarter"]:
        first = 3 * (int(match["quarter"]) - 1) + 1
        last = first + 2
        code, kind = f"{year}-Q{match['quarter']}", "kwartaal"
    elif match["month"]:
        first = last = int(match["month"])
        code, kind = f"{year}-{first:02d}", "maand"
    else:
        first, last, code, kind = 1, 12, str(year), "jaar"
    ends = datetime.date(year, last, calendar.monthrange(year, last)[1])
    return Period(code, kind, datetime.date(year, first, 1), ends)


def validate_period(text: str) -> None:
    """Model field validator: the text names a period in its one written form."""
    if parse(text).code != text:
        raise ValidationError(INVALID, code="invalid")


def end_of(day: datetime.date) -> datetime.datetime:
    """The first moment after `day` (local time): `created_at < end_of(day)` reads as "made by
    `day`" without a date conversion per row (which SQLite does in Python)."""
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    )
