"""The trace: a paragraph changed with its why, all changes of a version, and two versions side
by side with the trace beside every change.

Everyone who may see both versions may compare them. Which contributions caused a change is
shown only to those who may read the contributions; others see how many, and the themes.
"""

import uuid
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from koers.agenda.constants import ItemKind
from koers.agenda.models import AgendaVersion, MainActivity, Paragraph, Section, Step
from koers.agenda.references import paragraph_numbers
from koers.core.access import login_when_anonymous
from koers.core.concurrency import CONFLICT, is_stale, lock, track
from koers.core.forms import add_errors
from koers.core.markdown import excerpt
from koers.core.numbers import MAX_INT, parse_positive_int
from koers.organisations.access import get_programme
from koers.organisations.models import Programme

from .. import services
from ..access import get_version
from ..diff import STATUS_LABELS, STATUSES, UNCHANGED, compare
from ..forms import CompareForm, ParagraphTracedForm
from ..querysets import changes
from . import text
from .common import forms_valid, is_search, refuse_frozen, trace_form, trace_kwargs

CHANGES_PAGE_SIZE = 50


def _may_see_contributions(request: HttpRequest, programme: Programme) -> bool:
    return request.user.has_perm("consultation.view_contributions", programme)


@require_http_methods(["GET", "POST"])
@login_when_anonymous
@refuse_frozen
def paragraph_change_traced(
    request: HttpRequest, slug: str, number: int, anchor: uuid.UUID
) -> HttpResponse:
    version = get_version(request, slug, number, manage=True)
    version.ensure_editable()
    paragraph = get_object_or_404(
        Paragraph.objects.select_related("section"), version=version, anchor=anchor
    )
    paragraph.version = paragraph.section.version = version
    posted = request.method == "POST"
    with transaction.atomic():
        form = track(
            ParagraphTracedForm(
                request.POST if posted else None, instance=lock(paragraph) if posted else paragraph
            )
        )
        trace = trace_form(request, version)
        if posted and not is_search(request) and not form.stale and forms_valid(form, trace):
            lock(paragraph)  # validating wrote the typed text into it; save only what differs
            try:
                services.change_paragraph(
                    paragraph, form.cleaned_data["text"], by=request.user, **trace_kwargs(trace)
                )
            except ValidationError as error:
                add_errors(error, form, trace)
            else:
                messages.success(request, _("De alinea is opgeslagen, met de reden."))
                return redirect(text.edit_url(version, f"p-{paragraph.short_anchor}"))
    status = 400 if request.method == "POST" and not is_search(request) else 200
    status = CONFLICT if is_stale(form) else status
    return render(
        request,
        "drafting/paragraph_change.html",
        {
            "programme": version.programme,
            "version": version,
            "paragraph": paragraph,
            "original": Paragraph.objects.filter(
                anchor=anchor, version=version.based_on_id
            ).first(),
            "form": form,
            "trace": trace,
            "cancel": text.edit_url(version, f"p-{paragraph.short_anchor}"),
        },
        status=status,
    )


def _default_pair(numbers: list[int], visible) -> tuple[int | None, int | None]:
    """The newest version the reader may see, against the one it is based on (or the one
    before it)."""
    if len(numbers) < 2:
        return None, None
    newest = visible.get(number=numbers[-1])
    if newest.based_on_id and newest.based_on.number in numbers:
        return newest.based_on.number, newest.number
    return numbers[-2], numbers[-1]


def _number(value: str | None) -> int | None:
    return parse_positive_int(value, maximum=MAX_INT)


