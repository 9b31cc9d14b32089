"""The tally (koers/synthesis/tally.py) holds, after every kind of write, exactly what counting the
rows gives: one contribution saved, moderated, moved, merged, split, disposed one by one and in
bulk, an import, an analysis, and a disposition or assignment taken away."""

import io
import threading
import time
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from koers.consultation.constants import Channel, Publication
from koers.consultation.importing import import_contributions
from koers.consultation.models import Contribution
from koers.consultation.services import hide_contribution, record_contribution, unhide_contribution
from koers.organisations.constants import Moderation
from koers.organisations.tests.factories import UserFactory

from .. import tally
from ..constants import Outcome
from ..dispositions import dispose, dispose_campaign, dispose_theme, undisposed
from ..models import Disposition, Tally, ThemeAssignment, ThemeVoice
from ..overview import theme_overview
from ..processing import open_count, processing_overview
from ..services import merge_themes, move_campaign, move_contributions, split_theme


def kept(programme_id: int) -> Counter:
    found = Counter()
    for row in tally.read(programme_id):
        found[tuple(getattr(row, c) for c in tally.COLUMNS)] = row.n
    return found


def counted(programme_id: int) -> Counter:
    return +tally.cells(Contribution.objects.filter(programme_id=programme_id))


def kept_voices(programme_id: int) -> Counter:
    rows = ThemeVoice.objects.filter(programme_key=programme_id).exclude(n=0)
    return Counter({tuple(getattr(r, c) for c in tally.VOICE_COLUMNS): r.n for r in rows})


def counted_voices(programme_id: int) -> Counter:
    """Counted row by row here, not by the module under test."""
    found = Counter()
    rows = Contribution.objects.filter(
        programme_id=programme_id, organisation__isnull=False, theme_assignment__isnull=False
    ).values_list("theme_assignment__theme_id", "organisation_id", "is_hidden")
    for theme, organisation, hidden in rows:
        found[programme_id, theme, organisation, hidden] += 1
    return found


def assert_true(programme) -> None:
    assert kept(programme.pk) == counted(programme.pk)
    assert kept_voices(programme.pk) == counted_voices(programme.pk)


def test_it_counts_every_write_as_counting_the_rows_would(sorted_input):
    s = sorted_input
    programme, office = s.world.programme, s.world.office
    assert_true(programme)
    before = counted(programme.pk)
    assert sum(before.values()) == 11
    # Input from organisations, so that the theme voices have something to follow.
    for n, pk in enumerate([*s.website_ids, *s.water_ids, s.hidden_id]):
        row = Contribution.objects.get(pk=pk)
        row.organisation = [s.world.organisation, s.world.other_organisation][n % 2]
        row.save()
    assert sum(kept_voices(programme.pk).values()) == 10
    assert_true(programme)

    new = record_contribution(
        programme, text="Nieuwe inbreng over formulieren", channel=Channel.EMAIL, by=office
    )
    assert_true(programme)
    hide_contribution(new, reason="Dubbel", by=office)
    assert_true(programme)
    unhide_contribution(new, by=office)
    assert_true(programme)

    dispose([s.loose_id, new.pk], Outcome.ADOPTED, "Opgenomen in stap 2.", by=office)
    assert_true(programme)
    dispose_theme(s.water, Outcome.COVERED, "Staat al in de agenda.", by=office)
    assert_true(programme)
    dispose_campaign(s.campaign, Outcome.NOT_ADOPTED, "Buiten de opdracht.", by=office)
    assert_true(programme)
    dispose([s.water_ids[0]], Outcome.PARTLY, "Deels: alleen de portalen.", by=office)
    assert_true(programme)

    move_contributions([s.loose_id, s.water_ids[1]], s.websites, by=office)
    assert_true(programme)
    move_campaign(s.campaign, s.water, by=office)
    assert_true(programme)
    split = split_theme(s.websites, s.website_ids[2:4], "Toegankelijkheid", by=office)
    assert_true(programme)
    merge_themes(s.websites, [split, s.water], by=office)
    assert_true(programme)

    Disposition.objects.get(contribution_id=s.loose_id).delete()
    ThemeAssignment.objects.get(contribution_id=s.water_ids[2]).delete()
    assert_true(programme)

    data = (
        b"tekst,organisatie,familie\n"
        b"Maak websites gebruiksvriendelijker,gm0344,\n"
        b"Sluit aan op MijnOverheid,,gemeenten\n"
    )
    result = import_contributions(programme, data, "inbreng.csv", by=office)
    assert result.created == 2
    assert_true(programme)

    # The overviews read the tally: a person's moves and the hidden text show as they are.
    overview = theme_overview(programme)
    (websites,) = [r for r in overview.rows if r.theme.pk == s.websites.pk]
    members = ThemeAssignment.objects.filter(theme=s.websites, contribution__is_hidden=False)
    assert websites.size == members.count() == 9
    assert websites.by_people == members.filter(assigned_by__isnull=False).count() == 7
    assert overview.unassigned == 1 + 1 + 2  # the assignment taken away, the new one, the import
    processing = processing_overview(programme)
    assert processing.total.total == Contribution.objects.filter(is_hidden=False).count() == 13
    assert processing.total.by_outcome[Outcome.PARTLY] == 1


