"""Rendering one PDF with WeasyPrint, in a process of its own.

Imports nothing of Django: pdf.py hands this function to a separate process, so that the seconds
of layout a PDF takes never hold the interpreter lock of a server process whose other threads
serve the other pages.
"""


def _no_fetch(url: str, *args, **kwargs):
    # Documents hold no images or stylesheets from elsewhere; refuse rather than fetch.
    raise ValueError(f"not fetched: {url}")


def write_pdf(html: str, base_url: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url, url_fetcher=_no_fetch).write_pdf()
