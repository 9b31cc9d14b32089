"""The public read API of the monitoring: the roll-up per reporting round, and the forecast.

Same conventions as koers/elaboration/api.py: public programmes only, lowerCamelCase, unknown
query parameters refused, lists paginated. Only aggregate figures — what the public reads on the
monitoring pages — never an organisation's report or explanation. A percentage is null when no
one reported (unknown, never 0), with the counts beside it.
"""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.response import Response

from koers.elaboration import services as elaboration
from koers.organisations.api import PROGRAMME_SLUG_PARAMETER, PublicReadMixin
from koers.organisations.models import Programme

from .constants import ReportStatus
from .forecast import stored_forecast
from .models import ReportingRound
from .rollup import stored_roll_up


def _public_programme(slug: str) -> Programme:
    return get_object_or_404(Programme.objects.public(), slug=slug)


# --- the roll-up -------------------------------------------------------------------------------


class StatusCountsSerializer(serializers.Serializer):
    onTrack = serializers.IntegerField(help_text="Units reported on track.")
    atRisk = serializers.IntegerField(help_text="Units reported at risk.")
    delayed = serializers.IntegerField(help_text="Units reported delayed.")
    done = serializers.IntegerField(help_text="Units reported done.")
    stopped = serializers.IntegerField(help_text="Units reported stopped.")


STATUS_KEYS = {
    ReportStatus.ON_TRACK: "onTrack",
    ReportStatus.AT_RISK: "atRisk",
    ReportStatus.DELAYED: "delayed",
    ReportStatus.DONE: "done",
    ReportStatus.STOPPED: "stopped",
}


class TallySerializer(serializers.Serializer):
    """Organisation × main activity units: each organisation counts once per main activity."""

    units = serializers.IntegerField(
        source="total", help_text="Organisations × main activities counted."
    )
    reported = serializers.IntegerField(source="known", help_text="Units with a report.")
    unknown = serializers.IntegerField(help_text="Units without a report: unknown, never 0.")
    notElaborated = serializers.IntegerField(
        source="not_elaborated", help_text="Unknown units that were not even elaborated."
    )
    percent = serializers.IntegerField(
        allow_null=True, help_text="Mean percentage done over the units that reported; null: none."
    )
    statuses = serializers.SerializerMethodField(help_text="Units per reported status.")

    @extend_schema_field(StatusCountsSerializer)
    def get_statuses(self, tally) -> dict:
        return {key: tally.by_status.get(value, 0) for value, key in STATUS_KEYS.items()}


class MainActivityProgressSerializer(serializers.Serializer):
    mainActivity = serializers.UUIDField(source="activity.anchor", help_text="Its anchor.")
    title = serializers.CharField(source="activity.title")
    family = serializers.CharField(source="activity.family_name", help_text="Family name.")
    deadline = serializers.DateField(source="activity.deadline")
    progress = TallySerializer(source="tally")


class StepProgressSerializer(serializers.Serializer):
    title = serializers.CharField()
    progress = TallySerializer(source="tally")
    mainActivities = MainActivityProgressSerializer(source="activities", many=True)


class FamilyProgressSerializer(serializers.Serializer):
    family = serializers.SlugField(help_text="Slug of the family.")
    name = serializers.CharField()
    progress = TallySerializer()


class RoundProgressSerializer(serializers.Serializer):
    period = serializers.CharField(source="round.period", help_text="YYYY, YYYY-Qn or YYYY-MM.")
    label = serializers.CharField(source="round.label", help_text="The period in Dutch.")
    periodEndsOn = serializers.DateField(source="round.period_ends_on")
    deadline = serializers.DateField(source="round.deadline", help_text="Deadline to report.")
    programme = TallySerializer(help_text="The whole programme.")
    families = serializers.SerializerMethodField(help_text="Per family.")
    steps = StepProgressSerializer(many=True, help_text="Per step, with its main activities.")

    @extend_schema_field(FamilyProgressSerializer(many=True))
    def get_families(self, rollup) -> list:
        return FamilyProgressSerializer(
            [
                {"family": family.slug, "name": family.name, "progress": tally}
                for family, tally in rollup.families
            ],
            many=True,
        ).data


