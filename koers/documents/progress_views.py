"""The progress report's pages and downloads: the web page per reporting round (programme and
family), its PDF and ODT, and its tables as CSV/ODS.

Access is the monitoring's: `monitoring.view_progress` on the programme to read the report at
all; what it names per organisation is decided in progress.build_progress_report by the same
rules the monitoring pages use.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from koers.consultation.exports import TABLE_FORMATS, table_response
from koers.core.access import login_when_anonymous
from koers.monitoring.models import ReportingRound
from koers.organisations.access import get_programme
from koers.organisations.models import Family, Programme

from .pdf import PdfBusy, render_pdf
from .progress import (
    TABLES,
    available_tables,
    build_progress_report,
    for_print,
    progress_odt,
    table,
)
from .views import FORMATS, _busy, _download, _making


def _scope(request: HttpRequest, slug: str, period: str, family_slug: str | None):
    """The programme, round and family asked for; 404 for a round or family it does not have."""
    programme: Programme = get_programme(request, slug, "monitoring.view_progress")
    round_ = get_object_or_404(ReportingRound, programme=programme, period=period)
    family = (
        get_object_or_404(Family, programme=programme, slug=family_slug) if family_slug else None
    )
    return programme, round_, family


def _args(programme, round_, family) -> list:
    return [programme.slug, round_.period] + ([family.slug] if family else [])


def _name(programme, round_, family) -> str:
    name = f"voortgangsrapportage-{programme.slug}-{round_.period}"
    return f"{name}-{family.slug}" if family else name


@require_GET
@login_when_anonymous
def progress_report(
    request: HttpRequest, slug: str, period: str, family_slug: str | None = None
) -> HttpResponse:
    programme, round_, family = _scope(request, slug, period, family_slug)
    doc = build_progress_report(programme, round_, family, request.user)
    body = render_to_string("documents/progress/_body.html", {"doc": doc}, request=request)
    args = _args(programme, round_, family)
    suffix = "-family" if family else ""
    download = f"documents:progress-report{suffix}-download"
    tables = [
        (
            name,
            label,
            reverse(download, args=[*args, "csv"]) + f"?{TABLE_PARAMETER}={name}",
            reverse(download, args=[*args, "ods"]) + f"?{TABLE_PARAMETER}={name}",
        )
        for name, label in available_tables(doc)
    ]
    family_links = (
        []
        if family
        else [
            (f, reverse("documents:progress-report-family", args=[*args, f.slug]))
            for f, _tally in doc.families
        ]
    )
    return render(
        request,
        "documents/progress/page.html",
        {
            "programme": programme,
            "doc": doc,
            "body": body,
            "pdf_url": reverse(download, args=[*args, "pdf"]),
            "odt_url": reverse(download, args=[*args, "odt"]),
            "tables": tables,
            "family_links": family_links,
        },
    )


DOCUMENT_FORMATS = tuple(FORMATS)  # pdf, odt: the document
DOWNLOAD_FORMATS = DOCUMENT_FORMATS + TABLE_FORMATS  # csv, ods: one of its tables
TABLE_PARAMETER = "tabel"


@require_GET
@login_when_anonymous
def progress_report_download(
    request: HttpRequest, slug: str, period: str, fmt: str, family_slug: str | None = None
) -> HttpResponse:
    """The report as PDF or ODT; as CSV or ODS one of its tables (`?tabel=`, by default the
    roll-up per step and main activity)."""
    if fmt not in DOWNLOAD_FORMATS:
        raise Http404(_("Kies pdf, odt, csv of ods."))
    programme, round_, family = _scope(request, slug, period, family_slug)
    if fmt in TABLE_FORMATS:
        return _table(request, programme, round_, family, fmt)
    if not _making.acquire(blocking=False):
        return _busy(request)
    try:
        doc = build_progress_report(programme, round_, family, request.user)
        if fmt == "odt":
            content = progress_odt(doc)
        else:
            style = for_print(doc)
            body = style + render_to_string("documents/progress/_body.html", {"doc": doc})
            content = render_pdf(
                body,
                title=f"{doc.title} – {programme.name}",
                footer=f"{programme.name} – {doc.title}",
                programme=programme,
            )
    except PdfBusy:
        return _busy(request)
    finally:
        _making.release()
    return _download(content, fmt, _name(programme, round_, family))


def _table(request, programme, round_, family, fmt: str) -> HttpResponse:
    table_name = request.GET.get(TABLE_PARAMETER) or "voortgang"
    if table_name not in TABLES:
        raise Http404(
            _("Deze voortgangsrapportage heeft geen tabel “%(name)s”.") % {"name": table_name}
        )
    doc = build_progress_report(programme, round_, family, request.user, limit=None)
    found = table(doc, table_name)
    if found is None:
        # A table that names organisations: not for this reader (the public version).
        raise Http404(_("Deze tabel staat niet in de versie die u mag lezen."))
    headers, rows = found
    name = f"{_name(programme, round_, family)}-{table_name}"
    return table_response(fmt, name, headers, rows, sheet=table_name)
