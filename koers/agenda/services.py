"""Writes of the structured agenda that span models or must be audited."""

from koers.consultation.models import AgendaVersion

from .models import MainActivity, Step


def _attribute(obj, by):
    if by is not None:
        obj._history_user = by
    return obj


def copy_structure(sender, *, original: AgendaVersion, copy: AgendaVersion, by=None, **kwargs):
    """Copy the steps and main activities of `original` into `copy`, anchors included (the
    receiver of consultation's `version_copied`, inside the copy's transaction)."""
    steps = {}
    for step in original.steps.all():
        steps[step.pk] = _attribute(
            Step(version=copy, anchor=step.anchor, position=step.position, title=step.title,
                 description=step.description),
            by,
        )  # fmt: skip
        steps[step.pk].save()
    for activity in original.main_activities.prefetch_related("responsible", "facilities"):
        new = _attribute(
            MainActivity(
                version=copy, step=steps[activity.step_id], family_id=activity.family_id,
                anchor=activity.anchor, position=activity.position, title=activity.title,
                description=activity.description, intended_outcome=activity.intended_outcome,
                deadline=activity.deadline,
            ),
            by,
        )  # fmt: skip
        new.save()
        new.responsible.set(activity.responsible.all())
        new.facilities.set(activity.facilities.all())
