import uuid

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from koers.agenda.access import get_paragraph, get_version, version_links
from koers.agenda.models import AgendaVersion, Paragraph
from koers.core.access import login_when_anonymous
from koers.organisations.access import get_programme
from koers.organisations.models import Programme

from .. import reactions
from ..models import Contribution, Reviewer

REACTIONS_PAGE_SIZE = 25


def _get_programme_for_reader(request: HttpRequest, slug: str) -> Programme:
    return get_programme(request, slug, "organisations.view_programme")


def _get_version_for_reader(request: HttpRequest, slug: str, number: int) -> AgendaVersion:
    return get_version(request, slug, number)


def _is_confirmed_reviewer(request: HttpRequest, programme: Programme) -> bool:
    if not request.user.is_authenticated:
        return False
    return Reviewer.objects.filter(
        programme=programme, user=request.user, confirmed_at__isnull=False
    ).exists()


@login_when_anonymous
def version_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _get_programme_for_reader(request, slug)
    may_manage = request.user.has_perm("agenda.manage_version", programme)
    shown = AgendaVersion.objects.visible_to(request.user, programme)
    return render(
        request,
        "consultation/reading/version_list.html",
        {"programme": programme, "versions": shown, "may_manage": may_manage},
    )


@login_when_anonymous
def version_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _get_version_for_reader(request, slug, number)
    programme = version.programme
    families = list(programme.families.all())
    links = version_links(request, version, families)
    sections = list(
        version.sections.prefetch_related(
            Prefetch(
                "paragraphs",
                queryset=Paragraph.objects.prefetch_related("families").order_by("position", "pk"),
            )
        ).order_by("position", "pk")
    )
    # Counted by anchor over all versions of the programme: a reaction on the draft still counts
    # for the same paragraph in the concept.
    counts = reactions.per_anchor(programme.pk)
    for section_number, section in enumerate(sections, 1):
        for number, paragraph in enumerate(section.paragraphs.all(), 1):
            paragraph.label = f"{section_number}.{number}"
            per_family = counts.get(paragraph.anchor, {})
            # Only families that reacted: the page lists them with separators between them.
            paragraph.family_counts = [
                (f, per_family[f.pk]) for f in families if per_family.get(f.pk)
            ]
            paragraph.reaction_total = sum(per_family.values())
            # Reactions whose family is unknown (or of another programme) still count.
            paragraph.other_count = paragraph.reaction_total - sum(
                n for _f, n in paragraph.family_counts
            )
    is_open = version.is_open_for_consultation()
    return render(
        request,
        "consultation/reading/version_detail.html",
        {
            "programme": programme,
            "version": version,
            "sections": sections,
            "families": families,
            "is_open": is_open,
            "may_react": is_open and _is_confirmed_reviewer(request, programme),
            "may_manage": links["manage"],
            "links": links,
        },
    )


@login_when_anonymous
def paragraph_reactions(
    request: HttpRequest, slug: str, number: int, anchor: uuid.UUID
) -> HttpResponse:
    version = _get_version_for_reader(request, slug, number)
    paragraph = get_paragraph(version, anchor)
    linked = Contribution.paragraphs.through.objects.filter(
        paragraph__anchor=anchor, paragraph__version__programme_id=version.programme_id
    ).values("contribution_id")
    reactions = (
        Contribution.objects.published()
        .filter(programme=version.programme, pk__in=linked)
        .select_related("family", "organisation", "reviewer")
    )
    page = Paginator(reactions, REACTIONS_PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "consultation/reading/paragraph_reactions.html",
        {"programme": version.programme, "version": version, "paragraph": paragraph, "page": page},
    )
