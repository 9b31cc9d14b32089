"""The templates hold no inline script or style, which the Content-Security-Policy would refuse.

The browser tests see a refused script or style on the pages they visit; this sees it in every
template at once, including the ones only reached with rare data. Styles belong in a file under
koers/static/koers/, behaviour in htmx attributes or a static script.
"""

import re
from pathlib import Path

from django.contrib.staticfiles import finders

KOERS = Path(__file__).resolve().parents[2]
TEMPLATES = sorted([*KOERS.glob("templates/**/*.html"), *KOERS.glob("*/templates/**/*.html")])
# Rendered only into PDFs by WeasyPrint (koers/documents/pdf.py), never served to a browser.
NOT_SERVED = {KOERS / "templates" / "documents" / "print.html"}

INLINE = {
    "a <style> element": re.compile(r"<style\b", re.I),
    "a style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I | re.S),
    "an inline <script>": re.compile(r"<script\b(?![^>]*\ssrc=)", re.I),
    "an event handler attribute": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I | re.S),
    "a javascript: URL": re.compile(r"javascript:", re.I),
}
COMMENTS = re.compile(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S)
STATIC = re.compile(r"""{%\s*static\s+['"]([^'"]+)['"]\s*%}""")


def test_it_finds_the_templates():
    assert len(TEMPLATES) > 100


def test_it_has_no_inline_script_or_style():
    found = [
        f"{template.relative_to(KOERS)}: {what}"
        for template in TEMPLATES
        if template not in NOT_SERVED
        for what, pattern in INLINE.items()
        if pattern.search(template.read_text(encoding="utf-8"))
    ]
    assert not found, "\n".join(found)


def test_it_links_only_static_files_that_exist():
    missing = {
        f"{template.relative_to(KOERS)}: {path}"
        for template in TEMPLATES
        for path in STATIC.findall(template.read_text(encoding="utf-8"))
        if not finders.find(path)
    }
    assert not missing, missing
