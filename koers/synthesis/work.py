"""What the synthesis has waiting for the programme office on its start page
(koers.accounts.work): the input nobody processed yet, for all programmes at once, from the
tally (koers.synthesis.tally), whatever the size of the consultations."""

from django.db.models import Sum
from django.utils.translation import gettext as _

from koers.accounts.models import RoleKind
from koers.accounts.work import Section, roles, waiting_sections

from .models import Tally


def my_work(user) -> list[Section]:
    office = roles(user, RoleKind.OFFICE)
    if not office:
        return []
    waiting = dict(
        Tally.objects.filter(
            programme_key__in=[role.programme_id for role in office], hidden=False, outcome=""
        )
        .values_list("programme_key")
        .annotate(n=Sum("n"))
        .values_list("programme_key", "n")
    )
    return waiting_sections(
        office, waiting, _("Nog niet verwerkte inbreng"), "synthesis:processing-open"
    )
