"""Agenda text is written in Markdown by the programme office and shown to everyone.

Markdown lets raw HTML through, so the HTML it produces is cleaned with nh3 against a short list
of tags and attributes: script, event handlers, style and javascript: links never reach a page.
Headings start at h3 because the page itself owns h1 (the version) and h2 (the sections).
"""

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "abbr", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"scope"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["sane_lists", "tables"]


def render_markdown(text: str) -> SafeString:
    """Markdown to HTML that is safe to put in a page; links open with rel="noopener"."""
    html = markdown_lib.markdown(text or "", extensions=EXTENSIONS, output_format="html")
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
    return mark_safe(cleaned)  # noqa: S308 - cleaned by nh3 just above
