"""The council's pages: its meetings, one meeting with everything to discuss and decide, and the
public list of decisions.

Meetings are the working pages of the office and the council members of the programme; the
office prepares (plans, puts items on the agenda, records the minutes), council members and the
office propose change recommendations, and only the council members of the programme decide and
adopt. The decisions are public for a public programme, as the agenda they lead to is.

Every form posts to its own address; a refused form shows the meeting page again with the input
kept and the errors at the fields (status 400).
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.agenda.models import Paragraph
from koers.agenda.references import paragraph_numbers
from koers.core.access import login_when_anonymous
from koers.core.concurrency import CONFLICT, lock, track
from koers.core.forms import add_errors
from koers.core.markdown import plain_text
from koers.drafting.diff import word_diff
from koers.organisations import access
from koers.organisations.models import Programme

from . import services as council
from .constants import Decision, RecommendationStatus
from .forms import ItemDecisionForm, ItemForm, MeetingForm, MinutesForm, RecommendationForm
from .models import CouncilMeeting, MeetingItem, Recommendation

MEETINGS_PAGE_SIZE = 20
DECISIONS_PAGE_SIZE = 10


# --- access ---------------------------------------------------------------------------------


def may_prepare(request: HttpRequest, obj) -> bool:
    return request.user.has_perm("council.prepare_meeting", obj)


def may_view_meetings(request: HttpRequest, programme: Programme) -> bool:
    """The office and the programme's council members (the rule reads `programme.council`)."""
    return request.user.has_perm("council.view_meetings", programme)


def get_programme(request: HttpRequest, slug: str) -> Programme:
    return access.get_programme(request, slug, "council.view_meetings")


def get_meeting(request: HttpRequest, slug: str, pk: int) -> CouncilMeeting:
    """The meeting, or 404/403; sets what the reader may do on it for the template."""
    meeting = get_object_or_404(
        CouncilMeeting.objects.select_related(
            "council__programme", "version__programme", "adopted_version"
        ),
        council__programme__slug=slug,
        pk=pk,
    )
    programme = meeting.council.programme
    if not may_view_meetings(request, programme):
        raise PermissionDenied
    meeting.may_prepare = may_prepare(request, meeting)
    meeting.may_propose = request.user.has_perm("council.propose_recommendation", meeting)
    meeting.may_decide = request.user.has_perm("council.decide_in_meeting", meeting)
    meeting.is_open = meeting.adopted_version_id is None
    return meeting


def _meeting_url(meeting: CouncilMeeting, fragment: str = "") -> str:
    url = reverse("council:council-meeting", args=[meeting.council.programme.slug, meeting.pk])
    return f"{url}#{fragment}" if fragment else url


# --- the meetings ---------------------------------------------------------------------------


def _meetings_page(request, programme, form=None, status=200) -> HttpResponse:
    meetings = (
        CouncilMeeting.objects.filter(council__programme=programme)
        .select_related("version", "adopted_version")
        .order_by("-starts_at", "-pk")
    )
    page = Paginator(meetings, MEETINGS_PAGE_SIZE).get_page(request.GET.get("pagina"))
    preparing = may_prepare(request, programme)
    if preparing and form is None:
        form = MeetingForm(programme=programme)
    return render(
        request,
        "council/meetings.html",
        {"programme": programme, "page": page, "form": form if preparing else None},
        status=status,
    )


@require_GET
@login_when_anonymous
def meeting_list(request: HttpRequest, slug: str) -> HttpResponse:
    return _meetings_page(request, get_programme(request, slug))


