"""A round table as an iCalendar file (RFC 5545), read back with a strict little parser."""

import datetime
import re

import pytest
from django.urls import reverse

from ..calendar import escape_text, fold, round_table_ics
from ..models import RoundTable

pytestmark = pytest.mark.django_db

AMSTERDAM = datetime.timezone(datetime.timedelta(hours=2))  # summer time


def parse(body: str) -> dict[str, str]:
    """Unfold, split and unescape content lines; repeated names would be an error here."""
    assert body.endswith("\r\n")
    assert "\n" not in body.replace("\r\n", "")
    for line in body.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75, line
    unfolded = re.sub(r"\r\n[ \t]", "", body)
    properties: dict[str, str] = {}
    for line in unfolded.split("\r\n")[:-1]:
        name, _sep, value = line.partition(":")
        if name in ("BEGIN", "END"):
            properties.setdefault(name, "")
            properties[name] += value + ";"
            continue
        assert name not in properties, name
        properties[name] = re.sub(
            r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value
        )
    return properties


@pytest.fixture
def round_table(world):
    starts = datetime.datetime(2016, 5, 12, 13, 30, tzinfo=AMSTERDAM)
    round_table = RoundTable.objects.create(
        programme=world.programme,
        title="Ronde tafel gemeenten; VNG, Den Haag",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2, minutes=30),
        location="Nieuwspoort, Lange Poten 10, Den Haag",
        online_url="https://vergader.example/d2017?x=1,2",
        agenda="1. Opening\n2. De voorzet: stap \\ 1; Súdwest-Fryslân " + "lang " * 30,
    )
    round_table.families.set([world.family])
    round_table.invited.set([world.organisation])
    return round_table


def download(client, round_table):
    path = reverse("consultation:roundtable-ics", args=[round_table.programme.slug, round_table.pk])
    return client.get(path)


def test_it_downloads_a_calendar_file(world, client_for, round_table, settings):
    settings.SITE_URL = "https://koers.example"
    response = download(client_for(None), round_table)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="ronde-tafel-' in response["Content-Disposition"]
    event = parse(response.content.decode("utf-8"))
    assert event["BEGIN"] == "VCALENDAR;VEVENT;"
    assert event["END"] == "VEVENT;VCALENDAR;"
    assert event["VERSION"] == "2.0"
    assert event["PRODID"] == "-//Koers//Ronde tafel//NL"
    assert event["UID"] == f"ronde-tafel-{round_table.pk}@koers.example"
    assert re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"])
    # 13:30 in Amsterdam summer time is 11:30 UTC.
    assert event["DTSTART"] == "20160512T113000Z"
    assert event["DTEND"] == "20160512T140000Z"
    assert event["SUMMARY"] == "Ronde tafel gemeenten; VNG, Den Haag"
    assert event["LOCATION"] == "Nieuwspoort, Lange Poten 10, Den Haag"
    assert event["URL"] == "http://testserver" + round_table.get_absolute_url()
    assert "De voorzet: stap \\ 1; Súdwest-Fryslân" in event["DESCRIPTION"]
    assert "Gemeenten" in event["DESCRIPTION"]


def test_it_gives_the_online_link_only_to_those_who_may_see_it(world, client_for, round_table):
    for name, user in world.personas():
        event = parse(download(client_for(user), round_table).content.decode())
        sees = name in {"office", "coordinator", "contributor", "council_member"}
        assert ("https://vergader.example/d2017?x=1,2" in event["DESCRIPTION"]) == sees, name


def test_it_keeps_the_uid_when_the_meeting_changes(world, client_for, round_table):
    before = parse(download(client_for(None), round_table).content.decode())["UID"]
    round_table.title = "Verplaatst"
    round_table.save()
    after = parse(download(client_for(None), round_table).content.decode())
    assert after["UID"] == before and after["SUMMARY"] == "Verplaatst"


def test_it_names_an_online_meeting_without_giving_the_link_away(world, client_for, round_table):
    round_table.location = ""
    round_table.save()
    public = parse(download(client_for(None), round_table).content.decode())
    assert public["LOCATION"] == "Online"
    office = parse(download(client_for(world.office), round_table).content.decode())
    assert office["LOCATION"] == "https://vergader.example/d2017?x=1,2"


def test_it_escapes_text_values():
    assert escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


def test_it_folds_without_splitting_characters():
    line = "DESCRIPTION:" + "é" * 100
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert "".join(p.removeprefix(" ") if i else p for i, p in enumerate(pieces)) == line


def test_it_writes_times_in_utc(world, round_table):
    body = round_table_ics(
        round_table,
        page_url="https://koers.example/x",
        include_online_url=False,
        now=datetime.datetime(2016, 1, 1, 0, 0, tzinfo=AMSTERDAM),
    )
    assert "DTSTAMP:20151231T220000Z\r\n" in body
