"""A reviewer who names an organisation at sign-up says to be from it until a contributor of
that organisation (or the office) confirms. Until then the reactions do not count as the
organisation's participation, and public pages say "zegt te zijn van"."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.accounts.models import RoleKind
from koers.organisations.tests.factories import RoleFactory, UserFactory

from ..constants import Channel, OrganisationClaim, Publication
from ..coverage import families_coverage, organisations_coverage
from ..models import Contribution, Reviewer
from .test_it_signs_up_reviewers import make_draft, sign_up

API = "/api/v1/programmes/digitaal-2017/contributions"


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def claimant(world, organisation=None, name="Esther Meijer", **fields) -> Reviewer:
    return Reviewer.objects.create(
        programme=world.programme,
        email=f"{name.split()[0].lower()}@utrecht.nl",
        name=name,
        organisation=organisation or world.organisation,
        consent_text="Ja",
        consented_at=timezone.now(),
        confirmed_at=timezone.now(),
        **fields,
    )


def reaction(world, reviewer, paragraph=None) -> Contribution:
    contribution = Contribution.objects.create(
        programme=world.programme,
        channel=Channel.REVIEWER,
        reviewer=reviewer,
        organisation=reviewer.organisation,
        family=world.family,
        text="Meer hulp bij DigiD.",
        author_name=reviewer.name,
        publication=Publication.NAMED,
    )
    if paragraph is not None:
        contribution.paragraphs.add(paragraph)
    contribution.approve()
    contribution.save()
    return contribution


def judge_url(world, reviewer) -> str:
    return reverse("consultation:reviewer-claim-judge", args=[world.programme.slug, reviewer.pk])


def other_contributor(world):
    user = UserFactory(username="bijdrager-amsterdam")
    RoleFactory(
        user=user,
        programme=world.programme,
        kind=RoleKind.CONTRIBUTOR,
        organisation=world.other_organisation,
    )
    return user


def test_it_lets_that_organisation_and_the_office_confirm(world, client_for):
    personas = [*world.personas(), ("contributor_elsewhere", other_contributor(world))]
    expected = {"office": 302, "contributor": 302, "public": 302}
    for persona, user in personas:
        reviewer = claimant(world, name=f"{persona} Lezer")
        response = client_for(user).post(judge_url(world, reviewer), {"decision": "bevestigen"})
        reviewer.refresh_from_db()
        assert response.status_code == expected.get(persona, 403), persona
        if persona in ("office", "contributor"):
            assert reviewer.organisation_claim == OrganisationClaim.CONFIRMED
            assert reviewer.organisation_checked_by == user
            assert reviewer.organisation_checked_at is not None
        else:
            assert reviewer.organisation_claim == OrganisationClaim.CLAIMED, persona
        if user is None:
            assert "/inloggen" in response.url


def test_it_checks_the_permission_as_a_rule(world):
    reviewer = claimant(world)
    elsewhere = claimant(world, organisation=world.other_organisation, name="Anna Amsterdam")
    contributor, office = world.contributor, world.office
    assert contributor.has_perm("consultation.confirm_reviewer_organisation", reviewer)
    assert not contributor.has_perm("consultation.confirm_reviewer_organisation", elsewhere)
    assert office.has_perm("consultation.confirm_reviewer_organisation", elsewhere)
    assert not world.coordinator.has_perm("consultation.confirm_reviewer_organisation", reviewer)
    assert not world.reviewer.has_perm("consultation.confirm_reviewer_organisation", reviewer)


def test_it_lists_each_contributor_only_the_claims_on_their_organisation(world, client_for):
    own = claimant(world)
    claimant(world, organisation=world.other_organisation, name="Anna Amsterdam")
    url = reverse("consultation:reviewer-claims", args=[world.programme.slug])

    response = client_for(world.contributor).get(url)
    assert response.status_code == 200
    assert [r.pk for r in response.context["page"].object_list] == [own.pk]
    page = response.content.decode()
    # Name and domain to recognise a colleague; the address itself stays with the office.
    assert "Esther Meijer" in page and "@utrecht.nl" in page
    assert "esther@utrecht.nl" not in page and "Anna" not in page

    office = client_for(world.office).get(url)
    assert len(office.context["page"].object_list) == 2
    assert "esther@utrecht.nl" in office.content.decode()

    for persona in ("coordinator", "council_member", "reviewer", "outsider"):
        user = dict(world.personas())[persona]
        assert client_for(user).get(url).status_code == 403, persona
    assert "/inloggen" in client_for(None).get(url).url


def test_it_records_a_rejection_and_shows_it_apart(world, client_for):
    reviewer = claimant(world)
    client = client_for(world.contributor)
    client.post(judge_url(world, reviewer), {"decision": "afwijzen"})
    reviewer.refresh_from_db()
    assert reviewer.organisation_claim == OrganisationClaim.REJECTED
    assert reviewer.organisation_checked_by == world.contributor
    url = reverse("consultation:reviewer-claims", args=[world.programme.slug])
    assert list(client.get(url).context["page"].object_list) == []
    rejected = client.get(url, {"status": "afgewezen"}).context["page"].object_list
    assert list(rejected) == [reviewer]
    response = client.post(judge_url(world, reviewer), {"decision": "misschien"})
    assert response.status_code == 302
    reviewer.refresh_from_db()
    assert reviewer.organisation_claim == OrganisationClaim.REJECTED


def test_it_counts_a_reviewer_for_the_organisation_only_once_confirmed(world, client_for):
    reviewer = claimant(world)
    reaction(world, reviewer)

    def reacted():
        [row] = [
            o
            for o in organisations_coverage(world.programme, world.family)
            if o.pk == world.organisation.pk
        ]
        [family] = families_coverage(world.programme)
        return row.reacted, row.contribution_count, family.reacted

    assert reacted() == (False, 0, 0)
    client_for(world.contributor).post(judge_url(world, reviewer), {"decision": "bevestigen"})
    assert reacted() == (True, 1, 1)
    client_for(world.office).post(judge_url(world, reviewer), {"decision": "afwijzen"})
    assert reacted() == (False, 0, 0)


def test_it_says_to_be_from_until_confirmed_on_public_pages(world, client_for):
    _version, paragraph = make_draft(world)
    reviewer = claimant(world)
    contribution = reaction(world, reviewer, paragraph)
    url = reverse(
        "consultation:version-paragraph-reactions",
        args=[world.programme.slug, paragraph.version.number, paragraph.anchor],
    )
    page = client_for(None).get(url).content.decode()
    assert "Esther Meijer, zegt te zijn van gemeente Utrecht" in page
    [shown] = client_for(None).get(API).json()["results"]
    assert shown["organisation"] is None and shown["claimedOrganisation"] == "gm0344"

    detail = client_for(world.office).get(contribution.get_absolute_url()).content.decode()
    assert "niet bevestigd" in detail

    client_for(world.contributor).post(judge_url(world, reviewer), {"decision": "bevestigen"})
    page = client_for(None).get(url).content.decode()
    assert "Esther Meijer, gemeente Utrecht" in page and "zegt te zijn van" not in page
    detail = client_for(world.office).get(contribution.get_absolute_url()).content.decode()
    assert "niet bevestigd" not in detail
    [shown] = client_for(None).get(API).json()["results"]
    assert shown["organisation"] == "gm0344" and shown["claimedOrganisation"] is None

    client_for(world.office).post(judge_url(world, reviewer), {"decision": "afwijzen"})
    page = client_for(None).get(url).content.decode()
    assert "gemeente Utrecht" not in page
    assert contribution.pk == client_for(None).get(API).json()["results"][0]["id"]


def test_it_asks_again_when_an_unconfirmed_sign_up_names_another_organisation(world):
    sign_up(cache_free_client(), world, organisation_name="gm0344")
    reviewer = Reviewer.objects.get(email="lezer@example.org")
    Reviewer.objects.filter(pk=reviewer.pk).update(organisation_claim=OrganisationClaim.CONFIRMED)
    sign_up(cache_free_client(), world, organisation_name="gm0363")
    reviewer.refresh_from_db()
    assert reviewer.organisation == world.other_organisation
    assert reviewer.organisation_claim == OrganisationClaim.CLAIMED


def test_it_shows_the_claims_page_in_a_constant_number_of_queries(world, client_for):
    url = reverse("consultation:reviewer-claims", args=[world.programme.slug])
    client = client_for(world.office)
    counts = []
    for n in (2, 30):
        for i in range(n):
            reviewer = claimant(world, name=f"Lezer{len(counts)}x{i} Test")
            if i % 2:
                client.post(judge_url(world, reviewer), {"decision": "afwijzen"})
        with CaptureQueriesContext(connection) as queries:
            client.get(url, {"status": "afgewezen"})
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_it_links_the_claims_page_for_contributors(world, client_for):
    page = client_for(world.contributor).get(world.programme.get_absolute_url())
    assert (
        reverse("consultation:reviewer-claims", args=[world.programme.slug])
        in page.content.decode()
    )
    page = client_for(world.council_member).get(world.programme.get_absolute_url())
    assert (
        reverse("consultation:reviewer-claims", args=[world.programme.slug])
        not in page.content.decode()
    )


def cache_free_client():
    cache.clear()
    return Client()
