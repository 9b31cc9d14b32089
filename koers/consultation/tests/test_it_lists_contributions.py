import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ..constants import Channel, Stance
from ..models import Contribution

READERS = {"office", "council_member"}


def contribute(world, n=1, **fields):
    fields = {
        "programme": world.programme,
        "channel": Channel.IMPORT,
        "text": "Maak de websites gebruiksvriendelijker",
        "organisation": world.organisation,
        "family": world.family,
    } | fields
    return [Contribution.objects.create(**fields) for _ in range(n)]


@pytest.mark.parametrize(
    "name",
    [
        "consultation:contribution-list",
        "consultation:contribution-export",
        "consultation:contribution-detail",
    ],
)
def test_it_lets_only_the_office_and_the_council_read(world, client_for, name):
    [contribution] = contribute(world)
    args = [world.programme.slug] + (
        [contribution.pk] if name == "consultation:contribution-detail" else []
    )
    url = reverse(name, args=args)
    for persona, user in world.personas():
        response = client_for(user).get(url)
        if persona in READERS:
            assert response.status_code == 200, persona
        elif user is None:
            assert response.status_code == 302 and "/inloggen" in response.url
        else:
            assert response.status_code == 403, persona


def test_it_answers_404_for_another_programmes_contribution(world, client_for):
    from koers.organisations.tests.factories import ProgrammeFactory

    other = ProgrammeFactory()
    [contribution] = contribute(world, programme=other)
    url = reverse("consultation:contribution-detail", args=[world.programme.slug, contribution.pk])
    assert client_for(world.office).get(url).status_code == 404


def test_it_filters_and_searches(world, client_for):
    contribute(world, 2)
    contribute(
        world,
        text="Het loket blijft nodig naast digitaal",
        channel=Channel.EMAIL,
        stance=Stance.CONCERN,
        organisation=world.other_organisation,
    )
    contribute(world, text="Verborgen loket-tekst", is_hidden=True, hidden_reason="privé")
    client = client_for(world.office)
    url = reverse("consultation:contribution-list", args=[world.programme.slug])
    assert client.get(url).context["page"].paginator.count == 4
    assert client.get(url, {"zoek": "loket"}).context["page"].paginator.count == 2
    assert client.get(url, {"kanaal": "e-mail"}).context["page"].paginator.count == 1
    assert client.get(url, {"soort": "zorg"}).context["page"].paginator.count == 1
    assert client.get(url, {"organisatie": "gm0363"}).context["page"].paginator.count == 1
    assert client.get(url, {"familie": world.family.pk}).context["page"].paginator.count == 4
    assert client.get(url, {"zichtbaarheid": "verborgen"}).context["page"].paginator.count == 1
    assert client.get(url, {"zichtbaarheid": "zichtbaar"}).context["page"].paginator.count == 3
    assert client.get(url, {"van": "2000-01-01"}).context["page"].paginator.count == 4
    assert client.get(url, {"tot": "2000-01-01"}).context["page"].paginator.count == 0


def test_it_keeps_bad_filters_and_says_what_is_wrong(world, client_for):
    contribute(world)
    url = reverse("consultation:contribution-list", args=[world.programme.slug])
    response = client_for(world.office).get(url, {"van": "31-02-2016", "organisatie": "gm9999"})
    assert response.status_code == 200
    assert "DD-MM-JJJJ" in response.content.decode()
    assert response.context["form"]["van"].value() == "31-02-2016"
    assert response.context["page"].paginator.count == 0


def test_it_shows_hidden_text_only_to_moderators(world, client_for):
    [hidden] = contribute(world, text="Naam en telefoonnummer van een ambtenaar", is_hidden=True)
    url = reverse("consultation:contribution-list", args=[world.programme.slug])
    assert "telefoonnummer" in client_for(world.office).get(url).content.decode()
    # Hidden input is for those who moderate: the council sees neither its text nor its row,
    # and its page is refused.
    council = client_for(world.council_member).get(url)
    assert "telefoonnummer" not in council.content.decode()
    assert hidden not in council.context["page"].object_list
    assert client_for(world.council_member).get(hidden.get_absolute_url()).status_code == 403


def test_it_asks_a_constant_number_of_queries(world, client_for):
    client = client_for(world.office)
    url = reverse("consultation:contribution-list", args=[world.programme.slug])
    counts = []
    for n in (5, 45):
        contribute(world, n)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    [contribution] = contribute(world)
    detail = reverse(
        "consultation:contribution-detail", args=[world.programme.slug, contribution.pk]
    )
    with CaptureQueriesContext(connection) as few:
        client.get(detail)
    for n in range(5):
        contribution.text = f"Versie {n}"
        contribution.save()
    with CaptureQueriesContext(connection) as many:
        client.get(detail)
    assert len(few) == len(many)


def test_it_pages_by_fifty(world, client_for):
    contribute(world, 51)
    url = reverse("consultation:contribution-list", args=[world.programme.slug])
    response = client_for(world.office).get(url, {"pagina": 2})
    assert len(response.context["page"].object_list) == 1
    assert "51 bijdragen gevonden" in response.content.decode()


def test_it_downloads_exactly_what_the_filters_show(world, client_for):
    contribute(world, 3)
    contribute(world, text='=HYPERLINK("x") via e-mail', channel=Channel.EMAIL)
    url = reverse("consultation:contribution-export", args=[world.programme.slug])
    response = client_for(world.office).get(url, {"kanaal": "e-mail"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 2
    assert rows[1][8].startswith("'=HYPERLINK")  # no formulas in a spreadsheet
    assert rows[1][4] == "gm0344"


def test_it_shows_the_source_and_paragraphs_on_the_detail(world, client_for):
    from ..importing import import_contributions

    import_contributions(
        world.programme, b"text,organisation\nUit een bestand,gm0344\n", "bron.csv"
    )
    contribution = Contribution.objects.get()
    url = reverse("consultation:contribution-detail", args=[world.programme.slug, contribution.pk])
    page = client_for(world.office).get(url).content.decode()
    assert "bron.csv" in page and "gemeente Utrecht" in page and "Geschiedenis" in page
