"""Background work of the monitoring: a round's roll-up, stored when a report arrives, so that
no reader of the progress pages pays for computing it (rollup.stored_roll_up)."""

from django_tasks import task

from koers.elaboration import services as elaboration

from .models import ProgressReport, ReportingRound


@task()
def store_roll_up(round_id: int, report_id: int) -> str:
    """Compute and store the roll-up of the round as it stands after report `report_id`. When a
    later report arrived meanwhile its own task stores it: reports come in bursts near a
    deadline, and each computation reads the whole round."""
    from .rollup import stored_roll_up  # rollup reads services, which enqueues this task

    round_ = ReportingRound.objects.select_related("programme").filter(pk=round_id).first()
    if round_ is None:
        return "gone"
    if ProgressReport.objects.filter(round=round_, pk__gt=report_id).exists():
        return "superseded"
    version = elaboration.adopted_version(round_.programme)
    if version is None:
        return "no adopted agenda"
    stored_roll_up(round_.programme, version, [round_])
    return "stored"
