"""The public read API of the council: its meetings about the agenda, each with the agenda items
and what was decided on them, and the change recommendations with their outcome.

Same conventions as koers/agenda/api.py: public programmes only, lowerCamelCase, unknown query
parameters refused, paginated lists. No person's name: who proposed or decided is left out, and
so are the minutes (free text that names people); the decisions themselves are public.
"""

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers

from koers.organisations.api import PROGRAMME_SLUG_PARAMETER, PublicReadMixin
from koers.organisations.models import Programme

from .constants import Decision, MeetingState, RecommendationAction, RecommendationStatus
from .models import CouncilMeeting, MeetingItem, Recommendation

MEETING_ID_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Id of the meeting."
)


def _meetings(slug: str):
    programme = get_object_or_404(Programme.objects.public(), slug=slug)
    return (
        CouncilMeeting.objects.filter(council__programme=programme)
        .select_related("version", "adopted_version")
        .order_by("-starts_at", "-pk")
    )


class MeetingSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    startsAt = serializers.DateTimeField(source="starts_at")
    location = serializers.CharField(help_text="May be empty.")
    # Plain strings with the values named: a ChoiceField here would collide with the enums of
    # versions and synthesis runs under the same field names in the schema.
    state = serializers.CharField(help_text=f"One of: {', '.join(MeetingState.values)}.")
    versionNumber = serializers.IntegerField(
        source="version.number", help_text="Number of the concept version discussed."
    )
    adoptedVersionNumber = serializers.IntegerField(
        source="adopted_version.number",
        allow_null=True,
        help_text="Number of the version the meeting adopted; null while it has not.",
    )
    itemCount = serializers.IntegerField(source="item_count")
    recommendationCount = serializers.IntegerField(source="recommendation_count")

    class Meta:
        model = CouncilMeeting
        fields = [
            "id",
            "title",
            "startsAt",
            "location",
            "state",
            "versionNumber",
            "adoptedVersionNumber",
            "itemCount",
            "recommendationCount",
        ]


class MeetingItemSerializer(serializers.ModelSerializer):
    position = serializers.IntegerField()
    title = serializers.CharField()
    sectionAnchor = serializers.UUIDField(
        source="section.anchor",
        allow_null=True,
        help_text="Anchor of the section discussed; null for a general point.",
    )
    decision = serializers.ChoiceField(
        choices=Decision.choices, allow_blank=True, help_text="Empty while not decided."
    )
    amendedText = serializers.CharField(
        source="amended_text", help_text="Markdown; only with decision `gewijzigd`."
    )
    decidedAt = serializers.DateTimeField(source="decided_at", allow_null=True)

    class Meta:
        model = MeetingItem
        fields = ["position", "title", "sectionAnchor", "decision", "amendedText", "decidedAt"]


class RecommendationSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField()
    paragraphAnchor = serializers.UUIDField(
        source="paragraph.anchor", help_text="Anchor of the paragraph it changes."
    )
    action = serializers.ChoiceField(choices=RecommendationAction.choices)
    passage = serializers.CharField(
        help_text="The existing passage; for an insert, the new text goes after it (empty: at "
        "the end of the paragraph)."
    )
    newText = serializers.CharField(source="new_text", help_text="Empty for a deletion.")
    motivation = serializers.CharField()
    status = serializers.CharField(help_text=f"One of: {', '.join(RecommendationStatus.values)}.")
    proposedAt = serializers.DateTimeField(source="proposed_at")
    decidedAt = serializers.DateTimeField(source="decided_at", allow_null=True)

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "paragraphAnchor",
            "action",
            "passage",
            "newText",
            "motivation",
            "status",
            "proposedAt",
            "decidedAt",
        ]


class MeetingDetailSerializer(MeetingSerializer):
    items = MeetingItemSerializer(many=True, help_text="In agenda order.")
    recommendations = RecommendationSerializer(many=True, help_text="In text order.")

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "items", "recommendations"]


def _counted(queryset):
    return queryset.annotate(
        item_count=Count("items", distinct=True),
        recommendation_count=Count("recommendations", distinct=True),
    )


@extend_schema(
    summary="List the council meetings of a public programme",
    description="Newest first.",
    parameters=[PROGRAMME_SLUG_PARAMETER],
)
class MeetingList(PublicReadMixin, generics.ListAPIView):
    serializer_class = MeetingSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CouncilMeeting.objects.none()
        return _counted(_meetings(self.kwargs["slug"]))


@extend_schema(
    summary="Get one council meeting with its items, decisions and change recommendations",
    parameters=[PROGRAMME_SLUG_PARAMETER, MEETING_ID_PARAMETER],
)
class MeetingDetail(PublicReadMixin, generics.RetrieveAPIView):
    serializer_class = MeetingDetailSerializer
    detail = True  # no query parameters at all (PublicReadMixin)
    lookup_field = "pk"
    lookup_url_kwarg = "id"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CouncilMeeting.objects.none()
        return _counted(_meetings(self.kwargs["slug"])).prefetch_related(
            Prefetch("items", MeetingItem.objects.select_related("section")),
            Prefetch("recommendations", Recommendation.objects.select_related("paragraph")),
        )
