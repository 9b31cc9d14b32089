"""The structured agenda: a version's steps with each family's main activities under them, a
family's own chapter, and the office's forms to add, change, move and remove them.

In a version based on another one every change asks why, and for the contributions and themes
behind it (the trace). An adopted version shows the same pages read-only.
"""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from koers.agenda.models import MainActivity, Paragraph, Step
from koers.core.access import login_when_anonymous
from koers.core.concurrency import CONFLICT, is_stale, lock, track
from koers.core.forms import add_errors
from koers.organisations.models import Family

from .. import services
from ..access import get_version
from ..forms import MainActivityForm, StepForm
from .common import (
    forms_valid,
    is_search,
    refuse_frozen,
    responsible_finder,
    ticks_found,
    trace_form,
    trace_kwargs,
)


def _structure_url(version, fragment: str = "") -> str:
    url = reverse("drafting:agenda-structure", args=[version.programme.slug, version.number])
    return f"{url}#{fragment}" if fragment else url


def _get_step(version, anchor: uuid.UUID) -> Step:
    step = get_object_or_404(Step, version=version, anchor=anchor)
    step.version = version
    return step


def _get_activity(version, anchor: uuid.UUID) -> MainActivity:
    activity = get_object_or_404(
        MainActivity.objects.select_related("step", "family"), version=version, anchor=anchor
    )
    activity.version = activity.step.version = version
    return activity


# --- reading --------------------------------------------------------------------------------


