"""Contributions from every channel: the list with search and filters, one contribution with its
source and history, the moderation queue, the import of files and the entry of position papers.

The office sees and does everything here; council members read the list and the details. Text
hidden by moderation is shown only to those who may moderate.
"""

import csv
import datetime
import re
from pathlib import Path

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Max, Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from koers.agenda.models import Paragraph
from koers.agenda.references import paragraph_numbers
from koers.core.access import login_when_anonymous
from koers.core.numbers import parse_positive_int, positive_ints
from koers.organisations.access import get_programme
from koers.organisations.models import Programme

from ..access import VIEW_CONTRIBUTION, get_contribution
from ..filters import contribution_filter_form, filtered_contributions
from ..forms_contributions import (
    COLUMN_LABELS,
    BulkModerationForm,
    ContributionFilterForm,
    HideForm,
    ImportUploadForm,
    PositionPaperForm,
    mapping_form,
)
from ..importing import (
    ALL_COLUMNS,
    ImportAlreadyConfirmed,
    ImportFileError,
    consultation_version,
    file_sha256,
    guess_mapping,
    import_contributions,
    needs_mapping,
    read_table,
    upload_path,
)
from ..models import Contribution, ImportBatch
from ..paging import SeekPage
from ..services import (
    ModerationConflict,
    approve_contribution,
    moderate_contributions,
    record_contribution,
    reject_contribution,
    unhide_contribution,
)
from ..story import contribution_story

PAGE_SIZE = 50
REPORT_LIMIT = 100
SHA256 = re.compile(r"[0-9a-f]{64}")
# Fields whose changes the history on the detail page spells out.
TRACKED = [
    "text",
    "stance",
    "publication",
    "organisation_id",
    "family_id",
    "is_hidden",
    "hidden_reason",
    "author_name",
    "moderated_at",
    "flagged_at",
    "published_text",
]


def _get_contribution(
    request: HttpRequest, slug: str, pk: int, permission: str, *, on_contribution: str = ""
) -> tuple[Programme, Contribution]:
    """The contribution for a page that needs `permission` on the programme and, for reading,
    `on_contribution` on the contribution itself (hidden input is for those who moderate)."""
    contribution = get_contribution(
        request,
        slug,
        pk,
        permission,
        on_contribution or permission,
        queryset=Contribution.objects.select_related(
            "organisation",
            "family",
            "round_table",
            "reviewer",
            "import_batch",
            "hidden_by",
            "version",
        ),
    )
    return contribution.programme, contribution


def _filter_form(request: HttpRequest, programme: Programme) -> ContributionFilterForm:
    return contribution_filter_form(request.GET, user=request.user, programme=programme)


@require_GET
@login_when_anonymous
def contribution_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_programme(request, slug, "consultation.view_contributions")
    form = _filter_form(request, programme)
    contributions = filtered_contributions(request.user, programme, form)
    # A page's rows are read whole among those the user may read, without the filters again:
    # its ids met them, and a word search would be done a second time (SQLite: 87 ms).
    whole = Contribution.objects.visible_to(request.user, programme)
    page = SeekPage(
        contributions.select_related("organisation", "family"),
        PAGE_SIZE,
        request.GET,
        whole=whole.select_related("organisation", "family"),
    )
    query = request.GET.copy()
    for key in ("pagina", "na", "voor"):
        query.pop(key, None)
    here = request.path + (f"?{query.urlencode()}" if query else "")
    return render(
        request,
        "consultation/contributions/list.html",
        {
            "programme": programme,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "links": [link for f in form.later for link in f.links(contributions, here, page)],
            "may_moderate": request.user.has_perm("consultation.moderate_contribution", programme),
            "may_import": request.user.has_perm("consultation.import_contributions", programme),
            "may_record": request.user.has_perm("consultation.record_contribution", programme),
        },
    )


def _csv_safe(value) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas; a quote keeps them text."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


class _Echo:
    def write(self, value):
        return value


