import pytest
from django.db import connection
from django.urls import reverse

from ..constants import Channel
from ..models import Contribution


def contribute(world, text):
    return Contribution.objects.create(programme=world.programme, channel=Channel.IMPORT, text=text)


def test_it_finds_contributions_by_word(world):
    loket = contribute(world, "Het fysieke loket blijft nodig voor ouderen")
    contribute(world, "Alles moet digitaal")
    assert list(Contribution.objects.search("loket")) == [loket]
    assert list(Contribution.objects.search("LOKET ouderen")) == [loket]
    assert Contribution.objects.search("").count() == 2
    assert Contribution.objects.search("%%").count() == 2  # no words: no filter


def test_it_follows_edits_and_deletions(world):
    contribution = contribute(world, "Eerste tekst over de balie")
    contribution.text = "Nu over het portaal"
    contribution.save()
    assert not Contribution.objects.search("balie").exists()
    assert Contribution.objects.search("portaal").get() == contribution
    contribution.delete()
    assert not Contribution.objects.search("portaal").exists()


def test_it_matches_prefixes_and_ignores_accents_on_sqlite(world):
    if connection.vendor != "sqlite":
        pytest.skip("prefix matching is the SQLite search")
    found = contribute(world, "Een gebruiksvriendelijke website voor iedereen, ook in één keer")
    assert Contribution.objects.search("gebruiksvriendelijk").get() == found
    assert Contribution.objects.search("een keer").get() == found


def test_it_finds_dutch_inflections_on_postgresql(world):
    if connection.vendor != "postgresql":
        pytest.skip("Dutch stemming is the PostgreSQL search")
    found = contribute(world, "De gemeenten willen hun websites verbeteren")
    assert Contribution.objects.search("gemeente").get() == found
    assert Contribution.objects.search("verbetering").get() == found


def test_it_searches_from_the_list_page(world, client_for):
    contribute(world, "Aandacht voor toegankelijkheid van formulieren")
    contribute(world, "Iets anders")
    url = reverse("consultation:contribution-list", args=[world.programme.slug])
    response = client_for(world.office).get(url, {"zoek": "toegankelijkheid"})
    assert response.context["page"].paginator.count == 1


def test_it_finds_the_same_inside_another_query(world):
    # A search is a condition on the row (PostgreSQL) or on the row's id (SQLite): it holds
    # when its query is a subquery of another, or is combined with a second one.
    found = contribute(world, "Digitale toegankelijkheid van formulieren.")
    other = contribute(world, "Een balie in elk gemeentehuis.")
    searched = Contribution.objects.search("toegankelijkheid")
    inside = Contribution.objects.filter(pk__in=searched.values("pk"))
    assert list(inside) == [found]
    either = searched | Contribution.objects.filter(pk=other.pk)
    assert set(either) == {found, other}
    assert list(Contribution.objects.exclude(pk__in=searched.values("pk"))) == [other]
