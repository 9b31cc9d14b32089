"""Background work shared by every app: mail goes out through the task queue, never in a request."""

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(subject: str, body: str, to: list[str], html_body: str | None = None) -> int:
    """Send one message; the worker retries nothing on its own, so a failure stays visible."""
    return send_mail(subject, body, None, to, html_message=html_body)
