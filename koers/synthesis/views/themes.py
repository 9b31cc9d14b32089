"""Themes: the list of a programme's themes, one theme with its input and coverage, and curation.

The analysis proposes; the office decides. Every label, placement and common-thread decision on
these pages says whether the analysis proposed it or which person decided it, and when. Curation
goes through koers.synthesis.services; what it refuses is shown as an error on the form used.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from koers.consultation.models import Contribution
from koers.consultation.querysets import reads_all_visible
from koers.core.access import login_when_anonymous
from koers.core.concurrency import CONFLICT, lock, track
from koers.core.numbers import positive_ints
from koers.organisations.access import get_programme
from koers.organisations.models import Programme
from koers.text.labels import shared_phrases

from .. import tally
from ..access import get_theme
from ..constants import ACTIVE_RUN_STATES, RunState
from ..forms import MergeForm, MoveForm, RenameForm, RunForm, ThreadForm
from ..models import SynthesisRun, Theme, ThemeAssignment
from ..overview import theme_overview
from ..readable import readable_keywords, readable_quotes, readable_summaries, readable_texts
from ..services import (
    CurationRefused,
    decide_common_thread,
    fail_stale_runs,
    merge_themes,
    move_contributions,
    rename_theme,
    split_theme,
)

PAGE_SIZE = 50


def _get_theme(
    request: HttpRequest, slug: str, pk: int, permission: str
) -> tuple[Programme, Theme]:
    return get_theme(
        request,
        slug,
        pk,
        permission,
        queryset=Theme.objects.select_related(
            "label_by", "common_thread_by", "merged_into", "merged_by"
        ),
    )


def _readable(request: HttpRequest, programme: Programme):
    """The input whose words these pages may show: what the user may read, less what moderation
    hid (a theme is described by the input that counts)."""
    return Contribution.objects.visible_to(request.user, programme).visible()


def _latest_runs(programme: Programme) -> tuple[SynthesisRun | None, SynthesisRun | None]:
    """The latest run (any state) and the latest finished one, whose date the proposals carry."""
    runs = SynthesisRun.objects.filter(programme=programme).defer("model", "error")
    latest = runs.select_related("requested_by").first()
    done = runs.filter(state=RunState.DONE).order_by("-finished_at", "-pk").first()
    return latest, done


def _label_dates(theme_ids) -> dict:
    """Per theme the moment its current label was given, read from its history (one query)."""
    since: dict = {}
    current: dict = {}
    records = (
        Theme.history.filter(id__in=list(theme_ids))
        .order_by("id", "history_date", "history_id")
        .values_list("id", "label", "history_date")
    )
    for pk, label, moment in records:
        if current.get(pk) != label:
            current[pk], since[pk] = label, moment
    return since


# -- the list ---------------------------------------------------------------------------------


def theme_list_page(
    request: HttpRequest, programme: Programme, run_form: RunForm | None = None, status: int = 200
) -> HttpResponse:
    """The theme list; the run view shows it again with the errors of its form."""
    overview = theme_overview(programme)
    page = Paginator(overview.rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    dates = _label_dates(row.theme.pk for row in page.object_list)
    shown = [row.theme for row in page.object_list]
    readable = _readable(request, programme)
    texts = readable_texts(shown, readable)
    keywords = readable_keywords(shown, readable, texts)
    summaries = readable_summaries(shown, texts)
    for row in page.object_list:
        row.theme.label_at = dates.get(row.theme.pk)
        row.theme.shown_keywords = keywords.get(row.theme.pk, [])
        row.theme.shown_summary = summaries.get(row.theme.pk, "")
        row.theme.programme = programme  # its address needs the slug: no query per theme
    fail_stale_runs(programme)  # so that a run whose worker died does not block a new one
    latest, done = _latest_runs(programme)
    return render(
        request,
        "synthesis/themes/list.html",
        {
            "programme": programme,
            "overview": overview,
            "page": page,
            "latest_run": latest,
            "done_run": done,
            "active_run": latest if latest and latest.state in ACTIVE_RUN_STATES else None,
            "run_form": run_form or RunForm(),
            "may_run": request.user.has_perm("synthesis.run_synthesis", programme),
        },
        status=status,
    )


@require_GET
@login_when_anonymous
def theme_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_programme(request, slug, "synthesis.view_synthesis")
    return theme_list_page(request, programme)


# -- one theme --------------------------------------------------------------------------------


def _history(theme: Theme) -> list[dict]:
    """Renames, merges and common-thread decisions, newest first, with who made them.

    A run saves every theme it describes (new keywords and quotes); those saves change nothing a
    person reads here and are left out.
    """
    records = list(
        theme.history.select_related("history_user").order_by("history_date", "history_id")
    )
    targets = {r.merged_into_id for r in records if r.merged_into_id}
    labels = dict(Theme.objects.filter(pk__in=targets).values_list("pk", "label"))
    entries, previous = [], None
    for record in records:
        what = []
        if previous is None:
            what.append(
                _("aangemaakt als “%(label)s”") % {"label": record.label}
                if record.history_type == "+"
                else _("vastgelegd als “%(label)s”") % {"label": record.label}
            )
        elif record.label != previous.label:
            what.append(_("hernoemd tot “%(label)s”") % {"label": record.label})
        if record.merged_into_id and record.merged_into_id != getattr(
            previous, "merged_into_id", None
        ):
            what.append(
                _("samengevoegd in “%(label)s”")
                % {"label": labels.get(record.merged_into_id, record.merged_into_id)}
            )
        decision = record.common_thread_decision
        if previous is not None and decision != previous.common_thread_decision:
            what.append(
                {
                    True: _("als rode draad gemarkeerd"),
                    False: _("niet als rode draad gemarkeerd"),
                    None: _("rode draad aan de analyse overgelaten"),
                }[decision]
            )
        if what:
            entries.append(
                {"at": record.history_date, "by": record.history_user, "what": "; ".join(what)}
            )
        previous = record
    for merged in theme.merged_themes.select_related("merged_by", "programme"):
        entries.append(
            {
                "at": merged.merged_at,
                "by": merged.merged_by,
                "what": _("thema “%(label)s” hierin samengevoegd") % {"label": merged.label},
                "theme": merged,
            }
        )
    entries.sort(key=lambda e: e["at"] or theme.created_at, reverse=True)
    return entries


def _detail_page(
    request: HttpRequest,
    programme: Programme,
    theme: Theme,
    *,
    rename_form: RenameForm | None = None,
    merge_form: MergeForm | None = None,
    move_form: MoveForm | None = None,
    thread_form: ThreadForm | None = None,
    status: int = 200,
) -> HttpResponse:
    may_curate = request.user.has_perm("synthesis.curate_themes", programme) and not (
        theme.merged_into_id
    )
    assignments = (
        theme.assignments.counted()
        .select_related("contribution__family", "contribution__organisation", "assigned_by")
        .order_by("contribution_id")
    )
    row = None
    if not theme.merged_into_id:
        overview = theme_overview(programme, Theme.objects.filter(pk=theme.pk))
        row = overview.rows[0] if overview.rows else None
    paginator = Paginator(assignments, PAGE_SIZE)
    if row is not None:
        # The counted members are the theme's size in the tally: a theme of 100,000 is not
        # counted again for its pages.
        paginator.count = row.size
    page = paginator.get_page(request.POST.get("page") or request.GET.get("pagina"))
    _latest, done = _latest_runs(programme)
    readable = _readable(request, programme)
    texts = readable_texts([theme], readable)
    # What was ticked stays ticked when the page comes back with an error.
    selected = set()
    if move_form is not None and move_form.is_bound:
        selected = positive_ints(move_form.data.getlist("contributions"))
    return render(
        request,
        "synthesis/themes/detail.html",
        {
            "programme": programme,
            "theme": theme,
            "row": row,
            "label_at": _label_dates([theme.pk]).get(theme.pk),
            "keywords": readable_keywords([theme], readable, texts)[theme.pk],
            "summary": readable_summaries([theme], texts)[theme.pk],
            "explained": _explain(
                theme,
                readable,
                texts.get(theme.pk, []),
                done,
                all_visible=reads_all_visible(request.user, programme),
            ),
            "quotes": readable_quotes(theme, readable),
            "done_run": done,
            "page": page,
            "history": _history(theme),
            "may_curate": may_curate,
            "selected": selected,
            "rename_form": rename_form or _rename_form(None, theme),
            "merge_form": merge_form or MergeForm(theme=theme),
            "move_form": move_form or MoveForm(theme=theme),
            "thread_form": thread_form
            or ThreadForm(initial={"decision": ThreadForm.initial_for(theme)}),
        },
        status=status,
    )


def _most_among(members, relation: str, name: str, limit: int = 5) -> list[tuple[str, int]]:
    """The `limit` families or organisations (`relation`) most frequent among `members`, as
    (their `name`, count), the most first and by name among equals."""
    label = f"{relation}__{name}"
    rows = (
        members.exclude(**{relation: None})
        .values(f"{relation}_id", label)
        .annotate(n=Count("pk"))
        .order_by("-n", label)[:limit]
    )
    return [(row[label], row["n"]) for row in rows]


def _explain(
    theme: Theme, readable, texts: list[str], done: SynthesisRun | None, *, all_visible: bool
) -> dict:
    """Why these contributions are together (the phrases they share, with counts), who raises
    the theme most (families and organisations, counted over the input the reader may read) and
    what the last analysis changed in it. A fixed number of queries.

    A reader of `all_visible` input gets the counts kept on every write (a theme of 100,000 is
    not visited); any other reader's are counted over what they may read."""
    if all_visible:
        families, organisations = tally.most_raised_by(theme)
    else:
        members = readable.filter(theme_assignment__theme=theme)
        families = _most_among(members, "family", "name")
        organisations = _most_among(members, "organisation", "short_name")
    came, left = 0, 0
    if done is not None and done.started_at is not None:
        came = theme.assignments.filter(run=done, assigned_by=None).count()
        earlier = ThemeAssignment.history.filter(
            theme_id=theme.pk, history_date__lt=done.started_at
        ).values("contribution_id")
        left = (
            ThemeAssignment.objects.filter(run=done, contribution_id__in=earlier)
            .exclude(theme=theme)
            .count()
        )
    return {
        "phrases": shared_phrases(texts),
        "families": families,
        "organisations": organisations,
        "came": came,
        "left": left,
    }


