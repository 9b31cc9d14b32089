"""The office closes a reporting round: nobody reports after it, the closing is stored with who
and when (in the round's history too), and its progress report counts as published: the news
stream gets a suggestion."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from koers.core import events
from koers.news.constants import PostState
from koers.news.models import Post

from .. import services as monitoring
from ..models import ProgressReport
from .helpers import SLUG, report

pytest_plugins = ["koers.monitoring.tests.helpers"]


def url(name, *args):
    return reverse(f"monitoring:{name}", args=[SLUG, *args])


def test_the_office_closes_a_round_and_its_report_is_announced(
    monitored, client_for, django_capture_on_commit_callbacks
):
    world = monitored.world
    period = monitored.round.period
    page = client_for(world.office).get(url("round-detail", period))
    assert "Rapportageronde sluiten" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.office).post(url("round-close", period))
    assert response.status_code == 302
    monitored.round.refresh_from_db()
    assert monitored.round.closed_by == world.office
    assert monitored.round.closed_at is not None
    assert monitored.round.history.latest().closed_by_id == world.office.pk
    post = Post.objects.get(programme=world.programme, event_kind=events.PROGRESS_PUBLISHED)
    assert post.state == PostState.SUGGESTED
    assert post.event_url == reverse("documents:progress-report", args=[SLUG, period])
    shown = client_for(world.office).get(url("round-detail", period)).content.decode()
    assert "Rapportageronde sluiten" not in shown
    assert "de voortgangsrapportage is gepubliceerd" in shown

    # Closing again is refused in words, and announces nothing twice.
    with pytest.raises(ValidationError, match="is gesloten op"):
        monitoring.close_round(monitored.round, by=world.office)
    again = client_for(world.office).post(url("round-close", period), follow=True)
    assert "is gesloten op" in again.content.decode()
    assert Post.objects.filter(event_kind=events.PROGRESS_PUBLISHED).count() == 1


@pytest.mark.parametrize("persona", ["coordinator", "contributor", "council_member", "outsider"])
def test_only_the_office_closes_a_round(monitored, client_for, persona):
    world = monitored.world
    page = client_for(getattr(world, persona)).get(url("round-detail", monitored.round.period))
    assert "Rapportageronde sluiten" not in page.content.decode()
    response = client_for(getattr(world, persona)).post(url("round-close", monitored.round.period))
    assert response.status_code == 403
    monitored.round.refresh_from_db()
    assert monitored.round.closed_at is None


def test_contributors_cannot_report_after_closing(monitored, client_for):
    world = monitored.world
    report(monitored.commitment, monitored.round, percent=40, by=world.contributor)
    monitoring.close_round(monitored.round, by=world.office)
    with pytest.raises(ValidationError, match="is gesloten op"):
        report(monitored.commitment, monitored.round, percent=60, by=world.contributor)
    form_url = url(
        "report-create", world.organisation.code, monitored.commitment.pk, monitored.round.period
    )
    client = client_for(world.contributor)
    for response in (client.get(form_url, follow=True), client.post(form_url, {}, follow=True)):
        assert response.status_code == 200
        assert "is gesloten op" in response.content.decode()
    progress = client.get(url("organisation-progress", world.organisation.code)).content.decode()
    assert form_url not in progress
    assert list(ProgressReport.objects.values_list("percent", flat=True)) == [40]
