"""The public read API of the consultation: agenda versions with their text, round tables, and
the contributions whose authors consented to publication.

Same conventions as the register's API (koers/organisations/api.py): lowerCamelCase names,
public programmes only, unknown query parameters refused. A draft is public once its
consultation has opened; before that it is the office's working text.
"""

from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, serializers

from koers.agenda.constants import VersionState
from koers.agenda.models import AgendaVersion, Paragraph, Section
from koers.organisations.api import PROGRAMME_SLUG_PARAMETER, PublicReadMixin
from koers.organisations.models import Family, Programme

from .constants import Channel, Stance
from .models import Contribution, RoundTable


def public_versions(programme: Programme):
    return AgendaVersion.objects.filter(programme=programme).public()


def _public_programme(slug: str) -> Programme:
    return get_object_or_404(Programme.objects.public(), slug=slug)


class VersionSummarySerializer(serializers.ModelSerializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(
        source="state",
        choices=VersionState.choices,
        help_text="voorzet (draft), concept, or vastgesteld (adopted, frozen).",
    )
    consultationOpensAt = serializers.DateTimeField(source="consultation_opens_at", allow_null=True)
    consultationClosesAt = serializers.DateTimeField(
        source="consultation_closes_at", allow_null=True
    )
    adoptedAt = serializers.DateTimeField(source="adopted_at", allow_null=True)
    basedOn = serializers.IntegerField(
        source="based_on.number", allow_null=True, help_text="Number of the previous version."
    )

    class Meta:
        model = AgendaVersion
        fields = [
            "number",
            "title",
            "status",
            "consultationOpensAt",
            "consultationClosesAt",
            "adoptedAt",
            "basedOn",
        ]


class ParagraphSerializer(serializers.ModelSerializer):
    anchor = serializers.UUIDField(
        help_text="Stays the same from one version to the next, through edits and reordering."
    )
    position = serializers.IntegerField()
    text = serializers.CharField(help_text="Markdown.")
    families = serializers.SlugRelatedField(
        slug_field="slug",
        many=True,
        read_only=True,
        help_text="Slugs of the families it is meant for; empty: for everyone.",
    )

    class Meta:
        model = Paragraph
        fields = ["anchor", "position", "text", "families"]


class SectionSerializer(serializers.ModelSerializer):
    anchor = serializers.UUIDField()
    position = serializers.IntegerField()
    title = serializers.CharField()
    paragraphs = ParagraphSerializer(many=True)

    class Meta:
        model = Section
        fields = ["anchor", "position", "title", "paragraphs"]


class VersionSerializer(VersionSummarySerializer):
    introduction = serializers.CharField(help_text="Markdown; may be empty.")
    sections = SectionSerializer(many=True)

    class Meta(VersionSummarySerializer.Meta):
        fields = [*VersionSummarySerializer.Meta.fields, "introduction", "sections"]


class RoundTableSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    startsAt = serializers.DateTimeField(source="starts_at")
    endsAt = serializers.DateTimeField(source="ends_at")
    location = serializers.CharField(allow_null=True)
    online = serializers.BooleanField(help_text="Whether one can take part online.")
    families = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    version = serializers.IntegerField(
        source="version.number", allow_null=True, help_text="Number of the version discussed."
    )

    class Meta:
        model = RoundTable
        fields = ["id", "title", "startsAt", "endsAt", "location", "online", "families", "version"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["location"] = data["location"] or None
        return data


class ContributionSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField()
    submittedAt = serializers.DateTimeField(source="submitted_at")
    channel = serializers.ChoiceField(choices=Channel.choices)
    stance = serializers.ChoiceField(choices=Stance.choices)
    text = serializers.CharField(
        source="public_text",
        help_text="The text as approved by moderation; without salutation and signature unless "
        "published with name.",
    )
    author = serializers.CharField(
        source="public_author",
        allow_null=True,
        help_text="Only when the author consented to publication with name.",
    )
    organisation = serializers.CharField(
        allow_null=True,
        help_text="Organisation code; only when the author consented to publication with name "
        "and, for a reviewer, once the organisation confirmed that the reviewer is theirs.",
    )
    claimedOrganisation = serializers.CharField(
        source="claimed_organisation",
        allow_null=True,
        help_text="Code of the organisation a reviewer says to be from, while nobody has "
        "confirmed it; only with consent to publication with name.",
    )
    family = serializers.SlugField(source="family.slug", allow_null=True)
    version = serializers.IntegerField(source="version.number", allow_null=True)
    paragraphs = serializers.SlugRelatedField(
        slug_field="anchor", many=True, read_only=True, help_text="Anchors of the paragraphs."
    )

    class Meta:
        model = Contribution
        fields = [
            "id",
            "submittedAt",
            "channel",
            "stance",
            "text",
            "author",
            "organisation",
            "claimedOrganisation",
            "family",
            "version",
            "paragraphs",
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["author"] = data["author"] or None
        organisation, claimed = instance.public_organisation, instance.claimed_organisation
        data["organisation"] = organisation.code if organisation else None
        data["claimedOrganisation"] = claimed.code if claimed else None
        return data


class ContributionFilter(serializers.Serializer):
    family = serializers.SlugField(required=False, help_text="Slug of a family of the programme.")
    paragraph = serializers.CharField(
        required=False,
        max_length=36,
        help_text="Anchor of a paragraph (in full, or its first 8 characters).",
    )
    channel = serializers.ChoiceField(
        choices=Channel.choices, required=False, help_text="Only input from this channel."
    )

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme

    def validate_family(self, slug: str) -> Family:
        family = Family.objects.filter(programme=self.programme, slug=slug).first()
        if family is None:
            raise serializers.ValidationError(_("Het programma heeft geen familie '%s'.") % slug)
        return family

    def validate_paragraph(self, anchor: str) -> list[int]:
        anchor = anchor.strip().lower()
        paragraphs = Paragraph.objects.filter(version__programme=self.programme)
        ids = [
            pk
            for pk, full in paragraphs.values_list("pk", "anchor")
            if str(full) == anchor or (len(anchor) == 8 and str(full).startswith(anchor))
        ]
        if not ids:
            raise serializers.ValidationError(_("Er is geen alinea met dit anker."))
        return ids


@extend_schema(
    summary="List the public versions of a programme's agenda",
    parameters=[PROGRAMME_SLUG_PARAMETER],
)
class VersionList(PublicReadMixin, generics.ListAPIView):
    serializer_class = VersionSummarySerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AgendaVersion.objects.none()
        programme = _public_programme(self.kwargs["slug"])
        return (
            AgendaVersion.objects.filter(programme=programme)
            .public()
            .select_related("based_on")
            .order_by("-number")
        )


@extend_schema(
    summary="Get one version of the agenda with its sections and paragraphs",
    parameters=[
        PROGRAMME_SLUG_PARAMETER,
        OpenApiParameter(
            "number", OpenApiTypes.INT, OpenApiParameter.PATH, description="Version number."
        ),
    ],
)
class VersionDetail(PublicReadMixin, generics.RetrieveAPIView):
    serializer_class = VersionSerializer
    lookup_field = "number"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AgendaVersion.objects.none()
        programme = _public_programme(self.kwargs["slug"])
        paragraphs = Paragraph.objects.order_by("position").prefetch_related("families")
        return (
            AgendaVersion.objects.filter(programme=programme)
            .public()
            .select_related("based_on")
            .prefetch_related(
                Prefetch(
                    "sections",
                    queryset=Section.objects.order_by("position").prefetch_related(
                        Prefetch("paragraphs", queryset=paragraphs)
                    ),
                )
            )
        )


@extend_schema(
    summary="List the round tables of a programme", parameters=[PROGRAMME_SLUG_PARAMETER]
)
class RoundTableList(PublicReadMixin, generics.ListAPIView):
    serializer_class = RoundTableSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return RoundTable.objects.none()
        programme = _public_programme(self.kwargs["slug"])
        return (
            RoundTable.objects.filter(programme=programme)
            .select_related("version")
            .prefetch_related("families")
            .annotate(online=ExpressionWrapper(~Q(online_url=""), output_field=BooleanField()))
            .order_by("starts_at", "pk")
        )


@extend_schema_view(
    get=extend_schema(
        summary="List the published contributions of a programme",
        description="Only contributions whose authors consented to publication and that "
        "moderation did not hide; a reviewer's reaction once the office approved it (at once "
        "where the programme moderates afterwards), in its approved text. Name and "
        "organisation only with consent to publication with name. Newest first.",
        parameters=[PROGRAMME_SLUG_PARAMETER, ContributionFilter],
    )
)
class ContributionList(PublicReadMixin, generics.ListAPIView):
    serializer_class = ContributionSerializer
    filter_parameters = frozenset(ContributionFilter().fields)
    # count_published(programme, family_key=...) -> how many contributions are published: a
    # count kept by the synthesis (its tally), which the consultation does not import; given by
    # koers/api/urls.py. Without it, or with other filters, the rows are counted.
    count_published = None

    def known_count(self) -> int | None:
        if self.count_published is None or set(self.filters) - {"family"}:
            return None
        cell = {"family_key": self.filters["family"].pk} if "family" in self.filters else {}
        return self.count_published(self.programme, **cell)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Contribution.objects.none()
        programme = _public_programme(self.kwargs["slug"])
        params = ContributionFilter(data=self.request.query_params.dict(), programme=programme)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        self.programme, self.filters = programme, data
        contributions = Contribution.objects.published_in(programme)
        if "family" in data:
            contributions = contributions.filter(family=data["family"])
        if "paragraph" in data:
            contributions = contributions.filter(paragraphs__in=data["paragraph"]).distinct()
        if "channel" in data:
            contributions = contributions.filter(channel=data["channel"])
        return contributions.select_related(
            "organisation", "family", "version", "reviewer"
        ).prefetch_related(Prefetch("paragraphs", queryset=Paragraph.objects.only("pk", "anchor")))
