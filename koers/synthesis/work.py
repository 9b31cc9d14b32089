"""What the synthesis has waiting for the programme office on its start page
(koers.accounts.work): the input nobody processed yet, counted for all programmes at once."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from koers.accounts.models import RoleKind
from koers.accounts.work import Item, Section, role_section, roles
from koers.consultation.models import Contribution

from .dispositions import undisposed


def my_work(user) -> list[Section]:
    office = roles(user, RoleKind.OFFICE)
    if not office:
        return []
    waiting = dict(
        undisposed(Contribution.objects.filter(programme__in=[r.programme_id for r in office]))
        .order_by()
        .values_list("programme_id")
        .annotate(n=Count("pk"))
        .values_list("programme_id", "n")
    )
    sections = []
    for role in office:
        count = waiting.get(role.programme_id, 0)
        if count:
            url = reverse("synthesis:processing-open", args=[role.programme.slug])
            sections.append(role_section(role, [Item(_("Nog niet verwerkte inbreng"), url, count)]))
    return sections
