"""A PDF is rendered once per content and reused: identical requests at the same moment render
once, a concept's PDF is rendered again only after it changed, and a request that cannot wait
for another's render gets a clear 503 to retry."""

import threading
import time

import pytest
from django.core.cache import cache, caches
from django.urls import reverse

from koers.organisations.tests.factories import ProgrammeFactory

from .. import pdf

SLUG = "digitaal-2017"


@pytest.fixture
def renders(monkeypatch):
    """Counts the real renders; each takes a while, so concurrent requests overlap."""
    cache.clear()
    calls = []
    real = pdf._write_pdf

    def counting(html, base_url):
        calls.append(html)
        time.sleep(0.3)
        return real(html, base_url)

    monkeypatch.setattr(pdf, "_write_pdf", counting)
    return calls


def test_eight_identical_requests_at_once_render_once(db, renders):
    programme = ProgrammeFactory(name="Digitaal 2017")
    results, errors = [], []

    def ask():
        try:
            results.append(
                pdf.render_pdf("<p>Tekst</p>", title="Agenda", footer="Voet", programme=programme)
            )
        except Exception as error:  # pragma: no cover - shown in the assertion below
            errors.append(error)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(results) == 8 and len(set(results)) == 1 and results[0].startswith(b"%PDF")
    assert len(renders) == 1


def test_a_concept_pdf_is_rendered_again_only_after_it_changed(example, client_for, renders):
    client = client_for(None)
    url = reverse("documents:agenda-document-download", args=[SLUG, example.version.number, "pdf"])
    first = client.get(url).content
    assert client.get(url).content == first
    assert len(renders) == 1
    paragraph = example.paragraphs[0]
    paragraph.text = "Iedereen kan digitaal én op papier zaken doen."
    paragraph.save()
    changed = client.get(url).content
    assert len(renders) == 2 and changed != first


def test_a_request_that_cannot_wait_gets_a_retry(example, client_for, monkeypatch, renders):
    # Another process holds the lock for this PDF and does not finish in time.
    # On the cache object itself, not on the proxy: the proxy's object may be replaced (settings
    # change) before monkeypatch undoes this.
    monkeypatch.setattr(caches["default"], "add", lambda *args, **kwargs: False)
    monkeypatch.setattr(pdf, "WAIT_SECONDS", 0.2)
    url = reverse("documents:agenda-document-download", args=[SLUG, example.version.number, "pdf"])
    response = client_for(None).get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    html = response.content.decode()
    assert (
        "Het document wordt gemaakt" in html and '<meta http-equiv="refresh" content="10">' in html
    )
    assert renders == []


def test_a_burst_of_document_requests_leaves_threads_for_other_pages(
    example, client_for, monkeypatch
):
    # Both document threads of this process are busy: the next request is told to come back
    # at once instead of holding one more server thread.
    from .. import views

    monkeypatch.setattr(views, "_making", threading.BoundedSemaphore(2))
    views._making.acquire()
    views._making.acquire()
    url = reverse("documents:response-report-download", args=[SLUG, example.version.number, "odt"])
    response = client_for(None).get(url)
    assert response.status_code == 503 and response["Retry-After"] == "10"
    views._making.release()
    assert client_for(None).get(url).status_code == 200
