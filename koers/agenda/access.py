"""The one access helper for a version of the agenda: every page, document and API view that
shows a version loads it here, under the rule `agenda.view_version`
(koers/accounts/rules.py) unless it asks for a stronger permission."""

import uuid

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from koers.organisations.access import get_programme
from koers.organisations.models import Programme

from .models import AgendaVersion, Paragraph, Section

VIEW_VERSION = "agenda.view_version"


def get_version(
    request: HttpRequest,
    slug: str,
    number: int,
    permission: str = VIEW_VERSION,
    *,
    programme_permission: str = "organisations.view_programme",
) -> AgendaVersion:
    """The version `number` of programme `slug` when the user holds `permission` on it.

    The programme is checked first (`programme_permission`; the office's pages pass their own),
    so a refused reader learns nothing about which version numbers exist: 404 for an unknown
    programme or version, 403 when refused.
    """
    programme = get_programme(request, slug, programme_permission)
    version = get_object_or_404(
        AgendaVersion.objects.select_related("based_on"), programme=programme, number=number
    )
    version.programme = programme
    if not request.user.has_perm(permission, version):
        raise PermissionDenied
    return version


def get_section(version: AgendaVersion, anchor: uuid.UUID) -> Section:
    section = get_object_or_404(Section, version=version, anchor=anchor)
    section.version = version
    return section


def get_paragraph(version: AgendaVersion, anchor: uuid.UUID) -> Paragraph:
    paragraph = get_object_or_404(
        Paragraph.objects.select_related("section"), version=version, anchor=anchor
    )
    paragraph.version = paragraph.section.version = version
    return paragraph


def with_programme(version: AgendaVersion, programme: Programme) -> AgendaVersion:
    version.programme = programme
    return version


def version_links(request: HttpRequest, version: AgendaVersion, families) -> dict:
    """What agenda/version_links.html may show this reader: only links that will open.

    The agenda pages are reached by URL name only; this app does not import the agenda app.
    """
    programme = version.programme
    manage = request.user.has_perm("agenda.manage_version", programme)
    based_on = version.based_on if version.based_on_id else None
    return {
        "manage": manage,
        "agenda": request.user.has_perm("agenda.view_version", version),
        "compare": based_on is not None
        and request.user.has_perm("agenda.view_version", with_programme(based_on, programme)),
        "documents": request.user.has_perm("agenda.view_version_documents", version),
        "families": families,
    }
