"""Forms for round tables: the meeting itself, its invitations and attendance, and its input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.agenda.models import AgendaVersion
from koers.agenda.references import paragraph_choices
from koers.core.forms import (
    DATETIME_HELP,
    DATETIME_INPUT_FORMATS,
    DATETIME_INVALID,
    NLDesignFormMixin,
    formfield_with_https,
)

from .constants import Stance
from .models import RoundTable


def _datetime_field(label):
    return forms.DateTimeField(
        label=label,
        input_formats=DATETIME_INPUT_FORMATS,
        help_text=DATETIME_HELP,
        widget=forms.DateTimeInput(attrs={"autocomplete": "off"}, format="%Y-%m-%d %H:%M"),
        error_messages={"invalid": DATETIME_INVALID, "required": _("Vul datum en tijd in.")},
    )


class RoundTableForm(NLDesignFormMixin, forms.ModelForm):
    starts_at = _datetime_field(_("Begint om"))
    ends_at = _datetime_field(_("Eindigt om"))

    class Meta:
        model = RoundTable
        formfield_callback = formfield_with_https
        fields = ["title", "families", "version", "starts_at", "ends_at", "location"]
        fields += ["online_url", "agenda"]
        labels = {
            "title": _("Titel"),
            "families": _("Families"),
            "version": _("Over versie"),
            "location": _("Plaats"),
            "online_url": _("Link om online deel te nemen"),
            "agenda": _("Agenda"),
        }
        help_texts = {
            "families": _(
                "Alle huidige leden van de gekozen families worden uitgenodigd; daarna kunt u "
                "de lijst inperken."
            ),
            "location": _("Adres of zaal. Vul een plaats, een link of allebei in."),
            "online_url": _("Alleen zichtbaar voor genodigden en het programmabureau."),
            "agenda": _("In Markdown: een lege regel begint een nieuwe alinea, * een opsomming."),
        }
        widgets = {
            "families": forms.CheckboxSelectMultiple,
            "agenda": forms.Textarea(attrs={"rows": 8}),
        }
        error_messages = {
            "title": {"required": _("Geef de ronde tafel een titel.")},
            "families": {"required": _("Kies ten minste één familie.")},
            "online_url": {"invalid": _("Vul een volledige link in, beginnend met https://.")},
        }

    def __init__(self, *args, programme, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.user = user
        self.instance.programme = programme
        self.fields["families"].queryset = programme.families.all()
        # Only versions this person may read (a coordinator does not see the office's drafts),
        # and the one the meeting is already about.
        versions = AgendaVersion.objects.visible_to(user, programme)
        if self.instance.version_id:
            versions = versions | AgendaVersion.objects.filter(pk=self.instance.version_id)
        self.fields["version"].queryset = versions
        self.fields["version"].empty_label = _("(nog geen versie)")

    def clean_families(self):
        families = self.cleaned_data["families"]
        # A coordinator must keep a family of their own in the meeting, or they could not edit it.
        if families and not any(
            self.user.has_perm("consultation.organise_roundtable_for_family", f) for f in families
        ):
            raise forms.ValidationError(
                _("Kies ten minste één familie waarvoor u ronde tafels organiseert.")
            )
        return families


class OrganisationChoiceForm(NLDesignFormMixin, forms.Form):
    """Tick organisations from a fixed list: invitations or attendance.

    The view groups the checkboxes by family and filters what it shows; buttons named `tick`
    ("alle:<group>", "geen:<group>", "alle:getoond") tick or untick what is shown without
    JavaScript, and nothing is saved until the office presses save.
    """

    organisations = forms.MultipleChoiceField(
        label=_("Organisaties"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, organisation_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].choices = [(str(pk), str(pk)) for pk in organisation_ids]

    def selected_ids(self) -> set[int]:
        return {int(v) for v in self.cleaned_data.get("organisations", [])}


class ContributionForm(NLDesignFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Inbreng"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Vul de inbreng in.")},
    )
    paragraphs = forms.MultipleChoiceField(
        label=_("Over alinea's"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies de alinea's van de agenda waar de inbreng over gaat."),
    )
    organisation = forms.ChoiceField(label=_("Organisatie"), required=False)
    author_name = forms.CharField(
        label=_("Spreker"),
        required=False,
        max_length=200,
        help_text=_(
            "Optioneel. Zichtbaar voor het programmabureau en de regieraad, niet openbaar."
        ),
    )
    stance = forms.ChoiceField(label=_("Soort inbreng"), choices=Stance.choices)

    def __init__(self, *args, round_table: RoundTable, organisations, paragraphs, **kwargs):
        super().__init__(*args, **kwargs)
        self.round_table = round_table
        attended = [o for o in organisations if o.did_attend]
        absent = [o for o in organisations if not o.did_attend]
        self._organisations = {str(o.pk): o for o in organisations}
        choices = [("", _("(geen organisatie)"))]
        if attended:
            choices.append((_("Aanwezig"), [(str(o.pk), o.official_name) for o in attended]))
        if absent:
            choices.append((_("Uitgenodigd"), [(str(o.pk), o.official_name) for o in absent]))
        self.fields["organisation"].choices = choices
        self._paragraphs = {str(p.pk): p for p in paragraphs}
        self.fields["paragraphs"].choices = paragraph_choices(paragraphs)
        if not paragraphs:
            del self.fields["paragraphs"]

    def clean_organisation(self):
        value = self.cleaned_data["organisation"]
        return self._organisations.get(value) if value else None

    def clean_paragraphs(self):
        return [self._paragraphs[v] for v in self.cleaned_data["paragraphs"]]


class MinutesForm(NLDesignFormMixin, forms.ModelForm):
    class Meta:
        model = RoundTable
        fields = ["minutes"]
        labels = {"minutes": _("Verslag")}
        help_texts = {
            "minutes": _("In Markdown. Het verslag is zichtbaar voor wie inbreng mag zien.")
        }
        widgets = {"minutes": forms.Textarea(attrs={"rows": 12})}
