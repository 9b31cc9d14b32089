import datetime

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone

from .constants import SIZE_CLASS_BOUNDS, SizeClass


def search_q(text: str) -> Q:
    """Organisations whose name holds `text`, or whose abbreviation or code is `text`."""
    text = text.strip()
    if not text:
        return Q()
    return (
        Q(official_name__icontains=text)
        | Q(short_name__icontains=text)
        | Q(abbreviation__iexact=text)
        | Q(code__iexact=text)
    )


def province_q(province_id: int) -> Q:
    """The organisations in a province, and the province itself."""
    return Q(province_id=province_id) | Q(pk=province_id)


def size_class_q(size_class: str) -> Q:
    """Organisations whose number of inhabitants falls in `size_class` (SizeClass)."""
    if size_class == SizeClass.UNKNOWN:
        return Q(inhabitants__isnull=True)
    low, high = SIZE_CLASS_BOUNDS[size_class]
    q = Q(inhabitants__gte=low)
    return q & Q(inhabitants__lt=high) if high is not None else q


class OrganisationQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date):
        """Organisations that existed on `day` (end dates are inclusive)."""
        return self.filter(valid_on_q(day))

    def current(self):
        return self.valid_on(timezone.localdate())

    def of_kind(self, *kinds):
        return self.filter(kind__in=kinds)

    def in_country(self, country: str):
        return self.filter(country=country)

    def in_family(self, family):
        """Members of `family`: its kinds within its size bounds, plus additions, minus exclusions."""
        return self.filter(family.membership_q())

    def count_per_family(self, families) -> dict[int, int]:
        """How many of these organisations each family has, in one query for all families."""
        families = list(families)
        if not families:
            return {}
        totals = self.aggregate(
            **{f"family_{f.pk}": Count("pk", filter=f.membership_q()) for f in families}
        )
        return {f.pk: totals[f"family_{f.pk}"] for f in families}

    def search(self, text: str):
        return self.filter(search_q(text))

    def in_province(self, province_id: int):
        return self.filter(province_q(province_id))

    def in_size_class(self, size_class: str):
        return self.filter(size_class_q(size_class))


class ProgrammeQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


def valid_on_q(day: datetime.date) -> Q:
    """The condition of `OrganisationQuerySet.valid_on`, to combine with others in one query."""
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=day)
    )
