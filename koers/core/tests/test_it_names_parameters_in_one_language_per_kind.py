"""One language per kind of name (CONTRIBUTING.md, "How the code is organised").

What a reader sees in the address bar is Dutch: URL paths and every query parameter, the fields
of forms sent with GET included. What a form posts is code, so English. Deciding whether a word
is English takes a dictionary; these checks take two lists instead, and so catch what they name:

- a query parameter (read from `request.GET`, written in a link, or a field of a GET form) must
  be one of the Dutch parameters below: a new one is added here deliberately;
- a posted name (a field of any other form, a form prefix, a key read from `request.POST`, a
  literal `name="..."` in a template's POST form or outside any form, as in the partials that
  posted forms include) must not be one of those Dutch parameters, nor one of the Dutch names
  posted forms used before they were renamed.

A new Dutch word that is in neither list passes unseen; a template's `name` built from a
variable, or a key read through a helper rather than from `request.POST` itself, is not read.
The API is out of scope: it keeps the English parameters of the NL API Design Rules.
"""

import re
from pathlib import Path

from django import forms
from django.urls import URLPattern, URLResolver, get_resolver

import koers
import koers.urls  # noqa: F401  (loads every view, and so every form class)
from koers.core.concurrency import TOKEN

ROOT = Path(koers.__file__).parent

# Every query parameter the pages read or link with. Dutch, like the paths.
DUTCH_PARAMETERS = {
    "alles",
    "bestand",
    "campagne",
    "deelname",
    "familie",
    "filter",
    "hoofdactiviteit",
    "kanaal",
    "land",
    "lijst",
    "na",
    "naam",
    "naar",
    "organisatie",
    "pagina",
    "alinea",
    "peildatum",
    "periode",
    "ronde",
    "soort",
    "stap",
    "status",
    "thema",
    "tot",
    "toon",
    "van",
    "voor",
    "verwerking",
    "voorziening",
    "werkblad",
    "zichtbaarheid",
    "zoek",
}
# Prefixes of parameters that name a column of an imported file: kolom_text, kolom_author.
DUTCH_PARAMETER_PREFIXES = ("kolom_",)
# Read by Django itself, not by Koers: where to go after logging in.
FRAMEWORK_PARAMETERS = {"next"}
# Spelled the same in English: fine as a posted name too (Commitment.status).
SAME_IN_BOTH = {"filter", "status"}
# Posted names before they became English; none may come back.
RENAMED = {
    "aantal",
    "besluit",
    "bevestigd",
    "diep",
    "doel",
    "geladen_als",
    "getoond_op",
    "gezien",
    "inbreng",
    "kies",
    "leeg_laten",
    "mijlpaal",
    "naar_pagina",
    "nieuw",
    "overschrijven",
    "overslaan",
    "punt",
    "richting",
    "terug",
    "themas",
    "toelichting",
    "uitkomst",
    "uitzonderen",
    "verslag",
    "voorbeeld",
    "voorstel",
    "zoeken",
}
NOT_POSTED = (DUTCH_PARAMETERS - SAME_IN_BOTH) | RENAMED

# Words of both the paths and the URL names, being spelled the same in both languages.
SAME_IN_PATHS_AND_NAMES = {
    "agenda",
    "concept",
    "document",
    "ics",
    "monitoring",
    "open",
    "paper",
    "position",
}
# Routes outside every app namespace (ADR 0011).
GLOBAL_ROUTES = {"home", "login", "logout", "set_language"}

# The forms sent with GET: filters and the version comparison.
GET_FORMS = {
    "koers.consultation.forms_contributions.ContributionFilterForm",
    "koers.consultation.views.coverage.ParticipationFilterForm",
    "koers.drafting.forms.CompareForm",
    "koers.monitoring.forms.ForecastForm",
    "koers.organisations.forms.RegisterFilterForm",
}

READ = re.compile(
    r"request\.(GET|POST)\.get(?:list)?\(\s*\"([A-Za-z_]+)\"|\"([A-Za-z_]+)\" in request\.(GET|POST)"
)
PREFIX = re.compile(r"prefix\"?\s*[,=]\s*f?\"([A-Za-z_]+)")
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
NAME = re.compile(r"\bname=\"([A-Za-z_]+)\"")
LINK_PARAMETER = re.compile(r"[?&](?:amp;)?([A-Za-z_]+)=")


def is_dutch_parameter(name: str) -> bool:
    return (
        name in DUTCH_PARAMETERS
        or name in FRAMEWORK_PARAMETERS
        or name.startswith(DUTCH_PARAMETER_PREFIXES)
    )


def is_posted_name(name: str) -> bool:
    """False for a name that is one of the Dutch ones (a posted name is English)."""
    return name.lower() not in NOT_POSTED


