"""Posts: drafts and scheduled posts only for the office, scheduled ones appear by themselves,
a stable address survives a changed title, the Markdown is sanitised, the office's form keeps
what was typed and refuses a save over a colleague's."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ..constants import PostState, Publication
from ..models import Post
from .helpers import in_days, make_post

pytestmark = pytest.mark.django_db


def archive_url(world):
    return reverse("news:archive", args=[world.programme.slug])


def test_a_scheduled_post_appears_by_itself_when_its_time_has_come(world, client):
    post = make_post(world, "Straks", publication=Publication.SCHEDULED, when=in_days(2))
    assert post.is_scheduled
    assert "Straks" not in client.get(archive_url(world)).content.decode()
    assert client.get(post.get_absolute_url()).status_code == 404
    # Time passes: no worker, the QuerySet decides.
    Post.objects.filter(pk=post.pk).update(published_at=in_days(-1))
    assert "Straks" in client.get(archive_url(world)).content.decode()
    assert client.get(post.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("persona", "draft_status"),
    [
        ("office", 200),
        ("coordinator", 404),
        ("council_member", 404),
        ("outsider", 404),
        (None, 404),
    ],
)
def test_only_the_office_sees_drafts(world, client, persona, draft_status):
    draft = make_post(world, "Werkversie", publication=Publication.DRAFT)
    published = make_post(world, "Openbaar")
    if persona:
        client.force_login(getattr(world, persona))
    assert client.get(draft.get_absolute_url()).status_code == draft_status
    assert client.get(published.get_absolute_url()).status_code == 200
    page = client.get(archive_url(world)).content.decode()
    assert "Openbaar" in page and "Werkversie" not in page
    assert set(Post.objects.visible_to(world.office, world.programme)) == {draft, published}


def test_only_the_office_writes(world, client):
    client.force_login(world.coordinator)
    url = reverse("news:post-create", args=[world.programme.slug])
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "x"}).status_code == 403
    assert not Post.objects.exists()


def test_a_changed_title_keeps_the_old_address(world, client):
    post = make_post(world, "Eerste titel")
    old = post.get_absolute_url()
    post.title = "Tweede titel"
    post.save()
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == post.get_absolute_url()
    assert (
        client.get(reverse("news:post-short", args=[world.programme.slug, post.number]))["Location"]
        == post.get_absolute_url()
    )


def test_the_body_is_sanitised_like_the_agenda_text(world, client):
    post = make_post(
        world, "Markdown", body="**Vet** <script>alert(1)</script> [x](javascript:evil)"
    )
    page = client.get(post.get_absolute_url()).content.decode()
    assert "<strong>Vet</strong>" in page
    assert "alert(1)</script>" not in page and "javascript:evil" not in page
    assert "**Vet**" not in page


def test_odd_input_is_not_found_not_a_failure(world, client):
    slug = world.programme.slug
    base = f"/programmas/{slug}/nieuws"
    assert client.get(f"{base}/{'9' * 30}").status_code == 404
    assert client.get(f"{base}/{'9' * 30}/titel").status_code == 404
    assert client.get(f"{base}/onderwerpen/bestaat-niet").status_code == 404
    assert client.get(f"{base}/onderwerpen/bestaat-niet/atom").status_code == 404
    assert client.get(f"{base}?pagina=abc").status_code == 200
    assert client.get(f"{base}?pagina={'9' * 30}").status_code == 200


def _form(**overrides):
    data = {
        "title": "Ronde tafels in juni",
        "summary": "Doe mee.",
        "body": "Meer *tekst*.",
        "image_alt": "",
        "publication": Publication.NOW,
        "when": "",
        "tags_text": "consultatie, Ronde tafels",
    }
    return {**data, **overrides}


def test_the_office_writes_a_post_with_tags_and_families(world, client):
    client.force_login(world.office)
    url = reverse("news:post-create", args=[world.programme.slug])
    response = client.post(url, _form(families=[world.family.pk]))
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.number == 1 and post.is_live and post.author == world.office
    assert sorted(post.tags.values_list("slug", flat=True)) == ["consultatie", "ronde-tafels"]
    assert list(post.families.all()) == [world.family]
    assert post.history.count() >= 1
    slug = world.programme.slug
    assert (
        "Ronde tafels in juni"
        in client.get(reverse("news:tag-archive", args=[slug, "ronde-tafels"])).content.decode()
    )
    assert (
        "Ronde tafels in juni"
        in client.get(
            reverse("news:family-archive", args=[slug, world.family.slug])
        ).content.decode()
    )


def test_an_image_needs_its_alternative_text_and_must_be_an_image(
    world, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.office)
    url = reverse("news:post-create", args=[world.programme.slug])
    fake = SimpleUploadedFile("foto.png", b"geen afbeelding", content_type="image/png")
    response = client.post(url, _form(image=fake, title="Met foto", image_alt="Een zaal"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Met foto" in page and "Een zaal" in page  # what was typed stays
    assert response.context["form"].errors["image"]
    response = client.post(url, _form(image=png(), title="Met foto"))
    assert response.status_code == 400
    assert "Beschrijf wat op de afbeelding staat" in response.content.decode()
    assert not Post.objects.exists()
    assert client.post(url, _form(image=png(), image_alt="Een volle zaal")).status_code == 302
    post = Post.objects.get()
    response = client.get(post.get_absolute_url())
    assert 'alt="Een volle zaal"' in response.content.decode()
    assert 'property="og:image"' in response.content.decode()
    image = client.get(reverse("news:post-image", args=[world.programme.slug, post.number]))
    assert image.status_code == 200


def png():
    import io

    from PIL import Image

    data = io.BytesIO()
    Image.new("RGB", (4, 4), "orange").save(data, "PNG")
    return SimpleUploadedFile("zaal.png", data.getvalue(), content_type="image/png")


def test_scheduling_needs_a_moment_in_the_future(world, client):
    client.force_login(world.office)
    url = reverse("news:post-create", args=[world.programme.slug])
    response = client.post(url, _form(publication=Publication.SCHEDULED, when="01-01-2016 10:00"))
    assert response.status_code == 400
    assert "Kies een moment in de toekomst" in response.content.decode()
    later = (datetime.date.today() + datetime.timedelta(days=3)).strftime("%d-%m-%Y 09:00")
    assert client.post(url, _form(publication=Publication.SCHEDULED, when=later)).status_code == 302
    assert Post.objects.get().is_scheduled
    office = client.get(reverse("news:office", args=[world.programme.slug])).content.decode()
    assert "gepland" in office


def test_a_save_over_a_colleagues_save_is_refused(world, client):
    post = make_post(world, "Oud")
    client.force_login(world.office)
    url = reverse("news:post-edit", args=[world.programme.slug, post.number])
    form = client.get(url).context["form"]
    token = form.loaded_as
    post.summary = "Intussen gewijzigd."
    post.save()
    response = client.post(url, _form(title="Mijn titel", loaded_as=token))
    assert response.status_code == 409
    assert "Mijn titel" in response.content.decode()
    post.refresh_from_db()
    assert post.title == "Oud"


def _count_queries(client, url, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_archive_asks_the_same_number_of_queries_for_more_posts(
    world, client, django_assert_max_num_queries
):
    make_post(world, "Een", tags="a", families=[world.family])
    few = _count_queries(client, archive_url(world), django_assert_max_num_queries)
    for n in range(15):
        make_post(world, f"Bericht {n}", tags=f"t{n}, gedeeld", families=[world.family])
    many = _count_queries(client, archive_url(world), django_assert_max_num_queries)
    assert many == few
    client.force_login(world.office)
    office_url = reverse("news:office", args=[world.programme.slug])
    assert _count_queries(client, office_url, None) > 0


def test_a_non_public_programme_has_no_public_news(world, client):
    make_post(world, "Geheim")
    world.programme.is_public = False
    world.programme.save()
    assert client.get(archive_url(world)).status_code == 302  # asked to log in
    assert client.get(reverse("news:feed", args=[world.programme.slug])).status_code == 404
    assert client.get(f"/api/v1/programmes/{world.programme.slug}/news").status_code == 404
    client.force_login(world.outsider)
    assert client.get(archive_url(world)).status_code == 403


def test_dismissed_and_suggested_posts_stay_out_of_the_archive(world, client):
    make_post(world, "Voorstel", publication=Publication.DRAFT)
    Post.objects.update(state=PostState.SUGGESTED)
    assert "Voorstel" not in client.get(archive_url(world)).content.decode()
