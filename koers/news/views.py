"""The news pages: the public archive per programme (and per family and tag), a post at its
stable address, the office's list with drafts, scheduled posts and Koers's suggestions, and the
office's form. Who sees what: koers/accounts/rules.py, "News"."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from koers.core.access import login_when_anonymous
from koers.core.concurrency import CONFLICT, lock, track
from koers.core.numbers import MAX_INT, parse_positive_int
from koers.organisations.access import get_programme
from koers.organisations.models import Family, Programme

from . import feeds, newsletter
from . import services as news
from .constants import PER_PAGE, IssueState, PostState
from .forms import IssueForm, PostForm, SubscriptionForm
from .models import Issue, Post, Tag

# --- access helpers: one per object kind ----------------------------------------------------


def _programme(request: HttpRequest, slug: str, permission: str = "news.view_news") -> Programme:
    return get_programme(request, slug, permission)


def _post(request: HttpRequest, programme: Programme, number) -> Post:
    """The post with this number, when the user may read it (news.view_post); 404 otherwise,
    so a draft's existence is not given away."""
    if parse_positive_int(number, maximum=MAX_INT) is None:
        raise Http404
    post = get_object_or_404(
        Post.objects.visible_to(request.user, programme).select_related("programme"),
        number=number,
    )
    if not request.user.has_perm("news.view_post", post):
        raise Http404
    return post


def _family(programme: Programme, family_slug: str) -> Family:
    return get_object_or_404(Family, programme=programme, slug=family_slug)


def _tag(programme: Programme, value: str) -> Tag:
    return get_object_or_404(Tag, programme=programme, slug=value)


# --- public pages -----------------------------------------------------------------------------


def _archive(request, programme, posts, *, heading, feed_url, family=None, tag=None):
    page = Paginator(posts.newest_first().for_list(), PER_PAGE).get_page(request.GET.get("pagina"))
    tags = Tag.objects.filter(programme=programme, posts__in=Post.objects.published()).distinct()
    return render(
        request,
        "news/archive.html",
        {
            "programme": programme,
            "page": page,
            "heading": heading,
            "feed_url": feed_url,
            "family": family,
            "tag": tag,
            "tags": tags,
            "families": programme.families.order_by("name"),
            "may_manage": request.user.has_perm("news.manage_posts", programme),
        },
    )


