"""The newsletter: who receives an issue, what the message looks like, and sending it exactly
once per subscriber.

Exactly once, precisely: when sending starts, one Delivery row per recipient is created in the
same transaction that moves the issue to "sending" (unique per issue and subscriber). A worker
then handles one delivery at a time in its own transaction: an UPDATE marks the row sent only if
it is still pending (on PostgreSQL that locks the row, so a second worker waits and then finds
it taken; SQLite has a single writer), the message goes to the mail server, and the transaction
commits. A worker that dies before the server accepted a message
leaves the row pending, and the restarted worker sends it; a sent row is never sent again. What
remains is the window between the server's accept and that commit (one UPDATE): a worker killed
inside it rolls back, and that one message goes out a second time. So: at most one duplicate per
killed worker, never a lost message; the duplicate carries the same Message-ID as the first
(`delivery_message_id`), so that a mail server or program that drops a repeated Message-ID
shows it once. No sender can do better over SMTP: the server's accept and the sender's record
of it cannot be one step. A failure the mail server reports for an address is
recorded on the row; after three the row is skipped and the subscription marked bouncing.

Besides that transaction and the SMTP conversation, nothing is done per message that can be
done once: the issue is rendered once per run, its MIME form assembled once per format
(the personal parts are filled into the bytes, see `PreparedIssue`), the deliveries are read in
batches by ascending id with the subscriber's columns joined in, one SMTP connection serves a
batch, and the claiming UPDATE is a statement written out rather than built by the ORM
(`_mark_sent`).
"""

import re
import smtplib
from email.utils import formatdate

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.utils import DNS_NAME
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from koers.accounts.models import SUBSCRIPTION_TOKEN_LENGTH, MailFormat, NewsletterSubscription
from koers.core.concurrency import lock_parent, next_position
from koers.organisations.models import Programme

from .constants import DELIVERY_BATCH, MAX_DELIVERY_ATTEMPTS, IssueState
from .models import Delivery, Issue

_LINK = "\x00KOERS-LINK\x00"  # stands in for the personal links while rendering once per issue


class NotADraft(Exception):
    """Only a draft issue may be changed or sent."""


# --- links ------------------------------------------------------------------------------------


def subscription_token(subscription: NewsletterSubscription) -> str:
    """The opaque token in a subscriber's links: random, stored with the subscription, so it names
    one subscriber on one programme's list without saying which; it does not expire, since every
    message carries it."""
    return subscription.token


def subscription_from_token(token: str) -> NewsletterSubscription | None:
    if not (0 < len(token) <= SUBSCRIPTION_TOKEN_LENGTH):
        return None
    return NewsletterSubscription.objects.select_related("programme").filter(token=token).first()


def _absolute(path: str) -> str:
    # SITE_URL, not the request's Host: production sets an https:// address (RFC 8058 wants one).
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_link(token: str) -> str:
    return _absolute(reverse("news:unsubscribe", args=[token]))


def manage_link(token: str) -> str:
    return _absolute(reverse("news:subscription", args=[token]))


# --- recipients -------------------------------------------------------------------------------


def recipients(issue: Issue, families=None):
    """The confirmed subscribers an issue goes to: everyone, or those following one of the
    chosen families. Bouncing addresses are left out."""
    families = list(issue.families.all()) if families is None else list(families)
    subscriptions = NewsletterSubscription.objects.receiving().filter(
        programme_id=issue.programme_id, bouncing_at__isnull=True
    )
    if families:
        ids = subscriptions.filter(families__in=families).values("pk")
        subscriptions = NewsletterSubscription.objects.filter(pk__in=ids)
    return subscriptions