@require_GET
@login_when_anonymous
def version_compare(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_programme(request, slug, "organisations.view_programme")
    visible = AgendaVersion.objects.visible_to(request.user, programme)
    numbers = sorted(visible.values_list("number", flat=True))
    van, naar = _number(request.GET.get("van")), _number(request.GET.get("naar"))
    if van is None or naar is None:
        van, naar = _default_pair(numbers, visible.select_related("based_on"))
    form = CompareForm(initial={"van": van, "naar": naar}, numbers=numbers)
    comparison = None
    if van is not None and naar is not None:
        older = get_version(request, slug, van)
        newer = get_version(request, slug, naar)
        comparison = compare(older, newer)
    show_all = request.GET.get("alles") == "1"
    groups = []
    if comparison is not None:
        for key, title, items in (
            ("hoofdstukken", _("Hoofdstukken"), comparison.sections),
            ("alineas", _("Alinea's"), comparison.paragraphs),
            ("stappen", _("Stappen"), comparison.steps),
            ("hoofdactiviteiten", _("Hoofdactiviteiten"), comparison.main_activities),
        ):
            shown = [i for i in items if show_all or i.status != UNCHANGED or i.changes]
            groups.append({"key": key, "title": title, "items": shown, "total": len(items)})
    counts = comparison.counts() if comparison else {}
    return render(
        request,
        "drafting/compare.html",
        {
            "programme": programme,
            "form": form,
            "comparison": comparison,
            "groups": groups,
            "counts": [(STATUS_LABELS[s], counts.get(s, 0)) for s in STATUSES],
            "show_all": show_all,
            "may_see_contributions": _may_see_contributions(request, programme),
            "may_moderate": request.user.has_perm("consultation.moderate_contribution", programme),
        },
    )


@dataclass
class ItemReference:
    """How a changed item is called on the page: a human label, where the reader can open it,
    and, for a paragraph, its first words."""

    label: str
    url: str = ""
    excerpt: str = ""


def _references(version) -> dict:
    """(kind, anchor) -> ItemReference, from this version or (when the item was removed) the
    version it is based on; a fixed number of queries."""
    based_on = version.based_on if version.based_on_id else None
    ids = [v.pk for v in (based_on, version) if v is not None]
    pages = {v.pk: v.get_absolute_url() for v in (based_on, version) if v is not None}
    numbers = paragraph_numbers(ids)
    references = {}
    sections = {}
    for section in Section.objects.filter(version__in=ids).order_by("version_id"):
        sections[section.pk] = section.title
        references[(ItemKind.SECTION, section.anchor)] = ItemReference(
            section.title, f"{pages[section.version_id]}#h-{str(section.anchor)[:8]}"
        )
    for paragraph in Paragraph.objects.filter(version__in=ids).order_by("version_id"):
        label = _("Alinea %(number)s (%(section)s)") % {
            "number": numbers.get(paragraph.pk, "?"),
            "section": sections.get(paragraph.section_id, ""),
        }
        references[(ItemKind.PARAGRAPH, paragraph.anchor)] = ItemReference(
            label,
            f"{pages[paragraph.version_id]}#p-{paragraph.short_anchor}",
            excerpt(paragraph.text, 100),
        )
    for step in Step.objects.filter(version__in=ids).order_by("version_id"):
        references[(ItemKind.STEP, step.anchor)] = ItemReference(step.title)
    for activity in MainActivity.objects.filter(version__in=ids).order_by("version_id"):
        references[(ItemKind.MAIN_ACTIVITY, activity.anchor)] = ItemReference(activity.title)
    return references


@require_GET
@login_when_anonymous
def version_trace(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = get_version(request, slug, number)
    page = Paginator(changes(version), CHANGES_PAGE_SIZE).get_page(request.GET.get("pagina"))
    references = _references(version)
    for change in page:
        change.reference = references.get((change.kind, change.anchor))
    return render(
        request,
        "drafting/trace.html",
        {
            "programme": version.programme,
            "version": version,
            "page": page,
            "may_see_contributions": _may_see_contributions(request, version.programme),
            "may_moderate": request.user.has_perm(
                "consultation.moderate_contribution", version.programme
            ),
            "may_edit": version.may_manage and not version.is_frozen,
        },
    )