@extend_schema(
    summary="List the roll-up of progress per reporting round of a public programme",
    description=(
        "Per reporting round, oldest first: the programme, each family and each step with its "
        "main activities. Each organisation counts once per main activity; a missing report is "
        "unknown (counted in `unknown`), never 0."
    ),
    parameters=[PROGRAMME_SLUG_PARAMETER],
)
class ProgressList(PublicReadMixin, generics.ListAPIView):
    serializer_class = RoundProgressSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ReportingRound.objects.none()
        self.programme = _public_programme(self.kwargs["slug"])
        return ReportingRound.objects.filter(programme=self.programme).in_order()

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        version = elaboration.adopted_version(self.programme)
        rollups = stored_roll_up(self.programme, version, list(page))
        return self.get_paginated_response(self.get_serializer(rollups, many=True).data)


# --- the forecast ------------------------------------------------------------------------------


class ForecastSerializer(serializers.Serializer):
    title = serializers.CharField()
    deadline = serializers.DateField()
    milestones = serializers.IntegerField(source="total", help_text="With a baseline.")
    done = serializers.IntegerField()
    doneOnTime = serializers.IntegerField(source="done_on_time", help_text="On or before baseline.")
    pace = serializers.ListField(
        child=serializers.IntegerField(), help_text="Milestones done per month, oldest first."
    )
    expectedCompletion = serializers.DateField(
        source="expected", allow_null=True, help_text="Median; null when it cannot be told."
    )
    earliest = serializers.DateField(allow_null=True, help_text="10th percentile.")
    latest = serializers.DateField(allow_null=True, help_text="90th percentile.")
    beyondHorizon = serializers.BooleanField(
        source="beyond_horizon", help_text="Whether the latest lies beyond the horizon."
    )
    probability = serializers.FloatField(
        allow_null=True, help_text="Probability (0–1) of meeting the deadline; null: unknown."
    )
    probabilityInWords = serializers.CharField(source="words", help_text="In Dutch.")
    earnedSchedule = serializers.DateField(
        source="earned_schedule", allow_null=True, help_text="Completion by earned schedule."
    )


class FamilyForecastSerializer(serializers.Serializer):
    family = serializers.SlugField(help_text="Slug of the family.")
    forecast = ForecastSerializer()


class ActivityForecastSerializer(serializers.Serializer):
    mainActivity = serializers.UUIDField(help_text="Anchor of the main activity.")
    forecast = ForecastSerializer()


class ProgrammeForecastSerializer(serializers.Serializer):
    on = serializers.DateField(help_text="The reference date.")
    programme = ForecastSerializer()
    families = FamilyForecastSerializer(many=True)
    mainActivities = ActivityForecastSerializer(
        many=True, help_text="The least likely to meet its deadline first."
    )


class ForecastFilter(serializers.Serializer):
    on = serializers.DateField(
        required=False, help_text="Reference date (YYYY-MM-DD) of the forecast; today if absent."
    )


@extend_schema(
    summary="Get the forecast of a public programme: expected completion and its probability",
    description=(
        "The burn-up's pace of milestones done, run many times (Monte Carlo): the expected "
        "completion with a range, the probability of meeting the deadline, and earned schedule; "
        "for the programme, each family and each main activity."
    ),
    parameters=[PROGRAMME_SLUG_PARAMETER, ForecastFilter],
    responses=ProgrammeForecastSerializer,
)
class ForecastDetail(PublicReadMixin, generics.GenericAPIView):
    serializer_class = ProgrammeForecastSerializer
    filter_parameters = frozenset(ForecastFilter().fields)
    pagination_class = None

    def known_query_parameters(self) -> set[str]:
        return set(self.filter_parameters)

    def get(self, request, slug: str):
        programme = _public_programme(slug)
        params = ForecastFilter(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        on = params.validated_data.get("on") or timezone.localdate()
        families = list(programme.families.order_by("position", "name"))
        version = elaboration.adopted_version(programme)
        outlook = stored_forecast(programme, version, families, on)
        data = {
            "on": on,
            "programme": outlook.programme,
            "families": [{"family": f.slug, "forecast": fc} for f, fc in outlook.families],
            "mainActivities": [
                {"mainActivity": a.anchor, "forecast": fc} for a, fc in outlook.activities
            ],
        }
        return Response(self.get_serializer(data).data)
