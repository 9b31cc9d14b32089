"""Consultation views: the agenda text.

Public pages show a version per section with reaction counts per family, and the published
reactions per paragraph. The programme office writes versions here: drafts, sections, paragraphs,
the consultation period and the moves draft -> concept -> adopted.
"""

import uuid
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from koers.agenda import services as versions
from koers.agenda.access import get_paragraph, get_section, get_version, version_links
from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion, Paragraph
from koers.agenda.services import council_adopts, move_version
from koers.consultation.models import Contribution
from koers.core.access import login_when_anonymous
from koers.core.concurrency import (
    CONFLICT,
    is_stale,
    lock,
    model_fields_changed,
    save_changed,
    track,
)
from koers.organisations.access import get_programme
from koers.organisations.models import Programme

from ..forms_versions import (
    ConsultationPeriodForm,
    MarkdownImportForm,
    ParagraphForm,
    SectionForm,
    VersionForm,
)


def _refuse_frozen(view):
    """An adopted version refuses every change, with the reason, instead of an error page."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, number: int, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, slug, number, *args, **kwargs)
        except ValidationError as error:
            if not getattr(request, "_koers_version", None):
                raise
            messages.error(request, " ".join(error.messages))
            return redirect("drafting:version-edit", slug, number)

    return wrapper


# --- access -------------------------------------------------------------------------------


def _get_programme_for_office(request: HttpRequest, slug: str) -> Programme:
    return get_programme(request, slug, "agenda.manage_version")


def _get_version_for_office(request: HttpRequest, slug: str, number: int) -> AgendaVersion:
    version = get_version(
        request,
        slug,
        number,
        "agenda.manage_version",
        programme_permission="agenda.manage_version",
    )
    request._koers_version = version
    return version


def _get_editable_version(request: HttpRequest, slug: str, number: int) -> AgendaVersion:
    version = _get_version_for_office(request, slug, number)
    version.ensure_editable()
    return version


def _traced_elsewhere(
    request: HttpRequest, version: AgendaVersion, url_name: str, *args
) -> HttpResponse | None:
    """A version based on another one records why each part of its text changes (the trace);
    its text is changed on the agenda's traced pages, never here without a reason."""
    if version.based_on_id is None:
        return None
    url = reverse(url_name, args=[version.programme.slug, version.number, *args])
    if request.method == "GET":
        return redirect(url)
    return render(
        request,
        "drafting/versions/traced_elsewhere.html",
        {"programme": version.programme, "version": version, "url": url},
        status=400,
    )


# --- public pages ---------------------------------------------------------------------------


# --- the office -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_when_anonymous
def version_manage(request: HttpRequest, slug: str) -> HttpResponse:
    """The office's list of versions, with a form for a new empty draft."""
    programme = _get_programme_for_office(request, slug)
    form = VersionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        version = versions.create_version(
            programme,
            title=form.cleaned_data["title"],
            introduction=form.cleaned_data["introduction"],
            by=request.user,
        )
        messages.success(
            request, _("Versie %(number)s is aangemaakt.") % {"number": version.number}
        )
        return redirect("drafting:version-edit", slug, version.number)
    shown = programme.versions.select_related("based_on").annotate(
        section_count=Count("sections", distinct=True),
        paragraph_count=Count("paragraphs", distinct=True),
    )
    return render(
        request,
        "drafting/versions/version_manage.html",
        {"programme": programme, "versions": shown, "form": form},
    )


