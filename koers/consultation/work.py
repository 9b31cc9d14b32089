"""What the consultation has waiting for people on their start page (koers.accounts.work):
the office's moderation queue, a coordinator's coverage and next round table, a reviewer's
profile and reactions. A few queries for all of the user's programmes together."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.accounts.models import RoleKind
from koers.accounts.work import Item, Section, counted_sections, role_section, roles

from .models import Contribution, Reviewer, RoundTable


def _moderation(office) -> list[Section]:
    return counted_sections(
        office,
        Contribution.objects.awaiting_moderation(),
        _("Wacht op moderatie"),
        "consultation:contribution-moderation",
    )


def _when(starts_at) -> str:
    return date_format(timezone.localtime(starts_at), "DATETIME_FORMAT")


def _coordination(coordinators) -> list[Section]:
    family_ids = [role.family_id for role in coordinators if role.family_id]
    # The next round table of each family: every coming one of these families, earliest first.
    coming = (
        RoundTable.families.through.objects.filter(
            family_id__in=family_ids, roundtable__starts_at__gte=timezone.now()
        )
        .select_related("roundtable")
        .order_by("roundtable__starts_at", "roundtable_id")
    )
    next_of: dict[int, RoundTable] = {}
    for row in coming:
        next_of.setdefault(row.family_id, row.roundtable)
    sections = []
    for role in coordinators:
        if role.family is None:
            continue
        slug = role.programme.slug
        items = [
            Item(
                _("Dekking van de familie %(family)s") % {"family": role.family.name},
                reverse("consultation:coverage-family", args=[slug, role.family.slug]),
            )
        ]
        table = next_of.get(role.family_id)
        if table is not None:
            items.append(
                Item(
                    _("Volgende ronde tafel: %(title)s") % {"title": table.title},
                    reverse("consultation:roundtable-detail", args=[slug, table.pk]),
                    detail=_when(table.starts_at),
                )
            )
        sections.append(role_section(role, items))
    return sections


def _reviewing(user, reviewing) -> list[Section]:
    programme_ids = {role.programme_id for role in reviewing}
    # A person is a reviewer in one programme (Reviewer.user is one-to-one).
    reviewer = (
        Reviewer.objects.filter(
            user=user,
            programme_id__in=programme_ids,
            confirmed_at__isnull=False,
            anonymised_at__isnull=True,
        )
        .annotate(reactions=Count("contributions"))
        .first()
    )
    if reviewer is None:
        return []
    sections = []
    for role in reviewing:
        if role.programme_id != reviewer.programme_id:
            continue
        url = reverse("consultation:reviewer-profile", args=[role.programme.slug])
        detail = ngettext(
            "%(count)s reactie gegeven", "%(count)s reacties gegeven", reviewer.reactions
        ) % {"count": reviewer.reactions}
        sections.append(
            role_section(role, [Item(_("Uw profiel en uw reacties"), url, detail=detail)])
        )
    return sections


def my_work(user) -> list[Section]:
    sections = []
    office = roles(user, RoleKind.OFFICE)
    if office:
        sections += _moderation(office)
    coordinators = roles(user, RoleKind.COORDINATOR)
    if coordinators:
        sections += _coordination(coordinators)
    reviewing = roles(user, RoleKind.REVIEWER)
    if reviewing:
        sections += _reviewing(user, reviewing)
    return sections