def form_classes() -> dict[str, type[forms.BaseForm]]:
    found, todo = {}, [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if cls.__module__.startswith("koers.") and ".tests" not in cls.__module__:
            found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return found


def source_files():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts or parts[0] == "api" or path.name == "api.py":
            continue
        yield path


def template_files():
    return sorted((ROOT / "templates").rglob("*.html"))


def read_keys(text: str) -> list[tuple[str, str]]:
    """(GET or POST, key) for every key read from request.GET or request.POST."""
    return [(m[1] or m[4], m[2] or m[3]) for m in READ.finditer(text)]


def template_names(text: str) -> list[tuple[str, str]]:
    """(get, post or partial, name) for each literal name; `partial` outside any form tag."""
    names, rest = [], text
    for match in FORM.finditer(text):
        method = re.search(r"method=\"(\w+)\"", match[1])
        kind = method[1].lower() if method else "get"
        names += [(kind, name) for name in NAME.findall(match[2])]
        rest = rest.replace(match[0], "")
    return names + [("partial", name) for name in NAME.findall(rest)]


def problems_in_forms(classes: dict[str, type[forms.BaseForm]], get_forms=GET_FORMS) -> list[str]:
    problems = []
    for path, cls in classes.items():
        for field in cls.base_fields:
            if path in get_forms and not is_dutch_parameter(field):
                problems.append(f"{path}.{field}: a GET form's field is a Dutch parameter")
            if path not in get_forms and not is_posted_name(field):
                problems.append(
                    f"{path}.{field}: a posted field is English (or list the form in GET_FORMS)"
                )
    return problems


def problems_in_source(name: str, text: str) -> list[str]:
    problems = []
    for method, key in read_keys(text):
        if method == "GET" and not is_dutch_parameter(key):
            problems.append(f"{name}: request.GET[{key!r}] is not a Dutch parameter")
        if method == "POST" and not is_posted_name(key):
            problems.append(f"{name}: request.POST[{key!r}] is Dutch; posted names are English")
    for prefix in PREFIX.findall(text):
        if not is_posted_name(prefix):
            problems.append(f"{name}: form prefix {prefix!r} is Dutch; posted names are English")
    return problems


def problems_in_template(name: str, text: str) -> list[str]:
    problems = []
    for kind, field in template_names(text):
        if kind == "get" and not is_dutch_parameter(field):
            problems.append(f"{name}: {field!r} in a GET form is not a Dutch parameter")
        if kind != "get" and not is_posted_name(field):
            problems.append(f"{name}: {field!r} is posted and Dutch")
    for parameter in LINK_PARAMETER.findall(text):
        if not is_dutch_parameter(parameter):
            problems.append(f"{name}: link parameter {parameter!r} is not a Dutch parameter")
    return problems


def test_it_names_the_fields_of_forms_by_how_they_are_sent():
    classes = form_classes()
    assert classes.keys() >= GET_FORMS, "a GET form was renamed or moved: update GET_FORMS"
    assert len(classes) > 30  # the walk found the forms, not only a few
    assert problems_in_forms(classes) == []


def test_it_reads_dutch_parameters_and_english_posted_keys():
    problems = []
    for path in source_files():
        problems += problems_in_source(str(path.relative_to(ROOT)), path.read_text())
    assert is_posted_name(TOKEN)
    assert problems == []


def test_it_writes_dutch_parameters_and_english_posted_names_in_templates():
    problems = []
    for path in template_files():
        problems += problems_in_template(str(path.relative_to(ROOT)), path.read_text())
    assert problems == []


def routes(patterns=None, namespace=""):
    """(namespaced name, path) of every route; the admin's and the API's are not ours to name."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace not in ("admin", "api"):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from routes(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", str(entry.pattern)


def test_it_names_routes_in_english_in_app_namespaces_and_paths_in_dutch():
    """A path word is Dutch and a URL name's word English, so no word is both (unless it is the
    same word in both languages)."""
    found = dict(routes())
    assert {name for name in found if ":" not in name} == GLOBAL_ROUTES
    name_words = {w for name in found for w in re.split(r"[-:]", name)}
    path_words = {
        w for path in found.values() for w in re.split(r"[-/.]", re.sub(r"<[^>]+>", "", path)) if w
    }
    assert name_words & path_words <= SAME_IN_PATHS_AND_NAMES


def test_it_catches_a_dutch_posted_field_and_an_english_parameter():
    class Decision(forms.Form):
        toelichting = forms.CharField()

    class Filter(forms.Form):
        page = forms.IntegerField()

    found = problems_in_forms({"Decision": Decision, "Filter": Filter}, get_forms={"Filter"})
    assert len(found) == 2
    assert "Decision.toelichting" in found[0] and ".page" in found[1]
    source = 'request.POST.get("richting")\n"bevestigd" in request.POST\nrequest.GET.get("page")'
    source += '\nkwargs.setdefault("prefix", "punt")'
    assert len(problems_in_source("views.py", source)) == 4
    template = (
        '<form method="post"><input name="gezien"><button name="decision"></button></form>'
        '<form method="get"><select name="family"></select></form>'
        '<input type="hidden" name="bestand"><a href="?pagina=2&amp;sort=naam">'
    )
    found = problems_in_template("page.html", template)
    assert [p.split(": ", 1)[1].split()[0] for p in found] == [
        "'gezien'",
        "'family'",
        "'bestand'",
        "link",
    ]
