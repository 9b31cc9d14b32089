"""The demo's clock: what a loader writes at the time of loading is dated in the story (2015–2017).

The loaders go through the apps' own services where they can, and those write the clock's time:
creation and change times, history records, the times of analysis runs and theme assignments.
`told_at(moment)` wraps one step of the story. Afterwards every date-time that the step wrote
with the clock's time (a value between the start and the end of the block) moves by one and the
same amount, so that the step starts at `moment` and its writes keep their order and spacing.
Moments the loaders set themselves (a round table's start, a disposition's decision day) lie in
2015–2017 and stay as they are, and so does a time set in the future on purpose (the draft stays
open for reactions after the demo was loaded).

The organisation register is real reference data, imported when it was imported: its rows are
left alone, and the demo's own rows in the organisations app (programme, council, families,
facility adoption) are dated like the rest.
"""

import datetime
import functools
from contextlib import contextmanager

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import DateTimeField, F, Q
from django.utils import timezone

# The apps whose rows tell the story, besides the user accounts.
STORY_APPS = (
    "organisations",
    "accounts",
    "agenda",
    "consultation",
    "synthesis",
    "drafting",
    "council",
    "elaboration",
    "monitoring",
    "news",
)
REGISTER = ("organisations.Organisation", "organisations.Succession")


@functools.cache
def _dated_models() -> list[tuple[type, tuple[str, ...]]]:
    """(model, names of its date-time fields) for every model of the story, history included."""
    register = {apps.get_model(label) for label in REGISTER}
    register |= {model.history.model for model in register if hasattr(model, "history")}
    models = [m for label in STORY_APPS for m in apps.get_app_config(label).get_models()]
    found = []
    for model in [*models, get_user_model()]:
        if model in register:
            continue
        names = tuple(
            f.attname for f in model._meta.concrete_fields if isinstance(f, DateTimeField)
        )
        if names:
            found.append((model, names))
    return found


@contextmanager
def told_at(moment: datetime.datetime):
    """Date what the block writes with the clock's time as if the block had begun at `moment`."""
    started = timezone.now()
    yield
    finished = timezone.now()
    shift = moment - started
    for model, names in _dated_models():
        rows = model._base_manager.all()
        written = Q()
        for name in names:
            written |= Q(**{f"{name}__range": (started, finished)})
        if not rows.filter(written).exists():
            continue
        for name in names:
            rows.filter(**{f"{name}__range": (started, finished)}).update(**{name: F(name) + shift})
