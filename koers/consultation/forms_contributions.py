"""Forms of the contribution pages: the list filters, import, position papers, moderation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.agenda.models import Paragraph
from koers.agenda.references import paragraph_label, paragraph_numbers
from koers.core.files import clean_document
from koers.core.forms import (
    DATE_HELP,
    DATE_INPUT_FORMATS,
    DATE_INVALID,
    NLDesignFormMixin,
)
from koers.core.numbers import positive_ints
from koers.organisations.models import Family, Organisation

from .constants import Channel, Stance
from .importing import ALL_COLUMNS, Resolver

IMPORT_MAX_BYTES = 50 * 1024 * 1024

VISIBILITY_CHOICES = [
    ("", _("Zichtbaar en verborgen")),
    ("zichtbaar", _("Alleen zichtbaar")),
    ("verborgen", _("Alleen verborgen")),
]

COLUMN_LABELS = {
    "text": _("Tekst"),
    "organisation": _("Organisatie"),
    "family": _("Familie"),
    "paragraph": _("Alinea"),
    "channel": _("Kanaal"),
    "date": _("Datum"),
    "author": _("Auteur"),
    "source_id": _("Bron-id"),
    "stance": _("Soort reactie"),
}


def date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"autocomplete": "off"}, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_INVALID},
    )


class ContributionFilterForm(NLDesignFormMixin, forms.Form):
    zoek = forms.CharField(label=_("Zoeken in de tekst"), required=False, max_length=200)
    familie = forms.ModelChoiceField(
        label=_("Familie"),
        queryset=Family.objects.none(),
        required=False,
        empty_label=_("Alle families"),
    )
    organisatie = forms.CharField(
        label=_("Organisatie"),
        required=False,
        max_length=200,
        help_text=_("Code (zoals gm0344) of naam."),
    )
    kanaal = forms.ChoiceField(
        label=_("Kanaal"), required=False, choices=[("", _("Alle kanalen")), *Channel.choices]
    )
    soort = forms.ChoiceField(
        label=_("Soort reactie"), required=False, choices=[("", _("Alle soorten")), *Stance.choices]
    )
    alinea = forms.ModelChoiceField(
        label=_("Alinea"),
        queryset=Paragraph.objects.none(),
        required=False,
        empty_label=_("Alle alinea's"),
        to_field_name="anchor",
    )
    van = date_field(_("Vanaf"))
    tot = date_field(_("Tot en met"))
    zichtbaarheid = forms.ChoiceField(
        label=_("Zichtbaarheid"), required=False, choices=VISIBILITY_CHOICES
    )

    def __init__(self, *args, programme, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["familie"].queryset = Family.objects.filter(programme=programme)
        if version is not None:
            paragraphs = Paragraph.objects.filter(version=version).select_related("section")
            self.fields["alinea"].queryset = paragraphs
            numbers = paragraph_numbers([version.pk])
            self.fields["alinea"].label_from_instance = lambda p: paragraph_label(
                p, numbers.get(p.pk, "?"), 60
            )

    def clean_organisatie(self):
        value = self.cleaned_data["organisatie"].strip()
        if not value:
            return None
        key = value.lower()
        organisation = (
            Organisation.objects.filter(code__iexact=key).first()
            or Organisation.objects.filter(official_name__iexact=key).first()
            or Organisation.objects.filter(short_name__iexact=key).first()
        )
        if organisation is None:
            raise forms.ValidationError(_("Geen organisatie met deze code of naam."))
        return organisation

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["tot"] < data["van"]:
            self.add_error("tot", _("Deze datum ligt vóór de begindatum."))
        return data


class ImportUploadForm(NLDesignFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Bestand (CSV of XLSX)"),
        help_text=_(
            "Kolommen: text, organisation, family, paragraph, channel, date, author, source_id "
            "(alleen text is verplicht; andere namen koppelt u in de volgende stap)."
        ),
    )
    sheet = forms.CharField(
        label=_("Werkblad (XLSX)"),
        required=False,
        max_length=100,
        help_text=_("Leeg: het eerste werkblad."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError(_("Kies een CSV- of XLSX-bestand."))
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 50 MB; splits het op."))
        return upload


class ImportMappingForm(NLDesignFormMixin, forms.Form):
    """Which header of the file holds which column; offered when the headers are not ours."""

    def mapping(self) -> dict[str, str]:
        return {column: self.cleaned_data.get(f"map_{column}", "") for column in ALL_COLUMNS}


def mapping_form(data, *, headers: list[str], initial_mapping: dict[str, str]):
    """A mapping form with one choice of header per column (the fields depend on the file)."""
    choices = [("", _("(niet in het bestand)")), *((h, h) for h in headers if h)]
    fields = {
        f"map_{column}": forms.ChoiceField(
            label=COLUMN_LABELS[column],
            choices=choices,
            required=column == "text",
            initial=initial_mapping.get(column, ""),
        )
        for column in ALL_COLUMNS
    }
    form_class = type("ImportMappingForm", (ImportMappingForm,), fields)
    return form_class(data)


class PositionPaperForm(NLDesignFormMixin, forms.Form):
    channel = forms.ChoiceField(
        label=_("Kanaal"),
        choices=[
            (Channel.POSITION_PAPER.value, Channel.POSITION_PAPER.label),
            (Channel.EMAIL.value, Channel.EMAIL.label),
        ],
    )
    text = forms.CharField(
        label=_("Tekst"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("De inhoud, of een samenvatting met de belangrijkste punten."),
    )
    organisation = forms.CharField(
        label=_("Organisatie"),
        required=False,
        max_length=300,
        help_text=_("Code (zoals gm0344) of naam; de familie volgt uit de organisatie."),
    )
    author_name = forms.CharField(label=_("Afzender"), required=False, max_length=200)
    submitted_on = forms.DateField(
        label=_("Ontvangen op"),
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"autocomplete": "off"}, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_INVALID},
        help_text=DATE_HELP,
    )
    stance = forms.ChoiceField(label=_("Soort reactie"), choices=Stance.choices)
    attachment = forms.FileField(
        label=_("Bijlage (PDF, ODT of DOCX)"),
        required=False,
        help_text=_("Hoogstens 20 MB."),
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["stance"].initial = Stance.GENERAL

    def clean_organisation(self):
        value = self.cleaned_data["organisation"].strip()
        if not value:
            return None
        resolver = Resolver(self.programme, None)
        pk, message = resolver.organisation(value)
        if message:
            raise forms.ValidationError(message)
        return Organisation.objects.get(pk=pk)

    def clean_attachment(self):
        return clean_document(self.cleaned_data.get("attachment"))


class HideForm(NLDesignFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=300,
        help_text=_("Bijvoorbeeld: persoonsgegevens, beledigend. De tekst blijft bewaard."),
    )


class BulkModerationForm(NLDesignFormMixin, forms.Form):
    """One judgement for the contributions ticked on a page of the moderation queue.

    The ticked ids (`contributions`) and what the page showed of each (`seen`, see
    Contribution.moderation_digest) are read from the posted data: an id that is no longer in
    the queue is not an error here but is skipped, and named, by the service.
    """

    action = forms.ChoiceField(
        choices=[("approve", _("In orde")), ("hide", _("Verbergen"))],
        widget=forms.HiddenInput,
        error_messages={"required": _("Kies In orde of Verbergen.")},
    )
    reason = forms.CharField(
        label=_("Reden om te verbergen"),
        required=False,
        max_length=300,
        help_text=_("Alleen nodig om te verbergen; de reden geldt voor elke gekozen bijdrage."),
    )

    def clean(self):
        data = super().clean()
        self.chosen = positive_ints(self.data.getlist("contributions"))
        if not self.chosen:
            raise forms.ValidationError(_("Kies ten minste één bijdrage."), code="empty")
        if data.get("action") == "hide" and not data.get("reason", "").strip():
            self.add_error("reason", _("Geef een reden om te verbergen."))
        return data

    def seen(self) -> dict[int, str]:
        """{ticked id: what the page showed of it}; an id without one counts as changed."""
        shown = {}
        for value in self.data.getlist("seen"):
            pk, _sep, digest = value.partition(":")
            shown[pk] = digest
        return {pk: shown.get(str(pk), "") for pk in self.chosen}
