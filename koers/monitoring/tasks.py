"""Background work of the monitoring: a round's roll-up, the forecast and the slippage summary,
stored when a report arrives, so that no reader of the progress pages pays for computing them
(rollup.stored_roll_up, stored.py); and the same for a whole programme at the start of a day
or after the register changed (`koers store-monitoring`, from cron)."""

from django.utils import timezone
from django_tasks import task

from koers.elaboration import services as elaboration

from .models import ProgressReport, ReportingRound


def _store(programme, version, rounds, today) -> None:
    """Store the roll-up of `rounds`, and the forecast and slippage summary on the days the
    pages (today) and each round's progress report (ReportingRound.figures_on) read them."""
    # rollup reads services, which enqueues store_roll_up; forecast and slippage come along.
    from .forecast import stored_forecast
    from .rollup import stored_roll_up
    from .slippage import stored_summary

    if rounds:
        stored_roll_up(programme, version, rounds)
    families = list(programme.families.order_by("position", "name"))
    for on in sorted({today, *(r.figures_on(today) for r in rounds)}):
        stored_forecast(programme, version, families, on)
        stored_summary(programme, on)


@task()
def store_roll_up(round_id: int, report_id: int) -> str:
    """Compute and store the roll-up of the round as it stands after report `report_id`, and the
    forecast and slippage summary (the report may have said milestones done or re-planned).
    When a later report arrived meanwhile its own task stores them: reports come in bursts
    near a deadline, and each computation reads the whole round or every milestone."""
    round_ = ReportingRound.objects.select_related("programme").filter(pk=round_id).first()
    if round_ is None:
        return "gone"
    if ProgressReport.objects.filter(round=round_, pk__gt=report_id).exists():
        return "superseded"
    version = elaboration.adopted_version(round_.programme)
    if version is None:
        return "no adopted agenda"
    _store(round_.programme, version, [round_], timezone.localdate())
    return "stored"


def store_programme_figures(programme, today=None) -> str | None:
    """Compute and store what the monitoring pages read of `programme` as it stands `today`:
    every opened round's roll-up, the forecast, the slippage summary and the organisations'
    profiles. What is stored already under the same stamp is only read. Returns what was
    stored, in words for a log; None without an adopted agenda."""
    from .explain import stored_profiles

    today = today or timezone.localdate()
    version = elaboration.adopted_version(programme)
    if version is None:
        return None
    rounds = list(ReportingRound.objects.filter(programme=programme).opened(today).in_order())
    _store(programme, version, rounds, today)
    stored_profiles(programme)
    return f"{len(rounds)} round(s), forecast, slippage and profiles as of {today:%Y-%m-%d}"


@task()
def store_all_programme_figures() -> str:
    """`store_programme_figures` for every programme: what `koers run` queues once a day."""
    from koers.organisations.models import Programme

    done = [p.slug for p in Programme.objects.order_by("slug") if store_programme_figures(p)]
    return ", ".join(done) or "none with an adopted agenda"
