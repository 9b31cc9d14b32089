"""The public read API of the register: programmes, families, organisations and facilities.

Property and query-parameter names are lowerCamelCase, as the NL API Design Rules ask, so every
serializer field names its model attribute through `source`. Only public programmes (and their
families) are visible: the API has no notion of a logged-in user.
"""

import datetime
import operator
from functools import reduce

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, serializers, viewsets
from rest_framework.exceptions import ErrorDetail
from rest_framework.permissions import AllowAny

from .constants import (
    AdoptionState,
    CustomerGroup,
    FacilityKind,
    Kind,
    ServiceDomain,
    SuccessionKind,
)
from .countries import COUNTRY_CODES
from .models import Facility, FacilityAdoption, Family, Organisation, Programme, Succession


class OptionalTextField(serializers.CharField):
    """A text the register may leave blank: absent is `null`, not an empty string."""

    def __init__(self, **kwargs):
        super().__init__(allow_null=True, **kwargs)

    def to_representation(self, value):
        return value or None


class FamilySerializer(serializers.ModelSerializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    minStaff = serializers.IntegerField(source="min_staff", allow_null=True)
    maxStaff = serializers.IntegerField(source="max_staff", allow_null=True)
    kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=Kind.choices),
        help_text="Organisations of these kinds are members, within the staff bounds.",
    )
    countries = serializers.ListField(
        child=serializers.ChoiceField(choices=COUNTRY_CODES),
        help_text="Only organisations in these countries (ISO 3166-1 alpha-2); empty: all.",
    )
    description = OptionalTextField()

    class Meta:
        model = Family
        fields = ["slug", "name", "description", "kinds", "countries", "minStaff", "maxStaff"]


