"""Atom feeds of a programme's news: the whole programme, one family, one tag.

Ids are tag URIs (RFC 4151) built from the site's host, the day the programme or post was
first made and its path, so they never change when a title (and so an address) does. Each
entry carries its summary and its rendered, sanitised text as content. A browser shows the
feed through an XSL stylesheet (koers/static/koers/atom.xsl) instead of raw XML: Chromium shows
`application/atom+xml` as plain text and applies no stylesheet, so a request that prefers HTML
(a browser opening the link) gets the same document as `application/xml`; feed readers, which
ask for Atom or anything, get `application/atom+xml`.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.xmlutils import SimplerXMLGenerator

from koers.core.markdown import render_markdown
from koers.organisations.models import Family, Programme

from .constants import FEED_ITEMS
from .models import Post, Tag


class AtomWithContent(Atom1Feed):
    """Atom 1.0 with a `content` element per entry and the stylesheet processing instruction
    (Django 5.2 writes the latter for RSS only)."""

    def write(self, outfile, encoding):
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", str(stylesheet))
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


# The date part of the feeds' own ids: a programme records no day it was made.
FEED_ID_DATE = "2024"


def tag_uri(host: str, day, path: str) -> str:
    day = day if isinstance(day, str) else f"{day:%Y-%m-%d}"
    return f"tag:{host.split(':')[0]},{day}:{path}"


def wants_a_page(request) -> bool:
    """Whether the request comes from a browser opening the feed, not from a feed reader."""
    accept = request.headers.get("Accept", "")
    return "text/html" in accept and "atom+xml" not in accept


class ProgrammeFeed(Feed):
    feed_type = AtomWithContent

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        if wants_a_page(request):
            response["Content-Type"] = "application/xml; charset=utf-8"
        patch_vary_headers(response, ["Accept"])
        return response

    def get_object(self, request, slug, **kwargs):
        programme = get_object_or_404(Programme, slug=slug)
        if not request.user.has_perm("news.view_news", programme):
            # A feed reader does not log in: a programme that is not public has no feed.
            raise Http404
        self.host = request.get_host()
        return self.scope(programme, **kwargs)

    def scope(self, programme, **kwargs):
        return {"programme": programme, "path": reverse("news:feed", args=[programme.slug])}

    def posts(self, obj):
        return Post.objects.filter(programme=obj["programme"])

    def stylesheets(self):
        return [static("koers/atom.xsl")]

    def title(self, obj):
        return _("Nieuws van %(programme)s") % {"programme": obj["programme"].name}

    def subtitle(self, obj):
        return obj["programme"].goal or None

    def link(self, obj):
        return reverse("news:archive", args=[obj["programme"].slug])

    def feed_url(self, obj):
        return obj["path"]

    def feed_guid(self, obj):
        return tag_uri(self.host, FEED_ID_DATE, obj["path"])

    def author_name(self, obj):
        return obj["programme"].coordinating_body or obj["programme"].name

    def items(self, obj):
        return (
            self.posts(obj)
            .published()
            .select_related("programme")
            .prefetch_related("tags")
            .newest_first()[:FEED_ITEMS]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        path = f"/programmas/{item.programme.slug}/nieuws/{item.number}"
        return tag_uri(self.host, item.created_at, path)

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_author_name(self, item):
        return item.programme.coordinating_body or item.programme.name

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def item_extra_kwargs(self, item):
        return {"content": str(render_markdown(item.body))}


class FamilyFeed(ProgrammeFeed):
    def scope(self, programme, family_slug):
        family = get_object_or_404(Family, programme=programme, slug=family_slug)
        path = reverse("news:family-feed", args=[programme.slug, family.slug])
        return {"programme": programme, "family": family, "path": path}

    def posts(self, obj):
        return super().posts(obj).filter(families=obj["family"])

    def title(self, obj):
        return _("Nieuws van %(programme)s voor %(family)s") % {
            "programme": obj["programme"].name,
            "family": obj["family"].name,
        }

    def link(self, obj):
        return reverse("news:family-archive", args=[obj["programme"].slug, obj["family"].slug])


class TagFeed(ProgrammeFeed):
    def scope(self, programme, value):
        tag = get_object_or_404(Tag, programme=programme, slug=value)
        return {
            "programme": programme,
            "tag": tag,
            "path": reverse("news:tag-feed", args=[programme.slug, tag.slug]),
        }

    def posts(self, obj):
        return super().posts(obj).filter(tags=obj["tag"])

    def title(self, obj):
        return _("Nieuws van %(programme)s over %(tag)s") % {
            "programme": obj["programme"].name,
            "tag": obj["tag"].name,
        }

    def link(self, obj):
        return reverse("news:tag-archive", args=[obj["programme"].slug, obj["tag"].slug])
