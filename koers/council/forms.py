"""Forms of the council pages: planning a meeting, its agenda items, change recommendations and
the decisions. The services in council.py keep the rules; these forms ask for the input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion, Paragraph, Section
from koers.agenda.references import paragraph_numbers
from koers.core.forms import (
    DATETIME_HELP,
    DATETIME_INPUT_FORMATS,
    DATETIME_INVALID,
    NLDesignFormMixin,
)
from koers.core.markdown import excerpt

from .constants import Decision, RecommendationAction

MARKDOWN_HELP = _("In Markdown: een lege regel begint een nieuwe alinea.")


class MeetingForm(NLDesignFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=300,
        error_messages={"required": _("Geef de vergadering een titel.")},
    )
    starts_at = forms.DateTimeField(
        label=_("Begint om"),
        input_formats=DATETIME_INPUT_FORMATS,
        help_text=DATETIME_HELP,
        widget=forms.DateTimeInput(attrs={"autocomplete": "off"}, format="%Y-%m-%d %H:%M"),
        error_messages={"invalid": DATETIME_INVALID, "required": _("Vul datum en tijd in.")},
    )
    location = forms.CharField(label=_("Plaats"), max_length=300, required=False)
    version = forms.ModelChoiceField(
        label=_("Bespreekt versie"),
        queryset=AgendaVersion.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("Er is nog geen concept om te bespreken."),
            "invalid_choice": _("Kies een concept van dit programma dat nog niet is vastgesteld."),
        },
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        # A concept the council already adopted is not offered again (council.plan_meeting
        # refuses it too).
        self.fields["version"].queryset = (
            AgendaVersion.objects.filter(programme=programme, state=VersionState.CONCEPT)
            .exclude(council_meetings__adopted_version__isnull=False)
            .order_by("-number")
        )
        self.fields["version"].label_from_instance = lambda v: (
            _("Versie %(number)s: %(title)s")
            % {
                "number": v.number,
                "title": v.title,
            }
        )


class ItemForm(NLDesignFormMixin, forms.Form):
    section = forms.ModelChoiceField(
        label=_("Hoofdstuk"),
        queryset=Section.objects.none(),
        required=False,
        empty_label=_("(geen: een algemeen punt)"),
        error_messages={"invalid_choice": _("Kies een hoofdstuk van de besproken versie.")},
    )
    title = forms.CharField(
        label=_("Titel"),
        max_length=300,
        required=False,
        help_text=_("Leeg bij een hoofdstuk: dan is de titel die van het hoofdstuk."),
    )

    def __init__(self, *args, meeting, **kwargs):
        kwargs.setdefault("prefix", "item")
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = Section.objects.filter(version=meeting.version_id)


class RecommendationForm(NLDesignFormMixin, forms.Form):
    paragraph = forms.ModelChoiceField(
        label=_("Alinea"),
        queryset=Paragraph.objects.none(),
        empty_label=_("(kies een alinea)"),
        error_messages={
            "required": _("Kies de alinea die het voorstel wijzigt."),
            "invalid_choice": _("Kies een alinea van de besproken versie."),
        },
    )
    action = forms.ChoiceField(
        label=_("Soort voorstel"),
        choices=RecommendationAction.choices,
        error_messages={"required": _("Kies vervangen, invoegen of schrappen.")},
    )
    passage = forms.CharField(
        label=_("Bestaande passage"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Zoals u haar in de alinea leest (kopiëren en plakken kan). Bij invoegen: de nieuwe tekst komt hierna; leeg is aan "
            "het eind van de alinea."
        ),
    )
    new_text = forms.CharField(
        label=_("Nieuwe tekst"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Leeg bij schrappen."),
    )
    motivation = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Licht toe waarom de tekst zo moet veranderen.")},
    )

    def __init__(self, *args, meeting, **kwargs):
        kwargs.setdefault("prefix", "recommendation")
        super().__init__(*args, **kwargs)
        field = self.fields["paragraph"]
        field.queryset = Paragraph.objects.filter(version=meeting.version_id).select_related(
            "section"
        )
        # Numbered as the reader sees the text, with its first words: the anchor means nothing
        # to a person.
        numbers = paragraph_numbers([meeting.version_id])
        field.label_from_instance = lambda p: (
            _("Alinea %(number)s (%(section)s): %(start)s")
            % {
                "number": numbers.get(p.pk, "?"),
                "section": p.section.title,
                "start": excerpt(p.text, 60),
            }
        )


class ItemDecisionForm(NLDesignFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies akkoord, akkoord met wijziging of aanhouden.")},
    )
    amended_text = forms.CharField(
        label=_("Gewijzigde tekst"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Alleen bij akkoord met wijziging: de tekst van het hoofdstuk zoals de regieraad die "
            "vaststelt. Een lege regel begint een nieuwe alinea."
        ),
    )
    minutes = forms.CharField(
        label=_("Notulen"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, item, **kwargs):
        # Every item has its own form on the meeting page: ids must differ.
        kwargs.setdefault("prefix", f"item-{item.pk}")
        super().__init__(*args, **kwargs)


class MinutesForm(NLDesignFormMixin, forms.Form):
    minutes = forms.CharField(
        label=_("Verslag"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "meeting")
        super().__init__(*args, **kwargs)
