"""The documents of an adopted version, as they were when it was adopted.

An adopted version never changes, but its response report is counted from input and analysis
that go on changing (an import, a new synthesis run). So the documents are made once, when the
version is adopted, and served from here with their checksum ever after.
"""

import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.agenda.models import AgendaVersion
from koers.organisations.models import Family

from .constants import DocumentFormat, DocumentKind


class StoredDocument(models.Model):
    """One document of an adopted version in one format and language (the response report also
    per family), with the SHA-256 of its bytes."""

    version = models.ForeignKey(
        AgendaVersion, on_delete=models.CASCADE, related_name="stored_documents"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=DocumentKind.choices)
    family = models.ForeignKey(
        Family, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    format = models.CharField(_("formaat"), max_length=10, choices=DocumentFormat.choices)
    language = models.CharField(_("taal"), max_length=10)
    # In the database, not on a disk: every app server reads the same bytes.
    content = models.BinaryField(_("inhoud"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("opgeslagen document")
        verbose_name_plural = _("opgeslagen documenten")
        constraints = [
            # Once per version, kind, format and language (and family): NULL families are
            # distinct in a plain unique constraint, hence two.
            models.UniqueConstraint(
                fields=["version", "kind", "format", "language"],
                condition=models.Q(family__isnull=True),
                name="one_stored_document",
            ),
            models.UniqueConstraint(
                fields=["version", "kind", "family", "format", "language"],
                condition=models.Q(family__isnull=False),
                name="one_stored_family_document",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.version} ({self.format}, {self.language})"

    @staticmethod
    def checksum(content: bytes) -> str:
        return hashlib.sha256(content).hexdigest()
