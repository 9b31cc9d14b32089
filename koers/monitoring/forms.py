"""Forms of the monitoring: opening a reporting round, and a progress report with what happened
to each open milestone."""

import hashlib

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.core.files import clean_document
from koers.core.forms import (
    DATE_HELP,
    NLDesignFormMixin,
)

from . import periods
from .constants import ReportStatus
from .services import MilestoneReport


class RoundForm(NLDesignFormMixin, forms.Form):
    period = forms.CharField(
        label=_("Periode"),
        max_length=20,
        help_text=_("Een jaar (2016), een kwartaal (2016-Q2) of een maand (2016-05)."),
    )
    opens_on = forms.DateField(label=_("Open vanaf"), help_text=DATE_HELP)
    deadline = forms.DateField(label=_("Uiterste datum"), help_text=DATE_HELP)
    note = forms.CharField(
        label=_("Toelichting voor de organisaties"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_period(self) -> str:
        return periods.parse(self.cleaned_data["period"]).code

    def clean(self):
        data = super().clean()
        opens_on, deadline = data.get("opens_on"), data.get("deadline")
        if opens_on and deadline and deadline < opens_on:
            self.add_error("deadline", _("De uiterste datum ligt vóór de opening."))
        return data


def milestones_state(milestones) -> str:
    """A token of the milestones' dates: a report form loaded before one of them changed is
    stale, as it is when another report was made (koers.core.concurrency.track)."""
    text = ";".join(f"{m.pk}:{m.due_on}:{m.done_on}" for m in milestones)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class ReportForm(NLDesignFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=ReportStatus.choices, widget=forms.RadioSelect
    )
    percent = forms.IntegerField(
        label=_("Percentage gereed"),
        min_value=0,
        max_value=100,
        help_text=_("Van 0 tot en met 100."),
    )
    explanation = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Kort; verplicht bij risico, vertraging of gestopt. Hoogstens 1000 tekens."),
    )
    evidence_url = forms.URLField(
        label=_("Bewijs: link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Bijvoorbeeld de pagina waar de dienst nu digitaal staat."),
    )
    evidence_file = forms.FileField(
        label=_("Bewijs: bestand (PDF, ODT of DOCX)"),
        required=False,
        help_text=_("Hoogstens 20 MB."),
    )
    milestones_state = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_evidence_file(self):
        return clean_document(self.cleaned_data.get("evidence_file"))

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "status": data["status"],
            "percent": data["percent"],
            "explanation": data["explanation"],
            "evidence_url": data["evidence_url"],
            "evidence_file": data.get("evidence_file"),
        }


def report_initial(report, milestones) -> dict:
    """What a report form shows: the current report's answers (none for a first report)."""
    initial = {"milestones_state": milestones_state(milestones)}
    if report is not None:
        initial.update(
            status=report.status,
            percent=report.percent,
            explanation=report.explanation,
            evidence_url=report.evidence_url,
        )
    return initial


class MilestoneReportForm(NLDesignFormMixin, forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput)
    done_on = forms.DateField(label=_("Gereed op"), required=False, help_text=DATE_HELP)
    replanned_to = forms.DateField(label=_("Nieuwe datum"), required=False, help_text=DATE_HELP)
    reason = forms.CharField(label=_("Reden van de nieuwe datum"), required=False, max_length=500)

    def clean(self):
        data = super().clean()
        if data.get("replanned_to") and not data.get("reason", "").strip():
            self.add_error("reason", _("Geef de reden van de nieuwe datum."))
        if data.get("done_on") and data.get("replanned_to"):
            self.add_error(
                "replanned_to", _("Een mijlpaal die gereed is, krijgt geen nieuwe datum.")
            )
        return data


class BaseMilestoneReportFormSet(forms.BaseFormSet):
    def reports(self, milestones) -> list[MilestoneReport]:
        """What the rows say, for the milestones shown (a row naming another one is skipped)."""
        by_pk = {m.pk: m for m in milestones}
        found = []
        for form in self.forms:
            data = form.cleaned_data
            milestone = by_pk.get(data.get("id"))
            if milestone is None:
                continue
            found.append(
                MilestoneReport(
                    milestone,
                    done_on=data.get("done_on"),
                    replanned_to=data.get("replanned_to"),
                    reason=data.get("reason", ""),
                )
            )
        return found


MilestoneReportFormSet = forms.formset_factory(
    MilestoneReportForm, formset=BaseMilestoneReportFormSet, extra=0, max_num=100
)


def milestone_report_formset(data, milestones) -> BaseMilestoneReportFormSet:
    """A row per milestone still open; `data` is the POST or None."""
    formset = MilestoneReportFormSet(
        data, initial=[{"id": m.pk} for m in milestones], prefix="milestone"
    )
    for form, milestone in zip(formset.forms, milestones, strict=False):
        form.milestone = milestone
    return formset


class ForecastForm(NLDesignFormMixin, forms.Form):
    """The forecast's reference date and scope, sent with GET (names in the address's Dutch)."""

    peildatum = forms.DateField(
        label=_("Peildatum"),
        required=False,
        help_text=_("De prognose zoals die op deze dag luidde. Leeg: vandaag."),
    )
    familie = forms.ModelChoiceField(
        label=_("Familie"),
        queryset=None,
        required=False,
        to_field_name="slug",
        empty_label=_("Het hele programma"),
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["familie"].queryset = programme.families.order_by("position", "name")
