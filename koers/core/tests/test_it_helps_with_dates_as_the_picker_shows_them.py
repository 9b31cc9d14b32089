"""Date and time fields help in the order the browser's date picker shows (dd-mm-jjjj): every
example in a help text or error message is written that way, and the field accepts both that
example, typed, and the picker's own ISO value (PICKERS in koers/core/forms.py)."""

import datetime
import re

import pytest
from django import forms

from koers.consultation.forms_contributions import PositionPaperForm
from koers.consultation.forms_roundtables import RoundTableForm
from koers.council.forms import MeetingForm
from koers.drafting.forms_versions import ConsultationPeriodForm
from koers.elaboration.forms import MilestoneForm
from koers.monitoring.forms import MilestoneReportForm, RoundForm
from koers.organisations.forms import AdoptionForm, RegisterFilterForm

FORMS = [
    RoundTableForm,
    MeetingForm,
    ConsultationPeriodForm,
    RegisterFilterForm,
    AdoptionForm,
    PositionPaperForm,
    MilestoneForm,
    RoundForm,
    MilestoneReportForm,
]
DUTCH = re.compile(r"\b\d{2}-\d{2}-\d{4}(?: \d{2}:\d{2})?\b")
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|JJJJ-MM-DD")


def date_fields():
    for form_class in FORMS:
        for name, field in form_class.base_fields.items():
            if isinstance(field, forms.DateField | forms.DateTimeField):
                yield pytest.param(field, id=f"{form_class.__name__}.{name}")


@pytest.mark.parametrize("field", list(date_fields()))
def test_it_gives_examples_as_the_picker_shows_and_accepts_them(field):
    texts = [str(field.help_text), str(field.error_messages["invalid"])]
    assert [t for t in texts if ISO.search(t)] == []
    # A help text, where there is one, gives an example to type.
    examples = DUTCH.findall(str(field.help_text))
    assert examples or not field.help_text, field.help_text
    for example in examples:
        assert field.clean(example)
    picked = "2015-06-26T13:30" if isinstance(field, forms.DateTimeField) else "2015-06-26"
    value = field.clean(picked)
    assert value.date() if isinstance(value, datetime.datetime) else value
