"""Analysis runs: starting one, following its progress, and the earlier runs of a programme.

A run works in the background (minutes at a million contributions); its page shows how far it
is and refreshes itself with htmx while it works, with a plain link for browsers without it.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from koers.core.access import login_when_anonymous
from koers.organisations.access import get_programme
from koers.organisations.models import Programme

from ..forms import RunForm
from ..models import SynthesisRun
from ..services import RunRefused, cancel_run, fail_stale_runs, request_run
from .themes import theme_list_page

PAGE_SIZE = 50
POLL_SECONDS = 2


def _get_run(request: HttpRequest, slug: str, pk: int) -> tuple[Programme, SynthesisRun]:
    programme = get_programme(request, slug, "synthesis.view_synthesis")
    fail_stale_runs(programme)  # a run whose worker died shows as failed, not as working
    run = get_object_or_404(
        SynthesisRun.objects.select_related("requested_by", "cancelled_by", "programme").defer(
            "model"
        ),
        programme=programme,
        pk=pk,
    )
    return programme, run


@require_http_methods(["GET", "POST"])
def runs(request: HttpRequest, slug: str) -> HttpResponse:
    """One address for the runs: GET lists them, POST starts a new one."""
    if request.method == "POST":
        return run_start(request, slug)
    return run_list(request, slug)


@require_POST
@login_when_anonymous
def run_start(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_programme(request, slug, "synthesis.run_synthesis")
    form = RunForm(request.POST)
    if form.is_valid():
        try:
            run = request_run(
                programme,
                by=request.user,
                mode=form.cleaned_data["mode"],
                themes=form.cleaned_data["theme_count"],
                deep=form.by_meaning(),
            )
        except RunRefused as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("De analyse is gestart."))
            return redirect(run)
    return theme_list_page(request, programme, run_form=form, status=400)


def _detail_page(
    request: HttpRequest, programme: Programme, run: SynthesisRun, error: str = "", status=200
) -> HttpResponse:
    context = {
        "programme": programme,
        "run": run,
        "poll_seconds": POLL_SECONDS,
        # The error may name internals of the engine: only those who run analyses read it.
        "may_run": request.user.has_perm("synthesis.run_synthesis", programme),
        "may_cancel": request.user.has_perm("synthesis.cancel_synthesis", programme),
        "cancel_error": error,
    }
    if request.htmx:
        return render(request, "synthesis/runs/progress.html", context, status=status)
    return render(request, "synthesis/runs/detail.html", context, status=status)


@require_GET
@login_when_anonymous
def run_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme, run = _get_run(request, slug, pk)
    return _detail_page(request, programme, run)


@require_POST
@login_when_anonymous
def run_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme, run = _get_run(request, slug, pk)
    if not request.user.has_perm("synthesis.cancel_synthesis", programme):
        raise PermissionDenied
    try:
        cancel_run(run, by=request.user)
    except RunRefused as refused:
        run.refresh_from_db()
        return _detail_page(request, programme, run, error=refused.message, status=409)
    messages.success(request, _("De analyse is afgebroken; er is niets gewijzigd."))
    return redirect(run)


@require_GET
@login_when_anonymous
def run_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_programme(request, slug, "synthesis.view_synthesis")
    fail_stale_runs(programme)
    runs = (
        SynthesisRun.objects.filter(programme=programme)
        .select_related("requested_by", "programme")
        .defer("model", "error")
    )
    return render(
        request,
        "synthesis/runs/list.html",
        {
            "programme": programme,
            "page": Paginator(runs, PAGE_SIZE).get_page(request.GET.get("pagina")),
        },
    )
