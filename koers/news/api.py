"""The public read API of the news: a public programme's published posts, newest first.

Same conventions as koers/agenda/api.py: public programmes only, lowerCamelCase, unknown query
parameters refused, paginated lists. Sent newsletter issues likewise (never their recipients). A post's text comes as Markdown and as the sanitised HTML
its page shows; drafts, scheduled posts and Koers's suggestions never appear.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers

from koers.core.markdown import render_markdown
from koers.organisations.api import PROGRAMME_SLUG_PARAMETER, PublicReadMixin
from koers.organisations.models import Programme

from .models import Issue, Post


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


class IssueSerializer(serializers.ModelSerializer):
    number = serializers.IntegerField(help_text="Number of the issue within its programme.")
    subject = serializers.CharField()
    text = serializers.CharField(source="intro", help_text="The office's own text, Markdown.")
    textHtml = serializers.SerializerMethodField(help_text="The text as sanitised HTML.")
    sentAt = serializers.DateTimeField(source="sent_at")
    url = serializers.SerializerMethodField(help_text="The issue's page in the archive.")
    postNumbers = serializers.SerializerMethodField(
        help_text="Numbers of the published posts the issue presents."
    )

    class Meta:
        model = Issue
        fields = ["number", "subject", "text", "textHtml", "sentAt", "url", "postNumbers"]

    def get_textHtml(self, issue) -> str:
        return str(render_markdown(issue.intro))

    def get_url(self, issue) -> str:
        return self.context["request"].build_absolute_uri(issue.get_absolute_url())

    def get_postNumbers(self, issue) -> list[int]:
        return [post.number for post in issue.live_posts]


@extend_schema(
    summary="List the sent newsletter issues of a public programme",
    description="Newest first; drafts and issues still being sent never appear. Who received "
    "an issue is not part of the API.",
    parameters=[PROGRAMME_SLUG_PARAMETER],
)
class NewsletterList(PublicReadMixin, generics.ListAPIView):
    serializer_class = IssueSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Issue.objects.none()
        programme = get_object_or_404(Programme.objects.public(), slug=self.kwargs["slug"])
        return (
            Issue.objects.filter(programme=programme)
            .sent()
            .select_related("programme")
            .prefetch_related(
                Prefetch(
                    "posts",
                    queryset=Post.objects.published().order_by("number"),
                    to_attr="live_posts",
                )
            )
            .order_by("-sent_at", "-number")
        )
