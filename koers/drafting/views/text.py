"""The text of a traced version: paragraphs and sections added, renamed and removed with their
why. The consultation's own text pages send the office here for a version based on another one,
so no change to such a version escapes the trace.

The pages return to the version's edit page (the consultation's), where the office came from.
"""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from koers.agenda.models import Paragraph, Section
from koers.consultation.models import Contribution
from koers.core.access import login_when_anonymous
from koers.core.concurrency import CONFLICT, is_stale, lock, track
from koers.core.forms import add_errors

from .. import services
from ..access import get_version
from ..forms import ParagraphAddTracedForm, SectionTracedForm
from .common import forms_valid, is_search, refuse_frozen, trace_form, trace_kwargs


def edit_url(version, fragment: str = "") -> str:
    url = reverse("drafting:version-edit", args=[version.programme.slug, version.number])
    return f"{url}#{fragment}" if fragment else url


def _editable_version(request: HttpRequest, slug: str, number: int):
    version = get_version(request, slug, number, manage=True)
    version.ensure_editable()
    return version


def _get_section(version, anchor: uuid.UUID) -> Section:
    section = get_object_or_404(Section, version=version, anchor=anchor)
    section.version = version
    return section


def _status(request: HttpRequest) -> int:
    """A refused save answers 400; a search or a first look answers 200."""
    return 400 if request.method == "POST" and not is_search(request) else 200


def _page(request, version, template: str, status: int, **context) -> HttpResponse:
    context |= {"programme": version.programme, "version": version, "cancel": edit_url(version)}
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
@login_when_anonymous
@refuse_frozen
def paragraph_add_traced(
    request: HttpRequest, slug: str, number: int, anchor: uuid.UUID
) -> HttpResponse:
    version = _editable_version(request, slug, number)
    section = _get_section(version, anchor)
    form = ParagraphAddTracedForm(
        request.POST if request.method == "POST" else None, version=version
    )
    trace = trace_form(request, version)
    if request.method == "POST" and not is_search(request) and forms_valid(form, trace):
        try:
            paragraph = services.add_paragraph_traced(
                section,
                text=form.cleaned_data["text"],
                families=form.cleaned_data["families"],
                by=request.user,
                **trace_kwargs(trace),
            )
        except ValidationError as error:
            add_errors(error, form, trace)
        else:
            messages.success(request, _("De alinea is toegevoegd, met de reden."))
            return redirect(edit_url(version, f"p-{paragraph.short_anchor}"))
    return _page(
        request,
        version,
        "drafting/text_form.html",
        _status(request),
        form=form,
        trace=trace,
        section=section,
        title=_("Alinea toevoegen met reden"),
    )


@require_http_methods(["GET", "POST"])
@login_when_anonymous
@refuse_frozen
def paragraph_remove_traced(
    request: HttpRequest, slug: str, number: int, anchor: uuid.UUID
) -> HttpResponse:
    version = _editable_version(request, slug, number)
    paragraph = get_object_or_404(
        Paragraph.objects.select_related("section").annotate(
            reactions=Count("contributions", distinct=True)
        ),
        version=version,
        anchor=anchor,
    )
    paragraph.version = paragraph.section.version = version
    trace = trace_form(request, version)
    if request.method == "POST" and not is_search(request) and forms_valid(trace):
        try:
            services.remove_paragraph_traced(paragraph, by=request.user, **trace_kwargs(trace))
        except ValidationError as error:
            if trace is None:
                messages.error(request, " ".join(error.messages))
                return redirect(edit_url(version, f"p-{paragraph.short_anchor}"))
            add_errors(error, trace)
        else:
            messages.success(request, _("De alinea is verwijderd, met de reden."))
            return redirect(edit_url(version, f"h-{str(paragraph.section.anchor)[:8]}"))
    return _page(
        request,
        version,
        "drafting/text_remove.html",
        _status(request),
        trace=trace,
        paragraph=paragraph,
        reactions=paragraph.reactions,
        title=_("Alinea verwijderen met reden"),
    )


@require_http_methods(["GET", "POST"])
@login_when_anonymous
@refuse_frozen
def section_edit_traced(
    request: HttpRequest, slug: str, number: int, anchor: uuid.UUID | None = None
) -> HttpResponse:
    version = _editable_version(request, slug, number)
    section = _get_section(version, anchor) if anchor else None
    posted = request.method == "POST"
    with transaction.atomic():
        form = SectionTracedForm(
            request.POST if posted else None,
            instance=lock(section) if section and posted else section,
        )
        if section is not None:
            track(form)
        trace = trace_form(request, version)
        if posted and not is_search(request) and not is_stale(form) and forms_valid(form, trace):
            title = form.cleaned_data["title"]
            try:
                if section is None:
                    section = services.add_section_traced(
                        version, title=title, by=request.user, **trace_kwargs(trace)
                    )
                    messages.success(request, _("Het hoofdstuk is toegevoegd, met de reden."))
                else:
                    # The form changed the instance while validating; read it afresh for the
                    # write.
                    section = _get_section(version, anchor)
                    services.rename_section_traced(
                        section, title=title, by=request.user, **trace_kwargs(trace)
                    )
                    messages.success(request, _("Het hoofdstuk is opgeslagen, met de reden."))
            except ValidationError as error:
                add_errors(error, form, trace)
            else:
                return redirect(edit_url(version, f"h-{str(section.anchor)[:8]}"))
    title = _("Hoofdstuk wijzigen met reden") if anchor else _("Hoofdstuk toevoegen met reden")
    status = CONFLICT if is_stale(form) else _status(request)
    return _page(
        request, version, "drafting/text_form.html", status, form=form, trace=trace, title=title
    )


@require_http_methods(["GET", "POST"])
@login_when_anonymous
@refuse_frozen
def section_remove_traced(
    request: HttpRequest, slug: str, number: int, anchor: uuid.UUID
) -> HttpResponse:
    version = _editable_version(request, slug, number)
    section = _get_section(version, anchor)
    trace = trace_form(request, version)
    if request.method == "POST" and not is_search(request) and forms_valid(trace):
        try:
            services.remove_section_traced(section, by=request.user, **trace_kwargs(trace))
        except ValidationError as error:
            if trace is None:
                messages.error(request, " ".join(error.messages))
                return redirect(edit_url(version, f"h-{str(anchor)[:8]}"))
            add_errors(error, trace)
        else:
            messages.success(
                request,
                _("Het hoofdstuk “%(title)s” is verwijderd, met de reden.")
                % {"title": section.title},
            )
            return redirect(edit_url(version))
    reactions = Contribution.objects.filter(paragraphs__section=section).distinct().count()
    return _page(
        request,
        version,
        "drafting/text_remove.html",
        _status(request),
        trace=trace,
        section=section,
        reactions=reactions,
        paragraph_count=section.paragraphs.count(),
        title=_("Hoofdstuk verwijderen met reden"),
    )