@require_GET
@login_when_anonymous
def agenda_structure(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = get_version(request, slug, number)
    families = list(version.programme.families.all())
    steps = list(Step.objects.with_activities(version))
    for step in steps:
        by_family = {f.pk: [] for f in families}
        for activity in step.activities:
            by_family.setdefault(activity.family_id, []).append(activity)
        step.groups = [(family, by_family[family.pk]) for family in families]
    return render(
        request,
        "drafting/structure.html",
        {
            "programme": version.programme,
            "version": version,
            "steps": steps,
            "families": families,
            "may_edit": version.may_manage and not version.is_frozen,
            "traced": services.is_traced(version),
        },
    )


@require_GET
@login_when_anonymous
def family_chapter(request: HttpRequest, slug: str, number: int, family_slug: str) -> HttpResponse:
    version = get_version(request, slug, number)
    family = get_object_or_404(Family, programme=version.programme, slug=family_slug)
    steps = [step for step in Step.objects.with_activities(version, family) if step.activities]
    paragraphs = (
        Paragraph.objects.filter(version=version, families=family)
        .select_related("section")
        .order_by("section__position", "section_id", "position", "pk")
    )
    return render(
        request,
        "drafting/family_chapter.html",
        {
            "programme": version.programme,
            "version": version,
            "family": family,
            "steps": steps,
            "paragraphs": paragraphs,
        },
    )


# --- the office: steps ----------------------------------------------------------------------


def _item_page(
    request, version, form, trace, *, title: str, cancel: str, status: int = 200, **context
):
    return render(
        request,
        "drafting/item_form.html",
        {
            "programme": version.programme,
            "version": version,
            "form": form,
            "trace": trace,
            "title": title,
            "cancel": cancel,
            **context,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_when_anonymous
@refuse_frozen
def step_edit(
    request: HttpRequest, slug: str, number: int, anchor: uuid.UUID | None = None
) -> HttpResponse:
    version = get_version(request, slug, number, manage=True)
    version.ensure_editable()
    step = _get_step(version, anchor) if anchor else None
    posted = request.method == "POST"
    with transaction.atomic():
        form = StepForm(
            request.POST if posted else None, instance=lock(step) if step and posted else step
        )
        if step is not None:
            track(form)
        trace = trace_form(request, version)
        title = _("Stap wijzigen") if step else _("Stap toevoegen")
        if posted and not is_search(request) and not is_stale(form) and forms_valid(form, trace):
            data = form.cleaned_data
            try:
                if step is None:
                    step = services.add_step(
                        version,
                        title=data["title"],
                        description=data["description"],
                        by=request.user,
                        **trace_kwargs(trace),
                    )
                    messages.success(request, _("De stap is toegevoegd."))
                else:
                    lock(step)  # validating wrote the typed values into it
                    services.update_step(
                        step,
                        title=data["title"],
                        description=data["description"],
                        by=request.user,
                        **trace_kwargs(trace),
                    )
                    messages.success(request, _("De stap is opgeslagen."))
            except ValidationError as error:
                add_errors(error, form, trace)
            else:
                return redirect(_structure_url(version, f"s-{step.short_anchor}"))
    status = 400 if request.method == "POST" and not is_search(request) else 200
    status = CONFLICT if is_stale(form) else status
    return _item_page(
        request, version, form, trace, title=title, cancel=_structure_url(version), status=status
    )


@require_http_methods(["GET", "POST"])
@login_when_anonymous
@refuse_frozen
def main_activity_edit(
    request: HttpRequest, slug: str, number: int, anchor: uuid.UUID | None = None
) -> HttpResponse:
    version = get_version(request, slug, number, manage=True)
    version.ensure_editable()
    activity = _get_activity(version, anchor) if anchor else None
    initial = {}
    if activity is None:
        # The structure page links "add" per step and family.
        step = Step.objects.filter(version=version, anchor=_uuid(request.GET.get("stap"))).first()
        family = Family.objects.filter(
            programme=version.programme, slug=request.GET.get("familie", "")
        ).first()
        initial = {"step": step, "family": family, "deadline": version.programme.deadline}
    posted = request.method == "POST"
    with transaction.atomic():
        form = MainActivityForm(
            request.POST if posted else None,
            instance=lock(activity) if activity and posted else activity,
            version=version,
            initial=initial,
        )
        if activity is not None:
            track(form)
        trace = trace_form(request, version)
        title = _("Hoofdactiviteit wijzigen") if activity else _("Hoofdactiviteit toevoegen")
        if posted and not is_search(request) and not is_stale(form) and forms_valid(form, trace):
            data = form.cleaned_data
            fields = {name: data[name] for name in services.ACTIVITY_FIELDS}
            try:
                if activity is None:
                    activity = services.add_main_activity(
                        version,
                        responsible=data["responsible"],
                        facilities=data["facilities"],
                        by=request.user,
                        **fields,
                        **trace_kwargs(trace),
                    )
                    messages.success(request, _("De hoofdactiviteit is toegevoegd."))
                else:
                    # The form changed the instance while validating; read it afresh for the
                    # write, so only what differs is saved.
                    activity = _get_activity(version, anchor)
                    services.update_main_activity(
                        activity,
                        responsible=data["responsible"],
                        facilities=data["facilities"],
                        by=request.user,
                        **fields,
                        **trace_kwargs(trace),
                    )
                    messages.success(request, _("De hoofdactiviteit is opgeslagen."))
            except ValidationError as error:
                add_errors(error, form, trace)
            else:
                return redirect(_structure_url(version, f"a-{activity.short_anchor}"))
    status = 400 if request.method == "POST" and not is_search(request) else 200
    status = CONFLICT if is_stale(form) else status
    finder = responsible_finder(request, version)
    return _item_page(
        request,
        version,
        form,
        trace,
        title=title,
        cancel=_structure_url(version),
        status=status,
        finder=finder,
        responsible=form.responsible_choice(finder, tick_found=ticks_found(request)),
    )


def _uuid(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _confirm(request, version, item, trace, *, action: str, title: str, status: int = 200):
    return render(
        request,
        "drafting/confirm.html",
        {
            "programme": version.programme,
            "version": version,
            "item": item,
            "trace": trace,
            "action": action,
            "title": title,
            "direction": request.POST.get("direction", ""),
            "cancel": _structure_url(version),
        },
        status=status,
    )


def _delete(request, version, item, remove, *, title: str, done: str) -> HttpResponse:
    trace = trace_form(request, version)
    if request.method == "POST" and not is_search(request) and forms_valid(trace):
        try:
            remove(item, by=request.user, **trace_kwargs(trace))
        except ValidationError as error:
            if trace is None:
                messages.error(request, " ".join(error.messages))
                return redirect(_structure_url(version))
            add_errors(error, trace)
        else:
            messages.success(request, done)
            return redirect(_structure_url(version))
    status = 400 if request.method == "POST" and not is_search(request) else 200
    return _confirm(request, version, item, trace, action="delete", title=title, status=status)


def _move(request, version, item, move, *, title: str, fragment: str) -> HttpResponse:
    """Moving is a change too: in a traced version it asks why before it moves."""
    direction = request.POST.get("direction")
    if direction not in (services.UP, services.DOWN):
        messages.error(request, _("Kies omhoog of omlaag."))
        return redirect(_structure_url(version, fragment))
    trace = trace_form(request, version)
    asked = "summary" in request.POST
    if trace is not None and (not asked or is_search(request) or not trace.is_valid()):
        if not asked:
            trace = type(trace)(version=version)  # a fresh form: nothing was typed yet
        status = 400 if asked and not is_search(request) else 200
        return _confirm(request, version, item, trace, action="move", title=title, status=status)
    if not move(item, direction, by=request.user, **trace_kwargs(trace)):
        messages.error(request, _("Dit onderdeel staat al aan het begin of eind."))
    return redirect(_structure_url(version, fragment))


@require_http_methods(["GET", "POST"])
@login_when_anonymous
@refuse_frozen
def step_delete(request: HttpRequest, slug: str, number: int, anchor: uuid.UUID) -> HttpResponse:
    version = get_version(request, slug, number, manage=True)
    version.ensure_editable()
    step = _get_step(version, anchor)
    return _delete(
        request,
        version,
        step,
        services.remove_step,
        title=_("Stap verwijderen"),
        done=_("De stap is verwijderd."),
    )


@require_POST
@login_when_anonymous
@refuse_frozen
def step_move(request: HttpRequest, slug: str, number: int, anchor: uuid.UUID) -> HttpResponse:
    version = get_version(request, slug, number, manage=True)
    version.ensure_editable()
    step = _get_step(version, anchor)
    return _move(
        request,
        version,
        step,
        services.move_step,
        title=_("Stap verplaatsen"),
        fragment=f"s-{step.short_anchor}",
    )


@require_http_methods(["GET", "POST"])
@login_when_anonymous
@refuse_frozen
def main_activity_delete(
    request: HttpRequest, slug: str, number: int, anchor: uuid.UUID
) -> HttpResponse:
    version = get_version(request, slug, number, manage=True)
    version.ensure_editable()
    activity = _get_activity(version, anchor)
    return _delete(
        request,
        version,
        activity,
        services.remove_main_activity,
        title=_("Hoofdactiviteit verwijderen"),
        done=_("De hoofdactiviteit is verwijderd."),
    )


@require_POST
@login_when_anonymous
@refuse_frozen
def main_activity_move(
    request: HttpRequest, slug: str, number: int, anchor: uuid.UUID
) -> HttpResponse:
    version = get_version(request, slug, number, manage=True)
    version.ensure_editable()
    activity = _get_activity(version, anchor)
    return _move(
        request,
        version,
        activity,
        services.move_main_activity,
        title=_("Hoofdactiviteit verplaatsen"),
        fragment=f"a-{activity.short_anchor}",
    )


@require_POST
@login_when_anonymous
def make_concept(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = get_version(request, slug, number, manage=True)
    concept = services.make_concept(version, by=request.user)
    messages.success(
        request,
        _(
            "Versie %(new)s is gemaakt op basis van versie %(number)s; elke wijziging vraagt nu "
            "waarom."
        )
        % {"new": concept.number, "number": number},
    )
    return redirect("drafting:agenda-structure", slug, concept.number)
