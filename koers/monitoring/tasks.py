"""Background work of the monitoring: a round's roll-up, the forecast and the slippage summary,
stored when a report arrives, so that no reader of the progress pages pays for computing them
(rollup.stored_roll_up, stored.py)."""

from django.utils import timezone
from django_tasks import task

from koers.elaboration import services as elaboration

from .models import ProgressReport, ReportingRound


@task()
def store_roll_up(round_id: int, report_id: int) -> str:
    """Compute and store the roll-up of the round as it stands after report `report_id`, and the
    forecast and slippage summary (the report may have said milestones done or re-planned) as
    the pages read them today and as the round's progress report reads them (at the end of its
    period). When a later report arrived meanwhile its own task stores them: reports come in
    bursts near a deadline, and each computation reads the whole round or every milestone."""
    # rollup reads services, which enqueues this task; forecast and slippage come along.
    from .forecast import stored_forecast
    from .rollup import stored_roll_up
    from .slippage import stored_summary

    round_ = ReportingRound.objects.select_related("programme").filter(pk=round_id).first()
    if round_ is None:
        return "gone"
    if ProgressReport.objects.filter(round=round_, pk__gt=report_id).exists():
        return "superseded"
    version = elaboration.adopted_version(round_.programme)
    if version is None:
        return "no adopted agenda"
    programme = round_.programme
    stored_roll_up(programme, version, [round_])
    families = list(programme.families.order_by("position", "name"))
    today = timezone.localdate()
    # The days the pages (today) and the round's progress report (documents/progress.py) read.
    for on in sorted({today, min(round_.period_ends_on, today)}):
        stored_forecast(programme, version, families, on)
        stored_summary(programme, on)
    return "stored"
