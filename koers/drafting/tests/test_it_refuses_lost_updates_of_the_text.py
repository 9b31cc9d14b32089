"""Two people on one form of the consultation: the later save of an older form is refused with
409, shows both texts and keeps what was typed; sending it again overwrites on purpose."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.agenda import services as versions
from koers.agenda.models import AgendaVersion, Paragraph, Section
from koers.consultation.models import RoundTable
from koers.core.tests.stale import assert_refuses_lost_update, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(world):
    version = versions.create_version(world.programme, title="Voorzet", by=world.office)
    versions.import_markdown(
        version, "## Dienstverlening\n\nEen.\n\nTwee.\n\n## Voorzieningen\n\nDrie."
    )
    return version


def first_section(version) -> Section:
    return version.sections.order_by("position").first()


def first_paragraph(version) -> Paragraph:
    return first_section(version).paragraphs.order_by("position").first()


def test_it_refuses_a_stale_version_title(world, client_for, version):
    url = reverse("drafting:version-edit", args=[world.programme.slug, version.number])

    def colleague():
        versions.update_version(version, introduction="Van de collega.", by=world.office)

    def edit(data):
        data["introduction"] = "Mijn inleiding."

    assert_refuses_lost_update(
        client_for(world.office),
        url,
        colleague=colleague,
        edit=edit,
        typed="Mijn inleiding.",
        kept=lambda: AgendaVersion.objects.get(pk=version.pk).introduction == "Van de collega.",
    )


def test_a_version_save_writes_only_the_changed_field(world, client_for, version):
    client = client_for(world.office)
    url = reverse("drafting:version-edit", args=[world.programme.slug, version.number])
    data = form_data(client.get(url))
    data["title"] = "Nieuwe titel"
    with CaptureQueriesContext(connection) as queries:
        assert client.post(url, data).status_code == 302
    updates = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "agenda_agendaversion"')]
    assert len(updates) == 1
    assert '"title"' in updates[0] and '"introduction"' not in updates[0]


def test_it_refuses_a_stale_section_title(world, client_for, version):
    section = first_section(version)
    url = reverse(
        "drafting:version-section-edit", args=[world.programme.slug, version.number, section.anchor]
    )

    def colleague():
        Section.objects.filter(pk=section.pk).update(title="Titel van de collega")

    def edit(data):
        data["title"] = "Mijn titel"

    assert_refuses_lost_update(
        client_for(world.office),
        url,
        colleague=colleague,
        edit=edit,
        typed="Mijn titel",
        kept=lambda: Section.objects.get(pk=section.pk).title == "Titel van de collega",
    )


def test_it_refuses_a_stale_paragraph(world, client_for, version):
    paragraph = first_paragraph(version)
    url = reverse(
        "drafting:version-paragraph-edit",
        args=[world.programme.slug, version.number, paragraph.anchor],
    )

    def colleague():
        Paragraph.objects.filter(pk=paragraph.pk).update(text="Tekst van de collega.")

    def edit(data):
        data["text"] = "Mijn tekst & meer."

    response = assert_refuses_lost_update(
        client_for(world.office),
        url,
        colleague=colleague,
        edit=edit,
        typed="Mijn tekst & meer.",
        kept=lambda: Paragraph.objects.get(pk=paragraph.pk).text == "Tekst van de collega.",
    )
    # Side by side: what is stored now, next to what was typed.
    assert "Tekst van de collega." in response.content.decode()


def test_a_paragraph_moved_to_another_section_takes_a_free_position(world, client_for, version):
    paragraph = first_paragraph(version)
    target = version.sections.order_by("position").last()
    client = client_for(world.office)
    url = reverse(
        "drafting:version-paragraph-edit",
        args=[world.programme.slug, version.number, paragraph.anchor],
    )
    data = form_data(client.get(url))
    data["section"] = str(target.pk)
    assert client.post(url, data).status_code == 302
    positions = list(target.paragraphs.values_list("position", flat=True))
    assert sorted(positions) == [0, 1]


def make_round_table(world) -> RoundTable:
    start = timezone.now() + datetime.timedelta(days=7)
    round_table = RoundTable.objects.create(
        programme=world.programme,
        title="Ronde tafel gemeenten",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location="Den Haag",
    )
    round_table.families.set([world.family])
    return round_table


def test_it_refuses_a_stale_round_table(world, client_for):
    round_table = make_round_table(world)
    url = reverse("consultation:roundtable-edit", args=[world.programme.slug, round_table.pk])

    def colleague():
        RoundTable.objects.filter(pk=round_table.pk).update(location="Utrecht, Stadskantoor")

    def edit(data):
        data["location"] = "Zwolle"

    assert_refuses_lost_update(
        client_for(world.office),
        url,
        colleague=colleague,
        edit=edit,
        typed="Zwolle",
        kept=lambda: RoundTable.objects.get(pk=round_table.pk).location == "Utrecht, Stadskantoor",
    )


def test_it_refuses_stale_minutes(world, client_for):
    round_table = make_round_table(world)
    url = reverse("consultation:roundtable-minutes", args=[world.programme.slug, round_table.pk])

    def colleague():
        RoundTable.objects.filter(pk=round_table.pk).update(minutes="Verslag van de collega.")

    def edit(data):
        data["minutes"] = "Mijn verslag."

    assert_refuses_lost_update(
        client_for(world.office),
        url,
        colleague=colleague,
        edit=edit,
        typed="Mijn verslag.",
        kept=lambda: RoundTable.objects.get(pk=round_table.pk).minutes == "Verslag van de collega.",
    )
