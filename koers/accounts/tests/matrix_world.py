"""The world the URL x role matrix requests every page in: one of everything a URL can name.

Two programmes: Digitaal 2017 (public, with a council) holds every object; "Interne agenda" is
not public and has its own office, the persona "office of the other programme". Two families in
Digitaal 2017, two municipalities in the first (Utrecht, whose contributor is a persona, and
Amsterdam), a province in the second.

Versions of Digitaal 2017, one per state the access rules tell apart:

  1  draft, consultation open since yesterday (the voorzet the reviewers react to)
  2  concept based on 1, with traced changes; council meeting 1 discussed it and adopted 3
  3  adopted (the agenda organisations elaborate)
  4  concept based on 3; council meeting 2 is planned on it (items, a recommendation)
  5  draft, consultation opens in 30 days (issue 10, point 1)
  6  draft without a consultation period: the office's working text

States are set on the rows (as koers/documents/tests/conftest.py does): moving versions through
the services would mail and render documents, which the matrix does not need.
"""

import datetime
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone

from koers.agenda import services as versions
from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion
from koers.consultation.constants import Channel, Publication, Stance
from koers.consultation.models import Contribution, ImportBatch, Reviewer, RoundTable
from koers.council import services as council_services
from koers.council.constants import Decision, MeetingState, RecommendationAction
from koers.council.models import CouncilMeeting, Recommendation
from koers.drafting import services as agenda_services
from koers.elaboration import services as elaboration
from koers.monitoring import services as monitoring
from koers.monitoring.constants import ReportStatus
from koers.monitoring.models import Explanation, Indicator, Observation
from koers.monitoring.models_maturity import ObservationSource, Unit
from koers.organisations.constants import AdoptionState, Kind
from koers.organisations.tests.factories import (
    FacilityAdoptionFactory,
    FacilityFactory,
    FamilyFactory,
    OrganisationFactory,
    ProgrammeFactory,
    RoleFactory,
    UserFactory,
)
from koers.synthesis.constants import Outcome, RunMode, RunState
from koers.synthesis.dispositions import dispose, dispose_theme
from koers.synthesis.models import Campaign, SynthesisRun, Theme, ThemeAssignment
from koers.synthesis.services import decide_common_thread

from ..models import RoleKind

DOCUMENT = """## Dienstverlening

Burgers kunnen in 2017 al hun zaken digitaal doen.

Andere kanalen blijven nodig.

## Voorzieningen

Sluit aan op MijnOverheid en DigiD.
"""

# The personas, in the order the report lists them.
ANONYMOUS = "anonymous"
REVIEWER = "reviewer"
CONTRIBUTOR = "contributor"
COORDINATOR = "coordinator"
COUNCIL = "council"
OFFICE = "office"
OTHER_OFFICE = "other_office"
ADMIN = "admin"
PERSONAS = (ANONYMOUS, REVIEWER, CONTRIBUTOR, COORDINATOR, COUNCIL, OFFICE, OTHER_OFFICE, ADMIN)


@dataclass
class MatrixWorld:
    programme: object
    private_programme: object
    family: object  # gemeenten: the coordinator's family, Utrecht and Amsterdam
    provinces: object
    private_family: object
    organisation: object  # Utrecht: the contributor's
    other_organisation: object  # Amsterdam, same family
    province: object
    facility: object
    open_draft: AgendaVersion
    concept: AgendaVersion
    adopted: AgendaVersion
    next_concept: AgendaVersion
    planned_draft: AgendaVersion
    unplanned_draft: AgendaVersion
    private_version: AgendaVersion
    round_table: RoundTable
    reviewer: Reviewer
    contributions: dict
    batch: ImportBatch
    run: SynthesisRun
    theme: Theme
    other_theme: Theme
    campaign: Campaign
    meeting: CouncilMeeting  # planned, on the next concept
    adopting_meeting: CouncilMeeting  # held, adopted version 3
    item: object
    recommendation: Recommendation
    commitment: object  # Utrecht's
    other_commitment: object  # Amsterdam's
    provinces_round_table: RoundTable  # a family the coordinator does not coordinate
    other_reaction: Contribution  # another reviewer's
    private: dict  # objects of the programme that is not public, by kind
    reporting_round: object  # open, with Utrecht's report (evidence and a re-plan)
    progress_report: object
    indicator: object  # one indicator of the maturity catalogue, observed and explained
    users: dict = field(default_factory=dict)  # persona -> user (None for anonymous)


