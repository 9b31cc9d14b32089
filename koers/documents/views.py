"""Document pages: the response report (whole programme and per family), the agenda document,
their PDF and ODT downloads, and a reviewer's own reactions with what was done with them.

A version's documents are public once it is a concept or adopted in a public programme; before
that only the programme office sees them, with a banner that says it is a preview.
"""

import base64
import contextlib
import threading

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from koers.agenda.access import get_version
from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion
from koers.consultation.access import get_reviewer_for_user, reviewers_only
from koers.consultation.models import Contribution
from koers.core.access import login_when_anonymous
from koers.drafting.models import Change
from koers.organisations.models import Family, Programme

from .agenda_document import build_agenda_document
from .constants import DocumentFormat, DocumentKind
from .models import StoredDocument
from .pdf import PdfBusy
from .report import landings_for
from .stored import current_language, make, report_context, stored

FORMATS = {
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
}
REACTIONS_PAGE_SIZE = 25


def is_public(version: AgendaVersion) -> bool:
    """Whether the version's documents are public: what the public may ask of
    `agenda.view_version_documents` (koers/accounts/rules.py)."""
    return AnonymousUser().has_perm("agenda.view_version_documents", version)


def _get_version(request: HttpRequest, slug: str, number: int) -> AgendaVersion:
    """The version whose documents are asked for; 403 for a preview the user may not see."""
    version = get_version(request, slug, number, "agenda.view_version_documents")
    version.is_preview = not is_public(version)
    return version


def _get_family(version: AgendaVersion, family_slug: str) -> Family:
    return get_object_or_404(Family, programme=version.programme, slug=family_slug)


def _download(content: bytes, fmt: str, name: str, sha256: str | None = None) -> HttpResponse:
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    if sha256:
        # The checksum of what was stored at adoption (RFC 9530), so a reader can check a copy.
        digest = base64.b64encode(bytes.fromhex(sha256)).decode()
        response["Repr-Digest"] = f"sha-256=:{digest}:"
        response["ETag"] = f'"{sha256}"'
    return response


# A document takes seconds of CPU to make. Only this many threads of a server process make
# documents at once; a request beyond that is told to come back, so a burst of PDF requests
# leaves the other threads free for every other page.
RETRY_AFTER = 10
_making = threading.BoundedSemaphore(getattr(settings, "DOCUMENTS_MADE_PER_PROCESS", 1))


def _busy(request: HttpRequest) -> HttpResponse:
    """Documents are being made right now; the page asks again by itself (no script needed)."""
    response = render(
        request,
        "documents/busy.html",
        {"retry_after": RETRY_AFTER, "url": request.get_full_path()},
        status=503,
    )
    response["Retry-After"] = str(RETRY_AFTER)
    return response


def _document(request, version: AgendaVersion, kind: str, family, fmt: str, name: str):
    """A download: an adopted version's stored document with its checksum, or a concept's made
    now (its PDF rendered once per content)."""
    if version.is_frozen:
        doc = StoredDocument.objects.filter(
            version=version, kind=kind, family=family, format=fmt, language=current_language()
        ).first()
        if doc is not None:
            return _download(bytes(doc.content), fmt, name, doc.sha256)
    if not _making.acquire(blocking=False):
        return _busy(request)
    try:
        if version.is_frozen:
            doc = stored(version, kind, family, fmt)
            return _download(bytes(doc.content), fmt, name, doc.sha256)
        content = make(version, kind, family, [fmt])[fmt]
    except PdfBusy:
        return _busy(request)
    finally:
        _making.release()
    return _download(content, fmt, name)


def _stored_body(version: AgendaVersion, kind: str, family) -> str:
    """The page body of an adopted version as it was adopted (our own rendered template)."""
    return mark_safe(bytes(stored(version, kind, family, DocumentFormat.HTML).content).decode())  # noqa: S308


def _checksums(version: AgendaVersion, kind: str, family) -> dict[str, str]:
    """{format: sha256} of the stored downloads of an adopted version, for the page."""
    if not version.is_frozen:
        return {}
    rows = StoredDocument.objects.filter(
        version=version,
        kind=kind,
        family=family,
        language=current_language(),
        format__in=list(FORMATS),
    ).values_list("format", "sha256")
    return dict(rows)


def _dispositions_exports(request: HttpRequest, programme: Programme) -> list[tuple[str, str]]:
    """Links to the dispositions as a table (the processing pages serve them), for those who may
    open them: the public reads the report, not the processing."""
    links = []
    if not request.user.has_perm("synthesis.view_processing", programme):
        return links
    for fmt, label in (
        ("csv", _("Alle verwerkingen als CSV")),
        ("ods", _("Alle verwerkingen als ODS")),
    ):
        # The processing pages may not be installed everywhere this app is.
        with contextlib.suppress(NoReverseMatch):
            links.append(
                (label, reverse("synthesis:dispositions-export", args=[programme.slug, fmt]))
            )
    return links


# --- the response report ---------------------------------------------------------------------


def _report_name(version: AgendaVersion, family: Family | None) -> str:
    name = f"reactienota-{version.programme.slug}-v{version.number}"
    return f"{name}-{family.slug}" if family else name


