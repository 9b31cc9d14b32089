"""Consultation views: reader-reviewers (meelezers) and the newsletter.

Public forms are rate limited per client address and carry a honeypot and a time stamp (see
forms_reviewers). E-mail links are opened in two steps — the link shows a page, its button
does the work — because mail scanners open links before people do and would use them up.
"""

import json
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion, Paragraph
from koers.core.markdown import render_markdown
from koers.organisations.models import Programme

from .. import privacy, signup
from ..access import current_reviewer, get_reviewer_for_user, reviewers_only
from ..constants import Channel, TokenPurpose
from ..forms_reviewers import DeleteAccountForm, EmailForm, ReactionForm, ReviewerSignupForm
from ..models import Contribution
from ..services import family_of, record_contribution, revise_reaction

# Only a person logged in with an e-mail link reaches reviewer pages; the password login is for
# staff, so anonymous visitors are sent to the page that mails a link.
LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def rate_limited(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    response = render(request, "consultation/reviewers/rate_limited.html", status=429)
    response["Retry-After"] = "60"
    return response


def _rate_limit(group: str, rate_setting: str, key: str = "ip"):
    """Count POSTs per client (or per user) and answer 429 past the configured rate.

    The rate is read from settings on each request, so an operator's change (and a test's)
    takes effect without a restart of the decorator.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST" and is_ratelimited(
                request,
                group=f"koers.consultation.{group}",
                key=key,
                rate=getattr(settings, rate_setting),
                method="POST",
                increment=True,
            ):
                return rate_limited(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _get_public_programme(slug: str) -> Programme:
    """Sign-up and the newsletter exist only for programmes the public may see."""
    return get_object_or_404(Programme, slug=slug, is_public=True)


def _link_problem(request: HttpRequest, programme: Programme, error: signup.LinkError, kind: str):
    return render(
        request,
        "consultation/reviewers/link_problem.html",
        {"programme": programme, "reason": error.reason, "kind": kind},
        status=400 if error.reason == "invalid" else 410,
    )


def _consent_text(programme: Programme) -> str:
    return render_to_string(
        "consultation/reviewers/consent.txt",
        {"programme": programme, "retention_days": settings.REVIEWER_RETENTION_DAYS},
    ).strip()


def _paragraph_html(paragraph: Paragraph):
    return render_markdown(paragraph.text)


# Sign-up and confirmation ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@_rate_limit("signup", "PUBLIC_FORM_RATE")
def signup_page(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _get_public_programme(slug)
    if current_reviewer(request, programme) is not None:
        # Already a reviewer: no second sign-up, the way to the profile instead.
        return render(
            request, "consultation/reviewers/signup.html", {"programme": programme, "form": None}
        )
    consent_text = _consent_text(programme)
    form = ReviewerSignupForm(
        request.POST if request.method == "POST" else None, programme=programme
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        signup.sign_up_reviewer(
            programme,
            email=data["email"],
            name=data["name"],
            organisation=data["organisation"],
            consent_text=consent_text,
        )
        request.session["koers_mail_sent_to"] = data["email"]
        return redirect("consultation:reviewer-signup-sent", slug)
    return render(
        request,
        "consultation/reviewers/signup.html",
        {"programme": programme, "form": form, "consent_text": consent_text},
    )


def _mail_sent(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """The page after any form that mailed a link: which address, and how long the link works."""
    return render(
        request,
        "consultation/reviewers/mail_sent.html",
        {
            "programme": _get_public_programme(slug),
            "kind": kind,
            "email": request.session.get("koers_mail_sent_to", ""),
            "hours": max(1, settings.EMAIL_TOKEN_MAX_AGE // 3600),
        },
    )


def signup_sent(request: HttpRequest, slug: str) -> HttpResponse:
    return _mail_sent(request, slug, "signup")


@require_http_methods(["GET", "POST"])
@_rate_limit("confirm", "PUBLIC_FORM_RATE")
def confirm(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    programme = _get_public_programme(slug)
    try:
        if request.method == "GET":
            signup.check_link_token(token, TokenPurpose.REVIEWER_SIGNUP, programme)
            return render(request, "consultation/reviewers/confirm.html", {"programme": programme})
        reviewer = signup.confirm_reviewer(token, programme)
    except signup.LinkError as error:
        return _link_problem(request, programme, error, "signup")
    login(request, reviewer.user, backend=LOGIN_BACKEND)
    messages.success(
        request, _("Uw aanmelding is bevestigd. Welkom als meelezer van %s.") % programme.name
    )
    return redirect("consultation:reviewer-profile", slug)


@require_http_methods(["GET", "POST"])
@_rate_limit("login-link", "PUBLIC_FORM_RATE")
def login_link(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _get_public_programme(slug)
    form = EmailForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        signup.request_login_link(programme, form.cleaned_data["email"])
        request.session["koers_mail_sent_to"] = form.cleaned_data["email"]
        return redirect("consultation:reviewer-login-link-sent", slug)
    return render(
        request, "consultation/reviewers/login_link.html", {"programme": programme, "form": form}
    )


def login_link_sent(request: HttpRequest, slug: str) -> HttpResponse:
    return _mail_sent(request, slug, "login")


@require_http_methods(["GET", "POST"])
@_rate_limit("login", "PUBLIC_FORM_RATE")
def login_with_link(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    programme = _get_public_programme(slug)
    try:
        if request.method == "GET":
            signup.check_link_token(token, TokenPurpose.LOGIN, programme)
            return render(request, "consultation/reviewers/login.html", {"programme": programme})
        reviewer = signup.log_in_reviewer(token, programme)
    except signup.LinkError as error:
        return _link_problem(request, programme, error, "login")
    login(request, reviewer.user, backend=LOGIN_BACKEND)
    messages.success(request, _("U bent ingelogd als meelezer."))
    return redirect("consultation:reviewer-profile", slug)


# Profile, privacy ---------------------------------------------------------------------------


@reviewers_only
def profile(request: HttpRequest, slug: str) -> HttpResponse:
    reviewer = get_reviewer_for_user(request, slug)
    programme = reviewer.programme
    reactions = list(
        Contribution.objects.filter(reviewer=reviewer)
        # The permission check reads the version's dates and the reviewer's user.
        .select_related("version", "reviewer")
        .order_by("-submitted_at", "-pk")
    )
    for reaction in reactions:
        reaction.may_change = request.user.has_perm("consultation.change_contribution", reaction)
    open_versions = [
        v
        for v in AgendaVersion.objects.filter(programme=programme, state=VersionState.DRAFT)
        if v.is_open_for_consultation()
    ]
    return render(
        request,
        "consultation/reviewers/profile.html",
        {
            "programme": programme,
            "reviewer": reviewer,
            "family": family_of(programme, reviewer.organisation),
            "reactions": reactions,
            "open_versions": open_versions,
            "retention_days": settings.REVIEWER_RETENTION_DAYS,
        },
    )


@reviewers_only
def data_download(request: HttpRequest, slug: str) -> HttpResponse:
    reviewer = get_reviewer_for_user(request, slug)
    data = privacy.export_reviewer_data(reviewer)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="meelezer-{slug}.json"'
    return response


@require_http_methods(["GET", "POST"])
@reviewers_only
def delete_account(request: HttpRequest, slug: str) -> HttpResponse:
    reviewer = get_reviewer_for_user(request, slug)
    programme = reviewer.programme
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        privacy.anonymise_reviewer(reviewer)
        logout(request)
        messages.success(
            request,
            _(
                "Uw account is verwijderd. Uw reacties blijven bewaard zonder uw naam of "
                "e-mailadres."
            ),
        )
        return redirect(programme)
    return render(
        request,
        "consultation/reviewers/delete.html",
        {"programme": programme, "reviewer": reviewer, "form": form},
    )


# Reactions ----------------------------------------------------------------------------------


def _get_paragraph(programme: Programme, number: int, anchor) -> Paragraph:
    return get_object_or_404(
        Paragraph.objects.select_related("version", "section"),
        version__programme=programme,
        version__number=number,
        anchor=anchor,
    )


@require_http_methods(["GET", "POST"])
@reviewers_only
@_rate_limit("react", "REACTION_RATE", key="user_or_ip")
def react(request: HttpRequest, slug: str, number: int, anchor) -> HttpResponse:
    reviewer = get_reviewer_for_user(request, slug)
    programme = reviewer.programme
    paragraph = _get_paragraph(programme, number, anchor)
    version = paragraph.version
    context = {
        "programme": programme,
        "version": version,
        "paragraph": paragraph,
        "paragraph_html": _paragraph_html(paragraph),
    }
    if not version.is_open_for_consultation():
        return render(request, "consultation/reviewers/closed.html", context, status=403)
    form = ReactionForm(
        request.POST if request.method == "POST" else None,
        reviewer_has_name=bool(reviewer.name),
        moderation=programme.moderation,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        record_contribution(
            programme,
            text=data["text"],
            channel=Channel.REVIEWER,
            by=request.user,
            paragraphs=[paragraph],
            version=version,
            reviewer=reviewer,
            organisation=reviewer.organisation,
            stance=data["stance"],
            publication=data["publication"],
            author_name=reviewer.name,
        )
        messages.success(request, _("Uw reactie is opgeslagen. Dank u wel."))
        return redirect("consultation:reviewer-profile", slug)
    return render(request, "consultation/reviewers/react.html", {**context, "form": form})


@require_http_methods(["GET", "POST"])
@reviewers_only
@_rate_limit("react", "REACTION_RATE", key="user_or_ip")
def edit_reaction(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    reviewer = get_reviewer_for_user(request, slug)
    programme = reviewer.programme
    reaction = get_object_or_404(
        Contribution.objects.select_related("version", "reviewer"),
        pk=pk,
        reviewer=reviewer,
        channel=Channel.REVIEWER,
    )
    paragraph = reaction.paragraphs.first()
    context = {
        "programme": programme,
        "reaction": reaction,
        "paragraph": paragraph,
        "paragraph_html": _paragraph_html(paragraph) if paragraph else None,
    }
    if not request.user.has_perm("consultation.change_contribution", reaction):
        if request.method == "POST":
            messages.error(
                request, _("De consultatie is gesloten: uw reactie kan niet meer veranderen.")
            )
            return redirect("consultation:reviewer-reaction-edit", slug, pk)
        return render(request, "consultation/reviewers/reaction_readonly.html", context)
    initial = {
        "stance": reaction.stance,
        "text": reaction.text,
        "publication": reaction.publication,
        "loaded_as": reaction.updated_at.isoformat(),
    }
    form = ReactionForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        reviewer_has_name=bool(reviewer.name),
        moderation=programme.moderation,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            current = Contribution.objects.select_for_update().get(pk=reaction.pk)
            if data["loaded_as"] != current.updated_at.isoformat():
                # Keep what was typed, show what is saved, and take the saved moment as the new
                # base: sending again is then a deliberate choice to replace it.
                form.data = form.data.copy()
                form.data["loaded_as"] = current.updated_at.isoformat()
                form.add_error(
                    None,
                    _(
                        "Deze reactie is gewijzigd nadat u haar opende (bijvoorbeeld in een "
                        "ander venster). Uw tekst is niet opgeslagen. Hieronder staat de "
                        "opgeslagen versie; verstuur uw eigen tekst opnieuw om die te vervangen."
                    ),
                )
                return render(
                    request,
                    "consultation/reviewers/reaction_edit.html",
                    {**context, "form": form, "saved": current, "conflict": True},
                    status=409,
                )
            revise_reaction(
                current,
                stance=data["stance"],
                text=data["text"],
                publication=data["publication"],
                author_name=reviewer.name,
                by=request.user,
            )
            current.full_clean(exclude=["paragraphs", "attachment"])
            current.save()
        messages.success(request, _("Uw reactie is bijgewerkt."))
        return redirect("consultation:reviewer-profile", slug)
    return render(request, "consultation/reviewers/reaction_edit.html", {**context, "form": form})


# Newsletter ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@_rate_limit("newsletter", "PUBLIC_FORM_RATE")
def newsletter(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _get_public_programme(slug)
    form = EmailForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        signup.subscribe_to_newsletter(programme, form.cleaned_data["email"])
        request.session["koers_mail_sent_to"] = form.cleaned_data["email"]
        return redirect("consultation:newsletter-sent", slug)
    return render(
        request, "consultation/reviewers/newsletter.html", {"programme": programme, "form": form}
    )


def newsletter_sent(request: HttpRequest, slug: str) -> HttpResponse:
    return _mail_sent(request, slug, "newsletter")


@require_http_methods(["GET", "POST"])
@_rate_limit("consultation:newsletter-confirm", "PUBLIC_FORM_RATE")
def newsletter_confirm(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    programme = _get_public_programme(slug)
    try:
        if request.method == "GET":
            signup.check_link_token(token, TokenPurpose.NEWSLETTER, programme)
            return render(
                request, "consultation/reviewers/newsletter_confirm.html", {"programme": programme}
            )
        signup.confirm_newsletter(token, programme)
    except signup.LinkError as error:
        return _link_problem(request, programme, error, "newsletter")
    messages.success(request, _("U bent aangemeld voor de nieuwsbrief van %s.") % programme.name)
    return redirect(programme)


@require_http_methods(["GET", "POST"])
def newsletter_unsubscribe(request: HttpRequest, slug: str, value: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    try:
        subscription = signup.subscription_from_unsubscribe_value(value, programme)
    except signup.LinkError as error:
        return _link_problem(request, programme, error, "unsubscribe")
    if request.method == "POST":
        signup.unsubscribe_from_newsletter(subscription)
        return render(
            request,
            "consultation/reviewers/unsubscribed.html",
            {"programme": programme, "done": True},
        )
    return render(
        request,
        "consultation/reviewers/unsubscribed.html",
        {"programme": programme, "done": subscription.unsubscribed_at is not None},
    )
