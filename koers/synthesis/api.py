"""The public read API of the synthesis: a public programme's themes with their coverage per
family, its campaigns (letters many people sent), its analysis runs, and what was done with each
published contribution (its disposition).

Same conventions as the register's API (koers/organisations/api.py): lowerCamelCase names,
public programmes only, unknown query parameters refused, paginated lists with a Link header.

What it leaves out, on purpose: contribution texts and the themes' quotes (a quote may come from
someone who did not consent to publication), and every person's name. Who made a label or a
common-thread decision is only "analyse" (the machine proposed it) or "persoon" (a person decided).
A campaign's representative text appears only when that contribution itself is published.
"""

from django.db.models import Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from koers.consultation.models import Contribution
from koers.core.numbers import PositiveIntegerParameter
from koers.core.problems import PROBLEM_CONTENT_TYPE, problem
from koers.organisations.api import PROGRAMME_SLUG_PARAMETER, PublicReadMixin
from koers.organisations.models import Programme

from . import tally
from .constants import Outcome, RunMode, RunState
from .models import Campaign, Disposition, SynthesisRun, Theme, ThemeAssignment
from .overview import ThemeRow, theme_overview
from .readable import readable_keywords

BY_ANALYSIS = "analyse"
BY_PERSON = "persoon"
# Two choice sets with the same values: their labels tell what each one is about in the schema.
LABEL_BY = [(BY_ANALYSIS, "the analysis proposed the label"), (BY_PERSON, "a person named it")]
THREAD_DECIDED_BY = [
    (BY_ANALYSIS, "the analysis' reading stands"),
    (BY_PERSON, "a person marked or unmarked it"),
]


def _public_programme(slug: str) -> Programme:
    return get_object_or_404(Programme.objects.public(), slug=slug)


def _with_public_keywords(programme: Programme, rows: list[ThemeRow]) -> list[ThemeRow]:
    """Sets each theme's `public_keywords`: its keywords that occur in its published input
    (the stored ones come from all input, also input without consent or hidden later)."""
    published = Contribution.objects.published_in(programme)
    # A theme without published input has none of its keywords to show; asked anyway, the
    # database walks all its members to find none (84 ms for one of 50,000 on PostgreSQL).
    counted = tally.published_per_theme(programme)
    shown = [row.theme for row in rows if counted.get(row.theme.pk)]
    found = readable_keywords(shown, published)
    for row in rows:
        row.theme.public_keywords = found.get(row.theme.pk, [])
    return rows


def _made_by(person_decided: bool) -> str:
    return BY_PERSON if person_decided else BY_ANALYSIS


