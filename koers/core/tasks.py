"""Background work shared by every app: mail goes out through the task queue, never in a request."""

import logging

from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import TaskContext, task

from .models import MailDelivery

log = logging.getLogger(__name__)


@task(takes_context=True)
def send_email(
    context: TaskContext, subject: str, body: str, to: list[str], html_body: str | None = None
) -> int:
    """Send one message, once: the task may run again when its worker died (koers.core.workers),
    and the delivery row, keyed by the task's id and written before the mail server is called,
    keeps a second attempt from sending it again. The worker retries nothing on its own, so a
    failure stays visible."""
    task_id = str(context.task_result.id)
    delivery, first = MailDelivery.objects.get_or_create(task_id=task_id)
    if not first:
        # An earlier attempt got as far as the mail server; whether the message went out is
        # unknown only if that worker died during the very call. Never twice wins.
        if delivery.sent_at is None:
            log.warning(
                "mail task %s: an earlier attempt died while sending; not sent again", task_id
            )
        return 0
    try:
        sent = send_mail(subject, body, None, to, html_message=html_body)
    except Exception:
        delivery.delete()  # not sent: a later attempt of this task may send it
        raise
    MailDelivery.objects.filter(pk=delivery.pk).update(sent_at=timezone.now())
    return sent