def growth(programme: Programme) -> list[dict]:
    """New confirmed subscriptions and unsubscriptions per month: figures, never addresses."""
    months: dict = {}
    rows = (
        NewsletterSubscription.objects.filter(programme=programme, confirmed_at__isnull=False)
        .annotate(month=TruncMonth("confirmed_at"))
        .values("month")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        months.setdefault(row["month"].date(), {"joined": 0, "left": 0})["joined"] = row["n"]
    rows = (
        NewsletterSubscription.objects.filter(programme=programme, unsubscribed_at__isnull=False)
        .annotate(month=TruncMonth("unsubscribed_at"))
        .values("month")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        months.setdefault(row["month"].date(), {"joined": 0, "left": 0})["left"] = row["n"]
    return [{"month": month, **months[month]} for month in sorted(months, reverse=True)]


def counts(programme: Programme) -> dict:
    return NewsletterSubscription.objects.filter(programme=programme).aggregate(
        receiving=Count("pk", filter=Q(confirmed_at__isnull=False, unsubscribed_at__isnull=True)),
        unconfirmed=Count("pk", filter=Q(confirmed_at__isnull=True)),
        unsubscribed=Count("pk", filter=Q(unsubscribed_at__isnull=False)),
        bouncing=Count("pk", filter=Q(bouncing_at__isnull=False, unsubscribed_at__isnull=True)),
    )


# --- the message --------------------------------------------------------------------------------


def render_issue(issue: Issue) -> dict:
    """Subject, plain text and HTML of an issue, rendered once; the personal links are filled
    in per message (`message_for`)."""
    context = {
        "issue": issue,
        "programme": issue.programme,
        "posts": list(issue.posts.order_by("-published_at", "-number")),
        "site_url": settings.SITE_URL.rstrip("/"),
        "unsubscribe_link": _LINK + "u",
        "manage_link": _LINK + "m",
    }
    return {
        "subject": issue.subject,
        # The links' common part, reversed once per issue rather than once per message.
        "unsubscribe_prefix": unsubscribe_link("-")[:-1],
        "manage_prefix": manage_link("-")[:-1],
        "text": render_to_string("news/email/issue.txt", context),
        "html": render_to_string("news/email/issue.html", context),
    }


def render_preview(issue: Issue) -> dict:
    """The issue as `render_issue` makes it, with the personal links shown as what they are
    (each subscriber's own), for the office's preview."""
    rendered = render_issue(issue)
    token = "\N{HORIZONTAL ELLIPSIS}"
    unsubscribe = rendered["unsubscribe_prefix"] + token
    manage = rendered["manage_prefix"] + token
    for part in ("text", "html"):
        rendered[part] = _personal(rendered[part], unsubscribe, manage)
    return rendered


def _personal(text: str, unsubscribe: str, manage: str) -> str:
    return text.replace(_LINK + "u", unsubscribe).replace(_LINK + "m", manage)


def _message(
    rendered: dict, email: str, format: str, token: str, *, headers=None, connection=None
) -> "IssueMessage":
    unsubscribe, manage = rendered["unsubscribe_prefix"] + token, rendered["manage_prefix"] + token
    message = IssueMessage(
        subject=rendered["subject"],
        body=_personal(rendered["text"], unsubscribe, manage),
        to=[email],
        connection=connection,
        headers={
            **(headers or {}),
            # RFC 2369 and RFC 8058: mail programs offer a one-click unsubscribe button that POSTs.
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    if format == MailFormat.HTML:
        message.attach_alternative(_personal(rendered["html"], unsubscribe, manage), "text/html")
    return message


def message_for(rendered: dict, subscription, *, connection=None) -> EmailMultiAlternatives:
    token = subscription_token(subscription)
    return _message(rendered, subscription.email, subscription.format, token, connection=connection)


class _Assembled:
    """What `IssueMessage.message()` returns when its bytes are ready: the mail backends ask
    it only for those (and the console backend for a charset; None means utf-8)."""

    def __init__(self, data: bytes):
        self.data = data  # lines end in CRLF, as SMTP sends them

    def as_bytes(self, unixfrom=False, linesep="\n", policy=None) -> bytes:
        return self.data if linesep == "\r\n" else self.data.replace(b"\r\n", linesep.encode())

    def as_string(self, unixfrom=False, maxheaderlen=0, policy=None, linesep="\n") -> str:
        return self.as_bytes(linesep=linesep).decode("utf-8", "surrogateescape")

    def get_charset(self):
        return None


class IssueMessage(EmailMultiAlternatives):
    """A subscriber's copy of an issue. Its subject, text, HTML and headers are those of any
    EmailMultiAlternatives; when `assembled` is set, that is its MIME form, filled in from the
    issue's form rather than assembled by the email package again (`PreparedIssue`)."""

    assembled: bytes | None = None

    def message(self):
        return super().message() if self.assembled is None else _Assembled(self.assembled)


# Stand-ins for what differs per subscriber while an issue's message is assembled once per
# format. Letters and digits only, so that the headers and a 7bit or 8bit body hold them as they
# are; the token's is longer than any real token, so a body that needs no other transfer
# encoding with it needs none with the real one either.
_TO = "koersrecipientstandin@koers.invalid"
_TOKEN = "KoersTokenStandIn" + "0" * 83
_DATE = "KoersDateStandIn"
_ID = "KoersMessageIdStandIn"
_STAND_INS = re.compile(
    b"(" + b"|".join(re.escape(s.encode()) for s in (_TO, _TOKEN, _DATE, _ID)) + b")"
)
# An address is filled in only when Django would have written it into the To header verbatim
# and on one line: ASCII, without line breaks, "To: " plus it well under 78 characters.
_PLAIN_ADDRESS = re.compile(r"[!-~]{1,70}")


def delivery_message_id(issue_id: int, subscription_id: int) -> str:
    """The Message-ID of one issue to one subscriber: the same each time it is sent. The one
    message a killed worker may send twice (see the top of this module) then reaches the reader
    as the same message twice, which mail servers and programs that drop a repeated Message-ID
    show once."""
    return f"<nieuwsbrief-{issue_id}-{subscription_id}@{DNS_NAME}>"


class PreparedIssue:
    """An issue ready to go out: rendered once, and its MIME message assembled once per format
    by Django (headers folded and encoded, parts and boundary written) with stand-ins for the
    address, the personal token, the date and the Message-ID. A subscriber's message then costs
    filling in those four, instead of the email package assembling every message anew (which
    took more time than the rest of the sending on Koers' side together).

    A format whose assembled form does not hold each stand-in as it was (a body with lines too
    long for 8bit gets quoted-printable, which may break them) is assembled per message, and so
    is a message to an address that Django would have encoded or folded."""

    def __init__(self, issue: Issue):
        self.issue = issue
        self.rendered = render_issue(issue)
        self.forms = {format: self._form(format) for format in MailFormat.values}

    def _form(self, format: str) -> list[bytes] | None:
        example = _message(
            self.rendered, _TO, format, _TOKEN, headers={"Date": _DATE, "Message-ID": _ID}
        )
        data = example.message().as_bytes(linesep="\r\n")
        tokens = sum(
            text.count(_TOKEN)
            for text in [example.body, *example.extra_headers.values()]
            + [content for content, _kind in example.alternatives]
        )
        if data.count(_TOKEN.encode()) != tokens or any(
            data.count(s.encode()) != 1 for s in (_TO, _DATE, _ID)
        ):
            return None
        # Literal bytes at the even places, stand-ins at the odd ones.
        return _STAND_INS.split(data)

    def message(
        self, subscription_id: int, email: str, format: str, token: str, *, connection=None
    ):
        """The message to one subscriber (its subscription's id, address, format and token)."""
        date = formatdate(localtime=settings.EMAIL_USE_LOCALTIME)
        message_id = delivery_message_id(self.issue.pk, subscription_id)
        message = _message(
            self.rendered,
            email,
            format,
            token,
            connection=connection,
            headers={"Date": date, "Message-ID": message_id},
        )
        form = self.forms[format]
        if form is not None and _PLAIN_ADDRESS.fullmatch(email):
            values = {
                _TO.encode(): email.encode(),
                _TOKEN.encode(): token.encode(),
                _DATE.encode(): date.encode(),
                _ID.encode(): message_id.encode(),
            }
            message.assembled = b"".join(
                values[part] if i % 2 else part for i, part in enumerate(form)
            )
        return message


def send_test(issue: Issue, email: str) -> None:
    """The issue as a subscriber would get it, to the office's own address; links are inert."""
    rendered = render_issue(issue)
    rendered["subject"] = _("[Test] %(subject)s") % {"subject": rendered["subject"]}
    test = NewsletterSubscription(pk=0, programme=issue.programme, email=email)
    message_for(rendered, test).send()


# --- sending ------------------------------------------------------------------------------------


@transaction.atomic
def save_issue(issue: Issue, *, posts, families, by=None) -> Issue:
    if issue.pk is None:
        lock_parent(issue)
        issue.number = next_position(Issue.objects.filter(programme=issue.programme), "number") or 1
    elif (
        Issue.objects.filter(pk=issue.pk).values_list("state", flat=True).get() != IssueState.DRAFT
    ):
        raise NotADraft
    issue.author = issue.author or by
    issue.save()
    issue.posts.set(posts)
    issue.families.set(families)
    return issue


@transaction.atomic
def start_sending(issue: Issue) -> int:
    """Freeze the recipients (one Delivery each) and hand the issue to the task worker."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.state != IssueState.DRAFT:
        raise NotADraft
    recipient_ids = recipients(issue).values_list("pk", flat=True).iterator(chunk_size=5000)
    batch, total = [], 0
    for subscription_id in recipient_ids:
        batch.append(Delivery(issue_id=issue.pk, subscription_id=subscription_id))
        if len(batch) == 5000:
            total += len(Delivery.objects.bulk_create(batch, ignore_conflicts=True))
            batch = []
    total += len(Delivery.objects.bulk_create(batch, ignore_conflicts=True))
    issue.state = IssueState.SENDING
    issue.sending_started_at = timezone.now()
    issue.save(update_fields=["state", "sending_started_at", "updated_at"])
    # Stored in this transaction (the database task backend): no task without its deliveries.
    send_issue.enqueue(issue_id=issue.pk)
    return total


def _pending(issue: Issue):
    return Delivery.objects.filter(
        issue=issue, sent_at__isnull=True, attempts__lt=MAX_DELIVERY_ATTEMPTS
    )


# What the mail server says about one address; anything else (the worker dying, the database
# going away) stops the run and leaves the delivery pending for the next one.
ADDRESS_FAILURES = (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError, smtplib.SMTPSenderRefused)

# The claim, run once per message: the ORM's update() builds and compiles its query anew every
# time, which cost twice what the statement itself does.
_MARK_SENT = (
    "UPDATE {table} SET {sent_at} = %s, {attempts} = {attempts} + 1"
    " WHERE {id} = %s AND {sent_at} IS NULL AND {attempts} < %s"
)


def _mark_sent(delivery_id: int) -> bool:
    """Mark a delivery sent if it is still pending; False when it is not (anymore)."""
    quote = db_connection.ops.quote_name
    sql = _MARK_SENT.format(
        table=quote(Delivery._meta.db_table),
        id=quote("id"),
        sent_at=quote("sent_at"),
        attempts=quote("attempts"),
    )
    now = Delivery._meta.get_field("sent_at").get_db_prep_value(timezone.now(), db_connection)
    with db_connection.cursor() as cursor:
        cursor.execute(sql, [now, delivery_id, MAX_DELIVERY_ATTEMPTS])
        return cursor.rowcount == 1


def send_batch(prepared: PreparedIssue, *, after: int = 0, size: int = DELIVERY_BATCH):
    """Send up to `size` pending deliveries of an issue with an id above `after`, over one SMTP
    connection, committing each message on its own; returns how many were sent and the last id
    looked at (None when there were none).

    Per message, one transaction: an UPDATE that sets `sent_at` only if the row is still
    pending (so of two workers only one wins it; the row stays locked until the commit), then
    the SMTP call, then the commit. A refusal by the mail server undoes the mark and records
    the error; a worker that dies before the commit leaves the row pending.
    """
    issue = prepared.issue
    # Keyset paging: the next batch starts after this one's last id, so no batch reads or sorts
    # the rows before it, however many there are.
    rows = list(
        _pending(issue)
        .filter(pk__gt=after)
        .order_by("pk")
        .values_list(
            "pk",
            "attempts",
            "subscription_id",
            "subscription__email",
            "subscription__format",
            "subscription__token",
            "subscription__unsubscribed_at",
        )[:size]
    )
    if not rows:
        return 0, None
    sent = 0
    with get_connection() as mail:
        for pk, attempts, subscription_id, email, format, token, unsubscribed_at in rows:
            if unsubscribed_at is not None:
                # Left after sending started: recorded, not sent.
                _pending(issue).filter(pk=pk).update(
                    attempts=MAX_DELIVERY_ATTEMPTS, error="afgemeld"
                )
                continue
            with transaction.atomic():
                if not _mark_sent(pk):
                    continue  # sent, or taken by another worker, meanwhile
                try:
                    prepared.message(subscription_id, email, format, token, connection=mail).send()
                except ADDRESS_FAILURES as error:
                    Delivery.objects.filter(pk=pk).update(sent_at=None, error=str(error)[:300])
                    if attempts + 1 >= MAX_DELIVERY_ATTEMPTS:
                        NewsletterSubscription.objects.filter(pk=subscription_id).update(
                            bouncing_at=timezone.now()
                        )
                    continue
            sent += 1
    return sent, rows[-1][0]


def send_all(issue: Issue) -> int:
    """Send every pending delivery, batch by batch, then mark the issue sent. Deliveries that
    failed but may be tried again get their next attempt in the next round."""
    prepared = PreparedIssue(issue)
    total = 0
    while True:
        last = 0
        while last is not None:
            sent, last = send_batch(prepared, after=last)
            total += sent
        if not _pending(issue).exists():
            break
    Issue.objects.filter(pk=issue.pk, state=IssueState.SENDING).update(
        state=IssueState.SENT, sent_at=timezone.now()
    )
    return total


# --- the subscriber's own changes --------------------------------------------------------------


def unsubscribe(subscription: NewsletterSubscription) -> None:
    NewsletterSubscription.objects.filter(pk=subscription.pk, unsubscribed_at__isnull=True).update(
        unsubscribed_at=timezone.now()
    )


@transaction.atomic
def update_subscription(subscription: NewsletterSubscription, *, families, format) -> None:
    subscription.format = format
    subscription.save(update_fields=["format"])
    subscription.families.set(families)


# --- the task worker's part ----------------------------------------------------------------------


@task()
def send_issue(issue_id: int) -> int:
    """Send what is left of an issue. Safe to run again after a worker died: only pending
    deliveries are sent (the module's docstring states the guarantee)."""
    issue = Issue.objects.select_related("programme").filter(pk=issue_id).first()
    if issue is None or issue.state != IssueState.SENDING:
        return 0
    return send_all(issue)


@task()
def send_test_issue(issue_id: int, email: str) -> None:
    issue = Issue.objects.select_related("programme").filter(pk=issue_id).first()
    if issue is not None:
        send_test(issue, email)
