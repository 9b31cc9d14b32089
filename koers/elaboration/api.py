"""The public read API of the elaboration: every organisation's commitments, milestones nested.

Same conventions as koers/agenda/api.py: public programmes only, lowerCamelCase, unknown query
parameters refused, paginated. No person's name: the owner (often a person) and who changed a
commitment are left out.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers

from koers.agenda.models import MainActivity
from koers.organisations.api import PROGRAMME_SLUG_PARAMETER, PublicReadMixin
from koers.organisations.models import Family, Organisation, Programme

from .models import Commitment, Milestone


class MilestoneSerializer(serializers.ModelSerializer):
    title = serializers.CharField()
    dueOn = serializers.DateField(source="due_on")
    doneOn = serializers.DateField(source="done_on", allow_null=True, help_text="Null until done.")

    class Meta:
        model = Milestone
        fields = ["title", "dueOn", "doneOn"]


class CommitmentSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField()
    organisation = serializers.CharField(source="organisation.code", help_text="Organisation code.")
    mainActivity = serializers.UUIDField(
        source="main_activity_anchor",
        allow_null=True,
        help_text="Anchor of the main activity it elaborates; null for an own commitment.",
    )
    title = serializers.CharField()
    what = serializers.CharField()
    how = serializers.CharField(help_text="May be empty.")
    status = serializers.CharField(help_text="concept, toegezegd or gereed.")
    facilities = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True, help_text="Slugs of the facilities."
    )
    dependsOn = serializers.SlugRelatedField(
        source="depends_on",
        slug_field="code",
        many=True,
        read_only=True,
        help_text="Codes of the organisations it depends on.",
    )
    dependencyNote = serializers.CharField(source="dependency_note", help_text="May be empty.")
    transferredFrom = serializers.CharField(
        source="transferred_from.code",
        allow_null=True,
        default=None,
        help_text="Code of the organisation it came from after a merger; null if none.",
    )
    transferredAt = serializers.DateTimeField(source="transferred_at", allow_null=True)
    milestones = MilestoneSerializer(many=True, help_text="Earliest first.")
    updatedAt = serializers.DateTimeField(source="updated_at")

    class Meta:
        model = Commitment
        fields = [
            "id",
            "organisation",
            "mainActivity",
            "title",
            "what",
            "how",
            "status",
            "facilities",
            "dependsOn",
            "dependencyNote",
            "transferredFrom",
            "transferredAt",
            "milestones",
            "updatedAt",
        ]


class CommitmentFilter(serializers.Serializer):
    organisation = serializers.CharField(required=False, help_text="Code of an organisation.")
    family = serializers.SlugField(
        required=False, help_text="Only commitments for this family's main activities (slug)."
    )
    mainActivity = serializers.UUIDField(required=False, help_text="Anchor of a main activity.")

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme

    def validate_organisation(self, code: str) -> Organisation:
        organisation = Organisation.objects.filter(code=code).first()
        if organisation is None:
            raise serializers.ValidationError(_("Onbekende organisatiecode '%s'.") % code)
        return organisation

    def validate_family(self, slug: str) -> Family:
        family = Family.objects.filter(programme=self.programme, slug=slug).first()
        if family is None:
            raise serializers.ValidationError(_("Het programma heeft geen familie '%s'.") % slug)
        return family


@extend_schema(
    summary="List the commitments of a public programme, with their milestones",
    description="Every organisation's elaboration of the adopted agenda, oldest first.",
    parameters=[PROGRAMME_SLUG_PARAMETER, CommitmentFilter],
)
class CommitmentList(PublicReadMixin, generics.ListAPIView):
    serializer_class = CommitmentSerializer
    filter_parameters = frozenset(CommitmentFilter().fields)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Commitment.objects.none()
        programme = get_object_or_404(Programme.objects.public(), slug=self.kwargs["slug"])
        params = CommitmentFilter(data=self.request.query_params.dict(), programme=programme)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        commitments = Commitment.objects.filter(programme=programme)
        if "organisation" in data:
            commitments = commitments.filter(organisation=data["organisation"])
        if "family" in data:
            anchors = MainActivity.objects.filter(family=data["family"]).values("anchor")
            commitments = commitments.filter(main_activity_anchor__in=anchors)
        if "mainActivity" in data:
            commitments = commitments.filter(main_activity_anchor=data["mainActivity"])
        return (
            commitments.select_related("organisation", "transferred_from")
            .prefetch_related(
                Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "pk")),
                "facilities",
                "depends_on",
            )
            .order_by("pk")
        )
