"""PDF from the same HTML as the web page, with WeasyPrint (needs Pango from the system).

The body a page shows is put in a print template with its own style (A4, title page, chapters on
a new page, page numbers in the contents). Nothing from outside is fetched: the print template
carries its style inline and the fonts are the system's.

Rendering takes seconds of CPU, so a PDF is rendered once per content and reused: the cache key
is the SHA-256 of the complete print HTML, so a concept's PDF changes exactly when its text, its
input or its analysis does (an adopted version's PDF is stored, see stored.py). Identical requests
at the same moment render once: the first takes a lock in the cache, the others wait for its
result. And one process renders one PDF at a time, so a burst of PDF requests cannot starve the
other pages: the render itself runs in a separate process (pdf_worker.py, one per server
process, started on the first PDF), where its seconds of layout do not hold this process's
interpreter lock.
"""

import hashlib
import multiprocessing
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string

from . import pdf_worker

CACHE_SECONDS = 24 * 60 * 60
LOCK_SECONDS = 120  # longer than any render; a crashed renderer's lock expires
WAIT_SECONDS = 60  # how long a request waits for another's render before it gives up
POLL_SECONDS = 0.1

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


class PdfBusy(Exception):
    """Another request is still rendering this PDF; ask again shortly."""


def _renderer() -> ProcessPoolExecutor:
    """One rendering process per server process: PDFs of this process render one at a time."""
    global _pool
    with _pool_lock:
        if _pool is None:
            # Spawned, not forked: forking a process with running threads is not safe.
            _pool = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn")
            )
        return _pool


def _write_pdf(html: str, base_url: str) -> bytes:
    global _pool
    try:
        return _renderer().submit(pdf_worker.write_pdf, html, base_url).result(LOCK_SECONDS)
    except BrokenProcessPool:
        # The rendering process died (killed, out of memory): start a new one, once.
        with _pool_lock:
            _pool = None
        return _renderer().submit(pdf_worker.write_pdf, html, base_url).result(LOCK_SECONDS)


def render_pdf(
    body: str, *, title: str, footer: str, programme, base_url: str | None = None
) -> bytes:
    """The PDF of a page body; rendered once per content, shared by concurrent requests.

    Links resolve against SITE_URL, never a request's Host header: the same content gives the
    same PDF for every reader, and a forged Host cannot end up in a cached document."""
    base_url = base_url or settings.SITE_URL.rstrip("/") + "/"
    html = render_to_string(
        "documents/print.html",
        {"body": body, "title": title, "footer": footer, "programme": programme},
    )
    key = "koers:pdf:" + hashlib.sha256(f"{base_url}\n{html}".encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is not None:
        return pdf
    lock = f"{key}:lock"
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        if cache.add(lock, 1, timeout=LOCK_SECONDS):
            try:
                pdf = cache.get(key)  # finished by another just before we took the lock
                if pdf is None:
                    pdf = _write_pdf(html, base_url)
                    cache.set(key, pdf, timeout=CACHE_SECONDS)
                return pdf
            finally:
                cache.delete(lock)
        time.sleep(POLL_SECONDS)
        pdf = cache.get(key)
        if pdf is not None:
            return pdf
        if time.monotonic() > deadline:
            raise PdfBusy
