"""The filters of the contribution list: this app's own, and those the later stages add.

Consultation comes before the synthesis, so it knows nothing of themes, campaigns or
dispositions. Each app that can narrow the list names a function in its AppConfig
(`contribution_filters`, a dotted path), as `contribution_story` does for a contribution's page.
It is called with the reader and the programme and returns `ListFilters` (form fields, named as
Dutch address parameters; how their values narrow the list; links for the list page), or None
when the reader may not use them. The list, its download and the pages that work through the
input of a list one contribution after another all filter through `filtered_contributions`.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from koers.accounts.work import Item
from koers.core.hooks import app_hooks
from koers.organisations.models import Programme

from .forms_contributions import ContributionFilterForm
from .importing import consultation_version
from .models import Contribution


@dataclass
class ListFilters:
    """What a later stage adds to the contribution list."""

    # Form fields by parameter name, shown after this app's own.
    fields: dict[str, forms.Field]
    # (the contributions, the form's cleaned data) -> the contributions its fields keep.
    narrow: Callable[[QuerySet, dict], QuerySet]
    # (the contributions the list shows, the list's address, the page shown: a SeekPage) ->
    # links shown above the list.
    links: Callable[[QuerySet, str, object], list[Item]] = field(
        default=lambda contributions, url, page: []
    )


def later_filters(user, programme: Programme) -> list[ListFilters]:
    found = (add(user, programme) for add in app_hooks("contribution_filters"))
    return [filters for filters in found if filters is not None]


def contribution_filter_form(data, *, user, programme: Programme) -> ContributionFilterForm:
    """The list's filter form for `user`: this app's fields and those of the later stages.

    `data` is the address's parameters (None: unfiltered); the page number is no filter.
    """
    if data is not None:
        data = data.copy()
        data.pop("pagina", None)
    later = later_filters(user, programme)
    extra = {name: f for filters in later for name, f in filters.fields.items()}
    form_class = ContributionFilterForm
    if extra:
        # Declared on a subclass, so that every field gets the form's classes and attributes
        # (the form's metaclass takes the fields out of the dict it is given: a copy).
        form_class = type("ContributionFilterForm", (ContributionFilterForm,), dict(extra))
    own = list(ContributionFilterForm.base_fields)
    order = own[: own.index("alinea") + 1] + list(extra)
    form = form_class(
        data or None,
        programme=programme,
        version=consultation_version(programme),
        field_order=order,
    )
    form.later = later
    return form


def filtered_contributions(user, programme: Programme, form: ContributionFilterForm):
    """The contributions the list shows for valid filters (none for invalid ones): only those
    the user may read (consultation.view_contribution), so that neither a search nor the
    download finds text moderation hid from them."""
    contributions = Contribution.objects.visible_to(user, programme)
    if not form.is_bound:
        return contributions
    if not form.is_valid():
        return contributions.none()
    data = form.cleaned_data
    if data["zoek"]:
        contributions = contributions.search(data["zoek"])
    if data["familie"]:
        contributions = contributions.filter(family=data["familie"])
    if data["organisatie"]:
        contributions = contributions.filter(organisation=data["organisatie"])
    if data["kanaal"]:
        contributions = contributions.filter(channel=data["kanaal"])
    if data["soort"]:
        contributions = contributions.filter(stance=data["soort"])
    if data["alinea"]:
        contributions = contributions.filter(paragraphs=data["alinea"])
    # Moments, not `__date`: a function of the column would bypass its index.
    zone = timezone.get_current_timezone()
    if data["van"]:
        start = datetime.datetime.combine(data["van"], datetime.time.min, tzinfo=zone)
        contributions = contributions.filter(submitted_at__gte=start)
    if data["tot"]:
        end = datetime.datetime.combine(
            data["tot"] + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
        )
        contributions = contributions.filter(submitted_at__lt=end)
    if data["zichtbaarheid"] == "zichtbaar":
        contributions = contributions.filter(is_hidden=False)
    elif data["zichtbaarheid"] == "verborgen":
        contributions = contributions.filter(is_hidden=True)
    for filters in getattr(form, "later", ()):
        contributions = filters.narrow(contributions, data)
    return contributions
