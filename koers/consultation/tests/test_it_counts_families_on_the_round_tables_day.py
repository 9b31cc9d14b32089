"""Coverage counts a family as it was on the day of its latest round table, not as it is today.

A consultation of 2016 was held with the municipalities of 2016: one that merged away since still
counts (and its attendance with it), and the municipality the merger made does not count yet.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from koers.organisations.constants import Kind
from koers.organisations.tests.factories import FamilyFactory, OrganisationFactory

from ..coverage import counting_days, families_coverage, organisations_coverage
from ..models import RoundTable

pytestmark = pytest.mark.django_db

MERGED = datetime.date(2017, 1, 1)


def meeting(world, day: datetime.date, *, invited=(), attended=()) -> RoundTable:
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    table = RoundTable.objects.create(
        programme=world.programme,
        title=f"Ronde tafel {day}",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location="Utrecht",
    )
    table.families.set([world.family])
    table.invited.set(invited)
    table.attended.set(attended)
    return table


@pytest.fixture
def merger(world):
    """Veghel existed until the end of 2016; Meierijstad from 2017; Ede all along (undated)."""
    veghel = OrganisationFactory(
        official_name="gemeente Veghel", code="gm0860", valid_until=MERGED - datetime.timedelta(1)
    )
    meierijstad = OrganisationFactory(
        official_name="gemeente Meierijstad", code="gm1948", valid_from=MERGED
    )
    OrganisationFactory(official_name="gemeente Ede", code="gm0228")
    return veghel, meierijstad


def test_it_counts_the_family_on_the_day_of_its_latest_round_table(world, merger):
    veghel, _meierijstad = merger
    meeting(world, datetime.date(2016, 3, 1))
    meeting(world, datetime.date(2016, 6, 14), invited=[veghel], attended=[veghel])

    [municipalities] = families_coverage(world.programme, [world.family])

    assert municipalities.counted_on == datetime.date(2016, 6, 14)
    # Utrecht, Amsterdam, Ede and Veghel; not Meierijstad, which did not exist yet.
    assert (municipalities.members, municipalities.attended) == (4, 1)
    names = [o.official_name for o in organisations_coverage(world.programme, world.family)]
    assert "gemeente Veghel" in names and "gemeente Meierijstad" not in names


def test_it_counts_a_family_without_a_round_table_today(world, merger):
    provinces = FamilyFactory(programme=world.programme, slug="provincies", kinds=[Kind.PROVINCE])
    OrganisationFactory(kind=Kind.PROVINCE, official_name="provincie Utrecht")
    meeting(world, datetime.date(2016, 6, 14))
    # A meeting still to come is not the day of the consultation yet.
    meeting(world, timezone.localdate() + datetime.timedelta(days=30))

    days = counting_days(world.programme, [world.family, provinces])

    assert days == {world.family.pk: datetime.date(2016, 6, 14), provinces.pk: timezone.localdate()}
    municipalities, province_family = families_coverage(world.programme, [world.family, provinces])
    assert municipalities.counted_on == datetime.date(2016, 6, 14)
    assert (province_family.members, province_family.counted_on) == (1, timezone.localdate())


def test_it_counts_today_without_any_round_table(world, merger):
    [municipalities] = families_coverage(world.programme, [world.family])
    assert municipalities.counted_on == timezone.localdate()
    # Utrecht, Amsterdam, Ede and Meierijstad: Veghel is gone.
    assert municipalities.members == 4
    names = [o.official_name for o in organisations_coverage(world.programme, world.family)]
    assert "gemeente Meierijstad" in names and "gemeente Veghel" not in names


def test_it_shows_the_counting_day(world, merger, client_for):
    meeting(world, datetime.date(2016, 6, 14))
    client = client_for(world.office)
    slug = world.programme.slug
    overview = client.get(reverse("consultation:coverage-programme", args=[slug]))
    assert "14 juni 2016" in overview.content.decode()
    family = client.get(reverse("consultation:coverage-family", args=[slug, "gemeenten"]))
    content = family.content.decode()
    assert "4 op 14 juni 2016 (peildatum)" in content
    assert "gemeente Veghel" in content and "gemeente Meierijstad" not in content
    export = client.get(reverse("consultation:coverage-programme-export", args=[slug, "csv"]))
    header, row = export.content.decode("utf-8-sig").splitlines()[:2]
    assert header.endswith(",Peildatum") and row.endswith(",2016-06-14")


def test_it_invites_and_offers_the_family_as_it_was_on_the_meeting_day(world, merger, client_for):
    veghel, meierijstad = merger
    client = client_for(world.office)
    data = {
        "title": "Ronde tafel gemeenten",
        "families": [str(world.family.pk)],
        "version": "",
        "starts_at": "2016-06-14 10:00",
        "ends_at": "2016-06-14 12:00",
        "location": "Utrecht",
        "online_url": "",
        "agenda": "* Opening",
    }
    response = client.post(reverse("consultation:roundtable-create", args=["digitaal-2017"]), data)
    assert response.status_code == 302
    table = RoundTable.objects.get(title="Ronde tafel gemeenten")
    invited = set(table.invited.values_list("official_name", flat=True))
    assert "gemeente Veghel" in invited and "gemeente Meierijstad" not in invited

    page = reverse("consultation:roundtable-invitations", args=["digitaal-2017", table.pk])
    html = client.get(page).content.decode()
    assert f'value="{veghel.pk}"' in html and f'value="{meierijstad.pk}"' not in html
