"""What the council has waiting for people on their start page (koers.accounts.work): for the
office and the council's members, the next meeting of each of their councils, what waits for a
decision in it, and its documents."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from koers.accounts.models import RoleKind
from koers.accounts.work import Item, Section, role_section, roles

from .constants import MeetingState, RecommendationStatus
from .models import CouncilMeeting, MeetingItem, Recommendation


def _next_meetings(programme_ids) -> dict[int, CouncilMeeting]:
    """Per programme, its earliest meeting that is planned and adopted nothing yet."""
    planned = (
        CouncilMeeting.objects.filter(
            council__programme_id__in=programme_ids,
            state=MeetingState.PLANNED,
            adopted_version__isnull=True,
        )
        .select_related("council", "version__programme")
        .order_by("starts_at", "pk")
    )
    found: dict[int, CouncilMeeting] = {}
    for meeting in planned:
        found.setdefault(meeting.council.programme_id, meeting)
    return found


def _grouped(queryset, meeting_ids) -> dict[int, int]:
    return dict(
        queryset.filter(meeting_id__in=meeting_ids)
        .order_by()
        .values_list("meeting_id")
        .annotate(n=Count("pk"))
        .values_list("meeting_id", "n")
    )


def _undecided(meeting_ids) -> dict[int, int]:
    """Per meeting, its agenda items without a decision and its open change recommendations."""
    items = _grouped(MeetingItem.objects.filter(decision=""), meeting_ids)
    recommendations = _grouped(
        Recommendation.objects.filter(status=RecommendationStatus.OPEN), meeting_ids
    )
    return {pk: items.get(pk, 0) + recommendations.get(pk, 0) for pk in meeting_ids}


def _items(user, role, meeting, undecided: int) -> list[Item]:
    slug = role.programme.slug
    url = reverse("council:council-meeting", args=[slug, meeting.pk])
    when = date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")
    detail = f"{when}, {meeting.location}" if meeting.location else when
    items = [
        Item(
            _("Volgende vergadering: %(title)s") % {"title": meeting.title},
            url,
            detail=detail,
        )
    ]
    if undecided:
        items.append(Item(_("Wacht op een besluit in deze vergadering"), url, undecided))
    version = meeting.version
    if role.kind == RoleKind.COUNCIL_MEMBER and user.has_perm(
        "agenda.view_version_documents", version
    ):
        items += [
            Item(
                _("Agendadocument voor de vergadering"),
                reverse("documents:agenda-document", args=[slug, version.number]),
            ),
            Item(
                _("Reactienota voor de vergadering"),
                reverse("documents:response-report", args=[slug, version.number]),
            ),
        ]
    return items


def my_work(user) -> list[Section]:
    mine = roles(user, RoleKind.OFFICE, RoleKind.COUNCIL_MEMBER)
    if not mine:
        return []
    meetings = _next_meetings({role.programme_id for role in mine})
    undecided = _undecided([meeting.pk for meeting in meetings.values()])
    sections = []
    for role in mine:
        meeting = meetings.get(role.programme_id)
        if meeting is not None:
            items = _items(user, role, meeting, undecided[meeting.pk])
            sections.append(role_section(role, items))
        elif role.kind == RoleKind.COUNCIL_MEMBER:
            # No meeting planned: a member still finds the council's meetings and decisions.
            slug = role.programme.slug
            items = [
                Item(
                    _("Vergaderingen van de regieraad"),
                    reverse("council:council-meetings", args=[slug]),
                ),
                Item(
                    _("Besluiten van de regieraad"),
                    reverse("council:council-decisions", args=[slug]),
                ),
            ]
            sections.append(role_section(role, items))
    return sections
