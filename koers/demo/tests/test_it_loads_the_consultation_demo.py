"""The demo consultation: a Digitaal 2017 draft, round tables, reviewers and varied input.

The real register and the demo are loaded once for the package (conftest.py); each test then
runs in its own transaction.
"""

import datetime
import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion, Paragraph, Section
from koers.consultation.constants import Channel, OrganisationClaim, Publication
from koers.consultation.models import Contribution, ImportBatch, Reviewer, RoundTable
from koers.organisations.models import Family

from ..consultation import CLOSES, DEFAULT_CONTRIBUTIONS, OPENS, SURVEY_DATE

CONTRIBUTIONS = DEFAULT_CONTRIBUTIONS  # the demo of conftest.py


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            AgendaVersion,
            Section,
            Paragraph,
            RoundTable,
            Reviewer,
            ImportBatch,
            Contribution,
            Contribution.history.model,
        )
    }


@pytest.mark.django_db
def test_it_loads_a_draft_agenda_open_for_reactions_with_tailored_paragraphs(demo):
    version = AgendaVersion.objects.get(programme=demo, number=1)
    assert version.state == VersionState.DRAFT
    assert version.consultation_opens_at.date() == datetime.date(2015, 6, 1)
    # Open in the demo, so a meelezer can try reacting; the input itself dates from 2015.
    assert version.consultation_closes_at > timezone.now() + datetime.timedelta(days=60)
    assert version.is_open_for_consultation()
    assert "2017" in version.introduction
    assert 5 <= version.sections.count() <= 7
    paragraphs = list(version.paragraphs.prefetch_related("families"))
    assert 25 <= len(paragraphs) <= 40
    assert all(2 <= p.text.count(". ") + 1 <= 6 for p in paragraphs)
    tailored = {f.slug for p in paragraphs for f in p.families.all()}
    assert tailored == set(Family.objects.filter(programme=demo).values_list("slug", flat=True))
    text = " ".join(p.text for p in paragraphs)
    for facility in ("DigiD", "eHerkenning", "MijnOverheid", "Berichtenbox", "basisregistraties"):
        assert facility in text


@pytest.mark.django_db
def test_it_holds_a_round_table_for_every_family(demo):
    for family in Family.objects.filter(programme=demo):
        tables = list(RoundTable.objects.filter(families=family))
        assert tables, family.slug
        members = set(family.members(SURVEY_DATE).values_list("pk", flat=True))
        for table in tables:
            assert datetime.date(2015, 6, 1) <= table.starts_at.date() <= datetime.date(2015, 7, 31)
            assert table.location or table.online_url
            assert table.agenda and table.minutes
            invited = set(table.invited.values_list("pk", flat=True))
            attended = set(table.attended.values_list("pk", flat=True))
            assert invited <= members
            assert attended <= invited
            assert len(attended) > len(invited) / 2
            spoken = table.contributions.all()
            assert spoken.count() >= 3
            # Speakers are named by function and organisation, never by a personal name.
            assert all(", " in c.author_name for c in spoken)
            assert all(c.organisation_id in attended for c in spoken)
    large = RoundTable.objects.get(title__contains="grote en middelgrote")
    assert large.invited.filter(short_name="Utrecht").exists()


@pytest.mark.django_db
def test_it_has_fifty_confirmed_reviewers_with_reactions(demo):
    reviewers = Reviewer.objects.filter(programme=demo)
    assert reviewers.count() == 50
    assert not reviewers.filter(confirmed_at__isnull=True).exists()
    assert not reviewers.filter(consent_text="").exists()
    assert 5 < reviewers.filter(organisation__isnull=False).count() < 45
    assert reviewers.filter(user__username="meelezer").exists()
    for reviewer in reviewers:
        reactions = reviewer.contributions.all()
        assert 1 <= reactions.count() <= 6
        assert all(r.channel == Channel.REVIEWER for r in reactions)
    reactions = Contribution.objects.filter(channel=Channel.REVIEWER)
    assert len(set(reactions.values_list("stance", flat=True))) >= 3
    assert len(set(reactions.values_list("publication", flat=True))) == 3
    assert not reactions.filter(paragraphs=None).exists()


@pytest.mark.django_db
def test_it_has_approved_most_reactions_and_left_a_few_in_the_queue(demo):
    reactions = Contribution.objects.filter(channel=Channel.REVIEWER)
    waiting = reactions.filter(moderated_at__isnull=True)
    changed = waiting.exclude(published_text="")
    assert 0 < waiting.count() < reactions.count() / 5
    assert changed.exists()  # changed after approval: the approved text stays public
    assert all(c.public_text != c.text for c in changed)
    public = reactions.exclude(publication=Publication.NONE)
    assert 0 < public.published().count() < public.count()
    claims = Reviewer.objects.filter(programme=demo, organisation__isnull=False)
    confirmed = claims.filter(organisation_claim=OrganisationClaim.CONFIRMED)
    assert 0 < confirmed.count() < claims.count()
    assert not confirmed.filter(organisation_checked_by__isnull=True).exists()


