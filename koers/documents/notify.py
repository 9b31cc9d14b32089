"""Telling reviewers that their input was answered, when a version becomes a concept.

Listens to koers.agenda.signals.version_moved (sent after the move is committed), so the
consultation never imports this app. Mail goes through the task queue, one message per reviewer.
"""

from django.conf import settings
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion
from koers.consultation.models import Reviewer
from koers.core.tasks import send_email

from .report import answered_input_q


def _absolute(path: str) -> str:
    # SITE_URL, never a request's Host header: a forged Host must not end up in a mail.
    return settings.SITE_URL.rstrip("/") + path


def notify_reviewers(version: AgendaVersion) -> int:
    """Mail every confirmed, not anonymised reviewer who reacted; returns how many were mailed."""
    programme = version.programme
    answered = answered_input_q(version, "contributions__")
    reviewers = (
        Reviewer.objects.filter(
            programme=programme, confirmed_at__isnull=False, anonymised_at__isnull=True
        )
        .exclude(email="")
        .annotate(
            reactions=Count("contributions", filter=answered, distinct=True),
            answered=Count(
                "contributions",
                filter=answered & Q(contributions__disposition__isnull=False),
                distinct=True,
            ),
        )
        .filter(reactions__gt=0)
        .order_by("pk")
    )
    report_link = (
        _absolute(reverse("documents:response-report", args=[programme.slug, version.number]))
        if programme.is_public
        else ""
    )
    own_link = _absolute(reverse("documents:reviewer-dispositions", args=[programme.slug]))
    subject = _("Uw reacties op %(programme)s zijn verwerkt") % {"programme": programme.name}
    sent = 0
    for reviewer in reviewers:
        context = {
            "programme": programme,
            "version": version,
            "reviewer": reviewer,
            "report_link": report_link,
            "own_link": own_link,
        }
        send_email.enqueue(
            subject=subject,
            body=render_to_string("documents/email/concept_published.txt", context),
            to=[reviewer.email],
            html_body=render_to_string("documents/email/concept_published.html", context),
        )
        sent += 1
    return sent


def on_version_moved(sender, version=None, previous=None, by=None, **kwargs):
    if version is not None and version.state == VersionState.CONCEPT and previous != version.state:
        notify_reviewers(version)
