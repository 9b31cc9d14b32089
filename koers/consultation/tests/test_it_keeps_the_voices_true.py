"""The voices (koers/consultation/voices.py) hold, after every kind of write, exactly what
counting the contributions that speak for each organisation gives: input recorded, moved to
another organisation and deleted, a reviewer's claim confirmed and rejected, a reviewer deleted,
an import, and a change by hand counted again by `koers recount`."""

import io
from collections import Counter

from django.core.management import call_command
from django.utils import timezone

from koers.organisations.tests.factories import OrganisationFactory

from ..constants import Channel, OrganisationClaim
from ..coverage import families_coverage, organisations_coverage
from ..importing import import_contributions
from ..models import Contribution, Reviewer, Voice
from ..services import judge_reviewer_organisation, record_contribution


def kept(programme) -> Counter:
    return Counter(
        {
            (v.programme_key, v.organisation_key): v.n
            for v in Voice.objects.filter(programme_key=programme.pk).exclude(n=0)
        }
    )


def spoken(programme) -> Counter:
    """Counted from the rows by the rule itself, not by the module under test."""
    found = Counter()
    for row in Contribution.objects.filter(programme=programme, organisation__isnull=False):
        if Contribution.objects.filter(pk=row.pk).speaking_for_organisation().exists():
            found[programme.pk, row.organisation_id] += 1
    return found


def assert_true(programme) -> None:
    assert kept(programme) == spoken(programme)


def test_it_counts_every_write_as_counting_the_rows_would(world):
    programme, office = world.programme, world.office
    utrecht, amsterdam = world.organisation, world.other_organisation
    record_contribution(
        programme,
        text="Graag eerder betrekken",
        channel=Channel.EMAIL,
        by=office,
        organisation=utrecht,
    )
    moved = record_contribution(
        programme,
        text="Meer tijd voor de aansluiting",
        channel=Channel.EMAIL,
        by=office,
        organisation=utrecht,
    )
    assert kept(programme) == Counter({(programme.pk, utrecht.pk): 2})
    moved.organisation = amsterdam
    moved.save()
    assert kept(programme) == Counter(
        {(programme.pk, utrecht.pk): 1, (programme.pk, amsterdam.pk): 1}
    )

    # A reviewer's reaction speaks for the organisation only while the claim is confirmed.
    reviewer = Reviewer.objects.create(
        programme=programme,
        email="an@example.org",
        name="An de Vries",
        organisation=amsterdam,
        organisation_claim=OrganisationClaim.CLAIMED,
        consent_text="Ja",
        consented_at=timezone.now(),
        confirmed_at=timezone.now(),
    )
    for text in ("Eens met stap 2", "Zorg over de kosten"):
        Contribution.objects.create(
            programme=programme,
            channel=Channel.REVIEWER,
            text=text,
            reviewer=reviewer,
            organisation=amsterdam,
            submitted_at=timezone.now(),
        )
    assert kept(programme)[programme.pk, amsterdam.pk] == 1
    judge_reviewer_organisation(reviewer, confirmed=True, by=office)
    assert kept(programme)[programme.pk, amsterdam.pk] == 3
    assert_true(programme)
    judge_reviewer_organisation(reviewer, confirmed=True, by=office)  # again: no change
    assert kept(programme)[programme.pk, amsterdam.pk] == 3
    judge_reviewer_organisation(Reviewer.objects.get(pk=reviewer.pk), confirmed=False, by=office)
    assert kept(programme)[programme.pk, amsterdam.pk] == 1
    judge_reviewer_organisation(Reviewer.objects.get(pk=reviewer.pk), confirmed=True, by=office)
    Reviewer.objects.get(pk=reviewer.pk).delete()  # the reactions stay, no longer anyone's
    assert kept(programme)[programme.pk, amsterdam.pk] == 1
    assert_true(programme)

    moved.delete()
    assert_true(programme)
    OrganisationFactory(code="gm0599", official_name="gemeente Rotterdam")
    data = (
        b"tekst,organisatie,familie\n"
        b"Maak websites gebruiksvriendelijker,gm0344,\n"
        b"Sluit aan op MijnOverheid,gm0599,\n"
        b"Zonder organisatie,,gemeenten\n"
    )
    assert import_contributions(programme, data, "inbreng.csv", by=office).created == 3
    assert sum(kept(programme).values()) == 3
    assert_true(programme)


def test_coverage_reads_who_spoke_from_the_voices(world):
    programme, office = world.programme, world.office
    for _ in range(3):
        record_contribution(
            programme,
            text="Inbreng",
            channel=Channel.EMAIL,
            by=office,
            organisation=world.organisation,
        )
    (row,) = families_coverage(programme)
    assert (row.reacted, row.took_part) == (1, 1)
    counts = {
        o.pk: (o.reacted, o.contribution_count)
        for o in organisations_coverage(programme, world.family)
    }
    assert counts == {world.organisation.pk: (True, 3), world.other_organisation.pk: (False, 0)}
    # Coverage counts the voices, not the rows: a count out of step shows, until recounted.
    Voice.objects.filter(programme_key=programme.pk).update(n=0)
    (row,) = families_coverage(programme)
    assert row.reacted == 0
    call_command("recount", programme.slug, stdout=io.StringIO())
    (row,) = families_coverage(programme)
    assert row.reacted == 1
    assert_true(programme)