@pytest.mark.django_db
def test_it_generates_the_requested_number_of_varied_contributions(demo):
    contributions = Contribution.objects.filter(programme=demo)
    assert contributions.count() == CONTRIBUTIONS
    assert set(contributions.values_list("channel", flat=True)) == set(Channel.values)
    assert not contributions.filter(submitted_at__lt=OPENS).exists()
    assert not contributions.filter(submitted_at__gt=CLOSES).exists()
    imported = contributions.filter(channel=Channel.IMPORT)
    assert not imported.filter(import_batch=None).exists()
    assert all(":" in s for s in imported.values_list("source_id", flat=True))
    for batch in ImportBatch.objects.filter(programme=demo):
        assert batch.rows == batch.contributions.count() > 0
    # Organisations are tied to their family; citizens to none.
    assert not contributions.filter(organisation__isnull=False, family=None).exists()
    assert contributions.filter(organisation=None).count() > CONTRIBUTIONS / 5
    texts = list(contributions.values_list("text", flat=True))
    assert len(set(texts)) > len(texts) / 2
    assert min(map(len, texts)) < 20 < 400 < max(map(len, texts))


@pytest.mark.django_db
def test_it_includes_campaigns_of_near_identical_letters(demo):
    cores = {
        "papier-en-loket": "Veel ouderen hebben geen computer of kunnen er niet goed mee omgaan.",
        "kosten-eherkenning": "Ik betaal daar elk jaar voor, terwijl ik als burger gratis",
        "toegankelijk": "Digitaal moet voor iedereen werken.",
        "privacy": "Digitaal werken mag niet betekenen dat de overheid alles over mij weet.",
    }
    texts = list(Contribution.objects.filter(programme=demo).values_list("text", flat=True))
    sizes = {name: sum(core in t for t in texts) for name, core in cores.items()}
    assert all(size >= 5 for size in sizes.values()), sizes
    assert sizes["papier-en-loket"] >= 40
    letters = [t for t in texts if cores["papier-en-loket"] in t]
    # Near-identical, not identical: greetings, signatures and personal lines differ.
    assert len(set(letters)) > len(letters) * 0.8


@pytest.mark.django_db
def test_it_raises_family_specific_concerns(demo):
    concerns = {
        "gemeenten": ["sociaal domein", "Omgevingswet", "kleine gemeente"],
        "provincies": ["subsidie", "klantcontacten"],
        "waterschappen": ["waterschapsbelasting", "kwijtschelding"],
        "beleidsdepartementen": ["wetgeving", "financiering", "regie"],
        "kleine-uitvoeringsorganisaties": ["eigen aansluiting", "kleine organisaties"],
        "grote-uitvoeringsorganisaties": ["miljoenen", "maatwerk", "continuïteit", "Massale"],
    }
    for slug, words in concerns.items():
        texts = list(Contribution.objects.filter(family__slug=slug).values_list("text", flat=True))
        hits = Counter(w for t in texts for w in words if w.lower() in t.lower())
        assert sum(hits.values()) >= 3, (slug, hits)
    # And the common threads recur in every family.
    for family in Family.objects.filter(programme=demo):
        texts = " ".join(family.contributions.values_list("text", flat=True))
        assert "MijnOverheid" in texts or "DigiD" in texts, family.slug


@pytest.mark.django_db
def test_it_adds_nothing_when_run_again(demo):
    before = _counts()
    ids = dict(Contribution.objects.values_list("pk", "text"))
    call_command("demo", contributions=CONTRIBUTIONS, stdout=io.StringIO())
    assert _counts() == before
    assert dict(Contribution.objects.values_list("pk", "text")) == ids


@pytest.mark.django_db
def test_it_tops_up_without_regenerating_what_is_there(demo):
    ids = dict(Contribution.objects.values_list("pk", "text"))
    out = io.StringIO()
    call_command("demo", contributions=CONTRIBUTIONS + 300, stdout=out)
    assert "(300 added)" in out.getvalue()
    assert Contribution.objects.count() == CONTRIBUTIONS + 300
    kept = dict(Contribution.objects.filter(pk__in=ids).values_list("pk", "text"))
    assert kept == ids
    assert Contribution.history.model.objects.count() == CONTRIBUTIONS + 300
    # New rows get ids past the old ones, and the database hands out the next id after them.
    newest = Contribution.objects.order_by("-pk").first()
    extra = Contribution.objects.create(
        programme=demo, channel=Channel.EMAIL, text="Nog een reactie.", submitted_at=timezone.now()
    )
    assert extra.pk > newest.pk


@pytest.mark.django_db
def test_it_makes_every_contribution_findable(demo):
    """The bulk load feeds the full-text index, and later writes still reach it."""
    found = Contribution.objects.search("waterschapsbelasting")
    expected = Contribution.objects.filter(text__icontains="waterschapsbelasting")
    assert set(found.values_list("pk", flat=True)) == set(expected.values_list("pk", flat=True))
    assert found.exists()
    call_command("demo", contributions=CONTRIBUTIONS + 100, stdout=io.StringIO())
    assert Contribution.objects.search("waterschapsbelasting").count() == expected.count()
    later = Contribution.objects.create(
        programme=demo,
        channel=Channel.EMAIL,
        text="Een zeldzaam woord: kwelwater.",
        submitted_at=timezone.now(),
    )
    assert list(Contribution.objects.search("kwelwater")) == [later]


@pytest.mark.django_db
def test_it_refuses_a_negative_number_of_contributions(demo):
    with pytest.raises(CommandError, match="--contributions"):
        call_command("demo", contributions=-1, stdout=io.StringIO())
