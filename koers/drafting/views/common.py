"""What the structure and trace views share: refusing changes to a frozen version, the trace
form, and putting a service's refusal on the right form field."""

from functools import wraps

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from koers.agenda.models import FrozenVersionError
from koers.organisations.forms import OrganisationFilterForm

from ..forms import TraceForm
from ..services import is_traced


def refuse_frozen(view):
    """An adopted version refuses every change with the reason, on its structure page."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, number: int, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, slug, number, *args, **kwargs)
        except FrozenVersionError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("drafting:agenda-structure", slug, number)

    return wrapper


def trace_form(request: HttpRequest, version) -> TraceForm | None:
    """The 'why' of a change: only a version based on another one asks for it."""
    if not is_traced(version):
        return None
    return TraceForm(request.POST if request.method == "POST" else None, version=version)


# The buttons that refresh what a form offers to tick: the trace's search, and the filter of
# responsible organisations (its fields carry the prefix RESPONSIBLE_FILTER).
RESPONSIBLE_FILTER = "org"
SEARCH_BUTTONS = ("search", f"{RESPONSIBLE_FILTER}-filter")
SEARCH_FIELDS = (
    *TraceForm.FILTERS,
    *(f"{RESPONSIBLE_FILTER}-{name}" for name in OrganisationFilterForm.FIELDS),
)


def is_search(request: HttpRequest) -> bool:
    """A search or filter button of the form: show what it found, save nothing.

    Enter in any text box presses the form's first button, which is a search; with nothing
    to search for or filter on, that means save.
    """
    return (
        request.method == "POST"
        and any(button in request.POST for button in SEARCH_BUTTONS)
        and any(request.POST.get(name, "").strip() for name in SEARCH_FIELDS)
    )


def responsible_finder(request: HttpRequest, version) -> OrganisationFilterForm:
    """The filter that finds responsible organisations; its "clear" button empties it."""
    posted = request.method == "POST"
    cleared = request.POST.get(f"{RESPONSIBLE_FILTER}-filter") == "wissen"
    return OrganisationFilterForm(
        request.POST if posted and not cleared else None,
        prefix=RESPONSIBLE_FILTER,
        families=version.programme.families.all(),
    )


def ticks_found(request: HttpRequest) -> bool:
    """The button that ticks every responsible organisation the filter shows."""
    return request.POST.get(f"{RESPONSIBLE_FILTER}-filter") == "alle"


def forms_valid(*forms) -> bool:
    return all([form.is_valid() for form in forms if form is not None])


def trace_kwargs(form: TraceForm | None) -> dict:
    return form.trace() if form is not None else {}
