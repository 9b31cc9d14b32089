"""Stored text is shown as text: markup that people typed (a contribution, a name, a theme label,
a title, a reason, the agenda's Markdown) never reaches a page as markup.

The example programme (conftest) gets script and event-handler payloads in every free-text field
that pages show; then every page reachable by links from the programme page is read, as the office
and as the public, and none may carry a payload unescaped.
"""

import re

import pytest

from koers.agenda.models import AgendaVersion, Paragraph, Section, Step
from koers.consultation.models import Contribution
from koers.synthesis.models import Disposition, Theme

SCRIPT = "<script>alert('koers-xss')</script>"
IMAGE = "\"><img src=x onerror=alert('koers-xss')>"
PAYLOAD = f"Let op {SCRIPT} en {IMAGE} hier."
# What a page must never contain: the payloads as markup.
UNESCAPED = re.compile(r"<script>alert\('koers-xss'\)|<img src=x onerror", re.IGNORECASE)
LINK = re.compile(r'href="(/programmas/[^"#?]*)')
PAGE_LIMIT = 250


def plant_payloads(example):
    Contribution.objects.filter(programme=example.world.programme).update(
        text=PAYLOAD, author_name=PAYLOAD
    )
    Theme.objects.filter(programme=example.world.programme).update(label=PAYLOAD)
    Section.objects.filter(version=example.version).update(title=PAYLOAD)
    Paragraph.objects.filter(version=example.version).update(text=PAYLOAD)
    Step.objects.filter(version=example.version).update(title=PAYLOAD)
    AgendaVersion.objects.filter(pk=example.version.pk).update(title=PAYLOAD)
    Disposition.objects.all().update(reason=PAYLOAD)
    example.reviewer.name = PAYLOAD
    example.reviewer.save(update_fields=["name"])


def crawl(client, start: str) -> dict[str, str]:
    """{path: body} of every HTML page reachable from `start` by links, up to PAGE_LIMIT."""
    seen, queue, bodies = {start}, [start], {}
    while queue and len(bodies) < PAGE_LIMIT:
        path = queue.pop(0)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        body = response.content.decode()
        bodies[path] = body
        for link in LINK.findall(body):
            if link not in seen and not link.endswith((".pdf", ".odt", ".ods", ".csv", ".ics")):
                seen.add(link)
                queue.append(link)
    return bodies


@pytest.mark.parametrize("who", ["office", "public"])
def test_it_shows_typed_markup_as_text_on_every_page(example, client_for, who):
    plant_payloads(example)
    user = example.world.office if who == "office" else None
    pages = crawl(client_for(user), f"/programmas/{example.world.programme.slug}")
    # The payload was read somewhere, so the check below is not vacuous.
    shown = [path for path, body in pages.items() if "koers-xss" in body]
    assert shown, "no page showed the planted text"
    leaking = [path for path, body in pages.items() if UNESCAPED.search(body)]
    assert leaking == [], f"pages with markup from stored text: {leaking}"
