from django import template
from django.utils.safestring import SafeString

from ..markdown import excerpt, plain_text, render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    """`{{ paragraph.text|markdown }}`: Markdown rendered and sanitised."""
    return render_markdown(text)


@register.filter(name="plain_text")
def plain_text_filter(text: str) -> str:
    """`{{ rec.passage|plain_text }}`: what a reader sees of Markdown, on one line, without
    markup (still escaped by the template like any text)."""
    return plain_text(text)


@register.filter(name="excerpt")
def excerpt_filter(text: str, limit: int = 80) -> str:
    """`{{ paragraph.text|excerpt:100 }}`: the first words of Markdown as plain text."""
    return excerpt(text, int(limit))