@require_http_methods(["GET", "POST"])
@login_when_anonymous
@_refuse_frozen
def version_edit(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """A version's text in one page: title and introduction, sections and paragraphs."""
    version = _get_version_for_office(request, slug, number)
    form = track(VersionForm(instance=version))
    if request.method == "POST":
        version.ensure_editable()
        with transaction.atomic():
            form = track(VersionForm(request.POST, instance=lock(version)))
            if not form.stale and form.is_valid():
                lock(version)  # validating wrote the typed values into it
                versions.update_version(
                    version, by=request.user, **{n: form.cleaned_data[n] for n in form.changed_data}
                )
                messages.success(request, _("Titel en inleiding zijn opgeslagen."))
                return redirect("drafting:version-edit", slug, number)
    sections = version.sections.prefetch_related(
        Prefetch(
            "paragraphs",
            queryset=Paragraph.objects.prefetch_related("families").order_by("position", "pk"),
        )
    ).order_by("position", "pk")
    by_council = council_adopts(version.programme_id)
    return render(
        request,
        "drafting/versions/version_edit.html",
        {
            "programme": version.programme,
            "version": version,
            "form": form,
            "sections": sections,
            "next_states": [
                (state, state.label)
                for state in VersionState
                if version.can_move_to(state) and not (state == VersionState.ADOPTED and by_council)
            ],
            "by_council": by_council,
            "traced": version.based_on_id is not None,
            "links": version_links(request, version, list(version.programme.families.all())),
        },
        status=CONFLICT if form.stale else 200,
    )


@require_POST
@login_when_anonymous
@_refuse_frozen
def version_move(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _get_version_for_office(request, slug, number)
    state = request.POST.get("state", "")
    if state not in VersionState.values:
        messages.error(request, _("Kies een geldige status."))
        return redirect("drafting:version-edit", slug, number)
    # A move cannot be undone (a concept mails the reviewers, adopted freezes): ask first.
    if version.can_move_to(state) and not request.POST.get("confirmed"):
        messages.error(
            request,
            _("Vink aan dat u weet dat dit niet terug kan, en zet de versie dan op %(state)s.")
            % {"state": VersionState(state).label},
        )
        return redirect("drafting:version-edit", slug, number)
    move_version(version, state, by=request.user)
    messages.success(
        request,
        _("Versie %(number)s is nu %(state)s.")
        % {"number": number, "state": VersionState(state).label},
    )
    return redirect("drafting:version-edit", slug, number)


@require_POST
@login_when_anonymous
def version_copy(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _get_version_for_office(request, slug, number)
    copy = versions.copy_version(version, by=request.user)
    messages.success(
        request,
        _("Versie %(copy)s is een nieuwe voorzet op basis van versie %(number)s.")
        % {"copy": copy.number, "number": number},
    )
    return redirect("drafting:version-edit", slug, copy.number)


@require_http_methods(["GET", "POST"])
@login_when_anonymous
@_refuse_frozen
def version_period(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _get_editable_version(request, slug, number)
    form = ConsultationPeriodForm(
        request.POST if request.method == "POST" else None,
        initial={
            "opens_at": version.consultation_opens_at,
            "closes_at": version.consultation_closes_at,
        },
    )
    if request.method == "POST" and form.is_valid():
        versions.open_consultation(
            version,
            opens_at=form.cleaned_data["opens_at"],
            closes_at=form.cleaned_data["closes_at"],
            by=request.user,
        )
        messages.success(request, _("De consultatieperiode is opgeslagen."))
        return redirect("drafting:version-edit", slug, number)
    return render(
        request,
        "drafting/versions/version_period.html",
        {"programme": version.programme, "version": version, "form": form},
    )


@require_http_methods(["GET", "POST"])
@login_when_anonymous
@_refuse_frozen
def version_import(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """Paste a whole Markdown document; 'Voorbeeld' shows what it becomes without saving."""
    version = _get_editable_version(request, slug, number)
    if version.based_on_id is not None:
        # A pasted document would add text without a why; the traced pages add it one by one.
        if request.method == "POST":
            return _traced_elsewhere(request, version, "drafting:version-edit")
        messages.error(
            request,
            _(
                "Deze versie is gebaseerd op een andere versie: voeg hoofdstukken en alinea's een "
                "voor een toe, met de reden."
            ),
        )
        return redirect("drafting:version-edit", slug, number)
    form = MarkdownImportForm(request.POST if request.method == "POST" else None)
    preview = None
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        if "preview" in request.POST:
            preview = versions.parse_markdown(text)
        else:
            document = versions.import_markdown(version, text, by=request.user)
            messages.success(
                request,
                _("%(sections)s hoofdstukken en %(paragraphs)s alinea's toegevoegd.")
                % {
                    "sections": len(document.sections),
                    "paragraphs": document.paragraph_count,
                },
            )
            return redirect("drafting:version-edit", slug, number)
    return render(
        request,
        "drafting/versions/version_import.html",
        {"programme": version.programme, "version": version, "form": form, "preview": preview},
    )


@require_http_methods(["GET", "POST"])
@login_when_anonymous
@_refuse_frozen
def section_edit(
    request: HttpRequest, slug: str, number: int, anchor: uuid.UUID | None = None
) -> HttpResponse:
    version = _get_editable_version(request, slug, number)
    section = get_section(version, anchor) if anchor else None
    traced = (
        _traced_elsewhere(request, version, "drafting:section-edit-traced", anchor)
        if anchor
        else _traced_elsewhere(request, version, "drafting:section-add-traced")
    )
    if traced:
        return traced
    if request.method == "POST":
        with transaction.atomic():
            form = SectionForm(request.POST, instance=lock(section) if section else None)
            if section is not None:
                track(form)
            if not is_stale(form) and form.is_valid():
                if section is None:
                    section = versions.add_section(
                        version, title=form.cleaned_data["title"], by=request.user
                    )
                    messages.success(request, _("Het hoofdstuk is toegevoegd."))
                else:
                    section = save_changed(form, by=request.user)
                    messages.success(request, _("Het hoofdstuk is opgeslagen."))
                return redirect(_edit_url(slug, number, f"h-{str(section.anchor)[:8]}"))
    else:
        form = SectionForm(instance=section)
        if section is not None:
            track(form)
    return render(
        request,
        "drafting/versions/section_form.html",
        {"programme": version.programme, "version": version, "section": section, "form": form},
        status=CONFLICT if is_stale(form) else 200,
    )


@require_POST
@login_when_anonymous
@_refuse_frozen
def section_move(request: HttpRequest, slug: str, number: int, anchor: uuid.UUID) -> HttpResponse:
    version = _get_editable_version(request, slug, number)
    section = get_section(version, anchor)
    direction = request.POST.get("direction")
    if direction not in (versions.UP, versions.DOWN):
        messages.error(request, _("Kies omhoog of omlaag."))
    elif not versions.move_section(section, direction, by=request.user):
        messages.error(request, _("Dit hoofdstuk staat al aan het begin of eind."))
    return redirect(_edit_url(slug, number, f"h-{str(anchor)[:8]}"))


@require_http_methods(["GET", "POST"])
@login_when_anonymous
@_refuse_frozen
def section_delete(request: HttpRequest, slug: str, number: int, anchor: uuid.UUID) -> HttpResponse:
    version = _get_editable_version(request, slug, number)
    section = get_section(version, anchor)
    traced = _traced_elsewhere(request, version, "drafting:section-remove-traced", anchor)
    if traced:
        return traced
    reactions = Contribution.objects.filter(paragraphs__section=section).distinct().count()
    if request.method == "POST":
        if reactions:
            messages.error(request, _("Dit hoofdstuk heeft reacties en blijft daarom staan."))
            return redirect(_edit_url(slug, number, f"h-{str(anchor)[:8]}"))
        section._history_user = request.user
        section.delete()
        messages.success(
            request, _("Het hoofdstuk “%(title)s” is verwijderd.") % {"title": section.title}
        )
        return redirect("drafting:version-edit", slug, number)
    return render(
        request,
        "drafting/versions/confirm_delete.html",
        {
            "programme": version.programme,
            "version": version,
            "thing": section,
            "what": _("hoofdstuk"),
            "reactions": reactions,
            "paragraph_count": section.paragraphs.count(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_when_anonymous
@_refuse_frozen
def paragraph_edit(
    request: HttpRequest,
    slug: str,
    number: int,
    anchor: uuid.UUID | None = None,
    section_anchor: uuid.UUID | None = None,
) -> HttpResponse:
    version = _get_editable_version(request, slug, number)
    paragraph = get_paragraph(version, anchor) if anchor else None
    section = get_section(version, section_anchor) if section_anchor else None
    traced = (
        _traced_elsewhere(request, version, "drafting:paragraph-change-traced", anchor)
        if paragraph
        else _traced_elsewhere(request, version, "drafting:paragraph-add-traced", section_anchor)
    )
    if traced:
        return traced
    submitted = request.POST if request.method == "POST" else None
    with transaction.atomic():
        if submitted is not None and paragraph is not None:
            lock(paragraph)
        form = ParagraphForm(
            submitted,
            instance=paragraph,
            version=version,
            initial={"section": section} if section else None,
        )
        if paragraph is not None:
            track(form)
        if submitted is not None and not is_stale(form) and form.is_valid():
            data = form.cleaned_data
            if paragraph is None:
                paragraph = versions.add_paragraph(
                    data["section"], text=data["text"], families=data["families"], by=request.user
                )
                messages.success(request, _("De alinea is toegevoegd."))
            else:
                paragraph = form.save(commit=False)
                fields = model_fields_changed(form)
                if "section" in fields:
                    versions.change_paragraph_section(paragraph, data["section"])
                    fields.append("position")
                paragraph._history_user = request.user
                if fields:
                    paragraph.save(update_fields=fields)
                form.save_m2m()
                messages.success(request, _("De alinea is opgeslagen."))
            return redirect(_edit_url(slug, number, f"p-{paragraph.short_anchor}"))
    return render(
        request,
        "drafting/versions/paragraph_form.html",
        {"programme": version.programme, "version": version, "paragraph": paragraph, "form": form},
        status=CONFLICT if is_stale(form) else 200,
    )


@require_POST
@login_when_anonymous
@_refuse_frozen
def paragraph_move(request: HttpRequest, slug: str, number: int, anchor: uuid.UUID) -> HttpResponse:
    version = _get_editable_version(request, slug, number)
    paragraph = get_paragraph(version, anchor)
    direction = request.POST.get("direction")
    if direction not in (versions.UP, versions.DOWN):
        messages.error(request, _("Kies omhoog of omlaag."))
    elif not versions.move_paragraph(paragraph, direction, by=request.user):
        messages.error(request, _("Deze alinea staat al aan het begin of eind van het hoofdstuk."))
    return redirect(_edit_url(slug, number, f"p-{paragraph.short_anchor}"))


@require_http_methods(["GET", "POST"])
@login_when_anonymous
@_refuse_frozen
def paragraph_delete(
    request: HttpRequest, slug: str, number: int, anchor: uuid.UUID
) -> HttpResponse:
    version = _get_editable_version(request, slug, number)
    paragraph = get_paragraph(version, anchor)
    traced = _traced_elsewhere(request, version, "drafting:paragraph-remove-traced", anchor)
    if traced:
        return traced
    reactions = paragraph.contributions.count()
    if request.method == "POST":
        if reactions:
            messages.error(request, _("Deze alinea heeft reacties en blijft daarom staan."))
            return redirect(_edit_url(slug, number, f"p-{paragraph.short_anchor}"))
        paragraph._history_user = request.user
        paragraph.delete()
        messages.success(request, _("De alinea is verwijderd."))
        return redirect(_edit_url(slug, number, f"h-{str(paragraph.section.anchor)[:8]}"))
    return render(
        request,
        "drafting/versions/confirm_delete.html",
        {
            "programme": version.programme,
            "version": version,
            "thing": paragraph,
            "what": _("alinea"),
            "reactions": reactions,
        },
    )


def _edit_url(slug: str, number: int, fragment: str) -> str:
    return f"{reverse('drafting:version-edit', args=[slug, number])}#{fragment}"