class ProgrammeSerializer(serializers.ModelSerializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    goal = serializers.CharField()
    startsOn = serializers.DateField(source="starts_on", allow_null=True)
    coordinatingBody = serializers.CharField(source="coordinating_body")
    councilName = serializers.CharField(source="council.name", allow_null=True)
    description = OptionalTextField()
    families = FamilySerializer(many=True)

    class Meta:
        model = Programme
        fields = [
            "slug",
            "name",
            "goal",
            "description",
            "startsOn",
            "deadline",
            "coordinatingBody",
            "councilName",
            "families",
        ]


class SuccessorSerializer(serializers.ModelSerializer):
    code = serializers.CharField(
        source="successor.code", help_text="The organisation it went (wholly or partly) into."
    )
    date = serializers.DateField(help_text="The day of the succession.")
    kind = serializers.ChoiceField(choices=SuccessionKind.choices)

    class Meta:
        model = Succession
        fields = ["code", "date", "kind"]


class PredecessorSerializer(serializers.ModelSerializer):
    code = serializers.CharField(
        source="predecessor.code",
        help_text="The organisation that went (wholly or partly) into this one.",
    )
    date = serializers.DateField(help_text="The day of the succession.")
    kind = serializers.ChoiceField(choices=SuccessionKind.choices)

    class Meta:
        model = Succession
        fields = ["code", "date", "kind"]


class OrganisationSerializer(serializers.ModelSerializer):
    tooiUri = serializers.URLField(source="tooi_uri", allow_null=True)
    code = serializers.CharField(
        help_text="The key of the organisation in Koers: the TOOI code for a Dutch organisation, "
        "`<country>:<national identifier>` for one elsewhere."
    )
    country = serializers.ChoiceField(
        choices=COUNTRY_CODES,
        help_text="ISO 3166-1 alpha-2 code of the country (EU/EEA).",
    )
    nationalIdentifier = OptionalTextField(
        source="national_identifier",
        help_text="The number in the country's own register (KvK or OIN, SIREN, ...).",
    )
    kind = serializers.ChoiceField(choices=Kind.choices)
    municipalityCode = OptionalTextField(source="municipality_code")
    officialName = serializers.CharField(source="official_name")
    shortName = serializers.CharField(source="short_name")
    abbreviation = OptionalTextField()
    validFrom = serializers.DateField(source="valid_from", allow_null=True)
    validUntil = serializers.DateField(
        source="valid_until", allow_null=True, help_text="Inclusive: the last day it existed."
    )
    provinceCode = serializers.CharField(source="province.code", allow_null=True)
    staff = serializers.IntegerField(allow_null=True, help_text="Staff in FTE, rounded.")
    inhabitants = serializers.IntegerField(allow_null=True)
    customerGroups = serializers.ListField(
        source="customer_groups", child=serializers.ChoiceField(choices=CustomerGroup.choices)
    )
    serviceDomains = serializers.ListField(
        source="service_domains", child=serializers.ChoiceField(choices=ServiceDomain.choices)
    )
    successors = SuccessorSerializer(source="successions_out", many=True)
    predecessors = PredecessorSerializer(source="successions_in", many=True)

    class Meta:
        model = Organisation
        fields = [
            "tooiUri",
            "code",
            "country",
            "nationalIdentifier",
            "municipalityCode",
            "kind",
            "officialName",
            "shortName",
            "abbreviation",
            "validFrom",
            "validUntil",
            "provinceCode",
            "staff",
            "inhabitants",
            "customerGroups",
            "serviceDomains",
            "successors",
            "predecessors",
        ]


class FacilitySerializer(serializers.ModelSerializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    description = serializers.CharField()
    kind = serializers.ChoiceField(choices=FacilityKind.choices)
    forCitizens = serializers.BooleanField(source="for_citizens")
    forBusinesses = serializers.BooleanField(source="for_businesses")

    class Meta:
        model = Facility
        fields = ["slug", "name", "kind", "description", "forCitizens", "forBusinesses"]


class FacilityAdoptionSerializer(serializers.ModelSerializer):
    facility = serializers.SlugField(source="facility.slug")
    facilityName = serializers.CharField(source="facility.name")
    state = serializers.ChoiceField(choices=AdoptionState.choices)
    date = serializers.DateField(
        help_text="The planned date, or the date on which the state was reached."
    )
    note = OptionalTextField()

    class Meta:
        model = FacilityAdoption
        fields = ["facility", "facilityName", "state", "date", "note"]


class OrganisationFilter(serializers.Serializer):
    """The query parameters of the organisation list; errors become a 400 with invalidParams."""

    programme = serializers.SlugField(
        required=False,
        help_text="Slug of a programme: only organisations in one of its families.",
    )
    family = serializers.SlugField(
        required=False,
        help_text="Slug of a family. Needs `programme` when more than one programme has a "
        "family with this slug.",
    )
    kind = serializers.ChoiceField(
        choices=Kind.choices, required=False, help_text="Only organisations of this kind."
    )
    country = serializers.ChoiceField(
        choices=COUNTRY_CODES,
        required=False,
        help_text="Only organisations in this country (ISO 3166-1 alpha-2, EU/EEA).",
    )
    validOn = serializers.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        help_text="Only organisations that existed on this day (YYYY-MM-DD). Default: today.",
        error_messages={
            "invalid": gettext_lazy("Geef een datum als JJJJ-MM-DD, bijvoorbeeld 2015-06-26.")
        },
    )
    q = serializers.CharField(
        required=False,
        max_length=100,
        help_text="Part of the official or short name, or the exact abbreviation or code.",
    )

    def validate_programme(self, slug: str) -> Programme:
        programme = Programme.objects.public().filter(slug=slug).first()
        if programme is None:
            raise serializers.ValidationError(_("Er is geen programma '%s'.") % slug)
        return programme

    def validate(self, attrs):
        if "family" in attrs:
            attrs["family"] = self._find_family(attrs["family"], attrs.get("programme"))
        return attrs

    def _find_family(self, slug: str, programme: Programme | None) -> Family:
        families = Family.objects.filter(slug=slug, programme__is_public=True)
        if programme is not None:
            family = families.filter(programme=programme).first()
            if family is None:
                message = _("Het programma '%(programme)s' heeft geen familie '%(family)s'.")
                raise serializers.ValidationError(
                    {"family": message % {"programme": programme.slug, "family": slug}}
                )
            return family
        # Two programmes may both have, say, "gemeenten"; guessing would silently mix them.
        found = list(families.select_related("programme")[:10])
        if not found:
            raise serializers.ValidationError({"family": _("Er is geen familie '%s'.") % slug})
        if len(found) > 1:
            message = _(
                "De familie '%(family)s' bestaat in meer programma's (%(programmes)s); "
                "geef ook de parameter programme mee."
            )
            programmes = ", ".join(sorted(f.programme.slug for f in found))
            raise serializers.ValidationError(
                {"family": message % {"family": slug, "programmes": programmes}}
            )
        return found[0]


# Public data for anyone and without sessions: the API keeps no client state (API-02).
# A query parameter the operation does not know is refused rather than ignored: a misspelt filter
# (`valid_on` for `validOn`) would otherwise quietly answer with the wrong list.
# Filters read the query as a plain dict (`query_params.dict()`): from a QueryDict DRF takes an
# empty optional value (`?q=`) for an absent one, where the document says it may not be empty.
# (Comments, not a docstring: drf-spectacular would publish that on every operation.)
class PublicReadMixin:
    authentication_classes: list = []
    permission_classes = [AllowAny]
    filter_parameters: frozenset[str] = frozenset()

    def known_query_parameters(self) -> set[str]:
        if getattr(self, "detail", False):
            return set()
        paginator = self.paginator
        return {
            paginator.page_query_param,
            paginator.page_size_query_param,
            *self.filter_parameters,
        }

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        unknown = sorted(set(request.query_params) - self.known_query_parameters())
        if unknown:
            raise serializers.ValidationError(
                {name: ErrorDetail(_("Onbekende parameter."), code="unknown") for name in unknown}
            )


CODE_PARAMETER = OpenApiParameter(
    "code", OpenApiTypes.STR, OpenApiParameter.PATH, description="Organisation code."
)
PROGRAMME_SLUG_PARAMETER = OpenApiParameter(
    "slug", OpenApiTypes.STR, OpenApiParameter.PATH, description="Slug of the programme."
)


@extend_schema_view(
    list=extend_schema(summary="List the public programmes"),
    retrieve=extend_schema(summary="Get one programme with its families"),
)
class ProgrammeViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ProgrammeSerializer
    lookup_field = "slug"
    queryset = Programme.objects.public().select_related("council").prefetch_related("families")


@extend_schema_view(
    list=extend_schema(
        summary="List the families of a programme", parameters=[PROGRAMME_SLUG_PARAMETER]
    ),
    retrieve=extend_schema(
        summary="Get one family of a programme",
        parameters=[
            PROGRAMME_SLUG_PARAMETER,
            OpenApiParameter(
                "familySlug",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="Slug of the family within the programme.",
            ),
        ],
    ),
)
class FamilyViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = FamilySerializer
    lookup_field = "slug"
    lookup_url_kwarg = "familySlug"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no URL kwargs
            return Family.objects.none()
        programme = get_object_or_404(Programme.objects.public(), slug=self.kwargs["slug"])
        return programme.families.all()


@extend_schema_view(
    list=extend_schema(
        summary="List organisations",
        description="Organisations that existed on `validOn` (default: today), optionally "
        "narrowed to a programme, a family, a kind or a search text.",
        parameters=[OrganisationFilter],
    ),
    retrieve=extend_schema(
        summary="Get one organisation, whether or not it still exists",
        parameters=[CODE_PARAMETER],
    ),
)
class OrganisationViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganisationSerializer
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    filter_parameters = frozenset(OrganisationFilter().fields)
    queryset = Organisation.objects.select_related("province").prefetch_related(
        Prefetch("successions_out", Succession.objects.select_related("successor")),
        Prefetch("successions_in", Succession.objects.select_related("predecessor")),
    )

    def get_queryset(self):
        organisations = super().get_queryset()
        if self.action != "list":
            return organisations
        params = OrganisationFilter(data=self.request.query_params.dict())
        params.is_valid(raise_exception=True)
        data = params.validated_data
        return filter_organisations(
            organisations,
            programme=data.get("programme"),
            family=data.get("family"),
            kind=data.get("kind"),
            country=data.get("country"),
            valid_on=data.get("validOn") or timezone.localdate(),
            q=data.get("q", ""),
        )


def filter_organisations(
    organisations,
    *,
    programme: Programme | None,
    family: Family | None,
    kind: str | None,
    valid_on: datetime.date,
    q: str,
    country: str | None = None,
):
    organisations = organisations.valid_on(valid_on).search(q)
    if kind:
        organisations = organisations.of_kind(kind)
    if country:
        organisations = organisations.in_country(country)
    if family is not None:
        return organisations.in_family(family)
    if programme is not None:
        # Membership is a rule per family, so a programme's organisations are the union of those
        # rules: one query for the few families, and the rules become subqueries, not round trips.
        families = list(programme.families.all())
        if not families:
            return organisations.none()
        return organisations.filter(reduce(operator.or_, (f.membership_q() for f in families)))
    return organisations


@extend_schema_view(
    list=extend_schema(summary="List the common facilities"),
    retrieve=extend_schema(summary="Get one facility"),
)
class FacilityViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = FacilitySerializer
    lookup_field = "slug"
    queryset = Facility.objects.all()


@extend_schema(
    summary="List how far an organisation is with each facility", parameters=[CODE_PARAMETER]
)
class FacilityAdoptionList(PublicReadMixin, generics.ListAPIView):
    serializer_class = FacilityAdoptionSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no URL kwargs
            return FacilityAdoption.objects.none()
        organisation = get_object_or_404(Organisation, code=self.kwargs["code"])
        return organisation.facility_adoptions.select_related("facility")
