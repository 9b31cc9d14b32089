"""Forms for writing the agenda text."""

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.agenda.models import AgendaVersion, Paragraph, Section
from koers.core.forms import (
    DATETIME_HELP,
    DATETIME_INPUT_FORMATS,
    DATETIME_INVALID,
    NLDesignFormMixin,
)
from koers.organisations.models import Family


class VersionForm(NLDesignFormMixin, forms.ModelForm):
    class Meta:
        model = AgendaVersion
        fields = ["title", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"introduction": _("In Markdown.")}


class SectionForm(NLDesignFormMixin, forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title"]


class ParagraphForm(NLDesignFormMixin, forms.ModelForm):
    """A paragraph's text and the families it is meant for; empty means everyone."""

    section = forms.ModelChoiceField(
        label=_("Hoofdstuk"), queryset=Section.objects.none(), empty_label=None
    )

    class Meta:
        model = Paragraph
        fields = ["text", "families"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 8}),
            "families": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "text": _("In Markdown: **vet**, *schuin*, [link](https://…), lijsten met - ."),
            "families": _("Laat leeg als de alinea voor iedereen is."),
        }

    def __init__(self, *args, version: AgendaVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = version.sections.all()
        self.fields["families"].queryset = Family.objects.filter(programme=version.programme)
        # A checkbox list is not a text box: NLDesignFormMixin gave it the text box class.
        self.fields["families"].widget.attrs.pop("class", None)
        if self.instance.pk:
            self.fields["section"].initial = self.instance.section_id


class ConsultationPeriodForm(NLDesignFormMixin, forms.Form):
    opens_at = forms.DateTimeField(
        label=_("Open vanaf"),
        input_formats=DATETIME_INPUT_FORMATS,
        help_text=DATETIME_HELP,
        error_messages={"invalid": DATETIME_INVALID},
    )
    closes_at = forms.DateTimeField(
        label=_("Sluit op"),
        required=False,
        input_formats=DATETIME_INPUT_FORMATS,
        help_text=_(
            "Kies een datum en tijd, of laat leeg om open te laten; u kunt ook typen als "
            "01-09-2016 17:00."
        ),
        error_messages={"invalid": DATETIME_INVALID},
    )

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("Het sluiten ligt niet na het openen."))
        return data


class MarkdownImportForm(NLDesignFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Markdown-document"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Elke kop die begint met ‘## ’ wordt een hoofdstuk; elk blok tekst tussen lege regels "
            "wordt een alinea. Tekst vóór de eerste kop komt bij de inleiding."
        ),
    )
