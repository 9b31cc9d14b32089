"""The order of the apps is enforced, not described (docs/adr/0011-apps-follow-the-cycle.md).

- an app imports only the apps before it in the cycle, and `koers/text` imports no Django (the
  contracts in pyproject.toml, checked by import-linter);
- no module takes part in a circle of imports, not even through an import inside a function;
- a template includes or extends only templates of its own app, of an earlier app, or the
  shared ones (base.html, includes/, registration/).
"""

import re
from pathlib import Path

import grimp
from django.conf import settings
from importlinter.application.use_cases import lint_imports
from importlinter.configuration import configure

ROOT = Path(__file__).resolve().parents[3]
TEMPLATES = ROOT / "koers" / "templates"
# Template folders every app may use: they belong to no stage.
SHARED = {"includes", "registration", "base.html", "403.html", "404.html"}
INCLUDE = re.compile(r"""\{%\s*(?:include|extends)\s+(["'])(?P<name>[^"']+)\1""")


def cycle_order() -> list[str]:
    """The koers apps in the order of INSTALLED_APPS, which is the order of the cycle."""
    return [app.split(".")[1] for app in settings.INSTALLED_APPS if app.startswith("koers.")]


def strongly_connected(graph: grimp.ImportGraph, modules: set[str]) -> list[list[str]]:
    """Tarjan's algorithm over the direct imports between `modules`: every group of two or more
    modules that reach each other is a circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in graph.find_modules_directly_imported_by(module) & modules:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return circles


def template_violations(order: list[str], root: Path = TEMPLATES) -> list[str]:
    rank = {app: position for position, app in enumerate(order)}
    found = []
    for path in sorted(root.rglob("*.html")) + sorted(root.rglob("*.txt")):
        folder = path.relative_to(root).parts[0]
        if folder in SHARED:
            continue
        for match in INCLUDE.finditer(path.read_text()):
            target = match["name"].split("/")[0]
            if target in SHARED or target == folder:
                continue
            if target not in rank or folder not in rank or rank[target] > rank[folder]:
                found.append(f"{path.relative_to(root)} includes {match['name']}")
    return found


def test_it_keeps_the_import_contracts():
    configure()  # what the `lint-imports` command does before it lints
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), cache_dir=None, no_logo=True)


def test_it_has_no_circle_of_imports():
    graph = grimp.build_graph("koers", cache_dir=None)
    shipped = {m for m in graph.modules if ".tests" not in m and not m.endswith("conftest")}
    assert strongly_connected(graph, shipped) == []


def test_it_finds_a_circle():
    graph = grimp.ImportGraph()
    for module in ["a", "b", "c", "d"]:
        graph.add_module(module)
    graph.add_import(importer="a", imported="b")
    graph.add_import(importer="b", imported="c")
    graph.add_import(importer="c", imported="a")
    graph.add_import(importer="c", imported="d")
    assert strongly_connected(graph, {"a", "b", "c", "d"}) == [["a", "b", "c"]]


def test_it_includes_only_templates_of_earlier_apps():
    assert template_violations(cycle_order()) == []


def test_it_notices_a_template_that_includes_a_later_app(tmp_path):
    (tmp_path / "agenda").mkdir()
    (tmp_path / "agenda" / "page.html").write_text(
        '{% include "includes/field.html" %}{% include "council/_nav.html" %}'
    )
    assert template_violations(["agenda", "council"], tmp_path) == [
        "agenda/page.html includes council/_nav.html"
    ]
