"""Agenda text is written in Markdown by the programme office and shown to everyone.

Markdown lets raw HTML through, so the HTML it produces is cleaned with nh3 against a short list
of tags and attributes: script, event handlers, style and javascript: links never reach a page.
Headings start at h3 because the page itself owns h1 (the version) and h2 (the sections).
"""

import threading
from functools import lru_cache

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "em",
    "strong",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "abbr",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "sub",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"scope"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["sane_lists", "tables"]


_local = threading.local()


def _converter() -> markdown_lib.Markdown:
    # Building a converter costs more than converting a paragraph, and one is not thread-safe:
    # each thread keeps its own and resets it between texts.
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = markdown_lib.Markdown(
            extensions=EXTENSIONS, output_format="html"
        )
    return converter.reset()


def render_markdown(text: str) -> SafeString:
    """Markdown to HTML that is safe to put in a page; links open with rel="noopener"."""
    return mark_safe(_render(text or ""))  # noqa: S308 - cleaned by nh3 in _render


@lru_cache(maxsize=4096)
def _render(text: str) -> str:
    """Pure in its text, so a page of a hundred paragraphs is converted once, not every view."""
    html = _converter().convert(text)
    # h1 and h2 would break the page's outline; lower them rather than lose the text.
    html = html.replace("<h1>", "<h3>").replace("</h1>", "</h3>")
    html = html.replace("<h2>", "<h3>").replace("</h2>", "</h3>")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
    )
    return cleaned