@require_POST
@login_when_anonymous
def meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_programme(request, slug)
    if not may_prepare(request, programme):
        raise PermissionDenied
    form = MeetingForm(request.POST, programme=programme)
    if form.is_valid():
        try:
            meeting = council.plan_meeting(programme, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(error, form)
        else:
            messages.success(request, _("De vergadering is gepland."))
            return redirect(_meeting_url(meeting))
    return _meetings_page(request, programme, form=form, status=400)


# --- one meeting ----------------------------------------------------------------------------


@dataclass
class ShownRecommendation:
    recommendation: Recommendation
    diff: SafeString | None  # None: the passage is no longer in the paragraph
    form_errors: list[str]


@dataclass
class ParagraphGroup:
    paragraph: Paragraph
    recommendations: list[ShownRecommendation]


def _text_diff(old: str, new: str) -> SafeString:
    """Two Markdown texts compared word by word as the reader sees them, without markup."""
    return word_diff(plain_text(old, lines=True), plain_text(new, lines=True))


def _recommendation_groups(meeting: CouncilMeeting) -> list[ParagraphGroup]:
    groups: dict[int, ParagraphGroup] = {}
    recommendations = list(meeting.recommendations.select_related("paragraph__section"))
    numbers = paragraph_numbers([meeting.version_id]) if recommendations else {}
    for rec in recommendations:
        paragraph = rec.paragraph
        paragraph.number = numbers.get(paragraph.pk, "?")
        try:
            applied = council.apply_recommendation(
                paragraph.text, rec.action, rec.passage, rec.new_text
            )
        except ValidationError:
            diff = None
        else:
            diff = _text_diff(paragraph.text, applied)
        group = groups.setdefault(paragraph.pk, ParagraphGroup(paragraph, []))
        group.recommendations.append(ShownRecommendation(rec, diff, []))
    return list(groups.values())


def _items(meeting: CouncilMeeting) -> list[MeetingItem]:
    paragraphs = Paragraph.objects.order_by("position", "pk")
    return list(
        meeting.items.select_related("section").prefetch_related(
            Prefetch("section__paragraphs", paragraphs)
        )
    )


def _decision_form(data, item: MeetingItem) -> ItemDecisionForm:
    """The decision on an item as stored, with the token a save is checked against."""
    initial = {
        "decision": item.decision,
        "minutes": item.minutes,
        "amended_text": item.amended_text
        or (council.section_text(item.section) if item.section else ""),
    }
    return track(
        ItemDecisionForm(data, item=item, initial=initial),
        reload_url=_meeting_url(item.meeting, f"punt-{item.pk}"),
    )


def _minutes_form(data, meeting: CouncilMeeting) -> MinutesForm:
    return track(
        MinutesForm(data, initial={"minutes": meeting.minutes}),
        reload_url=_meeting_url(meeting, "verslag"),
    )


def _meeting_page(
    request: HttpRequest,
    meeting: CouncilMeeting,
    *,
    item_form=None,
    recommendation_form=None,
    decision_forms=None,
    minutes_form=None,
    status=200,
) -> HttpResponse:
    items = _items(meeting)
    decision_forms = decision_forms or {}
    can_change = meeting.is_open
    for item in items:
        if item.decision == Decision.AMEND and item.section is not None:
            item.amended_diff = _text_diff(council.section_text(item.section), item.amended_text)
    if meeting.may_decide and can_change:
        for item in items:
            item.meeting = meeting
            item.form = decision_forms.get(item.pk) or _decision_form(None, item)
    if meeting.may_prepare and can_change and item_form is None:
        item_form = ItemForm(meeting=meeting)
    if meeting.may_propose and can_change and recommendation_form is None:
        recommendation_form = RecommendationForm(meeting=meeting)
    if (meeting.may_prepare or meeting.may_decide) and minutes_form is None:
        minutes_form = _minutes_form(None, meeting)
    blockers = council.adoption_blockers(meeting) if meeting.may_decide and can_change else []
    version = meeting.version
    return render(
        request,
        "council/meeting.html",
        {
            "programme": meeting.council.programme,
            "meeting": meeting,
            "version": version,
            "items": items,
            "groups": _recommendation_groups(meeting),
            "item_form": item_form if meeting.may_prepare and can_change else None,
            "recommendation_form": recommendation_form
            if meeting.may_propose and can_change
            else None,
            "minutes_form": minutes_form if meeting.may_prepare or meeting.may_decide else None,
            "blockers": blockers,
            "can_change": can_change,
        },
        status=status,
    )


@require_GET
@login_when_anonymous
def meeting_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _meeting_page(request, get_meeting(request, slug, pk))


@require_POST
@login_when_anonymous
def item_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = get_meeting(request, slug, pk)
    if not meeting.may_prepare:
        raise PermissionDenied
    form = ItemForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            item = council.add_item(meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(error, form)
        else:
            messages.success(request, _("Het agendapunt is toegevoegd."))
            return redirect(_meeting_url(meeting, f"punt-{item.pk}"))
    return _meeting_page(request, meeting, item_form=form, status=400)


@require_POST
@login_when_anonymous
def item_decide(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    meeting = get_meeting(request, slug, pk)
    if not meeting.may_decide:
        raise PermissionDenied
    item = next((i for i in _items(meeting) if i.pk == item_pk), None)
    if item is None:
        raise Http404
    item.meeting = meeting
    with transaction.atomic():
        form = _decision_form(request.POST, lock(item))
        if not form.stale and form.is_valid():
            try:
                council.decide_item(item, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_errors(error, form)
            else:
                messages.success(request, _("Het besluit over het agendapunt is vastgelegd."))
                return redirect(_meeting_url(meeting, f"punt-{item.pk}"))
    status = CONFLICT if form.stale else 400
    return _meeting_page(request, meeting, decision_forms={item.pk: form}, status=status)


@require_POST
@login_when_anonymous
def recommendation_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = get_meeting(request, slug, pk)
    if not meeting.may_propose:
        raise PermissionDenied
    form = RecommendationForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            rec = council.propose_recommendation(meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(error, form)
        else:
            messages.success(request, _("Het wijzigingsvoorstel is ingediend."))
            return redirect(_meeting_url(meeting, f"voorstel-{rec.pk}"))
    return _meeting_page(request, meeting, recommendation_form=form, status=400)


@require_POST
@login_when_anonymous
def recommendation_decide(request: HttpRequest, slug: str, pk: int, rec_pk: int) -> HttpResponse:
    meeting = get_meeting(request, slug, pk)
    if not meeting.may_decide:
        raise PermissionDenied
    rec = get_object_or_404(Recommendation, meeting=meeting, pk=rec_pk)
    rec.meeting = meeting
    choice = request.POST.get("decision")
    if choice not in (RecommendationStatus.ACCEPTED, RecommendationStatus.REJECTED):
        messages.error(request, _("Kies aannemen of verwerpen."))
    elif not request.POST.get("confirmed"):
        # A decision on a recommendation stands; the form asks to confirm (no script needed).
        messages.error(
            request,
            _("Vink aan dat u weet dat dit besluit vaststaat, en kies dan aannemen of verwerpen."),
        )
    else:
        try:
            council.decide_recommendation(
                rec, accept=choice == RecommendationStatus.ACCEPTED, by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Het wijzigingsvoorstel is aangenomen.")
                if choice == RecommendationStatus.ACCEPTED
                else _("Het wijzigingsvoorstel is verworpen."),
            )
    return redirect(_meeting_url(meeting, f"voorstel-{rec.pk}"))


@require_POST
@login_when_anonymous
def meeting_hold(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = get_meeting(request, slug, pk)
    if not (meeting.may_prepare or meeting.may_decide):
        raise PermissionDenied
    with transaction.atomic():
        form = _minutes_form(request.POST, lock(meeting))
        if not form.stale and form.is_valid():
            council.hold_meeting(meeting, minutes=form.cleaned_data["minutes"], by=request.user)
            messages.success(request, _("Het verslag is opgeslagen; de vergadering is gehouden."))
            return redirect(_meeting_url(meeting, "verslag"))
    status = CONFLICT if form.stale else 400
    return _meeting_page(request, meeting, minutes_form=form, status=status)


@require_POST
@login_when_anonymous
def meeting_adopt(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = get_meeting(request, slug, pk)
    if not meeting.may_decide:
        raise PermissionDenied
    # Adoption freezes the agenda for good: the form asks to confirm (a checkbox, no script).
    if not request.POST.get("confirmed"):
        messages.error(
            request,
            _(
                "Vink aan dat u weet dat de vastgestelde agenda niet meer verandert, en stel dan vast."
            ),
        )
        return redirect(_meeting_url(meeting, "vaststellen"))
    try:
        version = council.adopt_version(meeting, by=request.user)
    except ValidationError as error:
        messages.error(
            request,
            " ".join([_("De agenda is nog niet vastgesteld."), *error.messages]),
        )
        return redirect(_meeting_url(meeting, "vaststellen"))
    messages.success(
        request,
        _("De agenda is vastgesteld als versie %(number)s.") % {"number": version.number},
    )
    return redirect(_meeting_url(meeting))


# --- the public decision list ---------------------------------------------------------------


@require_GET
@login_when_anonymous
def decision_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    if not (
        request.user.has_perm("organisations.view_programme", programme)
        or may_view_meetings(request, programme)
    ):
        raise PermissionDenied
    decided_items = MeetingItem.objects.exclude(decision="").order_by("position", "pk")
    decided = Recommendation.objects.exclude(status=RecommendationStatus.OPEN).select_related(
        "paragraph__section"
    )
    meetings = (
        CouncilMeeting.objects.filter(council__programme=programme)
        .filter(
            Exists(decided_items.filter(meeting=OuterRef("pk")))
            | Exists(decided.filter(meeting=OuterRef("pk")))
        )
        .select_related("version", "adopted_version")
        .prefetch_related(
            Prefetch("items", decided_items, to_attr="decided_items"),
            Prefetch("recommendations", decided, to_attr="decided_recommendations"),
        )
        .order_by("-starts_at", "-pk")
    )
    page = Paginator(meetings, DECISIONS_PAGE_SIZE).get_page(request.GET.get("pagina"))
    numbers = paragraph_numbers(m.version_id for m in page if m.decided_recommendations)
    for meeting in page:
        for rec in meeting.decided_recommendations:
            rec.paragraph.number = numbers.get(rec.paragraph_id, "?")
    return render(
        request,
        "council/decisions.html",
        {
            "programme": programme,
            "page": page,
            "hide_meetings": not may_view_meetings(request, programme),
            "AMEND": Decision.AMEND,
        },
    )
