"""One include renders every form field the NL Design System way, tied to its help and errors."""

import datetime

from django import forms
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ..forms import NLDesignFormMixin


class ExampleForm(NLDesignFormMixin, forms.Form):
    name = forms.CharField(label="Naam", help_text="Zoals in het register.")
    agree = forms.BooleanField(label="Ik ga akkoord")


def render(field):
    return render_to_string("includes/field.html", {"field": field})


def test_it_puts_label_help_and_error_before_a_text_box():
    form = ExampleForm(data={"name": ""})
    form.is_valid()
    html = render(form["name"])

    assert "utrecht-form-field--text utrecht-form-field--invalid" in html
    order = [html.index(s) for s in ("<label", 'id="id_name_help"', 'id="id_name_error"', "<input")]
    assert order == sorted(order)
    assert 'aria-describedby="id_name_help id_name_error"' in html
    assert 'aria-invalid="true"' in html


def test_it_puts_a_checkbox_before_its_label():
    html = render(ExampleForm()["agree"])

    assert "utrecht-form-field--checkbox" in html
    assert html.index('type="checkbox"') < html.index(
        '<label class="utrecht-form-label utrecht-form-label--checkbox" for="id_agree"'
    )
    assert "aria-invalid" not in html


class DatesForm(NLDesignFormMixin, forms.Form):
    day = forms.DateField(label="Dag")
    moment = forms.DateTimeField(label="Moment")


def test_it_offers_the_date_picker_and_reads_what_it_sends():
    form = DatesForm(initial={"day": datetime.date(2017, 12, 31)})
    assert 'type="date"' in render(form["day"]) and 'value="2017-12-31"' in render(form["day"])
    assert 'type="datetime-local"' in render(form["moment"])

    form = DatesForm(data={"day": "2017-12-31", "moment": "2016-06-01T09:00"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == datetime.date(2017, 12, 31)
    moment = timezone.localtime(form.cleaned_data["moment"])
    assert (moment.date(), moment.hour, moment.minute) == (datetime.date(2016, 6, 1), 9, 0)
    # Shown again in the one format the picker reads, in Dutch time.
    assert 'value="2016-06-01T09:00"' in render(DatesForm(initial={"moment": moment})["moment"])


def test_it_reads_dates_typed_in_dutch_where_there_is_no_picker():
    with translation.override("nl"):
        form = DatesForm(data={"day": "31-12-2017", "moment": "01-06-2016 09:00"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == datetime.date(2017, 12, 31)
    assert timezone.localtime(form.cleaned_data["moment"]).hour == 9


def test_it_gives_back_what_was_typed_next_to_the_error():
    form = DatesForm(data={"day": "31-02-2017", "moment": "morgen"})
    assert not form.is_valid()
    assert 'value="31-02-2017"' in render(form["day"])
    assert 'value="morgen"' in render(form["moment"])
