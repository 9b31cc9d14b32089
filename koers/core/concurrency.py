"""No lost update: an edit form carries a token of the stored state it was loaded from.

The token is a hash of the values the form showed, as the form prepares them for display. On a
save the view reads the row again under a lock (`lock`), builds the form from what is stored now
and calls `track`: a token that no longer matches means a colleague saved in between, and the
view answers 409 with the stored values beside what was typed instead of saving. The form then
carries the token of what is stored now, so saving again overwrites deliberately. See
docs/adr/0010-no-lost-update.md for why a hash and not a version column.
"""

import hashlib
import json
from dataclasses import dataclass

from django import forms
from django.db import models
from django.db.models import Max, QuerySet
from django.utils.translation import gettext as _

TOKEN = "loaded_as"
CONFLICT = 409


@dataclass
class Difference:
    """One field where what is stored now differs from what was typed."""

    label: str
    stored: str
    typed: str


def _plain(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set | QuerySet):
        return sorted((_plain(v) for v in value), key=str)
    return value


def stored_values(form: forms.BaseForm) -> dict:
    """What the form shows of the stored state: each field's initial value, prepared."""
    return {
        name: _plain(field.prepare_value(form.get_initial_for_field(field, name)))
        for name, field in form.fields.items()
    }


def state_token(form: forms.BaseForm) -> str:
    data = json.dumps(stored_values(form), sort_keys=True, default=str)
    return hashlib.sha256(data.encode()).hexdigest()[:32]


def track(form: forms.BaseForm, current: forms.BaseForm | None = None, *, reload_url: str = ""):
    """Give `form` the token of what is stored now and find out whether it was loaded from an
    older state (`form.stale`, with `form.differences` to show side by side).

    `current` is an unbound form built from what is stored now, for forms whose own initial
    values are not (a formset row, a form built from the posted data only); by default the form
    itself. Call it while holding the row's lock, so nothing changes between check and save.
    A POST without a token (an older page, a script) is not checked.
    """
    current = form if current is None else current
    now = state_token(current)
    posted = form.data.get(form.add_prefix(TOKEN)) if form.is_bound else None
    form.loaded_name = form.add_prefix(TOKEN)
    form.loaded_as = now
    form.stale = bool(posted) and posted != now
    form.differences = _differences(form, current) if form.stale else []
    form.reload_url = reload_url
    return form


def is_stale(*forms_) -> bool:
    return any(getattr(f, "stale", False) for f in forms_ if f is not None)


def _differences(form: forms.BaseForm, current: forms.BaseForm) -> list[Difference]:
    found = []
    for name, field in form.fields.items():
        if name == "DELETE" or isinstance(field.widget, forms.HiddenInput):
            continue
        stored = current.get_initial_for_field(field, name)
        typed = form[name].data
        if field.has_changed(stored, typed):
            found.append(
                Difference(
                    str(form[name].label),
                    _shown(field, field.prepare_value(stored)),
                    _shown(field, typed),
                )
            )
    return found


def _shown(field: forms.Field, value) -> str:
    if isinstance(field, forms.BooleanField):
        return _("ja") if field.to_python(value) else _("nee")
    values = [
        v for v in (value if isinstance(value, list | tuple) else [value]) if v not in (None, "")
    ]
    choices = getattr(field, "choices", None)
    if choices is not None:
        labels = {}
        for key, label in choices:
            if isinstance(label, list | tuple):  # a group of choices
                labels.update({str(k): str(v) for k, v in label})
            else:
                labels[str(key)] = str(label)
        return ", ".join(labels.get(str(v), str(v)) for v in values)
    return ", ".join(str(field.widget.format_value(v) or "") for v in values)


def lock(obj: models.Model) -> models.Model:
    """Read `obj` afresh and hold its row until the transaction ends (a no-op lock on SQLite,
    whose transactions take the write lock when they begin)."""
    # Keep the objects it points to that the caller loaded (and may have annotated), as long as
    # it still points to them.
    cached = {
        field: field.get_cached_value(obj)
        for field in obj._meta.concrete_fields
        if field.is_relation and field.is_cached(obj)
    }
    obj.refresh_from_db(from_queryset=type(obj)._base_manager.select_for_update())
    for field, value in cached.items():
        if value is not None and getattr(obj, field.attname) == value.pk:
            field.set_cached_value(obj, value)
    return obj


def lock_parent(obj: models.Model) -> None:
    """Hold the row that numbers its children, so two writers cannot both take max + 1."""
    type(obj)._base_manager.select_for_update().filter(pk=obj.pk).values_list("pk").first()


def next_position(queryset: QuerySet, field: str = "position") -> int:
    """The number after the highest one in `queryset`; lock the parent row before calling."""
    end = queryset.aggregate(n=Max(field))["n"]
    return 0 if end is None else end + 1


def model_fields_changed(form: forms.BaseModelForm) -> list[str]:
    """The model fields the form changed, for save(update_fields=...)."""
    concrete = {f.name for f in form.instance._meta.concrete_fields}
    return [name for name in form.changed_data if name in concrete]


def save_changed(form: forms.BaseModelForm, *, by=None, also=()):
    """Save only what the form changed, so a field a colleague changed outside the form stays."""
    instance = form.save(commit=False)
    if by is not None:
        instance._history_user = by
    fields = [*model_fields_changed(form), *also]
    fields = [*fields, *_auto_now(instance)] if fields else []
    if fields:
        instance.save(update_fields=fields)
    form.save_m2m()
    return instance


def assign(obj: models.Model, **values) -> list[str]:
    """Set the values that differ from what `obj` holds; the names changed, for update_fields."""
    changed = []
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return [*changed, *_auto_now(obj)] if changed else []


def _auto_now(obj: models.Model) -> list[str]:
    # A save with update_fields leaves an auto_now field alone unless it is named.
    return [f.name for f in obj._meta.concrete_fields if getattr(f, "auto_now", False)]
