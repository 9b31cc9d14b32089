"""When a version becomes a concept, every reviewer who reacted hears what was done with it."""

from django.core import mail
from django.utils import timezone

from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion
from koers.agenda.services import move_version
from koers.consultation.constants import Channel
from koers.consultation.models import Contribution, Reviewer
from koers.organisations.tests.factories import UserFactory, without_council


def _reviewer(programme, email, **extra):
    return Reviewer.objects.create(
        programme=programme,
        email=email,
        user=UserFactory(),
        consent_text="Ja.",
        consented_at=timezone.now(),
        **extra,
    )


def _to_draft(version):
    AgendaVersion.objects.filter(pk=version.pk).update(state=VersionState.DRAFT)
    version.refresh_from_db()
    return version


def test_reviewers_who_reacted_get_a_mail_with_the_links(
    example, django_capture_on_commit_callbacks
):
    programme = example.world.programme
    now = timezone.now()
    silent = _reviewer(programme, "stil@example.org", confirmed_at=now)  # no reactions
    gone = _reviewer(programme, "weg@example.org", confirmed_at=now, anonymised_at=now)
    unconfirmed = _reviewer(programme, "nog-niet@example.org")
    for reviewer in (gone, unconfirmed):
        Contribution.objects.create(
            programme=programme,
            version=example.version,
            channel=Channel.REVIEWER,
            text="Ook iets.",
            reviewer=reviewer,
        )
    version = _to_draft(example.version)
    with django_capture_on_commit_callbacks(execute=True):
        move_version(version, VersionState.CONCEPT, by=example.world.office)

    assert [m.to for m in mail.outbox] == [["meelezer@example.org"]]
    message = mail.outbox[0]
    assert "verwerkt" in message.subject and programme.name in message.subject
    assert "Beste Mees Lezer," in message.body
    assert "Van uw 2 reacties zijn er 2 verwerkt." in message.body
    assert f"/programmas/{programme.slug}/versies/1/reactienota" in message.body
    assert f"/programmas/{programme.slug}/meelezen/mijn-reacties/verwerking" in message.body
    html = message.alternatives[0][0]
    assert 'lang="nl"' in html and "/reactienota" in html
    assert silent.email not in str([m.to for m in mail.outbox])


def test_no_mail_when_a_concept_is_adopted(example, django_capture_on_commit_callbacks):
    without_council(example.version)
    with django_capture_on_commit_callbacks(execute=True):
        move_version(example.version, VersionState.ADOPTED, by=example.world.office)
    assert mail.outbox == []
