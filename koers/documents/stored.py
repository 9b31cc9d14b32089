"""Making a version's documents, and keeping those of an adopted version as they were.

A concept's documents are made from the database when asked for (its PDF is rendered once per
content, see pdf.render_pdf). An adopted version's documents are made once, when it is adopted
(in the task worker: store_documents, enqueued on koers.agenda.signals.version_moved),
and served from StoredDocument ever after, so that an import or a new analysis later changes
nothing in what the council adopted. A document that is missing all the same (the worker was down,
a language added later) is made the first time it is asked for, and stored then.
"""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion
from koers.organisations.models import Family

from .agenda_document import build_agenda_document
from .constants import DocumentFormat, DocumentKind
from .models import StoredDocument
from .odt import agenda_odt, report_odt
from .pdf import render_pdf
from .report import build_report, report_title
from .report_intro import introduction

logger = logging.getLogger(__name__)

FORMATS = [DocumentFormat.HTML, DocumentFormat.PDF, DocumentFormat.ODT]


def report_context(version: AgendaVersion, family: Family | None) -> dict:
    report = build_report(version, family)
    return {
        "report": report,
        "introduction": introduction(report),
        "date": report.date,
        "agenda_url": reverse(
            "documents:agenda-document", args=[version.programme.slug, version.number]
        ),
    }


def make(
    version: AgendaVersion, kind: str, family: Family | None, formats: list[str]
) -> dict[str, bytes]:
    """The document in the given formats, made now from the database in the active language;
    the formats of one call come from one reading of the data."""
    programme = version.programme
    made: dict[str, bytes] = {}
    if kind == DocumentKind.AGENDA:
        doc = build_agenda_document(version)
        if DocumentFormat.ODT in formats:
            made[DocumentFormat.ODT] = agenda_odt(doc)
        body = render_to_string("documents/agenda_document/_body.html", {"doc": doc})
        title = version.title
        footer = f"{programme.name} – {version.title} ({_('versie')} {version.number})"
    else:
        context = report_context(version, family)
        if DocumentFormat.ODT in formats:
            made[DocumentFormat.ODT] = report_odt(
                context["report"], context["introduction"], context["date"]
            )
        body = render_to_string("documents/report/_body.html", context)
        title = f"{report_title(family)} – {version.title}"
        footer = f"{programme.name} – {report_title(family)}"
    if DocumentFormat.HTML in formats:
        made[DocumentFormat.HTML] = body.encode()
    if DocumentFormat.PDF in formats:
        made[DocumentFormat.PDF] = render_pdf(body, title=title, footer=footer, programme=programme)
    return made


def current_language() -> str:
    known = dict(settings.LANGUAGES)
    language = translation.get_language() or settings.LANGUAGE_CODE
    for candidate in (language, language.split("-")[0]):
        if candidate in known:
            return candidate
    return settings.LANGUAGE_CODE


def _find(version, kind, family, fmt, language) -> StoredDocument | None:
    return StoredDocument.objects.filter(
        version=version, kind=kind, family=family, format=fmt, language=language
    ).first()


def _store(version, kind, family, fmt, language, content: bytes) -> StoredDocument:
    try:
        with transaction.atomic():
            return StoredDocument.objects.create(
                version=version,
                kind=kind,
                family=family,
                format=fmt,
                language=language,
                content=content,
                sha256=StoredDocument.checksum(content),
            )
    except IntegrityError:
        # Stored meanwhile by another request or the worker: the first one stands.
        return _find(version, kind, family, fmt, language)


def stored(version: AgendaVersion, kind: str, family: Family | None, fmt: str) -> StoredDocument:
    """The stored document of an adopted version in the active language; made and stored the
    first time when it is missing."""
    language = current_language()
    found = _find(version, kind, family, fmt, language)
    if found is not None:
        return found
    content = make(version, kind, family, [fmt])[fmt]
    return _store(version, kind, family, fmt, language, content)


def store_version_documents(version: AgendaVersion) -> int:
    """Make and store every document of an adopted version that is not stored yet, in every
    language of the interface: the agenda document and the response report, whole and per
    family, as page, PDF and ODT. Returns how many were stored."""
    if version.state != VersionState.ADOPTED:
        return 0
    families = list(Family.objects.filter(programme_id=version.programme_id))
    have = set(
        StoredDocument.objects.filter(version=version).values_list(
            "kind", "family_id", "format", "language"
        )
    )
    count = 0
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            wanted = [(DocumentKind.AGENDA, None), (DocumentKind.REPORT, None)]
            wanted += [(DocumentKind.REPORT, family) for family in families]
            for kind, family in wanted:
                family_id = family.pk if family else None
                missing = [f for f in FORMATS if (kind, family_id, f, language) not in have]
                if not missing:
                    continue
                for fmt, content in make(version, kind, family, missing).items():
                    _store(version, kind, family, fmt, language, content)
                    count += 1
    return count


def on_version_moved(sender, version=None, previous=None, by=None, **kwargs):
    """Store the documents of a version that was just adopted, in the task worker."""
    if version is not None and version.state == VersionState.ADOPTED and previous != version.state:
        try:
            store_documents.enqueue(version.pk)
        except Exception:
            # The adoption stands; the documents are then made on their first request.
            logger.exception("could not queue the documents of version %s", version.pk)


@task()
def store_documents(version_id: int) -> int:
    """Make and store the documents of an adopted version (in the task worker); a retry or a
    second run stores only what is still missing."""
    version = AgendaVersion.objects.select_related("programme").filter(pk=version_id).first()
    return store_version_documents(version) if version is not None else 0
