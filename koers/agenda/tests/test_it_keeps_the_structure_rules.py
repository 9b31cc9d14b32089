"""Steps and main activities obey the programme: deadline, family, step of the same version, and
an adopted version is frozen."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from koers.drafting import services
from koers.organisations.tests.factories import FamilyFactory, ProgrammeFactory, without_council

from .. import services as versions
from ..constants import VersionState
from ..models import FrozenVersionError, MainActivity, Step
from ..services import move_version

pytestmark = pytest.mark.django_db


def activity_kwargs(agenda, **overrides):
    step = agenda.draft.steps.order_by("position").first()
    return {
        "step": step,
        "family": agenda.world.family,
        "title": "Nieuw",
        "deadline": datetime.date(2017, 6, 1),
        **overrides,
    }


def test_it_refuses_a_deadline_after_the_programmes(agenda):
    late = agenda.programme.deadline + datetime.timedelta(days=1)
    before = MainActivity.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.add_main_activity(agenda.draft, **activity_kwargs(agenda, deadline=late))
    assert "deadline" in refused.value.message_dict
    assert MainActivity.objects.count() == before
    on_time = services.add_main_activity(
        agenda.draft, **activity_kwargs(agenda, deadline=agenda.programme.deadline)
    )
    assert on_time.deadline == agenda.programme.deadline


def test_it_refuses_a_family_of_another_programme(agenda):
    stranger = FamilyFactory(programme=ProgrammeFactory(), slug="elders")
    with pytest.raises(ValidationError) as refused:
        services.add_main_activity(agenda.draft, **activity_kwargs(agenda, family=stranger))
    assert "family" in refused.value.message_dict


def test_it_refuses_a_step_of_another_version(agenda):
    foreign_step = agenda.concept.steps.first()
    with pytest.raises(ValidationError):
        services.add_main_activity(agenda.draft, **activity_kwargs(agenda, step=foreign_step))
    activity = agenda.draft.main_activities.first()
    with pytest.raises(ValidationError):
        services.update_main_activity(activity, step=foreign_step)
    activity.refresh_from_db()
    assert activity.step.version_id == agenda.draft.pk


def test_it_freezes_an_adopted_version(agenda):
    version = agenda.concept
    move_version(version, VersionState.CONCEPT)
    without_council(version)
    move_version(version, VersionState.ADOPTED)
    version.refresh_from_db()
    step = version.steps.first()
    activity = version.main_activities.first()
    why = {"summary": "Omdat het moet."}
    with pytest.raises(FrozenVersionError):
        services.add_step(version, title="Nog een", **why)
    with pytest.raises(FrozenVersionError):
        services.update_step(step, title="Anders", **why)
    with pytest.raises(FrozenVersionError):
        services.move_step(step, services.DOWN, **why)
    with pytest.raises(FrozenVersionError):
        services.remove_main_activity(activity, **why)
    with pytest.raises(FrozenVersionError):
        services.add_main_activity(version, **activity_kwargs(agenda, step=step), **why)
    assert Step.objects.get(pk=step.pk).title == step.title
    assert version.changes.count() == 0


def test_it_keeps_a_step_with_main_activities(agenda):
    step = agenda.draft.steps.first()
    with pytest.raises(ValidationError):
        services.remove_step(step)
    step.main_activities.all().delete()
    services.remove_step(step)
    assert not Step.objects.filter(pk=step.pk).exists()


def test_it_moves_steps_and_main_activities_within_their_group(agenda):
    first, second = agenda.draft.steps.order_by("position")
    assert services.move_step(second, services.UP)
    assert list(agenda.draft.steps.order_by("position")) == [second, first]
    assert not services.move_step(second, services.UP)
    step = agenda.draft.steps.order_by("position").first()
    extra = services.add_main_activity(agenda.draft, **activity_kwargs(agenda, step=step))
    assert services.move_main_activity(extra, services.UP)
    ours = MainActivity.objects.filter(step=step, family=agenda.world.family).order_by("position")
    assert list(ours)[0] == extra


def test_it_copies_steps_and_main_activities_with_their_anchors(agenda):
    def structure(version):
        return sorted(
            (
                a.step.anchor,
                a.anchor,
                a.family_id,
                a.title,
                a.deadline,
                tuple(a.responsible.values_list("pk", flat=True)),
                tuple(a.facilities.values_list("pk", flat=True)),
            )
            for a in version.main_activities.select_related("step")
        )

    assert structure(agenda.concept) == structure(agenda.draft)
    assert len(structure(agenda.concept)) == 4
    assert set(agenda.concept.steps.values_list("anchor", flat=True)) == set(
        agenda.draft.steps.values_list("anchor", flat=True)
    )
    assert agenda.concept.based_on_id == agenda.draft.pk
    # Another copy keeps them too: the anchors hold through every version.
    third = versions.copy_version(agenda.concept)
    assert structure(third) == structure(agenda.draft)
