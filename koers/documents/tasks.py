"""Background work of the documents: storing an adopted version's documents."""

from django_tasks import task

from koers.consultation.models import AgendaVersion


@task()
def store_documents(version_id: int) -> int:
    """Make and store the documents of an adopted version (see stored.py); a retry or a second
    run stores only what is still missing."""
    from .stored import store_version_documents

    version = AgendaVersion.objects.select_related("programme").filter(pk=version_id).first()
    return store_version_documents(version) if version is not None else 0
