"""What the elaboration has waiting for contributors on their start page
(koers.accounts.work): their organisation's commitments page, with how many main activities of
the adopted agenda it has still to elaborate and which milestones are due soon.

Read for all of the user's organisations and programmes at once: the adopted versions, the
memberships (one grouped query over every family), the main activities, the commitments and the
milestones, one query each.
"""

import datetime

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.accounts.models import RoleKind
from koers.accounts.work import Item, Section, role_section, roles
from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion, MainActivity
from koers.organisations.models import Family, Organisation

from .models import Commitment, Milestone

# Milestones not done whose date falls within this many days (or has passed) are "due soon".
DUE_SOON_DAYS = 30


def _adopted_versions(programme_ids) -> dict[int, int]:
    """Per programme, the id of its latest adopted version (services.adopted_version)."""
    latest: dict[int, int] = {}
    rows = (
        AgendaVersion.objects.filter(programme_id__in=programme_ids, state=VersionState.ADOPTED)
        .order_by("programme_id", "-number")
        .values_list("programme_id", "pk")
    )
    for programme_id, pk in rows:
        latest.setdefault(programme_id, pk)
    return latest


def _memberships(organisation_ids, families, today) -> set[tuple[int, int]]:
    """(organisation id, family id) for each family an organisation is a member of today."""
    if not families:
        return set()
    rows = (
        Organisation.objects.filter(pk__in=organisation_ids)
        .valid_on(today)
        .values("pk")
        .annotate(**{f"family_{f.pk}": Count("pk", filter=f.membership_q()) for f in families})
    )
    return {(row["pk"], f.pk) for row in rows for f in families if row[f"family_{f.pk}"]}


def _to_elaborate(contributors, today) -> dict[tuple[int, int], int | None]:
    """Per (programme id, organisation id): how many main activities of the adopted version of
    the organisation's families have no commitment of it yet; None without an adopted version."""
    programme_ids = {role.programme_id for role in contributors}
    organisation_ids = {role.organisation_id for role in contributors}
    versions = _adopted_versions(programme_ids)
    families = list(Family.objects.filter(programme_id__in=versions))
    members = _memberships(organisation_ids, families, today)
    activities = list(
        MainActivity.objects.filter(version_id__in=versions.values()).values_list(
            "version__programme_id", "family_id", "anchor"
        )
    )
    done = set(
        Commitment.objects.filter(
            programme_id__in=programme_ids,
            organisation_id__in=organisation_ids,
            main_activity_anchor__isnull=False,
        ).values_list("programme_id", "organisation_id", "main_activity_anchor")
    )
    counts: dict[tuple[int, int], int | None] = {}
    for role in contributors:
        key = (role.programme_id, role.organisation_id)
        if role.programme_id not in versions:
            counts[key] = None
            continue
        counts[key] = sum(
            1
            for programme_id, family_id, anchor in activities
            if programme_id == role.programme_id
            and (role.organisation_id, family_id) in members
            and (programme_id, role.organisation_id, anchor) not in done
        )
    return counts


def _due_soon(contributors, today) -> dict[tuple[int, int], int]:
    """Per (programme id, organisation id): milestones not done that are due soon or overdue."""
    return dict(
        (((programme_id, organisation_id), n))
        for programme_id, organisation_id, n in Milestone.objects.filter(
            commitment__programme_id__in={role.programme_id for role in contributors},
            commitment__organisation_id__in={role.organisation_id for role in contributors},
            done_on__isnull=True,
            due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
        )
        .order_by()
        .values_list("commitment__programme_id", "commitment__organisation_id")
        .annotate(n=Count("pk"))
        .values_list("commitment__programme_id", "commitment__organisation_id", "n")
    )


def my_work(user) -> list[Section]:
    contributors = [role for role in roles(user, RoleKind.CONTRIBUTOR) if role.organisation_id]
    if not contributors:
        return []
    today = timezone.localdate()
    to_elaborate = _to_elaborate(contributors, today)
    due = _due_soon(contributors, today)
    sections = []
    for role in contributors:
        organisation = role.organisation
        key = (role.programme_id, role.organisation_id)
        url = reverse(
            "elaboration:organisation-commitments", args=[role.programme.slug, organisation.code]
        )
        missing = to_elaborate[key]
        if missing is None:
            detail = _("Er is nog geen vastgestelde agenda om uit te werken.")
        elif missing:
            detail = ngettext(
                "%(count)s hoofdactiviteit nog uit te werken",
                "%(count)s hoofdactiviteiten nog uit te werken",
                missing,
            ) % {"count": missing}
        else:
            detail = _("Alle hoofdactiviteiten zijn uitgewerkt.")
        text = _("Uitwerkingen van %(organisation)s") % {"organisation": organisation.official_name}
        items = [Item(text, url, detail=detail)]
        if due.get(key):
            items.append(
                Item(
                    _("Mijlpalen die binnen %(days)s dagen klaar moeten zijn of te laat zijn")
                    % {"days": DUE_SOON_DAYS},
                    url,
                    due[key],
                )
            )
        sections.append(role_section(role, items))
    return sections
