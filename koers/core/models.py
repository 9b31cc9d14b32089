"""What the task workers keep in the database besides the queue itself (django-tasks-db).

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again: a task
whose worker was killed stays RUNNING for good. The heartbeats below tell a live worker from a
dead one, so its tasks can go back to the queue (koers.core.workers.requeue_abandoned_tasks).
"""

from django.db import models


class WorkerHeartbeat(models.Model):
    """A task worker's sign of life, written every TASK_HEARTBEAT_SECONDS while it runs."""

    # The id django-tasks-db records in DBTaskResult.worker_ids when this worker claims a task.
    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-beat_at"]

    def __str__(self):
        return f"{self.hostname}:{self.pid} ({self.worker_id})"


class MailDelivery(models.Model):
    """A queued message that a worker began to hand to the mail server.

    Keyed by the task's id, so that running the same task again (after its worker died) never
    sends it a second time. No recipients or text: those stay in the task only.
    """

    task_id = models.CharField(max_length=64, unique=True)
    started_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "mail deliveries"

    def __str__(self):
        return self.task_id
