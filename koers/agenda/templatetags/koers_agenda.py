from django import template
from django.urls import NoReverseMatch, reverse

from ..models import AgendaVersion

register = template.Library()


@register.simple_tag
def reviewer_react_url(slug: str, number: int, anchor) -> str:
    """The reviewer's reaction form for a paragraph, or "" while no such page is routed."""
    try:
        return reverse("consultation:reviewer-react", args=[slug, number, anchor])
    except NoReverseMatch:
        return ""


@register.simple_tag
def current_version(programme) -> AgendaVersion | None:
    """The newest version the public may read (AgendaVersion.objects.public(), the rule of
    agenda.view_version): adopted, concept, or a draft whose consultation has opened.
    One query, for the programme page."""
    return AgendaVersion.objects.filter(programme=programme).public().order_by("-number").first()
