"""The mechanism behind "no lost update" (koers/core/concurrency.py): a token of the stored state
a form showed, checked when it is saved. The edit forms of each app are tried in that app's
test_it_refuses_lost_updates.py."""

import datetime

import pytest
from django import forms
from django.http import QueryDict
from django.template.loader import render_to_string
from django.test import RequestFactory

from koers.organisations.constants import AdoptionState
from koers.organisations.models import FacilityAdoption
from koers.organisations.tests.factories import FacilityAdoptionFactory

from ..concurrency import TOKEN, assign, lock, save_changed, state_token, track


class ItemForm(forms.Form):
    title = forms.CharField(label="Titel")
    state = forms.ChoiceField(label="Stand", choices=[("a", "Gepland"), ("b", "Aangesloten")])
    due = forms.DateField(label="Datum", required=False)
    tags = forms.MultipleChoiceField(
        label="Labels", choices=[("1", "Een"), ("2", "Twee")], required=False
    )


STORED = {"title": "Oud", "state": "a", "due": datetime.date(2017, 6, 30), "tags": ["2", "1"]}


def posted(token, **values):
    data = QueryDict(mutable=True)
    data.update({"title": "Oud", "state": "a", "due": "2017-06-30", **values})
    data.setlist("tags", ["1", "2"])
    if token is not None:
        data[TOKEN] = token
    return data


def test_the_token_is_the_same_for_the_same_stored_state():
    loaded = track(ItemForm(initial=STORED)).loaded_as
    again = track(ItemForm(posted(loaded), initial={**STORED, "tags": ["1", "2"]}))
    assert not again.stale
    assert again.loaded_as == loaded


def test_a_form_loaded_from_an_older_state_is_stale_and_shows_both_values():
    loaded = track(ItemForm(initial=STORED)).loaded_as
    now = {**STORED, "title": "Van de collega", "state": "b"}
    form = track(ItemForm(posted(loaded, title="Mijn titel"), initial=now))
    assert form.stale
    rows = {d.label: (d.stored, d.typed) for d in form.differences}
    assert rows == {"Titel": ("Van de collega", "Mijn titel"), "Stand": ("Aangesloten", "Gepland")}
    # Shown again, it carries the state stored now: sending it again overwrites on purpose.
    assert form.loaded_as == state_token(ItemForm(initial=now))
    assert not track(ItemForm(posted(form.loaded_as), initial=now)).stale


def test_a_post_without_a_token_is_not_checked():
    """An older page or a script sends none; refusing it would lock them out, not protect."""
    form = track(ItemForm(posted(None), initial={**STORED, "title": "Van de collega"}))
    assert not form.stale


def test_the_token_field_follows_the_form_prefix():
    form = track(ItemForm(initial=STORED, prefix="milestone-0"))
    assert form.loaded_name == f"milestone-0-{TOKEN}"


def test_the_partial_puts_the_token_in_the_form_and_the_texts_side_by_side():
    loaded = track(ItemForm(initial=STORED)).loaded_as
    form = track(
        ItemForm(
            posted(loaded, title="Mijn <titel>"), initial={**STORED, "title": "Van de collega"}
        ),
        reload_url="/terug",
    )
    request = RequestFactory().post("/opslaan")
    html = render_to_string("includes/loaded_state.html", {"form": form, "request": request})
    assert f'name="{TOKEN}" value="{form.loaded_as}"' in html
    assert "Van de collega" in html and "Mijn &lt;titel&gt;" in html
    assert 'href="/terug"' in html
    fresh = track(ItemForm(initial=STORED))
    html = render_to_string("includes/loaded_state.html", {"form": fresh, "request": request})
    assert "Nu opgeslagen" not in html


@pytest.mark.django_db
def test_a_save_writes_only_what_changed_and_keeps_what_others_wrote(world):
    adoption = FacilityAdoptionFactory(organisation=world.organisation, note="Oud.")
    loaded = FacilityAdoption.objects.get(pk=adoption.pk)
    # Someone else changes the date after this copy was read.
    FacilityAdoption.objects.filter(pk=adoption.pk).update(date=datetime.date(2030, 1, 1))
    changed = assign(loaded, note="Nieuw.", state=loaded.state)
    assert changed == ["note", "updated_at"]  # auto_now must be named to move
    loaded.save(update_fields=changed)
    adoption.refresh_from_db()
    assert (adoption.note, adoption.date) == ("Nieuw.", datetime.date(2030, 1, 1))
    assert assign(adoption, note="Nieuw.") == []


@pytest.mark.django_db
def test_save_changed_saves_the_fields_the_form_changed(world):
    class NoteForm(forms.ModelForm):
        class Meta:
            model = FacilityAdoption
            fields = ["note", "state"]

    adoption = FacilityAdoptionFactory(
        organisation=world.organisation, note="Oud.", state=AdoptionState.PLANNED
    )
    form = NoteForm({"note": "Nieuw.", "state": adoption.state}, instance=adoption)
    assert form.is_valid()
    FacilityAdoption.objects.filter(pk=adoption.pk).update(state=AdoptionState.CONNECTED)
    save_changed(form)
    adoption.refresh_from_db()
    assert (adoption.note, adoption.state) == ("Nieuw.", AdoptionState.CONNECTED)


@pytest.mark.django_db
def test_lock_reads_afresh_and_keeps_what_it_points_to(world):
    adoption = FacilityAdoptionFactory(organisation=world.organisation, note="Oud.")
    adoption.organisation.marked = True  # something the caller put on it
    FacilityAdoption.objects.filter(pk=adoption.pk).update(note="Nieuw.")
    lock(adoption)
    assert adoption.note == "Nieuw."
    assert adoption.organisation.marked
