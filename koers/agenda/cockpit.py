"""The agenda's part of a programme's cockpit (koers.organisations.cockpit): the versions the
viewer may read tell which of draft, consultation, concept and adopted the programme reached,
and when. One query."""

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.organisations.cockpit import Fact, Panel

from .constants import VersionState
from .models import AgendaVersion


def _day(moment):
    return timezone.localdate(moment) if moment else None


def programme_cockpit(programme, user) -> list[Panel]:
    versions = list(
        AgendaVersion.objects.visible_to(user, programme)
        .annotate(
            n_steps=Count("steps", distinct=True),
            n_activities=Count("main_activities", distinct=True),
        )
        .order_by("number")
    )
    now = timezone.now()
    drafts = [v for v in versions if v.state == VersionState.DRAFT]
    concepts = [v for v in versions if v.state == VersionState.CONCEPT]
    adopted = [v for v in versions if v.state == VersionState.ADOPTED]
    consulted = [v for v in drafts if v.consultation_opens_at and v.consultation_opens_at <= now]

    draft = Panel("draft", reached=bool(versions))
    if drafts:
        draft.dates.append(Fact(_("Eerste voorzet"), _day(drafts[0].created_at)))
        draft.figures.append(Fact(_("Voorzetten"), len(drafts)))

    consultation = Panel("consultation", reached=bool(consulted))
    if consulted:
        last = consulted[-1]
        consultation.dates.append(
            Fact(_("Consultatie open vanaf"), _day(last.consultation_opens_at))
        )
        if last.consultation_closes_at:
            label = (
                _("Consultatie sloot op")
                if last.consultation_closes_at <= now
                else _("Consultatie sluit op")
            )
            consultation.dates.append(Fact(label, _day(last.consultation_closes_at)))

    concept = Panel("concept", reached=bool(concepts or adopted))
    if concepts:
        concept.dates.append(Fact(_("Concept gemaakt op"), _day(concepts[-1].created_at)))

    done = Panel("adopted", reached=bool(adopted))
    if adopted:
        version = adopted[-1]
        done.dates.append(Fact(_("Vastgesteld op"), _day(version.adopted_at)))
        done.figures.append(Fact(_("Stappen"), version.n_steps))
        done.figures.append(Fact(_("Hoofdactiviteiten"), version.n_activities))
    return [draft, consultation, concept, done]
