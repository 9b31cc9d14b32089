"""The synthesis's filters of the contribution list (koers.consultation.filters): theme, campaign
and processing, and the way to process the open input of a filtered list one after another."""

from functools import partial

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.accounts.work import Item
from koers.consultation.filters import ListFilters
from koers.core.numbers import parse_positive_int
from koers.organisations.models import Programme

from .constants import Outcome
from .dispositions import disposed, undisposed
from .models import Campaign, Theme

NO_THEME = "geen"
OPEN = "open"
DISPOSED = "verwerkt"
# The order of the list, which "the next one" follows.
ORDER = ("-submitted_at", "-pk")
# How many campaigns, the largest first, the filter offers in its list.
CAMPAIGNS_SHOWN = 100


def contribution_filters(user, programme: Programme) -> ListFilters | None:
    """Theme and campaign for those who read the synthesis; processed or open for those who
    read the processing; the link to process the list's open input for those who decide."""
    if not user.has_perm("synthesis.view_synthesis", programme):
        return None
    themes = Theme.objects.active().filter(programme=programme).values_list("pk", "label")
    fields = {
        "thema": forms.ChoiceField(
            label=_("Thema"),
            required=False,
            choices=[
                ("", _("Alle thema's")),
                *((str(pk), label) for pk, label in themes),
                (NO_THEME, _("Nog in geen thema")),
            ],
        )
    }
    campaigns = list(
        Campaign.objects.filter(programme=programme)
        .order_by("-size", "number")
        .values_list("pk", "number", "size")[:CAMPAIGNS_SHOWN]
    )
    if campaigns:
        fields["campagne"] = CampaignField(
            programme,
            label=_("Campagne"),
            required=False,
            choices=[("", _("Alle inbreng")), *(_campaign_choice(*c) for c in campaigns)],
            help_text=_(
                "De grootste campagnes; elke campagne opent haar inbreng vanaf haar pagina."
            )
            if len(campaigns) == CAMPAIGNS_SHOWN
            else "",
        )
    if user.has_perm("synthesis.view_processing", programme):
        fields["verwerking"] = forms.ChoiceField(
            label=_("Verwerking"),
            required=False,
            choices=[
                ("", _("Open en verwerkt")),
                (OPEN, _("Open")),
                (DISPOSED, _("Verwerkt")),
                *((o.value, _("Verwerkt: %(outcome)s") % {"outcome": o.label}) for o in Outcome),
            ],
            help_text=_("Open: zichtbare inbreng waarover nog niet is besloten."),
        )
    filters = ListFilters(fields=fields, narrow=narrow)
    if user.has_perm("synthesis.dispose_contributions", programme):
        filters.links = partial(process_links, programme)
    return filters


def _campaign_choice(pk: int, number: int, size: int) -> tuple[str, str]:
    return (
        str(pk),
        ngettext(
            "Campagne %(number)s (%(size)s tekst)",
            "Campagne %(number)s (%(size)s teksten)",
            size,
        )
        % {"number": number, "size": size},
    )


class CampaignField(forms.ChoiceField):
    """The largest campaigns as choices (a million contributions hold tens of thousands of
    campaigns: a list of all of them would be most of the page), and any other campaign of the
    programme when its page links here; that one is then added to the choices, so the form
    shows what it filters on."""

    def __init__(self, programme: Programme, **kwargs):
        super().__init__(**kwargs)
        self.programme = programme

    def valid_value(self, value) -> bool:
        if super().valid_value(value):
            return True
        pk = parse_positive_int(str(value))
        found = (
            Campaign.objects.filter(programme=self.programme, pk=pk)
            .values_list("pk", "number", "size")
            .first()
            if pk
            else None
        )
        if found is None:
            return False
        self.choices = [*self.choices, _campaign_choice(*found)]
        return True


def narrow(contributions, data: dict):
    """The contributions kept by the synthesis's filters (cleaned values, checked choices)."""
    theme = data.get("thema")
    if theme == NO_THEME:
        contributions = contributions.filter(theme_assignment__isnull=True)
    elif theme:
        contributions = contributions.filter(theme_assignment__theme_id=int(theme))
    if data.get("campagne"):
        contributions = contributions.filter(theme_assignment__campaign_id=int(data["campagne"]))
    processing = data.get("verwerking")
    if processing == OPEN:
        contributions = undisposed(contributions)
    elif processing == DISPOSED:
        contributions = disposed(contributions)
    elif processing:
        contributions = disposed(contributions, processing)
    return contributions


def dispose_url(programme: Programme, contribution_id: int, list_url: str) -> str:
    """The processing page of a contribution, opened from the list at `list_url`."""
    url = reverse("synthesis:contribution-dispose", args=[programme.slug, contribution_id])
    return f"{url}?{urlencode({'lijst': list_url})}"


def next_open(contributions, after=None, page=None) -> int | None:
    """The id of the open contribution that follows `after` in the list's order (the first one
    when none follows, or without `after`), or None when nothing is open. `page`, the list's
    page being shown, saves reading again what it holds when it is the list's first."""
    if after is not None:
        following = contributions.filter(
            Q(submitted_at__lt=after.submitted_at)
            | Q(submitted_at=after.submitted_at, pk__lt=after.pk)
        )
        found = _first_open(following)
        if found is not None:
            return found
        contributions = contributions.exclude(pk=after.pk)
    elif page is not None and not page.has_earlier_rows:
        top = [(c.pk, c.submitted_at) for c in page.object_list]
        return _first_open(contributions, top, ends=not page.has_next_rows)
    return _first_open(contributions)


# Open input is looked for along the list, a stretch at a time, each longer than the last,
# before the database is asked to find it among all rows: the list reads its order from an
# index, and open input is mostly near its top. Asked at once, PostgreSQL expected almost
# nothing to be open at a million (most is decided) and joined every contribution with every
# disposition to sort the few it found: 0.7 s on every view of the list. The first stretch is
# a page: reading 500 rows of a search for a common word took 150 ms.
STRETCHES = (50, 200, 800)


def _first_open(contributions, top=None, ends=False) -> int | None:
    """`top`: the list's first rows as (id, submitted_at), read already for its page (`ends`:
    the whole list)."""
    ordered = contributions.order_by(*ORDER)
    rest = ordered
    stretches = [(top, ends)] if top is not None else []
    stretches += [(None, length) for length in STRETCHES]
    for stretch, length_or_ends in stretches:
        if stretch is None:
            stretch = list(rest.values_list("pk", "submitted_at")[:length_or_ends])
            whole = len(stretch) < length_or_ends
        else:
            whole = length_or_ends
        ids = [pk for pk, _at in stretch]
        still_open = set(
            undisposed(contributions.model.objects.filter(pk__in=ids)).values_list("pk", flat=True)
        )
        found = next((pk for pk in ids if pk in still_open), None)
        if found is not None or whole:
            return found
        last, at = stretch[-1]
        rest = ordered.filter(Q(submitted_at__lt=at) | Q(submitted_at=at, pk__lt=last))
    return undisposed(rest).values_list("pk", flat=True).first()


def process_links(programme: Programme, contributions, list_url: str, page=None) -> list[Item]:
    """Above the list: process its open input one contribution after another."""
    first = next_open(contributions, page=page)
    if first is None:
        return []
    # Not counted: finding how many of a million are open means reading them all, and the
    # processing overview says how many are open per family and theme.
    return [
        Item(
            _("De open inbreng in deze lijst één voor één verwerken"),
            dispose_url(programme, first, list_url),
        )
    ]
