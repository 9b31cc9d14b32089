"""What the monitoring has waiting for people on their start page (koers.accounts.work): in the
latest reporting round of each of their programmes, the commitments a contributor's
organisation has not reported on yet, and for the office and a family's coordinator how many
organisations have not reported.

Read for all of the user's programmes at once: the latest rounds in one query, then one grouped
count per kind of role (one per coordinated family, whose membership is a rule).
"""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from koers.accounts.models import RoleKind
from koers.accounts.work import Item, Section, role_section, roles
from koers.elaboration.models import Commitment
from koers.organisations.models import Organisation

from . import periods
from .models import ProgressReport, ReportingRound


def _latest_rounds(programme_ids) -> dict[int, ReportingRound]:
    """Per programme, its latest round that has opened."""
    found: dict[int, ReportingRound] = {}
    for round_ in (
        ReportingRound.objects.filter(programme_id__in=programme_ids)
        .opened(timezone.localdate())
        .order_by("programme_id", "-period_ends_on", "-pk")
    ):
        found.setdefault(round_.programme_id, round_)
    return found


def _unreported(latest: dict[int, ReportingRound], scope: Q):
    """Commitments asked about in the latest round of their programme without a report in it."""
    asked = Q(pk__in=[])
    for programme_id, round_ in latest.items():
        asked |= Q(programme_id=programme_id, created_at__lt=periods.end_of(round_.deadline))
    reported = ProgressReport.objects.filter(
        commitment=OuterRef("pk"), round_id__in=[r.pk for r in latest.values()]
    )
    return Commitment.objects.filter(asked).filter(scope).exclude(Exists(reported)).order_by()


def _count(queryset, key: str, distinct_field: str = "pk") -> dict:
    return dict(
        queryset.values_list(key)
        .annotate(n=Count(distinct_field, distinct=True))
        .values_list(key, "n")
    )


def _due(round_) -> str:
    return _("%(period)s, uiterlijk %(deadline)s") % {
        "period": round_.label,
        "deadline": date_format(round_.deadline, "j F Y"),
    }


def my_work(user) -> list[Section]:
    mine = roles(user, RoleKind.CONTRIBUTOR, RoleKind.OFFICE, RoleKind.COORDINATOR)
    if not mine:
        return []
    latest = _latest_rounds({role.programme_id for role in mine})
    if not latest:
        return []
    sections = []
    contributors = [r for r in mine if r.kind == RoleKind.CONTRIBUTOR and r.programme_id in latest]
    if contributors:
        scope = Q(pk__in=[])
        for role in contributors:
            scope |= Q(programme_id=role.programme_id, organisation_id=role.organisation_id)
        counts = {
            (programme_id, organisation_id): n
            for programme_id, organisation_id, n in _unreported(latest, scope)
            .values_list("programme_id", "organisation_id")
            .annotate(n=Count("pk"))
            .values_list("programme_id", "organisation_id", "n")
        }
        for role in contributors:
            count = counts.get((role.programme_id, role.organisation_id), 0)
            if not count:
                continue
            url = reverse(
                "monitoring:organisation-progress",
                args=[role.programme.slug, role.organisation.code],
            )
            text = _("Voortgang rapporteren over uitwerkingen zonder rapportage")
            sections.append(
                role_section(role, [Item(text, url, count, detail=_due(latest[role.programme_id]))])
            )
    office = [r for r in mine if r.kind == RoleKind.OFFICE and r.programme_id in latest]
    if office:
        counts = _count(
            _unreported(latest, Q(programme_id__in=[r.programme_id for r in office])),
            "programme_id",
            "organisation_id",
        )
        for role in office:
            count = counts.get(role.programme_id, 0)
            if count:
                round_ = latest[role.programme_id]
                url = reverse("monitoring:round-detail", args=[role.programme.slug, round_.period])
                text = _("Organisaties die nog niet over alles rapporteerden")
                sections.append(role_section(role, [Item(text, url, count, detail=_due(round_))]))
    for role in mine:
        if role.kind != RoleKind.COORDINATOR or role.programme_id not in latest or not role.family:
            continue
        round_ = latest[role.programme_id]
        members = Organisation.objects.filter(role.family.membership_q()).values("pk")
        count = (
            _unreported({role.programme_id: round_}, Q(organisation__in=members))
            .values("organisation_id")
            .distinct()
            .count()
        )
        if count:
            url = reverse(
                "monitoring:round-family",
                args=[role.programme.slug, round_.period, role.family.slug],
            )
            text = _("Organisaties van uw familie die nog niet over alles rapporteerden")
            sections.append(role_section(role, [Item(text, url, count, detail=_due(round_))]))
    return sections
