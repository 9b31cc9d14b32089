"""Round tables: meetings with one or more families, their invitations, attendance and input.

Anyone who may see the programme sees the meetings; the office and the coordinators of a
meeting's families organise it; only the office records what was said (contributions).
"""

import hashlib
from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Prefetch, Q, Value
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from koers.accounts.models import Role, RoleKind
from koers.agenda.models import Paragraph
from koers.core.access import login_when_anonymous
from koers.core.concurrency import CONFLICT, lock, save_changed, track
from koers.core.markdown import render_markdown
from koers.core.numbers import positive_ints
from koers.organisations.access import get_programme
from koers.organisations.constants import Kind, size_class_of
from koers.organisations.forms import OrganisationFilterForm
from koers.organisations.models import Family, Organisation, Programme

from ..calendar import round_table_ics
from ..constants import Channel
from ..forms_roundtables import (
    ContributionForm,
    MinutesForm,
    OrganisationChoiceForm,
    RoundTableForm,
)
from ..models import Contribution, RoundTable
from ..services import record_contribution


def _get_programme(request: HttpRequest, slug: str) -> Programme:
    return get_programme(request, slug, "organisations.view_programme")


def _round_tables(programme: Programme):
    return (
        RoundTable.objects.filter(programme=programme)
        .select_related("programme")
        .prefetch_related(
            Prefetch("families", queryset=Family.objects.order_by("position", "name"))
        )
    )


def _get_round_table(request: HttpRequest, slug: str, pk: int, perm: str | None = None):
    """The meeting if the user may see its programme (and has `perm` on it), else 404/403."""
    programme = _get_programme(request, slug)
    round_table = get_object_or_404(
        _round_tables(programme).select_related("version", "programme"), pk=pk
    )
    if perm and not request.user.has_perm(perm, round_table):
        raise PermissionDenied
    return round_table


def _may_see_online_url(request: HttpRequest, round_table: RoundTable) -> bool:
    """Organisers, the office, the council and contributors of invited organisations.

    The link lets anyone into the meeting, so it is not on the public page.
    """
    user = request.user
    if not user.is_authenticated:
        return False
    if user.has_perm("consultation.manage_roundtable", round_table) or user.has_perm(
        "consultation.view_contributions", round_table
    ):
        return True
    return Role.objects.filter(
        user=user,
        kind=RoleKind.CONTRIBUTOR,
        organisation__in=round_table.invited.values("pk"),
    ).exists()


def _members(round_table: RoundTable, families) -> dict[int, list[Organisation]]:
    """Members per family on the day of the meeting (a municipality merged since was still
    there to be invited), one query per family (membership is a rule, not a table)."""
    day = _meeting_day(round_table)
    return {f.pk: list(Organisation.objects.in_family(f).valid_on(day)) for f in families}


def _meeting_day(round_table: RoundTable):
    return (
        timezone.localdate(round_table.starts_at) if round_table.starts_at else timezone.localdate()
    )


def _marked(organisations, matching: Q):
    """`organisations` with `is_shown`: whether each matches the filter (all do without one)."""
    organisations = organisations.select_related("province")
    if not matching:
        return organisations.annotate(is_shown=Value(True))
    return organisations.annotate(is_shown=ExpressionWrapper(matching, BooleanField()))


def _invite_families(round_table: RoundTable, previous_family_ids: set[int] | None):
    """Invite all members of newly chosen families (on the meeting's day); drop those of families
    taken off.

    Organisations the office unticked stay uninvited as long as their family stays chosen.
    """
    families = list(round_table.families.all())
    current_ids = {f.pk for f in families}
    member_ids = {
        f.pk: {o.pk for o in orgs}
        for f, orgs in zip(families, _members(round_table, families).values(), strict=True)
    }
    in_families = set().union(*member_ids.values()) if member_ids else set()
    if previous_family_ids is None:
        round_table.invited.set(in_families)
        return
    added = current_ids - previous_family_ids
    kept = {pk for pk in round_table.invited.values_list("pk", flat=True) if pk in in_families}
    new = kept.union(*(member_ids[f] for f in added))
    round_table.invited.set(new)


