"""What the synthesis has waiting for the programme office on its start page
(koers.accounts.work): the input nobody processed yet, counted for all programmes at once."""

from django.utils.translation import gettext as _

from koers.accounts.models import RoleKind
from koers.accounts.work import Section, counted_sections, roles
from koers.consultation.models import Contribution

from .dispositions import undisposed


def my_work(user) -> list[Section]:
    office = roles(user, RoleKind.OFFICE)
    if not office:
        return []
    return counted_sections(
        office,
        undisposed(Contribution.objects.all()),
        _("Nog niet verwerkte inbreng"),
        "synthesis:processing-open",
    )
