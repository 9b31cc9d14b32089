"""A views module answers requests for its own app; no other app imports it. What two apps share
(an access helper, a form helper) lives in a module both may import: `access.py`, `forms.py`, or
koers/core."""

import re
from pathlib import Path

KOERS = Path(__file__).resolve().parents[2]
VIEWS_IMPORT = re.compile(r"^\s*(?:from|import)\s+koers\.(\w+)\.views\b", re.MULTILINE)


def test_no_app_imports_the_views_of_another():
    crossings = []
    for path in sorted(KOERS.rglob("*.py")):
        relative = path.relative_to(KOERS)
        if "tests" in relative.parts or "migrations" in relative.parts:
            continue
        own_app = relative.parts[0] if len(relative.parts) > 1 else None
        for app in VIEWS_IMPORT.findall(path.read_text(encoding="utf-8")):
            if app != own_app:
                crossings.append(f"{relative} imports koers.{app}.views")
    assert crossings == []
