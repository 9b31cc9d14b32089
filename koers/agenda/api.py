"""The public read API of the structured agenda: a public version's steps with each family's
main activities, and its trace (what changed, why, and which published input and themes led to
it).

Same conventions as koers/consultation/api.py: lowerCamelCase, public programmes and public
versions only, unknown query parameters refused, paginated lists. No person's name: who made a
change is left out, and only contributions whose authors consented to publication are named.
"""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers

from koers.organisations.api import PROGRAMME_SLUG_PARAMETER, PublicReadMixin
from koers.organisations.models import Family, Programme

from .models import AgendaVersion, MainActivity, Step

VERSION_NUMBER_PARAMETER = OpenApiParameter(
    "number", OpenApiTypes.INT, OpenApiParameter.PATH, description="Version number."
)


def public_version(slug: str, number: int):
    programme = get_object_or_404(Programme.objects.public(), slug=slug)
    version = (
        AgendaVersion.objects.filter(programme=programme).public().filter(number=number).first()
    )
    if version is None:
        raise Http404
    return version


class MainActivitySerializer(serializers.ModelSerializer):
    anchor = serializers.UUIDField(help_text="Stays the same from one version to the next.")
    position = serializers.IntegerField(help_text="Order among the family's activities of a step.")
    family = serializers.SlugField(source="family.slug", help_text="Slug of the family.")
    title = serializers.CharField()
    description = serializers.CharField(help_text="Markdown; may be empty.")
    intendedOutcome = serializers.CharField(source="intended_outcome", help_text="May be empty.")
    deadline = serializers.DateField(help_text="Never after the programme's deadline.")
    responsible = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True, help_text="Codes of the organisations."
    )
    facilities = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True, help_text="Slugs of the facilities."
    )

    class Meta:
        model = MainActivity
        fields = [
            "anchor",
            "position",
            "family",
            "title",
            "description",
            "intendedOutcome",
            "deadline",
            "responsible",
            "facilities",
        ]


class StepSerializer(serializers.ModelSerializer):
    anchor = serializers.UUIDField(help_text="Stays the same from one version to the next.")
    position = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField(help_text="Markdown; may be empty.")
    mainActivities = MainActivitySerializer(
        source="activities", many=True, help_text="In order of family, then position."
    )

    class Meta:
        model = Step
        fields = ["anchor", "position", "title", "description", "mainActivities"]


class StepFilter(serializers.Serializer):
    family = serializers.SlugField(
        required=False, help_text="Only this family's main activities (slug of a family)."
    )

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme

    def validate_family(self, slug: str) -> Family:
        family = Family.objects.filter(programme=self.programme, slug=slug).first()
        if family is None:
            raise serializers.ValidationError(_("Het programma heeft geen familie '%s'.") % slug)
        return family


@extend_schema(
    summary="List the steps of a public version, with the main activities under them",
    parameters=[PROGRAMME_SLUG_PARAMETER, VERSION_NUMBER_PARAMETER, StepFilter],
)
class StepList(PublicReadMixin, generics.ListAPIView):
    serializer_class = StepSerializer
    filter_parameters = frozenset(StepFilter().fields)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Step.objects.none()
        version = public_version(self.kwargs["slug"], self.kwargs["number"])
        params = StepFilter(data=self.request.query_params.dict(), programme=version.programme)
        params.is_valid(raise_exception=True)
        activities = MainActivity.objects.for_reading(version, params.validated_data.get("family"))
        return (
            Step.objects.filter(version=version)
            .prefetch_related(Prefetch("main_activities", activities, to_attr="activities"))
            .order_by("position", "pk")
        )
