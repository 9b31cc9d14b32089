"""The elaboration pages: per family how far the organisations are, the overview of one family
(organisations x main activities), an organisation's commitments, and the commitment form.

Everyone who may read the programme sees the progress and an organisation's commitments; the
family overview is for the office, the family's coordinator and the council; an organisation's
contributors change its commitments; the office and the coordinator send reminders.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from koers.accounts.models import RoleKind
from koers.agenda.models import MainActivity
from koers.core.access import login_when_anonymous
from koers.core.concurrency import CONFLICT, is_stale, lock, track
from koers.core.forms import add_errors
from koers.organisations.access import get_programme
from koers.organisations.models import Family, Organisation, Programme

from . import services as elaboration
from .forms import CommitmentForm, milestone_formset
from .models import Commitment, Milestone
from .overview import family_overview, programme_overview

ROWS_PER_PAGE = 50


def _programme(request: HttpRequest, slug: str, *, read: bool = True) -> Programme:
    """The programme; with `read`, only for those who may read it. The family and commitment
    pages check their own permission instead, so that a coordinator or contributor works in a
    programme that is not public."""
    if read:
        return get_programme(request, slug, "organisations.view_programme")
    return get_object_or_404(Programme, slug=slug)


def _family(request: HttpRequest, programme: Programme, family_slug: str, permission: str):
    family = get_object_or_404(Family, programme=programme, slug=family_slug)
    if not request.user.has_perm(permission, family):
        raise PermissionDenied
    return family


def _adopted(programme: Programme):
    version = elaboration.adopted_version(programme)
    if version is None:
        raise Http404(_("Er is nog geen vastgestelde agenda."))
    return version


def _may_change(request: HttpRequest, programme: Programme, organisation: Organisation) -> bool:
    # Asked about a commitment of this programme: a contributor's role is per programme.
    probe = Commitment(organisation=organisation, programme=programme)
    return request.user.has_perm("elaboration.change_commitment", probe)


def _organisation_for_change(request: HttpRequest, programme: Programme, code: str) -> Organisation:
    organisation = get_object_or_404(Organisation, code=code)
    if not _may_change(request, programme, organisation):
        raise PermissionDenied
    return organisation


def _own_organisations(request: HttpRequest, programme: Programme) -> list[Organisation]:
    """The organisations the user elaborates for in this programme (as their contributor)."""
    if not request.user.is_authenticated:
        return []
    return list(
        Organisation.objects.filter(
            roles__user=request.user,
            roles__kind=RoleKind.CONTRIBUTOR,
            roles__programme=programme,
        )
        .distinct()
        .order_by("official_name")
    )


@login_when_anonymous
def elaboration_home(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    version = elaboration.adopted_version(programme)
    overviews = programme_overview(programme, version) if version else []
    for overview in overviews:
        overview.may_view = request.user.has_perm(
            "elaboration.view_family_elaboration", overview.family
        )
    return render(
        request,
        "elaboration/home.html",
        {
            "programme": programme,
            "version": version,
            "overviews": overviews,
            "own_organisations": _own_organisations(request, programme),
        },
    )


def _family_page(request, programme, family, *, status=200) -> HttpResponse:
    version = _adopted(programme)
    overview = family_overview(family, version)
    only_missing = request.GET.get("filter") == "open"
    rows = overview.missing() if only_missing else overview.rows
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("pagina"))
    may_remind = request.user.has_perm("elaboration.send_reminders", family)
    reminders = family.reminders.filter(version=version).select_related("sent_by")[:5]
    return render(
        request,
        "elaboration/family.html",
        {
            "programme": programme,
            "version": version,
            "family": family,
            "overview": overview,
            "page": page,
            "only_missing": only_missing,
            "query": urlencode({"filter": "open"}) if only_missing else "",
            "may_remind": may_remind,
            "next_reminder_at": elaboration.next_reminder_at(family, version),
            "reminders": reminders,
            "missing_count": len(overview.missing()),
        },
        status=status,
    )


@login_when_anonymous
def elaboration_family(request: HttpRequest, slug: str, family_slug: str) -> HttpResponse:
    programme = _programme(request, slug, read=False)
    family = _family(request, programme, family_slug, "elaboration.view_family_elaboration")
    return _family_page(request, programme, family)


@require_POST
@login_when_anonymous
def reminders_send(request: HttpRequest, slug: str, family_slug: str) -> HttpResponse:
    programme = _programme(request, slug, read=False)
    family = _family(request, programme, family_slug, "elaboration.send_reminders")
    version = _adopted(programme)
    try:
        reminder = elaboration.send_reminders(family, version, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("elaboration:elaboration-family", programme.slug, family.slug)
    organisations = reminder.organisations.count()
    messages.success(
        request,
        _("%(organisations)s (%(recipients)s).")
        % {
            "organisations": ngettext(
                "Herinnering gestuurd aan %(count)s organisatie",
                "Herinnering gestuurd aan %(count)s organisaties",
                organisations,
            )
            % {"count": organisations},
            "recipients": ngettext(
                "%(count)s ontvanger", "%(count)s ontvangers", reminder.recipients
            )
            % {"count": reminder.recipients},
        },
    )
    return redirect("elaboration:elaboration-family", programme.slug, family.slug)


def _commitments(programme, organisation):
    return (
        Commitment.objects.filter(programme=programme, organisation=organisation)
        .select_related("transferred_from", "main_activity")
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "pk")),
            "facilities",
            "depends_on",
        )
        .order_by("pk")
    )


@login_when_anonymous
def organisation_commitments(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    programme = _programme(request, slug, read=False)
    organisation = get_object_or_404(Organisation, code=code)
    may_change = _may_change(request, programme, organisation)
    probe = Commitment(organisation=organisation, programme=programme)
    if not request.user.has_perm("elaboration.view_commitments", probe):
        raise PermissionDenied
    version = elaboration.adopted_version(programme)
    commitments = list(_commitments(programme, organisation))
    by_anchor = {c.main_activity_anchor: c for c in commitments if c.main_activity_anchor}
    families, shown = [], set()
    if version is not None:
        today = timezone.localdate()
        for family in programme.families.order_by("position", "name"):
            if not elaboration.is_member(organisation, family, today):
                continue
            activities = list(
                MainActivity.objects.filter(version=version, family=family)
                .select_related("step")
                .order_by("step__position", "step_id", "position", "pk")
            )
            lines = [(a, by_anchor.get(a.anchor)) for a in activities]
            shown.update(c.pk for _a, c in lines if c is not None)
            families.append((family, lines))
    own = [c for c in commitments if c.main_activity_anchor is None]
    others = [c for c in commitments if c.main_activity_anchor and c.pk not in shown]
    return render(
        request,
        "elaboration/organisation.html",
        {
            "programme": programme,
            "organisation": organisation,
            "version": version,
            "families": families,
            "own": own,
            "others": others,
            "transferred": [c for c in commitments if c.transferred_from_id],
            "may_change": may_change,
            # The monitoring's page of this organisation (a later stage, named by its rule).
            "may_see_progress": request.user.has_perm(
                "monitoring.view_organisation_progress",
                Commitment(organisation=organisation, programme=programme),
            ),
        },
    )


def _form_page(
    request, programme, organisation, form, milestones, *, activity, commitment, status=200
) -> HttpResponse:
    return render(
        request,
        "elaboration/form.html",
        {
            "programme": programme,
            "organisation": organisation,
            "form": form,
            "milestones": milestones,
            "activity": activity,
            "commitment": commitment,
            "limit": elaboration.milestone_limit(programme, activity),
        },
        status=status,
    )


def _save(request, programme, organisation, form, milestones, *, activity, commitment):
    """Validate both forms and call the service; None when it saved, else the page again."""
    if not (form.is_valid() and milestones.is_valid()):
        return _form_page(
            request,
            programme,
            organisation,
            form,
            milestones,
            activity=activity,
            commitment=commitment,
            status=400,
        )
    try:
        if commitment is None:
            commitment = elaboration.create_commitment(
                organisation,
                programme=programme,
                main_activity=activity,
                milestones=milestones.milestones(),
                by=request.user,
                **form.service_kwargs(),
            )
        else:
            lock(commitment)  # validating wrote the typed values into it; save what differs
            elaboration.update_commitment(
                commitment,
                milestones=milestones.milestones(),
                removed_milestones=milestones.removed(),
                by=request.user,
                **form.service_kwargs(),
            )
    except ValidationError as error:
        _errors(error, form, milestones)
        return _form_page(
            request,
            programme,
            organisation,
            form,
            milestones,
            activity=activity,
            commitment=commitment,
            status=400,
        )
    messages.success(request, _("De uitwerking “%(title)s” is opgeslagen.") % {"title": commitment})
    return None


def _errors(error: ValidationError, form, milestones) -> None:
    by_field = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    for name, texts in by_field.items():
        if name == "milestones":
            milestones.service_errors = texts
        elif name == "depends_on":
            for text in texts:
                form.add_error("depends_on_codes", text)
        else:
            add_errors(ValidationError({name: texts} if name in form.fields else texts), form)


@login_when_anonymous
def commitment_create(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    programme = _programme(request, slug, read=False)
    organisation = _organisation_for_change(request, programme, code)
    activity = None
    anchor = request.GET.get("hoofdactiviteit")
    if anchor:
        version = _adopted(programme)
        try:
            activity = get_object_or_404(
                MainActivity.objects.select_related("family", "step"),
                version=version,
                anchor=anchor,
            )
        except ValidationError:
            raise Http404 from None  # not a UUID
        existing = Commitment.objects.filter(
            organisation=organisation, main_activity_anchor=activity.anchor
        ).first()
        if existing is not None:
            return redirect(
                "elaboration:commitment-edit", programme.slug, organisation.code, existing.pk
            )
    initial = {"title": activity.title} if activity else {}
    form = CommitmentForm(request.POST or None, initial=initial)
    milestones = milestone_formset(request, None)
    if request.method == "POST":
        response = _save(
            request, programme, organisation, form, milestones, activity=activity, commitment=None
        )
        if response is not None:
            return response
        return redirect("elaboration:organisation-commitments", programme.slug, organisation.code)
    return _form_page(
        request, programme, organisation, form, milestones, activity=activity, commitment=None
    )


@login_when_anonymous
def commitment_edit(request: HttpRequest, slug: str, code: str, pk: int) -> HttpResponse:
    programme = _programme(request, slug, read=False)
    organisation = _organisation_for_change(request, programme, code)
    commitment = get_object_or_404(
        Commitment.objects.select_related("main_activity", "transferred_from"),
        pk=pk,
        programme=programme,
        organisation=organisation,
    )
    activity = commitment.main_activity
    if request.method == "POST":
        with transaction.atomic():
            form = track(CommitmentForm(request.POST, instance=lock(commitment)))
            milestones = milestone_formset(request, commitment)
            if is_stale(form, *milestones.forms):
                return _form_page(
                    request,
                    programme,
                    organisation,
                    form,
                    milestones,
                    activity=activity,
                    commitment=commitment,
                    status=CONFLICT,
                )
            response = _save(
                request,
                programme,
                organisation,
                form,
                milestones,
                activity=activity,
                commitment=commitment,
            )
        if response is not None:
            return response
        return redirect(
            reverse(
                "elaboration:organisation-commitments", args=[programme.slug, organisation.code]
            )
            + f"#uitwerking-{commitment.pk}"
        )
    form = track(CommitmentForm(instance=commitment))
    milestones = milestone_formset(request, commitment)
    return _form_page(
        request, programme, organisation, form, milestones, activity=activity, commitment=commitment
    )
