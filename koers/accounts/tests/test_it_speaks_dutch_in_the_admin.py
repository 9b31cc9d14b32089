"""The admin (/beheer/) is Koers's and Dutch: every page the functional administrator opens —
the index, each app, each list, each form to add or change, each history — shows no English.

Django translates its own admin; what it does not (permissions, a few new strings) and what the
libraries bring untranslated (django-simple-history's pages, django-axes) is made Dutch in Koers.
"""

import datetime
import html
import re

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from koers.organisations.models import Succession
from koers.organisations.tests.factories import (
    FacilityAdoptionFactory,
    OrganisationFactory,
    UserFactory,
)

from ..admin import permission_label

pytestmark = pytest.mark.django_db

# English that showed in the Dutch admin, or that a model or field without a Dutch name shows.
ENGLISH = re.compile(
    r"\b("
    r"[Hh]istorical|Model name|Add link|Change or view|Can (add|change|delete|view)"
    r"|Programme|Organisation|Family|Facilit(y|ies)|Succession|Successor|Predecessor|Position"
    r"|Sort name|Slug|User|Username|Access|Attempt|Axes|Task|After you"
    r"|Change history|Revert|Date/time|Comment|Changed by|Change reason|Changes|Object"
    r"|Created|Changed|Deleted|None|entry|entries|Locked|Path"
    r"|Add|Change|View|History|Delete|Save|Home|Search"
    r")\b"
)


def visible_text(page: str) -> str:
    page = re.sub(r"(?s)<(script|style|template)\b.*?</\1>", " ", page)
    # Attributes a person reads too: titles, labels for screen readers, button values.
    shown = " ".join(re.findall(r'(?:title|aria-label|value|placeholder)="([^"]*)"', page))
    return html.unescape(re.sub(r"(?s)<[^>]+>", " ", page) + " " + shown)


def english_in(text: str) -> list[str]:
    return [text[max(m.start() - 40, 0) : m.end() + 20] for m in ENGLISH.finditer(text)]


def test_it_finds_english():
    assert english_in("Historical rol toevoegen") and english_in("Can add rol")
    assert not english_in("Historische gegevens van de organisatie toevoegen")


@pytest.fixture
def beheer(world):
    """The demo's functional administrator, with something on every page of the admin: an
    organisation that merged and was changed, an adoption, a group and a locked-out login."""
    world.organisation.staff = 4000
    world.organisation._history_user = world.office
    world.organisation.save()
    successor = OrganisationFactory(official_name="gemeente Opvolger", code="gm1999")
    Succession.objects.create(
        predecessor=world.organisation,
        successor=successor,
        date=datetime.date(2017, 1, 1),
        kind="samenvoeging",
    )
    FacilityAdoptionFactory(organisation=world.organisation)
    Group.objects.create(name="Redactie")
    AccessAttempt.objects.create(
        username="bureau",
        ip_address="192.0.2.1",
        user_agent="Firefox",
        path_info="/inloggen",
        get_data="",
        post_data="",
        http_accept="text/html",
        failures_since_start=5,
    )
    return UserFactory(username="beheer", is_staff=True, is_superuser=True)


def admin_pages() -> list[str]:
    """The index, and per registered model its app, list, new form, one object's form, that
    object's history and (where kept) one version of it."""
    urls = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        name = f"admin:{meta.app_label}_{meta.model_name}"
        urls.append(reverse("admin:app_list", args=[meta.app_label]))
        urls.append(reverse(f"{name}_changelist"))
        if model_admin.has_add_permission(_Request()):
            urls.append(reverse(f"{name}_add"))
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"nothing to open for {meta.label}"
        urls.append(reverse(f"{name}_change", args=[obj.pk]))
        urls.append(reverse(f"{name}_history", args=[obj.pk]))
        if hasattr(model, "history"):
            record = model.history.filter(id=obj.pk).first()
            urls.append(reverse(f"{name}_simple_history", args=[obj.pk, record.history_id]))
    return list(dict.fromkeys(urls))


class _Request:
    """Enough of a request for `has_add_permission` of a superuser."""

    class user:
        is_active = is_staff = is_superuser = True

        @staticmethod
        def has_perm(perm, obj=None):
            return True


def test_it_shows_every_page_of_the_admin_in_dutch(beheer, client_for):
    client = client_for(beheer)
    problems, opened = [], 0
    for url in admin_pages():
        response = client.get(url)
        assert response.status_code == 200, url
        opened += 1
        found = english_in(visible_text(response.content.decode()))
        if found:
            problems.append(f"{url}: {found[:3]}")
    assert not problems, "\n".join(problems)
    assert opened > 40


def test_it_is_branded_koers(beheer, client_for):
    page = client_for(beheer).get(reverse("admin:index")).content.decode()
    assert "Koers – beheer" in page and "Django" not in visible_text(page)


def test_it_names_permissions_in_dutch_and_only_for_what_it_manages(beheer, client_for):
    page = client_for(beheer).get(reverse("admin:auth_group_add")).content.decode()
    assert "Organisaties | organisatie | wijzigen" in page
    assert "Accounts en rollen | mislukte inlogpoging | verwijderen" in page
    # Nothing the admin does not manage: no history rows, no contributions.
    assert "inbreng" not in page and "geschiedenis" not in page.lower().split("<form")[1]


def test_it_labels_an_unknown_permission_by_its_own_name(beheer):
    permission = Group.permissions.field.related_model.objects.filter(codename="add_group").first()
    permission.codename = "publish_group"
    assert permission_label(permission) == str(permission)


def test_it_lifts_a_lockout_by_deleting_the_attempt(beheer, client_for):
    attempt = AccessAttempt.objects.get()
    client = client_for(beheer)
    listing = client.get(reverse("admin:accounts_loginattempt_changelist")).content.decode()
    assert "geblokkeerd" in listing and "bureau" in listing
    response = client.post(
        reverse("admin:accounts_loginattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()


def test_it_filters_the_register_on_what_exists_now(beheer, client_for, world):
    OrganisationFactory(official_name="gemeente Opgeheven", valid_until=datetime.date(2016, 12, 31))
    client = client_for(beheer)
    url = reverse("admin:organisations_organisation_changelist")
    now = client.get(url + "?geldig=nu").content.decode()
    ended = client.get(url + "?geldig=opgeheven").content.decode()
    assert "gemeente Utrecht" in now and "gemeente Opgeheven" not in now
    assert "gemeente Opgeheven" in ended and "gemeente Utrecht" not in ended
