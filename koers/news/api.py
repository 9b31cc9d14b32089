"""The public read API of the news: a public programme's published posts, newest first.

Same conventions as koers/agenda/api.py: public programmes only, lowerCamelCase, unknown query
parameters refused, paginated lists. A post's text comes as Markdown and as the sanitised HTML
its page shows; drafts, scheduled posts and Koers's suggestions never appear.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers

from koers.core.markdown import render_markdown
from koers.organisations.api import PROGRAMME_SLUG_PARAMETER, PublicReadMixin
from koers.organisations.models import Programme

from .models import Post


class PostSerializer(serializers.ModelSerializer):
    number = serializers.IntegerField(help_text="Number of the post within its programme.")
    title = serializers.CharField()
    summary = serializers.CharField()
    body = serializers.CharField(help_text="Markdown.")
    bodyHtml = serializers.SerializerMethodField(help_text="The body as sanitised HTML.")
    publishedAt = serializers.DateTimeField(source="published_at")
    updatedAt = serializers.DateTimeField(source="updated_at")
    url = serializers.SerializerMethodField(help_text="The post's page.")
    tags = serializers.SerializerMethodField(help_text="Names of the tags it concerns.")
    familySlugs = serializers.SerializerMethodField(help_text="Slugs of the families it concerns.")

    class Meta:
        model = Post
        fields = [
            "number",
            "title",
            "summary",
            "body",
            "bodyHtml",
            "publishedAt",
            "updatedAt",
            "url",
            "tags",
            "familySlugs",
        ]

    def get_bodyHtml(self, post) -> str:
        return str(render_markdown(post.body))

    def get_url(self, post) -> str:
        return self.context["request"].build_absolute_uri(post.get_absolute_url())

    def get_tags(self, post) -> list[str]:
        return [tag.name for tag in post.tags.all()]

    def get_familySlugs(self, post) -> list[str]:
        return [family.slug for family in post.families.all()]


@extend_schema(
    summary="List the published news posts of a public programme",
    description="Newest first; scheduled posts appear once their time has come.",
    parameters=[PROGRAMME_SLUG_PARAMETER],
)
class NewsList(PublicReadMixin, generics.ListAPIView):
    serializer_class = PostSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Post.objects.none()
        programme = get_object_or_404(Programme.objects.public(), slug=self.kwargs["slug"])
        return (
            Post.objects.filter(programme=programme)
            .published()
            .select_related("programme")
            .prefetch_related("tags", "families")
            .newest_first()
        )