def test_the_command_counts_again_what_was_changed_by_hand(sorted_input):
    programme = sorted_input.world.programme
    # A change in the database that bypassed every signal.
    Tally.objects.filter(programme_key=programme.pk).update(n=0)
    assert kept(programme.pk) == Counter()
    out = io.StringIO()
    call_command("recount", programme.slug, stdout=out)
    assert out.getvalue() == f"{programme.slug}: counted again\n"
    assert_true(programme)
    with pytest.raises(CommandError, match="no programme with the slug: onbekend"):
        call_command("recount", "onbekend")


def test_cells_of_a_list_are_read_a_part_at_a_time(sorted_input, monkeypatch):
    s = sorted_input
    monkeypatch.setattr(tally, "IDS_AT_ONCE", 2)
    office = UserFactory()
    dispose([*s.website_ids, *s.water_ids], Outcome.ADOPTED, "Opgenomen.", by=office)
    assert_true(s.world.programme)


def test_the_open_count_is_what_the_open_list_holds(sorted_input):
    s = sorted_input
    programme, office = s.world.programme, s.world.office
    dispose([s.water_ids[0], s.website_ids[0]], Outcome.ADOPTED, "Opgenomen.", by=office)
    open_input = undisposed(Contribution.objects.filter(programme=programme))
    cases = [
        ({}, open_input),
        ({"families": [s.provinces]}, open_input.filter(family=s.provinces)),
        ({"family": s.world.family}, open_input.filter(family=s.world.family)),
        ({"theme": s.water.pk}, open_input.filter(theme_assignment__theme=s.water)),
        ({"theme": 0}, open_input.filter(theme_assignment__isnull=True)),
        (
            {"family": s.provinces, "theme": s.websites.pk},
            open_input.filter(family=s.provinces, theme_assignment__theme=s.websites),
        ),
    ]
    for filters, expected in cases:
        assert open_count(programme, **filters) == expected.count() > 0, filters


def test_a_theme_names_who_raise_it_most_from_the_counts_as_from_its_rows(sorted_input, client_for):
    """Who reads all visible input gets the families and organisations from the tally and the
    theme voices; counted from the rows over what they read, they are the same."""
    from ..views.themes import _explain

    s = sorted_input
    world = s.world
    organisations = [world.organisation, world.other_organisation]
    for n, pk in enumerate([*s.website_ids, s.hidden_id]):
        row = Contribution.objects.get(pk=pk)
        row.organisation = organisations[n % 3 == 0]
        row.save()
    families, raised = tally.most_raised_by(s.websites)
    assert families == [("Gemeenten", 4), ("Provincies", 2)]
    assert [n for _name, n in raised] == [4, 2]  # the hidden one is not counted
    visible = Contribution.objects.filter(programme=world.programme).visible()
    by_rows = _explain(s.websites, visible, [], None, all_visible=False)
    assert (by_rows["families"], by_rows["organisations"]) == (families, raised)
    for user in (world.office, world.council_member):
        response = client_for(user).get(s.websites.get_absolute_url())
        assert response.status_code == 200
        explained = response.context["explained"]
        assert (explained["families"], explained["organisations"]) == (families, raised), user


