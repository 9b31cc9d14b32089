"""What the documents have for reviewers on their start page (koers.accounts.work): what was
done with their reactions, and how many of them were answered."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.accounts.models import RoleKind
from koers.accounts.work import Item, Section, role_section, roles
from koers.consultation.models import Reviewer


def my_work(user) -> list[Section]:
    reviewing = roles(user, RoleKind.REVIEWER)
    if not reviewing:
        return []
    # The reviewer the consultation's profile page shows (koers.consultation.access).
    reviewer = Reviewer.objects.filter(
        user=user,
        programme_id__in={role.programme_id for role in reviewing},
        confirmed_at__isnull=False,
        anonymised_at__isnull=True,
    ).first()
    if reviewer is None:
        return []
    answered = reviewer.contributions.filter(disposition__isnull=False).count()
    sections = []
    for role in reviewing:
        if role.programme_id == reviewer.programme_id:
            url = reverse("documents:reviewer-dispositions", args=[role.programme.slug])
            if answered:
                detail = ngettext(
                    "%(count)s reactie beantwoord", "%(count)s reacties beantwoord", answered
                ) % {"count": answered}
            else:
                detail = _("Nog geen van uw reacties is beantwoord.")
            item = Item(_("Wat er met uw reacties is gedaan"), url, detail=detail)
            sections.append(role_section(role, [item]))
    return sections