def _state(version: AgendaVersion, state: str) -> AgendaVersion:
    extra = {"adopted_at": timezone.now()} if state == VersionState.ADOPTED else {}
    AgendaVersion.objects.filter(pk=version.pk).update(state=state, **extra)
    version.refresh_from_db()
    return version


def _structure(version, families, facility, organisation):
    for s in range(2):
        step = agenda_services.add_step(version, title=f"Stap {s}", description="Omschrijving.")
        for family in families:
            agenda_services.add_main_activity(
                version,
                step=step,
                family=family,
                title=f"Activiteit {s} {family.slug}",
                deadline=datetime.date(2029, 12, 31),
                intended_outcome="Alles digitaal.",
                responsible=[organisation],
                facilities=[facility],
            )


def build_world() -> MatrixWorld:
    now = timezone.now()
    programme = ProgrammeFactory(slug="digitaal-2017", name="Digitaal 2017")
    private = ProgrammeFactory(slug="interne-agenda", name="Interne agenda", is_public=False)
    family = FamilyFactory(
        programme=programme,
        slug="gemeenten",
        name="Gemeenten",
        kinds=[Kind.MUNICIPALITY],
        position=0,
    )
    provinces = FamilyFactory(
        programme=programme, slug="provincies", name="Provincies", kinds=[Kind.PROVINCE], position=1
    )
    private_family = FamilyFactory(programme=private, slug="gemeenten", name="Gemeenten")
    utrecht = OrganisationFactory(code="gm0344", official_name="gemeente Utrecht")
    amsterdam = OrganisationFactory(code="gm0363", official_name="gemeente Amsterdam")
    province = OrganisationFactory(
        code="pv26", kind=Kind.PROVINCE, official_name="provincie Utrecht"
    )
    facility = FacilityFactory(slug="digid", name="DigiD")
    FacilityAdoptionFactory(organisation=utrecht, facility=facility, state=AdoptionState.CONNECTED)

    def person(username, kind=None, in_programme=programme, **extra):
        user = UserFactory(username=username, email=f"{username}@example.org")
        if kind:
            RoleFactory(user=user, programme=in_programme, kind=kind, **extra)
        return user

    admin = UserFactory(username="beheerder", is_staff=True, is_superuser=True)
    users = {
        ANONYMOUS: None,
        REVIEWER: person("meelezer", RoleKind.REVIEWER),
        CONTRIBUTOR: person("bijdrager", RoleKind.CONTRIBUTOR, organisation=utrecht),
        COORDINATOR: person("coordinator", RoleKind.COORDINATOR, family=family),
        COUNCIL: person("regieraad", RoleKind.COUNCIL_MEMBER),
        OFFICE: person("bureau", RoleKind.OFFICE),
        OTHER_OFFICE: person("ander-bureau", RoleKind.OFFICE, in_programme=private),
        ADMIN: admin,
    }
    office = users[OFFICE]

    # Version 1: the open draft, with its structure.
    open_draft = versions.create_version(programme, title="Voorzet", by=office)
    versions.import_markdown(open_draft, DOCUMENT)
    first = open_draft.paragraphs.order_by("section__position", "position").first()
    first.families.add(family)
    _structure(open_draft, [family, provinces], facility, utrecht)
    versions.open_consultation(
        open_draft,
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=30),
    )
    paragraphs = list(open_draft.paragraphs.order_by("section__position", "position"))

    # Input from every channel.
    round_table = RoundTable.objects.create(
        programme=programme,
        version=open_draft,
        title="Ronde tafel gemeenten",
        starts_at=now - datetime.timedelta(days=7),
        ends_at=now - datetime.timedelta(days=7, hours=-2),
        location="Utrecht",
        agenda="1. Opening",
        minutes="Besproken: de voorzet.",
    )
    round_table.families.add(family)
    round_table.invited.add(utrecht, amsterdam)
    round_table.attended.add(utrecht)
    reviewer = Reviewer.objects.create(
        programme=programme,
        user=users[REVIEWER],
        email="meelezer@example.org",
        name="Mees Lezer",
        organisation=utrecht,
        consent_text="Ik doe mee.",
        consented_at=now,
        confirmed_at=now,
    )
    batch = ImportBatch.objects.create(
        programme=programme,
        file_name="inbreng.csv",
        sha256="0" * 64,
        imported_by=office,
        rows=1,
        created=1,
    )

    def contribution(key, **fields):
        fields.setdefault("programme", programme)
        fields.setdefault("version", open_draft)
        fields.setdefault("family", family)
        return key, Contribution.objects.create(**fields)

    contributions = dict(
        [
            contribution(
                "reaction",
                channel=Channel.REVIEWER,
                reviewer=reviewer,
                organisation=utrecht,
                text="Meer aandacht voor papier.",
                publication=Publication.ANONYMOUS,
                stance=Stance.CONCERN,
                moderated_at=now,
            ),
            contribution(
                "round_table",
                channel=Channel.ROUND_TABLE,
                round_table=round_table,
                organisation=utrecht,
                author_name="Wethouder",
                text="Utrecht wil eerst de websites op orde.",
            ),
            contribution(
                "import",
                channel=Channel.IMPORT,
                import_batch=batch,
                source_id="r1",
                organisation=amsterdam,
                text="Amsterdam vraagt om één portaal.",
            ),
            contribution(
                "paper",
                channel=Channel.POSITION_PAPER,
                organisation=province,
                family=provinces,
                author_name="Gedeputeerde",
                publication=Publication.NAMED,
                text="De visie van de provincie.",
            ),
            contribution(
                "hidden",
                channel=Channel.REVIEWER,
                reviewer=reviewer,
                text="Verborgen scheldpartij.",
                publication=Publication.ANONYMOUS,
                is_hidden=True,
                hidden_reason="Scheldwoorden",
                hidden_by=office,
                hidden_at=now,
            ),
        ]
    )
    for key in ("reaction", "hidden"):
        contributions[key].paragraphs.add(first)
    contributions["round_table"].paragraphs.add(paragraphs[1])
    for key in ("paper", "hidden"):
        contributions[key].attachment.save(f"{key}.pdf", ContentFile(b"%PDF-1.4 " + key.encode()))

    # Synthesis: a run, two themes, a campaign, dispositions.
    run = SynthesisRun.objects.create(
        programme=programme,
        mode=RunMode.FULL,
        state=RunState.DONE,
        requested_by=office,
        started_at=now,
        finished_at=now,
    )
    theme = Theme.objects.create(
        programme=programme, label="Websites", proposed_by_run=run, keywords=["websites"]
    )
    other_theme = Theme.objects.create(programme=programme, label="Portalen", proposed_by_run=run)
    campaign = Campaign.objects.create(
        programme=programme,
        run=run,
        number=1,
        representative=contributions["round_table"],
        text=contributions["round_table"].text,
        size=2,
    )
    for key, target, in_campaign in (
        ("reaction", theme, False),
        ("round_table", theme, True),
        ("import", other_theme, False),
        ("paper", other_theme, False),
        ("hidden", theme, True),
    ):
        ThemeAssignment.objects.create(
            contribution=contributions[key],
            theme=target,
            run=run,
            assigned_at=now,
            campaign=campaign if in_campaign else None,
        )
    decide_common_thread(theme, True, by=office)
    dispose_theme(theme, Outcome.ADOPTED, "Staat nu in stap 1.", by=office)
    dispose(
        [contributions["paper"].pk],
        Outcome.PARTLY,
        "Provincies krijgen een eigen termijn.",
        by=office,
    )

    # Version 2: the concept, traced against the draft.
    concept = agenda_services.make_concept(open_draft, by=office)
    changed = concept.paragraphs.get(anchor=paragraphs[1].anchor)
    agenda_services.change_paragraph(
        changed,
        "Andere kanalen blijven nodig, ook papier.",
        summary="Papier genoemd.",
        contributions=[contributions["reaction"]],
        themes=[theme],
        by=office,
    )
    _state(concept, VersionState.CONCEPT)

    # Version 3, adopted by council meeting 1 on the concept.
    adopting_meeting = council_services.plan_meeting(
        programme,
        version=concept,
        title="Regieraad september",
        by=office,
        starts_at=now - datetime.timedelta(days=3),
    )
    adopted = versions.copy_version(concept, by=office)
    _state(adopted, VersionState.ADOPTED)
    CouncilMeeting.objects.filter(pk=adopting_meeting.pk).update(
        state=MeetingState.HELD, adopted_version=adopted, minutes="Vastgesteld."
    )
    adopting_meeting.refresh_from_db()

    # Version 4: the next concept, and council meeting 2 (planned) about it.
    next_concept = versions.copy_version(adopted, by=office)
    _state(next_concept, VersionState.CONCEPT)
    meeting = council_services.plan_meeting(
        programme,
        version=next_concept,
        title="Regieraad december",
        by=office,
        starts_at=now + datetime.timedelta(days=10),
        location="Den Haag",
    )
    section = next_concept.sections.order_by("position").first()
    item = council_services.add_item(meeting, section=section, by=office)
    council_services.add_item(meeting, title="Rondvraag", by=office)
    council_services.decide_item(item, decision=Decision.AGREE, by=users[COUNCIL])
    recommendation = council_services.propose_recommendation(
        meeting,
        paragraph=section.paragraphs.order_by("position").first(),
        action=RecommendationAction.INSERT,
        new_text="Ook per post.",
        motivation="Niet iedereen is digitaal.",
        by=users[COUNCIL],
    )

    # Versions 5 and 6: drafts the public may not read yet.
    planned_draft = versions.create_version(programme, title="Herziening", by=office)
    versions.import_markdown(planned_draft, DOCUMENT)
    _structure(planned_draft, [family], facility, utrecht)
    versions.open_consultation(planned_draft, opens_at=now + datetime.timedelta(days=30), by=office)
    unplanned_draft = versions.create_version(programme, title="Werktekst", by=office)
    versions.import_markdown(unplanned_draft, DOCUMENT)
    private_version = versions.create_version(private, title="Interne voorzet", by=office)
    versions.import_markdown(private_version, DOCUMENT)
    _state(private_version, VersionState.CONCEPT)
    private_objects = {
        "contribution": Contribution.objects.create(
            programme=private,
            channel=Channel.IMPORT,
            text="Interne inbreng.",
            family=private_family,
            organisation=utrecht,
        ),
        "theme": Theme.objects.create(programme=private, label="Intern thema"),
        "run": SynthesisRun.objects.create(
            programme=private,
            mode=RunMode.FULL,
            state=RunState.DONE,
            requested_by=users[OTHER_OFFICE],
        ),
        "round_table": RoundTable.objects.create(
            programme=private,
            title="Intern overleg",
            starts_at=now,
            ends_at=now,
        ),
    }
    private_objects["contribution"].attachment.save("intern.pdf", ContentFile(b"%PDF-1.4 intern"))

    # What belongs to someone else than the personas: the provinces' round table, and the
    # reaction of another reviewer.
    provinces_round_table = RoundTable.objects.create(
        programme=programme,
        version=open_draft,
        title="Ronde tafel provincies",
        starts_at=now - datetime.timedelta(days=5),
        ends_at=now - datetime.timedelta(days=5),
    )
    provinces_round_table.families.add(provinces)
    other_reviewer = Reviewer.objects.create(
        programme=programme,
        user=person("meelezer-twee", RoleKind.REVIEWER),
        email="twee@example.org",
        name="Twee",
        consent_text="Ik doe mee.",
        consented_at=now,
        confirmed_at=now,
    )
    other_reaction = Contribution.objects.create(
        programme=programme,
        version=open_draft,
        channel=Channel.REVIEWER,
        reviewer=other_reviewer,
        text="Een reactie van een ander.",
        publication=Publication.ANONYMOUS,
        moderated_at=now,
    )
    other_reaction.paragraphs.add(first)

    # Elaboration of the adopted version by both municipalities.
    def commit(organisation, by):
        activity = adopted.main_activities.filter(family=family).order_by("step__position").first()
        return elaboration.create_commitment(
            organisation,
            programme=programme,
            main_activity=activity,
            title=f"Websites van {organisation.short_name}",
            what="Alle formulieren online.",
            owner="Directie Dienstverlening",
            facilities=[facility],
            by=by,
            milestones=[
                elaboration.MilestoneInput("Formulieren", datetime.date(2028, 6, 30)),
                elaboration.MilestoneInput("Evaluatie", datetime.date(2029, 6, 30)),
            ],
        )

    commitment = commit(utrecht, users[CONTRIBUTOR])
    other_commitment = commit(amsterdam, office)

    # Monitoring: a reporting round, and Utrecht's report in it.
    reporting_round = monitoring.open_round(
        programme,
        period="2016-Q4",
        opens_on=timezone.localdate() - datetime.timedelta(days=1),
        deadline=timezone.localdate() + datetime.timedelta(days=14),
        by=office,
    )
    progress_report = monitoring.submit_report(
        commitment,
        reporting_round,
        status=ReportStatus.AT_RISK,
        percent=40,
        explanation="De leverancier levert later.",
        evidence_file=ContentFile(b"%PDF-1.4 bewijs", name="bewijs.pdf"),
        milestones=[
            monitoring.MilestoneReport(
                commitment.milestones.order_by("due_on").first(),
                replanned_to=datetime.date(2028, 9, 30),
                reason="Leverancier later.",
            )
        ],
        by=users[CONTRIBUTOR],
    )

    # Digital maturity: one indicator, Utrecht's figure for 2016 and its comply-or-explain text.
    indicator = Indicator.objects.create(
        programme=programme,
        code="digitaal-aanvraagbaar",
        valid_from=datetime.date(2015, 1, 1),
        name="Producten digitaal aan te vragen",
        unit=Unit.PERCENTAGE,
    )
    Observation.objects.create(
        indicator=indicator,
        organisation=utrecht,
        period="2016",
        value=62.5,
        source=ObservationSource.MEASURED,
        observed_on=datetime.date(2016, 11, 30),
    )
    Explanation.objects.create(
        indicator=indicator,
        organisation=utrecht,
        period="2016",
        text="De formulieren volgen na de migratie van het zaaksysteem.",
        written_by=users[CONTRIBUTOR],
    )

    return MatrixWorld(
        programme=programme,
        private_programme=private,
        family=family,
        provinces=provinces,
        private_family=private_family,
        organisation=utrecht,
        other_organisation=amsterdam,
        province=province,
        facility=facility,
        open_draft=open_draft,
        concept=concept,
        adopted=adopted,
        next_concept=next_concept,
        planned_draft=planned_draft,
        unplanned_draft=unplanned_draft,
        private_version=private_version,
        round_table=round_table,
        reviewer=reviewer,
        contributions=contributions,
        batch=batch,
        run=run,
        theme=theme,
        other_theme=other_theme,
        campaign=campaign,
        meeting=meeting,
        adopting_meeting=adopting_meeting,
        item=item,
        recommendation=recommendation,
        commitment=commitment,
        other_commitment=other_commitment,
        provinces_round_table=provinces_round_table,
        other_reaction=other_reaction,
        private=private_objects,
        reporting_round=reporting_round,
        progress_report=progress_report,
        indicator=indicator,
        users=users,
    )


