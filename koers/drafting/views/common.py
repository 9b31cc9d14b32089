"""What the structure and trace views share: refusing changes to a frozen version, the trace
form, and putting a service's refusal on the right form field."""

from functools import wraps

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from koers.agenda.models import FrozenVersionError

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


def is_search(request: HttpRequest) -> bool:
    """The trace form's search button: show what it found, save nothing.

    Enter in any text box presses the form's first button, which is the search; with nothing
    to search for, that means save.
    """
    return (
        request.method == "POST"
        and "search" in request.POST
        and bool(request.POST.get("query", "").strip())
    )


def forms_valid(*forms) -> bool:
    return all([form.is_valid() for form in forms if form is not None])


def trace_kwargs(form: TraceForm | None) -> dict:
    return form.trace() if form is not None else {}
