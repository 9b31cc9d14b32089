from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    AGENDA = "agenda", _("agendadocument")
    REPORT = "reactienota", _("reactienota")


class DocumentFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    ODT = "odt", "ODT"
    # The body of the web page, so the page of an adopted version shows what was adopted.
    HTML = "html", "HTML"
