"""Text that moderation hid reaches nobody but those who moderate, through any channel of the
consultation: the list and its search, the CSV download, the attachment, the detail page, the
round table, the trace of a version and the public API. One rule decides which contribution a
role may read (consultation.view_contribution; Contribution.objects.visible_to for lists)."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from koers.organisations.tests.factories import ProgrammeFactory

from ..constants import Channel, Publication
from ..models import Contribution, Reviewer, RoundTable

pytestmark = pytest.mark.django_db

WORD = "zeppelinkwestie"  # occurs only in the hidden text
AUTHOR = "Xandra Verborgenheim"  # only the hidden contribution has this author


def _contribution(world, **fields) -> Contribution:
    return Contribution.objects.create(
        **{
            "programme": world.programme,
            "channel": Channel.IMPORT,
            "text": "Maak de websites gebruiksvriendelijker.",
            "organisation": world.organisation,
            "family": world.family,
            "publication": Publication.NAMED,
        }
        | fields
    )


@pytest.fixture
def hidden(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    contribution = _contribution(
        world,
        text=f"Over de {WORD}: bel mij op 06-12345678.",
        author_name=AUTHOR,
        is_hidden=True,
        hidden_reason="persoonsgegevens",
        attachment=SimpleUploadedFile("bijlage.pdf", b"%PDF-1.4 " + WORD.encode()),
    )
    _contribution(world, text="Een zichtbare reactie.")
    return contribution


def test_it_finds_hidden_text_only_for_those_who_moderate(world, client_for, hidden):
    url = reverse("consultation:contribution-list", args=[world.programme.slug])
    for user, found in ((world.office, 1), (world.council_member, 0)):
        page = client_for(user).get(url, {"zoek": WORD}).context["page"]
        assert page.paginator.count == found, user


def test_it_leaves_hidden_input_out_of_the_csv_for_the_council(world, client_for, hidden):
    url = reverse("consultation:contribution-export", args=[world.programme.slug])

    def download(user) -> str:
        response = client_for(user).get(url)
        return b"".join(response.streaming_content).decode()

    office = download(world.office)
    assert WORD in office and AUTHOR in office
    council = download(world.council_member)
    assert WORD not in council and AUTHOR not in council
    assert "Een zichtbare reactie." in council


def test_it_serves_a_hidden_attachment_only_to_those_who_moderate(world, client_for, hidden):
    url = reverse("consultation:contribution-attachment", args=[world.programme.slug, hidden.pk])
    office = client_for(world.office).get(url)
    assert office.status_code == 200
    assert WORD.encode() in b"".join(office.streaming_content)
    assert client_for(world.council_member).get(url).status_code == 403
    assert client_for(world.outsider).get(url).status_code == 403


def test_it_refuses_the_page_of_hidden_input_to_the_council(world, client_for, hidden):
    assert client_for(world.office).get(hidden.get_absolute_url()).status_code == 200
    assert client_for(world.council_member).get(hidden.get_absolute_url()).status_code == 403
    processing = reverse("synthesis:contribution-dispose", args=[world.programme.slug, hidden.pk])
    assert client_for(world.office).get(processing).status_code == 200
    assert client_for(world.council_member).get(processing).status_code == 403


def test_it_leaves_hidden_input_off_the_round_table_for_the_council(world, client_for, hidden):
    now = timezone.now()
    table = RoundTable.objects.create(
        programme=world.programme,
        title="Ronde tafel",
        location="Utrecht",
        starts_at=now,
        ends_at=now + datetime.timedelta(hours=2),
    )
    table.families.add(world.family)
    Contribution.objects.filter(pk=hidden.pk).update(round_table=table)
    url = table.get_absolute_url()
    assert AUTHOR in client_for(world.office).get(url).content.decode()
    council = client_for(world.council_member).get(url).content.decode()
    assert AUTHOR not in council and WORD not in council


def test_it_keeps_hidden_input_out_of_the_public_api(world, client, hidden):
    response = client.get(f"/api/v1/programmes/{world.programme.slug}/contributions")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Een zichtbare reactie." in body
    assert WORD not in body and AUTHOR not in body


def test_it_keeps_the_predicate_and_the_list_in_step(world):
    """For every persona, has_perm("consultation.view_contribution") says yes exactly for the
    contributions Contribution.objects.visible_to lists."""
    reviewer = Reviewer.objects.create(
        programme=world.programme,
        user=world.reviewer,
        email="r@example.org",
        name="R",
        consent_text="ja",
        consented_at=timezone.now(),
        confirmed_at=timezone.now(),
    )
    other = ProgrammeFactory(slug="ander", is_public=False)
    made = [
        _contribution(world),  # published
        _contribution(world, publication=Publication.NONE),
        _contribution(world, is_hidden=True),
        _contribution(
            world, channel=Channel.REVIEWER, reviewer=reviewer, publication=Publication.NONE
        ),
        _contribution(world, channel=Channel.REVIEWER, reviewer=reviewer, is_hidden=True),
        _contribution(world, programme=other),
    ]
    expected = {
        # (published, unpublished, hidden, own unpublished, own hidden, other programme)
        "office": [True, True, True, True, True, False],
        "council_member": [True, True, False, True, False, False],
        "reviewer": [True, False, False, True, True, False],
        "coordinator": [True, False, False, False, False, False],
        "contributor": [True, False, False, False, False, False],
        "outsider": [True, False, False, False, False, False],
        "public": [True, False, False, False, False, False],
    }
    for name, user in world.personas():
        user = user or AnonymousUser()
        listed = set(Contribution.objects.visible_to(user, world.programme)) | set(
            Contribution.objects.visible_to(user, other)
        )
        for contribution, want in zip(made, expected[name], strict=True):
            allowed = user.has_perm("consultation.view_contribution", contribution)
            assert allowed is want, (name, contribution.text, contribution.is_hidden)
            assert (contribution in listed) is want, (name, contribution.text)
