"""The programme's cockpit: where the programme stands in its cycle, the key figures of each
stage and what the person looking has to do next.

The register comes before the stages of the cycle, so it imports none of them. Each later app
that knows about a stage names a function in its AppConfig (`programme_cockpit`, a dotted path);
it is called with the programme and the user and returns `Panel`s built from that app's own
QuerySets and permissions. The viewer's next actions come from what their start page ("Mijn
werk") already computes: the accounts app names `programme_actions`, a function returning those
items per app label, and each panel shows the ones of its app.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from koers.core.hooks import app_hooks

# The cycle, in order: the key of each stage and its name.
STAGES = [
    ("draft", _("Voorzet")),
    ("consultation", _("Consultatie")),
    ("concept", _("Concept")),
    ("council", _("Regieraad")),
    ("adopted", _("Vastgesteld")),
    ("elaboration", _("Uitwerking")),
    ("monitoring", _("Monitoring")),
]
STAGE_NAMES = dict(STAGES)


@dataclass
class Fact:
    """A date or a key figure of a stage: its label and its value (a date, a number or text)."""

    label: str
    value: object

    @property
    def is_date(self) -> bool:
        return isinstance(self.value, datetime.date)


@dataclass
class Panel:
    """One stage of the cycle as its app sees it for one viewer."""

    stage: str
    # Whether the programme has reached this stage (the current stage is the last one reached).
    reached: bool = False
    dates: list[Fact] = field(default_factory=list)
    figures: list[Fact] = field(default_factory=list)
    # The app whose start-page items are this stage's next actions.
    app_label: str = ""
    actions: list = field(default_factory=list)
    current: bool = False

    @property
    def name(self) -> str:
        return STAGE_NAMES[self.stage]

    @property
    def state(self) -> str:
        if self.current:
            return "current"
        return "done" if self.reached else "coming"


@dataclass
class Cockpit:
    panels: list[Panel]
    # The viewer's start-page items for this programme from apps without a stage panel.
    other_actions: list = field(default_factory=list)

    @property
    def current(self) -> Panel | None:
        return next((panel for panel in self.panels if panel.current), None)


def cockpit(programme, user) -> Cockpit:
    """Every stage of the cycle in order, each with what the apps contribute for `user`, its
    actions from the start page attached and the current stage marked. A stage no app speaks
    of is shown as not reached; facts of one stage from two apps are joined."""
    panels = {key: Panel(stage=key) for key, _name in STAGES}
    for provide in app_hooks("programme_cockpit"):
        for panel in provide(programme, user):
            held = panels[panel.stage]
            held.reached = held.reached or panel.reached
            held.dates.extend(panel.dates)
            held.figures.extend(panel.figures)
            held.app_label = held.app_label or panel.app_label
    ordered = [panels[key] for key, _name in STAGES]
    by_app = {panel.app_label: panel for panel in ordered if panel.app_label}
    rest = []
    for actions_of in app_hooks("programme_actions"):
        for label, items in actions_of(programme, user).items():
            panel = by_app.get(label)
            if panel is None:
                rest.extend(items)
            else:
                panel.actions.extend(items)
    reached = [panel for panel in ordered if panel.reached]
    if reached:
        reached[-1].current = True
    return Cockpit(ordered, rest)
