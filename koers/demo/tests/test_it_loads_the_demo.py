import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from koers.accounts.models import NewsletterSubscription, Role, RoleKind
from koers.demo.texts import texts
from koers.news.models import Delivery, Issue, Post
from koers.organisations.models import FacilityAdoption, Family, Programme

COUNCIL_MEMBERS = texts("council")["members"]


@pytest.mark.django_db
def test_it_loads_the_digitaal_2017_programme_idempotently(demo, settings):
    # `demo` ran `koers demo` once (conftest.py); this is the second time.
    adoptions = FacilityAdoption.objects.count()
    news = [Post.objects.count(), Issue.objects.count(), Delivery.objects.count()]
    subscribers = NewsletterSubscription.objects.count()
    call_command("demo", stdout=io.StringIO())

    programme = Programme.objects.get(slug="digitaal-2017")
    assert programme.council.name == "Regieraad Dienstverlening"
    assert programme.deadline == datetime.date(2017, 12, 31)
    families = {f.slug: f for f in Family.objects.filter(programme=programme)}
    assert list(families) == [
        "gemeenten",
        "provincies",
        "waterschappen",
        "beleidsdepartementen",
        "kleine-uitvoeringsorganisaties",
        "grote-uitvoeringsorganisaties",
    ]
    on = datetime.date(2026, 11, 28)
    assert families["gemeenten"].members(on).count() == 342
    assert families["provincies"].members(on).count() == 12
    assert families["beleidsdepartementen"].members(datetime.date(2015, 6, 26)).count() == 11
    large = set(
        families["grote-uitvoeringsorganisaties"].members(on).values_list("abbreviation", flat=True)
    )
    assert {"Belastingdienst", "UWV", "SVB", "DUO", "RDW"} <= large
    small = families["kleine-uitvoeringsorganisaties"].members(on)
    assert not small.filter(abbreviation__in=large).exists()
    assert small.filter(abbreviation="Logius").exists()

    # One account per role, more voices in the council, and the second run added nothing.
    assert set(Role.objects.filter(programme=programme).values_list("kind", flat=True)) == set(
        RoleKind.values
    )
    assert Role.objects.count() == len(RoleKind.values) + len(COUNCIL_MEMBERS)
    assert (
        get_user_model()
        .objects.filter(username="bijdrager")
        .get()
        .check_password(settings.DEMO_PASSWORD)
    )
    assert FacilityAdoption.objects.count() == adoptions > 1000
    assert [Post.objects.count(), Issue.objects.count(), Delivery.objects.count()] == news
    assert NewsletterSubscription.objects.count() == subscribers > 0
