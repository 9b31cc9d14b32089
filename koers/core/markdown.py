"""Agenda text is written in Markdown by the programme office and shown to everyone.

Markdown lets raw HTML through, so the HTML it produces is cleaned with nh3 against a short list
of tags and attributes: script, event handlers, style and javascript: links never reach a page.
Headings start at h3 because the page itself owns h1 (the version) and h2 (the sections).
"""

import re
import threading
from functools import lru_cache
from html import unescape

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


# --- the text as a reader sees it -----------------------------------------------------------

_BLOCK_END = re.compile(r"</(?:p|li|h[3-6]|blockquote|pre|tr|table|ul|ol)>|<br\s*/?>|<hr\s*/?>")
_TAG = re.compile(r"<[^>]+>")


def plain_text(text: str, *, lines: bool = False) -> str:
    """The text a reader sees of Markdown, without markup: for a short line (a label, a list of
    choices, a quote in running text) or, with `lines`, one line per block (for a word diff)."""
    html = _BLOCK_END.sub("\n", _render(text or ""))
    visible = unescape(_TAG.sub("", html))
    if not lines:
        return " ".join(visible.split())
    kept = (" ".join(line.split()) for line in visible.splitlines())
    return "\n".join(line for line in kept if line)


def excerpt(text: str, limit: int = 80) -> str:
    """The first words of Markdown as plain text, cut at a word and marked with … when cut."""
    body = plain_text(text)
    if len(body) <= limit:
        return body
    cut = body.rfind(" ", 0, limit)
    return body[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + " …"


# Characters that are markup in one place and text in another are left out on both sides when a
# pasted passage is matched, so "**B1**" in the source and "B1" on the screen meet.
_IGNORED = set("*_`~[]")
_LINE_START = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:#{1,6}[ \t]+|(?:[-*+]|\d+[.)])[ \t]+)?")
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>\n]*>")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z]+);")


def _visible_chars(source: str) -> list[tuple[str, int, int]]:
    """(character, start, end in `source`) of each character a reader sees, whitespace
    collapsed to one space; markup characters left out."""
    out: list[tuple[str, int, int]] = []

    def emit(char: str, start: int, end: int) -> None:
        if char.isspace():
            if out and out[-1][0] != " ":
                out.append((" ", start, end))
        elif char not in _IGNORED:
            out.append((char, start, end))

    i, at_line_start = 0, True
    while i < len(source):
        if at_line_start:
            i = _LINE_START.match(source, i).end()
            at_line_start = False
            if i >= len(source):
                break
        char = source[i]
        if char == "\n":
            emit(" ", i, i + 1)
            i, at_line_start = i + 1, True
            continue
        if char == "\\" and i + 1 < len(source) and not source[i + 1].isalnum():
            # An escaped character is text, even * or _; compared as visible_form compares a
            # passage, which leaves markup characters out whether they were escaped or not.
            if source[i + 1] not in _IGNORED:
                out.append((source[i + 1], i, i + 2))
            i += 2
            continue
        autolink = _AUTOLINK.match(source, i)
        if autolink:  # <https://...> shows its address
            for k in range(autolink.start(1), autolink.end(1)):
                emit(source[k], k, k + 1)
            i = autolink.end()
            continue
        hidden = _LINK_TARGET.match(source, i) or _HTML_TAG.match(source, i)
        if hidden:  # a link's target and an HTML tag show nothing
            i = hidden.end()
            continue
        entity = _ENTITY.match(source, i)
        if entity:
            for c in unescape(entity.group()):
                emit(c, i, entity.end())
            i = entity.end()
            continue
        emit(char, i, i + 1)
        i += 1
    while out and out[-1][0] == " ":
        out.pop()
    while out and out[0][0] == " ":
        out.pop(0)
    return out


def visible_form(text: str) -> str:
    """Text as `find_visible` compares it: markup characters left out, whitespace collapsed."""
    kept = "".join(" " if c.isspace() else c for c in (text or "") if c not in _IGNORED)
    return " ".join(kept.replace("\u00a0", " ").split())


def find_visible(source: str, passage: str) -> tuple[int, int] | None:
    """Where in Markdown `source` the passage lies that a reader copied from the rendered text:
    (start, end) of the Markdown that shows it, markup around its ends included; None when the
    text does not show it."""
    needle = visible_form(passage)
    if not needle:
        return None
    chars = _visible_chars(source)
    haystack = "".join(c for c, _s, _e in chars)
    at = haystack.find(needle)
    if at < 0:
        return None
    start, end = chars[at][1], chars[at + len(needle) - 1][2]
    # Emphasis or a link around the passage goes with it, so it is never left half open.
    shown = {k for _c, s, e in chars for k in range(s, e)}
    while start > 0 and not source[start - 1].isspace() and start - 1 not in shown:
        start -= 1
    while end < len(source) and not source[end].isspace() and end not in shown:
        end += 1
    return start, end


def longest_visible_prefix(source: str, passage: str) -> str:
    """The longest run of the passage's first words that the text shows: what a form can say
    was found before the part that was not."""
    words = visible_form(passage).split(" ")
    haystack = "".join(c for c, _s, _e in _visible_chars(source))
    found = 0
    while found < len(words) and " ".join(words[: found + 1]) in haystack:
        found += 1
    return " ".join(words[:found])