def _rename_form(data, theme: Theme) -> RenameForm:
    return track(
        RenameForm(data, initial={"label": theme.label}), reload_url=theme.get_absolute_url()
    )


@require_GET
@login_when_anonymous
def theme_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme, theme = _get_theme(request, slug, pk, "synthesis.view_synthesis")
    return _detail_page(request, programme, theme)


def _curate(request: HttpRequest, slug: str, pk: int) -> tuple[Programme, Theme] | HttpResponse:
    """The theme to curate, or a way back when it was merged away in the meantime."""
    programme, theme = _get_theme(request, slug, pk, "synthesis.curate_themes")
    if theme.merged_into_id:
        messages.error(
            request,
            _("Dit thema is samengevoegd in “%(label)s”; er is niets gewijzigd.")
            % {"label": theme.merged_into.label},
        )
        return redirect(theme)
    return programme, theme


@require_POST
@login_when_anonymous
def theme_rename(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = _curate(request, slug, pk)
    if isinstance(found, HttpResponse):
        return found
    programme, theme = found
    with transaction.atomic():
        form = _rename_form(request.POST, lock(theme))
        if not form.stale and form.is_valid():
            try:
                rename_theme(theme, form.cleaned_data["label"], by=request.user)
            except CurationRefused as refused:
                form.add_error("label", refused)
            else:
                messages.success(
                    request, _("Het thema heet nu “%(label)s”.") % {"label": theme.label}
                )
                return redirect(theme)
    status = CONFLICT if form.stale else 400
    return _detail_page(request, programme, theme, rename_form=form, status=status)


@require_POST
@login_when_anonymous
def theme_merge(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = _curate(request, slug, pk)
    if isinstance(found, HttpResponse):
        return found
    programme, theme = found
    form = MergeForm(request.POST, theme=theme)
    if form.is_valid():
        others = list(form.cleaned_data["themes"])
        try:
            moved = merge_themes(theme, others, by=request.user)
        except CurationRefused as refused:
            form.add_error("themes", refused)
        else:
            messages.success(
                request,
                ngettext(
                    "%(themes)s samengevoegd in dit thema; %(count)s bijdrage verplaatst.",
                    "%(themes)s samengevoegd in dit thema; %(count)s bijdragen verplaatst.",
                    moved,
                )
                % {"themes": ", ".join(f"“{t.label}”" for t in others), "count": moved},
            )
            return redirect(theme)
    return _detail_page(request, programme, theme, merge_form=form, status=400)


@require_POST
@login_when_anonymous
def theme_move(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = _curate(request, slug, pk)
    if isinstance(found, HttpResponse):
        return found
    programme, theme = found
    form = MoveForm(request.POST, theme=theme)
    if form.is_valid():
        ids, target, label = (
            form.cleaned_data[k] for k in ("contributions", "target", "new_label")
        )
        try:
            if label:
                target = split_theme(theme, ids, label, by=request.user)
                moved = len(ids)
            else:
                moved = move_contributions(ids, target, by=request.user)
        except CurationRefused as refused:
            form.add_error(None, refused)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s bijdrage verplaatst naar “%(label)s”.",
                    "%(count)s bijdragen verplaatst naar “%(label)s”.",
                    moved,
                )
                % {"count": moved, "label": target.label},
            )
            return redirect(theme)
    return _detail_page(request, programme, theme, move_form=form, status=400)


@require_POST
@login_when_anonymous
def theme_thread(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = _curate(request, slug, pk)
    if isinstance(found, HttpResponse):
        return found
    programme, theme = found
    form = ThreadForm(request.POST)
    if form.is_valid():
        try:
            decide_common_thread(theme, form.common_thread(), by=request.user)
        except CurationRefused as refused:
            form.add_error("decision", refused)
        else:
            messages.success(request, _("Het besluit over de rode draad is vastgelegd."))
            return redirect(theme)
    return _detail_page(request, programme, theme, thread_form=form, status=400)
