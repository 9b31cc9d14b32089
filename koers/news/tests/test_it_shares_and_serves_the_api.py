"""Open Graph and plain share links (no third-party scripts) on posts and the agenda's public
pages; the API's list of published posts."""

import pytest
from django.urls import reverse

from ..constants import Publication
from .helpers import in_days, make_post

pytestmark = pytest.mark.django_db


def test_a_post_carries_open_graph_and_plain_share_links(world, client):
    post = make_post(world, "Delen & meer")
    page = client.get(post.get_absolute_url()).content.decode()
    absolute = f"http://testserver{post.get_absolute_url()}"
    assert '<meta property="og:title" content="Delen &amp; meer">' in page
    assert f'<meta property="og:url" content="{absolute}">' in page
    assert '<meta property="og:type" content="article">' in page
    assert 'property="og:description"' in page
    assert "og:image" not in page  # no image, no og:image
    assert 'href="mailto:?subject=Delen%20%26%20meer' in page
    assert "linkedin.com/sharing/share-offsite/?url=http%3A%2F%2Ftestserver" in page
    # No script but the site's own.
    for src in page.split('<script src="')[1:]:
        assert src.startswith("/static/")


def test_the_agenda_page_carries_open_graph(agenda, client):
    url = reverse("consultation:version-detail", args=[agenda.programme.slug, agenda.draft.number])
    page = client.get(url).content.decode()
    assert 'property="og:title"' in page and 'property="og:url"' in page
    assert "mailto:?subject=" in page


def test_the_api_lists_published_posts_only(world, client, django_assert_max_num_queries):
    make_post(world, "Openbaar", body="*ja*", tags="a", families=[world.family])
    make_post(world, "Concept", publication=Publication.DRAFT)
    make_post(world, "Gepland", publication=Publication.SCHEDULED, when=in_days(3))
    url = f"/api/v1/programmes/{world.programme.slug}/news"
    response = client.get(url)
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    item = data["results"][0]
    assert item["title"] == "Openbaar"
    assert item["bodyHtml"] == "<p><em>ja</em></p>"
    assert item["tags"] == ["a"] and item["familySlugs"] == [world.family.slug]
    assert item["url"].startswith("http://testserver/programmas/")
    assert "Link" in response
    for n in range(10):
        make_post(world, f"Meer {n}", tags="b", families=[world.family])
    with django_assert_max_num_queries(8):
        assert client.get(url).json()["count"] == 11
    assert client.get(url + "?onbekend=1").status_code == 400
    assert client.get("/api/v1/programmes/bestaat-niet/news").status_code == 404