@require_GET
@login_when_anonymous
def archive(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    return _archive(
        request,
        programme,
        Post.objects.filter(programme=programme).published(),
        heading=_("Nieuws"),
        feed_url=reverse("news:feed", args=[slug]),
    )


@require_GET
@login_when_anonymous
def family_archive(request: HttpRequest, slug: str, family_slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    family = _family(programme, family_slug)
    return _archive(
        request,
        programme,
        Post.objects.filter(programme=programme, families=family).published(),
        heading=_("Nieuws voor %(family)s") % {"family": family.name},
        feed_url=reverse("news:family-feed", args=[slug, family.slug]),
        family=family,
    )


@require_GET
@login_when_anonymous
def tag_archive(request: HttpRequest, slug: str, value: str) -> HttpResponse:
    programme = _programme(request, slug)
    tag = _tag(programme, value)
    return _archive(
        request,
        programme,
        Post.objects.filter(programme=programme, tags=tag).published(),
        heading=_("Nieuws over %(tag)s") % {"tag": tag.name},
        feed_url=reverse("news:tag-feed", args=[slug, tag.slug]),
        tag=tag,
    )


@require_GET
@login_when_anonymous
def post_detail(request: HttpRequest, slug: str, number: int, value: str = "") -> HttpResponse:
    programme = _programme(request, slug)
    post = _post(request, programme, number)
    if value != post.slug:
        # An old title's address (or none) leads to the current one.
        return redirect(post.get_absolute_url(), permanent=post.is_live)
    url = request.build_absolute_uri(post.get_absolute_url())
    return render(
        request,
        "news/post.html",
        {
            "programme": programme,
            "post": post,
            "tags": post.tags.all(),
            "families": post.families.all(),
            "feed_url": reverse("news:feed", args=[slug]),
            "share_url": url,
            "share_title": post.title,
            "og_image": request.build_absolute_uri(
                reverse("news:post-image", args=[slug, post.number])
            )
            if post.image
            else "",
            "may_manage": request.user.has_perm("news.manage_posts", programme),
        },
    )


@require_GET
@login_when_anonymous
def post_image(request: HttpRequest, slug: str, number: int) -> FileResponse:
    programme = _programme(request, slug)
    post = _post(request, programme, number)
    if not post.image:
        raise Http404
    try:
        return FileResponse(post.image.open("rb"))
    except FileNotFoundError:
        raise Http404 from None


def programme_feed(request: HttpRequest, slug: str) -> HttpResponse:
    return feeds.ProgrammeFeed()(request, slug=slug)


def family_feed(request: HttpRequest, slug: str, family_slug: str) -> HttpResponse:
    return feeds.FamilyFeed()(request, slug=slug, family_slug=family_slug)


def tag_feed(request: HttpRequest, slug: str, value: str) -> HttpResponse:
    return feeds.TagFeed()(request, slug=slug, value=value)


# --- the office -------------------------------------------------------------------------------


@require_GET
@login_when_anonymous
def office_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug, "news.manage_posts")
    posts = Post.objects.visible_to(request.user, programme)
    suggestions = posts.filter(state=PostState.SUGGESTED).order_by("-created_at", "-number")
    page = Paginator(
        posts.exclude(state__in=[PostState.SUGGESTED, PostState.DISMISSED])
        .order_by("-published_at", "-number")
        .for_list(),
        PER_PAGE,
    ).get_page(request.GET.get("pagina"))
    return render(
        request,
        "news/office.html",
        {"programme": programme, "page": page, "suggestions": suggestions},
    )


def _form_page(request, programme, form, post=None, status=200):
    return render(
        request,
        "news/post_form.html",
        {"programme": programme, "form": form, "post": post},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_when_anonymous
def post_create(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug, "news.manage_posts")
    post = Post(programme=programme)
    form = PostForm(request.POST or None, request.FILES or None, instance=post, programme=programme)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        news.save_post(
            form.save(commit=False),
            publication=data["publication"],
            when=data.get("when"),
            families=data["families"],
            tags_text=data["tags_text"],
            by=request.user,
        )
        messages.success(request, _("Het bericht is opgeslagen."))
        return redirect("news:office", slug)
    return _form_page(request, programme, form, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
@login_when_anonymous
def post_edit(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    programme = _programme(request, slug, "news.manage_posts")
    post = _post(request, programme, number)
    reload_url = reverse("news:post-edit", args=[slug, post.number])
    if request.method != "POST":
        form = track(PostForm(instance=post, programme=programme), reload_url=reload_url)
        return _form_page(request, programme, form, post)
    with transaction.atomic():
        lock(post)
        form = PostForm(request.POST, request.FILES or None, instance=post, programme=programme)
        track(form, PostForm(instance=post, programme=programme), reload_url=reload_url)
        if form.stale:
            return _form_page(request, programme, form, post, status=CONFLICT)
        if form.is_valid():
            data = form.cleaned_data
            news.save_post(
                form.save(commit=False),
                publication=data["publication"],
                when=data.get("when"),
                families=data["families"],
                tags_text=data["tags_text"],
                by=request.user,
            )
            messages.success(request, _("Het bericht is opgeslagen."))
            return redirect("news:office", slug)
    return _form_page(request, programme, form, post, status=400)


def _suggestion(request, slug, number) -> tuple[Programme, Post]:
    programme = _programme(request, slug, "news.manage_posts")
    post = _post(request, programme, number)
    if post.state != PostState.SUGGESTED:
        raise PermissionDenied
    return programme, post


@require_POST
@login_when_anonymous
def suggestion_publish(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    _programme_, post = _suggestion(request, slug, number)
    news.publish_suggestion(post, by=request.user)
    messages.success(request, _("Het bericht '%(title)s' is gepubliceerd.") % {"title": post.title})
    return redirect("news:office", slug)


@require_POST
@login_when_anonymous
def suggestion_dismiss(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    _programme_, post = _suggestion(request, slug, number)
    news.dismiss_suggestion(post, by=request.user)
    messages.success(request, _("Het voorstel '%(title)s' is afgewezen.") % {"title": post.title})
    return redirect("news:office", slug)


# --- the newsletter: a subscriber's own link ----------------------------------------------------


def _subscription(token: str):
    """The subscription a signed link names; 404 for a forged or stale link."""
    subscription = newsletter.subscription_from_token(token)
    if subscription is None:
        raise Http404
    return subscription


# A mail program's one-click unsubscribe (RFC 8058) POSTs to this address from the mail server's
# side, with no cookies and no CSRF token; the signed token in the address is the only proof
# needed, and it grants nothing but leaving the list. So this view alone is exempt from CSRF.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    subscription = _subscription(token)
    if request.method == "POST":
        # Only a POST unsubscribes: link scanners that follow the GET change nothing.
        newsletter.unsubscribe(subscription)
        subscription.refresh_from_db(fields=["unsubscribed_at"])
    return render(
        request,
        "news/newsletter/unsubscribe.html",
        {"programme": subscription.programme, "subscription": subscription, "token": token},
    )


@require_http_methods(["GET", "POST"])
def subscription(request: HttpRequest, token: str) -> HttpResponse:
    subscription = _subscription(token)
    programme = subscription.programme
    form = SubscriptionForm(
        request.POST or None,
        programme=programme,
        initial={"families": subscription.families.all(), "format": subscription.format},
    )
    if request.method == "POST" and form.is_valid():
        newsletter.update_subscription(
            subscription,
            families=form.cleaned_data["families"],
            format=form.cleaned_data["format"],
        )
        messages.success(request, _("Uw abonnement is bijgewerkt."))
        return redirect("news:subscription", token)
    return render(
        request,
        "news/newsletter/subscription.html",
        {"programme": programme, "subscription": subscription, "form": form, "token": token},
    )


# --- the newsletter: the office's issues and the public archive --------------------------------


def _issue(request: HttpRequest, programme: Programme, number) -> Issue:
    """The issue with this number, when the user may read it (news.view_issue); 404 otherwise."""
    if parse_positive_int(number, maximum=MAX_INT) is None:
        raise Http404
    issue = get_object_or_404(
        Issue.objects.visible_to(request.user, programme).select_related("programme"),
        number=number,
    )
    if not request.user.has_perm("news.view_issue", issue):
        raise Http404
    return issue


def _draft(request: HttpRequest, slug: str, number) -> tuple[Programme, Issue]:
    programme = _programme(request, slug, "news.manage_newsletter")
    issue = _issue(request, programme, number)
    if issue.state != IssueState.DRAFT:
        raise PermissionDenied
    return programme, issue


@require_GET
@login_when_anonymous
def issue_archive(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    issues = (
        Issue.objects.filter(programme=programme)
        .sent()
        .select_related("programme")
        .order_by("-sent_at", "-number")
    )
    page = Paginator(issues, PER_PAGE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "news/newsletter/archive.html",
        {
            "programme": programme,
            "page": page,
            "may_manage": request.user.has_perm("news.manage_newsletter", programme),
        },
    )


@require_GET
@login_when_anonymous
def issue_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    programme = _programme(request, slug)
    issue = _issue(request, programme, number)
    return render(
        request,
        "news/newsletter/issue.html",
        {
            "programme": programme,
            "issue": issue,
            "posts": issue.posts.published().newest_first(),
        },
    )


@require_GET
@login_when_anonymous
def newsletter_office(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug, "news.manage_newsletter")
    issues = Issue.objects.filter(programme=programme).order_by("-number")
    page = Paginator(issues, PER_PAGE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "news/newsletter/office.html",
        {
            "programme": programme,
            "page": page,
            "counts": newsletter.counts(programme),
            "growth": newsletter.growth(programme),
        },
    )


def _issue_form_page(request, programme, form, issue=None, status=200):
    return render(
        request,
        "news/newsletter/issue_form.html",
        {"programme": programme, "form": form, "issue": issue},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_when_anonymous
def issue_create(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug, "news.manage_newsletter")
    form = IssueForm(request.POST or None, instance=Issue(programme=programme), programme=programme)
    if request.method == "POST" and form.is_valid():
        issue = newsletter.save_issue(
            form.save(commit=False),
            posts=form.cleaned_data["posts"],
            families=form.cleaned_data["families"],
            by=request.user,
        )
        messages.success(request, _("De nieuwsbrief is opgeslagen."))
        return redirect("news:issue-preview", slug, issue.number)
    return _issue_form_page(request, programme, form, status=400 if form.is_bound else 200)


@require_http_methods(["GET", "POST"])
@login_when_anonymous
def issue_edit(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    programme, issue = _draft(request, slug, number)
    reload_url = reverse("news:issue-edit", args=[slug, issue.number])
    if request.method != "POST":
        form = track(IssueForm(instance=issue, programme=programme), reload_url=reload_url)
        return _issue_form_page(request, programme, form, issue)
    with transaction.atomic():
        lock(issue)
        form = IssueForm(request.POST, instance=issue, programme=programme)
        track(form, IssueForm(instance=issue, programme=programme), reload_url=reload_url)
        if form.stale:
            return _issue_form_page(request, programme, form, issue, status=CONFLICT)
        if form.is_valid():
            newsletter.save_issue(
                form.save(commit=False),
                posts=form.cleaned_data["posts"],
                families=form.cleaned_data["families"],
                by=request.user,
            )
            messages.success(request, _("De nieuwsbrief is opgeslagen."))
            return redirect("news:issue-preview", slug, issue.number)
    return _issue_form_page(request, programme, form, issue, status=400)


@require_GET
@login_when_anonymous
def issue_preview(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """The issue as subscribers will get it (HTML and plain text), with the number of
    recipients it would go to now."""
    programme = _programme(request, slug, "news.manage_newsletter")
    issue = _issue(request, programme, number)
    rendered = newsletter.render_preview(issue)
    return render(
        request,
        "news/newsletter/preview.html",
        {
            "programme": programme,
            "issue": issue,
            "html": rendered["html"],
            "text": rendered["text"],
            "recipients": newsletter.recipients(issue).count()
            if issue.state == IssueState.DRAFT
            else issue.deliveries.count(),
            "sent": issue.deliveries.filter(sent_at__isnull=False).count(),
            "failed": issue.deliveries.filter(sent_at__isnull=True, attempts__gt=0).count(),
            "families": issue.families.all(),
        },
    )


@require_POST
@login_when_anonymous
def issue_test(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    programme = _programme(request, slug, "news.manage_newsletter")
    issue = _issue(request, programme, number)
    if not request.user.email:
        messages.error(request, _("Uw account heeft geen e-mailadres: er is geen test verstuurd."))
    else:
        newsletter.send_test_issue.enqueue(issue_id=issue.pk, email=request.user.email)
        messages.success(
            request, _("Een test gaat naar %(email)s.") % {"email": request.user.email}
        )
    return redirect("news:issue-preview", slug, issue.number)


@require_http_methods(["GET", "POST"])
@login_when_anonymous
def issue_send(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """A confirmation page with the number of recipients; its POST starts the sending."""
    programme, issue = _draft(request, slug, number)
    if request.method == "POST":
        try:
            total = newsletter.start_sending(issue)
        except newsletter.NotADraft:
            messages.error(request, _("Deze nieuwsbrief wordt al verzonden."))
        else:
            messages.success(
                request,
                _("De nieuwsbrief gaat naar %(count)s abonnees.") % {"count": total},
            )
        return redirect("news:issue-preview", slug, issue.number)
    return render(
        request,
        "news/newsletter/send.html",
        {
            "programme": programme,
            "issue": issue,
            "recipients": newsletter.recipients(issue).count(),
        },
    )