def _report_page(request: HttpRequest, version: AgendaVersion, family: Family | None):
    programme = version.programme
    slug, number = programme.slug, version.number
    if version.is_frozen:
        # As adopted: the stored body, not today's input and analysis.
        context = {"report": {"family": family, "version": version}}
        body = _stored_body(version, DocumentKind.REPORT, family)
        families = [] if family else list(programme.families.all())
    else:
        context = report_context(version, family)
        body = render_to_string("documents/report/_body.html", context, request=request)
        families = [] if family else context["report"].families
    if family:
        pdf_url = reverse(
            "documents:response-report-family-download", args=[slug, number, family.slug, "pdf"]
        )
        odt_url = reverse(
            "documents:response-report-family-download", args=[slug, number, family.slug, "odt"]
        )
    else:
        pdf_url = reverse("documents:response-report-download", args=[slug, number, "pdf"])
        odt_url = reverse("documents:response-report-download", args=[slug, number, "odt"])
    family_links = [
        (f, reverse("documents:response-report-family", args=[slug, number, f.slug]))
        for f in families
    ]
    return render(
        request,
        "documents/report/page.html",
        {
            **context,
            "programme": programme,
            "version": version,
            "preview": version.is_preview,
            "body": body,
            "pdf_url": pdf_url,
            "odt_url": odt_url,
            "family_links": family_links,
            "exports": _dispositions_exports(request, programme) if family is None else [],
            "checksums": _checksums(version, DocumentKind.REPORT, family),
        },
    )


def _report_download(request: HttpRequest, version: AgendaVersion, family, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    return _document(
        request, version, DocumentKind.REPORT, family, fmt, _report_name(version, family)
    )


@require_GET
@login_when_anonymous
def response_report(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    return _report_page(request, _get_version(request, slug, number), None)


@require_GET
@login_when_anonymous
def response_report_download(
    request: HttpRequest, slug: str, number: int, fmt: str
) -> HttpResponse:
    return _report_download(request, _get_version(request, slug, number), None, fmt)


@require_GET
@login_when_anonymous
def response_report_family(
    request: HttpRequest, slug: str, number: int, family_slug: str
) -> HttpResponse:
    version = _get_version(request, slug, number)
    return _report_page(request, version, _get_family(version, family_slug))


@require_GET
@login_when_anonymous
def response_report_family_download(
    request: HttpRequest, slug: str, number: int, family_slug: str, fmt: str
) -> HttpResponse:
    version = _get_version(request, slug, number)
    return _report_download(request, version, _get_family(version, family_slug), fmt)


# --- the agenda document ---------------------------------------------------------------------


@require_GET
@login_when_anonymous
def agenda_document(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _get_version(request, slug, number)
    if version.is_frozen:
        doc = {"version": version}
        body = _stored_body(version, DocumentKind.AGENDA, None)
    else:
        doc = build_agenda_document(version)
        body = render_to_string(
            "documents/agenda_document/_body.html", {"doc": doc}, request=request
        )
    return render(
        request,
        "documents/agenda_document/page.html",
        {
            "doc": doc,
            "programme": version.programme,
            "version": version,
            "preview": version.is_preview,
            "body": body,
            "checksums": _checksums(version, DocumentKind.AGENDA, None),
        },
    )


@require_GET
@login_when_anonymous
def agenda_document_download(
    request: HttpRequest, slug: str, number: int, fmt: str
) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    version = _get_version(request, slug, number)
    name = f"agenda-{version.programme.slug}-v{version.number}"
    return _document(request, version, DocumentKind.AGENDA, None, fmt, name)


# --- a reviewer's own reactions ---------------------------------------------------------------


@require_GET
@reviewers_only
def reviewer_dispositions(request: HttpRequest, slug: str) -> HttpResponse:
    reviewer = get_reviewer_for_user(request, slug)
    programme = reviewer.programme
    reactions = (
        Contribution.objects.filter(reviewer=reviewer)
        .select_related("version", "disposition", "theme_assignment__theme")
        .order_by("-submitted_at", "-pk")
    )
    page = Paginator(reactions, REACTIONS_PAGE_SIZE).get_page(request.GET.get("pagina"))
    items = list(page.object_list)
    # Where each landed: changes citing the reaction itself, or its theme, in the version it
    # was answered in (a change belongs to one version; link to that version's document).
    ids = [c.pk for c in items]
    theme_ids = {c.theme_assignment.theme_id for c in items if hasattr(c, "theme_assignment")}
    direct = list(
        Change.contributions.through.objects.filter(contribution_id__in=ids).values_list(
            "contribution_id", "change_id", "change__version_id"
        )
    )
    via_theme = list(
        Change.themes.through.objects.filter(theme_id__in=theme_ids).values_list(
            "theme_id", "change_id", "change__version_id"
        )
    )
    versions = {
        v.pk: v
        for v in AgendaVersion.objects.filter(
            pk__in={row[2] for row in direct + via_theme}, programme=programme
        )
    }
    landings = {}
    for version in versions.values():
        version.programme = programme
        changes = {row[1] for row in direct + via_theme if row[2] == version.pk}
        for change_id, landing in landings_for(version, changes).items():
            landing.version = version
            landing.url = (
                reverse("documents:agenda-document", args=[programme.slug, version.number])
                + f"#{landing.anchor}"
                if is_public(version) and landing.exists
                else ""
            )
            landings[change_id] = landing
    for reaction in items:
        found = {change for cid, change, _v in direct if cid == reaction.pk}
        assignment = getattr(reaction, "theme_assignment", None)
        if assignment is not None:
            found |= {change for tid, change, _v in via_theme if tid == assignment.theme_id}
        reaction.landings = [landings[c] for c in sorted(found) if c in landings]
        reaction.answer = getattr(reaction, "disposition", None)
    # The list form of agenda.view_version_documents for the public.
    report_versions = list(
        AgendaVersion.objects.visible_to(AnonymousUser(), programme)
        .exclude(state=VersionState.DRAFT)
        .order_by("-number")
    )
    return render(
        request,
        "documents/reviewer/dispositions.html",
        {
            "programme": programme,
            "reviewer": reviewer,
            "page": page,
            "reactions": items,
            "reports": report_versions if programme.is_public else [],
        },
    )
