"""Atom feeds per programme, family and tag, parsed back and checked against what Atom 1.0
(RFC 4287) requires; announced on the programme's pages; readable in a browser."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from ..constants import Publication
from .helpers import in_days, make_post

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


# RFC 4287's elements, each with where it may stand and how often (section 4).
FEED_CHILDREN = {
    "author",
    "category",
    "contributor",
    "generator",
    "icon",
    "id",
    "link",
    "logo",
    "rights",
    "subtitle",
    "title",
    "updated",
    "entry",
}
ENTRY_CHILDREN = {
    "author",
    "category",
    "content",
    "contributor",
    "id",
    "link",
    "published",
    "rights",
    "source",
    "summary",
    "title",
    "updated",
}
ONCE = {
    "id",
    "title",
    "updated",
    "icon",
    "logo",
    "rights",
    "subtitle",
    "generator",
    "content",
    "published",
    "source",
    "summary",
}
TEXT_TYPES = {None, "text", "html", "xhtml"}


def assert_date(value, where):
    """An Atom date is an RFC 3339 date-time with its offset (section 3.3)."""
    assert re.fullmatch(
        r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", value or ""
    ), f"{where}: {value!r} is not an RFC 3339 date-time"
    datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))


def assert_children(element, allowed, where):
    names = [child.tag.removeprefix(ATOM) for child in element if child.tag.startswith(ATOM)]
    assert set(names) <= allowed, f"{where}: unknown Atom elements {set(names) - allowed}"
    for name in ONCE:
        assert names.count(name) <= 1, f"{where}: atom:{name} more than once"
    for name in ("id", "title", "updated"):
        assert (element.findtext(f"{ATOM}{name}") or "").strip(), f"{where}: no atom:{name}"
    assert_date(element.findtext(f"{ATOM}updated"), f"{where} updated")
    for name in ("title", "summary", "content", "rights", "subtitle"):
        text = element.find(f"{ATOM}{name}")
        assert text is None or text.get("type") in TEXT_TYPES, f"{where}: atom:{name} type"
    alternates = [
        (link.get("type"), link.get("hreflang"))
        for link in element.findall(f"{ATOM}link")
        if link.get("rel", "alternate") == "alternate"
    ]
    assert len(alternates) == len(set(alternates)), f"{where}: two alternates of one type"
    for link in element.findall(f"{ATOM}link"):
        assert link.get("href"), f"{where}: a link without href"


def assert_valid_atom(feed):
    """What Atom 1.0 (RFC 4287) requires of a feed and its entries, checked on the parsed
    document: the elements, their number, their dates and links, and unique entry ids."""
    assert feed.tag == f"{ATOM}feed"
    assert_children(feed, FEED_CHILDREN, "feed")
    assert feed.findtext(f"{ATOM}id").startswith("tag:testserver,")
    own = feed.find(f"{ATOM}link[@rel='self']")
    assert own is not None and own.get("href").startswith("http://testserver/")
    feed_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
    ids = []
    for number, entry in enumerate(feed.findall(f"{ATOM}entry"), start=1):
        where = f"entry {number}"
        assert_children(entry, ENTRY_CHILDREN, where)
        # An entry without its own author takes the feed's; one of the two must be there.
        assert feed_author or entry.find(f"{ATOM}author/{ATOM}name") is not None, where
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        assert link is not None and link.get("href").startswith("http://testserver/")
        assert entry.find(f"{ATOM}content") is not None or link is not None, where
        if entry.findtext(f"{ATOM}published"):
            assert_date(entry.findtext(f"{ATOM}published"), f"{where} published")
        assert entry.findtext(f"{ATOM}id").startswith("tag:testserver,")
        ids.append(entry.findtext(f"{ATOM}id"))
    assert len(ids) == len(set(ids)), "duplicate entry ids"
    return ids


def test_the_programme_feed_is_valid_atom_with_content(world, client):
    make_post(world, "Eerste", body="**Vet**", tags="regieraad", families=[world.family])
    make_post(world, "Tweede")
    make_post(world, "Concept", publication=Publication.DRAFT)
    make_post(world, "Later", publication=Publication.SCHEDULED, when=in_days(5))
    response = client.get(reverse("news:feed", args=[world.programme.slug]))
    assert b'<?xml-stylesheet href="/static/koers/atom.xsl"' in response.content
    feed = parse(response)
    ids = assert_valid_atom(feed)
    assert len(ids) == 2
    assert feed.findtext(f"{ATOM}id").startswith("tag:testserver,2024:")
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert titles == ["Tweede", "Eerste"]
    first = feed.findall(f"{ATOM}entry")[1]
    assert first.findtext(f"{ATOM}summary") == "Samenvatting van Eerste."
    assert "<strong>Vet</strong>" in first.findtext(f"{ATOM}content")
    assert first.find(f"{ATOM}content").get("type") == "html"


def test_an_entry_keeps_its_id_when_its_title_changes(world, client):
    post = make_post(world, "Oud")
    url = reverse("news:feed", args=[world.programme.slug])
    before = assert_valid_atom(parse(client.get(url)))
    post.title = "Nieuw"
    post.save()
    assert assert_valid_atom(parse(client.get(url))) == before


def test_family_and_tag_feeds_hold_their_posts_only(world, client):
    make_post(world, "Voor gemeenten", tags="geld", families=[world.family])
    make_post(world, "Voor iedereen")
    slug = world.programme.slug
    family = parse(client.get(reverse("news:family-feed", args=[slug, world.family.slug])))
    tag = parse(client.get(reverse("news:tag-feed", args=[slug, "geld"])))
    for feed in (family, tag):
        assert_valid_atom(feed)
        assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == [
            "Voor gemeenten"
        ]
    assert feed.findtext(f"{ATOM}id") != family.findtext(f"{ATOM}id")


def test_an_empty_feed_is_valid_too(world, client):
    assert_valid_atom(parse(client.get(reverse("news:feed", args=[world.programme.slug]))))


def test_the_programme_pages_announce_the_feed(world, client):
    feed = reverse("news:feed", args=[world.programme.slug])
    for url in (
        world.programme.get_absolute_url(),
        reverse("news:archive", args=[world.programme.slug]),
    ):
        page = client.get(url).content.decode()
        assert 'type="application/atom+xml"' in page and feed in page, url


def test_the_stylesheet_ships_in_static():
    from django.contrib.staticfiles import finders

    assert finders.find("koers/atom.xsl")


def test_a_browser_gets_the_feed_as_xml_so_it_applies_the_stylesheet(world, client):
    make_post(world, "Eerste")
    url = reverse("news:feed", args=[world.programme.slug])
    page = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get(url, headers={"Accept": page})
    assert response["Content-Type"].startswith("application/xml")
    assert b"<?xml-stylesheet" in response.content
    assert "Accept" in response["Vary"]
    reader = client.get(url, headers={"Accept": "application/atom+xml, text/html;q=0.5"})
    assert reader["Content-Type"].startswith("application/atom+xml")
    assert client.get(url)["Content-Type"].startswith("application/atom+xml")
