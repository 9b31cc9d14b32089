"""Numbers typed in the agenda's forms and addresses: other scripts' digits and numbers too
large for the database are a message or are ignored, never a server error."""

import pytest
from django.urls import reverse

from koers.agenda.models import Step

pytestmark = pytest.mark.django_db

HUGE = "9" * 30  # past 2**63 - 1: SQLite raises OverflowError on it


def test_it_reports_a_contribution_number_too_large_to_exist(agenda, client_for):
    client = client_for(agenda.world.office)
    create = reverse("drafting:step-create", args=[agenda.programme.slug, agenda.concept.number])
    typed = {"title": "X", "summary": "Y", "contribution_ids": f"{agenda.published.pk}, {HUGE}"}
    response = client.post(create, typed)
    assert response.status_code == 400
    assert f"geen inbreng met nummer {HUGE}" in response.content.decode()
    ticked = {"title": "X", "summary": "Y", "contributions": [HUGE]}
    response = client.post(create, ticked)
    assert response.status_code == 400
    assert response.context["trace"].has_error("contributions", "invalid_pk_value")
    assert not Step.objects.filter(version=agenda.concept, title="X").exists()


def test_it_reads_only_ascii_digits_in_a_typed_list(agenda, client_for):
    client = client_for(agenda.world.office)
    create = reverse("drafting:step-create", args=[agenda.programme.slug, agenda.concept.number])
    # "٣" (Arabic-Indic three) is no contribution number; the field keeps what was typed.
    response = client.post(create, {"title": "X", "summary": "Y", "contribution_ids": "٣"})
    assert response.status_code == 302
    assert Step.objects.filter(version=agenda.concept, title="X").exists()


@pytest.mark.parametrize("van", ["²", "٣", HUGE, "-1", "0", ""])
def test_it_compares_the_default_pair_for_a_number_it_cannot_read(agenda, client_for, van):
    compare = reverse("drafting:version-compare", args=[agenda.programme.slug])
    response = client_for(agenda.world.office).get(compare, {"van": van, "naar": "2"})
    assert response.status_code == 200
    assert response.context["comparison"].older == agenda.draft
