"""A round table as an iCalendar file (RFC 5545), for people to put in their own agenda.

Written by hand rather than with a library because one event needs only a few properties; the
rules that matter are all here: CRLF line ends, lines folded at 75 octets without splitting a
UTF-8 character, TEXT values escaped, times in UTC, and a UID that stays the same when the
meeting is edited so calendars update the event instead of adding a second one.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import RoundTable

PRODUCT_ID = "-//Koers//Ronde tafel//NL"


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 section 3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def utc(moment: datetime.datetime) -> str:
    """A DATE-TIME in UTC form, e.g. 20160512T113000Z."""
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets (section 3.1).

    Continuation lines start with one space, which counts toward their 75 octets.
    """
    pieces, current, size, limit = [], [], 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, 74
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "koers.invalid"


def round_table_uid(round_table: RoundTable) -> str:
    return f"ronde-tafel-{round_table.pk}@{_site_host()}"


def round_table_ics(
    round_table: RoundTable, *, page_url: str, include_online_url: bool, now=None
) -> str:
    """The meeting as a VCALENDAR with one VEVENT.

    `page_url` is the meeting's page; the online link is only written into the file for people
    who may see it on the page (`include_online_url`).
    """
    stamp = now or timezone.now()
    families = ", ".join(f.name for f in round_table.families.all())
    description = [families] if families else []
    if include_online_url and round_table.online_url:
        description.append(_("Online deelnemen: %(url)s") % {"url": round_table.online_url})
    if round_table.agenda:
        description.append(round_table.agenda)
    description.append(page_url)
    location = round_table.location
    if not location and include_online_url:
        location = round_table.online_url
    elif not location:
        location = _("Online")
    properties = [
        ("BEGIN", "VCALENDAR"),
        ("VERSION", "2.0"),
        ("PRODID", PRODUCT_ID),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
        ("BEGIN", "VEVENT"),
        ("UID", round_table_uid(round_table)),
        ("DTSTAMP", utc(stamp)),
        ("DTSTART", utc(round_table.starts_at)),
        ("DTEND", utc(round_table.ends_at)),
        ("SUMMARY", escape_text(round_table.title)),
        ("LOCATION", escape_text(location)),
        ("DESCRIPTION", escape_text("\n\n".join(description))),
        # URL is a URI value, not TEXT: it is not escaped, and it must not hold line breaks.
        ("URL", page_url.replace("\r", "").replace("\n", "")),
        ("STATUS", "CONFIRMED"),
        ("TRANSP", "OPAQUE"),
        ("END", "VEVENT"),
        ("END", "VCALENDAR"),
    ]
    return "".join(fold(f"{name}:{value}") + "\r\n" for name, value in properties)