# Serializes a ThemeRow of koers.synthesis.overview: the theme with its counted coverage.
# (A comment, not a docstring: drf-spectacular would publish that as the schema's description.)
class ThemeSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        source="theme.pk",
        help_text="Stable while the theme stands; see the theme endpoint for merged ones.",
    )
    label = serializers.CharField(source="theme.label", help_text="The theme's name (Dutch).")
    labelBy = serializers.SerializerMethodField(
        help_text="Who gave the label: `analyse` (proposed by the analysis; a later run may "
        "improve it) or `persoon` (a person named it; no run changes it)."
    )
    keywords = serializers.ListField(
        source="theme.public_keywords",
        child=serializers.CharField(),
        help_text="The words that characterise the theme, most telling first; only words that "
        "occur in the theme's published contributions.",
    )
    size = serializers.IntegerField(
        help_text="The number of contributions in the theme (not counting input hidden by "
        "moderation)."
    )
    isOther = serializers.BooleanField(
        source="theme.is_other",
        help_text="The one theme per programme for input that fits no other theme.",
    )
    coverage = serializers.SerializerMethodField(
        help_text="Per family (by slug): the share (0 to 1) of that family's assigned input that "
        "is in this theme. Every family of the programme is listed."
    )
    commonThread = serializers.BooleanField(
        source="common_thread",
        help_text="Whether it counts as a common thread (rode draad): a person's decision if "
        "there is one, otherwise the analysis' reading (`commonThreadProposed`).",
    )
    commonThreadProposed = serializers.BooleanField(
        source="proposed_thread",
        help_text="The analysis' reading: the theme reaches the programme's threshold share of "
        "the families. Never true for the 'other' theme.",
    )
    commonThreadDecision = serializers.SerializerMethodField(
        help_text="Where `commonThread` comes from: `analyse` (the proposal stands) or "
        "`persoon` (a person marked or unmarked it)."
    )
    specificTo = serializers.SerializerMethodField(
        help_text="Slug of the family whose share is at least twice the next family's, when the "
        "analysis does not read it as a common thread; null otherwise."
    )
    divisive = serializers.BooleanField(
        help_text="Raised by two or more families, but not by enough for a common thread, while "
        "another family hardly mentions it."
    )

    @extend_schema_field(serializers.ChoiceField(choices=LABEL_BY))
    def get_labelBy(self, row: ThemeRow) -> str:
        return _made_by(row.theme.label_by_id is not None)

    @extend_schema_field(
        serializers.DictField(child=serializers.FloatField(min_value=0, max_value=1))
    )
    def get_coverage(self, row: ThemeRow) -> dict[str, float]:
        return {cell.family.slug: round(cell.share, 4) for cell in row.cells}

    @extend_schema_field(serializers.ChoiceField(choices=THREAD_DECIDED_BY))
    def get_commonThreadDecision(self, row: ThemeRow) -> str:
        return _made_by(row.theme.common_thread_decision is not None)

    @extend_schema_field(serializers.SlugField(allow_null=True))
    def get_specificTo(self, row: ThemeRow) -> str | None:
        return row.specific_to.slug if row.specific_to is not None else None


class ThemeFilter(serializers.Serializer):
    commonThread = serializers.BooleanField(
        required=False,
        help_text="`true`: only the common threads; `false`: only the other themes.",
    )