@require_GET
@login_when_anonymous
def contribution_export(request: HttpRequest, slug: str) -> HttpResponse:
    """Exactly what the list shows with these filters, all pages, as CSV."""
    programme = get_programme(request, slug, "consultation.view_contributions")
    form = _filter_form(request, programme)
    may_moderate = request.user.has_perm("consultation.moderate_contribution", programme)
    contributions = (
        filtered_contributions(request.user, programme, form)
        .select_related("organisation", "family")
        .prefetch_related(Prefetch("paragraphs", queryset=Paragraph.objects.only("anchor")))
    )
    writer = csv.writer(_Echo())
    header = [
        _("nummer"),
        _("datum"),
        _("kanaal"),
        _("soort reactie"),
        _("organisatiecode"),
        _("organisatie"),
        _("familie"),
        _("auteur"),
        _("tekst"),
        _("alinea's"),
        _("verborgen"),
        _("reden"),
        _("bron-id"),
    ]

    def rows():
        yield "\ufeff" + writer.writerow(header)  # the BOM lets Excel read UTF-8
        for c in contributions.iterator(chunk_size=2000):
            hidden_text = c.is_hidden and not may_moderate
            yield writer.writerow(
                [
                    c.pk,
                    timezone.localtime(c.submitted_at).strftime("%Y-%m-%d %H:%M"),
                    c.get_channel_display(),
                    c.get_stance_display(),
                    c.organisation.code if c.organisation else "",
                    _csv_safe(c.organisation.official_name if c.organisation else ""),
                    c.family.name if c.family else "",
                    _csv_safe(c.author_name),
                    "" if hidden_text else _csv_safe(c.text),
                    " ".join(str(p.anchor)[:8] for p in c.paragraphs.all()),
                    _("ja") if c.is_hidden else "",
                    _csv_safe(c.hidden_reason) if may_moderate else "",
                    _csv_safe(c.source_id),
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inbreng-{programme.slug}.csv"'
    return response


def _history(contribution: Contribution) -> list[dict]:
    """Every saved state, newest first, with the fields that changed against the one before."""
    records = list(contribution.history.select_related("history_user").order_by("history_date"))
    entries, previous = [], None
    for record in records:
        changed = []
        if previous is not None:
            for name in TRACKED:
                if getattr(record, name, None) != getattr(previous, name, None):
                    changed.append(Contribution._meta.get_field(name.removesuffix("_id")))
        entries.append({"record": record, "changed": [str(f.verbose_name) for f in changed]})
        previous = record
    return entries[::-1]


def _detail(request, programme, contribution, hide_form=None, status=200) -> HttpResponse:
    may_moderate = request.user.has_perm("consultation.moderate_contribution", programme)
    paragraphs = list(contribution.paragraphs.select_related("section", "version"))
    numbers = paragraph_numbers({p.version_id for p in paragraphs})
    for paragraph in paragraphs:
        paragraph.number = numbers.get(paragraph.pk, "?")
    return render(
        request,
        "consultation/contributions/detail.html",
        {
            "programme": programme,
            "contribution": contribution,
            "paragraphs": paragraphs,
            # Who changed what and when; the texts themselves stay out of this table.
            "history": _history(contribution),
            "may_moderate": may_moderate,
            "hide_form": hide_form or HideForm(),
            "story": contribution_story(request.user, contribution),
        },
        status=status,
    )


@require_GET
@login_when_anonymous
def contribution_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme, contribution = _get_contribution(
        request, slug, pk, "consultation.view_contributions", on_contribution=VIEW_CONTRIBUTION
    )
    return _detail(request, programme, contribution)


@require_GET
@login_when_anonymous
def contribution_attachment(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Attachments are not public media: they are served only to those who may read the input."""
    _programme, contribution = _get_contribution(
        request,
        slug,
        pk,
        "consultation.view_contributions",
        on_contribution="consultation.view_contribution_attachment",
    )
    if not contribution.attachment:
        raise Http404
    return FileResponse(
        contribution.attachment.open("rb"),
        as_attachment=True,
        filename=Path(contribution.attachment.name).name,
    )


def _back(request: HttpRequest, programme: Programme, contribution: Contribution) -> HttpResponse:
    if request.POST.get("back_to") == "moderatie":
        return redirect("consultation:contribution-moderation", programme.slug)
    return redirect(contribution)


@require_POST
@login_when_anonymous
def contribution_hide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme, contribution = _get_contribution(
        request, slug, pk, "consultation.moderate_contribution"
    )
    form = HideForm(request.POST)
    if not form.is_valid():
        return _detail(request, programme, contribution, hide_form=form, status=400)
    reject_contribution(contribution, reason=form.cleaned_data["reason"], by=request.user)
    messages.success(request, _("Inbreng %(pk)s is verborgen.") % {"pk": contribution.pk})
    return _back(request, programme, contribution)


@require_POST
@login_when_anonymous
def contribution_unhide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme, contribution = _get_contribution(
        request, slug, pk, "consultation.moderate_contribution"
    )
    contribution.approve()
    unhide_contribution(contribution, by=request.user)
    messages.success(request, _("Inbreng %(pk)s is weer zichtbaar.") % {"pk": contribution.pk})
    return _back(request, programme, contribution)


@require_POST
@login_when_anonymous
def contribution_approve(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Looked at and fine: it leaves the queue, and history records who judged it.

    The form names the text it showed (`seen`); a text the reviewer changed since is not
    approved unseen, whoever clicks first.
    """
    programme, contribution = _get_contribution(
        request, slug, pk, "consultation.moderate_contribution"
    )
    try:
        approve_contribution(contribution, by=request.user, seen=request.POST.get("seen"))
    except ModerationConflict:
        messages.error(
            request,
            _(
                "Inbreng %(pk)s is gewijzigd nadat u haar opende en is niet goedgekeurd. "
                "Lees de nieuwe tekst en beoordeel haar opnieuw."
            )
            % {"pk": contribution.pk},
        )
        return _back(request, programme, contribution)
    messages.success(request, _("Inbreng %(pk)s is in orde bevonden.") % {"pk": contribution.pk})
    return _back(request, programme, contribution)


def moderation_queue(programme: Programme):
    """Unjudged input from public channels, and anything flagged since it was last judged."""
    return Contribution.objects.filter(programme=programme).awaiting_moderation()


def _bulk_moderation(request: HttpRequest, programme: Programme, form: BulkModerationForm):
    """Judge the ticked contributions; None when done (with messages), else the form's errors."""
    if not form.is_valid():
        return form
    approve = form.cleaned_data["action"] == "approve"
    done = moderate_contributions(
        programme,
        form.seen(),
        approve=approve,
        reason=form.cleaned_data["reason"],
        by=request.user,
    )
    count = len(done.changed)
    if count:
        text = (
            ngettext(
                "%(count)s bijdrage is in orde bevonden.",
                "%(count)s bijdragen zijn in orde bevonden.",
                count,
            )
            if approve
            else ngettext(
                "%(count)s bijdrage is verborgen.", "%(count)s bijdragen zijn verborgen.", count
            )
        )
        messages.success(request, text % {"count": count})
    if done.skipped:
        messages.error(
            request,
            ngettext(
                "Inbreng %(numbers)s is overgeslagen: iemand beoordeelde haar of zij werd "
                "gewijzigd nadat u deze pagina opende. Bekijk haar opnieuw.",
                "Inbreng %(numbers)s is overgeslagen: iemand beoordeelde ze of ze werden "
                "gewijzigd nadat u deze pagina opende. Bekijk ze opnieuw.",
                len(done.skipped),
            )
            % {"numbers": ", ".join(str(pk) for pk in done.skipped)},
        )
    return None


@require_http_methods(["GET", "POST"])
@login_when_anonymous
def contribution_moderation(request: HttpRequest, slug: str) -> HttpResponse:
    """The queue, and the hidden input. In the queue the office ticks contributions and judges
    them in one go; "tick all" posts the page back with every box of the page ticked, so it works
    without JavaScript and keeps the typed reason."""
    programme = get_programme(request, slug, "consultation.moderate_contribution")
    show_hidden = request.GET.get("toon") == "verborgen"
    form, status, selected = BulkModerationForm(), 200, set()
    if request.method == "POST":
        selected = positive_ints(request.POST.getlist("contributions"))
        tick = request.POST.get("tick")
        if tick is None:
            form = _bulk_moderation(request, programme, BulkModerationForm(request.POST))
            if form is None:
                return redirect(request.get_full_path())
            status = 400
        else:
            form = BulkModerationForm(initial={"reason": request.POST.get("reason", "")})
    if show_hidden:
        contributions = Contribution.objects.filter(programme=programme, is_hidden=True)
        contributions = contributions.select_related("hidden_by").order_by("-hidden_at", "-pk")
    else:
        contributions = moderation_queue(programme)
    contributions = contributions.select_related("organisation", "family", "reviewer")
    page = Paginator(contributions, PAGE_SIZE).get_page(request.GET.get("pagina"))
    if request.POST.get("tick") == "all":
        selected = {c.pk for c in page.object_list}
    elif request.POST.get("tick") == "none":
        selected = set()
    return render(
        request,
        "consultation/contributions/moderation.html",
        {
            "programme": programme,
            "page": page,
            "show_hidden": show_hidden,
            "query": "toon=verborgen" if show_hidden else "",
            "hide_form": HideForm(),
            "bulk": not show_hidden,
            "bulk_form": form,
            "selected": selected,
        },
        status=status,
    )


def _stored_upload(sha: str, name: str) -> tuple[bytes, str]:
    """The uploaded file kept under its SHA-256, so later steps need no second upload."""
    if not SHA256.fullmatch(sha or ""):
        raise Http404
    stored = upload_path(sha, name)
    if not stored.exists():
        raise Http404
    # The name comes back from a hidden field: only its printable part is used (and stored).
    name = "".join(ch for ch in Path(name).name if ch.isprintable())
    return stored.read_bytes(), name or stored.name


def _checked_after(data) -> int:
    """The newest batch of the file when it was checked (see import_contributions)."""
    raw = data.get("checked_after", "")
    return 0 if raw == "0" else parse_positive_int(raw) or 0


def _confirmed_earlier(programme: Programme, sha: str, checked_after: int) -> ImportBatch | None:
    return (
        ImportBatch.objects.filter(programme=programme, sha256=sha, pk__gt=checked_after)
        .select_related("imported_by")
        .order_by("pk")
        .first()
    )


def _already_confirmed(request: HttpRequest, batch: ImportBatch) -> HttpResponse:
    by = batch.imported_by
    messages.info(
        request,
        _(
            "Dit bestand is al geïmporteerd door %(name)s op %(moment)s; er is niets dubbel "
            "ingelezen."
        )
        % {
            "name": (by.get_full_name() or by.username) if by else _("onbekend"),
            "moment": date_format(timezone.localtime(batch.imported_at), "j F Y H:i"),
        },
    )
    return redirect("consultation:contribution-import-result", batch.programme.slug, batch.pk)


def _mapping_from(data, prefix: str) -> dict[str, str]:
    """The header chosen per column: posted as `map_<column>` by the mapping step, and in the
    address of the report download as `kolom_<column>` (a column is named as in the file)."""
    return {c: data.get(f"{prefix}{c}", "") for c in ALL_COLUMNS if f"{prefix}{c}" in data}


@require_http_methods(["GET", "POST"])
@login_when_anonymous
def contribution_import(request: HttpRequest, slug: str) -> HttpResponse:
    """Upload -> (mapping) -> validation report -> confirm -> result."""
    programme = get_programme(request, slug, "consultation.import_contributions")
    step = request.POST.get("step", "") if request.method == "POST" else ""
    context = {"programme": programme, "columns": COLUMN_LABELS}
    if not step:
        return render(
            request,
            "consultation/contributions/import_upload.html",
            context | {"form": ImportUploadForm()},
        )
    if step == "upload":
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(
                request,
                "consultation/contributions/import_upload.html",
                context | {"form": form},
                status=400,
            )
        upload = form.cleaned_data["file"]
        data = upload.read()
        sha = file_sha256(data)
        upload_path(sha, upload.name).write_bytes(data)
        name, sheet, mapping = Path(upload.name).name, form.cleaned_data["sheet"], None
    else:
        sha, name = request.POST.get("file", ""), request.POST.get("name", "")
        sheet = request.POST.get("sheet", "")
        try:
            data, name = _stored_upload(sha, name)
        except Http404:
            # The first confirmation removes the upload; a second one finds its batch.
            earlier = None
            if step == "bevestig" and SHA256.fullmatch(sha):
                earlier = _confirmed_earlier(programme, sha, _checked_after(request.POST))
            if earlier is None:
                raise
            return _already_confirmed(request, earlier)
        mapping = _mapping_from(request.POST, "map_")
    state = {"sha": sha, "name": name, "sheet": sheet}
    try:
        headers = read_table(data, name, sheet or None).headers
    except ImportFileError as error:
        if step == "upload":
            upload_path(sha, name).unlink(missing_ok=True)  # refused: it will not be confirmed
        form = ImportUploadForm()
        return render(
            request,
            "consultation/contributions/import_upload.html",
            context | {"form": form, "file_error": str(error)},
            status=400,
        )
    if step == "mapping":
        form = mapping_form(request.POST, headers=headers, initial_mapping={})
        if not form.is_valid():
            return render(
                request,
                "consultation/contributions/import_mapping.html",
                context | state | {"form": form, "headers": headers},
                status=400,
            )
        mapping = form.mapping()
    elif step == "upload" and needs_mapping(headers):
        form = mapping_form(None, headers=headers, initial_mapping=guess_mapping(headers))
        return render(
            request,
            "consultation/contributions/import_mapping.html",
            context | state | {"form": form, "headers": headers},
        )
    skip_invalid = request.POST.get("skip_invalid") == "1"
    confirming = step == "bevestig"
    try:
        result = import_contributions(
            programme,
            data,
            name,
            mapping=mapping,
            sheet=sheet or None,
            skip_invalid=skip_invalid,
            dry_run=not confirming,
            by=request.user,
            checked_after=_checked_after(request.POST) if confirming else None,
        )
    except ImportAlreadyConfirmed as done:
        upload_path(sha, name).unlink(missing_ok=True)
        return _already_confirmed(request, done.batch)
    except ImportFileError as error:
        return render(
            request,
            "consultation/contributions/import_upload.html",
            context | {"form": ImportUploadForm(), "file_error": str(error)},
            status=400,
        )
    if result.written:
        upload_path(sha, name).unlink(missing_ok=True)
        messages.success(request, _("De import is klaar."))
        return redirect("consultation:contribution-import-result", programme.slug, result.batch.pk)
    # A link, so the parameters are Dutch as in every address; the forms post the same state
    # under English names.
    report_query = {"bestand": sha, "naam": name, "werkblad": sheet}
    report_query |= {f"kolom_{c}": h for c, h in (mapping or {}).items()}
    return render(
        request,
        "consultation/contributions/import_report.html",
        context
        | state
        | {
            "result": result,
            "problems": result.problems[:REPORT_LIMIT],
            "more_problems": max(0, len(result.problems) - REPORT_LIMIT),
            "mapping": mapping or {},
            "report_query": report_query,
            "skip_invalid": skip_invalid,
            "checked_after": ImportBatch.objects.filter(programme=programme, sha256=sha).aggregate(
                newest=Max("pk")
            )["newest"]
            or 0,
        },
    )


@require_GET
@login_when_anonymous
def contribution_import_report(request: HttpRequest, slug: str) -> HttpResponse:
    """The full validation report of an uploaded file, as CSV."""
    programme = get_programme(request, slug, "consultation.import_contributions")
    data, name = _stored_upload(request.GET.get("bestand", ""), request.GET.get("naam", ""))
    try:
        result = import_contributions(
            programme,
            data,
            name,
            mapping=_mapping_from(request.GET, "kolom_"),
            sheet=request.GET.get("werkblad") or None,
            dry_run=True,
        )
    except ImportFileError as error:
        messages.error(request, str(error))
        return redirect("consultation:contribution-import", programme.slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="controle-{Path(name).stem}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_("regel"), _("kolom"), _("probleem"), _("waarde")])
    for problem in result.problems:
        writer.writerow([problem.row, problem.column, problem.message, _csv_safe(problem.value)])
    return response


@require_GET
@login_when_anonymous
def contribution_import_result(request: HttpRequest, slug: str, batch: int) -> HttpResponse:
    programme = get_programme(request, slug, "consultation.import_contributions")
    batch = get_object_or_404(
        ImportBatch.objects.select_related("imported_by"), programme=programme, pk=batch
    )
    return render(
        request,
        "consultation/contributions/import_result.html",
        {"programme": programme, "batch": batch},
    )


@require_http_methods(["GET", "POST"])
@login_when_anonymous
def position_paper(request: HttpRequest, slug: str) -> HttpResponse:
    """A position paper or e-mail the office received, entered with its attachment."""
    programme = get_programme(request, slug, "consultation.record_contribution")
    submitted = (request.POST, request.FILES) if request.method == "POST" else (None,)
    form = PositionPaperForm(
        *submitted, programme=programme, initial={"submitted_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # Noon: the day stays the same in every time zone.
        moment = datetime.datetime.combine(
            data["submitted_on"], datetime.time(12), tzinfo=timezone.get_current_timezone()
        )
        fields = {}
        if data["attachment"]:
            fields["attachment"] = data["attachment"]
        contribution = record_contribution(
            programme,
            text=data["text"],
            channel=data["channel"],
            by=request.user,
            version=consultation_version(programme),
            organisation=data["organisation"],
            author_name=data["author_name"],
            stance=data["stance"],
            submitted_at=moment,
            **fields,
        )
        messages.success(request, _("De inbreng is vastgelegd."))
        return redirect(contribution)
    return render(
        request,
        "consultation/contributions/position_paper.html",
        {"programme": programme, "form": form},
        status=400 if form.is_bound else 200,
    )
