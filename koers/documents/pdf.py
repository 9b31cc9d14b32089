"""PDF from the same HTML as the web page, with WeasyPrint (needs Pango from the system).

The body a page shows is put in a print template with its own style (A4, title page, chapters on
a new page, page numbers in the contents). Nothing from outside is fetched: the print template
carries its style inline and the fonts are the system's.
"""

from django.template.loader import render_to_string


def _no_fetch(url: str, *args, **kwargs):
    # Documents hold no images or stylesheets from elsewhere; refuse rather than fetch.
    raise ValueError(f"not fetched: {url}")


def render_pdf(
    body: str, *, title: str, footer: str, programme, base_url: str | None = None
) -> bytes:
    # Imported here: loading WeasyPrint (and Pango) costs time every other page does not need.
    from weasyprint import HTML

    html = render_to_string(
        "documents/print.html",
        {"body": body, "title": title, "footer": footer, "programme": programme},
    )
    return HTML(string=html, base_url=base_url, url_fetcher=_no_fetch).write_pdf()