@require_GET
@login_when_anonymous
def roundtable_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _get_programme(request, slug)
    now = timezone.now()
    round_tables = _round_tables(programme)
    return render(
        request,
        "consultation/roundtables/list.html",
        {
            "programme": programme,
            "upcoming": round_tables.filter(ends_at__gte=now).order_by("starts_at"),
            "past": round_tables.filter(ends_at__lt=now).order_by("-starts_at"),
            "may_create": request.user.has_perm("consultation.manage_roundtable", programme),
        },
    )


@require_http_methods(["GET", "POST"])
@login_when_anonymous
def roundtable_create(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _get_programme(request, slug)
    if not request.user.has_perm("consultation.manage_roundtable", programme):
        raise PermissionDenied
    submitted = request.POST if request.method == "POST" else None
    latest = programme.versions.order_by("-number").first()
    form = RoundTableForm(
        submitted, programme=programme, user=request.user, initial={"version": latest}
    )
    if submitted is not None and form.is_valid():
        with transaction.atomic():
            form.instance._history_user = request.user
            round_table = form.save()
            _invite_families(round_table, None)
        invited = round_table.invited.count()
        messages.success(
            request,
            ngettext(
                "De ronde tafel is aangemaakt en %(count)s organisatie is uitgenodigd.",
                "De ronde tafel is aangemaakt en %(count)s organisaties zijn uitgenodigd.",
                invited,
            )
            % {"count": invited},
        )
        return redirect(round_table)
    return render(
        request,
        "consultation/roundtables/form.html",
        {"programme": programme, "form": form, "round_table": None},
    )


@require_http_methods(["GET", "POST"])
@login_when_anonymous
def roundtable_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round_table = _get_round_table(request, slug, pk, "consultation.manage_roundtable")
    submitted = request.POST if request.method == "POST" else None
    with transaction.atomic():
        if submitted is not None:
            lock(round_table)
        previous = {f.pk for f in round_table.families.all()}
        form = track(
            RoundTableForm(
                submitted, instance=round_table, programme=round_table.programme, user=request.user
            )
        )
        if submitted is not None and not form.stale and form.is_valid():
            save_changed(form, by=request.user)
            if {f.pk for f in round_table.families.all()} != previous:
                _invite_families(round_table, previous)
            messages.success(request, _("De ronde tafel is bijgewerkt."))
            return redirect(round_table)
    return render(
        request,
        "consultation/roundtables/form.html",
        {"programme": round_table.programme, "form": form, "round_table": round_table},
        status=CONFLICT if form.stale else 200,
    )


def _organisations_at_the_table(round_table: RoundTable) -> list[Organisation]:
    """Invited organisations and guests who came uninvited, marked was_invited / did_attend."""
    invited = RoundTable.invited.through.objects.filter(roundtable_id=round_table.pk)
    attended = RoundTable.attended.through.objects.filter(roundtable_id=round_table.pk)
    return list(
        Organisation.objects.filter(
            Q(pk__in=invited.values("organisation_id"))
            | Q(pk__in=attended.values("organisation_id"))
        )
        .annotate(
            was_invited=Exists(invited.filter(organisation_id=OuterRef("pk"))),
            did_attend=Exists(attended.filter(organisation_id=OuterRef("pk"))),
        )
        .order_by("sort_name", "code")
    )


def _detail_context(request: HttpRequest, round_table: RoundTable, form=None) -> dict:
    user = request.user
    organisations = _organisations_at_the_table(round_table)
    may_record = user.has_perm("consultation.record_contribution", round_table)
    may_read = may_record or user.has_perm("consultation.view_contributions", round_table)
    may_manage = user.has_perm("consultation.manage_roundtable", round_table)
    contributions = []
    if may_read:
        contributions = (
            Contribution.objects.visible_to(user, round_table.programme)
            .filter(round_table=round_table)
            .select_related("organisation", "family")
            .prefetch_related(
                Prefetch("paragraphs", queryset=Paragraph.objects.select_related("section"))
            )
            .order_by("submitted_at", "pk")
        )
    if may_record and form is None:
        form = _contribution_form(round_table, None, organisations)
    return {
        "programme": round_table.programme,
        "round_table": round_table,
        "agenda_html": render_markdown(round_table.agenda),
        "minutes_html": render_markdown(round_table.minutes) if may_read or may_manage else "",
        "organisations": organisations,
        "invited_count": sum(1 for o in organisations if o.was_invited),
        "attended_count": sum(1 for o in organisations if o.did_attend),
        "is_past": round_table.ends_at < timezone.now(),
        "may_manage": may_manage,
        "may_record": may_record,
        "may_read": may_read,
        "may_see_online_url": _may_see_online_url(request, round_table),
        "contributions": contributions,
        "form": form,
    }


def _paragraphs(round_table: RoundTable) -> list[Paragraph]:
    if round_table.version_id is None:
        return []
    return list(
        Paragraph.objects.filter(version_id=round_table.version_id)
        .select_related("section")
        .order_by("section__position", "position", "pk")
    )


def _contribution_form(round_table: RoundTable, data, organisations) -> ContributionForm:
    return ContributionForm(
        data,
        round_table=round_table,
        organisations=organisations,
        paragraphs=_paragraphs(round_table),
    )


@require_GET
@login_when_anonymous
def roundtable_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round_table = _get_round_table(request, slug, pk)
    return render(
        request, "consultation/roundtables/detail.html", _detail_context(request, round_table)
    )


def _family_at_the_table(round_table: RoundTable, organisation: Organisation | None):
    """The meeting's family the organisation belongs to, so input counts where it was given.

    None lets `record_contribution` fall back to the organisation's first programme family
    (a guest from outside the meeting's families).
    """
    if organisation is None:
        return None
    families = list(round_table.families.all())
    counts = Organisation.objects.filter(pk=organisation.pk).count_per_family(families)
    return next((f for f in families if counts.get(f.pk)), None)


@require_POST
@login_when_anonymous
def roundtable_record(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Record one contribution made at the meeting; the form returns empty for the next one."""
    round_table = _get_round_table(request, slug, pk, "consultation.record_contribution")
    organisations = _organisations_at_the_table(round_table)
    form = _contribution_form(round_table, request.POST, organisations)
    if form.is_valid():
        data = form.cleaned_data
        try:
            record_contribution(
                round_table.programme,
                text=data["text"],
                channel=Channel.ROUND_TABLE,
                by=request.user,
                paragraphs=data.get("paragraphs") or (),
                round_table=round_table,
                version=round_table.version,
                organisation=data["organisation"],
                family=_family_at_the_table(round_table, data["organisation"]),
                author_name=data["author_name"],
                stance=data["stance"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("De inbreng is vastgelegd. U kunt meteen de volgende invoeren.")
            )
            return redirect(
                reverse("consultation:roundtable-detail", args=[slug, pk]) + "#inbreng-invoeren"
            )
    return render(
        request,
        "consultation/roundtables/detail.html",
        _detail_context(request, round_table, form=form),
    )


def _choice_groups(round_table: RoundTable, families, matching: Q, only_ids=None):
    """Organisations grouped by the meeting's families, each organisation once (first family),
    each marked `is_shown` by the filter `matching`.

    Organisations in none of the families (invited before a family was taken off, or guests)
    form a last group, so nothing ticked is ever hidden.
    """
    day = _meeting_day(round_table)
    seen: set[int] = set()
    groups = []
    for family in families:
        members = _marked(Organisation.objects.in_family(family).valid_on(day), matching)
        orgs = [o for o in members if o.pk not in seen and (only_ids is None or o.pk in only_ids)]
        seen.update(o.pk for o in orgs)
        groups.append({"key": str(family.pk), "name": family.name, "organisations": orgs})
    extra_ids = set(round_table.invited.values_list("pk", flat=True))
    extra_ids |= set(round_table.attended.values_list("pk", flat=True))
    if only_ids is not None:
        extra_ids &= only_ids
    extra_ids -= seen
    if extra_ids:
        others = list(
            _marked(Organisation.objects.filter(pk__in=extra_ids), matching).order_by("sort_name")
        )
        groups.append({"key": "overig", "name": _("Overige organisaties"), "organisations": others})
    return [g for g in groups if g["organisations"]]


def _filter_counts(organisations: list[Organisation]) -> dict[str, dict[str, int]]:
    """How many of the listed organisations each province and size class holds."""
    provinces = Counter(
        str(o.pk if o.kind == Kind.PROVINCE else o.province_id) for o in organisations
    )
    sizes = Counter(size_class_of(o.inhabitants).value for o in organisations)
    return {"province": provinces, "size_class": sizes}


def _tick(choice: str, groups, selected: set[int]) -> set[int]:
    """Tick or untick what is shown of one group ("alle:<group>", "geen:<group>"), or of all
    groups ("alle:getoond"); nothing is stored until the office saves."""
    action, _sep, key = choice.partition(":")
    shown = {
        o.pk
        for g in groups
        if key in ("getoond", g["key"])
        for o in g["organisations"]
        if o.is_shown
    }
    if action == "alle":
        return selected | shown
    if action == "geen":
        return selected - shown
    return selected


def _choice_token(ids: set[int]) -> str:
    return hashlib.sha256(",".join(map(str, sorted(ids))).encode()).hexdigest()[:16]


def _organisation_choice(
    request: HttpRequest,
    round_table: RoundTable,
    *,
    only_ids=None,
    selected: set[int],
    relation,
    texts,
) -> HttpResponse:
    """The shared page for invitations and attendance: filter, tick, tick what is shown, save.

    The filter is part of the same form, so filtering keeps what was ticked; what is ticked but
    not shown goes along unseen, and is saved with the rest.
    """
    posted = request.method == "POST"
    # What was stored when the page was first shown, carried through every filter and tick: a
    # save after someone else saved a different choice is refused, never silently overwritten.
    stored = _choice_token(selected)
    loaded = request.POST.get("opgeslagen", "") if posted else stored
    families = list(round_table.families.all())
    filter_data = request.POST if posted and request.POST.get("filter") != "wissen" else None
    filter_form = OrganisationFilterForm(
        filter_data, families=families if len(families) > 1 else None
    )
    groups = _choice_groups(round_table, families, filter_form.matching(), only_ids)
    listed = [o for g in groups for o in g["organisations"]]
    conflict = False
    form = OrganisationChoiceForm(
        request.POST if posted else None, organisation_ids=[o.pk for o in listed]
    )
    if posted and form.is_valid():
        selected = form.selected_ids()
        if request.POST.get("tick"):
            selected = _tick(request.POST["tick"], groups, selected)
        elif not request.POST.get("filter"):
            with transaction.atomic():
                lock(round_table)
                stored = _choice_token(set(relation.values_list("pk", flat=True)))
                # As koers.core.concurrency.track: a POST without a token is not checked.
                loaded = loaded or stored
                if loaded == stored:
                    round_table._history_user = request.user
                    relation.set(selected)
            if loaded == stored:
                messages.success(request, texts["saved"](len(selected)) % {"count": len(selected)})
                return redirect(round_table)
            conflict = True
    elif posted:
        # Keep what was ticked from the list; the message says the rest cannot be chosen.
        selected = positive_ints(request.POST.getlist("organisations")) & {o.pk for o in listed}
    filter_form.count_choices(_filter_counts(listed))
    if conflict:
        messages.error(
            request,
            _(
                "Iemand anders heeft deze keuze intussen opgeslagen; uw vinkjes zijn niet "
                "bewaard. De lijst toont nu uw vinkjes; vergelijk ze met de ronde tafel en sla "
                "opnieuw op."
            ),
        )
        loaded = stored
    for group in groups:
        group["selected"] = sum(1 for o in group["organisations"] if o.pk in selected)
        group["shown"] = [o for o in group["organisations"] if o.is_shown]
    shown = sum(len(g["shown"]) for g in groups)
    return render(
        request,
        "consultation/roundtables/organisations.html",
        {
            "programme": round_table.programme,
            "round_table": round_table,
            "groups": [g for g in groups if g["shown"]],
            "selected": selected,
            "chosen_unseen": [o for o in listed if o.pk in selected and not o.is_shown],
            "form": form,
            "filter": filter_form,
            "summary": ngettext(
                "%(shown)s van %(count)s organisatie getoond, %(selected)s gekozen.",
                "%(shown)s van %(count)s organisaties getoond, %(selected)s gekozen.",
                len(listed),
            )
            % {"shown": shown, "count": len(listed), "selected": len(selected)},
            "texts": texts,
            "unsaved": posted,
            "stored_token": loaded,
        },
        status=CONFLICT if conflict else 200,
    )


@require_http_methods(["GET", "POST"])
@login_when_anonymous
def roundtable_invitations(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round_table = _get_round_table(request, slug, pk, "consultation.manage_roundtable")
    return _organisation_choice(
        request,
        round_table,
        selected=set(round_table.invited.values_list("pk", flat=True)),
        relation=round_table.invited,
        texts={
            "title": _("Uitnodigingen"),
            "intro": _(
                "Alle leden van de families van deze ronde tafel, op de dag van de bijeenkomst, "
                "staan hieronder. Vink "
                "aan wie is uitgenodigd. Het filter toont een deel van de lijst, op naam, "
                "provincie of grootteklasse; wie buiten het filter valt, blijft gekozen of niet "
                "gekozen. De knoppen vinken aan of uit wat getoond wordt. De keuze wordt pas "
                "bewaard met Opslaan."
            ),
            "saved": lambda n: ngettext(
                "De uitnodigingen zijn bewaard: %(count)s organisatie.",
                "De uitnodigingen zijn bewaard: %(count)s organisaties.",
                n,
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@login_when_anonymous
def roundtable_attendance(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round_table = _get_round_table(request, slug, pk, "consultation.manage_roundtable")
    attended = set(round_table.attended.values_list("pk", flat=True))
    invited = set(round_table.invited.values_list("pk", flat=True))
    return _organisation_choice(
        request,
        round_table,
        only_ids=invited | attended,
        selected=attended,
        relation=round_table.attended,
        texts={
            "title": _("Aanwezigheid"),
            "intro": _(
                "Vink de uitgenodigde organisaties aan die aanwezig waren. Kwam er een "
                "organisatie die niet op de lijst staat, nodig haar dan eerst uit."
            ),
            "saved": lambda n: ngettext(
                "De aanwezigheid is bewaard: %(count)s organisatie.",
                "De aanwezigheid is bewaard: %(count)s organisaties.",
                n,
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@login_when_anonymous
def roundtable_minutes(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round_table = _get_round_table(request, slug, pk, "consultation.manage_roundtable")
    submitted = request.POST if request.method == "POST" else None
    with transaction.atomic():
        if submitted is not None:
            lock(round_table)
        form = track(MinutesForm(submitted, instance=round_table))
        if submitted is not None and not form.stale and form.is_valid():
            save_changed(form, by=request.user)
            messages.success(request, _("Het verslag is bewaard."))
            return redirect(round_table)
    return render(
        request,
        "consultation/roundtables/minutes.html",
        {"programme": round_table.programme, "round_table": round_table, "form": form},
        status=CONFLICT if form.stale else 200,
    )


@require_GET
@login_when_anonymous
def roundtable_ics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round_table = _get_round_table(request, slug, pk)
    body = round_table_ics(
        round_table,
        page_url=request.build_absolute_uri(round_table.get_absolute_url()),
        include_online_url=_may_see_online_url(request, round_table),
    )
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ronde-tafel-{round_table.pk}.ics"'
    return response


ROUND_TABLE = "programmas/<slug:slug>/ronde-tafels/<int:pk>"
