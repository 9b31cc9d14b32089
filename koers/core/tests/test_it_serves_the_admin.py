import html

import pytest

from koers.organisations.tests.factories import OrganisationFactory, UserFactory


@pytest.mark.django_db
def test_it_lets_functional_management_correct_the_register(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    org = OrganisationFactory(code="zb000117", official_name="UWV")
    client.force_login(admin)
    for url in [
        "/beheer/",
        "/beheer/organisations/organisation/",
        f"/beheer/organisations/organisation/{org.pk}/change/",
        f"/beheer/organisations/organisation/{org.pk}/history/",
        "/beheer/organisations/family/",
        "/beheer/accounts/role/",
    ]:
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_it_keeps_everyone_else_out_of_the_admin(client, world):
    client.force_login(world.office)
    assert client.get("/beheer/organisations/organisation/").status_code == 302


@pytest.mark.django_db
def test_it_calls_the_admin_koers(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = html.unescape(client.get("/beheer/").content.decode())
    assert "<title>Register, programma's en rollen beheren | Koers – beheer</title>" in page
    assert "Koers – beheer</a>" in page
    assert "Django" not in page