@pytest.mark.parametrize("moderation", [Moderation.PRE, Moderation.POST])
def test_the_published_counts_are_what_the_published_lists_hold(sorted_input, client, moderation):
    """The API pages its published contributions and their dispositions on counts read from
    the tally: under either way of moderating, with every filter it counts by, they are the
    numbers of the rows the lists hold."""
    s = sorted_input
    programme, office = s.world.programme, s.world.office
    programme.moderation, programme.is_public = moderation, True
    programme.save()
    consents = [Publication.NAMED, Publication.ANONYMOUS, Publication.NONE]
    for n, row in enumerate(Contribution.objects.filter(programme=programme).order_by("pk")):
        row.publication = consents[n % 3]
        if n % 4 == 0:  # a reader's reaction: public once the office approved a text
            row.channel, row.published_text = Channel.REVIEWER, row.text if n % 8 == 0 else ""
        row.save()
    dispose([s.loose_id, *s.water_ids[:2]], Outcome.ADOPTED, "Opgenomen.", by=office)
    dispose(s.website_ids[:3], Outcome.NOT_ADOPTED, "Valt buiten de agenda.", by=office)
    published = Contribution.objects.published_in(programme)
    decided = Disposition.objects.filter(contribution__in=published)
    api = f"/api/v1/programmes/{programme.slug}"

    def listed(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.content)
        if "paragraph" not in url:  # every other filter is counted in the tally, not the rows
            counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
            assert all("synthesis_tally" in sql for sql in counts), counts
        return response.json()["count"]

    contribution_cases = [
        ("", published),
        (f"?family={s.provinces.slug}", published.filter(family=s.provinces)),
        (f"?family={s.world.family.slug}", published.filter(family=s.world.family)),
    ]
    disposition_cases = [
        ("", decided),
        (f"?family={s.provinces.slug}", decided.filter(contribution__family=s.provinces)),
        (f"?theme={s.water.pk}", decided.filter(contribution__theme_assignment__theme=s.water)),
        (f"?outcome={Outcome.NOT_ADOPTED}", decided.filter(outcome=Outcome.NOT_ADOPTED)),
        (
            f"?family={s.world.family.slug}&outcome={Outcome.ADOPTED}&theme={s.websites.pk}",
            decided.none(),
        ),
        ("?family=onbekend", decided.none()),
    ]
    for change in ["as made", "consent withdrawn", "reaction approved"]:
        for query, rows in contribution_cases:
            assert listed(f"{api}/contributions{query}") == rows.count(), (change, query)
        for query, rows in disposition_cases:
            assert listed(f"{api}/dispositions{query}") == rows.count(), (change, query)
        assert published.count() > 0 and decided.count() > 0
        if change == "as made":
            withdrawn = published.filter(disposition__isnull=False).first()
            withdrawn.publication = Publication.NONE
            withdrawn.save()
        elif change == "consent withdrawn":
            waiting = Contribution.objects.filter(
                programme=programme, channel=Channel.REVIEWER, published_text=""
            ).exclude(publication=Publication.NONE)
            for reaction in waiting:
                reaction.published_text = reaction.text
                reaction.save()
        assert_true(programme)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite runs one writing transaction at a time"
)
def test_two_people_deciding_on_one_contribution_at_once_are_both_counted_once(sorted_input):
    """The second reads the cell the first left: it waits for the first's lock."""
    s = sorted_input
    programme, office = s.world.programme, s.world.office
    pk = s.loose_id
    dispose([pk], Outcome.PARTLY, "Eerst deels.", by=office)
    first_written, first_may_commit = threading.Event(), threading.Event()
    errors = []

    def first():
        try:
            with transaction.atomic():
                dispose([pk], Outcome.ADOPTED, "Toch overgenomen.", by=office)
                first_written.set()
                first_may_commit.wait(10)
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    def second():
        try:
            first_written.wait(10)
            dispose([pk], Outcome.NOT_ADOPTED, "Niet overgenomen.", by=office)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_written.wait(10)
    time.sleep(0.5)  # the second is now waiting for the first's lock
    first_may_commit.set()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Disposition.objects.get(contribution_id=pk).outcome == Outcome.NOT_ADOPTED
    assert_true(programme)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite runs one writing transaction at a time"
)
def test_two_people_changing_one_contribution_at_once_are_both_counted_once(sorted_input):
    """A save of one contribution (a model signal, not a bulk write) waits for the other's lock
    too: both the tally and the theme voices count from the state the first left."""
    s = sorted_input
    pk = s.website_ids[0]
    first_written, first_may_commit = threading.Event(), threading.Event()
    errors = []

    def move(family, organisation, *, hold: bool):
        try:
            with transaction.atomic():
                row = Contribution.objects.get(pk=pk)
                row.family, row.organisation = family, organisation
                row.save()
                if hold:
                    first_written.set()
                    first_may_commit.wait(10)
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    def second():
        first_written.wait(10)
        move(s.world.family, s.world.other_organisation, hold=False)

    threads = [
        threading.Thread(
            target=move, args=(s.provinces, s.world.organisation), kwargs={"hold": True}
        ),
        threading.Thread(target=second),
    ]
    for thread in threads:
        thread.start()
    first_written.wait(10)
    time.sleep(0.5)  # the second is now waiting for the first's lock
    first_may_commit.set()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Contribution.objects.get(pk=pk).organisation == s.world.other_organisation
    assert_true(s.world.programme)
