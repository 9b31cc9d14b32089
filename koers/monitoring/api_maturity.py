"""The public read API of digital maturity: the indicator catalogue, the observations of an
indicator and the explanation of the differences between organisations.

Same conventions as koers/elaboration/api.py: public programmes only, lowerCamelCase, unknown
query parameters refused, lists paginated. The values are figures, public for a public
programme like the roll-up; an observation's note and the organisations' comply-or-explain
texts follow the rule of the progress reports, which an anonymous API cannot satisfy, so they
are left out.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response

from koers.organisations.api import PROGRAMME_SLUG_PARAMETER, PublicReadMixin
from koers.organisations.models import Family, Organisation, Programme

from . import explain, periods
from .models_maturity import Indicator, Observation

INDICATOR_CODE_PARAMETER = OpenApiParameter(
    "code", OpenApiTypes.STR, OpenApiParameter.PATH, description="Code of the indicator."
)


def _programme(slug: str) -> Programme:
    return get_object_or_404(Programme.objects.public(), slug=slug)


def _indicator(programme: Programme, code: str) -> Indicator:
    indicator = (
        Indicator.objects.filter(programme=programme, code=code).order_by("-version").first()
    )
    if indicator is None:
        raise Http404
    return indicator


class IndicatorSerializer(serializers.ModelSerializer):
    code = serializers.CharField()
    version = serializers.IntegerField(help_text="Version of the catalogue, from 1.")
    validFrom = serializers.DateField(source="valid_from")
    name = serializers.CharField()
    description = serializers.CharField(help_text="May be empty.")
    unit = serializers.CharField(help_text="percentage, aantal (count) or schaal (ordered scale).")
    levels = serializers.ListField(
        child=serializers.CharField(),
        help_text="The levels of a scale in their order; a value is a level's position from 0.",
    )
    direction = serializers.CharField(help_text="hoger (higher is better) or lager.")
    source = serializers.CharField(help_text="May be empty.")
    facility = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="Slug of the facility whose adoptions it reads; null if it stores values.",
    )

    class Meta:
        model = Indicator
        fields = [
            "code",
            "version",
            "validFrom",
            "name",
            "description",
            "unit",
            "levels",
            "direction",
            "source",
            "facility",
        ]


@extend_schema(
    summary="List the indicators of digital maturity of a public programme",
    description="Every version of every indicator of the catalogue, by position and code.",
    parameters=[PROGRAMME_SLUG_PARAMETER],
)
class IndicatorList(PublicReadMixin, generics.ListAPIView):
    serializer_class = IndicatorSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Indicator.objects.none()
        programme = _programme(self.kwargs["slug"])
        return (
            Indicator.objects.filter(programme=programme)
            .select_related("facility")
            .order_by("position", "code", "version")
        )


class ObservationSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.code", help_text="Organisation code.")
    indicatorVersion = serializers.IntegerField(source="indicator.version")
    period = serializers.CharField(help_text="2016, 2016-Q2 or 2016-05.")
    value = serializers.FloatField(help_text="On a scale: the level's position, from 0.")
    source = serializers.CharField(help_text="zelf, import or gemeten.")
    observedOn = serializers.DateField(source="observed_on")

    class Meta:
        model = Observation
        fields = ["organisation", "indicatorVersion", "period", "value", "source", "observedOn"]


def _period(value: str) -> str:
    try:
        return periods.parse(value).code
    except Exception:  # noqa: BLE001 - ValidationError: said in words
        raise serializers.ValidationError(str(periods.INVALID)) from None


class ObservationFilter(serializers.Serializer):
    period = serializers.CharField(required=False, help_text="2016, 2016-Q2 or 2016-05.")
    organisation = serializers.CharField(required=False, help_text="Code of an organisation.")
    family = serializers.SlugField(required=False, help_text="Slug of a family of the programme.")

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme

    def validate_period(self, value: str) -> str:
        return _period(value)

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
    summary="List the observations of one indicator",
    description="Per organisation and period the value, oldest period first. The observations of "
    "an indicator that reads the facility adoptions are those of GET "
    "/organisations/{code}/facility-adoptions.",
    parameters=[PROGRAMME_SLUG_PARAMETER, INDICATOR_CODE_PARAMETER, ObservationFilter],
)
class ObservationList(PublicReadMixin, generics.ListAPIView):
    serializer_class = ObservationSerializer
    filter_parameters = frozenset(ObservationFilter().fields)
    indicator_found = True

    def list(self, request, *args, **kwargs):
        # Bad parameters (the page's too) are a 400 before an unknown indicator is a 404.
        response = super().list(request, *args, **kwargs)
        if not self.indicator_found:
            raise Http404
        return response

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Observation.objects.none()
        programme = _programme(self.kwargs["slug"])
        params = ObservationFilter(data=self.request.query_params.dict(), programme=programme)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        codes = Indicator.objects.filter(programme=programme, code=self.kwargs["code"])
        self.indicator_found = codes.exists()
        observations = Observation.objects.filter(indicator__in=codes)
        if "period" in data:
            observations = observations.filter(period=data["period"])
        if "organisation" in data:
            observations = observations.filter(organisation=data["organisation"])
        if "family" in data:
            observations = observations.filter(
                organisation__in=Organisation.objects.filter(data["family"].membership_q())
            )
        return observations.select_related("organisation", "indicator").order_by(
            "period_ends_on", "period", "organisation__code", "pk"
        )


class ExplanationQuery(serializers.Serializer):
    period = serializers.CharField(
        required=True, help_text="The period to explain: 2016, 2016-Q2 or 2016-05."
    )

    def validate_period(self, value: str) -> str:
        return _period(value)


class GroupSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField()
    mean = serializers.FloatField()


class FactorSerializer(serializers.Serializer):
    key = serializers.CharField(
        help_text="familie, grootteklasse, medewerkers, klantgroepen or domein."
    )
    name = serializers.CharField()
    population = serializers.CharField(help_text="Whom it is computed over.")
    count = serializers.IntegerField(help_text="Organisations with a value and a group.")
    etaSquared = serializers.FloatField(
        source="eta_squared",
        allow_null=True,
        help_text="Between-group over total sum of squares; null with fewer than two groups or "
        "no differences.",
    )
    groups = GroupSerializer(many=True)


class ExplanationSerializer(serializers.Serializer):
    indicator = serializers.CharField(help_text="Code of the indicator.")
    period = serializers.CharField()
    count = serializers.IntegerField(help_text="Organisations with a value.")
    factors = FactorSerializer(many=True)


@extend_schema(
    summary="Explain the differences in one indicator in one period",
    description="Per characteristic (family, size class, staff, customer group, service "
    "domain) the share of the variance it explains (eta squared) and per group the count and "
    "mean, over the organisations with a value.",
    parameters=[PROGRAMME_SLUG_PARAMETER, INDICATOR_CODE_PARAMETER, ExplanationQuery],
    responses=ExplanationSerializer,
)
class IndicatorExplanation(PublicReadMixin, generics.GenericAPIView):
    filter_parameters = frozenset(ExplanationQuery().fields)

    def known_query_parameters(self) -> set[str]:
        return set(self.filter_parameters)

    def get(self, request, slug: str, code: str):
        programme = _programme(slug)
        params = ExplanationQuery(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        indicator = _indicator(programme, code)
        period = params.validated_data["period"]
        values, factors = explain.explanation(indicator, period)
        return Response(
            ExplanationSerializer(
                {
                    "indicator": indicator.code,
                    "period": period,
                    "count": len(values),
                    "factors": factors,
                }
            ).data
        )