class CampaignSerializer(serializers.ModelSerializer):
    number = serializers.IntegerField(help_text="The campaign's number within its analysis run.")
    size = serializers.IntegerField(
        help_text="How many contributions are (nearly) the same letter."
    )
    theme = serializers.IntegerField(
        source="theme_id",
        allow_null=True,
        help_text="Id of the theme its representative contribution is in.",
    )
    text = serializers.SerializerMethodField(
        help_text="The representative text; only when that contribution's author consented to "
        "publication and moderation did not hide it, otherwise null."
    )

    class Meta:
        model = Campaign
        fields = ["number", "size", "theme", "text"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_text(self, campaign: Campaign) -> str | None:
        # What the public may read of the representative: its approved text, without names
        # where none were consented.
        return campaign.representative.public_text if campaign.published else None


class SynthesisRunSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField()
    mode = serializers.ChoiceField(
        choices=RunMode.choices,
        help_text="`volledig`: all input analysed afresh; `nieuw`: only unassigned input placed "
        "in the current themes.",
    )
    state = serializers.ChoiceField(choices=RunState.choices)
    stage = serializers.SerializerMethodField(
        help_text="The step a running analysis is in (Dutch); null when it is not running."
    )
    percent = serializers.IntegerField(
        min_value=0, max_value=100, help_text="Progress in percent; 100 when done."
    )
    requestedAt = serializers.DateTimeField(source="requested_at")
    startedAt = serializers.DateTimeField(source="started_at", allow_null=True)
    finishedAt = serializers.DateTimeField(source="finished_at", allow_null=True)
    themesRequested = serializers.IntegerField(
        source="themes_requested",
        allow_null=True,
        help_text="The number of themes asked for; null: the analysis chose.",
    )
    contributions = serializers.IntegerField(help_text="Contributions analysed.")
    themesCreated = serializers.IntegerField(source="themes_created")
    campaignsFound = serializers.IntegerField(source="campaigns_found")
    decisionsKept = serializers.IntegerField(
        source="decisions_kept",
        help_text="Assignments people made that the run left as they were.",
    )

    class Meta:
        model = SynthesisRun
        fields = [
            "id",
            "mode",
            "state",
            "stage",
            "percent",
            "requestedAt",
            "startedAt",
            "finishedAt",
            "themesRequested",
            "contributions",
            "themesCreated",
            "campaignsFound",
            "decisionsKept",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_stage(self, run: SynthesisRun) -> str | None:
        return run.stage if run.is_active and run.stage else None


@extend_schema(
    summary="List the themes of a programme's input",
    description="The active themes (merged ones are left out), largest first and the 'other' "
    "theme last, each with its share of every family's input and whether it is a common "
    "thread. No contribution texts or quotes.",
    parameters=[PROGRAMME_SLUG_PARAMETER, ThemeFilter],
)
class ThemeList(PublicReadMixin, generics.ListAPIView):
    serializer_class = ThemeSerializer
    filter_parameters = frozenset(ThemeFilter().fields)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Theme.objects.none()
        programme = _public_programme(self.kwargs["slug"])
        # A plain dict, not the QueryDict: DRF reads a missing boolean in form-like data as false.
        params = ThemeFilter(data=self.request.query_params.dict())
        params.is_valid(raise_exception=True)
        # The overview counts everything in a fixed number of queries; paging its rows is free.
        rows = theme_overview(programme).rows
        wanted = params.validated_data.get("commonThread")
        if wanted is not None:
            rows = [row for row in rows if row.common_thread == wanted]
        return _with_public_keywords(programme, rows)


THEME_ID_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Id of the theme."
)


@extend_schema(
    summary="Get one theme of a programme's input",
    description="A theme that was merged into another one answers 404; its problem details "
    "then carry `mergedInto`, the id of the theme its input went to.",
    parameters=[PROGRAMME_SLUG_PARAMETER, THEME_ID_PARAMETER],
    responses=ThemeSerializer,
)
class ThemeDetail(PublicReadMixin, generics.GenericAPIView):
    serializer_class = ThemeSerializer
    detail = True  # no query parameters at all (PublicReadMixin)

    def get(self, request, slug: str, id: int):
        programme = _public_programme(slug)
        theme = Theme.objects.filter(programme=programme, pk=id).first()
        if theme is None:
            raise NotFound()
        if theme.merged_into_id is not None:
            target = _merge_target(theme)
            return Response(
                problem(
                    request,
                    404,
                    _("Dit thema is samengevoegd met thema %(id)d.") % {"id": target.pk},
                    mergedInto=target.pk,
                ),
                status=404,
                content_type=PROBLEM_CONTENT_TYPE,
            )
        [row] = theme_overview(programme, Theme.objects.filter(pk=theme.pk)).rows
        _with_public_keywords(programme, [row])
        return Response(self.get_serializer(row).data)


def _merge_target(theme: Theme) -> Theme:
    """The active theme at the end of a chain of merges (A into B, later B into C: C)."""
    seen = {theme.pk}
    while theme.merged_into_id is not None and theme.merged_into_id not in seen:
        seen.add(theme.merged_into_id)
        theme = Theme.objects.get(pk=theme.merged_into_id)
    return theme


@extend_schema(
    summary="List the campaigns in a programme's input",
    description="Groups of (nearly) the same letter sent by many people, largest first. The "
    "representative text is only given when that contribution is published.",
    parameters=[PROGRAMME_SLUG_PARAMETER],
)
class CampaignList(PublicReadMixin, generics.ListAPIView):
    serializer_class = CampaignSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Campaign.objects.none()
        programme = _public_programme(self.kwargs["slug"])
        # Members share their representative's theme; the first member's stands in when the
        # representative is gone.
        member_theme = (
            ThemeAssignment.objects.filter(campaign=OuterRef("pk"))
            .order_by("pk")
            .values("theme_id")
        )
        representative_theme = ThemeAssignment.objects.filter(
            contribution_id=OuterRef("representative_id")
        ).values("theme_id")
        published = Contribution.objects.published().filter(pk=OuterRef("representative"))
        self.programme = programme
        # Subqueries, not joins: the page's ids are then read from the index alone.
        return (
            Campaign.objects.filter(programme=programme)
            .select_related("representative")
            .annotate(
                theme_id=Coalesce(
                    Subquery(representative_theme[:1]),
                    Subquery(member_theme[:1]),
                    output_field=IntegerField(),
                ),
                published=Exists(published),
            )
            .order_by("-size", "number")
        )

    def known_count(self) -> int:
        """Counted without the joins of the list's columns."""
        return Campaign.objects.filter(programme=self.programme).count()


@extend_schema(
    summary="List the analysis runs of a programme",
    description="Newest first, with their progress and what they found.",
    parameters=[PROGRAMME_SLUG_PARAMETER],
)
class SynthesisRunList(PublicReadMixin, generics.ListAPIView):
    serializer_class = SynthesisRunSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return SynthesisRun.objects.none()
        programme = _public_programme(self.kwargs["slug"])
        # The stored theme model of a full run can be large and is not shown.
        return (
            SynthesisRun.objects.filter(programme=programme)
            .defer("model", "error")
            .order_by("-requested_at", "-pk")
        )


class DispositionSerializer(serializers.ModelSerializer):
    contribution = serializers.IntegerField(
        source="contribution_id", help_text="Id of the contribution (see the contributions list)."
    )
    theme = serializers.IntegerField(
        source="theme_id",
        allow_null=True,
        help_text="Id of the theme the contribution is in; null when it is in no theme.",
    )
    outcome = serializers.ChoiceField(
        choices=Outcome.choices, help_text="What was done with the contribution."
    )
    reason = serializers.CharField(help_text="Why (Dutch), as written by the programme office.")
    decidedAt = serializers.DateTimeField(source="decided_at")

    class Meta:
        model = Disposition
        fields = ["contribution", "theme", "outcome", "reason", "decidedAt"]


class DispositionFilter(serializers.Serializer):
    theme = PositiveIntegerParameter(required=False, help_text="Only contributions in this theme.")
    family = serializers.SlugField(required=False, help_text="Slug of a family of the programme.")
    outcome = serializers.ChoiceField(
        choices=Outcome.choices, required=False, help_text="Only this outcome."
    )


@extend_schema(
    summary="List the dispositions of a programme's published contributions",
    description="What was done with each published contribution (verwerking) and why, oldest "
    "contribution first. Contributions that are not published are left out, and so is who "
    "decided.",
    parameters=[PROGRAMME_SLUG_PARAMETER, DispositionFilter],
)
class DispositionList(PublicReadMixin, generics.ListAPIView):
    serializer_class = DispositionSerializer
    filter_parameters = frozenset(DispositionFilter().fields)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Disposition.objects.none()
        programme = _public_programme(self.kwargs["slug"])
        params = DispositionFilter(data=self.request.query_params.dict())
        params.is_valid(raise_exception=True)
        data = params.validated_data
        self.programme, self.filters = programme, data
        # Each disposition's contribution looked up by its key, in the order of the list: asked
        # whether it is among all published input (IN) or joined to it, SQLite read and sorted
        # all of a million for every page (3 s).
        published = Contribution.objects.published_in(programme)
        dispositions = Disposition.objects.filter(
            Exists(published.filter(pk=OuterRef("contribution_id")))
        )
        if "theme" in data:
            dispositions = dispositions.filter(
                contribution__theme_assignment__theme_id=data["theme"]
            )
        if "family" in data:
            dispositions = dispositions.filter(contribution__family__slug=data["family"])
        if "outcome" in data:
            dispositions = dispositions.filter(outcome=data["outcome"])
        # A subquery, not a join: the page count then leaves it out.
        theme = ThemeAssignment.objects.filter(contribution_id=OuterRef("contribution_id"))
        return (
            dispositions.annotate(theme_id=Subquery(theme.values("theme_id")[:1]))
            .only("contribution_id", "outcome", "reason", "decided_at")
            .order_by("contribution_id")
        )

    def known_count(self) -> int | None:
        """The number of dispositions from the tally: every filter is one of its columns."""
        cell = {}
        if "theme" in self.filters:
            cell["theme_key"] = self.filters["theme"]
        if "family" in self.filters:
            family = self.programme.families.filter(slug=self.filters["family"]).first()
            if family is None:
                return 0
            cell["family_key"] = family.pk
        if "outcome" in self.filters:
            cell["outcome"] = self.filters["outcome"]
        return tally.published_count(self.programme, decided=True, **cell)
