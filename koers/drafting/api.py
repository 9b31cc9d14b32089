from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers

from koers.agenda.api import VERSION_NUMBER_PARAMETER, public_version
from koers.agenda.constants import ItemKind
from koers.consultation.models import Contribution
from koers.organisations.api import PROGRAMME_SLUG_PARAMETER, PublicReadMixin

from .constants import ChangeAction
from .models import Change


class ChangeSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(
        choices=ItemKind.choices, help_text="The kind of item that changed."
    )
    anchor = serializers.UUIDField(help_text="Anchor of the item that changed.")
    action = serializers.ChoiceField(choices=ChangeAction.choices)
    summary = serializers.CharField(help_text="Why it changed.")
    contributionIds = serializers.SerializerMethodField(
        help_text="Ids of the published contributions that led to it (others are not named)."
    )
    themeIds = serializers.SerializerMethodField(help_text="Ids of the themes that led to it.")
    madeAt = serializers.DateTimeField(source="made_at")

    class Meta:
        model = Change
        fields = ["kind", "anchor", "action", "summary", "contributionIds", "themeIds", "madeAt"]

    def get_contributionIds(self, change: Change) -> list[int]:
        return [c.pk for c in change.published_contributions]

    def get_themeIds(self, change: Change) -> list[int]:
        return [t.pk for t in change.themes.all()]


@extend_schema(
    summary="List the trace of a public version: every change, why, and what led to it",
    description="Oldest first. Only a version based on another one has a trace.",
    parameters=[PROGRAMME_SLUG_PARAMETER, VERSION_NUMBER_PARAMETER],
)
class ChangeList(PublicReadMixin, generics.ListAPIView):
    serializer_class = ChangeSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Change.objects.none()
        version = public_version(self.kwargs["slug"], self.kwargs["number"])
        published = Contribution.objects.published().only("pk").order_by("pk")
        return (
            Change.objects.filter(version=version)
            .prefetch_related(
                Prefetch("contributions", published, to_attr="published_contributions"),
                "themes",
            )
            .order_by("made_at", "pk")
        )