def url_arguments(w: MatrixWorld) -> tuple[dict, dict, dict]:
    """What fills the URL parameters: (default per parameter name, overrides per URL name,
    variants). A variant requests a URL name a second time with other objects; its key is
    "url-name@what" and its value (url name, overrides). The override "?" is a query string."""
    para = w.open_draft.paragraphs.order_by("section__position", "position").first()
    draft_section = w.unplanned_draft.sections.order_by("position").first()
    draft_paragraph = draft_section.paragraphs.order_by("position").first()
    next_section = w.next_concept.sections.order_by("position").first()
    next_paragraph = next_section.paragraphs.order_by("position").first()
    step = w.next_concept.steps.order_by("position").first()
    activity = w.next_concept.main_activities.order_by("position").first()
    paper = w.contributions["paper"]
    defaults = {
        "slug": w.programme.slug,
        "code": w.organisation.code,
        "number": w.adopted.number,
        "family_slug": w.family.slug,
        "familySlug": w.family.slug,
        "fmt": "csv",
        "token": "ongeldig-token",
        "value": "ongeldig",
        "period": w.reporting_round.period,
    }
    office_draft = {"number": w.unplanned_draft.number}
    traced = {"number": w.next_concept.number}
    structure = {"number": w.next_concept.number}
    meeting = {"pk": w.meeting.pk}
    per_route = {
        "consultation:version-paragraph-reactions": {
            "number": w.open_draft.number,
            "anchor": para.anchor,
        },
        **{
            name: office_draft
            for name in (
                "drafting:version-edit",
                "drafting:version-move",
                "drafting:version-copy",
                "drafting:version-period",
                "drafting:version-import",
                "drafting:version-section-add",
            )
        },
        **{
            name: {**office_draft, "anchor": draft_section.anchor}
            for name in (
                "drafting:version-section-edit",
                "drafting:version-section-move",
                "drafting:version-section-delete",
            )
        },
        "drafting:version-paragraph-add": {**office_draft, "section_anchor": draft_section.anchor},
        **{
            name: {**office_draft, "anchor": draft_paragraph.anchor}
            for name in (
                "drafting:version-paragraph-edit",
                "drafting:version-paragraph-move",
                "drafting:version-paragraph-delete",
            )
        },
        **{
            name: {"pk": w.round_table.pk}
            for name in (
                "consultation:roundtable-detail",
                "consultation:roundtable-ics",
                "consultation:roundtable-edit",
                "consultation:roundtable-invitations",
                "consultation:roundtable-attendance",
                "consultation:roundtable-minutes",
                "consultation:roundtable-record",
            )
        },
        "consultation:reviewer-react": {"number": w.open_draft.number, "anchor": para.anchor},
        "consultation:reviewer-reaction-edit": {"pk": w.contributions["reaction"].pk},
        "consultation:reviewer-claim-judge": {"pk": w.reviewer.pk},
        "consultation:contribution-import-result": {"batch": w.batch.pk},
        **{
            name: {"pk": paper.pk}
            for name in (
                "consultation:contribution-detail",
                "consultation:contribution-attachment",
                "consultation:contribution-hide",
                "consultation:contribution-approve",
                "synthesis:contribution-dispose",
            )
        },
        "consultation:contribution-unhide": {"pk": w.contributions["hidden"].pk},
        "synthesis:synthesis-run": {"pk": w.run.pk},
        "synthesis:synthesis-run-cancel": {"pk": w.run.pk},
        **{
            name: {"pk": w.theme.pk}
            for name in (
                "synthesis:theme-detail",
                "synthesis:theme-rename",
                "synthesis:theme-merge",
                "synthesis:theme-move",
                "synthesis:theme-thread",
                "synthesis:theme-dispose",
            )
        },
        **{
            name: {"pk": w.campaign.pk}
            for name in (
                "synthesis:campaign-detail",
                "synthesis:campaign-move",
                "synthesis:campaign-dispose",
            )
        },
        "drafting:step-create": structure,
        "drafting:main-activity-create": structure,
        **{
            name: {**structure, "anchor": step.anchor}
            for name in ("drafting:step-edit", "drafting:step-move", "drafting:step-delete")
        },
        **{
            name: {**structure, "anchor": activity.anchor}
            for name in (
                "drafting:main-activity-edit",
                "drafting:main-activity-move",
                "drafting:main-activity-delete",
            )
        },
        "drafting:version-make-concept": {"number": w.open_draft.number},
        "drafting:version-trace": {"number": w.concept.number},
        "drafting:section-add-traced": traced,
        **{
            name: {**traced, "anchor": next_paragraph.anchor}
            for name in ("drafting:paragraph-change-traced", "drafting:paragraph-remove-traced")
        },
        **{
            name: {**traced, "anchor": next_section.anchor}
            for name in (
                "drafting:section-edit-traced",
                "drafting:section-remove-traced",
                "drafting:paragraph-add-traced",
            )
        },
        **{
            name: meeting
            for name in (
                "council:council-meeting",
                "council:council-item-add",
                "council:council-recommendation-add",
                "council:council-meeting-hold",
                "council:council-meeting-adopt",
            )
        },
        "council:council-item-decide": {**meeting, "item_pk": w.item.pk},
        "council:council-recommendation-decide": {**meeting, "rec_pk": w.recommendation.pk},
        "elaboration:commitment-edit": {"pk": w.commitment.pk},
        "monitoring:report-create": {"pk": w.commitment.pk},
        "monitoring:report-evidence": {"pk": w.progress_report.pk},
        "monitoring:indicator-detail": {"code": w.indicator.code, "?": "periode=2016"},
        "api:indicator-observation-list": {"code": w.indicator.code},
        "api:indicator-explanation": {"code": w.indicator.code, "?": "period=2016"},
        "documents:response-report-download": {"fmt": "odt"},
        "documents:response-report-family-download": {"fmt": "odt"},
        "documents:agenda-document-download": {"fmt": "odt"},
        "api:facility-detail": {"slug": w.facility.slug},
        "api:theme-detail": {"id": w.theme.pk},
        "api:change-list": {"number": w.concept.number},
        "api:council-meeting-detail": {"id": w.meeting.pk},
    }

    def version(number):
        return {"number": number}

    planned, unplanned = w.planned_draft.number, w.unplanned_draft.number
    hidden = w.contributions["hidden"].pk
    private = {"slug": w.private_programme.slug}
    variants = {
        # A draft whose consultation opens later, and one without a period: not public yet.
        **{
            f"{name}@planned-draft": (name, version(planned))
            for name in (
                "consultation:version-detail",
                "drafting:agenda-structure",
                "drafting:version-trace",
                "documents:agenda-document",
                "documents:response-report",
                "api:version-detail",
                "api:step-list",
            )
        },
        "consultation:version-paragraph-reactions@planned-draft": (
            "consultation:version-paragraph-reactions",
            {
                "number": planned,
                "anchor": w.planned_draft.paragraphs.order_by("position").first().anchor,
            },
        ),
        **{
            f"{name}@unplanned-draft": (name, version(unplanned))
            for name in (
                "consultation:version-detail",
                "drafting:agenda-structure",
                "api:version-detail",
            )
        },
        "drafting:version-compare@planned-draft": (
            "drafting:version-compare",
            {"?": f"van={w.open_draft.number}&naar={planned}"},
        ),
        "consultation:reviewer-react@planned-draft": (
            "consultation:reviewer-react",
            {
                "number": planned,
                "anchor": w.planned_draft.paragraphs.order_by("position").first().anchor,
            },
        ),
        # The open draft and the concepts: public.
        "consultation:version-detail@open-draft": (
            "consultation:version-detail",
            version(w.open_draft.number),
        ),
        "consultation:version-detail@concept": (
            "consultation:version-detail",
            version(w.concept.number),
        ),
        "drafting:agenda-structure@concept": (
            "drafting:agenda-structure",
            version(w.concept.number),
        ),
        "api:version-detail@open-draft": ("api:version-detail", version(w.open_draft.number)),
        # What moderation hid.
        "consultation:contribution-detail@hidden": (
            "consultation:contribution-detail",
            {"pk": hidden},
        ),
        "consultation:contribution-attachment@hidden": (
            "consultation:contribution-attachment",
            {"pk": hidden},
        ),
        # Another organisation's commitment, in the same family.
        "elaboration:commitment-edit@other-organisation": (
            "elaboration:commitment-edit",
            {"code": w.other_organisation.code, "pk": w.other_commitment.pk},
        ),
        # Utrecht's address with Amsterdam's commitment in it.
        "elaboration:commitment-edit@other-organisations-commitment": (
            "elaboration:commitment-edit",
            {"pk": w.other_commitment.pk},
        ),
        "elaboration:organisation-commitments@other-organisation": (
            "elaboration:organisation-commitments",
            {"code": w.other_organisation.code},
        ),
        "organisations:adoption-edit@other-organisation": (
            "organisations:adoption-edit",
            {"code": w.other_organisation.code},
        ),
        "monitoring:organisation-progress@other-organisation": (
            "monitoring:organisation-progress",
            {"code": w.other_organisation.code},
        ),
        "monitoring:report-create@other-organisation": (
            "monitoring:report-create",
            {"code": w.other_organisation.code, "pk": w.other_commitment.pk},
        ),
        # A family the coordinator does not coordinate.
        **{
            f"{name}@other-family": (name, {"pk": w.provinces_round_table.pk})
            for name in (
                "consultation:roundtable-edit",
                "consultation:roundtable-minutes",
                "consultation:roundtable-record",
            )
        },
        **{
            f"{name}@other-family": (name, {"family_slug": w.provinces.slug})
            for name in (
                "consultation:coverage-family",
                "elaboration:elaboration-family",
                "elaboration:reminders-send",
                "monitoring:round-family",
                "monitoring:reminders-send",
            )
        },
        # Another reviewer's reaction.
        "consultation:reviewer-reaction-edit@other-reviewer": (
            "consultation:reviewer-reaction-edit",
            {"pk": w.other_reaction.pk},
        ),
        # Objects of the programme that is not public, in the address of Digitaal 2017.
        **{
            f"{name}@other-programmes-object": (name, {"pk": w.private[kind].pk})
            for name, kind in (
                ("consultation:contribution-detail", "contribution"),
                ("consultation:contribution-attachment", "contribution"),
                ("consultation:contribution-hide", "contribution"),
                ("synthesis:contribution-dispose", "contribution"),
                ("synthesis:theme-detail", "theme"),
                ("synthesis:theme-rename", "theme"),
                ("synthesis:synthesis-run", "run"),
                ("consultation:roundtable-edit", "round_table"),
            )
        },
        # The programme that is not public, whose office is the persona "other_office".
        **{
            f"{name}@private-programme": (name, private)
            for name in (
                "organisations:programme-detail",
                "consultation:version-list",
                "consultation:contribution-list",
                "api:programme-detail",
                "api:version-list",
                "monitoring:monitoring-home",
            )
        },
        "consultation:version-detail@private-programme": (
            "consultation:version-detail",
            {**private, "number": w.private_version.number},
        ),
        "drafting:version-manage@private-programme": ("drafting:version-manage", private),
    }
    return defaults, per_route, variants
