from django import template
from django.urls import NoReverseMatch, reverse

from koers.consultation.constants import VersionState
from koers.consultation.models import AgendaVersion

register = template.Library()


@register.simple_tag
def reviewer_react_url(slug: str, number: int, anchor) -> str:
    """The reviewer's reaction form for a paragraph, or "" while no such page is routed."""
    try:
        return reverse("reviewer-react", args=[slug, number, anchor])
    except NoReverseMatch:
        return ""


@register.simple_tag
def current_version(programme) -> AgendaVersion | None:
    """The newest version the public may read: adopted, concept, or a draft put out for
    consultation. One query, for the programme page."""
    return (
        AgendaVersion.objects.filter(programme=programme)
        .exclude(state=VersionState.DRAFT, consultation_opens_at__isnull=True)
        .order_by("-number")
        .first()
    )
