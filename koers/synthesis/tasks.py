"""Background work of the synthesis: a run takes minutes at a million contributions."""

from django_tasks import task

from .models import SynthesisRun


@task()
def run_synthesis(run_id: int) -> str:
    from .services import perform_run

    run = SynthesisRun.objects.select_related("programme").get(pk=run_id)
    return perform_run(run).state
