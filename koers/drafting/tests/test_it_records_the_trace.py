"""Every change to a version that is based on another records why, with its input and themes."""

import pytest
from django.core.exceptions import ValidationError

from koers.agenda.constants import ItemKind
from koers.agenda.models import MainActivity, Paragraph, Step
from koers.organisations.tests.factories import ProgrammeFactory
from koers.synthesis.models import Theme

from .. import services
from ..constants import ChangeAction
from ..models import Change

pytestmark = pytest.mark.django_db


def why(agenda, text="Uit de consultatie."):
    return {
        "summary": text,
        "contributions": [agenda.published, agenda.private],
        "themes": [agenda.theme],
        "by": agenda.world.office,
    }


def only_change(version):
    [change] = version.changes.all()
    return change


def test_it_records_nothing_in_a_first_version(agenda):
    services.add_step(agenda.draft, title="Zonder reden")
    assert Change.objects.count() == 0


@pytest.mark.parametrize(
    "write, kind, action",
    [
        ("add_step", ItemKind.STEP, ChangeAction.ADDED),
        ("update_step", ItemKind.STEP, ChangeAction.CHANGED),
        ("move_step", ItemKind.STEP, ChangeAction.CHANGED),
        ("add_main_activity", ItemKind.MAIN_ACTIVITY, ChangeAction.ADDED),
        ("update_main_activity", ItemKind.MAIN_ACTIVITY, ChangeAction.CHANGED),
        ("move_main_activity", ItemKind.MAIN_ACTIVITY, ChangeAction.CHANGED),
        ("remove_main_activity", ItemKind.MAIN_ACTIVITY, ChangeAction.REMOVED),
        ("change_paragraph", ItemKind.PARAGRAPH, ChangeAction.CHANGED),
        ("add_paragraph_traced", ItemKind.PARAGRAPH, ChangeAction.ADDED),
        ("remove_paragraph_traced", ItemKind.PARAGRAPH, ChangeAction.REMOVED),
        ("remove_step", ItemKind.STEP, ChangeAction.REMOVED),
    ],
)
def test_it_records_every_change_with_why_input_themes_and_person(agenda, write, kind, action):
    version = agenda.concept
    first_step, second_step = version.steps.order_by("position")
    activity = MainActivity.objects.filter(version=version, step=first_step).first()
    paragraph = version.paragraphs.order_by("section__position", "position").first()
    writes = {
        "add_step": lambda w: services.add_step(version, title="Monitoring", **w),
        "update_step": lambda w: services.update_step(first_step, title="Anders", **w),
        "move_step": lambda w: services.move_step(second_step, services.UP, **w),
        "add_main_activity": lambda w: services.add_main_activity(
            version,
            step=first_step,
            family=agenda.provinces,
            title="Nieuw",
            deadline=activity.deadline,
            **w,
        ),
        "update_main_activity": lambda w: services.update_main_activity(
            activity, title="Scherper", **w
        ),
        "move_main_activity": lambda w: services.move_main_activity(
            services.add_main_activity(
                version,
                step=first_step,
                family=activity.family,
                title="Extra",
                deadline=activity.deadline,
                **why(agenda, "Toegevoegd."),
            ),
            services.UP,
            **w,
        ),
        "remove_main_activity": lambda w: services.remove_main_activity(activity, **w),
        "change_paragraph": lambda w: services.change_paragraph(paragraph, "Nieuwe tekst.", **w),
        "add_paragraph_traced": lambda w: services.add_paragraph_traced(
            paragraph.section, text="Extra alinea.", **w
        ),
        "remove_paragraph_traced": lambda w: services.remove_paragraph_traced(paragraph, **w),
        "remove_step": lambda w: services.remove_step(
            services.add_step(version, title="Kort", **why(agenda, "Even.")), **w
        ),
    }
    writes[write](why(agenda))
    # Some writes need an item made (and traced) first, with another reason.
    [change] = version.changes.filter(summary="Uit de consultatie.")
    assert (change.kind, change.action, change.summary) == (kind, action, "Uit de consultatie.")
    assert set(change.contributions.all()) == {agenda.published, agenda.private}
    assert list(change.themes.all()) == [agenda.theme]
    assert change.made_by == agenda.world.office


def test_it_refuses_a_change_without_why_and_writes_nothing(agenda):
    version = agenda.concept
    step = version.steps.first()
    paragraph = version.paragraphs.first()
    attempts = [
        lambda: services.add_step(version, title="Zonder reden", summary="  "),
        lambda: services.update_step(step, title="Zonder reden"),
        lambda: services.move_step(step, services.DOWN),
        lambda: services.remove_main_activity(version.main_activities.first()),
        lambda: services.change_paragraph(paragraph, "Zonder reden"),
        lambda: services.add_paragraph_traced(paragraph.section, text="Zonder reden"),
        lambda: services.remove_paragraph_traced(paragraph),
    ]
    state = (
        list(Step.objects.filter(version=version).values_list("title", "position")),
        MainActivity.objects.filter(version=version).count(),
        list(Paragraph.objects.filter(version=version).values_list("text", flat=True)),
    )
    for attempt in attempts:
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert "summary" in refused.value.message_dict
    after = (
        list(Step.objects.filter(version=version).values_list("title", "position")),
        MainActivity.objects.filter(version=version).count(),
        list(Paragraph.objects.filter(version=version).values_list("text", flat=True)),
    )
    assert after == state
    assert Change.objects.count() == 0


def test_it_refuses_input_and_themes_of_another_programme(agenda):
    other = ProgrammeFactory()
    foreign = Theme.objects.create(programme=other, label="Elders")
    with pytest.raises(ValidationError) as refused:
        services.add_step(agenda.concept, title="X", summary="Waarom", themes=[foreign])
    assert "themes" in refused.value.message_dict
    assert not agenda.concept.steps.filter(title="X").exists()


def test_it_makes_the_concept_from_the_draft(agenda):
    concept = services.make_concept(agenda.concept, by=agenda.world.office)
    assert concept.based_on == agenda.concept
    assert concept.number == agenda.concept.number + 1
    assert concept.steps.count() == agenda.concept.steps.count()
    assert set(concept.paragraphs.values_list("anchor", flat=True)) == set(
        agenda.concept.paragraphs.values_list("anchor", flat=True)
    )


def test_it_keeps_a_paragraph_with_reactions(agenda):
    paragraph = agenda.concept.paragraphs.first()
    agenda.published.paragraphs.add(paragraph)
    with pytest.raises(ValidationError):
        services.remove_paragraph_traced(paragraph, summary="Weg ermee.")
    assert Paragraph.objects.filter(pk=paragraph.pk).exists()
    assert Change.objects.count() == 0
